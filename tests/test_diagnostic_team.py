"""Issue 13: the diagnostic's team mode as a facilitation tool.

Participants' files and links merge into one team (adding, with duplicates detected); the
links carry names, roles, the service and the date; the team view breaks the answers down
per statement and per role and picks at most five statements to talk about first, real
splits before one outlier; the Markdown starts with the record and a summary and shows
nothing the user typed as markup.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml

from innovation_toolkit.diagnostic import (
    decode_fragment,
    decode_link,
    decode_team_fragment,
    diagnose,
    diagnose_team,
    encode_fragment,
    encode_team_fragment,
    merge_respondents,
    to_markdown,
)
from innovation_toolkit.errors import InputError
from sitegen.content import load_content
from sitegen.diagnostic_data import build_diagnostic_data

CALIBRATION = Path(__file__).resolve().parent / "calibration"
RECORD = {"service": "Youth services, Knowsley", "date": "2026-12-01"}


@pytest.fixture(scope="module")
def bundle() -> dict:
    return build_diagnostic_data(load_content())


def calibration(slug: str) -> dict:
    return yaml.safe_load((CALIBRATION / f"{slug}.yaml").read_text(encoding="utf-8"))["answers"]


def profile(bundle: dict, phase: str) -> dict:
    return {q["id"]: 3 + q["weights"][phase] for q in bundle["questionnaire"]["questions"]}


def question_ids(bundle: dict) -> list[str]:
    return [q["id"] for q in bundle["questionnaire"]["questions"]]


# ---------------------------------------------------------------- links with names and a record


def test_participant_link_carries_name_role_service_and_date(bundle):
    answers = {"new-structures": 5, "initial-resources": None}
    link = encode_fragment(answers, name="Zoë O'Neil; lead*", role="service user", record=RECORD)
    assert link.startswith("v2:") and " " not in link
    decoded = decode_link(bundle, "#" + link)
    assert decoded == {"mode": "single", "answers": answers, "name": "Zoë O'Neil; lead*", "role": "service user", "record": RECORD}
    assert decode_fragment(bundle, link) == answers  # the answers alone, as before


def test_old_links_still_decode(bundle):
    assert decode_link(bundle, "#v1:new-structures=4")["answers"] == {"new-structures": 4}
    assert decode_link(bundle, "#v1:new-structures=4")["name"] is None
    team = decode_link(bundle, "t1:Ann*lead*new-structures=4;Bob**new-structures=2")
    assert team["mode"] == "team" and [p["name"] for p in team["respondents"]] == ["Ann", "Bob"]
    assert team["record"] == {"service": None, "date": None}
    assert encode_fragment({"new-structures": 4}) == "v1:new-structures=4"


def test_team_link_carries_the_service_and_date(bundle):
    members = [
        {"name": "Ann Lee", "role": "frontline", "answers": {"new-structures": 5}},
        {"name": "Bob", "role": None, "answers": {}},
    ]
    link = encode_team_fragment(members, RECORD)
    assert link.startswith("t2:s=Youth%20services%2C%20Knowsley;d=2026-12-01;p=Ann%20Lee*frontline*")
    assert decode_team_fragment(bundle, "#" + link) == members
    assert decode_link(bundle, link) == {"mode": "team", "respondents": members, "record": RECORD}
    assert encode_team_fragment(members).startswith("t1:")


@pytest.mark.parametrize(
    ("fragment", "message"),
    [
        ("v2:n=Ann;a=bogus=1", "character 12: unknown question id 'bogus'"),
        ("#v2:n=Ann;a=bogus=1", "character 13: unknown question id 'bogus'"),
        ("v2:n=Ann;x=1", "character 10: expected a field starting 'n=', 'r=', 's=', 'd=', 'a='"),
        ("v2:n=Ann;n=Bob", "character 10: the field 'n=' appears twice"),
        ("v2:d=2026-13-01;a=", "character 6: the date must be a real day"),
        ("v2:n=%E2%80%AEnimda;a=", "character 6: the name, character 1: control or formatting character U+202E"),
        ("v2:n=%1B%5B2J;a=", "control or formatting character U+001B"),
        ("v2:n=%FF;a=", "character 6: the name is not valid percent-encoded UTF-8"),
        ("v2:n=" + "a" * 200 + ";a=", "the name is too long (200 characters; at most 120)"),
        ("t2:s=Youth", "character 4: the team has no respondents ('p=' fields)"),
        ("t2:s=Youth;p=Ann**bogus=1", "character 19: unknown question id 'bogus'"),
        ("t2:p=Ann**;p=ann**", "respondent 2 (ann): the name is used twice"),
        ("x9:foo", "expected it to start with 'v1:' or 'v2:' or 't1:' or 't2:'"),
    ],
)
def test_hostile_named_links_get_a_message_naming_the_position(bundle, fragment, message):
    with pytest.raises(InputError) as caught:
        decode_link(bundle, fragment)
    assert message in str(caught.value)
    assert str(caught.value).startswith("URL fragment") and "\n" not in str(caught.value)


def test_encoding_checks_names_and_refuses_links_too_long_to_read(bundle):
    with pytest.raises(InputError, match="the name is too long"):
        encode_fragment({}, name="a" * 500)
    with pytest.raises(InputError, match="control or formatting character U\\+202E"):
        encode_fragment({}, role="\u202eadmin")
    crowd = [{"name": f"Person {n} " + "é" * 100, "role": "é" * 100, "answers": profile(bundle, "mobilisation")} for n in range(30)]
    with pytest.raises(InputError, match="too long for a link"):
        encode_team_fragment(crowd, RECORD)


# ---------------------------------------------------------------- merging participants


def participants(bundle: dict) -> list[dict]:
    """Three participants' sources, as the page or the command line would give them."""
    return [
        {"label": "ann.json", "document": {"name": "Ann", "role": "frontline", "answers": calibration("knowsley"), **RECORD}},
        {"label": "link 2", "fragment": "#" + encode_fragment(calibration("highlands"), name="Bob", role="manager", record=RECORD)},
        {
            "label": "https://example.org/diagnose/#v2:…",
            "fragment": "https://example.org/diagnose/#" + encode_fragment(calibration("knowsley"), name="Cy", role="service user"),
        },
    ]


def test_merging_files_and_links_builds_one_team_with_its_record(bundle):
    merged = merge_respondents(bundle, participants(bundle))
    assert [p["name"] for p in merged["respondents"]] == ["Ann", "Bob", "Cy"]
    assert [p["role"] for p in merged["respondents"]] == ["frontline", "manager", "service user"]
    assert merged["added"] == 3 and merged["duplicates"] == [] and merged["unnamed"] == []
    assert merged["record"] == RECORD
    assert [s["names"] for s in merged["sources"]] == [["Ann"], ["Bob"], ["Cy"]]
    result = diagnose_team(bundle, merged["respondents"], merged["record"])
    assert result["record"] == {**RECORD, "respondents": ["Ann", "Bob", "Cy"], "respondent_count": 3}


def test_merging_adds_to_the_team_so_far_and_accepts_whole_team_files(bundle):
    first = merge_respondents(bundle, participants(bundle)[:1])
    team_file = {"respondents": [{"name": "Dee", "answers": calibration("south-tyneside")}, {"name": "Eve", "answers": {}}]}
    second = merge_respondents(bundle, [{"label": "team.yaml", "document": team_file}], respondents=first["respondents"])
    assert [p["name"] for p in second["respondents"]] == ["Ann", "Dee", "Eve"]
    assert second["added"] == 2


def test_the_same_file_twice_is_counted_once(bundle):
    sources = participants(bundle)
    merged = merge_respondents(bundle, [*sources, {**sources[0], "label": "ann (copy).json"}])
    assert merged["added"] == 3 and len(merged["respondents"]) == 3
    (duplicate,) = merged["duplicates"]
    assert duplicate == {
        "name": "Ann",
        "sources": ["ann.json", "ann (copy).json"],
        "same_answers": True,
        "kept": "first",
        "message": "Ann is in both ann.json and ann (copy).json with the same answers: counted once",
    }


def test_a_name_with_different_answers_keeps_the_first_and_says_so(bundle):
    changed = {"label": "ANN.yaml", "document": {"name": "  ann ", "answers": {"new-structures": 1}}}
    merged = merge_respondents(bundle, [*participants(bundle), changed])
    assert [p["name"] for p in merged["respondents"]] == ["Ann", "Bob", "Cy"]  # no "Ann (2)" invented
    assert merged["respondents"][0]["answers"]["new-structures"] == calibration("knowsley")["new-structures"]
    (duplicate,) = merged["duplicates"]
    assert duplicate["same_answers"] is False and duplicate["kept"] == "first"
    assert "kept the answers from ann.json" in duplicate["message"] and "rename one" in duplicate["message"]


def test_a_duplicate_against_the_team_so_far_is_detected(bundle):
    team = [{"name": "Bob", "role": "manager", "answers": calibration("highlands")}]
    merged = merge_respondents(bundle, participants(bundle), respondents=team)
    assert [p["name"] for p in merged["respondents"]] == ["Bob", "Ann", "Cy"]
    assert merged["duplicates"][0]["sources"] == ["the team so far", "link 2"]
    assert merged["duplicates"][0]["same_answers"] is True


def test_people_without_a_name_become_participant_n(bundle):
    sources = [
        {"label": "a.yaml", "document": calibration("knowsley")},
        {"label": "link 2", "fragment": "#" + encode_fragment(calibration("highlands"))},
        {"label": "c.yaml", "document": {"name": "Participant 3", "answers": {}}},
        {"label": "d.yaml", "document": {"answers": {"new-structures": 2}}},
        {"label": "a again.yaml", "document": calibration("knowsley")},
    ]
    merged = merge_respondents(bundle, sources)
    assert [p["name"] for p in merged["respondents"]] == ["Participant 1", "Participant 2", "Participant 3", "Participant 4"]
    assert merged["unnamed"] == [
        {"name": "Participant 1", "source": "a.yaml"},
        {"name": "Participant 2", "source": "link 2"},
        {"name": "Participant 4", "source": "d.yaml"},
    ]
    (duplicate,) = merged["duplicates"]
    assert duplicate["sources"] == ["a.yaml", "a again.yaml"] and duplicate["same_answers"]


@pytest.mark.parametrize(
    ("sources", "message"),
    [
        ([{"label": "b.json", "document": {"answers": {"new-structures": 9}}}], "b.json: answer to 'new-structures' is 9, out of range"),
        ([{"label": "link 4", "fragment": "#v2:n=Ann;a=bogus=1"}], "link 4: URL fragment, character 13: unknown question id 'bogus'"),
        ([{"label": "x.json", "document": {}, "fragment": "#v1:"}], "x.json: give either 'document'"),
        ([{"label": "x.json"}], "x.json: give either 'document'"),
        ([{"label": "x.json", "document": {}, "colour": 1}], "x.json: unknown field 'colour'"),
        (["ann.json"], "source 1: expected a mapping"),
        ({"label": "x"}, "must be a list"),
        (
            [{"label": "t.json", "document": [{"name": "A", "answers": {}}, {"name": "a", "answers": {}}]}],
            "t.json: respondent 2 (a): the name is used twice",
        ),
        (
            [
                {"label": "a.json", "document": {"name": "A", "answers": {}, "service": "Youth"}},
                {"label": "b.json", "document": {"name": "B", "answers": {}, "service": "Adults"}},
            ],
            "b.json: the service or area is 'Adults' but a.json gives 'Youth'",
        ),
        ([{"label": "a.json", "document": {"name": "A", "answers": {}, "date": "2026-02-30"}}], "a.json: the date must be a real day"),
        ([{"label": "bad\x1b[2J\u202ename", "document": 5}], "bad[2Jname: answers must be a mapping"),
    ],
)
def test_every_merge_problem_is_one_line_naming_the_source(bundle, sources, message):
    with pytest.raises(InputError) as caught:
        merge_respondents(bundle, sources)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_the_given_record_must_agree_with_the_sources(bundle):
    merged = merge_respondents(bundle, participants(bundle), record={"service": "YOUTH services,   knowsley"})
    assert merged["record"]["service"] == "YOUTH services,   knowsley"  # case and spacing are not a conflict
    with pytest.raises(InputError, match=re.escape("ann.json: the date is '2026-12-01' but --date gives '2026-11-30'")):
        merge_respondents(bundle, participants(bundle), record={"date": "2026-11-30"}, record_label="--date")


def test_merging_stops_at_the_respondent_limit(bundle):
    team = [{"name": f"P{n}", "answers": {}} for n in range(100)]
    with pytest.raises(InputError, match="link 1: too many respondents"):
        merge_respondents(bundle, [{"label": "link 1", "fragment": "#v2:n=Extra;a="}], respondents=team)


# ---------------------------------------------------------------- the team view


def split_team(bundle: dict) -> list[dict]:
    """Six people who mostly agree (mobilisation), with two statements that divide them into
    camps, and one person (Fay) who alone differs on many statements."""
    ids = question_ids(bundle)
    base = profile(bundle, "mobilisation")
    people = []
    for name, role in (("Ann", "frontline"), ("Bob", "Frontline"), ("Cy", "manager"), ("Dee", "manager"), ("Eve", None), ("Fay", "service user")):
        answers = dict(base)
        people.append({"name": name, "role": role, "answers": answers})
    # Camps: Ann, Bob and Cy strongly agree; Dee and Eve disagree; Fay does not know.
    for question in ids[:2]:
        for person, value in zip(people, (5, 5, 5, 2, 1, None), strict=True):
            person["answers"][question] = value
    # One outlier: Fay is at least two points from everyone else, who agree, on ten statements.
    for question in ids[4:14]:
        everyone = 4 if base[question] <= 3 else 2
        for person in people[:5]:
            person["answers"][question] = everyone
        people[5]["answers"][question] = 1 if everyone == 4 else 5
    return people


def test_statements_give_counts_spread_outliers_and_splits(bundle):
    ids = question_ids(bundle)
    team = diagnose_team(bundle, split_team(bundle), RECORD)["team"]
    statements = {s["question"]: s for s in team["statements"]}
    assert list(statements) == ids
    camp = statements[ids[0]]
    assert camp["split"] is True and camp["outliers"] == []
    assert camp["counts"] == {"1": 1, "2": 1, "3": 0, "4": 0, "5": 3, "dont-know": 1}
    assert camp["summary"] == "3 agree, 2 disagree, 1 don't know"
    assert camp["spread"] == 4
    assert [a["name"] for a in camp["answers"]] == ["Ann", "Bob", "Cy", "Dee", "Eve", "Fay"]
    assert camp["answers"][5] == {"name": "Fay", "role": "service user", "answer": None, "answer_label": "Don't know"}
    lonely = statements[ids[4]]
    assert lonely["outliers"] == ["Fay"] and lonely["split"] is False
    quiet = statements[ids[-1]]
    assert quiet["outliers"] == [] and quiet["split"] is False and quiet["spread"] == 0


def test_talk_first_is_at_most_five_and_puts_real_splits_before_one_outlier(bundle):
    ids = question_ids(bundle)
    talk = diagnose_team(bundle, split_team(bundle))["team"]["talk_first"]
    assert len(talk) == 5
    assert [item["question"] for item in talk[:2]] == ids[:2]
    assert [item["kind"] for item in talk] == ["split", "split", "outlier", "outlier", "outlier"]
    assert talk[0]["why"].startswith("3 strongly agree, 1 disagree, 1 strongly disagree, 1 don't know")
    assert "Fay answered" in talk[2]["why"]
    assert set(talk[0]) == {"question", "text", "why", "kind"}


def test_one_outlier_never_pushes_out_a_split(bundle):
    # Ten people: one differs from everyone on every statement; two statements split the rest.
    ids = question_ids(bundle)
    people = [{"name": f"P{n}", "answers": dict.fromkeys(ids, 4)} for n in range(9)]
    people.append({"name": "Odd", "answers": dict.fromkeys(ids, 1)})
    for question in ids[10:12]:
        for person, value in zip(people, (5, 5, 5, 5, 5, 1, 1, 1, 1, 1), strict=True):
            person["answers"][question] = value
    talk = diagnose_team(bundle, people)["team"]["talk_first"]
    assert len(talk) == 5
    assert {item["question"] for item in talk[:2]} == set(ids[10:12])
    assert all(item["kind"] == "outlier" for item in talk[2:])


def test_roles_are_broken_down_with_their_phase(bundle):
    people = split_team(bundle)
    result = diagnose_team(bundle, people)
    roles = {role["role"]: role for role in result["team"]["roles"]}
    assert list(roles) == ["frontline", "manager", "service user", "no role given"]  # as first typed; case ignored
    assert roles["frontline"]["names"] == ["Ann", "Bob"] and roles["frontline"]["count"] == 2
    assert roles["no role given"]["names"] == ["Eve"]
    single = roles["service user"]
    assert single["count"] == 1 and "one person" in single["note"]
    assert single["phase"] == diagnose(bundle, people[5]["answers"])["phase"]
    assert roles["frontline"]["note"] is None
    for role in roles.values():
        assert set(role) == {"role", "count", "names", "phase", "phase_number", "phase_name", "note"}


def test_respondents_far_from_the_teams_phase_are_named(bundle):
    people = [{"name": name, "answers": profile(bundle, "mobilisation")} for name in ("Ann", "Bob", "Cy")]
    people.append({"name": "Dee", "role": "director", "answers": profile(bundle, "embedding")})
    people.append({"name": "Eve", "answers": profile(bundle, "mainstreaming")})  # one phase away: not named
    result = diagnose_team(bundle, people)
    assert result["phase"] == "mobilisation"
    assert result["team"]["outliers"] == [
        {"name": "Dee", "role": "director", "phase": "embedding", "phase_name": "Embedding", "phase_number": 4, "difference": 2}
    ]


def test_team_view_keeps_the_older_keys(bundle):
    team = diagnose_team(bundle, split_team(bundle))["team"]
    for key in (
        "respondents",
        "phase_counts",
        "consensus",
        "disagreements",
        "disagreement_threshold",
        "statements",
        "roles",
        "talk_first",
        "outliers",
    ):
        assert key in team


# ---------------------------------------------------------------- Markdown: a record, a summary, nothing typed as markup


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "![x](https://evil.example/x.png)",
    "\x1b[2J\x1b[31mred",
    "\u202eevil\u202c",
    "**bold** | cell",
    "# heading",
]


def test_markdown_starts_with_the_record_and_a_summary(bundle):
    merged = merge_respondents(bundle, participants(bundle))
    result = diagnose_team(bundle, merged["respondents"], merged["record"])
    markdown = to_markdown(result)
    lines = markdown.splitlines()
    assert lines[2] == "**Service or area:** Youth services, Knowsley  "
    assert lines[3] == "**Date:** 2026-12-01  "
    assert lines[4] == "**Respondents (3):** Ann, Bob, Cy"
    assert markdown.index("## Summary") < markdown.index("## Team") < markdown.index("## Detail") < markdown.index("## Action plan")
    assert "### Phase by role" in markdown and "| service user | 1 |" in markdown
    assert "### Each statement" in markdown
    single = to_markdown(diagnose(bundle, calibration("knowsley"), {"service": "Knowsley", "date": None}))
    assert "**Service or area:** Knowsley  " in single and "**Date:** not given" in single and "**Respondents:** 1" in single


def test_a_large_team_is_given_as_a_count(bundle):
    people = [{"name": f"Person {n}", "answers": profile(bundle, "mobilisation")} for n in range(20)]
    assert "**Respondents:** 20" in to_markdown(diagnose_team(bundle, people))


@pytest.mark.parametrize("typed", HOSTILE)
def test_markdown_shows_typed_text_as_text(bundle, typed):
    result = diagnose_team(bundle, split_team(bundle))
    # The validated path refuses control and bidi characters; a result passed back by the
    # page could still hold anything, so the hostile text goes straight into the result.
    result = copy.deepcopy(result)
    result["record"].update(service=typed, date=typed, respondents=[typed, "Bob"])
    result["team"]["respondents"][0].update(name=typed, role=typed)
    result["team"]["roles"][0]["role"] = typed
    result["team"]["statements"][0]["outliers"] = [typed]
    result["team"]["outliers"] = [{"name": typed, "role": None, "phase": "embedding", "phase_name": "Embedding", "phase_number": 4, "difference": 2}]
    markdown = to_markdown(result)
    for raw in ("<script", "<img", "](javascript", "![", "\x1b", "\u202e", "\u202c", "**bold**"):
        assert raw not in markdown, raw
    if typed == "# heading":
        assert "**Service or area:** \\# heading" in markdown
    else:
        assert typed not in markdown
    assert all(not line.startswith("# heading") for line in markdown.splitlines())


def test_markdown_escapes_names_that_pass_validation(bundle):
    people = [
        {"name": "<img src=x onerror=alert(1)>", "role": "[x](javascript:alert(1))", "answers": profile(bundle, "mobilisation")},
        {"name": "<script>alert(1)</script>", "role": "www.evil.example", "answers": profile(bundle, "embedding")},
    ]
    markdown = to_markdown(diagnose_team(bundle, people, {"service": "<b>Youth</b> https://evil.example", "date": None}))
    assert "&lt;img src=x onerror=alert\\(1\\)&gt;" in markdown
    assert "\\[x\\]\\(javascript\\:alert\\(1\\)\\)" in markdown
    assert "&lt;script&gt;" in markdown and "<script>" not in markdown
    assert "www\\.evil" in markdown and "https\\://evil" in markdown
    assert "<b>" not in markdown


def fake_verdict(result: dict, kind: str, bundle: dict) -> dict:
    """A result re-labelled "between" or "unclear", to check the Markdown's layout for each."""
    result = copy.deepcopy(result)
    phases = {p["id"]: p for p in bundle["phases"]}
    if kind == "between":
        ids = ["mobilisation", "mainstreaming"]
        result["verdict"] = {"kind": "between", "phases": ids, "headline": "Between Mobilisation and Mainstreaming", "reason": "Close together."}
        base = result.get("candidates") or [{}]
        result["candidates"] = [{**base[0], "phase": pid, "phase_name": phases[pid]["name"], "phase_number": phases[pid]["number"]} for pid in ids]
        result["clearer_answer"] = []
    else:
        result["verdict"] = {"kind": "unclear", "phases": [], "headline": "No clear phase", "reason": "The answers are spread out."}
        result["candidates"] = []
        result["clearer_answer"] = ["Answer more statements: fewer than half were answered.", "Talk it through: the team is split."]
    result["summary"] = {"headline": result["verdict"]["headline"], "confidence": {"level": "low", "value": 0.2}, "next_actions": []}
    return result


def test_markdown_for_between_shows_advice_for_both_phases(bundle):
    result = fake_verdict(diagnose(bundle, calibration("knowsley")), "between", bundle)
    markdown = to_markdown(result)
    assert "**Between two phases:** Between Mobilisation and Mainstreaming" in markdown
    assert "**Most likely phase:**" not in markdown
    for heading in ("## What makes innovation fail at this phase", "## Questions to ask now"):
        section = markdown.split(heading, 1)[1].split("\n## ", 1)[0]
        assert "### Mobilisation" in section and "### Mainstreaming" in section


def test_markdown_for_no_clear_phase_shows_how_to_get_a_clearer_answer(bundle):
    result = fake_verdict(diagnose(bundle, calibration("knowsley")), "unclear", bundle)
    markdown = to_markdown(result)
    summary = markdown.split("## Summary", 1)[1].split("## Detail", 1)[0]
    assert "**Most likely phase:**" not in markdown and "No clear phase" in summary
    assert "### How to get a clearer answer" in summary and "- Answer more statements" in summary
    assert "## What makes innovation fail at this phase" not in markdown
