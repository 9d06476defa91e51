"""The `innovation-toolkit` command line: one sub-command per calculator.

Each sub-command lives in its own module under ``innovation_toolkit.commands`` and exposes
``register(subparsers)``, which adds its parser and sets ``handler`` to a function
``handler(args) -> int``. Whatever the input, the answer stays short:

* bad input (``InputError``), unreadable files (``OSError``), running out of memory and
  usage errors (unknown flag, missing argument, bad choice) end with one line
  ``error: …`` on stderr and exit status 2, never a traceback or a usage block
  (``--help`` prints the full usage as usual);
* a closed output pipe (``innovation-toolkit roles big.csv | head -1``) ends quietly with
  exit status 141, the 128 + SIGPIPE status the shell reports for ``cat`` or ``grep`` in
  the same place: nothing on stderr, but a script using ``set -o pipefail`` still learns
  that the output was cut short (exit status 0 would claim it was delivered);
* Python warnings from libraries (networkx reading GraphML, say) are never printed: the
  parsers turn the useful ones into notes in the result.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import pkgutil
import signal
import sys
import warnings

from innovation_toolkit import commands
from innovation_toolkit.errors import InputError

#: Exit status for bad input and usage errors.
EXIT_ERROR = 2

#: Exit status when the reader of our output went away (128 + SIGPIPE, as the shell shows
#: for a command killed by a closed pipe).
EXIT_BROKEN_PIPE = 128 + getattr(signal, "SIGPIPE", 13)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors are one line: ``error: roles: … (see … --help)``."""

    def error(self, message: str):
        command = self.prog.split(" ", 1)[1] if " " in self.prog else ""
        _say(f"error: {command + ': ' if command else ''}{message} (see {self.prog} --help)")
        self.exit(EXIT_ERROR)

    def parse_args(self, args=None, namespace=None):
        # argparse reports a sub-command's unknown arguments from the top-level parser,
        # without the sub-command's name; report them from the sub-command's parser instead.
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            self._parser_for(parsed).error(f"unrecognized arguments: {' '.join(extras)}")
        return parsed

    def _parser_for(self, parsed: argparse.Namespace) -> argparse.ArgumentParser:
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction):
                chosen = action.choices.get(getattr(parsed, action.dest, None) or "")
                if isinstance(chosen, Parser):
                    return chosen._parser_for(parsed)
        return self


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="innovation-toolkit",
        description="Calculators from the Transformers report: lifecycle diagnostic and connector roles.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=Parser)
    for module_info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        importlib.import_module(f"{commands.__name__}.{module_info.name}").register(subparsers)
    return parser


def _say(line: str) -> None:
    """Print ``line`` on stderr as one line (a file name may hold a line break); if stderr
    is gone too, there is no one left to tell."""
    with contextlib.suppress(OSError, ValueError):
        print(" ".join(line.splitlines()), file=sys.stderr, flush=True)


def _os_error(error: OSError) -> str:
    name = error.filename if error.filename is not None else ""
    reason = error.strerror or str(error) or type(error).__name__
    return f"error: {name}: {reason}" if name != "" else f"error: {reason}"


def _quiet_broken_pipe() -> int:
    """The reader closed our output: point stdout at /dev/null (so the interpreter's last
    flush at exit cannot fail and print a message) and end with EXIT_BROKEN_PIPE."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a real file (in-process tests): nothing to redirect
        pass
    return EXIT_BROKEN_PIPE


def _run(argv: list[str] | None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as done:  # --help, or a usage error already reported on one line
        sys.stdout.flush()
        return done.code if isinstance(done.code, int) else EXIT_ERROR
    code = args.handler(args)
    sys.stdout.flush()  # inside the try of main, so that a closed pipe is caught here
    return code


def main(argv: list[str] | None = None) -> int:
    with warnings.catch_warnings():
        # In front of every other filter, so that neither -W nor PYTHONWARNINGS brings
        # library warnings back onto the terminal (or turns them into tracebacks).
        warnings.simplefilter("ignore")
        try:
            return _run(argv)
        except BrokenPipeError:
            return _quiet_broken_pipe()
        except InputError as error:
            _say(f"error: {error}")
        except OSError as error:
            _say(_os_error(error))
        except UnicodeDecodeError as error:
            _say(f"error: not UTF-8 text (byte {error.start + 1})")
        except MemoryError:
            _say("error: out of memory: the input is too large for this machine")
        except RecursionError:
            _say("error: the input is nested too deeply to read")
        except KeyboardInterrupt:  # Ctrl-C: the shell shows ^C; no traceback
            return 128 + getattr(signal, "SIGINT", 2)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
