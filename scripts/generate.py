#!/usr/bin/env python3
"""Generate the site's pages and the calculators' data from content/, then vendor the runtime.

The same steps the MkDocs hook runs; call this before `zensical build` (which runs no hooks).
"""

from __future__ import annotations

import argparse
import sys

from sitegen.assets import VendorError, vendor_all
from sitegen.content import ContentError
from sitegen.generate import generate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-vendor", action="store_true", help="only pages and data, no browser runtime")
    args = parser.parse_args(argv)
    try:
        changed = generate()
        print(f"generated: {len(changed)} file(s) changed")
        if not args.no_vendor:
            manifest = vendor_all()
            print(f"vendored: Pyodide {manifest['pyodide']}, {len(manifest['wheels'])} wheel(s)")
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    except VendorError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
