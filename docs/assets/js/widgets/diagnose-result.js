// The result of "Diagnose your phase": a one-screen summary (the verdict, why, confidence in
// words, the three next actions, what the result is a record of), then the detail: scores,
// how each answer counted, the strategic triangle, and the report's advice for the candidate
// phase(s) — both of them when the answers sit between two phases, tips for a clearer answer
// when they point to no clear phase. Written defensively: older results carry no verdict.
import { el, longDate, namesList, phaseLink, scrollable, signed, simpleTable, SITE_ROOT, sourceLine } from "./dom.js";
import { renderTeam } from "./diagnose-team.js";

/** The verdict, or one built from an older result (a phase was always named). */
export function verdictOf(result) {
  if (result.verdict) return result.verdict;
  return {
    kind: "clear",
    phases: result.phase ? [result.phase] : [],
    headline: result.phase ? `Most likely phase: Phase ${result.phase_number}: ${result.phase_name}` : "No clear phase",
    reason: result.confidence?.explanation ?? "",
  };
}

/** The phases whose advice is shown: the verdict's candidates, or the old top-level fields. */
export function candidatesOf(result) {
  if (Array.isArray(result.candidates)) return result.candidates;
  if (result.verdict?.kind === "unclear" || !result.phase) return [];
  return [{
    phase: result.phase,
    phase_name: result.phase_name,
    phase_number: result.phase_number,
    progression: result.progression,
    pitfalls: result.pitfalls ?? [],
    questions: result.questions ?? [],
    similar_cases: result.similar_cases ?? [],
  }];
}

/** "low (0.23 on a scale from 0 to 1)". */
export function confidenceWords(confidence) {
  if (!confidence) return "";
  const value = typeof confidence.value === "number" ? ` (${confidence.value.toFixed(2)} on a scale from 0 to 1)` : "";
  return `${confidence.level}${value}`;
}

/** The one line the live region says after "Show the result". */
export function announcement(result) {
  const verdict = verdictOf(result);
  const confidence = result.summary?.confidence ?? result.confidence;
  return `Result: ${verdict.headline}. Confidence ${confidenceWords(confidence)}.`;
}

function recordList(result, person) {
  const record = result.record ?? {};
  const items = [];
  const add = (term, value) => {
    if (value) items.push(el("div", {}, el("dt", { text: term }), el("dd", { text: value })));
  };
  add("Service or area", record.service ?? "not given");
  add("Date", record.date ? longDate(record.date) : "not given");
  if (Array.isArray(record.respondents) && record.respondents.length) {
    add("Respondents", `${record.respondent_count ?? record.respondents.length}: ${namesList(record.respondents)}`);
  } else if (person?.name) {
    add("Answered by", person.role ? `${person.name} (${person.role})` : person.name);
  } else if (record.respondent_count) {
    add("Respondents", String(record.respondent_count));
  }
  add("Statements answered", `${result.answered} of ${result.total_questions}`);
  return el("dl", { class: "diagnose-record" }, ...items);
}

function renderSummary(result, person) {
  const verdict = verdictOf(result);
  const summary = result.summary ?? {};
  const confidence = summary.confidence ?? result.confidence;
  const box = el("div", { class: `diagnose-summary verdict-${verdict.kind}` });
  // A bold phase name only when the answers support one (or two neighbouring) phases.
  const headline = el("p", { class: "diagnose-headline" });
  headline.append(verdict.kind === "unclear" ? el("span", { text: summary.headline ?? verdict.headline }) : el("strong", { text: verdict.headline }));
  box.append(headline);
  if (verdict.reason) box.append(el("p", { class: "diagnose-reason", text: verdict.reason }));
  if (verdict.kind !== "unclear" && verdict.phases?.length) {
    const links = verdict.phases.map((phase) => {
      const score = result.scores?.[phase];
      return phaseLink(phase, score ? `Phase ${score.number}: ${score.name}` : phase);
    });
    const line = el("p", { class: "diagnose-phase-links" }, verdict.phases.length > 1 ? "About these phases: " : "About this phase: ");
    links.forEach((link, index) => line.append(index ? " and " : "", link));
    box.append(line);
  }
  if (confidence) {
    box.append(el("p", { class: `diagnose-confidence level-${confidence.level}` },
      el("strong", { text: "Confidence: " }),
      el("span", { class: "diagnose-confidence-value", text: confidenceWords(confidence) }),
      result.confidence?.meaning ? `. ${result.confidence.meaning}` : ""));
  }
  // No clear phase: the next actions are the first tips for a clearer answer; the rest follow them.
  const actions = (summary.next_actions ?? (result.action_plan ?? [])).slice(0, 3);
  const tips = verdict.kind === "unclear" ? clearerTips(result, actions) : [];
  if (actions.length || tips.length) {
    const list = el("ol", { class: "diagnose-next" });
    for (const action of actions) {
      list.append(el("li", {}, el("strong", { text: `${action.title}. ` }), action.text ?? "", action.source ? " " : "",
        action.source ? el("span", { class: "source", text: `(${action.source})` }) : null));
    }
    for (const tip of tips) list.append(el("li", { text: tip }));
    box.append(el("h3", { id: "diagnose-next-heading", text: verdict.kind === "unclear" ? "How to get a clearer answer" : "Next actions" }), list);
  }
  box.append(recordList(result, person));
  return box;
}

function renderScores(result, winners) {
  const phases = Object.entries(result.scores).sort((a, b) => a[1].number - b[1].number);
  const rows = phases.map(([id, score]) => {
    const name = el("span", { text: `${score.number}. ${score.name}${winners.includes(id) ? " (result)" : ""}` });
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
    if (winners.includes(id)) row.classList.add("diagnose-winner");
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
  return el("details", { class: "diagnose-details" },
    el("summary", { text: "How each answer counted towards each phase" }),
    el("p", { text: "Each rating becomes a strength from −1 (lowest point) to +1 (highest point), with the middle point at 0. "
      + "A contribution is that strength times the statement's weight for the phase. \"Don't know\" counts for nothing." }),
    scrollable("Contributions of each answer to each phase", table));
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
    el("span", { text: `Solid shape: your ratings. Dashed outline: our reading of the report's account of the ${phaseName} phase. ` }),
    el("span", { text: triangle.description }),
    triangle.reading ? el("span", { class: "diagnose-note", text: ` ${triangle.reading.text} (${triangle.reading.source})` }) : null));
  return figure;
}

function renderTriangle(result, svgText, unclear) {
  const { triangle } = result;
  const phaseName = result.scores?.[triangle.phase]?.name ?? result.phase_name;
  const section = el("section", { "aria-labelledby": "diagnose-triangle-heading" },
    el("h3", { id: "diagnose-triangle-heading", text: "Your strategic triangle" }));
  if (unclear && phaseName) section.append(el("p", { class: "diagnose-note", text: `Compared with the ${phaseName} phase, the highest score, although the answers do not settle on it.` }));
  if (svgText) section.append(triangleFigure(svgText, triangle, phaseName));
  section.append(simpleTable(`Your ratings beside our reading of the report's account of ${phaseName}`,
    ["Corner", "Your rating", `Our reading of the report's account of ${phaseName}`, "Comparison"],
    triangle.corners.map((corner) => [
      corner.name,
      corner.rating_label ?? "not rated",
      [corner.report_importance?.replaceAll("-", " "), corner.report_explanation].filter(Boolean).join(": "),
      corner.comparison ?? "—",
    ]), "diagnose-corners diagnose-stack"));
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

function listBlock(id, tag, heading, items, source) {
  const list = el("ul");
  for (const item of items) list.append(el("li", { text: item }));
  return el("section", { "aria-labelledby": id }, el(tag, { id, text: heading }), list, sourceLine(source));
}

/** Progression, pitfalls, Step Three questions and places like you, for one candidate phase. */
function renderAdvice(candidate, { tag, prefix, notes }) {
  const parts = [];
  const id = (name) => `diagnose-${prefix}${name}-heading`;
  const progression = candidate.progression;
  if (progression) {
    const heading = progression.to_phase ? `What it takes to move on to ${progression.to_phase_name}` : "What it takes to stay at this phase";
    const section = listBlock(id("progress"), tag, heading, progression.requirements ?? [], progression.source);
    if (progression.note) section.append(el("p", { class: "diagnose-note", text: progression.note }));
    parts.push(section);
  }
  if (candidate.pitfalls?.length) {
    parts.push(listBlock(id("pitfalls"), tag, "What makes innovation fail at this phase",
      candidate.pitfalls.map((item) => item.text), candidate.pitfalls[0].source));
  }
  for (const note of notes ?? []) parts.push(el("p", { class: "diagnose-note", text: note }));
  if (candidate.questions?.length) {
    const list = el("ul");
    for (const item of candidate.questions) {
      const entry = el("li", {}, el("strong", { text: item.question }));
      if (item.bullets?.length) {
        const bullets = el("ul");
        for (const bullet of item.bullets) bullets.append(el("li", { text: bullet }));
        entry.append(bullets);
      }
      list.append(entry);
    }
    parts.push(el("section", { "aria-labelledby": id("questions") },
      el(tag, { id: id("questions"), text: "Questions to ask now (Step Three)" }), list, sourceLine(candidate.questions[0].source)));
  }
  const cases = el("section", { class: "diagnose-cases", "aria-labelledby": id("cases") }, el(tag, { id: id("cases"), text: "Places like you" }));
  const similar = candidate.similar_cases ?? [];
  if (similar.length) {
    const list = el("ul");
    for (const item of similar) {
      const entry = el("li", {}, el("a", { href: new URL(`case-studies/${item.id}/`, SITE_ROOT).href, text: item.title }));
      if (item.explanation) entry.append(` — ${item.explanation}`);
      if (item.note) entry.append(el("span", { class: "diagnose-note", text: ` Note: ${item.note}` }));
      if (item.source) entry.append(" ", el("span", { class: "source", text: `(${item.source})` }));
      list.append(entry);
    }
    cases.append(el("p", { text: `The case studies the report places in, or uses as examples of, the ${candidate.phase_name} phase:` }), list);
  } else {
    cases.append(el("p", { text: `The report places none of its case studies in the ${candidate.phase_name} phase.` }));
  }
  parts.push(cases);
  return parts;
}

/** The clearer_answer tips ("Title: text") not already among the summary's next actions. */
function clearerTips(result, actions) {
  const shown = new Set(actions.map((action) => action.title));
  return (result.clearer_answer ?? [])
    .map((tip) => (typeof tip === "string" ? tip : `${tip.title}: ${tip.text}`))
    .filter((tip) => !shown.has(tip.split(": ", 1)[0]));
}

export function renderResult(bundle, result, svgText, person) {
  const verdict = verdictOf(result);
  const candidates = candidatesOf(result);
  const winners = verdict.phases ?? [];
  const root = el("section", { class: "diagnose-report", "aria-labelledby": "diagnose-result-heading" });
  root.append(el("h2", { id: "diagnose-result-heading", tabindex: "-1", text: result.team ? "Your team's result" : "Your result" }));
  root.append(renderSummary(result, person));

  if (result.team) root.append(renderTeam(result.team));

  const detail = el("section", { class: "diagnose-detail", "aria-labelledby": "diagnose-detail-heading" },
    el("h3", { id: "diagnose-detail-heading", text: "The detail" }));
  if (result.phase_summary && verdict.kind === "clear") detail.append(el("p", { text: result.phase_summary }));
  if (result.confidence?.explanation) detail.append(el("p", { class: "diagnose-explanation", text: result.confidence.explanation }));
  detail.append(el("h4", { text: "Score per phase" }), scrollable("Score per phase", renderScores(result, winners)), renderContributions(bundle, result));
  root.append(detail);
  if (result.triangle?.corners?.length) root.append(renderTriangle(result, svgText, verdict.kind === "unclear"));

  if (candidates.length === 1) {
    root.append(...renderAdvice(candidates[0], { tag: "h3", prefix: "", notes: result.notes }));
  } else if (candidates.length > 1) {
    for (const [index, candidate] of candidates.entries()) {
      const id = `diagnose-candidate-${index}-heading`;
      root.append(el("section", { class: "diagnose-candidate", "aria-labelledby": id },
        el("h3", { id, text: `If you are in phase ${candidate.phase_number}: ${candidate.phase_name}` }),
        ...renderAdvice(candidate, { tag: "h4", prefix: `c${index}-`, notes: [] })));
    }
  }

  if (result.action_plan?.length) {
    const plan = el("ol", { class: "diagnose-plan" });
    for (const action of result.action_plan) {
      plan.append(el("li", {}, el("strong", { text: `${action.title}. ` }), action.text, " ", el("span", { class: "source", text: `(${action.source})` })));
    }
    root.append(el("section", { "aria-labelledby": "diagnose-plan-heading" },
      el("h3", { id: "diagnose-plan-heading", text: "Action plan" }), plan));
  }
  return root;
}
