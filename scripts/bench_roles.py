"""Benchmark the connector-roles engine in CPython and in Pyodide (under Node).

For 100, 500, 2,000 and 5,000 people (fixed-seed random networks with five ties per
person), prints the time to analyse each network, and the same time as a multiple of a
baseline measured in the same run on the same machine: reading the edge list and building
the graph (``innovation_toolkit.network.build:load_network``). Ratios travel between machines
better than seconds do.

    .venv/bin/python scripts/bench_roles.py            # CPython and Pyodide
    .venv/bin/python scripts/bench_roles.py --no-pyodide
    .venv/bin/python scripts/bench_roles.py --sizes 100 2000 --repeat 3

The Pyodide part runs ``node tests/pyodide/run_calls.mjs CASES.json``, which loads the
vendored Pyodide and wheels from docs/vendor/ (build them first with the site generator
or `pytest tests/test_pyodide_parity.py`). Each call reports its own ``elapsed_ms``, so
Pyodide's start-up time is not counted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from innovation_toolkit.network import analyse
from innovation_toolkit.network.build import load_network

REPO = Path(__file__).resolve().parent.parent

SIZES = (100, 500, 2000, 5000)
TIES_PER_PERSON = 5
SEED = 2008


def network_text(people: int) -> str:
    """A fixed-seed random network of ``people`` people and ``5 × people`` ties, as an edge list."""
    graph = nx.gnm_random_graph(people, TIES_PER_PERSON * people, seed=SEED + people)
    return "\n".join(f"p{u},p{v}" for u, v in graph.edges())


def time_cpython(function, text: str, repeat: int) -> float:
    """Median wall time of ``function(text)`` in milliseconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function(text)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def time_pyodide(texts: dict[int, str], repeat: int) -> dict | None:
    """Median ``elapsed_ms`` per (size, call) inside Pyodide, or None when unavailable."""
    node = shutil.which("node")
    runner = REPO / "tests" / "pyodide" / "run_calls.mjs"
    vendor = REPO / "docs" / "vendor" / "manifest.json"
    if not node or not runner.exists() or not vendor.exists():
        print("Pyodide: skipped (needs node, tests/pyodide/run_calls.mjs and docs/vendor/)", file=sys.stderr)
        return None
    cases = [{"id": "warm-up", "call": "innovation_toolkit.network:analyse", "kwargs": {"text": network_text(30)}}]
    for size, text in texts.items():
        for round_ in range(repeat):
            cases.append({"id": f"load-{size}-{round_}", "call": "innovation_toolkit.network.build:load_network", "kwargs": {"text": text}})
            cases.append({"id": f"analyse-{size}-{round_}", "call": "innovation_toolkit.network:analyse", "kwargs": {"text": text}})
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.json"
        path.write_text(json.dumps(cases))
        run = subprocess.run([node, str(runner), str(path)], capture_output=True, text=True, timeout=3600, cwd=REPO)
    if run.returncode != 0:
        print(f"Pyodide: runner failed: {run.stderr[-1000:]}", file=sys.stderr)
        return None
    outcomes = {item["id"]: item for item in json.loads(run.stdout)}
    for item in outcomes.values():
        if "error" in item:
            print(f"Pyodide: {item['id']}: {item['error']}", file=sys.stderr)
            return None
    return {
        (size, kind): statistics.median(outcomes[f"{kind}-{size}-{r}"]["elapsed_ms"] for r in range(repeat))
        for size in texts
        for kind in ("load", "analyse")
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--repeat", type=int, default=1, help="runs per size; the median is shown")
    parser.add_argument("--no-pyodide", action="store_true")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    texts = {size: network_text(size) for size in args.sizes}
    rows = []
    for text in texts.values():
        result = analyse(text)
        rows.append(
            {
                "people": result["summary"]["people"],
                "ties": result["summary"]["ties"],
                "sampled": result["summary"]["sampled"],
                "pivots": result["limits"]["pivots"],
                "cpython_load_ms": time_cpython(load_network, text, args.repeat),
                "cpython_analyse_ms": time_cpython(analyse, text, args.repeat),
            }
        )
    pyodide = None if args.no_pyodide else time_pyodide(texts, args.repeat)
    for row, size in zip(rows, texts, strict=True):
        row["cpython_ratio"] = row["cpython_analyse_ms"] / row["cpython_load_ms"]
        if pyodide:
            row["pyodide_load_ms"] = pyodide[(size, "load")]
            row["pyodide_analyse_ms"] = pyodide[(size, "analyse")]
            row["pyodide_ratio"] = row["pyodide_analyse_ms"] / row["pyodide_load_ms"]
            row["pyodide_vs_cpython"] = row["pyodide_analyse_ms"] / row["cpython_analyse_ms"]
    if args.json:
        print(json.dumps({"python": sys.version.split()[0], "cpus": os.cpu_count(), "rows": rows}, indent=2))
        return 0
    print(f"CPython {sys.version.split()[0]}, {os.cpu_count()} CPU(s); times are medians of {args.repeat} run(s), in seconds")
    header = f"{'people':>7} {'ties':>7} {'betweenness':>13} {'CPython':>9} {'× load':>7}"
    if pyodide:
        header += f" {'Pyodide':>9} {'× load':>7} {'Pyodide/CPython':>16}"
    print(header)
    for row in rows:
        mode = f"{row['pivots']} pivots" if row["sampled"] else "exact"
        line = f"{row['people']:>7,} {row['ties']:>7,} {mode:>13} {row['cpython_analyse_ms'] / 1000:>9.2f} {row['cpython_ratio']:>7.1f}"
        if pyodide:
            line += f" {row['pyodide_analyse_ms'] / 1000:>9.2f} {row['pyodide_ratio']:>7.1f} {row['pyodide_vs_cpython']:>16.2f}"
        print(line)
    if not pyodide and not args.no_pyodide:
        print("(Pyodide figures unavailable: see the message above)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
