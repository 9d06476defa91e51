"""The calculators' own tests, run with pytest inside real Pyodide under Node on the runtime the
site ships (docs/vendor/: the trimmed, compiled standard library and bytecode wheels), issue 15.

tests/pyodide/run_pytest.mjs gives pytest the modules it needs from Pyodide's stock standard
library, and fails if the calculators or networkx import any module from there: that would be a
module the shipped library lacks. Test files that start the command line or the optional
networkit engine in another process are left out (Pyodide has no processes); the diagnostic's
tests build their bundles with the page generator (PyYAML, jsonschema), so its calls are checked
by the parity cases instead (tests/test_pyodide_parity.py).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from sitegen.assets import pyodide_pin, stock_file, vendor_test_wheels

REPO = Path(__file__).resolve().parents[1]
NOT_IN_PYODIDE = {"test_cli.py", "test_engines.py"}  # other processes: the command line, networkit
TEST_FILES = sorted(path.relative_to(REPO).as_posix() for path in (REPO / "tests" / "network").glob("test_*.py") if path.name not in NOT_IN_PYODIDE)

pytestmark = pytest.mark.pyodide


def test_the_network_tests_pass_inside_pyodide_with_the_shipped_runtime(vendored_runtime):
    node = shutil.which("node")
    assert node, "Node.js is required to run the calculators inside Pyodide"
    assert len(TEST_FILES) >= 12
    run = subprocess.run(
        [
            node,
            str(REPO / "tests" / "pyodide" / "run_pytest.mjs"),
            str(vendor_test_wheels()),
            str(stock_file("pyodide", pyodide_pin(), "python_stdlib.zip")),
            *TEST_FILES,
        ],
        capture_output=True,
        text=True,
        timeout=1500,
        cwd=REPO,
    )
    output = run.stdout + run.stderr
    assert "MISSING:" not in output, output[-3000:]
    assert run.returncode == 0, output[-3000:]
    assert " passed" in output and " failed" not in output, output[-1000:]
