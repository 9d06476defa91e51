"""Team mode: each respondent's phase, the team's phase from the mean ratings, and where they disagree."""

from __future__ import annotations

from innovation_toolkit.diagnostic.answers import validate_record, validate_respondents
from innovation_toolkit.diagnostic.bundle import _label, _phase_index, _phases, _questions, _scale
from innovation_toolkit.diagnostic.result import _no_evidence, _result
from innovation_toolkit.diagnostic.scoring import _finish_confidence, _score


def diagnose_team(data: dict, respondents: list, record: dict | None = None) -> dict:
    """Diagnose a team: each respondent's phase, the aggregate, and where they disagree.

    ``respondents`` is a list of ``{"name", "role" (optional), "answers"}``. The aggregate
    scores the mean rating of each question over the respondents who rated it; its
    confidence is also multiplied by how far respondents agree with the aggregate phase
    (full credit for the same phase, the adjacent credit for a neighbouring one). The
    result is ``diagnose``'s plus ``team``: ``respondents`` (name, role, phase,
    confidence), ``phase_counts``, ``consensus`` and ``disagreements`` (questions whose
    ratings lie at least the configured threshold apart, widest first).
    """
    checked_record = validate_record(record)
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
    result["record"] = {**checked_record, "respondents": [m["name"] for m in members], "respondent_count": len(members)}
    return result
