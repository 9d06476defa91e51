#!/usr/bin/env python3
"""Browser benchmark for "Map your connectors" (issue 7, acceptance 5).

Builds the site (or uses --site), serves it on 127.0.0.1 and drives headless Chromium. With the
calculator ready, it picks a tie file of 100, 2,000 and 5,000 invented people and reports:
  - time to result: click on "Map the connectors" → table of people on the page;
  - the longest gap between animation frames on the page meanwhile (the page stays responsive
    while the worker computes; rendering the result is the only work on the page's thread);
and, during a long (5,000-person) analysis, how quickly the Cancel button reacts (click →
"Cancelled" on the page) and how long the calculator takes to be ready again.
Each figure is the median of --runs fresh pages.
"""

from __future__ import annotations

import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_browser import runs_parser
from browser_support import launch_chromium, serve

REPO = Path(__file__).resolve().parents[1]
PAGE = "/calculators/connectors/"
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
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        site = args.site
        if site is None:
            site = Path(folder)
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)], cwd=REPO, check=True)
        base, server = serve(site)
        data = {people: network(people) for people in SIZES}
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            results = {people: [time_to_result(browser, base, people, data[people]) for _ in range(args.runs)] for people in SIZES}
            cancels = [cancel_reaction(browser, base, data[SIZES[-1]]) for _ in range(args.runs)]
            version = browser.version
            browser.close()
        server.shutdown()

    print(f"machine: {platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}, Chromium {version}")
    print(f"runs per figure: {args.runs} (median); each person names {TIES_PER_PERSON} others")
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
