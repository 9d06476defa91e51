"""Where every kind of content item lives on the site: one place, so every link agrees.

``Urls(content).page(kind, slug)`` gives the docs/-relative Markdown path with its anchor
(e.g. ``"findings/critical-factors.md#external-push"``); ``link(from_page, kind, slug)``
gives the relative link to write into a page at ``from_page``. Pages put the anchor on the
item's heading with attr_list: ``## Title { #slug }``.
"""

from __future__ import annotations

from collections.abc import Callable

from sitegen.markdown import relative

# kind → page, or a function of (content, slug) → page. Anchor is the slug unless the kind has its own page.
_PAGES: dict[str, str | Callable[[dict, str], str]] = {
    "phase": lambda content, slug: f"model/{slug}.md",
    "triangle-corner": "model/strategic-triangle.md",
    "factor-cluster": "findings/critical-factors.md",
    "factor": "findings/critical-factors.md",
    "finding": lambda content, slug: f"findings/{_finding_group(content, slug)}.md",
    "finding-group": lambda content, slug: f"findings/{slug}.md",
    "assumption": "findings/assumptions.md",
    "assumption-list": "findings/assumptions.md",
    "method": "findings/support-methods.md",
    "method-effectiveness-factor": "findings/support-methods.md",
    "recommendation": "recommendations/index.md",
    "funding-type": "recommendations/index.md",
    "research-need": "recommendations/research-needs.md",
    "conclusion": "recommendations/conclusions.md",
    "case-study": lambda content, slug: f"case-studies/{slug}.md",
    "glossary-term": "reference/glossary.md",
    "reference": "reference/references.md",
    "literature-section": "reference/literature-review.md",
    "network": "network-analysis/index.md",
    "connector-role": "network-analysis/index.md",
    "step-three": "toolkit/step-three.md",
}
_OWN_PAGE = {"phase", "case-study", "finding-group"}


def _finding_group(content: dict, slug: str) -> str:
    for finding in content.get("findings", {}).get("findings", []):
        if finding["id"] == slug:
            return finding["group"]
    raise KeyError(f"unknown finding '{slug}'")


class Urls:
    def __init__(self, content: dict):
        self.content = content

    def page(self, kind: str, slug: str) -> str:
        target = _PAGES[kind]
        path = target(self.content, slug) if callable(target) else target
        return path if kind in _OWN_PAGE else f"{path}#{slug}"

    def link(self, from_page: str, kind: str, slug: str) -> str:
        path, _, anchor = self.page(kind, slug).partition("#")
        href = relative(from_page, path)
        return f"{href}#{anchor}" if anchor else href
