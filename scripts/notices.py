#!/usr/bin/env python3
"""Write the third-party notices (docs/about/third-party.md, docs/THIRD-PARTY-NOTICES.txt) from scripts/third-party.yaml.

The MkDocs hook does this before every build; run it yourself after editing the definition or
a lock, and before `zensical build` (`make zensical` does). `--check` only reports stale files.
"""

from __future__ import annotations

import argparse
import sys

from sitegen.notices import REPO, NoticeError, stale_notices, write_notices


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file is out of date")
    args = parser.parse_args(argv)
    try:
        if args.check:
            stale = stale_notices()
            for path in stale:
                print(f"{path.relative_to(REPO)} is out of date: run python scripts/notices.py", file=sys.stderr)
            return 1 if stale else 0
        changed = write_notices()
    except NoticeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"third-party notices: {len(changed)} file(s) changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
