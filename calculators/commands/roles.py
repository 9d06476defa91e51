"""`innovation-toolkit roles EDGES`: hubs, gatekeepers and pulsetakers in a network.

Reads ties (CSV/TSV/semicolon/whitespace edge list, survey long format, GraphML or GEXF)
and an optional people table, runs :func:`calculators.network.analyse`, and prints a
readable report or, with ``--json``, the full result.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from calculators.errors import InputError
from calculators.network import analyse, limits
from calculators.network.parse import FORMATS


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "roles",
        help="find hubs, gatekeepers and pulsetakers in a network of people",
        description="Find the key connectors (hubs, gatekeepers, pulsetakers) in an edge list, survey export, "
                    "GraphML or GEXF file, with groups, several networks and resilience.",
    )
    parser.add_argument("edges", type=Path, help="ties: one per line ('Ann, Bob'), a survey export, GraphML or GEXF")
    parser.add_argument("--people", type=Path, help="people table with a header, e.g. 'name, organisation, sector'")
    parser.add_argument("--directed", action="store_true", help="read each tie as a nomination: the first person named the second")
    parser.add_argument("--network", metavar="NAME", help="analyse only this network from a survey file with several")
    parser.add_argument("--format", choices=FORMATS, default="auto", help="input format (default: detect)")
    parser.add_argument("--json", action="store_true", help="print the full result as JSON")
    parser.set_defaults(handler=run)


def read_input(path: Path) -> bytes:
    """Read a file's bytes, refusing files over the size limit before reading them."""
    size = path.stat().st_size
    if size > limits.MAX_CHARACTERS:
        raise InputError(
            f"{path.name} is too large ({size / 1_000_000:.1f} MB; the limit is {limits.MAX_CHARACTERS // 1_000_000} MB): "
            f"the engine handles up to {limits.MAX_PEOPLE:,} people and {limits.MAX_TIES:,} ties"
        )
    return path.read_bytes()


def run(args: argparse.Namespace) -> int:
    people = read_input(args.people) if args.people else None
    result = analyse(
        read_input(args.edges),
        people=people,
        directed=args.directed,
        network=args.network,
        fmt=args.format,
        filename=args.edges.name,
    )
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(report(result))
    return 0


def report(result: dict) -> str:
    """Format a result as a readable plain-text report."""
    summary = result["summary"]
    lines = [
        f"{summary['people']} people, {summary['ties']} ties ({'directed' if summary['directed'] else 'undirected'}); "
        f"density {summary['density']:.3f}, {summary['average_contacts']:.1f} contacts per person on average, "
        f"{summary['components']} connected group(s), {summary['isolates']} without ties"
        + (f", reciprocity {summary['reciprocity']:.2f}" if summary["reciprocity"] is not None else "") + ".",
        summary["density_band"]["sentence"],
        "",
        f"Key connectors ({result['roles']['rule']}):",
    ]
    for person in result["people"]:
        if not person["roles"]:
            continue
        lines.append(f"  {person['name']}: {', '.join(person['roles'])}")
        for sentence in person["sentences"].values():
            lines.append(f"    - {sentence}")
    networks = result["networks"]
    if networks["per_network"]:
        lines += ["", f"Networks ({len(networks['per_network'])}; main results combine them):"]
        for layer in networks["per_network"]:
            lines.append(f"  {layer['name']}: {layer['ties']} ties; key connectors: {', '.join(layer['key_connectors']) or 'none'}")
        core = networks["core"]
        lines.append(f"  Key connectors in all networks: {', '.join(core['all']) or 'nobody'}")
        lines.append(f"  In at least {core['most_threshold']} of {core['networks']}: {', '.join(core['most']) or 'nobody'}")
    for group in result["groups"]:
        lines += ["", f"Groups by {group['attribute']}:"]
        for row in group["groups"]:
            ei = row["ei_index"]
            lines.append(
                f"  {row['group']}: {row['people']} people ({row['share_of_network'] * 100:.0f} % of network), "
                f"{row['in_core']} key connector(s) ({row['share_of_core'] * 100:.0f} % of core)"
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
