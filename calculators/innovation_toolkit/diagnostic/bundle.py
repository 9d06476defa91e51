"""The compiled data bundle: look-ups over its questionnaire, scales and phases, and a small example bundle."""

from __future__ import annotations

import itertools
import json

DONT_KNOW = "dont-know"
FRAGMENT_VERSION = "v1"
TEAM_FRAGMENT_VERSION = "t1"
#: Links that also carry names, roles, the service and the date (``#v2:`` one person, ``#t2:`` a team).
NAMED_FRAGMENT_VERSION = "v2"
NAMED_TEAM_FRAGMENT_VERSION = "t2"
MAX_FRAGMENT_LENGTH = 20_000
MAX_RESPONDENTS = 100
#: Longest service or area name, respondent name or role accepted (characters).
MAX_NAME_LENGTH = 120
#: Most files or links merged into one team at once.
MAX_SOURCES = MAX_RESPONDENTS
#: Deepest nesting of lists and mappings read from an answers file or document: a team file
#: needs four levels (the file, its respondents list, a respondent, the answers).
MAX_NESTING = 16
#: Longest answers text read (characters; the command line's byte cap is the same).
MAX_ANSWERS_CHARACTERS = 2_000_000


def _questions(data: dict) -> list[dict]:
    return data["questionnaire"]["questions"]


def _question_index(data: dict) -> dict[str, dict]:
    return {question["id"]: question for question in _questions(data)}


def _scale(data: dict, question: dict) -> dict:
    return data["questionnaire"]["scales"][question["scale"]]


def _scale_bounds(scale: dict) -> tuple[int, int]:
    values = [point["value"] for point in scale["points"]]
    return min(values), max(values)


def _label(scale: dict, value) -> str:
    if value is None:
        return scale["dont_know"]
    for point in scale["points"]:
        if point["value"] == value:
            return point["label"]
    return f"{value:.1f} (average)"


def _phases(data: dict) -> list[dict]:
    return sorted(data["phases"], key=lambda phase: phase["number"])


def _phase_index(data: dict) -> dict[str, dict]:
    return {phase["id"]: phase for phase in data["phases"]}


def _corner_names(data: dict) -> dict[str, str]:
    return {corner["id"]: corner["name"] for corner in data.get("corners", [])}


def _short(value, limit: int = 40) -> str:
    """``value`` quoted for a message, at most ``limit`` characters.

    Only the first few items of a list or mapping and the first ``limit`` characters of a
    text are ever looked at, so a huge or deeply nested value (an alias bomb inside an
    answer) costs no more than a small one; ``repr`` escapes control characters.

    >>> _short("a" * 1000, 10)
    "'aaaaaaaa…"
    >>> _short([[[[[1]]]]], 40)
    '[[[[…]]]]'
    """
    text = _bounded_repr(value, limit + 1, 3)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _bounded_repr(value, budget: int, depth: int) -> str:
    if isinstance(value, (str, bytes, bytearray)):
        return repr(value[: max(budget, 0)])
    if value is None or isinstance(value, (bool, float)):
        return repr(value)
    if isinstance(value, int):
        return repr(value) if value.bit_length() < 4 * budget else f"<a number of {value.bit_length()} bits>"
    if isinstance(value, dict):
        opening, closing, items = "{", "}", ((key, item) for key, item in value.items())
    elif isinstance(value, (list, tuple, set, frozenset)):
        opening, closing = ("[", "]") if isinstance(value, list) else ("(", ")") if isinstance(value, tuple) else ("{", "}")
        items = ((None, item) for item in value)
    else:
        return f"<{type(value).__name__}>"
    if depth <= 0:
        return f"{opening}…{closing}" if len(value) else f"{opening}{closing}"
    parts, used = [], 0
    for key, item in itertools.islice(items, 4):
        part = _bounded_repr(item, budget - used, depth - 1)
        if isinstance(value, dict):
            part = f"{_bounded_repr(key, budget - used, 0)}: {part}"
        parts.append(part)
        used += len(part) + 2
        if used >= budget:
            break
    more = ", …" if len(value) > len(parts) else ""
    return opening + ", ".join(parts) + more + closing


def example_bundle() -> dict:
    """A minimal bundle with two questions, for doctests and as a shape reference."""
    phase_names = ["Latent", "Design and discover", "Mobilisation", "Mainstreaming", "Embedding"]
    slugs = ["latent", "design-and-discovery", "mobilisation", "mainstreaming", "embedding"]
    agreement = {"points": [{"value": v, "label": str(v)} for v in range(1, 6)], "dont_know": "Don't know"}
    return json.loads(
        json.dumps(
            {
                "format": 1,
                "questionnaire": {
                    "version": 1,
                    "title": "Example",
                    "introduction": [],
                    "source": "Appendix A, Step One",
                    "scales": {"agreement": agreement},
                    "scoring": {
                        "adjacent_credit": 0.5,
                        "team_disagreement_threshold": 2,
                        "confidence_levels": [
                            {"level": "high", "minimum": 0.7, "meaning": "Clear.", "verdicts": ["clear"]},
                            {"level": "low", "minimum": 0, "meaning": "Unclear."},
                        ],
                        "verdict": {
                            "min_leaning_answers": 2,
                            "min_score": 0.3,
                            "min_margin": 0.1,
                            "min_agreement": 0.5,
                            "min_own_agreed": 1,
                            "min_team_consensus": 0.6,
                        },
                        "triangle_gap": 0.25,
                        "source": "Appendix A, Step One",
                    },
                    "sections": [{"id": "example", "title": "Example", "source": "Table A1"}],
                    "questions": [
                        {
                            "id": "pilots",
                            "section": "example",
                            "text": "We are piloting one chosen approach.",
                            "scale": "agreement",
                            "describes": "mobilisation",
                            "source": "§5.1",
                            "basis": "",
                            "weights": dict(zip(slugs, [-2, -1, 2, 1, 0], strict=True)),
                        },
                        {
                            "id": "spread",
                            "section": "example",
                            "text": "Other services have taken up our approach.",
                            "scale": "agreement",
                            "describes": "embedding",
                            "source": "§5.1",
                            "basis": "",
                            "weights": dict(zip(slugs, [-2, -2, -2, -1, 2], strict=True)),
                        },
                    ],
                },
                "phases": [
                    {
                        "id": slug,
                        "number": number,
                        "name": name,
                        "summary": None,
                        "progression": None,
                        "pitfalls": None,
                        "triangle": None,
                        "step_three": None,
                    }
                    for number, (slug, name) in enumerate(zip(slugs, phase_names, strict=True))
                ],
                "corners": [],
                "case_studies": [],
            }
        )
    )
