"""The one entry point the browser widget and the command line both call: :func:`analyse`."""

from __future__ import annotations

import networkx as nx

from innovation_toolkit.errors import InputError
from innovation_toolkit.network import limits
from innovation_toolkit.network.build import build_graph, check_size, near_duplicate_names
from innovation_toolkit.network.connectors import Connectors, find_connectors
from innovation_toolkit.network.drawing import picture
from innovation_toolkit.network.groups import analyse_attribute, group_attributes
from innovation_toolkit.network.layers import consistent_core, network_summary, split_networks
from innovation_toolkit.network.measures import check_engine
from innovation_toolkit.network.parse import parse_people, parse_ties
from innovation_toolkit.network.records import Note
from innovation_toolkit.network.resilience import departures, most_critical, split_sizes
from innovation_toolkit.network.roles import (
    ROLE_MEASURE,
    ROLES,
    cutoff_count,
    gatekeeper_sentence,
    hub_sentence,
    most_holders,
    most_tied,
    pulsetaker_sentence,
    role_statement,
)
from innovation_toolkit.network.summary import summarise
from innovation_toolkit.network.wording import are, count, names_list
from innovation_toolkit.network.wording import people as people_count

SCHEMA = "connector-roles/1"
UNNAMED_NETWORK = "(no network given)"
DIRECTIONS = ("auto", "directed", "undirected")
_ROLE_TEXT = {
    "hub": "many direct ties — knows a lot of people first-hand",
    "gatekeeper": "few ties, to better-connected people, on the paths between parts of the network — a bridge others depend on",
    "pulsetaker": "close to everyone through short chains of ties — hears what is going on",
}


def _r(value: float | None, places: int = 6) -> float | None:
    return None if value is None else round(float(value), places)


def _names_in_order(parsed_names: list, table_order: list) -> list:
    seen = dict.fromkeys(parsed_names)
    for name in table_order:
        seen.setdefault(name, None)
    return list(seen)


def choose_direction(direction: str, declared: bool | None, nominations: bool) -> dict:
    """Decide whether ties are read as directed, and say why.

    ``"auto"`` follows the data: a declared direction (GraphML/GEXF, a Gephi ``Type``
    column) first, then survey nominations (a ``respondent``/``named`` header: directed),
    otherwise undirected. ``"directed"`` and ``"undirected"`` override the data.

    >>> choose_direction("auto", None, True)["directed"]
    True
    >>> choose_direction("undirected", True, False)["sentence"]
    'Ties are read as undirected because you chose so; the file itself declares them directed.'
    """
    if direction not in DIRECTIONS:
        raise InputError(f"'direction' must be one of {', '.join(DIRECTIONS)}, not {str(direction)[:40]!r}")
    data_says: bool | None
    if declared is not None:
        data_says, because = declared, f"the file declares them {'directed' if declared else 'undirected'}"
    elif nominations:
        data_says, because = True, ("each row is a survey nomination (the respondent named the second person), so a hub is someone named by many")
    else:
        data_says, because = None, "the file does not say which way ties run, so each tie links two people both ways"
    if direction == "auto":
        directed = bool(data_says)
        sentence = f"Ties are read as {'directed' if directed else 'undirected'} because {because}."
    else:
        directed = direction == "directed"
        sentence = f"Ties are read as {direction} because you chose so"
        if data_says is not None and data_says != directed:
            sentence += (
                f"; the file itself declares them {'directed' if data_says else 'undirected'}"
                if declared is not None
                else "; the rows look like survey nominations, which are directed"
            )
        sentence += "."
    return {"directed": directed, "chosen": direction, "declared": declared, "nominations": nominations, "sentence": sentence}


def weights_info(ties, use_weights: bool) -> dict:
    """Whether the ties carry different weights, whether they are used, and a sentence.

    >>> weights_info([], True)["sentence"]
    'The ties carry no weights (or all the same weight), so every tie counts as one step.'
    """
    values = {tie.weight for tie in ties}
    present = len(values) > 1
    if not present:
        sentence = "The ties carry no weights (or all the same weight), so every tie counts as one step."
    elif use_weights:
        sentence = (
            f"Tie weights (from {min(values):g} to {max(values):g}) count as tie strength: for gatekeepers and "
            "pulsetakers a stronger tie is a shorter step (length 1 / weight). Hubs are counted in people; the "
            "sum of each person's weights is shown as strength."
        )
    else:
        sentence = "Tie weights are ignored, as asked: every tie counts as one step. Strength still shows each person's sum of weights."
    return {"present": present, "used": present and use_weights, "sentence": sentence}


def _network_names(ties) -> list:
    names: dict = {}
    for tie in ties:
        if tie.network is not None:
            names.setdefault(tie.network, None)
    return list(names)


@limits.scaled  # the size limits of ``scale`` apply while analysing
def analyse(
    text,
    *,
    people=None,
    direction: str = "auto",
    use_weights: bool = True,
    network: str | None = None,
    fmt: str | None = None,
    filename: str | None = None,
    exact: bool = False,
    engine: str = "python",
    scale: str = "browser",
    mode: str = "auto",
) -> dict:
    """Find hubs, gatekeepers and pulsetakers in a network, and what depends on them.

    ``text`` holds the ties in any format :func:`innovation_toolkit.network.parse.parse_ties`
    reads; ``people`` optionally holds a people table (``name, organisation, sector`` …).
    ``direction`` is ``"auto"`` (as the data says, see :func:`choose_direction`),
    ``"directed"`` (the first column named the second) or ``"undirected"``;
    ``use_weights`` reads tie weights as strength; ``network`` picks one network from a
    survey file with several; ``fmt`` forces a format (one of
    :data:`innovation_toolkit.network.parse.FORMATS`) and ``filename`` helps detection; ``exact``
    forbids estimates; ``engine`` picks the engine and ``scale`` the size limits
    (``"browser"`` or ``"command-line"``); ``mode`` reads two-mode data (people × events)
    as people linked through shared events: ``"auto"`` when the file shows it is two-mode,
    ``"two-mode"`` or ``"one-mode"`` to choose (see :mod:`innovation_toolkit.network.twomode`). Returns one JSON-serialisable dict (see the
    methods page for every key); raises :class:`innovation_toolkit.errors.InputError` for bad
    input.

    >>> result = analyse("Ann,Bob\\nBob,Cy\\nCy,Dee\\nBob,Dee")
    >>> result["summary"]["people"], [p["name"] for p in result["people"] if "hub" in p["roles"]]
    (4, ['Bob'])
    """
    for flag, value in (("use_weights", use_weights), ("exact", exact)):
        if not isinstance(value, bool):
            raise InputError(f"{flag!r} must be true or false")
    check_engine(engine)
    if network is not None and not isinstance(network, str):
        raise InputError("'network' must be a network name")
    parsed = parse_ties(text, fmt=fmt, filename=filename, mode=mode)
    notes: list[Note] = list(parsed.notes)
    attributes = {name: dict(values) for name, values in parsed.attributes.items()}
    table_order: list = []
    if people is not None and not (isinstance(people, str) and not people.strip()):
        table, table_order, table_notes = parse_people(people)
        notes.extend(table_notes)
        for name, values in table.items():
            attributes.setdefault(name, {}).update(values)
    if (parsed.info.get("two_mode") or {}).get("projected"):
        if direction == "directed":
            raise InputError("people linked through shared events have no direction: read two-mode data as undirected")
        direction_info: dict = {
            "directed": False,
            "chosen": direction,
            "declared": False,
            "nominations": False,
            "sentence": "Ties are read as undirected because people who share an event are linked both ways.",
        }
    else:
        direction_info = choose_direction(direction, parsed.directed, bool(parsed.info.get("nominations")))
    directed: bool = direction_info["directed"]

    population = _names_in_order(parsed.names, table_order)
    if table_order:
        in_ties = set(parsed.names)
        listed = set(table_order)
        only_table = [n for n in table_order if n not in in_ties]
        only_ties = [n for n in parsed.names if n not in listed]
        if only_table:
            notes.append(
                Note(
                    "people-table",
                    f"{people_count(len(only_table)).capitalize()} in the people table {are(len(only_table), 'has', 'have')} no ties: counted among "
                    "the people, with no role",
                    only_table,
                    len(only_table),
                )
            )
        if only_ties:
            notes.append(
                Note(
                    "people-table",
                    f"{people_count(len(only_ties)).capitalize()} named in the ties {are(len(only_ties))} missing from the people table; their "
                    "groups show as '(not given)'",
                    only_ties,
                    len(only_ties),
                )
            )
    if len(population) > limits.MAX_PEOPLE:
        raise InputError(
            f"the input names {len(population):,} people; the limit is {limits.MAX_PEOPLE:,} (analyse one team or one network at a time)"
        )

    network_names = _network_names(parsed.ties)
    ties = parsed.ties
    if network_names and any(t.network is None for t in ties):
        unnamed = [t.where for t in ties if t.network is None]
        notes.append(
            Note(
                "network",
                f"{count(len(unnamed), 'tie').capitalize()} {are(len(unnamed), 'has', 'have')} no network name and {are(len(unnamed))} grouped as "
                f"{UNNAMED_NETWORK!r}",
                unnamed,
                len(unnamed),
            )
        )
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
        notes.append(
            Note(
                "network",
                f"the file holds {len(network_names)} networks; the main results combine them "
                "(a tie in any network counts once) and each network is also analysed on its own",
            )
        )
    else:
        graph, build_notes = build_graph(population, ties, directed=directed)
        notes.extend(build_notes)
    weights = weights_info(ties, use_weights)
    options = {"weighted": weights["used"], "exact": exact, "engine": engine}
    check_size(graph)
    if graph.number_of_edges() == 0:
        raise InputError("no ties left to analyse: every tie joins a person to themselves")
    near = near_duplicate_names(list(graph))
    if near:
        notes.append(near)

    connectors = find_connectors(graph, **options)
    pieces = split_sizes(graph)
    cut_off = {name: sum(parts) - parts[0] for name, parts in pieces.items()}

    layer_results = split_networks(per_network, **options) if per_network else {}
    core = consistent_core(layer_results) if layer_results else None
    key_in_network: dict[str, list[str]] = {}
    for layer, result in layer_results.items():
        for name in result.key_connectors:
            key_in_network.setdefault(name, []).append(layer)

    grouping = group_attributes(attributes, list(graph))
    groups = [analyse_attribute(graph, list(graph), attribute, attributes, set(connectors.key_connectors)) for attribute in grouping]
    skipped = sorted({key for values in attributes.values() for key in values} - set(grouping))
    if skipped:
        notes.append(
            Note(
                "groups",
                "attributes not used as groups (a single value, every value different, or more than "
                f"{limits.MAX_GROUPS} values): " + ", ".join(skipped[: limits.MAX_LISTED]),
            )
        )
    if groups and not directed:
        notes.append(Note("groups", "Gould–Fernandez brokerage roles need directed ties (who named whom); analyse as directed to see them"))

    people_out = _people(graph, connectors, cut_off, attributes, key_in_network, groups, directed, weights["used"])
    roles_out = _roles(connectors, directed)
    resilience = _resilience(graph, connectors, core)
    first_group = grouping[0] if grouping else None
    group_of = {name: attributes[name][first_group] for name in graph if first_group and first_group in attributes.get(name, {})}
    drawing = picture(graph, {name: connectors.roles_of(name) for name in graph}, group_of)
    drawing["group_attribute"] = first_group
    summary = summarise(graph)
    summary["key_connectors"] = len(connectors.key_connectors)
    summary["sampled"] = not connectors.accuracy["exact"]
    summary = {key: (_r(value) if isinstance(value, float) else value) for key, value in summary.items()}

    return {
        "schema": SCHEMA,
        "input": {
            **parsed.info,
            "filename": filename,
            "directed": directed,
            "direction": direction_info,
            "weights": weights,
            "network": network,
            "networks_found": network_names,
            "people_table": bool(table_order),
        },
        "summary": summary,
        "findings": _findings(summary, roles_out, groups, core, resilience),
        "accuracy": connectors.accuracy,
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
        "limits": {**limits.as_dict(), "sampled": not connectors.accuracy["exact"], "pivots": connectors.accuracy.get("pivots")},
    }


def _combine(population: list, graphs: dict[str, nx.Graph], directed: bool) -> nx.Graph:
    combined: nx.Graph = nx.DiGraph() if directed else nx.Graph()
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


def _people(graph, c: Connectors, cut_off, attributes, key_in_network, groups, directed, weighted) -> list[dict]:
    estimated = not c.accuracy["exact"]
    closeness_estimated = not c.accuracy["closeness_exact"]
    undirected_degree = dict(graph.degree())
    rows = []
    for name in graph:
        roles = c.roles_of(name)
        sentences = {}
        if "hub" in roles:
            sentences["hub"] = hub_sentence(
                name, c.degree[name], c.strength[name] if weighted else None, c.ranks["degree"][name], c.connected, directed
            )
        if "gatekeeper" in roles:
            sentences["gatekeeper"] = gatekeeper_sentence(
                name,
                c.betweenness[name],
                undirected_degree[name],
                c.neighbour_degree[name],
                c.ranks["bridging"][name],
                c.connected,
                cut_off.get(name, 0),
                estimated,
            )
        if "pulsetaker" in roles:
            sentences["pulsetaker"] = pulsetaker_sentence(
                name, c.closeness[name], c.closeness_kind, c.reach_two[name], c.ranks["closeness"][name], c.connected, directed, closeness_estimated
            )
        brokerage = None
        if directed and groups:
            brokerage = {g["attribute"]: g["brokerage"]["people"].get(name) for g in groups if g["brokerage"]}
        rows.append(
            {
                "name": name,
                "roles": roles,
                "key_connector": bool(roles),
                "attributes": attributes.get(name, {}),
                "measures": {
                    "degree": c.degree[name],
                    "out_degree": c.out_degree[name] if c.out_degree is not None else None,
                    "strength": _r(c.strength[name]),
                    "betweenness": _r(c.betweenness[name]),
                    "bridging": _r(c.bridging[name], 9),
                    "closeness": _r(c.closeness[name]),
                    "reach_within_two": c.reach_two[name],
                    "cut_point": name in c.cut_points,
                    "bridges": c.bridges[name],
                    "cut_off_if_leaves": cut_off.get(name, 0),
                },
                "ranks": {measure: c.ranks[measure][name] for measure in ("degree", "betweenness", "bridging", "closeness")},
                "sentences": sentences,
                "key_in_networks": key_in_network.get(name, []),
                "brokerage": brokerage,
            }
        )
    rows.sort(key=lambda row: (-len(row["roles"]), row["ranks"]["degree"], row["ranks"]["bridging"], row["name"]))
    return rows


def _roles(c: Connectors, directed: bool) -> dict:
    estimated = "" if c.accuracy["exact"] else " (estimated)"
    measure_names = {
        "hub": "in-degree (times named)" if directed else "degree (direct ties)",
        "gatekeeper": "bridging: betweenness × bridging coefficient" + estimated,
        "pulsetaker": c.closeness_kind + ("" if c.accuracy["closeness_exact"] else " (estimated)"),
    }
    n = c.connected
    out = {
        "rule": (
            f"Among the {people_count(n)} with ties: about the top {limits.TOP_SHARE * 100:g} % "
            f"({cutoff_count(n):,} of {n:,}), at most {most_holders(n):,} per role, each scoring at least "
            f"{limits.STAND_OUT_MARGIN * 100:g} % above the median and strictly above everyone not chosen; up to "
            f"{most_tied(n):,} people who tie for the top score share a role, and never half of the people or more."
        ),
        "places": cutoff_count(n),
        "most_holders": most_holders(n),
        "most_tied": most_tied(n),
        "connected_people": n,
        "key_connectors": [str(p) for p in c.key_connectors],
    }
    for role in ROLES:
        standing = c.standings[role]
        entry = {
            "measure": ROLE_MEASURE[role],
            "measure_label": measure_names[role],
            "meaning": _ROLE_TEXT[role],
            "cutoff": _r(standing.cutoff, 9) if standing.cutoff is not None else None,
            "median": _r(standing.median, 9),
            "people": [str(p) for p in standing.holders],
            "reason": standing.reason,
            "tied": standing.tied,
            "statement": role_statement(role, standing, directed),
        }
        if role == "gatekeeper":
            entry["cut_points"] = sorted(str(p) for p in c.cut_points)
            entry["cut_points_not_gatekeepers"] = sorted(str(p) for p in c.cut_points if p not in standing.holders)
        out[role] = entry
    return out


def _who(people: list, group: str) -> str:
    return names_list(people, 3) if len(people) <= 3 else f"the {len(people):,} {group}"


def _resilience(graph, c: Connectors, core: dict | None) -> dict:
    candidates = [("key connectors", c.key_connectors)]
    candidates += [(f"{role}s", c.holders[role]) for role in ROLES if set(c.holders[role]) != set(c.key_connectors)]
    if core and core["most"]:
        candidates.append(("people in the consistent core group", core["most"]))
    scenarios = []
    candidates = [(group, people) for group, people in candidates if people]
    for (group, people), result in zip(candidates, departures(graph, [people for _, people in candidates]), strict=True):
        result["sentence"] = (
            f"If {_who(people, group)} left, the largest connected group would go from "
            f"{people_count(result['largest_group_before'])} to {people_count(result['largest_group_after'])}"
            + (
                f", and {people_count(result['cut_off'])} of those staying would lose their link to it."
                if result["cut_off"]
                else ", and everyone staying would keep a link to it."
            )
        )
        scenarios.append({"label": group, "people": [str(p) for p in people], **result})
    critical = most_critical(graph)
    if critical:
        critical["sentence"] = (
            f"{critical['name']} is the single person whose departure splits the network most: "
            f"{people_count(critical['cut_off'])} would lose their link to the rest of their group."
        )
    return {
        "scenarios": scenarios,
        "most_critical": critical,
        "cut_points": len(c.cut_points),
        "sentence": None if critical else "No single person's departure splits the network: every group stays connected.",
    }


def _findings(summary: dict, roles: dict, groups: list, core: dict | None, resilience: dict) -> list[str]:
    sentences = [
        f"{people_count(summary['people']).capitalize()} and {summary['ties']:,} {'tie' if summary['ties'] == 1 else 'ties'}. "
        f"{summary['density_band']['sentence']}",
    ]
    for role in ROLES:
        entry = roles[role]
        if entry["statement"]:
            sentences.append(entry["statement"])
        elif entry["people"]:
            plural = "s" if len(entry["people"]) > 1 else ""
            sentences.append(f"{role.capitalize()}{plural}: {names_list(entry['people'])}.")
    if summary["components"] > 1:
        sentences.append(
            f"The network falls into {summary['components']:,} separate groups; the largest holds {people_count(summary['largest_component'])}."
        )
    if core:
        every = "both networks" if core["networks"] == 2 else f"all {core['networks']:,} networks"
        if core["all"]:
            sentences.append(f"Key connectors in {every}: {names_list(core['all'], 10)}.")
        else:
            sentences.append(f"No one is a key connector in {every}.")
    for group in groups:
        sentences.extend(group["findings"])
    if resilience["scenarios"]:
        sentences.append(resilience["scenarios"][0]["sentence"])
    if resilience["most_critical"]:
        sentences.append(resilience["most_critical"]["sentence"])
    return sentences
