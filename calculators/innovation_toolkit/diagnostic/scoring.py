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
