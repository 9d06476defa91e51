#!/usr/bin/env python3
"""Validate content/: each file against its JSON Schema, every slug reference resolved.

Prints one line per error, `file:line: path.to.field: message`, and exits 1 on any error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sitegen.content import CONTENT, validate_content


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", default=str(CONTENT), help="content folder (default: content/)")
    args = parser.parse_args(argv)
    errors = validate_content(Path(args.root))
    for error in errors:
        print(error)
    if errors:
        print(f"{len(errors)} error(s)", file=sys.stderr)
        return 1
    print("content is valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
