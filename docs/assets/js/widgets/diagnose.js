// "Diagnose your phase": the lifecycle diagnostic's page widget over innovation_toolkit.diagnostic.
// All scoring, validation, fragment encoding and Markdown export happen in Python (through the
// shared runtime); this module only renders the questionnaire from the generated bundle and
// the result the calculator returns. Everything is built with DOM APIs and textContent: what
// people type (answers, respondents' names) never reaches innerHTML, and the triangle SVG,
// which our own Python generates, is parsed as image/svg+xml and imported node by node.
import { showRuntimeStatus } from "./status.js";

const DATA_URL = new URL("../../../data/diagnostic.json", import.meta.url);
const SITE_ROOT = new URL("../../../", import.meta.url);
const DIAGNOSTIC = "innovation_toolkit.diagnostic";
// The command-line reader: JSON and YAML with line/column in its messages. Pyodide can only
// run it when PyYAML is installed in the worker; otherwise JSON is read here (see readFile).
const FILE_READER = "innovation_toolkit.commands.diagnose:parse_answers_text";
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

/** Create an element; `text` sets textContent, `class` the class name, anything else an attribute. */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "text") node.textContent = value;
    else if (name === "class") node.className = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  node.append(...children.filter((child) => child !== null && child !== undefined && child !== false));
  return node;
}

function signed(value) {
  if (Math.abs(value) < 0.005) return "0.00";
  return (value > 0 ? "+" : "−") + Math.abs(value).toFixed(2);
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function phaseLink(phase, text) {
  return el("a", { href: new URL(`model/${phase}/`, SITE_ROOT).href, text });
}

function sourceLine(text) {
  return text ? el("p", { class: "source", text: `Source: ${text}` }) : null;
}

function simpleTable(caption, headings, rows, className) {
  const table = el("table", { class: className });
  if (caption) table.append(el("caption", { text: caption }));
  const head = table.createTHead().insertRow();
  for (const heading of headings) head.append(el("th", { scope: "col", text: heading }));
  const body = table.createTBody();
  for (const cells of rows) {
    const row = body.insertRow();
    cells.forEach((cell, index) => {
      const node = index === 0 ? el("th", { scope: "row" }) : el("td");
      node.append(cell ?? "—");
      row.append(node);
    });
  }
  return table;
}

// Wide tables scroll sideways inside a focusable, labelled region so keyboard users can scroll too.
function scrollable(label, table) {
  return el("div", { class: "diagnose-scroll", role: "region", "aria-label": label, tabindex: "0" }, table);
}

function triangleFigure(svgText, triangle, phaseName) {
  const figure = el("figure", { class: "diagnose-triangle" });
  const parsed = new DOMParser().parseFromString(svgText, "image/svg+xml");
  if (parsed.documentElement.nodeName === "svg" && !parsed.querySelector("parsererror")) {
    const svg = document.importNode(parsed.documentElement, true);
    figure.append(svg);
    // Long corner names can run past the drawing's fixed viewBox: once it is laid out, fit the
    // viewBox to what was drawn.
    requestAnimationFrame(() => {
      if (!svg.isConnected) return;
      const box = svg.getBBox();
      if (box.width && box.height) svg.setAttribute("viewBox", `${box.x - 4} ${box.y - 4} ${box.width + 8} ${box.height + 8}`);
    });
  }
  figure.append(el("figcaption", {},
    el("span", { text: `Solid shape: your ratings. Dashed outline: the report's account of the ${phaseName} phase. ` }),
    el("span", { text: triangle.description })));
  return figure;
}

// ------------------------------------------------------------------ questionnaire form

function optionsFor(bundle, question) {
  const scale = bundle.questionnaire.scales[question.scale];
  return [
    ...scale.points.map((point) => ({ value: String(point.value), label: point.label })),
    { value: "x", label: scale.dont_know },
  ];
}

function renderQuestionnaire(bundle) {
  const { questionnaire } = bundle;
  const parts = [];
  let number = 0;
  for (const section of questionnaire.sections) {
    const questions = questionnaire.questions.filter((question) => question.section === section.id);
    if (!questions.length) continue;
    const fieldset = el("fieldset", { class: "diagnose-section" }, el("legend", { text: section.title }));
    if (section.prompt) fieldset.append(el("p", { class: "diagnose-prompt", text: section.prompt }));
    for (const question of questions) {
      number += 1;
      const group = el("fieldset", { class: "diagnose-question", "data-question": question.id });
      group.append(el("legend", { text: `${number}. ${question.text}` }));
      if (question.hint) group.append(el("p", { class: "diagnose-hint", text: question.hint }));
      const options = el("div", { class: "diagnose-options" });
      for (const option of optionsFor(bundle, question)) {
        const id = `dq-${question.id}-${option.value}`;
        options.append(el("span", { class: "diagnose-option" },
          el("input", { type: "radio", id, name: `dq-${question.id}`, value: option.value }),
          el("label", { for: id, text: option.label })));
      }
      group.append(options);
      fieldset.append(group);
    }
    parts.push(fieldset);
  }
  return parts;
}

// ------------------------------------------------------------------ result

function renderScores(result) {
  const phases = Object.entries(result.scores).sort((a, b) => a[1].number - b[1].number);
  const rows = phases.map(([id, score]) => {
    const name = el("span", { text: `${score.number}. ${score.name}${id === result.phase ? " (result)" : ""}` });
    const bar = el("span", { class: "diagnose-bar", "aria-hidden": "true" });
    const fill = el("span", { class: score.score >= 0 ? "diagnose-bar-fill" : "diagnose-bar-fill negative" });
    fill.style.width = `${Math.min(50, Math.abs(score.score) * 50)}%`;
    fill.style[score.score >= 0 ? "left" : "right"] = "50%";
    bar.append(fill);
    return [name, signed(score.score), bar];
  });
  const table = simpleTable("From −1 (the answers argue against the phase) to +1 (they fit it fully)",
    ["Phase", "Score", "Picture"], rows, "diagnose-scores");
  for (const [index, [id]] of phases.entries()) {
    const row = table.tBodies[0].rows[index];
    row.dataset.phase = id;
    if (id === result.phase) row.classList.add("diagnose-winner");
  }
  return table;
}

function renderContributions(bundle, result) {
  const phases = Object.entries(result.scores).sort((a, b) => a[1].number - b[1].number);
  const byQuestion = new Map();
  for (const [phase, score] of phases) {
    for (const item of score.contributions) {
      if (!byQuestion.has(item.question)) byQuestion.set(item.question, { label: item.answer_label, phases: {} });
      byQuestion.get(item.question).phases[phase] = item;
    }
  }
  const rows = [];
  bundle.questionnaire.questions.forEach((question, index) => {
    const entry = byQuestion.get(question.id);
    if (!entry) return;
    rows.push([
      `${index + 1}. ${question.text}`,
      entry.label,
      ...phases.map(([phase]) => {
        const item = entry.phases[phase];
        return item ? `${signed(item.contribution)} (weight ${item.weight > 0 ? "+" : ""}${item.weight})` : "—";
      }),
    ]);
  });
  const table = simpleTable(null, ["Statement", "Your answer", ...phases.map(([, score]) => score.name)], rows, "diagnose-contributions");
  const foot = table.createTFoot().insertRow();
  foot.append(el("th", { scope: "row", text: "Score (sum of contributions ÷ sum of the weights' sizes)" }), el("td"));
  for (const [, score] of phases) foot.append(el("td", { text: `${signed(score.score)} (${signed(score.raw)} ÷ ${score.max})` }));
  const details = el("details", { class: "diagnose-details" },
    el("summary", { text: "How each answer counted towards each phase" }),
    el("p", { text: "Each rating becomes a strength from −1 (lowest point) to +1 (highest point), with the middle point at 0. "
      + "A contribution is that strength times the statement's weight for the phase. \"Don't know\" counts for nothing." }),
    scrollable("Contributions of each answer to each phase", table));
  return details;
}

function renderTeam(team) {
  const section = el("section", { class: "diagnose-team-result", "aria-labelledby": "diagnose-team-heading" },
    el("h3", { id: "diagnose-team-heading", text: "Your team" }));
  section.append(scrollable("Each respondent's own result", simpleTable(`Each respondent's own result (consensus with the team result: ${Math.round(team.consensus * 100)}%)`,
    ["Respondent", "Role", "Phase on their own answers", "Confidence"],
    team.respondents.map((member) => [member.name, member.role || "—", member.phase_name ?? "no clear phase",
      member.confidence === null ? "—" : member.confidence.toFixed(2)]),
    "diagnose-team-table")));
  section.append(el("h4", { text: "Where you disagree most" }));
  if (!team.disagreements.length) {
    section.append(el("p", { text: `No statement was rated ${team.disagreement_threshold} or more points apart.` }));
  } else {
    section.append(el("p", { text: `Statements rated ${team.disagreement_threshold} or more points apart, widest gap first. Talk these through: the disagreement is itself a finding.` }));
    const list = el("ul", { class: "diagnose-disagreements" });
    for (const item of team.disagreements) {
      const answers = item.answers.map((answer) => `${answer.name}: ${answer.answer_label}`).join("; ");
      list.append(el("li", {}, el("strong", { text: item.text }), ` (a gap of ${item.spread} points) — ${answers}`));
    }
    section.append(list);
  }
  return section;
}

function renderTriangle(result, svgText) {
  const { triangle } = result;
  const section = el("section", { "aria-labelledby": "diagnose-triangle-heading" },
    el("h3", { id: "diagnose-triangle-heading", text: "Your strategic triangle" }));
  if (svgText) section.append(triangleFigure(svgText, triangle, result.phase_name));
  section.append(scrollable("Your ratings beside the report's account", simpleTable("Your ratings beside the report's account of this phase",
    ["Corner", "Your rating", `Report's account of ${result.phase_name}`, "Comparison"],
    triangle.corners.map((corner) => [
      corner.name,
      corner.rating_label ?? "not rated",
      [corner.report_importance.replaceAll("-", " "), corner.report_explanation].filter(Boolean).join(": "),
      corner.comparison ?? "—",
    ]), "diagnose-corners")));
  if (triangle.relationships?.length) {
    const list = el("ul");
    for (const item of triangle.relationships) list.append(el("li", { text: typeof item === "string" ? item : item.text ?? "" }));
    section.append(el("p", { text: "How the corners work together in this phase:" }), list);
  }
  if (triangle.main_risk) {
    const risk = typeof triangle.main_risk === "string" ? triangle.main_risk : triangle.main_risk.text;
    if (risk) section.append(el("p", {}, el("strong", { text: "Main risk: " }), risk));
  }
  section.append(sourceLine(triangle.source));
  return section;
}

function listSection(id, heading, items, source) {
  const list = el("ul");
  for (const item of items) list.append(el("li", { text: item }));
  return el("section", { "aria-labelledby": id }, el("h3", { id, text: heading }), list, sourceLine(source));
}

function renderResult(bundle, result, svgText) {
  const confidence = result.confidence;
  const root = el("section", { class: "diagnose-report", "aria-labelledby": "diagnose-result-heading" });
  root.append(el("h2", { id: "diagnose-result-heading", text: result.team ? "Your team's result" : "Your result" }));
  root.append(el("p", { class: "diagnose-headline" },
    el("strong", { text: "Most likely phase: " }),
    phaseLink(result.phase, `Phase ${result.phase_number}: ${result.phase_name}`)));
  if (result.phase_summary) root.append(el("p", { text: result.phase_summary }));
  root.append(el("p", { class: `diagnose-confidence level-${confidence.level}` },
    el("strong", { text: "Confidence: " }),
    el("span", { class: "diagnose-confidence-value", text: `${confidence.level} (${confidence.value.toFixed(2)} on a scale from 0 to 1)` }),
    `. ${confidence.meaning}`));
  root.append(el("p", { text: confidence.explanation }));
  if (result.team) root.append(renderTeam(result.team));

  root.append(el("h3", { text: "Score per phase" }), scrollable("Score per phase", renderScores(result)), renderContributions(bundle, result));
  root.append(renderTriangle(result, svgText));

  const progression = result.progression;
  if (progression) {
    const heading = progression.to_phase ? `What it takes to move on to ${progression.to_phase_name}` : "What it takes to stay at this phase";
    const section = listSection("diagnose-progress-heading", heading, progression.requirements, progression.source);
    if (progression.note) section.append(el("p", { class: "diagnose-note", text: progression.note }));
    root.append(section);
  }
  if (result.pitfalls.length) {
    root.append(listSection("diagnose-pitfalls-heading", "What makes innovation fail at this phase",
      result.pitfalls.map((item) => item.text), result.pitfalls[0].source));
  }
  for (const note of result.notes) root.append(el("p", { class: "diagnose-note", text: note }));

  if (result.questions.length) {
    const list = el("ul");
    for (const item of result.questions) {
      const entry = el("li", {}, el("strong", { text: item.question }));
      if (item.bullets.length) {
        const bullets = el("ul");
        for (const bullet of item.bullets) bullets.append(el("li", { text: bullet }));
        entry.append(bullets);
      }
      list.append(entry);
    }
    root.append(el("section", { "aria-labelledby": "diagnose-questions-heading" },
      el("h3", { id: "diagnose-questions-heading", text: "Questions to ask now (Step Three)" }), list, sourceLine(result.questions[0].source)));
  }

  const cases = el("section", { class: "diagnose-cases", "aria-labelledby": "diagnose-cases-heading" },
    el("h3", { id: "diagnose-cases-heading", text: "Places like you" }));
  if (result.similar_cases.length) {
    const list = el("ul");
    for (const item of result.similar_cases) {
      const entry = el("li", {}, el("a", { href: new URL(`case-studies/${item.id}/`, SITE_ROOT).href, text: item.title }));
      if (item.explanation) entry.append(` — ${item.explanation}`);
      if (item.note) entry.append(el("span", { class: "diagnose-note", text: ` Note: ${item.note}` }));
      list.append(entry);
    }
    cases.append(el("p", { text: `The case studies the report places in the ${result.phase_name} phase:` }), list);
  } else {
    cases.append(el("p", { text: `The report places none of its case studies in the ${result.phase_name} phase.` }));
  }
  root.append(cases);

  const plan = el("ol", { class: "diagnose-plan" });
  for (const action of result.action_plan) {
    plan.append(el("li", {}, el("strong", { text: `${action.title}. ` }), action.text, " ", el("span", { class: "source", text: `(${action.source})` })));
  }
  root.append(el("section", { "aria-labelledby": "diagnose-plan-heading" },
    el("h3", { id: "diagnose-plan-heading", text: "Action plan" }), plan));
  return root;
}

// ------------------------------------------------------------------ the widget

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
    respondents: [],
    current: 0,
    result: null,
    writtenFragment: null,
    sequence: 0,
    fragmentSequence: 0,
  };

  // ---- markup
  const modeSingle = el("input", { type: "radio", name: "diagnose-mode", id: "diagnose-mode-single", value: "single", checked: true });
  const modeTeam = el("input", { type: "radio", name: "diagnose-mode", id: "diagnose-mode-team", value: "team" });
  const modeFieldset = el("fieldset", { class: "diagnose-mode" },
    el("legend", { text: "Who is answering?" }),
    el("span", { class: "diagnose-option" }, modeSingle, el("label", { for: "diagnose-mode-single", text: "One person" })),
    el("span", { class: "diagnose-option" }, modeTeam, el("label", { for: "diagnose-mode-team", text: "A team (several respondents)" })));

  const respondentList = el("div", { class: "diagnose-options diagnose-respondents" });
  const nameInput = el("input", { type: "text", id: "diagnose-name", autocomplete: "off", spellcheck: "false" });
  const roleInput = el("input", { type: "text", id: "diagnose-role", autocomplete: "off", spellcheck: "false" });
  const addButton = el("button", { type: "button", class: "md-button", text: "Add a respondent" });
  const removeButton = el("button", { type: "button", class: "md-button", text: "Remove this respondent" });
  const teamPanel = el("div", { class: "diagnose-team", hidden: true },
    el("fieldset", {}, el("legend", { text: "Answering as" }), respondentList),
    el("div", { class: "diagnose-person" },
      el("div", {}, el("label", { for: "diagnose-name", text: "Name of this respondent" }), nameInput),
      el("div", {}, el("label", { for: "diagnose-role", text: "Role (for example leader, manager, frontline)" }), roleInput)),
    el("p", { class: "diagnose-buttons" }, addButton, " ", removeButton),
    el("p", { class: "diagnose-help", text: "Each respondent answers the questionnaire below in turn; switch between them with \"Answering as\". The result combines everyone's answers." }));

  const intro = bundle.questionnaire.introduction.map((text) => el("p", { text }));
  const progress = el("p", { class: "diagnose-progress", "aria-live": "polite" });
  const submit = el("button", { type: "submit", class: "md-button md-button--primary", text: "Show the result" });
  const clear = el("button", { type: "button", class: "md-button", text: "Clear these answers" });
  const formError = el("p", { class: "calculator-error diagnose-form-error", role: "alert" });
  // method="dialog": submitting a form outside a <dialog> does nothing, so the answers can
  // never go to a server, even if the submit listener below were never bound.
  const form = el("form", { class: "diagnose-form", method: "dialog", novalidate: true, "aria-label": "Lifecycle questionnaire" },
    modeFieldset, teamPanel, ...intro, ...renderQuestionnaire(bundle), progress,
    el("p", { class: "diagnose-buttons" }, submit, " ", clear), formError);

  const downloadAnswers = el("button", { type: "button", class: "md-button", text: "Download answers (JSON)" });
  const fileInput = el("input", { type: "file", id: "diagnose-upload", accept: ".json,.yaml,.yml,application/json,application/yaml,text/yaml" });
  const uploadError = el("p", { class: "calculator-error diagnose-upload-error", role: "alert" });
  const keep = el("section", { class: "diagnose-keep", "aria-labelledby": "diagnose-keep-heading" },
    el("h2", { id: "diagnose-keep-heading", text: "Keep and share your answers" }),
    el("p", { text: "As you answer, the address of this page keeps your answers after the # sign: bookmark it or send it to a colleague to reopen them. Browsers never send that part of an address to a server." }),
    el("p", { class: "diagnose-buttons" }, downloadAnswers),
    el("label", { for: "diagnose-upload", text: "Load answers from a file (JSON, or YAML as the command line reads it)" }),
    fileInput, uploadError);

  const live = el("p", { class: "diagnose-live visually-hidden", "aria-live": "polite" });
  const exportButton = el("button", { type: "button", class: "md-button", text: "Export the result as Markdown" });
  const printButton = el("button", { type: "button", class: "md-button", text: "Print result" });
  const resultActions = el("p", { class: "diagnose-buttons diagnose-result-actions", hidden: true }, exportButton, " ", printButton);
  const output = el("div", { class: "calculator-result diagnose-result" });
  app.replaceChildren(form, live, output, resultActions, keep);

  // ---- state <-> form
  const currentAnswers = () => (state.mode === "team" ? state.respondents[state.current].answers : state.answers);

  function showAnswers(answers) {
    for (const question of questions) {
      const value = answers[question.id];
      const wanted = value === undefined ? null : value === null ? "x" : String(value);
      for (const radio of form.querySelectorAll(`input[name="dq-${question.id}"]`)) radio.checked = radio.value === wanted;
    }
    showProgress();
  }

  function showProgress() {
    const answers = currentAnswers();
    const count = questions.filter((question) => question.id in answers).length;
    const who = state.mode === "team" ? `${state.respondents[state.current].name}: ` : "";
    progress.textContent = `${who}${count} of ${questions.length} statements answered.`;
  }

  function respondentLabel(respondent) {
    return respondent.role ? `${respondent.name} (${respondent.role})` : respondent.name;
  }

  function showTeam() {
    teamPanel.hidden = state.mode !== "team";
    modeSingle.checked = state.mode === "single";
    modeTeam.checked = state.mode === "team";
    if (state.mode !== "team") return;
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
      if (!state.respondents.length) state.respondents = [{ name: nextName(), role: "", answers: { ...state.answers } }];
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

  function respondentsForPython() {
    return state.respondents.map((respondent) => ({ name: respondent.name, role: respondent.role || null, answers: respondent.answers }));
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
        ? await call(`${DIAGNOSTIC}:encode_team_fragment`, { respondents: respondentsForPython() })
        : await call(`${DIAGNOSTIC}:encode_fragment`, { answers: state.answers });
      if (outcome.error || sequence !== state.fragmentSequence) return;
      fragment = outcome.result;
    }
    state.writtenFragment = fragment;
    const url = new URL(window.location.href);
    url.hash = fragment;
    history.replaceState(history.state, "", fragment ? url.href : url.href.replace(/#.*$/, ""));
    fragmentError.textContent = "";
  }

  async function computeResult({ announce = true } = {}) {
    const sequence = ++state.sequence;
    formError.textContent = "";
    const outcome = state.mode === "team"
      ? await call(`${DIAGNOSTIC}:diagnose_team`, { data: bundle, respondents: respondentsForPython() })
      : await call(`${DIAGNOSTIC}:diagnose`, { data: bundle, answers: state.answers });
    if (sequence !== state.sequence) return;
    if (outcome.error) {
      formError.textContent = outcome.error;
      output.replaceChildren();
      resultActions.hidden = true;
      state.result = null;
      return;
    }
    const result = outcome.result;
    const drawing = await call(`${DIAGNOSTIC}:triangle_svg`, { triangle: result.triangle });
    if (sequence !== state.sequence) return;
    state.result = result;
    output.replaceChildren(renderResult(bundle, result, drawing.error ? null : drawing.result));
    resultActions.hidden = false;
    if (announce) live.textContent = `Result: ${result.phase_name}, confidence ${result.confidence.level} (${result.confidence.value.toFixed(2)}).`;
  }

  let updateTimer = null;
  function changed() {
    showProgress();
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
    }
    showTeam();
    showAnswers(currentAnswers());
  }

  async function restoreFromFragment() {
    const hash = window.location.hash;
    if (!hash || hash === "#" || hash.slice(1) === state.writtenFragment) return;
    // A heading's permalink on this page is an anchor, not answers.
    if (document.getElementById(hash.slice(1)) || document.getElementById(safeDecode(hash.slice(1)))) return;
    const team = hash.startsWith("#t");
    const outcome = team
      ? await call(`${DIAGNOSTIC}:decode_team_fragment`, { data: bundle, fragment: hash })
      : await call(`${DIAGNOSTIC}:decode_fragment`, { data: bundle, fragment: hash });
    if (outcome.error) {
      fragmentError.textContent = `The answers in this link could not be read: ${outcome.error}. The form below is usable; answering will replace the link.`;
      return;
    }
    fragmentError.textContent = "";
    state.writtenFragment = hash.slice(1);
    applyDocument(team ? { mode: "team", respondents: outcome.result } : { mode: "single", answers: outcome.result });
    if (hasAnswers()) await computeResult({ announce: false });
  }

  async function parseFile(text, name) {
    const outcome = await call(FILE_READER, { text, name });
    if (!outcome.internal) return outcome;
    // PyYAML is not part of the browser runtime: read JSON here, with the same positions.
    if (!/\.json$/i.test(name)) {
      return { error: `${name}: this page can read JSON answers files only; save the file as JSON (the format "Download answers" gives) or use the command line for YAML.` };
    }
    try {
      return { result: JSON.parse(text.replace(/^\uFEFF/, "")) };
    } catch (failure) {
      return { error: jsonMessage(name, text, failure.message) };
    }
  }

  fileInput.addEventListener("change", async () => {
    const file = fileInput.files?.[0];
    uploadError.textContent = "";
    if (!file) return;
    if (file.size > 1_000_000) {
      uploadError.textContent = `${file.name}: the file is too large for an answers file (${file.size} bytes; at most 1,000,000).`;
      fileInput.value = "";
      return;
    }
    const text = await file.text();
    fileInput.value = "";
    const parsed = await parseFile(text, file.name);
    if (parsed.error) {
      uploadError.textContent = parsed.error;
      return;
    }
    const read = await call(`${DIAGNOSTIC}:read_answers_document`, { data: bundle, document: parsed.result });
    if (read.error) {
      uploadError.textContent = `${file.name}: ${read.error}`;
      return;
    }
    applyDocument(read.result);
    writeFragment();
    await computeResult();
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
    computeResult().then(() => {
      if (state.result) output.querySelector("h2")?.scrollIntoView({ block: "start" });
    });
  });

  clear.addEventListener("click", () => {
    const answers = currentAnswers();
    for (const key of Object.keys(answers)) delete answers[key];
    showAnswers(answers);
    changed();
  });

  downloadAnswers.addEventListener("click", () => {
    const version = bundle.questionnaire.version;
    const asFile = (answers) => Object.fromEntries(Object.entries(answers).map(([id, value]) => [id, value === null ? DONT_KNOW : value]));
    const document_ = state.mode === "team"
      ? { questionnaire_version: version, respondents: state.respondents.map((respondent) => ({ name: respondent.name, ...(respondent.role ? { role: respondent.role } : {}), answers: asFile(respondent.answers) })) }
      : { questionnaire_version: version, answers: asFile(state.answers) };
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

  showTeam();
  showProgress();
  restoreFromFragment();
}

function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

// JSON.parse's message gives a character position; turn it into a line and column as the
// command line reports them.
function jsonMessage(name, text, message) {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  const position = /position (\d+)/.exec(message);
  const reason = message.replace(/\s*(in JSON )?at (position \d+|line \d+ column \d+).*$/, "").replace(/^JSON\.parse: /, "");
  let where = "";
  if (lineColumn) {
    where = `line ${lineColumn[1]}, column ${lineColumn[2]}: `;
  } else if (position) {
    const before = text.slice(0, Number(position[1])).split("\n");
    where = `line ${before.length}, column ${before[before.length - 1].length + 1}: `;
  }
  return `${name}: ${where}not valid JSON: ${reason}`;
}

// The pure helpers above, for the unit tests (tests/js/).
export { jsonMessage, optionsFor, safeDecode, signed };
