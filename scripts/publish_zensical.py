#!/usr/bin/env python3
"""Publish a Zensical build (default: site/) to the gh-pages branch with ghp-import, as `mkdocs gh-deploy` does.

Zensical has no gh-deploy. This runs
    python -m ghp_import --no-jekyll --push --force --remote origin --branch gh-pages --message MSG site
(ghp-import comes with MkDocs, in .venv) after two checks: SITE_URL is set to a published
address, and the folder was built for that address (its sitemap.xml). Use it as
`SITE_URL=https://ORG.github.io/REPO/ make publish-zensical`, which builds first.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

from sitegen.publishing import is_local, refusal

COMMAND = "make publish-zensical"


def built_for(site: Path) -> str | None:
    """The site_url a built folder was made for: its sitemap's first address, else the home page's canonical link."""
    sitemap = site / "sitemap.xml"
    if sitemap.is_file():
        match = re.search(r"<loc>\s*([^<\s]+)\s*</loc>", sitemap.read_text(encoding="utf-8"))
        if match:
            return match.group(1)
    index = site / "index.html"
    if index.is_file():
        match = re.search(r'<link[^>]*rel="canonical"[^>]*href="([^"]+)"', index.read_text(encoding="utf-8"))
        if match:
            return match.group(1)
    return None


def _same(a: str, b: str) -> bool:
    return a.strip().rstrip("/") == b.strip().rstrip("/")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default="site", help="the built folder (default: site)")
    parser.add_argument("--remote", default="origin", help="git remote to push to (default: origin)")
    parser.add_argument("--branch", default="gh-pages", help="branch to write (default: gh-pages)")
    parser.add_argument("--message", default="Deployed with Zensical (scripts/publish_zensical.py)")
    parser.add_argument("--no-history", action="store_true", help="replace the branch with one commit")
    parser.add_argument("--url-only", action="store_true", help="only check SITE_URL (before building)")
    args = parser.parse_args(argv)

    site = Path(args.site)
    wanted = os.environ.get("SITE_URL", "")
    if is_local(wanted):
        print(refusal(wanted or None, COMMAND, what="SITE_URL"), file=sys.stderr)
        return 1
    if args.url_only:
        return 0
    if not (site / "index.html").is_file():
        print(f"Refusing to publish: {site} holds no built site; run `make zensical` first", file=sys.stderr)
        return 1
    built = built_for(site)
    if built is None or is_local(built):
        print(refusal(built or "(none found)", COMMAND, what=f"the address {site} was built for"), file=sys.stderr)
        return 1
    if not _same(built, wanted):
        print(f"Refusing to publish: {site} was built for {built}, not SITE_URL={wanted}; rebuild it (make zensical)", file=sys.stderr)
        return 1
    command = [
        sys.executable,
        "-m",
        "ghp_import",
        "--no-jekyll",
        "--push",
        "--force",
        "--remote",
        args.remote,
        "--branch",
        args.branch,
        "--message",
        args.message,
    ]
    if args.no_history:
        command.append("--no-history")
    print("publishing", built, "with:", " ".join(command[1:] + [str(site)]))
    return subprocess.run(command + [str(site)]).returncode


if __name__ == "__main__":
    sys.exit(main())
