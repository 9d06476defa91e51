"""toolkit/: the report's three-step toolkit (Appendix A), each step printable as a worksheet.

Step One: the Table A1 typology to diagnose a phase (and the diagnostic calculator); Step Two:
Table A2, progressing and pitfalls; Step Three: the questions per phase, as tick boxes. The print
stylesheet (docs/assets/css/print.css) hides the site's navigation, puts each phase of Step Three
on its own sheet and repeats the ``worksheet-footer`` source line at the foot of every printed page.
"""

from __future__ import annotations

from sitegen.markdown import citation, cite, escape, relative, sources_here, tick_box
from sitegen.pages.model import inline_source, note_block, phase_link, phase_page, phase_title, questions_markdown
from sitegen.render import cited_pages, page_start
from sitegen.urls import Urls

INDEX = "toolkit/index.md"
STEP_ONE = "toolkit/step-one.md"
STEP_TWO = "toolkit/step-two.md"
STEP_THREE = "toolkit/step-three.md"
DIAGNOSE = "calculators/diagnose.md"


def build(content: dict) -> dict[str, str]:
    phases = content.get("phases", {}).get("phases", [])
    if not phases:
        return {}
    urls = Urls(content)
    pages = {
        INDEX: _index(content),
        STEP_ONE: _step_one(content, urls, phases),
        STEP_TWO: _step_two(content, urls, phases),
        STEP_THREE: _step_three(content, urls, phases),
    }
    # A worksheet's footer cites the step on every printed sheet: a section citing nothing else needs no line of its own.
    return cited_pages(pages, FOOTER_SOURCES)


FOOTER_SOURCES = {STEP_ONE: "Appendix A, Step One; Table A1", STEP_TWO: "Appendix A, Step Two; Table A2", STEP_THREE: "Appendix A, Step Three"}


def worksheet_footer(source: str, page: str) -> str:
    """The source line printed at the foot of every sheet (fixed-position in print.css)."""
    return f'<p class="source worksheet-footer" markdown>Source: {citation(source, page)}. Printed from the Transformers toolkit.</p>\n'


def appendix_a_paragraphs(content: dict, part: str, page: str) -> list[str]:
    """Appendix A's own narrative (``introduction`` or ``step_two`` in lifecycle.yaml), with one source line."""
    items = content.get("lifecycle", {}).get("appendix_a", {}).get(part, [])
    if not items:
        return []
    return [f"{escape(item['text'])} {cite(item['source'])}\n" for item in items]


def _worksheet_start(title: str, description: str) -> list[str]:
    """A step's opening: front matter, heading and the start of the printable worksheet."""
    return page_start(title, description, "phases.yaml") + ['<div class="worksheet" markdown>\n']


def _index(content: dict) -> str:
    page = INDEX
    out = page_start("Toolkit", "Three steps to find your phase of innovation, see what moves you on, and ask the right questions.", "phases.yaml")
    out += appendix_a_paragraphs(content, "introduction", page)
    out.append(
        "Three steps drawn from the report's practitioner toolkit. Work through them for one service or field at a time. "
        "Each step prints as a worksheet without the site's navigation.\n"
    )
    out.append('<div class="grid cards" markdown>\n')
    out.append(
        f"-   **[Step One: diagnose]({relative(page, STEP_ONE)})**\n\n"
        "    Compare your service with the description of each phase and decide where you are.\n"
    )
    out.append(
        f"-   **[Step Two: progress and pitfalls]({relative(page, STEP_TWO)})**\n\n"
        "    What it takes to move on from each phase, and what makes innovation fail there.\n"
    )
    out.append(
        f"-   **[Step Three: questions to ask]({relative(page, STEP_THREE)})**\n\n"
        "    A checklist of questions for each phase, to print and discuss.\n"
    )
    out.append(
        f"-   **[Diagnose your phase]({relative(page, DIAGNOSE)})**\n\n    Answer a short questionnaire in your browser and get your likely phase.\n"
    )
    out.append("</div>\n")
    out.append(cite("Appendix A") + "\n")
    out.append(f"The phases themselves are described in [the lifecycle model]({relative(page, 'model/index.md')}).\n")
    return "\n".join(out)


def _step_one(content: dict, urls: Urls, phases: list[dict]) -> str:
    page = STEP_ONE
    out = _worksheet_start(
        "Step One: diagnose your phase",
        "Where is your service in the innovation lifecycle? The report's typology for each phase, and the diagnostic.",
    )
    out.append(
        "Pick one service or field. Read the description of each phase below (the report's Table A1) and tick the one "
        "closest to how things are now, not how you would like them to be. Ask people in different roles to do the same "
        "and compare.\n"
    )
    out.append(
        f"[Diagnose your phase]({relative(page, DIAGNOSE)}){{ .md-button .md-button--primary }} "
        "answers a short questionnaire in your browser instead.\n"
    )
    out.append("## Typology: which phase are you in? { #typology }\n")
    for phase in phases:
        typology = phase["typology"]
        out.append(
            "- "
            + tick_box(f"**{phase_link(content, urls, page, phase['id'])}**: {escape(typology['text'])}")
            + f" {inline_source(typology['source'], page)}"
        )
    out.append("")
    out.append(sources_here())
    out.append(f"Next: [Step Two: progress and pitfalls]({relative(page, STEP_TWO)}) for what it takes to move on from your phase.\n")
    out.append(worksheet_footer(FOOTER_SOURCES[page], page))
    out.append("</div>\n")
    return "\n".join(out)


def _items(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def _step_two(content: dict, urls: Urls, phases: list[dict]) -> str:
    page = STEP_TWO
    out = _worksheet_start(
        "Step Two: progress and pitfalls",
        "What it takes to move from one phase of innovation to the next, and what makes innovation fail (Table A2).",
    )
    out += appendix_a_paragraphs(content, "step_two", page)
    out.append("For each phase: what the report says is needed to reach the next phase, and the barriers and pitfalls that make innovation fail.\n")
    figure = next((item for item in content.get("lifecycle", {}).get("figures", []) if item["figure"] == "Figure A1"), None)
    if figure:
        out.append(f'!!! info "{escape(figure["figure"])}: {escape(figure["title"])}"\n')
        out.append(
            f"    The chart is an image in the report and is not reproduced here. What survives in the text: {escape(figure['what_survives'])}\n"
        )
        out.append(f"    {cite(figure['source'])}\n")
    rows = [phase for phase in phases if phase.get("progression") or phase.get("pitfalls")]
    out.append("## Progressing and pitfalls, phase by phase { #table-a2 }\n")
    out.append("| Phase | Progressing to the next phase | Barriers and pitfalls |\n|---|---|---|")
    for phase in rows:
        progression, pitfalls = phase.get("progression") or {}, phase.get("pitfalls") or {}
        target = progression.get("to_phase")
        lead = ""
        if target:
            target_phase = next(item for item in phases if item["id"] == target)
            lead = f"To reach {escape(phase_title(target_phase))}:"
        out.append(
            f'| <span id="{phase["id"]}"></span>**[{escape(phase_title(phase))}]({relative(page, phase_page(phase))})** '
            f"| {lead}{_items(progression.get('requirements', []))} | {_items(pitfalls.get('items', []))} |"
        )
    out.append("")
    sources = [block["source"] for phase in rows for block in (phase.get("progression"), phase.get("pitfalls")) if block]
    out.append(cite("; ".join(sources)) + "\n")
    out.append(sources_here())
    for phase in rows:
        for block in (phase.get("progression"), phase.get("pitfalls")):
            if block and block.get("note"):
                out.append(note_block(f"{phase_title(phase)}: {block['note']}"))
    for phase in phases:
        if not (phase.get("progression") or phase.get("pitfalls")):
            out.append(f'!!! info "No row for {escape(phase_title(phase))}"\n')
            out.append(f"    {escape(phase.get('table_a2_note') or 'The report gives no Table A2 row for this phase.')}\n")
    out.append(f"Next: [Step Three: questions to ask]({relative(page, STEP_THREE)}) in your phase.\n")
    out.append(worksheet_footer(FOOTER_SOURCES[page], page))
    out.append("</div>\n")
    return "\n".join(out)


def _step_three(content: dict, urls: Urls, phases: list[dict]) -> str:
    page = STEP_THREE
    out = _worksheet_start("Step Three: questions to ask", "A printable checklist of the questions to ask in each phase of innovation.")
    out.append(
        "A checklist for staff at every level and for local politicians, phase by phase. Go to your phase, tick each "
        "question you can answer with confidence, and talk through the rest. Printed, each phase fits on its own sheet.\n"
    )
    out.append("Jump to: " + " · ".join(f"[{escape(phase_title(phase))}](#{phase['id']})" for phase in phases if phase.get("step_three")) + "\n")
    for phase in phases:
        step = phase.get("step_three")
        if not step:
            continue
        out.append('<div class="worksheet-phase" markdown>\n')
        out.append(f"## {escape(step['heading'])} {{ #{phase['id']} }}\n")
        out.append(questions_markdown(step, checkboxes=True))
        out.append(cite(step["source"]) + "\n")
        out.append(sources_here())
        out.append(f"About this phase: {phase_link(content, urls, page, phase['id'])}.\n")
        out.append("</div>\n")
    out.append(worksheet_footer(FOOTER_SOURCES[page], page))
    out.append("</div>\n")
    return "\n".join(out)
