"""The one entry point the browser widget and the command line both call: :func:`analyse`."""
from __future__ import annotations

import networkx as nx

from calculators.errors import InputError
from calculators.network import limits
from calculators.network.build import build_graph, check_size, near_duplicate_names
from calculators.network.connectors import Connectors, find_connectors
from calculators.network.drawing import picture
from calculators.network.groups import analyse_attribute, group_attributes
from calculators.network.layers import consistent_core, network_summary, split_networks
from calculators.network.parse import Note, parse_people, parse_ties
from calculators.network.resilience import departure, most_critical, split_sizes
from calculators.network.roles import (
    ROLE_MEASURE,
    ROLES,
    cutoff_count,
    gatekeeper_sentence,
    hub_sentence,
    pulsetaker_sentence,
)
from calculators.network.summary import summarise

SCHEMA = "connector-roles/1"
UNNAMED_NETWORK = "(no network given)"
_ROLE_TEXT = {
    "hub": "many direct ties — knows a lot of people first-hand",
    "gatekeeper": "lies on the paths between parts of the network — a bridge others depend on",
    "pulsetaker": "close to everyone through short chains of ties — hears what is going on",
}


def _r(value: float | None, places: int = 6) -> float | None:
    return None if value is None else round(float(value), places)


def _names_in_order(parsed_names: list, table_order: list) -> list:
    seen = dict.fromkeys(parsed_names)
    for name in table_order:
        seen.setdefault(name, None)
    return list(seen)


def _choose_direction(requested: bool, declared: bool | None, notes: list) -> bool:
    if declared is None or declared == requested:
        return requested
    notes.append(Note(
        "direction",
        f"the file declares its ties {'directed' if declared else 'undirected'}, so they are analysed that way "
        f"(the request said {'directed' if requested else 'undirected'})",
    ))
    return declared


def _network_names(ties) -> list:
    names: dict = {}
    for tie in ties:
        if tie.network is not None:
            names.setdefault(tie.network, None)
    return list(names)


def analyse(
    text,
    *,
    people=None,
    directed: bool = False,
    network: str | None = None,
    fmt: str | None = None,
    filename: str | None = None,
) -> dict:
    """Find hubs, gatekeepers and pulsetakers in a network, and what depends on them.

    ``text`` holds the ties in any format :func:`calculators.network.parse.parse_ties`
    reads; ``people`` optionally holds a people table (``name, organisation, sector`` …).
    ``directed`` reads each row as a nomination (first column named the second);
    ``network`` picks one network from a survey file with several; ``fmt`` forces a format
    (``csv``, ``tsv``, ``semicolon``, ``whitespace``, ``graphml``, ``gexf``) and
    ``filename`` helps detection. Returns one JSON-serialisable dict (see the methods page
    for every key); raises :class:`calculators.errors.InputError` for bad input.

    >>> result = analyse("Ann,Bob\\nBob,Cy\\nCy,Dee\\nBob,Dee")
    >>> result["summary"]["people"], [p["name"] for p in result["people"] if "hub" in p["roles"]]
    (4, ['Bob'])
    """
    if not isinstance(directed, bool):
        raise InputError("'directed' must be true or false")
    if network is not None and not isinstance(network, str):
        raise InputError("'network' must be a network name")
    parsed = parse_ties(text, fmt=fmt, filename=filename)
    notes: list[Note] = list(parsed.notes)
    attributes = {name: dict(values) for name, values in parsed.attributes.items()}
    table_order: list = []
    if people is not None and not (isinstance(people, str) and not people.strip()):
        table, table_order, table_notes = parse_people(people)
        notes.extend(table_notes)
        for name, values in table.items():
            attributes.setdefault(name, {}).update(values)
    directed = _choose_direction(directed, parsed.directed, notes)

    population = _names_in_order(parsed.names, table_order)
    if table_order:
        in_ties = set(parsed.names)
        listed = set(table_order)
        only_table = [n for n in table_order if n not in in_ties]
        only_ties = [n for n in parsed.names if n not in listed]
        if only_table:
            notes.append(Note("people-table", f"{len(only_table)} person(s) in the people table have no ties and are kept as people without ties", only_table, len(only_table)))
        if only_ties:
            notes.append(Note("people-table", f"{len(only_ties)} person(s) named in the ties are missing from the people table; their groups show as '(not given)'", only_ties, len(only_ties)))
    if len(population) > limits.MAX_PEOPLE:
        raise InputError(f"the input names {len(population):,} people; the limit is {limits.MAX_PEOPLE:,} (analyse one team or one network at a time)")

    network_names = _network_names(parsed.ties)
    ties = parsed.ties
    if network_names and any(t.network is None for t in ties):
        unnamed = [t.where for t in ties if t.network is None]
        notes.append(Note("network", f"{len(unnamed)} tie(s) have no network name and are grouped as {UNNAMED_NETWORK!r}", unnamed, len(unnamed)))
        network_names.append(UNNAMED_NETWORK)
        for tie in ties:
            if tie.network is None:
                tie.network = UNNAMED_NETWORK
    if network is not None:
        if network not in network_names:
            available = ", ".join(repr(n) for n in network_names[: limits.MAX_LISTED]) or "none (the file has no network column)"
            raise InputError(f"network {network!r} not found; the file has: {available}")
        ties = [t for t in ties if t.network == network]

    per_network: dict[str, nx.Graph] = {}
    if network is None and len(network_names) > 1:
        for name in network_names:
            graph, build_notes = build_graph(population, [t for t in ties if t.network == name], directed=directed)
            for note in build_notes:
                note.message = f"network {name!r}: {note.message}"
            notes.extend(build_notes)
            per_network[name] = graph
        graph = _combine(population, per_network, directed)
        notes.append(Note("network", f"the file holds {len(network_names)} networks; the main results combine them "
                                     "(a tie in any network counts once) and each network is also analysed on its own"))
    else:
        graph, build_notes = build_graph(population, ties, directed=directed)
        notes.extend(build_notes)
    check_size(graph)
    if graph.number_of_edges() == 0:
        raise InputError("no ties left to analyse: every tie joins a person to themselves")
    near = near_duplicate_names(list(graph))
    if near:
        notes.append(near)

    connectors = find_connectors(graph)
    pieces = split_sizes(graph)
    cut_off = {name: sum(parts) - parts[0] for name, parts in pieces.items()}
    n = graph.number_of_nodes()
    if connectors.plan["sampled"]:
        notes.append(Note(
            "sampling",
            f"{n:,} people and {graph.number_of_edges():,} ties exceed the exact-computation budget, so betweenness and "
            f"closeness are estimated from {connectors.plan['pivots']} start points chosen with fixed seed "
            f"{connectors.plan['seed']}: ranks near the cut-off may differ slightly from exact values",
        ))

    layer_results = split_networks(per_network) if per_network else {}
    core = consistent_core(layer_results) if layer_results else None
    key_in_network = {}
    for layer, result in layer_results.items():
        for name in result.key_connectors:
            key_in_network.setdefault(name, []).append(layer)

    grouping = group_attributes(attributes, list(graph))
    groups = [analyse_attribute(graph, list(graph), attribute, attributes, set(connectors.key_connectors)) for attribute in grouping]
    skipped = sorted({key for values in attributes.values() for key in values} - set(grouping))
    if skipped:
        notes.append(Note("groups", "attributes not used as groups (a single value, every value different, or more than "
                                    f"{limits.MAX_GROUPS} values): " + ", ".join(skipped[: limits.MAX_LISTED])))
    if groups and not directed:
        notes.append(Note("groups", "Gould–Fernandez brokerage roles need directed ties (who named whom); analyse as directed to see them"))

    people_out = _people(graph, connectors, cut_off, attributes, key_in_network, groups, directed)
    roles_out = _roles(graph, connectors, directed)
    resilience = _resilience(graph, connectors, core)
    first_group = grouping[0] if grouping else None
    group_of = {name: attributes[name][first_group] for name in graph if first_group and first_group in attributes.get(name, {})}
    drawing = picture(graph, {name: connectors.roles_of(name) for name in graph}, group_of)
    drawing["group_attribute"] = first_group
    summary = summarise(graph)
    summary["key_connectors"] = len(connectors.key_connectors)
    summary["sampled"] = connectors.plan["sampled"]
    summary = {key: (_r(value) if isinstance(value, float) else value) for key, value in summary.items()}

    return {
        "schema": SCHEMA,
        "input": {
            **parsed.info,
            "filename": filename,
            "directed": directed,
            "network": network,
            "networks_found": network_names,
            "people_table": bool(table_order),
        },
        "summary": summary,
        "findings": _findings(summary, roles_out, groups, core, resilience),
        "roles": roles_out,
        "people": people_out,
        "groups": groups,
        "networks": {
            "names": network_names,
            "analysed": network if network is not None else ("all combined" if per_network else (network_names[0] if network_names else None)),
            "per_network": [network_summary(name, per_network[name], layer_results[name]) for name in per_network],
            "core": core,
        },
        "resilience": resilience,
        "graph": drawing,
        "notes": [note.as_dict() for note in notes],
        "limits": {**limits.as_dict(), "sampled": connectors.plan["sampled"], "pivots": connectors.plan["pivots"]},
    }


def _combine(population: list, graphs: dict[str, nx.Graph], directed: bool) -> nx.Graph:
    combined = nx.DiGraph() if directed else nx.Graph()
    combined.add_nodes_from(population)
    for graph in graphs.values():
        combined.add_nodes_from(graph)
        for u, v, data in graph.edges(data=True):
            weight = data.get("weight", 1.0)
            if combined.has_edge(u, v):
                combined[u][v]["weight"] = max(combined[u][v]["weight"], weight)
            else:
                combined.add_edge(u, v, weight=weight)
    return combined


def _people(graph, c: Connectors, cut_off, attributes, key_in_network, groups, directed) -> list[dict]:
    n = graph.number_of_nodes()
    sampled = c.plan["sampled"]
    rows = []
    for name in graph:
        roles = c.roles_of(name)
        sentences = {}
        if "hub" in roles:
            sentences["hub"] = hub_sentence(name, c.degree[name], c.ranks["degree"][name], n, directed)
        if "gatekeeper" in roles:
            sentences["gatekeeper"] = gatekeeper_sentence(
                name, c.betweenness[name], c.ranks["betweenness"][name], n, name in c.cut_points, cut_off.get(name, 0), sampled)
        if "pulsetaker" in roles:
            sentences["pulsetaker"] = pulsetaker_sentence(
                name, c.closeness[name], c.closeness_kind, c.reach_two[name], c.ranks["closeness"][name], n, directed, sampled)
        brokerage = None
        if directed and groups:
            brokerage = {g["attribute"]: g["brokerage"]["people"].get(name) for g in groups if g["brokerage"]}
        rows.append({
            "name": name,
            "roles": roles,
            "key_connector": bool(roles),
            "attributes": attributes.get(name, {}),
            "measures": {
                "degree": c.degree[name],
                "out_degree": c.out_degree[name] if c.out_degree is not None else None,
                "strength": _r(c.strength[name]),
                "betweenness": _r(c.betweenness[name]),
                "closeness": _r(c.closeness[name]),
                "reach_within_two": c.reach_two[name],
                "cut_point": name in c.cut_points,
                "bridges": c.bridges[name],
                "cut_off_if_leaves": cut_off.get(name, 0),
            },
            "ranks": {measure: c.ranks[measure][name] for measure in ("degree", "betweenness", "closeness")},
            "sentences": sentences,
            "key_in_networks": key_in_network.get(name, []),
            "brokerage": brokerage,
        })
    rows.sort(key=lambda row: (-len(row["roles"]), row["ranks"]["degree"], row["ranks"]["betweenness"], row["name"]))
    return rows


def _roles(graph, c: Connectors, directed: bool) -> dict:
    n = graph.number_of_nodes()
    measure_names = {
        "hub": "in-degree (times named)" if directed else "degree (direct ties)",
        "gatekeeper": "betweenness" + (" (estimated from a sample)" if c.plan["sampled"] else ""),
        "pulsetaker": c.closeness_kind + (" (estimated from a sample)" if c.plan["sampled"] else ""),
    }
    out = {
        "rule": f"top {limits.TOP_SHARE * 100:g} % of people per role: the {cutoff_count(n)} highest of {n}, plus anyone tied "
                "with the last place; nobody with a value of zero",
        "places": cutoff_count(n),
        "key_connectors": [str(p) for p in c.key_connectors],
    }
    for role in ROLES:
        holders = c.holders[role]
        entry = {
            "measure": ROLE_MEASURE[role],
            "measure_label": measure_names[role],
            "meaning": _ROLE_TEXT[role],
            "cutoff": _r(c.cutoffs[role]) if c.cutoffs[role] is not None else None,
            "people": [str(p) for p in holders],
        }
        if len(holders) > 3 * cutoff_count(n):
            entry["note"] = f"{len(holders)} people tie at the cut-off, so the role is shared widely"
        if not holders:
            entry["note"] = f"nobody scores above zero on {ROLE_MEASURE[role]}"
        if role == "gatekeeper":
            entry["cut_points"] = sorted(str(p) for p in c.cut_points)
            entry["cut_points_not_gatekeepers"] = sorted(str(p) for p in c.cut_points if p not in holders)
        out[role] = entry
    return out


def _who(people: list, group: str) -> str:
    names = [str(p) for p in people]
    if len(names) == 1:
        return names[0]
    if len(names) <= 3:
        return ", ".join(names[:-1]) + " and " + names[-1]
    return f"the {len(names)} {group}"


def _resilience(graph, c: Connectors, core: dict | None) -> dict:
    candidates = [("key connectors", c.key_connectors)]
    candidates += [(f"{role}s", c.holders[role]) for role in ROLES if set(c.holders[role]) != set(c.key_connectors)]
    if core and core["most"]:
        candidates.append(("people in the consistent core group", core["most"]))
    scenarios = []
    for group, people in candidates:
        if not people:
            continue
        result = departure(graph, people)
        if len(people) == graph.number_of_nodes():
            result["sentence"] = (
                f"The {group} are everyone in the network: in a network this small or this even, nobody stands out."
            )
        else:
            result["sentence"] = (
                f"If {_who(people, group)} left, the largest connected group would go from {result['largest_group_before']} "
                f"to {result['largest_group_after']} people, and {result['cut_off']} of those staying would lose their link to it."
            )
        scenarios.append({"label": group, "people": [str(p) for p in people], **result})
    critical = most_critical(graph)
    if critical:
        critical["sentence"] = (
            f"{critical['name']} is the single person whose departure splits the network most: "
            f"{critical['cut_off']} people would lose their link to the rest of their group."
        )
    return {
        "scenarios": scenarios,
        "most_critical": critical,
        "cut_points": len(c.cut_points),
        "sentence": None if critical else "No single person's departure splits the network: every group stays connected.",
    }


def _findings(summary: dict, roles: dict, groups: list, core: dict | None, resilience: dict) -> list[str]:
    sentences = [
        f"{summary['people']} people and {summary['ties']} ties. {summary['density_band']['sentence']}",
    ]
    for role in ROLES:
        people = roles[role]["people"]
        if people:
            listed = ", ".join(people[:8]) + (f" and {len(people) - 8} more" if len(people) > 8 else "")
            sentences.append(f"{role.capitalize()}{'s' if len(people) > 1 else ''}: {listed}.")
    if summary["components"] > 1:
        sentences.append(f"The network falls into {summary['components']} separate groups; the largest holds {summary['largest_component']} people.")
    if core:
        if core["all"]:
            sentences.append(f"Key connectors in all {core['networks']} networks: {', '.join(core['all'][:10])}.")
        else:
            sentences.append(f"Nobody is a key connector in all {core['networks']} networks.")
    for group in groups:
        sentences.extend(group["findings"])
    if resilience["scenarios"]:
        sentences.append(resilience["scenarios"][0]["sentence"])
    if resilience["most_critical"]:
        sentences.append(resilience["most_critical"]["sentence"])
    return sentences
