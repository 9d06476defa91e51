"""Data for a network picture: a capped node list with positions, and an edge list.

The browser draws; Python decides what to draw. Positions come from a simple, cheap
concentric layout (key connectors on an inner ring, everyone else on an outer ring, in
group order, then by number of ties) because force-directed layouts in networkx need
numpy, which the browser build does not ship.
"""
from __future__ import annotations

import math

import networkx as nx

from calculators.network import limits


def _ring(names: list, radius: float) -> dict:
    positions = {}
    count = len(names)
    for index, name in enumerate(names):
        angle = 2 * math.pi * index / count if count else 0.0
        x = 0.5 + radius * math.cos(angle - math.pi / 2)
        y = 0.5 + radius * math.sin(angle - math.pi / 2)
        positions[name] = (round(x, 4), round(y, 4))
    if count == 1 and radius < 0.2:
        positions[names[0]] = (0.5, 0.5)
    return positions


def picture(graph: nx.Graph, roles_of: dict, group_of: dict | None = None) -> dict:
    """Return ``{"nodes": […], "edges": […], "truncated": bool, …}`` for drawing.

    Each node is ``{"id", "name", "degree", "roles", "group", "x", "y"}`` with ``x``, ``y``
    in 0–1; each edge is ``[source id, target id, weight]``. When the network is larger
    than :data:`limits.MAX_DRAW_NODES`, the key connectors and then the best-connected
    people are kept; ties among kept people are kept up to :data:`limits.MAX_DRAW_EDGES`,
    those touching key connectors first.

    >>> p = picture(nx.path_graph(3), {1: ["hub"]})
    >>> [n["name"] for n in p["nodes"]], p["edges"]
    (['1', '0', '2'], [[0, 2, 1.0], [1, 0, 1.0]])
    """
    group_of = group_of or {}
    degree = dict(graph.degree())
    key = [n for n in graph if roles_of.get(n)]
    others = sorted((n for n in graph if not roles_of.get(n)), key=lambda n: -degree[n])
    kept = (key + others)[: limits.MAX_DRAW_NODES]
    kept_set = set(kept)
    key_set = set(key)
    inner = [n for n in kept if n in key_set]
    outer = sorted((n for n in kept if n not in key_set), key=lambda n: (str(group_of.get(n, "")), -degree[n], str(n)))
    positions = _ring(inner, 0.18 if len(inner) > 1 else 0.0)
    positions.update(_ring(outer, 0.45))
    index = {name: i for i, name in enumerate(inner + outer)}
    nodes = [
        {
            "id": index[name],
            "name": str(name),
            "degree": degree[name],
            "roles": list(roles_of.get(name, [])),
            "group": group_of.get(name),
            "x": positions[name][0],
            "y": positions[name][1],
        }
        for name in inner + outer
    ]
    edges = []
    for u, v, data in graph.edges(data=True):
        if u in kept_set and v in kept_set:
            edges.append((0 if (u in key_set or v in key_set) else 1, index[u], index[v], float(data.get("weight", 1.0))))
    edges.sort(key=lambda e: (e[0], e[1], e[2]))
    total_edges = len(edges)
    edges = [[u, v, w] for _, u, v, w in edges[: limits.MAX_DRAW_EDGES]]
    return {
        "nodes": nodes,
        "edges": edges,
        "directed": graph.is_directed(),
        "truncated": len(kept) < graph.number_of_nodes() or total_edges > len(edges),
        "shown_people": len(nodes),
        "shown_ties": len(edges),
    }
