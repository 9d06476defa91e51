// The questionnaire of "Diagnose your phase": one fieldset per group of statements (the
// bundle's sections), one radio group (fieldset + legend) per statement, and a pager that
// shows one group at a time with Back / Next, or every group on one page.
import { el } from "./dom.js";

export function optionsFor(bundle, question) {
  const scale = bundle.questionnaire.scales[question.scale];
  return [
    ...scale.points.map((point) => ({ value: String(point.value), label: point.label })),
    { value: "x", label: scale.dont_know },
  ];
}

/** "Group 2 of 6 · 9 of 24 answered" (one group at a time) or "9 of 24 answered" (all on one page). */
export function progressText({ group, groups, answered, total, paged }) {
  const count = `${answered} of ${total} answered`;
  return paged ? `Group ${group + 1} of ${groups} · ${count}` : count;
}

/** The groups of statements: [{ id, title, fieldset, questions }], numbered across groups. */
export function renderQuestionnaire(bundle) {
  const { questionnaire } = bundle;
  const groups = [];
  let number = 0;
  for (const section of questionnaire.sections) {
    const questions = questionnaire.questions.filter((question) => question.section === section.id);
    if (!questions.length) continue;
    const legendId = `diagnose-group-${section.id}`;
    // tabindex=-1: Next / Back move focus to the group they show (never to a hidden one).
    const fieldset = el("fieldset", { class: "diagnose-section", "data-section": section.id, tabindex: "-1", "aria-labelledby": legendId },
      el("legend", { id: legendId, text: section.title }));
    if (section.prompt) fieldset.append(el("p", { class: "diagnose-prompt", text: section.prompt }));
    for (const question of questions) {
      number += 1;
      const group = el("fieldset", { class: "diagnose-question", "data-question": question.id });
      group.append(el("legend", { text: `${number}. ${question.text}` }));
      if (question.hint) group.append(el("p", { class: "diagnose-hint", text: question.hint }));
      const options = el("div", { class: "diagnose-options" });
      for (const option of optionsFor(bundle, question)) {
        const id = `dq-${question.id}-${option.value}`;
        options.append(el("span", { class: option.value === "x" ? "diagnose-option is-dont-know" : "diagnose-option" },
          el("input", { type: "radio", id, name: `dq-${question.id}`, value: option.value }),
          el("label", { for: id, text: option.label })));
      }
      group.append(options);
      fieldset.append(group);
    }
    groups.push({ id: section.id, title: section.title, fieldset, questions });
  }
  return groups;
}

/**
 * Show one group at a time or all of them. `count()` gives the answered and total
 * statements; the pager writes the progress line and keeps Back / Next in step.
 */
export function createPager(groups, count) {
  const state = { paged: true, current: 0 };
  const oneAtATime = el("input", { type: "radio", name: "diagnose-view", id: "diagnose-view-paged", value: "paged", checked: true });
  const allOnOne = el("input", { type: "radio", name: "diagnose-view", id: "diagnose-view-all", value: "all" });
  const viewFieldset = el("fieldset", { class: "diagnose-view" },
    el("legend", { text: "Show the statements" }),
    el("span", { class: "diagnose-option" }, oneAtATime, el("label", { for: "diagnose-view-paged", text: "One group at a time" })),
    el("span", { class: "diagnose-option" }, allOnOne, el("label", { for: "diagnose-view-all", text: "All on one page" })));
  const progress = el("p", { class: "diagnose-progress" });
  const back = el("button", { type: "button", class: "md-button diagnose-back", text: "Back" });
  const next = el("button", { type: "button", class: "md-button diagnose-next", text: "Next group" });
  const jump = el("nav", { class: "diagnose-groups", "aria-label": "Groups of statements" });
  const jumpList = el("ol");
  jump.append(jumpList);
  const jumpButtons = groups.map((group, index) => {
    const button = el("button", { type: "button", class: "diagnose-group-link", text: group.title });
    button.addEventListener("click", () => go(index));
    jumpList.append(el("li", {}, button));
    return button;
  });

  function show() {
    groups.forEach((group, index) => {
      group.fieldset.hidden = state.paged && index !== state.current;
      jumpButtons[index].setAttribute("aria-current", state.paged && index === state.current ? "step" : "false");
    });
    back.hidden = !state.paged || state.current === 0;
    next.hidden = !state.paged || state.current === groups.length - 1;
    jump.hidden = !state.paged;
    oneAtATime.checked = state.paged;
    allOnOne.checked = !state.paged;
    update();
  }

  function update() {
    const { answered, total, who } = count();
    const done = (group) => group.questions.filter((question) => answered.has(question.id)).length;
    progress.textContent = `${who}${progressText({ group: state.current, groups: groups.length, answered: answered.size, total, paged: state.paged })}`;
    groups.forEach((group, index) => {
      const finished = done(group) === group.questions.length;
      // On a phone only the number shows; the title and count stay in the button's name.
      jumpButtons[index].replaceChildren(el("span", { class: "diagnose-group-number", "aria-hidden": "true", text: String(index + 1) }),
        el("span", { class: "diagnose-group-title", text: `${group.title} (${done(group)} of ${group.questions.length})` }));
      jumpButtons[index].classList.toggle("is-done", finished);
    });
  }

  function go(index) {
    state.current = Math.max(0, Math.min(groups.length - 1, index));
    show();
    const fieldset = groups[state.current].fieldset;
    fieldset.focus({ preventScroll: true });
    fieldset.scrollIntoView({ block: "start" });
  }

  function setPaged(paged) {
    state.paged = paged;
    show();
  }

  /** Show the group holding a statement (when focus must go there, e.g. from an error). */
  function reveal(questionId) {
    const index = groups.findIndex((group) => group.questions.some((question) => question.id === questionId));
    if (index >= 0 && state.paged && index !== state.current) {
      state.current = index;
      show();
    }
  }

  back.addEventListener("click", () => go(state.current - 1));
  next.addEventListener("click", () => go(state.current + 1));
  oneAtATime.addEventListener("change", () => setPaged(true));
  allOnOne.addEventListener("change", () => setPaged(false));
  show();
  return { viewFieldset, progress, jump, back, next, update, setPaged, reveal, state };
}
