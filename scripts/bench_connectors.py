#!/usr/bin/env python3
"""Browser benchmark for "Map your connectors" (issue 7, acceptance 5).

Builds the site (or uses --site), serves it on 127.0.0.1 and drives headless Chromium. With the
calculator ready, it picks a tie file of 100, 2,000 and 5,000 invented people and reports:
  - time to result: click on "Map the connectors" → table of people on the page;
  - the longest gap between animation frames on the page meanwhile (the page stays responsive
    while the worker computes; rendering the result is the only work on the page's thread);
and, during a long (5,000-person) analysis, how quickly the Cancel button reacts (click →
"Cancelled" on the page) and how long the calculator takes to be ready again.
Issue 15 ("a page that never freezes"), also importable (`render_long_tasks`, `warm_rerun`):
  - while a 2,000-person result renders (click → findings, table, every section and the picture
    drawn): the longest main-thread task (a PerformanceObserver of "longtask" entries) and the
    longest gap between animation frames;
  - a warm re-run on 100 people (Python started, one analysis done, the same input again): click →
    the new people table on the page and painted, beside the engine's own time (the worker's
    elapsed_ms) measured in the same runs.
With --baseline REF the same figures for the same build with the widget files of git revision REF.
Each figure is the median of --runs fresh pages.
"""

from __future__ import annotations

import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_browser import EDGES, runs_parser
from browser_support import launch_chromium, serve

REPO = Path(__file__).resolve().parents[1]
PAGE = "/calculators/connectors/"
WIDGET_FILES = [
    "docs/assets/js/widgets/connectors.js",
    "docs/assets/js/widgets/connectors-picture.js",
    "docs/assets/js/widgets/connectors-export.js",
    "docs/assets/css/toolkit.css",
]
RENDERED = 2_000  # people in the network whose rendering is watched
RERUN = 100  # people in the network that is analysed again: bench_browser's (100 people, 100 ties)
RERUNS = 5  # re-runs on one warm page (median)
SIZES = (100, 2_000, 5_000)
TIES_PER_PERSON = 4  # each person names 4 others: about 4 × people distinct ties

WATCH_FRAMES = """() => {
  window.__frames = { last: performance.now(), longest: 0, running: true };
  const step = (now) => {
    const frames = window.__frames;
    frames.longest = Math.max(frames.longest, now - frames.last);
    frames.last = now;
    if (frames.running) requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
}"""

CANCEL = """() => new Promise((resolve) => {
  const button = document.querySelector('.connectors-cancel');
  const progress = document.querySelector('.connectors-progress');
  const started = performance.now();
  new MutationObserver((_, observer) => {
    if (progress.textContent.startsWith('Cancelled')) { observer.disconnect(); resolve(performance.now() - started); }
  }).observe(progress, { childList: true, characterData: true, subtree: true });
  button.click();
})"""


def network(people: int, seed: int = 7) -> bytes:
    """An invented network: everyone names TIES_PER_PERSON others, mostly within a team of 20."""
    rng = random.Random(seed)
    lines = []
    for person in range(people):
        team = person // 20
        for _ in range(TIES_PER_PERSON):
            other = min(people - 1, team * 20 + rng.randrange(20)) if rng.random() < 0.8 else rng.randrange(people)
            if other != person:
                lines.append(f"Person {person},Person {other}")
    return ("\n".join(lines) + "\n").encode()


def ready_page(browser, base: str):
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + PAGE)
    page.locator(".calculator-status", has_text="Calculator ready.").wait_for(timeout=120_000)
    return context, page


def pick(page, data: bytes, people: int) -> None:
    page.get_by_label("Or choose a file", exact=True).set_input_files(files=[{"name": f"bench-{people}.csv", "mimeType": "text/csv", "buffer": data}])
    page.locator("#connectors-ties-file-note", has_text=f"bench-{people}.csv").wait_for()


def time_to_result(browser, base: str, people: int, data: bytes) -> tuple[float, float]:
    """(seconds from click to the table of people, longest frame gap in ms meanwhile)."""
    context, page = ready_page(browser, base)
    pick(page, data, people)
    page.evaluate(WATCH_FRAMES)
    started = time.perf_counter()
    page.get_by_role("button", name="Map the connectors").click()
    page.locator(".connectors-people-table").wait_for(timeout=300_000)
    elapsed = time.perf_counter() - started
    longest = page.evaluate("() => { window.__frames.running = false; return window.__frames.longest; }")
    caption = page.locator(".connectors-people-table caption").inner_text()
    assert f"({people:,} people)" in caption, caption
    context.close()
    return elapsed, longest


# Every long task and the longest frame gap from now on, and every result message's engine time.
WATCH_PAGE = """() => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: "longtask", buffered: true });
}"""
RESULTS_SEEN = """
window.__engine = [];
const NativeWorker = window.Worker;
window.Worker = function Worker(...args) {
  const worker = new NativeWorker(...args);
  worker.addEventListener("message", ({ data }) => {
    if (data?.type === "result") window.__engine.push({ at: performance.now(), elapsed: data.elapsed_ms });
  });
  return worker;
};
window.Worker.prototype = NativeWorker.prototype;
"""
FINISHED = """() => document.querySelector('.connectors-cy')?.connectorsPicture
  && document.querySelector('#connectors-resilience-heading')"""
SETTLE = "() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 500))))"
# Resolves with times (performance.now) once a new people table is on the page, and after the frame that shows it.
NEXT_TABLE = """() => {
  const old = document.querySelector('.connectors-people-table');
  window.__nextTable = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      const table = document.querySelector('.connectors-people-table');
      if (!table || table === old || !table.querySelector('tbody tr')) return;
      observer.disconnect();
      const inserted = performance.now();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve({ inserted, painted: performance.now() });
        channel.port2.postMessage(null);
      });
    });
    observer.observe(document.querySelector('.connectors-results'), { childList: true, subtree: true });
  });
  const button = document.querySelector('.connectors-form button[type=submit]');
  if (!button.dataset.benchClock) {
    button.dataset.benchClock = 'yes';
    button.addEventListener('click', () => { window.__clickedAt = performance.now(); }, { capture: true });
  }
}"""


def render_long_tasks(browser, base: str) -> dict:
    """The 2,000-person network: click → the whole result drawn. {"longest_task_ms", "longest_frame_gap_ms", "seconds_to_result"}."""
    data = network(RENDERED)
    context, page = ready_page(browser, base)
    try:
        pick(page, data, RENDERED)
        page.wait_for_timeout(500)
        page.evaluate(WATCH_PAGE)
        page.evaluate(WATCH_FRAMES)
        clicked = page.evaluate("performance.now()")
        started = time.perf_counter()
        page.get_by_role("button", name="Map the connectors").click()
        page.wait_for_function(FINISHED, timeout=300_000)
        elapsed = time.perf_counter() - started
        page.evaluate(SETTLE)  # cytoscape draws in the next frames
        longest_gap = page.evaluate("() => { window.__frames.running = false; return window.__frames.longest; }")
        tasks = page.evaluate("() => window.__longTasks")
        caption = page.locator(".connectors-people-table caption").inner_text()
        assert f"({RENDERED:,} people)" in caption, caption
    finally:
        context.close()
    longest = max((task["duration"] for task in tasks if task["start"] + task["duration"] >= clicked), default=0.0)
    return {"longest_task_ms": longest, "longest_frame_gap_ms": longest_gap, "seconds_to_result": elapsed}


def warm_rerun(browser, base: str, reruns: int = RERUNS) -> dict:
    """100 people, Python started and one analysis done: click → the new people table painted (median of ``reruns``).

    {"click_to_table_ms", "engine_ms", "click_to_message_ms"}: engine_ms is the worker's elapsed_ms for
    the same re-runs, click_to_message_ms the click → the result message on the page (before any rendering).
    """
    text = EDGES
    context = browser.new_context()
    context.add_init_script(RESULTS_SEEN)
    page = context.new_page()
    try:
        page.goto(base + PAGE)
        page.locator(".calculator-status", has_text="Calculator ready.").wait_for(timeout=120_000)
        page.get_by_label("Ties", exact=True).fill(text)
        page.get_by_role("button", name="Map the connectors").click()
        page.wait_for_function(FINISHED, timeout=120_000)
        page.evaluate(SETTLE)
        tables, engines, messages = [], [], []
        for _ in range(reruns):
            page.evaluate(NEXT_TABLE)
            page.get_by_role("button", name="Map the connectors").click()
            shown = page.evaluate("() => window.__nextTable")
            clicked = page.evaluate("() => window.__clickedAt")
            page.wait_for_function(FINISHED, timeout=60_000)
            page.evaluate(SETTLE)
            engine = page.evaluate("() => window.__engine.at(-1)")
            tables.append(shown["painted"] - clicked)
            engines.append(engine["elapsed"])
            messages.append(engine["at"] - clicked)
        rows = page.locator(".connectors-people-table tbody tr").count()
        assert rows == RERUN, rows
    finally:
        context.close()
    return {
        "click_to_table_ms": statistics.median(tables),
        "engine_ms": statistics.median(engines),
        "click_to_message_ms": statistics.median(messages),
    }


def baseline_site(site: Path, target: Path, ref: str) -> None:
    """A copy of the built ``site`` with the connectors widget's files of git revision ``ref``."""
    shutil.copytree(site, target)
    for source in WIDGET_FILES:
        shown = subprocess.run(["git", "show", f"{ref}:{source}"], cwd=REPO, capture_output=True, text=True)
        if shown.returncode == 0:
            (target / source.removeprefix("docs/")).write_text(shown.stdout, encoding="utf-8")


def load_average() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def cancel_reaction(browser, base: str, data: bytes) -> tuple[float, float, float]:
    """(ms from Cancel click to "Cancelled", longest frame gap in ms before it, s until ready again)."""
    context, page = ready_page(browser, base)
    pick(page, data, SIZES[-1])
    page.evaluate(WATCH_FRAMES)
    page.get_by_role("button", name="Map the connectors").click()
    page.get_by_role("button", name="Cancel").wait_for()
    page.wait_for_timeout(1000)
    longest = page.evaluate("() => window.__frames.longest")
    reaction = page.evaluate(CANCEL)
    assert page.locator(".connectors-people-table").count() == 0, "the analysis finished before Cancel was pressed"
    started = time.perf_counter()
    page.locator(".calculator-status", has_text="Calculator ready.").wait_for(timeout=120_000)
    again = time.perf_counter() - started
    context.close()
    return reaction, longest, again


def main(argv: list[str] | None = None) -> int:
    parser = runs_parser(__doc__, "pages")
    parser.add_argument("--site", type=Path, help="an already built site folder (default: build one)")
    parser.add_argument("--baseline", metavar="REF", help="also measure the rendering figures with the widget files of git revision REF")
    parser.add_argument("--rendering-only", action="store_true", help="only the issue 15 figures (long tasks while rendering, warm re-run)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        site = args.site
        if site is None:
            site = Path(folder)
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)], cwd=REPO, check=True)
        variants = [("now", site)]
        if args.baseline:
            baseline_site(site, Path(folder) / "baseline", args.baseline)
            variants.insert(0, (args.baseline, Path(folder) / "baseline"))
        servers = {name: serve(directory) for name, directory in variants}
        base, _ = servers["now"]
        data = {people: network(people) for people in SIZES}
        loads = [load_average()]
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            rendering: dict[str, dict[str, list]] = {name: {"render": [], "rerun": []} for name, _ in variants}
            for _ in range(args.runs):  # the variants in turn, so that both see the same load
                for name, _ in variants:
                    rendering[name]["render"].append(render_long_tasks(browser, servers[name][0]))
                    rendering[name]["rerun"].append(warm_rerun(browser, servers[name][0]))
            loads.append(load_average())
            if not args.rendering_only:
                results = {people: [time_to_result(browser, base, people, data[people]) for _ in range(args.runs)] for people in SIZES}
                cancels = [cancel_reaction(browser, base, data[SIZES[-1]]) for _ in range(args.runs)]
                loads.append(load_average())
            version = browser.version
            browser.close()
        for _, running in servers.values():
            running.shutdown()

    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
        platform.processor() or "cpu",
    )
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, Chromium {version}")
    moments = "at start, after the rendering figures" + ("" if args.rendering_only else ", at the end")
    print(f"load average (1, 5, 15 min) {moments}: {' | '.join(loads)}")
    print(f"runs per figure: {args.runs} (median); each person names {TIES_PER_PERSON} others")
    for name, figures in rendering.items():
        render = figures["render"]
        rerun = figures["rerun"]
        median = lambda runs, key: statistics.median(run[key] for run in runs)  # noqa: E731
        each = lambda runs, key: ", ".join(f"{run[key]:.0f}" for run in runs)  # noqa: E731
        print(f"\n[{name}]")
        print(
            f"{RENDERED:,} people, click -> whole result drawn: longest task {median(render, 'longest_task_ms'):5.0f} ms (target <= 100), "
            f"longest frame gap {median(render, 'longest_frame_gap_ms'):5.0f} ms, {median(render, 'seconds_to_result'):5.2f} s to the result"
            f"  [longest tasks {each(render, 'longest_task_ms')}]"
        )
        print(
            f"warm re-run, {RERUN} people, click -> table painted: {median(rerun, 'click_to_table_ms'):5.0f} ms (target <= 60); "
            f"engine {median(rerun, 'engine_ms'):4.0f} ms; click -> result message {median(rerun, 'click_to_message_ms'):4.0f} ms"
            f"  [per run {each(rerun, 'click_to_table_ms')}]"
        )
    if args.rendering_only:
        return 0
    print()
    for people in SIZES:
        ties = data[people].count(b"\n")
        seconds = statistics.median(run[0] for run in results[people])
        frame = statistics.median(run[1] for run in results[people])
        print(f"time to result, {people:>5,} people ({ties:,} rows): {seconds:6.2f} s   longest frame gap {frame:6.0f} ms")
    reaction = statistics.median(run[0] for run in cancels)
    frame = statistics.median(run[1] for run in cancels)
    again = statistics.median(run[2] for run in cancels)
    print(
        f"cancel during a {SIZES[-1]:,}-person analysis: reacts in {reaction:.0f} ms (target <= 200 ms); "
        f"longest frame gap while analysing {frame:.0f} ms; calculator ready again after {again:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
