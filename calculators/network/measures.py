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


def betweenness(graph: nx.Graph, plan: dict) -> dict:
    """Share of shortest paths between other pairs that pass through each person (0–1).

    The gatekeeper measure (Freeman 1979), via networkx's Brandes algorithm; with pivot
    sampling (Brandes and Pich 2007) when ``plan["sampled"]``. Unweighted: every tie is
    one step.

    >>> betweenness(nx.path_graph(3), {"sampled": False})[1]
    1.0
    """
    if plan.get("sampled"):
        return nx.betweenness_centrality(graph, k=plan["pivots"], normalized=True, seed=plan["seed"])
    return nx.betweenness_centrality(graph, normalized=True)


def _inward(graph: nx.Graph) -> dict:
    """Adjacency along which distances *to* a person are measured."""
    if graph.is_directed():
        return {node: list(graph.pred[node]) for node in graph}
    return {node: list(graph.adj[node]) for node in graph}


def _outward(graph: nx.Graph) -> dict:
    if graph.is_directed():
        return {node: list(graph.succ[node]) for node in graph}
    return {node: list(graph.adj[node]) for node in graph}


def _bfs_levels(adjacency: dict, start) -> dict:
    """Breadth-first distances from ``start`` following ``adjacency``."""
    distance = {start: 0}
    frontier = [start]
    level = 0
    while frontier:
        level += 1
        following = []
        for node in frontier:
            for neighbour in adjacency[node]:
                if neighbour not in distance:
                    distance[neighbour] = level
                    following.append(neighbour)
        frontier = following
    return distance


def is_fully_connected(graph: nx.Graph) -> bool:
    """True when every person can reach every other (strongly, for directed graphs)."""
    if graph.number_of_nodes() == 0:
        return False
    if graph.is_directed():
        return nx.is_strongly_connected(graph)
    return nx.is_connected(graph)


def closeness(graph: nx.Graph, plan: dict) -> tuple[dict, str]:
    """Closeness of each person: how few steps separate them from everyone else (0–1).

    The pulsetaker measure. Returns ``(values, kind)``. When everyone can reach everyone,
    ``kind`` is ``"closeness"``: ``(n − 1) / Σ d(v, u)`` (Freeman 1979). Otherwise distances
    to unreachable people are infinite and classic closeness misleads, so ``kind`` is
    ``"harmonic closeness"``: ``Σ 1/d(v, u) / (n − 1)`` (Marchiori and Latora 2000).
    Directed graphs use distances *to* the person along nominations (being reachable by
    chains of people who name each other). With ``plan["sampled"]`` both are estimated from
    the pivots' distances (Eppstein and Wang 2004).

    >>> values, kind = closeness(nx.path_graph(3), {"sampled": False})
    >>> values[1], kind
    (1.0, 'closeness')
    """
    n = graph.number_of_nodes()
    connected = is_fully_connected(graph)
    kind = "closeness" if connected else "harmonic closeness"
    if n <= 1:
        return {node: 0.0 for node in graph}, kind
    values: dict = {}
    if not plan.get("sampled"):
        inward = _inward(graph)
        for node in graph:
            distance = _bfs_levels(inward, node)
            if connected:
                total = sum(distance.values())
                values[node] = (n - 1) / total if total else 0.0
            else:
                values[node] = sum(1 / d for d in distance.values() if d) / (n - 1)
        return values, kind
    pivots = random.Random(plan["seed"]).sample(list(graph), plan["pivots"])
    outward = _outward(graph)
    totals = {node: 0.0 for node in graph}
    pivot_set = set(pivots)
    for pivot in pivots:
        for node, d in _bfs_levels(outward, pivot).items():
            if d:
                totals[node] += d if connected else 1 / d
    k = len(pivots)
    for node in graph:
        others = k - (1 if node in pivot_set else 0)
        if others <= 0 or totals[node] == 0:
            values[node] = 0.0
        elif connected:
            values[node] = others / totals[node]
        else:
            values[node] = totals[node] / others
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
