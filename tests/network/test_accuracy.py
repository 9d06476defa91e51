"""Exact where it fits, and estimates whose accuracy is measured and reported (issue 11)."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from innovation_toolkit.errors import InputError
from innovation_toolkit.network import analyse, limits
from innovation_toolkit.network.measures import (
    CLOSENESS_EXACT_SENTENCE,
    EXACT_SENTENCE,
    distance_totals,
    exact_closeness,
    jaccard,
    path_measures,
    top_share_sets,
)

from .helpers import edge_text


@pytest.fixture
def small_budget(monkeypatch):
    """A browser-scale budget small enough that a 300-person network is estimated."""
    monkeypatch.setitem(limits.EXACT_WORK_BUDGET_BY_SCALE, limits.BROWSER, 10_000)
    monkeypatch.setitem(limits.SAMPLE_WORK_BUDGET_BY_SCALE, limits.BROWSER, 200_000)
    monkeypatch.setattr(limits, "MIN_PIVOTS", 20)


GRAPH = nx.powerlaw_cluster_graph(300, 3, 0.3, seed=11)


def test_small_networks_are_exact():
    paths = path_measures(nx.karate_club_graph())
    assert paths.accuracy["exact"] is True and paths.accuracy["agreement"] is None
    assert paths.accuracy["sentence"] == EXACT_SENTENCE
    json.dumps(paths.accuracy)


def test_exact_flag_gives_exact_values_above_the_budget(small_budget):
    estimated = path_measures(GRAPH)
    assert estimated.accuracy["exact"] is False
    forced = path_measures(GRAPH, exact=True)
    assert forced.accuracy["exact"] is True and forced.accuracy["stopped"] == "asked"
    assert forced.betweenness == pytest.approx(nx.betweenness_centrality(GRAPH), abs=1e-12)
    assert forced.closeness == pytest.approx(nx.closeness_centrality(GRAPH), abs=1e-12)


def test_adaptive_estimate_reports_agreement_and_repeats_for_a_seed(small_budget):
    first = path_measures(GRAPH)
    accuracy = first.accuracy
    assert accuracy["method"] == "adaptive pivots" and accuracy["engine"] == "python"
    assert accuracy["seed"] == limits.SAMPLING_SEED and accuracy["people"] == 300
    assert accuracy["rounds"] >= 2 and accuracy["pivots"] == accuracy["history"][-1]["pivots"]
    assert [row["pivots"] for row in accuracy["history"]][:2] == [20, 40]
    assert set(accuracy["agreement"]) == {"gatekeeper", "pulsetaker"}
    assert all(0 <= value <= 1 for value in accuracy["agreement"].values())
    assert accuracy["stopped"] in ("agreed", "budget")
    if accuracy["stopped"] == "agreed":
        assert min(accuracy["agreement"].values()) >= limits.AGREEMENT_TARGET
    else:
        assert accuracy["pivots"] * GRAPH.number_of_edges() <= 200_000
    assert f"from {accuracy['pivots']:,} of 300 people as starting points (seed 42)" in accuracy["sentence"]
    json.dumps(accuracy)
    again = path_measures(GRAPH)
    assert again.betweenness == first.betweenness and again.closeness == first.closeness and again.accuracy == accuracy
    other = path_measures(GRAPH, seed=7)
    assert other.accuracy["seed"] == 7 and other.betweenness != first.betweenness


def test_estimate_is_close_to_exact_where_it_matters(small_budget):
    estimated = path_measures(GRAPH)
    exact = path_measures(GRAPH, exact=True)
    agreement = {
        role: jaccard(a, b)
        for (role, a), b in zip(
            top_share_sets(estimated.betweenness, estimated.closeness).items(),
            top_share_sets(exact.betweenness, exact.closeness).values(),
            strict=True,
        )
    }
    assert min(agreement.values()) >= 0.5, agreement


def test_refinement_stops_when_the_callback_agrees(small_budget):
    calls = []

    def constant(between, close):
        calls.append(len(between))
        return {"gatekeeper": frozenset({"x"}), "pulsetaker": frozenset()}

    paths = path_measures(GRAPH, role_sets=constant)
    assert paths.accuracy["stopped"] == "agreed" and paths.accuracy["rounds"] == 2 and len(calls) == 2
    assert paths.accuracy["agreement"] == {"gatekeeper": 1.0, "pulsetaker": 1.0}
    assert "changed none of the gatekeepers" in paths.accuracy["sentence"]
    assert paths.accuracy["closeness_exact"] is True and paths.accuracy["sentence"].endswith(CLOSENESS_EXACT_SENTENCE)


def test_refinement_that_reaches_everyone_is_exact(monkeypatch):
    monkeypatch.setitem(limits.EXACT_WORK_BUDGET_BY_SCALE, limits.BROWSER, 1_000)
    monkeypatch.setattr(limits, "MIN_PIVOTS", 10)
    graph = nx.karate_club_graph()

    rounds = iter(range(100))

    def never(between, close):  # a different holder every round: the sets never agree
        return {"gatekeeper": frozenset({next(rounds)}), "pulsetaker": frozenset()}

    paths = path_measures(graph, role_sets=never)
    assert paths.accuracy["exact"] is True and paths.accuracy["stopped"] == "everyone"
    assert paths.betweenness == pytest.approx(nx.betweenness_centrality(graph), abs=1e-12)
    assert paths.closeness == pytest.approx(nx.closeness_centrality(graph), abs=1e-12)


def test_budget_sentence_says_the_estimate_is_uncertain(monkeypatch):
    monkeypatch.setitem(limits.EXACT_WORK_BUDGET_BY_SCALE, limits.BROWSER, 1_000)
    monkeypatch.setitem(limits.SAMPLE_WORK_BUDGET_BY_SCALE, limits.BROWSER, 40 * GRAPH.number_of_edges())
    monkeypatch.setattr(limits, "MIN_PIVOTS", 20)
    flip = iter(range(100))

    def unstable(between, close):
        return {"gatekeeper": frozenset({next(flip)}), "pulsetaker": frozenset()}

    paths = path_measures(GRAPH, role_sets=unstable)
    accuracy = paths.accuracy
    assert accuracy["stopped"] == "budget" and accuracy["pivots"] == 40 and accuracy["agreement"]["gatekeeper"] == 0.0
    assert "doubling the sample still changed up to 100 % of the gatekeepers" in accuracy["sentence"]
    assert "uncertain" in accuracy["sentence"]


def test_unknown_engine_is_one_line_input_error():
    with pytest.raises(InputError, match="'engine' must be one of 'python', 'networkit'"):
        path_measures(nx.path_graph(4), engine="igraph")


# --- limits by scale -----------------------------------------------------------------------------


def test_limits_by_scale():
    assert limits.in_force() == limits.BROWSER
    browser = limits.as_dict()
    assert browser["scale"] == "browser" and browser["max_people"] == 5_000 and browser["max_ties"] == 50_000
    with limits.scale(limits.COMMAND_LINE):
        command_line = limits.as_dict()
        assert limits.MAX_PEOPLE == 100_000 and limits.MAX_TIES == 1_000_000
    assert command_line["max_rows"] >= 5 * command_line["max_ties"] and command_line["max_characters"] >= 100_000_000
    assert limits.as_dict(limits.COMMAND_LINE) == command_line
    assert limits.MAX_PEOPLE == 5_000
    with pytest.raises(InputError, match="'scale' must be one of"):
        limits.as_dict("phone")


def test_analyse_applies_the_scale_limits(monkeypatch):
    monkeypatch.setitem(limits.MAX_PEOPLE_BY_SCALE, limits.BROWSER, 10)
    text = edge_text(nx.path_graph(12))
    with pytest.raises(InputError, match="the limit is 10"):
        analyse(text)
    result = analyse(text, scale="command-line")
    assert result["summary"]["people"] == 12 and result["limits"]["scale"] == "command-line"
    assert result["limits"]["max_people"] == 100_000
    assert limits.in_force() == limits.BROWSER
    with pytest.raises(InputError, match="'scale' must be one of"):
        analyse(text, scale="region")


def test_analyse_reports_accuracy_and_honours_exact(small_budget):
    text = edge_text(GRAPH)
    estimated = analyse(text)
    assert estimated["accuracy"]["exact"] is False and estimated["accuracy"]["agreement"]
    exact = analyse(text, exact=True)
    assert exact["accuracy"]["exact"] is True and exact["accuracy"]["sentence"] == EXACT_SENTENCE


def test_linear_scaled_estimate_with_everyone_is_exact():
    from innovation_toolkit.network.measures import _PythonEstimator

    graph = nx.karate_club_graph()
    estimator = _PythonEstimator(graph, False, True, 1.0, 42)
    estimator.estimate(10)
    between, close = estimator.complete()
    assert between == pytest.approx(nx.betweenness_centrality(graph), abs=1e-12)
    assert close == pytest.approx(nx.closeness_centrality(graph), abs=1e-12)


def test_no_token_last_round(monkeypatch):
    """A budget of 41 start points stops at 40: one more would prove nothing."""
    monkeypatch.setitem(limits.EXACT_WORK_BUDGET_BY_SCALE, limits.BROWSER, 1_000)
    monkeypatch.setitem(limits.SAMPLE_WORK_BUDGET_BY_SCALE, limits.BROWSER, 41 * GRAPH.number_of_edges())
    monkeypatch.setattr(limits, "MIN_PIVOTS", 20)
    rounds = iter(range(100))
    paths = path_measures(GRAPH, role_sets=lambda b, c: {"gatekeeper": frozenset({next(rounds)})})
    assert [row["pivots"] for row in paths.accuracy["history"]] == [20, 40]
    monkeypatch.setitem(limits.SAMPLE_WORK_BUDGET_BY_SCALE, limits.BROWSER, 70 * GRAPH.number_of_edges())
    paths = path_measures(GRAPH, role_sets=lambda b, c: {"gatekeeper": frozenset({next(rounds)})})
    assert [row["pivots"] for row in paths.accuracy["history"]] == [20, 40, 70]
    assert "enlarging the sample from 40 to 70 people" in paths.accuracy["sentence"]


# --- closeness computed in full above the betweenness budget -------------------------------------


def _networkx_closeness(graph: nx.Graph, connected: bool) -> dict:
    if connected:
        return nx.closeness_centrality(graph)
    others = graph.number_of_nodes() - 1
    return {node: value / others for node, value in nx.harmonic_centrality(graph).items()}


@pytest.mark.parametrize(
    "graph",
    [
        nx.karate_club_graph(),
        nx.gnp_random_graph(60, 0.04, seed=3),  # in pieces: harmonic closeness
        nx.gnp_random_graph(50, 0.06, seed=4, directed=True),  # distances towards each person
        nx.DiGraph(nx.cycle_graph(9)),
        nx.Graph([(1, 1), (1, 2), (2, 3)]),  # a self-loop is ignored
    ],
    ids=["karate", "pieces", "directed", "directed cycle", "self-loop"],
)
@pytest.mark.parametrize("bits", [10**9, 64, 7])  # everyone at once, or start points in batches
def test_exact_closeness_matches_networkx(graph, bits, monkeypatch):
    monkeypatch.setattr(limits, "CLOSENESS_BITS", bits)
    graph = graph.copy()
    graph.remove_edges_from(nx.selfloop_edges(graph))
    connected = nx.is_strongly_connected(graph) if graph.is_directed() else nx.is_connected(graph)
    assert exact_closeness(graph, connected) == pytest.approx(_networkx_closeness(graph, connected), abs=1e-12)
    assert exact_closeness(graph, connected, 2.5) == pytest.approx({k: 2.5 * v for k, v in _networkx_closeness(graph, connected).items()}, abs=1e-12)


def test_distance_totals_on_a_path_and_a_lone_person():
    assert distance_totals(nx.path_graph(4))[1] == [6, 4, 4, 6]
    lone = nx.Graph()
    lone.add_node("a")
    assert distance_totals(lone) == (["a"], [0], [0.0]) and exact_closeness(lone, True) == {"a": 0.0}


def test_estimated_betweenness_comes_with_exact_closeness(small_budget):
    paths = path_measures(GRAPH)
    assert paths.accuracy["exact"] is False and paths.accuracy["closeness_exact"] is True
    assert paths.closeness == pytest.approx(nx.closeness_centrality(GRAPH), abs=1e-12)
    assert paths.accuracy["agreement"]["pulsetaker"] == 1.0
    assert paths.accuracy["sentence"].startswith("Gatekeepers are estimated from ")


def test_closeness_is_estimated_with_varied_weights_or_above_its_budget(small_budget, monkeypatch):
    weighted = GRAPH.copy()
    for i, (u, v) in enumerate(weighted.edges()):
        weighted[u][v]["weight"] = 1 + i % 3
    paths = path_measures(weighted, weighted=True)
    assert paths.accuracy["exact"] is False and paths.accuracy["closeness_exact"] is False
    assert paths.accuracy["sentence"].startswith("Gatekeepers and pulsetakers are estimated")
    assert CLOSENESS_EXACT_SENTENCE not in paths.accuracy["sentence"]
    monkeypatch.setitem(limits.CLOSENESS_EXACT_WORK_BUDGET_BY_SCALE, limits.BROWSER, 1_000)
    paths = path_measures(GRAPH)
    assert paths.accuracy["closeness_exact"] is False
    assert paths.closeness != pytest.approx(nx.closeness_centrality(GRAPH), abs=1e-12)


def test_pulsetaker_sentences_say_estimated_only_when_closeness_is(small_budget):
    result = analyse(edge_text(GRAPH))
    assert result["accuracy"]["closeness_exact"] is True
    assert result["roles"]["pulsetaker"]["measure_label"] == "closeness"
    assert result["roles"]["gatekeeper"]["measure_label"].endswith("(estimated)")
    sentences = [p["sentences"]["pulsetaker"] for p in result["people"] if "pulsetaker" in p["sentences"]]
    assert sentences and not any("(estimated)" in sentence for sentence in sentences)
