"""Resilience: what happens to the network when key people leave.

The report warns that a locality whose innovation rests on one core group is fragile if
that group moves on (Case study 10, §4.3.4 and §4.4). These functions measure it on the
undirected view of the ties (a nomination either way keeps two people in touch).
"""

from __future__ import annotations

import networkx as nx

from innovation_toolkit.network import limits


def undirected_view(graph: nx.Graph) -> nx.Graph:
    """The ties with direction ignored (weakly connected view)."""
    return graph.to_undirected(as_view=True) if graph.is_directed() else graph


def _adjacency(graph: nx.Graph) -> dict:
    undirected = undirected_view(graph)
    return {node: list(undirected.adj[node]) for node in undirected}


def _largest_piece(adjacency: dict, allowed) -> set:
    """The largest connected set among ``allowed`` people (first found wins a tie)."""
    allowed = allowed if isinstance(allowed, (set, dict)) else set(allowed)
    seen: set = set()
    best: set = set()
    for start in adjacency:
        if start in seen or start not in allowed:
            continue
        piece = {start}
        frontier = [start]
        while frontier:
            following = []
            for node in frontier:
                for neighbour in adjacency[node]:
                    if neighbour not in piece and neighbour in allowed:
                        piece.add(neighbour)
                        following.append(neighbour)
            frontier = following
        seen |= piece
        if len(piece) > len(best):
            best = piece
    return best


def largest_group(graph: nx.Graph) -> set:
    """The people in the largest connected group (ties undirected); empty for no people.

    >>> sorted(largest_group(nx.Graph([(1, 2), (3, 4), (4, 5)])))
    [3, 4, 5]
    """
    adjacency = _adjacency(graph)
    return _largest_piece(adjacency, adjacency)


def departure(graph: nx.Graph, leaving) -> dict:
    """Effect of ``leaving`` (a set of people) on the largest connected group.

    ``cut_off`` counts people who stay but lose their connection to the main group: they
    were in the largest group before, and afterwards are outside the largest piece left
    of that group. ``isolated`` counts people who stay but are left with no ties at all.

    >>> departure(nx.path_graph(5), {2})["cut_off"]
    2
    """
    return departures(graph, [leaving])[0]


def departures(graph: nx.Graph, groups: list) -> list[dict]:
    """:func:`departure` for each set of people in ``groups``, sharing the work they have in common.

    >>> [d["largest_group_after"] for d in departures(nx.path_graph(5), [{2}, {0}])]
    [2, 4]
    """
    adjacency = _adjacency(graph)
    before = _largest_piece(adjacency, adjacency)
    results = []
    for group in groups:
        leaving = set(group)
        staying = {node for node in adjacency if node not in leaving}
        after = _largest_piece(adjacency, staying)
        main_piece = _largest_piece(adjacency, before - leaving)
        cut = [n for n in adjacency if n in before and n not in leaving and n not in main_piece]
        isolated = [n for n in staying if adjacency[n] and all(m in leaving for m in adjacency[n])]
        results.append(
            {
                "leaving": len(leaving),
                "largest_group_before": len(before),
                "largest_group_after": len(after),
                "cut_off": len(cut),
                "cut_off_people": sorted(map(str, cut))[: limits.MAX_LISTED * 5],
                "isolated": len(isolated),
            }
        )
    return results


def split_sizes(graph: nx.Graph) -> dict:
    """For every person, the sizes of the pieces their own group falls into without them.

    One depth-first search (Hopcroft and Tarjan 1973) finds, for each person v, the
    subtrees below v that have no tie climbing above v: each becomes a separate piece
    when v leaves, and the rest of v's group is one more piece. Runs in time proportional
    to people + ties, so it is cheap even at 5,000 people. Only people whose departure
    splits something (cut points) appear; each maps to a list of piece sizes, largest first.

    >>> split_sizes(nx.path_graph(5))[2]
    [2, 2]

    Reference: Hopcroft, J. and Tarjan, R. (1973). Efficient algorithms for graph
    manipulation. *Communications of the ACM* 16(6), 372–378.
    """
    undirected = undirected_view(graph)
    adjacency = {node: list(undirected.adj[node]) for node in undirected}
    discovery: dict = {}
    low: dict = {}
    size: dict = {}
    pieces: dict = {}
    counter = 0
    for root in adjacency:
        if root in discovery:
            continue
        discovery[root] = low[root] = counter
        counter += 1
        size[root] = 1
        stack = [(root, None, iter(adjacency[root]))]
        component_nodes = [root]
        while stack:
            node, parent, neighbours = stack[-1]
            advanced = False
            for neighbour in neighbours:
                if neighbour == parent:
                    continue
                if neighbour in discovery:
                    low[node] = min(low[node], discovery[neighbour])
                else:
                    discovery[neighbour] = low[neighbour] = counter
                    counter += 1
                    size[neighbour] = 1
                    component_nodes.append(neighbour)
                    stack.append((neighbour, node, iter(adjacency[neighbour])))
                    advanced = True
                    break
            if advanced:
                continue
            stack.pop()
            if parent is not None:
                low[parent] = min(low[parent], low[node])
                size[parent] += size[node]
                if low[node] >= discovery[parent]:
                    pieces.setdefault(parent, []).append(size[node])
        total = len(component_nodes)
        for node in component_nodes:
            if node not in pieces:
                continue
            parts = pieces[node]
            rest = total - 1 - sum(parts)
            if node == root:
                if len(parts) < 2:
                    del pieces[node]
                    continue
            elif rest > 0:
                parts.append(rest)
            pieces[node] = sorted(parts, reverse=True)
    return pieces


def most_critical(graph: nx.Graph) -> dict | None:
    """The single person whose departure cuts the most people off from their group.

    "Cut off" means: outside the largest piece of the group that remains. Ties are
    broken by the smaller largest-remaining piece, then by name. None when no single
    departure splits any group.

    >>> most_critical(nx.path_graph(5))["name"]
    '2'
    """
    pieces = split_sizes(graph)
    if not pieces:
        return None
    main = largest_group(graph)

    def cut_off(node) -> int:
        return sum(pieces[node]) - pieces[node][0]

    name = min(pieces, key=lambda n: (-cut_off(n), pieces[n][0], str(n)))
    in_main = name in main
    return {
        "name": str(name),
        "cut_off": cut_off(name),
        "pieces": pieces[name][: limits.MAX_LISTED],
        "in_largest_group": in_main,
        "largest_group_after": (len(main) - 1 - cut_off(name)) if in_main else len(main),
    }
