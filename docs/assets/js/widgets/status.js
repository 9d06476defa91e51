// The runtime's state as every widget shows it: loading with its step, ready, or failed with
// a retry button. Stops listening once the widget has left the page (instant navigation).
// The element is a live region: it is rewritten only when what it says changes, so a screen
// reader hears each state once, not again on every status message the runtime repeats.
export function statusText({ state, message, step, steps }) {
  if (state === "loading") return `Loading the calculator (step ${step} of ${steps}): ${message}…`;
  if (state === "ready") return "Calculator ready.";
  if (state === "failed") return `The calculator could not load: ${message}. Check your connection and try again.`;
  return "The calculator will load in a moment.";
}

function render(element, runtime, status) {
  const text = document.createElement("span");
  text.textContent = statusText(status);
  if (element.dataset.state === status.state && element.firstChild?.textContent === text.textContent) return;
  element.replaceChildren();
  element.dataset.state = status.state;
  element.append(text);
  if (status.state === "failed") {
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
