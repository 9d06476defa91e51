"""Turn parsed ties into networkx graphs, reporting every merge and exclusion.

* **Self-ties** (a person naming themselves) are left out of the graph — they carry no
  information about connection — and reported with their lines.
* **Duplicate ties** are merged into one tie that keeps the largest weight, and reported.
  In an undirected network, ``Ann–Bob`` and ``Bob–Ann`` are the same tie; this is reported
  separately because symmetric exports list every tie twice on purpose.
* **Near-duplicate names** (equal after ignoring case and spacing, e.g. ``Ann Lee`` and
  ``ann  lee``) are kept apart — names match exactly — but reported so the user can fix them.
"""

from __future__ import annotations

import networkx as nx

from innovation_toolkit.errors import InputError
from innovation_toolkit.network import limits
from innovation_toolkit.network.records import Note, Tie
from innovation_toolkit.network.wording import are, count


def build_graph(names: list[str], ties: list[Tie], *, directed: bool) -> tuple[nx.Graph, list[Note]]:
    """Return ``(graph, notes)``: every name is a node; ties become edges with a ``weight``.

    >>> graph, notes = build_graph(["Ann", "Bob"], [Tie("Ann", "Bob"), Tie("Bob", "Ann")], directed=False)
    >>> graph.number_of_edges(), notes[0].kind
    (1, 'reversed-duplicate')
    """
    graph: nx.Graph = nx.DiGraph() if directed else nx.Graph()
    graph.add_nodes_from(names)
    self_ties: list[str] = []
    duplicates: list[str] = []
    reversed_pairs: list[str] = []
    written: set[tuple[str, str]] = set()
    for tie in ties:
        graph.add_node(tie.source)
        graph.add_node(tie.target)
        if tie.source == tie.target:
            self_ties.append(tie.where or tie.source)
            continue
        existing = graph.get_edge_data(tie.source, tie.target)
        if existing is None:
            graph.add_edge(tie.source, tie.target, weight=tie.weight)
            written.add((tie.source, tie.target))
            continue
        if directed or (tie.source, tie.target) in written:
            duplicates.append(tie.where or f"{tie.source} – {tie.target}")
        else:
            reversed_pairs.append(tie.where or f"{tie.source} – {tie.target}")
        existing["weight"] = max(existing["weight"], tie.weight)
    notes = []
    if self_ties:
        notes.append(
            Note(
                "self-tie",
                f"{count(len(self_ties), 'self-tie').capitalize()} (a person tied to themselves) left out of the analysis",
                self_ties,
                len(self_ties),
            )
        )
    if duplicates:
        notes.append(
            Note(
                "duplicate",
                f"{count(len(duplicates), 'repeated tie').capitalize()} merged into one; the largest weight is kept",
                duplicates,
                len(duplicates),
            )
        )
    if reversed_pairs:
        notes.append(
            Note(
                "reversed-duplicate",
                f"{count(len(reversed_pairs), 'tie').capitalize()} {are(len(reversed_pairs), 'repeats', 'repeat')} an earlier tie in the other "
                f"direction; in an undirected network {are(len(reversed_pairs), 'it counts', 'they count')} once "
                "(analyse as directed to keep nominations apart)",
                reversed_pairs,
                len(reversed_pairs),
            )
        )
    return graph, notes


def check_size(graph: nx.Graph, label: str = "the network") -> None:
    """Raise ``InputError`` if ``graph`` exceeds the people or tie limits."""
    if graph.number_of_nodes() > limits.MAX_PEOPLE:
        raise InputError(
            f"{label} has {graph.number_of_nodes():,} people; the limit is {limits.MAX_PEOPLE:,} (analyse one team or one network at a time)"
        )
    if graph.number_of_edges() > limits.MAX_TIES:
        raise InputError(f"{label} has {graph.number_of_edges():,} ties; the limit is {limits.MAX_TIES:,}")


def near_duplicate_names(names) -> Note | None:
    """Return a note listing names that differ only in letter case or spacing, or None.

    >>> near_duplicate_names(["Ann Lee", "ann  lee", "Bob"]).where
    ["'Ann Lee' / 'ann  lee'"]
    """
    groups: dict[str, list[str]] = {}
    for name in names:
        groups.setdefault(" ".join(name.split()).casefold(), []).append(name)
    clashes = [" / ".join(repr(n) for n in group) for group in groups.values() if len(group) > 1]
    if not clashes:
        return None
    return Note(
        "near-duplicate",
        f"{count(len(clashes), 'set').capitalize()} of names {are(len(clashes), 'differs', 'differ')} only in capitals or spacing and "
        f"{are(len(clashes))} treated as different people: check them",
        clashes,
        len(clashes),
    )


def load_network(text, *, directed: bool = False, fmt: str | None = None) -> dict:
    """Parse ``text`` and build the graph, and report only its size.

    The cost of reading a network without analysing it: the benchmark's baseline
    (scripts/bench_roles.py), callable from Pyodide like any calculator.

    >>> load_network("Ann,Bob\\nBob,Cy")
    {'people': 3, 'ties': 2}
    """
    from innovation_toolkit.network.parse import parse_ties

    parsed = parse_ties(text, fmt=fmt)
    graph, _ = build_graph(parsed.names, parsed.ties, directed=directed)
    check_size(graph)
    return {"people": graph.number_of_nodes(), "ties": graph.number_of_edges()}
