"""Roles mean what they say: who stands out, ties, isolates, relabelling, direction and weights."""

from __future__ import annotations

import random

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from innovation_toolkit.network import analyse
from innovation_toolkit.network.roles import most_holders, most_tied, stand_out

ROLES = ("hub", "gatekeeper", "pulsetaker")
PROPERTIES = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def make_graph(kind: str, n: int, seed: int, directed: bool) -> nx.Graph:
    if kind == "path":
        graph = nx.path_graph(n)
    elif kind == "cycle":
        graph = nx.cycle_graph(n)
    elif kind == "star":
        graph = nx.star_graph(n - 1)
    elif kind == "complete":
        graph = nx.complete_graph(min(n, 12))
    elif kind == "small world":
        graph = nx.watts_strogatz_graph(n, 4, 0.2, seed=seed)
    elif kind == "power law":
        graph = nx.powerlaw_cluster_graph(n, 2, 0.3, seed=seed)
    else:
        graph = nx.gnm_random_graph(n, random.Random(seed).randint(n - 1, 3 * n), seed=seed, directed=directed)
    if directed and not graph.is_directed():
        rng = random.Random(seed)
        graph = nx.DiGraph((u, v) if rng.random() < 0.5 else (v, u) for u, v in graph.edges())
    return graph


def text_of(edges) -> str:
    return "\n".join(f"{u},{v}" for u, v in edges)


def holders(result: dict) -> dict:
    return {role: sorted(result["roles"][role]["people"]) for role in ROLES}


networks = st.tuples(
    st.sampled_from(["path", "cycle", "star", "complete", "small world", "power law", "random"]),
    st.integers(min_value=5, max_value=60),
    st.integers(min_value=0, max_value=10_000),
    st.booleans(),
)


def analysed(network):
    kind, n, seed, directed = network
    graph = make_graph(kind, n, seed, directed)
    edges = [(f"p{u}", f"p{v}") for u, v in graph.edges()]
    direction = "directed" if directed else "undirected"
    return edges, direction, analyse(text_of(edges), direction=direction)


@PROPERTIES
@given(networks)
def test_role_lists_are_small_unless_tied_and_never_a_majority(network):
    _, _, result = analysed(network)
    connected = result["roles"]["connected_people"]
    for role in ROLES:
        entry = result["roles"][role]
        count = len(entry["people"])
        assert 2 * count < connected or count == 0, (role, count, connected)
        if count > most_holders(connected):
            assert entry["tied"] and count <= most_tied(connected)
            assert "tie for the top place" in entry["statement"]
        if count == 0:
            assert entry["statement"].startswith(f"No one stands out as a {role}")


@PROPERTIES
@given(networks, st.integers(min_value=1, max_value=30), st.booleans())
def test_adding_people_without_ties_never_changes_who_holds_a_role(network, isolates, in_table):
    edges, direction, result = analysed(network)
    lonely = [f"alone{i}" for i in range(isolates)]
    if in_table:
        people = "name,team\n" + "\n".join(f"{name},x" for name in sorted({n for e in edges for n in e}) + lonely)
        padded = analyse(text_of(edges), people=people, direction=direction)
    else:
        padded = analyse(text_of(edges) + "\n" + "\n".join(f"{name}," for name in lonely), direction=direction)
    assert holders(padded) == holders(result)
    assert padded["summary"]["people"] == result["summary"]["people"] + isolates


@PROPERTIES
@given(networks, st.randoms(use_true_random=False))
def test_relabelling_and_row_order_never_change_the_result(network, rng):
    edges, direction, result = analysed(network)
    names = sorted({n for e in edges for n in e})
    new_names = [f"q{i}" for i in range(len(names))]
    rng.shuffle(new_names)
    relabel = dict(zip(names, new_names, strict=True))
    shuffled = [(relabel[u], relabel[v]) for u, v in edges]
    rng.shuffle(shuffled)
    if direction == "undirected":
        shuffled = [(v, u) if rng.random() < 0.5 else (u, v) for u, v in shuffled]
    other = analyse(text_of(shuffled), direction=direction)
    assert holders(other) == {role: sorted(relabel[n] for n in people) for role, people in holders(result).items()}
    for role in ROLES:
        assert other["roles"][role]["reason"] == result["roles"][role]["reason"]


def test_a_chain_has_no_hub_and_says_why():
    result = analyse(text_of((f"p{i}", f"p{i + 1}") for i in range(29)))
    assert result["roles"]["hub"]["people"] == []
    assert result["roles"]["hub"]["statement"] == ("No one stands out as a hub: 28 people have 2 direct ties each, the same as the typical person.")
    assert result["roles"]["hub"]["statement"] in result["findings"]


def test_a_clear_leader_among_ties_is_named():
    # 20 people in a ring, plus one person tied to eight of them
    edges = [(f"p{i}", f"p{(i + 1) % 20}") for i in range(20)] + [("Lead", f"p{i}") for i in range(0, 20, 5)]
    edges += [("Lead", f"p{i}") for i in range(2, 20, 5)]
    result = analyse(text_of(edges))
    assert result["roles"]["hub"]["people"] == ["Lead"]
    assert result["roles"]["hub"]["statement"] is None


def test_stand_out_rule_worked_by_hand():
    # n = 20: about 1 place (5 %), at most 2 (10 %), up to 4 tied (20 %); median 2
    values = {f"p{i}": 2 for i in range(20)}
    values.update({"p0": 5, "p1": 4, "p2": 4})
    standing = stand_out(values)
    assert (standing.holders, standing.reason) == (["p0"], "stand out")
    values.update({"p0": 4})  # three tie at 4: more than 2 places, so tied, and said so
    standing = stand_out(values)
    assert (sorted(standing.holders), standing.reason) == (["p0", "p1", "p2"], "tied")
    values.update({"p3": 4, "p4": 4})  # five tie: more than a fifth, so nobody
    assert stand_out(values).reason == "crowded" and stand_out(values).holders == []
    # the best must be at least 20 % above the median
    flat = {f"p{i}": 10 for i in range(20)} | {"p0": 11}
    assert stand_out(flat).reason == "flat"
    assert stand_out({"a": 1, "b": 1}).reason == "too few"
    assert stand_out({"a": 0.0, "b": 0.0, "c": 0.0}).reason == "zero"


# Direction by the data's meaning ---------------------------------------------------------

SURVEY = "respondent,named person\nAnn,Bob\nCy,Bob\nDee,Bob\nBob,Ann\nEve,Ann\nFay,Cy\n"


def test_survey_nominations_are_directed_by_default_and_hubs_are_the_named():
    result = analyse(SURVEY)
    assert result["input"]["direction"]["directed"] is True
    assert "survey nomination" in result["input"]["direction"]["sentence"]
    assert result["roles"]["hub"]["people"] == ["Bob"]  # named by three
    undirected = analyse(SURVEY, direction="undirected")
    assert undirected["input"]["direction"]["directed"] is False
    assert undirected["input"]["direction"]["sentence"] == (
        "Ties are read as undirected because you chose so; the rows look like survey nominations, which are directed."
    )


def test_plain_edge_lists_are_undirected_by_default_and_can_be_directed():
    text = "From,To\nAnn,Bob\nBob,Cy\n"
    assert analyse(text)["input"]["direction"]["directed"] is False
    chosen = analyse(text, direction="directed")
    assert chosen["input"]["direction"]["directed"] is True
    assert chosen["input"]["direction"]["sentence"] == "Ties are read as directed because you chose so."


def test_gephi_type_column_is_honoured_and_can_be_overridden():
    text = "Source,Target,Type\nAnn,Bob,Directed\nBob,Cy,Directed\nCy,Ann,Directed\nDee,Ann,Directed\n"
    assert analyse(text)["summary"]["directed"] is True
    override = analyse(text, direction="undirected")
    assert override["summary"]["directed"] is False
    assert "the file itself declares them directed" in override["input"]["direction"]["sentence"]
    undirected_file = "Source,Target,Type\nAnn,Bob,Undirected\nBob,Cy,Undirected\n"
    assert analyse(undirected_file)["summary"]["directed"] is False
    assert analyse(undirected_file, direction="directed")["summary"]["directed"] is True


@pytest.mark.parametrize("writer", [nx.generate_graphml, nx.generate_gexf])
@pytest.mark.parametrize("directed", [True, False])
def test_graphml_and_gexf_declared_direction_is_honoured_and_can_be_overridden(writer, directed):
    graph = nx.DiGraph() if directed else nx.Graph()
    graph.add_edges_from([("Ann", "Bob"), ("Cy", "Bob"), ("Bob", "Dee"), ("Eve", "Bob")])
    text = "\n".join(writer(graph))
    result = analyse(text)
    assert result["summary"]["directed"] is directed
    assert result["input"]["direction"]["sentence"] == (
        f"Ties are read as {'directed' if directed else 'undirected'} because the file declares them {'directed' if directed else 'undirected'}."
    )
    flipped = analyse(text, direction="undirected" if directed else "directed")
    assert flipped["summary"]["directed"] is (not directed)


def test_an_unknown_direction_is_a_one_line_error():
    from innovation_toolkit.errors import InputError

    with pytest.raises(InputError, match="'direction' must be one of auto, directed, undirected"):
        analyse("Ann,Bob", direction="sideways")
