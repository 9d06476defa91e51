"""Where are we in the innovation lifecycle? The Step One diagnostic (Appendix A).

Every function here works on a compiled *bundle* (``data``): a JSON-serialisable dict built
from ``content/`` by ``scripts/sitegen/diagnostic_data.py`` with the questionnaire, its
weights and scoring settings, and per phase the Table A2 progression and pitfalls, the
§5.3 strategic-triangle account, the Step Three questions and the case studies the
report places there. Answers map a question id to a rating on the question's scale, or to
``None`` / ``"dont-know"``.

Scoring rule (docs/methods/diagnostic.md): a rating becomes a strength from -1 (lowest
point) through 0 (neutral) to +1 (highest point); each phase's score is the sum of
strength × weight over the answered questions, divided by the sum of the absolute weights,
so it runs from -1 to +1. The highest score wins (ties go to the earlier phase). Each
answer *points to* the phase it supports most. Its *agreement* with the result is how much
it supports the result compared with that best phase (1 if the result is its best fit, 0
if it says nothing about it, down to -1 if it argues against it); confidence is the
strength-weighted mean agreement (floored at 0) times the share of questions answered.
In team mode it is also multiplied by the respondents' consensus.

>>> data = example_bundle()
>>> diagnose(data, {"pilots": 5, "spread": 1})["phase"]
'mobilisation'
"""

from __future__ import annotations

import difflib
import json
from typing import Any
from urllib.parse import quote, unquote

from innovation_toolkit.errors import InputError

DONT_KNOW = "dont-know"
FRAGMENT_VERSION = "v1"
TEAM_FRAGMENT_VERSION = "t1"
MAX_FRAGMENT_LENGTH = 20_000
MAX_RESPONDENTS = 100

# How large a corner's triangle is drawn for the report's account of a phase. §5.3 speaks
# of importance in words only (see the phases content); this mapping to sizes is our own.
IMPORTANCE_LEVEL = {
    "limited": 0.25,
    "emerging": 0.5,
    "reduced": 0.5,
    "high": 0.75,
    "balanced": 0.75,
    "very-high": 1.0,
}


# ---------------------------------------------------------------- bundle helpers


def _questions(data: dict) -> list[dict]:
    return data["questionnaire"]["questions"]


def _question_index(data: dict) -> dict[str, dict]:
    return {question["id"]: question for question in _questions(data)}


def _scale(data: dict, question: dict) -> dict:
    return data["questionnaire"]["scales"][question["scale"]]


def _scale_bounds(scale: dict) -> tuple[int, int]:
    values = [point["value"] for point in scale["points"]]
    return min(values), max(values)


def _label(scale: dict, value) -> str:
    if value is None:
        return scale["dont_know"]
    for point in scale["points"]:
        if point["value"] == value:
            return point["label"]
    return f"{value:.1f} (average)"


def _phases(data: dict) -> list[dict]:
    return sorted(data["phases"], key=lambda phase: phase["number"])


def _phase_index(data: dict) -> dict[str, dict]:
    return {phase["id"]: phase for phase in data["phases"]}


def _corner_names(data: dict) -> dict[str, str]:
    return {corner["id"]: corner["name"] for corner in data.get("corners", [])}


def _short(value, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------- validation


def _unknown_question(data: dict, question_id) -> InputError:
    known = list(_question_index(data))
    close = difflib.get_close_matches(str(question_id), known, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else " (run `innovation-toolkit diagnose --questions` to list them)"
    return InputError(f"unknown question id {_short(question_id)}{hint}")


def _normalise_value(data: dict, question: dict, value):
    """Return the rating as an int, or None for "don't know"; raise InputError otherwise."""
    if value is None or value == DONT_KNOW:
        return None
    low, high = _scale_bounds(_scale(data, question))
    expected = f'a whole number from {low} to {high} or "{DONT_KNOW}"'
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(f"answer to '{question['id']}' must be {expected}, got {_short(value)}")
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")) or not value.is_integer():
            raise InputError(f"answer to '{question['id']}' must be {expected}, got {_short(value)}")
        value = int(value)
    if not low <= value <= high:
        raise InputError(f"answer to '{question['id']}' is {value}, out of range: expected {expected}")
    return value


def validate_answers(data: dict, answers) -> dict:
    """Check one respondent's answers; return them as ``{question id: int or None}``.

    Raises ``InputError`` with a one-line message for answers that are not a mapping, an
    unknown question id, a value of the wrong type or out of the question's scale.
    Questions left out are treated as "don't know".

    >>> validate_answers(example_bundle(), {"pilots": 4, "spread": "dont-know"})
    {'pilots': 4, 'spread': None}
    """
    if not isinstance(answers, dict):
        raise InputError(f"answers must be a mapping of question id to rating, got {type(answers).__name__}")
    index = _question_index(data)
    normalised = {}
    for question_id, value in answers.items():
        if question_id not in index:
            raise _unknown_question(data, question_id)
        normalised[question_id] = _normalise_value(data, index[question_id], value)
    return normalised


def validate_respondents(data: dict, respondents) -> list[dict]:
    """Check a team: a non-empty list of ``{"name", "role" (optional), "answers"}``.

    Returns the respondents with normalised answers; messages name the respondent.
    """
    if not isinstance(respondents, list):
        raise InputError(f"a team must be a list of respondents, got {type(respondents).__name__}")
    if not respondents:
        raise InputError("the team has no respondents")
    if len(respondents) > MAX_RESPONDENTS:
        raise InputError(f"too many respondents ({len(respondents)}); at most {MAX_RESPONDENTS}")
    checked, seen = [], set()
    for number, respondent in enumerate(respondents, start=1):
        where = f"respondent {number}"
        if not isinstance(respondent, dict):
            raise InputError(f"{where}: expected a mapping with 'name' and 'answers', got {type(respondent).__name__}")
        unknown = sorted(set(respondent) - {"name", "role", "answers"})
        if unknown:
            raise InputError(f"{where}: unknown field {_short(unknown[0])} (expected name, role, answers)")
        name = respondent.get("name")
        if not isinstance(name, str) or not name.strip():
            raise InputError(f"{where}: 'name' must be a non-empty text")
        name = name.strip()
        where = f"respondent {number} ({name})"
        if name in seen:
            raise InputError(f"{where}: the name is used twice; give each respondent a distinct name")
        seen.add(name)
        role = respondent.get("role")
        if role is not None and not isinstance(role, str):
            raise InputError(f"{where}: 'role' must be text")
        if "answers" not in respondent:
            raise InputError(f"{where}: missing 'answers'")
        try:
            answers = validate_answers(data, respondent["answers"])
        except InputError as error:
            raise InputError(f"{where}: {error}") from None
        checked.append({"name": name, "role": (role or "").strip() or None, "answers": answers})
    return checked


def read_answers_document(data: dict, document) -> dict:
    """Interpret a loaded answers file (the JSON the page downloads, or a YAML/JSON file).

    Three shapes are accepted: a mapping of question id to rating; a mapping with
    ``answers`` (and optional ``name``, ``role``, ``questionnaire_version``); or a list of
    respondents (team mode). Returns ``{"mode": "single", "answers": …}`` or
    ``{"mode": "team", "respondents": …}``, validated.
    """
    if isinstance(document, list):
        return {"mode": "team", "respondents": validate_respondents(data, document)}
    if isinstance(document, dict) and "answers" in document and isinstance(document["answers"], dict):
        extra = sorted(set(document) - {"answers", "name", "role", "questionnaire_version"})
        if extra:
            raise InputError(f"unknown field {_short(extra[0])} next to 'answers' (expected name, role, questionnaire_version)")
        if "respondents" in document:
            raise InputError("use either 'answers' or a list of respondents, not both")
        return {"mode": "single", "answers": validate_answers(data, document["answers"])}
    if isinstance(document, dict) and "respondents" in document:
        extra = sorted(set(document) - {"respondents", "questionnaire_version"})
        if extra:
            raise InputError(f"unknown field {_short(extra[0])} next to 'respondents'")
        return {"mode": "team", "respondents": validate_respondents(data, document["respondents"])}
    if document is None:
        raise InputError("the answers file is empty")
    return {"mode": "single", "answers": validate_answers(data, document)}


def diagnose_document(data: dict, document) -> dict:
    """Diagnose whatever ``read_answers_document`` accepts: one respondent or a team."""
    read = read_answers_document(data, document)
    if read["mode"] == "team":
        return diagnose_team(data, read["respondents"])
    return diagnose(data, read["answers"])


# ---------------------------------------------------------------- scoring


def _strength(scale: dict, value: float) -> float:
    low, high = _scale_bounds(scale)
    middle = (low + high) / 2
    return (value - middle) / ((high - low) / 2)


def _score(data: dict, values: dict) -> dict:
    """Score ratings (ints, or floats for a team average; None = don't know) against every phase."""
    phases = _phases(data)
    numbers = {phase["id"]: phase["number"] for phase in phases}
    totals: dict[str, dict[str, Any]] = {phase["id"]: {"sum": 0.0, "weight": 0, "contributions": []} for phase in phases}
    evidence = []  # (question id, |strength|, contribution per phase, phases the answer supports most)
    answered = dont_know = 0
    for question in _questions(data):
        value = values.get(question["id"])
        if value is None:
            dont_know += 1
            continue
        answered += 1
        scale = _scale(data, question)
        strength = _strength(scale, value)
        contributions = {}
        for phase_id, weight in question["weights"].items():
            if weight == 0 or phase_id not in totals:
                continue
            contribution = strength * weight + 0.0  # + 0.0 turns -0.0 into 0.0
            contributions[phase_id] = contribution
            totals[phase_id]["sum"] += contribution
            totals[phase_id]["weight"] += abs(weight)
            totals[phase_id]["contributions"].append(
                {
                    "question": question["id"],
                    "answer": value,
                    "answer_label": _label(scale, value),
                    "strength": round(strength, 4),
                    "weight": weight,
                    "contribution": round(contribution, 4),
                }
            )
        best = max(contributions.values(), default=0.0)
        if strength != 0 and best > 0:
            points_to = [phase_id for phase_id, c in contributions.items() if abs(c - best) < 1e-9]
            evidence.append((question["id"], abs(strength), contributions, sorted(points_to, key=numbers.__getitem__)))

    scores = {}
    for phase in phases:
        total = totals[phase["id"]]
        scores[phase["id"]] = {
            "number": phase["number"],
            "name": phase["name"],
            "score": round(total["sum"] / total["weight"], 4) if total["weight"] else 0.0,
            "raw": round(total["sum"], 4),
            "max": total["weight"],
            "contributions": total["contributions"],
        }
    ranking = sorted(phases, key=lambda phase: (-round(scores[phase["id"]]["score"], 9), phase["number"]))
    total_questions = len(_questions(data))
    if not evidence:
        return {
            "phase": None,
            "scores": scores,
            "ranking": [p["id"] for p in ranking],
            "answered": answered,
            "dont_know": dont_know,
            "total_questions": total_questions,
            "confidence": None,
            "pointing": {},
        }
    winner = ranking[0]["id"]
    weighted = agreeing = 0.0
    pointing = {phase["id"]: 0.0 for phase in phases}
    split = []
    for question_id, size, contributions, points_to in evidence:
        for phase_id in points_to:
            pointing[phase_id] += size / len(points_to)
        # How far the answer backs the result compared with the phase it backs most:
        # 1 when the result is its best fit, 0 when it says nothing about it, down to -1.
        best = contributions[points_to[0]]
        credit = max(-1.0, contributions.get(winner, 0.0) / best)
        if credit <= 0:
            split.append({"question": question_id, "points_to": points_to, "credit": round(credit, 4)})
        weighted += size
        agreeing += size * credit
    agreement = max(0.0, agreeing / weighted)
    pointing = {phase_id: round(share / weighted, 4) for phase_id, share in pointing.items()}
    coverage = answered / total_questions
    runner_up = ranking[1]["id"] if len(ranking) > 1 else None
    confidence = {
        "agreement": round(agreement, 4),
        "coverage": round(coverage, 4),
        "runner_up": runner_up,
        "margin": round(scores[winner]["score"] - scores[runner_up]["score"], 4) if runner_up else None,
        "pointing_elsewhere": split,
    }
    return {
        "phase": winner,
        "scores": scores,
        "ranking": [p["id"] for p in ranking],
        "answered": answered,
        "dont_know": dont_know,
        "total_questions": total_questions,
        "confidence": confidence,
        "pointing": pointing,
    }


def _confidence_level(data: dict, value: float) -> dict:
    for band in sorted(data["questionnaire"]["scoring"]["confidence_levels"], key=lambda b: -b["minimum"]):
        if value >= band["minimum"]:
            return band
    return {"level": "low", "meaning": ""}


def _finish_confidence(data: dict, scored: dict, value: float, extra_parts: dict | None = None) -> dict:
    confidence = dict(scored["confidence"])
    confidence.update(extra_parts or {})
    confidence["value"] = round(value, 2)
    band = _confidence_level(data, value)
    confidence["level"] = band["level"]
    confidence["meaning"] = band["meaning"]
    phases = _phase_index(data)
    pointed = [(phases[p]["name"], share) for p, share in sorted(scored["pointing"].items(), key=lambda i: phases[i[0]]["number"]) if share]
    confidence["pointing"] = scored["pointing"]
    confidence["explanation"] = (
        f"{scored['answered']} of {scored['total_questions']} questions answered. Where the answers point "
        "(share of their weight): "
        + ", ".join(f"{name} {round(share * 100)}%" for name, share in pointed)
        + f". Agreement with {phases[scored['phase']]['name']}: {round(confidence['agreement'] * 100)}%"
        + " (each answer counts by how far it backs this phase compared with the phase it backs most)."
    )
    return confidence


# ---------------------------------------------------------------- result parts


def _triangle(data: dict, phase: dict, values: dict) -> dict:
    corner_names = _corner_names(data)
    ratings = {}
    for question in _questions(data):
        corner = question.get("corner")
        if not corner:
            continue
        scale = _scale(data, question)
        low, high = _scale_bounds(scale)
        value = values.get(question["id"])
        ratings[corner] = {
            "question": question["id"],
            "rating": value,
            "rating_label": _label(scale, value),
            "level": None if value is None else round((value - low) / (high - low), 4),
        }
    account = phase.get("triangle") or {}
    report = {corner["corner"]: corner for corner in account.get("corners", [])}
    corners, lines_team, lines_report = [], [], []
    for corner_id in list(dict.fromkeys(list(ratings) + list(report))):
        name = corner_names.get(corner_id, corner_id.replace("-", " ").capitalize())
        rating = ratings.get(corner_id, {"question": None, "rating": None, "rating_label": None, "level": None})
        described = report.get(corner_id, {})
        importance = described.get("importance", "not-stated")
        expected = IMPORTANCE_LEVEL.get(importance)
        comparison = None
        if rating["level"] is not None and expected is not None:
            gap = rating["level"] - expected
            if gap <= -0.5:
                comparison = "weaker than the report's account of this phase suggests"
            elif gap >= 0.5:
                comparison = "stronger than the report's account of this phase suggests"
            else:
                comparison = "in line with the report's account of this phase"
        corners.append(
            {
                "corner": corner_id,
                "name": name,
                **rating,
                "report_importance": importance,
                "report_level": expected,
                "report_explanation": described.get("explanation"),
                "report_source": described.get("source"),
                "comparison": comparison,
            }
        )
        lines_team.append(f"{name.lower()} {rating['rating_label'].lower() if rating['rating_label'] else 'not rated'}")
        lines_report.append(f"{name.lower()} {importance.replace('-', ' ')}")
    description = (
        (
            "Your strategic triangle: " + ", ".join(lines_team) + ". "
            f"The report's account of the {phase['name']} phase: " + ", ".join(lines_report) + "."
        )
        if corners
        else "No strategic-triangle corners were rated or described."
    )
    return {
        "phase": phase["id"],
        "corners": corners,
        "relationships": account.get("key_relationships", []),
        "main_risk": account.get("main_risk"),
        "source": account.get("source"),
        "description": description,
    }


def _phase_parts(data: dict, phase: dict) -> dict:
    phases = _phase_index(data)
    progression = phase.get("progression")
    if progression:
        to_phase = progression.get("to_phase")
        progression = {
            "to_phase": to_phase,
            "to_phase_name": phases[to_phase]["name"] if to_phase in phases else None,
            "requirements": list(progression["requirements"]),
            "source": progression["source"],
            "note": progression.get("note"),
        }
    pitfalls = phase.get("pitfalls")
    pitfall_items = [{"text": text, "source": pitfalls["source"]} for text in pitfalls["items"]] if pitfalls else []
    step_three = phase.get("step_three") or {}
    questions = [
        {"question": item["question"], "bullets": [bullet["text"] for bullet in item.get("bullets", [])], "source": step_three.get("source")}
        for item in step_three.get("questions", [])
    ]
    cases = [
        {
            "id": case["id"],
            "title": case["title"],
            "place": case.get("place"),
            "explanation": case.get("explanation"),
            "source": case.get("source"),
            "note": case.get("note"),
        }
        for case in data.get("case_studies", [])
        if case["phase"] == phase["id"]
    ]
    notes = [text for text in (phase.get("table_a2_note"),) if text]
    return {"progression": progression, "pitfalls": pitfall_items, "questions": questions, "similar_cases": cases, "notes": notes}


def _action_plan(data: dict, result: dict, disagreements: list | None = None) -> list[dict]:
    phases = _phase_index(data)
    questions = _question_index(data)
    name = result["phase_name"]
    plan = []
    confidence = result["confidence"]
    if confidence["level"] == "low" or disagreements:
        if disagreements:
            topics = "; ".join(questions[d["question"]]["text"].rstrip(".") for d in disagreements[:3])
            text = f"Your team rated some statements very differently. Talk these through before acting: {topics}."
        else:
            others = sorted({p for item in confidence["pointing_elsewhere"] for p in item["points_to"]}, key=lambda p: phases[p]["number"])
            text = (
                f"The answers do not agree on one phase: besides {name}, some point to "
                + ", ".join(phases[p]["name"] for p in others)
                + ". Check those statements with colleagues before relying on the result."
            )
        plan.append({"step": "discuss", "title": "Settle where you really are", "text": text, "source": "Appendix A, Step One"})
    progression = result["progression"]
    if progression and progression["to_phase"]:
        plan.append(
            {
                "step": "progress",
                "title": f"Prepare the move to {progression['to_phase_name']}",
                "text": " ".join(progression["requirements"]),
                "source": progression["source"],
            }
        )
    elif progression:
        plan.append(
            {"step": "sustain", "title": "Keep innovation central", "text": " ".join(progression["requirements"]), "source": progression["source"]}
        )
    if result["pitfalls"]:
        plan.append(
            {
                "step": "guard",
                "title": "Guard against what makes innovation fail at this phase",
                "text": " ".join(item["text"] for item in result["pitfalls"]),
                "source": result["pitfalls"][0]["source"],
            }
        )
    weakest = [c for c in result["triangle"]["corners"] if c["comparison"] and c["comparison"].startswith("weaker")]
    if weakest:
        corner = min(weakest, key=lambda c: c["level"] - c["report_level"])
        explanation = corner["report_explanation"] or ""
        plan.append(
            {
                "step": "strengthen",
                "title": f"Strengthen {corner['name'].lower()}",
                "text": f"You rated {corner['name'].lower()} {corner['rating_label'].lower()}; "
                f"the report's account of {name} rates its importance {corner['report_importance'].replace('-', ' ')}. {explanation}".strip(),
                "source": corner["report_source"] or result["triangle"]["source"],
            }
        )
    if result["questions"]:
        plan.append(
            {
                "step": "ask",
                "title": f"Ask the Step Three questions for {name}",
                "text": " ".join(q["question"] for q in result["questions"]),
                "source": result["questions"][0]["source"],
            }
        )
    if result["similar_cases"]:
        plan.append(
            {
                "step": "learn",
                "title": "Learn from places the report puts in the same phase",
                "text": "Read " + ", ".join(c["title"] for c in result["similar_cases"]) + ".",
                "source": "; ".join(dict.fromkeys(c["source"] for c in result["similar_cases"] if c["source"])),
            }
        )
    unknown = [q for q in _questions(data) if result["answers"].get(q["id"]) is None]
    if unknown:
        listed = "; ".join(q["text"].rstrip(".") for q in unknown[:5])
        more = f" (and {len(unknown) - 5} more)" if len(unknown) > 5 else ""
        plan.append(
            {
                "step": "find-out",
                "title": "Fill the gaps in what you know",
                "text": f'You answered "don\'t know" to {len(unknown)} question(s): {listed}{more}.',
                "source": "Appendix A, Step One",
            }
        )
    return plan


def _result(data: dict, values: dict, scored: dict, confidence: dict, disagreements=None) -> dict:
    phase = _phase_index(data)[scored["phase"]]
    result = {
        "questionnaire_version": data["questionnaire"]["version"],
        "phase": phase["id"],
        "phase_number": phase["number"],
        "phase_name": phase["name"],
        "phase_summary": phase.get("summary"),
        "ranking": scored["ranking"],
        "scores": scored["scores"],
        "confidence": confidence,
        "answered": scored["answered"],
        "dont_know": scored["dont_know"],
        "total_questions": scored["total_questions"],
        "answers": {q["id"]: values.get(q["id"]) for q in _questions(data)},
        "triangle": _triangle(data, phase, values),
    }
    result.update(_phase_parts(data, phase))
    result["action_plan"] = _action_plan(data, result, disagreements)
    return result


def _no_evidence() -> InputError:
    return InputError("no answer points to any phase: rate at least one statement above or below the neutral point")


def diagnose(data: dict, answers: dict) -> dict:
    """Diagnose one respondent's phase from ``answers`` (question id → rating or "dont-know").

    Returns a JSON-serialisable dict with ``phase``, ``phase_number``, ``phase_name``,
    ``scores`` (per phase: ``score`` from -1 to +1 and each answer's ``contributions``),
    ``ranking``, ``confidence`` (``value`` 0–1, ``level``, ``agreement``, ``coverage``,
    ``runner_up``, ``margin``, ``explanation``), ``triangle``, ``progression``,
    ``pitfalls``, ``questions`` (Step Three), ``similar_cases``, ``notes`` and
    ``action_plan``. Raises ``InputError`` for invalid answers or when no answer points
    to any phase.

    >>> result = diagnose(example_bundle(), {"pilots": 5, "spread": 2})
    >>> result["phase"], result["confidence"]["level"]
    ('mobilisation', 'high')
    """
    values = validate_answers(data, answers)
    scored = _score(data, values)
    if scored["phase"] is None:
        raise _no_evidence()
    value = scored["confidence"]["agreement"] * scored["confidence"]["coverage"]
    return _result(data, values, scored, _finish_confidence(data, scored, value))


def diagnose_team(data: dict, respondents: list) -> dict:
    """Diagnose a team: each respondent's phase, the aggregate, and where they disagree.

    ``respondents`` is a list of ``{"name", "role" (optional), "answers"}``. The aggregate
    scores the mean rating of each question over the respondents who rated it; its
    confidence is also multiplied by how far respondents agree with the aggregate phase
    (full credit for the same phase, the adjacent credit for a neighbouring one). The
    result is ``diagnose``'s plus ``team``: ``respondents`` (name, role, phase,
    confidence), ``phase_counts``, ``consensus`` and ``disagreements`` (questions whose
    ratings lie at least the configured threshold apart, widest first).
    """
    checked = validate_respondents(data, respondents)
    phases = _phase_index(data)
    scoring = data["questionnaire"]["scoring"]
    members = []
    for respondent in checked:
        scored = _score(data, respondent["answers"])
        entry = {
            "name": respondent["name"],
            "role": respondent["role"],
            "phase": scored["phase"],
            "phase_number": phases[scored["phase"]]["number"] if scored["phase"] else None,
            "phase_name": phases[scored["phase"]]["name"] if scored["phase"] else None,
            "confidence": None,
            "answered": scored["answered"],
        }
        if scored["phase"]:
            entry["confidence"] = round(scored["confidence"]["agreement"] * scored["confidence"]["coverage"], 2)
        members.append(entry)

    averages = {}
    disagreements = []
    threshold = scoring["team_disagreement_threshold"]
    for question in _questions(data):
        given = [(r["name"], r["answers"].get(question["id"])) for r in checked]
        known = [value for _, value in given if value is not None]
        averages[question["id"]] = sum(known) / len(known) if known else None
        if len(known) >= 2 and max(known) - min(known) >= threshold:
            scale = _scale(data, question)
            disagreements.append(
                {
                    "question": question["id"],
                    "text": question["text"],
                    "spread": max(known) - min(known),
                    "answers": [{"name": name, "answer": value, "answer_label": _label(scale, value)} for name, value in given],
                }
            )
    disagreements.sort(key=lambda d: -d["spread"])

    scored = _score(data, averages)
    if scored["phase"] is None:
        raise _no_evidence()
    winner = phases[scored["phase"]]["number"]
    placed = [m for m in members if m["phase"]]
    shares = [1.0 if m["phase_number"] == winner else scoring["adjacent_credit"] if abs(m["phase_number"] - winner) == 1 else 0.0 for m in placed]
    consensus = sum(shares) / len(shares) if shares else 0.0
    value = scored["confidence"]["agreement"] * scored["confidence"]["coverage"] * consensus
    confidence = _finish_confidence(data, scored, value, {"consensus": round(consensus, 4)})
    confidence["explanation"] += (
        f" {sum(1 for m in placed if m['phase_number'] == winner)} of {len(checked)} respondents place the service in "
        f"{phases[scored['phase']]['name']} on their own answers."
    )
    result = _result(data, averages, scored, confidence, disagreements)
    counts = {phase["id"]: sum(1 for m in members if m["phase"] == phase["id"]) for phase in _phases(data)}
    result["team"] = {
        "respondents": members,
        "phase_counts": counts,
        "consensus": round(consensus, 4),
        "disagreements": disagreements,
        "disagreement_threshold": threshold,
    }
    return result


# ---------------------------------------------------------------- URL fragment


def _fragment_pairs(answers: dict) -> str:
    pairs = []
    for question_id in sorted(answers):
        value = answers[question_id]
        pairs.append(f"{question_id}={'x' if value is None or value == DONT_KNOW else value}")
    return ",".join(pairs)


def encode_fragment(answers: dict) -> str:
    """Encode one respondent's answers for the URL fragment (``#…``), which browsers never send.

    Format ``v1:`` followed by ``id=value`` pairs sorted by id and joined by commas; ``x``
    stands for "don't know". Ids are slugs, values digits, so nothing needs escaping.

    >>> encode_fragment({"spread": None, "pilots": 4})
    'v1:pilots=4,spread=x'
    """
    return f"{FRAGMENT_VERSION}:{_fragment_pairs(answers)}"


def _decode_pairs(data: dict, text: str, offset: int) -> dict:
    """Parse ``id=value,…`` starting at character ``offset`` (1-based) of the fragment."""
    index = _question_index(data)
    answers: dict = {}
    position = offset
    if text == "":
        return answers
    for pair in text.split(","):
        where = f"URL fragment, character {position}"
        question_id, sep, raw = pair.partition("=")
        if not sep:
            raise InputError(f"{where}: expected 'question-id=value', found {_short(pair)}")
        if question_id not in index:
            close = difflib.get_close_matches(question_id, list(index), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise InputError(f"{where}: unknown question id {_short(question_id)}{hint}")
        if question_id in answers:
            raise InputError(f"{where}: question '{question_id}' appears twice")
        value_position = position + len(question_id) + 1
        if raw == "x":
            answers[question_id] = None
        elif raw.isdigit() and raw.isascii() and len(raw) <= 3:
            try:
                answers[question_id] = _normalise_value(data, index[question_id], int(raw))
            except InputError as error:
                raise InputError(f"URL fragment, character {value_position}: {error}") from None
        else:
            low, high = _scale_bounds(_scale(data, index[question_id]))
            raise InputError(
                f"URL fragment, character {value_position}: value for '{question_id}' must be "
                f"a digit from {low} to {high} or 'x' (don't know), found {_short(raw)}"
            )
        position += len(pair) + 1
    return answers


def _strip_fragment(fragment) -> str:
    if not isinstance(fragment, str):
        raise InputError(f"URL fragment must be text, got {type(fragment).__name__}")
    if len(fragment) > MAX_FRAGMENT_LENGTH:
        raise InputError(f"URL fragment is too long ({len(fragment)} characters; at most {MAX_FRAGMENT_LENGTH})")
    return fragment[1:] if fragment.startswith("#") else fragment


def _check_characters(text: str, offset: int) -> None:
    for number, character in enumerate(text, start=offset):
        if not (character.isascii() and character.isprintable()) or character in " #":
            raise InputError(f"URL fragment, character {number}: unexpected character {character!r}")


def decode_fragment(data: dict, fragment: str) -> dict:
    """Decode ``encode_fragment``'s output (with or without the leading ``#``) into answers.

    Raises ``InputError`` naming the character position for anything malformed: a missing
    or unknown version, a pair without ``=``, an unknown or repeated question id, a value
    that is not a digit on the question's scale or ``x``.

    >>> decode_fragment(example_bundle(), "#v1:pilots=4,spread=x")
    {'pilots': 4, 'spread': None}
    """
    text = _strip_fragment(fragment)
    skipped = len(fragment) - len(text)
    _check_characters(text, 1 + skipped)
    version, sep, body = text.partition(":")
    if not sep or version != FRAGMENT_VERSION:
        if version == TEAM_FRAGMENT_VERSION:
            raise InputError("URL fragment, character 1: this link holds a team's answers; open it in team mode")
        raise InputError(f"URL fragment, character {1 + skipped}: expected it to start with '{FRAGMENT_VERSION}:', found {_short(text[:8])}")
    return _decode_pairs(data, body, 1 + skipped + len(version) + 1)


def encode_team_fragment(respondents: list) -> str:
    """Encode a team for the URL fragment: ``t1:`` then respondents joined by ``;``.

    Each respondent is ``name*role*pairs`` with name and role percent-encoded (so neither
    ``*`` nor ``;`` can occur in them) and pairs as in ``encode_fragment``.

    >>> encode_team_fragment([{"name": "Ann Lee", "role": "lead", "answers": {"pilots": 5}}])
    't1:Ann%20Lee*lead*pilots=5'
    """
    parts = []
    for respondent in respondents:
        name = quote(str(respondent["name"]), safe="")
        role = quote(str(respondent.get("role") or ""), safe="")
        parts.append(f"{name}*{role}*{_fragment_pairs(respondent['answers'])}")
    return f"{TEAM_FRAGMENT_VERSION}:" + ";".join(parts)


def decode_team_fragment(data: dict, fragment: str) -> list:
    """Decode ``encode_team_fragment``'s output into a list of respondents (validated)."""
    text = _strip_fragment(fragment)
    skipped = len(fragment) - len(text)
    _check_characters(text, 1 + skipped)
    version, sep, body = text.partition(":")
    if not sep or version != TEAM_FRAGMENT_VERSION:
        raise InputError(f"URL fragment, character {1 + skipped}: expected it to start with '{TEAM_FRAGMENT_VERSION}:', found {_short(text[:8])}")
    position = 1 + skipped + len(version) + 1
    if body == "":
        raise InputError(f"URL fragment, character {position}: the team has no respondents")
    respondents = []
    chunks = body.split(";")
    if len(chunks) > MAX_RESPONDENTS:
        raise InputError(f"URL fragment: too many respondents ({len(chunks)}); at most {MAX_RESPONDENTS}")
    for chunk in chunks:
        fields = chunk.split("*")
        if len(fields) != 3:
            raise InputError(f"URL fragment, character {position}: expected 'name*role*answers' for a respondent, found {len(fields)} part(s)")
        raw_name, raw_role, pairs = fields
        try:
            name = unquote(raw_name, errors="strict")
            role = unquote(raw_role, errors="strict")
        except UnicodeDecodeError:
            raise InputError(f"URL fragment, character {position}: the name or role is not valid percent-encoded UTF-8") from None
        if not name.strip():
            raise InputError(f"URL fragment, character {position}: a respondent has no name")
        answers = _decode_pairs(data, pairs, position + len(raw_name) + len(raw_role) + 2)
        respondents.append({"name": name, "role": role or None, "answers": answers})
        position += len(chunk) + 1
    try:
        validate_respondents(data, respondents)
    except InputError as error:
        raise InputError(f"URL fragment: {error}") from None
    return respondents


# ---------------------------------------------------------------- triangle drawing


def triangle_svg(triangle: dict, size: int = 240) -> str:
    """Draw the team's triangle (solid) over the report's account of the phase (dashed).

    Each corner sits on a spoke from the centre; its distance is the rating (team) or our
    size for the report's importance label. Corners without a value sit at the centre. The
    SVG carries ``role="img"``, a ``<title>`` and a ``<desc>`` with the text alternative.
    """
    centre_x, centre_y, radius = size / 2, size / 2 + 10, size * 0.36
    spokes = [(0.0, -1.0), (-0.866, 0.5), (0.866, 0.5)]
    corners = triangle["corners"][:3]

    def points(key: str) -> str:
        coordinates = []
        for (dx, dy), corner in zip(spokes, corners, strict=False):
            level = corner.get(key) or 0.0
            coordinates.append(f"{centre_x + dx * radius * level:.1f},{centre_y + dy * radius * level:.1f}")
        return " ".join(coordinates)

    def escape(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")

    outline = " ".join(f"{centre_x + dx * radius:.1f},{centre_y + dy * radius:.1f}" for dx, dy in spokes)
    labels = []
    for (dx, dy), corner in zip(spokes, corners, strict=False):
        x, y = centre_x + dx * (radius + 14), centre_y + dy * (radius + 14) + 4
        anchor = "middle" if dx == 0 else ("end" if dx < 0 else "start")
        labels.append(f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="11">{escape(corner["name"])}</text>')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-40 0 {size + 80} {size}" role="img" '
        f'aria-labelledby="triangle-title triangle-desc">'
        f'<title id="triangle-title">Strategic triangle: your ratings and the report\'s account</title>'
        f'<desc id="triangle-desc">{escape(triangle["description"])}</desc>'
        f'<polygon points="{outline}" fill="none" stroke="currentColor" stroke-opacity="0.25"/>'
        f'<polygon class="report" points="{points("report_level")}" fill="none" stroke="currentColor" stroke-dasharray="4 3"/>'
        f'<polygon class="team" points="{points("level")}" fill="currentColor" fill-opacity="0.2" stroke="currentColor" stroke-width="2"/>'
        + "".join(labels)
        + "</svg>"
    )


# ---------------------------------------------------------------- Markdown export


def _cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def to_markdown(result: dict) -> str:
    """Render a ``diagnose`` or ``diagnose_team`` result as Markdown for keeping or sharing."""
    confidence = result["confidence"]
    lines = [
        "# Where are we in the innovation lifecycle?",
        "",
        f"**Most likely phase:** {result['phase_name']} (phase {result['phase_number']})  ",
        f"**Confidence:** {confidence['level']} ({confidence['value']:.2f})  ",
        f"**Questions answered:** {result['answered']} of {result['total_questions']}",
        "",
        confidence["explanation"],
        "",
    ]
    if result.get("phase_summary"):
        lines += [result["phase_summary"], ""]
    lines += ["## Score per phase", "", "| Phase | Score (−1 to +1) |", "|---|---|"]
    for phase_id, score in sorted(result["scores"].items(), key=lambda item: item[1]["number"]):
        marker = " **(result)**" if phase_id == result["phase"] else ""
        lines.append(f"| {score['number']}. {_cell(score['name'])}{marker} | {score['score']:+.2f} |")
    winner = result["scores"][result["phase"]]
    lines += [
        "",
        f"### How each answer counted towards {result['phase_name']}",
        "",
        "| Question | Answer | Weight | Contribution |",
        "|---|---|---|---|",
    ]
    for item in winner["contributions"]:
        lines.append(f"| {item['question']} | {_cell(item['answer_label'])} | {item['weight']:+d} | {item['contribution']:+.2f} |")
    triangle = result["triangle"]
    lines += [
        "",
        "## Strategic triangle",
        "",
        triangle["description"],
        "",
        "| Corner | Your rating | Report's account of this phase | Comparison |",
        "|---|---|---|---|",
    ]
    for corner in triangle["corners"]:
        lines.append(
            f"| {_cell(corner['name'])} | {_cell(corner['rating_label'] or 'not rated')} | "
            f"{_cell(corner['report_importance'].replace('-', ' '))} | {_cell(corner['comparison'] or '—')} |"
        )
    if "team" in result:
        team = result["team"]
        lines += ["", "## Team", "", "| Respondent | Role | Phase | Confidence |", "|---|---|---|---|"]
        for member in team["respondents"]:
            confidence_text = f"{member['confidence']:.2f}" if member["confidence"] is not None else "—"
            lines.append(
                f"| {_cell(member['name'])} | {_cell(member['role'] or '—')} | "
                f"{_cell(member['phase_name'] or 'no clear phase')} | {confidence_text} |"
            )
        if team["disagreements"]:
            lines += ["", "### Where you disagree most", ""]
            for item in team["disagreements"]:
                given = ", ".join(f"{a['name']}: {a['answer_label']}" for a in item["answers"])
                lines.append(f"- {item['text']} — {given}")
    if result["progression"]:
        progression = result["progression"]
        heading = f"To move on to {progression['to_phase_name']}" if progression["to_phase"] else "Staying at this phase"
        lines += ["", f"## {heading} ({progression['source']})", ""] + [f"- {text}" for text in progression["requirements"]]
    if result["pitfalls"]:
        lines += ["", f"## What makes innovation fail at this phase ({result['pitfalls'][0]['source']})", ""]
        lines += [f"- {item['text']}" for item in result["pitfalls"]]
    for note in result["notes"]:
        lines += ["", f"> {note}"]
    if result["questions"]:
        lines += ["", f"## Questions to ask now ({result['questions'][0]['source']})", ""]
        for item in result["questions"]:
            lines.append(f"- **{item['question']}**")
            lines += [f"  - {bullet}" for bullet in item["bullets"]]
    if result["similar_cases"]:
        lines += ["", "## Places like you", ""]
        lines += [f"- {case['title']}" + (f" — {case['explanation']}" if case.get("explanation") else "") for case in result["similar_cases"]]
    lines += ["", "## Action plan", ""]
    for number, action in enumerate(result["action_plan"], start=1):
        lines.append(f"{number}. **{action['title']}.** {action['text']} ({action['source']})")
    lines += [
        "",
        "Scoring rule and limits: see the methods page for the diagnostic. Source: Transformers (NESTA / Young Foundation, 2008), Appendix A.",
        "",
    ]
    return "\n".join(lines)


# ---------------------------------------------------------------- example


def example_bundle() -> dict:
    """A minimal bundle with two questions, for doctests and as a shape reference."""
    phase_names = ["Latent", "Design and discover", "Mobilisation", "Mainstreaming", "Embedding"]
    slugs = ["latent", "design-and-discovery", "mobilisation", "mainstreaming", "embedding"]
    agreement = {"points": [{"value": v, "label": str(v)} for v in range(1, 6)], "dont_know": "Don't know"}
    return json.loads(
        json.dumps(
            {
                "format": 1,
                "questionnaire": {
                    "version": 1,
                    "title": "Example",
                    "introduction": [],
                    "source": "Appendix A, Step One",
                    "scales": {"agreement": agreement},
                    "scoring": {
                        "adjacent_credit": 0.5,
                        "team_disagreement_threshold": 2,
                        "confidence_levels": [
                            {"level": "high", "minimum": 0.7, "meaning": "Clear."},
                            {"level": "low", "minimum": 0, "meaning": "Unclear."},
                        ],
                        "source": "Appendix A, Step One",
                    },
                    "sections": [{"id": "example", "title": "Example", "source": "Table A1"}],
                    "questions": [
                        {
                            "id": "pilots",
                            "section": "example",
                            "text": "We are piloting one chosen approach.",
                            "scale": "agreement",
                            "describes": "mobilisation",
                            "source": "§5.1",
                            "basis": "",
                            "weights": dict(zip(slugs, [-2, -1, 2, 1, 0], strict=True)),
                        },
                        {
                            "id": "spread",
                            "section": "example",
                            "text": "Other services have taken up our approach.",
                            "scale": "agreement",
                            "describes": "embedding",
                            "source": "§5.1",
                            "basis": "",
                            "weights": dict(zip(slugs, [-2, -2, -2, -1, 2], strict=True)),
                        },
                    ],
                },
                "phases": [
                    {
                        "id": slug,
                        "number": number,
                        "name": name,
                        "summary": None,
                        "progression": None,
                        "pitfalls": None,
                        "triangle": None,
                        "step_three": None,
                    }
                    for number, (slug, name) in enumerate(zip(slugs, phase_names, strict=True))
                ],
                "corners": [],
                "case_studies": [],
            }
        )
    )
