"""findings/: the assumptions the report challenges, the three critical-factor clusters, the
findings by group (each with the case studies that evidence it) and the ways to support innovation.

Also holds the small rendering helpers that the recommendations and reference builders share
(case-study labels, inline citations, first sentences), so every page words links the same way.
"""

from __future__ import annotations

import re

from sitegen.markdown import cite, escape, note_block, relative
from sitegen.render import card, cited_lines, cited_pages, cited_paragraph, page_start, pages_for
from sitegen.urls import Urls

INDEX = "findings/index.md"
ASSUMPTIONS = "findings/assumptions.md"
FACTORS = "findings/critical-factors.md"
METHODS = "findings/support-methods.md"
# A cluster's full title is the report's own section heading (a label, marked verbatim-ok in factors.yaml).
HEADING_OK = "<!-- verbatim-ok: the report's section heading -->"


# --- Shared helpers -----------------------------------------------------------------------


def text(value) -> str:
    """Content text on one line, escaped."""
    return escape(" ".join(str(value).split()))


def first_sentences(value: str, minimum: int = 60) -> str:
    """The opening sentence of a text, or the first two when the first is very short."""
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z(\"])", " ".join(str(value).split()))
    brief = sentences[0]
    if len(brief) < minimum and len(sentences) > 1:
        brief += " " + sentences[1]
    return brief


def case_label(content: dict, slug: str) -> str:
    """A short name for a case study: the place in its short title, else its slug in words (as in the nav).

    Full titles are long (and some are the report's printed headings), so they make poor link text.
    """
    short = content.get("case-studies", {}).get(slug, {}).get("short_title")
    return short.split(" (")[0] if short else slug.replace("-", " ").capitalize()


def case_links(content: dict, urls: Urls, page: str, slugs) -> str:
    return ", ".join(f"[{text(case_label(content, slug))}]({urls.link(page, 'case-study', slug)})" for slug in slugs)


def cluster_by_id(content: dict) -> dict[str, dict]:
    return {cluster["id"]: cluster for cluster in content.get("factors", {}).get("clusters", [])}


def factor_by_id(content: dict) -> dict[str, dict]:
    return {factor["id"]: factor for cluster in cluster_by_id(content).values() for factor in cluster.get("factors", [])}


def cluster_link(content: dict, urls: Urls, page: str, slug: str) -> str:
    cluster = cluster_by_id(content).get(slug, {})
    label = f"{cluster.get('number', '')}. {cluster.get('short_title') or cluster.get('title') or slug}".lstrip(". ")
    return f"[{text(label)}]({urls.link(page, 'factor-cluster', slug)})"


# --- Pages ---------------------------------------------------------------------------------


def build(content: dict) -> dict[str, str]:
    urls = Urls(content)
    pages = pages_for(
        content,
        [
            ("findings", INDEX, _index),
            ("assumptions", ASSUMPTIONS, _assumptions),
            ("factors", FACTORS, _critical_factors),
            ("methods", METHODS, _methods),
        ],
    )
    for group in content.get("findings", {}).get("groups", []):
        path = urls.page("finding-group", group["id"])
        pages[path] = _group_page(content, urls, group, path)
    return cited_pages(pages)


def _findings_in(content: dict, group: str) -> list[dict]:
    return [finding for finding in content.get("findings", {}).get("findings", []) if finding["group"] == group]


def _index(content: dict, urls: Urls) -> str:
    page = INDEX
    out = page_start(
        "Findings", "What the report found: assumptions challenged, the three critical factors and the findings by theme.", "findings.yaml"
    )
    out.append("What the case studies showed about how local areas innovate, arranged as on the pages below.\n")

    assumptions = content.get("assumptions")
    if assumptions:
        out.append("## Assumptions challenged\n")
        out.append(
            "Beliefs about local innovation that the research put to the test, with what it found in brief. Follow a belief for the full evidence.\n"
        )
        for lst in assumptions.get("lists", []):
            items = [a for a in assumptions.get("assumptions", []) if a["list"] == lst["id"]]
            out.append(f"### {text(lst['title'])}\n")
            out.append(f"From the {escape(lst['source'].split(';')[0])}. [The list in full]({urls.link(page, 'assumption-list', lst['id'])})\n")
            rows = [
                f"| [{text(item['belief'])}]({urls.link(page, 'assumption', item['id'])}) | {text(first_sentences(item['evidence']))} |"
                for item in items
            ]
            out.append(cited_lines(["| Belief | What the research found |", "| --- | --- |", *rows], lst["source"], page))

    factors = content.get("factors")
    if factors:
        out.append("## Three clusters of critical factors\n")
        out.append(text(factors["summary"]) + "\n")
        out.append('<div class="grid cards" markdown>\n')
        for cluster in factors.get("clusters", []):
            names = ", ".join(f"[{text(f['name'])}]({urls.link(page, 'factor', f['id'])})" for f in cluster.get("factors", []))
            out.append(
                card(
                    f"**{cluster['number']}. [{text(cluster['short_title'])}]({urls.link(page, 'factor-cluster', cluster['id'])})**",
                    f"{text(cluster['title'])} {HEADING_OK}",
                    *([f"Factors: {names}"] if names else []),
                )
            )
        out.append("</div>\n")
        out.append(cite(factors["source"]) + "\n")

    groups = content.get("findings", {}).get("groups", [])
    if groups:
        out.append("## Findings by theme\n")
        for group in groups:
            out.append(f"### [{text(group['title'])}]({urls.link(page, 'finding-group', group['id'])})\n")
            if group.get("description"):
                out.append(text(group["description"]) + "\n")
            links = [f"- [{text(finding['title'])}]({urls.link(page, 'finding', finding['id'])})" for finding in _findings_in(content, group["id"])]
            out.append(cited_lines(links, group["source"], page))

    methods = content.get("methods")
    if methods:
        out.append("## Ways to support innovation\n")
        out.append(
            cited_paragraph(f"{text(methods['summary'])} [The methods the report describes]({relative(page, METHODS)})", methods["source"], page)
        )
    return "\n".join(out)


def _assumptions(content: dict, urls: Urls) -> str:
    page = ASSUMPTIONS
    data = content["assumptions"]
    lists = {lst["id"]: lst for lst in data.get("lists", [])}
    by_id = {a["id"]: a for a in data.get("assumptions", [])}
    out = page_start("Assumptions challenged", "Common beliefs about local innovation set against what the case studies found.", "assumptions.yaml")
    out.append("Each heading below is a common belief about local innovation; under it, what the research found.\n")
    if data.get("note"):
        out.append(note_block(data["note"], "Two different lists"))
    for lst in data.get("lists", []):
        out.append(f"## {text(lst['title'])} {{ #{lst['id']} }}\n")
        out.append(cited_paragraph(text(lst["summary"]), lst["source"], page))
        for item in (a for a in data.get("assumptions", []) if a["list"] == lst["id"]):
            out.append(f"### {text(item['belief'].rstrip('.'))} {{ #{item['id']} }}\n")
            out.append("What the research found")
            out.append(f":   {text(item['evidence'])}\n")
            if item.get("note"):
                out.append(note_block(item["note"]))
            related = [by_id[slug] for slug in item.get("related", []) if slug in by_id]
            if related:
                links = "; ".join(
                    f"[{text(other['belief'])}]({urls.link(page, 'assumption', other['id'])}) ({text(lists[other['list']]['source'].split(';')[0])} "
                    "list)"
                    for other in related
                )
                out.append(f"Compare: {links}\n")
            out.append(cite(item["source"]) + "\n")
    return "\n".join(out)


def _critical_factors(content: dict, urls: Urls) -> str:
    page = FACTORS
    factors = content["factors"]
    findings = content.get("findings", {}).get("findings", [])
    recommendations = content.get("recommendations", {})
    out = page_start("Critical factors", "The three clusters of factors that explain much of how and why local innovation happened.", "factors.yaml")
    out.append(cited_paragraph(text(factors["summary"]), factors["source"], page))
    for cluster in factors.get("clusters", []):
        out.append(f"## {cluster['number']}. {text(cluster['short_title'])} {{ #{cluster['id']} }}\n")
        out.append(f"*{text(cluster['title'])}* {HEADING_OK}\n{{ .cluster-heading }}\n")
        out.append(text(cluster["summary"]) + "\n")
        if cluster.get("pressures"):
            out.append("Where the push came from in the case studies:\n")
            out.extend(f"- {text(p)}" for p in cluster["pressures"])
            out.append("")
        out.append(cite(cluster["source"]) + "\n")
        for factor in cluster.get("factors", []):
            out.append(f"### {text(factor['name'])} {{ #{factor['id']} }}\n")
            out.append(text(factor["description"]) + "\n")
            related = [f for f in findings if factor["id"] in f.get("factors", [])]
            if related:
                links = ", ".join(f"[{text(f['title'])}]({urls.link(page, 'finding', f['id'])})" for f in related)
                out.append(f"Findings: {links}\n")
            out.append(cite(factor["source"]) + "\n")
        if cluster.get("other_wordings"):
            out.append(f"### How the report words this cluster elsewhere {{ #{cluster['id']}-wordings }}\n")
            for wording in cluster["other_wordings"]:
                out.append(f"- {text(wording['text'])} {cite(wording['source'])}")
            out.append("")
        in_cluster = [f for f in findings if f.get("factor_cluster") == cluster["id"]]
        recs = [r for r in recommendations.get("recommendations", []) if r.get("cluster") == cluster["id"]]
        rec_cluster = next((c for c in recommendations.get("clusters", []) if c.get("factor_cluster") == cluster["id"]), None)
        if in_cluster or recs or rec_cluster:
            out.append(f"### Related findings and recommendations {{ #{cluster['id']}-related }}\n")
            out.extend(f"- Finding: [{text(f['title'])}]({urls.link(page, 'finding', f['id'])})" for f in in_cluster)
            if rec_cluster:
                out.append(
                    "- What the report proposes: "
                    f"[{text(rec_cluster['heading'])}]({relative(page, 'recommendations/index.md')}#{rec_cluster['factor_cluster']})"
                )
            out.extend(f"- Recommendation: [{text(r['title'])}]({urls.link(page, 'recommendation', r['id'])})" for r in recs)
            out.append("")
    return "\n".join(out)


def _group_page(content: dict, urls: Urls, group: dict, page: str) -> str:
    factors = factor_by_id(content)
    out = page_start(group["title"], group.get("description"), "findings.yaml", text(group["title"]))
    if group.get("description"):
        out.append(cited_paragraph(text(group["description"]), group["source"], page))
    for finding in _findings_in(content, group["id"]):
        out.append(f"## {text(finding['title'])} {{ #{finding['id']} }}\n")
        out.append(text(finding["summary"]) + "\n")
        if finding.get("points"):
            out.extend(f"- {text(point)}" for point in finding["points"])
            out.append("")
        if finding.get("factor_cluster"):
            line = f"**Critical factor:** {cluster_link(content, urls, page, finding['factor_cluster'])}"
            named = [factors[slug] for slug in finding.get("factors", []) if slug in factors]
            if named:
                line += " — " + ", ".join(f"[{text(f['name'])}]({urls.link(page, 'factor', f['id'])})" for f in named)
            out.append(line + "\n")
        if finding.get("evidence"):
            out.append(f"### Evidence from the case studies {{ #{finding['id']}-evidence }}\n")
            for item in finding["evidence"]:
                out.append(f"- **{case_links(content, urls, page, item['case_studies'])}:** {text(item['text'])}")
            out.append("")
        if finding.get("note"):
            out.append(note_block(finding["note"]))
        out.append(cite(finding["source"]) + "\n")
    return "\n".join(out)


def _methods(content: dict, urls: Urls) -> str:
    page = METHODS
    data = content["methods"]
    out = page_start(
        "Ways to support innovation",
        "Methods used to support local and public-sector innovation, and what should decide which works.",
        "methods.yaml",
    )
    out.append(cited_paragraph(text(data["summary"]), data["source"], page))
    if data.get("count_note"):
        out.append(note_block(data["count_note"], "How many methods?"))
    methods = data.get("methods", [])
    if methods:
        out.append(f"## The methods ({len(methods)}) {{ #methods }}\n")
        out.append('<div class="grid cards" markdown>\n')
        for method in methods:
            out.append(f"-   ### {text(method['name'])} {{ #{method['id']} }}\n")
            if method.get("used_by"):
                out.append(f"    **Used by:** {text(method['used_by'])}\n")
            out.append(f"    {text(method['what_it_is'])}\n")
            out.append(f"    {cite(method['source'])}\n")
        out.append("</div>\n")
    if data.get("effectiveness_factors"):
        out.append("## What should decide how well a method works {#effectiveness}\n")
        for number, factor in enumerate(data["effectiveness_factors"], 1):
            out.append(f"**{number}. {text(factor['name'])}** {cite(factor['source'])}\n{{ #{factor['id']} .effectiveness-factor }}\n")
        if data.get("effectiveness_note"):
            out.append(note_block(data["effectiveness_note"]))
    if data.get("evidence_gap"):
        out.append("## Little shared knowledge of what works {#evidence-gap}\n")
        out.append(cited_paragraph(text(data["evidence_gap"]["text"]), data["evidence_gap"]["source"], page))
    if data.get("other_mentions"):
        out.append("## Elsewhere in the report {#other-mentions}\n")
        out.extend(f"- {text(m['text'])} {cite(m['source'])}" for m in data["other_mentions"])
        out.append("")
    return "\n".join(out)
