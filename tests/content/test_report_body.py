"""Completeness of the report body as content: critical factors, findings, recommendations, research needs,
assumptions, methods and the rest, each item cited."""

from __future__ import annotations

import pytest

from sitegen.content import load_content, validate_content

BODY_TYPES = (
    "about",
    "assumptions",
    "factors",
    "findings",
    "methods",
    "recommendations",
    "research-needs",
    "conclusions",
    "literature-review",
)
CASE_STUDIES = {
    "highlands",
    "knowsley",
    "south-tyneside",
    "tower-hamlets",
    "gouda",
    "lille",
    "pittsburgh",
    "portland",
    "cambridge",
    "network-analysis-experiment",
}
CLUSTERS = ["external-push", "internal-capacity", "external-resources"]
JOURNEY_FINDINGS = {
    "underperformance-and-failure": "external-push",
    "recognition-from-central-government": "external-push",
    "leadership": "internal-capacity",
    "learning": "internal-capacity",
    "best-practice": "internal-capacity",
    "collaboration-and-partnership": "external-resources",
    "access-to-funding": "external-resources",
}
RECOMMENDATIONS = [
    "new-kinds-of-funding",
    "labour-market-for-innovation-skills",
    "intermediaries",
    "collaboratives",
    "mobilising-the-public",
    "training-commissioners",
]
# Sub-lists whose entries share their parent's citation rather than carrying their own.
CITED_BY_PARENT = {"evidence", "lists"}


@pytest.fixture(scope="module")
def content() -> dict:
    return load_content()


def test_report_body_files_validate():
    mine = tuple(f"content/{name}.yaml" for name in BODY_TYPES)
    mine += tuple(f"content/schema/examples/{name}.yaml" for name in BODY_TYPES)
    mine += tuple(f"content/schema/{name}.schema.json" for name in BODY_TYPES)
    assert [error for error in validate_content() if error.startswith(mine)] == []


def test_three_critical_factor_clusters_each_with_factors(content):
    clusters = content["factors"]["clusters"]
    assert [cluster["id"] for cluster in clusters] == CLUSTERS
    assert [cluster["number"] for cluster in clusters] == [1, 2, 3]
    factor_ids = [factor["id"] for cluster in clusters for factor in cluster["factors"]]
    assert all(cluster["factors"] for cluster in clusters)
    assert len(factor_ids) == len(set(factor_ids))
    assert [len(cluster["factors"]) for cluster in clusters] == [3, 2, 4]  # §4.2.1, §4.2.2, §4.2.3 bullets


def test_seven_journey_findings_with_their_clusters_and_case_studies(content):
    findings = content["findings"]["findings"]
    journey = {f["id"]: f for f in findings if f["group"] == "journey-to-innovation"}
    assert set(journey) == set(JOURNEY_FINDINGS)
    for slug, cluster in JOURNEY_FINDINGS.items():
        assert journey[slug]["factor_cluster"] == cluster, slug
        assert journey[slug]["source"].startswith("§4.3"), slug
    cited = {slug: {cs for item in f.get("evidence", []) for cs in item["case_studies"]} for slug, f in journey.items()}
    # The report names no individual case study for learning (it says "each case study").
    assert all(cited[slug] for slug in JOURNEY_FINDINGS if slug != "learning")
    assert cited["collaboration-and-partnership"] == {"knowsley", "south-tyneside", "highlands", "pittsburgh", "lille"}
    assert cited["access-to-funding"] == {"knowsley", "south-tyneside", "highlands", "tower-hamlets", "pittsburgh"}


def test_findings_cover_section_2_section_4_1_and_section_4_3(content):
    data = content["findings"]
    groups = {group["id"]: group["source"] for group in data["groups"]}
    assert groups == {"background": "§2", "what-drives-innovation": "§4.1", "journey-to-innovation": "§4.3"}
    by_group = {group: [f["id"] for f in data["findings"] if f["group"] == group] for group in groups}
    assert {
        "what-is-social-innovation",
        "what-stands-in-the-way",
        "connected-difference",
        "existing-thinking-on-local-innovation",
        "social-innovation-clusters",
        "why-some-places-innovate-more",
    } <= set(by_group["background"])
    assert len(by_group["what-drives-innovation"]) >= 3
    ids = [f["id"] for f in data["findings"]]
    assert len(ids) == len(set(ids))


def test_case_study_references_use_the_shared_slugs(content):
    referenced = {cs for f in content["findings"]["findings"] for item in f.get("evidence", []) for cs in item["case_studies"]}
    referenced |= {cs for group in content["about"]["case_study_groups"] for cs in group["case_studies"]}
    assert referenced <= CASE_STUDIES
    about_groups = {cs for group in content["about"]["case_study_groups"] for cs in group["case_studies"]}
    assert about_groups == CASE_STUDIES


def test_differing_case_study_counts_are_all_recorded(content):
    about = content["about"]
    counts = {entry.get("count") for entry in about["case_study_counts"]}
    assert {9, 10} <= counts
    sources = " ".join(entry["source"] for entry in about["case_study_counts"])
    assert "Foreword" in sources and "Introduction" in sources and "Contents" in sources
    assert about["note"].strip()
    assert [author["name"] for author in about["authors"]] == ["Nicola Bacon", "Nusrat Faizullah", "Geoff Mulgan", "Saffron Woodcraft"]
    assert about["publication"]["date"] == "January 2008"


def test_six_section_6_1_recommendations_and_five_funding_types(content):
    data = content["recommendations"]
    recommendations = {r["id"]: r for r in data["recommendations"]}
    assert list(recommendations) == RECOMMENDATIONS
    assert all(r["cluster"] == "external-resources" for r in recommendations.values())
    assert [cluster["factor_cluster"] for cluster in data["clusters"]] == CLUSTERS
    funding_types = recommendations["new-kinds-of-funding"]["funding_types"]
    assert len(funding_types) == 5
    assert len({f["id"] for f in funding_types}) == 5
    assert not any("funding_types" in r for slug, r in recommendations.items() if slug != "new-kinds-of-funding")


def test_four_research_needs(content):
    needs = content["research-needs"]["research_needs"]
    assert len(needs) == 4
    assert all(need["source"].startswith("§6.2") for need in needs)


def test_both_assumption_lists_kept_and_tagged(content):
    data = content["assumptions"]
    assert {entry["id"] for entry in data["lists"]} == {"introduction", "executive-summary"}
    by_list = {name: [a for a in data["assumptions"] if a["list"] == name] for name in ("introduction", "executive-summary")}
    assert len(by_list["introduction"]) == 6  # the Introduction's six bullets
    assert by_list["executive-summary"]
    assert all(a["evidence"].strip() for a in data["assumptions"])
    ids = {a["id"] for a in data["assumptions"]}
    assert all(set(a.get("related", [])) <= ids for a in data["assumptions"])


def test_methods_with_four_effectiveness_factors_and_count_note(content):
    data = content["methods"]
    assert len(data["effectiveness_factors"]) == 4
    assert len(data["methods"]) >= 10
    assert all(method["what_it_is"].strip() for method in data["methods"])
    assert "20" in data["count_note"] and "several dozen" in data["count_note"]


def test_conclusions_and_literature_review_sections(content):
    assert len(content["conclusions"]["conclusions"]) == 5  # §7 has five paragraphs
    sections = [section["number"] for section in content["literature-review"]["sections"]]
    assert sections == ["1", "2", "2.1", "3", "4", "5", "6", "7", "8"]


def _uncited(node, path=""):
    """Yield the path of every list entry (a mapping) that lacks a non-empty `source`."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in CITED_BY_PARENT:
                continue
            yield from _uncited(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            if isinstance(item, dict):
                if not str(item.get("source", "")).strip():
                    yield f"{path}[{index}]"
                yield from _uncited(item, f"{path}[{index}]")


@pytest.mark.parametrize("name", BODY_TYPES)
def test_every_item_has_a_source(content, name):
    data = content[name]
    assert list(_uncited(data)) == []
    if isinstance(data, dict) and "source" in data:
        assert data["source"].strip()
