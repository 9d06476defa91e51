"""Who the network picture draws (calculators/innovation_toolkit/network/drawing.py): everyone in a small network;
in a large one, a capped set of key connectors and the people tied to them, with a caption."""

import networkx as nx
import pytest

from innovation_toolkit.network import drawing
from innovation_toolkit.network.analyse import analyse
from innovation_toolkit.network.drawing import MAX_DRAWN, MAX_KEY_DRAWN, WHOLE_NETWORK_UP_TO, caption, choose, picture
from innovation_toolkit.network.wording import figure


def test_a_small_network_is_drawn_whole_with_positions_in_the_unit_square():
    graph = nx.krackhardt_kite_graph()
    result = picture(graph, {3: ["hub"], 7: ["gatekeeper"]})
    assert result["view"] == "everyone" and not result["truncated"]
    assert result["shown_people"] == 10 and result["caption"] == "Showing everyone: 10 people."
    assert [node["name"] for node in result["nodes"]][:2] == ["3", "7"]
    assert all(0 <= node["x"] <= 1 and 0 <= node["y"] <= 1 for node in result["nodes"])
    assert len({(node["x"], node["y"]) for node in result["nodes"]}) == 10, "no two people on the same spot"
    assert len(result["edges"]) == graph.number_of_edges()


def test_the_layout_repeats_exactly():
    graph = nx.powerlaw_cluster_graph(120, 2, 0.3, seed=3)
    roles = {0: ["hub"], 5: ["gatekeeper", "pulsetaker"]}
    assert picture(graph, roles) == picture(graph, roles)


def test_one_person_caption_is_singular():
    graph = nx.Graph()
    graph.add_node("Ann")
    assert picture(graph, {})["caption"] == "Showing everyone: 1 person."


@pytest.fixture(scope="module")
def big():
    graph = nx.powerlaw_cluster_graph(2000, 5, 0.3, seed=1)
    degree = dict(graph.degree())
    by_degree = sorted(graph, key=lambda n: -degree[n])
    roles = {n: ["hub"] for n in by_degree[:100]}
    for n in by_degree[:20]:
        roles[n] = ["hub", "pulsetaker"]
    for n in range(1500, 1560):
        roles[n] = ["gatekeeper"]
    return graph, roles


def test_a_large_network_draws_key_connectors_and_their_neighbourhoods(big):
    graph, roles = big
    result = picture(graph, roles)
    assert result["view"] == "neighbourhoods" and result["truncated"]
    assert result["shown_people"] <= MAX_DRAWN
    drawn = {int(node["name"]) for node in result["nodes"]}
    key = [n for n in drawn if n in roles]
    assert len(key) == MAX_KEY_DRAWN == result["shown_key_connectors"]
    # Every role is in the picture, not only the people holding several.
    assert {tuple(roles[n]) for n in key} == {("hub",), ("hub", "pulsetaker"), ("gatekeeper",)}
    # Everyone else drawn is one step from a drawn key connector, and holds no role.
    for n in drawn - set(key):
        assert n not in roles
        assert any(graph.has_edge(n, k) for k in key), n
    # Each drawn key connector has some of its people drawn with it.
    for k in key:
        assert any(graph.has_edge(k, n) for n in drawn - set(key)), k
    neighbours = set().union(*(set(graph[k]) for k in roles)) - set(roles)
    assert result["caption"] == (
        f"Showing {MAX_KEY_DRAWN} of the {len(roles)} key connectors and {len(drawn) - len(key)} of the "
        f"{len(neighbours):,} people tied to key connectors; the table lists all 2,000 people."
    )
    assert "2000" not in result["caption"]


def test_few_key_connectors_are_all_drawn_with_everyone_tied_to_them():
    graph = nx.star_graph(30)  # 0 in the middle
    nx.add_path(graph, range(31, 200))
    graph.add_edge(30, 31)
    result = picture(graph, {0: ["hub"]})
    assert result["view"] == "neighbourhoods"
    assert result["caption"] == "Showing the key connector and the 30 people tied to them; the table lists all 200 people."
    assert result["shown_people"] == 31


def test_no_key_connector_in_a_large_network_shows_the_best_connected():
    graph = nx.cycle_graph(300)
    result = picture(graph, {})
    assert result["view"] == "best connected" and result["shown_people"] == MAX_DRAWN
    assert result["caption"].startswith(f"No one holds a key role, so the picture shows the {MAX_DRAWN} best-connected people;")


def test_the_threshold_between_the_views():
    for people, view in ((WHOLE_NETWORK_UP_TO, "everyone"), (WHOLE_NETWORK_UP_TO + 1, "neighbourhoods")):
        graph = nx.path_graph(people)
        assert choose(graph, {0: ["hub"]})["view"] == view


def test_caption_counts_are_grammatical():
    one = {"view": "neighbourhoods", "key": [1], "others": [], "key_total": 1, "neighbours_total": 0}
    assert caption(one, 1500) == "Showing the key connector and no one else (no one is tied to them); the table lists all 1,500 people."
    assert figure(1, "person", "people") == "1 person"


def test_the_same_network_again_reuses_its_layout_and_draws_the_same_picture():
    text = "\n".join(f"p{i},p{(i * 7 + 3) % 60}" for i in range(60))
    drawing._LAYOUTS.clear()
    first = analyse(text=text)["graph"]
    assert len(drawing._LAYOUTS) == 1
    again = analyse(text=text)["graph"]
    assert again == first and len(drawing._LAYOUTS) == 1
    for extra in range(6):  # other networks: only the last few layouts are kept
        analyse(text=text + f"\nq{extra},p1")
    assert len(drawing._LAYOUTS) == drawing._LAYOUTS_KEPT
    drawing._LAYOUTS.clear()
    assert analyse(text=text)["graph"] == first  # computed afresh: the same positions
