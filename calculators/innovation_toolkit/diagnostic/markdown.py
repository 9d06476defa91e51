"""A result as Markdown, for keeping or sharing."""

from __future__ import annotations


def _cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def to_markdown(result: dict) -> str:
    """Render a ``diagnose`` or ``diagnose_team`` result as Markdown for keeping or sharing."""
    confidence = result["confidence"]
    lines = [
        "# Where are we in the innovation lifecycle?",
        "",
        f"**Most likely phase:** {result['phase_name']} (phase {result['phase_number']})  ",
        f"**Confidence:** {confidence['level']} ({confidence['value']:.2f})  ",
        f"**Questions answered:** {result['answered']} of {result['total_questions']}",
        "",
        confidence["explanation"],
        "",
    ]
    if result.get("phase_summary"):
        lines += [result["phase_summary"], ""]
    lines += ["## Score per phase", "", "| Phase | Score (−1 to +1) |", "|---|---|"]
    for phase_id, score in sorted(result["scores"].items(), key=lambda item: item[1]["number"]):
        marker = " **(result)**" if phase_id == result["phase"] else ""
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
        "| Corner | Your rating | Report's account of this phase | Comparison |",
        "|---|---|---|---|",
    ]
    for corner in triangle["corners"]:
        lines.append(
            f"| {_cell(corner['name'])} | {_cell(corner['rating_label'] or 'not rated')} | "
            f"{_cell(corner['report_importance'].replace('-', ' '))} | {_cell(corner['comparison'] or '—')} |"
        )
    if "team" in result:
        team = result["team"]
        lines += ["", "## Team", "", "| Respondent | Role | Phase | Confidence |", "|---|---|---|---|"]
        for member in team["respondents"]:
            confidence_text = f"{member['confidence']:.2f}" if member["confidence"] is not None else "—"
            lines.append(
                f"| {_cell(member['name'])} | {_cell(member['role'] or '—')} | "
                f"{_cell(member['phase_name'] or 'no clear phase')} | {confidence_text} |"
            )
        if team["disagreements"]:
            lines += ["", "### Where you disagree most", ""]
            for item in team["disagreements"]:
                given = ", ".join(f"{a['name']}: {a['answer_label']}" for a in item["answers"])
                lines.append(f"- {item['text']} — {given}")
    if result["progression"]:
        progression = result["progression"]
        heading = f"To move on to {progression['to_phase_name']}" if progression["to_phase"] else "Staying at this phase"
        lines += ["", f"## {heading} ({progression['source']})", ""] + [f"- {text}" for text in progression["requirements"]]
    if result["pitfalls"]:
        lines += ["", f"## What makes innovation fail at this phase ({result['pitfalls'][0]['source']})", ""]
        lines += [f"- {item['text']}" for item in result["pitfalls"]]
    for note in result["notes"]:
        lines += ["", f"> {note}"]
    if result["questions"]:
        lines += ["", f"## Questions to ask now ({result['questions'][0]['source']})", ""]
        for item in result["questions"]:
            lines.append(f"- **{item['question']}**")
            lines += [f"  - {bullet}" for bullet in item["bullets"]]
    if result["similar_cases"]:
        lines += ["", "## Places like you", ""]
        lines += [f"- {case['title']}" + (f" — {case['explanation']}" if case.get("explanation") else "") for case in result["similar_cases"]]
    lines += ["", "## Action plan", ""]
    for number, action in enumerate(result["action_plan"], start=1):
        lines.append(f"{number}. **{action['title']}.** {action['text']} ({action['source']})")
    lines += [
        "",
        "Scoring rule and limits: see the methods page for the diagnostic. Source: Transformers (NESTA / Young Foundation, 2008), Appendix A.",
        "",
    ]
    return "\n".join(lines)
