"""Publishing: gh-deploy (and the Zensical path) refuse the local site_url, the site ships its
third-party notices, and a Zensical build of the same mkdocs.yml passes the same site checks."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ZENSICAL = REPO / ".venv-zensical" / "bin" / "zensical"
PUBLISHED = "https://example.org/toolkit/"
GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}
# What a copy of the repository leaves out (venvs, caches, earlier builds, the tests themselves).
IGNORED = (".venv", ".venv-*", ".git", "site", ".cache", "node_modules", "tests", "__pycache__", ".pytest_cache", ".hypothesis")


def _env_without_site_url(**extra) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    return {**env, **GIT_ENV, "NO_MKDOCS_2_WARNING": "1", **extra}


def _git(*args, cwd, env=None) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=env or {**os.environ, **GIT_ENV}, check=True, capture_output=True, text=True).stdout


def _repo_with_remote(tmp_path: Path, work: Path) -> Path:
    """Make ``work`` a git repository with one commit and a bare ``origin``; return the remote."""
    remote = tmp_path / "remote.git"
    _git("init", "--bare", "--quiet", str(remote), cwd=tmp_path)
    _git("init", "--quiet", "-b", "main", cwd=work)
    _git("add", "-A", cwd=work)
    _git("commit", "--quiet", "-m", "site", cwd=work)
    _git("remote", "add", "origin", str(remote), cwd=work)
    return remote


# --- the loopback guard ------------------------------------------------------------------------


def test_gh_deploy_refuses_to_publish_while_site_url_is_the_local_default(tmp_path):
    work = tmp_path / "work"
    shutil.copytree(REPO, work, ignore=shutil.ignore_patterns("vendor", *IGNORED))  # refused before any build
    remote = _repo_with_remote(tmp_path, work)
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "gh-deploy", "--force"], cwd=work, env=_env_without_site_url(), capture_output=True, text=True
    )
    assert run.returncode != 0
    lines = [line for line in (run.stdout + run.stderr).splitlines() if line.strip()]
    assert len(lines) == 1, lines  # one line, nothing built
    assert "Refusing to publish" in lines[0] and "SITE_URL=https://ORG.github.io/REPO/ mkdocs gh-deploy" in lines[0]
    assert "http://127.0.0.1:8000/" in lines[0]
    assert _git("ls-remote", str(remote), cwd=work).strip() == ""  # nothing pushed
    assert "gh-pages" not in _git("branch", "--list", cwd=work)
    assert not (work / "site").exists()


def test_the_guard_stops_only_gh_deploy_and_only_for_a_local_address():
    from click import ClickException

    import mkdocs_hooks
    from sitegen.publishing import is_local

    for url in ("http://127.0.0.1:8000/", "http://localhost:8000/", "http://[::1]:8000/", "http://0.0.0.0/", "", None):
        assert is_local(url), url
    for url in (PUBLISHED, "https://ORG.github.io/REPO/", "http://10.0.0.5/"):
        assert not is_local(url), url
    try:
        for command in ("serve", "build"):
            mkdocs_hooks.on_startup(command=command, dirty=False)
            mkdocs_hooks.on_config({"site_url": "http://127.0.0.1:8000/"})
        mkdocs_hooks.on_startup(command="gh-deploy", dirty=False)
        mkdocs_hooks.on_config({"site_url": PUBLISHED})
        with pytest.raises(ClickException, match="set SITE_URL"):
            mkdocs_hooks.on_config({"site_url": "http://127.0.0.1:8000/"})
    finally:
        mkdocs_hooks.on_startup(command=None, dirty=False)


def _fake_site(folder: Path, url: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(f'<html><head><link rel="canonical" href="{url}"></head></html>\n')
    (folder / "sitemap.xml").write_text(f"<urlset><url><loc>{url}</loc></url></urlset>\n")
    return folder


@pytest.mark.parametrize(
    "site_url, built, message",
    [
        (None, PUBLISHED, "SITE_URL=https://ORG.github.io/REPO/ make publish-zensical"),
        ("http://127.0.0.1:8000/", PUBLISHED, "set SITE_URL"),
        (PUBLISHED, "http://127.0.0.1:8000/", "set SITE_URL"),
        (PUBLISHED, "https://example.org/other/", "rebuild it"),
    ],
)
def test_publish_zensical_refuses_a_local_or_mismatched_address(tmp_path, site_url, built, message):
    work = tmp_path / "work"
    _fake_site(work / "site", built)
    remote = _repo_with_remote(tmp_path, work)
    env = _env_without_site_url(**({"SITE_URL": site_url} if site_url else {}))
    run = subprocess.run([sys.executable, str(REPO / "scripts" / "publish_zensical.py"), "site"], cwd=work, env=env, capture_output=True, text=True)
    assert run.returncode == 1
    assert message in run.stderr and len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert _git("ls-remote", str(remote), cwd=work).strip() == ""


def test_publish_zensical_pushes_the_folder_with_ghp_import(tmp_path):
    work = tmp_path / "work"
    _fake_site(work / "site", PUBLISHED)
    remote = _repo_with_remote(tmp_path, work)
    run = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "publish_zensical.py"), "site"],
        cwd=work,
        env=_env_without_site_url(SITE_URL=PUBLISHED),
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    listing = _git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote).split()
    assert sorted(listing) == [".nojekyll", "index.html", "sitemap.xml"]


# --- third-party notices -----------------------------------------------------------------------


class _Rows(HTMLParser):
    """Table rows of a page as lists of cell texts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self.rows:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


SHIPPED_LICENCES = {
    "Pyodide": "MPL-2.0",
    "CPython interpreter and standard library": "PSF-2.0",
    "networkx": "BSD-3-Clause",
    "Cytoscape.js": "MIT",
    "MkDocs": "BSD-2-Clause",
    "Material for MkDocs": "MIT",
    "Material Design Icons": "Apache-2.0",
    "Zensical": "MIT",
}


def test_built_site_has_the_notices_page_and_file(built_site):
    page = built_site / "about" / "third-party" / "index.html"
    text_file = built_site / "THIRD-PARTY-NOTICES.txt"
    assert page.is_file() and text_file.is_file()
    parser = _Rows()
    parser.feed(page.read_text(encoding="utf-8"))
    for name, licence in SHIPPED_LICENCES.items():
        rows = [row for row in parser.rows if row and row[0].startswith(name)]
        assert rows, f"no row for {name} on the notices page"
        assert any(licence in cell for cell in rows[0][1:]), (name, rows[0])
    text = text_file.read_text(encoding="utf-8")
    for name, licence in SHIPPED_LICENCES.items():
        assert re.search(rf"^{re.escape(name)}.*\n  Licence: {re.escape(licence)}\b", text, re.M) or re.search(
            rf"Bundles {re.escape(name)}.*: {re.escape(licence)}\b", text
        ), (name, licence)
    # full texts, as the components ship them
    assert "NetworkX is distributed with the 3-clause BSD license" in text
    assert "The Cytoscape Consortium" in text
    assert "Martin Donath" in text  # Material for MkDocs' licence
    assert 'href="../../THIRD-PARTY-NOTICES.txt"' in page.read_text(encoding="utf-8")


def test_every_vendored_package_has_a_notice():
    from sitegen.notices import LOCK, NoticeError, load_components, vendored_packages

    lock = json.loads(LOCK.read_text(encoding="utf-8"))
    components = load_components(lock=lock)
    covered = {component.get("vendored") for component in components}
    assert vendored_packages(lock) <= covered
    assert {"npm/pyodide", "npm/cytoscape", "pypi/networkx"} <= vendored_packages(lock)
    for component in components:  # versions come from the lock, not the definition
        if "vendored" in component:
            registry, _, name = component["vendored"].partition("/")
            assert component["version"] == lock[registry][name]["version"]
    lock["npm"]["left-pad"] = {"version": "1.3.0", "sha256": "0" * 64, "files": ["index.js"], "dest": "docs/vendor/left-pad"}
    with pytest.raises(NoticeError, match=r"npm/left-pad is vendored .* but has no notice"):
        load_components(lock=lock)


def test_committed_notices_are_up_to_date():
    from sitegen.notices import stale_notices

    assert stale_notices() == [], "run python scripts/notices.py and commit the result"


def _zensical_site_packages() -> Path | None:
    found = sorted((REPO / ".venv-zensical" / "lib").glob("python*/site-packages"))
    return found[0] if found else None


def _lines(text: str) -> list[str]:
    """A licence text without line-ending and trailing-space differences (some packages ship CRLF)."""
    return [line.rstrip() for line in text.replace("\r\n", "\n").strip().splitlines()]


def test_licence_copies_are_what_the_site_ships(vendored_runtime):
    """scripts/licences/ holds copies; each still matches the file in the shipped package (`source:`)."""
    from sitegen.notices import load_components

    lock = json.loads((REPO / "scripts" / "vendor-lock.json").read_text(encoding="utf-8"))
    unchecked = []
    for component in load_components():
        source = component.get("source")
        if not source:
            continue
        kind, _, where = source.partition(":")
        if kind == "vendor":
            package, _, name = where.partition("/")
            original = (REPO / lock["npm"][package]["dest"] / name).read_text(encoding="utf-8")
        elif kind == "wheel":
            package, _, member = where.partition(":")
            with zipfile.ZipFile(REPO / "docs" / "vendor" / "wheels" / lock["pypi"][package]["file"]) as wheel:
                original = wheel.read(member).decode("utf-8")
        elif kind == "venv":
            original = (Path(sysconfig.get_paths()["purelib"]) / where).read_text(encoding="utf-8")
        elif kind == "zensical":
            site_packages = _zensical_site_packages()
            if site_packages is None:
                unchecked.append(component["name"])
                continue
            original = (site_packages / where).read_text(encoding="utf-8")
        else:
            raise AssertionError(f"{component['name']}: unknown source {source}")
        copy = (REPO / component["text"]).read_text(encoding="utf-8")
        assert _lines(copy) == _lines(original), f"{component['text']} differs from {source}"
    if unchecked:
        pytest.skip(f"no .venv-zensical (make zensical), so not compared: {', '.join(unchecked)}")


# --- Zensical ----------------------------------------------------------------------------------


def test_zensical_build_passes_the_site_checks(tmp_path, vendored_runtime, built_site):
    """`zensical build --strict` of a copy: same pages as MkDocs, runtime and notices shipped, SITE_URL honoured."""
    if not ZENSICAL.exists():
        pytest.skip("Zensical is not installed: `make zensical` creates .venv-zensical (CI runs it in .ci/run)")
    from sitegen.checks import check_site
    from sitegen.notices import write_notices

    write_notices()
    work = tmp_path / "work"
    shutil.copytree(REPO, work, ignore=shutil.ignore_patterns(*IGNORED))
    run = subprocess.run([str(ZENSICAL), "build", "--strict"], cwd=work, capture_output=True, text=True, env={**os.environ, "SITE_URL": PUBLISHED})
    assert run.returncode == 0, (run.stdout + run.stderr)[-3000:]
    site = work / "site"
    assert check_site(site) == []

    def pages(folder: Path) -> set[str]:
        return {str(path.relative_to(folder)) for path in folder.rglob("*.html")}

    assert pages(site) == pages(built_site)
    for path in [
        "calculators/connectors/index.html",
        "calculators/diagnose/index.html",
        "vendor/manifest.json",
        "vendor/pyodide/pyodide.asm.wasm",
        "vendor/pyodide/python_stdlib.zip",
        "vendor/cytoscape/cytoscape.esm.min.mjs",
        "vendor/wheels/networkx-3.6.1-py3-none-any.whl",
        "assets/js/pyodide-worker.mjs",
        "assets/js/calculators.js",
        "THIRD-PARTY-NOTICES.txt",
        "about/third-party/index.html",
        "search.json",
    ]:
        assert (site / path).is_file(), path
    assert list((site / "vendor" / "wheels").glob("innovation_toolkit-*.whl"))
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{PUBLISHED}</loc>" in sitemap and "127.0.0.1" not in sitemap
