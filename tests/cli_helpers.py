"""Running the real `innovation-toolkit` command in the robustness tests: a subprocess with a time
limit and an address-space bound (``RLIMIT_AS``), so that an endless or exploding input shows up
as a timeout or an out-of-memory failure rather than a slow test run."""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: Address space allowed to the command: Python, networkx and a 200 MB input fit with room to
#: spare (a run stays under 300 MB); /dev/zero read whole or an alias bomb written out do not.
MEMORY_BOUND = 1_000_000_000
#: Seconds any one run may take (interpreter start-up included, on a shared machine; an endless
#: input must stop in about a second).
TIME_LIMIT = 10


def bound_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BOUND, MEMORY_BOUND))


def cli(*argv, stdin=None, input_bytes: bytes | None = None, env=None) -> subprocess.CompletedProcess:
    """Run ``python -m innovation_toolkit.cli ARGV``; the result also has ``seconds``, ``out`` and ``err`` (text)."""
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "innovation_toolkit.cli", *map(str, argv)],
        cwd=REPO,
        stdin=stdin,
        input=input_bytes,
        capture_output=True,
        timeout=TIME_LIMIT,
        preexec_fn=bound_memory,
        env=env,
        check=False,
    )
    done.seconds = time.monotonic() - started  # type: ignore[attr-defined]
    done.out, done.err = done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace")  # type: ignore[attr-defined]
    return done


def assert_one_line_error(done: subprocess.CompletedProcess, *fragments: str, max_length: int | None = None) -> None:
    """Exit status 2, nothing on standard output, one ``error: …`` line (shorter than ``max_length``) holding each fragment."""
    err, out = done.err, done.out  # type: ignore[attr-defined]
    assert done.returncode == 2, (done.returncode, err[-2000:])
    assert out == "", out[:200]
    assert err.startswith("error: ") and err.count("\n") == 1, err[-2000:]
    assert "Traceback" not in err
    if max_length is not None:
        assert len(err) < max_length, err[:max_length]
    for fragment in fragments:
        assert fragment in err, (fragment, err)
