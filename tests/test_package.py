"""The published package: built from a clean clone, installed alone, it runs both commands.

The wheel is built as a user builds it (``pip wheel`` with build isolation, so setup.py has
only ``[build-system] requires``) from a clone of ``HEAD`` (committed files only, nothing
generated). It is installed into a fresh virtual environment with nothing but its declared
dependencies, from the registry pip uses. The sdist must hold every tracked file except the
CI set-up, and a wheel built from it must carry the same diagnostic data. The metadata and
CITATION.cff checks run in the fast loop; the build tests are ``slow`` (about a minute) and
need git and the registry.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]
DISTRIBUTION = PROJECT["name"].replace("-", "_")
# The data bundles setup.py compiles from content/ into the wheel (never committed).
BUNDLES = ("diagnostic.json", "report-advice.json")
DATA_IN_WHEEL = "innovation_toolkit/data/diagnostic.json"
EXAMPLE_TIES = "docs/assets/examples/riverside-ties.csv"
# Tracked files that are not part of the source release: the CI set-up and git's own.
NOT_IN_SDIST = re.compile(r"\.ci/.*|\.github/.*|\.gitignore")
# Files setuptools adds to every sdist.
SDIST_EXTRAS = re.compile(r"PKG-INFO|setup\.cfg|calculators/[^/]+\.egg-info/.*")
# A child process sees no PYTHONPATH and no pip settings that would skip build isolation.
CLEAN_ENV = {key: value for key, value in os.environ.items() if key not in {"PYTHONPATH", "PIP_NO_BUILD_ISOLATION", "PIP_REQUIRE_VIRTUALENV"}}


def _run(command: list[str], cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run(command, cwd=cwd, env=CLEAN_ENV, capture_output=True, text=True, encoding="utf-8", timeout=300)
    if check:
        assert done.returncode == 0, f"{' '.join(map(str, command))}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def _minor_versions(specifier: str) -> int:
    match = re.fullmatch(r">=3\.(\d+)", specifier)
    assert match, f"requires-python {specifier!r}: expected '>=3.N'"
    return int(match.group(1))


# Metadata and citation: fast checks on the working tree.


def test_runtime_dependencies_are_ranges_not_pins():
    requirements = PROJECT["dependencies"] + [r for extra in PROJECT["optional-dependencies"].values() for r in extra]
    for requirement in requirements:
        assert "==" not in requirement and ">=" in requirement, f"{requirement}: give a range (exact pins belong in requirements.lock)"


def test_python_classifiers_follow_requires_python():
    oldest = _minor_versions(PROJECT["requires-python"])
    listed = sorted(int(c.rsplit(".", 1)[1]) for c in PROJECT["classifiers"] if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c))
    assert listed and listed[0] == oldest and listed == list(range(oldest, listed[-1] + 1)), listed


def test_version_agrees_with_package_and_changelog():
    init = (REPO / "calculators" / "innovation_toolkit" / "__init__.py").read_text(encoding="utf-8")
    assert f'__version__ = "{PROJECT["version"]}"' in init
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unreleased]" in changelog
    assert re.search(rf"^## \[{re.escape(PROJECT['version'])}\] - \d{{4}}-\d{{2}}-\d{{2}}$", changelog, re.M)


def test_citation_file_names_the_toolkit_and_the_report():
    citation = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    about = yaml.safe_load((REPO / "content" / "about.yaml").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0"
    assert citation["type"] == "software"
    assert citation["message"] and citation["title"]
    assert citation["authors"] and all(a.get("name") or a.get("family-names") for a in citation["authors"])
    assert str(citation["version"]) == PROJECT["version"]
    assert citation["license"] == PROJECT["license"]
    [report] = [ref for ref in citation["references"] if ref["type"] == "report"]
    assert report["title"] == f"{about['title']}: {about['subtitle']}"
    assert [f"{a['given-names']} {a['family-names']}" for a in report["authors"]] == [a["name"] for a in about["authors"]]
    assert report["year"] == 2008
    assert report["publisher"]["name"] == "NESTA"


def test_sdist_leaves_out_what_the_generator_writes():
    from sitegen.generate import DOCS, GENERATED

    rules = set((REPO / "MANIFEST.in").read_text(encoding="utf-8").splitlines())
    for name in GENERATED + ["vendor"]:
        path = (DOCS / name).relative_to(REPO).as_posix()
        assert {f"prune {path}", f"exclude {path}"} & rules, f"MANIFEST.in: add 'prune {path}' (or exclude, for a file)"


# Builds from a clean clone.


@pytest.fixture(scope="module")
def checkout(tmp_path_factory) -> Path:
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("needs git and a git checkout")
    clone = tmp_path_factory.mktemp("package") / "checkout"
    _run(["git", "clone", "--quiet", str(REPO), str(clone)], cwd=clone.parent)
    return clone


@pytest.fixture(scope="module")
def expected_data(checkout) -> dict[str, str]:
    """Each data bundle as the clone's own generator writes it (validated content, same serialisation)."""
    target = checkout.parent / "expected-data.json"
    script = (
        "import json, sys; sys.path.insert(0, 'scripts')\n"
        "from sitegen.content import load_valid_content\n"
        "from sitegen.generate import build_data\n"
        "data = build_data(load_valid_content())\n"
        "texts = {name: json.dumps(data[name], indent=1, ensure_ascii=False, sort_keys=True) + '\\n' for name in sys.argv[2:]}\n"
        "open(sys.argv[1], 'w', encoding='utf-8').write(json.dumps(texts))\n"
    )
    _run([sys.executable, "-c", script, str(target), *BUNDLES], cwd=checkout)
    return json.loads(target.read_text(encoding="utf-8"))


def _bundles(archive: zipfile.ZipFile) -> dict[str, str]:
    return {name: archive.read(f"innovation_toolkit/data/{name}").decode("utf-8") for name in BUNDLES}


@pytest.fixture(scope="module")
def sdist(checkout) -> Path:
    """The sdist, built before anything else runs in the clone (setuptools' own backend)."""
    out = checkout.parent / "sdist"
    script = "import sys; from setuptools import build_meta; print(build_meta.build_sdist(sys.argv[1]))"
    name = _run([sys.executable, "-c", script, str(out)], cwd=checkout).stdout.strip().splitlines()[-1]
    return out / name


@pytest.fixture(scope="module")
def wheel(checkout, sdist) -> Path:
    out = checkout.parent / "dist"
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(out), str(checkout)], cwd=checkout.parent)
    [built] = out.glob("*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel) -> Path:
    """A fresh virtual environment with the wheel and its declared dependencies only; returns its bin/."""
    env = wheel.parent.parent / "venv"
    _run([sys.executable, "-m", "venv", str(env)], cwd=env.parent)
    bin_ = env / ("Scripts" if os.name == "nt" else "bin")
    _run([str(bin_ / "python"), "-m", "pip", "install", "--quiet", str(wheel)], cwd=env.parent)
    _run([str(bin_ / "python"), "-m", "pip", "check"], cwd=env.parent)
    return bin_


@pytest.mark.slow
def test_wheel_holds_the_package_and_its_data_only(wheel, expected_data):
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        data = _bundles(archive)
        metadata = archive.read(f"{DISTRIBUTION}-{PROJECT['version']}.dist-info/METADATA").decode("utf-8")
    top = {name.split("/")[0] for name in names}
    assert top == {"innovation_toolkit", f"{DISTRIBUTION}-{PROJECT['version']}.dist-info"}, top
    assert data == expected_data, "setup.py's data bundles differ from what scripts/generate.py writes"
    assert f"{DISTRIBUTION}-{PROJECT['version']}.dist-info/licenses/LICENSE" in names
    assert "License-Expression: MIT" in metadata
    assert "Description-Content-Type: text/markdown" in metadata
    assert f"Requires-Python: {PROJECT['requires-python']}" in metadata


@pytest.mark.slow
def test_installed_commands_work_without_the_checkout(installed, checkout, wheel):
    questions = _run([str(installed / "innovation-toolkit"), "diagnose", "--questions"], cwd=wheel.parent)
    with zipfile.ZipFile(wheel) as archive:
        bundle = json.loads(archive.read(DATA_IN_WHEEL))
    assert questions.stdout.startswith(bundle["questionnaire"]["title"])
    assert all(q["id"] in questions.stdout for q in bundle["questionnaire"]["questions"])

    ties = checkout / EXAMPLE_TIES
    roles = _run([str(installed / "innovation-toolkit"), "roles", str(ties), "--json"], cwd=wheel.parent)
    with ties.open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))[1:]
    assert json.loads(roles.stdout)["summary"]["people"] == len({name for row in rows for name in row[:2]})

    where = _run([str(installed / "python"), "-c", "import innovation_toolkit; print(innovation_toolkit.__file__)"], cwd=wheel.parent)
    assert Path(where.stdout.strip()).is_relative_to(installed.parent)
    generic = _run([str(installed / "python"), "-c", "import calculators"], cwd=wheel.parent, check=False)
    assert generic.returncode != 0 and "ModuleNotFoundError" in generic.stderr


@pytest.mark.slow
def test_sdist_is_the_source_release_and_builds_the_same_wheel(sdist, checkout, expected_data):
    tracked = set(_run(["git", "ls-files"], cwd=checkout).stdout.split())
    root = sdist.name.removesuffix(".tar.gz")
    with tarfile.open(sdist) as archive:
        members = {m.name.removeprefix(root + "/") for m in archive.getmembers() if m.isfile()}
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and newer
            archive.extractall(sdist.parent, filter="data")
        else:  # Debian 12's 3.11.2: our own sdist, checked to stay inside the folder
            assert all(not m.name.startswith("/") and ".." not in Path(m.name).parts and (m.isfile() or m.isdir()) for m in archive.getmembers())
            archive.extractall(sdist.parent)
    released = {name for name in tracked if not NOT_IN_SDIST.fullmatch(name)}
    assert released <= members, f"MANIFEST.in leaves out {sorted(released - members)}"
    extras = sorted(name for name in members - tracked if not SDIST_EXTRAS.fullmatch(name))
    assert not extras, extras

    out = sdist.parent / "wheel"
    _run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--wheel-dir", str(out), str(sdist.parent / root)],
        cwd=sdist.parent,
    )
    [built] = out.glob("*.whl")
    with zipfile.ZipFile(built) as archive:
        assert _bundles(archive) == expected_data
