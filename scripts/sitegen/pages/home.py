"""index.md: what the toolkit is, the critical factors and the lifecycle at a glance, and the ways in."""

from __future__ import annotations

from sitegen.markdown import cite, escape
from sitegen.pages.case_studies import text as _md
from sitegen.render import card, page_start, pages_for
from sitegen.urls import Urls

PAGE = "index.md"
# The ways in: (title, what it does, target page, button label). Our own interface text.
ENTRY_POINTS = [
    (
        "Diagnose your phase",
        "Answer a short set of questions about one service and see where it sits in the lifecycle, "
        "with the pitfalls ahead and the questions to ask now.",
        "calculators/diagnose.md",
        "Start the diagnostic",
    ),
    (
        "Map your connectors",
        "Paste who-talks-to-whom answers from a staff or partner survey and see the hubs, "
        "gatekeepers and pulsetakers. Nothing you paste leaves your browser.",
        "calculators/connectors.md",
        "Open the network map",
    ),
    (
        "Browse case studies",
        "Ten places and projects in the UK, Europe and the US, filterable by country, field, phase and trigger.",
        "case-studies/index.md",
        "See the case studies",
    ),
]


def build(content: dict) -> dict[str, str]:
    return pages_for(content, [("about", PAGE, _page)])


def _page(content: dict, urls: Urls) -> str:
    about = content["about"]
    out = page_start(
        "Transformers toolkit",
        "How local areas innovate: findings, lifecycle model, toolkit and calculators.",
        "about.yaml",
        "How local areas innovate",
    )
    out.append(
        "A practical guide for councils and their partners who want to innovate on purpose: what pushes places "
        "to change, the phases an innovation passes through, questions to ask at each phase, ten case studies, "
        "and two calculators that run entirely in your browser.\n"
    )
    publication = about["publication"]
    out.append(
        f"Everything here is drawn from *{escape(about['title'])}: {escape(about['subtitle'])}* "
        f"({escape(publication['publisher'].split(' (')[0])} with {escape(publication['partner'])}, "
        f"{escape(publication['date'])}), retold in our own words, with the report's sections cited throughout. "
        "[About the report](reference/the-report.md)\n"
    )
    out.append(entry_points())
    out.append(critical_factors(content, urls))
    out.append(lifecycle(content, urls))
    return "\n".join(part for part in out if part)


def entry_points() -> str:
    lines = ["## Where to start\n", '<div class="grid cards home-entry" markdown>\n']
    for index, (title, description, target, button) in enumerate(ENTRY_POINTS):
        style = ".md-button .md-button--primary" if index == 0 else ".md-button"
        lines.append(card(f"**{title}**", description, f"[{button}]({target}){{ {style} }}"))
    lines.append("</div>\n")
    return "\n".join(lines)


def critical_factors(content: dict, urls: Urls) -> str:
    factors = content.get("factors") or {}
    clusters = factors.get("clusters", [])
    if not clusters:
        return ""
    lines = ["## Three critical factors\n"]
    if factors.get("summary"):
        lines.append(_md(factors["summary"]) + "\n")
        lines.append(cite(factors["source"]) + "\n")
    lines.append('<div class="grid cards" markdown>\n')
    for cluster in sorted(clusters, key=lambda item: item["number"]):
        link = urls.link(PAGE, "factor-cluster", cluster["id"])
        title = f"**[{cluster['number']}. {_md(cluster.get('short_title') or cluster['title'])}]({link})**"
        lines.append(card(title, f"{_md(cluster['summary'])} {cite(cluster['source'])}"))
    lines.append("</div>\n")
    return "\n".join(lines)


def lifecycle(content: dict, urls: Urls) -> str:
    phases = (content.get("phases") or {}).get("phases", [])
    if not phases:
        return ""
    ordered = sorted(phases, key=lambda phase: phase["number"])
    lines = ["## The innovation lifecycle\n"]
    try:
        from sitegen.figures import figure_markdown, lifecycle_svg
    except ImportError:
        for phase in ordered:
            summary = phase.get("figure_1_summary", {}).get("text", "")
            lines.append(
                f"{phase['number'] + 1}. **[Phase {phase['number']}: {_md(phase['name'])}]({urls.link(PAGE, 'phase', phase['id'])})**"
                + (f" — {_md(summary)}" if summary else "")
            )
        lines.append("")
    else:
        figure = lifecycle_svg(
            [
                {
                    "number": phase["number"],
                    "name": phase["name"],
                    "summary": " ".join(phase.get("figure_1_summary", {}).get("text", "").split()),
                    "href": urls.link(PAGE, "phase", phase["id"]),
                }
                for phase in ordered
            ],
            svg_id="home-lifecycle",
        )
        lines.append(figure_markdown(figure, "The five phases of the lifecycle, from latent to embedding"))
    sources = "; ".join(dict.fromkeys(phase.get("figure_1_summary", {}).get("source", "Figure 1") for phase in ordered))
    lines.append(cite(sources) + "\n")
    lines.append("Where is your service now? [Diagnose your phase](calculators/diagnose.md), or read [the model](model/index.md) phase by phase.\n")
    return "\n".join(lines)
