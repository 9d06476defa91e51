"""reference/_abbreviations.md: glossary abbreviations, appended to every page by pymdownx.snippets.

Every page that uses e.g. "CPA" then explains it on hover and focus (Material tooltips).
The file is excluded from the site's pages (``exclude_docs``); it only feeds the abbr extension.
"""

from __future__ import annotations

PAGE = "reference/_abbreviations.md"


def build(content: dict) -> dict[str, str]:
    terms = content.get("glossary", {}).get("terms", [])
    lines = [f"*[{term['abbreviation']}]: {term['term']}".replace("\n", " ") for term in terms if term.get("abbreviation")]
    return {PAGE: "\n".join(lines) + "\n"} if lines else {}
