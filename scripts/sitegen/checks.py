"""Checks on the built site: every page has a title of its own, every internal link and anchor resolves.

Run after each MkDocs build by the hook (failing the build) and by the tests; for a Zensical
build, run ``python scripts/check_site.py site``.
"""

from __future__ import annotations

from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

SKIPPED = ("assets/", "vendor/", "search/", "404.html")


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.title = ""
        self.h1_count = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("name"):
            self.ids.add(attributes["name"])
        if tag == "a" and attributes.get("href") is not None:
            self.links.append(attributes["href"])
        if tag == "title":
            self._in_title = True
        if tag == "h1":
            self.h1_count += 1

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def parse_page(file: Path) -> _PageParser:
    """The ids, links (``.links``), title and level-1 heading count of one built HTML page."""
    parser = _PageParser()
    parser.feed(file.read_text(encoding="utf-8"))
    return parser


def _target(site: Path, page: Path, href: str) -> tuple[Path | None, str]:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None, ""
    if not parts.path:
        return page, unquote(parts.fragment)
    base = site if parts.path.startswith("/") else page.parent
    target = (base / unquote(parts.path).lstrip("/")).resolve()
    if target.is_dir() or parts.path.endswith("/"):
        target = target / "index.html"
    return target, unquote(parts.fragment)


def check_site(site: Path | str) -> list[str]:
    """Return every problem found in the built site at ``site`` (empty when all is well)."""
    site = Path(site).resolve()
    pages = {file: parse_page(file) for file in sorted(site.rglob("*.html")) if not str(file.relative_to(site)).startswith(SKIPPED)}
    errors: list[str] = []
    titles: dict[str, list[str]] = defaultdict(list)
    for file, parsed in pages.items():
        name = str(file.relative_to(site))
        if not parsed.title.strip():
            errors.append(f"{name}: page has no title")
        else:
            titles[parsed.title.strip()].append(name)
        if parsed.h1_count != 1:
            errors.append(f"{name}: page has {parsed.h1_count} level-1 headings (expected 1)")
        for href in parsed.links:
            if href.lower().startswith(("mailto:", "tel:", "javascript:")):
                if href.lower().startswith("javascript:"):
                    errors.append(f"{name}: javascript: link {href!r}")
                continue
            target, fragment = _target(site, file, href)
            if target is None:
                continue
            if not target.exists():
                errors.append(f"{name}: link {href!r} points at a missing page")
                continue
            if fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse_page(target).ids
                if fragment not in ids:
                    errors.append(f"{name}: link {href!r}: no anchor #{fragment} in {target.relative_to(site)}")
    for title, names in titles.items():
        if len(names) > 1:
            errors.append(f"duplicate page title {title!r}: {', '.join(names)}")
    return errors
