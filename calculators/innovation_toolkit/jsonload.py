"""Strict JSON for every calculator's input: repeated keys and absurd nesting refused in one line."""

from __future__ import annotations

import json

from innovation_toolkit.errors import InputError

#: Longest piece of a key quoted in a message.
SHOWN = 40


def no_duplicate_keys(pairs: list[tuple[str, object]]) -> dict:
    """``json.loads``'s ``object_pairs_hook``: a JSON object may not name a key twice.

    >>> no_duplicate_keys([("a", 1), ("a", 2)])
    Traceback (most recent call last):
    innovation_toolkit.errors.InputError: key 'a' appears twice in a JSON object
    """
    result: dict = {}
    for key, value in pairs:
        if key in result:
            shown = key if len(key) <= SHOWN else key[: SHOWN - 1] + "…"
            raise InputError(f"key {shown!r} appears twice in a JSON object")
        result[key] = value
    return result


def loads(text: str) -> object:
    """``json.loads`` with one-line errors for bad syntax, repeated keys and nesting too deep to read."""
    try:
        return json.loads(text, object_pairs_hook=no_duplicate_keys)
    except json.JSONDecodeError as error:
        raise InputError(f"not valid JSON ({error.msg})", line=error.lineno, column=error.colno) from None
    except RecursionError:
        raise InputError("JSON nested too deeply to read") from None
