// Page script: binds every calculator widget on the page to the shared Pyodide runtime.
// Material's instant navigation swaps pages without reloading, so binding happens on every
// `document$` emission; the runtime starts only on pages that hold a calculator.
import { runtime } from "./runtime.js";
import { bindConnectors } from "./widgets/connectors.js";
import { bindDiagnose } from "./widgets/diagnose.js";
import { bindReport } from "./widgets/report.js";

const WIDGETS = { connectors: bindConnectors, diagnose: bindDiagnose, report: bindReport };

// What each calculator needs beyond Python and its own package: Python packages the worker
// installs (only these are fetched, so the diagnostic never downloads networkx) and site files
// to keep for offline use (the picture library is loaded lazily, so name it).
const NEEDS = {
  connectors: { packages: ["networkx"], files: ["vendor/cytoscape/cytoscape.esm.min.mjs"] },
  diagnose: { packages: [], files: [] },
  report: { packages: [], files: [] },
};

/** The line under a page's calculators saying they now work offline (empty until they do). */
function offlineNote(after) {
  const note = document.createElement("p");
  note.className = "calculator-offline";
  note.setAttribute("role", "status");
  note.hidden = true;
  after.after(note);
  return note;
}

function bindPage() {
  const widgets = [...document.querySelectorAll("[data-calculator]")];
  if (!widgets.length) return;
  const needs = widgets.map((element) => NEEDS[element.dataset.calculator] ?? { packages: [], files: [] });
  const packages = [...new Set(needs.flatMap((need) => need.packages))];
  // Asked for before any widget is bound, so a call made at once finds its packages installed.
  runtime.need(packages);
  for (const element of widgets) {
    if (element.dataset.bound) continue;
    element.dataset.bound = "true";
    WIDGETS[element.dataset.calculator]?.(element, runtime);
  }
  // Start at once (downloads overlap the page's own work; the worker does not block it).
  runtime.start({ packages });
  if (!document.querySelector(".calculator-offline")) {
    const note = offlineNote(widgets[widgets.length - 1]);
    const plural = widgets.length > 1 ? "these calculators" : "this calculator";
    runtime.keepOffline([...new Set(needs.flatMap((need) => need.files))], () => note.isConnected, () => {
      note.textContent = `Available offline: ${plural} now work${widgets.length > 1 ? "" : "s"} on this device without a connection.`;
      note.hidden = false;
    });
  }
}

if (window.document$) window.document$.subscribe(bindPage);
else document.addEventListener("DOMContentLoaded", bindPage);
