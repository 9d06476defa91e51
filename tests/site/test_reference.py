"""Reference pages: glossary, references, literature review and "The report" (with the #cite anchor).

Builder-level tests call the builders on the real content; built-site tests (fixture ``built_site``)
check that every citation and every reference link resolves after a strict MkDocs build.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from sitegen.checks import parse_page
from sitegen.markdown import join_sources
from sitegen.pages import reference as reference_builder
from sitegen.pages import report as report_builder
from sitegen.urls import Urls

PAGES = {"reference/glossary.md", "reference/references.md", "reference/literature-review.md", "reference/the-report.md"}


def rendered(value) -> str:
    return html.escape(" ".join(str(value).split()), quote=False)


@pytest.fixture(scope="module")
def pages(content):
    return {**reference_builder.build(content), **report_builder.build(content)}


def test_builders_write_exactly_the_reference_pages(pages):
    assert set(pages) == PAGES


@pytest.mark.parametrize("path", sorted(PAGES))
def test_each_page_has_title_one_h1_unique_anchors_and_a_citation(pages, path):
    text = pages[path]
    assert re.match(r'---\ntitle: "[^"]+"\n', text)
    assert len(re.findall(r"^# ", text, flags=re.M)) == 1
    ids = re.findall(r"\{ ?#([a-z0-9-]+)", text)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    assert "(../reference/the-report.md#cite)" in text or "(the-report.md#cite)" in text


def test_glossary_anchors_every_term_with_abbreviation_definition_and_citation(content, pages):
    page = pages["reference/glossary.md"]
    terms = content["glossary"]["terms"]
    assert len(terms) == 69
    for term in terms:
        start = page.index(f"{{ #{term['id']} }}")
        section = page[start:].split("\n### ")[0].split("\n## ")[0]
        assert rendered(term["definition"]) in section
        # The term's own reference in brackets, or the closing line of its letter when it ends there.
        reference = html.escape(term["source"], quote=False)
        assert f"({reference})</p>" in section or f", {html.escape(join_sources(term['source']), quote=False)}</p>" in section
        if term.get("abbreviation"):
            assert f"**Abbreviation:** {html.escape(term['abbreviation'], quote=False)}" in section
        for other in term.get("see_also", []):
            assert f"](glossary.md#{other})" in section
        if term.get("connector_role"):
            assert f"](../network-analysis/index.md#{term['connector_role']})" in section


def test_glossary_is_alphabetical_under_letter_headings(content, pages):
    page = pages["reference/glossary.md"]
    positions = {t["id"]: page.index(f"{{ #{t['id']} }}") for t in content["glossary"]["terms"]}
    ordered = sorted(content["glossary"]["terms"], key=lambda t: t["term"].lower())
    assert [t["id"] for t in ordered] == sorted(positions, key=positions.get)
    for letter in {t["term"][0].upper() for t in ordered}:
        assert f"## {letter} {{ #letter-{letter.lower()} }}" in page
        assert f"[{letter}](#letter-{letter.lower()})" in page


def test_every_reference_is_anchored_once_with_a_formatted_citation(content, pages):
    page = pages["reference/references.md"]
    refs = content["references"]["references"]
    assert len(refs) == 125
    for ref in refs:
        assert page.count(f"{{ #{ref['id']} .reference }}") == 1, ref["id"]
        entry = page.split(f"\n{{ #{ref['id']} .reference }}")[0].rsplit("\n\n", 1)[-1]
        assert entry.startswith(html.escape(ref["authors"][0], quote=False)), ref["id"]
        year = str(ref["year"]) if ref.get("year") is not None else "n.d."
        assert f"({year})" in entry
        assert rendered(ref["title"]) in entry
        if ref.get("url"):
            assert html.escape(ref["url"], quote=False) in entry
    both = [r for r in refs if len(r["lists"]) > 1]
    assert both, "the content records works listed in both bibliographies"
    main, _case_studies = page.split("{ #case-study-references }")
    for ref in refs:
        in_main = "references" in ref["lists"]
        assert (f"{{ #{ref['id']} .reference }}" in main) == in_main, ref["id"]


def test_citation_format_for_articles_books_and_missing_years():
    article = {
        "authors": ["Porter, M."],
        "year": 2003,
        "title": "The Economic Performance of Regions",
        "container": "Regional Studies",
        "details": "37, pp. 549-578",
    }
    assert (
        reference_builder.format_citation(article) == "Porter, M. (2003) ‘The Economic Performance of Regions’, *Regional Studies*, 37, pp. 549-578."
    )
    book = {
        "authors": ["Piore, M.", "Sabel, C."],
        "year": 1984,
        "title": "The Second Industrial Divide",
        "place": "New York",
        "publisher": "Basic Books",
    }
    assert reference_builder.format_citation(book) == "Piore, M. and Sabel, C. (1984) *The Second Industrial Divide*. New York: Basic Books."
    undated = {"authors": ["A <b>"], "year": None, "title": "T", "unpublished": True, "editors": True, "url": "www.example.org/x?a=1&b=2"}
    text = reference_builder.format_citation(undated)
    assert text.startswith("A &lt;b&gt; (eds) (n.d.) *T*. Unpublished.")
    assert 'href="http://www.example.org/x?a=1&amp;b=2"' in text


def test_every_reference_id_cited_anywhere_resolves_to_an_anchor(content, pages):
    """Items that cite works by reference id (x-refers "reference") link to an anchor that exists."""
    page = pages["reference/references.md"]
    urls = Urls(content)
    cited = {slug for kind, data in content.items() if kind != "references" for slug in _reference_ids(data)}
    assert cited, "the content cites at least one reference by id"
    for slug in cited:
        path, anchor = urls.page("reference", slug).split("#")
        assert path == "reference/references.md"
        assert f"{{ #{anchor} .reference }}" in page, slug


def _reference_ids(node):
    """Slugs under the keys that refer to references ("reference": id, "references": [ids])."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "reference" and isinstance(value, str):
                yield value
            elif key == "references" and isinstance(value, list):
                yield from (v for v in value if isinstance(v, str))
            else:
                yield from _reference_ids(value)
    elif isinstance(node, list):
        for value in node:
            yield from _reference_ids(value)


def test_literature_review_sections_lists_and_points(content, pages):
    page = pages["reference/literature-review.md"]
    for section in content["literature-review"]["sections"]:
        level = "##" if "." not in section["number"] else "###"
        assert f"{level} {section['number']}. {rendered(section['title'])} {{ #{section['id']} }}" in page
        assert rendered(section["summary"]) in page
        for lst in section.get("lists", []):
            assert rendered(lst["title"]) in page
            for item in lst["items"]:
                assert f"- {rendered(item)}" in page
        for point in section.get("points", []):
            assert f"- {rendered(point)}" in page
        if section.get("note"):
            assert rendered(section["note"]) in page


def test_report_page_has_cite_heading_authors_groups_counts_and_messages(content, pages):
    page = pages["reference/the-report.md"]
    about = content["about"]
    assert "## How to cite the report { #cite }" in page
    citation = page.split("{ #cite }")[1]
    assert "Bacon, N., Faizullah, N., Mulgan, G. and Woodcraft, S. (2008) *Transformers: " in citation
    for person in about["authors"] + about.get("contributors", []):
        assert html.escape(person["name"], quote=False) in page
    assert "NESTA" in page and "Young Foundation" in page and "January 2008" in page
    for group in about["case_study_groups"]:
        for slug in group["case_studies"]:
            assert f"](../case-studies/{slug}.md)" in page
    table = page.split("{ #case-study-counts }")[1]
    for count in about["case_study_counts"]:
        assert rendered(count["statement"]) in table
        assert f"| {count['count'] if count.get('count') is not None else 'not stated'} |" in table
    assert rendered(about["note"]) in page
    for message in about["key_messages"]:
        assert rendered(message["text"]) in page
    assert rendered(about["research"]["question"]) in page


# --- Built site ------------------------------------------------------------------------------


def _resolve(site: Path, page: Path, href: str) -> tuple[Path, str]:
    path, _, fragment = href.partition("#")
    target = (page.parent / path).resolve() if path else page
    if target.is_dir():
        target = target / "index.html"
    return target, fragment


def test_built_reference_pages_carry_every_anchor(built_site, content):
    refs = parse_page(built_site / "reference" / "references" / "index.html").ids
    assert {r["id"] for r in content["references"]["references"]} <= refs
    glossary = parse_page(built_site / "reference" / "glossary" / "index.html").ids
    assert {t["id"] for t in content["glossary"]["terms"]} <= glossary
    assert "cite" in parse_page(built_site / "reference" / "the-report" / "index.html").ids


def test_every_link_to_a_reference_or_the_citation_resolves(built_site):
    """Acceptance: every citation link on the site resolves to a reference anchor (or the report's #cite)."""
    references_page = (built_site / "reference" / "references" / "index.html").resolve()
    report_page = (built_site / "reference" / "the-report" / "index.html").resolve()
    anchors = {references_page: parse_page(references_page).ids, report_page: parse_page(report_page).ids}
    checked = 0
    for page in built_site.rglob("*.html"):
        if any(part in {"assets", "vendor", "search"} for part in page.relative_to(built_site).parts):
            continue
        for href in parse_page(page).links:
            if "://" in href or "#" not in href:
                continue
            target, fragment = _resolve(built_site, page, href)
            if target in anchors and fragment:
                assert fragment in anchors[target], f"{page.relative_to(built_site)}: {href}"
                checked += 1
    assert checked > 300  # every "Source:" line (one per section) links to the report's #cite
