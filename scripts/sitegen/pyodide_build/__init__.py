"""The browser's Python, made lighter and quicker to start, at vendor time (issue 15).

Pyodide's standard library and the wheels ship as Python source, which the browser compiles on
every visit (most of Pyodide's start-up, and about a second for ``import networkx``). Here, once
per change of their inputs, inside Pyodide's own interpreter under Node (``build.mjs`` and
``inside.py``; bytecode is specific to that interpreter, which is why the host Python cannot do it):

- the standard library is cut to the modules the calculators can reach (traced: ``inside.py``);
- it and the wheels are compiled to bytecode without source, docstrings or column tables
  (line numbers stay in tracebacks), and networkx's own test packages are left out;
- ``pyodide-lock.json`` keeps only its ``info``: the worker installs wheels itself and never asks
  Pyodide for a package.

The result is cached in ``.cache/vendor/compiled/<digest of the inputs>/``. Without Node (a
maintainer who only serves the site), the stock standard library and source wheels are shipped
instead, which work the same, more slowly; the build says so once.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
CASES = REPO / "tests" / "pyodide" / "cases"  # the calls the parity tests make: traced for imports
TIMEOUT = 600  # seconds for the whole compile step


class CompileError(RuntimeError):
    """Compiling the runtime inside Pyodide failed."""


def without_tests(wheel: Path, target: Path) -> Path:
    """A copy of ``wheel`` without its ``tests`` packages (networkx ships its test suite)."""
    with zipfile.ZipFile(wheel) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if "tests" not in info.filename.split("/")[:-1]:
                out.writestr(info, source.read(info))
    return target


def _digest(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def compile_runtime(node: str, pyodide_dir: Path, stock_stdlib: Path, wheels: list[Path], cache: Path) -> Path:
    """Compile (or reuse) the trimmed standard library and bytecode wheels; return their folder:
    ``python_stdlib.zip``, ``wheels/<the same file names>`` and ``report.json``."""
    cases = sorted(CASES.glob("*.json"))
    inputs = [stock_stdlib, *wheels, HERE / "inside.py", HERE / "build.mjs", *cases, pyodide_dir / "pyodide.asm.wasm"]
    built = cache / _digest(inputs)
    if (built / "report.json").exists():
        return built
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        (work / "sources").mkdir()
        (work / "cases").mkdir()
        for wheel in wheels:
            without_tests(wheel, work / "sources" / wheel.name)
        for case in cases:
            shutil.copy(case, work / "cases" / case.name)
        shutil.copy(stock_stdlib, work / "stock_stdlib.zip")
        packages = {wheel.name.split("-", 1)[0]: wheel.name for wheel in wheels}
        (work / "packages.json").write_text(json.dumps(packages))
        try:
            run = subprocess.run([node, str(HERE / "build.mjs"), str(pyodide_dir), str(work)], capture_output=True, text=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise CompileError(f"compiling the runtime inside Pyodide took more than {TIMEOUT} s") from None
        if run.returncode != 0:
            last = [line for line in run.stderr.splitlines() if line.strip()][-1:] or ["no output"]
            raise CompileError(f"compiling the runtime inside Pyodide failed: {last[0][:300]}")
        report = json.loads((work / "report.json").read_text())
        if report["skipped_imports"]:
            raise CompileError(f"calculator modules do not import in Pyodide: {'; '.join(report['skipped_imports'])}")
        partial = built.with_name(built.name + ".part")
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        shutil.copy(work / "python_stdlib.zip", partial / "python_stdlib.zip")
        shutil.copytree(work / "wheels", partial / "wheels")
        shutil.copy(work / "report.json", partial / "report.json")
        shutil.rmtree(built, ignore_errors=True)
        partial.replace(built)
    return built


def lock_info_only(lock_text: str) -> str:
    """pyodide-lock.json with its ``info`` and no packages (the worker never loads one through Pyodide)."""
    return json.dumps({"info": json.loads(lock_text)["info"], "packages": {}}, indent=1) + "\n"
