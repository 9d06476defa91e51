"""A result as Markdown, for keeping or sharing: the record and a one-screen summary first, then the detail.

Everything a user typed (the service or area, respondents' names and roles) goes through
``sanitise.markdown_text``, so HTML, links, images, control characters (ANSI escapes) and
bidirectional overrides never reach wherever the Markdown is pasted, printed or shown in a
terminal; the whole text is also stripped of control and bidirectional characters at the end.
"""

from __future__ import annotations

import re

from innovation_toolkit.diagnostic.sanitise import markdown_text

#: Most respondents named on the record line; a larger team is given as a count.
NAMED_RESPONDENTS = 12

#: Control characters (except the line feed) and bidirectional or invisible formatting
#: characters, removed from the finished text.
_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]")


def _cell(text) -> str:
    """Text from the report or the result (not typed by the user) in a table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def _typed(text, fallback: str = "—") -> str:
    """Text the user typed (a service, a name, a role), made inert for Markdown and HTML."""
    shown = markdown_text(text) if text else ""
    return shown or fallback


def _record_lines(result: dict) -> list[str]:
    record = result.get("record") or {}
    lines = [f"**Service or area:** {_typed(record.get('service'), 'not given')}  ", f"**Date:** {_typed(record.get('date'), 'not given')}  "]
    names = record.get("respondents") or []
    count = record.get("respondent_count") or (len(names) if names else 1)
    if names and len(names) <= NAMED_RESPONDENTS:
        lines.append(f"**Respondents ({count}):** " + ", ".join(_typed(name) for name in names))
    else:
        lines.append(f"**Respondents:** {count}")
    return lines


def _summary_lines(result: dict) -> list[str]:
    verdict = result.get("verdict") or {"kind": "clear", "headline": f"{result['phase_name']} (phase {result['phase_number']})", "reason": None}
    summary = result.get("summary") or {}
    confidence = summary.get("confidence") or result["confidence"]
    kind = verdict["kind"]
    lines = ["## Summary", ""]
    if kind == "clear":
        lines.append(f"**Most likely phase:** {result['phase_name']} (phase {result['phase_number']})  ")
    elif kind == "between":
        lines.append(f"**Between two phases:** {verdict['headline']}  ")
    else:
        lines.append(f"{verdict['headline']}  ")
    lines += [
        f"**Confidence:** {confidence['level']} ({confidence['value']:.2f})  ",
        f"**Questions answered:** {result['answered']} of {result['total_questions']}",
        "",
    ]
    if verdict.get("reason"):
        lines += [verdict["reason"], ""]
    if kind == "unclear" and result.get("clearer_answer"):
        lines += ["### How to get a clearer answer", ""] + [f"- {tip}" for tip in result["clearer_answer"]] + [""]
    actions = summary.get("next_actions") or []
    if actions:
        lines += ["### Next actions", ""]
        lines += [f"{number}. **{action['title']}.** {action['text']} ({action['source']})" for number, action in enumerate(actions, start=1)]
        lines.append("")
    return lines


def _team_lines(team: dict) -> list[str]:
    lines = ["## Team", ""]
    if team.get("talk_first"):
        lines += ["### Where you disagree most: talk about these first", ""]
        lines += [f"- **{_cell(item['text'])}** {markdown_text(item['why'])}" for item in team["talk_first"]]
        lines.append("")
    elif team.get("disagreements"):
        lines += ["### Where you disagree most", ""]
        for item in team["disagreements"][:5]:
            given = ", ".join(f"{_typed(a['name'])}: {a['answer_label']}" for a in item["answers"])
            lines.append(f"- {item['text']} — {given}")
        lines.append("")
    else:
        lines += ["No statement splits the team: everyone's answers lie close together.", ""]
    if team.get("roles"):
        lines += ["### Phase by role", "", "| Role | People | Phase of their answers |", "|---|---|---|"]
        for role in team["roles"]:
            phase = f"{role['phase_name']} (phase {role['phase_number']})" if role.get("phase_name") else "no clear phase"
            note = f" — {role['note']}" if role.get("note") else ""
            lines.append(f"| {_typed(role['role'])} | {role['count']} | {_cell(phase + note)} |")
        lines.append("")
    if team.get("outliers"):
        far = ", ".join(f"{_typed(o['name'])} ({_cell(o['phase_name'])})" for o in team["outliers"])
        lines += [f"**Far from the team's phase (two phases or more):** {far}", ""]
    lines += ["### Respondents", "", "| Respondent | Role | Phase on their own answers | Confidence |", "|---|---|---|---|"]
    for member in team["respondents"]:
        confidence_text = f"{member['confidence']:.2f}" if member["confidence"] is not None else "—"
        lines.append(
            f"| {_typed(member['name'])} | {_typed(member['role'])} | {_cell(member['phase_name'] or 'no clear phase')} | {confidence_text} |"
        )
    if team.get("statements"):
        lines += ["", "### Each statement", "", "| Statement | Answers | Note |", "|---|---|---|"]
        for item in team["statements"]:
            notes = []
            if item["split"]:
                notes.append("splits into camps")
            if item["outliers"]:
                notes.append("differs: " + ", ".join(_typed(name) for name in item["outliers"]))
            lines.append(f"| {_cell(item['text'])} | {_cell(item['summary'])} | {'; '.join(notes) or '—'} |")
    return lines + [""]


def _candidates(result: dict) -> list[dict]:
    """The phases whose advice is shown: both when the verdict is "between", none when "unclear"."""
    if "candidates" in result:
        return result["candidates"]
    keys = ("progression", "pitfalls", "questions", "similar_cases")
    return [{"phase": result["phase"], "phase_name": result["phase_name"], **{key: result.get(key) for key in keys}}]


def _advice_lines(result: dict) -> list[str]:
    candidates = _candidates(result)
    both = len(candidates) > 1
    lines: list[str] = []

    def block(title: str, items: list) -> None:
        if items:
            lines.extend(["", f"## {title}"])
            for name, body in items:
                lines.extend([""] + ([f"### {name}", ""] if both else []) + body)

    moves = []
    for candidate in candidates:
        progression = candidate.get("progression")
        if progression:
            heading = f"To move on to {progression['to_phase_name']}" if progression["to_phase"] else "Staying at this phase"
            moves.append(
                (candidate["phase_name"], [f"{heading} ({progression['source']}):", ""] + [f"- {text}" for text in progression["requirements"]])
            )
    block("How to move on" if both else "Moving on", moves)
    pitfalls = [
        (c["phase_name"], [f"({c['pitfalls'][0]['source']})", ""] + [f"- {item['text']}" for item in c["pitfalls"]])
        for c in candidates
        if c.get("pitfalls")
    ]
    block("What makes innovation fail at this phase", pitfalls)
    asked = []
    for candidate in candidates:
        if candidate.get("questions"):
            body = [f"({candidate['questions'][0]['source']})", ""]
            for item in candidate["questions"]:
                body.append(f"- **{item['question']}**")
                body += [f"  - {bullet}" for bullet in item["bullets"]]
            asked.append((candidate["phase_name"], body))
    block("Questions to ask now", asked)
    places = [
        (c["phase_name"], [f"- {case['title']}" + (f" — {case['explanation']}" if case.get("explanation") else "") for case in c["similar_cases"]])
        for c in candidates
        if c.get("similar_cases")
    ]
    block("Places like you", places)
    return lines


def to_markdown(result: dict) -> str:
    """Render a ``diagnose`` or ``diagnose_team`` result as Markdown for keeping or sharing.

    It opens with the record (service or area, date, respondents) and a one-screen summary
    (the verdict, confidence and up to three next actions; for "no clear phase" the tips
    for a clearer answer instead of a phase), then the team view in team mode (what to talk
    about first, each role's phase, one line per statement), then the detail and the
    report's advice (for both phases when the result lies between two).
    """
    lines = ["# Where are we in the innovation lifecycle?", ""] + _record_lines(result) + [""] + _summary_lines(result)
    if "team" in result:
        lines += _team_lines(result["team"])
    confidence = result["confidence"]
    lines += ["## Detail", "", confidence["explanation"], ""]
    kind = (result.get("verdict") or {}).get("kind", "clear")
    if result.get("phase_summary") and kind != "unclear":
        lines += [result["phase_summary"], ""]
    lines += ["### Score per phase", "", "| Phase | Score (−1 to +1) |", "|---|---|"]
    for phase_id, score in sorted(result["scores"].items(), key=lambda item: item[1]["number"]):
        marker = " **(highest)**" if phase_id == result["phase"] else ""
        lines.append(f"| {score['number']}. {_cell(score['name'])}{marker} | {score['score']:+.2f} |")
    winner = result["scores"][result["phase"]]
    lines += [
        "",
        f"### How each answer counted towards {result['phase_name']}",
        "",
        "| Question | Answer | Weight | Contribution |",
        "|---|---|---|---|",
    ]
    for item in winner["contributions"]:
        lines.append(f"| {item['question']} | {_cell(item['answer_label'])} | {item['weight']:+d} | {item['contribution']:+.2f} |")
    triangle = result["triangle"]
    lines += [
        "",
        "## Strategic triangle",
        "",
        triangle["description"],
        "",
        *([f"{triangle['reading']['text']} ({triangle['reading']['source']})", ""] if triangle.get("reading") else []),
        "| Corner | Your rating | Our reading of the report's account of this phase | Comparison |",
        "|---|---|---|---|",
    ]
    for corner in triangle["corners"]:
        lines.append(
            f"| {_cell(corner['name'])} | {_cell(corner['rating_label'] or 'not rated')} | "
            f"{_cell(corner['report_importance'].replace('-', ' '))} | {_cell(corner['comparison'] or '—')} |"
        )
    lines += _advice_lines(result)
    for note in result.get("notes") or []:
        lines += ["", f"> {note}"]
    if result.get("action_plan"):
        lines += ["", "## Action plan", ""]
        for number, action in enumerate(result["action_plan"], start=1):
            lines.append(f"{number}. **{action['title']}.** {action['text']} ({action['source']})")
    lines += [
        "",
        "Scoring rule and limits: see the methods page for the diagnostic. Source: Transformers (NESTA / Young Foundation, 2008), Appendix A.",
        "",
    ]
    return _UNSAFE.sub("", "\n".join(lines))
