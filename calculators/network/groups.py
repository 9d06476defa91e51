"""Groups: who is in the core, the E-I index, and Gould–Fernandez brokerage.

networkx has neither measure; both are written here on top of its graphs.

References
----------
Krackhardt, D. and Stern, R. N. (1988). Informal networks and organizational crises:
    an experimental simulation. *Social Psychology Quarterly* 51(2), 123–140. (E-I index)
Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation: a formal approach to
    brokerage in transaction networks. *Sociological Methodology* 19, 89–126.
"""
from __future__ import annotations

import networkx as nx

from calculators.network import limits

MISSING = "(not given)"
BROKERAGE_ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")


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
    index expected if ties formed at random regardless of group (from the possible pairs),
    which is the fair comparison: a small group has few possible internal ties.

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


def core_shares(people: list, group_of: dict, core: set) -> list[dict]:
    """Each group's share of the network against its share of the core (key connectors).

    People with no value for the attribute form the group ``"(not given)"``. A group with
    members but nobody in the core is ``outside_core``.

    >>> core_shares(["a", "b", "c", "d"], {"a": "x", "b": "x", "c": "y", "d": "y"}, {"a"})[1]["outside_core"]
    True
    """
    sizes: dict = {}
    in_core: dict = {}
    for name in people:
        group = group_of.get(name, MISSING)
        sizes[group] = sizes.get(group, 0) + 1
        if name in core:
            in_core[group] = in_core.get(group, 0) + 1
    total, core_total = len(people), len(core)
    rows = []
    for group in sorted(sizes, key=lambda g: (g == MISSING, -sizes[g], g)):
        share_network = sizes[group] / total if total else 0.0
        share_core = in_core.get(group, 0) / core_total if core_total else 0.0
        rows.append({
            "group": group,
            "people": sizes[group],
            "in_core": in_core.get(group, 0),
            "share_of_network": share_network,
            "share_of_core": share_core,
            "representation": share_core / share_network if share_network else None,
            "outside_core": group != MISSING and in_core.get(group, 0) == 0,
        })
    return rows


def analyse_attribute(graph: nx.Graph, people: list, attribute: str, attributes: dict, core: set) -> dict:
    """Everything about one grouping attribute: core shares, E-I, brokerage, findings."""
    group_of = {name: attributes[name][attribute] for name in people if attribute in attributes.get(name, {})}
    shares = core_shares(people, group_of, core)
    ei = ei_by_group(graph, group_of)
    for row in shares:
        row.update(ei["groups"].get(row["group"], {"internal_ties": None, "external_ties": None, "ei_index": None, "expected_ei_index": None}))
    outside = [row["group"] for row in shares if row["outside_core"]]
    brokerage = None
    if graph.is_directed():
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
    findings = _findings(attribute, shares, ei["overall"], outside)
    return {
        "attribute": attribute,
        "groups": shares,
        "ei_index": ei["overall"]["ei_index"],
        "expected_ei_index": ei["overall"]["expected_ei_index"],
        "internal_ties": ei["overall"]["internal_ties"],
        "external_ties": ei["overall"]["external_ties"],
        "ties_without_group": ei["overall"]["ties_without_group"],
        "outside_core": outside,
        "missing": sum(1 for name in people if name not in group_of),
        "brokerage": brokerage,
        "findings": findings,
    }


def _findings(attribute: str, shares: list[dict], overall: dict, outside: list) -> list[str]:
    sentences = []
    if outside:
        sentences.append(
            f"By {attribute}: nobody from {', '.join(outside)} is among the key connectors, "
            "so these groups sit outside the core."
        )
    over = [row for row in shares if row["group"] != MISSING and row["representation"] and row["representation"] >= 1.5 and row["in_core"] >= 2]
    for row in over:
        sentences.append(
            f"{row['group']} makes up {row['share_of_network'] * 100:.0f} % of the network but "
            f"{row['share_of_core'] * 100:.0f} % of the key connectors."
        )
    observed, expected = overall["ei_index"], overall["expected_ei_index"]
    if observed is not None and expected is not None:
        if observed < expected - 0.1:
            lean = "more inward-looking than random mixing would give"
        elif observed > expected + 0.1:
            lean = "more outward-looking than random mixing would give"
        else:
            lean = "close to what random mixing would give"
        sentences.append(
            f"E-I index by {attribute}: {observed:+.2f} against {expected:+.2f} expected — ties are {lean} "
            "(−1 all within groups, +1 all across groups)."
        )
    return sentences
