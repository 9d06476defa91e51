// "Who has the most ties?" — the walking skeleton's widget over calculators.ties.most_ties.
import { showRuntimeStatus } from "./status.js";

export function bindTies(form, runtime) {
  const status = form.querySelector(".calculator-status");
  const error = form.querySelector(".calculator-error");
  const output = form.querySelector(".calculator-result");
  showRuntimeStatus(status, runtime);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.textContent = "";
    output.replaceChildren();
    const text = form.elements.edges.value;
    let outcome;
    try {
      outcome = await runtime.call("calculators.ties:most_ties", { text, limit: 5 });
    } catch (failure) {
      error.textContent = failure.name === "AbortError" ? "Cancelled." : `The calculator is not available: ${failure.message}`;
      return;
    }
    if (outcome.error) {
      error.textContent = outcome.error;
      return;
    }
    const { people, total_people: totalPeople, total_ties: totalTies } = outcome.result;
    const summary = document.createElement("p");
    summary.textContent = `${totalPeople} people and ${totalTies} ties. The people with the most ties:`;
    const table = document.createElement("table");
    table.className = "ties-result";
    const head = table.createTHead().insertRow();
    for (const label of ["Person", "Ties"]) {
      const cell = document.createElement("th");
      cell.scope = "col";
      cell.textContent = label;
      head.append(cell);
    }
    const body = table.createTBody();
    for (const person of people) {
      const row = body.insertRow();
      row.insertCell().textContent = person.name;
      row.insertCell().textContent = String(person.ties);
    }
    output.append(summary, table);
  });
}
