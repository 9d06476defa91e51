"""Answers in the URL fragment (``#v1:…`` for one respondent, ``#t1:…`` for a team), which browsers never send."""

from __future__ import annotations

import difflib
from urllib.parse import quote, unquote

from innovation_toolkit.diagnostic.answers import _normalise_value, validate_respondents
from innovation_toolkit.diagnostic.bundle import (
    DONT_KNOW,
    FRAGMENT_VERSION,
    MAX_FRAGMENT_LENGTH,
    MAX_RESPONDENTS,
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


def encode_fragment(answers: dict) -> str:
    """Encode one respondent's answers for the URL fragment (``#…``), which browsers never send.

    Format ``v1:`` followed by ``id=value`` pairs sorted by id and joined by commas; ``x``
    stands for "don't know". Ids are slugs, values digits, so nothing needs escaping.

    >>> encode_fragment({"spread": None, "pilots": 4})
    'v1:pilots=4,spread=x'
    """
    return f"{FRAGMENT_VERSION}:{_fragment_pairs(answers)}"


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
            close = difflib.get_close_matches(question_id, list(index), n=1)
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


def decode_fragment(data: dict, fragment: str) -> dict:
    """Decode ``encode_fragment``'s output (with or without the leading ``#``) into answers.

    Raises ``InputError`` naming the character position for anything malformed: a missing
    or unknown version, a pair without ``=``, an unknown or repeated question id, a value
    that is not a digit on the question's scale or ``x``.

    >>> from innovation_toolkit.diagnostic.bundle import example_bundle
    >>> decode_fragment(example_bundle(), "#v1:pilots=4,spread=x")
    {'pilots': 4, 'spread': None}
    """
    text = _strip_fragment(fragment)
    skipped = len(fragment) - len(text)
    _check_characters(text, 1 + skipped)
    version, sep, body = text.partition(":")
    if not sep or version != FRAGMENT_VERSION:
        if version == TEAM_FRAGMENT_VERSION:
            raise InputError("URL fragment, character 1: this link holds a team's answers; open it in team mode")
        raise InputError(f"URL fragment, character {1 + skipped}: expected it to start with '{FRAGMENT_VERSION}:', found {_short(text[:8])}")
    return _decode_pairs(data, body, 1 + skipped + len(version) + 1)


def encode_team_fragment(respondents: list) -> str:
    """Encode a team for the URL fragment: ``t1:`` then respondents joined by ``;``.

    Each respondent is ``name*role*pairs`` with name and role percent-encoded (so neither
    ``*`` nor ``;`` can occur in them) and pairs as in ``encode_fragment``.

    >>> encode_team_fragment([{"name": "Ann Lee", "role": "lead", "answers": {"pilots": 5}}])
    't1:Ann%20Lee*lead*pilots=5'
    """
    parts = []
    for respondent in respondents:
        name = quote(str(respondent["name"]), safe="")
        role = quote(str(respondent.get("role") or ""), safe="")
        parts.append(f"{name}*{role}*{_fragment_pairs(respondent['answers'])}")
    return f"{TEAM_FRAGMENT_VERSION}:" + ";".join(parts)


def decode_team_fragment(data: dict, fragment: str) -> list:
    """Decode ``encode_team_fragment``'s output into a list of respondents (validated)."""
    text = _strip_fragment(fragment)
    skipped = len(fragment) - len(text)
    _check_characters(text, 1 + skipped)
    version, sep, body = text.partition(":")
    if not sep or version != TEAM_FRAGMENT_VERSION:
        raise InputError(f"URL fragment, character {1 + skipped}: expected it to start with '{TEAM_FRAGMENT_VERSION}:', found {_short(text[:8])}")
    position = 1 + skipped + len(version) + 1
    if body == "":
        raise InputError(f"URL fragment, character {position}: the team has no respondents")
    respondents = []
    chunks = body.split(";")
    if len(chunks) > MAX_RESPONDENTS:
        raise InputError(f"URL fragment: too many respondents ({len(chunks)}); at most {MAX_RESPONDENTS}")
    for chunk in chunks:
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
        respondents.append({"name": name, "role": role or None, "answers": answers})
        position += len(chunk) + 1
    try:
        validate_respondents(data, respondents)
    except InputError as error:
        raise InputError(f"URL fragment: {error}") from None
    return respondents
