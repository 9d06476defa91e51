"""Checking answers: one respondent's ratings, a team's list, and the shapes an answers file may take."""

from __future__ import annotations

import datetime
import difflib
import unicodedata

from innovation_toolkit.diagnostic.bundle import DONT_KNOW, MAX_NAME_LENGTH, MAX_RESPONDENTS, _question_index, _scale, _scale_bounds, _short
from innovation_toolkit.errors import InputError


def clean_name(value, what: str) -> str | None:
    """A short single-line text a user typed (a service, a name, a role), checked; ``None`` if empty.

    Raises ``InputError`` for text longer than ``MAX_NAME_LENGTH`` characters or holding
    control or bidirectional-override characters, naming ``what`` and never echoing the value.

    >>> clean_name("  Children's services, Highland ", "the service")
    "Children's services, Highland"
    >>> clean_name("a" * 500, "the service")
    Traceback (most recent call last):
    ...
    innovation_toolkit.errors.InputError: the service is too long (500 characters; at most 120)
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{what} must be text, got {type(value).__name__}")
    if len(value) > MAX_NAME_LENGTH:
        raise InputError(f"{what} is too long ({len(value)} characters; at most {MAX_NAME_LENGTH})")
    for position, character in enumerate(value, start=1):
        if unicodedata.category(character) in ("Cc", "Cf", "Zl", "Zp") and character not in "\u200d":
            raise InputError(f"{what}, character {position}: control or formatting character U+{ord(character):04X} is not allowed")
    return value.strip() or None


def validate_record(record) -> dict:
    """Check what the result is a record of: ``{"service": text or None, "date": "YYYY-MM-DD" or None}``.

    >>> validate_record({"service": "Youth services", "date": "2026-12-01"})
    {'service': 'Youth services', 'date': '2026-12-01'}
    >>> validate_record(None)
    {'service': None, 'date': None}
    """
    if record is None:
        record = {}
    if not isinstance(record, dict):
        raise InputError(f"the record must be a mapping with 'service' and 'date', got {type(record).__name__}")
    unknown = sorted((key for key in record if key not in ("service", "date")), key=str)
    if unknown:
        raise InputError(f"unknown field {_short(unknown[0])} in the record (expected service, date)")
    date = record.get("date")
    if isinstance(date, datetime.date):  # YAML reads an unquoted 2026-12-01 as a date
        date = date.isoformat()
    if date is not None:
        if not isinstance(date, str) or len(date) != 10:
            raise InputError("the date must be written YYYY-MM-DD, for example 2026-12-01")
        try:
            date = datetime.date.fromisoformat(date).isoformat()
        except ValueError:
            raise InputError("the date must be a real day written YYYY-MM-DD, for example 2026-12-01") from None
    return {"service": clean_name(record.get("service"), "the service or area name"), "date": date}


def _unknown_question(data: dict, question_id) -> InputError:
    known = list(_question_index(data))
    close = difflib.get_close_matches(question_id, known, n=1) if isinstance(question_id, str) and len(question_id) <= 100 else []
    hint = f" (did you mean '{close[0]}'?)" if close else " (run `innovation-toolkit diagnose --questions` to list them)"
    return InputError(f"unknown question id {_short(question_id)}{hint}")


def _normalise_value(data: dict, question: dict, value):
    """Return the rating as an int, or None for "don't know"; raise InputError otherwise."""
    if value is None or value == DONT_KNOW:
        return None
    low, high = _scale_bounds(_scale(data, question))
    expected = f'a whole number from {low} to {high} or "{DONT_KNOW}"'
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(f"answer to '{question['id']}' must be {expected}, got {_short(value)}")
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")) or not value.is_integer():
            raise InputError(f"answer to '{question['id']}' must be {expected}, got {_short(value)}")
        value = int(value)
    if not low <= value <= high:
        raise InputError(f"answer to '{question['id']}' is {value}, out of range: expected {expected}")
    return value


def validate_answers(data: dict, answers) -> dict:
    """Check one respondent's answers; return them as ``{question id: int or None}``.

    Raises ``InputError`` with a one-line message for answers that are not a mapping, an
    unknown question id, a value of the wrong type or out of the question's scale.
    Questions left out are treated as "don't know".

    >>> from innovation_toolkit.diagnostic.bundle import example_bundle
    >>> validate_answers(example_bundle(), {"pilots": 4, "spread": "dont-know"})
    {'pilots': 4, 'spread': None}
    """
    if not isinstance(answers, dict):
        raise InputError(f"answers must be a mapping of question id to rating, got {type(answers).__name__}")
    index = _question_index(data)
    normalised = {}
    for question_id, value in answers.items():
        if question_id not in index:
            raise _unknown_question(data, question_id)
        normalised[question_id] = _normalise_value(data, index[question_id], value)
    return normalised


def name_key(name: str) -> str:
    """How two names are compared: case and runs of spaces do not matter.

    >>> name_key("  Ann   LEE ") == name_key("ann lee")
    True
    """
    return " ".join(name.casefold().split())


def _check_respondent(data: dict, respondent, where: str) -> dict:
    """One respondent checked: ``{"name", "role", "answers"}`` with the name and role cleaned."""
    if not isinstance(respondent, dict):
        raise InputError(f"{where}: expected a mapping with 'name' and 'answers', got {type(respondent).__name__}")
    unknown = sorted((key for key in respondent if key not in ("name", "role", "answers")), key=str)
    if unknown:
        raise InputError(f"{where}: unknown field {_short(unknown[0])} (expected name, role, answers)")
    name = respondent.get("name")
    if not isinstance(name, str) or not name.strip():
        raise InputError(f"{where}: 'name' must be a non-empty text")
    name = clean_name(name, f"{where}: the name")
    where = f"{where} ({name})"
    role = clean_name(respondent.get("role"), f"{where}: the role")
    if "answers" not in respondent:
        raise InputError(f"{where}: missing 'answers'")
    try:
        answers = validate_answers(data, respondent["answers"])
    except InputError as error:
        raise InputError(f"{where}: {error}") from None
    return {"name": name, "role": role, "answers": answers}


def validate_respondents(data: dict, respondents) -> list[dict]:
    """Check a team: a non-empty list of ``{"name", "role" (optional), "answers"}``.

    Names and roles are checked by ``clean_name`` (at most ``MAX_NAME_LENGTH`` characters,
    no control or bidirectional-override characters); two respondents may not share a name
    (compared ignoring case and extra spaces). Returns the respondents with normalised
    answers; messages name the respondent.
    """
    if not isinstance(respondents, list):
        raise InputError(f"a team must be a list of respondents, got {type(respondents).__name__}")
    if not respondents:
        raise InputError("the team has no respondents")
    if len(respondents) > MAX_RESPONDENTS:
        raise InputError(f"too many respondents ({len(respondents)}); at most {MAX_RESPONDENTS}")
    checked, seen = [], set()
    for number, respondent in enumerate(respondents, start=1):
        entry = _check_respondent(data, respondent, f"respondent {number}")
        if name_key(entry["name"]) in seen:
            raise InputError(f"respondent {number} ({entry['name']}): the name is used twice; give each respondent a distinct name")
        seen.add(name_key(entry["name"]))
        checked.append(entry)
    return checked


_SINGLE_FIELDS = ("answers", "name", "role", "service", "date", "questionnaire_version")
_TEAM_FIELDS = ("respondents", "service", "date", "questionnaire_version")


def _document_record(document: dict) -> dict:
    return validate_record({key: document[key] for key in ("service", "date") if key in document})


def read_answers_document(data: dict, document) -> dict:
    """Interpret a loaded answers file (the JSON the page downloads, or a YAML/JSON file).

    Three shapes are accepted: a mapping of question id to rating; a mapping with
    ``answers`` (and optional ``name``, ``role``, ``service``, ``date``,
    ``questionnaire_version``); or a list of respondents, bare or as ``respondents`` next
    to optional ``service``, ``date`` and ``questionnaire_version`` (team mode). Returns
    ``{"mode": "single", "answers", "name", "role", "record"}`` or ``{"mode": "team",
    "respondents", "record"}``, validated; ``record`` is ``{"service", "date"}``.

    >>> from innovation_toolkit.diagnostic.bundle import example_bundle
    >>> read_answers_document(example_bundle(), {"name": "Ann", "answers": {"pilots": 4}, "date": "2026-12-01"})
    {'mode': 'single', 'answers': {'pilots': 4}, 'name': 'Ann', 'role': None, 'record': {'service': None, 'date': '2026-12-01'}}
    """
    empty = {"service": None, "date": None}
    if isinstance(document, list):
        return {"mode": "team", "respondents": validate_respondents(data, document), "record": empty}
    if isinstance(document, dict) and "answers" in document and isinstance(document["answers"], dict):
        extra = sorted((key for key in document if key not in _SINGLE_FIELDS), key=str)
        if "respondents" in document:
            raise InputError("use either 'answers' or a list of respondents, not both")
        if extra:
            raise InputError(f"unknown field {_short(extra[0])} next to 'answers' (expected name, role, service, date, questionnaire_version)")
        return {
            "mode": "single",
            "answers": validate_answers(data, document["answers"]),
            "name": clean_name(document.get("name"), "the name"),
            "role": clean_name(document.get("role"), "the role"),
            "record": _document_record(document),
        }
    if isinstance(document, dict) and "respondents" in document:
        extra = sorted((key for key in document if key not in _TEAM_FIELDS), key=str)
        if extra:
            raise InputError(f"unknown field {_short(extra[0])} next to 'respondents' (expected service, date, questionnaire_version)")
        return {"mode": "team", "respondents": validate_respondents(data, document["respondents"]), "record": _document_record(document)}
    if document is None:
        raise InputError("the answers file is empty")
    return {"mode": "single", "answers": validate_answers(data, document), "name": None, "role": None, "record": empty}
