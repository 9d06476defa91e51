"""The methods page (docs/methods/connector-roles.md) says what the engine does.

Each rule the page states is checked here against the code: the figures against
``innovation_toolkit.network.limits``, the reference table against a fresh run of the engine, and
the worked examples against the engine's own sentences.
"""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pytest

from innovation_toolkit.network import analyse, limits
from innovation_toolkit.network.roles import most_holders, most_tied

from .helpers import edge_text, holders, kite_text

PAGE = Path(__file__).resolve().parents[2] / "docs" / "methods" / "connector-roles.md"
ROLES = ("hub", "gatekeeper", "pulsetaker")


@pytest.fixture(scope="module")
def page() -> str:
    return " ".join(PAGE.read_text(encoding="utf-8").replace("**", "").split())


def weighted_text(graph: nx.Graph) -> str:
    return "\n".join(f"{u},{v},{d['weight']}" for u, v, d in graph.edges(data=True))


REFERENCE = {
    "Krackhardt's kite": lambda: kite_text(),
    "Florentine families": lambda: edge_text(nx.florentine_families_graph()),
    "Karate club": lambda: edge_text(nx.karate_club_graph()),
    "Karate club, weighted": lambda: weighted_text(nx.karate_club_graph()),
    "Les Misérables": lambda: edge_text(nx.les_miserables_graph()),
    "Les Misérables, weighted": lambda: weighted_text(nx.les_miserables_graph()),
}


def reference_rows() -> list[str]:
    """The reference table's rows as the engine computes them now."""
    rows = []
    for label, text in REFERENCE.items():
        result = analyse(text())
        rows.append(f"| {label} | {result['summary']['people']} | " + " | ".join(_cell(result, role) for role in ROLES) + " |")
    return rows


def _cell(result: dict, role: str) -> str:
    people = holders(result, role)
    tied = " (tied)" if result["roles"][role]["tied"] else ""
    return (", ".join(people) + tied) if people else "no one stands out"


def test_reference_table_matches_the_engine():
    text = PAGE.read_text(encoding="utf-8")
    table = text.split("<!-- reference-table: start -->")[1].split("<!-- reference-table: end -->")[0]
    page_rows = table.strip().splitlines()[2:]
    assert page_rows == reference_rows()


def test_standing_out_figures(page):
    assert f"at least {limits.STAND_OUT_MARGIN * 100:.0f} % above the median" in page
    assert f"at most max(1, ⌊{limits.MAX_SHARE * 100:.0f} % × n⌋)" in page
    assert f"at most max(2, ⌊{limits.MAX_TIED_SHARE * 100:.0f} % × n⌋)" in page
    assert f"nearest to ⌈{limits.TOP_SHARE * 100:.0f} % × n⌉" in page
    # "Ten people allow one holder per role; 34 allow up to three; 2,000 allow up to 200, with about 100 used."
    assert "Ten people allow one holder per role; 34 allow up to three; 2,000 allow up to 200, with about 100 used" in page
    assert (most_holders(10), most_holders(34), most_holders(2000)) == (1, 3, 200)
    assert most_tied(10) == 2


def test_the_chain_example(page):
    result = analyse("\n".join(f"p{i},p{i + 1}" for i in range(29)))
    assert "28 people have exactly two ties" in page
    assert result["roles"]["hub"]["statement"] in page
    assert sum(1 for p in result["people"] if p["measures"]["degree"] == 2) == 28


def test_betweenness_alone_would_rename_the_hubs(page):
    """'in three of the four, the person with the highest betweenness is also the hub'."""
    assert "in three of these four networks the person with the highest betweenness is also a hub" in page
    also_hub = 0
    for label in ("Krackhardt's kite", "Florentine families", "Karate club", "Les Misérables"):
        result = analyse(REFERENCE[label]())
        best = min(result["people"], key=lambda p: p["ranks"]["betweenness"])
        also_hub += "hub" in best["roles"]
        assert not set(holders(result, "gatekeeper")) & set(holders(result, "hub"))
    assert also_hub == 3


def test_people_without_ties_and_direction_statements(page):
    assert "Adding or removing people without ties never changes who holds a role" in page
    survey = analyse("respondent,named person\nAnn,Bob\nCy,Bob\nDee,Ann\n")
    assert survey["summary"]["directed"] is True
    plain = analyse("Ann,Bob\nCy,Bob\n")
    assert plain["summary"]["directed"] is False
    assert re.search(r"`--directed` or `--undirected`", page)


def test_weights_statements(page):
    assert "a tie's length is 1 / weight" in page
    result = analyse("Ann,Bob,5\nBob,Cy,5\nAnn,Dee,1\nDee,Cy,1\nCy,Eve,1\n")
    assert result["input"]["weights"]["used"] is True
    assert "1 / weight" in result["input"]["weights"]["sentence"]
    assert "--ignore-weights" in page


def test_group_chance_statements(page):
    from innovation_toolkit.network import groups

    assert f"Holm's (1979) method at α = {groups.ALPHA:g}" in page
    assert f"{groups.MAX_PERMUTATIONS:,} times on small networks" in page
    assert f"{groups.PERMUTATION_WORK_BUDGET:,} tie visits in all, never fewer than {groups.MIN_PERMUTATIONS} shuffles" in page
    assert f"fixed seed {groups.PERMUTATION_SEED}" in page
    # the random-label rates quoted on the page are asserted (as bounds) in test_group_chance.py
    assert "core findings may be stated in at most 7 % of them and E-I findings in at most 10 %" in page
    chance_test = (PAGE.parents[2] / "tests" / "network" / "test_group_chance.py").read_text(encoding="utf-8")
    assert "group_findings <= 0.07 * runs" in chance_test and "ei_findings <= 0.10 * runs" in chance_test


def test_weighted_examples_on_the_page(page):
    karate = analyse(REFERENCE["Karate club, weighted"]())
    lesmis = analyse(REFERENCE["Les Misérables, weighted"]())
    assert "in the karate club the gatekeepers become 8 and 13 and the pulsetakers 2 and 33" in page
    assert holders(karate, "gatekeeper") == ["8", "13"] and holders(karate, "pulsetaker") == ["2", "33"]
    assert "Marius, a hub, is also a gatekeeper" in page
    assert {"hub", "gatekeeper"} <= set(next(p for p in lesmis["people"] if p["name"] == "Marius")["roles"])
    for label in ("Karate club", "Les Misérables"):
        plain, weighted = analyse(REFERENCE[label]()), analyse(REFERENCE[f"{label}, weighted"]())
        assert holders(plain, "hub") == holders(weighted, "hub")


def test_limits_and_accuracy_statements(page):
    from innovation_toolkit.network.limits import (
        AGREEMENT_TARGET,
        BROWSER,
        COMMAND_LINE,
        EXACT_WORK_BUDGET_BY_SCALE,
        MAX_CHARACTERS_BY_SCALE,
        MAX_PEOPLE_BY_SCALE,
        MAX_ROWS_BY_SCALE,
        MAX_TIES_BY_SCALE,
        MIN_PIVOTS,
        NETWORKIT_EXACT_WORK_BUDGET_BY_SCALE,
        SAMPLING_SEED,
        WEIGHTED_COST,
    )

    def row(label, table):
        return f"| {label} | {table[BROWSER]:,} | {table[COMMAND_LINE]:,} |"

    assert row("people", MAX_PEOPLE_BY_SCALE) in page
    assert row("ties", MAX_TIES_BY_SCALE) in page
    assert row("input size (characters)", MAX_CHARACTERS_BY_SCALE) in page
    assert row("rows read from a text file", MAX_ROWS_BY_SCALE) in page
    assert (
        f"| {EXACT_WORK_BUDGET_BY_SCALE[BROWSER]:,} | {EXACT_WORK_BUDGET_BY_SCALE[COMMAND_LINE]:,} "
        f"({NETWORKIT_EXACT_WORK_BUDGET_BY_SCALE[COMMAND_LINE]:,} with `--engine networkit`) |"
    ) in page
    assert f"| {limits.MAX_DRAW_NODES} and {limits.MAX_DRAW_EDGES:,} |" in page
    assert WEIGHTED_COST == 3 and "Weighted ties count three times" in page
    assert f"seed {SAMPLING_SEED}" in page and f"starts with {MIN_PIVOTS}" in page
    assert f"Jaccard agreement ≥ {AGREEMENT_TARGET:g}" in page
    closeness = limits.CLOSENESS_EXACT_WORK_BUDGET_BY_SCALE
    assert f"| {closeness[BROWSER]:,} | {closeness[COMMAND_LINE]:,} |" in page
    # "in the browser for every network it accepts"
    assert closeness[BROWSER] >= MAX_PEOPLE_BY_SCALE[BROWSER] * MAX_TIES_BY_SCALE[BROWSER]
    assert "in the browser for every network it accepts" in page and "(closeness_exact)" in page.replace("`", "")
    assert closeness[COMMAND_LINE] == 20_000 * 125_000 and "on the command line up to about 20,000 people and 125,000 ties" in page
    calculator = (PAGE.parents[1] / "calculators" / "connectors.md").read_text(encoding="utf-8")
    assert "Exact values (slower)" in page and ">Exact values (slower)</label>" in calculator
    assert "`--exact` on the command line" in page


def test_input_statements_match_the_readers(page):
    import math

    from innovation_toolkit.network.delimited import TEXT_SCALES

    low, high = round(math.log10(limits.MIN_WEIGHT)), round(math.log10(limits.MAX_WEIGHT))
    assert f"between 10<sup>−{-low}</sup> and 10<sup>{high}</sup>" in page
    for scale in TEXT_SCALES:
        words = [level.split("|") for level in scale]
        shown = ", ".join(w[0] + (f" ({', '.join(w[1:])})" if len(w) > 1 else "") for w in words)
        assert f"*{shown}* → 1–{len(scale)}" in page, shown
    for name in ("Kumu JSON", "GraphML", "GEXF 1.0–1.3", "GML", "Pajek `.net`", "UCINET DL", "Windows-1252", "`--two-mode`"):
        assert name in page
