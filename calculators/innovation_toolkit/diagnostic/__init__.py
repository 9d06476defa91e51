"""Where are we in the innovation lifecycle? The Step One diagnostic (Appendix A).

Every function here works on a compiled *bundle* (``data``): a JSON-serialisable dict built
from ``content/`` by ``scripts/sitegen/diagnostic_data.py`` with the questionnaire, its
weights and scoring settings, and per phase the Table A2 progression and pitfalls, the
§5.3 strategic-triangle account, the Step Three questions and the case studies the
report places there or uses as examples. Answers map a question id to a rating on the question's scale, or to
``None`` / ``"dont-know"``.

Scoring rule (docs/methods/diagnostic.md): a rating becomes a strength from -1 (lowest
point) through 0 (neutral) to +1 (highest point); each phase's score is the sum of
strength × weight over the answered questions, divided by the sum of the absolute weights,
so it runs from -1 to +1. The highest score *leads* (ties go to the earlier phase), but the
result names it only when the answers support it: ``verdict.py`` decides between a clear
phase, "between" two neighbouring phases and "no clear phase" (too few answers, a low or
close score, or a phase backed only by rejecting the others). Each
answer *points to* the phase it supports most. Its *agreement* with the result is how much
it supports the result compared with that best phase (1 if the result is its best fit, 0
if it says nothing about it, down to -1 if it argues against it); confidence is the
strength-weighted mean agreement (floored at 0) times the share of questions answered.
In team mode it is also multiplied by the respondents' consensus.

>>> data = example_bundle()
>>> result = diagnose(data, {"pilots": 5, "spread": 1})
>>> result["phase"], result["verdict"]["kind"]
('mobilisation', 'clear')
"""

from __future__ import annotations

from innovation_toolkit.diagnostic.answers import clean_name, read_answers_document, validate_answers, validate_record, validate_respondents
from innovation_toolkit.diagnostic.bundle import DONT_KNOW, example_bundle
from innovation_toolkit.diagnostic.drawing import triangle_svg
from innovation_toolkit.diagnostic.fragments import decode_fragment, decode_link, decode_team_fragment, encode_fragment, encode_team_fragment
from innovation_toolkit.diagnostic.markdown import to_markdown
from innovation_toolkit.diagnostic.merge import combine_records, merge_respondents
from innovation_toolkit.diagnostic.reading import parse_answers_text, read_answers_text
from innovation_toolkit.diagnostic.result import diagnose
from innovation_toolkit.diagnostic.team import diagnose_team

__all__ = [
    "DONT_KNOW",
    "clean_name",
    "decode_fragment",
    "decode_link",
    "decode_team_fragment",
    "diagnose",
    "diagnose_document",
    "diagnose_team",
    "encode_fragment",
    "encode_team_fragment",
    "example_bundle",
    "merge_respondents",
    "parse_answers_text",
    "read_answers_document",
    "read_answers_text",
    "to_markdown",
    "triangle_svg",
    "validate_answers",
    "validate_record",
    "validate_respondents",
]


def diagnose_document(data: dict, document, record: dict | None = None) -> dict:
    """Diagnose whatever ``read_answers_document`` accepts: one respondent or a team.

    The record (service, date) is the document's, completed by ``record``; a value given in
    both that differs is an error.
    """
    read = read_answers_document(data, document)
    merged = combine_records(read["record"], validate_record(record), "the answers file", "the record given")
    if read["mode"] == "team":
        return diagnose_team(data, read["respondents"], merged)
    return diagnose(data, read["answers"], merged)
