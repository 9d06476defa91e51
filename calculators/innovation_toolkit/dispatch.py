"""One entry point for callers outside Python (the browser worker, the Node test runner).

``run_call("innovation_toolkit.network.analyse:analyse", '{"text": "Ann,Bob"}')`` imports the function, calls it
with the JSON keyword arguments (``{"$bytes": base64}`` stands for a file's bytes) and returns a JSON string: ``{"result": …}`` or, for input
the user can fix, ``{"error": message, "line": …, "column": …}``. Only functions inside the
``innovation_toolkit`` package can be called.
"""

from __future__ import annotations

import base64
import binascii
import importlib
import json
import time

from innovation_toolkit.errors import InputError
from innovation_toolkit.jsonload import nesting_depth

#: Deepest nesting of a call's arguments (a parsed file the page passes on nests as deeply as the file).
MAX_CALL_DEPTH = 1_000


def run_call(call: str, kwargs_json: str) -> str:
    """Call ``module:function`` (inside ``innovation_toolkit``) with JSON keyword arguments; return JSON."""
    module_name, _, function_name = call.partition(":")
    if not (module_name == "innovation_toolkit" or module_name.startswith("innovation_toolkit.")) or not function_name.isidentifier():
        raise ValueError(f"not a calculator function: {call!r}")
    function = getattr(importlib.import_module(module_name), function_name)
    started = time.perf_counter()
    try:
        # A safety net under each reader's own, lower limit: Pyodide dies between 5,000 and 10,000 levels.
        if nesting_depth(kwargs_json) > MAX_CALL_DEPTH:
            raise InputError(f"the data is nested too deeply to read (more than {MAX_CALL_DEPTH:,} levels of brackets)")
        outcome = {"result": function(**json.loads(kwargs_json, object_hook=_bytes))}
    except InputError as error:
        outcome = error.to_dict()
    outcome["elapsed_ms"] = round((time.perf_counter() - started) * 1000, 3)
    return json.dumps(outcome, ensure_ascii=False, allow_nan=False)


def _bytes(value: dict) -> object:
    """``{"$bytes": base64}`` (a file's bytes from the browser worker) as ``bytes``; other objects unchanged."""
    if set(value) != {"$bytes"}:
        return value
    try:
        return base64.b64decode(value["$bytes"], validate=True)
    except (binascii.Error, TypeError):
        raise InputError("the file could not be passed to the calculator (its bytes were damaged): choose it again") from None
