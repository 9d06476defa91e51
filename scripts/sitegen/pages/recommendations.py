"""recommendations/: what the report proposes (§6, §6.1), the research it calls for (§6.2) and its conclusions (§7)."""

from __future__ import annotations

from sitegen.markdown import cite
from sitegen.pages.findings import case_links, cluster_link, text
from sitegen.render import page_start, pages_for
from sitegen.urls import Urls

INDEX = "recommendations/index.md"
RESEARCH = "recommendations/research-needs.md"
CONCLUSIONS = "recommendations/conclusions.md"


def build(content: dict) -> dict[str, str]:
    return pages_for(
        content,
        [("recommendations", INDEX, _recommendations), ("research-needs", RESEARCH, _research_needs), ("conclusions", CONCLUSIONS, _conclusions)],
    )


def _recommendations(content: dict, urls: Urls) -> str:
    page = INDEX
    data = content["recommendations"]
    findings = content.get("findings", {}).get("findings", [])
    out = page_start(
        "Recommendations",
        "What the report proposes to help local areas innovate, cluster by cluster.",
        "recommendations.yaml",
        search_terms=("offending", "eldercare"),  # the priority fields named only here
    )
    intro = data.get("introduction")
    if intro:
        out.extend(f"- {text(point)}" for point in intro.get("points", []))
        out.append("")
        out.append(cite(intro["source"]) + "\n")

    recommendations = data.get("recommendations", [])
    if recommendations:
        out.append("## At a glance { #at-a-glance }\n")
        out.append('<div class="grid cards" markdown>\n')
        for rec in recommendations:
            out.append(f"-   [{text(rec['title'])}]({urls.link(page, 'recommendation', rec['id'])})")
        out.append("\n</div>\n")

    for cluster in data.get("clusters", []):
        slug = cluster["factor_cluster"]
        out.append(f"## {text(cluster['heading'])} {{ #{slug} }}\n")
        out.append(text(cluster["summary"]) + "\n")
        related = [f for f in findings if f.get("factor_cluster") == slug]
        line = f"**Critical factor:** {cluster_link(content, urls, page, slug)}"
        if related:
            line += " · **Findings:** " + ", ".join(f"[{text(f['title'])}]({urls.link(page, 'finding', f['id'])})" for f in related)
        out.append(line + "\n")
        if cluster.get("directions"):
            out.extend(f"- {text(d['text'])} {cite(d['source'])}" for d in cluster["directions"])
            out.append("")
        out.append(cite(cluster["source"]) + "\n")
        for rec in (r for r in recommendations if r["cluster"] == slug):
            out.append(f"### {text(rec['title'])} {{ #{rec['id']} }}\n")
            out.append(text(rec["summary"]) + "\n")
            if rec.get("funding_types"):
                out.append(f"#### Types of funding ({len(rec['funding_types'])}) {{ #{rec['id']}-types }}\n")
                for number, funding in enumerate(rec["funding_types"], 1):
                    out.append(
                        f"**{number}. {text(funding['name'])}.** {text(funding['description'])} "
                        f"{cite(funding['source'])}\n{{ #{funding['id']} .funding-type }}\n"
                    )
            if rec.get("points"):
                out.extend(f"- {text(point)}" for point in rec["points"])
                out.append("")
            out.append(cite(rec["source"]) + "\n")
    return "\n".join(out)


def _research_needs(content: dict, urls: Urls) -> str:
    page = RESEARCH
    data = content["research-needs"]
    out = page_start("Research needs", "Questions about local innovation that the report says need more study.", "research-needs.yaml")
    if data.get("introduction"):
        out.append(text(data["introduction"]) + "\n")
        out.append(cite(data["source"]) + "\n")
    for need in data.get("research_needs", []):
        out.append(f"## {text(need['topic'])} {{ #{need['id']} }}\n")
        out.append(text(need["description"]) + "\n")
        if need.get("related_case_studies"):
            out.append(f"**Case study:** {case_links(content, urls, page, need['related_case_studies'])}\n")
        out.append(cite(need["source"]) + "\n")
    return "\n".join(out)


def _conclusions(content: dict, urls: Urls) -> str:
    out = page_start("Conclusions", "The report's closing argument on national and local roles in innovation.", "conclusions.yaml")
    for item in content["conclusions"].get("conclusions", []):
        out.append(f"## {text(item['title'])} {{ #{item['id']} }}\n")
        out.append(text(item["text"]) + "\n")
        out.append(cite(item["source"]) + "\n")
    return "\n".join(out)
