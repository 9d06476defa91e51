"""Data for a network picture: who is drawn, where, and a caption saying what is shown.

The browser draws; Python decides what to draw. Two views:

- **Everyone** (networks of up to :data:`WHOLE_NETWORK_UP_TO` people): every person, placed
  by a small spring layout (Fruchterman–Reingold, pure Python, a fixed number of steps, so
  the same input always gives the same picture). Key connectors start on an inner ring,
  everyone else on an outer ring in group order.
- **Key connectors and their neighbourhoods** (larger networks): a ring of thousands of dots
  says nothing, so the picture keeps at most :data:`MAX_KEY_DRAWN` key connectors (people
  with several roles first, then each role in turn, best-connected first) and at most
  :data:`MAX_DRAWN` people in all: the people tied to them (one step away), those tied to
  several drawn key connectors first, then the best-connected. Each key connector has a
  sector of the circle; people tied to only one of them sit in its sector, people tied to
  several sit nearer the middle, between them. The table of people always lists everyone.

Force-directed layouts in networkx need numpy, which the browser build does not ship, hence
the small layout here.
"""

from __future__ import annotations

import math

import networkx as nx

from innovation_toolkit.network import limits
from innovation_toolkit.network.wording import figure

#: Networks up to this many people are drawn whole.
WHOLE_NETWORK_UP_TO = 150
#: In the neighbourhood view: most key connectors drawn, and most people drawn in all.
MAX_KEY_DRAWN = 24
MAX_DRAWN = 200
#: Pairs of people times steps the spring layout may spend (keeps it well under a second).
SPRING_WORK = 1_200_000
ROLE_ORDER = ("hub", "gatekeeper", "pulsetaker")


def _ring(names: list, radius: float, start: float = 0.0) -> dict:
    positions = {}
    count = len(names)
    for index, name in enumerate(names):
        angle = start + 2 * math.pi * index / count if count else 0.0
        positions[name] = (0.5 + radius * math.cos(angle - math.pi / 2), 0.5 + radius * math.sin(angle - math.pi / 2))
    if count == 1 and radius < 0.2:
        positions[names[0]] = (0.5, 0.5)
    return positions


#: The last few layouts, by their inputs: the layout is most of the time of analysing a few hundred
#: people, and a re-run of the same network (another option, the same ties) draws the same picture.
_LAYOUTS: dict[tuple, dict] = {}
_LAYOUTS_KEPT = 4


def _spring(graph: nx.Graph, names: list, start: dict) -> dict:
    """Fruchterman–Reingold from ``start``, with a pull to the middle so loose parts stay in view
    (the result of the same inputs kept in ``_LAYOUTS``, as the layout is deterministic)."""
    n = len(names)
    if n < 3:
        return start
    index = {name: i for i, name in enumerate(names)}
    # Only + − × ÷ and sqrt from here on, which IEEE 754 rounds the same everywhere; the
    # start (from cos and sin, which C libraries round differently) is rounded first, so
    # CPython and Pyodide draw the same picture.
    xs = [round(start[name][0], 6) for name in names]
    ys = [round(start[name][1], 6) for name in names]
    pairs = sorted(
        {(min(index[u], index[v]), max(index[u], index[v])) for u, v in graph.edges() if u in index and v in index and u != v}
    )  # sorted: set order may differ between Python versions
    key = (tuple(names), tuple(pairs), tuple(xs), tuple(ys))
    if key in _LAYOUTS:
        return dict(_LAYOUTS[key])
    k = 0.9 / math.sqrt(n)
    k2 = k * k
    steps = max(10, min(150, SPRING_WORK // (n * n)))
    hottest, coolest = 0.1, 0.005
    for step_number in range(steps):
        temperature = hottest - (hottest - coolest) * step_number / steps
        dx = [0.0] * n
        dy = [0.0] * n
        for i in range(n):
            xi, yi = xs[i], ys[i]
            for j in range(i + 1, n):
                ex, ey = xi - xs[j], yi - ys[j]
                d2 = ex * ex + ey * ey
                if d2 < 1e-9:
                    ex, ey, d2 = 1e-4 * (1 + i % 7), 1e-4 * (1 + j % 5), 1e-8
                force = k2 / d2
                dx[i] += ex * force
                dy[i] += ey * force
                dx[j] -= ex * force
                dy[j] -= ey * force
        for i, j in pairs:
            ex, ey = xs[i] - xs[j], ys[i] - ys[j]
            d = math.sqrt(ex * ex + ey * ey) or 1e-6
            force = d / k
            dx[i] -= ex * force
            dy[i] -= ey * force
            dx[j] += ex * force
            dy[j] += ey * force
        for i in range(n):
            dx[i] -= (xs[i] - 0.5) * 2.0
            dy[i] -= (ys[i] - 0.5) * 2.0
            length = math.sqrt(dx[i] * dx[i] + dy[i] * dy[i])
            if length > 0:
                step = min(length, temperature) / length
                xs[i] += dx[i] * step
                ys[i] += dy[i] * step
    positions = {name: (xs[i], ys[i]) for i, name in enumerate(names)}
    while len(_LAYOUTS) >= _LAYOUTS_KEPT:
        del _LAYOUTS[next(iter(_LAYOUTS))]
    _LAYOUTS[key] = positions
    return dict(positions)


def _fit(positions: dict, margin: float = 0.04) -> dict:
    """Scale positions into the unit square (keeping their shape), rounded."""
    if not positions:
        return {}
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys))
    if span < 1e-9:
        return dict.fromkeys(positions, (0.5, 0.5))
    scale = (1 - 2 * margin) / span
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {name: (round(0.5 + (x - cx) * scale, 4), round(0.5 + (y - cy) * scale, 4)) for name, (x, y) in positions.items()}


def _key_order(key: list, roles_of: dict, degree: dict) -> list:
    """Key connectors taken in turn from people with several roles, hubs, gatekeepers and
    pulsetakers (best-connected first in each), so that every role is in the picture."""
    several = sorted((n for n in key if len(roles_of[n]) > 1), key=lambda n: (-len(roles_of[n]), -degree[n], str(n)))
    queues = [several] + [sorted((n for n in key if list(roles_of[n]) == [role]), key=lambda n: (-degree[n], str(n))) for role in ROLE_ORDER]
    order = []
    for turn in range(max(map(len, queues))):
        order += [queue[turn] for queue in queues if turn < len(queue)]
    placed = set(order)
    order += [n for n in key if n not in placed]  # roles outside ROLE_ORDER, if any
    return order


def choose(graph: nx.Graph, roles_of: dict) -> dict:
    """Decide who is drawn: ``{"view", "key", "others", "key_total", "neighbours_total"}``.

    ``view`` is ``"everyone"`` for networks of up to :data:`WHOLE_NETWORK_UP_TO` people,
    else ``"neighbourhoods"`` (or ``"best connected"`` when no one holds a role).

    >>> choose(nx.path_graph(3), {1: ["hub"]})["view"]
    'everyone'
    """
    degree = dict(graph.degree())
    key = [n for n in graph if roles_of.get(n)]
    if graph.number_of_nodes() <= WHOLE_NETWORK_UP_TO:
        others = [n for n in graph if not roles_of.get(n)]
        return {"view": "everyone", "key": key, "others": others, "key_total": len(key), "neighbours_total": len(others)}
    if not key:
        best = sorted(graph, key=lambda n: (-degree[n], str(n)))[:MAX_DRAWN]
        return {"view": "best connected", "key": [], "others": best, "key_total": 0, "neighbours_total": graph.number_of_nodes()}
    drawn_key = _key_order(key, roles_of, degree)[:MAX_KEY_DRAWN]
    all_key = set(key)

    def neighbours(n):
        if isinstance(graph, nx.DiGraph):
            return set(graph.successors(n)) | set(graph.predecessors(n))
        return set(graph[n])

    ties_to_drawn: dict = {}
    for k in drawn_key:
        for m in neighbours(k):
            if m not in all_key:  # key connectors beyond the drawn ones are left out, not drawn as neighbours
                ties_to_drawn.setdefault(m, []).append(k)
    # Everyone within one step of any key connector (drawn or not) counts for the caption.
    near_any = set()
    for k in key:
        near_any |= neighbours(k)
    near_any -= all_key
    room = max(0, MAX_DRAWN - len(drawn_key))
    rank = lambda m: (-len(ties_to_drawn[m]), -degree[m], str(m))  # noqa: E731
    # Each drawn key connector first gets an equal share of its own best neighbours, so none
    # is drawn alone; any room left goes to the people tied to most drawn key connectors.
    share = room // len(drawn_key) if drawn_key else 0
    home: dict = {}  # person -> the drawn key connector whose cluster they are drawn in
    for k in drawn_key:
        mine = sorted((m for m in neighbours(k) if m in ties_to_drawn and m not in home), key=rank)
        for m in mine[:share]:
            home[m] = k
    for m in sorted(ties_to_drawn, key=rank):
        if len(home) >= room:
            break
        home.setdefault(m, ties_to_drawn[m][0])
    others = sorted(home, key=rank)[:room]
    return {
        "view": "neighbourhoods",
        "key": drawn_key,
        "others": others,
        "key_total": len(key),
        "neighbours_total": len(near_any),
        "ties_to_drawn": ties_to_drawn,
        "home": home,
    }


def _neighbourhood_layout(graph: nx.Graph, chosen: dict, degree: dict) -> dict:
    """Key connectors on a ring, each with a sector of the circle; the people drawn with a key
    connector sit in a small cluster just outside it (their ties to others show as lines)."""
    key = chosen["key"]
    count = len(key)
    angle_of = {k: 2 * math.pi * i / count - math.pi / 2 for i, k in enumerate(key)}
    ring = 0.3 if count > 1 else 0.0
    positions = {k: (0.5 + ring * math.cos(angle_of[k]), 0.5 + ring * math.sin(angle_of[k])) for k in key}
    cluster: dict = {k: [] for k in key}
    for m in chosen["others"]:
        cluster[chosen["home"][m]].append(m)
    sector = 2 * math.pi / max(1, count)
    for k, people in cluster.items():
        people.sort(key=lambda m: (-len(chosen["ties_to_drawn"][m]), -degree[m], str(m)))
        if count == 1:  # one key connector: its people around it, in rings
            for index, m in enumerate(people):
                angle = index * 2.399963  # golden angle: an even spread
                radius = 0.12 + 0.33 * math.sqrt((index + 0.5) / max(1, len(people)))
                positions[m] = (0.5 + radius * math.cos(angle), 0.5 + radius * math.sin(angle))
            continue
        # Rows outward from the ring, each as wide as the sector allows at that radius.
        index = 0
        row = 0
        while index < len(people):
            radius = ring + 0.075 + 0.055 * row
            fits = max(1, int(sector * radius / 0.045))
            batch = people[index : index + fits]
            for place, m in enumerate(batch):
                offset = (place + 0.5) / len(batch) - 0.5
                angle = angle_of[k] + sector * 0.85 * offset * (len(batch) / fits)
                positions[m] = (0.5 + radius * math.cos(angle), 0.5 + radius * math.sin(angle))
            index += len(batch)
            row += 1
    return positions


def caption(chosen: dict, people: int) -> str:
    """One sentence saying what the picture shows.

    >>> caption({"view": "neighbourhoods", "key": [1] * 24, "others": [1] * 176, "key_total": 199, "neighbours_total": 1685}, 2000)
    'Showing 24 of the 199 key connectors and 176 of the 1,685 people tied to key connectors; the table lists all 2,000 people.'
    """
    everyone = f"the table lists all {figure(people, 'person', 'people')}."
    if chosen["view"] == "everyone":
        return f"Showing everyone: {figure(people, 'person', 'people')}."
    if chosen["view"] == "best connected":
        return (
            f"No one holds a key role, so the picture shows the {figure(len(chosen['others']), 'best-connected person', 'best-connected people')}; "
            + everyone
        )
    key, key_total = len(chosen["key"]), chosen["key_total"]
    keys = (
        "the key connector"
        if key == key_total == 1
        else f"the {figure(key, 'key connector', 'key connectors')}"
        if key == key_total
        else f"{key:,} of the {figure(key_total, 'key connector', 'key connectors')}"
    )
    others, total = len(chosen["others"]), chosen["neighbours_total"]
    if total == 0:
        near = "no one else (no one is tied to them)"
    elif others == total:
        near = f"the {figure(total, 'person', 'people')} tied to them"
    else:
        near = f"{others:,} of the {figure(total, 'person', 'people')} tied to key connectors"
    return f"Showing {keys} and {near}; {everyone}"


def picture(graph: nx.Graph, roles_of: dict, group_of: dict | None = None) -> dict:
    """Return ``{"nodes": […], "edges": […], "truncated": bool, "view", "caption", …}`` for drawing.

    Each node is ``{"id", "name", "degree", "roles", "group", "x", "y"}`` with ``x``, ``y``
    in 0–1; each edge is ``[source id, target id, weight]``. Who is drawn: see :func:`choose`.
    Ties among the people drawn are kept up to :data:`limits.MAX_DRAW_EDGES`, those touching
    key connectors first.

    >>> p = picture(nx.path_graph(3), {1: ["hub"]})
    >>> [n["name"] for n in p["nodes"]], p["edges"], p["caption"]
    (['1', '0', '2'], [[1, 0, 1.0], [0, 2, 1.0]], 'Showing everyone: 3 people.')
    """
    group_of = group_of or {}
    roles_of = {name: list(roles) for name, roles in roles_of.items() if roles}
    degree = dict(graph.degree())
    chosen = choose(graph, roles_of)
    key_set = set(chosen["key"])
    if chosen["view"] == "everyone":
        inner = list(chosen["key"])
        outer = sorted(chosen["others"], key=lambda n: (str(group_of.get(n, "")), -degree[n], str(n)))
        start = _ring(inner, 0.18 if len(inner) > 1 else 0.0)
        start.update(_ring(outer, 0.45))
        positions = _spring(graph, inner + outer, start)
    elif chosen["view"] == "neighbourhoods":
        inner, outer = list(chosen["key"]), list(chosen["others"])
        positions = _neighbourhood_layout(graph, chosen, degree)
    else:
        inner, outer = [], list(chosen["others"])
        positions = _spring(graph, outer, _ring(outer, 0.45))
    positions = _fit(positions)
    order = inner + outer
    kept_set = set(order)
    index = {name: i for i, name in enumerate(order)}
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
        for name in order
    ]
    edges = []
    for u, v, data in graph.edges(data=True):
        if u in kept_set and v in kept_set and u != v:
            edges.append((0 if (u in key_set or v in key_set) else 1, index[u], index[v], float(data.get("weight", 1.0))))
    edges.sort(key=lambda e: (e[0], min(e[1], e[2]), max(e[1], e[2])))
    total_edges = len(edges)
    drawn_edges = [[u, v, w] for _, u, v, w in edges[: limits.MAX_DRAW_EDGES]]
    return {
        "nodes": nodes,
        "edges": drawn_edges,
        "directed": graph.is_directed(),
        "truncated": len(order) < graph.number_of_nodes() or total_edges > len(drawn_edges),
        "view": chosen["view"],
        "caption": caption(chosen, graph.number_of_nodes()),
        "shown_people": len(nodes),
        "shown_key_connectors": len(chosen["key"]),
        "key_connectors": chosen["key_total"],
        "shown_ties": len(drawn_edges),
        "ties_among_shown": total_edges,
    }
