"""One report from both calculators (issue 13): innovation_toolkit.report over real results of both calculators."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from markdown import markdown as markdown_to_html

from innovation_toolkit.diagnostic import diagnose_team
from innovation_toolkit.errors import InputError
from innovation_toolkit.network.analyse import analyse
from innovation_toolkit.report import MAX_CONNECTORS_BYTES, MAX_DIAGNOSTIC_BYTES, clean_text, combined_report, markdown_text, report_markdown
from sitegen.content import load_valid_content
from sitegen.diagnostic_data import build_diagnostic_data
from sitegen.report_advice import build_report_advice

EXAMPLES = Path(__file__).resolve().parents[1] / "docs" / "assets" / "examples"
SERVICE = "Youth services, Riverside"
HOSTILE = "<img src=x onerror=alert(1)> [click](javascript:alert(1)) \x1b[2J\u202eevil"


@pytest.fixture(scope="module")
def content() -> dict:
    return load_valid_content()


@pytest.fixture(scope="module")
def advice(content) -> dict:
    return build_report_advice(content)


@pytest.fixture(scope="module")
def bundle(content) -> dict:
    return build_diagnostic_data(content)


def answers_for(bundle: dict, phase: str) -> dict:
    """Agree with every statement that backs ``phase``, disagree with the others."""
    return {q["id"]: (5 if q["weights"].get(phase, 0) > 0 else 1) for q in bundle["questionnaire"]["questions"]}


@pytest.fixture(scope="module")
def diagnostic(bundle) -> dict:
    respondents = [{"name": name, "role": "frontline", "answers": answers_for(bundle, "mobilisation")} for name in ("Ann Lee", "Bo Chan", "Cy Dee")]
    return diagnose_team(bundle, respondents, record={"service": SERVICE, "date": "2026-03-01"})


@pytest.fixture(scope="module")
def connectors() -> dict:
    ties = (EXAMPLES / "riverside-ties.csv").read_text(encoding="utf-8")
    people = (EXAMPLES / "riverside-people.csv").read_text(encoding="utf-8")
    return analyse(ties, people=people, filename="riverside-ties.csv")


def as_bytes(document: dict) -> bytes:
    return json.dumps(document).encode()


def one_line(error: pytest.ExceptionInfo) -> str:
    message = str(error.value)
    assert "\n" not in message and len(message) < 300, message
    return message


def test_a_valid_pair_gives_every_section(diagnostic, connectors, advice):
    report = combined_report(as_bytes(diagnostic), as_bytes(connectors), data=advice)
    assert report["schema"] == "combined-report/1"
    assert report["record"]["service"] == SERVICE and report["record"]["date"] == "2026-03-01"
    assert report["record"]["respondent_count"] == 3 and report["record"]["network_people"] == 31
    assert report["phase"]["kind"] in ("clear", "between")
    assert "mobilisation" in [phase["id"] for phase in report["phase"]["phases"]]
    assert report["profile"]["corners"]
    assert [line["role"] for line in report["connectors"]["roles"]] == ["hub", "gatekeeper", "pulsetaker"]
    assert report["connectors"]["headline"].startswith("31 people and 63 ties; 4 key connectors: 2 hubs, 2 gatekeepers, 2 pulsetakers.")
    assert [item["attribute"] for item in report["groups"]["attributes"]] == ["organisation", "sector"]
    # The chance caveat of the group tests is carried through, not dropped.
    assert any("could easily arise by chance" in text for item in report["groups"]["attributes"] for text in item["findings"])
    assert report["resilience"]["scenarios"][0]["cut_off"] == 12
    sections = report["advice"]["phases"]
    assert "mobilisation" in [section["id"] for section in sections]
    assert all(item["source"] for section in sections for item in section["items"])
    assert {item["title"] for item in report["advice"]["general"]} >= {"Supporting intermediaries", "Connected difference"}
    assert any("§4.4" in item["source"] for item in report["advice"]["linked"])
    markdown = report_markdown(report)
    for heading in ("## Phase and profile", "## Key connectors", "## Groups outside the core", "## Resilience", "## What the report advises"):
        assert heading in markdown
    assert "Youth services, Riverside" in markdown and "2026-03-01" in markdown


def test_names_are_off_by_default_and_on_when_asked(diagnostic, connectors, advice):
    names = {person["name"] for person in connectors["people"]} | {"Ann Lee", "Bo Chan", "Cy Dee"}
    hidden = combined_report(diagnostic, connectors, data=advice)
    text = json.dumps(hidden, ensure_ascii=False) + report_markdown(hidden)
    assert not [name for name in names if name in text]
    assert "2 gatekeepers" in text
    shown = combined_report(diagnostic, connectors, show_names=True, data=advice)
    gatekeepers = next(line for line in shown["connectors"]["roles"] if line["role"] == "gatekeeper")
    assert gatekeepers["names"] == connectors["roles"]["gatekeeper"]["people"]
    assert shown["record"]["respondents"] == ["Ann Lee", "Bo Chan", "Cy Dee"]
    assert "Priya Nair" in report_markdown(shown)


def test_no_clear_phase_is_never_a_bold_phase(diagnostic, connectors, advice):
    unclear = copy.deepcopy(diagnostic)
    unclear["verdict"] = {"kind": "unclear", "phases": [], "headline": "No clear phase", "reason": "Too few answers."}
    report = combined_report(unclear, connectors, data=advice)
    assert report["phase"]["phases"] == [] and report["advice"]["phases"] == []
    assert all(corner["comparison"] is None for corner in report["profile"]["corners"])
    markdown = report_markdown(report)
    assert "**No clear phase**" not in markdown and "No clear phase" in markdown
    between = copy.deepcopy(diagnostic)
    between["verdict"] = {"kind": "between", "phases": ["mobilisation", "mainstreaming"], "headline": "Between", "reason": None}
    assert [s["id"] for s in combined_report(between, connectors, data=advice)["advice"]["phases"]] == ["mobilisation", "mainstreaming"]


def test_user_text_is_escaped_in_markdown(diagnostic, connectors, advice):
    hostile = copy.deepcopy(diagnostic)
    hostile["record"]["service"] = HOSTILE
    hostile_connectors = copy.deepcopy(connectors)
    hostile_connectors["roles"]["hub"]["people"] = [HOSTILE, "Bob"]
    hostile_connectors["groups"][0]["findings"] = [f"By organisation: nobody from {HOSTILE} is a key connector."]
    report = combined_report(hostile, hostile_connectors, show_names=True, data=advice)
    markdown = report_markdown(report)
    for bad in ("<img", "](javascript", "\x1b", "\u202e"):
        assert bad not in markdown, bad
    assert "&lt;img src=x onerror=alert\\(1\\)&gt;" in markdown
    html = markdown_to_html(markdown)
    assert "<img" not in html and "href" not in html and "<script" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    text = json.dumps(report, ensure_ascii=False)
    assert "\u202e" not in text and "\x1b" not in text
    assert clean_text("a\u2066b\u200fc\x00d") == "abcd"
    assert "&#x202e;" not in markdown_to_html(markdown_text("&#x202e;"))


@pytest.mark.parametrize(
    ("which", "change", "expected"),
    [
        ("swap-diagnostic", None, "the diagnostic file holds a connectors result"),
        ("swap-connectors", None, "the connectors file holds a diagnostic result"),
        ("diagnostic", lambda d: d.pop("confidence"), "the diagnostic file has no 'confidence'"),
        ("diagnostic", lambda d: d.update(questionnaire_version=99), "the diagnostic file comes from a newer questionnaire"),
        ("diagnostic", lambda d: d.update(phase="utopia"), "the diagnostic file: unknown phase 'utopia'"),
        ("connectors", lambda d: d.update(schema="connector-roles/2"), "the connectors file was written by a newer version"),
        ("connectors", lambda d: d["roles"].pop("gatekeeper"), "the connectors file has no 'roles.gatekeeper.people'"),
        ("connectors", lambda d: d["summary"].update(people="many"), "the connectors file: 'summary.people' should be a number"),
    ],
)
def test_wrong_or_incomplete_files_give_one_line_naming_the_file(diagnostic, connectors, advice, which, change, expected):
    first, second = copy.deepcopy(diagnostic), copy.deepcopy(connectors)
    if which == "swap-diagnostic":
        first = connectors
    elif which == "swap-connectors":
        second = diagnostic
    elif change:
        change(first if which == "diagnostic" else second)
    with pytest.raises(InputError) as error:
        combined_report(as_bytes(first), as_bytes(second), data=advice)
    assert one_line(error).startswith(expected)


def test_an_answers_file_is_not_a_result(connectors, advice):
    with pytest.raises(InputError) as error:
        combined_report(b'{"questionnaire_version": 1, "answers": {"pilots": 5}}', connectors, data=advice)
    assert "holds answers, not a result" in one_line(error)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (b'{"phase": "latent", "phase": "latent"}', "the diagnostic file: key 'phase' appears twice"),
        (b"[" * 100_000 + b"]" * 100_000, "the diagnostic file: JSON nested too deeply"),
        (b"not json", "the diagnostic file: line 1, column 1: not valid JSON"),
        (b"\xff\xfe\x00", "the diagnostic file is not a JSON result file"),
        (b"[1, 2]", "the diagnostic file is not a result file: it holds a JSON list"),
        (b"   ", "the diagnostic file is empty"),
    ],
)
def test_invalid_json_gives_one_line(connectors, advice, text, expected):
    with pytest.raises(InputError) as error:
        combined_report(text, connectors, data=advice)
    assert one_line(error).startswith(expected)


def test_huge_files_are_refused_before_reading(diagnostic, advice):
    with pytest.raises(InputError) as error:
        combined_report(b" " * (MAX_DIAGNOSTIC_BYTES + 1), {}, data=advice)
    assert one_line(error).startswith("the diagnostic file is too large")
    with pytest.raises(InputError) as error:
        combined_report(diagnostic, b" " * (MAX_CONNECTORS_BYTES + 1), data=advice)
    assert one_line(error).startswith("the connectors file is too large")


def test_long_names_are_cut(diagnostic, connectors, advice):
    long = copy.deepcopy(connectors)
    long["roles"]["hub"]["people"] = ["x" * 1_000_000]
    report = combined_report(diagnostic, long, show_names=True, data=advice)
    assert len(report["connectors"]["roles"][0]["names"][0]) <= 120


def test_the_advice_bundle_cites_every_item(advice):
    assert [phase["id"] for phase in advice["phases"]] == ["latent", "design-and-discovery", "mobilisation", "mainstreaming", "embedding"]
    for phase in advice["phases"][1:]:
        assert phase["items"], phase["id"]
    for item in [i for phase in advice["phases"] for i in phase["items"]] + advice["general"]:
        assert item["source"] and item["text"]
    assert set(advice["when"]) == {"outside_core", "same_core", "fragile"}
