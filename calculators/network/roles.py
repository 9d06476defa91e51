"""Connector roles: hubs, gatekeepers and pulsetakers, and the top-5 % rule.

The report (Case study 10, after Karen Stephenson's NetForm) names three kinds of key
connector but NetForm's formulas are proprietary and unpublished. Our mapping, stated on
the methods page (docs/methods/connector-roles.md):

========== ============================================ ======================================
role       the report's idea                              our measure
========== ============================================ ======================================
hub        many direct ties; knows everyone               degree (in-degree for nominations)
gatekeeper few ties, but to a strategic few; a bridge     betweenness, cross-checked with
                                                          cut points and bridges
pulsetaker reaches many people through indirect ties      closeness (harmonic when some people
                                                          cannot reach each other)
========== ============================================ ======================================

Krackhardt's kite (Krackhardt 1990, "Assessing the political landscape", *Administrative
Science Quarterly* 35, 342–369) is the textbook network where the three measures pick
three different people: Diane (degree), Heather (betweenness), Fernando and Garth
(closeness).
"""
from __future__ import annotations

import math

from calculators.network import limits

ROLES = ("hub", "gatekeeper", "pulsetaker")
ROLE_MEASURE = {"hub": "degree", "gatekeeper": "betweenness", "pulsetaker": "closeness"}
_PRECISION = 9  # values equal to 9 decimal places count as tied


def cutoff_count(people: int, share: float = limits.TOP_SHARE) -> int:
    """How many places the top share covers: ``ceil(share × people)``, at least one.

    >>> cutoff_count(10), cutoff_count(34), cutoff_count(100), cutoff_count(101)
    (1, 2, 5, 6)
    """
    if people <= 0:
        return 0
    return max(1, math.ceil(round(share * people, 9)))


def top_share(values: dict, share: float = limits.TOP_SHARE) -> tuple[list, float | None]:
    """Return ``(holders, cutoff)``: everyone at or above the value in place ``ceil(share·n)``.

    People tied with the last place are all included, so a role can hold more than 5 %.
    Nobody with a value of zero holds a role (in a network where nobody lies between
    others there is no gatekeeper). Holders are ordered by value, then by input order.

    >>> top_share({"a": 3, "b": 5, "c": 5, "d": 1}, share=0.25)
    (['b', 'c'], 5)
    """
    if not values:
        return [], None
    ordered = sorted(values, key=lambda name: -round(values[name], _PRECISION))
    k = cutoff_count(len(values), share)
    cutoff = values[ordered[k - 1]]
    if round(cutoff, _PRECISION) <= 0:
        positive = [name for name in ordered if round(values[name], _PRECISION) > 0]
        if not positive:
            return [], None
        cutoff = values[positive[-1]]
    level = round(cutoff, _PRECISION)
    return [name for name in ordered if round(values[name], _PRECISION) >= level], cutoff


def competition_ranks(values: dict) -> dict:
    """Rank people by value, highest first; equal values share a rank ("1224" ranking).

    >>> competition_ranks({"a": 2, "b": 5, "c": 2, "d": 0})
    {'b': 1, 'a': 2, 'c': 2, 'd': 4}
    """
    ordered = sorted(values, key=lambda name: -round(values[name], _PRECISION))
    ranks: dict = {}
    previous = None
    for position, name in enumerate(ordered, start=1):
        value = round(values[name], _PRECISION)
        if value != previous:
            rank = position
            previous = value
        ranks[name] = rank
    return ranks


def _people(count: int) -> str:
    return f"{count} {'person' if count == 1 else 'people'}"


def hub_sentence(name: str, degree: int, rank: int, people: int, directed: bool) -> str:
    """One plain-language sentence explaining why ``name`` is a hub."""
    if directed:
        tie_text = f"was named by {_people(degree)}"
    else:
        tie_text = f"has direct ties with {_people(degree)}"
    return f"{name} {tie_text} — rank {rank} of {people} on direct ties, so {name} is a hub: someone who knows a lot of people first-hand."


def gatekeeper_sentence(name: str, share: float, rank: int, people: int, cut_point: bool, cut_off: int, sampled: bool) -> str:
    """One plain-language sentence explaining why ``name`` is a gatekeeper."""
    estimate = "an estimated " if sampled else ""
    text = (
        f"{name} sits on {estimate}{share * 100:.1f} % of the shortest paths between other people "
        f"(rank {rank} of {people}), so {name} is a gatekeeper linking parts of the network"
    )
    if cut_point and cut_off:
        text += f"; without {name}, {_people(cut_off)} would lose their link to the rest"
    return text + "."


def pulsetaker_sentence(name: str, value: float, kind: str, reach_two: int, rank: int, people: int, directed: bool, sampled: bool) -> str:
    """One plain-language sentence explaining why ``name`` is a pulsetaker."""
    if kind == "closeness" and value > 0:
        steps = f"is on average {1 / value:.2f} steps from everyone else"
    else:
        steps = f"has a harmonic closeness of {value:.3f}"
    if sampled:
        steps += " (estimated)"
    reach = f"{_people(reach_two)} can reach {name} in one or two steps" if directed else f"reaches {_people(reach_two)} in one or two steps"
    return f"{name} {steps} and {reach} (rank {rank} of {people} on closeness), so {name} is a pulsetaker who hears what is going on through indirect ties."
