#!/usr/bin/env python3
"""Check a built site (default: site/): titles present and unique, internal links and anchors resolve."""

from __future__ import annotations

import sys

from sitegen.checks import check_site

if __name__ == "__main__":
    problems = check_site(sys.argv[1] if len(sys.argv) > 1 else "site")
    print("\n".join(problems) or "site checks passed")
    sys.exit(1 if problems else 0)
