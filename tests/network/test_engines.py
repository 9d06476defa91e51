"""The optional networkit engine agrees with the built-in Python engine (issue 11)."""

from __future__ import annotations

import os
import random
import sys

import networkx as nx
import pytest

from innovation_toolkit.errors import InputError
from innovation_toolkit.network import limits, networkit_engine
from innovation_toolkit.network.measures import path_measures

HAVE_NETWORKIT = networkit_engine.available()
needs_networkit = pytest.mark.skipif(
    not HAVE_NETWORKIT and not os.environ.get("CI"),
    reason="networkit is not installed (pip install 'innovation-toolkit[large]'); in CI this test must run",
)


def weighted(graph: nx.Graph, seed: int) -> nx.Graph:
    rng = random.Random(seed)
    copy = graph.copy()
    for _, _, data in copy.edges(data=True):
        data["weight"] = rng.choice([1, 2, 3, 5])
    return copy


REFERENCE = {
    "kite": (nx.krackhardt_kite_graph(), False),
    "karate": (nx.karate_club_graph(), False),
    "karate-weighted": (weighted(nx.karate_club_graph(), 5), True),
    "florentine": (nx.florentine_families_graph(), False),
    "les-miserables": (nx.les_miserables_graph(), True),
    "directed": (nx.gnm_random_graph(60, 200, seed=2, directed=True), False),
    "disconnected": (nx.disjoint_union(nx.krackhardt_kite_graph(), nx.path_graph(4)), False),
}


@needs_networkit
@pytest.mark.parametrize("name", list(REFERENCE))
def test_engines_agree_exactly_on_reference_networks(name):
    graph, use_weights = REFERENCE[name]
    python = path_measures(graph, weighted=use_weights, exact=True)
    compiled = path_measures(graph, weighted=use_weights, exact=True, engine="networkit")
    assert compiled.kind == python.kind
    assert compiled.betweenness == pytest.approx(python.betweenness, abs=1e-9)
    assert compiled.closeness == pytest.approx(python.closeness, abs=1e-9)
    assert compiled.accuracy["exact"] is True and compiled.accuracy["engine"] == "networkit"
    assert set(compiled.accuracy) == set(python.accuracy)


@needs_networkit
def test_networkit_estimate_has_the_same_format_and_is_close(monkeypatch):
    monkeypatch.setitem(limits.NETWORKIT_EXACT_WORK_BUDGET_BY_SCALE, limits.BROWSER, 1_000)
    monkeypatch.setitem(limits.NETWORKIT_SAMPLE_WORK_BUDGET_BY_SCALE, limits.BROWSER, 1_000_000)
    monkeypatch.setattr(limits, "MIN_PIVOTS", 50)
    graph = nx.powerlaw_cluster_graph(400, 3, 0.3, seed=4)
    estimate = path_measures(graph, engine="networkit")
    python = path_measures(graph)
    assert estimate.accuracy["method"] == "networkit adaptive pivots" or estimate.accuracy["exact"]
    assert set(estimate.accuracy) == set(python.accuracy)
    assert "by networkit" in estimate.accuracy["sentence"] or estimate.accuracy["exact"]
    exact = path_measures(graph, exact=True)
    top = sorted(graph, key=exact.betweenness.get, reverse=True)[:5]
    for node in top:
        assert estimate.betweenness[node] == pytest.approx(exact.betweenness[node], rel=0.35)
        assert estimate.closeness[node] == pytest.approx(exact.closeness[node], rel=0.05)


def test_networkit_in_the_browser_is_a_one_line_input_error(monkeypatch):
    monkeypatch.setattr(sys, "platform", "emscripten")
    with pytest.raises(InputError) as caught:
        path_measures(nx.path_graph(4), engine="networkit")
    message = str(caught.value)
    assert "only on the command line" in message and "\n" not in message


def test_missing_networkit_is_a_one_line_input_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "networkit", None)  # import fails
    with pytest.raises(InputError, match=r"pip install 'innovation-toolkit\[large\]'"):
        networkit_engine.load()
