"""Shared fixtures: the vendored browser runtime, a built site and a local server for it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from browser_support import chromium_path, launch_chromium, serve

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def vendored_runtime() -> dict:
    """Pyodide, networkx and the calculators wheel in docs/vendor/, as the site ships them."""
    from sitegen.assets import vendor_all
    from sitegen.generate import generate

    generate()
    return vendor_all()


@pytest.fixture(scope="session")
def site_server(tmp_path_factory, vendored_runtime):
    """`mkdocs build --strict` into a folder served on 127.0.0.1; returns (folder, base URL).

    The server starts first so the build knows its address: Material's instant navigation
    only treats links as in-site when they match the site_url in the sitemap.
    """
    site = tmp_path_factory.mktemp("site")
    url, server = serve(site)
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "SITE_URL": url + "/"},
    )
    assert run.returncode == 0, run.stderr[-4000:]
    yield site, url
    server.shutdown()


@pytest.fixture(scope="session")
def built_site(site_server) -> Path:
    return site_server[0]


@pytest.fixture(scope="session")
def site_url(site_server) -> str:
    return site_server[1]


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium through Playwright. Missing browser: a failure under CI, a skip elsewhere."""
    executable = chromium_path()
    if executable is None:
        message = "Chromium not found: install it (apt-get install -y chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = launch_chromium(playwright)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe_script() -> str:
    """axe-core's source, vendored from the npm registry (pinned) for the accessibility checks."""
    from sitegen.assets import vendor_test_assets

    return (vendor_test_assets()["axe-core"] / "axe.min.js").read_text(encoding="utf-8")


@pytest.fixture
def axe(axe_script):
    """Run axe-core on the page; return the serious and critical violations as readable lines."""

    def run(page, context: str = "document") -> list[str]:
        # A colour checked half-way through a fade (e.g. Material's back-to-top button) is not the colour shown.
        page.wait_for_function("() => document.getAnimations().every((a) => a.playState !== 'running')", timeout=10_000)
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.add_script_tag(content=axe_script)
        result = page.evaluate(
            "async (context) => await axe.run(context === 'document' ? document : context, "
            "{runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})",
            context,
        )
        return [
            f"{violation['impact']}: {violation['id']}: {violation['help']} — "
            + "; ".join(node["target"][0] if isinstance(node["target"][0], str) else str(node["target"]) for node in violation["nodes"][:5])
            for violation in result["violations"]
            if violation["impact"] in ("serious", "critical")
        ]

    return run
