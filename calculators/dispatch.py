"""One entry point for callers outside Python (the browser worker, the Node test runner).

``run_call("calculators.network.analyse:analyse", '{"text": "Ann,Bob"}')`` imports the function, calls it
with the JSON keyword arguments and returns a JSON string: ``{"result": …}`` or, for input
the user can fix, ``{"error": message, "line": …, "column": …}``. Only functions inside the
``calculators`` package can be called.
"""
from __future__ import annotations

import importlib
import json
import time

from calculators.errors import InputError


def run_call(call: str, kwargs_json: str) -> str:
    """Call ``module:function`` (inside ``calculators``) with JSON keyword arguments; return JSON."""
    module_name, _, function_name = call.partition(":")
    if not (module_name == "calculators" or module_name.startswith("calculators.")) or not function_name.isidentifier():
        raise ValueError(f"not a calculator function: {call!r}")
    function = getattr(importlib.import_module(module_name), function_name)
    started = time.perf_counter()
    try:
        outcome = {"result": function(**json.loads(kwargs_json))}
    except InputError as error:
        outcome = error.to_dict()
    outcome["elapsed_ms"] = round((time.perf_counter() - started) * 1000, 3)
    return json.dumps(outcome, ensure_ascii=False)
