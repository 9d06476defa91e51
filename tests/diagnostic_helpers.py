"""Shared by the diagnostic's tests: the report's placements and the respondents built from them."""

from __future__ import annotations

from pathlib import Path

import yaml

CALIBRATION = Path(__file__).resolve().parent / "calibration"
# The report's placements (§5.1): Knowsley in mobilisation, the Highlands moving into
# mainstreaming, Tower Hamlets and South Tyneside showing signs of embedding.
REPORT_PLACEMENTS = {
    "knowsley": "mobilisation",
    "highlands": "mainstreaming",
    "tower-hamlets": "embedding",
    "south-tyneside": "embedding",
}


def calibration_answers(slug: str) -> dict:
    """The answers tests/calibration/ gives for a case study, as its case study describes the place."""
    return yaml.safe_load((CALIBRATION / f"{slug}.yaml").read_text(encoding="utf-8"))["answers"]


def profile_answers(bundle: dict, phase: str) -> dict:
    """The textbook respondent for ``phase``: every rating mirrors the weights (3 + weight)."""
    return {q["id"]: 3 + q["weights"][phase] for q in bundle["questionnaire"]["questions"]}
