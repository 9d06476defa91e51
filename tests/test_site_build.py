"""The site builds strictly, ships its runtime, and publishes with `mkdocs gh-deploy`."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_strict_build_contains_pages_and_runtime(built_site):
    for path in [
        "index.html",
        "calculators/connectors/index.html",
        "reference/the-report/index.html",
        "assets/js/pyodide-worker.mjs",
        "vendor/manifest.json",
        "vendor/pyodide/pyodide.asm.wasm",
        "vendor/wheels/networkx-3.6.1-py3-none-any.whl",
    ]:
        assert (built_site / path).is_file(), path
    assert list((built_site / "vendor" / "wheels").glob("innovation_toolkit-*.whl"))


def test_built_site_names_no_other_host(built_site):
    """No script, stylesheet, font or image is loaded from another host."""
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for needle in ("fonts.googleapis", "cdn.jsdelivr", "unpkg.com", "cdnjs"):
            assert needle not in text, f"{page}: {needle}"


def _git(*args, cwd, env):
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def test_gh_deploy_pushes_the_complete_site(tmp_path, vendored_runtime):
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "SITE_URL": "https://example.org/toolkit/",  # gh-deploy refuses the local default (tests/test_publishing.py)
    }
    remote = tmp_path / "remote.git"
    _git("init", "--bare", "--quiet", str(remote), cwd=tmp_path, env=env)
    work = tmp_path / "work"
    ignore = shutil.ignore_patterns(".venv", ".venv-*", ".git", "site", "__pycache__", ".pytest_cache", ".hypothesis", "node_modules")
    shutil.copytree(REPO, work, ignore=ignore)
    _git("init", "--quiet", "-b", "main", cwd=work, env=env)
    _git("add", "-A", cwd=work, env=env)
    _git("commit", "--quiet", "-m", "site", cwd=work, env=env)
    _git("remote", "add", "origin", str(remote), cwd=work, env=env)
    run = subprocess.run([sys.executable, "-m", "mkdocs", "gh-deploy", "--force", "--no-history"], cwd=work, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-3000:]
    listing = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", "gh-pages"], cwd=remote, capture_output=True, text=True, check=True
    ).stdout.split()
    for path in [
        "index.html",
        "calculators/connectors/index.html",
        "vendor/pyodide/pyodide.asm.wasm",
        "vendor/pyodide/python_stdlib.zip",
        "vendor/manifest.json",
        "assets/js/pyodide-worker.mjs",
        "search/search_index.json",
    ]:
        assert path in listing, path
    assert any(name.startswith("vendor/wheels/innovation_toolkit-") for name in listing)


def test_search_index_leaves_out_the_calculator_widgets(built_site):
    """Widget controls are not content: Material's search must not index them (data-search-exclude)."""
    import json

    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    calculator_text = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("calculators/"))
    assert "Map your connectors" in " ".join(doc["title"] for doc in index["docs"])
    assert "nothing" in calculator_text.lower() or "never" in calculator_text.lower()  # the page's prose is indexed
    for control_text in ("Or choose a file", "How to read the ties", "Load an example", "People table", "Calculator ready"):
        assert control_text not in calculator_text, control_text
