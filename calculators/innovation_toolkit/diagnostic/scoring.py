"""Scoring: ratings to per-phase scores, where each answer points, and the confidence in the winner."""

from __future__ import annotations

from typing import Any

from innovation_toolkit.diagnostic.bundle import _label, _phase_index, _phases, _questions, _scale, _scale_bounds


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
    answered = dont_know = leaning = 0
    # Positive signs of a phase: its own statements (the ones written to describe it) rated above neutral.
    own_agreed = {phase["id"]: 0 for phase in phases}
    own_statements = {phase["id"]: 0 for phase in phases}
    for question in _questions(data):
        if question["describes"] in own_statements:
            own_statements[question["describes"]] += 1
        value = values.get(question["id"])
        if value is None:
            dont_know += 1
            continue
        answered += 1
        scale = _scale(data, question)
        strength = _strength(scale, value)
        leaning += strength != 0
        if strength > 0 and question["describes"] in own_agreed:
            own_agreed[question["describes"]] += 1
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
    counts = {
        "answered": answered,
        "dont_know": dont_know,
        "leaning": leaning,
        "total_questions": total_questions,
        "own_agreed": own_agreed,
        "own_statements": own_statements,
    }
    if not evidence:
        return {"phase": None, "scores": scores, "ranking": [p["id"] for p in ranking], **counts, "confidence": None, "pointing": {}}
    winner = ranking[0]["id"]
    runner_up = ranking[1]["id"] if len(ranking) > 1 else None
    weighted = sum(size for _, size, _, _ in evidence)
    pointing = {phase["id"]: 0.0 for phase in phases}
    split = []
    for question_id, size, contributions, points_to in evidence:
        for phase_id in points_to:
            pointing[phase_id] += size / len(points_to)
        credit = _credit(contributions, points_to, [winner])
        if credit <= 0:
            split.append({"question": question_id, "points_to": points_to, "credit": round(credit, 4)})
    pointing = {phase_id: round(share / weighted, 4) for phase_id, share in pointing.items()}
    coverage = answered / total_questions
    confidence = {
        "agreement": round(_agreement(evidence, [winner]), 4),
        # The same measure for "winner or runner-up": how far the answers back the pair of leading phases.
        "pair_agreement": round(_agreement(evidence, [winner, runner_up] if runner_up else [winner]), 4),
        "coverage": round(coverage, 4),
        "runner_up": runner_up,
        "margin": round(scores[winner]["score"] - scores[runner_up]["score"], 4) if runner_up else None,
        "pointing_elsewhere": split,
    }
    return {"phase": winner, "scores": scores, "ranking": [p["id"] for p in ranking], **counts, "confidence": confidence, "pointing": pointing}


def _credit(contributions: dict, points_to: list, backed: list) -> float:
    """How far one answer backs the best of ``backed`` compared with the phase it backs most.

    1 when one of ``backed`` is its best fit, 0 when it says nothing about them, down to -1.
    """
    best = contributions[points_to[0]]
    return max(-1.0, max(contributions.get(phase_id, 0.0) for phase_id in backed) / best)


def _agreement(evidence: list, backed: list) -> float:
    """The |strength|-weighted mean credit of the leaning answers for ``backed``, floored at 0."""
    weighted = sum(size for _, size, _, _ in evidence)
    agreeing = sum(size * _credit(contributions, points_to, backed) for _, size, contributions, points_to in evidence)
    return max(0.0, agreeing / weighted)


def _bands(data: dict) -> list[dict]:
    return sorted(data["questionnaire"]["scoring"]["confidence_levels"], key=lambda b: -b["minimum"])


def _confidence_level(data: dict, value: float) -> dict:
    for band in _bands(data):
        if value >= band["minimum"]:
            return band
    return {"level": "low", "meaning": ""}


def _confidence_for_verdict(data: dict, confidence: dict, kind: str) -> dict:
    """Keep the confidence within the bands that a verdict of ``kind`` may reach.

    A band may list the ``verdicts`` it allows (no list: any). When the value reaches a band
    the verdict may not have, the level drops to the highest band it may have and the value
    is capped just below the band above it, so that level and value stay consistent; the
    value before capping is kept as ``uncapped_value``.
    """
    bands = _bands(data)
    reached = next((i for i, band in enumerate(bands) if confidence["value"] >= band["minimum"]), len(bands) - 1)
    allowed = next((i for i in range(reached, len(bands)) if kind in bands[i].get("verdicts", [kind])), len(bands) - 1)
    settled = dict(confidence, uncapped_value=None)
    if allowed != reached:
        settled["uncapped_value"] = confidence["value"]
        settled["value"] = round(min(confidence["value"], bands[allowed - 1]["minimum"] - 0.01), 2)
        settled["level"] = bands[allowed]["level"]
        settled["meaning"] = bands[allowed]["meaning"]
    return settled


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
