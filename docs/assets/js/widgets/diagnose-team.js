// The team view of "Diagnose your phase": who answered and their own phase, each role's phase,
// "talk about these first", and per statement the spread of answers as a small stacked bar
// with its text equivalent (colour is never the only signal), outliers named, camps marked.
// Older results without the per-statement breakdown fall back to the disagreement list.
import { el, namesList, scrollable, simpleTable } from "./dom.js";

const ORDER = ["1", "2", "3", "4", "5", "dont-know"];

/** The answer label for a count key, from a statement's answers (falls back to the key). */
function labelsOf(statement) {
  const labels = {};
  for (const answer of statement.answers ?? []) {
    const key = answer.answer === null || answer.answer === undefined ? "dont-know" : String(answer.answer);
    labels[key] ??= answer.answer_label ?? (key === "dont-know" ? "Don't know" : key);
  }
  return labels;
}

/** "3 agree, 1 disagree": the counts in scale order, lower-case labels, zero counts left out. */
export function countsText(counts, labels) {
  const keys = [...ORDER.filter((key) => key in counts), ...Object.keys(counts).filter((key) => !ORDER.includes(key))];
  const parts = keys.filter((key) => counts[key] > 0).map((key) => {
    const label = labels[key] ?? (key === "dont-know" ? "don't know" : `rated ${key}`);
    return `${counts[key]} ${label.toLowerCase()}`;
  });
  return parts.join(", ") || "no answers";
}

function spreadBar(counts) {
  const total = Object.values(counts).reduce((sum, value) => sum + value, 0);
  const bar = el("span", { class: "diagnose-spread", "aria-hidden": "true" });
  if (!total) return bar;
  for (const key of ORDER) {
    const count = counts[key] ?? 0;
    if (!count) continue;
    const segment = el("span", { class: `diagnose-spread-part point-${key}`, text: String(count) });
    segment.style.flexGrow = String(count);
    bar.append(segment);
  }
  return bar;
}

function renderStatements(team) {
  const statements = team.statements;
  const list = el("ol", { class: "diagnose-statements" });
  for (const statement of statements) {
    const counts = statement.counts ?? {};
    // The text equivalent of the bar: the count per answer point ("1 strongly agree, 2 disagree").
    const text = statement.detail || statement.summary || countsText(counts, labelsOf(statement));
    const item = el("li", { class: statement.split ? "diagnose-statement is-split" : "diagnose-statement", "data-question": statement.question });
    item.append(el("p", { class: "diagnose-statement-text", text: statement.text }));
    const line = el("p", { class: "diagnose-statement-answers" }, spreadBar(counts), el("span", { class: "diagnose-spread-text", text }));
    item.append(line);
    const marks = [];
    if (statement.split) marks.push(el("span", { class: "diagnose-mark is-split", text: "The team splits into camps" }));
    if (statement.outliers?.length) marks.push(el("span", { class: "diagnose-mark is-outlier", text: `Outlier: ${namesList(statement.outliers)}` }));
    if (marks.length) item.append(el("p", { class: "diagnose-marks" }, ...marks));
    const answers = (statement.answers ?? []).filter((answer) => answer.answer_label);
    if (answers.length) {
      item.append(el("details", { class: "diagnose-who" },
        el("summary", { text: "Who answered what" }),
        el("ul", {}, ...answers.map((answer) => el("li", { text: `${answer.name}${answer.role ? ` (${answer.role})` : ""}: ${answer.answer_label}` })))));
    }
    list.append(item);
  }
  return el("section", { "aria-labelledby": "diagnose-statements-heading" },
    el("h4", { id: "diagnose-statements-heading", text: "Answers per statement" }),
    el("p", { class: "diagnose-help", text: "Each bar counts the answers from the lowest point (left) to the highest (right), then \"don't know\"; the text beside it says the same in words." }),
    list);
}

function renderDisagreements(team) {
  const section = el("section", { "aria-labelledby": "diagnose-disagree-heading" },
    el("h4", { id: "diagnose-disagree-heading", text: "Where you disagree most" }));
  if (!team.disagreements?.length) {
    section.append(el("p", { text: `No statement was rated ${team.disagreement_threshold} or more points apart.` }));
    return section;
  }
  section.append(el("p", { text: `Statements rated ${team.disagreement_threshold} or more points apart, widest gap first. Talk these through: the disagreement is itself a finding.` }));
  const list = el("ul", { class: "diagnose-disagreements" });
  for (const item of team.disagreements) {
    const answers = item.answers.map((answer) => `${answer.name}: ${answer.answer_label}`).join("; ");
    list.append(el("li", {}, el("strong", { text: item.text }), ` (a gap of ${item.spread} points) — ${answers}`));
  }
  section.append(list);
  return section;
}

export function renderTeam(team) {
  const section = el("section", { class: "diagnose-team-result", "aria-labelledby": "diagnose-team-heading" },
    el("h3", { id: "diagnose-team-heading", text: "Your team" }));

  if (team.talk_first?.length) {
    const list = el("ol", { class: "diagnose-talk-first" });
    for (const item of team.talk_first.slice(0, 5)) {
      list.append(el("li", {}, el("strong", { text: item.text }), item.why ? ` — ${item.why}` : ""));
    }
    section.append(el("h4", { id: "diagnose-talk-heading", text: "Talk about these first" }), list);
  }

  const consensus = typeof team.consensus === "number" ? ` (consensus with the team result: ${Math.round(team.consensus * 100)}%)` : "";
  section.append(scrollable("Each respondent's own result", simpleTable(`Each respondent's own result${consensus}`,
    ["Respondent", "Role", "Phase on their own answers", "Confidence"],
    team.respondents.map((member) => [member.name, member.role || "—", member.phase_name ?? "no clear phase",
      member.confidence === null || member.confidence === undefined ? "—" : member.confidence.toFixed(2)]),
    "diagnose-team-table diagnose-stack")));

  if (team.roles?.length) {
    section.append(el("h4", { id: "diagnose-roles-heading", text: "By role" }),
      simpleTable("Each role's phase, from the answers of the people in that role",
        ["Role", "People", "Phase"],
        team.roles.map((role) => [role.role || "no role given", `${role.count}: ${namesList(role.names ?? [])}`,
          [role.phase_name ?? "no clear phase", role.note].filter(Boolean).join(". ")]),
        "diagnose-roles diagnose-stack"));
  }

  // People whose own phase is far from the team's.
  if (team.outliers?.length) {
    const list = el("ul", { class: "diagnose-outliers" });
    for (const item of team.outliers) {
      if (typeof item === "string") list.append(el("li", { text: item }));
      else list.append(el("li", { text: `${item.name}${item.role ? ` (${item.role})` : ""}: ${item.phase_name} on their own answers, ${Math.abs(item.difference)} phases ${item.difference < 0 ? "earlier" : "later"} than the team's` }));
    }
    section.append(el("h4", { text: "Far from the team's phase" }), list);
  }

  section.append(team.statements?.length ? renderStatements(team) : renderDisagreements(team));
  return section;
}
