"""Content and every generated page are in our own words: the copied-sentence and paraphrase checks pass.

The check (shared/tools/verbatim_check.py, beside the repository) flags any run of 12 or more
words shared with the report. Pages are checked after generation because YAML folding can hide
a copied run across lines that a page joins back together.
"""

import os
import re
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


PARAPHRASE = REPO.parent / "shared" / "tools" / "paraphrase_check.py"
#: The share of sentences that may follow a report sentence closely (issue 14): short labels and
#: attributed quotations are allowed on verbatim-ok lines, so not zero.
MAX_CLOSE_SHARE = 2.0


@pytest.mark.parametrize("where", ["content", "docs"])
def test_few_sentences_follow_a_report_sentence_closely(vendored_runtime, where):
    """At most 2 % of sentences at ≥ 0.70 (shared/tools/paraphrase_check.py); docs after generation."""
    if not PARAPHRASE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"the paraphrase check is missing: {PARAPHRASE}")
        pytest.skip(f"the paraphrase check is not beside this checkout: {PARAPHRASE}")
    run = subprocess.run([sys.executable, str(PARAPHRASE), "--summary", where], cwd=REPO, capture_output=True, text=True)
    found = re.search(r"(\d+) of (\d+) sentences \(([\d.]+) %\)", run.stdout)
    assert found, run.stdout[-2000:] + run.stderr[-2000:]
    flagged, total, share = int(found.group(1)), int(found.group(2)), float(found.group(3))
    assert total > 1000, f"only {total} sentences checked in {where}"
    assert share <= MAX_CLOSE_SHARE, f"{flagged} of {total} sentences in {where} ({share} %) follow a report sentence closely:\n{run.stdout[-3000:]}"
