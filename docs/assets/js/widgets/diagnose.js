// "Diagnose your phase": the lifecycle diagnostic's page widget over innovation_toolkit.diagnostic.
// All scoring, validation, fragment encoding, merging and Markdown export happen in Python
// (through the shared runtime); this module holds the page's state and wires the parts:
// the questionnaire and its pager (diagnose-form.js), the result (diagnose-result.js), the
// team view (diagnose-team.js) and reading participants' answers (diagnose-session.js).
// Everything is built with DOM APIs and textContent: what people type never reaches innerHTML.
import { showRuntimeStatus } from "./status.js";
import { download, el, isoDate, namesList, signed } from "./dom.js";
import { createPager, optionsFor, progressText, renderQuestionnaire } from "./diagnose-form.js";
import { announcement, renderResult } from "./diagnose-result.js";
import { asDocument, DECODE_LINK, linksToSources, MAX_FILE_BYTES, mergeSources, readAnswersFile, safeDecode } from "./diagnose-session.js";
import { countsText } from "./diagnose-team.js";

const DATA_URL = new URL("../../../data/diagnostic.json", import.meta.url);
const DIAGNOSTIC = "innovation_toolkit.diagnostic";
const DONT_KNOW = "dont-know";
const UPDATE_DELAY_MS = 150;

let bundlePromise = null;

function loadBundle() {
  bundlePromise ??= fetch(DATA_URL)
    .then((response) => {
      if (!response.ok) throw new Error(`the questionnaire data answered ${response.status}`);
      return response.json();
    })
    .catch((error) => {
      bundlePromise = null;
      throw error;
    });
  return bundlePromise;
}

function textField(id, label, attributes = {}) {
  const input = el("input", { type: "text", id, autocomplete: "off", spellcheck: "false", maxlength: "120", ...attributes });
  return { input, wrapper: el("div", {}, el("label", { for: id, text: label }), input) };
}

export function bindDiagnose(container, runtime) {
  const status = container.querySelector(".calculator-status");
  const fragmentError = container.querySelector(".diagnose-fragment-error");
  const app = container.querySelector(".diagnose-app");
  showRuntimeStatus(status, runtime);
  app.append(el("p", { text: "Loading the questionnaire…" }));
  loadBundle().then(
    (bundle) => build(container, app, fragmentError, runtime, bundle),
    (error) => {
      app.replaceChildren(el("p", { class: "calculator-error", role: "alert", text: `The questionnaire could not be loaded: ${error.message}.` }));
    },
  );
}

function build(container, app, fragmentError, runtime, bundle) {
  const questions = bundle.questionnaire.questions;
  const state = {
    mode: "single",
    answers: {},
    person: { name: "", role: "" },
    record: { service: "", date: isoDate() },
    respondents: [],
    current: 0,
    result: null,
    writtenFragment: null,
    sequence: 0,
    fragmentSequence: 0,
    linkExtras: true, // whether the calculator's fragment functions take name, role and record
  };

  // ---- markup: who answers, the record, the team panel
  const modeSingle = el("input", { type: "radio", name: "diagnose-mode", id: "diagnose-mode-single", value: "single", checked: true });
  const modeTeam = el("input", { type: "radio", name: "diagnose-mode", id: "diagnose-mode-team", value: "team" });
  const modeFieldset = el("fieldset", { class: "diagnose-mode" },
    el("legend", { text: "Who is answering?" }),
    el("span", { class: "diagnose-option" }, modeSingle, el("label", { for: "diagnose-mode-single", text: "One person" })),
    el("span", { class: "diagnose-option" }, modeTeam, el("label", { for: "diagnose-mode-team", text: "A team (several respondents)" })));

  const service = textField("diagnose-service", "Service or area");
  const dateInput = el("input", { type: "date", id: "diagnose-date", value: state.record.date });
  const myName = textField("diagnose-my-name", "Your name (optional)");
  const myRole = textField("diagnose-my-role", "Your role (optional, for example manager, frontline, partner, service user)");
  const personFields = el("div", { class: "diagnose-person diagnose-me" }, myName.wrapper, myRole.wrapper);
  const recordFieldset = el("fieldset", { class: "diagnose-record-fields" },
    el("legend", { text: "What this is a record of" }),
    el("div", { class: "diagnose-person" }, service.wrapper,
      el("div", {}, el("label", { for: "diagnose-date", text: "Date" }), dateInput)),
    personFields,
    el("p", { class: "diagnose-help diagnose-me", text: "In a team session, give your name and role: they travel with your answers to the facilitator." }));

  const addFiles = el("input", { type: "file", id: "diagnose-add-files", multiple: true, accept: ".json,.yaml,.yml,application/json,application/yaml,text/yaml" });
  const addLinks = el("textarea", { id: "diagnose-add-links", rows: "3", spellcheck: "false", autocomplete: "off" });
  const addAnswers = el("button", { type: "button", class: "md-button md-button--primary", text: "Add answers" });
  const addStatus = el("div", { class: "diagnose-add-status", role: "status" });
  const addError = el("p", { class: "calculator-error diagnose-add-error", role: "alert" });
  const collect = el("section", { class: "diagnose-collect", "aria-labelledby": "diagnose-collect-heading" },
    el("h3", { id: "diagnose-collect-heading", text: "Add participants' answers" }),
    el("p", { class: "diagnose-help", text: "Each participant answers on their own device (\"One person\"), then sends you the link to their answers or the answers file. Add as many as you have: they join the team; a name already in the team is reported, not added twice." }),
    el("label", { for: "diagnose-add-files", text: "Answers files (you can choose several)" }), addFiles,
    el("label", { for: "diagnose-add-links", text: "Links to participants' answers, one per line" }), addLinks,
    el("p", { class: "diagnose-buttons" }, addAnswers), addStatus, addError);

  const respondentList = el("div", { class: "diagnose-options diagnose-respondents" });
  const nameField = textField("diagnose-name", "Name of this respondent");
  const roleField = textField("diagnose-role", "Role (for example leader, manager, frontline)");
  const nameInput = nameField.input;
  const roleInput = roleField.input;
  const addButton = el("button", { type: "button", class: "md-button", text: "Add a respondent" });
  const removeButton = el("button", { type: "button", class: "md-button", text: "Remove this respondent" });
  const teamPanel = el("div", { class: "diagnose-team", hidden: true },
    collect,
    el("h3", { text: "Or answer in turn on this device" }),
    el("fieldset", {}, el("legend", { text: "Answering as" }), respondentList),
    el("div", { class: "diagnose-person" }, nameField.wrapper, roleField.wrapper),
    el("p", { class: "diagnose-buttons" }, addButton, " ", removeButton),
    el("p", { class: "diagnose-help", text: "Each respondent answers the questionnaire below in turn; switch between them with \"Answering as\". The result combines everyone's answers." }));

  // ---- the questionnaire
  const intro = bundle.questionnaire.introduction.map((text) => el("p", { text }));
  const groups = renderQuestionnaire(bundle);
  const pager = createPager(groups, () => {
    const answers = currentAnswers();
    return {
      answered: new Set(questions.filter((question) => question.id in answers).map((question) => question.id)),
      total: questions.length,
      who: state.mode === "team" ? `${state.respondents[state.current]?.name ?? ""}: ` : "",
    };
  });
  const submit = el("button", { type: "submit", class: "md-button md-button--primary", text: "Show the result" });
  const clear = el("button", { type: "button", class: "md-button", text: "Clear these answers" });
  const formError = el("p", { class: "calculator-error diagnose-form-error", role: "alert" });
  // method="dialog": submitting a form outside a <dialog> does nothing, so the answers can
  // never go to a server, even if the submit listener below were never bound.
  const form = el("form", { class: "diagnose-form", method: "dialog", novalidate: true, "aria-label": "Lifecycle questionnaire" },
    modeFieldset, recordFieldset, teamPanel, ...intro, pager.viewFieldset, pager.progress, pager.jump,
    ...groups.map((group) => group.fieldset),
    // Next first: after a group's last statement, Tab reaches it (or, in the last group, "Show the result").
    el("p", { class: "diagnose-buttons diagnose-pager-buttons" }, pager.next, " ", submit, " ", pager.back, " ", clear), formError);

  // ---- keeping and sharing
  const downloadAnswers = el("button", { type: "button", class: "md-button", text: "Download answers (JSON)" });
  const copyLink = el("button", { type: "button", class: "md-button", text: "Copy the link to your answers" });
  const linkBox = el("input", { type: "text", id: "diagnose-link", readonly: true, class: "diagnose-link" });
  const copyStatus = el("p", { class: "diagnose-copy-status", role: "status" });
  const fileInput = el("input", { type: "file", id: "diagnose-upload", accept: ".json,.yaml,.yml,application/json,application/yaml,text/yaml" });
  const uploadError = el("p", { class: "calculator-error diagnose-upload-error", role: "alert" });
  const keep = el("section", { class: "diagnose-keep", "aria-labelledby": "diagnose-keep-heading" },
    el("h2", { id: "diagnose-keep-heading", text: "Keep and share your answers" }),
    el("p", { text: "As you answer, the address of this page keeps your answers after the # sign: bookmark it or send it to a colleague to reopen them. Browsers never send that part of an address to a server." }),
    el("p", { class: "diagnose-help", text: "In a team session, send the facilitator this link or the downloaded file; they add it to the team view." }),
    el("label", { for: "diagnose-link", text: "The link to your answers" }), linkBox,
    el("p", { class: "diagnose-buttons" }, copyLink, " ", downloadAnswers), copyStatus,
    el("label", { for: "diagnose-upload", text: "Load answers from a file (the JSON file that “Download answers” gives)" }),
    fileInput, uploadError);

  const live = el("p", { class: "diagnose-live visually-hidden", "aria-live": "polite" });
  const exportButton = el("button", { type: "button", class: "md-button", text: "Export the result as Markdown" });
  const exportJson = el("button", { type: "button", class: "md-button", text: "Export the result as JSON" });
  const printButton = el("button", { type: "button", class: "md-button", text: "Print result" });
  const resultActions = el("p", { class: "diagnose-buttons diagnose-result-actions", hidden: true }, exportButton, " ", exportJson, " ", printButton);
  const output = el("div", { class: "calculator-result diagnose-result" });
  app.replaceChildren(form, live, output, resultActions, keep);

  // ---- state <-> form
  function currentAnswers() {
    return state.mode === "team" ? state.respondents[state.current]?.answers ?? {} : state.answers;
  }

  function showAnswers(answers) {
    for (const question of questions) {
      const value = answers[question.id];
      const wanted = value === undefined ? null : value === null ? "x" : String(value);
      for (const radio of form.querySelectorAll(`input[name="dq-${question.id}"]`)) radio.checked = radio.value === wanted;
    }
    pager.update();
  }

  function showRecord() {
    service.input.value = state.record.service ?? "";
    dateInput.value = state.record.date ?? "";
    myName.input.value = state.person.name ?? "";
    myRole.input.value = state.person.role ?? "";
  }

  function respondentLabel(respondent) {
    return respondent.role ? `${respondent.name} (${respondent.role})` : respondent.name;
  }

  function showTeam() {
    teamPanel.hidden = state.mode !== "team";
    for (const node of recordFieldset.querySelectorAll(".diagnose-me")) node.hidden = state.mode === "team";
    modeSingle.checked = state.mode === "single";
    modeTeam.checked = state.mode === "team";
    if (state.mode !== "team") return;
    if (!state.respondents.length) state.respondents = [{ name: nextName(), role: "", answers: {} }];
    state.current = Math.min(state.current, state.respondents.length - 1);
    respondentList.replaceChildren(...state.respondents.map((respondent, index) => {
      const id = `diagnose-respondent-${index}`;
      const radio = el("input", { type: "radio", name: "diagnose-respondent", id, value: String(index), checked: index === state.current });
      return el("span", { class: "diagnose-option" }, radio, el("label", { for: id, text: respondentLabel(respondent) }));
    }));
    const person = state.respondents[state.current];
    nameInput.value = person.name;
    roleInput.value = person.role ?? "";
    removeButton.disabled = state.respondents.length < 2;
  }

  function nextName() {
    const used = new Set(state.respondents.map((respondent) => respondent.name));
    let number = state.respondents.length + 1;
    while (used.has(`Respondent ${number}`)) number += 1;
    return `Respondent ${number}`;
  }

  function setMode(mode) {
    if (mode === state.mode) return;
    if (mode === "team") {
      if (!state.respondents.length) {
        state.respondents = [{ name: state.person.name || nextName(), role: state.person.role ?? "", answers: { ...state.answers } }];
      }
      state.current = Math.min(state.current, state.respondents.length - 1);
    } else {
      state.answers = { ...state.respondents[state.current].answers };
    }
    state.mode = mode;
    showTeam();
    showAnswers(currentAnswers());
    changed();
  }

  // ---- Python calls
  async function call(name, kwargs) {
    try {
      return await runtime.call(name, kwargs);
    } catch (failure) {
      return { error: failure.name === "AbortError" ? "Cancelled." : `The calculator is not available: ${failure.message}`, internal: true };
    }
  }

  // Calls that can take extra keyword arguments in newer calculator packages: retried without
  // them when the package does not know them yet.
  async function callWithExtras(name, kwargs, extras) {
    if (state.linkExtras) {
      const outcome = await call(name, { ...kwargs, ...extras });
      if (!outcome.internal) return outcome;
      state.linkExtras = false;
    }
    return call(name, kwargs);
  }

  function recordForPython() {
    return { service: state.record.service?.trim() || null, date: state.record.date || null };
  }

  function recordForFile() {
    const record = recordForPython();
    return Object.fromEntries(Object.entries(record).filter(([, value]) => value));
  }

  function respondentsForPython(respondents = state.respondents) {
    return respondents.map((respondent) => ({ name: respondent.name, role: respondent.role || null, answers: respondent.answers }));
  }

  function hasAnswers() {
    if (state.mode === "team") return state.respondents.some((respondent) => Object.keys(respondent.answers).length);
    return Object.keys(state.answers).length > 0;
  }

  async function writeFragment() {
    const sequence = ++state.fragmentSequence;
    let fragment = "";
    if (hasAnswers()) {
      const outcome = state.mode === "team"
        ? await callWithExtras(`${DIAGNOSTIC}:encode_team_fragment`, { respondents: respondentsForPython() }, { record: recordForPython() })
        : await callWithExtras(`${DIAGNOSTIC}:encode_fragment`, { answers: state.answers },
          { record: recordForPython(), name: state.person.name?.trim() || null, role: state.person.role?.trim() || null });
      if (outcome.error || sequence !== state.fragmentSequence) return;
      fragment = outcome.result;
    }
    state.writtenFragment = fragment;
    const url = new URL(window.location.href);
    url.hash = fragment;
    const href = fragment ? url.href : url.href.replace(/#.*$/, "");
    history.replaceState(history.state, "", href);
    linkBox.value = fragment ? href : "";
    copyLink.disabled = !fragment;
    fragmentError.textContent = "";
  }

  /** Score the answers; `announce` says the result in the live region (once), `focus` moves focus to its heading. */
  async function computeResult({ announce = false, focus = false } = {}) {
    const sequence = ++state.sequence;
    formError.textContent = "";
    const record = recordForPython();
    const outcome = state.mode === "team"
      ? await call(`${DIAGNOSTIC}:diagnose_team`, { data: bundle, respondents: respondentsForPython(), record })
      : await call(`${DIAGNOSTIC}:diagnose`, { data: bundle, answers: state.answers, record });
    if (sequence !== state.sequence) return;
    if (outcome.error) {
      formError.textContent = outcome.error;
      output.replaceChildren();
      resultActions.hidden = true;
      state.result = null;
      if (focus) submit.focus();
      return;
    }
    const result = outcome.result;
    const drawing = result.triangle ? await call(`${DIAGNOSTIC}:triangle_svg`, { triangle: result.triangle }) : { error: "no triangle" };
    if (sequence !== state.sequence) return;
    state.result = result;
    const person = state.mode === "single" ? { name: state.person.name?.trim(), role: state.person.role?.trim() } : null;
    output.replaceChildren(renderResult(bundle, result, drawing.error ? null : drawing.result, person));
    resultActions.hidden = false;
    if (announce) live.textContent = announcement(result);
    if (focus) output.querySelector("#diagnose-result-heading")?.focus();
  }

  let updateTimer = null;
  // Answers changed: rewrite the link and, if a result is showing, redraw it quietly (the
  // live region speaks only when the person asks for the result).
  function changed() {
    pager.update();
    writeFragment();
    clearTimeout(updateTimer);
    if (state.result) updateTimer = setTimeout(() => computeResult(), UPDATE_DELAY_MS);
  }

  // ---- applying answers from a link or a file
  function applyDocument(read) {
    if (read.mode === "team") {
      state.mode = "team";
      state.respondents = read.respondents.map((respondent) => ({ name: respondent.name, role: respondent.role ?? "", answers: respondent.answers }));
      state.current = 0;
    } else {
      state.mode = "single";
      state.answers = read.answers;
      if (read.name !== undefined || read.role !== undefined) state.person = { name: read.name ?? "", role: read.role ?? "" };
    }
    if (read.record) {
      state.record = { service: read.record.service ?? state.record.service, date: read.record.date ?? state.record.date };
    }
    showTeam();
    showRecord();
    showAnswers(currentAnswers());
  }

  // Any answers link (v1/v2 for one person, t1/t2 for a team) with its name, role and record;
  // older calculator packages only decode the answers.
  async function decodeLink(hash) {
    const outcome = await call(DECODE_LINK, { data: bundle, fragment: hash });
    if (!outcome.internal) return outcome;
    const team = hash.startsWith("#t");
    const old = await call(`${DIAGNOSTIC}:${team ? "decode_team_fragment" : "decode_fragment"}`, { data: bundle, fragment: hash });
    if (old.error) return old;
    return { result: team ? { mode: "team", respondents: old.result } : { mode: "single", answers: old.result } };
  }

  async function restoreFromFragment() {
    const hash = window.location.hash;
    if (!hash || hash === "#" || hash.slice(1) === state.writtenFragment) return;
    // A heading's permalink on this page is an anchor, not answers.
    if (document.getElementById(hash.slice(1)) || document.getElementById(safeDecode(hash.slice(1)))) return;
    const outcome = await decodeLink(hash);
    if (outcome.error) {
      fragmentError.textContent = `The answers in this link could not be read: ${outcome.error}. The form below is usable; answering will replace the link.`;
      return;
    }
    fragmentError.textContent = "";
    state.writtenFragment = hash.slice(1);
    linkBox.value = window.location.href;
    copyLink.disabled = false;
    applyDocument(outcome.result);
    if (hasAnswers()) await computeResult();
  }

  async function readFile(file) {
    if (file.size > MAX_FILE_BYTES) {
      return { error: `${file.name}: the file is too large for an answers file (${file.size} bytes; at most ${MAX_FILE_BYTES.toLocaleString("en-GB")}).` };
    }
    return readAnswersFile(call, bundle, await file.text(), file.name);
  }

  fileInput.addEventListener("change", async () => {
    const file = fileInput.files?.[0];
    uploadError.textContent = "";
    if (!file) return;
    const read = await readFile(file);
    fileInput.value = "";
    if (read.error) {
      uploadError.textContent = read.error;
      return;
    }
    applyDocument(read.result);
    writeFragment();
    await computeResult({ announce: true });
  });

  // ---- the facilitator adds participants' answers to the team
  function duplicateLine(duplicate) {
    if (duplicate.message) return `${duplicate.message}.`;
    const sources = (duplicate.sources ?? []).join(" and ");
    const same = duplicate.same_answers ? "the same answers" : "different answers";
    const kept = duplicate.kept ? `; kept the answers from ${duplicate.kept}` : "";
    return `${duplicate.name} appears in ${sources} with ${same}${kept}.`;
  }

  addAnswers.addEventListener("click", async () => {
    addError.textContent = "";
    addStatus.replaceChildren();
    const sources = [];
    for (const file of addFiles.files ?? []) {
      const read = await readFile(file);
      if (read.error) {
        addError.textContent = read.error;
        return;
      }
      sources.push({ label: file.name, document: asDocument(read.result) });
    }
    const links = linksToSources(addLinks.value);
    if (links.errors.length) {
      addError.textContent = links.errors[0];
      return;
    }
    sources.push(...links.sources);
    if (!sources.length) {
      addError.textContent = "Choose one or more answers files or paste links to participants' answers first.";
      return;
    }
    const team = state.respondents.filter((respondent) => Object.keys(respondent.answers).length);
    const merged = await mergeSources(call, bundle, sources, respondentsForPython(team));
    if (merged.error) {
      addError.textContent = merged.error;
      return;
    }
    const { respondents, duplicates = [], record } = merged.result;
    state.respondents = respondents.map((respondent) => ({ name: respondent.name, role: respondent.role ?? "", answers: respondent.answers }));
    state.current = 0;
    if (record?.service && !state.record.service) state.record.service = record.service;
    addFiles.value = "";
    addLinks.value = "";
    const names = respondents.slice(team.length).map((respondent) => respondent.name);
    addStatus.append(el("p", { text: `${names.length ? `Added ${names.length}: ${namesList(names)}.` : "No one new was added."} The team now has ${state.respondents.length} respondent${state.respondents.length === 1 ? "" : "s"}.` }));
    if (duplicates.length) {
      addStatus.append(el("p", { class: "diagnose-duplicates-heading", text: `Found ${duplicates.length} duplicate${duplicates.length === 1 ? "" : "s"}:` }),
        el("ul", { class: "diagnose-duplicates" }, ...duplicates.map((duplicate) => el("li", { text: duplicateLine(duplicate) }))));
    }
    showTeam();
    showRecord();
    showAnswers(currentAnswers());
    writeFragment();
    await computeResult({ announce: true });
  });

  // ---- events
  form.addEventListener("change", (event) => {
    const target = event.target;
    if (target.name === "diagnose-mode") {
      setMode(target.value);
      return;
    }
    if (target.name === "diagnose-respondent") {
      state.current = Number(target.value);
      showTeam();
      showAnswers(currentAnswers());
      return;
    }
    const question = target.name?.startsWith("dq-") ? target.name.slice(3) : null;
    if (!question) return;
    const answers = currentAnswers();
    answers[question] = target.value === "x" ? null : Number(target.value);
    changed();
  });

  function recordChanged() {
    state.record = { service: service.input.value, date: dateInput.value };
    state.person = { name: myName.input.value.trim(), role: myRole.input.value.trim() };
    changed();
  }
  for (const input of [service.input, dateInput, myName.input, myRole.input]) input.addEventListener("input", recordChanged);

  function renameCurrent() {
    const person = state.respondents[state.current];
    person.name = nameInput.value.trim() || person.name;
    person.role = roleInput.value.trim();
    const label = respondentList.querySelectorAll("label")[state.current];
    if (label) label.textContent = respondentLabel(person);
    changed();
  }
  nameInput.addEventListener("change", renameCurrent);
  roleInput.addEventListener("change", renameCurrent);

  addButton.addEventListener("click", () => {
    state.respondents.push({ name: nextName(), role: "", answers: {} });
    state.current = state.respondents.length - 1;
    showTeam();
    showAnswers(currentAnswers());
    changed();
    nameInput.focus();
    nameInput.select();
  });

  removeButton.addEventListener("click", () => {
    if (state.respondents.length < 2) return;
    state.respondents.splice(state.current, 1);
    state.current = Math.max(0, state.current - 1);
    showTeam();
    showAnswers(currentAnswers());
    changed();
    respondentList.querySelector("input:checked")?.focus();
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(updateTimer);
    computeResult({ announce: true, focus: true });
  });

  clear.addEventListener("click", () => {
    const answers = currentAnswers();
    for (const key of Object.keys(answers)) delete answers[key];
    showAnswers(answers);
    changed();
  });

  copyLink.addEventListener("click", async () => {
    if (!linkBox.value) return;
    try {
      await navigator.clipboard.writeText(linkBox.value);
      copyStatus.textContent = "Link copied.";
    } catch {
      linkBox.select();
      copyStatus.textContent = "Copying is not allowed here: the link is selected in the box above; copy it from there.";
    }
  });

  downloadAnswers.addEventListener("click", () => {
    const version = bundle.questionnaire.version;
    const asFile = (answers) => Object.fromEntries(Object.entries(answers).map(([id, value]) => [id, value === null ? DONT_KNOW : value]));
    let document_;
    if (state.mode === "team") {
      document_ = { questionnaire_version: version, ...recordForFile(), respondents: state.respondents.map((respondent) => ({ name: respondent.name, ...(respondent.role ? { role: respondent.role } : {}), answers: asFile(respondent.answers) })) };
    } else {
      document_ = { questionnaire_version: version, ...recordForFile() };
      if (state.person.name) document_.name = state.person.name;
      if (state.person.role) document_.role = state.person.role;
      document_.answers = asFile(state.answers);
    }
    download("lifecycle-answers.json", "application/json", `${JSON.stringify(document_, null, 2)}\n`);
  });

  exportButton.addEventListener("click", async () => {
    if (!state.result) return;
    const outcome = await call(`${DIAGNOSTIC}:to_markdown`, { result: state.result });
    if (outcome.error) {
      formError.textContent = outcome.error;
      return;
    }
    download("lifecycle-diagnostic.md", "text/markdown", outcome.result);
  });

  exportJson.addEventListener("click", () => {
    if (state.result) download("lifecycle-diagnostic.json", "application/json", `${JSON.stringify(state.result, null, 2)}\n`);
  });

  // Closed <details> do not print: open them so the printout shows every contribution.
  printButton.addEventListener("click", () => {
    for (const details of output.querySelectorAll("details")) details.open = true;
    window.print();
  });

  const onHashChange = () => {
    if (!container.isConnected) {
      window.removeEventListener("hashchange", onHashChange);
      return;
    }
    restoreFromFragment();
  };
  window.addEventListener("hashchange", onHashChange);

  copyLink.disabled = true;
  showTeam();
  showRecord();
  pager.update();
  restoreFromFragment();
}

// The pure helpers, for the unit tests (tests/js/).
export { countsText, linksToSources, optionsFor, progressText, safeDecode, signed };
