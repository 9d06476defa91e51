"""What the diagnostic's answers support: the verdict rule, its calibration, and the fidelity of the advice it shows.

The calibration figures asserted here are the ones docs/methods/diagnostic.md reports; run
``pytest -s tests/test_diagnostic_verdict.py -k figures`` to print them.
"""

from __future__ import annotations

import copy
import itertools
import random
import re
from collections import Counter
from pathlib import Path

import pytest

from diagnostic_helpers import REPORT_PLACEMENTS, calibration_answers, profile_answers
from innovation_toolkit.diagnostic import bundle as bundle_module
from innovation_toolkit.diagnostic import diagnose, diagnose_team
from innovation_toolkit.diagnostic.result import IMPORTANCE_LEVEL
from sitegen.content import load_content
from sitegen.diagnostic_data import DiagnosticDataError, build_diagnostic_data

ROOT = Path(__file__).resolve().parents[1]
METHODS_PAGE = ROOT / "docs" / "methods" / "diagnostic.md"
REPORT = ROOT.parent / "shared" / "seed" / "transformers-report.txt"
PHASES = ["latent", "design-and-discovery", "mobilisation", "mainstreaming", "embedding"]
RANDOM_SEEDS = range(1000)
RATINGS = [1, 2, 3, 4, 5, "dont-know"]
CONFIDENT = {"medium", "high"}


@pytest.fixture(scope="module")
def content() -> dict:
    return load_content()


@pytest.fixture(scope="module")
def bundle(content) -> dict:
    return build_diagnostic_data(content)


def question_ids(bundle: dict) -> list[str]:
    return [q["id"] for q in bundle["questionnaire"]["questions"]]


def mobilisation_mainstreaming_mix(bundle: dict) -> dict:
    """Half-way between the textbook mobilisation and mainstreaming respondents (ties round up)."""
    one, other = profile_answers(bundle, "mobilisation"), profile_answers(bundle, "mainstreaming")
    return {qid: (one[qid] + other[qid] + 1) // 2 for qid in one}


def random_answers(bundle: dict, seed: int) -> dict:
    rng = random.Random(seed)
    return {qid: rng.choice(RATINGS) for qid in question_ids(bundle)}


@pytest.fixture(scope="module")
def random_results(bundle) -> list[dict]:
    return [diagnose(bundle, random_answers(bundle, seed)) for seed in RANDOM_SEEDS]


def calibration_figures(bundle: dict, random_results: list[dict]) -> dict:
    kinds = Counter(r["verdict"]["kind"] for r in random_results)
    confident_clear = sum(1 for r in random_results if r["verdict"]["kind"] == "clear" and r["confidence"]["level"] in CONFIDENT)
    rules = Counter(r["verdict"]["rule"] for r in random_results if r["verdict"]["kind"] == "unclear")
    total = len(random_results)
    return {
        "respondents": total,
        "unclear": kinds["unclear"] / total,
        "between": kinds["between"] / total,
        "clear": kinds["clear"] / total,
        "confident_clear": confident_clear / total,
        "unclear_rules": {rule: count / total for rule, count in rules.most_common()},
    }


def percent(share: float) -> str:
    return f"{share * 100:.1f} %"


# ---------------------------------------------------------------- the contract


def test_every_result_carries_a_verdict_candidates_tips_and_a_summary(bundle):
    for answers in (calibration_answers("knowsley"), mobilisation_mainstreaming_mix(bundle), {"new-structures": 5}):
        result = diagnose(bundle, answers)
        verdict = result["verdict"]
        assert verdict["kind"] in {"clear", "between", "unclear"}
        assert verdict["headline"] and verdict["reason"].endswith(".")
        assert len(result["candidates"]) == {"clear": 1, "between": 2, "unclear": 0}[verdict["kind"]]
        for candidate in result["candidates"]:
            assert set(candidate) == {"phase", "phase_name", "phase_number", "progression", "pitfalls", "questions", "similar_cases"}
        assert bool(result["clearer_answer"]) == (verdict["kind"] == "unclear")
        summary = result["summary"]
        assert summary["headline"] == verdict["headline"]
        assert summary["confidence"] == {"level": result["confidence"]["level"], "value": result["confidence"]["value"]}
        assert 1 <= len(summary["next_actions"]) <= 3
        for action in summary["next_actions"]:
            assert set(action) == {"title", "text", "source"} and all(action.values())
        assert result["phase"] == result["ranking"][0]  # the leading phase is still given


def test_headlines_name_the_phase_the_pair_or_no_phase(bundle):
    assert diagnose(bundle, calibration_answers("knowsley"))["verdict"]["headline"] == "Mobilisation (phase 2)"
    assert diagnose(bundle, mobilisation_mainstreaming_mix(bundle))["verdict"]["headline"] == "Between mobilisation and mainstreaming"
    assert diagnose(bundle, {"new-structures": 5})["verdict"]["headline"] == "No clear phase"


# ---------------------------------------------------------------- calibration


def test_calibration_figures(bundle, random_results):
    figures = calibration_figures(bundle, random_results)
    print(
        f"\nrandom respondents: {figures['respondents']}; unclear {percent(figures['unclear'])}, between {percent(figures['between'])}, "
        f"clear {percent(figures['clear'])}, clear with medium or high confidence {percent(figures['confident_clear'])}"
    )
    print("unclear because: " + ", ".join(f"{rule} {percent(share)}" for rule, share in figures["unclear_rules"].items()))
    assert figures["unclear"] >= 0.85
    assert figures["confident_clear"] <= 0.03


def test_the_methods_page_states_the_calibration_figures(bundle, random_results):
    figures = calibration_figures(bundle, random_results)
    page = METHODS_PAGE.read_text(encoding="utf-8")
    for share in ("unclear", "between", "clear", "confident_clear"):
        assert percent(figures[share]) in page, f"{share}: {percent(figures[share])} is not on {METHODS_PAGE.name}"


def test_random_respondents_keep_confidence_consistent_with_the_verdict(random_results):
    for result in random_results:
        kind, level = result["verdict"]["kind"], result["confidence"]["level"]
        if kind == "unclear":
            assert level == "low" and result["confidence"]["value"] < 0.45
        if kind == "between":
            assert level != "high"
            phases = result["verdict"]["phases"]
            assert abs(PHASES.index(phases[0]) - PHASES.index(phases[1])) == 1


@pytest.mark.parametrize("rating", [1, 2, 4, 5])
def test_the_same_rating_for_every_statement_gets_no_phase(bundle, rating):
    result = diagnose(bundle, dict.fromkeys(question_ids(bundle), rating))
    assert result["verdict"]["kind"] == "unclear"
    assert result["confidence"]["level"] == "low"
    assert result["candidates"] == []


def test_rejecting_everything_is_not_evidence_of_the_latent_phase(bundle):
    result = diagnose(bundle, dict.fromkeys(question_ids(bundle), 1))
    assert result["phase"] == "latent"  # the leading score, as before
    assert result["verdict"]["rule"] == "no-signs-of-its-own"
    assert "describe latent" in result["verdict"]["reason"]
    assert result["confidence"]["uncapped_value"] >= 0.45  # without the verdict it would have been "medium"
    # Agreeing with the latent statements themselves is what makes latent clear.
    own = {q["id"]: 5 for q in bundle["questionnaire"]["questions"] if q["describes"] == "latent"}
    verdict = diagnose(bundle, dict(dict.fromkeys(question_ids(bundle), 1), **own))["verdict"]
    assert (verdict["kind"], verdict["phases"], verdict["headline"]) == ("clear", ["latent"], "Latent (phase 0)")
    assert "3 of its 3 own statements" in verdict["reason"]


def test_the_latent_asymmetry_is_as_the_methods_page_states(bundle):
    weights = [q["weights"]["latent"] for q in bundle["questionnaire"]["questions"]]
    positive, negative = sum(w for w in weights if w > 0), -sum(w for w in weights if w < 0)
    assert (positive, negative) == (7, 33)
    assert f"{positive} positive against {negative} negative" in METHODS_PAGE.read_text(encoding="utf-8")


def test_the_methods_page_lists_every_threshold_with_its_value(bundle):
    lines = METHODS_PAGE.read_text(encoding="utf-8").splitlines()

    def line_naming(name: str) -> str:
        found = [line for line in lines if f"`{name}`" in line and line.startswith("|")]
        assert found, f"{name} is not in the table of the project's own assumptions"
        return found[0]

    scoring = bundle["questionnaire"]["scoring"]
    for key, value in scoring["verdict"].items():
        row = line_naming(f"scoring.verdict.{key}")
        assert any(form in row for form in (f"{value:.2f}", f"{round(value * 100)} %", f" {value} ")), (key, value, row)
    assert f"{scoring['triangle_gap']:.2f}" in line_naming("scoring.triangle_gap")
    assert f"({scoring['adjacent_credit']})" in line_naming("scoring.adjacent_credit")
    assert f"{scoring['team_disagreement_threshold']} or more" in line_naming("scoring.team_disagreement_threshold")
    assert f"| {bundle_module.MAX_RESPONDENTS} |" in line_naming("MAX_RESPONDENTS")
    assert f"| {bundle_module.MAX_NAME_LENGTH} characters |" in line_naming("MAX_NAME_LENGTH")
    assert f"| {bundle_module.MAX_FRAGMENT_LENGTH:,} characters |" in line_naming("MAX_FRAGMENT_LENGTH")
    sizes = line_naming("IMPORTANCE_LEVEL")
    for importance, size in IMPORTANCE_LEVEL.items():
        assert f"{importance.replace('-', ' ')} " in sizes and str(size) in sizes


def test_one_answer_never_gets_a_phase(bundle):
    for qid, rating in itertools.product(question_ids(bundle), [1, 2, 4, 5]):
        result = diagnose(bundle, {qid: rating})
        assert result["verdict"]["rule"] == "too-few-answers", (qid, rating)
        assert result["confidence"]["level"] == "low"


def test_two_answers_never_get_a_phase(bundle):
    for (first, second), rating in itertools.product(itertools.combinations(question_ids(bundle), 2), [1, 5]):
        result = diagnose(bundle, {first: rating, second: rating})
        assert result["verdict"]["kind"] == "unclear", (first, second, rating)
        assert result["confidence"]["level"] == "low"


@pytest.mark.parametrize("slug", sorted(REPORT_PLACEMENTS))
def test_every_placed_case_study_keeps_the_reports_phase_as_clear(bundle, slug):
    result = diagnose(bundle, calibration_answers(slug))
    assert result["verdict"]["kind"] == "clear"
    assert result["verdict"]["phases"] == [REPORT_PLACEMENTS[slug]]
    assert [c["phase"] for c in result["candidates"]] == [REPORT_PLACEMENTS[slug]]
    assert result["confidence"]["level"] in CONFIDENT


@pytest.mark.parametrize("phase", PHASES)
def test_every_textbook_persona_keeps_its_phase_as_clear(bundle, phase):
    result = diagnose(bundle, profile_answers(bundle, phase))
    assert result["verdict"]["kind"] == "clear" and result["verdict"]["phases"] == [phase]
    assert result["confidence"]["level"] == "high"


def test_a_mobilisation_mainstreaming_mix_is_between_the_two(bundle):
    result = diagnose(bundle, mobilisation_mainstreaming_mix(bundle))
    assert result["verdict"]["kind"] == "between"
    assert result["verdict"]["phases"] == ["mobilisation", "mainstreaming"]
    assert [c["phase"] for c in result["candidates"]] == ["mobilisation", "mainstreaming"]
    mobilisation, mainstreaming = result["candidates"]
    assert mobilisation["progression"]["to_phase"] == "mainstreaming"
    assert mobilisation["pitfalls"] and mainstreaming["pitfalls"] and mobilisation["questions"] and mainstreaming["questions"]
    assert result["confidence"]["level"] != "high"
    titles = [action["title"] for action in result["summary"]["next_actions"]]
    assert titles[0] == "Prepare the move to Mainstreaming"
    assert any("both phases" in title or "each phase" in title for title in titles)


def test_two_phases_that_are_not_neighbours_give_no_clear_phase(bundle):
    answers = {}
    for question in bundle["questionnaire"]["questions"]:
        if not question.get("corner"):
            answers[question["id"]] = 5 if question["describes"] in ("design-and-discovery", "mainstreaming") else 1
    result = diagnose(bundle, answers)
    assert result["verdict"]["kind"] == "unclear"
    assert result["verdict"]["rule"] in {"not-neighbours", "answers-disagree", "weak-fit"}
    assert result["clearer_answer"]


def test_a_team_in_phases_one_two_and_four_gets_no_clear_phase(bundle):
    team = [
        {"name": "Youth worker", "answers": profile_answers(bundle, "design-and-discovery")},
        {"name": "Service manager", "answers": profile_answers(bundle, "mobilisation")},
        {"name": "Council leader", "answers": profile_answers(bundle, "embedding")},
    ]
    result = diagnose_team(bundle, team)
    assert result["verdict"]["kind"] == "unclear"
    assert result["candidates"] == [] and result["confidence"]["level"] == "low"
    assert result["summary"]["next_actions"][0]["title"] == "Talk through where the team differs"


def test_a_team_split_between_neighbours_is_between_and_an_agreeing_team_is_clear(bundle):
    split = [
        {"name": "A", "answers": profile_answers(bundle, "mobilisation")},
        {"name": "B", "answers": profile_answers(bundle, "mainstreaming")},
    ]
    assert diagnose_team(bundle, split)["verdict"]["phases"] == ["mobilisation", "mainstreaming"]
    agreeing = [dict(member, answers=profile_answers(bundle, "mainstreaming")) for member in split]
    assert diagnose_team(bundle, agreeing)["verdict"]["kind"] == "clear"


def test_a_team_whose_members_disagree_cannot_be_clear_however_the_average_falls(bundle):
    data = copy.deepcopy(bundle)
    data["questionnaire"]["scoring"]["verdict"]["min_team_consensus"] = 1.0
    split = [
        {"name": "A", "answers": profile_answers(bundle, "mainstreaming")},
        {"name": "B", "answers": profile_answers(bundle, "mainstreaming")},
        {"name": "C", "answers": profile_answers(bundle, "embedding")},
    ]
    assert diagnose_team(bundle, split)["verdict"]["kind"] == "clear"
    assert diagnose_team(data, split)["verdict"]["rule"] == "team-split"


# ---------------------------------------------------------------- the thresholds live in the content


def test_the_thresholds_come_from_the_scoring_settings(bundle):
    highlands = calibration_answers("highlands")
    assert diagnose(bundle, highlands)["verdict"]["kind"] == "clear"  # mainstreaming 0.11 ahead of mobilisation
    wider = copy.deepcopy(bundle)
    wider["questionnaire"]["scoring"]["verdict"]["min_margin"] = 0.12
    assert diagnose(wider, highlands)["verdict"]["phases"] == ["mobilisation", "mainstreaming"]
    fewer = copy.deepcopy(bundle)
    fewer["questionnaire"]["scoring"]["verdict"]["min_leaning_answers"] = 1
    assert diagnose(fewer, {"new-structures": 5})["verdict"]["rule"] != "too-few-answers"


def test_the_bundle_builder_requires_the_verdict_settings(content):
    broken = copy.deepcopy(content)
    del broken["diagnostic"]["scoring"]["verdict"]
    with pytest.raises(DiagnosticDataError, match="'verdict' is missing"):
        build_diagnostic_data(broken)
    narrow = copy.deepcopy(content)
    narrow["diagnostic"]["scoring"]["confidence_levels"][-1]["verdicts"] = ["clear"]
    with pytest.raises(DiagnosticDataError, match="the lowest band must allow every verdict"):
        build_diagnostic_data(narrow)


# ---------------------------------------------------------------- the action plan and the summary


def test_the_action_plan_does_not_repeat_the_advice_shown_above_it(bundle):
    for answers in [calibration_answers(slug) for slug in REPORT_PLACEMENTS] + [mobilisation_mainstreaming_mix(bundle)]:
        result = diagnose(bundle, answers)
        shown = [
            text
            for candidate in result["candidates"]
            for text in [
                *(candidate["progression"] or {"requirements": []})["requirements"],
                *(item["text"] for item in candidate["pitfalls"]),
                *(item["question"] for item in candidate["questions"]),
            ]
        ]
        assert shown
        for step in result["action_plan"]:
            assert not [text for text in shown if text in step["text"]], step
        assert {step["step"] for step in result["action_plan"]} <= {"discuss", "strengthen", "work-through", "find-out"}


def test_no_clear_phase_gives_steps_to_a_clearer_answer_and_no_phase_advice(bundle):
    result = diagnose(bundle, {"new-structures": 5, "initial-resources": 4})
    assert result["clearer_answer"][0].startswith("Answer more of the statements")
    assert result["summary"]["next_actions"][0]["title"] == "Answer more of the statements"
    assert result["action_plan"] == []
    spread = diagnose(bundle, random_answers(bundle, 0))
    assert spread["verdict"]["kind"] == "unclear"
    elsewhere = [tip for tip in spread["clearer_answer"] if tip.startswith("Check the statements pointing elsewhere")]
    texts = {q["id"]: q["text"].rstrip(".") for q in bundle["questionnaire"]["questions"]}
    if elsewhere:  # the statements are listed by their text, not their id
        first = spread["confidence"]["pointing_elsewhere"][0]["question"]
        assert f'"{texts[first]}"' in elsewhere[0]


# ---------------------------------------------------------------- fidelity: the triangle


@pytest.mark.parametrize(
    ("rating", "phase", "corner", "expected"),
    [
        # Levels: rating 1 → 0, 2 → 0.25, 3 → 0.5, 4 → 0.75, 5 → 1. Sizes drawn for the report's
        # account (§5.3): limited 0.25, emerging or reduced 0.5, high or balanced 0.75, very high 1.
        (1, "mobilisation", "organisational-capacity", "weaker"),  # 0 against very high
        (4, "mobilisation", "organisational-capacity", "weaker"),  # one point short of very high
        (5, "mobilisation", "organisational-capacity", "in"),
        (4, "design-and-discovery", "authority", "in"),  # 0.75 against high
        (3, "design-and-discovery", "authority", "weaker"),
        (5, "embedding", "value", "stronger"),  # 1 against balanced
        (3, "latent", "value", "stronger"),  # 0.5 against limited
        (2, "latent", "value", "in"),
    ],
)
def test_triangle_comparison_calls_one_scale_point_weaker_or_stronger(bundle, rating, phase, corner, expected):
    answers = dict(profile_answers(bundle, phase))
    rated = next(q["id"] for q in bundle["questionnaire"]["questions"] if q.get("corner") == corner)
    answers[rated] = rating
    result = diagnose(bundle, answers)
    assert result["phase"] == phase
    found = next(c for c in result["triangle"]["corners"] if c["corner"] == corner)
    assert found["gap"] == pytest.approx(found["level"] - found["report_level"])
    assert found["comparison"].split()[0] == expected


def test_the_triangle_rule_tells_the_three_outcomes_apart(bundle):
    seen = Counter()
    for answers in [calibration_answers(slug) for slug in REPORT_PLACEMENTS] + [profile_answers(bundle, p) for p in PHASES]:
        for corner in diagnose(bundle, answers)["triangle"]["corners"]:
            if corner["comparison"]:
                seen[corner["comparison"].split()[0]] += 1
    assert set(seen) == {"weaker", "in", "stronger"}, seen


# ---------------------------------------------------------------- fidelity: places like you


def test_places_like_you_uses_every_case_study_placed_in_or_used_as_an_example_of_the_phase(bundle, content):
    for phase in content["phases"]["phases"]:
        placed = {slug for slug, record in content["case-studies"].items() if record["phase"].get("phase") == phase["id"]}
        examples = {e["case_study"]: e for e in phase["case_study_examples"]}
        result = diagnose(bundle, profile_answers(bundle, phase["id"]))
        cases = {case["id"]: case for case in result["similar_cases"]}
        assert set(cases) == placed | set(examples), phase["id"]
        for slug, case in cases.items():
            assert case["kind"] == ("placement" if slug in placed else "example")
            assert case["source"]
            if slug not in placed:
                assert case["source"] == examples[slug]["source"] and case["explanation"] == examples[slug]["text"]


def test_places_like_you_for_the_early_phases_names_the_reports_examples(bundle):
    latent = diagnose(bundle, profile_answers(bundle, "latent"))["similar_cases"]
    assert {c["id"] for c in latent} == {"tower-hamlets", "knowsley", "highlands", "south-tyneside", "portland"}
    assert {c["source"] for c in latent} == {"§5.1"}
    design = diagnose(bundle, profile_answers(bundle, "design-and-discovery"))["similar_cases"]
    assert {c["id"]: c["source"] for c in design} == {"highlands": "§5.3", "pittsburgh": "§5.3"}
    assert all(c["kind"] == "example" for c in latent + design)


# ---------------------------------------------------------------- fidelity: Step Three

# Appendix A, Step Three: per phase, the number of bullets under each question, and the
# items of any list a bullet introduces (phase 1's "These include:" lists three approaches).
STEP_THREE = {
    "latent": [2, 2],
    "design-and-discovery": [2],
    "mobilisation": [2, 4],
    "mainstreaming": [2, 1, 2],
    "embedding": [2, 2],
}


def report_step_three() -> dict:
    """The Step Three lists as the report's text lays them out: bullets per question, and sub-items."""
    text = REPORT.read_text(encoding="utf-8")
    start = text.rindex("Step Three: Asking")  # the last one: the contents list names it too
    section = text[start : text.index("Appendix B:", start)]
    phases, current = {}, None
    for line in section.splitlines():
        heading = re.match(r"Phase (\d):", line)
        if heading:
            current = phases.setdefault(PHASES[int(heading.group(1))], {"bullets": [], "items": 0})
        elif current is None or not line.strip():
            continue
        elif line.startswith(" - "):
            current["items"] += 1
        elif line.startswith(("- ", "• ")):
            current["bullets"][-1] += 1
        elif line.rstrip().endswith("?"):
            current["bullets"].append(0)
    return phases


def test_step_three_lists_in_the_content_match_the_report(content):
    for phase in content["phases"]["phases"]:
        questions = phase["step_three"]["questions"]
        assert [len(q["bullets"]) for q in questions] == STEP_THREE[phase["id"]], phase["id"]
    if not REPORT.exists():
        pytest.skip("the report text (../shared/seed) is not available here")
    report = report_step_three()
    for phase in content["phases"]["phases"]:
        questions = phase["step_three"]["questions"]
        assert report[phase["id"]]["bullets"] == [len(q["bullets"]) for q in questions], phase["id"]
        assert report[phase["id"]]["items"] == sum(len(b.get("includes", [])) for q in questions for b in q["bullets"]), phase["id"]


def test_the_result_shows_the_approaches_step_three_lists_for_design_and_discovery(bundle):
    result = diagnose(bundle, profile_answers(bundle, "design-and-discovery"))
    bullets = [bullet for question in result["questions"] for bullet in question["bullets"]]
    assert not [bullet for bullet in bullets if bullet.rstrip().endswith(":")]  # nothing ends on "They include:"
    approaches = next(bullet for bullet in bullets if "include" in bullet)
    for fact in ("service users", "personalised budgets", "chronic disease", "community-of-practice", "social enterprises", "youth provision"):
        assert fact in approaches
