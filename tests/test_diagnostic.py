"""The lifecycle diagnostic (Appendix A, Step One): scoring, calibration, team mode, fragments."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diagnostic_helpers import CALIBRATION, REPORT_PLACEMENTS, calibration_answers, profile_answers
from innovation_toolkit.diagnostic import (
    decode_fragment,
    decode_team_fragment,
    diagnose,
    diagnose_document,
    diagnose_team,
    encode_fragment,
    encode_team_fragment,
    example_bundle,
    read_answers_document,
    to_markdown,
    triangle_svg,
    validate_answers,
)
from innovation_toolkit.errors import InputError
from sitegen.content import load_content
from sitegen.diagnostic_data import DiagnosticDataError, build_diagnostic_data

PHASES = ["latent", "design-and-discovery", "mobilisation", "mainstreaming", "embedding"]


@pytest.fixture(scope="module")
def content() -> dict:
    return load_content()


@pytest.fixture(scope="module")
def bundle(content) -> dict:
    return build_diagnostic_data(content)


# ---------------------------------------------------------------- the bundle and questionnaire


def test_bundle_is_json_serialisable_and_complete(bundle):
    assert json.loads(json.dumps(bundle)) == bundle
    assert [phase["id"] for phase in bundle["phases"]] == PHASES
    assert {corner["id"] for corner in bundle["corners"]} == {"authority", "organisational-capacity", "value"}


def test_questionnaire_is_five_to_ten_minutes_long_and_rates_each_corner_once(bundle):
    questions = bundle["questionnaire"]["questions"]
    assert 15 <= len(questions) <= 25
    corners = [q["corner"] for q in questions if q.get("corner")]
    assert sorted(corners) == ["authority", "organisational-capacity", "value"]
    for question in questions:
        assert question["source"].strip()
        assert set(question["weights"]) == set(PHASES)
    # every phase is described by at least two statements
    described = [q["describes"] for q in questions]
    assert all(described.count(phase) >= 2 for phase in PHASES)


def test_bundle_lists_the_case_studies_placed_in_or_used_as_examples_of_a_phase(bundle, content):
    placed = {slug for slug, record in content["case-studies"].items() if record["phase"]["placed"]}
    examples = {e["case_study"] for phase in content["phases"]["phases"] for e in phase["case_study_examples"]}
    assert {"portland", "pittsburgh"} <= examples - placed  # §5.1 and §5.3 use them as examples only
    assert {case["id"] for case in bundle["case_studies"]} == placed | examples
    for case in bundle["case_studies"]:
        expected = content["case-studies"][case["id"]]["phase"]
        assert case["phase"] == (expected["phase"] if expected["placed"] else None)
    for phase in bundle["phases"]:
        written = next(p for p in content["phases"]["phases"] if p["id"] == phase["id"])
        assert [e["case_study"] for e in phase["case_study_examples"]] == [e["case_study"] for e in written["case_study_examples"]]


def test_bundle_builder_rejects_weights_that_do_not_name_the_phases(content):
    broken = copy.deepcopy(content)
    weights = broken["diagnostic"]["questions"][0]["weights"]
    weights["design-and-discover"] = weights.pop("design-and-discovery")
    with pytest.raises(DiagnosticDataError, match="weights must name exactly the phases"):
        build_diagnostic_data(broken)


def test_bundle_builder_rejects_an_unknown_corner(content):
    broken = copy.deepcopy(content)
    rated = next(q for q in broken["diagnostic"]["questions"] if q.get("corner"))
    rated["corner"] = "legitimacy"
    with pytest.raises(DiagnosticDataError, match="unknown strategic-triangle corner 'legitimacy'"):
        build_diagnostic_data(broken)


# ---------------------------------------------------------------- calibration against the report


@pytest.mark.parametrize("slug", sorted(REPORT_PLACEMENTS))
def test_calibration_case_gets_the_reports_phase(bundle, content, slug):
    expected = REPORT_PLACEMENTS[slug]
    placement = content["case-studies"].get(slug, {}).get("phase")
    if placement is not None:  # the case-study record, where written, must agree with §5.1
        assert placement == {**placement, "placed": True, "phase": expected}
    result = diagnose(bundle, calibration_answers(slug))
    assert result["phase"] == expected
    assert result["confidence"]["level"] in {"medium", "high"}


@pytest.mark.parametrize("slug", sorted(REPORT_PLACEMENTS))
def test_calibration_files_answer_every_question_with_a_cited_reason(bundle, slug):
    text = (CALIBRATION / f"{slug}.yaml").read_text(encoding="utf-8")
    answers = calibration_answers(slug)
    assert set(answers) == {q["id"] for q in bundle["questionnaire"]["questions"]}
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if line.startswith("  ") and not line.lstrip().startswith("#") and ":" in line:
            comment = lines[number - 1].strip()
            assert comment.startswith("#"), f"{slug}: no comment above {line.strip()}"
            assert any(mark in comment for mark in ("line", "§", "Not described", "not describe")), comment


def test_contradictory_answers_lower_the_confidence(bundle):
    consistent = calibration_answers("knowsley")
    contradictory = dict(consistent)
    for question in bundle["questionnaire"]["questions"]:
        if question["describes"] in ("latent", "embedding") and not question.get("corner"):
            contradictory[question["id"]] = 5
    before = diagnose(bundle, consistent)["confidence"]
    after = diagnose(bundle, contradictory)["confidence"]
    assert after["value"] < before["value"] - 0.15
    assert after["level"] == "low"
    assert after["pointing_elsewhere"]


@pytest.mark.parametrize("phase", PHASES)
def test_a_respondent_mirroring_a_phase_profile_gets_that_phase_with_high_confidence(bundle, phase):
    result = diagnose(bundle, profile_answers(bundle, phase))
    assert result["phase"] == phase
    assert result["phase_number"] == PHASES.index(phase)
    assert result["confidence"]["level"] == "high"


# ---------------------------------------------------------------- the scoring rule


def test_scores_are_the_weighted_sum_of_contributions_over_the_absolute_weights(bundle):
    result = diagnose(bundle, calibration_answers("highlands"))
    for score in result["scores"].values():
        total = sum(item["contribution"] for item in score["contributions"])
        assert score["max"] == sum(abs(item["weight"]) for item in score["contributions"])
        assert score["score"] == pytest.approx(total / score["max"], abs=1e-3)
        assert -1 <= score["score"] <= 1
        for item in score["contributions"]:
            assert item["contribution"] == pytest.approx(item["strength"] * item["weight"], abs=1e-3)


def test_dont_know_adds_nothing_and_lowers_coverage(bundle):
    answers = calibration_answers("tower-hamlets")
    fewer = dict(answers, **{"national-recognition": "dont-know"})
    full, partial = diagnose(bundle, answers), diagnose(bundle, fewer)
    assert partial["dont_know"] == full["dont_know"] + 1
    assert partial["confidence"]["coverage"] < full["confidence"]["coverage"]
    assert all(item["question"] != "national-recognition" for score in partial["scores"].values() for item in score["contributions"])


def test_omitted_questions_count_as_dont_know(bundle):
    result = diagnose(bundle, {"approach-chosen-and-piloted": 5, "new-structures": 5})
    assert result["answered"] == 2 and result["dont_know"] == result["total_questions"] - 2
    assert result["phase"] == "mobilisation"
    assert result["confidence"]["level"] == "low"  # two answers out of 24 is little to go on


def test_agreeing_more_with_a_phase_statement_never_lowers_that_phase_score(bundle):
    base = {q["id"]: 3 for q in bundle["questionnaire"]["questions"]}
    base["approach-chosen-and-piloted"] = 4
    for question in bundle["questionnaire"]["questions"]:
        phase = question["describes"]
        lower = diagnose(bundle, dict(base, **{question["id"]: 2}))["scores"][phase]["score"]
        higher = diagnose(bundle, dict(base, **{question["id"]: 5}))["scores"][phase]["score"]
        assert higher >= lower, question["id"]


def test_ties_go_to_the_earlier_phase():
    data = example_bundle()
    for question in data["questionnaire"]["questions"]:
        question["weights"] = {"latent": 0, "design-and-discovery": 0, "mobilisation": 1, "mainstreaming": 1, "embedding": 0}
    assert diagnose(data, {"pilots": 5})["phase"] == "mobilisation"


def test_all_neutral_answers_are_refused(bundle):
    neutral = {q["id"]: 3 for q in bundle["questionnaire"]["questions"]}
    with pytest.raises(InputError, match="no answer points to any phase"):
        diagnose(bundle, neutral)
    with pytest.raises(InputError, match="no answer points to any phase"):
        diagnose(bundle, {})


# ---------------------------------------------------------------- the result's parts


def test_result_has_every_part_the_page_and_cli_show(bundle):
    result = diagnose(bundle, calibration_answers("knowsley"))
    for key in (
        "phase",
        "phase_number",
        "phase_name",
        "scores",
        "confidence",
        "triangle",
        "pitfalls",
        "progression",
        "questions",
        "similar_cases",
        "action_plan",
        "ranking",
        "answers",
    ):
        assert key in result, key
    assert json.loads(json.dumps(result)) == result
    assert result["progression"]["to_phase"] == "mainstreaming"
    assert all(item["source"] == "Table A2" for item in result["pitfalls"]) and result["pitfalls"]
    assert result["questions"] and all(q["source"] == "Appendix A, Step Three" for q in result["questions"])
    assert [case["id"] for case in result["similar_cases"]] == ["knowsley"]
    assert result["verdict"]["kind"] == "clear" and [c["phase"] for c in result["candidates"]] == ["mobilisation"]
    steps = [action["step"] for action in result["action_plan"]]
    assert "work-through" in steps and "find-out" in steps  # Knowsley's file has two "don't know" answers
    # The action plan adds to the sections above it instead of repeating them.
    shown = [
        *result["progression"]["requirements"],
        *(item["text"] for item in result["pitfalls"]),
        *(item["question"] for item in result["questions"]),
        *(case["title"] for case in result["similar_cases"]),
    ]
    for action in result["action_plan"]:
        assert not [text for text in shown if text in action["text"]], action["step"]


def test_latent_result_says_table_a2_has_no_row(bundle):
    result = diagnose(bundle, profile_answers(bundle, "latent"))
    assert result["pitfalls"] == [] and result["progression"] is None
    assert any("Table A2" in note for note in result["notes"])
    assert result["questions"]  # Step Three does cover phase 0


def test_triangle_compares_the_ratings_with_the_reports_account(bundle):
    answers = dict(calibration_answers("knowsley"), **{"capacity-strength": 1})
    triangle = diagnose(bundle, answers)["triangle"]
    by_corner = {corner["corner"]: corner for corner in triangle["corners"]}
    capacity = by_corner["organisational-capacity"]
    assert capacity["rating"] == 1 and capacity["level"] == 0
    assert capacity["report_importance"] == "very-high"
    assert capacity["comparison"].startswith("weaker")
    assert "organisational capacity very weak" in triangle["description"]
    plan = diagnose(bundle, answers)["action_plan"]
    assert any(action["step"] == "strengthen" and "organisational capacity" in action["title"] for action in plan)


def test_triangle_svg_is_well_formed_with_a_text_alternative(bundle):
    triangle = diagnose(bundle, calibration_answers("south-tyneside"))["triangle"]
    svg = triangle_svg(triangle)
    root = ElementTree.fromstring(svg)
    namespace = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    assert root.find(f"{namespace}desc").text == triangle["description"]
    assert len(root.findall(f"{namespace}polygon")) == 3


def test_markdown_export_carries_the_result(bundle):
    result = diagnose(bundle, calibration_answers("highlands"))
    markdown = to_markdown(result)
    assert "**Most likely phase:** Mainstreaming (phase 3)" in markdown
    assert "## Action plan" in markdown and "## Places like you" in markdown
    assert "The Highlands" in markdown
    for action in result["action_plan"]:
        assert action["title"] in markdown


# ---------------------------------------------------------------- validating answers


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"isolated-frontline-idea": 3}, "unknown question id 'isolated-frontline-idea' (did you mean 'isolated-frontline-ideas'?)"),
        ({"zzz": 3}, "unknown question id 'zzz'"),
        ({"new-structures": 6}, "answer to 'new-structures' is 6, out of range"),
        ({"new-structures": 0}, "answer to 'new-structures' is 0, out of range"),
        ({"new-structures": "4"}, "answer to 'new-structures' must be a whole number from 1 to 5"),
        ({"new-structures": True}, "must be a whole number"),
        ({"new-structures": 3.5}, "must be a whole number"),
        ({"new-structures": float("nan")}, "must be a whole number"),
        ({"new-structures": [4]}, "must be a whole number"),
        ({"new-structures": "don't know"}, 'must be a whole number from 1 to 5 or "dont-know"'),
        (["new-structures", 4], "answers must be a mapping"),
    ],
)
def test_invalid_answers_get_a_one_line_message(bundle, answers, message):
    with pytest.raises(InputError) as caught:
        validate_answers(bundle, answers)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_valid_answer_forms_are_normalised(bundle):
    assert validate_answers(bundle, {"new-structures": 4.0, "spread-to-other-services": None, "initial-resources": "dont-know"}) == {
        "new-structures": 4,
        "spread-to-other-services": None,
        "initial-resources": None,
    }


def test_answers_document_shapes(bundle):
    answers = calibration_answers("knowsley")
    assert read_answers_document(bundle, answers)["mode"] == "single"
    assert read_answers_document(bundle, {"name": "A", "answers": answers})["mode"] == "single"
    team = [{"name": "A", "answers": answers}, {"name": "B", "role": "frontline", "answers": answers}]
    assert read_answers_document(bundle, team)["mode"] == "team"
    assert read_answers_document(bundle, {"respondents": team})["mode"] == "team"
    with pytest.raises(InputError, match="the answers file is empty"):
        read_answers_document(bundle, None)
    with pytest.raises(InputError, match="unknown field 'colour'"):
        read_answers_document(bundle, {"answers": answers, "colour": "red"})


# ---------------------------------------------------------------- team mode


def team(bundle) -> list:
    return [
        {"name": "Council leader", "role": "political lead", "answers": profile_answers(bundle, "embedding")},
        {"name": "Service manager", "role": "manager", "answers": profile_answers(bundle, "mobilisation")},
        {"name": "Youth worker", "role": "frontline", "answers": profile_answers(bundle, "design-and-discovery")},
    ]


def test_team_mode_shows_each_respondent_and_where_they_disagree(bundle):
    result = diagnose_team(bundle, team(bundle))
    members = {m["name"]: m["phase"] for m in result["team"]["respondents"]}
    assert members == {"Council leader": "embedding", "Service manager": "mobilisation", "Youth worker": "design-and-discovery"}
    assert result["phase"] == "mobilisation"  # the average of the three
    assert result["team"]["consensus"] < 1
    disagreements = result["team"]["disagreements"]
    assert disagreements and disagreements[0]["spread"] >= disagreements[-1]["spread"] >= 2
    widest = disagreements[0]
    assert {a["name"] for a in widest["answers"]} == set(members)
    assert result["action_plan"][0]["step"] == "discuss"
    assert "Where you disagree most" in to_markdown(result)


def test_team_disagreement_lowers_confidence_below_an_agreeing_team(bundle):
    agreeing = [dict(member, answers=profile_answers(bundle, "mobilisation")) for member in team(bundle)]
    same = diagnose_team(bundle, agreeing)
    split = diagnose_team(bundle, team(bundle))
    assert same["team"]["disagreements"] == [] and same["team"]["consensus"] == 1
    assert same["phase"] == diagnose(bundle, profile_answers(bundle, "mobilisation"))["phase"]
    assert split["confidence"]["value"] < same["confidence"]["value"]


def test_team_with_one_silent_respondent_still_works(bundle):
    members = team(bundle)[:2] + [{"name": "New starter", "answers": {}}]
    result = diagnose_team(bundle, members)
    silent = next(m for m in result["team"]["respondents"] if m["name"] == "New starter")
    assert silent["phase"] is None and silent["answered"] == 0


@pytest.mark.parametrize(
    ("respondents", "message"),
    [
        ([], "the team has no respondents"),
        ({"name": "A"}, "a team must be a list of respondents"),
        ([{"name": "A", "answers": {}}, {"name": "A", "answers": {}}], "respondent 2 (A): the name is used twice"),
        ([{"name": "", "answers": {}}], "respondent 1: 'name' must be a non-empty text"),
        ([{"name": "A"}], "respondent 1 (A): missing 'answers'"),
        (
            [{"name": "A", "answers": {}}, {"name": "B", "answers": {"new-structures": 9}}],
            "respondent 2 (B): answer to 'new-structures' is 9, out of range",
        ),
        ([{"name": "A", "answers": {}, "team": "x"}], "respondent 1: unknown field 'team'"),
        (["A"], "respondent 1: expected a mapping"),
    ],
)
def test_invalid_teams_get_a_message_naming_the_respondent(bundle, respondents, message):
    with pytest.raises(InputError) as caught:
        diagnose_team(bundle, respondents)
    assert message in str(caught.value)


def test_diagnose_document_dispatches_single_and_team(bundle):
    assert "team" in diagnose_document(bundle, team(bundle))
    assert "team" not in diagnose_document(bundle, {"answers": calibration_answers("knowsley")})


# ---------------------------------------------------------------- URL fragments


def test_fragment_round_trip_and_format(bundle):
    answers = validate_answers(bundle, calibration_answers("highlands"))
    fragment = encode_fragment(answers)
    assert fragment.startswith("v1:") and " " not in fragment
    assert decode_fragment(bundle, "#" + fragment) == answers
    assert decode_fragment(bundle, fragment) == answers
    assert decode_fragment(bundle, "v1:") == {}


@pytest.mark.parametrize(
    ("fragment", "message"),
    [
        ("", "character 1: expected it to start with 'v1:'"),
        ("#", "character 2: expected it to start with 'v1:'"),
        ("v9:new-structures=4", "character 1: expected it to start with 'v1:'"),
        ("new-structures=4", "character 1: expected it to start with 'v1:'"),
        ("v1:new-structures", "character 4: expected 'question-id=value'"),
        ("v1:new-structures=4,bogus=2", "character 21: unknown question id 'bogus'"),
        ("v1:new-structures=4,new-structures=4", "character 21: question 'new-structures' appears twice"),
        ("v1:new-structures=9", "character 19: answer to 'new-structures' is 9, out of range"),
        ("v1:new-structures=four", "character 19: value for 'new-structures' must be a digit from 1 to 5 or 'x'"),
        ("v1:new-structures=", "character 19: value for 'new-structures' must be a digit"),
        ("v1:new-structures=4,", "character 21: expected 'question-id=value'"),
        ("v1:new-structures=٤", "character 19: unexpected character"),
        ("v1:new structures=4", "character 7: unexpected character ' '"),
        ("#v1:a=1\n", "character 8: unexpected character '\\n'"),
        ("t1:Ann**new-structures=4", "this link holds a team's answers"),
        ("v1:" + "x" * 30000, "URL fragment is too long"),
    ],
)
def test_hostile_fragments_get_a_message_naming_the_position(bundle, fragment, message):
    with pytest.raises(InputError) as caught:
        decode_fragment(bundle, fragment)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_non_text_fragment_is_refused(bundle):
    with pytest.raises(InputError, match="URL fragment must be text"):
        decode_fragment(bundle, None)


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_any_valid_answers_survive_the_fragment(bundle, data):
    questions = bundle["questionnaire"]["questions"]
    chosen = data.draw(st.lists(st.sampled_from([q["id"] for q in questions]), unique=True))
    answers = {qid: data.draw(st.one_of(st.none(), st.integers(1, 5))) for qid in chosen}
    assert decode_fragment(bundle, encode_fragment(answers)) == answers


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(max_size=80), st.text(alphabet="v1t:=,x-;*%#abcdefghijklmnopqrstuvwxyz0123456789", max_size=80)))
def test_arbitrary_fragments_either_decode_or_raise_input_error(bundle, text):
    for decode in (decode_fragment, decode_team_fragment):
        try:
            decoded = decode(bundle, text)
        except InputError as error:
            assert str(error).startswith("URL fragment") and "\n" not in str(error)
        else:
            assert isinstance(decoded, (dict, list))


def test_team_fragment_round_trip_with_awkward_names(bundle):
    members = [
        {"name": "Zoë O'Neil; lead*", "role": "political lead", "answers": {"new-structures": 5, "initial-resources": None}},
        {"name": "Frontline 2", "role": None, "answers": {}},
    ]
    fragment = encode_team_fragment(members)
    assert fragment.startswith("t1:") and fragment.count(";") == 1
    assert decode_team_fragment(bundle, "#" + fragment) == members
    result = diagnose_team(bundle, decode_team_fragment(bundle, fragment))
    assert [m["name"] for m in result["team"]["respondents"]] == ["Zoë O'Neil; lead*", "Frontline 2"]


@pytest.mark.parametrize(
    ("fragment", "message"),
    [
        ("t1:", "character 4: the team has no respondents"),
        ("t1:Ann*lead", "character 4: expected 'name*role*answers'"),
        ("t1:Ann*lead*new-structures=4;Bob*x", "character 30: expected 'name*role*answers'"),
        ("t1:**new-structures=4", "character 4: a respondent has no name"),
        ("t1:%FF*lead*", "not valid percent-encoded UTF-8"),
        ("t1:Ann**bogus=1", "character 9: unknown question id 'bogus'"),
        ("t1:Ann**;Ann**", "respondent 2 (Ann): the name is used twice"),
        ("t1:" + ";".join(f"P{n}**" for n in range(101)), "too many respondents"),
        ("v1:new-structures=4", "expected it to start with 't1:'"),
    ],
)
def test_hostile_team_fragments(bundle, fragment, message):
    with pytest.raises(InputError) as caught:
        decode_team_fragment(bundle, fragment)
    assert message in str(caught.value)
