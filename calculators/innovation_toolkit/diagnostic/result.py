"""One respondent's result: what the answers support, the strategic triangle, the report's advice and an action plan."""

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
from innovation_toolkit.diagnostic.scoring import _confidence_for_verdict, _finish_confidence, _score
from innovation_toolkit.diagnostic.verdict import _clearer_answer, _verdict
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


def _count(number: int, noun: str) -> str:
    """``3 statements``, ``1 statement``.

    >>> _count(1, "pitfall"), _count(3, "Step Three question")
    ('1 pitfall', '3 Step Three questions')
    """
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _comparison(data: dict, level: float | None, expected: float | None) -> tuple[float | None, str | None]:
    """Compare a corner's rating (0 lowest to 1 highest) with the size drawn for the report's account.

    A gap of ``triangle_gap`` or more either way (0.25, one point on a five-point scale) is
    weaker or stronger; anything closer is in line.

    >>> from innovation_toolkit.diagnostic.bundle import example_bundle
    >>> [_comparison(example_bundle(), level, 0.75)[1].split()[0] for level in (0.25, 0.5, 0.75, 1.0)]
    ['weaker', 'weaker', 'in', 'stronger']
    """
    if level is None or expected is None:
        return None, None
    threshold = data["questionnaire"]["scoring"]["triangle_gap"]
    gap = round(level - expected, 4)
    if gap <= -threshold:
        return gap, "weaker than the report's account of this phase suggests"
    if gap >= threshold:
        return gap, "stronger than the report's account of this phase suggests"
    return gap, "in line with the report's account of this phase"


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
        gap, comparison = _comparison(data, rating["level"], expected)
        corners.append(
            {
                "corner": corner_id,
                "name": name,
                **rating,
                "report_importance": importance,
                "report_level": expected,
                "report_explanation": described.get("explanation"),
                "report_source": described.get("source"),
                "gap": gap,
                "comparison": comparison,
            }
        )
        lines_team.append(f"{name.lower()} {rating['rating_label'].lower() if rating['rating_label'] else 'not rated'}")
        lines_report.append(f"{name.lower()} {importance.replace('-', ' ')}")
    description = (
        (
            "Your strategic triangle: " + ", ".join(lines_team) + ". "
            f"Our reading of the report's account of the {phase['name']} phase (§5.3): " + ", ".join(lines_report) + "."
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
        "reading": data.get("triangle_reading"),
    }


def _bullet(bullet: dict) -> str:
    """A Step Three bullet as one line, with any list it introduces ("They include: …") run in."""
    return " ".join([bullet["text"], *bullet.get("includes", [])])


def _similar_cases(data: dict, phase: dict) -> list[dict]:
    """Every case study the report places in ``phase`` (§5.1) or uses as an example of it (§5.1, §5.3)."""
    cases = {case["id"]: case for case in data.get("case_studies", [])}
    found = []
    for case in data.get("case_studies", []):
        if case["phase"] == phase["id"]:
            found.append(
                {
                    "id": case["id"],
                    "title": case["title"],
                    "place": case.get("place"),
                    "kind": "placement",
                    "explanation": case.get("explanation"),
                    "source": case.get("source"),
                    "note": case.get("note"),
                }
            )
    placed = {case["id"] for case in found}
    for example in phase.get("case_study_examples") or []:
        case = cases.get(example["case_study"])
        if case is None or case["id"] in placed:
            continue
        placed.add(case["id"])
        found.append(
            {
                "id": case["id"],
                "title": case["title"],
                "place": case.get("place"),
                "kind": "example",
                "explanation": example["text"],
                "source": example["source"],
                "note": example.get("note"),
            }
        )
    return found


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
        {"question": item["question"], "bullets": [_bullet(bullet) for bullet in item.get("bullets", [])], "source": step_three.get("source")}
        for item in step_three.get("questions", [])
    ]
    notes = [text for text in (phase.get("table_a2_note"),) if text]
    return {
        "progression": progression,
        "pitfalls": pitfall_items,
        "questions": questions,
        "similar_cases": _similar_cases(data, phase),
        "notes": notes,
    }


def _candidate(data: dict, phase: dict) -> dict:
    parts = _phase_parts(data, phase)
    return {
        "phase": phase["id"],
        "phase_name": phase["name"],
        "phase_number": phase["number"],
        **{key: parts[key] for key in ("progression", "pitfalls", "questions", "similar_cases")},
    }


def _sources(*sources) -> str:
    return "; ".join(dict.fromkeys(source for source in sources if source))


def _advice_reference(candidates: list[dict]) -> dict | None:
    """One step pointing back to the advice shown above (progression, pitfalls, Step Three), without repeating it."""
    parts, sources = [], []
    for candidate in candidates:
        counted = []
        progression = candidate["progression"]
        if progression:
            heading = f"moving on to {progression['to_phase_name']}" if progression["to_phase"] else "staying at this phase"
            counted.append(_count(len(progression["requirements"]), "point") + f" on {heading}")
            sources.append(progression["source"])
        if candidate["pitfalls"]:
            counted.append(_count(len(candidate["pitfalls"]), "pitfall"))
            sources.append(candidate["pitfalls"][0]["source"])
        if candidate["questions"]:
            counted.append(_count(len(candidate["questions"]), "Step Three question"))
            sources.append(candidate["questions"][0]["source"])
        if counted:
            parts.append(f"for {candidate['phase_name']}: " + ", ".join(counted))
    if not parts:
        return None
    return {
        "step": "work-through",
        "title": "Turn the advice above into tasks",
        "text": "Take the advice shown above (" + "; ".join(parts) + ") to a team meeting, mark what already holds for you, "
        "and give each open point an owner and a date.",
        "source": _sources(*sources),
    }


def _action_plan(data: dict, result: dict, disagreements: list | None = None) -> list[dict]:
    """Steps that add to what the result already shows: settle disagreements, strengthen the weakest
    corner, turn the advice above into tasks, and find out what was answered "don't know".

    When the verdict is "no clear phase" the phase-specific steps are left out: the result's
    ``clearer_answer`` says what to do instead.
    """
    phases = _phase_index(data)
    questions = _question_index(data)
    name = result["phase_name"]
    kind = result["verdict"]["kind"]
    plan = []
    confidence = result["confidence"]
    if disagreements:
        # The team view lists these statements in full; the step points to them and names the first.
        first = questions[disagreements[0]["question"]]["text"].rstrip(".")
        plan.append(
            {
                "step": "discuss",
                "title": "Settle where you really are",
                "text": f"Your team rated {_count(len(disagreements), 'statement')} very differently. Talk them through before acting, "
                f'starting with "{first}", and agree which service everyone was answering for.',
                "source": "Appendix A, Step One",
            }
        )
    elif kind != "unclear" and confidence["level"] == "low":
        others = sorted({p for item in confidence["pointing_elsewhere"] for p in item["points_to"]}, key=lambda p: phases[p]["number"])
        if others:
            text = (
                f"The answers do not agree on one phase: besides {name}, some point to "
                + ", ".join(phases[p]["name"] for p in others)
                + ". Check those statements with colleagues before relying on the result."
            )
        else:
            text = f"The result for {name} rests on few answers. Answer the rest with colleagues before relying on it."
        plan.append({"step": "discuss", "title": "Settle where you really are", "text": text, "source": "Appendix A, Step One"})
    if kind == "unclear":
        return plan
    weakest = [c for c in result["triangle"]["corners"] if c["comparison"] and c["comparison"].startswith("weaker")]
    if weakest:
        corner = min(weakest, key=lambda c: c["gap"])
        explanation = corner["report_explanation"] or ""
        plan.append(
            {
                "step": "strengthen",
                "title": f"Strengthen {corner['name'].lower()}",
                "text": f"You rated {corner['name'].lower()} {corner['rating_label'].lower()}; in our reading of the report's account "
                f"of {name} (§5.3) its importance is {corner['report_importance'].replace('-', ' ')}. {explanation}".strip(),
                "source": corner["report_source"] or result["triangle"]["source"],
            }
        )
    reference = _advice_reference(result["candidates"])
    if reference:
        plan.append(reference)
    unknown = [q for q in _questions(data) if result["answers"].get(q["id"]) is None]
    if unknown:
        listed = "; ".join(q["text"].rstrip(".") for q in unknown[:5])
        more = f" (and {len(unknown) - 5} more)" if len(unknown) > 5 else ""
        plan.append(
            {
                "step": "find-out",
                "title": "Fill the gaps in what you know",
                "text": f'You answered "don\'t know" to {_count(len(unknown), "question")}: {listed}{more}.',
                "source": "Appendix A, Step One",
            }
        )
    return plan


def _first(items: list, more: str) -> str:
    return items[0] + (f" (and {len(items) - 1} {more} below)" if len(items) > 1 else "")


def _next_actions(result: dict, clearer_tips: list[dict]) -> list[dict]:
    """The three most useful next actions for the verdict, for the one-screen summary.

    No clear phase: the first steps towards a clearer answer. Clear or between: settling a
    disagreement first if there is one, then the move to the next phase, the weakest corner
    (clear only), the main pitfall and the first Step Three question, of both phases when
    the result is between two.
    """
    kind = result["verdict"]["kind"]
    if kind == "unclear":
        return clearer_tips[:3]
    actions = [{key: step[key] for key in ("title", "text", "source")} for step in result["action_plan"] if step["step"] == "discuss"]
    candidates = result["candidates"]
    progression = candidates[0]["progression"]
    if progression:
        title = f"Prepare the move to {progression['to_phase_name']}" if progression["to_phase"] else "Keep innovation central"
        actions.append({"title": title, "text": _first(progression["requirements"], "more"), "source": progression["source"]})
    if kind == "clear":
        actions += [{key: step[key] for key in ("title", "text", "source")} for step in result["action_plan"] if step["step"] == "strengthen"]
    pitfalls = [(c["phase_name"], c["pitfalls"]) for c in candidates if c["pitfalls"]]
    if pitfalls:
        actions.append(
            {
                "title": "Guard against the main pitfall" + ("s of both phases" if len(pitfalls) > 1 else ""),
                "text": " ".join(
                    (f"{phase}: " if len(pitfalls) > 1 else "") + _first([i["text"] for i in items], "more") for phase, items in pitfalls
                ),
                "source": pitfalls[0][1][0]["source"],
            }
        )
    asked = [(c["phase_name"], c["questions"]) for c in candidates if c["questions"]]
    if asked:
        actions.append(
            {
                "title": "Start with the first Step Three question" + (" for each phase" if len(asked) > 1 else ""),
                "text": " ".join((f"{phase}: " if len(asked) > 1 else "") + _first([q["question"] for q in items], "more") for phase, items in asked),
                "source": asked[0][1][0]["source"],
            }
        )
    return actions[:3]


def _result(data: dict, values: dict, scored: dict, confidence: dict, disagreements=None) -> dict:
    """Assemble a result; ``disagreements`` is a list (maybe empty) in team mode and None for one respondent."""
    phases = _phase_index(data)
    phase = phases[scored["phase"]]
    verdict = _verdict(data, scored, confidence)
    confidence = _confidence_for_verdict(data, confidence, verdict["kind"])
    if confidence["uncapped_value"] is not None:
        confidence["explanation"] += (
            f" Confidence is held at {confidence['level']} because the answers do not support a clear phase."
            if verdict["kind"] == "unclear"
            else f" Confidence is held at {confidence['level']} because the answers sit between two phases."
        )
    result = {
        "questionnaire_version": data["questionnaire"]["version"],
        "phase": phase["id"],
        "phase_number": phase["number"],
        "phase_name": phase["name"],
        "phase_summary": phase.get("summary"),
        "verdict": {key: verdict[key] for key in ("kind", "phases", "headline", "reason", "rule")},
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
    result["candidates"] = [] if verdict["kind"] == "unclear" else [_candidate(data, phases[p]) for p in verdict["phases"]]
    tips = _clearer_answer(data, values, scored, confidence, verdict, team=disagreements is not None)
    result["clearer_answer"] = [f"{tip['title']}: {tip['text']}" for tip in tips]
    result["action_plan"] = _action_plan(data, result, disagreements)
    result["summary"] = {
        "headline": verdict["headline"],
        "confidence": {"level": confidence["level"], "value": confidence["value"]},
        "next_actions": _next_actions(result, tips),
    }
    return result


def _no_evidence() -> InputError:
    return InputError("no answer points to any phase: rate at least one statement above or below the neutral point")


def diagnose(data: dict, answers: dict, record: dict | None = None) -> dict:
    """Diagnose one respondent's phase from ``answers`` (question id → rating or "dont-know").

    Returns a JSON-serialisable dict with ``verdict`` (``kind``: "clear", "between" or
    "unclear"; ``phases``, ``headline``, ``reason``, ``rule``, see ``_verdict``),
    ``candidates`` (per phase of a clear or between verdict: ``phase``, ``phase_name``,
    ``phase_number``, ``progression``, ``pitfalls``, ``questions``, ``similar_cases``),
    ``clearer_answer`` (tips when the verdict is unclear), ``summary`` (``headline``,
    ``confidence``, at most three ``next_actions``); ``phase``, ``phase_number``,
    ``phase_name`` (the leading phase, whatever the verdict), ``scores`` (per phase:
    ``score`` from -1 to +1 and each answer's ``contributions``), ``ranking``,
    ``confidence`` (``value`` 0–1, ``level``, ``agreement``, ``pair_agreement``,
    ``coverage``, ``runner_up``, ``margin``, ``explanation``, ``uncapped_value``), ``triangle``,
    and for the leading phase ``progression``, ``pitfalls``, ``questions`` (Step Three),
    ``similar_cases`` (placements and examples), ``notes``; ``action_plan``, and ``record``
    (``service``, ``date`` as given in ``record``, checked by ``validate_record``;
    ``respondents`` (names, team mode only) and ``respondent_count``). Raises
    ``InputError`` for invalid answers or when no answer points to any phase.

    >>> from innovation_toolkit.diagnostic.bundle import example_bundle
    >>> result = diagnose(example_bundle(), {"pilots": 5, "spread": 1})
    >>> result["verdict"]["headline"], result["confidence"]["level"]
    ('Mobilisation (phase 2)', 'high')
    >>> diagnose(example_bundle(), {"pilots": 5})["verdict"]["headline"]
    'No clear phase'
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
