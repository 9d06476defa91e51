"""The measures behind the three connector roles, plus the structural cross-checks.

Each function computes one measure for every person and returns ``{name: value}``.
Directed graphs are read as nominations: an edge ``A → B`` means A named B.

Betweenness and closeness come from :func:`path_measures`: exact while the work fits the
budget of the scale in force (:mod:`innovation_toolkit.network.limits`), or when asked for;
otherwise betweenness is estimated from a growing, seeded sample of start points until the
role holders stop changing, with the achieved agreement reported in plain English, and
closeness stays exact (:func:`exact_closeness`) unless tie weights vary.

References
----------
Freeman, L. C. (1979). Centrality in social networks: conceptual clarification.
    *Social Networks* 1, 215–239. (degree, betweenness, closeness)
Brandes, U. (2001). A faster algorithm for betweenness centrality.
    *Journal of Mathematical Sociology* 25(2), 163–177. (networkx's algorithm)
Brandes, U. and Pich, C. (2007). Centrality estimation in large networks.
    *International Journal of Bifurcation and Chaos* 17(7), 2303–2318. (pivot sampling)
Geisberger, R., Sanders, P. and Schultes, D. (2008). Better approximation of betweenness
    centrality. *Proceedings of ALENEX 2008*, 90–100. (linear scaling of sampled dependencies)
Eppstein, D. and Wang, J. (2004). Fast approximation of centrality.
    *Journal of Graph Algorithms and Applications* 8(1), 39–45. (sampled closeness)
Then, M., Kaufmann, M., Chirigati, F., Hoang-Vu, T.-A., Pham, K., Kemper, A., Neumann, T.
    and Vo, H. T. (2014). The more the merrier: efficient multi-source graph traversal.
    *Proceedings of the VLDB Endowment* 8(4), 449–460. (bit-parallel searches, exact closeness)
Marchiori, M. and Latora, V. (2000). Harmony in the small-world.
    *Physica A* 285, 539–546; Boldi, P. and Vigna, S. (2014). Axioms for centrality.
    *Internet Mathematics* 10, 222–262. (harmonic closeness)
Newman, M. E. J. (2001). Scientific collaboration networks II. *Physical Review E* 64,
    016132; Opsahl, T., Agneessens, F. and Skvoretz, J. (2010). Node centrality in weighted
    networks. *Social Networks* 32, 245–251. (a tie's length is 1 / its strength)
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from heapq import heappop, heappush
from typing import Protocol

import networkx as nx

from innovation_toolkit.errors import InputError
from innovation_toolkit.network import limits

ENGINES = ("python", "networkit")


def hub_degree(graph: nx.Graph) -> dict:
    """Number of direct ties: degree, or in-degree (times named by others) when directed.

    The hub measure. In nomination data, being named by many people is the evidence that
    others see you as someone to go to; naming many people is only your own view.

    >>> hub_degree(nx.star_graph(3))[0]
    3
    """
    if isinstance(graph, nx.DiGraph):
        return dict(graph.in_degree())
    return dict(graph.degree())


def strength(graph: nx.Graph) -> dict:
    """Sum of tie weights per person (incoming weights when directed); equals degree when unweighted.

    >>> strength(nx.Graph([("a", "b", {"weight": 2.5})]))["a"]
    2.5
    """
    if isinstance(graph, nx.DiGraph):
        return {n: float(w) for n, w in graph.in_degree(weight="weight")}
    return {n: float(w) for n, w in graph.degree(weight="weight")}


def _inward(graph: nx.Graph) -> dict:
    """Adjacency along which distances *to* a person are measured."""
    if isinstance(graph, nx.DiGraph):
        return {node: list(graph.pred[node]) for node in graph}
    return {node: list(graph.adj[node]) for node in graph}


def tie_weights(graph: nx.Graph) -> tuple[bool, float]:
    """``(varied, common)``: whether tie weights differ, and the weight all ties share if not.

    Weights are tie strengths and must be positive numbers (a missing weight counts as 1).

    >>> tie_weights(nx.Graph([(1, 2, {"weight": 2}), (2, 3, {"weight": 2})]))
    (False, 2.0)
    """
    seen: set = set()
    for _, _, data in graph.edges(data=True):
        weight = float(data.get("weight", 1.0))
        if not (weight > 0 and math.isfinite(weight)):
            raise InputError(f"tie weights must be positive numbers to be read as tie strength, found {weight:g}")
        seen.add(weight)
        if len(seen) > 1:
            return True, 1.0
    return False, (seen.pop() if seen else 1.0)


class _Sweep:
    """Indexed adjacency and running totals for repeated shortest-path searches (Brandes 2001).

    ``add(sources)`` runs one search per source (breadth-first, or Dijkstra with a heap when
    ``weighted``, a tie's length being ``1 / weight``) and adds each node's pair
    dependencies to ``raw`` and its distance and inverse distance from each source to
    ``distance_totals`` and ``harmonic_totals``. Nodes are renumbered to list positions,
    which makes these pure-Python loops faster than networkx's dictionary-based ones.
    """

    def __init__(self, graph: nx.Graph, weighted: bool = False, linear: bool = False, closeness: bool = True):
        self.closeness = closeness  # False: betweenness only (closeness comes from exact_closeness), a leaner loop
        self.nodes = list(graph)
        index = {node: i for i, node in enumerate(self.nodes)}
        self.index = index
        adjacency = graph.succ if isinstance(graph, nx.DiGraph) else graph.adj
        self.out = [[index[m] for m in adjacency[node]] for node in self.nodes]
        if isinstance(graph, nx.DiGraph):
            self.into = [[index[m] for m in graph.pred[node]] for node in self.nodes]
        else:
            self.into = self.out
        self.weighted = weighted
        if weighted:
            self.lengths = [[1 / float(data.get("weight", 1.0)) for data in adjacency[node].values()] for node in self.nodes]
        n = len(self.nodes)
        self.n = n
        self.raw = [0.0] * n
        self.linear = linear and not weighted and not graph.is_directed()
        self.scaled = [0.0] * n
        self.distance_totals = [0.0 if weighted else 0] * n
        self.harmonic_totals = [0.0] * n
        self.is_source = bytearray(n)
        self.sources = 0

    def add(self, sources: list) -> None:
        """Search from each source (list positions) not searched before."""
        fresh = [s for s in sources if not self.is_source[s]]
        for s in fresh:
            self.is_source[s] = 1
        self.sources += len(fresh)
        if self.weighted:
            self._dijkstra(fresh)
        elif self.closeness:
            self._breadth_first(fresh)
        else:
            self._breadth_first_between(fresh)

    def _breadth_first_between(self, sources: list) -> None:
        """:meth:`_breadth_first` without the distance totals: pair dependencies only."""
        into, n = self.into, self.n
        linear, raw, scaled = self.linear, self.raw, self.scaled
        for s in sources:
            dist, sigma, order = self._count_paths(s)
            delta = [0.0] * n
            order.reverse()
            order.pop()  # the source, now last
            if linear:
                for w in order:
                    level = dist[w]
                    coefficient = (1 / level + delta[w]) / sigma[w]
                    previous = level - 1
                    for v in into[w]:
                        if dist[v] == previous:
                            delta[v] += sigma[v] * coefficient
                    scaled[w] += level * delta[w]
            else:
                for w in order:
                    coefficient = (1.0 + delta[w]) / sigma[w]
                    previous = dist[w] - 1
                    for v in into[w]:
                        if dist[v] == previous:
                            delta[v] += sigma[v] * coefficient
                    raw[w] += delta[w]

    def _count_paths(self, s: int) -> tuple[list, list, list]:
        """One breadth-first search from ``s``: ``(distances, shortest-path counts, order reached)``."""
        out, n = self.out, self.n
        dist = [-1] * n
        sigma = [0] * n
        dist[s] = 0
        sigma[s] = 1
        order = [s]
        append = order.append
        for v in order:  # the list grows while it is read: a breadth-first queue
            next_level = dist[v] + 1
            paths = sigma[v]
            for w in out[v]:
                d = dist[w]
                if d < 0:
                    dist[w] = next_level
                    sigma[w] = paths
                    append(w)
                elif d == next_level:
                    sigma[w] += paths
        return dist, sigma, order

    def _breadth_first(self, sources: list) -> None:
        into, n = self.into, self.n
        raw, distance_totals, harmonic_totals = self.raw, self.distance_totals, self.harmonic_totals
        linear, scaled = self.linear, self.scaled
        for s in sources:
            dist, sigma, order = self._count_paths(s)
            delta = [0.0] * n
            if linear:
                for w in reversed(order):
                    level = dist[w]
                    if level == 0:
                        continue
                    inverse = 1 / level
                    distance_totals[w] += level
                    harmonic_totals[w] += inverse
                    coefficient = (inverse + delta[w]) / sigma[w]
                    previous = level - 1
                    for v in into[w]:
                        if dist[v] == previous:
                            delta[v] += sigma[v] * coefficient
                    scaled[w] += level * delta[w]
            else:
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

    def _dijkstra(self, sources: list) -> None:
        out, lengths, n = self.out, self.lengths, self.n
        raw, distance_totals, harmonic_totals = self.raw, self.distance_totals, self.harmonic_totals
        infinity = math.inf
        for s in sources:
            dist = [infinity] * n
            sigma = [0] * n
            preds: list = [None] * n
            done = bytearray(n)
            dist[s] = 0.0
            sigma[s] = 1
            preds[s] = []
            heap = [(0.0, s)]
            order = []
            while heap:
                d, v = heappop(heap)
                if done[v]:
                    continue
                done[v] = 1
                order.append(v)
                paths = sigma[v]
                for w, length in zip(out[v], lengths[v], strict=True):
                    candidate = d + length
                    known = dist[w]
                    if candidate < known:
                        dist[w] = candidate
                        sigma[w] = paths
                        preds[w] = [v]
                        heappush(heap, (candidate, w))
                    elif candidate == known and not done[w]:
                        sigma[w] += paths
                        preds[w].append(v)
            delta = [0.0] * n
            for w in reversed(order):
                if w == s:
                    continue
                level = dist[w]
                distance_totals[w] += level
                harmonic_totals[w] += 1 / level
                coefficient = (1.0 + delta[w]) / sigma[w]
                for v in preds[w]:
                    delta[v] += sigma[v] * coefficient
                raw[w] += delta[w]

    def values(self, connected: bool, closeness_scale: float = 1.0) -> tuple[dict, dict]:
        """Betweenness and closeness from the totals so far (see :func:`path_measures`)."""
        n, k = self.n, self.sources
        sampled = k < n
        between: dict = {}
        close: dict = {}
        for i, node in enumerate(self.nodes):
            is_source = self.is_source[i]
            if n <= 2:
                between[node] = 0.0
            elif self.linear:
                between[node] = 2 * n * self.scaled[i] / (k * (n - 1) * (n - 2))
            elif sampled:
                between[node] = self.raw[i] / (((k - 1) if is_source else k) * (n - 2)) if k > 1 else 0.0
            else:
                between[node] = self.raw[i] / ((n - 1) * (n - 2))
            others = (n - 1) if not sampled else (k - 1 if is_source else k)
            if not self.closeness:
                continue
            if others <= 0:
                close[node] = 0.0
            elif connected:
                close[node] = closeness_scale * others / self.distance_totals[i] if self.distance_totals[i] else 0.0
            else:
                close[node] = closeness_scale * self.harmonic_totals[i] / others
        return between, close


def shortest_path_sweep(graph: nx.Graph, sources: list, *, weighted: bool = False) -> tuple[list, list, list, list]:
    """One search per source, counting shortest paths (Brandes 2001).

    Returns ``(nodes, raw_betweenness, distance_totals, harmonic_totals)``, lists indexed
    like ``nodes``: the summed pair dependencies of each node, and for each node the sum
    of ``d(s, v)`` and of ``1 / d(s, v)`` over the sources ``s`` that reach it. The same
    sweep serves betweenness and closeness, so each start point is searched once. With
    ``weighted``, a tie's length is ``1 / weight`` (Dijkstra); the results match networkx's
    ``betweenness_centrality`` with ``weight`` set to that length (tested).
    """
    sweep = _Sweep(graph, weighted)
    sweep.add([sweep.index[s] for s in sources])
    return sweep.nodes, sweep.raw, sweep.distance_totals, sweep.harmonic_totals


def distance_totals(graph: nx.Graph) -> tuple[list, list, list]:
    """Exact ``(nodes, Σ d(u, v), Σ 1 / d(u, v))`` over the people ``u`` who reach each ``v``, in steps.

    Bit-parallel breadth-first searches (Then et al. 2014): a Python integer per person
    holds one bit per start point, so one ``|`` moves many searches one step along a tie,
    and the searches from up to :data:`limits.CLOSENESS_BITS` ``÷ people`` start points
    run together. Distances are measured *to* each person (along nominations, when
    directed), as :func:`path_measures` does; self-loops are ignored.

    >>> distance_totals(nx.path_graph(3))
    ([0, 1, 2], [3, 2, 3], [1.5, 2.0, 1.5])
    """
    nodes = list(graph)
    index = {node: i for i, node in enumerate(nodes)}
    n = len(nodes)
    adjacency = graph.pred if isinstance(graph, nx.DiGraph) else graph.adj
    into = [[index[u] for u in adjacency[node] if u != node] for node in nodes]
    totals = [0] * n
    harmonic = [0.0] * n
    batch = max(1, min(n, limits.CLOSENESS_BITS // max(n, 1)))
    for start in range(0, n, batch):
        width = min(batch, n - start)
        full = (1 << width) - 1
        seen = [0] * n
        frontier = [0] * n
        for j in range(width):
            seen[start + j] = frontier[start + j] = 1 << j
        pending = [v for v in range(n) if into[v] and seen[v] != full]
        level = 0
        while pending:
            level += 1
            inverse = 1 / level
            following = [0] * n
            still = []
            grew = False
            for v in pending:
                arrived = 0
                for u in into[v]:
                    arrived |= frontier[u]
                known = seen[v]
                new = arrived & ~known
                if new:
                    known |= new
                    seen[v] = known
                    following[v] = new
                    reached = new.bit_count()
                    totals[v] += reached * level
                    harmonic[v] += reached * inverse
                    grew = True
                if known != full:
                    still.append(v)
            if not grew:
                break
            frontier = following
            pending = still
    return nodes, totals, harmonic


def exact_closeness(graph: nx.Graph, connected: bool, scale: float = 1.0) -> dict:
    """Exact closeness (or harmonic closeness when not ``connected``) of everyone, without tie weights.

    The same values as :func:`path_measures` computes exactly (and networkx's
    ``closeness_centrality`` / ``harmonic_centrality ÷ (n − 1)``, tested), from
    :func:`distance_totals`; ``scale`` is the weight every tie shares, as in
    :func:`path_measures`.

    >>> exact_closeness(nx.path_graph(3), True)
    {0: 0.6666666666666666, 1: 1.0, 2: 0.6666666666666666}
    """
    nodes, totals, harmonic = distance_totals(graph)
    others = len(nodes) - 1
    if others <= 0:
        return dict.fromkeys(nodes, 0.0)
    if connected:
        return {node: scale * others / total if total else 0.0 for node, total in zip(nodes, totals, strict=True)}
    return {node: scale * value / others for node, value in zip(nodes, harmonic, strict=True)}


def is_fully_connected(graph: nx.Graph) -> bool:
    """True when every person can reach every other (strongly, for directed graphs)."""
    if graph.number_of_nodes() == 0:
        return False
    if isinstance(graph, nx.DiGraph):
        return nx.is_strongly_connected(graph)
    return nx.is_connected(graph)


@dataclass
class PathMeasures:
    """Betweenness and closeness for every person, and how exactly they were computed.

    ``accuracy`` is JSON-ready: ``exact`` (bool), ``method``, ``engine``, ``pivots``,
    ``people``, ``seed``, ``rounds``, ``agreement`` (None when exact, else
    ``{role: Jaccard index}`` between the last two rounds), ``agreement_target``,
    ``stopped`` (why refinement ended), ``history``, ``closeness_exact`` (bool: closeness
    computed in full even when betweenness is estimated) and a plain-English ``sentence``.
    """

    betweenness: dict
    closeness: dict
    kind: str
    accuracy: dict = field(default_factory=dict)


RoleSets = Callable[[dict, dict], dict]

EXACT_SENTENCE = "Exact: every person's position was computed in full."


def top_share_sets(between: dict, close: dict) -> dict:
    """A stand-in role rule: the top 5 % (at least one person) on betweenness and on closeness.

    Used when :func:`path_measures` is given no ``role_sets``; ties at the cut are broken
    by input order, and nobody with a score of zero is included.

    >>> top_share_sets({"a": 1.0, "b": 0.0, "c": 0.5}, {"a": 0.2, "b": 0.9, "c": 0.1})
    {'gatekeeper': frozenset({'a'}), 'pulsetaker': frozenset({'b'})}
    """

    def top(values: dict) -> frozenset:
        k = max(1, math.ceil(round(limits.TOP_SHARE * len(values), 9)))
        ordered = sorted(values, key=lambda name: -values[name])[:k]
        return frozenset(name for name in ordered if values[name] > 0)

    return {"gatekeeper": top(between), "pulsetaker": top(close)}


def jaccard(a: frozenset | set, b: frozenset | set) -> float:
    """``|a ∩ b| / |a ∪ b|``, and 1.0 when both are empty.

    >>> jaccard({1, 2, 3}, {2, 3, 4}), jaccard(set(), set())
    (0.5, 1.0)
    """
    union = len(set(a) | set(b))
    return len(set(a) & set(b)) / union if union else 1.0


def check_engine(engine: object) -> str:
    """Return ``engine`` if it names an engine, else raise a one-line :class:`InputError`."""
    if engine not in ENGINES:
        raise InputError(f"'engine' must be one of {', '.join(repr(e) for e in ENGINES)}, not {str(engine)[:40]!r}")
    return engine


def path_measures(
    graph: nx.Graph,
    *,
    weighted: bool = False,
    exact: bool = False,
    engine: str = "python",
    role_sets: RoleSets | None = None,
    seed: int | None = None,
) -> PathMeasures:
    """Betweenness and closeness of everyone in ``graph`` (which has no isolated people).

    **Betweenness** (the gatekeeper measure, Freeman 1979): the share of shortest paths
    between other pairs that pass through each person, normalised to 0–1 exactly as
    networkx does (divided by ``(n − 1)(n − 2)``). Estimated from ``k`` start points
    (Brandes and Pich 2007) with linear scaling on undirected, unweighted networks: a start
    point ``s`` credits ``v`` with ``d(s, v) / d(s, t)`` of each pair ``(s, t)`` through it,
    scaled by ``2n / k`` (Geisberger et al. 2008), which removes most of the error for
    people next to a start point; directed or weighted networks use the plain estimate,
    scaled as networkx does (``k(n − 2)``, or ``(k − 1)(n − 2)`` for a start point).

    **Closeness** (the pulsetaker measure): when everyone can reach everyone, ``kind`` is
    ``"closeness"``, ``(n − 1) / Σ d(v, u)`` (Freeman 1979). Otherwise distances to
    unreachable people are infinite and classic closeness misleads, so ``kind`` is
    ``"harmonic closeness"``, ``Σ 1/d(v, u) / (n − 1)`` (Marchiori and Latora 2000).
    Directed graphs use distances *to* the person along nominations. Estimated from the
    start points' distances only (Eppstein and Wang 2004).

    ``weighted`` reads each tie's ``weight`` as strength: a tie's length is ``1 / weight``
    (Newman 2001; Opsahl et al. 2010), as networkx computes with ``weight``/``distance``
    set to that length. When every tie has the same weight ``w`` the unweighted search is
    used and closeness multiplied by ``w`` (the same values, faster).

    **Exact or estimated.** Exact when ``exact`` is true or ``people × ties`` (× 3 with
    varied weights) is within the scale's :data:`limits.EXACT_WORK_BUDGET`. Otherwise the
    start points are a seeded random order of everyone (``seed``, default
    :data:`limits.SAMPLING_SEED`); the first :data:`limits.MIN_PIVOTS` are searched, then
    twice as many, and so on. After each round ``role_sets(betweenness, closeness)`` (by
    default :func:`top_share_sets`) gives the role holders; refinement stops when two
    successive rounds agree at Jaccard ≥ :data:`limits.AGREEMENT_TARGET` for every role,
    when the budget :data:`limits.SAMPLE_WORK_BUDGET` is spent (a last, smaller round is
    made only if it adds at least half as many start points again), or when everyone has
    been a start point (then the result is exact). ``engine="networkit"`` does the same
    with networkit's compiled searches (command line only, :mod:`networkit_engine`).
    Closeness is not estimated unless tie weights vary: while ``people × ties`` is within
    :data:`limits.CLOSENESS_EXACT_WORK_BUDGET` it is computed exactly by
    :func:`exact_closeness` for either engine (``accuracy["closeness_exact"]``).

    >>> paths = path_measures(nx.path_graph(3))
    >>> paths.betweenness[1], paths.closeness[1], paths.kind, paths.accuracy["exact"]
    (1.0, 1.0, 'closeness', True)
    """
    check_engine(engine)
    if nx.is_frozen(graph):  # a subgraph view: every later pass over it would be filtered, slowly
        graph = graph.copy()
    seed = limits.SAMPLING_SEED if seed is None else seed
    role_sets = role_sets or top_share_sets
    n = graph.number_of_nodes()
    ties = max(graph.number_of_edges(), 1)
    varied, common = tie_weights(graph) if weighted else (False, 1.0)
    connected = is_fully_connected(graph)
    kind = "closeness" if connected else "harmonic closeness"
    cost = ties * (limits.WEIGHTED_COST if varied else 1)
    known = not varied and n > 2 and n * ties <= limits.CLOSENESS_EXACT_WORK_BUDGET
    estimator: PathEstimator
    if engine == "networkit":
        from innovation_toolkit.network import networkit_engine

        estimator = networkit_engine.Estimator(graph, varied, connected, common, seed, closeness=not known)
        exact_budget, sample_budget = limits.NETWORKIT_EXACT_WORK_BUDGET, limits.NETWORKIT_SAMPLE_WORK_BUDGET
    else:
        estimator = _PythonEstimator(graph, varied, connected, common, seed, closeness=not known)
        exact_budget, sample_budget = limits.EXACT_WORK_BUDGET, limits.SAMPLE_WORK_BUDGET
    if known:
        estimator = _KnownCloseness(estimator, exact_closeness(graph, connected, common))
    if exact or n <= 2 or n * cost <= exact_budget:
        between, close = estimator.exact()
        return PathMeasures(between, close, kind, _exact_accuracy(engine, n, "asked" if exact else "within budget"))
    max_pivots = min(n, max(2, sample_budget // cost))
    between, close, accuracy = _refine(estimator, n, max_pivots, role_sets, engine, seed, known)
    return PathMeasures(between, close, kind, accuracy)


def _exact_accuracy(engine: str, n: int, stopped: str) -> dict:
    return {
        "exact": True,
        "method": "exact" if engine == "python" else "networkit exact",
        "engine": engine,
        "pivots": n,
        "people": n,
        "seed": None,
        "rounds": 1 if stopped != "everyone" else None,
        "agreement": None,
        "agreement_target": limits.AGREEMENT_TARGET,
        "stopped": stopped,
        "history": [],
        "closeness_exact": True,
        "sentence": EXACT_SENTENCE,
    }


class PathEstimator(Protocol):
    """What :func:`path_measures` needs of an engine: ``(betweenness, closeness)``, exact or from ``k`` start points."""

    def exact(self) -> tuple[dict, dict]: ...

    def estimate(self, k: int) -> tuple[dict, dict]: ...

    def complete(self) -> tuple[dict, dict]: ...


class _PythonEstimator:
    """Betweenness and closeness from the first ``k`` people of a seeded order (pure Python).

    With ``closeness`` false only betweenness is computed (the closeness returned is empty).
    """

    def __init__(self, graph: nx.Graph, weighted: bool, connected: bool, common: float, seed: int, closeness: bool = True):
        self.graph, self.weighted = graph, weighted
        self.closeness = closeness
        self.sweep = _Sweep(graph, weighted, linear=True, closeness=closeness)
        self.connected = connected
        self.common = common
        self.order = random.Random(seed).sample(range(self.sweep.n), self.sweep.n)

    def exact(self) -> tuple[dict, dict]:
        sweep = _Sweep(self.graph, self.weighted, closeness=self.closeness)
        sweep.add(list(range(sweep.n)))
        return sweep.values(self.connected, self.common)

    def estimate(self, k: int) -> tuple[dict, dict]:
        self.sweep.add(self.order[self.sweep.sources : k])
        return self.sweep.values(self.connected, self.common)

    def complete(self) -> tuple[dict, dict]:
        """Everyone a start point: exact, reusing the searches already made."""
        return self.estimate(self.sweep.n)


class _KnownCloseness:
    """An engine whose closeness is replaced by exact values computed beforehand (betweenness is still estimated)."""

    def __init__(self, estimator: PathEstimator, closeness: dict):
        self.estimator, self.closeness = estimator, closeness

    def exact(self) -> tuple[dict, dict]:
        return self.estimator.exact()[0], self.closeness

    def estimate(self, k: int) -> tuple[dict, dict]:
        return self.estimator.estimate(k)[0], self.closeness

    def complete(self) -> tuple[dict, dict]:
        return self.estimator.complete()[0], self.closeness


def _refine(
    estimator: PathEstimator, n: int, max_pivots: int, role_sets: RoleSets, engine: str, seed: int, closeness_exact: bool = False
) -> tuple[dict, dict, dict]:
    """Grow the sample in doubling rounds until the role holders agree (see :func:`path_measures`).

    With ``closeness_exact`` the estimator's closeness is exact (only betweenness is
    sampled), so the pulsetakers never change between rounds and the sentence says so.
    """
    k = min(limits.MIN_PIVOTS, max(1, max_pivots // 2))
    previous = None
    history: list[dict] = []
    stopped = "budget"
    while True:
        between, close = estimator.complete() if k >= n else estimator.estimate(k)
        if k >= n:
            accuracy = _exact_accuracy(engine, n, "everyone")
            accuracy["rounds"] = len(history) + 1
            accuracy["history"] = history
            return between, close, accuracy
        sets = {role: frozenset(names) for role, names in role_sets(between, close).items()}
        agreement = None if previous is None else {role: round(jaccard(previous[1].get(role, frozenset()), sets[role]), 4) for role in sets}
        history.append({"pivots": k, "agreement": agreement})
        if agreement is not None and min(agreement.values(), default=1.0) >= limits.AGREEMENT_TARGET:
            stopped = "agreed"
            break
        following = min(n, 2 * k, max_pivots)
        if following < n and following < 1.5 * k:  # too small a step for the comparison to mean anything
            break
        previous = (k, sets)
        k = following
    last_agreement = history[-1]["agreement"]
    accuracy = {
        "exact": False,
        "method": "adaptive pivots" if engine == "python" else "networkit adaptive pivots",
        "engine": engine,
        "pivots": k,
        "people": n,
        "seed": seed,
        "rounds": len(history),
        "agreement": last_agreement,
        "agreement_target": limits.AGREEMENT_TARGET,
        "stopped": stopped,
        "history": history,
        "closeness_exact": closeness_exact,
        "sentence": _estimate_sentence(k, n, seed, previous[0] if previous else None, last_agreement, stopped, engine, closeness_exact),
    }
    return between, close, accuracy


CLOSENESS_EXACT_SENTENCE = "Pulsetakers are exact: everyone's distance to everyone else was computed in full."


def _estimate_sentence(
    k: int, n: int, seed: int, before: int | None, agreement: dict | None, stopped: str, engine: str, closeness_exact: bool = False
) -> str:
    """The plain-English account of an estimate, for a council officer rather than a statistician.

    >>> _estimate_sentence(400, 2000, 42, 200, {"gatekeeper": 0.5, "pulsetaker": 1.0}, "budget", "python", True)[:60]
    'Gatekeepers are estimated from 400 of 2,000 people as starti'
    """
    by = " by networkit" if engine == "networkit" else ""
    who = "Gatekeepers are" if closeness_exact else "Gatekeepers and pulsetakers are"
    start = f"{who} estimated{by} from {k:,} of {n:,} people as starting points (seed {seed})"
    after = " " + CLOSENESS_EXACT_SENTENCE if closeness_exact else ""
    if not agreement:
        once = ": the time budget allowed only one round, so the estimate's stability was not measured; people near the cut-off may differ."
        return start + once + after
    changed = round((1 - min(agreement.values(), default=1.0)) * 100)
    grew = "doubling the sample" if before and k == 2 * before else f"enlarging the sample from {before:,} to {k:,} people"
    holders = "gatekeepers" if closeness_exact else "role holders"
    if stopped == "agreed":
        what = f"none of the {holders}" if changed == 0 else f"at most {changed} % of the {holders}"
        return f"{start}; {grew} changed {what}, so a few people near the cut-off may differ." + after
    return (
        f"{start}; the time budget ran out while {grew} still changed up to {changed} % of the {holders}, "
        "so people near the cut-off are uncertain: ask for exact values (slower) to be sure." + after
    )


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

    One iterative depth-first search with low-links (Tarjan 1974) on indexed lists, the
    same bridges as ``networkx.bridges`` (tested) at a fraction of the time on large graphs.

    >>> bridge_counts(nx.path_graph(3))
    {0: 1, 1: 2, 2: 1}
    """
    undirected = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    nodes = list(undirected)
    index = {node: i for i, node in enumerate(nodes)}
    adjacency = [[index[m] for m in undirected.adj[node] if m != node] for node in nodes]
    n = len(nodes)
    found = [-1] * n
    low = [0] * n
    counts = [0] * n
    clock = 0
    for root in range(n):
        if found[root] >= 0:
            continue
        found[root] = low[root] = clock
        clock += 1
        stack = [(root, -1, iter(adjacency[root]))]
        while stack:
            v, parent, neighbours = stack[-1]
            for w in neighbours:
                if w == parent:
                    continue
                if found[w] < 0:
                    found[w] = low[w] = clock
                    clock += 1
                    stack.append((w, v, iter(adjacency[w])))
                    break
                if found[w] < low[v]:
                    low[v] = found[w]
            else:
                stack.pop()
                if parent >= 0:
                    if low[v] < low[parent]:
                        low[parent] = low[v]
                    if low[v] > found[parent]:
                        counts[v] += 1
                        counts[parent] += 1
    return {node: counts[i] for i, node in enumerate(nodes)}


def reciprocity(graph: nx.Graph) -> float | None:
    """Share of nominations that are returned (directed only), else None.

    >>> reciprocity(nx.DiGraph([(1, 2), (2, 1), (2, 3)]))
    0.6666666666666666
    """
    if not graph.is_directed() or graph.number_of_edges() == 0:
        return None
    return nx.overall_reciprocity(graph)


def networkx_baseline(text: str, pivots: int, seed: int = 42) -> dict:
    """networkx's own sampled betweenness plus closeness on an edge list: the benchmark baseline.

    ``nx.betweenness_centrality(G, k=pivots, seed=seed)`` and ``nx.closeness_centrality(G)``,
    the straightforward way to get both measures; scripts/bench_accuracy.py times it in the
    same run as :func:`path_measures`, in CPython and in Pyodide, and prints the ratio.

    >>> networkx_baseline("a,b\\nb,c", 2)
    {'people': 3, 'pivots': 2}
    """
    graph = nx.parse_edgelist(text.splitlines(), delimiter=",", nodetype=str)
    k = min(pivots, graph.number_of_nodes())
    nx.betweenness_centrality(graph, k=k, seed=seed)
    nx.closeness_centrality(graph)
    return {"people": graph.number_of_nodes(), "pivots": k}
