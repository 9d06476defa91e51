"""`innovation-toolkit roles EDGES`: hubs, gatekeepers and pulsetakers in a network.

Reads ties (CSV/TSV/semicolon/whitespace edge list, survey long format, GraphML or GEXF)
and an optional people table, runs :func:`innovation_toolkit.network.analyse`, and prints a
readable report or, with ``--json``, the full result.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from innovation_toolkit.errors import InputError
from innovation_toolkit.files import STDIN, json_text, read_bounded
from innovation_toolkit.network import analyse, limits, measures, networkit_engine
from innovation_toolkit.network.parse import FORMATS
from innovation_toolkit.network.wording import figure


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "roles",
        help="find hubs, gatekeepers and pulsetakers in a network of people",
        description="Find the key connectors (hubs, gatekeepers, pulsetakers) in an edge list, survey export, Gephi "
        "edge table, Kumu sheet or JSON, GraphML, GEXF, GML or Pajek file, with groups, several networks "
        "and resilience. On the command line "
        f"networks of up to {limits.MAX_PEOPLE_BY_SCALE[limits.COMMAND_LINE]:,} people and "
        f"{limits.MAX_TIES_BY_SCALE[limits.COMMAND_LINE]:,} ties are accepted.",
    )
    parser.add_argument(
        "edges",
        type=Path,
        help="ties: one per line ('Ann, Bob'), a survey, Gephi or Kumu export, GraphML, GEXF, GML, Pajek or JSON ('-': standard input)",
    )
    parser.add_argument("--people", type=Path, help="people table with a header, e.g. 'name, organisation, sector'")
    parser.add_argument(
        "--directed", action="store_true", help="read each tie as a nomination: the first person named the second (default: as the data says)"
    )
    parser.add_argument("--undirected", action="store_true", help="read each tie as running both ways, even if the file says otherwise")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--two-mode",
        dest="mode",
        action="store_const",
        const="two-mode",
        default="auto",
        help="the file ties people to events, projects or meetings: link people who share one "
        "(default: when the file shows it, by its header or a 'bipartite' attribute)",
    )
    mode.add_argument(
        "--one-mode", dest="mode", action="store_const", const="one-mode", help="read every name as a person, even if the file looks two-mode"
    )
    parser.add_argument("--ignore-weights", action="store_true", help="count every tie as one step, whatever its weight")
    parser.add_argument("--exact", action="store_true", help="compute betweenness and closeness exactly at any size (slower; no estimate)")
    parser.add_argument(
        "--engine",
        choices=measures.ENGINES,
        default="python",
        help=f"'networkit' uses the optional compiled engine for large networks ({networkit_engine.INSTALL}); default: python",
    )
    parser.add_argument("--network", metavar="NAME", help="analyse only this network from a survey file with several")
    parser.add_argument("--format", choices=FORMATS, default="auto", help="input format (default: detect)")
    parser.add_argument("--json", action="store_true", help="print the full result as JSON")
    parser.set_defaults(handler=run)


def read_input(path: Path, what: str = "ties file") -> bytes:
    """Read a file's bytes (``-``: standard input), stopping with one line as soon as more
    than the character limit in force arrives: a file over it is refused before reading, and
    a device or endless pipe (``/dev/zero``, ``yes |``) within about a second."""
    return read_bounded(
        path, limits.MAX_CHARACTERS, what, advice=f"the engine handles up to {limits.MAX_PEOPLE:,} people and {limits.MAX_TIES:,} ties"
    )


def direction_of(args: argparse.Namespace) -> str:
    """``"directed"``, ``"undirected"`` or ``"auto"`` from the flags; both flags is an error."""
    if args.directed and args.undirected:
        raise InputError("--directed and --undirected cannot be used together: choose one, or neither to follow the data")
    return "directed" if args.directed else "undirected" if args.undirected else "auto"


def run(args: argparse.Namespace) -> int:
    direction = direction_of(args)
    if args.engine == "networkit":
        networkit_engine.load()  # a one-line error now, before reading a large file
    if args.people is not None and str(args.people) == STDIN and str(args.edges) == STDIN:
        raise InputError("the ties and --people cannot both be read from standard input ('-'): give one of them as a file")
    with limits.scale(limits.COMMAND_LINE):
        people = read_input(args.people, "people table") if args.people else None
        result = analyse(
            read_input(args.edges),
            people=people,
            direction=direction,
            use_weights=not args.ignore_weights,
            network=args.network,
            fmt=args.format,
            filename=None if str(args.edges) == STDIN else args.edges.name,
            exact=args.exact,
            engine=args.engine,
            scale=limits.COMMAND_LINE,
            mode=args.mode,
        )
    if args.json:
        print(json_text(result, advice="the tie weights may be too large to add up: scale them down"))
    else:
        print(report(result))
    return 0


def report(result: dict) -> str:
    """Format a result as a readable plain-text report."""
    summary = result["summary"]
    lines = [
        f"{figure(summary['people'], 'person', 'people')}, {figure(summary['ties'], 'tie')} ({'directed' if summary['directed'] else 'undirected'}); "
        f"density {summary['density']:.3f}, {summary['average_contacts']:,.1f} contacts per person on average, "
        f"{figure(summary['components'], 'connected group')}, {summary['isolates']:,} without ties"
        + (f", reciprocity {summary['reciprocity']:.2f}" if summary.get("reciprocity") is not None else "")
        + ".",
        summary["density_band"]["sentence"],
    ]
    given = result.get("input", {})
    for key in ("direction", "weights"):
        sentence = (given.get(key) or {}).get("sentence") if isinstance(given.get(key), dict) else None
        if sentence:
            lines.append(sentence)
    accuracy = result.get("accuracy") or {}
    if accuracy.get("sentence"):
        lines.append(accuracy["sentence"])
    lines += ["", "Key connectors:", f"  {result['roles']['rule']}"]
    for person in result["people"]:
        if not person["roles"]:
            continue
        lines.append(f"  {person['name']}: {', '.join(person['roles'])}")
        for sentence in person["sentences"].values():
            lines.append(f"    - {sentence}")
    for role in ("hub", "gatekeeper", "pulsetaker"):
        statement = (result["roles"].get(role) or {}).get("statement")
        if statement:
            lines.append(f"  - {statement}")
    networks = result["networks"]
    if networks["per_network"]:
        lines += ["", f"Networks ({len(networks['per_network']):,}; main results combine them):"]
        for layer in networks["per_network"]:
            lines.append(f"  {layer['name']}: {figure(layer['ties'], 'tie')}; key connectors: {', '.join(layer['key_connectors']) or 'none'}")
        core = networks["core"]
        lines.append(f"  Key connectors in all networks: {', '.join(core['all']) or 'nobody'}")
        lines.append(f"  In at least {core['most_threshold']:,} of {core['networks']:,}: {', '.join(core['most']) or 'nobody'}")
    for group in result["groups"]:
        lines += ["", f"Groups by {group['attribute']}:"]
        for row in group["groups"]:
            ei = row["ei_index"]
            lines.append(
                f"  {row['group']}: {figure(row['people'], 'person', 'people')} ({row['share_of_network'] * 100:.0f} % of network), "
                f"{figure(row['in_core'], 'key connector')} ({row['share_of_core'] * 100:.0f} % of core)"
                + (f", E-I {ei:+.2f}" if ei is not None else "")
            )
        for sentence in group["findings"]:
            lines.append(f"  - {sentence}")
    resilience = result["resilience"]
    lines += ["", "If people leave:"]
    for scenario in resilience["scenarios"]:
        lines.append(f"  - {scenario['sentence']}")
    if resilience["most_critical"]:
        lines.append(f"  - {resilience['most_critical']['sentence']}")
    elif resilience["sentence"]:
        lines.append(f"  - {resilience['sentence']}")
    if result["notes"]:
        lines += ["", "Notes:"]
        for note in result["notes"]:
            where = f" ({', '.join(note['where'])}{', …' if note['count'] > len(note['where']) else ''})" if note["where"] else ""
            lines.append(f"  - {note['message']}{where}")
    return "\n".join(lines)
