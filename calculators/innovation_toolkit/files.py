"""Reading input files and writing JSON for the command line, safely whatever the input.

* :func:`read_bounded` reads a file (or ``-``, standard input) in chunks and stops as soon
  as more than a limit has arrived, so ``/dev/zero``, ``/dev/urandom`` or an endless pipe
  ends within about a second with one line instead of filling memory. A regular file whose
  size is over the limit is refused before anything is read.
* :func:`json_text` writes a result as strict JSON (no ``NaN`` or ``Infinity``, which
  ``JSON.parse`` and most other readers reject) and raises a one-line ``InputError``
  naming the value if a result still holds a non-finite number.
"""

from __future__ import annotations

import json
import math
import os
import stat
import sys
from pathlib import Path

from innovation_toolkit.errors import InputError

#: Bytes asked for per read from a pipe or device (a regular file is read in one go).
CHUNK_BYTES = 1 << 20

#: The name that stands for standard input.
STDIN = "-"


def display_name(path: Path | str) -> str:
    """The name used for ``path`` in messages: ``standard input`` for ``-``."""
    return "standard input" if str(path) == STDIN else str(path)


def _megabytes(count: int) -> str:
    return f"{count / 1_000_000:,.1f} MB" if count >= 1_000_000 else f"{count:,} bytes"


def _limit_text(limit: int) -> str:
    return f"{limit // 1_000_000:,} MB" if limit >= 1_000_000 and limit % 1_000_000 == 0 else f"{limit:,} bytes"


def read_bounded(path: Path | str, limit: int, what: str, *, advice: str = "") -> bytes:
    """Return the bytes of ``path`` (``-`` for standard input), at most ``limit`` of them.

    ``what`` says what the file is ("ties file", "answers file", …) and ``advice`` is an
    optional clause appended to the message (after a colon) when the file is too large.
    Raises ``InputError`` with one line naming the file and the limit as soon as more than
    ``limit`` bytes arrive; other problems (missing file, a directory, no permission) raise
    ``OSError`` as usual, which the command line reports as ``error: NAME: reason``.
    """
    name = display_name(path)
    tail = f": {advice}" if advice else ""
    if str(path) == STDIN:
        handle, close = sys.stdin.buffer, False
    else:
        handle, close = open(path, "rb"), True  # noqa: SIM115 - closed below
    try:
        info = os.fstat(handle.fileno())
        if stat.S_ISDIR(info.st_mode):  # Linux opens a directory for reading and fails on read; say so first
            raise IsADirectoryError(21, "Is a directory", name)
        regular = stat.S_ISREG(info.st_mode)
        if regular and info.st_size > limit:
            raise InputError(f"{name} is too large ({_megabytes(info.st_size)}; the limit is {_limit_text(limit)}){tail}")
        chunks: list[bytes] = []
        total = 0
        # A regular file is read in one piece of its own size (one copy in memory); a pipe,
        # device or /proc file (size 0 or meaningless) in chunks, never past limit + 1 bytes.
        first = info.st_size + 1 if regular else CHUNK_BYTES
        while True:
            chunk = handle.read(min(first if not chunks else CHUNK_BYTES, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                chunks.clear()
                raise InputError(
                    f"{name} is too large (more than {_limit_text(limit)} arrived; the limit for the {what} is {_limit_text(limit)}){tail}"
                )
        return b"".join(chunks)  # one chunk (a regular file) is returned without a copy
    finally:
        if close:
            handle.close()


def _non_finite(value: object, where: str = "") -> tuple[str, float] | None:
    """Where the first NaN or infinite float in ``value`` sits (``people[0].strength``) and its value."""
    if isinstance(value, float):
        return None if math.isfinite(value) else (where or "the top level", value)
    if isinstance(value, dict):
        for key, item in value.items():
            found = _non_finite(item, f"{where}.{key}" if where else str(key))
            if found:
                return found
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            found = _non_finite(item, f"{where}[{index}]")
            if found:
                return found
    return None


def json_text(result: object, *, advice: str = "") -> str:
    """``result`` as indented, strict JSON (never ``NaN`` or ``Infinity``, which ``JSON.parse``
    rejects); a one-line ``InputError`` naming the value if it holds one, ending with ``advice``."""
    try:
        return json.dumps(result, indent=2, ensure_ascii=False, allow_nan=False)
    except ValueError:
        found = _non_finite(result)
        if found is None:
            raise
        where, value = found
        kind = "not a number (NaN)" if math.isnan(value) else "infinite"
        raise InputError(f"cannot write the result as JSON: the value at {where} is {kind}" + (f": {advice}" if advice else "")) from None
