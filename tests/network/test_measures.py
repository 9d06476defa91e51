"""Measures: closeness, betweenness (unweighted and weighted) against networkx, and reach."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from innovation_toolkit.errors import InputError
from innovation_toolkit.network.measures import (
    _Sweep,
    bridge_counts,
    path_measures,
    reach_within_two,
    shortest_path_sweep,
    tie_weights,
)
from innovation_toolkit.network.summary import density_band, summarise


def with_distance(graph: nx.Graph) -> nx.Graph:
    """A copy whose ``distance`` attribute is 1 / weight, the length networkx is given."""
    copy = graph.copy()
    for _, _, data in copy.edges(data=True):
        data["distance"] = 1 / data.get("weight", 1.0)
    return copy


def random_weights(graph: nx.Graph, seed: int, choices=None) -> nx.Graph:
    rng = random.Random(seed)
    copy = graph.copy()
    for _, _, data in copy.edges(data=True):
        data["weight"] = rng.choice(choices) if choices else 0.1 + rng.random() * 4
    return copy


def test_closeness_equals_networkx_when_connected():
    graph = nx.karate_club_graph()
    paths = path_measures(graph, exact=True)
    values, kind = paths.closeness, paths.kind
    assert kind == "closeness"
    assert values == pytest.approx(nx.closeness_centrality(graph))


def test_harmonic_closeness_when_disconnected_and_directed():
    graph = nx.Graph([(1, 2), (2, 3), (4, 5)])
    paths = path_measures(graph, exact=True)
    values, kind = paths.closeness, paths.kind
    assert kind == "harmonic closeness"
    assert values[2] == pytest.approx(2 / 4)
    assert values[1] == pytest.approx((1 + 1 / 2) / 4)
    directed = nx.gn_graph(30, seed=3)
    paths = path_measures(directed, exact=True)
    values, kind = paths.closeness, paths.kind
    expected = nx.harmonic_centrality(directed)
    assert kind == "harmonic closeness"
    assert values == pytest.approx({n: v / 29 for n, v in expected.items()})


def test_reach_within_two_directed_counts_people_who_reach_you():
    graph = nx.DiGraph([("a", "b"), ("b", "c"), ("d", "c")])
    assert reach_within_two(graph) == {"a": 0, "b": 1, "c": 3, "d": 0}


def test_density_band_is_size_aware():
    assert density_band(3, 2)["band"] == "too small"
    assert density_band(10, 1.8)["band"] == "sparse"
    assert density_band(10, 7.2)["band"] == "clique risk"  # 0.8 × 9
    assert density_band(10, 7.1)["band"] == "typical"
    assert density_band(1000, 29)["band"] == "typical"
    assert density_band(1000, 30)["band"] == "clique risk"  # density only 0.03, but 30 contacts each
    assert density_band(1000, 5)["clique_from"] == 30


def test_summary_directed():
    summary = summarise(nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c")]))
    assert summary["reciprocity"] == pytest.approx(2 / 3)
    assert summary["average_contacts"] == pytest.approx(4 / 3)
    assert summary["density"] == pytest.approx(3 / 6)


@pytest.mark.parametrize(
    "graph",
    [
        nx.karate_club_graph(),
        nx.florentine_families_graph(),
        nx.gnm_random_graph(60, 90, seed=4),
        nx.gnm_random_graph(40, 120, seed=5, directed=True),
        nx.gn_graph(30, seed=3),
    ],
    ids=["karate", "florentine", "random-sparse", "random-directed", "growing-tree"],
)
def test_betweenness_matches_networkx_exact(graph):
    assert path_measures(graph, exact=True).betweenness == pytest.approx(nx.betweenness_centrality(graph), abs=1e-12)


@pytest.mark.parametrize("directed", [False, True])
def test_sampled_betweenness_matches_networkx_with_the_same_seed(directed):
    graph = nx.gnm_random_graph(80, 300, seed=9, directed=directed)
    expected = nx.betweenness_centrality(graph, k=25, seed=42)
    sweep = _Sweep(graph)  # the plain estimate, from the start points networkx's own sampler draws
    sweep.add([sweep.index[node] for node in random.Random(42).sample(list(graph), 25)])
    between, _ = sweep.values(connected=False)
    assert between == pytest.approx(expected, abs=1e-12)


# --- weighted ties: a tie's length is 1 / weight (Opsahl et al. 2010) -------------------------

WEIGHTED = {
    "karate-integer": random_weights(nx.karate_club_graph(), 1, [1, 2, 3, 4, 5]),
    "karate-real": random_weights(nx.karate_club_graph(), 2),
    "les-miserables": nx.les_miserables_graph(),
    "directed": random_weights(nx.gnm_random_graph(50, 180, seed=6, directed=True), 3, [1, 2, 3]),
    "disconnected": random_weights(nx.disjoint_union(nx.path_graph(5), nx.cycle_graph(6)), 4),
}


@pytest.mark.parametrize("name", list(WEIGHTED))
def test_weighted_measures_match_networkx(name):
    graph = WEIGHTED[name]
    reference = with_distance(graph)
    paths = path_measures(graph, weighted=True, exact=True)
    assert paths.betweenness == pytest.approx(nx.betweenness_centrality(reference, weight="distance"), abs=1e-12)
    if paths.kind == "closeness":
        expected = nx.closeness_centrality(reference, distance="distance")
    else:
        n = graph.number_of_nodes()
        expected = {node: value / (n - 1) for node, value in nx.harmonic_centrality(reference, distance="distance").items()}
    assert paths.closeness == pytest.approx(expected, abs=1e-12)
    assert paths.kind == ("harmonic closeness" if name in ("directed", "disconnected") else "closeness")


def test_les_miserables_weights_change_the_answer():
    graph = nx.les_miserables_graph()
    weighted = path_measures(graph, weighted=True).betweenness
    plain = path_measures(graph).betweenness
    assert weighted != pytest.approx(plain)
    assert max(plain, key=plain.get) == "Valjean"


def test_equal_weights_use_the_unweighted_sweep_and_scale_closeness():
    graph = nx.karate_club_graph()
    for _, _, data in graph.edges(data=True):
        data["weight"] = 2.0
    assert tie_weights(graph) == (False, 2.0)
    weighted = path_measures(graph, weighted=True)
    plain = path_measures(graph)
    assert weighted.betweenness == pytest.approx(plain.betweenness)
    assert weighted.closeness == pytest.approx({n: 2 * v for n, v in plain.closeness.items()})
    assert weighted.closeness == pytest.approx(nx.closeness_centrality(with_distance(graph), distance="distance"))


def test_weights_must_be_positive():
    graph = nx.Graph([(1, 2, {"weight": 1.0}), (2, 3, {"weight": -1.0})])
    with pytest.raises(InputError, match="positive"):
        path_measures(graph, weighted=True)


def test_weighted_sweep_agrees_with_unweighted_when_all_weights_are_one():
    graph = nx.gnm_random_graph(70, 200, seed=8)
    for _, _, data in graph.edges(data=True):
        data["weight"] = 1.0
    sources = list(graph)
    _, raw, totals, harmonic = shortest_path_sweep(graph, sources)
    _, raw_w, totals_w, harmonic_w = shortest_path_sweep(graph, sources, weighted=True)
    assert raw_w == pytest.approx(raw) and totals_w == pytest.approx(totals) and harmonic_w == pytest.approx(harmonic)


@pytest.mark.parametrize(
    "graph",
    [
        nx.krackhardt_kite_graph(),
        nx.les_miserables_graph(),
        nx.disjoint_union(nx.barbell_graph(5, 3), nx.path_graph(4)),
        nx.gnm_random_graph(200, 260, seed=1),
        nx.gnm_random_graph(80, 120, seed=2, directed=True),
    ],
    ids=["kite", "les-miserables", "barbell-and-path", "random-sparse", "directed"],
)
def test_bridge_counts_match_networkx(graph):
    undirected = nx.Graph(graph.to_undirected()) if graph.is_directed() else graph
    expected = dict.fromkeys(graph, 0)
    for u, v in nx.bridges(undirected):
        expected[u] += 1
        expected[v] += 1
    assert bridge_counts(graph) == expected


def test_subgraph_views_give_the_same_measures():
    graph = nx.karate_club_graph()
    view = graph.subgraph(list(graph)[:30])
    assert path_measures(view).betweenness == pytest.approx(path_measures(nx.Graph(view)).betweenness)
