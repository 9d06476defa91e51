"""model/: the lifecycle at a glance, one page per phase, the strategic triangle and the local innovation system.

Built from content/lifecycle.yaml, phases.yaml, strategic-triangle.yaml and innovation-system.yaml.
"""

from __future__ import annotations

from sitegen.figures import CORNER_ORDER, IMPORTANCE_LABEL, figure_markdown, innovation_system_svg, lifecycle_svg, triangle_svg
from sitegen.markdown import cite, escape, relative, tick_box
from sitegen.markdown import note_block as markdown_note_block
from sitegen.render import cited_pages, page_start
from sitegen.urls import Urls

INDEX = "model/index.md"
TRIANGLE = "model/strategic-triangle.md"
SYSTEM = "model/local-innovation-system.md"
STEP_TWO = "toolkit/step-two.md"
STEP_THREE = "toolkit/step-three.md"

PLACEMENT_KIND = {
    "current-position": "Where the report says it stands",
    "illustrates-phase": "Example of this phase",
}


def build(content: dict) -> dict[str, str]:
    phases = content.get("phases", {}).get("phases", [])
    if not phases:
        return {}
    urls = Urls(content)
    pages = {INDEX: _index(content, urls)}
    for phase in phases:
        pages[phase_page(phase)] = _phase(content, urls, phase)
    if content.get("strategic-triangle"):
        pages[TRIANGLE] = _triangle_page(content, urls)
    if content.get("innovation-system"):
        pages[SYSTEM] = _system_page(content, urls)
    return cited_pages(pages)


# ---------------------------------------------------------------- shared helpers (also used by toolkit.py)


def phase_page(phase: dict) -> str:
    return f"model/{phase['id']}.md"


def phase_title(phase: dict) -> str:
    return f"Phase {phase['number']}: {phase['name']}"


def phases_by_id(content: dict) -> dict[str, dict]:
    return {phase["id"]: phase for phase in content.get("phases", {}).get("phases", [])}


def cited(text: str, source: str, page: str, note: str | None = None) -> str:
    """A paragraph of content text, marked with its source, and any note on the source."""
    out = f"{escape(text)} {cite(source)}\n"
    return out + ("\n" + note_block(note) if note else "")


def cited_section(heading: str, block: dict, page: str) -> str:
    """A ``##`` section holding one cited paragraph (and its note on the source, if any)."""
    return f"## {heading}\n\n" + cited(block["text"], block["source"], page, block.get("note"))


def _named_start(title: str, description: str, source: str) -> list[str]:
    """A model page's opening: its title (from content, so escaped in the heading) as front matter and heading."""
    return page_start(title, description, source, escape(title))


def note_block(note: str, title: str = "Note on the source") -> str:
    return markdown_note_block(note, title)


def inline_source(source: str, page: str = "") -> str:
    """The citation mark for a list item or table cell (after a space); see ``sitegen.markdown.cite``."""
    return cite(source)


def case_label(content: dict, slug: str) -> str:
    record = content.get("case-studies", {}).get(slug, {})
    return record.get("short_title") or f"Case study {record.get('number', '')}: {record.get('place', slug)}"


def case_link(content: dict, urls: Urls, page: str, slug: str) -> str:
    return f"[{escape(case_label(content, slug))}]({urls.link(page, 'case-study', slug)})"


def phase_link(content: dict, urls: Urls, page: str, slug: str) -> str:
    phase = phases_by_id(content)[slug]
    return f"[{escape(phase_title(phase))}]({urls.link(page, 'phase', slug)})"


def corner_names(content: dict) -> dict[str, str]:
    corners = content.get("strategic-triangle", {}).get("corners", [])
    return {corner["id"]: corner["name"] for corner in corners}


def phase_levels(phase: dict) -> dict[str, str]:
    return {corner["corner"]: corner["importance"] for corner in phase["strategic_triangle"]["corners"]}


def phase_triangle(content: dict, phase: dict, svg_id: str | None = None, *, compact: bool = False):
    return triangle_svg(
        phase_levels(phase),
        corner_names(content),
        title=f"Strategic triangle in {phase_title(phase)}",
        svg_id=svg_id or f"triangle-{phase['id']}",
        compact=compact,
    )


def our_reading(content: dict) -> str:
    """The note that the importance words and marker sizes are this project's reading, not the report's scale."""
    block = content.get("strategic-triangle", {}).get("our_reading")
    return " ".join(str(block["text"]).split()) if block else ""


def lifecycle_figure(content: dict, page: str, urls: Urls):
    phases = content["phases"]["phases"]
    return lifecycle_svg(
        [
            {
                "number": phase["number"],
                "name": phase["name"],
                "summary": phase["figure_1_summary"]["text"],
                "href": urls.link(page, "phase", phase["id"]),
            }
            for phase in phases
        ]
    )


def reference_link(content: dict, urls: Urls, page: str, slug: str) -> str:
    for reference in content.get("references", {}).get("references", []):
        if reference["id"] == slug:
            surnames = [author.split(",")[0] for author in reference.get("authors", [])]
            who = surnames[0] + (" and others" if len(surnames) > 2 else f" and {surnames[1]}" if len(surnames) == 2 else "")
            label = f"{who} ({reference.get('year', 'n.d.')})"
            return f"[{escape(label)}]({urls.link(page, 'reference', slug)})"
    raise KeyError(f"unknown reference '{slug}'")


# ---------------------------------------------------------------- model/index.md


def _index(content: dict, urls: Urls) -> str:
    page = INDEX
    lifecycle = content.get("lifecycle", {})
    phases = content["phases"]["phases"]
    out = _named_start(
        lifecycle.get("name", "The lifecycle model"),
        "The five phases of local social innovation, from latent to embedding, at a glance.",
        "lifecycle.yaml",
    )
    out.append("## The five phases { #phases }\n")
    out.append(
        figure_markdown(lifecycle_figure(content, page, urls), "Figure 1 of the report, redrawn from the phase summaries.", figure_id="figure-1")
    )
    out.append(cite("; ".join(phase["figure_1_summary"]["source"] for phase in phases)) + "\n")

    if lifecycle.get("overview"):
        out.append("## About the model { #overview }\n")
    for paragraph in lifecycle.get("overview", []):
        out.append(cited(paragraph["text"], paragraph["source"], page, paragraph.get("note")))

    pervasive = lifecycle.get("pervasive_innovation")
    if pervasive:
        out.append("## Pervasive innovation { #pervasive-innovation }\n")
        follows = pervasive.get("follows_phase")
        if follows:
            out.append(f"Beyond {phase_link(content, urls, page, follows)}.\n")
        out.append(cited(pervasive["text"], pervasive["source"], page))
        if pervasive.get("related"):
            out.append("Related points in the report:\n")
            out.append("\n".join(f"- {escape(item['text'])} {inline_source(item['source'], page)}" for item in pervasive["related"]) + "\n")
        if pervasive.get("note"):
            out.append(note_block(pervasive["note"]))
        if _has_glossary_term(content, "pervasive-innovation"):
            out.append(f"See also the glossary entry [pervasive innovation]({urls.link(page, 'glossary-term', 'pervasive-innovation')}).\n")

    placements = lifecycle.get("placements", [])
    if placements:
        out.append("## Where the report places the case studies { #placements }\n")
        order = {phase["id"]: phase["number"] for phase in phases}
        for kind, heading in (("current-position", "Where each place stands"), ("illustrates-phase", "Places used as examples of a phase")):
            rows = [item for item in placements if item["kind"] == kind]
            if not rows:
                continue
            rows.sort(key=lambda item: (order.get(item["phase"], 99), case_label(content, item["case_study"])))
            out.append(f"### {heading}\n")
            out.append("| Case study | Phase | What the report says |\n|---|---|---|")
            for item in rows:
                phase = phase_link(content, urls, page, item["phase"]) if item["phase"] else "No phase named"
                text = escape(item["text"]) + " " + inline_source(item["source"], page)
                if item.get("note"):
                    text += f" <br>*Note:* {escape(item['note'])}"
                out.append(f"| {case_link(content, urls, page, item['case_study'])} | {phase} | {_cell(text)} |")
            out.append("")

    out.append("## More of the model\n")
    out.append('<div class="grid cards" markdown>\n')
    if content.get("strategic-triangle"):
        out.append(
            f"-   **[Strategic triangle]({relative(page, TRIANGLE)})**\n\n"
            "    Authority, organisational capacity and value, and how their weight shifts from phase to phase.\n"
        )
    if content.get("innovation-system"):
        out.append(
            f"-   **[Local innovation system]({relative(page, SYSTEM)})**\n\n"
            "    The layers of a place and the links that carry ideas between and within them.\n"
        )
    out.append(
        f"-   **[Toolkit]({relative(page, 'toolkit/index.md')})**\n\n"
        "    Diagnose your phase, see what moves you on, and print the questions for your phase.\n"
    )
    out.append("</div>\n")

    figures = lifecycle.get("figures", [])
    if figures:
        out.append("## The report's figures { #report-figures }\n")
        out.append("The report's charts are images; only some of their content survives in its text. What each one still tells us:\n")
        out.append(
            "\n".join(
                f"- **{escape(item['figure'])}: {escape(item['title'])}**. {escape(item['what_survives'])} {inline_source(item['source'], page)}"
                for item in figures
            )
            + "\n"
        )

    appendix_b = lifecycle.get("appendix_b")
    if appendix_b:
        out.append("## Appendix B { #appendix-b }\n")
        out.append('!!! warning "Appendix B is empty in the report"\n')
        out.append(f"    {escape(appendix_b['text'])}\n")
        out.append(f"    {cite(appendix_b['source'])}\n")
    return "\n".join(out)


def _has_glossary_term(content: dict, slug: str) -> bool:
    return any(term["id"] == slug for term in content.get("glossary", {}).get("terms", []))


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


# ---------------------------------------------------------------- model/<phase>.md


def _phase(content: dict, urls: Urls, phase: dict) -> str:
    page = phase_page(phase)
    title = phase_title(phase)
    out = _named_start(
        title,
        f"{title} of the local social innovation lifecycle: what it looks like, the strategic triangle, how to progress and what to ask.",
        "phases.yaml",
    )
    # The lifecycle chart's one-line caption leads the page, cited once (not repeated below).
    out.append(f"*{escape(phase['figure_1_summary']['text'])}* {inline_source(phase['figure_1_summary']['source'], page)}\n")
    labels = phase.get("report_labels", [])
    if labels:
        out.append('??? info "Names the report uses for this phase"\n')
        out.append("\n".join(f"    - {escape(item['label'])} {inline_source(item['source'], page)}" for item in labels) + "\n")
    if phase.get("note"):
        out.append(note_block(phase["note"]))

    out.append("## Typology { #typology }\n")
    out.append("How the report's Table A1 characterises a place in this phase:\n")
    out.append(cited(phase["typology"]["text"], phase["typology"]["source"], page, phase["typology"].get("note")))

    out.append("## What it looks like { #what-it-looks-like }\n")
    summary = phase["figure_1_summary"]
    if summary.get("note"):
        out.append(note_block(summary["note"]))
    out.append(cited(phase["description"]["text"], phase["description"]["source"], page, phase["description"].get("note")))
    examples = phase.get("case_study_examples", [])
    if examples:
        out.append("### Examples from the case studies { #examples }\n")
        for item in examples:
            line = f"- {case_link(content, urls, page, item['case_study'])}: {escape(item['text'])} {inline_source(item['source'], page)}"
            if item.get("note"):
                line += f"\n\n    *Note:* {escape(item['note'])}\n"
            out.append(line)
        out.append("")

    out.append(_phase_triangle_section(content, urls, phase, page))
    out.append(_progress_section(content, urls, phase, page))
    out.append(_questions_section(content, urls, phase, page))
    out.append(_placements_section(content, urls, phase, page))
    return "\n".join(out)


def _phase_triangle_section(content: dict, urls: Urls, phase: dict, page: str) -> str:
    account = phase["strategic_triangle"]
    names = corner_names(content)
    out = ["## Strategic triangle { #strategic-triangle }\n"]
    out.append(
        f"How much each corner of the [strategic triangle]({relative(page, TRIANGLE)}) matters in this phase. "
        "Marker size and the word under each corner give the importance, as this project reads §5.3.\n"
    )
    caption = f"Strategic triangle in {phase_title(phase)}, drawn from the report's §5.3 account. {our_reading(content)}"
    out.append(figure_markdown(phase_triangle(content, phase), caption.strip()))
    if account.get("note"):
        out.append(note_block(account["note"]))
    corners = sorted(account["corners"], key=lambda corner: CORNER_ORDER.index(corner["corner"]) if corner["corner"] in CORNER_ORDER else 9)
    out.append("| Corner | Importance | What the report says |\n|---|---|---|")
    for corner in corners:
        name = names.get(corner["corner"], corner["corner"])
        out.append(
            f"| [{escape(name)}]({urls.link(page, 'triangle-corner', corner['corner'])}) "
            f"| {escape(IMPORTANCE_LABEL.get(corner['importance'], corner['importance']))} "
            f"| {_cell(escape(corner['explanation']))} {cite(corner['source'])} |"
        )
    out.append("")

    relationships = account.get("key_relationships", [])
    if relationships or account.get("relationships_note"):
        out.append("### Key relationships { #key-relationships }\n")
        for item in relationships:
            between = " and ".join(escape(names.get(slug, slug)) for slug in item["corners"])
            line = f"- **{between}**: {escape(item['text'])}"
            if item.get("examples"):
                line += " Examples: " + ", ".join(case_link(content, urls, page, slug) for slug in item["examples"]) + "."
            out.append(line + " " + inline_source(item["source"], page))
        if relationships:
            out.append("")
        if account.get("relationships_note"):
            out.append(note_block(account["relationships_note"]))

    risk = account.get("main_risk")
    if risk or account.get("main_risk_note"):
        out.append("### Main risk { #main-risk }\n")
        if risk:
            out.append(cited(risk["text"], risk["source"], page, risk.get("note")))
        if account.get("main_risk_note"):
            out.append(note_block(account["main_risk_note"]))
    return "\n".join(out)


def _progress_section(content: dict, urls: Urls, phase: dict, page: str) -> str:
    out = ["## How to progress { #how-to-progress }\n"]
    progression, pitfalls = phase.get("progression"), phase.get("pitfalls")
    if not progression and not pitfalls:
        out.append(
            '!!! info "No Table A2 row for this phase"\n\n'
            "    The report's Table A2 (progressing to the next phase, and pitfalls) gives no row for this phase.\n"
        )
        if phase.get("table_a2_note"):
            out.append(f"    {escape(phase['table_a2_note'])}\n")
        out.append(f"[Step Two: progress and pitfalls]({relative(page, STEP_TWO)}) sets out the rows for phases 1 to 4.\n")
        return "\n".join(out)
    if progression:
        target = progression.get("to_phase")
        if target:
            out.append(f"What the report says is needed to move on to {phase_link(content, urls, page, target)}:\n")
        else:
            out.append("What the report says about this final phase:\n")
        out.append("\n".join(f"- {escape(item)}" for item in progression["requirements"]) + "\n")
        out.append(cite(progression["source"]) + "\n")
        if progression.get("note"):
            out.append(note_block(progression["note"]))
    if pitfalls:
        out.append("## Pitfalls { #pitfalls }\n")
        out.append("What can make innovation fail in this phase:\n")
        out.append("\n".join(f"- {escape(item)}" for item in pitfalls["items"]) + "\n")
        out.append(cite(pitfalls["source"]) + "\n")
        if pitfalls.get("note"):
            out.append(note_block(pitfalls["note"]))
    return "\n".join(out)


def questions_markdown(step_three: dict, checkboxes: bool = False, indent: str = "") -> str:
    """The Step Three questions of a phase as a nested list (optionally as tick boxes)."""

    def item(text: str) -> str:
        return tick_box(text) if checkboxes else text

    lines = []
    for question in step_three["questions"]:
        lines.append(f"{indent}- {item('**' + escape(question['question']) + '**')}")
        lines.append("")
        for bullet in question.get("bullets", []):
            lines.append(f"{indent}    - {item(escape(bullet['text']))}")
            for included in bullet.get("includes", []):
                lines.append(f"{indent}        - {escape(included)}")
            if bullet.get("note"):
                lines.append("")
                lines.append(f"{indent}        *Note:* {escape(bullet['note'])}")
                lines.append("")
        lines.append("")
    return "\n".join(lines)


def _questions_section(content: dict, urls: Urls, phase: dict, page: str) -> str:
    step = phase.get("step_three")
    if not step:
        return ""
    out = ["## Questions to ask { #questions }\n"]
    out.append(questions_markdown(step))
    out.append(cite(step["source"]) + "\n")
    out.append(f"[Print these questions as a worksheet]({urls.link(page, 'step-three', phase['id'])}){{ .md-button }}\n")
    return "\n".join(out)


def _placements_section(content: dict, urls: Urls, phase: dict, page: str) -> str:
    placements = [item for item in content.get("lifecycle", {}).get("placements", []) if item.get("phase") == phase["id"]]
    if not placements:
        return ""
    out = ["## Case studies the report places here { #case-studies }\n"]
    out.append("| Case study | How the report uses it | What it says |\n|---|---|---|")
    for item in sorted(placements, key=lambda item: (item["kind"] != "current-position", case_label(content, item["case_study"]))):
        text = escape(item["text"]) + " " + inline_source(item["source"], page)
        if item.get("note"):
            text += f" <br>*Note:* {escape(item['note'])}"
        out.append(f"| {case_link(content, urls, page, item['case_study'])} | {PLACEMENT_KIND[item['kind']]} | {_cell(text)} |")
    out.append("")
    out.append(f"All placements: [the lifecycle at a glance]({relative(page, INDEX)}#placements).\n")
    return "\n".join(out)


# ---------------------------------------------------------------- model/strategic-triangle.md


def _triangle_page(content: dict, urls: Urls) -> str:
    page = TRIANGLE
    triangle = content["strategic-triangle"]
    title = triangle.get("name", "Strategic triangle")
    out = page_start(
        title,
        "Authority, organisational capacity and value: the three clusters of factors behind local innovation.",
        "strategic-triangle.yaml",
        escape(title),
    )
    for key in ("origin", "purpose"):
        block = triangle.get(key)
        if block:
            text = escape(block["text"])
            if block.get("reference"):
                text += f" (See {reference_link(content, urls, page, block['reference'])}.)"
            out.append(f"{text} {cite(block['source'])}\n")

    out.append("## The three corners { #corners }\n")
    clusters = {cluster["id"]: cluster for cluster in _factor_clusters(content)}
    for corner in triangle["corners"]:
        out.append(f"### {escape(corner['name'])} {{ #{corner['id']} }}\n")
        out.append(cited(corner["meaning"], corner["source"], page))
        also = corner.get("also_described")
        if also:
            out.append(f"**Also described:** {escape(also['text'])} {cite(also['source'])}\n")
        if corner.get("factor_cluster"):
            cluster = clusters.get(corner["factor_cluster"], {})
            name = cluster.get("short_title") or cluster.get("title") or corner["factor_cluster"].replace("-", " ")
            out.append(
                f"**Critical factors:** corresponds to the cluster [{escape(name)}]({urls.link(page, 'factor-cluster', corner['factor_cluster'])}).\n"
            )
            basis = corner.get("factor_cluster_basis")
            if basis:
                out.append(f"{escape(basis['text'])} {cite(basis['source'])}\n")

    dynamics = triangle.get("dynamics", [])
    if dynamics:
        names = corner_names(content)
        out.append("## How the corners feed each other { #dynamics }\n")
        for item in dynamics:
            line = f"- **{escape(names[item['from']])} → {escape(names[item['to']])}**: {escape(item['text'])}"
            if item.get("examples"):
                line += " Examples: " + ", ".join(case_link(content, urls, page, slug) for slug in item["examples"]) + "."
            out.append(f"{line} {inline_source(item['source'], page)}")
        out.append("")

    phases = content.get("phases", {}).get("phases", [])
    if phases:
        names = corner_names(content)
        out.append("## Through the lifecycle { #through-the-lifecycle }\n")
        drawn = triangle.get("how_the_report_draws_it")
        if drawn:
            out.append(cited(drawn["text"], drawn["source"], page, drawn.get("note")))
        out.append(_triangles_figure(content, phases))
        out.append(
            "Text version: how much each corner matters in each phase, in this project's words for §5.3's account "
            "(each phase page explains its row).\n"
        )
        out.append("| Phase | " + " | ".join(escape(names[slug]) for slug in CORNER_ORDER) + " |")
        out.append("|---|" + "---|" * len(CORNER_ORDER))
        for phase in phases:
            levels = phase_levels(phase)
            cells = [escape(IMPORTANCE_LABEL.get(levels.get(slug, "not-stated"), "not stated")) for slug in CORNER_ORDER]
            out.append(f"| {phase_link(content, urls, page, phase['id'])} | " + " | ".join(cells) + " |")
        out.append("")
        out.append(f'<p class="tt-our-reading">{escape(our_reading(content))}</p>\n')
        out.append("### Key relationships in each phase { #key-relationships }\n")
        for phase in phases:
            account = phase["strategic_triangle"]
            parts = []
            for item in account.get("key_relationships", []):
                parts.append(f"*{_and(names.get(slug, slug) for slug in item['corners'])}.* {escape(item['text'])}")
            if not parts and account.get("relationships_note"):
                parts.append(escape(account["relationships_note"]))
            if parts:
                out.append(f"- **{phase_link(content, urls, page, phase['id'])}**: " + " ".join(parts))
        out.append("")
        out.append(cite("; ".join(phase["strategic_triangle"]["source"] for phase in phases)) + "\n")

    measure = triangle.get("value_as_measure_of_success")
    if measure:
        out.append(cited_section("Value as the test of success { #value-as-measure }", measure, page))
    return "\n".join(out)


def _triangles_figure(content: dict, phases: list[dict]) -> str:
    """The five phases' triangles side by side (small multiples), each captioned with its phase.

    One HTML line: the drawings are raw HTML, and the grid wraps them to fewer per row on narrow screens.
    """
    cells = "".join(
        f'<figure class="tt-triangle">{phase_triangle(content, phase, "triangles-" + phase["id"], compact=True).svg}'
        f"<figcaption>{escape(phase_title(phase))}</figcaption></figure>"
        for phase in phases
    )
    caption = f"The strategic triangle in each phase, redrawn from §5.3's account of the report's Figure 4. {our_reading(content)}"
    return (
        f'<figure class="tt-figure tt-triangles" id="figure-4" data-search-exclude>\n'
        f'<div class="tt-triangles__grid">{cells}</div>\n'
        f"<figcaption>{escape(caption.strip())}</figcaption>\n"
        "</figure>\n"
    )


def _and(words) -> str:
    """The words joined as "A", "A and B" or "A, B and C", escaped."""
    words = [escape(word) for word in words]
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else "".join(words)


def _factor_clusters(content: dict) -> list[dict]:
    factors = content.get("factors", {})
    for key in ("clusters", "factor_clusters"):
        if isinstance(factors.get(key), list):
            return factors[key]
    return []


# ---------------------------------------------------------------- model/local-innovation-system.md

LINK_WORDS = {"horizontal": "horizontal", "vertical": "vertical", "not-specified": "not specified"}
LINK_SCALE_NOTE = (
    "The Links, Strength and Layers columns are this project's reading of what §5.4 and Case study 10 say "
    "in prose about each place (strong, weak, mixed or not stated); the report does not grade the links on a scale."
)


def _system_page(content: dict, urls: Urls) -> str:
    page = SYSTEM
    system = content["innovation-system"]
    out = _named_start(
        system.get("name", "The local innovation system"),
        "The layers of a local innovation system and the horizontal and vertical links between them, place by place.",
        "innovation-system.yaml",
    )
    for paragraph in system.get("summary", []):
        out.append(cited(paragraph["text"], paragraph["source"], page, paragraph.get("note")))

    actors = system.get("actors")
    if actors:
        out.append("## Who takes part { #actors }\n")
        out.append("\n".join(f"- {escape(item)}" for item in actors["items"]) + "\n")
        out.append(cite(actors["source"]) + "\n")
        if actors.get("note"):
            out.append(note_block(actors["note"]))

    layers = system.get("layers", {})
    items = layers.get("items", [])
    link_types = system.get("link_types", [])
    if items:
        out.append("## Layers { #layers }\n")
        lowest = sum(1 for layer in items if layer["id"] in ("grassroots", "public"))
        figure = innovation_system_svg(
            [{"name": layer["name"], "href": f"#{layer['id']}"} for layer in items],
            link_types,
            lowest=lowest,
        )
        out.append(figure_markdown(figure, "Layers named in the report's account of Figure 5, with the two kinds of link.", figure_id="figure-5"))
        if layers.get("note"):
            out.append(note_block(layers["note"], "What the drawing can and cannot show"))
        for layer in items:
            out.append(f"### {escape(layer['name'])} {{ #{layer['id']} }}\n")
            out.append(cited(layer["description"], layer["source"], page, layer.get("note")))

    if link_types:
        out.append("## Horizontal and vertical links { #links }\n")
        for link in link_types:
            out.append(f"### {escape(link['name'])} {{ #{link['id']} }}\n")
            out.append(cited(link["description"], link["source"], page, link.get("note")))

    pattern = system.get("uk_pattern")
    if pattern:
        out.append(cited_section("The pattern in the UK case studies { #uk-pattern }", pattern, page))

    places = system.get("place_links", [])
    if places:
        layer_names = {layer["id"]: layer["name"] for layer in items}
        out.append("## Each place's links { #places }\n")
        out.append(f'<p class="tt-our-reading">{escape(LINK_SCALE_NOTE)}</p>\n')
        out.append("| Case study | Links | Strength | Layers | What the report says |\n|---|---|---|---|---|")
        for place in places:
            links = ", ".join(LINK_WORDS.get(link, link) for link in place["links"])
            layer_text = ", ".join(escape(layer_names.get(slug, slug)) for slug in place.get("layers", [])) or "not stated"
            text = escape(place["text"]) + " " + inline_source(place["source"], page)
            if place.get("note"):
                text += f" <br>*Note:* {escape(place['note'])}"
            out.append(
                f"| {case_link(content, urls, page, place['case_study'])} | {links} "
                f"| {escape(place['strength'].replace('-', ' '))} | {layer_text} | {_cell(text)} |"
            )
        out.append("")
        if system.get("not_covered"):
            out.append(note_block(system["not_covered"], "Not covered"))

    out.append(
        f"Social network analysis is the report's way of mapping these links: see "
        f"[Network analysis]({relative(page, 'network-analysis/index.md')}).\n"
    )
    return "\n".join(out)
