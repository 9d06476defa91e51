// "Map your connectors": input (paste, file, drop, people table, direction, network), a call
// to innovation_toolkit.network.analyse:analyse in the Pyodide worker, and the results — findings,
// a sortable table of people (the primary view), the network picture, groups, several
// networks, resilience — with CSV/JSON/PNG/SVG export and a print view.
// Names are personal data: they stay in this page, and are only ever rendered as text.
import { showRuntimeStatus } from "./status.js";
import { colouring, drawPicture, legend, loadCytoscape, pictureSvg, plural } from "./connectors-picture.js";
import { rolesCsv } from "./connectors-export.js";

const CALL = "innovation_toolkit.network.analyse:analyse";
const ROLES = ["hub", "gatekeeper", "pulsetaker"];
const SHOW_IN_BOX = 200_000; // longer files are analysed as they are, without filling the text box
const FIRST_ROWS = 250; // rows of the people table shown at first; the rest on request
// The table is built in chunks, the page drawing between them, so that no chunk blocks it for long:
// the first chunk with the rest of the result, then the others each in a task of its own.
const FIRST_CHUNK = 100;
const CHUNK = 150;
const EXAMPLE = { ties: "riverside-ties.csv", people: "riverside-people.csv" };

// Until the engine answers with its own limits (calculators/innovation_toolkit/network/limits.py), use the same figures.
let LIMITS = { max_characters: 30_000_000, max_people: 5_000, max_ties: 50_000, max_draw_nodes: 400 };

const FIGURES = new Intl.NumberFormat("en-GB"); // one formatter: toLocaleString makes one per call
const number = (value) => (typeof value === "number" ? FIGURES.format(value) : value);

/** Let the browser draw and handle input: the next task (scheduler.yield where there is one). */
const nextTask = () => (globalThis.scheduler?.yield ? globalThis.scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0)));
/** After the next frame has been painted. */
const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
const capital = (text) => String(text).replace(/^\p{Ll}/u, (c) => c.toUpperCase());
/** "Ann", "Ann and Bob", "Ann, Bob and Cy", "Ann, Bob, … and 12 more". */
function namesList(names, most = 10) {
  if (names.length <= 1) return names.join("");
  if (names.length <= most) return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  return `${names.slice(0, most).join(", ")} and ${number(names.length - most)} more`;
}
const fixed = (value, places = 3) => (value === null || value === undefined ? "" : Number(value).toFixed(places));
/** Small scores (bridging is often below 0.001) keep three significant figures instead of rounding to 0.000. */
const score = (value) => {
  if (value === null || value === undefined) return "";
  const number_ = Number(value);
  return number_ !== 0 && Math.abs(number_) < 0.01 ? number_.toPrecision(2) : number_.toFixed(3);
};
const percent = (value) => (value === null || value === undefined ? "" : `${Math.round(value * 100)} %`);

function element(name, { text, className, attributes } = {}, children = []) {
  const node = document.createElement(name);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  for (const [key, value] of Object.entries(attributes ?? {})) node.setAttribute(key, value);
  node.append(...children);
  return node;
}

function button(text, onClick, className = "md-button") {
  const node = element("button", { text, className, attributes: { type: "button" } });
  node.addEventListener("click", onClick);
  return node;
}

let tableCount = 0;

/** A box that scrolls sideways takes keyboard focus (arrow keys) only while its content overflows it. */
function watchOverflow(scroll, onChange = () => {}) {
  const check = () => {
    if (!scroll.isConnected) return;
    const overflows = scroll.scrollWidth > scroll.clientWidth + 1;
    if (overflows) scroll.setAttribute("tabindex", "0");
    else scroll.removeAttribute("tabindex");
    onChange(overflows);
  };
  if (typeof ResizeObserver === "function") new ResizeObserver(check).observe(scroll);
  requestAnimationFrame(check);
  return check;
}

function simpleTable(caption, headers, rows, className = "connectors-table") {
  const table = element("table", { className });
  const id = `connectors-table-${(tableCount += 1)}`;
  table.append(element("caption", { text: caption, attributes: { id } }));
  const head = table.createTHead().insertRow();
  for (const label of headers) head.append(element("th", { text: label, attributes: { scope: "col" } }));
  const body = table.createTBody();
  for (const cells of rows) {
    const row = body.insertRow();
    cells.forEach((value, index) => {
      if (index === 0) row.append(element("th", { text: String(value), attributes: { scope: "row" } }));
      else {
        const cell = row.insertCell();
        cell.textContent = String(number(value));
        if (typeof value === "number") cell.className = "connectors-number";
      }
    });
  }
  const scroll = element("div", { className: "connectors-scroll", attributes: { role: "region", "aria-labelledby": id } }, [table]);
  watchOverflow(scroll);
  return scroll;
}

function download(root, blob, filename) {
  const link = element("a", { attributes: { href: URL.createObjectURL(blob), download: filename }, className: "connectors-download" });
  root.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/**
 * Read a file: its bytes, which the engine decodes (UTF-8, UTF-16 or Windows-1252, saying which in the
 * result), and a text to show in the box, decoded the same way as far as the browser's decoders allow.
 */
async function readFile(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const mark = bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : null;
  if (mark) return { bytes, text: new TextDecoder(mark).decode(bytes) };
  try {
    return { bytes, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { bytes, text: new TextDecoder("windows-1252").decode(bytes) };
  }
}

function tooLarge(what, size) {
  return `${what} is too large (${(size / 1_000_000).toFixed(1)} MB; the limit is ${Math.round(LIMITS.max_characters / 1_000_000)} MB): `
    + `the calculator handles up to ${LIMITS.max_people.toLocaleString("en-GB")} people and ${LIMITS.max_ties.toLocaleString("en-GB")} ties — `
    + "analyse one team or one network at a time";
}

export function bindConnectors(root, runtime) {
  const form = root.querySelector(".connectors-form");
  const results = root.querySelector(".connectors-results");
  const progress = form.querySelector(".connectors-progress");
  const cancel = form.querySelector(".connectors-cancel");
  const submit = form.querySelector("button[type=submit]");
  const networkRow = form.querySelector(".connectors-network");
  const networkSelect = form.elements.network;
  const peopleDetails = form.querySelector(".connectors-people");
  const inputs = {
    ties: { area: form.querySelector("#connectors-ties"), file: form.querySelector("#connectors-ties-file"), note: form.querySelector("#connectors-ties-file-note"),
      error: form.querySelector("#connectors-ties-error"), line: form.querySelector("#connectors-ties-error-line"), what: "The ties file", loaded: null },
    people: { area: form.querySelector("#connectors-people"), file: form.querySelector("#connectors-people-file"), note: form.querySelector("#connectors-people-file-note"),
      error: form.querySelector("#connectors-people-error"), line: null, what: "The people table", loaded: null },
  };
  const state = { running: null, result: null, picture: null, timer: null, limitsAsked: false, colourBy: null }; // colourBy: a group attribute, or null for roles

  showRuntimeStatus(root.querySelector(".calculator-status"), runtime);
  // Fetch and parse the picture library while the reader types, not when the result arrives.
  (window.requestIdleCallback ?? ((callback) => setTimeout(callback, 200)))(() => loadCytoscape().catch(() => {}), { timeout: 2000 });
  let stopListening = null;
  stopListening = runtime.onStatus(({ state: runtimeState }) => {
    if (!root.isConnected) {
      stopListening?.();
      return;
    }
    if (runtimeState !== "ready" || state.limitsAsked) return;
    state.limitsAsked = true;
    runtime.call("innovation_toolkit.network.limits:as_dict", {}).then((outcome) => {
      if (outcome.result) LIMITS = { ...LIMITS, ...outcome.result };
    }, () => { state.limitsAsked = false; });
  });

  // ---- input -------------------------------------------------------------------------------
  function forgetFile(kind) {
    inputs[kind].loaded = null;
    inputs[kind].note.replaceChildren();
  }

  function resetNetworks() {
    networkSelect.replaceChildren(element("option", { text: "All networks combined", attributes: { value: "" } }));
    networkRow.hidden = true;
  }

  async function loadFile(kind, file) {
    const input = inputs[kind];
    clearErrors();
    if (!file) return;
    if (file.size > LIMITS.max_characters) {
      showError(kind, { error: tooLarge(`${input.what} ${file.name}`, file.size) });
      return;
    }
    const { bytes, text } = await readFile(file);
    if (kind === "ties") resetNetworks();
    if (kind === "people") peopleDetails.open = true;
    const size = file.size >= 1_000_000 ? `${(file.size / 1_000_000).toFixed(1)} MB` : `${Math.max(1, Math.round(file.size / 1000))} kB`;
    if (text.length <= SHOW_IN_BOX) {
      input.area.value = text;
      input.loaded = { name: file.name, text: null, bytes };
      input.note.textContent = `Loaded ${file.name} (${size}) into the box above; it has not left your computer.`;
    } else {
      input.area.value = "";
      input.loaded = { name: file.name, text, bytes };
      input.note.replaceChildren(
        `Using ${file.name} (${size}): too long to show in the box, so it will be analysed as it is. It has not left your computer. `,
        button(`Remove ${file.name}`, () => { forgetFile(kind); input.file.value = ""; input.area.focus(); }, "md-button connectors-small"),
      );
    }
  }

  for (const [kind, input] of Object.entries(inputs)) {
    input.area.addEventListener("input", () => {
      forgetFile(kind);
      if (kind === "ties") resetNetworks();
    });
    input.file.addEventListener("change", () => loadFile(kind, input.file.files[0]));
    const zone = input.area.closest(".connectors-drop");
    zone.addEventListener("dragover", (event) => {
      if (![...event.dataTransfer.types].includes("Files")) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "copy";
      zone.classList.add("is-dragging");
    });
    zone.addEventListener("dragleave", () => zone.classList.remove("is-dragging"));
    zone.addEventListener("drop", (event) => {
      zone.classList.remove("is-dragging");
      if (!event.dataTransfer.files.length) return;
      event.preventDefault();
      loadFile(kind, event.dataTransfer.files[0]);
    });
  }

  // ---- errors ------------------------------------------------------------------------------
  function clearErrors() {
    for (const input of Object.values(inputs)) {
      input.error.textContent = "";
      input.line?.replaceChildren();
      input.area.removeAttribute("aria-invalid");
    }
  }

  function showError(kind, { error, line }) {
    const input = inputs[kind];
    input.error.textContent = error;
    input.area.setAttribute("aria-invalid", "true");
    if (kind === "people") peopleDetails.open = true;
    const text = input.loaded?.text ?? input.area.value;
    if (!line || !text) return;
    const lines = text.split(/\r\n|\n|\r/);
    const content = lines[line - 1];
    if (content === undefined) return;
    if (input.line) input.line.textContent = `Line ${line} reads: ${content.length > 200 ? `${content.slice(0, 200)}…` : content}`;
    if (input.loaded?.text) return;
    const start = lines.slice(0, line - 1).reduce((total, part) => total + part.length + 1, 0);
    input.area.focus();
    input.area.setSelectionRange(start, start + content.length);
  }

  // ---- running -----------------------------------------------------------------------------
  function startProgress() {
    const started = performance.now();
    const message = element("span");
    const clock = element("span", { className: "connectors-clock", attributes: { "aria-hidden": "true" } });
    progress.replaceChildren(message, " ", clock);
    const tick = () => {
      if (!root.isConnected) return stopProgress();
      const loading = runtime.state.state === "loading";
      const text = loading ? "Waiting for the calculator to load, then analysing your network…" : "Analysing your network in this browser…";
      if (message.textContent !== text) message.textContent = text;
      clock.textContent = `${Math.floor((performance.now() - started) / 1000)} s`;
    };
    tick();
    state.timer = setInterval(tick, 250);
    cancel.hidden = false;
    // Not on `root`: a class change there restyles everything inside, a long text in the ties box
    // included (about 120 ms for 180 kB of ties).
    results.classList.add("is-running");
    return started;
  }

  function stopProgress() {
    clearInterval(state.timer);
    state.timer = null;
    cancel.hidden = true;
    results.classList.remove("is-running");
  }

  cancel.addEventListener("click", () => {
    if (!state.running) return;
    state.running = null;
    stopProgress();
    progress.textContent = "Cancelled. The calculator restarts in the background; your input is still here.";
    submit.focus();
    runtime.cancel();
  });

  // The engine's message does not always say which input it is about. When a people table was
  // given, read it again beside a one-tie network: the same error means the table is at fault.
  async function errorSource(outcome, kwargs) {
    if (/people table/.test(outcome.error)) return "people";
    if (!kwargs.people || outcome.internal) return "ties";
    try {
      const probe = await runtime.call(CALL, { text: "A,B", people: kwargs.people });
      return probe.error === outcome.error ? "people" : "ties";
    } catch {
      return "ties";
    }
  }

  async function analyse() {
    if (state.running) {
      progress.textContent = "Still analysing: wait for the result or press Cancel.";
      return;
    }
    clearErrors();
    const text = inputs.ties.loaded?.text ?? inputs.ties.area.value;
    if (!text.trim()) {
      showError("ties", { error: "Enter some ties first (one per line, for example “Ann, Bob”), choose a file, or load the example." });
      inputs.ties.area.focus();
      return;
    }
    if (text.length > LIMITS.max_characters) {
      showError("ties", { error: tooLarge("The ties", text.length) });
      return;
    }
    const people = inputs.people.loaded?.text ?? inputs.people.area.value;
    if (people.length > LIMITS.max_characters) {
      showError("people", { error: tooLarge("The people table", people.length) });
      return;
    }
    // A file the reader has not edited goes to the engine as it is, so that its encoding is read there.
    const kwargs = {
      text: inputs.ties.loaded?.bytes ?? text,
      people: inputs.people.loaded?.bytes ?? (people.trim() ? people : null),
      direction: form.elements.direction.value || "auto",
      mode: form.elements.mode.value || "auto",
      use_weights: form.elements.useWeights.checked,
      exact: form.elements.exact.checked,
      network: networkSelect.value || null,
      filename: inputs.ties.loaded?.name ?? null,
    };
    const token = {};
    state.running = token;
    const started = startProgress();
    let outcome;
    try {
      outcome = await runtime.call(CALL, kwargs);
    } catch (failure) {
      if (state.running !== token) return;
      state.running = null;
      stopProgress();
      progress.textContent = "";
      showError("ties", { error: failure.name === "AbortError" ? "Cancelled." : `The calculator is not available: ${failure.message}` });
      return;
    }
    if (state.running !== token) return;
    state.running = null;
    stopProgress();
    if (!root.isConnected) return;
    if (outcome.error) {
      progress.textContent = "";
      showError(await errorSource(outcome, kwargs), outcome);
      return;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    progress.textContent = `Done in ${seconds} s: ${plural(outcome.result.summary.people, "person", "people")}, ${plural(outcome.result.summary.ties, "tie")}.`;
    render(outcome.result);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    analyse();
  });

  form.querySelector(".connectors-example").addEventListener("click", async () => {
    const base = new URL("../../examples/", import.meta.url);
    try {
      const [ties, people] = await Promise.all([EXAMPLE.ties, EXAMPLE.people].map(async (file) => {
        const response = await fetch(new URL(file, base));
        if (!response.ok) throw new Error(`${file} answered ${response.status}`);
        return response.text();
      }));
      clearErrors();
      forgetFile("ties");
      forgetFile("people");
      resetNetworks();
      inputs.ties.area.value = ties;
      inputs.people.area.value = people;
      inputs.ties.loaded = { name: EXAMPLE.ties, text: null };
      inputs.ties.note.textContent = "Loaded the invented example: 31 people in a fictional town, with two networks (advice and joint work).";
      peopleDetails.open = true;
      form.elements.direction.value = "auto";
      analyse();
    } catch (error) {
      showError("ties", { error: `The example could not be loaded: ${error.message}` });
    }
  });

  // ---- results -----------------------------------------------------------------------------
  /**
   * Show a result. What the reader looks at first — the findings and the first rows of the table —
   * is put on the page at once; the rest of the table, the other sections and then the picture
   * follow, each in a task of its own, so that the page keeps drawing and answering meanwhile.
   * The picture is kept as it is when a new result would draw the same one (a re-run).
   */
  async function render(result) {
    const run = (state.rendering = (state.rendering ?? 0) + 1);
    const key = pictureKey(result);
    const kept = state.picture && state.pictureShown?.key === key ? state.pictureShown.section : null;
    if (kept) state.picture.highlight(null);
    else {
      state.picture?.destroy();
      state.picture = null;
      state.pictureShown = null;
    }
    state.result = result;
    const { networks_found: found } = result.input;
    if (found.length > 1) {
      const chosen = networkSelect.value;
      resetNetworks();
      for (const name of found) networkSelect.append(element("option", { text: name, attributes: { value: name } }));
      networkSelect.value = found.includes(chosen) ? chosen : "";
      networkRow.hidden = false;
    }
    const heading = element("h2", { text: "What the analysis found", attributes: { tabindex: "-1", id: "connectors-found" } });
    const details = element("div", { className: "connectors-details", attributes: { "aria-live": "polite", id: "connectors-details" } });
    details.append(element("p", { text: "Select a name in the table, or point at a marker in the picture, to see why that person holds their roles." }));
    state.details = details;
    const people = peopleSection(result);
    const bar = exportBar(result);
    if (kept) bar.querySelector(".connectors-png").disabled = false;
    results.replaceChildren(
      heading,
      summaryList(result),
      element("ul", { className: "connectors-findings" }, result.findings.map((sentence) => element("li", { text: capital(sentence) }))),
      bar,
      people.section,
      details,
    );
    results.hidden = false;
    heading.focus();
    await people.filled;
    const current = () => run === state.rendering && root.isConnected;
    if (!current()) return;
    // Sections in page order, each in a task of its own; the picture's drawing comes last.
    const later = [
      () => kept ?? pictureSection(result, key),
      ...(result.groups.length ? [() => groupsSection(result)] : []),
      ...(result.networks.per_network.length ? [() => networksSection(result)] : []),
      () => resilienceSection(result),
      ...(result.notes.length ? [() => notesSection(result)] : []),
    ];
    for (const make of later) {
      await nextTask();
      if (!current()) return;
      results.append(make());
    }
  }

  /** What the picture is drawn from: a new result with the same key draws the same picture. */
  function pictureKey(result) {
    const attributes = new Map(result.people.map((person) => [person.name, person.attributes]));
    return JSON.stringify([
      result.graph, result.summary.people, ROLES.map((role) => result.roles[role]?.people ?? []), result.groups,
      result.graph.nodes.map((node) => attributes.get(node.name) ?? null),
    ]);
  }

  function summaryList(result) {
    const { summary } = result;
    const { direction, weights } = result.input ?? {};
    const items = [
      ["People", number(summary.people)],
      ["Ties", number(summary.ties)],
      ["Key connectors", number(summary.key_connectors)],
      ["Separate groups", number(summary.components)],
    ];
    if (result.networks.analysed) items.push(["Network analysed", result.networks.analysed]);
    const sentences = [
      ["Ties read as", direction?.sentence ? capital(direction.sentence) : (summary.directed ? "Directed (who named whom)" : "Undirected")],
    ];
    if (weights?.sentence) sentences.push(["Tie weights", capital(weights.sentence)]);
    if (summary.sampled && !result.accuracy?.sentence) sentences.push(["Measures", `Estimated from a sample (${plural(result.limits.pivots, "start point")})`]);
    const list = element("dl", { className: "connectors-summary" });
    for (const [term, value] of items) list.append(element("div", {}, [element("dt", { text: term }), element("dd", { text: value })]));
    for (const [term, value] of sentences) list.append(element("div", { className: "is-sentence" }, [element("dt", { text: term }), element("dd", { text: value })]));
    return list;
  }

  function exportBar(result) {
    const bar = element("div", { className: "connectors-export", attributes: { role: "group", "aria-label": "Export and print" } });
    const title = `Key connectors: ${plural(result.summary.people, "person", "people")}, ${plural(result.summary.ties, "tie")}`;
    bar.append(
      button("Download roles (CSV)", () => download(root, new Blob(["\ufeff", rolesCsv(result)], { type: "text/csv;charset=utf-8" }), "connector-roles.csv")),
      button("Download result (JSON)", () => download(root, new Blob([JSON.stringify(result, null, 2)], { type: "application/json" }), "connector-roles.json")),
      button("Download picture (SVG)", () => download(root, new Blob([pictureSvg(result.graph, title, pictureColouring(result))], { type: "image/svg+xml" }), "connector-roles.svg")),
      button("Download picture (PNG)", () => {
        if (state.picture) download(root, state.picture.png(), "connector-roles.png");
      }, "md-button connectors-png"),
      button("Print the findings", () => window.print()),
    );
    bar.querySelector(".connectors-png").disabled = true;
    return bar;
  }

  function showPerson(name, details) {
    const person = state.result?.people.find((row) => row.name === name);
    for (const row of results.querySelectorAll(".connectors-people-table tr.is-selected")) row.classList.remove("is-selected");
    if (!person) {
      details.replaceChildren(element("p", { text: "Select a name in the table, or point at a marker in the picture, to see why that person holds their roles." }));
      return;
    }
    for (const row of results.querySelectorAll(".connectors-people-table tbody tr")) {
      if (row.dataset.name === name) row.classList.add("is-selected");
    }
    const m = person.measures;
    const lines = [
      element("h3", { text: person.name }),
      element("p", { text: person.roles.length ? `Roles: ${person.roles.join(", ")}.` : "No key connector role." }),
      ...ROLES.filter((role) => person.sentences[role]).map((role) => element("p", { text: person.sentences[role] })),
      element("p", {
        text: `${capital(plural(m.degree, state.result.summary.directed ? "time named" : "direct tie", state.result.summary.directed ? "times named" : "direct ties"))}; `
          + `${m.bridging === undefined || m.bridging === null ? "" : `bridging ${score(m.bridging)}; `}betweenness ${fixed(m.betweenness)}; closeness ${fixed(m.closeness)}; `
          + `reaches ${m.reach_within_two === 0 ? "no one" : plural(m.reach_within_two, "person", "people")} in one or two steps`
          + `${m.cut_point ? `; a cut point — ${plural(m.cut_off_if_leaves, "person", "people")} would be cut off if ${person.name} left` : ""}.`,
      }),
    ];
    const attributes = Object.entries(person.attributes);
    if (attributes.length) lines.push(element("p", { text: attributes.map(([key, value]) => `${key}: ${value}`).join("; ") }));
    if (person.key_in_networks.length) lines.push(element("p", { text: `Key connector in: ${person.key_in_networks.join(", ")}.` }));
    details.replaceChildren(...lines);
    state.picture?.highlight(name);
  }

  /** Who holds each role, or the engine's statement of why no one does; and how exact the measures are. */
  function rolesBlock(result) {
    const box = element("div", { className: "connectors-roles" });
    const { accuracy } = result;
    if (accuracy && accuracy.sentence && !accuracy.exact) {
      box.append(element("p", { className: "connectors-accuracy", text: capital(accuracy.sentence) }));
      const again = button("Compute exact values (slower)", () => {
        form.elements.exact.checked = true;
        analyse();
      }, "md-button connectors-exact-again");
      box.append(element("p", {}, [again]));
    }
    const list = element("ul", { className: "connectors-role-list" });
    const titles = { hub: ["Hub", "Hubs"], gatekeeper: ["Gatekeeper", "Gatekeepers"], pulsetaker: ["Pulsetaker", "Pulsetakers"] };
    for (const role of ROLES) {
      const entry = result.roles[role];
      if (!entry) continue;
      const people = entry.people ?? [];
      const item = element("li", { attributes: { "data-role": role } }, [element("strong", { text: `${titles[role][people.length === 1 ? 0 : 1]}:` }), " "]);
      if (people.length) item.append(`${namesList(people)}.`);
      if (entry.statement) item.append(people.length ? " " : "", capital(entry.statement));
      else if (!people.length) item.append(`No one stands out as a ${role}.`);
      list.append(item);
    }
    box.append(list);
    return box;
  }

  function peopleSection(result) {
    const section = element("section", { className: "connectors-section", attributes: { "aria-labelledby": "connectors-people-heading" } });
    section.append(element("h2", { text: "People and their roles", attributes: { id: "connectors-people-heading" } }));
    section.append(element("p", { text: `${capital(result.roles.rule.replace(/\.$/, ""))}. ${capital(result.roles.hub.meaning)} (hub); ${result.roles.gatekeeper.meaning} (gatekeeper); ${result.roles.pulsetaker.meaning} (pulsetaker).` }));
    section.append(rolesBlock(result));
    const attributeKeys = [];
    for (const person of result.people) for (const key of Object.keys(person.attributes)) if (!attributeKeys.includes(key)) attributeKeys.push(key);
    const hasBridging = result.people.some((p) => p.measures.bridging !== undefined && p.measures.bridging !== null);
    // `main` columns are always shown; the others on "Show all columns". The first three stay
    // Person, Roles, ties (the order the tests and the print view rely on).
    const columns = [
      { key: "name", label: "Person", text: true, main: true, value: (p) => p.name },
      { key: "roles", label: "Roles", text: true, main: true, value: (p) => p.roles.join(", "), sort: (p) => -p.roles.length * 10 + (p.roles.length ? ROLES.indexOf(p.roles[0]) : 9) },
      { key: "degree", label: result.summary.directed ? "Times named" : "Direct ties", main: true, value: (p) => p.measures.degree },
      ...(hasBridging ? [{ key: "bridging", label: "Bridging", main: true, value: (p) => p.measures.bridging ?? null, show: (v) => score(v) }] : []),
      { key: "betweenness", label: "Betweenness", main: !hasBridging, value: (p) => p.measures.betweenness, show: (v) => fixed(v) },
      { key: "closeness", label: "Closeness", main: true, wide: true, value: (p) => p.measures.closeness, show: (v) => fixed(v) },
      { key: "reach", label: "Reached in two steps", value: (p) => p.measures.reach_within_two },
      { key: "cutoff", label: "Cut off if they leave", value: (p) => p.measures.cut_off_if_leaves },
      ...attributeKeys.slice(0, 4).map((key) => ({ key: `attribute:${key}`, label: capital(key), text: true, value: (p) => p.attributes[key] ?? "" })),
    ];
    if (result.networks.per_network.length) {
      columns.push({ key: "networks", label: "Key in networks", text: true, value: (p) => p.key_in_networks.join(", "), sort: (p) => -p.key_in_networks.length });
    }
    const extra = columns.filter((column) => !column.main);
    const table = element("table", { className: "connectors-table connectors-people-table is-compact", attributes: { id: "connectors-people-table" } });
    const count = plural(result.people.length, "person", "people");
    table.append(element("caption", { text: `Everyone in the network (${count}), key connectors first. Sort with a column heading's button; select a name for details and to highlight the person in the picture.`, attributes: { id: "connectors-people-caption" } }));
    const headRow = table.createTHead().insertRow();
    const body = table.createTBody();
    const sortStatus = element("p", { className: "connectors-visually-hidden", attributes: { "aria-live": "polite" } });
    let rows = result.people.slice();
    let sorted = { key: null, direction: null };
    let showAll = rows.length <= FIRST_ROWS;
    const more = element("p", { className: "connectors-more" });

    const rowsOf = (people) => {
      const fragment = document.createDocumentFragment();
      for (const person of people) {
        const row = document.createElement("tr");
        row.dataset.name = person.name;
        if (person.roles.length) row.className = "is-key";
        for (const column of columns) {
          let cell;
          if (column.key === "name") {
            cell = document.createElement("th");
            cell.setAttribute("scope", "row");
            const name = document.createElement("button");
            name.type = "button";
            name.className = "connectors-person";
            name.textContent = person.name;
            cell.append(name);
          } else {
            const value = column.value(person);
            cell = document.createElement("td");
            cell.textContent = column.show ? column.show(value) : String(number(value) ?? "");
          }
          if (column.classes) cell.className = column.classes;
          cell.dataset.label = column.label;
          row.append(cell);
        }
        fragment.append(row);
      }
      return fragment;
    };
    // One listener for every name in the table: the row says whose it is.
    body.addEventListener("click", (event) => {
      const name = event.target.closest?.("button.connectors-person")?.closest("tr")?.dataset.name;
      if (name !== undefined) showPerson(name, state.details);
    });
    const showMore = () => {
      more.replaceChildren();
      if (showAll) return;
      more.append(`Showing the first ${number(FIRST_ROWS)} of ${count} in this order. `, button(`Show all ${count}`, () => {
        showAll = true;
        const shown = body.rows.length;
        fillBody(shown);
        body.rows[shown]?.querySelector("button")?.focus();
      }, "md-button connectors-small"));
    };
    let filling = 0;
    /**
     * The rows from `from` on (all of them from 0): the first chunk at once, the others each in a
     * task of its own. Resolves when they are all on the page, or when a newer fill (a sort) or a
     * new result took over.
     */
    const fillBody = async (from = 0) => {
      const fill = (filling += 1);
      const wanted = showAll ? rows : rows.slice(0, FIRST_ROWS);
      let next = from + (from ? CHUNK : FIRST_CHUNK);
      if (from) body.append(rowsOf(wanted.slice(from, next)));
      else body.replaceChildren(rowsOf(wanted.slice(0, next)));
      showMore();
      for (; next < wanted.length; next += CHUNK) {
        await nextTask();
        if (fill !== filling || !body.isConnected) return;
        body.append(rowsOf(wanted.slice(next, next + CHUNK)));
      }
    };

    for (const column of columns) {
      const header = element("th", { attributes: { scope: "col" } });
      if (!column.text) header.className = "connectors-number";
      if (!column.main) header.classList.add("connectors-extra");
      if (column.wide) header.classList.add("connectors-wide");
      column.classes = [!column.text && "connectors-number", !column.main && "connectors-extra", column.wide && "connectors-wide"].filter(Boolean).join(" ");
      const sortButton = button(column.label, () => {
        const direction = sorted.key === column.key
          ? (sorted.direction === "ascending" ? "descending" : "ascending")
          : (column.text && !column.sort ? "ascending" : (column.sort ? "ascending" : "descending"));
        sorted = { key: column.key, direction };
        const key = column.sort ?? column.value;
        const sign = direction === "ascending" ? 1 : -1;
        rows = result.people.slice().sort((a, b) => {
          const [x, y] = [key(a), key(b)];
          const order = typeof x === "number" && typeof y === "number" ? x - y : String(x ?? "").localeCompare(String(y ?? ""), "en", { sensitivity: "base", numeric: true });
          return sign * order || a.name.localeCompare(b.name, "en");
        });
        for (const cell of headRow.children) cell.removeAttribute("aria-sort");
        header.setAttribute("aria-sort", direction);
        fillBody();
        sortStatus.textContent = `Sorted by ${column.label}, ${direction}.`;
      }, "connectors-sort");
      sortButton.append(element("span", { className: "connectors-sort-mark", attributes: { "aria-hidden": "true" } }));
      header.append(sortButton);
      headRow.append(header);
    }
    const filled = fillBody();

    // The table fits its box with the main columns; "Show all columns" adds the rest, and the
    // box then scrolls sideways: it takes keyboard focus (arrow keys) only while it overflows.
    const scroll = element("div", { className: "connectors-scroll connectors-people-scroll", attributes: { role: "region", "aria-labelledby": "connectors-people-caption" } }, [table]);
    const scrollHint = element("p", { className: "connectors-scroll-hint", text: "More columns to the right: scroll the table sideways, or select it and use the arrow keys." });
    scrollHint.hidden = true;
    const toggle = button("Show all columns", () => {
      const pressed = toggle.getAttribute("aria-pressed") !== "true";
      toggle.setAttribute("aria-pressed", String(pressed));
      table.classList.toggle("is-compact", !pressed);
      if (!pressed) {
        scroll.scrollLeft = 0;
        if (document.activeElement?.closest?.(".connectors-extra")) toggle.focus();
      }
      checkOverflow();
    }, "md-button connectors-small connectors-columns");
    toggle.setAttribute("aria-pressed", "false");
    toggle.setAttribute("aria-controls", "connectors-people-table");
    const toggleRow = element("p", { className: "connectors-columns-row" }, [
      toggle, " ", element("span", { className: "connectors-hint", text: `Shows all ${number(columns.length)} columns: ${columns.map((column) => column.label.toLowerCase()).join(", ")}.` }),
    ]);
    if (!extra.length) toggleRow.hidden = true;
    const checkOverflow = watchOverflow(scroll, (overflows) => { scrollHint.hidden = !overflows; });
    section.append(toggleRow, scrollHint, scroll, more, sortStatus);
    return { section, filled };
  }

  /** The colouring the reader chose: by one of the result's group attributes (people's values as the result gives them), else by role. */
  function pictureColouring(result) {
    const grouping = state.colourBy === null ? null : result.groups.find((entry) => entry.attribute === state.colourBy);
    if (!grouping) return colouring();
    const attributes = new Map(result.people.map((person) => [person.name, person.attributes]));
    return colouring(grouping, (node) => attributes.get(node.name)?.[grouping.attribute] ?? null);
  }

  /** "Colour the picture by: Role | Sector | …" (the result's group attributes), as native radio buttons. */
  function colourChoice(result, onChange) {
    const choice = element("fieldset", { className: "connectors-colour-by" }, [element("legend", { text: "Colour the picture by" })]);
    const options = [[null, "Role"], ...result.groups.map(({ attribute }) => [attribute, attribute.replace(/^./, (c) => c.toUpperCase())])];
    if (!options.some(([value]) => value === state.colourBy)) state.colourBy = null;
    for (const [value, text] of options) {
      const input = element("input", { attributes: { type: "radio", name: "connectors-colour-by" } });
      input.checked = value === state.colourBy;
      input.addEventListener("change", () => onChange(value));
      choice.append(element("label", {}, [input, text]));
    }
    return choice;
  }

  /** What the picture shows, in one sentence: the engine's caption, or one made from its counts. */
  function pictureCaption(graph, summary) {
    if (graph.caption) return capital(graph.caption);
    const everyone = `the table lists all ${plural(summary.people, "person", "people")}.`;
    if (!graph.truncated) return `Showing everyone: ${plural(summary.people, "person", "people")}.`;
    return `Showing ${number(graph.shown_people)} of the ${plural(summary.people, "person", "people")} — the key connectors and the best-connected others — and ${plural(graph.shown_ties, "tie")} among them; ${everyone}`;
  }

  function pictureSection(result, drawnFrom) {
    const { graph, summary, roles } = result;
    const section = element("section", { className: "connectors-section connectors-picture-section", attributes: { "aria-labelledby": "connectors-picture-heading" } });
    section.append(element("h2", { text: "Network picture", attributes: { id: "connectors-picture-heading" } }));
    const captionText = pictureCaption(graph, summary);
    const who = ROLES.map((role) => `${role}s: ${roles[role].people.length ? namesList(roles[role].people) : "none"}`).join("; ");
    const canvas = element("div", { className: "connectors-cy", attributes: { role: "img" } });
    const figure = element("figure", { className: "connectors-figure" }, [
      element("figcaption", { className: "connectors-picture-caption", text: captionText }),
      canvas,
    ]);
    let key = element("div");
    const show = () => {
      const scheme = pictureColouring(result);
      canvas.setAttribute("aria-label", `Network picture of ${plural(graph.shown_people, "person", "people")} and ${plural(graph.shown_ties, "tie")}. `
        + `${scheme.says}. Key connectors — ${who}. The table of people above holds the same information.`);
      const next = legend(scheme);
      key.replaceWith(next);
      key = next;
      state.picture?.recolour(scheme);
    };
    const controls = element("div", { className: "connectors-picture-controls", attributes: { role: "group", "aria-label": "Picture controls" } }, [
      button("Zoom in", () => state.picture?.zoom(1.25), "md-button connectors-small"),
      button("Zoom out", () => state.picture?.zoom(0.8), "md-button connectors-small"),
      button("Fit to view", () => state.picture?.fit(), "md-button connectors-small"),
    ]);
    const message = element("p", { className: "connectors-picture-message" });
    if (graph.group_attribute && result.groups.length) {
      section.append(colourChoice(result, (attribute) => {
        state.colourBy = attribute;
        show();
      }));
    }
    section.append(key, controls, figure, message);
    show();
    // Draw after everything else has been painted: the reader sees it at once.
    let drawnAs = null;
    afterPaint().then(() => {
      drawnAs = state.colourBy;
      return drawPicture(canvas, graph, (name) => showPerson(name, state.details), pictureColouring(result));
    }).then((picture) => {
      if (!canvas.isConnected || state.result !== result) {
        picture.destroy();
        return;
      }
      state.picture = picture;
      state.pictureShown = { key: drawnFrom, section };
      if (state.colourBy !== drawnAs) picture.recolour(pictureColouring(result)); // the reader switched while it was drawn
      canvas.connectorsPicture = picture;
      const png = results.querySelector(".connectors-png");
      if (png) png.disabled = false;
    }, (error) => {
      message.textContent = `The picture could not be drawn (${error.message}); the table above holds every result.`;
    });
    return section;
  }

  function groupsSection(result) {
    const section = element("section", { className: "connectors-section", attributes: { "aria-labelledby": "connectors-groups-heading" } });
    section.append(element("h2", { text: "Groups", attributes: { id: "connectors-groups-heading" } }));
    section.append(element("p", { text: "How each group from your people table is represented among the key connectors, and whether its ties stay inside the group (E-I index: −1 all inside, +1 all across)." }));
    for (const group of result.groups) {
      const title = group.attribute.replace(/^./, (c) => c.toUpperCase());
      section.append(element("h3", { text: `By ${group.attribute}` }));
      for (const sentence of group.findings ?? []) section.append(element("p", { text: capital(sentence) }));
      section.append(simpleTable(`Key connectors and ties by ${group.attribute}`, [title, "People", "Key connectors", "Share of network", "Share of key connectors", "Ties inside", "Ties across", "E-I index"],
        group.groups.map((row) => [
          row.outside_core ? `${row.group} (outside the core)` : row.group, row.people, row.in_core, percent(row.share_of_network), percent(row.share_of_core),
          row.internal_ties ?? "", row.external_ties ?? "", row.ei_index === null || row.ei_index === undefined ? "" : row.ei_index.toFixed(2),
        ])));
      if (group.brokerage) {
        const leaders = Object.entries(group.brokerage.leading).filter(([, people]) => people.length)
          .map(([role, people]) => `${role}: ${people.map((p) => `${p.name} (${number(p.count)})`).join(", ")}`);
        if (leaders.length) section.append(element("p", { text: `Brokers between ${group.attribute} groups (Gould–Fernandez) — ${leaders.join("; ")}.` }));
      }
    }
    return section;
  }

  function networksSection(result) {
    const { per_network: perNetwork, core } = result.networks;
    const section = element("section", { className: "connectors-section", attributes: { "aria-labelledby": "connectors-networks-heading" } });
    section.append(element("h2", { text: "Each network on its own", attributes: { id: "connectors-networks-heading" } }));
    const list = (names) => (names.length ? namesList(names) : "None");
    section.append(simpleTable("Key connectors in each network", ["Network", "People with ties", "Ties", "Hubs", "Gatekeepers", "Pulsetakers"],
      perNetwork.map((row) => [row.name, row.active_people, row.ties, list(row.roles.hub), list(row.roles.gatekeeper), list(row.roles.pulsetaker)])));
    if (core) {
      section.append(element("p", { text: core.all.length
        ? `Key connectors in all ${number(core.networks)} networks (the consistent core): ${namesList(core.all, 50)}.`
        : `No one is a key connector in all ${number(core.networks)} networks.` }));
      const most = core.most.filter((name) => !core.all.includes(name));
      if (most.length) section.append(element("p", { text: `Key connectors in at least ${number(core.most_threshold)} of the ${number(core.networks)} networks: ${namesList(most, 50)}.` }));
    }
    return section;
  }

  function resilienceSection(result) {
    const { resilience, roles } = result;
    const section = element("section", { className: "connectors-section", attributes: { "aria-labelledby": "connectors-resilience-heading" } });
    section.append(element("h2", { text: "If key connectors left", attributes: { id: "connectors-resilience-heading" } }));
    if (resilience.scenarios.length) {
      section.append(simpleTable("What happens to the network if people leave", ["Who leaves", "People leaving", "Largest group before", "Largest group after", "Cut off from it"],
        resilience.scenarios.map((row) => [capital(row.label), namesList(row.people), row.largest_group_before, row.largest_group_after, row.cut_off])));
      section.append(element("ul", {}, resilience.scenarios.map((row) => element("li", { text: capital(row.sentence) }))));
    }
    const sentence = resilience.most_critical?.sentence ?? resilience.sentence;
    if (sentence) section.append(element("p", { text: capital(sentence) }));
    const cutPoints = roles.gatekeeper.cut_points ?? [];
    if (cutPoints.length) {
      section.append(element("p", { text: `${plural(cutPoints.length, "person is a cut point", "people are cut points")} — the network splits without them: ${namesList(cutPoints, 20)}.` }));
    }
    return section;
  }

  function notesSection(result) {
    const section = element("section", { className: "connectors-section connectors-notes", attributes: { "aria-labelledby": "connectors-notes-heading" } });
    section.append(element("h2", { text: "Notes on your data", attributes: { id: "connectors-notes-heading" } }));
    section.append(element("ul", {}, result.notes.map((note) => {
      const where = note.where?.length ? ` (${note.where.slice(0, 10).join(", ")}${note.count > 10 ? ", …" : ""})` : "";
      return element("li", { text: `${capital(note.message)}${where}` });
    })));
    return section;
  }
}

// The pure helpers above, for the unit tests (tests/js/).
export { capital, fixed, namesList, number, percent, score };
