"""Team mode: each respondent's phase, the team's phase from the mean ratings, and where they disagree."""

from __future__ import annotations

from innovation_toolkit.diagnostic.answers import name_key, validate_record, validate_respondents
from innovation_toolkit.diagnostic.bundle import DONT_KNOW, _label, _phase_index, _phases, _questions, _scale, _scale_bounds
from innovation_toolkit.diagnostic.result import _no_evidence, _result
from innovation_toolkit.diagnostic.scoring import _finish_confidence, _score

#: Most statements in the "talk about these first" list.
TALK_FIRST = 5
#: People needed on each side of the neutral point for a statement to split the team into camps.
CAMP_SIZE = 2
#: How far (in scale points) an outlier's answer lies from the median of everyone else's,
#: who agree among themselves (their answers at most ``OUTLIER_REST_SPREAD`` apart).
OUTLIER_DISTANCE = 2
OUTLIER_REST_SPREAD = 1
#: How far (in phases) a respondent's own phase lies from the team's to be named as an outlier.
PHASE_OUTLIER_DISTANCE = 2
NO_ROLE = "no role given"


def _median(values: list) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _words(scale: dict) -> tuple[str, str, str]:
    """Short words for above, below and at the neutral point ("agree", "disagree", "neither")."""
    low, high = _scale_bounds(scale)
    middle = (low + high) / 2
    points = sorted(scale["points"], key=lambda point: point["value"])
    above = min((p for p in points if p["value"] > middle), key=lambda p: p["value"])["label"].lower()
    below = max((p for p in points if p["value"] < middle), key=lambda p: p["value"])["label"].lower()
    at = next((p["label"].lower() for p in points if p["value"] == middle), "neutral")
    return above, below, ("neither" if at.startswith("neither") else at)


def _count_text(count: int, text: str) -> str:
    return f"{count} {text}"


def _statement(data: dict, question: dict, checked: list) -> dict:
    scale = _scale(data, question)
    low, high = _scale_bounds(scale)
    middle = (low + high) / 2
    given = [(person, person["answers"].get(question["id"])) for person in checked]
    known = [value for _, value in given if value is not None]
    counts = {str(point["value"]): 0 for point in sorted(scale["points"], key=lambda p: p["value"])}
    counts[DONT_KNOW] = 0
    for _, value in given:
        counts[DONT_KNOW if value is None else str(value)] += 1
    outliers = []
    for index, (person, value) in enumerate(given):
        if value is None:
            continue
        rest = [other for position, (_, other) in enumerate(given) if position != index and other is not None]
        if len(rest) >= 2 and max(rest) - min(rest) <= OUTLIER_REST_SPREAD and abs(value - _median(rest)) >= OUTLIER_DISTANCE:
            outliers.append(person["name"])
    above = sum(1 for value in known if value > middle)
    below = sum(1 for value in known if value < middle)
    neutral = len(known) - above - below
    above_word, below_word, neutral_word = _words(scale)
    parts = [(above, above_word), (below, below_word), (neutral, neutral_word), (counts[DONT_KNOW], "don't know")]
    summary = ", ".join(_count_text(count, word) for count, word in parts if count) or "nobody answered"
    detail = [(counts[str(point["value"])], point["label"].lower()) for point in sorted(scale["points"], key=lambda p: -p["value"])]
    detail.append((counts[DONT_KNOW], "don't know"))
    return {
        "question": question["id"],
        "text": question["text"],
        "answers": [
            {"name": person["name"], "role": person["role"], "answer": value, "answer_label": _label(scale, value)} for person, value in given
        ],
        "counts": counts,
        "spread": max(known) - min(known) if known else None,
        "outliers": outliers,
        "split": above >= CAMP_SIZE and below >= CAMP_SIZE,
        "camps": {"above": above, "below": below, "neutral": neutral},
        "summary": summary,
        "detail": ", ".join(_count_text(count, word) for count, word in detail if count) or "nobody answered",
    }


def _talk_first(statements: list, threshold: float) -> list[dict]:
    """At most ``TALK_FIRST`` statements to discuss: real splits first, then wide spreads, one outlier last."""
    ranked = []
    for order, statement in enumerate(statements):
        spread = statement["spread"] or 0
        if statement["split"]:
            camps = statement["camps"]
            kind, rank, key = "split", 0, (-min(camps["above"], camps["below"]), -spread)
            why = f"{statement['detail']}: the team divides into two camps"
        elif spread >= threshold and not statement["outliers"]:
            kind, rank, key = "spread", 1, (0, -spread)
            why = f"{statement['detail']}: answers range across the scale"
        elif statement["outliers"]:
            kind, rank, key = "outlier", 2, (0, -spread)
            name = statement["outliers"][0]
            answer = next(a["answer_label"] for a in statement["answers"] if a["name"] == name)
            others = sorted({a["answer_label"].lower() for a in statement["answers"] if a["name"] != name and a["answer"] is not None})
            why = f"{name} answered {answer.lower()}; everyone else answered {' or '.join(others)}"
        else:
            continue
        ranked.append(((rank, *key, order), {"question": statement["question"], "text": statement["text"], "why": why, "kind": kind}))
    ranked.sort(key=lambda item: item[0])
    return [item for _, item in ranked[:TALK_FIRST]]


def _roles(data: dict, checked: list, phases: dict) -> list[dict]:
    """Each role given (as typed; "no role given" last): its people and the phase of their mean ratings."""
    groups: dict[str, dict] = {}
    for person in checked:
        key = name_key(person["role"]) if person["role"] else ""
        groups.setdefault(key, {"role": person["role"] or NO_ROLE, "people": []})["people"].append(person)
    ordered = [group for key, group in groups.items() if key] + ([groups[""]] if "" in groups else [])
    roles = []
    for group in ordered:
        people = group["people"]
        averages = {}
        for question in _questions(data):
            known = [p["answers"].get(question["id"]) for p in people if p["answers"].get(question["id"]) is not None]
            averages[question["id"]] = sum(known) / len(known) if known else None
        scored = _score(data, averages)
        phase = phases[scored["phase"]] if scored["phase"] else None
        note = None
        if phase is None:
            note = "No answer from this role points to any phase."
        elif len(people) == 1:
            note = "Only one person gave this role: this is their own phase, not a group's."
        roles.append(
            {
                "role": group["role"],
                "count": len(people),
                "names": [p["name"] for p in people],
                "phase": phase["id"] if phase else None,
                "phase_number": phase["number"] if phase else None,
                "phase_name": phase["name"] if phase else None,
                "note": note,
            }
        )
    return roles


def diagnose_team(data: dict, respondents: list, record: dict | None = None) -> dict:
    """Diagnose a team: each respondent's phase, the aggregate, and where they disagree.

    ``respondents`` is a list of ``{"name", "role" (optional), "answers"}`` (merge several
    participants' files or links with ``merge_respondents``). The aggregate scores the mean
    rating of each question over the respondents who rated it; its confidence is also
    multiplied by how far respondents agree with the aggregate phase (full credit for the
    same phase, the adjacent credit for a neighbouring one). The result is ``diagnose``'s
    plus ``record`` (``service``, ``date``, ``respondents`` (names), ``respondent_count``)
    and ``team``:

    * ``respondents``: name, role, phase, phase_number, phase_name, confidence, answered;
      ``phase_counts``; ``consensus``; ``disagreements`` (questions whose ratings lie at
      least the configured threshold apart, widest first) and ``disagreement_threshold``;
    * ``statements``: per question ``question``, ``text``, ``answers`` (name, role, answer,
      answer_label), ``counts`` (per scale value as text, and ``"dont-know"``), ``spread``
      (highest minus lowest rating, None if nobody rated it), ``outliers`` (names of people
      at least 2 points from the median of everyone else, who agree within 1 point),
      ``split`` (at least 2 people on each side of the neutral point), ``camps`` (how many
      above, below, at neutral), ``summary`` ("3 agree, 2 disagree, 1 don't know") and
      ``detail`` (the same per scale point);
    * ``roles``: per role as typed (people without one grouped as "no role given", last)
      ``role``, ``count``, ``names``, ``phase``, ``phase_number``, ``phase_name`` (from the
      mean of the role's ratings, scored like the team's) and ``note`` (one person, or no
      phase);
    * ``talk_first``: at most five ``{"question", "text", "why", "kind"}``: statements that
      split the team into camps first (``kind`` "split", most balanced first), then wide
      spreads without one outlier ("spread"), then statements where one person differs from
      everyone else ("outlier");
    * ``outliers``: respondents whose own phase is at least 2 phases from the team's:
      ``name``, ``role``, ``phase``, ``phase_name``, ``phase_number``, ``difference``.
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
    statements = []
    threshold = scoring["team_disagreement_threshold"]
    for question in _questions(data):
        statement = _statement(data, question, checked)
        statements.append(statement)
        known = [a["answer"] for a in statement["answers"] if a["answer"] is not None]
        averages[question["id"]] = sum(known) / len(known) if known else None
        if len(known) >= 2 and max(known) - min(known) >= threshold:
            disagreements.append(
                {
                    "question": question["id"],
                    "text": question["text"],
                    "spread": max(known) - min(known),
                    "answers": [{"name": a["name"], "answer": a["answer"], "answer_label": a["answer_label"]} for a in statement["answers"]],
                }
            )
    disagreements.sort(key=lambda d: -d["spread"])
    talk_first = _talk_first(statements, threshold)

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
    result = _result(data, averages, scored, confidence, talk_first)
    counts = {phase["id"]: sum(1 for m in members if m["phase"] == phase["id"]) for phase in _phases(data)}
    outliers = [
        {key: m[key] for key in ("name", "role", "phase", "phase_name", "phase_number")} | {"difference": m["phase_number"] - winner}
        for m in placed
        if abs(m["phase_number"] - winner) >= PHASE_OUTLIER_DISTANCE
    ]
    result["team"] = {
        "respondents": members,
        "phase_counts": counts,
        "consensus": round(consensus, 4),
        "disagreements": disagreements,
        "disagreement_threshold": threshold,
        "statements": statements,
        "roles": _roles(data, checked, phases),
        "talk_first": talk_first,
        "outliers": outliers,
    }
    result["record"] = {**checked_record, "respondents": [m["name"] for m in members], "respondent_count": len(members)}
    return result
