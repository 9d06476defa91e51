#!/usr/bin/env python3
"""Browser benchmark: how long readers wait for the calculators, and what pages cost to fetch.

Builds the site, serves it on 127.0.0.1 and drives headless Chromium. Prints, from one run:
  (a) floor: a bare page that only starts Pyodide as published, installs networkx's wheel from
      PyPI and imports networkx (the stock runtime, served beside the site: write_floor);
  (b) cold click → result on the calculator page, the button pressed right after load;
  (c) the ratio b / a;
  (d) page open → calculator ready;
  (e) warm re-run (second click on the same page);
  (f) bytes fetched by a content page and by a calculator page.
Each timing is the median of --runs fresh browser contexts (no HTTP cache carried over).
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from browser_support import launch_chromium, serve

REPO = Path(__file__).resolve().parents[1]
CALCULATOR = "/calculators/connectors/"
CONTENT_PAGE = "/reference/the-report/"
EDGES = "\n".join(f"P{i},P{(i * 7 + 3) % 100}" for i in range(100))

FLOOR_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pyodide floor</title></head>
<body><p id="out">starting</p><script type="module">
const started = performance.now();
const worker = new Worker(URL.createObjectURL(new Blob([`
  const vendor = new URL("/bench-floor/vendor/", "${location.origin}");
  const { loadPyodide } = await import(new URL("pyodide/pyodide.mjs", vendor).href);
  const indexURL = new URL("pyodide/", vendor).href;
  const pyodide = await loadPyodide({ indexURL, packageBaseUrl: indexURL });
  const manifest = await (await fetch(new URL("manifest.json", vendor))).json();
  const wheel = manifest.wheels.find((w) => w.file.startsWith("networkx-"));
  const bytes = new Uint8Array(await (await fetch(new URL("wheels/" + wheel.file, vendor))).arrayBuffer());
  pyodide.unpackArchive(bytes, "wheel");
  pyodide.runPython("import networkx");
  postMessage("done");
`], { type: "text/javascript" })), { type: "module" });
worker.onmessage = () => { document.getElementById("out").textContent = "done " + (performance.now() - started); };
</script></body></html>"""


def stock_runtime(vendor: Path) -> None:
    """Turn a copy of the built site's ``vendor/`` folder into the runtime as published: Pyodide's own
    standard library and lock file, networkx's wheel from PyPI and the calculators' source wheel,
    with a manifest to match (what the naive floor, and a "before" variant, load)."""
    from sitegen import assets  # scripts/ is on the path: this script's folder

    pin = assets.pyodide_pin()
    for member in ("python_stdlib.zip", "pyodide-lock.json"):
        shutil.copy(assets.stock_file("pyodide", pin, member), vendor / "pyodide" / member)
    lock = json.loads(assets.LOCK.read_text())
    wheels = [assets.pypi_wheel(name, entry) for name, entry in lock["pypi"].items()] + [assets.calculators_wheel()]
    shutil.rmtree(vendor / "wheels")
    (vendor / "wheels").mkdir()
    manifest = json.loads((vendor / "manifest.json").read_text())
    manifest["wheels"] = []
    for wheel in wheels:
        shutil.copy(wheel, vendor / "wheels" / wheel.name)
        manifest["wheels"].append(assets.wheel_entry(wheel))
    manifest["bytecode_for"] = None
    manifest["files"] = assets.runtime_file_hashes(vendor)
    (vendor / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")


def write_floor(site: Path) -> None:
    """The floor page and, under bench-floor/vendor/, the stock runtime it loads."""
    shutil.copytree(site / "vendor", site / "bench-floor" / "vendor")
    stock_runtime(site / "bench-floor" / "vendor")
    (site / "bench-floor.html").write_text(FLOOR_PAGE, encoding="utf-8")


def build_site(target: Path) -> None:
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(target)], cwd=REPO, check=True)
    write_floor(target)


def fetched_bytes(browser, url: str, settle_ms: int = 1500) -> int:
    context = browser.new_context()
    page = context.new_page()
    sizes: list[int] = []
    page.on("requestfinished", lambda request: sizes.append(request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"]))
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(settle_ms)
    page.wait_for_load_state("networkidle")
    context.close()
    return sum(sizes)


def floor_seconds(browser, base: str) -> float:
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "/bench-floor.html")
    page.wait_for_function("document.getElementById('out').textContent.startsWith('done')", timeout=120_000)
    elapsed = float(page.inner_text("#out").split()[1]) / 1000
    context.close()
    return elapsed


def calculator_seconds(browser, base: str) -> tuple[float, float, float]:
    """(cold click → result, page open → ready, warm re-run) on the calculator page."""
    context = browser.new_context()
    page = context.new_page()
    opened = time.perf_counter()
    page.goto(base + CALCULATOR)
    page.get_by_label("Ties", exact=True).fill(EDGES)
    clicked = time.perf_counter()
    page.get_by_role("button", name="Map the connectors").click()
    page.locator(".connectors-people-table").wait_for(timeout=120_000)
    cold = time.perf_counter() - clicked
    page.locator(".calculator-status", has_text="Calculator ready.").wait_for(timeout=120_000)
    ready = time.perf_counter() - opened
    page.fill("#connectors-ties", EDGES + "\nExtra,P1")
    warm_started = time.perf_counter()
    page.get_by_role("button", name="Map the connectors").click()
    page.locator(".connectors-findings li", has_text="101 people and").wait_for(timeout=60_000)
    warm = time.perf_counter() - warm_started
    context.close()
    return cold, ready, warm


def runs_parser(doc: str, fresh: str) -> argparse.ArgumentParser:
    """The command line every browser benchmark takes: ``--runs``, how many fresh starts each median is taken over."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help=f"fresh {fresh} per figure (median reported)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = runs_parser(__doc__, "browser contexts").parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder)
        build_site(site)
        base, server = serve(site)
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            floors = [floor_seconds(browser, base) for _ in range(args.runs)]
            runs = [calculator_seconds(browser, base) for _ in range(args.runs)]
            content_bytes = fetched_bytes(browser, base + CONTENT_PAGE)
            calculator_bytes = fetched_bytes(browser, base + CALCULATOR, settle_ms=8000)
            version = browser.version
            browser.close()
        server.shutdown()

    floor = statistics.median(floors)
    cold = statistics.median(run[0] for run in runs)
    ready = statistics.median(run[1] for run in runs)
    warm = statistics.median(run[2] for run in runs)
    print(f"machine: {platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}, Chromium {version}")
    print(f"runs per figure: {args.runs} (median)")
    print(f"(a) floor: Pyodide + networkx wheel + import      {floor:7.2f} s")
    print(f"(b) cold click -> result (100 people)              {cold:7.2f} s")
    print(f"(c) ratio b / a                                    {cold / floor:7.2f}")
    print(f"(d) page open -> calculator ready                  {ready:7.2f} s")
    print(f"(e) warm re-run                                    {warm * 1000:7.0f} ms")
    print(f"(f) bytes fetched: content page {CONTENT_PAGE}      {content_bytes / 1024:9.0f} KiB")
    print(f"    bytes fetched: calculator page {CALCULATOR} {calculator_bytes / 1024:9.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
