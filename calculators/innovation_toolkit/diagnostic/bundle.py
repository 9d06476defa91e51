"""The compiled data bundle: look-ups over its questionnaire, scales and phases, and a small example bundle."""

from __future__ import annotations

import json

DONT_KNOW = "dont-know"
FRAGMENT_VERSION = "v1"
TEAM_FRAGMENT_VERSION = "t1"
MAX_FRAGMENT_LENGTH = 20_000
MAX_RESPONDENTS = 100
#: Longest service or area name, respondent name or role accepted (characters).
MAX_NAME_LENGTH = 120


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
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
                            {"level": "high", "minimum": 0.7, "meaning": "Clear."},
                            {"level": "low", "minimum": 0, "meaning": "Unclear."},
                        ],
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
