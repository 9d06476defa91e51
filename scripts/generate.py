#!/usr/bin/env python3
"""Generate the site's pages and the calculators' data from content/, then vendor the runtime.

The same steps the MkDocs hook runs; call this before `zensical build` (which runs no hooks),
and `--stamp-service-worker SITE` after it (the hook's post-build step: without the stamp the
service worker keeps nothing, so the calculators are not available offline).
"""

from __future__ import annotations

import argparse
import sys

from sitegen.assets import VendorError, stamp_service_worker, vendor_all
from sitegen.content import ContentError
from sitegen.generate import generate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-vendor", action="store_true", help="only pages and data, no browser runtime")
    parser.add_argument("--stamp-service-worker", metavar="SITE", help="only stamp the built site's sw.js with the site's and runtime's versions")
    args = parser.parse_args(argv)
    if args.stamp_service_worker:
        if stamp_service_worker(args.stamp_service_worker) is None:
            print(f"error: {args.stamp_service_worker}/sw.js not found: build the site first", file=sys.stderr)
            return 1
        print("stamped: sw.js")
        return 0
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
