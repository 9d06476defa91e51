"""Connector roles: hubs, gatekeepers and pulsetakers, and who stands out enough to hold one.

The report (Case study 10, after Karen Stephenson's NetForm) names three kinds of key
connector but NetForm's formulas are proprietary and unpublished. Our mapping, stated on
the methods page (docs/methods/connector-roles.md):

========== ============================================ ======================================
role       the report's idea                              our measure
========== ============================================ ======================================
hub        many direct ties; knows everyone               degree (in-degree for nominations)
gatekeeper few ties, but to a strategic few; a bridge     bridging: betweenness × bridging
                                                          coefficient (Hwang et al. 2008)
pulsetaker reaches many people through indirect ties      closeness (harmonic when some people
                                                          cannot reach each other)
========== ============================================ ======================================

Who holds a role is decided by :func:`stand_out` over the people who have at least one
tie, so listing people without ties never changes the answer.

Krackhardt's kite (Krackhardt 1990, "Assessing the political landscape", *Administrative
Science Quarterly* 35, 342–369) is the textbook network where the three measures pick
three different people: Diane (degree), Heather (betweenness), Fernando and Garth
(closeness).

References
----------
Hwang, W., Kim, T., Ramanathan, M. and Zhang, A. (2008). Bridging centrality: graph mining
    from element level to group level. *Proceedings of the 14th ACM SIGKDD*, 336–344.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass

from innovation_toolkit.network import limits
from innovation_toolkit.network.wording import count, names_list, people

ROLES = ("hub", "gatekeeper", "pulsetaker")
ROLE_MEASURE = {"hub": "degree", "gatekeeper": "bridging", "pulsetaker": "closeness"}


def _same(a: float, b: float) -> bool:
    """Equal up to floating-point noise (sums of shortest-path shares are not exact)."""
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def cutoff_count(people: int, share: float = limits.TOP_SHARE) -> int:
    """How many places the top share covers: ``ceil(share × people)``, at least one.

    >>> cutoff_count(10), cutoff_count(34), cutoff_count(100), cutoff_count(101)
    (1, 2, 5, 6)
    """
    if people <= 0:
        return 0
    return max(1, math.ceil(round(share * people, 9)))


def most_holders(people: int) -> int:
    """Most people a role may hold when scores are not tied: ``max(1, ⌊10 % × people⌋)``.

    >>> most_holders(5), most_holders(30), most_holders(2000)
    (1, 3, 200)
    """
    return max(1, math.floor(round(limits.MAX_SHARE * people, 9)))


def most_tied(people: int) -> int:
    """Most people who may share a role because they tie for the top score: ``max(2, ⌊20 %⌋)``.

    >>> most_tied(10), most_tied(30)
    (2, 6)
    """
    return max(2, math.floor(round(limits.MAX_TIED_SHARE * people, 9)))


@dataclass(frozen=True)
class Standing:
    """Who holds one role, and why (or why nobody does).

    ``reason`` is ``"stand out"`` (holders found), ``"tied"`` (holders share the top score
    and exceed :func:`most_holders`), ``"too few"`` (under three people with ties),
    ``"zero"`` (nobody scores above zero), ``"flat"`` (the best are not clearly above the
    typical person) or ``"crowded"`` (too many people share the top scores).
    ``top_count`` and ``top_value`` describe the people who share the highest score.
    """

    holders: list
    reason: str
    cutoff: float | None
    median: float
    top_count: int
    top_value: float
    people: int
    places: int

    @property
    def tied(self) -> bool:
        return self.reason == "tied"


def stand_out(values: dict) -> Standing:
    """Decide who holds a role, from each connected person's score on the role's measure.

    The report counts the top 5 % of people as key connectors. Small networks tie, so the
    rule is:

    1. Scores are compared among the ``n`` people who have at least one tie.
    2. A holder's score must be above zero and at least 20 % above the median score
       (:data:`limits.STAND_OUT_MARGIN`): they stand out from the typical person.
    3. Holders are the top ``h`` people, where the ``h``-th score is strictly higher than
       the next one (nobody tied with a holder is left out), ``h`` is at most
       ``max(1, ⌊10 % × n⌋)`` and less than half of ``n``; of the possible ``h``, the one
       nearest to ``⌈5 % × n⌉`` is used (the smaller when two are as near).
    4. If no such ``h`` exists but the people sharing the top score stand out, number at
       most ``max(2, ⌊20 % × n⌋)`` and fewer than half, they all hold the role and the
       result says they are tied.
    5. Otherwise nobody holds the role, and the result says why.

    >>> stand_out({"a": 6, "b": 5, "c": 5, "d": 3, "e": 2, "f": 1}).holders
    ['a']
    >>> chain = {f"p{i}": (1 if i in (0, 29) else 2) for i in range(30)}
    >>> s = stand_out(chain); s.holders, s.reason, s.top_count
    ([], 'flat', 28)
    """
    ordered = sorted(values, key=lambda name: -values[name])
    n = len(ordered)
    median = float(statistics.median(values.values())) if values else 0.0
    places = cutoff_count(n)
    groups: list[tuple[float, int]] = []  # (score, people so far) at each change of score
    for position, name in enumerate(ordered, start=1):
        value = float(values[name])
        if groups and _same(groups[-1][0], value):
            groups[-1] = (groups[-1][0], position)
        else:
            groups.append((value, position))
    top_value, top_count = groups[0] if groups else (0.0, 0)

    def standing(holders: list, reason: str, cutoff: float | None) -> Standing:
        return Standing(holders, reason, cutoff, median, top_count, top_value, n, places)

    if n < 3:
        return standing([], "too few", None)
    if top_value <= 0:
        return standing([], "zero", None)

    def stands_out(value: float) -> bool:
        return value > 0 and value >= (1 + limits.STAND_OUT_MARGIN) * median and not _same(value, median)

    cuts = [(value, h) for value, h in groups if stands_out(value) and h <= most_holders(n) and 2 * h < n]
    if cuts:
        value, h = min(cuts, key=lambda cut: (abs(cut[1] - places), cut[1]))
        return standing(ordered[:h], "stand out", value)
    if not stands_out(top_value):
        return standing([], "flat", None)
    if top_count <= most_tied(n) and 2 * top_count < n:
        return standing(ordered[:top_count], "tied", top_value)
    return standing([], "crowded", None)


def competition_ranks(values: dict) -> dict:
    """Rank people by value, highest first; equal values share a rank ("1224" ranking).

    >>> competition_ranks({"a": 2, "b": 5, "c": 2, "d": 0})
    {'b': 1, 'a': 2, 'c': 2, 'd': 4}
    """
    ordered = sorted(values, key=lambda name: -values[name])
    ranks: dict = {}
    previous = None
    rank = 0
    for position, name in enumerate(ordered, start=1):
        value = float(values[name])
        if previous is None or not _same(value, previous):
            rank = position
            previous = value
        ranks[name] = rank
    return ranks


_ROLE_SCORE = {
    "hub": ("direct ties", "times named"),
    "gatekeeper": ("bridging score", "bridging score"),
    "pulsetaker": ("closeness", "closeness"),
}


def _score_text(role: str, value: float, directed: bool) -> str:
    if role == "hub":
        number = round(value)
        return f"was named by {people(number)}" if directed else f"has {count(number, 'direct tie')}"
    return f"has a {_ROLE_SCORE[role][directed]} of {value:.3g}"


def role_statement(role: str, standing: Standing, directed: bool) -> str | None:
    """A plain sentence when a role is tied or held by nobody; None when holders stand out.

    >>> chain = {f"p{i}": (1 if i in (0, 29) else 2) for i in range(30)}
    >>> role_statement("hub", stand_out(chain), False)
    'No one stands out as a hub: 28 people have 2 direct ties each, the same as the typical person.'
    """
    n = standing.people
    if standing.reason == "stand out":
        return None
    if standing.reason == "tied":
        everyone = "both" if len(standing.holders) == 2 else f"all {len(standing.holders):,}"
        return (
            f"{names_list(standing.holders)} tie for the top place: each {_score_text(role, standing.top_value, directed)}. "
            f"Tied scores cannot be split, so {everyone} count as {role}s."
        )
    if standing.reason == "too few":
        return f"No one stands out as a {role}: with {people(n)} who have ties, nobody can stand out from the rest."
    if standing.reason == "zero":
        what = {
            "hub": "is named by anyone" if directed else "has a tie",
            "gatekeeper": "lies between other people",
            "pulsetaker": "can be reached by anyone" if directed else "can reach anyone",
        }[role]
        return f"No one stands out as a {role}: nobody {what}."
    if standing.top_count == n:
        return f"No one stands out as a {role}: all {people(n)} with ties score the same."
    if standing.top_count > 1:
        each = _score_text(role, standing.top_value, directed).replace("has ", "have ", 1).replace("was named", "were named", 1)
        text = f"No one stands out as a {role}: {people(standing.top_count)} {each} each"
        if standing.reason == "flat":
            text += (
                ", the same as the typical person"
                if _same(standing.top_value, standing.median)
                else f", hardly more than the typical person ({_typical(role, standing.median)})"
            )
        return text + "."
    return (
        f"No one stands out as a {role}: the highest score ({_typical(role, standing.top_value)}) is less than "
        f"{limits.STAND_OUT_MARGIN * 100:.0f} % above the typical person's ({_typical(role, standing.median)})."
    )


def _typical(role: str, value: float) -> str:
    return f"{value:g} {'tie' if value == 1 else 'ties'}" if role == "hub" else f"{value:.3g}"


def hub_sentence(name: str, degree: int, strength: float | None, rank: int, connected: int, directed: bool) -> str:
    """One plain-language sentence explaining why ``name`` is a hub."""
    tie_text = f"was named by {people(degree)}" if directed else f"has direct ties with {people(degree)}"
    weight = f" (tie strength {strength:.3g} in all)" if strength is not None else ""
    return (
        f"{name} {tie_text}{weight}, rank {rank:,} of {connected:,} people with ties, "
        f"so {name} is a hub: someone who knows a lot of people first-hand."
    )


def gatekeeper_sentence(
    name: str, share: float, degree: int, neighbour_degree: float, rank: int, connected: int, cut_off: int, estimated: bool
) -> str:
    """One plain-language sentence explaining why ``name`` is a gatekeeper."""
    estimate = "an estimated " if estimated else ""
    if degree <= neighbour_degree:
        ties = f"has only {count(degree, 'direct tie')}, to people who have {neighbour_degree:.1f} ties on average"
    else:
        ties = f"has {count(degree, 'direct tie')}; the people tied to {name} have {neighbour_degree:.1f} on average"
    text = (
        f"{name} sits on {estimate}{share * 100:.1f} % of the shortest paths between other people and {ties} "
        f"(bridging rank {rank:,} of {connected:,}), so {name} is a gatekeeper between parts of the network"
    )
    if cut_off:
        text += f"; without {name}, {people(cut_off)} would lose their link to the rest"
    return text + "."


def pulsetaker_sentence(name: str, value: float, kind: str, reach_two: int, rank: int, connected: int, directed: bool, estimated: bool) -> str:
    """One plain-language sentence explaining why ``name`` is a pulsetaker."""
    if kind == "closeness" and value > 0:
        steps = f"is on average {1 / value:.2f} steps from everyone else"
    else:
        steps = f"has a harmonic closeness of {value:.3f}"
    if estimated:
        steps += " (estimated)"
    reach = f"{people(reach_two)} can reach {name} in one or two steps" if directed else f"reaches {people(reach_two)} in one or two steps"
    return (
        f"{name} {steps} and {reach} (rank {rank:,} of {connected:,} on closeness), "
        f"so {name} is a pulsetaker who hears what is going on through indirect ties."
    )
