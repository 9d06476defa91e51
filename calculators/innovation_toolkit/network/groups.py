"""Groups: who is in the core, the E-I index, Gould–Fernandez brokerage — and chance.

networkx has none of these measures; all are written here on top of its graphs.

A group pattern is stated as a finding only when it is unlikely to have arisen by chance,
that is, if the group labels had been handed out at random (same group sizes) to the same
people in the same network:

* **Key connectors by group.** The key connectors are a fixed set (labels do not change
  who holds a role), so under random labelling the number of key connectors in a group of
  ``s`` people, out of ``N`` people analysed with ``c`` key connectors, is hypergeometric:
  ``P(X = k) = C(s, k) C(N − s, c − k) / C(N, c)``, with mean ``c s / N``. This is the
  exact probability behind Fisher's exact test. Each group is tested in both directions
  (fewer and more key connectors than expected); a group with nobody in the core is
  "outside the core" only when ``P(X = 0)`` is small, and a group with more (or fewer)
  than expected is "over-" (or "under-") represented only when its tail probability is
  small. All ``2 m`` one-sided tests of one attribute's ``m`` groups (people with no value,
  "(not given)", are never tested) are corrected together with Holm's step-down procedure
  at ``ALPHA`` = 0.05, so with random labels the chance of stating any such finding for an
  attribute is at most 5 %. Probabilities are computed with exact integer arithmetic.
* **E-I index.** The overall index is compared with the values it takes when the labels
  of the people who have one are shuffled among them (a label-permutation test in the QAP
  tradition), with a fixed seed so results repeat exactly; see :func:`ei_permutation_test`.

References
----------
Krackhardt, D. and Stern, R. N. (1988). Informal networks and organizational crises:
    an experimental simulation. *Social Psychology Quarterly* 51(2), 123–140. (E-I index)
Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation: a formal approach to
    brokerage in transaction networks. *Sociological Methodology* 19, 89–126.
Fisher, R. A. (1922). On the interpretation of χ² from contingency tables, and the
    calculation of P. *Journal of the Royal Statistical Society* 85(1), 87–94.
    (the hypergeometric / exact test)
Holm, S. (1979). A simple sequentially rejective multiple test procedure. *Scandinavian
    Journal of Statistics* 6(2), 65–70.
Krackhardt, D. (1987). QAP partialling as a test of spuriousness. *Social Networks* 9(2),
    171–186; Krackhardt, D. (1988). Predicting with networks: nonparametric multiple
    regression analysis of dyadic data. *Social Networks* 10(4), 359–381.
    (permutation tests that keep the network fixed and shuffle the labels)
Good, P. (2005). *Permutation, Parametric and Bootstrap Tests of Hypotheses*, 3rd ed.
    New York: Springer.
"""

from __future__ import annotations

import math
import random
from fractions import Fraction
from operator import eq, itemgetter

import networkx as nx

from innovation_toolkit.network import limits
from innovation_toolkit.network.wording import count as counted

MISSING = "(not given)"
BROKERAGE_ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")

#: Level at which a group pattern counts as a finding, after Holm's correction across all
#: the group tests of one attribute (and, on its own, for the E-I permutation test).
ALPHA = 0.05
#: Seed of the random label shuffles for the E-I permutation test.
PERMUTATION_SEED = 42
#: Most and fewest label shuffles for the E-I permutation test, and the work budget that
#: sets the number in between: ``PERMUTATION_WORK_BUDGET // (ties + people)`` shuffles,
#: each of which reshuffles the labelled people and visits every tie between them once.
MAX_PERMUTATIONS = 1_000
MIN_PERMUTATIONS = 100
PERMUTATION_WORK_BUDGET = 2_000_000


def group_attributes(attributes: dict[str, dict[str, str]], people: list) -> list[str]:
    """Attribute names usable as groups: 2 to ``MAX_GROUPS`` values, and some value shared.

    An attribute where everyone's value differs (an e-mail address, a job title) cannot
    form groups, so it is skipped.

    >>> group_attributes({"a": {"sector": "x", "email": "a@"}, "b": {"sector": "x", "email": "b@"}, "c": {"sector": "y"}}, ["a", "b", "c"])
    ['sector']
    """
    order: list[str] = []
    for name in people:
        for key in attributes.get(name, {}):
            if key not in order:
                order.append(key)
    usable = []
    for key in order:
        values = [attributes[name][key] for name in people if key in attributes.get(name, {})]
        distinct = set(values)
        if 2 <= len(distinct) <= limits.MAX_GROUPS and len(distinct) < len(values):
            usable.append(key)
    return usable


def ei_index(external: int, internal: int) -> float | None:
    """Krackhardt and Stern's E-I index: ``(E − I) / (E + I)``, from −1 to +1.

    −1: every tie stays inside the group; +1: every tie crosses to another group. None
    when there are no ties.

    >>> ei_index(3, 1)
    0.5
    """
    total = external + internal
    if total == 0:
        return None
    return (external - internal) / total


def ei_by_group(graph: nx.Graph, group_of: dict) -> dict:
    """Count internal and external ties per group and overall; return E-I indices.

    A tie between two members of group g is internal to g; a tie with one end in g is
    external for g. Ties touching someone with no group are left out and counted.
    Directed graphs count each nomination once. Alongside each observed index is the
    index expected if ties formed at random regardless of group (from the possible pairs):
    a small group has few possible internal ties. That baseline ignores how the ties are
    actually spread, so the overall finding of :func:`analyse_attribute` uses
    :func:`ei_permutation_test` instead.

    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> ei_by_group(g, {"a": "x", "b": "x", "c": "y", "d": "y"})["overall"]["ei_index"]
    -0.3333333333333333
    """
    counts = {group: {"internal": 0, "external": 0} for group in dict.fromkeys(group_of.values())}
    internal = external = skipped = 0
    for u, v in graph.edges():
        gu, gv = group_of.get(u), group_of.get(v)
        if gu is None or gv is None:
            skipped += 1
            continue
        if gu == gv:
            internal += 1
            counts[gu]["internal"] += 1
        else:
            external += 1
            counts[gu]["external"] += 1
            counts[gv]["external"] += 1
    sizes: dict = {}
    for group in group_of.values():
        sizes[group] = sizes.get(group, 0) + 1
    total_people = sum(sizes.values())
    possible_internal = sum(s * (s - 1) for s in sizes.values()) // 2
    possible_all = total_people * (total_people - 1) // 2
    groups = {}
    for group, c in counts.items():
        size = sizes[group]
        groups[group] = {
            "internal_ties": c["internal"],
            "external_ties": c["external"],
            "ei_index": ei_index(c["external"], c["internal"]),
            "expected_ei_index": ei_index(size * (total_people - size), size * (size - 1) // 2),
        }
    return {
        "overall": {
            "internal_ties": internal,
            "external_ties": external,
            "ei_index": ei_index(external, internal),
            "expected_ei_index": ei_index(possible_all - possible_internal, possible_internal),
            "ties_without_group": skipped,
        },
        "groups": groups,
    }


def brokerage_role(group_a, group_b, group_c) -> str:
    """Gould and Fernandez's role for B in the chain A → B → C, from the three groups.

    ========================= ==============
    groups                    B's role
    ========================= ==============
    A = B = C                 coordinator
    A = C ≠ B                 itinerant (consultant)
    A = B ≠ C                 representative
    A ≠ B = C                 gatekeeper
    all different             liaison
    ========================= ==============

    >>> brokerage_role("x", "y", "y")
    'gatekeeper'
    """
    if group_a == group_b:
        return "coordinator" if group_b == group_c else "representative"
    if group_b == group_c:
        return "gatekeeper"
    return "itinerant" if group_a == group_c else "liaison"


def gould_fernandez(graph: nx.DiGraph, group_of: dict) -> dict:
    """Count each person's brokerage roles in a directed network.

    B brokers for the pair (A, C) when A → B and B → C but not A → C, with A ≠ C; the
    role depends on the groups of A, B and C (see :func:`brokerage_role`). People with no
    group are skipped. Returns ``{name: {role: count, …, "total": count}}`` for everyone
    with a group.

    >>> g = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> gould_fernandez(g, {"a": "x", "b": "y", "c": "y"})["b"]["gatekeeper"]
    1
    """
    result = {}
    for broker in graph:
        group_b = group_of.get(broker)
        if group_b is None:
            continue
        counts = dict.fromkeys(BROKERAGE_ROLES, 0)
        senders = [a for a in graph.pred[broker] if a in group_of]
        receivers = [c for c in graph.succ[broker] if c in group_of]
        for a in senders:
            out_a = graph.succ[a]
            for c in receivers:
                if c == a or c in out_a:
                    continue
                counts[brokerage_role(group_of[a], group_b, group_of[c])] += 1
        counts["total"] = sum(counts.values())
        result[broker] = counts
    return result


def _tail_counts(people: int, size: int, core: int, observed: int) -> tuple[int, int, int]:
    """Exact counts behind :func:`hypergeometric_tails`: ``(lower, upper, total)``.

    ``lower`` is the number of ways to pick the ``core`` key connectors so that at most
    ``observed`` fall in the group, ``upper`` the number with at least ``observed``, and
    ``total`` is ``C(people, core)``. Only the shorter side of the distribution is summed
    term by term (each term follows from the last by an exact integer ratio); the other
    side follows from the total.
    """
    total = math.comb(people, core)
    low, high = max(0, core - (people - size)), min(size, core)
    if observed < low:
        return 0, total, total
    if observed > high:
        return total, 0, total
    rest = people - size - core

    def term(j: int) -> int:
        return math.comb(size, j) * math.comb(people - size, core - j)

    def step(t: int, j: int) -> int:  # term(j + 1) from term(j), exactly
        return t * (size - j) * (core - j) // ((j + 1) * (rest + j + 1))

    if observed - low <= high - observed:
        t = term(low)
        lower = t
        for j in range(low, observed):
            t = step(t, j)
            lower += t
        return lower, total - lower + t, total
    t = term(observed)
    at_observed = upper = t
    for j in range(observed, high):
        t = step(t, j)
        upper += t
    return total - upper + at_observed, upper, total


def hypergeometric_tails(people: int, size: int, core: int, observed: int) -> tuple[Fraction, Fraction]:
    """Exact ``(P(X ≤ observed), P(X ≥ observed))`` for a hypergeometric count ``X``.

    ``X`` is the number of key connectors who belong to a group of ``size`` people when
    the group labels of ``people`` people, of whom ``core`` are key connectors, are
    assigned at random (same group sizes): ``P(X = k) = C(size, k) C(people − size,
    core − k) / C(people, core)``. This is the distribution behind Fisher's exact test.
    Exact integer arithmetic throughout, so results are exact fractions for any size
    (tens of thousands of people take milliseconds).

    Examples
    --------
    Ten people, two key connectors, a group of three: the chance that neither key
    connector is in the group is ``C(7, 2) / C(10, 2) = 21 / 45``.

    >>> hypergeometric_tails(10, 3, 2, 0)
    (Fraction(7, 15), Fraction(1, 1))
    >>> hypergeometric_tails(10, 3, 2, 2)
    (Fraction(1, 1), Fraction(1, 15))

    References
    ----------
    Fisher, R. A. (1922). On the interpretation of χ² from contingency tables, and the
    calculation of P. *Journal of the Royal Statistical Society* 85(1), 87–94.
    """
    if not (0 <= size <= people and 0 <= core <= people):
        raise ValueError("need 0 ≤ size ≤ people and 0 ≤ core ≤ people")
    lower, upper, total = _tail_counts(people, size, core, observed)
    return Fraction(lower, total), Fraction(upper, total)


def smallest_possible_p(people: int, size: int, core: int) -> float:
    """The smallest one-sided probability any outcome could give a group of ``size``.

    The two extremes: the fewest possible key connectors in the group, or the most. When
    this is above the test's threshold, no split of the key connectors could be a finding.

    >>> smallest_possible_p(30, 10, 2)  # both key connectors in the group: C(10, 2) / C(30, 2)
    0.10344827586206896
    """
    total = math.comb(people, core)
    low, high = max(0, core - (people - size)), min(size, core)
    fewest = math.comb(size, low) * math.comb(people - size, core - low)
    most = math.comb(size, high) * math.comb(people - size, core - high)
    if low == high:
        return 1.0
    return min(fewest, most) / total


def holm(p_values: list[float], alpha: float = ALPHA) -> list[bool]:
    """Holm's step-down correction: which of ``p_values`` are rejected at family level ``alpha``.

    Sort the ``m`` p-values from smallest; reject the ``i``-th smallest (``i`` from 0)
    while it is at most ``alpha / (m − i)``, and stop at the first that is not. The chance
    of rejecting any true null hypothesis is at most ``alpha`` whatever the dependence
    between the tests, and it never rejects fewer than Bonferroni's ``alpha / m``.

    Examples
    --------
    >>> holm([0.01, 0.04, 0.03, 0.005])
    [True, False, False, True]
    >>> holm([0.03, 0.04])  # 0.03 > 0.05 / 2 stops the procedure, though 0.04 < 0.05
    [False, False]

    References
    ----------
    Holm, S. (1979). A simple sequentially rejective multiple test procedure.
    *Scandinavian Journal of Statistics* 6(2), 65–70.
    """
    m = len(p_values)
    rejected = [False] * m
    for i, index in enumerate(sorted(range(m), key=lambda j: p_values[j])):
        if p_values[index] > alpha / (m - i):
            break
        rejected[index] = True
    return rejected


def core_shares(people: list, group_of: dict, core: set, alpha: float = ALPHA) -> list[dict]:
    """Each group's share of the network against its share of the core, tested against chance.

    People with no value for the attribute form the group ``"(not given)"``, which is
    counted but never tested. For every other group of ``s`` people, with ``N`` people
    analysed and ``c`` of them key connectors, ``expected_in_core`` is ``c s / N`` — the
    mean if labels were assigned at random — and the exact hypergeometric probabilities of
    at most and at least the observed number are computed (:func:`hypergeometric_tails`).
    The smaller tail is the tested direction: ``"absent"`` (nobody in the core, probability
    ``P(X = 0) = C(N − s, c) / C(N, c)``), ``"under"`` or ``"over"``; ``p_value`` is that
    tail's probability. Both tails of every group (``2 m`` tests) go through :func:`holm`
    at ``alpha``; ``significant`` marks a group whose tested direction survives, and
    ``outside_core`` a group with nobody in the core whose absence is significant.

    Examples
    --------
    Six people, two key connectors: a school group of two with nobody in the core would
    have none with probability ``C(4, 2) / C(6, 2) = 0.4`` by chance, so it is not outside
    the core.

    >>> group = {"a": "x", "b": "x", "c": "x", "d": "y", "e": "y"}
    >>> row = core_shares(list("abcdez"), group, {"a", "b"})[1]
    >>> row["group"], row["in_core"], row["expected_in_core"], row["p_value"], row["outside_core"]
    ('y', 0, 0.6666666666666666, 0.4, False)

    References
    ----------
    Fisher, R. A. (1922), *J. Royal Statistical Society* 85, 87–94; Holm, S. (1979),
    *Scandinavian Journal of Statistics* 6, 65–70.
    """
    sizes: dict = {}
    in_core: dict = {}
    for name in people:
        group = group_of.get(name, MISSING)
        sizes[group] = sizes.get(group, 0) + 1
        if name in core:
            in_core[group] = in_core.get(group, 0) + 1
    total = len(people)
    core_total = sum(in_core.values())
    rows = []
    family: list[float] = []
    for group in sorted(sizes, key=lambda g: (g == MISSING, -sizes[g], g)):
        size, count = sizes[group], in_core.get(group, 0)
        share_network = size / total if total else 0.0
        share_core = count / core_total if core_total else 0.0
        row = {
            "group": group,
            "people": size,
            "in_core": count,
            "share_of_network": share_network,
            "share_of_core": share_core,
            "representation": share_core / share_network if share_network else None,
            "expected_in_core": core_total * size / total if total else 0.0,
            "direction": None,
            "p_value": None,
            "significant": False,
            "outside_core": False,
        }
        if group != MISSING and total:
            lower_count, upper_count, ways = _tail_counts(total, size, core_total, count)
            lower, upper = lower_count / ways, upper_count / ways
            if lower < upper:
                row["direction"], row["p_value"] = ("absent" if count == 0 else "under"), lower
            elif upper < lower:
                row["direction"], row["p_value"] = "over", upper
            else:
                row["p_value"] = lower
            row["_tests"] = (len(family), len(family) + 1)
            family += [lower, upper]
        rows.append(row)
    rejected = holm(family, alpha)
    for row in rows:
        tests = row.pop("_tests", None)
        if tests and row["direction"]:
            row["significant"] = rejected[tests[0] if row["direction"] in ("absent", "under") else tests[1]]
            row["outside_core"] = row["significant"] and row["direction"] == "absent"
    return rows


def permutation_count(work: int) -> int:
    """How many label shuffles the E-I test makes when one shuffle costs ``work`` steps.

    ``work`` is the ties visited plus the people reshuffled per shuffle. The count is
    ``PERMUTATION_WORK_BUDGET // work`` (2,000,000 steps in all), kept between
    ``MIN_PERMUTATIONS`` (100) and ``MAX_PERMUTATIONS`` (1,000).

    >>> permutation_count(90), permutation_count(12_000), permutation_count(55_000)
    (1000, 166, 100)
    """
    if work <= 0:
        return MAX_PERMUTATIONS
    return max(MIN_PERMUTATIONS, min(MAX_PERMUTATIONS, PERMUTATION_WORK_BUDGET // work))


def ei_permutation_test(graph: nx.Graph, group_of: dict, permutations: int | None = None, seed: int = PERMUTATION_SEED) -> dict:
    """Compare the overall E-I index with its values under random labelling of the same people.

    The network stays fixed; the group labels of the people who have one are shuffled
    among them (so group sizes stay the same) and the overall E-I index recomputed, each
    time from a ``random.Random(seed)`` stream so results repeat exactly. Only ties whose
    two ends both have a label count, as in :func:`ei_by_group`. ``expected_ei_index`` is
    the mean of the shuffled values; the two-sided ``p_value`` is ``(1 + a) / (1 + n)``,
    where ``a`` of the ``n`` shuffles lie at least as far from that mean as the observed
    value. ``permutations`` defaults to :func:`permutation_count`. With no ties between
    labelled people there is nothing to test and the figures are None.

    Because ``E + I`` is fixed, the E-I index is ``1 − 2 I / (E + I)``; each shuffle
    only counts the internal ties ``I``, over precomputed integer arrays of tie ends.

    Examples
    --------
    Two triangles joined by one tie, one group per triangle. Random labelling keeps two
    people of a tie in one group with probability 6/15, so the expected index is
    1 − 2 × 6/15 = +0.2; only 2 of the 20 ways to split six people three and three keep
    the triangles apart, so about 1 shuffle in 10 is as extreme as the observed −0.71 —
    too common to be a finding in so small a network.

    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"), ("d", "f"), ("c", "d")])
    >>> result = ei_permutation_test(g, {n: ("x" if n in "abc" else "y") for n in g})
    >>> round(result["ei_index"], 2), round(result["expected_ei_index"], 1), result["as_extreme"], result["permutations"]
    (-0.71, 0.2, 87, 1000)

    References
    ----------
    Krackhardt, D. (1987). QAP partialling as a test of spuriousness. *Social Networks*
    9(2), 171–186. Good, P. (2005). *Permutation, Parametric and Bootstrap Tests of
    Hypotheses*, 3rd ed. Springer.
    """
    names = [name for name in graph if name in group_of]
    index = {name: i for i, name in enumerate(names)}
    codes = {group: i for i, group in enumerate(dict.fromkeys(group_of[name] for name in names))}
    labels = [codes[group_of[name]] for name in names]
    ends_u, ends_v = [], []
    for u, v in graph.edges():
        if u in index and v in index:
            ends_u.append(index[u])
            ends_v.append(index[v])
    ties = len(ends_u)
    n = len(names)
    if permutations is None:
        permutations = permutation_count(ties + n)
    result: dict[str, object] = {
        "ei_index": None,
        "expected_ei_index": None,
        "p_value": None,
        "permutations": 0,
        "as_extreme": None,
        "seed": seed,
        "ties": ties,
    }
    if ties == 0:
        return result
    observed = sum(map(eq, [labels[i] for i in ends_u], [labels[i] for i in ends_v]))
    # itemgetter with one index returns a bare value, not a tuple; pad so it always returns tuples
    get_u = itemgetter(*ends_u, n)
    get_v = itemgetter(*ends_v, n)
    rng = random.Random(seed)
    draw = rng.random
    positions = range(n)
    internal = []
    for _ in range(permutations):
        keys = [draw() for _ in positions]
        shuffled = [labels[i] for i in sorted(positions, key=keys.__getitem__)]
        shuffled.append(-1)  # the pad: compared with itself once, hence the − 1 below
        internal.append(sum(map(eq, get_u(shuffled), get_v(shuffled))) - 1)
    total_internal = sum(internal)
    # |I − mean| ≥ |I_obs − mean| in exact integers, scaled by the number of shuffles
    far = abs(observed * permutations - total_internal)
    as_extreme = sum(1 for value in internal if abs(value * permutations - total_internal) >= far)
    result.update(
        {
            "ei_index": 1 - 2 * observed / ties,
            "expected_ei_index": 1 - 2 * total_internal / (permutations * ties),
            "p_value": (1 + as_extreme) / (1 + permutations),
            "permutations": permutations,
            "as_extreme": as_extreme,
        }
    )
    return result


def analyse_attribute(
    graph: nx.Graph,
    people: list,
    attribute: str,
    attributes: dict,
    core: set,
    *,
    alpha: float = ALPHA,
    seed: int = PERMUTATION_SEED,
    permutations: int | None = None,
) -> dict:
    """Everything about one grouping attribute: core shares, E-I, brokerage, and findings.

    The key connectors (``core``) are taken as fixed. Each group's number of key
    connectors is tested against random assignment of the labels by :func:`core_shares`
    (exact hypergeometric probabilities, Holm's correction at ``alpha`` over both
    directions of every group), and the overall E-I index by :func:`ei_permutation_test`
    (``seed``, ``permutations``). A finding is stated only when it survives; otherwise one
    sentence says the differences could arise by chance, or that there are too few key
    connectors for any split to be telling. The ``chance`` block records the method.

    Top-level ``expected_ei_index`` is the mean E-I index over the label shuffles; each
    group row keeps the possible-pairs baseline of :func:`ei_by_group`.

    Examples
    --------
    >>> g = nx.path_graph(["a", "b", "c", "d"])
    >>> labels = {"a": {"team": "x"}, "b": {"team": "x"}, "c": {"team": "y"}, "d": {"team": "y"}}
    >>> result = analyse_attribute(g, list(g), "team", labels, {"b"})
    >>> result["outside_core"]
    []
    >>> print(result["findings"][0])  # doctest: +ELLIPSIS
    By team: with only 1 key connector among 4 people, there are too few key connectors to tell whether ...
    >>> result["findings"][0].endswith("even the most lopsided split could arise by chance.")
    True

    References
    ----------
    Krackhardt and Stern (1988); Gould and Fernandez (1989); Holm (1979); Krackhardt (1987);
    see the module documentation.
    """
    group_of = {name: attributes[name][attribute] for name in people if attribute in attributes.get(name, {})}
    shares = core_shares(people, group_of, core, alpha)
    ei = ei_by_group(graph, group_of)
    for row in shares:
        row.update(ei["groups"].get(row["group"], {"internal_ties": None, "external_ties": None, "ei_index": None, "expected_ei_index": None}))
    outside = [row["group"] for row in shares if row["outside_core"]]
    brokerage = None
    if isinstance(graph, nx.DiGraph):
        per_person = gould_fernandez(graph, group_of)
        totals = {group: dict.fromkeys(BROKERAGE_ROLES, 0) for group in dict.fromkeys(group_of.values())}
        for name, counts in per_person.items():
            for role in BROKERAGE_ROLES:
                totals[group_of[name]][role] += counts[role]
        leaders = {}
        for role in BROKERAGE_ROLES:
            ranked = sorted((name for name in per_person if per_person[name][role] > 0), key=lambda n: -per_person[n][role])
            leaders[role] = [{"name": n, "count": per_person[n][role]} for n in ranked[:5]]
        brokerage = {"people": per_person, "groups": totals, "leading": leaders}
    tested = [row for row in shares if row["group"] != MISSING]
    total, core_total = len(people), sum(row["in_core"] for row in shares)
    tests = 2 * len(tested)
    smallest = min((smallest_possible_p(total, row["people"], core_total) for row in tested), default=1.0)
    permuted = ei_permutation_test(graph, group_of, permutations, seed)
    chance = {
        "method": "key connectors by group: exact hypergeometric probability under random assignment of the "
        "same group sizes, key connectors fixed; E-I index: label-permutation test",
        "alpha": alpha,
        "correction": "Holm–Bonferroni over both directions (fewer, more key connectors) of every group of this attribute",
        "tests": tests,
        "smallest_possible_p": smallest,
        "resolvable": bool(tests) and smallest <= alpha / tests,
        "permutations": permuted["permutations"],
        "seed": seed,
        "ei_p_value": permuted["p_value"],
        "ei_as_extreme": permuted["as_extreme"],
        "expected_ei_index": permuted["expected_ei_index"],
    }
    findings = _group_findings(attribute, tested, total, core_total, chance) + _ei_findings(attribute, ei["overall"], permuted, alpha)
    return {
        "attribute": attribute,
        "groups": shares,
        "ei_index": ei["overall"]["ei_index"],
        "expected_ei_index": permuted["expected_ei_index"],
        "internal_ties": ei["overall"]["internal_ties"],
        "external_ties": ei["overall"]["external_ties"],
        "ties_without_group": ei["overall"]["ties_without_group"],
        "outside_core": outside,
        "missing": sum(1 for name in people if name not in group_of),
        "brokerage": brokerage,
        "chance": chance,
        "findings": findings,
    }


def _signed(value: float) -> str:
    """A signed index with a true minus sign: "+0.82", "−0.14"."""
    return f"{value:+.2f}".replace("-", "−")


def _percent(share: float) -> str:
    value = share * 100
    if 0 < value < 1:
        return "less than 1 %"
    if 99 < value < 100:
        return "more than 99 %"
    return f"{value:.0f} %"


def _expected(value: float) -> str:
    if 0 < value < 0.1:
        return "fewer than 0.1"
    return f"{value:,.0f}" if value >= 10 else f"{value:.1f}"


def _how_often(p: float) -> str:
    """``"in 3 % of random assignments"`` and the like, without false precision."""
    if p < 0.001:
        return "in fewer than 1 in 1,000 random assignments"
    if p < 0.01:
        return f"in {p * 100:.1f} % of random assignments"
    return f"in {_percent(p)} of random assignments"


def _group_findings(attribute: str, tested: list[dict], total: int, core_total: int, chance: dict) -> list[str]:
    among = f"among {counted(total, 'person', 'people')}"
    random_labels = f"if the {attribute} labels were assigned at random"
    sentences = []
    for row in tested:
        if not row["significant"]:
            continue
        group, size, count = row["group"], row["people"], row["in_core"]
        figures = f"about {_expected(row['expected_in_core'])} would be expected {random_labels}"
        if row["direction"] == "absent":
            where = "is the key connector" if core_total == 1 else f"is among the {core_total:,} key connectors"
            sentences.append(
                f"By {attribute}: nobody from {group} ({size:,} of {counted(total, 'person', 'people')}) {where}, so this group sits "
                f"outside the core; {figures}, and a gap this large would happen by chance {_how_often(row['p_value'])}."
            )
        else:
            more = row["direction"] == "over"
            sentences.append(
                f"By {attribute}: {group} makes up {_percent(row['share_of_network'])} of the network ({size:,} of "
                f"{counted(total, 'person', 'people')}) but {'' if more else 'only '}{_percent(row['share_of_core'])} of the key connectors "
                f"({count:,} of {core_total:,}), so this group is {'over' if more else 'under'}-represented in the core; "
                f"{figures}, and {'this many or more' if more else 'this few or fewer'} would happen by chance "
                f"{_how_often(row['p_value'])}."
            )
    if sentences or not tested:
        return sentences
    if core_total == 0:
        return [f"By {attribute}: there are no key connectors, so it cannot be said whether any {attribute} group is outside the core."]
    if core_total == total:
        return [f"By {attribute}: everyone is a key connector, so no {attribute} group can be outside the core."]
    if not chance["resolvable"]:
        return [
            f"By {attribute}: with only {counted(core_total, 'key connector')} {among}, there are too few key connectors to tell "
            f"whether any {attribute} group is outside the core or over-represented: even the most lopsided split "
            "could arise by chance."
        ]
    striking = min(tested, key=lambda row: row["p_value"])
    looks_lopsided = any(row["in_core"] == 0 or (row["representation"] and row["representation"] >= 1.5 and row["in_core"] >= 2) for row in tested)
    if looks_lopsided:
        easily = "easily " if striking["p_value"] >= chance["alpha"] else ""
        also = "" if easily else f", not rare enough when {len(tested):,} groups are tested at once"
        return [
            f"By {attribute}: with {counted(core_total, 'key connector')} {among}, the differences between the {attribute} groups "
            f"could {easily}arise by chance (the most lopsided, {striking['group']}, would happen "
            f"{_how_often(striking['p_value'])}{also}), so the numbers are too small to tell whether any group is "
            "outside the core or over-represented."
        ]
    return [
        f"By {attribute}: the {counted(core_total, 'key connector')} are spread across the {attribute} groups about as random "
        "assignment would spread them, so no group stands out as outside the core or over-represented."
    ]


def _ei_findings(attribute: str, overall: dict, permuted: dict, alpha: float) -> list[str]:
    observed, expected, p = overall["ei_index"], permuted["expected_ei_index"], permuted["p_value"]
    if observed is None or expected is None:
        return []
    n, extreme = permuted["permutations"], permuted["as_extreme"]
    if extreme == 0:
        arose = f"no random assignment out of {n:,} gave a difference this large"
    else:
        share = extreme / n
        size = "less than 1 %" if share < 0.01 else _percent(share)
        arose = f"a difference this large arose in {size} of {n:,} random assignments"
    if p < alpha:
        lean = f"ties are more {'inward' if observed < expected else 'outward'}-looking than chance: {arose}"
    else:
        lean = f"within what random assignment gives: {arose}"
    return [
        f"E-I index by {attribute}: {_signed(observed)} against {_signed(expected)} if the {attribute} labels were assigned at "
        f"random — {lean} (−1 all within groups, +1 all across groups)."
    ]
