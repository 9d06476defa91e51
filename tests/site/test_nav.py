"""The navigation in mkdocs.yml and the pages agree: every page is reachable, nothing in the nav is missing,
and the generated sections are listed in the order the content (the report) gives them."""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path

import yaml

from sitegen.content import load_content
from sitegen.generate import build_pages

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose !ENV and !!python/name tags are irrelevant here."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
CONFIG = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
CONTENT = load_content()


def nav_files(items) -> list[str]:
    files: list[str] = []
    for item in items:
        if isinstance(item, str):
            files.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                files.extend([value] if isinstance(value, str) else nav_files(value))
    return files


NAV = nav_files(CONFIG["nav"])
NOT_IN_NAV = [line.strip() for key in ("not_in_nav", "exclude_docs") for line in (CONFIG.get(key) or "").splitlines() if line.strip()]


def test_every_page_is_in_the_nav_once_and_every_nav_entry_is_a_page():
    generated = set(build_pages(CONTENT))
    hand_written = {str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md") if "vendor" not in p.parts} - generated
    pages = {page for page in generated | hand_written if not any(fnmatch(page, pattern.lstrip("/")) for pattern in NOT_IN_NAV)}
    assert len(NAV) == len(set(NAV)), [page for page in NAV if NAV.count(page) > 1]
    assert sorted(pages - set(NAV)) == [], "pages missing from the nav in mkdocs.yml"
    assert sorted(set(NAV) - pages) == [], "nav entries with no page (content or docs/)"


def test_generated_sections_follow_the_content_order():
    case_studies = [f"case-studies/{study['id']}.md" for study in sorted(CONTENT["case-studies"].values(), key=lambda s: s["number"])]
    assert [page for page in NAV if page in case_studies] == case_studies
    phases = [f"model/{phase['id']}.md" for phase in CONTENT["phases"]["phases"]]
    assert [page for page in NAV if page in phases] == phases
