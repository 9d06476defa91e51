"""Resilience on small graphs worked out by hand, and checked against brute force."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from innovation_toolkit.network import analyse
from innovation_toolkit.network.resilience import departure, largest_group, most_critical, split_sizes

# Two triangles joined through "m":  a-b-c triangle, c-m, m-x, x-y-z triangle, plus a lone pair p-q.
BOWTIE = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("c", "m"), ("m", "x"), ("x", "y"), ("y", "z"), ("x", "z"), ("p", "q")])


def test_split_sizes_hand_worked():
    pieces = split_sizes(BOWTIE)
    assert pieces == {"c": [4, 2], "m": [3, 3], "x": [4, 2]}


def test_split_sizes_of_a_star_and_a_cycle():
    assert split_sizes(nx.star_graph(4)) == {0: [1, 1, 1, 1]}
    assert split_sizes(nx.cycle_graph(6)) == {}


def test_most_critical_hand_worked():
    critical = most_critical(BOWTIE)
    # m leaves 3 + 3: three people cut off from the larger remaining piece; c and x cut off only 2
    assert critical["name"] == "m" and critical["cut_off"] == 3 and critical["pieces"] == [3, 3]
    assert critical["largest_group_after"] == 3
    assert most_critical(nx.cycle_graph(5)) is None


def test_departure_hand_worked():
    result = departure(BOWTIE, {"m"})
    assert result["largest_group_before"] == 7 and result["largest_group_after"] == 3
    assert result["cut_off"] == 3 and result["isolated"] == 0
    result = departure(BOWTIE, {"c", "x"})
    # a-b and y-z pairs remain, m is left alone, p-q untouched
    assert result["largest_group_after"] == 2 and result["isolated"] == 1
    # what is left of the main group: {a, b}, {m}, {y, z}; the largest piece keeps 2, so 3 are cut off
    assert result["cut_off"] == 3


def test_directed_graph_uses_ties_either_way():
    graph = nx.DiGraph([("a", "b"), ("c", "b")])
    assert largest_group(graph) == {"a", "b", "c"}
    assert split_sizes(graph) == {"b": [1, 1]}


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=2, max_value=14), st.data())
def test_split_sizes_match_brute_force(n, data):
    edges = data.draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=25))
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from((u, v) for u, v in edges if u != v)
    pieces = split_sizes(graph)
    for node in graph:
        rest = graph.subgraph([v for v in graph if v != node])
        own = nx.node_connected_component(graph, node) - {node}
        parts = sorted((len(c) for c in nx.connected_components(rest.subgraph(own))), reverse=True)
        if len(parts) >= 2:
            assert pieces[node] == parts
        else:
            assert node not in pieces


def test_resilience_in_the_full_result():
    text = "\n".join(f"{u},{v}" for u, v in BOWTIE.edges())
    result = analyse(text)
    resilience = result["resilience"]
    assert resilience["most_critical"]["name"] == "m"
    assert "m is the single person" in resilience["most_critical"]["sentence"]
    key = resilience["scenarios"][0]
    assert key["label"] == "key connectors"
    assert key["largest_group_before"] == 7
    assert resilience["cut_points"] == 3


def test_when_nobody_stands_out_there_is_no_departure_scenario_and_the_roles_say_why():
    from innovation_toolkit.network.analyse import analyse

    result = analyse("Ann,Bob\nCy,Dee")
    assert result["resilience"]["scenarios"] == []
    assert result["roles"]["key_connectors"] == []
    for role in ("hub", "gatekeeper", "pulsetaker"):
        assert result["roles"][role]["statement"].startswith(f"No one stands out as a {role}")
