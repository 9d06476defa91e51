"""index.md: what the toolkit is, and the ways in."""
from __future__ import annotations

from sitegen.markdown import escape, front_matter

PAGE = "index.md"


def build(content: dict) -> dict[str, str]:
    about = content.get("about")
    if not about:
        return {}
    out = [front_matter("Transformers toolkit", "How local areas innovate: findings, lifecycle model, toolkit and calculators.", "about.yaml")]
    out.append("# How local areas innovate\n")
    out.append(
        f"A guide and toolkit drawn from *{escape(about['title'])}: {escape(about['subtitle'])}* "
        f"({escape(about['publication']['publisher'].split(' (')[0])} with {escape(about['publication']['partner'])}, "
        f"{escape(about['publication']['date'])}). [About the report](reference/the-report.md)\n"
    )
    out.append("[Map your connectors](calculators/connectors.md){ .md-button .md-button--primary }\n")
    return {PAGE: "\n".join(out)}
