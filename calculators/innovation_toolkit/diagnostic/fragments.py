"""Answers in the URL fragment, which browsers never send.

``#v1:…`` holds one respondent's answers and ``#t1:…`` a team's; ``#v2:…`` adds the
respondent's name and role and ``#t2:…``/``#v2:…`` the service or area and the date, so a
facilitator can merge participants' links into one team (``merge_respondents``). Every
version is still read.
"""

from __future__ import annotations

import difflib
from urllib.parse import quote, unquote

from innovation_toolkit.diagnostic.answers import _normalise_value, clean_name, validate_record, validate_respondents
from innovation_toolkit.diagnostic.bundle import (
    DONT_KNOW,
    FRAGMENT_VERSION,
    MAX_FRAGMENT_LENGTH,
    MAX_RESPONDENTS,
    NAMED_FRAGMENT_VERSION,
    NAMED_TEAM_FRAGMENT_VERSION,
    TEAM_FRAGMENT_VERSION,
    _question_index,
    _scale,
    _scale_bounds,
    _short,
)
from innovation_toolkit.errors import InputError


def _fragment_pairs(answers: dict) -> str:
    pairs = []
    for question_id in sorted(answers):
        value = answers[question_id]
        pairs.append(f"{question_id}={'x' if value is None or value == DONT_KNOW else value}")
    return ",".join(pairs)


def _quote(text) -> str:
    return quote(str(text), safe="")


def _fragment_fields(fields: list[tuple[str, str | None]]) -> str:
    return ";".join(f"{key}={_quote(value)}" for key, value in fields if value)


def _checked_length(fragment: str) -> str:
    if len(fragment) > MAX_FRAGMENT_LENGTH:
        raise InputError(
            f"these answers are too long for a link ({len(fragment)} characters; at most {MAX_FRAGMENT_LENGTH}): download the answers file instead"
        )
    return fragment


def encode_fragment(answers: dict, name: str | None = None, role: str | None = None, record: dict | None = None) -> str:
    """Encode one respondent's answers for the URL fragment (``#…``), which browsers never send.

    Without a name, role or record the format is ``v1:`` followed by ``id=value`` pairs
    sorted by id and joined by commas; ``x`` stands for "don't know". Ids are slugs, values
    digits, so nothing needs escaping. With any of them it is ``v2:`` followed by fields
    ``key=value`` joined by ``;``: ``n`` the name, ``r`` the role, ``s`` the service or
    area, ``d`` the date (each percent-encoded, left out when empty) and last ``a``, the
    answers as in ``v1``. Names, roles and the record are checked first (``clean_name``,
    ``validate_record``).

    >>> encode_fragment({"spread": None, "pilots": 4})
    'v1:pilots=4,spread=x'
    >>> encode_fragment({"pilots": 4}, name="Ann Lee", role="frontline", record={"service": "Youth work", "date": "2026-12-01"})
    'v2:n=Ann%20Lee;r=frontline;s=Youth%20work;d=2026-12-01;a=pilots=4'
    """
    name = clean_name(name, "the name")
    role = clean_name(role, "the role")
    checked = validate_record(record)
    if not (name or role or checked["service"] or checked["date"]):
        return _checked_length(f"{FRAGMENT_VERSION}:{_fragment_pairs(answers)}")
    header = _fragment_fields([("n", name), ("r", role), ("s", checked["service"]), ("d", checked["date"])])
    return _checked_length(f"{NAMED_FRAGMENT_VERSION}:{header};a={_fragment_pairs(answers)}")


def _decode_pairs(data: dict, text: str, offset: int) -> dict:
    """Parse ``id=value,…`` starting at character ``offset`` (1-based) of the fragment."""
    index = _question_index(data)
    answers: dict = {}
    position = offset
    if text == "":
        return answers
    for pair in text.split(","):
        where = f"URL fragment, character {position}"
        question_id, sep, raw = pair.partition("=")
        if not sep:
            raise InputError(f"{where}: expected 'question-id=value', found {_short(pair)}")
        if question_id not in index:
            close = difflib.get_close_matches(question_id, list(index), n=1) if len(question_id) <= 100 else []
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise InputError(f"{where}: unknown question id {_short(question_id)}{hint}")
        if question_id in answers:
            raise InputError(f"{where}: question '{question_id}' appears twice")
        value_position = position + len(question_id) + 1
        if raw == "x":
            answers[question_id] = None
        elif raw.isdigit() and raw.isascii() and len(raw) <= 3:
            try:
                answers[question_id] = _normalise_value(data, index[question_id], int(raw))
            except InputError as error:
                raise InputError(f"URL fragment, character {value_position}: {error}") from None
        else:
            low, high = _scale_bounds(_scale(data, index[question_id]))
            raise InputError(
                f"URL fragment, character {value_position}: value for '{question_id}' must be "
                f"a digit from {low} to {high} or 'x' (don't know), found {_short(raw)}"
            )
        position += len(pair) + 1
    return answers


def _strip_fragment(fragment) -> str:
    if not isinstance(fragment, str):
        raise InputError(f"URL fragment must be text, got {type(fragment).__name__}")
    if len(fragment) > MAX_FRAGMENT_LENGTH:
        raise InputError(f"URL fragment is too long ({len(fragment)} characters; at most {MAX_FRAGMENT_LENGTH})")
    return fragment[1:] if fragment.startswith("#") else fragment


def _check_characters(text: str, offset: int) -> None:
    for number, character in enumerate(text, start=offset):
        if not (character.isascii() and character.isprintable()) or character in " #":
            raise InputError(f"URL fragment, character {number}: unexpected character {character!r}")


def _split_fields(body: str, offset: int, allowed: str, repeatable: str = "") -> list[tuple[str, str, int]]:
    """``key=value;…`` (``v2:``, ``t2:``) as ``(key, raw value, position of the value)``, keys checked."""
    fields, seen, position = [], set(), offset
    expected = ", ".join(f"'{key}='" for key in allowed)
    for field in body.split(";"):
        key, sep, raw = field.partition("=")
        if not sep or key not in allowed or len(key) != 1:
            raise InputError(f"URL fragment, character {position}: expected a field starting {expected}, found {_short(field[:12])}")
        if key in seen and key not in repeatable:
            raise InputError(f"URL fragment, character {position}: the field '{key}=' appears twice")
        seen.add(key)
        fields.append((key, raw, position + 2))
        position += len(field) + 1
    return fields


def _unquoted(raw: str, position: int, what: str) -> str | None:
    try:
        text = unquote(raw, errors="strict")
    except UnicodeDecodeError:
        raise InputError(f"URL fragment, character {position}: {what} is not valid percent-encoded UTF-8") from None
    try:
        return clean_name(text, what)
    except InputError as error:
        raise InputError(f"URL fragment, character {position}: {error}") from None


def _record_fields(fields: dict[str, tuple[str, int]]) -> dict:
    service = _unquoted(*fields["s"], "the service or area name") if "s" in fields else None
    date = _unquoted(*fields["d"], "the date") if "d" in fields else None
    try:
        return validate_record({"service": service, "date": date})
    except InputError as error:
        raise InputError(f"URL fragment, character {fields['d'][1] if 'd' in fields else 1}: {error}") from None


def _begin(fragment) -> tuple[str, str, int]:
    """The version, the body and the body's position (1-based) in ``fragment``, characters checked."""
    text = _strip_fragment(fragment)
    skipped = len(fragment) - len(text)
    _check_characters(text, 1 + skipped)
    version, sep, body = text.partition(":")
    return (version if sep else ""), body, 1 + skipped + len(version) + 1


def _start_error(fragment, expected: tuple[str, ...]) -> InputError:
    text = _strip_fragment(fragment)
    skipped = len(fragment) - len(text)
    listed = " or ".join(f"'{version}:'" for version in expected)
    return InputError(f"URL fragment, character {1 + skipped}: expected it to start with {listed}, found {_short(text[:8])}")


def _decode_single(data: dict, version: str, body: str, position: int) -> dict:
    if version == FRAGMENT_VERSION:
        return {"mode": "single", "answers": _decode_pairs(data, body, position), "name": None, "role": None, "record": validate_record(None)}
    fields = {key: (raw, where) for key, raw, where in _split_fields(body, position, "nrsda")}
    return {
        "mode": "single",
        "answers": _decode_pairs(data, *fields["a"]) if "a" in fields else {},
        "name": _unquoted(*fields["n"], "the name") if "n" in fields else None,
        "role": _unquoted(*fields["r"], "the role") if "r" in fields else None,
        "record": _record_fields(fields),
    }


def decode_fragment(data: dict, fragment: str) -> dict:
    """Decode ``encode_fragment``'s output (with or without the leading ``#``) into answers.

    Reads ``v1:`` and ``v2:`` links (the name, role and record of a ``v2:`` link are left
    out here: ``decode_link`` returns them). Raises ``InputError`` naming the character
    position for anything malformed: a missing or unknown version, a pair without ``=``,
    an unknown or repeated question id, a value that is not a digit on the question's
    scale or ``x``, an unknown or repeated field.

    >>> from innovation_toolkit.diagnostic.bundle import example_bundle
    >>> decode_fragment(example_bundle(), "#v1:pilots=4,spread=x")
    {'pilots': 4, 'spread': None}
    """
    version, body, position = _begin(fragment)
    if version in (TEAM_FRAGMENT_VERSION, NAMED_TEAM_FRAGMENT_VERSION):
        raise InputError("URL fragment, character 1: this link holds a team's answers; open it in team mode")
    if version not in (FRAGMENT_VERSION, NAMED_FRAGMENT_VERSION):
        raise _start_error(fragment, (FRAGMENT_VERSION, NAMED_FRAGMENT_VERSION))
    return _decode_single(data, version, body, position)["answers"]


def encode_team_fragment(respondents: list, record: dict | None = None) -> str:
    """Encode a team for the URL fragment: ``t1:`` then respondents joined by ``;``.

    Each respondent is ``name*role*pairs`` with name and role percent-encoded (so neither
    ``*`` nor ``;`` can occur in them) and pairs as in ``encode_fragment``. With a service
    or date in ``record`` the format is ``t2:``: fields joined by ``;``, ``s=`` the service,
    ``d=`` the date (percent-encoded, left out when empty), then ``p=name*role*pairs`` for
    each respondent.

    >>> encode_team_fragment([{"name": "Ann Lee", "role": "lead", "answers": {"pilots": 5}}])
    't1:Ann%20Lee*lead*pilots=5'
    >>> encode_team_fragment([{"name": "Ann", "answers": {"pilots": 5}}], {"service": "Youth work", "date": None})
    't2:s=Youth%20work;p=Ann**pilots=5'
    """
    checked = validate_record(record)
    if not isinstance(respondents, list):
        raise InputError(f"a team must be a list of respondents, got {type(respondents).__name__}")
    parts = []
    for number, respondent in enumerate(respondents, start=1):
        if not isinstance(respondent, dict) or not isinstance(respondent.get("answers", {}), dict):
            raise InputError(f"respondent {number}: expected a mapping with 'name' and 'answers'")
        name = clean_name(respondent.get("name"), f"respondent {number}: the name")
        if name is None:
            raise InputError(f"respondent {number}: 'name' must be a non-empty text")
        role = clean_name(respondent.get("role"), f"respondent {number} ({name}): the role") or ""
        parts.append(f"{_quote(name)}*{_quote(role)}*{_fragment_pairs(respondent.get('answers', {}))}")
    if not (checked["service"] or checked["date"]):
        return _checked_length(f"{TEAM_FRAGMENT_VERSION}:" + ";".join(parts))
    header = _fragment_fields([("s", checked["service"]), ("d", checked["date"])])
    return _checked_length(f"{NAMED_TEAM_FRAGMENT_VERSION}:{header};" + ";".join(f"p={part}" for part in parts))


def _decode_member(data: dict, chunk: str, position: int) -> dict:
    fields = chunk.split("*")
    if len(fields) != 3:
        raise InputError(f"URL fragment, character {position}: expected 'name*role*answers' for a respondent, found {len(fields)} part(s)")
    raw_name, raw_role, pairs = fields
    try:
        name = unquote(raw_name, errors="strict")
        role = unquote(raw_role, errors="strict")
    except UnicodeDecodeError:
        raise InputError(f"URL fragment, character {position}: the name or role is not valid percent-encoded UTF-8") from None
    if not name.strip():
        raise InputError(f"URL fragment, character {position}: a respondent has no name")
    answers = _decode_pairs(data, pairs, position + len(raw_name) + len(raw_role) + 2)
    return {"name": name, "role": role or None, "answers": answers}


def _decode_team(data: dict, version: str, body: str, position: int) -> dict:
    if body == "":
        raise InputError(f"URL fragment, character {position}: the team has no respondents")
    members, record = [], validate_record(None)
    if version == TEAM_FRAGMENT_VERSION:
        chunks = body.split(";")
        if len(chunks) > MAX_RESPONDENTS:
            raise InputError(f"URL fragment: too many respondents ({len(chunks)}); at most {MAX_RESPONDENTS}")
        for chunk in chunks:
            members.append(_decode_member(data, chunk, position))
            position += len(chunk) + 1
    else:
        fields = _split_fields(body, position, "sdp", repeatable="p")
        people = [(raw, where) for key, raw, where in fields if key == "p"]
        if len(people) > MAX_RESPONDENTS:
            raise InputError(f"URL fragment: too many respondents ({len(people)}); at most {MAX_RESPONDENTS}")
        if not people:
            raise InputError(f"URL fragment, character {position}: the team has no respondents ('p=' fields)")
        record = _record_fields({key: (raw, where) for key, raw, where in fields if key != "p"})
        members = [_decode_member(data, raw, where) for raw, where in people]
    try:
        respondents = validate_respondents(data, members)
    except InputError as error:
        raise InputError(f"URL fragment: {error}") from None
    return {"mode": "team", "respondents": respondents, "record": record}


def decode_team_fragment(data: dict, fragment: str) -> list:
    """Decode ``encode_team_fragment``'s output (``t1:`` or ``t2:``) into a list of respondents (validated).

    ``decode_link`` also returns a ``t2:`` link's service and date.
    """
    version, body, position = _begin(fragment)
    if version not in (TEAM_FRAGMENT_VERSION, NAMED_TEAM_FRAGMENT_VERSION):
        raise _start_error(fragment, (TEAM_FRAGMENT_VERSION, NAMED_TEAM_FRAGMENT_VERSION))
    return _decode_team(data, version, body, position)["respondents"]


def decode_link(data: dict, fragment: str) -> dict:
    """Decode any answers link (``v1:``, ``v2:``, ``t1:``, ``t2:``, with or without ``#``), with its names and record.

    Returns ``{"mode": "single", "answers", "name", "role", "record"}`` for one person or
    ``{"mode": "team", "respondents", "record"}`` for a team, like ``read_answers_document``;
    ``record`` is ``{"service", "date"}``.

    >>> from innovation_toolkit.diagnostic.bundle import example_bundle
    >>> decode_link(example_bundle(), "#v2:n=Ann;d=2026-12-01;a=pilots=4")
    {'mode': 'single', 'answers': {'pilots': 4}, 'name': 'Ann', 'role': None, 'record': {'service': None, 'date': '2026-12-01'}}
    """
    version, body, position = _begin(fragment)
    if version in (FRAGMENT_VERSION, NAMED_FRAGMENT_VERSION):
        return _decode_single(data, version, body, position)
    if version in (TEAM_FRAGMENT_VERSION, NAMED_TEAM_FRAGMENT_VERSION):
        return _decode_team(data, version, body, position)
    raise _start_error(fragment, (FRAGMENT_VERSION, NAMED_FRAGMENT_VERSION, TEAM_FRAGMENT_VERSION, NAMED_TEAM_FRAGMENT_VERSION))
