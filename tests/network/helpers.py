"""Shared helpers for the connector-roles tests."""

from __future__ import annotations

import networkx as nx

KITE_NAMES = ["Andre", "Beverly", "Carol", "Diane", "Ed", "Fernando", "Garth", "Heather", "Ike", "Jane"]


def edge_text(graph: nx.Graph, labels=None, separator: str = ",") -> str:
    """Write ``graph`` as an edge list, one tie per line."""
    name = (lambda node: labels[node]) if labels else str
    return "\n".join(f"{name(u)}{separator}{name(v)}" for u, v in graph.edges())


def kite_text() -> str:
    return edge_text(nx.krackhardt_kite_graph(), KITE_NAMES)


def person(result: dict, name: str) -> dict:
    return next(p for p in result["people"] if p["name"] == name)


def holders(result: dict, role: str) -> list:
    return result["roles"][role]["people"]
