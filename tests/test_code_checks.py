"""The code checks (issue 16) as tests, so that `make test` and `make check` run them.

ruff (lint and format) over calculators/, scripts/ and tests/; mypy over the package and
scripts/ (mypy.ini); eslint over docs/assets/js/ and the Node scripts (eslint.config.mjs, installed by `npm ci`);
every doctest in the package and in sitegen; the widgets' JavaScript unit tests
(`node --test tests/js/`). Each test fails with the tool's own output.
"""

from __future__ import annotations

import doctest
import importlib
import importlib.util
import pkgutil
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PYTHON_FOLDERS = ["calculators", "scripts", "tests"]
# Files that other engineers are editing while these checks land; they format them
# (`ruff format` and `ruff check --fix`) when they finish. Empty this tuple then.
PENDING: tuple[str, ...] = ()
DOCTEST_PACKAGES = ("innovation_toolkit", "sitegen")


def _run(command: list[str], timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=timeout)


def _python_tool(module: str) -> list[str]:
    if importlib.util.find_spec(module) is None:
        pytest.fail(f"{module} is not installed in {sys.prefix}: `make setup` installs it (requirements.lock)")
    return [sys.executable, "-m", module]


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not on PATH: the JavaScript checks need Node.js 20.19 or newer")
    return node


def _output(result: subprocess.CompletedProcess) -> str:
    return (result.stdout + result.stderr).strip()


def _fail_unless_only_pending(tool: str, files: set[str], output: str) -> None:
    """Fail with the tool's output; say so plainly when the only files left are the pending ones."""
    if files and files <= set(PENDING):
        listed = " ".join(sorted(files))
        pytest.fail(
            f"{tool}: the only findings are in files other engineers are editing ({listed}). When they are done, run\n"
            f"  .venv/bin/ruff format {listed} && .venv/bin/ruff check --fix {listed}\n"
            f"and then empty PENDING in tests/test_code_checks.py.\n\n{output}"
        )
    pytest.fail(f"{tool} found problems:\n{output}")


def test_ruff_check():
    result = _run([*_python_tool("ruff"), "check", "--output-format", "concise", "--no-fix", *PYTHON_FOLDERS])
    if result.returncode != 0:
        files = {Path(match).as_posix() for match in re.findall(r"^(\S+?\.py):\d+:\d+: ", result.stdout, flags=re.M)}
        _fail_unless_only_pending("ruff check", files, _output(result))


def test_ruff_format():
    result = _run([*_python_tool("ruff"), "format", "--check", "--output-format", "concise", *PYTHON_FOLDERS])
    if result.returncode != 0:
        files = {Path(match).as_posix() for match in re.findall(r"^(\S+?\.py):\d+:\d+: ", result.stdout, flags=re.M)}
        _fail_unless_only_pending("ruff format --check", files, _output(result))


def test_mypy():
    result = _run([*_python_tool("mypy")], timeout=600)
    assert result.returncode == 0, f"mypy found problems:\n{_output(result)}"


def test_eslint():
    _node()
    eslint = REPO / "node_modules" / ".bin" / "eslint"
    if not eslint.exists():
        pytest.fail("eslint is not installed: run `npm ci` in the repository root (package-lock.json pins it)")
    folders = ["docs/assets/js", "tests/js", "tests/pyodide", "scripts/sitegen/pyodide_build", "eslint.config.mjs"]
    result = _run([str(eslint), "--max-warnings", "0", *folders])
    assert result.returncode == 0, f"eslint found problems:\n{_output(result)}"


def test_javascript_unit_tests():
    files = sorted((REPO / "tests" / "js").glob("*.test.mjs"))
    assert files, "no tests/js/*.test.mjs"
    result = _run([_node(), "--test", "--test-reporter", "spec", "tests/js/"])
    assert result.returncode == 0, f"node --test tests/js/ failed:\n{_output(result)}"
    assert re.search(r"^\S* ?pass [1-9]", result.stdout, flags=re.M), f"node --test ran no test:\n{_output(result)}"


def _modules(package: str) -> list[str]:
    root = importlib.import_module(package)
    found = [package]
    for info in pkgutil.walk_packages(root.__path__, f"{package}."):
        if info.name.rsplit(".", 1)[-1] != "__main__":
            found.append(info.name)
    return sorted(found)


MODULES = [name for package in DOCTEST_PACKAGES for name in _modules(package)]


def _doctests(name: str) -> list[doctest.DocTest]:
    module = importlib.import_module(name)
    return [test for test in doctest.DocTestFinder(exclude_empty=True).find(module, name) if test.examples]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    runner = doctest.DocTestRunner()
    report: list[str] = []
    for test in _doctests(name):
        runner.run(test, out=report.append)
    outcome = runner.summarize(verbose=False)
    assert outcome.failed == 0, f"{outcome.failed} of {outcome.attempted} doctest example(s) failed in {name}:\n" + "".join(report)


def test_doctests_are_found():
    """The package documents itself with examples: a finder that found none would pass silently."""
    found = [test for name in MODULES if name.startswith("innovation_toolkit") for test in _doctests(name)]
    assert len(found) >= 48, f"only {len(found)} docstrings with examples found in innovation_toolkit"
