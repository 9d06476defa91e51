"""Fidelity to the report outside the case studies: slips found by checking claims against the report
(issue 14) must not return, and the report's framing sections (Foreword, Introduction, executive
summary, Appendix A) must stay represented, each in our words and cited."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sitegen.content import load_content
from sitegen.pages import report, toolkit

# Content files outside the case studies whose items carry their own citations.
REPORT_WIDE = (
    "about",
    "assumptions",
    "conclusions",
    "factors",
    "findings",
    "glossary",
    "innovation-system",
    "lifecycle",
    "literature-review",
    "methods",
    "phases",
    "recommendations",
    "research-needs",
    "taxonomies",
)
# The executive summary tells the lifecycle in four stages (latent, development, mainstreaming,
# embedding); these two of the five phases appear nowhere in it.
NOT_IN_EXECUTIVE_SUMMARY = ("design and discover", "mobilisation")


@pytest.fixture(scope="module")
def content() -> dict:
    return load_content()


def cited_items(node, path: str = "") -> Iterator[tuple[str, dict]]:
    """Every mapping with a ``source`` and some text, with its path."""
    if isinstance(node, dict):
        if isinstance(node.get("source"), str) and any(isinstance(node.get(key), str) for key in ("text", "definition", "statement", "summary")):
            yield path, node
        for key, value in node.items():
            yield from cited_items(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from cited_items(item, f"{path}[{index}]")


def sources(item: dict) -> list[str]:
    return [part.strip() for part in item["source"].split(";")]


def words(item: dict) -> str:
    return " ".join(str(item.get(key, "")) for key in ("text", "definition", "statement", "summary")).lower()


@pytest.mark.parametrize("name", REPORT_WIDE)
def test_no_item_cites_the_executive_summary_for_phases_it_does_not_name(content, name):
    wrong = [
        path
        for path, item in cited_items(content.get(name, {}))
        if "Executive summary" in sources(item) and any(term in words(item) for term in NOT_IN_EXECUTIVE_SUMMARY)
    ]
    assert wrong == []


def test_executive_summary_four_stages_shown_as_the_reports_inconsistency(content):
    overview = content["lifecycle"]["overview"]
    five = [item for item in overview if "mobilisation" in item["text"] and "embedding" in item["text"]]
    assert five and all("Executive summary" not in sources(item) for item in five)
    assert all("§5.1" in sources(item) for item in five)
    four = [item for item in overview if sources(item) == ["Executive summary"] and "development" in item["text"]]
    assert len(four) == 1
    note = four[0].get("note", "")
    assert "inconsistency" in note and "four" in note and "five" in note


def test_introduction_gives_no_case_study_count(content):
    counts = [entry for entry in content["about"]["case_study_counts"] if sources(entry) == ["Introduction"]]
    assert len(counts) == 1
    assert "count" not in counts[0]
    assert "no total" in counts[0]["statement"]


def test_the_only_counts_are_the_ones_the_report_gives(content):
    by_source = {entry["source"]: entry.get("count") for entry in content["about"]["case_study_counts"]}
    assert by_source == {"Foreword": 9, "Introduction": None, "Contents; Appendix C": 10, "§5.4": 4, "Executive summary": None}


def test_names_not_spelled_out_in_the_report_say_where_they_come_from(content):
    for term in content["glossary"]["terms"]:
        if term.get("expanded_in_report") is False:
            note = term.get("note", "")
            assert "not taken from the report" in note or "standard expansion" in note, term["id"]
    ofsted = next(term for term in content["glossary"]["terms"] if term["id"] == "ofsted")
    assert "April 2007" in ofsted["note"] and "general knowledge" in ofsted["note"]
    assert "April 2007" not in ofsted["definition"]


def test_ofsted_triggers_match_the_case_studies(content):
    ofsted = next(term for term in content["glossary"]["terms"] if term["id"] == "ofsted")
    # South Tyneside's 2000 inspection is told in Case study 3 §1, not only in Table 1.
    assert "Case study 3 §1" in sources(ofsted)
    # Tower Hamlets acted ahead of an inspection it expected to fail (Case study 4; Table 1).
    assert "prospect of an inspection" in ofsted["definition"]


def test_foreword_message_is_represented(content):
    foreword = content["about"]["foreword"]
    assert all(sources(item) == ["Foreword"] for item in foreword)
    text = " ".join(item["text"] for item in foreword)
    for point in ("bad at developing", "rarely pick it up", "for profit", "practical programmes"):
        assert point in text, point


def test_introduction_present_and_future_point_is_represented(content):
    introduction = content["about"]["introduction"]
    assert all(sources(item) == ["Introduction"] for item in introduction)
    text = " ".join(item["text"] for item in introduction)
    assert "twenty years" in text and "today" in text and "long run" in text


def test_executive_summary_closing_call_is_a_key_message(content):
    closing = [m for m in content["about"]["key_messages"] if "grow up fast" in m["text"]]
    assert len(closing) == 1 and sources(closing[0]) == ["Executive summary"]
    for challenge in ("ageing", "climate change", "poverty", "competitive"):
        assert challenge in closing[0]["text"]


def test_report_page_renders_foreword_and_introduction(content):
    page = report.build(content)[report.PAGE]
    assert "{ #foreword }" in page and "{ #introduction }" in page
    assert content["about"]["foreword"][1]["text"].split()[0] in page


def test_appendix_a_introduction_and_step_two_narrative_are_rendered(content):
    appendix_a = content["lifecycle"]["appendix_a"]
    assert all(sources(item) == ["Appendix A"] for item in appendix_a["introduction"])
    assert all("Appendix A, Step Two" in sources(item) for item in appendix_a["step_two"])
    assert any("Step One" in item["text"] and "Step Three" in item["text"] for item in appendix_a["introduction"])
    assert any("local authority" in item["text"] for item in appendix_a["step_two"])
    pages = toolkit.build(content)
    index, step_two = pages[toolkit.INDEX], pages[toolkit.STEP_TWO]
    assert " ".join(appendix_a["introduction"][0]["text"].split()) in index
    assert " ".join(appendix_a["step_two"][1]["text"].split()) in step_two


def test_knowsley_learning_centres_told_both_ways(content):
    funding = next(f for f in content["findings"]["findings"] if f["id"] == "access-to-funding")
    # §4.3.3 has the three centres already piloting; Case study 2 §2 has them opening in 2009.
    assert "Case study 2 §2" in sources(funding)
    assert "2009" in funding["note"] and "piloting" in funding["note"]
