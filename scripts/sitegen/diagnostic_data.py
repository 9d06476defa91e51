"""Compile the lifecycle diagnostic's data bundle from loaded content.

``build_diagnostic_data(content)`` takes what ``sitegen.content.load_content()`` returns and
gives the plain, JSON-serialisable dict that ``innovation_toolkit.diagnostic`` works on, both on
the command line (``calculators/innovation_toolkit/data/diagnostic.json``) and in the browser. It keeps only
what the calculator shows, so the page downloads little, and it checks the joins that the
schemas cannot see (weights keyed by phase, scales and corners named by questions).

Bundle layout::

    {"format": 1,
     "questionnaire": {version, title, introduction, source, scales, scoring, sections, questions},
     "phases": [{id, number, name, summary, typology, description, source, progression,
                 pitfalls, table_a2_note, triangle, step_three,
                 case_study_examples: [{case_study, text, source, note}]}],
     "corners": [{id, name, meaning, source}],
     "case_studies": [{id, number, title, place, phase, explanation, source, note}]}

``case_studies`` holds every case study the report places in a phase (``phase`` set) or uses
as an example of one (``phase`` None unless also placed; the phase's ``case_study_examples``
say where).
"""

from __future__ import annotations

import copy

BUNDLE_FORMAT = 1
VERDICT_KINDS = ("clear", "between", "unclear")


class DiagnosticDataError(ValueError):
    """The content cannot be compiled into a consistent diagnostic bundle."""


def _text(item) -> str | None:
    return item.get("text") if isinstance(item, dict) else None


def _phases(content: dict) -> list[dict]:
    phases = []
    for phase in sorted(content["phases"]["phases"], key=lambda p: p["number"]):
        phases.append(
            {
                "id": phase["id"],
                "number": phase["number"],
                "name": phase["name"],
                "summary": _text(phase.get("figure_1_summary")),
                "typology": _text(phase.get("typology")),
                "description": _text(phase.get("description")),
                "source": phase["source"],
                "progression": copy.deepcopy(phase.get("progression")),
                "pitfalls": copy.deepcopy(phase.get("pitfalls")),
                "table_a2_note": phase.get("table_a2_note"),
                "triangle": copy.deepcopy(phase.get("strategic_triangle")),
                "step_three": copy.deepcopy(phase.get("step_three")),
                "case_study_examples": [
                    {"case_study": e["case_study"], "text": e["text"], "source": e["source"], "note": e.get("note")}
                    for e in phase.get("case_study_examples") or []
                ],
            }
        )
    return phases


def _corners(content: dict) -> list[dict]:
    triangle = content.get("strategic-triangle") or {}
    return [{"id": c["id"], "name": c["name"], "meaning": c.get("meaning"), "source": c.get("source")} for c in triangle.get("corners", [])]


def _case_studies(content: dict) -> list[dict]:
    cases = []
    records = content.get("case-studies") or {}
    examples = {e["case_study"] for phase in content["phases"]["phases"] for e in phase.get("case_study_examples") or []}
    for slug, record in sorted(records.items(), key=lambda item: (item[1].get("number", 99), item[0])):
        placement = record.get("phase") or {}
        placed = bool(placement.get("placed"))
        if not placed and slug not in examples:
            continue
        cases.append(
            {
                "id": slug,
                "number": record.get("number"),
                "title": record.get("short_title") or record["title"],
                "place": record.get("place"),
                "phase": placement["phase"] if placed else None,
                "explanation": placement.get("explanation") if placed else None,
                "source": placement.get("source") if placed else None,
                "note": placement.get("note") if placed else None,
            }
        )
    return cases


def _check(bundle: dict) -> None:
    questionnaire = bundle["questionnaire"]
    phase_ids = [phase["id"] for phase in bundle["phases"]]
    corner_ids = {corner["id"] for corner in bundle["corners"]}
    sections = {section["id"] for section in questionnaire["sections"]}
    problems = []
    seen = set()
    for question in questionnaire["questions"]:
        where = f"diagnostic question '{question['id']}'"
        if question["id"] in seen:
            problems.append(f"{where}: duplicate id")
        seen.add(question["id"])
        if sorted(question["weights"]) != sorted(phase_ids):
            problems.append(f"{where}: weights must name exactly the phases {', '.join(phase_ids)}")
        if question["scale"] not in questionnaire["scales"]:
            problems.append(f"{where}: unknown scale '{question['scale']}'")
        if question["section"] not in sections:
            problems.append(f"{where}: unknown section '{question['section']}'")
        if question.get("corner") and question["corner"] not in corner_ids:
            problems.append(f"{where}: unknown strategic-triangle corner '{question['corner']}'")
    for name, scale in questionnaire["scales"].items():
        values = [point["value"] for point in scale["points"]]
        if values != list(range(values[0], values[0] + len(values))):
            problems.append(f"diagnostic scale '{name}': values must be consecutive whole numbers, lowest first")
    rated = [q["corner"] for q in questionnaire["questions"] if q.get("corner")]
    if len(rated) != len(set(rated)):
        problems.append("diagnostic: each strategic-triangle corner may be rated by one question only")
    if sorted(p["number"] for p in bundle["phases"]) != list(range(len(phase_ids))):
        problems.append("phases: numbers must run 0, 1, 2, … without gaps")
    for case in bundle["case_studies"]:
        if case["phase"] is not None and case["phase"] not in phase_ids:
            problems.append(f"case study '{case['id']}': unknown phase '{case['phase']}'")
    case_ids = {case["id"] for case in bundle["case_studies"]}
    for phase in bundle["phases"]:
        for example in phase["case_study_examples"]:
            if example["case_study"] not in case_ids:
                problems.append(f"phase '{phase['id']}': example case study '{example['case_study']}' is not a case study")
    scoring = questionnaire["scoring"]
    for key in ("verdict", "triangle_gap"):
        if key not in scoring:
            problems.append(f"diagnostic scoring: '{key}' is missing (the verdict rule needs it)")
    bands = sorted(scoring["confidence_levels"], key=lambda band: band["minimum"])
    if bands and set(bands[0].get("verdicts", VERDICT_KINDS)) != set(VERDICT_KINDS):
        problems.append(f"diagnostic confidence level '{bands[0]['level']}': the lowest band must allow every verdict")
    if problems:
        raise DiagnosticDataError("; ".join(problems))


def build_diagnostic_data(content: dict) -> dict:
    """Return the diagnostic bundle for ``content`` (as ``load_content()`` returns it).

    Raises ``DiagnosticDataError`` when the questionnaire does not fit the phases,
    scales, sections or corners it names.
    """
    diagnostic = content["diagnostic"]
    questionnaire = {
        key: copy.deepcopy(diagnostic[key]) for key in ("version", "title", "introduction", "source", "scales", "scoring", "sections", "questions")
    }
    bundle = {
        "format": BUNDLE_FORMAT,
        "questionnaire": questionnaire,
        "phases": _phases(content),
        "corners": _corners(content),
        # The importance words are our reading of §5.3, said wherever they are shown.
        "triangle_reading": copy.deepcopy((content.get("strategic-triangle") or {}).get("our_reading")),
        "case_studies": _case_studies(content),
    }
    _check(bundle)
    return bundle
