// "One report from both calculators": reads a diagnostic result and a connectors result (the
// JSON files the two calculator pages export), has innovation_toolkit.report build one report
// from them, and shows it, prints it or saves it as Markdown. The files are read in this tab
// and passed to Python as bytes (the strict JSON reader there refuses repeated keys and absurd
// nesting); nothing is uploaded. Everything is built with DOM APIs and textContent: nothing
// from the files reaches innerHTML.
import { download, el, longDate } from "./dom.js";
import { showRuntimeStatus } from "./status.js";

const ADVICE_URL = new URL("../../../data/report-advice.json", import.meta.url);
const REPORT = "innovation_toolkit.report";
// The same limits as innovation_toolkit.report (MAX_DIAGNOSTIC_BYTES, MAX_CONNECTORS_BYTES): a
// file over them is refused here before it is read.
const FILES = {
  diagnostic: { limit: 5_000_000, what: "diagnostic result" },
  connectors: { limit: 40_000_000, what: "connectors result" },
};

let advicePromise = null;

function loadAdvice() {
  advicePromise ??= fetch(ADVICE_URL)
    .then((response) => {
      if (!response.ok) throw new Error(`the report's advice data answered ${response.status}`);
      return response.json();
    })
    .catch((error) => {
      advicePromise = null;
      throw error;
    });
  return advicePromise;
}

function sized(bytes) {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${bytes.toLocaleString("en-GB")} bytes`;
}

/** Which input a message from Python is about: it names "the diagnostic file" or "the connectors file". */
export function fileOfMessage(message) {
  if (/^(line \d+(, column \d+)?: )?the diagnostic file/.test(message)) return "diagnostic";
  if (/^(line \d+(, column \d+)?: )?the connectors file/.test(message)) return "connectors";
  return null;
}

/** "Ann, Bob and Cy". */
export function namesList(names) {
  if (names.length < 2) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

function cited(text, source) {
  return [text, source ? " " : null, source ? el("span", { class: "source", text: `(${source})` }) : null];
}

function renderRecord(record) {
  const rows = [
    ["Service or area", record.service ?? "not given"],
    ["Date", record.date ? longDate(record.date) : "not given"],
  ];
  if (record.respondents?.length) rows.push(["Respondents", `${record.respondent_count ?? record.respondents.length}: ${namesList(record.respondents)}`]);
  else if (record.respondent_count) rows.push(["Respondents", String(record.respondent_count)]);
  rows.push(["Network", `${record.network_people.toLocaleString("en-GB")} people, ${record.network_ties.toLocaleString("en-GB")} ties`]);
  return el("dl", { class: "report-record" }, ...rows.map(([term, value]) => el("div", {}, el("dt", { text: term }), el("dd", { text: value }))));
}

function renderPhase(phase, profile) {
  const section = el("section", { class: `report-phase verdict-${phase.kind}`, "aria-labelledby": "report-phase-heading" });
  section.append(el("h3", { id: "report-phase-heading", text: "Phase and profile" }));
  // A bold phase only when the answers support one (or two neighbouring) phases.
  section.append(el("p", { class: "report-headline" }, phase.kind === "unclear" ? el("span", { text: phase.headline }) : el("strong", { text: phase.headline })));
  if (phase.reason) section.append(el("p", { text: phase.reason }));
  if (phase.confidence.level) {
    const value = typeof phase.confidence.value === "number" ? ` (${phase.confidence.value.toFixed(2)} on a scale from 0 to 1)` : "";
    section.append(el("p", {}, el("strong", { text: "Confidence: " }), `${phase.confidence.level}${value}.`));
  }
  if (phase.next_actions.length) {
    section.append(el("h4", { text: "Next actions" }), el("ol", {}, ...phase.next_actions.map((action) =>
      el("li", {}, el("strong", { text: `${action.title}. ` }), ...cited(action.text ?? "", action.source)))));
  }
  if (profile.corners.length) {
    const table = el("table", { class: "report-triangle" }, el("caption", { text: `Strategic triangle (${profile.source})` }));
    const head = table.createTHead().insertRow();
    for (const heading of ["Corner", "Your rating", "Our reading of the report's account of the phase (§5.3)", "Comparison"]) head.append(el("th", { scope: "col", text: heading }));
    const body = table.createTBody();
    for (const corner of profile.corners) {
      const row = body.insertRow();
      row.append(el("th", { scope: "row", text: corner.name }), el("td", { text: corner.rating }), el("td", { text: corner.report ?? "—" }), el("td", { text: corner.comparison ?? "—" }));
    }
    section.append(el("div", { class: "report-scroll", role: "region", "aria-label": "Strategic triangle", tabindex: "0" }, table));
  }
  return section;
}

function renderConnectors(connectors) {
  const section = el("section", { class: "report-connectors", "aria-labelledby": "report-connectors-heading" });
  section.append(el("h3", { id: "report-connectors-heading", text: "Key connectors" }), el("p", { class: "report-connectors-headline", text: connectors.headline }));
  const list = el("ul", { class: "report-roles" });
  for (const line of connectors.roles) {
    const name = `${line.role[0].toUpperCase()}${line.role.slice(1)}s`;
    list.append(el("li", { "data-role": line.role },
      el("strong", { text: name }),
      line.meaning ? ` (${line.meaning}; ${line.source}): ` : ": ",
      line.text,
      line.names?.length ? el("span", { class: "report-names", text: ` ${namesList(line.names)}.` }) : null));
  }
  if (connectors.core) {
    list.append(el("li", {}, el("strong", { text: "Core across networks: " }), connectors.core.text,
      connectors.core.names?.length ? el("span", { class: "report-names", text: ` ${namesList(connectors.core.names)}.` }) : null));
  }
  section.append(list);
  if (connectors.density) section.append(el("p", { text: [connectors.density, connectors.density_caveat].filter(Boolean).join(" ") }));
  if (connectors.caveats.length) section.append(el("ul", { class: "report-caveats" }, ...connectors.caveats.map((text) => el("li", { text }))));
  return section;
}

function renderGroups(groups) {
  const section = el("section", { class: "report-groups", "aria-labelledby": "report-groups-heading" });
  section.append(el("h3", { id: "report-groups-heading", text: "Groups outside the core" }), el("p", { text: groups.text }));
  for (const item of groups.attributes) {
    section.append(el("h4", { text: `By ${item.attribute}` }), el("ul", {}, ...item.findings.map((text) => el("li", { text }))));
  }
  return section;
}

function renderResilience(resilience) {
  const section = el("section", { class: "report-resilience", "aria-labelledby": "report-resilience-heading" });
  section.append(el("h3", { id: "report-resilience-heading", text: "Resilience: if key people left" }), el("p", { text: resilience.text }));
  const items = resilience.scenarios.map((scenario) => el("li", { text: scenario.text }));
  if (resilience.most_critical) items.push(el("li", { text: resilience.most_critical.text }));
  if (items.length) section.append(el("ul", {}, ...items));
  section.append(el("p", { class: "report-caveat", text: resilience.caveat }));
  return section;
}

function renderAdvice(advice) {
  const section = el("section", { class: "report-advice", "aria-labelledby": "report-advice-heading" });
  section.append(el("h3", { id: "report-advice-heading", text: "What the report advises about networks and intermediaries" }));
  if (advice.note) section.append(el("p", { text: advice.note }));
  for (const phase of advice.phases) {
    section.append(el("h4", { text: `Phase ${phase.number}: ${phase.name}` }));
    section.append(phase.items.length
      ? el("ul", {}, ...phase.items.map((item) => el("li", {}, ...cited(item.text, item.source))))
      : el("p", { text: phase.empty }));
  }
  if (advice.linked.length) {
    section.append(el("h4", { text: "What your network result echoes" }), el("ul", {}, ...advice.linked.map((item) =>
      el("li", {}, el("strong", { text: `${item.because} ` }), ...cited(item.text, item.source)))));
  }
  section.append(el("h4", { text: "For every phase" }), el("ul", {}, ...advice.general.map((item) =>
    el("li", {}, el("strong", { text: `${item.title}. ` }), ...cited(item.text, item.source)))));
  return section;
}

/** The report as DOM: a heading, what it is a record of, then its sections. */
export function renderReport(report) {
  const root = el("article", { class: "report-document" });
  root.append(el("h2", { id: "report-heading", tabindex: "-1", text: "Innovation lifecycle and connectors: one report" }));
  root.append(renderRecord(report.record));
  root.append(renderPhase(report.phase, report.profile), renderConnectors(report.connectors), renderGroups(report.groups),
    renderResilience(report.resilience), renderAdvice(report.advice));
  root.append(el("p", { class: "source report-source" },
    "Source: Bacon, Faizullah, Mulgan and Woodcraft, ", el("em", { text: "Transformers: how local areas innovate to address changing social needs" }),
    " (NESTA, 2008); the advice is given in this project's own words. Built in your browser from your two files; nothing was uploaded."));
  return root;
}

export function bindReport(container, runtime) {
  const status = container.querySelector(".calculator-status");
  const output = container.querySelector(".report-output");
  const actions = container.querySelector(".report-actions");
  const namesBox = container.querySelector("#report-show-names");
  const general = container.querySelector("#report-error");
  const inputs = Object.fromEntries(Object.keys(FILES).map((kind) => [kind, {
    input: container.querySelector(`#report-${kind}-file`),
    error: container.querySelector(`#report-${kind}-error`),
    loaded: null,
  }]));
  if (status) showRuntimeStatus(status, runtime);
  const state = { report: null, run: 0 };

  function clearErrors() {
    general.textContent = "";
    for (const slot of Object.values(inputs)) slot.error.textContent = "";
  }

  function showError(message) {
    const kind = fileOfMessage(message);
    const slot = kind ? inputs[kind] : null;
    const name = slot?.loaded?.name;
    (slot ? slot.error : general).textContent = name ? `${name}: ${message}` : message;
  }

  function forget() {
    state.report = null;
    output.replaceChildren();
    actions.hidden = true;
  }

  async function build({ focus = false } = {}) {
    const run = ++state.run;
    if (!inputs.diagnostic.loaded || !inputs.connectors.loaded) {
      forget();
      return;
    }
    clearErrors();
    let data;
    try {
      data = await loadAdvice();
    } catch (error) {
      general.textContent = `The report's advice could not be loaded (${error.message}); reload the page to try again.`;
      return;
    }
    let outcome;
    try {
      outcome = await runtime.call(`${REPORT}:combined_report`, {
        diagnostic: inputs.diagnostic.loaded.bytes,
        connectors: inputs.connectors.loaded.bytes,
        show_names: namesBox.checked,
        data,
      });
    } catch (error) {
      if (run === state.run) general.textContent = `The report could not be built: ${error.message}`;
      return;
    }
    if (run !== state.run) return;
    if (outcome.error) {
      forget();
      showError(outcome.error);
      return;
    }
    state.report = outcome.result;
    output.replaceChildren(renderReport(outcome.result));
    actions.hidden = false;
    if (focus) output.querySelector("#report-heading")?.focus();
  }

  for (const [kind, slot] of Object.entries(inputs)) {
    slot.input.addEventListener("change", async () => {
      const file = slot.input.files?.[0];
      slot.error.textContent = "";
      slot.loaded = null;
      if (file && file.size > FILES[kind].limit) {
        slot.error.textContent = `${file.name} is too large for a ${FILES[kind].what} (${sized(file.size)}; the limit is ${sized(FILES[kind].limit)}).`;
        forget();
        return;
      }
      if (file) slot.loaded = { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
      await build({ focus: true });
    });
  }
  namesBox.addEventListener("change", () => build());

  actions.querySelector("[data-action=print]").addEventListener("click", () => window.print());
  actions.querySelector("[data-action=markdown]").addEventListener("click", async () => {
    if (!state.report) return;
    const outcome = await runtime.call(`${REPORT}:report_markdown`, { report: state.report });
    if (outcome.error) {
      general.textContent = outcome.error;
      return;
    }
    download("innovation-report.md", "text/markdown", outcome.result);
  });
}
