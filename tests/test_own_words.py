"""Content and every generated page are in our own words: the project's copied-sentence check passes.

The check (shared/tools/verbatim_check.py, beside the repository) flags any run of 12 or more
words shared with the report. Pages are checked after generation because YAML folding can hide
a copied run across lines that a page joins back together.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CHECK = REPO.parent / "shared" / "tools" / "verbatim_check.py"


def test_no_sentences_copied_from_the_report(vendored_runtime):
    if not CHECK.exists():
        if os.environ.get("CI"):
            pytest.fail(f"the copied-sentence check is missing: {CHECK}")
        pytest.skip(f"the copied-sentence check is not beside this checkout: {CHECK}")
    run = subprocess.run([sys.executable, str(CHECK), "content", "docs"], cwd=REPO, capture_output=True, text=True)
    assert run.returncode == 0 and "no copied runs found" in run.stdout, run.stdout[-3000:]
