"""E-I index, core shares and Gould–Fernandez brokerage on small graphs worked out by hand."""

from __future__ import annotations

import networkx as nx
import pytest

from innovation_toolkit.network import analyse
from innovation_toolkit.network.groups import (
    brokerage_role,
    core_shares,
    ei_by_group,
    ei_index,
    gould_fernandez,
    group_attributes,
)

from .helpers import person

# Two groups: council {a, b, c} and school {d, e}.
# Ties: a-b, b-c, a-c (council internal: 3), d-e (school internal: 1), c-d (external: 1).
GROUP = {"a": "council", "b": "council", "c": "council", "d": "school", "e": "school"}
GRAPH = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("c", "d")])


def test_ei_index_formula():
    assert ei_index(0, 4) == -1.0
    assert ei_index(4, 0) == 1.0
    assert ei_index(1, 3) == -0.5
    assert ei_index(0, 0) is None


def test_ei_by_group_hand_worked():
    result = ei_by_group(GRAPH, GROUP)
    overall = result["overall"]
    # I = 4, E = 1 → (1 − 4) / 5
    assert (overall["internal_ties"], overall["external_ties"]) == (4, 1)
    assert overall["ei_index"] == pytest.approx(-0.6)
    # possible pairs: 10; internal 3 + 1 = 4, external 6 → (6 − 4) / 10
    assert overall["expected_ei_index"] == pytest.approx(0.2)
    council = result["groups"]["council"]
    assert (council["internal_ties"], council["external_ties"]) == (3, 1)
    assert council["ei_index"] == pytest.approx(-0.5)
    # council: 3 possible internal pairs, 3 × 2 = 6 possible external → (6 − 3) / 9
    assert council["expected_ei_index"] == pytest.approx(1 / 3)
    school = result["groups"]["school"]
    assert school["ei_index"] == pytest.approx(0.0)  # E = 1, I = 1


def test_ei_skips_people_without_group():
    result = ei_by_group(nx.Graph([("a", "b"), ("b", "x")]), {"a": "g", "b": "g"})
    assert result["overall"]["ties_without_group"] == 1
    assert result["overall"]["ei_index"] == -1.0


def test_directed_ei_counts_each_nomination():
    graph = nx.DiGraph([("a", "b"), ("b", "a"), ("a", "d")])
    result = ei_by_group(graph, GROUP)["overall"]
    assert (result["internal_ties"], result["external_ties"]) == (2, 1)


def test_brokerage_role_table():
    assert brokerage_role("x", "x", "x") == "coordinator"
    assert brokerage_role("x", "y", "x") == "itinerant"
    assert brokerage_role("x", "x", "y") == "representative"
    assert brokerage_role("x", "y", "y") == "gatekeeper"
    assert brokerage_role("x", "y", "z") == "liaison"


def test_gould_fernandez_hand_worked():
    # b brokers a→b→c (a: A, b: B, c: B → gatekeeper) and a→b→d (d: A → itinerant);
    # e→b→c (e: B, b: B, c: B → coordinator); a→b→e (e: B → gatekeeper);
    # e→b→d (d: A → representative). The direct tie a→c closes nothing because a→c is absent,
    # but we add e→c so e→b→c is closed and not brokered.
    groups = {"a": "A", "b": "B", "c": "B", "d": "A", "e": "B"}
    graph = nx.DiGraph([("a", "b"), ("e", "b"), ("b", "c"), ("b", "d"), ("b", "e"), ("e", "c")])
    counts = gould_fernandez(graph, groups)["b"]
    # pairs (sender, receiver) through b, excluding sender == receiver and closed pairs:
    # (a,c) gatekeeper, (a,d) itinerant, (a,e) gatekeeper, (e,c) closed, (e,d) representative
    assert counts == {"coordinator": 0, "itinerant": 1, "representative": 1, "gatekeeper": 2, "liaison": 0, "total": 4}
    assert gould_fernandez(graph, groups)["a"]["total"] == 0


def test_liaison_and_missing_groups():
    graph = nx.DiGraph([("a", "b"), ("b", "c"), ("b", "x")])
    counts = gould_fernandez(graph, {"a": "1", "b": "2", "c": "3"})
    assert counts["b"]["liaison"] == 1 and counts["b"]["total"] == 1
    assert "x" not in counts


def test_core_shares_hand_worked():
    rows = {row["group"]: row for row in core_shares(list("abcdez"), GROUP, {"a", "b"})}
    assert rows["council"]["share_of_network"] == pytest.approx(3 / 6)
    assert rows["council"]["share_of_core"] == 1.0
    assert rows["council"]["representation"] == pytest.approx(2.0)
    # 6 people, 2 key connectors: school (2 people) has none with probability
    # C(4, 2) / C(6, 2) = 6 / 15 under random labels — far too common to be a finding
    assert rows["school"]["in_core"] == 0
    assert rows["school"]["expected_in_core"] == pytest.approx(2 * 2 / 6)
    assert rows["school"]["direction"] == "absent"
    assert rows["school"]["p_value"] == pytest.approx(6 / 15)
    assert rows["school"]["significant"] is False and rows["school"]["outside_core"] is False
    # council: both key connectors of 3 → P(X ≥ 2) = C(3, 2) C(3, 0) / C(6, 2) = 3 / 15
    assert rows["council"]["direction"] == "over" and rows["council"]["p_value"] == pytest.approx(3 / 15)
    assert rows["(not given)"]["people"] == 1 and rows["(not given)"]["outside_core"] is False
    assert rows["(not given)"]["p_value"] is None and rows["(not given)"]["direction"] is None


def test_group_attributes_skips_unique_and_single_values():
    attributes = {
        "a": {"sector": "x", "id": "1", "region": "n"},
        "b": {"sector": "x", "id": "2", "region": "n"},
        "c": {"sector": "y", "id": "3", "region": "n"},
    }
    assert group_attributes(attributes, ["a", "b", "c"]) == ["sector"]


PEOPLE = "name,sector\na,council\nb,council\nc,council\nd,school\ne,school\nv,voluntary\nw,voluntary\n"


def test_groups_in_the_full_result():
    ties = "a,b\nb,c\na,c\nd,e\nc,d\nv,w\nw,e\n"
    result = analyse(ties, people=PEOPLE)
    (sector,) = result["groups"]
    assert sector["attribute"] == "sector"
    assert result["roles"]["key_connectors"] == ["c", "d", "e"] or set(result["roles"]["key_connectors"]) >= {"c"}
    rows = {row["group"]: row for row in sector["groups"]}
    # 7 people in groups of 3, 2 and 2: no split of the key connectors, however lopsided,
    # is rare enough under random labels to survive Holm's correction over 6 tests
    assert rows["voluntary"]["in_core"] == 0
    assert rows["voluntary"]["outside_core"] is False and rows["voluntary"]["significant"] is False
    assert sector["outside_core"] == []
    assert sector["chance"]["resolvable"] is False
    # ties: council internal 3, school internal 1, voluntary internal 1, external c-d and w-e → I = 5, E = 2
    assert (sector["internal_ties"], sector["external_ties"]) == (5, 2)
    assert sector["ei_index"] == pytest.approx(-3 / 7)
    assert not any("sits outside the core" in sentence for sentence in sector["findings"])
    assert sector["findings"][0].startswith("By sector: with only ")
    assert "too few key connectors to tell" in sector["findings"][0]
    assert sector["findings"][1].startswith("E-I index by sector: −0.43 against ")
    assert sector["findings"][0] in result["findings"]
    assert sector["brokerage"] is None
    assert any("Gould–Fernandez" in note["message"] for note in result["notes"])


def test_directed_groups_carry_brokerage_per_person():
    result = analyse("a,b\nb,c\nb,d\n", direction="directed", people="name,team\na,X\nb,Y\nc,Y\nd,X\n")
    brokerage = person(result, "b")["brokerage"]["team"]
    assert brokerage["gatekeeper"] == 1 and brokerage["itinerant"] == 1 and brokerage["total"] == 2
    group = result["groups"][0]
    assert group["brokerage"]["leading"]["gatekeeper"] == [{"name": "b", "count": 1}]
