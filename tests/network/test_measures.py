"""Measures, the top-5 % rule, sampling and the density band."""
from __future__ import annotations

import networkx as nx
import pytest

from calculators.network import analyse, limits
from calculators.network.measures import closeness, reach_within_two, sampling_plan
from calculators.network.roles import competition_ranks, cutoff_count, top_share
from calculators.network.summary import density_band, summarise

from .helpers import edge_text


def test_closeness_equals_networkx_when_connected():
    graph = nx.karate_club_graph()
    values, kind = closeness(graph, {"sampled": False})
    assert kind == "closeness"
    expected = nx.closeness_centrality(graph)
    assert values == pytest.approx(expected)


def test_harmonic_closeness_when_disconnected_and_directed():
    graph = nx.Graph([(1, 2), (2, 3), (4, 5)])
    values, kind = closeness(graph, {"sampled": False})
    assert kind == "harmonic closeness"
    assert values[2] == pytest.approx(2 / 4)
    assert values[1] == pytest.approx((1 + 1 / 2) / 4)
    directed = nx.gn_graph(30, seed=3)
    values, kind = closeness(directed, {"sampled": False})
    expected = nx.harmonic_centrality(directed)
    assert kind == "harmonic closeness"
    assert values == pytest.approx({n: v / 29 for n, v in expected.items()})


def test_reach_within_two_directed_counts_people_who_reach_you():
    graph = nx.DiGraph([("a", "b"), ("b", "c"), ("d", "c")])
    assert reach_within_two(graph) == {"a": 0, "b": 1, "c": 3, "d": 0}


def test_cutoff_count_and_top_share():
    assert [cutoff_count(n) for n in (1, 19, 20, 21, 40, 41)] == [1, 1, 1, 2, 2, 3]
    assert top_share({"a": 1, "b": 1, "c": 1}) == (["a", "b", "c"], 1)
    assert top_share({"a": 0.0, "b": 0.0}) == ([], None)
    assert top_share({f"p{i}": (1.0 if i == 0 else 0.0) for i in range(100)}, 0.05) == (["p0"], 1.0)
    assert top_share({"a": 0.1 + 0.2, "b": 0.3, "c": 0.1}, 0.3) == (["a", "b"], pytest.approx(0.3))


def test_competition_ranks_share_places():
    assert competition_ranks({"a": 1, "b": 3, "c": 3, "d": 2}) == {"b": 1, "c": 1, "d": 3, "a": 4}


def test_complete_graph_has_hubs_everywhere_and_no_gatekeeper():
    result = analyse(edge_text(nx.complete_graph(6)))
    assert len(result["roles"]["hub"]["people"]) == 6
    assert "shared widely" in result["roles"]["hub"]["note"]
    assert result["roles"]["gatekeeper"]["people"] == []
    assert result["roles"]["gatekeeper"]["note"] == "nobody scores above zero on betweenness"
    assert result["summary"]["density_band"]["band"] == "clique risk"


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


def test_sampling_plan_thresholds():
    assert sampling_plan(nx.path_graph(500))["sampled"] is False
    big = nx.gnm_random_graph(2000, 10_000, seed=1)
    plan = sampling_plan(big)
    assert plan == {"sampled": True, "pivots": limits.EXACT_WORK_BUDGET // 10_000, "seed": limits.SAMPLING_SEED}


def test_sampled_result_says_so_and_agrees_on_clear_leaders():
    graph = nx.barabasi_albert_graph(1500, 3, seed=7)
    result = analyse(edge_text(graph))
    assert result["summary"]["sampled"] is True and result["limits"]["sampled"] is True
    assert any(note["kind"] == "sampling" for note in result["notes"])
    assert "estimated" in result["roles"]["gatekeeper"]["measure_label"]
    # in a preferential-attachment graph the oldest, best-connected node is the clear broker
    best = max(graph, key=graph.degree)
    assert str(best) in result["roles"]["gatekeeper"]["people"]
    assert str(best) in result["roles"]["hub"]["people"]
    assert analyse(edge_text(graph)) == result  # fixed seed: repeatable


@pytest.mark.parametrize("graph", [
    nx.karate_club_graph(),
    nx.florentine_families_graph(),
    nx.gnm_random_graph(60, 90, seed=4),
    nx.gnm_random_graph(40, 120, seed=5, directed=True),
    nx.gn_graph(30, seed=3),
], ids=["karate", "florentine", "random-sparse", "random-directed", "growing-tree"])
def test_betweenness_matches_networkx_exact(graph):
    from calculators.network.measures import betweenness

    assert betweenness(graph, {"sampled": False}) == pytest.approx(nx.betweenness_centrality(graph), abs=1e-12)


@pytest.mark.parametrize("directed", [False, True])
def test_sampled_betweenness_matches_networkx_with_the_same_seed(directed):
    from calculators.network.measures import betweenness

    graph = nx.gnm_random_graph(80, 300, seed=9, directed=directed)
    plan = {"sampled": True, "pivots": 25, "seed": 42}
    expected = nx.betweenness_centrality(graph, k=25, seed=42)
    assert betweenness(graph, plan) == pytest.approx(expected, abs=1e-12)
