// The runtime's state as every widget shows it: loading with its step, ready, or failed with
// a retry button. Stops listening once the widget has left the page (instant navigation).
function render(element, runtime, { state, message, step, steps }) {
  element.replaceChildren();
  element.dataset.state = state;
  const text = document.createElement("span");
  if (state === "loading") text.textContent = `Loading the calculator (step ${step} of ${steps}): ${message}…`;
  else if (state === "ready") text.textContent = "Calculator ready.";
  else if (state === "failed") text.textContent = `The calculator could not load: ${message}. Check your connection and try again.`;
  else text.textContent = "The calculator will load in a moment.";
  element.append(text);
  if (state === "failed") {
    const retry = document.createElement("button");
    retry.type = "button";
    retry.className = "md-button";
    retry.textContent = "Retry";
    retry.addEventListener("click", () => runtime.retry());
    element.append(" ", retry);
  }
}

export function showRuntimeStatus(element, runtime) {
  const unsubscribe = runtime.onStatus((state) => {
    if (element.isConnected) render(element, runtime, state);
    else unsubscribe();
  });
}
