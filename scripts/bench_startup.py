#!/usr/bin/env python3
"""Start-up benchmark (issue 15): how soon the calculators are ready, what each page costs, and return visits.

Builds the site, serves it on 127.0.0.1 and drives headless Chromium. Prints, from one run:
  floor     a bare page that only starts Pyodide as published, installs networkx's wheel from PyPI
            and imports networkx (the naive floor every ratio is taken against; bench_browser.write_floor);
  per site variant ("now": the build as it is; with --baseline REF also "REF": the same build with
  the page runtime, worker and page script of git revision REF and the runtime as published, i.e.
  before this change):
    connectors page open -> ready, and ÷ floor;  diagnose page open -> ready;
    immediate open + paste + click -> result (kite), and ÷ floor;
    click 3 s after opening -> result (kite);
    repeat visit (same browser profile) open -> ready, and ÷ first visit;
    offline repeat visit (server stopped, browser offline) gives the kite's roles: yes / no;
    bytes per page type (connectors, diagnose, a content page), raw and gzip-compressed, counted by
    the server itself (every request, the page's, its workers' and its service worker's);
    longest main-thread task and frame gap while a 2,000-person result renders, and the warm re-run
    (100 people) with the engine's own time beside it (bench_connectors.render_long_tasks, warm_rerun).
Each timing is the median of --runs fresh browser contexts. The machine may be shared: the floor,
measured in the same run, shows how busy it was.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

from bench_browser import build_site, stock_runtime
from bench_connectors import load_average, render_long_tasks, warm_rerun
from browser_support import _QuietHandler, launch_chromium

REPO = Path(__file__).resolve().parents[1]
CONNECTORS = "/calculators/connectors/"
DIAGNOSE = "/calculators/diagnose/"
CONTENT_PAGE = "/reference/the-report/"
RUNTIME_FILES = ["docs/assets/js/runtime.js", "docs/assets/js/pyodide-worker.mjs", "docs/assets/js/calculators.js"]
KITE = """Andre,Beverly\nAndre,Carol\nAndre,Diane\nAndre,Fernando\nBeverly,Diane\nBeverly,Ed\nBeverly,Garth\nCarol,Diane
Carol,Fernando\nDiane,Ed\nDiane,Fernando\nDiane,Garth\nEd,Garth\nFernando,Garth\nFernando,Heather\nGarth,Heather\nHeather,Ike\nIke,Jane"""
READY = ".calculator-status >> text=Calculator ready."
KEPT = ".calculator-offline:not([hidden])"
TIMEOUT = 180_000


class Counter:
    """Bytes the server sent, per request path, while counting is on."""

    def __init__(self, root: Path):
        self.root = root
        self.paths: list[tuple[str, int]] = []
        self.lock = threading.Lock()
        self._gzip: dict[str, int] = {}

    def reset(self) -> None:
        with self.lock:
            self.paths = []

    def add(self, path: str, sent: int) -> None:
        with self.lock:
            self.paths.append((path, sent))

    def gzip_size(self, path: str) -> int:
        """The file's size gzip-compressed (level 6, as a server would send it)."""
        if path not in self._gzip:
            file = self.root / unquote(path).lstrip("/")
            if file.is_dir():
                file = file / "index.html"
            self._gzip[path] = len(gzip.compress(file.read_bytes(), 6)) if file.is_file() else 0
        return self._gzip[path]

    def totals(self) -> tuple[int, int, list[str]]:
        with self.lock:
            paths = list(self.paths)
        raw = sum(sent for _, sent in paths)
        packed = sum(self.gzip_size(path) if sent else 0 for path, sent in paths)
        return raw, packed, [path for path, _ in paths]


def counting_server(directory: Path) -> tuple[str, http.server.ThreadingHTTPServer, Counter]:
    counter = Counter(directory)

    class Handler(_QuietHandler):
        def copyfile(self, source, outputfile):
            before = source.tell()
            super().copyfile(source, outputfile)
            counter.add(urlparse(self.path).path, source.tell() - before)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server, counter


def baseline_site(site: Path, target: Path, ref: str) -> None:
    """The same build with the page runtime, worker and page script of revision ``ref`` (no service
    worker) and the runtime as published (stock standard library, source wheels), as before issue 15."""
    shutil.copytree(site, target)
    (target / "sw.js").unlink(missing_ok=True)
    stock_runtime(target / "vendor")
    for source in RUNTIME_FILES:
        text = subprocess.run(["git", "show", f"{ref}:{source}"], cwd=REPO, check=True, capture_output=True, text=True).stdout
        (target / source.removeprefix("docs/")).write_text(text, encoding="utf-8")


def floor_seconds(browser, base: str) -> float:
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "/bench-floor.html")
    page.wait_for_function("document.getElementById('out').textContent.startsWith('done')", timeout=TIMEOUT)
    elapsed = float(page.inner_text("#out").split()[1]) / 1000
    context.close()
    return elapsed


def open_until_ready(page, url: str) -> float:
    opened = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.locator(READY).first.wait_for(timeout=TIMEOUT)
    return time.perf_counter() - opened


def kite_result(page, opened: float | None = None, wait_until: float | None = None) -> float:
    """Paste the kite, click (not before ``wait_until`` on the perf_counter clock); seconds from ``opened`` (or the click) to the table."""
    page.get_by_label("Ties", exact=True).fill(KITE)
    if wait_until is not None:
        time.sleep(max(0.0, wait_until - time.perf_counter()))
    clicked = time.perf_counter()
    page.get_by_role("button", name="Map the connectors").click()
    page.locator(".connectors-people-table tbody tr", has_text="Diane").first.wait_for(timeout=TIMEOUT)
    return time.perf_counter() - (opened if opened is not None else clicked)


def settle(page, has_service_worker: bool) -> None:
    """Until the page has fetched all it will: the offline note (new) or a quiet network (baseline)."""
    if has_service_worker:
        page.locator(KEPT).wait_for(timeout=TIMEOUT)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1500)


def measure_variant(browser, base: str, counter: Counter, server, runs: int, has_service_worker: bool) -> dict:
    figures: dict[str, list[float]] = {"connectors": [], "diagnose": [], "immediate": [], "after3": [], "repeat": []}
    for _ in range(runs):
        context = browser.new_context()  # open -> ready, and a click at once
        page = context.new_page()
        opened = time.perf_counter()
        page.goto(base + CONNECTORS, wait_until="domcontentloaded")
        figures["immediate"].append(kite_result(page, opened=opened))
        context.close()

        context = browser.new_context()
        figures["connectors"].append(open_until_ready(context.new_page(), base + CONNECTORS))
        context.close()

        context = browser.new_context()
        figures["diagnose"].append(open_until_ready(context.new_page(), base + DIAGNOSE))
        context.close()

        context = browser.new_context()  # click 3 s after opening; then the repeat visit in the same profile
        page = context.new_page()
        opened = time.perf_counter()
        page.goto(base + CONNECTORS, wait_until="domcontentloaded")
        figures["after3"].append(kite_result(page, wait_until=opened + 3.0))
        settle(page, has_service_worker)
        page.close()
        figures["repeat"].append(open_until_ready(context.new_page(), base + CONNECTORS))
        context.close()

    # Bytes per page type, each in a fresh profile.
    sizes = {}
    for name, path, calculator in (("connectors", CONNECTORS, True), ("diagnose", DIAGNOSE, True), ("content", CONTENT_PAGE, False)):
        context = browser.new_context()
        page = context.new_page()
        counter.reset()
        page.goto(base + path)
        if calculator:
            page.locator(READY).first.wait_for(timeout=TIMEOUT)
            settle(page, has_service_worker)
        else:
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(1500)
        sizes[name] = counter.totals()
        context.close()

    # Offline repeat visit: one visit, then the server stopped and the browser offline.
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + CONNECTORS)
    page.locator(READY).first.wait_for(timeout=TIMEOUT)
    settle(page, has_service_worker)
    server.shutdown()
    context.set_offline(True)
    offline = False
    try:
        page.reload(timeout=30_000)
        page.locator(READY).first.wait_for(timeout=60_000)
        kite_result(page)
        offline = True
    except Exception:  # any failure means "does not work offline"
        offline = False
    context.close()
    medians = {key: statistics.median(values) for key, values in figures.items()}
    return {**medians, "sizes": sizes, "offline": offline}


def rendering(browser, base: str, runs: int) -> dict:
    """Median over ``runs`` of the 2,000-person rendering figures, and one warm re-run series."""
    long_runs = [render_long_tasks(browser, base) for _ in range(runs)]
    return {
        "longest_task_ms": statistics.median(run["longest_task_ms"] for run in long_runs),
        "longest_frame_gap_ms": statistics.median(run["longest_frame_gap_ms"] for run in long_runs),
        **warm_rerun(browser, base),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="fresh browser contexts per figure (median reported)")
    parser.add_argument("--baseline", metavar="REF", help="also measure the build with the runtime JavaScript of git revision REF")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "now"
        build_site(site)
        variants = [("now", site, True)]
        if args.baseline:
            baseline_site(site, Path(folder) / "base", args.baseline)
            variants.insert(0, (args.baseline, Path(folder) / "base", False))
        results = {}
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            floor_base, floor_server, _ = counting_server(site)
            floors = [floor_seconds(browser, floor_base) for _ in range(args.runs)]
            for name, directory, has_service_worker in variants:
                base, server, counter = counting_server(directory)
                if name == "now":  # before the offline run, which stops the server
                    render = rendering(browser, base, args.runs)
                results[name] = measure_variant(browser, base, counter, server, args.runs, has_service_worker)
                results[name]["rendering"] = render if name == "now" else None
                server.server_close()
            floors += [floor_seconds(browser, floor_base) for _ in range(args.runs)]  # before and after: the machine's load
            floor_server.shutdown()
            version = browser.version
            browser.close()

    floor = statistics.median(floors)
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
        platform.processor(),
    )
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, Chromium {version}")
    print(f"load average at the end (1, 5, 15 min): {load_average()}")
    print(f"runs per figure: {args.runs} (median); floor from {len(floors)} runs, before and after the pages")
    print(f"floor: Pyodide + networkx wheel + import                 {floor:6.2f} s   (min {min(floors):.2f}, max {max(floors):.2f})")
    mib = 1024 * 1024
    for name, figures in results.items():
        print(f"\n[{name}]")
        print(f"connectors page open -> ready                         {figures['connectors']:6.2f} s   ÷ floor {figures['connectors'] / floor:5.2f}")
        print(f"diagnose page open -> ready                           {figures['diagnose']:6.2f} s   ÷ floor {figures['diagnose'] / floor:5.2f}")
        print(f"immediate open + paste + click -> result (kite)       {figures['immediate']:6.2f} s   ÷ floor {figures['immediate'] / floor:5.2f}")
        print(f"click 3 s after opening -> result (kite)              {figures['after3']:6.2f} s")
        repeat = figures["repeat"]
        print(f"repeat visit (same profile) open -> ready             {repeat:6.2f} s   ÷ first visit {repeat / figures['connectors']:5.2f}")
        print(f"offline repeat visit gives the kite's roles           {'yes' if figures['offline'] else 'no'}")
        for page_type, (raw, packed, paths) in figures["sizes"].items():
            runtime = sum(1 for path in paths if "/vendor/" in path)
            networkx = any("networkx" in path for path in paths)
            cytoscape = any("cytoscape" in path for path in paths)
            print(
                f"bytes, {page_type:10} page: raw {raw / mib:6.2f} MiB, gzip {packed / mib:6.2f} MiB;"
                f" {runtime} runtime files; networkx {'yes' if networkx else 'no'}, drawing library {'yes' if cytoscape else 'no'}"
            )
        render = figures["rendering"]
        if render:
            print(f"2,000 people: longest main-thread task while the result renders {render['longest_task_ms']:6.0f} ms")
            print(f"2,000 people: longest gap between frames                        {render['longest_frame_gap_ms']:6.0f} ms")
            print(
                f"warm re-run, 100 people: click -> table updated {render['click_to_table_ms']:6.0f} ms"
                f" (engine alone {render['engine_ms']:.0f} ms; click -> result message {render['click_to_message_ms']:.0f} ms)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
