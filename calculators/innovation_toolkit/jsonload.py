"""Strict JSON for every calculator's input: repeated keys and absurd nesting refused in one line."""

from __future__ import annotations

import itertools
import json
import re

from innovation_toolkit.errors import InputError

#: Longest piece of a key quoted in a message.
SHOWN = 40
#: Deepest nesting of arrays and objects read. Every format the calculators take nests a few
#: levels; in the browser, a few thousand levels overflow the WebAssembly stack inside the JSON
#: parser and kill Python before its recursion limit can answer (Pyodide's "fatal error").
MAX_DEPTH = 100
_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"')
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def nesting_depth(text: str) -> int:
    """How deeply arrays and objects nest in ``text`` (brackets inside strings do not count).

    >>> nesting_depth('{"a": [1, {"b": "[[["}]}')
    3
    >>> nesting_depth("[" * 100_000)
    100000
    """
    brackets = _NOT_BRACKETS.sub("", _STRINGS.sub("", text))
    return max(itertools.accumulate(map(_STEP.__getitem__, brackets)), default=0)


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
    if nesting_depth(text) > MAX_DEPTH:
        raise InputError(f"JSON nested too deeply to read (more than {MAX_DEPTH} levels of brackets)")
    try:
        return json.loads(text, object_pairs_hook=no_duplicate_keys)
    except json.JSONDecodeError as error:
        raise InputError(f"not valid JSON ({error.msg})", line=error.lineno, column=error.colno) from None
    except RecursionError:
        raise InputError("JSON nested too deeply to read") from None
