"""Benchmark how accurate and how fast the connector roles are above the exact budget (issue 11).

For realistic networks (networkx ``powerlaw_cluster_graph`` and a ten-block stochastic block
model) of 2,000 people / 10,000 ties and 5,000 / 25,000, prints per network:

* CPython: median time of the role engine (``find_connectors``, browser scale) over three
  seeds, the median Jaccard agreement of its gatekeepers and pulsetakers with the exact ones,
  and the time as a ratio of networkx's own sampled betweenness (``k`` = the same number of
  start points) plus closeness, measured in the same run;
* Pyodide under Node: the full ``analyse`` call (seed 42) and the same networkx baseline,
  both timed inside Pyodide, and the agreement of its role holders with the exact ones; and
  the same call with ``exact=True`` (the browser's "Exact values" option);

and for a 50,000-person, 250,000-tie region on the command line (``analyse(...,
scale="command-line")``) with each engine, in a child process: time, peak memory (max RSS)
and the engine's stated accuracy. Exact role holders for the smaller networks come from
``find_connectors(..., exact=True)`` (networkit's exact engine when installed; both engines
agree, tests/network/test_engines.py) and are cached under .cache/bench_accuracy/.

    .venv/bin/python scripts/bench_accuracy.py                 # everything (about 15 minutes)
    .venv/bin/python scripts/bench_accuracy.py --no-pyodide --no-region
    .venv/bin/python scripts/bench_accuracy.py --no-pyodide --no-region --no-study

and, unless ``--no-study``, the sampling study (:func:`sampling_study`): why sampled start points
cannot find the gatekeepers of a 2,000-person network within the browser's budget.

Every child process has a timeout, so the script always stops by itself.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from innovation_toolkit.network import limits, networkit_engine
from innovation_toolkit.network.connectors import find_connectors
from innovation_toolkit.network.measures import jaccard, networkx_baseline, top_share_sets

REPO = Path(__file__).resolve().parent.parent

CACHE = REPO / ".cache" / "bench_accuracy"
SEEDS = (42, 43, 44)
ROLES = ("gatekeeper", "pulsetaker")
TIMEOUT = 1800


def network(kind: str, people: int) -> nx.Graph:
    """A fixed-seed network of about ``people`` people and ``5 × people`` ties, names ``p0``…"""
    if kind == "powerlaw":
        graph = nx.powerlaw_cluster_graph(people, 5, 0.3, seed=2011)
    else:
        size = people // 10
        p_in, p_out = 80 / people, 2.2 / people
        graph = nx.stochastic_block_model([size] * 10, [[p_in if i == j else p_out for j in range(10)] for i in range(10)], seed=2011)
    graph = nx.Graph(graph)
    graph.remove_nodes_from([node for node in list(graph) if graph.degree(node) == 0])
    return nx.relabel_nodes(graph, {node: f"p{node}" for node in graph})


def text_of(graph: nx.Graph) -> str:
    return "\n".join(f"{u},{v}" for u, v in graph.edges())


def holders(connectors) -> dict:
    """The role holders, and (key ``top5``) the plain top 5 % on betweenness and on closeness."""
    found: dict[str, list[str] | dict[str, list[str]]] = {role: sorted(map(str, connectors.holders[role])) for role in ROLES}
    plain = top_share_sets(connectors.betweenness, connectors.closeness)
    found["top5"] = {role: sorted(map(str, plain[role])) for role in ROLES}
    return found


def exact_holders(name: str, graph: nx.Graph) -> dict:
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{name}-{graph.number_of_nodes()}-{graph.number_of_edges()}-v2.json"
    if path.exists():
        return json.loads(path.read_text())
    engine = "networkit" if networkit_engine.available() else "python"
    with limits.scale(limits.COMMAND_LINE):
        found = holders(find_connectors(graph, exact=True, engine=engine))
    path.write_text(json.dumps(found))
    return found


def agreement(found: dict, exact: dict) -> dict:
    return {role: jaccard(set(found[role]), set(exact[role])) for role in ROLES}


def cpython_rows(graphs: dict) -> dict:
    rows = {}
    for name, graph in graphs.items():
        exact = exact_holders(name, graph)
        times, agreements, plain, pivots = [], [], [], []
        for seed in SEEDS:
            limits.SAMPLING_SEED = seed
            started = time.perf_counter()
            connectors = find_connectors(graph)
            times.append(time.perf_counter() - started)
            found = holders(connectors)
            agreements.append(agreement(found, exact))
            plain.append(agreement(found["top5"], exact["top5"]))
            pivots.append(connectors.accuracy["pivots"])
        limits.SAMPLING_SEED = 42
        started = time.perf_counter()
        networkx_baseline(text_of(graph), pivots[0], 42)
        baseline = time.perf_counter() - started
        rows[name] = {
            "people": graph.number_of_nodes(),
            "ties": graph.number_of_edges(),
            "pivots": pivots,
            "time": statistics.median(times),
            "baseline": baseline,
            "agreement": {role: statistics.median(a[role] for a in agreements) for role in ROLES},
            "top5_agreement": {role: statistics.median(a[role] for a in plain) for role in ROLES},
            "exact_sizes": {role: len(exact[role]) for role in ROLES},
        }
        print(f"  CPython {name}: {rows[name]['time']:.1f} s, agreement {rows[name]['agreement']}", file=sys.stderr, flush=True)
    return rows


def pyodide_rows(graphs: dict, cpython: dict) -> dict | None:
    node = shutil.which("node")
    runner = REPO / "tests" / "pyodide" / "run_calls.mjs"
    if not node or not (REPO / "docs" / "vendor" / "manifest.json").exists():
        print("Pyodide: skipped (needs node and docs/vendor/: run scripts/generate.py)", file=sys.stderr)
        return None
    cases = [{"id": "warm-up", "call": "innovation_toolkit.network:analyse", "kwargs": {"text": "a,b\nb,c\nc,d"}}]
    for name, graph in graphs.items():
        text = text_of(graph)
        cases.append({"id": f"analyse-{name}", "call": "innovation_toolkit.network:analyse", "kwargs": {"text": text}})
        cases.append({"id": f"exact-{name}", "call": "innovation_toolkit.network:analyse", "kwargs": {"text": text, "exact": True}})
        cases.append(
            {
                "id": f"baseline-{name}",
                "call": "innovation_toolkit.network.measures:networkx_baseline",
                "kwargs": {"text": text, "pivots": cpython[name]["pivots"][0], "seed": 42},
            }
        )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cases.json"
        path.write_text(json.dumps(cases))
        run = subprocess.run([node, str(runner), str(path)], capture_output=True, text=True, timeout=TIMEOUT, cwd=REPO)
    if run.returncode != 0:
        print(f"Pyodide: runner failed: {run.stderr[-800:]}", file=sys.stderr)
        return None
    outcomes = {item["id"]: item for item in json.loads(run.stdout)}
    rows = {}
    for name, graph in graphs.items():
        result = outcomes[f"analyse-{name}"]
        if "error" in result:
            print(f"Pyodide {name}: {result['error']}", file=sys.stderr)
            continue
        found = {role: result["result"]["roles"][role]["people"] for role in ROLES}
        baseline = outcomes[f"baseline-{name}"]["elapsed_ms"] / 1000
        rows[name] = {
            "time": result["elapsed_ms"] / 1000,
            "baseline": baseline,
            "agreement": agreement(found, exact_holders(name, graph)),
            "pivots": result["result"]["accuracy"]["pivots"],
            "closeness_exact": result["result"]["accuracy"]["closeness_exact"],
        }
        forced = outcomes[f"exact-{name}"]
        if "error" not in forced:
            found = {role: forced["result"]["roles"][role]["people"] for role in ROLES}
            rows[name]["exact"] = {
                "time": forced["elapsed_ms"] / 1000,
                "baseline": baseline,
                "agreement": agreement(found, exact_holders(name, graph)),
                "pivots": forced["result"]["accuracy"]["pivots"],
            }
    return rows


def child(engine: str, path: str) -> int:
    """Run one region-scale analysis and print its figures (called in a fresh process)."""
    from innovation_toolkit.network import analyse

    text = Path(path).read_text()
    started = time.perf_counter()
    result = analyse(text, scale="command-line", engine=engine)
    elapsed = time.perf_counter() - started
    print(
        json.dumps(
            {
                "time": elapsed,
                "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "people": result["summary"]["people"],
                "ties": result["summary"]["ties"],
                "accuracy": result["accuracy"],
                "holders": {role: result["roles"][role]["people"] for role in ROLES},
            }
        )
    )
    return 0


def region_rows() -> dict:
    graph = network("powerlaw", 50_000)
    rows = {}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "region.csv"
        path.write_text(text_of(graph))
        for engine in ("python", "networkit"):
            if engine == "networkit" and not networkit_engine.available():
                print("region: networkit not installed, skipped", file=sys.stderr)
                continue
            run = subprocess.run([sys.executable, __file__, "--child", engine, str(path)], capture_output=True, text=True, timeout=TIMEOUT, cwd=REPO)
            if run.returncode != 0:
                print(f"region {engine}: failed: {run.stderr[-800:]}", file=sys.stderr)
                continue
            rows[engine] = json.loads(run.stdout.strip().splitlines()[-1])
            print(f"  region {engine}: {rows[engine]['time']:.1f} s", file=sys.stderr, flush=True)
    if len(rows) == 2:
        rows["engines_agree"] = agreement(rows["python"]["holders"], rows["networkit"]["holders"])
    return rows


STUDY_POINTS = (100, 200, 400, 800, 1200, 1600)


def sampling_study(graph: nx.Graph, candidates: int = 300) -> dict:
    """Why sampled start points cannot find the gatekeepers cheaply (issue 11's browser target).

    One breadth-first search from every person, as the engine's estimate makes them (the same
    seeded order, linear scaling), recording what each start point adds to each person's
    betweenness. From the same searches: the gatekeepers the first ``k`` start points give, for
    each ``k`` in :data:`STUDY_POINTS`, against the exact ones; how close the exact scores are
    around the cut-off; and, for the ``candidates`` people with the highest exact gatekeeper
    score, the share of the estimate's sum of squares (what makes it vary from sample to
    sample) that comes from start points tied directly to them.
    """
    import random

    from innovation_toolkit.network.connectors import bridging_centrality, bridging_coefficient
    from innovation_toolkit.network.measures import _Sweep
    from innovation_toolkit.network.roles import stand_out

    sweep = _Sweep(graph, linear=True, closeness=False)  # the engine's own estimate, one start point at a time
    nodes, out, n = sweep.nodes, sweep.out, sweep.n
    coefficient = bridging_coefficient(graph)
    order = random.Random(limits.SAMPLING_SEED).sample(range(n), n)
    snapshots = {}
    rows: list[list[float]] = []  # per start point, its credit to every person
    for done, s in enumerate(order, start=1):
        before = list(sweep.scaled)
        sweep.add([s])
        rows.append([after - earlier for after, earlier in zip(sweep.scaled, before, strict=True)])
        if done in STUDY_POINTS and done < n:
            snapshots[done] = list(sweep.scaled)
    totals = sweep.scaled

    def gatekeepers(values: list) -> set:
        return set(stand_out(bridging_centrality(dict(zip(nodes, values, strict=True)), coefficient)).holders)

    exact = gatekeepers(totals)
    score = bridging_centrality(dict(zip(nodes, totals, strict=True)), coefficient)
    ranked = sorted(score.values(), reverse=True)
    places = len(exact)
    top = sorted(range(n), key=lambda i: -score[nodes[i]])[:candidates]
    near = far = 0.0
    for i in top:
        neighbours = set(out[i])
        for position, s in enumerate(order):
            square = rows[position][i] ** 2
            if s in neighbours:
                near += square
            else:
                far += square
    return {
        "people": n,
        "gatekeepers": places,
        "agreement": {k: jaccard(gatekeepers(values), exact) for k, values in snapshots.items()},
        "gap_above": ranked[max(0, places - 11)] / ranked[places - 1] if places > 10 else None,
        "gap_below": ranked[places + 9] / ranked[places - 1] if places + 9 < n else None,
        "neighbour_share": near / (near + far) if near + far else None,
        "mean_neighbours": sum(len(out[i]) for i in top) / len(top),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-pyodide", action="store_true")
    parser.add_argument("--no-region", action="store_true")
    parser.add_argument("--no-study", action="store_true", help="skip the sampling study (about half a minute)")
    parser.add_argument("--child", nargs=2, metavar=("ENGINE", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.child:
        return child(*args.child)
    graphs = {f"{kind}-{people}": network(kind, people) for people in (2000, 5000) for kind in ("powerlaw", "blocks")}
    cpython = cpython_rows(graphs)
    pyodide = None if args.no_pyodide else pyodide_rows(graphs, cpython)
    region = {} if args.no_region else region_rows()
    study = None if args.no_study else sampling_study(graphs["powerlaw-2000"])
    if args.json:
        print(json.dumps({"cpython": cpython, "pyodide": pyodide, "region": region, "study": study}, indent=2))
        return 0
    print(f"CPython {sys.version.split()[0]}, {os.cpu_count()} CPU(s); browser-scale budgets; seeds {SEEDS}")
    print(
        f"{'network':<15} {'people':>6} {'ties':>7} {'start points':>13} {'where':>15} {'time s':>7} "
        f"{'÷ networkx':>10} {'gatekeepers J':>14} {'pulsetakers J':>14} {'top-5 % betweenness J':>22} {'top-5 % closeness J':>20}"
    )
    for name, row in cpython.items():
        where = [("CPython", row)] + ([("Pyodide", pyodide[name])] if pyodide and name in pyodide else [])
        if pyodide and "exact" in pyodide.get(name, {}):
            where.append(("Pyodide, exact", pyodide[name]["exact"]))
        for label, figures in where:
            pivots = figures["pivots"] if isinstance(figures["pivots"], int) else figures["pivots"][0]
            print(
                f"{name:<15} {row['people']:>6,} {row['ties']:>7,} {pivots:>13,} {label:>15} {figures['time']:>7.2f} "
                f"{figures['time'] / figures['baseline']:>10.2f} {figures['agreement']['gatekeeper']:>14.2f} "
                f"{figures['agreement']['pulsetaker']:>14.2f}"
                + (
                    f" {figures['top5_agreement']['gatekeeper']:>22.2f} {figures['top5_agreement']['pulsetaker']:>20.2f}"
                    if "top5_agreement" in figures
                    else ""
                )
            )
    for engine in ("python", "networkit"):
        if engine in region:
            row = region[engine]
            stated = row["accuracy"]
            print(
                f"region {engine}: {row['people']:,} people, {row['ties']:,} ties, {row['time']:.1f} s, "
                f"peak {row['max_rss_mb']:,.0f} MB; {stated['pivots']:,} start points, round-to-round agreement "
                f"{stated['agreement']}; {stated['sentence']}"
            )
    if "engines_agree" in region:
        print(f"region: python and networkit role holders agree at {region['engines_agree']}")
    if study:
        print(f"sampling study, powerlaw-2000 ({study['people']:,} people, {study['gatekeepers']} exact gatekeepers):")
        print("  start points → gatekeepers J: " + ", ".join(f"{k:,} → {j:.2f}" for k, j in study["agreement"].items()))
        if study["gap_above"] and study["gap_below"]:
            print(
                f"  exact scores 10 places above and below the cut-off: {study['gap_above']:.3f} and {study['gap_below']:.3f} "
                "times the last gatekeeper's"
            )
        print(
            f"  share of the estimate's sum of squares from start points tied to the person (top 300, "
            f"{study['mean_neighbours']:.1f} such start points each on average): {study['neighbour_share']:.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
