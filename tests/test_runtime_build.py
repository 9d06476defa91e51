"""The browser runtime as vendored (issue 15): bytecode only, a trimmed standard library, no
networkx test suite, a lock file without packages, and the stock runtime when Node is missing.

That the trimmed, compiled runtime still runs every calculator call exactly as CPython does is
tests/test_pyodide_parity.py (the same docs/vendor/ files under Node); the browser tests use it too.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from sitegen import assets, pyodide_build

REPO = Path(__file__).resolve().parents[1]
PYODIDE = REPO / "docs" / "vendor" / "pyodide"
PIN = assets.pyodide_pin()

pytestmark = pytest.mark.pyodide


def test_wheels_hold_bytecode_for_pyodides_python_and_no_tests(vendored_runtime):
    python = json.loads((PYODIDE / "pyodide-lock.json").read_text())["info"]["python"]
    assert vendored_runtime["bytecode_for"] == python
    for wheel in vendored_runtime["wheels"]:
        with zipfile.ZipFile(assets.WHEELS / wheel["file"]) as archive:
            names = archive.namelist()
        assert not [name for name in names if name.endswith(".py")], wheel["file"]
        assert any(name.endswith("/__init__.pyc") for name in names), wheel["file"]
        assert not [name for name in names if "/tests/" in name], wheel["file"]
        assert any(name.endswith(".dist-info/RECORD") for name in names)
    networkx = next(wheel for wheel in vendored_runtime["wheels"] if wheel["name"] == "networkx")
    with zipfile.ZipFile(assets.WHEELS / networkx["file"]) as archive:
        assert "networkx/algorithms/centrality/betweenness.pyc" in archive.namelist()


def test_standard_library_is_trimmed_and_compiled(vendored_runtime):
    stock = assets.stock_file("pyodide", PIN, "python_stdlib.zip")
    with zipfile.ZipFile(PYODIDE / "python_stdlib.zip") as archive:
        names = set(archive.namelist())
    assert not [name for name in names if name.endswith(".py")]
    # What the calculators decode uploads with, and what Pyodide itself starts with.
    for needed in ("encodings/cp1252.pyc", "encodings/utf_16_le.pyc", "encodings/utf_8_sig.pyc", "json/__init__.pyc", "_pyodide/_base.pyc"):
        assert needed in names
    # Left out: nothing in the calculators reaches them.
    for unused in ("tkinter/__init__.pyc", "sqlite3/__init__.pyc", "unittest/__init__.pyc", "pdb.pyc", "pydoc.pyc"):
        assert unused not in names
    assert (PYODIDE / "python_stdlib.zip").stat().st_size < 0.6 * stock.stat().st_size


def test_lock_file_keeps_only_its_info():
    stock = json.loads(assets.stock_file("pyodide", PIN, "pyodide-lock.json").read_text())
    shipped = json.loads((PYODIDE / "pyodide-lock.json").read_text())
    assert shipped == {"info": stock["info"], "packages": {}}
    assert json.loads(pyodide_build.lock_info_only(json.dumps(stock))) == shipped


def test_without_node_the_stock_runtime_ships(monkeypatch, tmp_path, vendored_runtime, capsys):
    """A maintainer without Node still gets a working site: Pyodide's own standard library and source wheels."""
    stock = {member: assets.stock_file("pyodide", PIN, member) for member in ("python_stdlib.zip", "pyodide-lock.json")}
    cache = tmp_path / "cache" / stock["python_stdlib.zip"].parent.name
    cache.mkdir(parents=True)
    for member, path in stock.items():  # the stock files, as if cached
        (cache / member).write_bytes(path.read_bytes())
    networkx = json.loads(assets.LOCK.read_text())["pypi"]["networkx"]
    sources = [assets.pypi_wheel("networkx", networkx)]
    monkeypatch.setattr(assets.shutil, "which", lambda name: None)
    monkeypatch.setattr(assets, "CACHE", tmp_path / "cache")
    (tmp_path / "pyodide").mkdir()
    wheels, bytecode_for = assets.python_runtime({**PIN, "dest": str(tmp_path / "pyodide")}, sources)
    assert bytecode_for is None
    assert "Node.js not found" in capsys.readouterr().err
    stdlib = tmp_path / "pyodide" / "python_stdlib.zip"
    assert stdlib.read_bytes() == stock["python_stdlib.zip"].read_bytes()
    with zipfile.ZipFile(wheels[0]) as archive:
        names = archive.namelist()
    assert "networkx/__init__.py" in names and not [name for name in names if "/tests/" in name]


def test_a_failed_compile_is_one_line(monkeypatch, tmp_path):
    broken = tmp_path / "node"
    broken.write_text("#!/bin/sh\necho 'SyntaxError: something broke' >&2\nexit 1\n")
    broken.chmod(0o755)
    wheel = tmp_path / "demo-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("demo/__init__.py", "")
    with pytest.raises(pyodide_build.CompileError, match=r"^compiling the runtime inside Pyodide failed: SyntaxError: something broke$"):
        pyodide_build.compile_runtime(str(broken), PYODIDE, wheel, [wheel], tmp_path / "compiled")
