"""Who has the most ties? The walking skeleton's calculator.

Parses a plain edge list (one tie per line: two names separated by a comma, tab or
semicolon) and ranks people by degree — the number of distinct people they are tied to.
In the report's terms these are candidate *hubs* (Case study 10): people with many direct ties.
"""
from __future__ import annotations

import re

import networkx as nx

from calculators.errors import InputError

_SEPARATOR = re.compile(r"[,;\t]")


def parse_edge_list(text: str) -> nx.Graph:
    """Return the undirected graph described by ``text``.

    Blank lines and lines starting with ``#`` are skipped. Each other line holds two
    names separated by ``,``, ``;`` or a tab; surrounding spaces are trimmed.

    >>> sorted(parse_edge_list("Ann,Bob\\nBob,Cy").edges())
    [('Ann', 'Bob'), ('Bob', 'Cy')]
    """
    graph = nx.Graph()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [field.strip() for field in _SEPARATOR.split(line)]
        if len(fields) != 2:
            raise InputError(f"expected two names separated by a comma, found {len(fields)} field(s)", line=number)
        for column, name in enumerate(fields, start=1):
            if not name:
                raise InputError(f"name {column} is empty", line=number)
        graph.add_edge(*fields)
    if graph.number_of_edges() == 0:
        raise InputError("no ties found: enter one tie per line, e.g. 'Ann, Bob'")
    return graph


def most_ties(text: str, limit: int = 5) -> dict:
    """Rank people in the edge list ``text`` by their number of ties.

    Returns ``{"people": [{"name": str, "ties": int}, …], "total_people": int,
    "total_ties": int}`` with at most ``limit`` people, most ties first, ties broken by name.

    >>> most_ties("Ann,Bob\\nBob,Cy", limit=1)["people"]
    [{'name': 'Bob', 'ties': 2}]
    """
    graph = parse_edge_list(text)
    ranked = sorted(graph.degree(), key=lambda item: (-item[1], item[0]))
    return {
        "people": [{"name": name, "ties": ties} for name, ties in ranked[:limit]],
        "total_people": graph.number_of_nodes(),
        "total_ties": graph.number_of_edges(),
    }
