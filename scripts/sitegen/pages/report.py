"""reference/the-report.md: the source report, its authors, what it covered and how to cite it."""
from __future__ import annotations

from sitegen.markdown import escape, front_matter, source_line

PAGE = "reference/the-report.md"


def build(content: dict) -> dict[str, str]:
    about = content.get("about")
    if not about:
        return {}
    out = [front_matter("The report", "The 2008 NESTA / Young Foundation report this toolkit is drawn from.", "about.yaml")]
    out.append(f"# The report: *{escape(about['title'])}*\n")
    out.append(f"*{escape(about['subtitle'])}*\n")
    publication = about.get("publication", {})
    out.append(
        f"Published by {escape(publication.get('publisher', ''))} with {escape(publication.get('partner', ''))}, "
        f"{escape(publication.get('date', ''))}.\n"
    )
    if publication.get("context"):
        out.append(escape(publication["context"]) + "\n")
        out.append(source_line(publication["source"], PAGE) + "\n")
    out.append("## Authors\n")
    for author in about.get("authors", []):
        out.append(f"- **{escape(author['name'])}**, {escape(author['role'])}, {escape(author['organisation'])}")
    out.append("")
    out.append(source_line(about["source"], PAGE) + "\n")
    return {PAGE: "\n".join(out)}
