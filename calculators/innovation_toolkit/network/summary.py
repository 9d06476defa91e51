"""Whole-network figures and the density band.

The report says NetForm flags densities outside "normative ranges" drawn from a
database of past studies (Case study 10, §2.4), but those ranges are unpublished. The band
here is our own assumption, documented on the methods page. Density alone misleads:
the same number of ties per person gives a far lower density in a big network than in a
small one. So the band is set on the **average number of people each person is tied to**
(ties undirected), with a ceiling that scales with size:

* **sparse** — fewer than 2 contacts per person on average: most people hang on a single
  link and the network falls apart easily;
* **clique risk** — at least ``min(30, 0.8 × (people − 1))`` contacts per person: nearly
  everyone knows nearly everyone in a small group, or people report more working ties
  than anyone can keep up in a large one — the closed circle the report warns can block
  new ideas;
* **typical** — in between.

Networks of fewer than 4 people are too small to judge.
"""

from __future__ import annotations

import networkx as nx

from innovation_toolkit.network import measures

SPARSE_BELOW = 2.0
CLIQUE_CONTACTS = 30.0
CLIQUE_SHARE = 0.8
SMALLEST_JUDGED = 4


def average_contacts(graph: nx.Graph) -> float:
    """Average number of distinct people each person is tied to, direction ignored.

    >>> average_contacts(nx.path_graph(3))
    1.3333333333333333
    """
    n = graph.number_of_nodes()
    if n == 0:
        return 0.0
    undirected = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    return 2 * undirected.number_of_edges() / n


def density_band(people: int, contacts: float) -> dict:
    """Classify a network as sparse, typical or clique risk (see the module docstring).

    >>> density_band(20, 1.5)["band"], density_band(20, 4)["band"], density_band(10, 8)["band"]
    ('sparse', 'typical', 'clique risk')
    """
    if people < SMALLEST_JUDGED:
        return {
            "band": "too small",
            "sparse_below": None,
            "clique_from": None,
            "sentence": f"With {people:,} {'person' if people == 1 else 'people'} the network is too small to judge its density.",
        }
    ceiling = min(CLIQUE_CONTACTS, CLIQUE_SHARE * (people - 1))
    if contacts < SPARSE_BELOW:
        band = "sparse"
        sentence = f"Sparse: people are tied to {contacts:.1f} others on average (fewer than {SPARSE_BELOW:g}), so many hang on a single link."
    elif contacts >= ceiling:
        band = "clique risk"
        sentence = (
            f"Clique risk: people are tied to {contacts:.1f} others on average (from {ceiling:.1f} up counts as "
            "very dense for this size), which can mean a closed circle."
        )
    else:
        band = "typical"
        sentence = (
            f"Typical density: people are tied to {contacts:.1f} others on average "
            f"(our band for {people:,} people runs from {SPARSE_BELOW:g} to {ceiling:.1f})."
        )
    return {"band": band, "sparse_below": SPARSE_BELOW, "clique_from": ceiling, "sentence": sentence}


def summarise(graph: nx.Graph) -> dict:
    """People, ties, density, average degree, components, isolates, reciprocity, density band.

    Components are counted with direction ignored (weakly connected).

    >>> s = summarise(nx.Graph([(1, 2), (2, 3)]))
    >>> s["people"], s["ties"], s["components"]
    (3, 2, 1)
    """
    n = graph.number_of_nodes()
    undirected = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    components = list(nx.connected_components(undirected)) if n else []
    contacts = average_contacts(graph)
    degrees = [d for _, d in graph.degree()]
    return {
        "people": n,
        "ties": graph.number_of_edges(),
        "directed": graph.is_directed(),
        "density": nx.density(graph) if n > 1 else 0.0,
        "average_degree": (sum(degrees) / n) if n else 0.0,
        "average_contacts": contacts,
        "components": len(components),
        "largest_component": max((len(c) for c in components), default=0),
        "isolates": sum(1 for node in graph if graph.degree(node) == 0),
        "reciprocity": measures.reciprocity(graph),
        "density_band": density_band(n, contacts),
    }
