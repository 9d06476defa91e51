"""The calculators give identical results in CPython and inside real Pyodide (under Node).

Every file in tests/pyodide/cases/ lists calls; each runs here and in Pyodide with the
wheels the site ships, and the JSON results must be equal. A keyword argument written
{"$generated": "NAME.json"} stands for the generated bundle calculators/innovation_toolkit/data/NAME.json.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from innovation_toolkit.dispatch import run_call

HERE = Path(__file__).resolve().parent
CASE_FILES = sorted((HERE / "pyodide" / "cases").glob("*.json"))
CASES = [case for file in CASE_FILES for case in json.loads(file.read_text())]

pytestmark = pytest.mark.pyodide


GENERATED = HERE.parent / "calculators" / "innovation_toolkit" / "data"


def resolve(kwargs: dict) -> dict:
    """Replace {"$generated": "NAME.json"} by the generated calculators/innovation_toolkit/data/NAME.json."""
    return {
        key: json.loads((GENERATED / value["$generated"]).read_text()) if isinstance(value, dict) and "$generated" in value else value
        for key, value in kwargs.items()
    }


def run_in_cpython(call: str, kwargs: dict) -> dict:
    outcome = json.loads(run_call(call, json.dumps(resolve(kwargs))))
    outcome.pop("elapsed_ms")
    return outcome


@pytest.fixture(scope="module")
def pyodide_outcomes(vendored_runtime) -> dict:
    node = shutil.which("node")
    assert node, "Node.js is required to run the calculators inside Pyodide"
    run = subprocess.run(
        [node, str(HERE / "pyodide" / "run_calls.mjs"), *map(str, CASE_FILES)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return {outcome.pop("id"): outcome for outcome in json.loads(run.stdout)}


def test_case_ids_are_unique():
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids)) and len(ids) >= 2


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_same_result_in_cpython_and_pyodide(case, pyodide_outcomes):
    in_pyodide = dict(pyodide_outcomes[case["id"]])
    in_pyodide.pop("elapsed_ms")
    in_cpython = run_in_cpython(case["call"], case.get("kwargs", {}))
    assert in_pyodide == in_cpython
