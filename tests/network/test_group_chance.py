"""Group findings only when they are unlikely by chance (issue 11).

The key connectors are held fixed and the group labels are the random part, exactly as
in :mod:`innovation_toolkit.network.groups`: with random labels, findings must be rare; with a
planted separation, they must be found; and the probabilities must match hand-worked and
brute-force values.
"""

from __future__ import annotations

import itertools
import json
import math
import random
from fractions import Fraction

import networkx as nx
import pytest

from innovation_toolkit.network import groups
from innovation_toolkit.network.groups import (
    ALPHA,
    MISSING,
    analyse_attribute,
    core_shares,
    ei_permutation_test,
    holm,
    hypergeometric_tails,
    permutation_count,
    smallest_possible_p,
)

GROUP_PHRASES = ("sits outside the core", "-represented in the core")
EI_PHRASE = "-looking than chance"


def top_by_degree(graph: nx.Graph, share: float) -> set:
    """A fixed core: the top ``share`` of people by degree (at least 2), ties broken by name."""
    size = max(2, round(share * graph.number_of_nodes()))
    return set(sorted(graph, key=lambda node: (-graph.degree(node), node))[:size])


def random_network(seed: int) -> nx.Graph:
    rng = random.Random(seed)
    n = rng.randint(20, 40)
    kind = seed % 3
    if kind == 0:
        return nx.gnm_random_graph(n, rng.randint(2 * n, 3 * n), seed=seed)
    if kind == 1:
        return nx.watts_strogatz_graph(n, 4, 0.2, seed=seed)
    return nx.powerlaw_cluster_graph(n, 2, 0.3, seed=seed)


def random_labels(graph: nx.Graph, seed: int) -> dict:
    rng = random.Random(10_000 + seed)
    k = rng.randint(2, 4)
    return {node: {"sector": f"Sector {rng.randrange(k) + 1}"} for node in graph}


# --- 1. random labels: findings are rare -------------------------------------------------


@pytest.mark.parametrize("share", [0.1, 0.25])
def test_random_labels_rarely_give_group_findings(share):
    runs = 200
    group_findings = ei_findings = naive_outside = 0
    for seed in range(runs):
        graph = random_network(seed)
        result = analyse_attribute(graph, list(graph), "sector", random_labels(graph, seed), top_by_degree(graph, share))
        stated = [s for s in result["findings"] if any(phrase in s for phrase in GROUP_PHRASES)]
        flagged = [row for row in result["groups"] if row["significant"]]
        assert len(stated) == len(flagged)  # a sentence for every significant group, none for others
        assert result["outside_core"] == [row["group"] for row in flagged if row["direction"] == "absent"]
        group_findings += bool(stated)
        ei_stated = any(EI_PHRASE in s for s in result["findings"])
        assert ei_stated == (result["chance"]["ei_p_value"] < ALPHA)
        ei_findings += ei_stated
        # the old rule: any group with nobody among the key connectors was "outside the core"
        naive_outside += any(row["in_core"] == 0 and row["group"] != MISSING for row in result["groups"])
        assert all(sentence[0].isupper() for sentence in result["findings"])
    # Holm at 5 % bounds the chance of any group finding per run by 5 %; allow sampling noise
    assert group_findings <= 0.07 * runs, group_findings
    # the permutation test is calibrated at 5 %: Binomial(200, 0.05) exceeds 20 about once in 1,000
    assert ei_findings <= 0.10 * runs, ei_findings
    # and the test has teeth: the old rule fired in a large share of these same runs
    assert naive_outside >= 0.15 * runs, naive_outside


def test_random_labels_on_larger_networks_where_the_tests_have_power():
    # 100–300 people and 15 % key connectors: every run can in principle give a finding
    runs, found = 150, 0
    for seed in range(runs):
        rng = random.Random(seed)
        graph = nx.powerlaw_cluster_graph(rng.randint(100, 300), 2, 0.3, seed=seed)
        k = rng.randint(2, 6)
        attributes = {node: {"sector": f"Sector {rng.randrange(k) + 1}"} for node in graph}
        result = analyse_attribute(graph, list(graph), "sector", attributes, top_by_degree(graph, 0.15), permutations=100)
        assert result["chance"]["resolvable"]
        found += any(row["significant"] for row in result["groups"])
    assert found <= 0.07 * runs, found


# --- 2. planted separation is found ------------------------------------------------------


def planted_network(council: int, voluntary: int, business: int, hubs: int, seed: int = 0):
    """Council officers tied to each other and to everyone; everyone else tied to two officers."""
    rng = random.Random(seed)
    names = [f"c{i}" for i in range(council)] + [f"v{i}" for i in range(voluntary)] + [f"b{i}" for i in range(business)]
    sector = {"c": "Council", "v": "Voluntary sector", "b": "Business"}
    attributes = {name: {"sector": sector[name[0]]} for name in names}
    graph = nx.Graph()
    graph.add_nodes_from(names)
    officers = names[:hubs]
    graph.add_edges_from(itertools.combinations(officers, 2))
    for name in names[council:]:
        graph.add_edges_from((name, officer) for officer in rng.sample(officers, 2))
    return graph, names, attributes, top_by_degree(graph, hubs / len(names))


def test_planted_core_of_council_officers_is_found():
    graph, names, attributes, core = planted_network(12, 24, 24, hubs=10)
    assert all(name.startswith("c") for name in core) and len(core) == 10
    result = analyse_attribute(graph, names, "sector", attributes, core)
    rows = {row["group"]: row for row in result["groups"]}
    # P(X = 0) = C(36, 10) / C(60, 10) for a 24-person group
    assert rows["Voluntary sector"]["p_value"] == pytest.approx(math.comb(36, 10) / math.comb(60, 10))
    assert rows["Voluntary sector"]["expected_in_core"] == pytest.approx(4.0)
    assert sorted(result["outside_core"]) == ["Business", "Voluntary sector"]
    assert rows["Council"]["significant"] and rows["Council"]["direction"] == "over"
    assert rows["Council"]["p_value"] == pytest.approx(math.comb(12, 10) / math.comb(60, 10))
    voluntary = next(s for s in result["findings"] if "Voluntary sector" in s)
    assert voluntary == (
        "By sector: nobody from Voluntary sector (24 of 60 people) is among the 10 key connectors, so this group "
        "sits outside the core; about 4.0 would be expected if the sector labels were assigned at random, and a "
        "gap this large would happen by chance in 0.3 % of random assignments."
    )
    assert any(
        s.startswith("By sector: Council makes up 20 % of the network (12 of 60 people) but 100 % of the key connectors") for s in result["findings"]
    )


def test_a_smaller_absent_group_is_not_claimed_when_chance_explains_it():
    # 15 voluntary-sector people of 60 with 10 key connectors: none of them in the core
    # happens in C(45, 10) / C(60, 10) ≈ 4.2 % of random assignments — not rare enough
    # once six tests are made. Council's dominance still is.
    graph, names, attributes, core = planted_network(12, 15, 33, hubs=10)
    result = analyse_attribute(graph, names, "sector", attributes, core)
    rows = {row["group"]: row for row in result["groups"]}
    assert rows["Voluntary sector"]["p_value"] == pytest.approx(math.comb(45, 10) / math.comb(60, 10))
    assert rows["Voluntary sector"]["in_core"] == 0 and not rows["Voluntary sector"]["outside_core"]
    assert "Voluntary sector" not in result["outside_core"] and "Business" in result["outside_core"]
    assert rows["Council"]["significant"]
    assert not any("Voluntary sector" in s for s in result["findings"])


def test_under_represented_group_is_found():
    rng = random.Random(5)
    people = [f"p{i}" for i in range(100)]
    attributes = {p: {"team": "Large" if i < 50 else rng.choice(["Small A", "Small B"])} for i, p in enumerate(people)}
    core = {"p0"} | set(people[50:69])  # 1 of 20 key connectors from the 50-person team
    result = analyse_attribute(nx.empty_graph(people), people, "team", attributes, core)
    large = next(row for row in result["groups"] if row["group"] == "Large")
    assert large["direction"] == "under" and large["significant"]
    lower, _ = hypergeometric_tails(100, 50, 20, 1)
    assert large["p_value"] == pytest.approx(float(lower))
    sentence = next(s for s in result["findings"] if s.startswith("By team: Large"))
    assert "but only 5 % of the key connectors (1 of 20), so this group is under-represented in the core" in sentence
    assert "about 10 would be expected" in sentence and "this few or fewer" in sentence
    assert result["ei_index"] is None and not any(s.startswith("E-I") for s in result["findings"])


def test_two_dense_blocks_are_inward_looking():
    graph = nx.stochastic_block_model([30, 30], [[0.3, 0.02], [0.02, 0.3]], seed=1)
    attributes = {node: {"team": "North" if node < 30 else "South"} for node in graph}
    result = analyse_attribute(graph, list(graph), "team", attributes, top_by_degree(graph, 0.1))
    assert result["chance"]["ei_p_value"] < 0.05
    assert result["ei_index"] < result["expected_ei_index"]
    assert abs(result["expected_ei_index"]) < 0.1  # two equal groups: about half the pairs cross
    sentence = next(s for s in result["findings"] if s.startswith("E-I index by team"))
    assert "more inward-looking than chance" in sentence
    assert "random assignment" in sentence and "1,000" in sentence


def test_ties_across_groups_are_outward_looking():
    graph = nx.complete_bipartite_graph(15, 15)
    attributes = {node: {"side": "Left" if node < 15 else "Right"} for node in graph}
    result = analyse_attribute(graph, list(graph), "side", attributes, set())
    assert result["ei_index"] == 1.0 and result["chance"]["ei_p_value"] < 0.05
    assert any("more outward-looking than chance" in s for s in result["findings"])
    assert result["findings"][0] == ("By side: there are no key connectors, so it cannot be said whether any side group is outside the core.")


# --- 3. exact probabilities, Holm, determinism, budget ------------------------------------


def test_hypergeometric_hand_worked():
    # N = 10, s = 3, c = 2: P(X = 0) = C(7, 2) / C(10, 2) = 21 / 45
    assert hypergeometric_tails(10, 3, 2, 0) == (Fraction(21, 45), Fraction(1))
    # P(X = 1) = 3 · 7 / 45, P(X = 2) = 3 / 45
    assert hypergeometric_tails(10, 3, 2, 1) == (Fraction(42, 45), Fraction(24, 45))
    assert hypergeometric_tails(10, 3, 2, 2) == (Fraction(1), Fraction(3, 45))
    # impossible outcomes: the tails are 0 and 1
    assert hypergeometric_tails(10, 3, 2, 3) == (Fraction(1), Fraction(0))
    # a group of 8 out of 10 must hold at least one of 3 key connectors
    assert hypergeometric_tails(10, 8, 3, 0) == (Fraction(0), Fraction(1))
    assert smallest_possible_p(10, 3, 2) == pytest.approx(3 / 45)


def test_hypergeometric_matches_brute_force_enumeration():
    # every distinct assignment of labels of sizes 3, 3, 2 to 8 people, core {0, 1, 2}
    core = {0, 1, 2}
    assignments = set(itertools.permutations("AAABBBCC"))
    assert len(assignments) == math.factorial(8) // (6 * 6 * 2)
    for group, size in (("A", 3), ("C", 2)):
        for k in range(4):
            counts = [sum(labels[i] == group for i in core) for labels in assignments]
            lower = Fraction(sum(x <= k for x in counts), len(counts))
            upper = Fraction(sum(x >= k for x in counts), len(counts))
            assert hypergeometric_tails(8, size, 3, k) == (lower, upper)


def test_hypergeometric_exact_on_large_networks():
    # both sides of the distribution sum to one, exactly, for N = 50,000
    lower, upper = hypergeometric_tails(50_000, 5_000, 2_500, 200)
    at = hypergeometric_tails(50_000, 5_000, 2_500, 200)[0] - hypergeometric_tails(50_000, 5_000, 2_500, 199)[0]
    assert lower + upper - at == 1
    # against a log-space computation of the same term
    log_term = (
        math.lgamma(5_001)
        - math.lgamma(201)
        - math.lgamma(4_801)
        + math.lgamma(45_001)
        - math.lgamma(2_301)
        - math.lgamma(42_701)
        - math.lgamma(50_001)
        + math.lgamma(2_501)
        + math.lgamma(47_501)
    )
    assert float(at) == pytest.approx(math.exp(log_term), rel=1e-9)
    # the mean is c s / N = 250, so 200 sits far in the lower tail
    assert float(lower) < 0.001 < 0.999 < float(upper)


def test_holm_ordering():
    assert holm([0.01, 0.04, 0.03, 0.005]) == [True, False, False, True]
    assert holm([0.02, 0.026]) == [True, True]  # 0.02 ≤ 0.025, then 0.026 ≤ 0.05
    assert holm([0.03, 0.04]) == [False, False]  # the first step fails, so nothing is rejected
    assert holm([0.011, 0.012, 0.013, 0.04], alpha=0.05) == [True, True, True, True]  # Bonferroni (0.0125) stops at 2
    assert holm([]) == []


def test_holm_is_applied_across_both_directions_of_every_group():
    # three groups of 10 among 30 people, 10 key connectors: one group holds none.
    # P(X = 0) = C(20, 10) / C(30, 10) ≈ 0.0061 ≤ 0.05 / 6, so it is a finding …
    people = [f"p{i}" for i in range(30)]
    group_of = {p: "ABC"[i // 10] for i, p in enumerate(people)}
    core = set(people[10:15] + people[20:25])
    rows = {row["group"]: row for row in core_shares(people, group_of, core)}
    assert rows["A"]["p_value"] == pytest.approx(math.comb(20, 10) / math.comb(30, 10))
    assert rows["A"]["outside_core"] is True
    assert not rows["B"]["significant"] and not rows["C"]["significant"]
    # … but split the other 20 people into ten pairs, each with one key connector, and
    # the same probability faces 22 tests: 0.0061 > 0.05 / 22, and nothing else is rare
    group_of = {p: "A" if i < 10 else f"pair {(i - 10) // 2}" for i, p in enumerate(people)}
    core = set(people[10::2])
    rows = {row["group"]: row for row in core_shares(people, group_of, core)}
    assert rows["A"]["p_value"] == pytest.approx(math.comb(20, 10) / math.comb(30, 10))
    assert rows["pair 0"]["p_value"] == pytest.approx(1 - math.comb(28, 10) / math.comb(30, 10))
    assert rows["A"]["p_value"] > 0.05 / 22 and rows["A"]["outside_core"] is False
    assert not any(row["significant"] for row in rows.values())


def test_missing_values_are_never_a_finding():
    people = [f"p{i}" for i in range(60)]
    attributes = {p: {"sector": "Council" if i < 20 else "Health"} for i, p in enumerate(people) if i < 40}
    core = set(people[:10])  # 20 people without a sector, none of them in the core
    result = analyse_attribute(nx.empty_graph(people), people, "sector", attributes, core)
    missing = next(row for row in result["groups"] if row["group"] == MISSING)
    assert missing["people"] == 20 and missing["p_value"] is None and not missing["significant"]
    assert MISSING not in result["outside_core"] and result["missing"] == 20
    assert not any(MISSING in s for s in result["findings"])
    assert "Health" in result["outside_core"]


def test_too_few_key_connectors_to_tell():
    graph = nx.cycle_graph(30)
    attributes = {node: {"sector": "ABC"[node % 3]} for node in graph}
    result = analyse_attribute(graph, list(graph), "sector", attributes, {0, 3})  # both from A
    assert result["chance"]["resolvable"] is False
    # the most lopsided possible split: both key connectors in one 10-person group, C(10, 2) / C(30, 2)
    assert result["chance"]["smallest_possible_p"] == pytest.approx(45 / 435)
    assert result["findings"][0] == (
        "By sector: with only 2 key connectors among 30 people, there are too few key connectors to tell whether any "
        "sector group is outside the core or over-represented: even the most lopsided split could arise by chance."
    )


def test_chance_sentence_when_a_pattern_is_not_significant():
    graph = nx.cycle_graph(30)
    attributes = {node: {"sector": "AAB"[node % 3]} for node in graph}  # A: 20 people, B: 10
    core = {0, 1, 3, 4, 6}  # all five from A; B (10 people) has none
    result = analyse_attribute(graph, list(graph), "sector", attributes, core)
    assert result["outside_core"] == [] and result["chance"]["resolvable"]
    expected = math.comb(20, 5) / math.comb(30, 5)
    b = next(row for row in result["groups"] if row["group"] == "B")
    assert b["p_value"] == pytest.approx(expected) and b["expected_in_core"] == pytest.approx(5 / 3)
    # with two groups, "all five from A" and "none from B" are the same event; A is listed first
    assert result["findings"][0] == (
        "By sector: with 5 key connectors among 30 people, the differences between the sector groups could easily "
        f"arise by chance (the most lopsided, A, would happen in {expected * 100:.0f} % of random assignments), so the "
        "numbers are too small to tell whether any group is outside the core or over-represented."
    )


def test_sentences_use_thousands_separators_and_singulars():
    people = [f"p{i:04d}" for i in range(1_200)]
    attributes = {p: {"region": "North" if i < 900 else "South"} for i, p in enumerate(people)}
    core = set(people[:60])
    result = analyse_attribute(nx.empty_graph(people), people, "region", attributes, core)
    south = next(s for s in result["findings"] if "South" in s)
    assert "nobody from South (300 of 1,200 people) is among the 60 key connectors" in south
    assert "about 15 would be expected" in south and "fewer than 1 in 1,000 random assignments" in south
    assert groups._percent(0.004) == "less than 1 %" and groups._percent(0.2) == "20 %"
    assert groups._how_often(0.004) == "in 0.4 % of random assignments"


def test_result_keeps_keys_and_is_json_serialisable():
    graph = nx.karate_club_graph()
    attributes = {node: {"club": graph.nodes[node]["club"]} for node in graph}
    result = analyse_attribute(graph, list(graph), "club", attributes, top_by_degree(graph, 0.1))
    json.dumps(result)
    assert {
        "attribute",
        "groups",
        "ei_index",
        "expected_ei_index",
        "internal_ties",
        "external_ties",
        "ties_without_group",
        "outside_core",
        "missing",
        "brokerage",
        "findings",
        "chance",
    } <= set(result)
    for row in result["groups"]:
        assert {
            "group",
            "people",
            "in_core",
            "share_of_network",
            "share_of_core",
            "representation",
            "outside_core",
            "ei_index",
            "expected_ei_index",
            "internal_ties",
            "external_ties",
            "expected_in_core",
            "p_value",
            "significant",
        } <= set(row)
    chance = result["chance"]
    assert chance["alpha"] == 0.05 and "Holm" in chance["correction"] and chance["seed"] == 42
    assert chance["permutations"] == 1_000 and chance["expected_ei_index"] == result["expected_ei_index"]
    # Zachary's karate club split along its two factions: strongly inward-looking
    assert chance["ei_p_value"] < 0.01 and any("more inward-looking than chance" in s for s in result["findings"])


def test_permutation_test_matches_exact_enumeration():
    graph = nx.Graph([(0, 1), (1, 2), (0, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 7), (5, 7), (1, 6)])
    labels = dict(zip(range(8), "AAABBBCC", strict=True))
    internal = {}
    for assignment in set(itertools.permutations("AAABBBCC")):
        internal[assignment] = sum(assignment[u] == assignment[v] for u, v in graph.edges())
    mean = Fraction(sum(internal.values()), len(internal))
    observed = sum(labels[u] == labels[v] for u, v in graph.edges())
    exact_p = Fraction(sum(abs(x - mean) >= abs(observed - mean) for x in internal.values()), len(internal))
    ties = graph.number_of_edges()
    result = ei_permutation_test(graph, labels)
    assert result["ei_index"] == pytest.approx(1 - 2 * observed / ties)
    assert result["expected_ei_index"] == pytest.approx(float(1 - 2 * mean / ties), abs=0.02)
    assert result["p_value"] == pytest.approx(float(exact_p), abs=0.04)


def test_permutation_test_is_deterministic_and_seeded():
    graph = nx.watts_strogatz_graph(40, 4, 0.2, seed=3)
    labels = {node: "XYZ"[node % 3] for node in graph}
    first, second = ei_permutation_test(graph, labels), ei_permutation_test(graph, labels)
    assert first == second and first["seed"] == 42
    other = ei_permutation_test(graph, labels, seed=7)
    assert other["ei_index"] == first["ei_index"]
    assert other["expected_ei_index"] != first["expected_ei_index"]  # a different stream of shuffles
    attributes = {node: {"team": labels[node]} for node in graph}
    core = top_by_degree(graph, 0.1)
    assert analyse_attribute(graph, list(graph), "team", attributes, core) == analyse_attribute(graph, list(graph), "team", attributes, core)


def test_permutation_count_rule():
    assert permutation_count(0) == 1_000
    assert permutation_count(60 + 30) == 1_000
    assert permutation_count(10_000 + 2_000) == 166
    assert permutation_count(50_000 + 5_000) == 100  # never fewer than 100
    for work in (1, 500, 2_001, 12_000, 19_999, 20_000, 20_001):
        count = permutation_count(work)
        assert 100 <= count <= 1_000
        assert count * work <= 2_000_000 or count == 100


def test_large_network_stays_within_the_work_budget():
    # 2,000 people and 10,000 ties: the permutation count keeps (ties + people) × shuffles
    # within 2,000,000 steps; no wall-clock assertion, only the amount of work
    graph = nx.gnm_random_graph(2_000, 10_000, seed=1)
    rng = random.Random(3)
    labels = {node: f"g{rng.randrange(5)}" for node in graph}
    result = ei_permutation_test(graph, labels)
    assert result["ties"] == 10_000
    assert result["permutations"] == 166
    assert result["permutations"] * (result["ties"] + 2_000) <= groups.PERMUTATION_WORK_BUDGET
    assert 0 < result["p_value"] <= 1


def test_no_ties_between_labelled_people():
    graph = nx.Graph([("a", "x"), ("b", "y")])
    result = ei_permutation_test(graph, {"a": "g", "b": "h"})
    assert result["p_value"] is None and result["permutations"] == 0 and result["expected_ei_index"] is None
