"""case-studies/: the filterable index, the Table 1 matrix and one page per case study.

Every page is built from content/case-studies/*.yaml, content/taxonomies.yaml and the slugs
other content defines (phases, findings, factor clusters, recommendations), linked through
``Urls``. The index works as a plain list; docs/assets/js/case-filters.js adds the filters.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from sitegen.case_studies import table1_rows
from sitegen.markdown import attr, cite, escape, front_matter, inline_refs, ref, relative, source_line, sources_here
from sitegen.render import cited_pages, list_section
from sitegen.urls import Urls

INDEX = "case-studies/index.md"
TABLE1 = "case-studies/table-1.md"
NOT_PLACED = "not-placed"
NOT_STATED = "not-stated"
# Facets the index can be filtered by: (data attribute, label, "all" option).
FACETS = [
    ("country", "Country", "All countries"),
    ("field", "Field", "All fields"),
    ("phase", "Lifecycle phase", "All phases"),
    ("trigger", "Trigger type", "All trigger types"),
]
# The report's own labels (Table 1 cells, printed titles and headings) are reproduced as printed:
# lines carrying them are marked for the verbatim check, which skips a line holding "verbatim-ok".
LABEL_OK = " <!-- verbatim-ok -->"
HEADING_OK = " { data-verbatim-ok }"
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]{}#|])")


def case_page(slug: str) -> str:
    return f"case-studies/{slug}.md"


def text(value) -> str:
    """Content text for a Markdown context: HTML escaped, Markdown syntax characters neutralised.

    (e.g. "A*-C ... A*-C" must not turn into emphasis.) Use ``escape`` inside raw HTML blocks.
    """
    flat = " ".join(str(value).split())
    return _MARKDOWN_SPECIALS.sub(r"\\\1", escape(flat))


def html_text(value) -> str:
    return escape(" ".join(str(value).split()))


def number(value) -> str:
    """A stated value as printed: thousands separated when the report gives a plain number."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        whole, _, fraction = repr(value).partition(".")
        return f"{int(whole):,}" + (f".{fraction}" if fraction and fraction != "0" else "")
    return str(value)


def ordered_cases(content: dict) -> list[dict]:
    return sorted(content.get("case-studies", {}).values(), key=lambda record: record["number"])


class Taxonomy:
    """Labels for the taxonomy slugs the case-study records refer to."""

    def __init__(self, content: dict):
        taxonomies = content.get("taxonomies", {})
        self.labels = {
            kind: {item["id"]: item["label"] for item in taxonomies.get(key, [])}
            for kind, key in [
                ("country", "countries"),
                ("level", "levels"),
                ("field", "fields"),
                ("innovation-kind", "innovation_kinds"),
                ("framing", "framings"),
                ("trigger", "trigger_types"),
            ]
        }
        self.phases = {phase["id"]: f"Phase {phase['number']}: {phase['name']}" for phase in content.get("phases", {}).get("phases", [])}
        self.labels["phase"] = {**self.phases, NOT_PLACED: "Not placed by the report"}
        self.labels["trigger"] = {**self.labels["trigger"], NOT_STATED: "No trigger stated"}

    def label(self, kind: str, slug: str) -> str:
        return self.labels[kind].get(slug, slug)


def facet_values(record: dict) -> dict[str, list[str]]:
    """The slugs a case study has for each index filter."""
    phase = record["phase"]
    trigger = (record.get("analysis") or {}).get("trigger") or {}
    return {
        "country": [record["country"]],
        "field": list(record["fields"]),
        "phase": [phase["phase"]] if phase.get("placed") else [NOT_PLACED],
        "trigger": list(trigger.get("types") or [NOT_STATED]),
    }


def case_title(record: dict) -> str:
    return record.get("short_title") or record["title"]


# ---------------------------------------------------------------- the index page


def build_index(content: dict, taxonomy: Taxonomy, urls: Urls) -> str:
    cases = ordered_cases(content)
    out = [front_matter("Case studies", "The report's ten case studies: filter by country, field, lifecycle phase and trigger.", "case-studies/")]
    out.append("# Case studies\n")
    out.append(
        f"The report draws on {len(cases)} case studies: detailed studies of UK councils, studies of places abroad, "
        "two mini case studies and an experiment with social network analysis. "
        f"The {len(table1_rows(content['case-studies']))} with a row in the report's summary table are compared on the "
        f"[Table 1 comparison]({relative(INDEX, TABLE1)}) page.\n"
    )
    out.append(filters_form(cases, taxonomy))
    out.append("## All case studies\n")
    out.append('<ul class="case-list" markdown>')
    for record in cases:
        out.append(index_item(record, taxonomy, urls))
    out.append("</ul>\n")
    out.append(sources_here())
    out.append('<p class="case-empty" hidden>No case study matches these filters. Choose "All" in one of the lists to widen the search.</p>\n')
    return "\n".join(out)


def filters_form(cases: list[dict], taxonomy: Taxonomy) -> str:
    present: dict[str, list[str]] = {key: [] for key, _, _ in FACETS}
    for record in cases:
        for key, values in facet_values(record).items():
            present[key] += [value for value in values if value not in present[key]]
    order = {"phase": list(taxonomy.phases) + [NOT_PLACED]}
    lines = ['<form class="case-filters" data-search-exclude hidden>', "<fieldset>", "<legend>Filter the case studies</legend>"]
    for key, label, everything in FACETS:
        values = present[key]
        values = [value for value in order[key] if value in values] if key in order else sorted(values, key=lambda value: taxonomy.label(key, value))
        lines.append('<div class="case-filter">')
        lines.append(f'<label for="case-filter-{key}">{escape(label)}</label>')
        lines.append(f'<select id="case-filter-{key}" name="{key}" data-facet="{key}">')
        lines.append(f'<option value="">{escape(everything)}</option>')
        for value in values:
            lines.append(f'<option value="{attr(value)}">{escape(taxonomy.label(key, value))}</option>')
        lines.append("</select>")
        lines.append("</div>")
    lines.append('<button type="reset" class="md-button">Show all</button>')
    lines.append("</fieldset>")
    lines.append(f'<p class="case-count" role="status" aria-live="polite">Showing {len(cases)} of {len(cases)} case studies</p>')
    lines.append("</form>\n")
    return "\n".join(lines)


def index_item(record: dict, taxonomy: Taxonomy, urls: Urls) -> str:
    facets = facet_values(record)
    data = " ".join(f'data-{key}="{attr(" ".join(values))}"' for key, values in facets.items())
    link = urls.link(INDEX, "case-study", record["id"])
    phase = record["phase"]
    phase_label = (
        f"[{text(taxonomy.label('phase', phase['phase']))}]({urls.link(INDEX, 'phase', phase['phase'])})"
        if phase.get("placed")
        else text(taxonomy.label("phase", NOT_PLACED))
    )
    labels = [
        ("Country", text(taxonomy.label("country", record["country"]))),
        ("Field", ", ".join(text(taxonomy.label("field", value)) for value in record["fields"])),
        ("Phase", phase_label),
        ("Trigger", ", ".join(text(taxonomy.label("trigger", value)) for value in facets["trigger"])),
    ]
    lines = [f'<li class="case-item" {data} markdown="block">']
    lines.append(f"### [Case study {record['number']}: {text(case_title(record))}]({link}){HEADING_OK}\n")
    lines.append(
        '<p class="case-facets" markdown="span">'
        + " ".join(f'<span class="case-facet"><span class="case-facet-name">{name}:</span> {value}</span>' for name, value in labels)
        + "</p>\n"
    )
    lines.append(f"{text(record['summary']['text'])} {cite(record['summary']['source'])}\n")
    lines.append("</li>")
    return "\n".join(lines)


# ---------------------------------------------------------------- Table 1


def build_table1(content: dict, urls: Urls) -> str:
    case_studies = content.get("case-studies", {})
    rows = table1_rows(case_studies)
    out = [
        front_matter(
            "Table 1: drivers and enablers compared",
            "The report's Table 1: trigger, drivers and enablers of seven case studies side by side.",
            "case-studies/",
        )
    ]
    out.append("# Table 1: drivers and enablers compared\n")
    out.append(
        f"The report's Table 1 sets {len(rows)} of its case studies side by side: what triggered the innovation, "
        "what drove it and what enabled it. Labels are the table's own; each case study page also gives the "
        "case's own analysis, which is worded differently in places.\n"
    )
    out.append('<figure class="table-1" markdown>')
    out.append('<figcaption id="table-1-caption">Table 1: summary of drivers and enablers, by case study area</figcaption>\n')
    out.append('<table markdown aria-labelledby="table-1-caption">')
    out.append(
        '<thead><tr><th scope="col">Case study area</th><th scope="col">Trigger</th><th scope="col">Drivers</th><th '
        'scope="col">Enablers</th></tr></thead>'
    )
    out.append("<tbody markdown>")
    for row in rows:
        out.append("<tr markdown>")
        out.append(f'<th scope="row" markdown="span">[{text(row["area_label"])}]({urls.link(TABLE1, "case-study", row["case"])})</th>{LABEL_OK}')
        out.append(f"<td>{html_text(row['trigger'])}</td>{LABEL_OK}")
        for column in ("drivers", "enablers"):
            items = "".join(f"<li>{html_text(item)}</li>" for item in row[column])
            out.append(f"<td><ul>{items}</ul></td>{LABEL_OK}")
        out.append("</tr>")
    out.append("</tbody>")
    out.append("</table>\n")
    out.append("</figure>\n")
    out.append(cite("; ".join(row["source"] for row in rows)) + "\n")
    noted = [row for row in rows if row.get("note")]
    if noted:
        out.append("## Notes on the table\n")
        for row in noted:
            out.append(admonition("note", row["area_label"], [f"{text(row['note'])} {cite(row['source'])}"]))
    without = [record for record in ordered_cases(content) if not record.get("table1")]
    if without:
        links = (
            f"[Case study {record['number']}: {text(case_title(record))}]({urls.link(TABLE1, 'case-study', record['id'])}){LABEL_OK}"
            for record in without
        )
        out.append(list_section("## Case studies without a row", links, "Table 1 has no row for these case studies:"))
    return "\n".join(out)


def case_note(item: dict | None) -> list[str]:
    """The note on an item of a case study (the report is unclear or inconsistent), as its own paragraph; nothing without one."""
    return [f'<p class="case-note"><strong>Note:</strong> {html_text(item["note"])}</p>\n'] if item and item.get("note") else []


def admonition(kind: str, title: str, paragraphs: list[str]) -> str:
    body = "\n\n".join(paragraphs)
    indented = "\n".join(("    " + line) if line else "" for line in body.split("\n"))
    return f'!!! {kind} "{title.replace(chr(34), chr(39))}"\n\n{indented}\n'


# ---------------------------------------------------------------- one case study


# The report's three groups of critical factors (§4.2) sort the process sections on a case page:
# what the organisation built inside itself, and what it drew in from outside.
CAPACITY = ("leadership", "structures", "culture")
RESOURCES = ("partnerships", "community-involvement", "funding", "recognition", "policy")
PROCESS_GROUPS = [
    ("Capacity inside: leadership, structures and culture", CAPACITY),
    ("Resources from outside: partners, the public, funding and policy", RESOURCES),
]
# The four parts of a case study's opening story, in reading order.
OPENING = [
    ("place_and_need", "The place and the need"),
    ("what_was_done", "What was done, and by whom"),
    ("what_changed", "What changed"),
    ("lessons", "Lessons"),
]


class CasePage:
    def __init__(self, record: dict, content: dict, taxonomy: Taxonomy, urls: Urls):
        self.record = record
        self.content = content
        self.taxonomy = taxonomy
        self.urls = urls
        self.page = case_page(record["id"])

    def cite(self, sources) -> str:
        """The one source line that closes a section: every report section its items cite, once each."""
        return source_line(list(sources), self.page) + "\n"

    def link(self, kind: str, slug: str) -> str:
        return self.urls.link(self.page, kind, slug)

    def build(self) -> str:
        record = self.record
        title = f"Case study {record['number']}: {case_title(record)}"
        head = front_matter(
            title,
            " ".join(record["summary"]["text"].split())[:150].rsplit(" ", 1)[0] + "…",
            f"case-studies/{record['id']}.yaml",
        )
        head = "\n".join(line + "  # verbatim-ok (printed title)" if line.startswith("title: ") else line for line in head.split("\n"))
        out = [head, f"# Case study {record['number']}: {text(record['title'])}{HEADING_OK}\n"]
        for part in (
            self.opening,
            self.identity,
            self.summary,
            lambda: self.sections("Context and need", record.get("context_and_need")),
            self.background,
            self.analysis,
            lambda: self.sections("Innovation strategy", record.get("innovation_strategy")),
            self.process,
            self.method,
            self.survey,
            self.messages,
            self.examples,
            self.people,
            self.outcomes,
            self.timeline,
            self.lessons,
            self.phase,
            self.related,
            self.notes,
        ):
            section = part()
            if section:
                out.append(section)
        return "\n".join(out)

    # -- blocks

    def paragraphs(self, items: list[dict]) -> list[str]:
        """Items as paragraphs, each with its note, and its report section where the run of items citing it ends."""
        out = []
        for item, source in zip(items, inline_refs([item["source"] for item in items]), strict=True):
            out.append(text(item["text"]) + ref(source) + "\n")
            out += case_note(item)
        return out

    def cited_items(self, records: list[dict], describe: Callable[[dict], str] = lambda record: text(record["text"])) -> str:
        """Records as a list, each described with its report section and any note."""
        lines = []
        for record in records:
            note = f" <em>Note: {html_text(record['note'])}</em>" if record.get("note") else ""
            lines.append(f"- {describe(record)}{note}{ref(record['source'])}")
        return "\n".join(lines) + "\n"

    def opening(self) -> str:
        """The case as a story on one screen: the place and the need, what was done, what changed, the lessons."""
        opening = self.record["opening"]
        out = ["## In brief\n", '<div class="case-opening" markdown>\n']
        for key, label in OPENING:
            part = opening[key]
            out.append(f"**{label}.** {text(part['text'])}{ref(part['source'])}\n")
            out += case_note(part)
        out.append("</div>\n")
        out.append(self.cite(opening[key]["source"] for key, _ in OPENING))
        return "\n".join(out)

    def summary(self) -> str:
        record = self.record
        items = [record["summary"], *record.get("overview", [])]
        return "\n".join(["## The report's summary\n", *self.paragraphs(items), self.cite(item["source"] for item in items)])

    def identity(self) -> str:
        record, taxonomy = self.record, self.taxonomy
        period = record["period"]
        span = f"{text(period['from'])} to {text(period['to'])}" if period.get("to") else f"from {text(period['from'])}"
        kind = record["innovation_kind"]
        kinds = ", ".join(text(taxonomy.label("innovation-kind", value)) for value in kind["kinds"])
        if kind.get("degree"):
            kinds += f" ({kind['degree']})"
        phase = record["phase"]
        phase_cell = (
            f"[{text(taxonomy.label('phase', phase['phase']))}]({self.link('phase', phase['phase'])})"
            if phase.get("placed")
            else "Not placed by the report"
        )
        rows = [
            ("Place", text(record["place"])),
            ("Country", text(taxonomy.label("country", record["country"]))),
            ("Level", text(taxonomy.label("level", record["level"]))),
            ("Field" if len(record["fields"]) == 1 else "Fields", ", ".join(text(taxonomy.label("field", value)) for value in record["fields"])),
            ("Period", span),
            ("Kind of innovation", kinds),
            ("Framing", text(taxonomy.label("framing", record["framing"]))),
            ("Lifecycle phase", phase_cell),
        ]
        table1 = record.get("table1")
        if table1:
            rows.append(("Table 1 trigger", f"[{text(table1['trigger'])}]({relative(self.page, TABLE1)}){LABEL_OK}"))
        out = ["## At a glance\n", '<div class="case-facts" markdown>', '<table markdown aria-label="At a glance">', "<tbody markdown>"]
        for name, value in rows:
            out.append(f'<tr markdown><th scope="row">{name}</th><td markdown="span">{value}</td></tr>')
        out += ["</tbody>", "</table>", "</div>\n"]
        out.append(f"**Period.** {text(period['description'])}{ref(period['source'])}\n")
        out += case_note(period)
        out.append(f"**Kind of innovation.** {text(kind['basis'])}{ref(kind['source'])}\n")
        out.append(self.cite([record["source"], period["source"], kind["source"]]))
        return "\n".join(out)

    def background(self) -> str:
        facts = self.record.get("background")
        if not facts:
            return ""
        return "\n".join(
            [
                "## Background data\n",
                facts_table(facts, f"Background data, case study {self.record['number']}", "case-facts"),
                self.cite(fact["source"] for fact in facts),
            ]
        )

    def analysis(self) -> str:
        record = self.record
        table1, analysis = record.get("table1"), record.get("analysis")
        if not table1 and not analysis:
            return ""
        out = ["## Trigger, drivers and enablers\n"]
        sources = []
        if table1:
            out.append("### In Table 1\n")
            out.append(f'The report\'s [comparison table]({relative(self.page, TABLE1)}) labels this case "{text(table1["area_label"])}".\n')
            out.append(f"**Trigger:** {text(table1['trigger'])}{LABEL_OK}\n")
            for key, label in (("drivers", "Drivers"), ("enablers", "Enablers")):
                out.append(f"**{label}:**\n")
                out.append("\n".join(f"- {text(item)}{LABEL_OK}" for item in table1[key]) + "\n")
            if table1.get("note"):
                out.append(admonition("note", "About this row", [text(table1["note"])]))
            sources.append(table1["source"])
        elif analysis:
            out.append(
                f"Table 1 has no row for this case study; the analysis below is the case study's own. [See Table 1]({relative(self.page, TABLE1)}).\n"
            )
        if analysis:
            if table1:
                out.append("### In the case study's analysis\n")
            trigger = analysis.get("trigger")
            if trigger:
                heading = "Trigger"
                if trigger.get("types"):
                    heading += ": " + ", ".join(text(self.taxonomy.label("trigger", value)) for value in trigger["types"])
                out.append(f"**{heading}.** {text(trigger['text'])}{ref(trigger['source'])}\n")
                out += case_note(trigger)
                sources.append(trigger["source"])
            for key, label in (("drivers", "Drivers"), ("enablers", "Enablers")):
                factors = analysis.get(key, [])
                if not factors:
                    continue
                out.append(f"#### {label}\n" if table1 else f"### {label}\n")
                for factor in factors:
                    note = f" <em>Note: {html_text(factor['note'])}</em>" if factor.get("note") else ""
                    out.append(f"**{text(factor['heading'])}.**{LABEL_OK}\n{text(factor['explanation'])}{note}{ref(factor['source'])}\n")
                    sources.append(factor["source"])
            if analysis.get("note"):
                out.append(admonition("note", "Table 1 and the case study's analysis", [text(analysis["note"])]))
        out.append(self.cite(sources))
        return "\n".join(out)

    def sections(self, title: str, items: list[dict] | None, level: int = 2) -> str:
        """Items under a heading, each under the report's own subheading where it has one."""
        if not items:
            return ""
        out = [f"{'#' * level} {title}\n"]
        refs = inline_refs([item["source"] for item in items])
        previous = None
        for item, source in zip(items, refs, strict=True):
            heading = item.get("heading")
            if heading and heading != previous:
                out.append(f"{'#' * (level + 1)} {text(heading)}{HEADING_OK}\n")
            previous = heading
            out.append(text(item["text"]) + ref(source) + "\n")
            out += case_note(item)
        if level == 2:
            out.append(self.cite(item["source"] for item in items))
        return "\n".join(out)

    def process(self) -> str:
        """How the innovation was carried out, grouped as the report's critical factors are: capacity, then resources."""
        items = self.record.get("process")
        if not items:
            return ""
        grouped = [(title, [item for item in items if item.get("theme") in themes]) for title, themes in PROCESS_GROUPS]
        known = {theme for _, themes in PROCESS_GROUPS for theme in themes}
        grouped.append(("Other aspects", [item for item in items if item.get("theme") not in known]))
        out = ["## How the innovation was carried out\n"]
        for title, members in grouped:
            if members:
                out.append(self.sections(title, members, level=3))
        out.append(self.cite(item["source"] for item in items))
        return "\n".join(out)

    def method(self) -> str:
        return self.sections("The method", self.record.get("method"))

    def survey(self) -> str:
        respondents, rate = self.record.get("respondents"), self.record.get("response_rate")
        if not respondents and not rate:
            return ""
        out = ["## The survey\n"]
        rows = []
        if respondents:
            rows.append(("Respondents", number(respondents["count"]), respondents["source"]))
            if respondents.get("date"):
                rows.append(("When", html_text(respondents["date"]), respondents["source"]))
        if rate:
            rows.append(("Response rate", f"{number(rate['value'])} {html_text(rate['unit'])}", rate["source"]))
        out.append('<table class="case-survey-table">\n<caption>The network survey</caption>')
        out.append('<thead><tr><th scope="col">Measure</th><th scope="col">Value</th><th scope="col">Source</th></tr></thead><tbody>')
        for name, value, source in rows:
            out.append(f'<tr><th scope="row">{name}</th><td>{value}</td><td>{escape(source)}</td></tr>')
        out.append("</tbody></table>\n")
        if respondents:
            out.append(f"**Who responded.** {text(respondents['description'])}\n")
            out += case_note(respondents)
        out += case_note(rate)
        out.append(self.cite(source for _, _, source in rows))
        return "\n".join(out)

    def messages(self) -> str:
        return self.sections("Emerging messages", self.record.get("messages"))

    def examples(self) -> str:
        examples = self.record.get("examples")
        if not examples:
            return ""
        out = []
        for example in examples:
            sources = [example["source"]]
            out.append(f"## Example: {text(example['name'])}\n")
            out.append(text(example["text"]) + "\n")
            if example.get("figures"):
                out.append(facts_table(example["figures"], f"{example['name']}: figures", "case-example-figures", group=False))
                sources += [fact["source"] for fact in example["figures"]]
            if example.get("sectors"):
                out.append("### Sectors\n")
                out.append("\n".join(f"- {text(sector)}" for sector in example["sectors"]) + "\n")
            if example.get("results"):
                out.append("### What it found\n")
                out += self.paragraphs(example["results"])
                sources += [result["source"] for result in example["results"]]
            if example.get("note"):
                out.append(admonition("note", f"About the {example['name']} example", [text(example["note"])]))
            out.append(self.cite(sources))
        return "\n".join(out)

    def outcomes(self) -> str:
        outcomes = self.record.get("outcomes")
        if not outcomes:
            return ""
        out = ["## Outcomes\n"]
        sources = []
        for outcome, source in zip(outcomes, inline_refs([outcome["source"] for outcome in outcomes]), strict=True):
            out.append(text(outcome["text"]) + ref(source) + "\n")
            sources.append(outcome["source"])
            if outcome.get("figures"):
                out.append(self.cited_items(outcome["figures"], fact_sentence))
                sources += [fact["source"] for fact in outcome["figures"]]
            out += case_note(outcome)
        out.append(self.cite(sources))
        return "\n".join(out)

    def timeline(self) -> str:
        timeline = self.record.get("timeline")
        if not timeline:
            return ""
        out = ["## Timeline\n"]
        note = [text(timeline["figure_note"])]
        if timeline.get("figure_caption"):
            note.insert(0, f'The report\'s figure "{text(timeline["figure_caption"])}" is not reproduced here.')
        out.append(admonition("info", "About this timeline", note))
        events = timeline.get("events", [])
        if events:
            out.append('<ol class="case-timeline" markdown>')
            for event in events:
                extra = f" <em>Note: {html_text(event['note'])}</em>" if event.get("note") else ""
                out.append(f'<li markdown="span"><time>{html_text(event["date"])}</time>: {text(event["event"])}{extra}{ref(event["source"])}</li>')
            out.append("</ol>\n")
            out.append(self.cite(event["source"] for event in events))
        return "\n".join(out)

    def people(self) -> str:
        people, organisations = self.record.get("people"), self.record.get("organisations")
        return self.subsections(
            "People and organisations",
            [
                ("People", people, partial(self.cited_items, describe=_person)),
                ("Organisations", organisations, partial(self.cited_items, describe=_organisation)),
            ],
            [item["source"] for item in (people or []) + (organisations or [])],
        )

    def lessons(self) -> str:
        lessons, conclusions = self.record.get("lessons"), self.record.get("conclusions")
        return self.subsections(
            "Lessons and conclusions",
            [
                ("Lessons", lessons, self.cited_items),
                ("Conclusions", conclusions, lambda items: "\n".join(self.paragraphs(items))),
            ],
            [item["source"] for item in (lessons or []) + (conclusions or [])],
        )

    def subsections(self, heading: str, parts: list[tuple[str, list | None, Callable[[list], str]]], sources: list[str] | None = None) -> str:
        """A ``##`` section of ``###`` parts, each drawn from its items; the parts without items, and a section with none, are left out."""
        present = [(title, items, render) for title, items, render in parts if items]
        if not present:
            return ""
        out = [f"## {heading}\n"]
        for title, items, render in present:
            out.append(f"### {title}\n")
            out.append(render(items))
        if sources:
            out.append(self.cite(sources))
        return "\n".join(out)

    def phase(self) -> str:
        phase = self.record["phase"]
        out = ["## Place in the lifecycle\n"]
        if phase.get("placed"):
            label = self.taxonomy.label("phase", phase["phase"])
            out.append(f"The report places this case in **[{text(label)}]({self.link('phase', phase['phase'])})**.\n")
            out.append(text(phase["explanation"]) + "\n")
            out += case_note(phase)
        else:
            out.append(f"**Not placed by the report** in a phase of the lifecycle ([the model]({relative(self.page, 'model/index.md')})).\n")
            out.append(text(phase["note"]) + "\n")
        if phase.get("source"):
            out.append(self.cite([phase["source"]]))
        return "\n".join(out)

    def related(self) -> str:
        links = self.record.get("links") or {}
        groups = [
            ("Findings it evidences", "finding", links.get("findings", []), self.finding_title),
            ("Critical factors", "factor-cluster", links.get("factor_clusters", []), self.cluster_title),
            ("Lifecycle phases", "phase", links.get("phases", []), lambda slug: self.taxonomy.label("phase", slug)),
            ("Recommendations", "recommendation", links.get("recommendations", []), self.recommendation_title),
        ]
        return self.subsections("Related", [(title, slugs, partial(self.link_items, kind, label)) for title, kind, slugs, label in groups])

    def link_items(self, kind: str, label: Callable[[str], str], slugs: list[str]) -> str:
        return "\n".join(f"- [{text(label(slug))}]({self.link(kind, slug)})" for slug in slugs) + "\n"

    def notes(self) -> str:
        notes = self.record.get("notes")
        if not notes:
            return ""
        out = ["## Notes on the report's text\n"]
        for note in notes:
            out.append(admonition("warning", note["topic"], [text(note["text"]) + ref(note["source"])]))
        out.append(self.cite(note["source"] for note in notes))
        return "\n".join(out)

    # -- titles of linked items

    def finding_title(self, slug: str) -> str:
        return _title(self.content.get("findings", {}).get("findings", []), slug)

    def cluster_title(self, slug: str) -> str:
        for cluster in self.content.get("factors", {}).get("clusters", []):
            if cluster["id"] == slug:
                return cluster.get("short_title") or cluster["title"]
        return slug

    def recommendation_title(self, slug: str) -> str:
        return _title(self.content.get("recommendations", {}).get("recommendations", []), slug)


SECTORS = {
    "public": "public sector",
    "private": "private sector",
    "third-sector": "third sector",
    "academic": "academic",
    "partnership": "partnership",
    "media": "media",
}


def _person(person: dict) -> str:
    organisation = f" ({text(person['organisation'])})" if person.get("organisation") else ""
    contribution = f": {text(person['contribution'])}" if person.get("contribution") else ""
    return f"**{text(person['name'])}**, {text(person['role'])}{organisation}{contribution}"


def _organisation(organisation: dict) -> str:
    abbreviation = f" ({text(organisation['abbreviation'])})" if organisation.get("abbreviation") else ""
    sector = f", {SECTORS[organisation['sector']]}" if organisation.get("sector") else ""
    return f"**{text(organisation['name'])}**{abbreviation}{sector}: {text(organisation['role'])}"


def _title(items: list[dict], slug: str) -> str:
    for item in items:
        if item["id"] == slug:
            return item.get("title") or item.get("name") or slug
    return slug


def fact_sentence(fact: dict) -> str:
    value = text(number(fact["value"])) + (f" {text(fact['unit'])}" if fact.get("unit") else "")
    where = f", {text(fact['area'])}" if fact.get("area") else ""
    when = f" ({text(fact['year'])})" if fact.get("year") else ""
    return f"**{value}**: {text(fact['measure'])}{where}{when}"


def facts_table(facts: list[dict], caption: str, css_class: str, group: bool = True) -> str:
    """A raw HTML table (no Markdown inside): measure, value, unit, year and citation per fact.

    Facts are grouped under their category (the report's background-data subheading) in order of
    first appearance; notes sit under the measure they qualify.
    """
    groups: dict[str, list[dict]] = {}
    for fact in facts:
        groups.setdefault(fact.get("category") or "Other figures" if group else "", []).append(fact)
    # Background data states "not stated" for a missing year; a list of figures with no year at all drops the column.
    with_year = group or any(fact.get("year") for fact in facts)
    columns = ["Measure", "Value", "Unit"] + (["Year"] if with_year else []) + ["Source"]
    lines = [f'<div class="{css_class}">', "<table>", f"<caption>{html_text(caption)}</caption>"]
    lines.append("<thead><tr>" + "".join(f'<th scope="col">{name}</th>' for name in columns) + "</tr></thead>")
    for category, members in groups.items():
        lines.append("<tbody>")
        if category and len(groups) > 1:
            lines.append(f'<tr class="case-facts-group"><th scope="rowgroup" colspan="{len(columns)}">{html_text(category)}</th></tr>')
        for fact in members:
            measure = html_text(fact["measure"])
            if fact.get("area"):
                measure += f" ({html_text(fact['area'])})"
            if fact.get("note"):
                measure += f'<br><span class="case-fact-note">{html_text(fact["note"])}</span>'
            lines.append(
                f'<tr><th scope="row">{measure}</th><td>{html_text(number(fact["value"]))}</td>'
                f"<td>{html_text(fact.get('unit', ''))}</td>"
                + (f"<td>{html_text(fact.get('year', 'not stated'))}</td>" if with_year else "")
                + f"<td>{escape(fact['source'])}</td></tr>"
            )
        lines.append("</tbody>")
    lines += ["</table>", "</div>\n"]
    return "\n".join(lines)


def build(content: dict) -> dict[str, str]:
    if not content.get("case-studies"):
        return {}
    taxonomy = Taxonomy(content)
    urls = Urls(content)
    pages = {INDEX: build_index(content, taxonomy, urls), TABLE1: build_table1(content, urls)}
    for record in ordered_cases(content):
        pages[case_page(record["id"])] = CasePage(record, content, taxonomy, urls).build()
    return cited_pages(pages)
