"""One respondent's result: the phase, its strategic triangle, the report's advice for it and an action plan."""

from __future__ import annotations

from innovation_toolkit.diagnostic.answers import validate_answers, validate_record
from innovation_toolkit.diagnostic.bundle import (
    _corner_names,
    _label,
    _phase_index,
    _question_index,
    _questions,
    _scale,
    _scale_bounds,
)
from innovation_toolkit.diagnostic.scoring import _finish_confidence, _score
from innovation_toolkit.errors import InputError

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


def diagnose(data: dict, answers: dict, record: dict | None = None) -> dict:
    """Diagnose one respondent's phase from ``answers`` (question id → rating or "dont-know").

    Returns a JSON-serialisable dict with ``phase``, ``phase_number``, ``phase_name``,
    ``scores`` (per phase: ``score`` from -1 to +1 and each answer's ``contributions``),
    ``ranking``, ``confidence`` (``value`` 0–1, ``level``, ``agreement``, ``coverage``,
    ``runner_up``, ``margin``, ``explanation``), ``triangle``, ``progression``,
    ``pitfalls``, ``questions`` (Step Three), ``similar_cases``, ``notes`` and
    ``action_plan``, and ``record`` (``service``, ``date`` as given in ``record``, checked
    by ``validate_record``; ``respondents`` (names, team mode only) and ``respondent_count``).
    Raises ``InputError`` for invalid answers or when no answer points
    to any phase.

    >>> from innovation_toolkit.diagnostic.bundle import example_bundle
    >>> result = diagnose(example_bundle(), {"pilots": 5, "spread": 2})
    >>> result["phase"], result["confidence"]["level"]
    ('mobilisation', 'high')
    """
    checked_record = validate_record(record)
    values = validate_answers(data, answers)
    scored = _score(data, values)
    if scored["phase"] is None:
        raise _no_evidence()
    value = scored["confidence"]["agreement"] * scored["confidence"]["coverage"]
    result = _result(data, values, scored, _finish_confidence(data, scored, value))
    result["record"] = {**checked_record, "respondents": None, "respondent_count": 1}
    return result
