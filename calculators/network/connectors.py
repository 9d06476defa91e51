"""Find the key connectors of one network: the measures, their ranks and the role holders."""
from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from calculators.network import measures
from calculators.network.roles import ROLES, competition_ranks, top_share


@dataclass
class Connectors:
    """Measures and roles for one network (plain data; names are the graph's nodes)."""

    plan: dict
    degree: dict
    out_degree: dict | None
    strength: dict
    betweenness: dict
    closeness: dict
    closeness_kind: str
    reach_two: dict
    cut_points: set
    bridges: dict
    ranks: dict  # measure -> {name: rank}
    holders: dict  # role -> [names]
    cutoffs: dict  # role -> value or None

    @property
    def key_connectors(self) -> list:
        """Everyone holding at least one role, in the order hub, gatekeeper, pulsetaker."""
        seen: dict = {}
        for role in ROLES:
            for name in self.holders[role]:
                seen.setdefault(name, None)
        return list(seen)

    def roles_of(self, name) -> list[str]:
        return [role for role in ROLES if name in self.holders[role]]


def find_connectors(graph: nx.Graph) -> Connectors:
    """Compute degree, betweenness and closeness for ``graph`` and apply the top-5 % rule.

    >>> c = find_connectors(nx.star_graph(4))
    >>> c.holders["hub"], c.holders["gatekeeper"], c.holders["pulsetaker"]
    ([0], [0], [0])
    """
    plan = measures.sampling_plan(graph)
    degree = measures.hub_degree(graph)
    between, close, kind = measures.path_measures(graph, plan)
    values = {"hub": degree, "gatekeeper": between, "pulsetaker": close}
    holders, cutoffs = {}, {}
    for role in ROLES:
        holders[role], cutoffs[role] = top_share(values[role])
    return Connectors(
        plan=plan,
        degree=degree,
        out_degree=dict(graph.out_degree()) if graph.is_directed() else None,
        strength=measures.strength(graph),
        betweenness=between,
        closeness=close,
        closeness_kind=kind,
        reach_two=measures.reach_within_two(graph),
        cut_points=measures.cut_points(graph),
        bridges=measures.bridge_counts(graph),
        ranks={"degree": competition_ranks(degree), "betweenness": competition_ranks(between), "closeness": competition_ranks(close)},
        holders=holders,
        cutoffs=cutoffs,
    )
