"""Pure-Python calculators from the Transformers toolkit.

Every public function takes plain data (dicts, lists, strings) and returns
JSON-serialisable dicts, so the same code runs in CPython (tests, CLI) and in
Pyodide (the browser) unchanged. No DOM code, no I/O beyond what callers pass in.
"""

__version__ = "0.1.0"
