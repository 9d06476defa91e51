"""Find the key connectors of one network: the measures, their ranks and the role holders."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from innovation_toolkit.network import measures
from innovation_toolkit.network.roles import ROLES, Standing, competition_ranks, stand_out


@dataclass
class Connectors:
    """Measures and roles for one network (plain data; names are the graph's nodes).

    Every measure covers everyone; people without ties score zero and hold no role.
    """

    accuracy: dict
    connected: int  # people with at least one tie
    degree: dict
    out_degree: dict | None
    strength: dict
    betweenness: dict
    bridging: dict
    neighbour_degree: dict
    closeness: dict
    closeness_kind: str
    reach_two: dict
    cut_points: set
    bridges: dict
    ranks: dict  # measure -> {name: rank}
    standings: dict  # role -> Standing

    @property
    def holders(self) -> dict:
        """Role -> the people holding it, best first."""
        return {role: self.standings[role].holders for role in ROLES}

    @property
    def key_connectors(self) -> list:
        """Everyone holding at least one role, in the order hub, gatekeeper, pulsetaker."""
        seen: dict = {}
        for role in ROLES:
            for name in self.standings[role].holders:
                seen.setdefault(name, None)
        return list(seen)

    def roles_of(self, name) -> list[str]:
        return [role for role in ROLES if name in self._holder_sets[role]]

    def __post_init__(self) -> None:
        self._holder_sets = {role: frozenset(self.standings[role].holders) for role in ROLES}


def bridging_coefficient(graph: nx.Graph) -> dict:
    """Hwang et al.'s bridging coefficient: ``(1 / d(v)) / Σ_{u ∈ N(v)} 1 / d(u)``.

    High for someone with few ties whose contacts have many: the report's gatekeeper,
    who has "few ties, but to a strategic few". Ties count in either direction; people
    without ties get zero.

    >>> coefficient = bridging_coefficient(nx.Graph([("a", "b"), ("b", "c"), ("c", "d"), ("c", "e")]))
    >>> round(coefficient["b"], 3), round(coefficient["c"], 3)
    (0.375, 0.133)

    Reference: Hwang, W., Kim, T., Ramanathan, M. and Zhang, A. (2008). Bridging
    centrality: graph mining from element level to group level. *KDD '08*, 336–344.
    """
    undirected = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    degree = dict(undirected.degree())
    result = {}
    for node in undirected:
        inverse_sum = sum(1 / degree[neighbour] for neighbour in undirected.adj[node] if neighbour != node)
        result[node] = (1 / degree[node]) / inverse_sum if degree[node] and inverse_sum else 0.0
    return result


def bridging_centrality(betweenness: dict, coefficient: dict) -> dict:
    """The gatekeeper score: betweenness × bridging coefficient (Hwang et al. 2008).

    >>> bridging_centrality({"a": 0.5, "b": 0.0}, {"a": 0.4, "b": 1.0})
    {'a': 0.2, 'b': 0.0}
    """
    return {name: betweenness[name] * coefficient.get(name, 0.0) for name in betweenness}


def _mean_neighbour_degree(graph: nx.Graph) -> dict:
    undirected = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    degree = dict(undirected.degree())
    return {node: (sum(degree[u] for u in undirected.adj[node]) / degree[node]) if degree[node] else 0.0 for node in undirected}


def find_connectors(graph: nx.Graph, *, weighted: bool = False, exact: bool = False, engine: str = "python") -> Connectors:
    """Compute the three roles' measures for ``graph`` and decide who stands out on each.

    Measures and roles are computed over the people with at least one tie, so adding or
    removing people without ties changes nobody's role. ``weighted`` reads tie weights as
    tie strength for betweenness and closeness; ``exact`` forbids estimates.

    >>> c = find_connectors(nx.star_graph(4))
    >>> c.holders["hub"], c.holders["gatekeeper"], c.holders["pulsetaker"]
    ([0], [0], [0])
    """
    undirected = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    active = [node for node in graph if undirected.degree(node) > 0]
    # Without isolates the graph itself; else a copy: every pass over a subgraph view re-filters the whole graph.
    core = graph if len(active) == graph.number_of_nodes() else graph.subgraph(active).copy()
    coefficient = bridging_coefficient(core)

    def role_sets(between: dict, close: dict) -> dict:
        return {
            "gatekeeper": frozenset(stand_out(bridging_centrality(between, coefficient)).holders),
            "pulsetaker": frozenset(stand_out(close).holders),
        }

    paths = measures.path_measures(core, weighted=weighted, exact=exact, engine=engine, role_sets=role_sets)
    hub_score = measures.hub_degree(core)
    bridging = bridging_centrality(paths.betweenness, coefficient)
    standings: dict[str, Standing] = {
        "hub": stand_out(hub_score),
        "gatekeeper": stand_out(bridging),
        "pulsetaker": stand_out(paths.closeness),
    }

    def everyone(values: dict, default=0) -> dict:
        return {node: values.get(node, default) for node in graph}

    degree = everyone(hub_score)
    between = everyone(paths.betweenness, 0.0)
    bridging_all = everyone(bridging, 0.0)
    close = everyone(paths.closeness, 0.0)
    return Connectors(
        accuracy=paths.accuracy,
        connected=len(active),
        degree=degree,
        out_degree=dict(graph.out_degree()) if isinstance(graph, nx.DiGraph) else None,
        strength=measures.strength(graph),
        betweenness=between,
        bridging=bridging_all,
        neighbour_degree=everyone(_mean_neighbour_degree(core), 0.0),
        closeness=close,
        closeness_kind=paths.kind,
        reach_two=measures.reach_within_two(graph),
        cut_points=measures.cut_points(graph),
        bridges=measures.bridge_counts(graph),
        ranks={
            "degree": competition_ranks(degree),
            "betweenness": competition_ranks(between),
            "bridging": competition_ranks(bridging_all),
            "closeness": competition_ranks(close),
        },
        standings=standings,
    )
