"""What the answers support: a clear phase, a place between two neighbouring phases, or no clear phase."""

from __future__ import annotations

from innovation_toolkit.diagnostic.bundle import _phase_index, _question_index, _questions


def _settings(data: dict) -> dict:
    return data["questionnaire"]["scoring"]["verdict"]


def _name(phase: dict) -> str:
    return phase["name"].lower()


def _texts(data: dict, question_ids: list, limit: int = 3) -> str:
    questions = _question_index(data)
    listed = "; ".join(f'"{questions[q]["text"].rstrip(".")}"' for q in question_ids[:limit])
    more = f" (and {len(question_ids) - limit} more)" if len(question_ids) > limit else ""
    return listed + more


def _statements(number: int) -> str:
    return f"{number} statement" + ("" if number == 1 else "s")


def _count(number: int) -> str:
    return "none" if number == 0 else f"only {number}"


def _verdict(data: dict, scored: dict, confidence: dict) -> dict:
    """Decide what ``scored`` (from ``_score``) supports, under the scoring settings' ``verdict`` rule.

    In order, the first test that applies decides (docs/methods/diagnostic.md):

    1. fewer than ``min_leaning_answers`` statements rated either side of neutral: unclear;
    2. the leading phase scores below ``min_score``: unclear;
    3. the runner-up, with signs of its own (``min_own_agreed`` of its statements agreed
       with), is within ``min_margin`` of the leader: if a third such phase is that close
       too, or the two are not neighbours, unclear; otherwise the pair is "between", once it
       passes tests 4 to 6 (with the agreement measured for either of the two);
    4. the leading phase has fewer than ``min_own_agreed`` of its own statements agreed with
       (it leads only because the others were rejected): unclear;
    5. agreement below ``min_agreement``: unclear;
    6. a team whose consensus is below ``min_team_consensus``: unclear;
    7. otherwise the leading phase is clear.

    Returns ``kind``, ``phases``, ``headline``, ``reason`` (plain words) and ``rule`` (which
    test decided: ``too-few-answers``, ``weak-fit``, ``spread-over-three``, ``not-neighbours``,
    ``no-signs-of-its-own``, ``answers-disagree``, ``team-split``, ``between`` or ``clear``).

    >>> from innovation_toolkit.diagnostic.bundle import example_bundle
    >>> from innovation_toolkit.diagnostic.scoring import _score
    >>> data = example_bundle()
    >>> scored = _score(data, {"pilots": 5})
    >>> verdict = _verdict(data, scored, scored["confidence"])
    >>> verdict["kind"], verdict["rule"]
    ('unclear', 'too-few-answers')
    >>> scored = _score(data, {"pilots": 5, "spread": 1})
    >>> _verdict(data, scored, scored["confidence"])["headline"]
    'Mobilisation (phase 2)'
    """
    settings = _settings(data)
    phases = _phase_index(data)
    ranking = scored["ranking"]
    score = {phase_id: scored["scores"][phase_id]["score"] for phase_id in ranking}
    own = scored["own_agreed"]

    def has_own(phase_id: str) -> bool:
        return own[phase_id] >= settings["min_own_agreed"]

    top = ranking[0]
    rivals = [p for p in ranking[1:] if has_own(p) and score[top] - score[p] < settings["min_margin"]]
    leading = [p for p in ranking[:2] if score[p] >= settings["min_score"] and has_own(p)]
    top_name = _name(phases[top])

    def unclear(rule: str, reason: str) -> dict:
        return {"kind": "unclear", "phases": leading, "headline": "No clear phase", "reason": reason, "rule": rule}

    if scored["leaning"] < settings["min_leaning_answers"]:
        return unclear(
            "too-few-answers",
            f"Only {scored['leaning']} of the {scored['total_questions']} statements {'was' if scored['leaning'] == 1 else 'were'} "
            "answered either way "
            f'("don\'t know" and the middle of the scale count for nothing); at least {settings["min_leaning_answers"]} are needed.',
        )
    if score[top] < settings["min_score"]:
        return unclear(
            "weak-fit",
            f"No phase fits the answers well: the best fit, {top_name}, scores {score[top]:+.2f} on a scale from −1 to +1, "
            f"and a phase needs at least {settings['min_score']:+.2f}.",
        )
    pair = None
    if rivals:
        if len(rivals) > 1:
            names = ", ".join(_name(phases[p]) for p in [top, *rivals[:-1]]) + f" and {_name(phases[rivals[-1]])}"
            return unclear("spread-over-three", f"Your answers point about equally to {names}.")
        rival = rivals[0]
        if abs(phases[rival]["number"] - phases[top]["number"]) != 1:
            first, second = sorted([top, rival], key=lambda p: phases[p]["number"])
            return unclear(
                "not-neighbours",
                f"Your answers point both to {_name(phases[first])} and to {_name(phases[second])}, which are not neighbours in the lifecycle.",
            )
        pair = sorted([top, rival], key=lambda p: phases[p]["number"])
    if not has_own(top):
        return unclear(
            "no-signs-of-its-own",
            f"The answers lean towards {top_name} mostly by rejecting the other phases: {_count(own[top])} of the "
            f"{scored['own_statements'][top]} statements that describe {top_name} were agreed with, and at least "
            f"{settings['min_own_agreed']} are needed.",
        )
    agreement = confidence["pair_agreement"] if pair else confidence["agreement"]
    if agreement < settings["min_agreement"]:
        backed = " or ".join(_name(phases[p]) for p in pair) if pair else top_name
        return unclear(
            "answers-disagree",
            f"The answers are spread across the phases: they back {backed} by {round(agreement * 100)}%, "
            f"and a phase needs at least {round(settings['min_agreement'] * 100)}%.",
        )
    consensus = confidence.get("consensus")
    if consensus is not None and consensus < settings["min_team_consensus"]:
        return unclear(
            "team-split",
            f"Respondents' own answers place the service in different phases: their consensus on {top_name} is "
            f"{round(consensus * 100)}%, and a team result needs at least {round(settings['min_team_consensus'] * 100)}%.",
        )
    if pair:
        first, second = (phases[p] for p in pair)
        return {
            "kind": "between",
            "phases": pair,
            "headline": f"Between {_name(first)} and {_name(second)}",
            "reason": (
                f"{first['name']} and {second['name']} score within {settings['min_margin']:.2f} of each other "
                f"({score[first['id']]:+.2f} and {score[second['id']]:+.2f}), and the answers agree with statements of both: "
                f"the service may be moving from one to the other."
            ),
            "rule": "between",
        }
    runner_up = ranking[1] if len(ranking) > 1 else None
    ahead = ""
    if runner_up:
        ahead = f", {score[top] - score[runner_up]:.2f} ahead of {_name(phases[runner_up])}"
        if score[top] - score[runner_up] < settings["min_margin"]:
            ahead += f" (which scores that high only by the other phases being rejected: {own[runner_up]} of its own statements were agreed with)"
    return {
        "kind": "clear",
        "phases": [top],
        "headline": f"{phases[top]['name']} (phase {phases[top]['number']})",
        "reason": (
            f"{phases[top]['name']} scores {score[top]:+.2f}{ahead}, and {own[top]} of its "
            f"{scored['own_statements'][top]} own statements were agreed with."
        ),
        "rule": "clear",
    }


def _clearer_answer(data: dict, values: dict, scored: dict, confidence: dict, verdict: dict, team: bool) -> list[dict]:
    """Short steps towards a clearer answer when the verdict is unclear: ``title``, ``text``, ``source``."""
    if verdict["kind"] != "unclear":
        return []
    phases = _phase_index(data)
    settings = _settings(data)
    top = scored["ranking"][0]
    tips = []
    rule = verdict["rule"]
    if team:
        tips.append(
            {
                "title": "Talk through where the team differs",
                "text": "Go through the statements the team rated furthest apart, and check that everyone answered for the same service.",
                "source": "Appendix A, Step One",
            }
        )
    if rule == "too-few-answers":
        tips.append(
            {
                "title": "Answer more of the statements",
                "text": f"Rate at least {settings['min_leaning_answers']} statements one way or the other; so far "
                f'{_statements(scored["leaning"])} lean either way. Keep "don\'t know" for the ones you really cannot judge.',
                "source": "Appendix A, Step One",
            }
        )
    elif rule == "no-signs-of-its-own":
        own = [q["id"] for q in _questions(data) if q["describes"] == top]
        tips.append(
            {
                "title": f"Read the statements that describe {_name(phases[top])} again",
                "text": f"Rejecting the other phases is not enough to place you in {_name(phases[top])}. Do these fit the service: "
                f"{_texts(data, own, limit=4)}? If none does, no phase describes it well yet.",
                "source": phases[top].get("source") or "Table A1",
            }
        )
    elif rule != "team-split":  # for a split team the first tip is the one that matters
        elsewhere = [item["question"] for item in confidence["pointing_elsewhere"]]
        if elsewhere:
            tips.append(
                {
                    "title": "Check the statements pointing elsewhere",
                    "text": f"These answers fit another phase better than {_name(phases[top])}: {_texts(data, elsewhere)}. "
                    "Look at them again with a colleague.",
                    "source": "Appendix A, Step One",
                }
            )
        tips.append(
            {
                "title": "Answer for one service or field",
                "text": "Answers about the whole council mix services at different stages; pick one service and answer for it alone.",
                "source": "§5.1",
            }
        )
    unknown = [q["id"] for q in _questions(data) if values.get(q["id"]) is None]
    if unknown and rule != "too-few-answers":
        tips.append(
            {
                "title": "Find out what you could not answer",
                "text": f'{_statements(len(unknown))} left as "don\'t know", for example {_texts(data, unknown, limit=2)}.',
                "source": "Appendix A, Step One",
            }
        )
    if not team:
        tips.append(
            {
                "title": "Compare with colleagues",
                "text": "Ask people in other roles (politicians, officers, partner agencies, service users) to answer as well, "
                "and read the answers together in team mode.",
                "source": "Appendix A, Step One",
            }
        )
    return tips
