"""Textbook networks give their textbook answers."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from innovation_toolkit.network import analyse

from .helpers import KITE_NAMES, edge_text, holders, kite_text, person


def test_kite_labelling_matches_the_textbook_structure():
    graph = nx.relabel_nodes(nx.krackhardt_kite_graph(), dict(enumerate(KITE_NAMES)))
    assert graph.degree("Diane") == 6
    assert max(graph.degree(), key=lambda item: item[1])[0] == "Diane"
    between = nx.betweenness_centrality(graph)
    assert max(between, key=between.get) == "Heather"
    assert sorted(graph["Jane"]) == ["Ike"]
    assert sorted(graph["Ike"]) == ["Heather", "Jane"]


def test_kite_roles():
    result = analyse(kite_text())
    assert holders(result, "hub") == ["Diane"]
    assert holders(result, "gatekeeper") == ["Heather"]
    assert sorted(holders(result, "pulsetaker")) == ["Fernando", "Garth"]
    # ten people allow one place per role; Fernando and Garth tie, and the result says so
    assert result["roles"]["pulsetaker"]["tied"] is True
    assert result["roles"]["pulsetaker"]["statement"].startswith("Fernando and Garth tie for the top place")
    assert result["roles"]["hub"]["statement"] is None
    assert result["roles"]["key_connectors"] == ["Diane", "Heather", "Fernando", "Garth"]
    assert person(result, "Ike")["roles"] == []
    assert person(result, "Heather")["measures"]["cut_point"] is True
    assert result["roles"]["gatekeeper"]["cut_points"] == ["Heather", "Ike"]
    assert person(result, "Fernando")["measures"]["closeness"] == pytest.approx(9 / 14, abs=1e-6)
    assert person(result, "Heather")["measures"]["betweenness"] == pytest.approx(14 / 36, abs=1e-6)


def test_kite_people_have_sentences_for_each_role_they_hold():
    result = analyse(kite_text())
    for row in result["people"]:
        assert sorted(row["sentences"]) == sorted(row["roles"])
        for sentence in row["sentences"].values():
            assert row["name"] in sentence and "\n" not in sentence
    assert "6 people" in person(result, "Diane")["sentences"]["hub"]


def test_kite_result_is_json_serialisable_and_stable():
    result = analyse(kite_text())
    assert json.loads(json.dumps(result)) == result
    assert analyse(kite_text()) == result


def florentine_text() -> str:
    return edge_text(nx.florentine_families_graph())


def test_florentine_medici_first_on_all_three_measures_but_not_the_gatekeeper():
    result = analyse(florentine_text())
    medici = person(result, "Medici")
    assert {k: medici["ranks"][k] for k in ("degree", "betweenness", "closeness")} == {"degree": 1, "betweenness": 1, "closeness": 1}
    assert result["summary"]["people"] == 15 and result["summary"]["ties"] == 20
    assert result["roles"]["places"] == 1
    assert holders(result, "hub") == ["Medici"]
    assert holders(result, "pulsetaker") == ["Medici"]
    # The Medici lie on most paths because they have the most marriages. The gatekeeper is
    # Barbadori: two ties only, to the Medici and the Castellani, the link between the
    # Medici and the Castellani–Strozzi–Peruzzi side.
    assert holders(result, "gatekeeper") == ["Barbadori"]
    assert sorted(nx.florentine_families_graph()["Barbadori"]) == ["Castellani", "Medici"]


def test_florentine_matches_networkx_measures():
    graph = nx.florentine_families_graph()
    result = analyse(florentine_text())
    between = nx.betweenness_centrality(graph)
    close = nx.closeness_centrality(graph)
    for name in graph:
        row = person(result, name)
        assert row["measures"]["degree"] == graph.degree(name)
        assert row["measures"]["betweenness"] == pytest.approx(between[name], abs=1e-6)
        assert row["measures"]["closeness"] == pytest.approx(close[name], abs=1e-6)


def test_karate_club_unweighted():
    graph = nx.karate_club_graph()
    result = analyse(edge_text(graph))
    assert result["summary"]["people"] == 34 and result["summary"]["ties"] == 78
    assert result["roles"]["places"] == 2  # ceil(0.05 × 34)
    # node 33 (the club's president, John A.) has 17 ties, node 0 (Mr Hi) 16
    assert holders(result, "hub") == ["33", "0"]
    assert holders(result, "pulsetaker") == ["0", "2"]
    # The two leaders have the highest betweenness because they have the most ties; the
    # gatekeepers are the few-tie members tied to both camps: 19 (ties to 0, 1 and 33) and
    # 8 (ties to 0, 2, 30, 32 and 33), whom the club's split left between the factions.
    assert holders(result, "gatekeeper") == ["19", "8"]
    factions = {node: graph.nodes[node]["club"] for node in graph}
    for gatekeeper in (19, 8):
        assert {factions[n] for n in graph[gatekeeper]} == {"Mr. Hi", "Officer"}
    assert person(result, "0")["measures"]["cut_point"] is True


def test_les_miserables_gatekeepers_are_the_links_to_small_groups():
    graph = nx.les_miserables_graph()
    result = analyse(edge_text(graph))
    assert holders(result, "hub") == ["Valjean", "Gavroche", "Marius", "Javert"]
    gatekeepers = holders(result, "gatekeeper")
    assert "Valjean" not in gatekeepers
    # Tholomyes is the only tie between Fantine's circle of students and the rest
    assert "Tholomyes" in gatekeepers
    for gatekeeper in gatekeepers:
        assert graph.degree(gatekeeper) < graph.degree("Valjean") / 3


def test_karate_weights_ignored_give_the_unweighted_roles_and_strength():
    graph = nx.karate_club_graph()
    weighted = "\n".join(f"{u},{v},{d['weight']}" for u, v, d in graph.edges(data=True))
    result = analyse(weighted, use_weights=False)
    plain = analyse(edge_text(graph))
    assert {role: holders(result, role) for role in ("hub", "gatekeeper", "pulsetaker")} == {
        role: holders(plain, role) for role in ("hub", "gatekeeper", "pulsetaker")
    }
    assert result["input"]["weights"] == {"present": True, "used": False, "sentence": result["input"]["weights"]["sentence"]}
    assert "ignored" in result["input"]["weights"]["sentence"]
    assert person(result, "0")["measures"]["strength"] == graph.degree(0, weight="weight")
