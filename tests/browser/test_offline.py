"""Light pages, and calculators that work again offline (issue 15), in headless Chromium.

- The diagnose page fetches neither networkx nor the drawing library; the connectors page does.
- After one visit the connectors page reloads with every request failing (the server stopped,
  the browser offline) and gives the kite's roles.
- A new build (a changed runtime version and page) replaces the old caches, and the page uses it.
- The service worker keeps only this site's files: nothing typed, no query, no fragment.
- Under a GitHub Pages-style sub-path (/REPO/) the service worker is scoped to it and works.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from browser_support import serve
from sitegen.assets import stamp_service_worker

from .test_skeleton import KITE, KITE_ROWS, people_rows

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
CONNECTORS = "calculators/connectors/"
DIAGNOSE = "calculators/diagnose/"
MARKER = "Zq7Typed"
TIMEOUT = 90_000
OFFLINE_NOTE = ".calculator-offline"
KITE_PICTURE = re.compile("Network picture of 10 people and 18 ties")

CACHE_KEYS = """async () => {
  const out = {};
  for (const name of await caches.keys()) out[name] = (await (await caches.open(name)).keys()).map((r) => r.url);
  return out;
}"""
RUNTIME_VERSION = "async (url) => (await import(url)).runtime.state.version"  # the page's own runtime.js module


@pytest.fixture
def own_site(built_site, tmp_path):
    """A copy of the built site on a server of its own (it can be stopped or changed); (folder, base URL ending in /)."""
    folder = tmp_path / "site"
    shutil.copytree(built_site, folder)
    url, server = serve(folder)
    yield folder, url + "/", server
    server.shutdown()
    server.server_close()


def wait_until_ready(page):
    expect(page.locator(".calculator-status").first).to_have_text("Calculator ready.", timeout=TIMEOUT)


def wait_until_offline(page):
    expect(page.locator(OFFLINE_NOTE)).to_have_text(
        "Available offline: this calculator now works on this device without a connection.", timeout=TIMEOUT
    )


def run_kite(page):
    page.get_by_label("Ties", exact=True).fill(KITE)
    page.get_by_role("button", name="Map the connectors").click()
    expect(page.locator(".connectors-people-table")).to_be_visible(timeout=TIMEOUT)
    assert people_rows(page) == KITE_ROWS


def answer_diagnose(page):
    page.locator("#dq-leaders-demand-change-4").check()
    page.get_by_role("button", name="Show the result").click()
    expect(page.locator(".diagnose-report .diagnose-headline")).to_be_visible(timeout=TIMEOUT)


def test_diagnose_page_fetches_no_networkx_and_no_drawing_library(browser, site_url):
    context = browser.new_context()
    fetched: list[str] = []
    context.on("request", lambda request: fetched.append(request.url))
    page = context.new_page()
    page.goto(site_url + "/" + DIAGNOSE)
    wait_until_ready(page)
    answer_diagnose(page)
    wait_until_offline(page)  # the service worker has kept what it keeps: it fetched nothing more
    paths = [urlparse(url).path for url in fetched]
    assert any(path.endswith(".whl") and "innovation_toolkit" in path for path in paths), paths
    assert any(path.endswith("pyodide.asm.wasm") for path in paths), paths
    assert not [path for path in paths if "networkx" in path or "cytoscape" in path], paths
    # Kept for offline use without a second download of the big files: the service worker finds
    # them in its cache, where the page's Python worker put them (the small modules Pyodide imports
    # it asks for again, and the browser's HTTP cache answers).
    runtime = [path for path in paths if path.endswith((".wasm", ".zip", ".whl"))]
    assert len(runtime) == 3, runtime
    assert len(runtime) == len(set(runtime)), sorted(path for path in runtime if runtime.count(path) > 1)
    context.close()


def test_connectors_page_fetches_networkx_and_the_drawing_library_and_works(browser, site_url):
    context = browser.new_context()
    fetched: list[str] = []
    context.on("request", lambda request: fetched.append(urlparse(request.url).path))
    page = context.new_page()
    page.goto(site_url + "/" + CONNECTORS)
    wait_until_ready(page)
    run_kite(page)
    assert any("/vendor/wheels/networkx-" in path for path in fetched), fetched
    assert any("/vendor/cytoscape/" in path for path in fetched), fetched
    context.close()


def test_diagnose_then_connectors_through_instant_navigation_installs_networkx_then(page, site_url):
    """One worker across instant navigation: it adds networkx when the connectors page arrives."""
    page.goto(site_url + "/" + DIAGNOSE)
    wait_until_ready(page)
    page.evaluate("window.__samePage = true")
    page.get_by_role("navigation", name="Navigation").get_by_role("link", name="Map your connectors").click()
    expect(page.get_by_role("heading", name="Map your connectors", level=1)).to_be_visible()
    assert page.evaluate("window.__samePage === true")
    run_kite(page)


def test_after_one_visit_the_connectors_page_works_with_every_request_failing(browser, own_site):
    _, base, server = own_site
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + CONNECTORS)
    wait_until_ready(page)
    wait_until_offline(page)
    server.shutdown()
    server.server_close()
    context.set_offline(True)
    failed_to_network: list[str] = []
    context.on("requestfailed", lambda request: failed_to_network.append(request.url))
    page.reload()
    wait_until_ready(page)
    run_kite(page)
    expect(page.get_by_role("img", name=KITE_PICTURE)).to_be_visible(timeout=TIMEOUT)
    wait_until_offline(page)
    vital = [url for url in failed_to_network if "/vendor/" in url or url.endswith((".js", ".mjs", ".css", "/"))]
    assert not vital, vital
    context.close()


def test_the_service_worker_keeps_only_site_files_and_nothing_typed(browser, own_site):
    folder, base, _ = own_site
    context = browser.new_context()
    sent: list[str] = []
    context.on("request", lambda request: sent.append(request.url + " " + (request.post_data or "")))
    page = context.new_page()
    page.goto(base + CONNECTORS)
    wait_until_ready(page)
    page.get_by_label("Ties", exact=True).fill(f"{MARKER}A,{MARKER}B\n{MARKER}B,Cy")
    page.get_by_role("button", name="Map the connectors").click()
    expect(page.locator(".connectors-people-table")).to_contain_text(MARKER, timeout=TIMEOUT)
    wait_until_offline(page)
    # The diagnostic keeps its answers in the address's fragment: that must not be kept either.
    page.goto(base + DIAGNOSE + f"#{MARKER}")
    wait_until_ready(page)
    answer_diagnose(page)
    wait_until_offline(page)
    page.reload()  # now controlled by the service worker: every request passes through it
    wait_until_ready(page)
    answer_diagnose(page)

    caches = page.evaluate(CACHE_KEYS)
    assert caches and all(name.startswith("innovation-toolkit-") for name in caches), list(caches)
    keys = [key for urls in caches.values() for key in urls]
    assert base + CONNECTORS in keys and base + DIAGNOSE in keys
    assert any(key.endswith("/pyodide.asm.wasm") for key in keys)
    for key in keys:
        parsed = urlparse(key)
        assert key.startswith(base) and not parsed.query and not parsed.fragment, key
        assert MARKER not in key and not key.endswith("sw.js"), key
        relative = key[len(base) :]
        assert (folder / relative).is_file() or (folder / relative / "index.html").is_file(), key
    bodies = page.evaluate(
        """async (marker) => {
          const found = [];
          for (const name of await caches.keys()) {
            const cache = await caches.open(name);
            for (const request of await cache.keys()) {
              const text = new TextDecoder('utf-8', { fatal: false }).decode(await (await cache.match(request)).arrayBuffer());
              if (text.includes(marker)) found.push(request.url);
            }
          }
          return found;
        }""",
        MARKER,
    )
    assert bodies == []
    for line in sent:
        assert MARKER not in line, line
    context.close()


def test_a_new_build_replaces_the_old_caches_and_the_page_uses_it(browser, own_site):
    folder, base, _ = own_site
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + CONNECTORS)
    wait_until_ready(page)
    wait_until_offline(page)
    first = page.evaluate(RUNTIME_VERSION, base + "assets/js/runtime.js")
    old_caches = set(page.evaluate(CACHE_KEYS))
    assert first and any(first in name for name in old_caches), (first, old_caches)

    # A second build: a changed page and a new runtime version, then sw.js stamped as the build does.
    html = folder / CONNECTORS / "index.html"
    html.write_text(html.read_text(encoding="utf-8").replace("<h1", '<p id="second-build">Second build</p><h1', 1), encoding="utf-8")
    manifest_file = folder / "vendor" / "manifest.json"
    manifest = json.loads(manifest_file.read_text())
    manifest["version"] = "secondbuild0000"
    manifest_file.write_text(json.dumps(manifest, indent=2) + "\n")
    stamp_service_worker(folder)

    page.reload()  # still the first build, from the cache; the browser finds the new sw.js
    deadline = time.monotonic() + TIMEOUT / 1000
    while True:  # the new service worker installs (filling its caches), takes over and deletes the old ones
        names = set(page.evaluate("caches.keys()"))
        if any("secondbuild0000" in name for name in names) and not names & old_caches:
            break
        assert time.monotonic() < deadline, names
        page.wait_for_timeout(250)
    page.reload()
    expect(page.locator("#second-build")).to_have_text("Second build")
    wait_until_ready(page)
    assert page.evaluate(RUNTIME_VERSION, base + "assets/js/runtime.js") == "secondbuild0000"
    run_kite(page)
    wait_until_offline(page)
    names = set(page.evaluate(CACHE_KEYS))
    assert not names & old_caches and any("secondbuild0000" in name for name in names), names
    context.close()


def test_under_a_sub_path_the_service_worker_is_scoped_to_it_and_the_calculators_work(browser, vendored_runtime, tmp_path):
    root = tmp_path / "pages"
    site = root / "REPO"
    url, server = serve(root)
    try:
        run = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
            cwd=REPO,
            capture_output=True,
            text=True,
            env={**os.environ, "SITE_URL": url + "/REPO/"},
        )
        assert run.returncode == 0, run.stderr[-4000:]
        base = url + "/REPO/"
        context = browser.new_context()
        page = context.new_page()
        page.goto(base + CONNECTORS)
        wait_until_ready(page)
        run_kite(page)
        wait_until_offline(page)
        registration = page.evaluate(
            "async () => { const r = await navigator.serviceWorker.getRegistration(); return [r.scope, r.active?.scriptURL]; }"
        )
        assert registration == [base, base + "sw.js"], registration
        page.goto(base + DIAGNOSE)
        wait_until_ready(page)
        answer_diagnose(page)
        keys = [key for urls in page.evaluate(CACHE_KEYS).values() for key in urls]
        assert keys and all(key.startswith(base) for key in keys), keys
        context.set_offline(True)
        page.goto(base + CONNECTORS)
        wait_until_ready(page)
        run_kite(page)
        context.close()
    finally:
        server.shutdown()
        server.server_close()
