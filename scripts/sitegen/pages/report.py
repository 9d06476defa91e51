"""reference/the-report.md: the source report, its authors, what it covered and how to cite it.

Every citation line on the site ("Source: Transformers, §4.2.1") links to this page's ``#cite`` anchor.
"""

from __future__ import annotations

import re

from sitegen.markdown import cite, escape, note_block
from sitegen.pages.findings import case_links, text
from sitegen.render import list_section, page_start, pages_for
from sitegen.urls import Urls

PAGE = "reference/the-report.md"


def build(content: dict) -> dict[str, str]:
    return pages_for(content, [("about", PAGE, _page)])


def _page(content: dict, urls: Urls) -> str:
    about = content["about"]
    publication = about.get("publication", {})
    out = page_start(
        "The report", "The 2008 NESTA / Young Foundation report this toolkit is drawn from.", "about.yaml", f"The report: *{escape(about['title'])}*"
    )
    out.append(f"*{escape(about['subtitle'])}*\n")
    out.append(_publication_facts(publication))
    if publication.get("context"):
        out.append(text(publication["context"]) + "\n")
    out.append(cite(publication["source"]) + "\n")
    out += _cited_paragraphs("## What the foreword says { #foreword }", about.get("foreword", []))
    out += _people(about)
    out += _cited_paragraphs("## Why the report looks beyond performance { #introduction }", about.get("introduction", []))
    out += _research(about)
    out += _case_studies(about, content, urls)
    if about.get("key_messages"):
        out.append(list_section("## Key messages { #key-messages }", (f"{text(m['text'])} {cite(m['source'])}" for m in about["key_messages"])))
    out += _how_to_cite(about)
    return "\n".join(out)


def _publication_facts(publication: dict) -> str:
    rows = [
        ("Publisher", publication.get("publisher")),
        ("With", publication.get("partner")),
        ("Published", publication.get("date")),
        ("Foreword by", publication.get("foreword_by")),
    ]
    return "\n".join(f"{label}\n:   {text(value)}\n" for label, value in rows if value)


def _cited_paragraphs(heading: str, items: list[dict]) -> list[str]:
    """A section of paragraphs, each marked with its source (one source line closes the section)."""
    if not items:
        return []
    sources = "; ".join(dict.fromkeys(part.strip() for item in items for part in item["source"].split(";")))
    return [heading + "\n", *(text(item["text"]) + "\n" for item in items), cite(sources) + "\n"]


def _people(about: dict) -> list[str]:
    out = ["## Authors { #authors }\n"]
    for author in about.get("authors", []):
        out.append(f"- **{escape(author['name'])}**, {escape(author['role'])}, {escape(author['organisation'])}")
    out.append("")
    out.append(cite(about["authors"][0]["source"] if about.get("authors") else about["source"]) + "\n")
    contributors = about.get("contributors", [])
    if contributors:
        out.append("### Also credited { #contributors }\n")
        out.extend(f"- {escape(p['name'])}, {escape(p['role'])}, {escape(p['organisation'])}" for p in contributors)
        out.append("")
        out.append(cite(contributors[0]["source"]) + "\n")
    organisations = sorted({p["organisation"] for p in about.get("authors", []) + contributors})
    if organisations:
        out.append(f"**Organisations:** {', '.join(escape(name) for name in organisations)}\n")
    return out


def _research(about: dict) -> list[str]:
    research = about.get("research")
    if not research:
        return []
    out = ["## What the research covered { #research }\n"]
    if research.get("question"):
        out.append(f"**Question:** {text(research['question'])}\n")
    for key, heading in (("methods", "How it was done"), ("outputs", "What it produced")):
        if research.get(key):
            out.append(list_section(f"### {heading} {{ #research-{key} }}", (text(item) for item in research[key])))
    if research.get("selection"):
        out.append("### How the case studies were chosen { #research-selection }\n")
        out.append(text(research["selection"]) + "\n")
    out.append(cite(research["source"]) + "\n")
    return out


def _case_studies(about: dict, content: dict, urls: Urls) -> list[str]:
    out = ["## Case studies { #case-studies }\n"]
    for group in about.get("case_study_groups", []):
        out.append(f"### {text(group['name'])} {{ #{_anchor(group['name'])} }}\n")
        out.append(text(group["fields"]) + "\n")
        out.append(f"**Case study pages:** {case_links(content, urls, PAGE, group['case_studies'])}\n")
        out.append(cite(group["source"]) + "\n")
    counts = about.get("case_study_counts", [])
    if counts:
        out.append("### How many case studies? { #case-study-counts }\n")
        out.append("The report gives different counts in different places:\n")
        out.append("| Where in the report | What it says | Count |")
        out.append("| --- | --- | --- |")
        for count in counts:
            number = str(count["count"]) if count.get("count") is not None else "not stated"
            out.append(f"| {escape(count['source'])} | {text(count['statement'])} | {number} |")
        out.append("")
    if about.get("note"):
        out.append(note_block(about["note"], "Differing counts"))
    return out


def _anchor(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _initials(name: str) -> str:
    *given, surname = name.split()
    return f"{surname}, " + " ".join(f"{part[0]}." for part in given)


def _how_to_cite(about: dict) -> list[str]:
    publication = about.get("publication", {})
    names = [_initials(author["name"]) for author in about.get("authors", [])]
    authors = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)
    year = re.search(r"\b(1[89]|20)\d\d\b", publication.get("date", ""))
    publisher = publication.get("publisher", "").split(" (")[0]
    parts = [f"{escape(authors)} ({year.group(0) if year else 'n.d.'}) *{escape(about['title'])}: {escape(about['subtitle'])}*"]
    if publisher:
        parts.append(escape(publisher) + (f" and {escape(publication['partner'])}" if publication.get("partner") else ""))
    out = ["## How to cite the report { #cite }\n"]
    out.append(". ".join(parts) + ".\n{ .citation }\n")
    out.append(
        "Pages on this site cite the report by section, table or appendix, for example “§4.2.1” or “Case study 3 §5.2”; each such citation links "
        "here.\n"
    )
    out.append(cite(about["source"]) + "\n")
    return out
