"""The measures behind the three connector roles, plus the structural cross-checks.

Each function computes one measure for every person and returns ``{name: value}``.
Directed graphs are read as nominations: an edge ``A → B`` means A named B.

References
----------
Freeman, L. C. (1979). Centrality in social networks: conceptual clarification.
    *Social Networks* 1, 215–239. (degree, betweenness, closeness)
Brandes, U. (2001). A faster algorithm for betweenness centrality.
    *Journal of Mathematical Sociology* 25(2), 163–177. (networkx's algorithm)
Brandes, U. and Pich, C. (2007). Centrality estimation in large networks.
    *International Journal of Bifurcation and Chaos* 17(7), 2303–2318. (pivot sampling)
Eppstein, D. and Wang, J. (2004). Fast approximation of centrality.
    *Journal of Graph Algorithms and Applications* 8(1), 39–45. (sampled closeness)
Marchiori, M. and Latora, V. (2000). Harmony in the small-world.
    *Physica A* 285, 539–546; Boldi, P. and Vigna, S. (2014). Axioms for centrality.
    *Internet Mathematics* 10, 222–262. (harmonic closeness)
"""
from __future__ import annotations

import random

import networkx as nx

from calculators.network import limits


def sampling_plan(graph: nx.Graph) -> dict:
    """Decide whether betweenness and closeness are exact or estimated from pivots.

    Exact computation costs about ``people × ties`` steps. When that exceeds
    :data:`limits.EXACT_WORK_BUDGET`, the measures use ``k`` pivots with
    ``k = EXACT_WORK_BUDGET // ties``, at least :data:`limits.MIN_PIVOTS` and at most the
    number of people, drawn with the fixed seed :data:`limits.SAMPLING_SEED`.

    >>> sampling_plan(nx.path_graph(10))["sampled"]
    False
    """
    people = graph.number_of_nodes()
    ties = max(graph.number_of_edges(), 1)
    if people * ties <= limits.EXACT_WORK_BUDGET:
        return {"sampled": False, "pivots": people, "seed": None}
    pivots = min(people, max(limits.MIN_PIVOTS, limits.EXACT_WORK_BUDGET // ties))
    if pivots >= people:
        return {"sampled": False, "pivots": people, "seed": None}
    return {"sampled": True, "pivots": pivots, "seed": limits.SAMPLING_SEED}


def hub_degree(graph: nx.Graph) -> dict:
    """Number of direct ties: degree, or in-degree (times named by others) when directed.

    The hub measure. In nomination data, being named by many people is the evidence that
    others see you as someone to go to; naming many people is only your own view.

    >>> hub_degree(nx.star_graph(3))[0]
    3
    """
    if graph.is_directed():
        return dict(graph.in_degree())
    return dict(graph.degree())


def strength(graph: nx.Graph) -> dict:
    """Sum of tie weights per person (incoming weights when directed); equals degree when unweighted.

    >>> strength(nx.Graph([("a", "b", {"weight": 2.5})]))["a"]
    2.5
    """
    if graph.is_directed():
        return {n: float(w) for n, w in graph.in_degree(weight="weight")}
    return {n: float(w) for n, w in graph.degree(weight="weight")}


def _inward(graph: nx.Graph) -> dict:
    """Adjacency along which distances *to* a person are measured."""
    if graph.is_directed():
        return {node: list(graph.pred[node]) for node in graph}
    return {node: list(graph.adj[node]) for node in graph}


def _pivots(graph: nx.Graph, plan: dict) -> list:
    """Start points: everyone, or the seeded sample networkx's own sampler would draw."""
    if plan.get("sampled"):
        return random.Random(plan["seed"]).sample(list(graph), plan["pivots"])
    return list(graph)


def shortest_path_sweep(graph: nx.Graph, sources: list) -> tuple[list, list, list, list]:
    """One breadth-first sweep per source, counting shortest paths (Brandes 2001).

    Returns ``(nodes, raw_betweenness, distance_totals, harmonic_totals)``, lists indexed
    like ``nodes``: the summed pair dependencies of each node, and for each node the sum
    of ``d(s, v)`` and of ``1 / d(s, v)`` over the sources ``s`` that reach it. The same
    sweep serves betweenness and closeness, so each start point is searched once. Nodes
    are renumbered to list positions, which makes this pure-Python loop faster than
    networkx's dictionary-based one; the results match networkx's
    ``betweenness_centrality`` (tested).
    """
    nodes = list(graph)
    index = {node: i for i, node in enumerate(nodes)}
    if graph.is_directed():
        out = [[index[m] for m in graph.succ[node]] for node in nodes]
        into = [[index[m] for m in graph.pred[node]] for node in nodes]
    else:
        out = [[index[m] for m in graph.adj[node]] for node in nodes]
        into = out
    n = len(nodes)
    raw = [0.0] * n
    distance_totals = [0] * n
    harmonic_totals = [0.0] * n
    for source in sources:
        s = index[source]
        dist = [-1] * n
        sigma = [0] * n
        dist[s] = 0
        sigma[s] = 1
        order = [s]
        position = 0
        while position < len(order):
            v = order[position]
            position += 1
            next_level = dist[v] + 1
            paths = sigma[v]
            for w in out[v]:
                if dist[w] < 0:
                    dist[w] = next_level
                    sigma[w] = paths
                    order.append(w)
                elif dist[w] == next_level:
                    sigma[w] += paths
        delta = [0.0] * n
        for w in reversed(order):
            level = dist[w]
            if level == 0:
                continue
            distance_totals[w] += level
            harmonic_totals[w] += 1 / level
            coefficient = (1.0 + delta[w]) / sigma[w]
            previous = level - 1
            for v in into[w]:
                if dist[v] == previous:
                    delta[v] += sigma[v] * coefficient
            raw[w] += delta[w]
    return nodes, raw, distance_totals, harmonic_totals


def is_fully_connected(graph: nx.Graph) -> bool:
    """True when every person can reach every other (strongly, for directed graphs)."""
    if graph.number_of_nodes() == 0:
        return False
    if graph.is_directed():
        return nx.is_strongly_connected(graph)
    return nx.is_connected(graph)


def path_measures(graph: nx.Graph, plan: dict) -> tuple[dict, dict, str]:
    """Betweenness and closeness from one shared sweep: ``(betweenness, closeness, kind)``.

    **Betweenness** (the gatekeeper measure, Freeman 1979): the share of shortest paths
    between other pairs that pass through each person, normalised to 0–1 exactly as
    networkx does (divided by ``(n − 1)(n − 2)``; with ``k`` pivots, by ``k(n − 2)``, or
    ``(k − 1)(n − 2)`` for a pivot itself — Brandes and Pich 2007).

    **Closeness** (the pulsetaker measure): when everyone can reach everyone, ``kind`` is
    ``"closeness"``, ``(n − 1) / Σ d(v, u)`` (Freeman 1979). Otherwise distances to
    unreachable people are infinite and classic closeness misleads, so ``kind`` is
    ``"harmonic closeness"``, ``Σ 1/d(v, u) / (n − 1)`` (Marchiori and Latora 2000).
    Directed graphs use distances *to* the person along nominations (being reachable by
    chains of people naming each other). With pivots, both are estimated from the pivots'
    distances only (Eppstein and Wang 2004).

    Ties are unweighted: every tie is one step.

    >>> between, close, kind = path_measures(nx.path_graph(3), {"sampled": False})
    >>> between[1], close[1], kind
    (1.0, 1.0, 'closeness')
    """
    n = graph.number_of_nodes()
    connected = is_fully_connected(graph)
    kind = "closeness" if connected else "harmonic closeness"
    sources = _pivots(graph, plan)
    nodes, raw, distance_totals, harmonic_totals = shortest_path_sweep(graph, sources)
    k = len(sources)
    sampled = bool(plan.get("sampled"))
    source_set = set(sources) if sampled else set()
    between: dict = {}
    close: dict = {}
    for i, node in enumerate(nodes):
        is_source = node in source_set
        if n <= 2:
            between[node] = 0.0
        elif sampled:
            between[node] = raw[i] / (((k - 1) if is_source else k) * (n - 2)) if k > 1 else 0.0
        else:
            between[node] = raw[i] / ((n - 1) * (n - 2))
        others = (n - 1) if not sampled else (k - 1 if is_source else k)
        if others <= 0:
            close[node] = 0.0
        elif connected:
            close[node] = others / distance_totals[i] if distance_totals[i] else 0.0
        else:
            close[node] = harmonic_totals[i] / others
    return between, close, kind


def betweenness(graph: nx.Graph, plan: dict) -> dict:
    """Betweenness of each person (see :func:`path_measures`).

    >>> betweenness(nx.path_graph(3), {"sampled": False})[1]
    1.0
    """
    return path_measures(graph, plan)[0]


def closeness(graph: nx.Graph, plan: dict) -> tuple[dict, str]:
    """Closeness of each person, and which kind (see :func:`path_measures`).

    >>> values, kind = closeness(nx.path_graph(3), {"sampled": False})
    >>> values[1], kind
    (1.0, 'closeness')
    """
    _, values, kind = path_measures(graph, plan)
    return values, kind


def reach_within_two(graph: nx.Graph) -> dict:
    """How many other people are at most two steps away (towards the person, when directed).

    A plain-language companion to closeness: "reaches 30 people through one intermediary".

    >>> reach_within_two(nx.path_graph(4))[0]
    2
    """
    inward = _inward(graph)
    reach = {}
    for node, first in inward.items():
        seen = set(first)
        for neighbour in first:
            seen.update(inward[neighbour])
        seen.discard(node)
        reach[node] = len(seen)
    return reach


def cut_points(graph: nx.Graph) -> set:
    """People whose removal splits their connected group (articulation points), ties undirected.

    >>> sorted(cut_points(nx.path_graph(3)))
    [1]
    """
    undirected = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    return set(nx.articulation_points(undirected))


def bridge_counts(graph: nx.Graph) -> dict:
    """Number of bridges (ties whose loss splits a group) each person is part of, ties undirected.

    >>> bridge_counts(nx.path_graph(3))
    {0: 1, 1: 2, 2: 1}
    """
    undirected = nx.Graph(graph.to_undirected(as_view=True)) if graph.is_directed() else graph
    counts = {node: 0 for node in graph}
    for u, v in nx.bridges(undirected):
        counts[u] += 1
        counts[v] += 1
    return counts


def reciprocity(graph: nx.Graph) -> float | None:
    """Share of nominations that are returned (directed only), else None.

    >>> reciprocity(nx.DiGraph([(1, 2), (2, 1), (2, 3)]))
    0.6666666666666666
    """
    if not graph.is_directed() or graph.number_of_edges() == 0:
        return None
    return nx.overall_reciprocity(graph)
