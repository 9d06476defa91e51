"""Several networks from one survey: roles per network and the consistent core group.

The report's case study asked about several kinds of tie (work, social, innovation,
expert knowledge, career guidance/strategic, learning) and found the same core group of
people at the centre of every one (Case study 10, §4.3.3). Here each network named in
the survey file is analysed on its own, over the same population, and people who are key
connectors in all networks, or in more than half of them, are listed.
"""

from __future__ import annotations

import networkx as nx

from innovation_toolkit.network.connectors import Connectors, find_connectors
from innovation_toolkit.network.roles import ROLES


def split_networks(graph_by_network: dict[str, nx.Graph], **options) -> dict[str, Connectors]:
    """Find the key connectors of each named network (``options`` as for ``find_connectors``)."""
    return {name: find_connectors(graph, **options) for name, graph in graph_by_network.items()}


def majority(count: int) -> int:
    """Fewest networks that make "more than half" of ``count`` networks.

    >>> majority(3), majority(4), majority(7)
    (2, 3, 4)
    """
    return count // 2 + 1


def consistent_core(results: dict[str, Connectors]) -> dict:
    """People who are key connectors in every network, and in more than half of them.

    >>> from innovation_toolkit.network.connectors import find_connectors
    >>> star = find_connectors(nx.star_graph(3))
    >>> consistent_core({"a": star, "b": star})["all"]
    ['0']
    """
    counts: dict = {}
    for connectors in results.values():
        for name in connectors.key_connectors:
            counts[name] = counts.get(name, 0) + 1
    total = len(results)
    need = majority(total)
    ordered = sorted(counts, key=lambda n: (-counts[n], str(n)))
    return {
        "networks": total,
        "most_threshold": need,
        "all": [str(n) for n in ordered if counts[n] == total],
        "most": [str(n) for n in ordered if counts[n] >= need],
        "counts": {str(n): counts[n] for n in ordered},
    }


def network_summary(name: str, graph: nx.Graph, connectors: Connectors) -> dict:
    """A short, JSON-ready summary of one network's size and role holders."""
    n = graph.number_of_nodes()
    return {
        "name": name,
        "people": n,
        "active_people": sum(1 for node in graph if graph.degree(node) > 0),
        "ties": graph.number_of_edges(),
        "density": nx.density(graph) if n > 1 else 0.0,
        "roles": {role: [str(p) for p in connectors.holders[role]] for role in ROLES},
        "key_connectors": [str(p) for p in connectors.key_connectors],
        "sampled": not connectors.accuracy["exact"],
    }
