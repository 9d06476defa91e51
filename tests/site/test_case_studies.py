"""Case-study pages: the filterable index, the Table 1 matrix and one page per case study.

Builder tests run on the real content now; built-site tests use the strict build (``built_site``)
and a browser for the filters.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from itertools import pairwise

import markdown
import pytest

from sitegen.case_studies import table1_rows
from sitegen.content import load_content
from sitegen.pages import case_studies as builder
from sitegen.urls import Urls

CONTENT = load_content()
CASES = CONTENT["case-studies"]
PAGES = builder.build(CONTENT)
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables", "toc"]


def render(page: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(PAGES[page].split("-->", 1)[1])


class Elements(HTMLParser):
    """Start tags with their attributes, in document order."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def find(self, tag: str, **attributes) -> list[dict]:
        return [attrs for name, attrs in self.tags if name == tag and all(attrs.get(k) == v for k, v in attributes.items())]


# ---------------------------------------------------------------- builder: pages and links


def test_one_page_per_case_study_plus_index_and_table1():
    expected = {f"case-studies/{slug}.md" for slug in CASES} | {builder.INDEX, builder.TABLE1}
    assert set(PAGES) == expected
    assert len(CASES) == 10


@pytest.mark.parametrize("slug", sorted(CASES))
def test_case_page_shows_every_background_fact(slug):
    html = render(f"case-studies/{slug}.md")
    table = html.split('<h2 id="background-data">', 1)[1].split("</table>", 1)[0]
    assert "<caption>" in table and '<th scope="col">Measure</th>' in table
    for fact in CASES[slug]["background"]:
        row = builder.html_text(fact["measure"])
        assert row in table, fact["measure"]
        assert f"<td>{builder.html_text(builder.number(fact['value']))}</td>" in table, fact
        if fact.get("year") is not None:
            assert f"<td>{builder.html_text(fact['year'])}</td>" in table, fact


@pytest.mark.parametrize("slug", sorted(CASES))
def test_case_page_links_to_its_findings_and_phase(slug):
    record = CASES[slug]
    page = f"case-studies/{slug}.md"
    urls = Urls(CONTENT)
    findings = record["links"].get("findings", [])
    assert findings, f"{slug} evidences no finding"
    hrefs = {attrs["href"] for attrs in Elements(render(page)).find("a")}
    for finding in findings:
        assert urls.link(page, "finding", finding) in hrefs
    if record["phase"]["placed"]:
        assert urls.link(page, "phase", record["phase"]["phase"]) in hrefs
    else:
        assert "Not placed by the report" in PAGES[page]


@pytest.mark.parametrize("slug", sorted(CASES))
def test_case_page_structure(slug):
    """One H1, no skipped heading level, citations present, notes as admonitions."""
    html = render(f"case-studies/{slug}.md")
    levels = [int(level) for level in re.findall(r"<h([1-6])[ >]", html)]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b - a <= 1 for a, b in pairwise(levels)), levels
    assert html.count('class="source"') >= 5
    for note in CASES[slug].get("notes", []):
        assert f'<p class="admonition-title">{builder.html_text(note["topic"])}</p>' in html
    for event in CASES[slug]["timeline"]["events"]:
        assert f"<time>{event['date']}</time>" in html
    assert builder.html_text(CASES[slug]["timeline"]["figure_note"]) in html
    assert "TODO" not in html and "lorem" not in html.lower()


def test_table1_and_analysis_are_shown_separately_where_a_row_exists():
    page = PAGES["case-studies/knowsley.md"]
    assert "### In Table 1" in page and "### In the case study's analysis" in page
    assert "1999 Ofsted inspection" in page  # Table 1's trigger label
    assert "National Policy Frameworks" in page  # §5.2 heading, a driver in the analysis only
    gouda_without_row = PAGES["case-studies/portland.md"]
    assert "Table 1 has no row for this case study" in gouda_without_row


def test_markdown_syntax_in_content_is_not_interpreted():
    assert builder.text("five A*-C grades and A*-C GCSEs") == r"five A\*-C grades and A\*-C GCSEs"
    html = render("case-studies/knowsley.md")
    assert "A*-C GCSEs" in html and "<em>-C" not in html


def test_network_analysis_experiment_shows_survey_messages_and_philadelphia():
    record = CASES["network-analysis-experiment"]
    html = render("case-studies/network-analysis-experiment.md")
    assert f"<td>{record['respondents']['count']}</td>" in html
    assert f"<td>{record['response_rate']['value']} per cent</td>" in html
    for message in record["messages"]:
        assert builder.text(message["heading"]).replace("\\", "") in html
    assert "Example: Philadelphia region" in html
    for fact in record["examples"][0]["figures"]:
        assert builder.html_text(builder.number(fact["value"])) in html
    assert "Not placed by the report" in html


def h2_sections(html: str) -> list[tuple[str, str]]:
    """(heading text, body) for each ``<h2>`` section of a rendered page."""
    parts = re.split(r"<h2[^>]*>(.*?)</h2>", html)
    return [(re.sub(r"<[^>]+>", "", title).strip(), body) for title, body in zip(parts[1::2], parts[2::2], strict=True)]


def page_notes(html: str) -> list[str]:
    """The text of every editorial note on a rendered page: inline notes, note paragraphs and admonitions."""
    found = re.findall(r"<em>Note: (.*?)</em>", html, flags=re.S)
    found += re.findall(r'<p class="case-note"><strong>Note:</strong> (.*?)</p>', html, flags=re.S)
    for body in re.findall(r'<div class="admonition (?:note|warning)">(.*?)</div>', html, flags=re.S):
        found += [re.sub(r'<span class="source">.*?</span>', "", text) for text in re.findall(r"<p>(.*?)</p>", body, flags=re.S)]
    return [" ".join(re.sub(r"<[^>]+>", "", note).split()) for note in found]


@pytest.mark.parametrize("slug", sorted(CASES))
def test_case_page_opens_with_the_story_in_four_cited_parts(slug):
    html = render(f"case-studies/{slug}.md")
    sections = h2_sections(html)
    title, body = sections[0]
    assert title == "In brief"
    labels = re.findall(r"<strong>(.*?)\.</strong>", body)
    assert labels == [label for _, label in builder.OPENING]
    for key, _ in builder.OPENING:
        part = CASES[slug]["opening"][key]
        assert builder.html_text(part["text"]).replace("*", r"\*") in html.replace("*", r"\*") or part["text"].split()[0] in body
        assert f'<span class="source">({builder.escape(part["source"])})</span>' in body
    assert [title for title, _ in sections[1:3]] == ["At a glance", "The report's summary"]


@pytest.mark.parametrize("slug", sorted(CASES))
def test_case_page_cites_once_per_section_not_after_every_paragraph(slug):
    html = render(f"case-studies/{slug}.md")
    for title, body in h2_sections(html):
        count = body.count('<p class="source">')
        assert count == (0 if title == "Related" else 1), (title, count)
        if count:
            assert body.rstrip().endswith("</p>") and body.rstrip().rsplit('<p class="source">', 1)[1].startswith("Source:"), title
    assert html.count("Source:") <= len(h2_sections(html))


@pytest.mark.parametrize("slug", sorted(CASES))
def test_case_page_repeats_no_note(slug):
    notes = page_notes(render(f"case-studies/{slug}.md"))
    repeated = {note for note in notes if notes.count(note) > 1}
    assert not repeated, repeated


def test_a_report_inconsistency_is_explained_once_per_page():
    lille = [note for note in page_notes(render("case-studies/lille.md")) if "1983" in note]
    assert len(lille) == 1, lille
    knowsley = [note for note in page_notes(render("case-studies/knowsley.md")) if "from 2010 onwards" in note]
    assert len(knowsley) == 1, knowsley
    networks = [note for note in page_notes(render("case-studies/network-analysis-experiment.md")) if "six" in note and "seven" in note]
    assert len(networks) == 1, networks


def test_process_sections_are_grouped_by_capacity_then_resources():
    page = PAGES["case-studies/knowsley.md"]
    process = page.split("## How the innovation was carried out", 1)[1].split("\n## ", 1)[0]
    capacity, resources = builder.PROCESS_GROUPS[0][0], builder.PROCESS_GROUPS[1][0]
    assert process.index(f"### {capacity}") < process.index("#### Leadership") < process.index(f"### {resources}")
    assert process.index(f"### {resources}") < process.index("#### Community involvement")


def test_inline_refs_mark_the_end_of_each_run_of_one_source():
    assert builder.inline_refs(["§1", "§1", "§1"]) == [None, None, None]
    assert builder.inline_refs(["§1", "§1", "§2", "§1"]) == [None, "§1", "§2", "§1"]


def test_case_pages_keep_the_slips_fixed():
    south_tyneside = PAGES["case-studies/south-tyneside.md"]
    assert "between Newcastle and Gateshead" not in south_tyneside
    assert "own evaluation" not in PAGES["case-studies/highlands.md"]
    network = render("case-studies/network-analysis-experiment.md")
    assert "Case studies 8 and 9" in network
    knowsley = PAGES["case-studies/knowsley.md"]
    assert "University of Liverpool on a" not in knowsley
    assert not re.search(r"(?<!both )the Transformation Agenda and the Secondary Transformation Scheme", knowsley)


# ---------------------------------------------------------------- builder: Table 1


def test_table1_has_the_seven_rows_of_table1_rows_in_order():
    rows = table1_rows(CASES)
    assert len(rows) == 7
    html = render(builder.TABLE1)
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rendered = re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)
    assert len(rendered) == 7
    urls = Urls(CONTENT)
    for row, cells in zip(rows, rendered, strict=True):
        assert f'<th scope="row"><a href="{urls.link(builder.TABLE1, "case-study", row["case"])}">' in cells
        assert builder.html_text(row["trigger"]) in cells
        for label in row["drivers"] + row["enablers"]:
            assert f"<li>{builder.html_text(label)}</li>" in cells
    assert "<figcaption" in html and 'scope="col">Enablers</th>' in html


def test_table1_lists_the_cases_without_a_row():
    page = PAGES[builder.TABLE1]
    without = [slug for slug, record in CASES.items() if not record.get("table1")]
    assert len(without) == 3
    for slug in without:
        assert f"({slug}.md)" in page


# ---------------------------------------------------------------- builder: the index


def test_index_lists_every_case_with_facet_data_and_visible_labels():
    html = render(builder.INDEX)
    items = Elements(html).find("li", **{"class": "case-item"})
    assert len(items) == len(CASES)
    taxonomy = builder.Taxonomy(CONTENT)
    for record, attrs in zip(builder.ordered_cases(CONTENT), items, strict=True):
        facets = builder.facet_values(record)
        for key, values in facets.items():
            assert attrs[f"data-{key}"].split() == values
        assert f"({record['id']}.md)" in PAGES[builder.INDEX]
    assert taxonomy.label("country", "netherlands") in html
    assert "Not placed by the report" in html and "Recognised underperformance" in html


def test_index_filters_are_labelled_selects_hidden_until_the_script_runs():
    html = render(builder.INDEX)
    elements = Elements(html)
    form = elements.find("form", **{"class": "case-filters"})[0]
    assert "hidden" in form and "data-search-exclude" in form
    for key, _, _ in builder.FACETS:
        assert elements.find("select", id=f"case-filter-{key}", **{"data-facet": key})
        assert elements.find("label", **{"for": f"case-filter-{key}"})
    status = elements.find("p", **{"class": "case-count"})[0]
    assert status["aria-live"] == "polite"
    # Every value an item carries can be chosen in its filter.
    options = {attrs["value"] for attrs in elements.find("option")}
    for record in CASES.values():
        for values in builder.facet_values(record).values():
            assert set(values) <= options


# ---------------------------------------------------------------- built site


def test_built_case_pages_show_facts_and_link_to_findings(built_site):
    for slug, record in CASES.items():
        html = (built_site / "case-studies" / slug / "index.html").read_text(encoding="utf-8")
        assert "<caption>Background data, case study" in html, slug
        assert builder.html_text(record["background"][0]["measure"]) in html, slug
        finding_links = re.findall(r'href="(\.\./\.\./findings/[a-z-]+/#[a-z-]+)"', html)
        assert finding_links, slug
        for href in finding_links:
            path, anchor = href.removeprefix("../../").split("#")
            target = (built_site / path / "index.html").read_text(encoding="utf-8")
            assert f'id="{anchor}"' in target, href


def test_built_table1_has_seven_rows(built_site):
    html = (built_site / "case-studies" / "table-1" / "index.html").read_text(encoding="utf-8")
    table = html.split('aria-labelledby="table-1-caption"', 1)[1].split("</table>", 1)[0]
    assert table.split("<tbody>", 1)[1].count("<tr>") == 7


def test_built_index_loads_the_filter_script(built_site):
    html = (built_site / "case-studies" / "index.html").read_text(encoding="utf-8")
    assert (built_site / "assets" / "js" / "case-filters.js").is_file()
    assert "case-filters.js" in html
    assert html.count('class="case-item"') == len(CASES)


@pytest.mark.browser
def test_filters_narrow_the_list_and_announce_the_count(page, site_url, axe):
    from playwright.sync_api import expect

    page.goto(site_url + "/case-studies/")
    expect(page.locator("form.case-filters")).to_be_visible()
    assert axe(page, "form.case-filters") == []
    count = page.locator(".case-count")
    expect(count).to_have_text(f"Showing {len(CASES)} of {len(CASES)} case studies")
    expected = [record for record in CASES.values() if record["country"] == "united-kingdom"]
    page.select_option("#case-filter-country", "united-kingdom")
    expect(count).to_have_text(f"Showing {len(expected)} of {len(CASES)} case studies")
    expect(page.locator("ul.case-list > li:visible")).to_have_count(len(expected))
    page.select_option("#case-filter-field", "transportation")
    expect(page.locator(".case-empty")).to_be_visible()
    page.focus("form.case-filters button[type=reset]")
    page.keyboard.press("Enter")
    expect(count).to_have_text(f"Showing {len(CASES)} of {len(CASES)} case studies")
