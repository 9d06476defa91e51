// Page script: binds every calculator widget on the page to the shared Pyodide runtime.
// Material's instant navigation swaps pages without reloading, so binding happens on every
// `document$` emission; the runtime starts (at idle) only on pages that hold a calculator.
import { runtime } from "./runtime.js";
import { bindConnectors } from "./widgets/connectors.js";
import { bindDiagnose } from "./widgets/diagnose.js";

const WIDGETS = { connectors: bindConnectors, diagnose: bindDiagnose };

function bindPage() {
  const widgets = document.querySelectorAll("[data-calculator]");
  for (const element of widgets) {
    if (element.dataset.bound) continue;
    element.dataset.bound = "true";
    WIDGETS[element.dataset.calculator]?.(element, runtime);
  }
  if (widgets.length) {
    const startSoon = window.requestIdleCallback ?? ((callback) => setTimeout(callback, 1));
    startSoon(() => runtime.start(), { timeout: 500 });
  }
}

if (window.document$) window.document$.subscribe(bindPage);
else document.addEventListener("DOMContentLoaded", bindPage);
