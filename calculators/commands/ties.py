"""`innovation-toolkit ties EDGES`: the people with the most ties in an edge list."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from calculators.ties import most_ties


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("ties", help="rank people in an edge list by their number of ties")
    parser.add_argument("edges", type=Path, help="edge list file: one tie per line, 'Name A, Name B'")
    parser.add_argument("--limit", type=int, default=5, help="how many people to list (default 5)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    result = most_ties(args.edges.read_text(encoding="utf-8-sig"), limit=args.limit)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(f"{result['total_people']} people, {result['total_ties']} ties. Most ties:")
        for person in result["people"]:
            print(f"  {person['name']}: {person['ties']}")
    return 0
