"""Findings and recommendations pages: every item anchored, cited and linked where it belongs.

Builder-level tests call the page builders on the real content; the built-site tests (fixture
``built_site``) check the same promises in the HTML after a strict MkDocs build.
"""

from __future__ import annotations

import html
import re

import pytest

from sitegen.checks import parse_page
from sitegen.markdown import join_sources, relative, source_parts
from sitegen.pages import findings as findings_builder
from sitegen.pages import recommendations as recommendations_builder
from sitegen.urls import Urls

FINDINGS_PAGES = {
    "findings/index.md",
    "findings/assumptions.md",
    "findings/critical-factors.md",
    "findings/background.md",
    "findings/what-drives-innovation.md",
    "findings/journey-to-innovation.md",
    "findings/support-methods.md",
}
RECOMMENDATION_PAGES = {"recommendations/index.md", "recommendations/research-needs.md", "recommendations/conclusions.md"}


def rendered(value: str) -> str:
    """Content text as the builders write it: on one line, HTML-escaped."""
    return html.escape(" ".join(str(value).split()), quote=False)


@pytest.fixture(scope="module")
def pages(content):
    return {**findings_builder.build(content), **recommendations_builder.build(content)}


def anchors(markdown: str) -> list[str]:
    return re.findall(r"\{ ?#([a-z0-9-]+)", markdown)


def cite_link(page: str) -> str:
    return f"[<cite>Transformers</cite>]({relative(page, 'reference/the-report.md')}#cite)"


def test_builders_write_exactly_their_pages(pages):
    assert set(pages) == FINDINGS_PAGES | RECOMMENDATION_PAGES


@pytest.mark.parametrize("path", sorted(FINDINGS_PAGES | RECOMMENDATION_PAGES))
def test_each_page_has_a_title_one_h1_unique_anchors_and_citations(pages, path):
    text = pages[path]
    assert re.match(r'---\ntitle: "[^"]+"\n', text)
    assert len(re.findall(r"^# ", text, flags=re.M)) == 1
    ids = anchors(text)
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
    assert cite_link(path) in text
    assert not re.search(r"(\bNone\s*(\||\)|$)|:\s*None\s*$|\bTODO\b)", text, flags=re.M), "a missing value leaked into the page"


def test_every_finding_is_anchored_on_its_group_page_with_its_sources(content, pages):
    urls = Urls(content)
    for finding in content["findings"]["findings"]:
        path, anchor = urls.page("finding", finding["id"]).split("#")
        assert path == f"findings/{finding['group']}.md"
        page = pages[path]
        assert f"## {rendered(finding['title'])} {{ #{anchor} }}" in page
        section = page.split(f"{{ #{anchor} }}")[1].split("\n## ")[0]
        assert rendered(finding["summary"]) in section
        for point in finding.get("points", []):
            assert rendered(point) in section
        assert f", {html.escape(join_sources(finding['source']), quote=False)}</p>" in section


def test_findings_link_the_case_studies_that_evidence_them(content, pages):
    urls = Urls(content)
    for finding in content["findings"]["findings"]:
        path = urls.page("finding", finding["id"]).split("#")[0]
        section = pages[path].split(f"{{ #{finding['id']} }}")[1].split("\n## ")[0]
        for item in finding.get("evidence", []):
            assert rendered(item["text"]) in section
            for slug in item["case_studies"]:
                assert f"]({urls.link(path, 'case-study', slug)})" in section, (finding["id"], slug)
                assert f"](../case-studies/{slug}.md)" in section


def test_findings_link_their_factor_cluster_and_factors(content, pages):
    urls = Urls(content)
    linked = 0
    for finding in content["findings"]["findings"]:
        path = urls.page("finding", finding["id"]).split("#")[0]
        section = pages[path].split(f"{{ #{finding['id']} }}")[1].split("\n## ")[0]
        if finding.get("factor_cluster"):
            assert f"](critical-factors.md#{finding['factor_cluster']})" in section
            linked += 1
        for factor in finding.get("factors", []):
            assert f"](critical-factors.md#{factor})" in section
    assert linked >= 7  # every §4.3 finding at least


def test_journey_findings_name_the_report_slugs(pages):
    page = pages["findings/journey-to-innovation.md"]
    for slug in [
        "underperformance-and-failure",
        "recognition-from-central-government",
        "leadership",
        "learning",
        "best-practice",
        "collaboration-and-partnership",
        "access-to-funding",
    ]:
        assert f"{{ #{slug} }}" in page


def test_case_study_links_use_short_place_names_not_printed_titles(content, pages):
    page = pages["findings/background.md"]
    assert "[Network analysis experiment](../case-studies/network-analysis-experiment.md)" in page
    assert content["case-studies"]["network-analysis-experiment"]["title"] not in page
    assert "[Tower Hamlets](../case-studies/tower-hamlets.md)" in page


def test_assumptions_page_sets_each_belief_against_the_evidence(content, pages):
    page = pages["findings/assumptions.md"]
    data = content["assumptions"]
    for lst in data["lists"]:
        assert f"## {rendered(lst['title'])} {{ #{lst['id']} }}" in page
    assert rendered(data["note"]) in page
    by_list = {lst["id"]: page.index(f"{{ #{lst['id']} }}") for lst in data["lists"]}
    for item in data["assumptions"]:
        position = page.index(f"{{ #{item['id']} }}")
        assert position > by_list[item["list"]], f"{item['id']} is not under its list"
        section = page[position:].split("\n### ")[0]
        assert f"What the research found\n:   {rendered(item['evidence'])}" in section
        for other in item.get("related", []):
            assert f"](assumptions.md#{other})" in section
        if item.get("note"):
            assert rendered(item["note"]) in section
    assert len(data["assumptions"]) == 12


def test_index_gives_each_belief_in_brief_and_links_every_group_and_cluster(content, pages):
    page = pages["findings/index.md"]
    for item in content["assumptions"]["assumptions"]:
        assert f"| [{rendered(item['belief'])}](assumptions.md#{item['id']}) | " in page
    for group in content["findings"]["groups"]:
        assert f"]({group['id']}.md)" in page
    for cluster in content["factors"]["clusters"]:
        assert f"](critical-factors.md#{cluster['id']})" in page
    assert "](support-methods.md)" in page


def test_first_sentences_keeps_a_short_opening_with_the_next_sentence():
    assert findings_builder.first_sentences("Short one. The second sentence is here. Third.") == "Short one. The second sentence is here."
    long_first = "A first sentence that is certainly long enough to stand on its own in a table. Second."
    assert findings_builder.first_sentences(long_first) == long_first.split(" Second.")[0]


def test_critical_factors_anchor_clusters_and_factors(content, pages):
    page = pages["findings/critical-factors.md"]
    clusters = content["factors"]["clusters"]
    assert [c["id"] for c in clusters] == ["external-push", "internal-capacity", "external-resources"]
    for cluster in clusters:
        assert f"## {cluster['number']}. {rendered(cluster['short_title'])} {{ #{cluster['id']} }}" in page
        assert rendered(cluster["title"]) in page
        for pressure in cluster.get("pressures", []):
            assert f"- {rendered(pressure)}" in page
        for factor in cluster["factors"]:
            assert f"### {rendered(factor['name'])} {{ #{factor['id']} }}" in page
            assert rendered(factor["description"]) in page
        for wording in cluster.get("other_wordings", []):
            assert rendered(wording["text"]) in page
    assert "](../recommendations/index.md#new-kinds-of-funding)" in page
    assert "](../recommendations/index.md#external-resources)" in page


def test_support_methods_are_cards_with_anchors_effectiveness_factors_and_the_count_note(content, pages):
    page = pages["findings/support-methods.md"]
    data = content["methods"]
    cards = page.split('<div class="grid cards" markdown>')[1].split("</div>")[0]
    assert len(data["methods"]) == 14
    for method in data["methods"]:
        assert f"-   ### {rendered(method['name'])} {{ #{method['id']} }}" in cards
        assert rendered(method["what_it_is"]) in cards
    # Each card's reference is reachable: in brackets at the end of its run of cards, and in the
    # section's one closing source line.
    closing = page.split('<div class="grid cards" markdown>')[1].split("\n## ")[0].split("</div>", 1)[1]
    for method in data["methods"]:
        reference = "; ".join(source_parts(method["source"]))
        assert f"({html.escape(reference, quote=False)})" in cards, method["id"]
        assert all(part.split("§")[-1] in closing for part in source_parts(method["source"])), method["id"]
    assert cards.count("Source:") == 0 and closing.count("Source:") == 1
    assert len(data["effectiveness_factors"]) == 4
    for factor in data["effectiveness_factors"]:
        assert f"{{ #{factor['id']} .effectiveness-factor }}" in page
    assert '!!! note "How many methods?"' in page and rendered(data["count_note"]) in page
    assert "at least 20" in page and "several dozen" in page


def test_recommendations_page_anchors_clusters_recommendations_and_funding_types(content, pages):
    page = pages["recommendations/index.md"]
    data = content["recommendations"]
    for cluster in data["clusters"]:
        assert f"## {rendered(cluster['heading'])} {{ #{cluster['factor_cluster']} }}" in page
        assert f"](../findings/critical-factors.md#{cluster['factor_cluster']})" in page
        for direction in cluster.get("directions", []):
            assert rendered(direction["text"]) in page
    slugs = [r["id"] for r in data["recommendations"]]
    assert slugs == [
        "new-kinds-of-funding",
        "labour-market-for-innovation-skills",
        "intermediaries",
        "collaboratives",
        "mobilising-the-public",
        "training-commissioners",
    ]
    for rec in data["recommendations"]:
        cluster_at = page.index(f"{{ #{rec['cluster']} }}")
        assert page.index(f"### {rendered(rec['title'])} {{ #{rec['id']} }}") > cluster_at
        assert f"](index.md#{rec['id']})" in page  # at-a-glance card
    funding = data["recommendations"][0]["funding_types"]
    assert len(funding) == 5
    for item in funding:
        assert f"{{ #{item['id']} .funding-type }}" in page
        assert rendered(item["description"]) in page
    for point in data["introduction"]["points"]:
        assert rendered(point) in page


def test_research_needs_and_conclusions_are_anchored_and_cited(content, pages):
    needs = pages["recommendations/research-needs.md"]
    for need in content["research-needs"]["research_needs"]:
        assert f"## {rendered(need['topic'])} {{ #{need['id']} }}" in needs
        for slug in need.get("related_case_studies", []):
            assert f"](../case-studies/{slug}.md)" in needs
    conclusions = pages["recommendations/conclusions.md"]
    for item in content["conclusions"]["conclusions"]:
        assert f"## {rendered(item['title'])} {{ #{item['id']} }}" in conclusions
        assert rendered(item["text"]) in conclusions
    assert conclusions.count('<p class="source" markdown>') == len(content["conclusions"]["conclusions"])


def test_markup_in_content_is_escaped(content):
    import copy

    tampered = copy.deepcopy(content)
    tampered["findings"]["findings"][0]["summary"] = "<script>alert(1)</script>"
    tampered["methods"]["methods"][0]["what_it_is"] = "<img src=x onerror=alert(1)>"
    pages = findings_builder.build(tampered)
    joined = "".join(pages.values())
    assert "<script>" not in joined and "<img" not in joined
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in joined


# --- Built site ------------------------------------------------------------------------------


def test_built_group_pages_carry_every_finding_anchor_and_case_links(built_site, content):
    for finding in content["findings"]["findings"]:
        page = built_site / "findings" / finding["group"] / "index.html"
        parsed = parse_page(page)
        assert finding["id"] in parsed.ids
        for item in finding.get("evidence", []):
            for slug in item["case_studies"]:
                assert f"../../case-studies/{slug}/" in parsed.links
                assert (built_site / "case-studies" / slug / "index.html").is_file()


def test_built_citation_lines_reach_the_report_cite_anchor(built_site):
    assert "cite" in parse_page(built_site / "reference" / "the-report" / "index.html").ids
    for folder in ["findings", "recommendations"]:
        for page in (built_site / folder).rglob("index.html"):
            hrefs = parse_page(page).links
            citations = [h for h in hrefs if h.endswith("#cite")]
            assert citations, page
            assert all(h.endswith("reference/the-report/#cite") and ".md" not in h for h in citations), page


def test_built_recommendations_and_methods_anchors(built_site, content):
    recs = parse_page(built_site / "recommendations" / "index.html").ids
    for rec in content["recommendations"]["recommendations"]:
        assert rec["id"] in recs
        for funding in rec.get("funding_types", []):
            assert funding["id"] in recs
    methods = parse_page(built_site / "findings" / "support-methods" / "index.html").ids
    for method in content["methods"]["methods"]:
        assert method["id"] in methods
