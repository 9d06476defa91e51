"""Where are we in the innovation lifecycle? The Step One diagnostic (Appendix A).

Every function here works on a compiled *bundle* (``data``): a JSON-serialisable dict built
from ``content/`` by ``scripts/sitegen/diagnostic_data.py`` with the questionnaire, its
weights and scoring settings, and per phase the Table A2 progression and pitfalls, the
§5.3 strategic-triangle account, the Step Three questions and the case studies the
report places there. Answers map a question id to a rating on the question's scale, or to
``None`` / ``"dont-know"``.

Scoring rule (docs/methods/diagnostic.md): a rating becomes a strength from -1 (lowest
point) through 0 (neutral) to +1 (highest point); each phase's score is the sum of
strength × weight over the answered questions, divided by the sum of the absolute weights,
so it runs from -1 to +1. The highest score wins (ties go to the earlier phase). Each
answer *points to* the phase it supports most. Its *agreement* with the result is how much
it supports the result compared with that best phase (1 if the result is its best fit, 0
if it says nothing about it, down to -1 if it argues against it); confidence is the
strength-weighted mean agreement (floored at 0) times the share of questions answered.
In team mode it is also multiplied by the respondents' consensus.

>>> data = example_bundle()
>>> diagnose(data, {"pilots": 5, "spread": 1})["phase"]
'mobilisation'
"""

from __future__ import annotations

from innovation_toolkit.diagnostic.answers import read_answers_document, validate_answers, validate_respondents
from innovation_toolkit.diagnostic.bundle import DONT_KNOW, example_bundle
from innovation_toolkit.diagnostic.drawing import triangle_svg
from innovation_toolkit.diagnostic.fragments import decode_fragment, decode_team_fragment, encode_fragment, encode_team_fragment
from innovation_toolkit.diagnostic.markdown import to_markdown
from innovation_toolkit.diagnostic.result import diagnose
from innovation_toolkit.diagnostic.team import diagnose_team

__all__ = [
    "DONT_KNOW",
    "decode_fragment",
    "decode_team_fragment",
    "diagnose",
    "diagnose_document",
    "diagnose_team",
    "encode_fragment",
    "encode_team_fragment",
    "example_bundle",
    "read_answers_document",
    "to_markdown",
    "triangle_svg",
    "validate_answers",
    "validate_respondents",
]


def diagnose_document(data: dict, document) -> dict:
    """Diagnose whatever ``read_answers_document`` accepts: one respondent or a team."""
    read = read_answers_document(data, document)
    if read["mode"] == "team":
        return diagnose_team(data, read["respondents"])
    return diagnose(data, read["answers"])
