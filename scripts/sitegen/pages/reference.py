"""reference/: the glossary, the report's bibliography and its literature review (Appendix D)."""

from __future__ import annotations

from itertools import groupby

from sitegen.markdown import attr, cite, escape, note_block
from sitegen.pages.findings import text
from sitegen.render import page_start, pages_for
from sitegen.urls import Urls

GLOSSARY = "reference/glossary.md"
REFERENCES = "reference/references.md"
LITERATURE = "reference/literature-review.md"

LIST_NAMES = {"references": "Main reference list", "case-study-references": "Case study references"}
VERBATIM_OK = "<!-- verbatim-ok: bibliographic entry -->"
LIST_SOURCES = {"references": "References", "case-study-references": "Case study references"}


def build(content: dict) -> dict[str, str]:
    return pages_for(
        content, [("glossary", GLOSSARY, _glossary), ("references", REFERENCES, _references), ("literature-review", LITERATURE, _literature_review)]
    )


def _sort_key(term: dict) -> str:
    return term["term"].lower().lstrip("'\"")


def _opening(title: str, description: str, source: str, lead: str, data: dict, note_title: str) -> list[str]:
    """A reference page's opening: heading, the lead-in paragraph and the editorial note on its list, if any."""
    out = page_start(title, description, source) + [lead + "\n"]
    if data.get("note"):
        out.append(note_block(data["note"], note_title))
    return out


def _glossary(content: dict, urls: Urls) -> str:
    page = GLOSSARY
    data = content["glossary"]
    terms = sorted(data.get("terms", []), key=_sort_key)
    names = {term["id"]: term["term"] for term in terms}
    lead = (
        f"{len(terms)} terms and abbreviations used in the report, A to Z. Abbreviations are also explained wherever they appear on this site: hover "
        "over or focus them."
    )
    out = _opening("Glossary", "The report's terms and abbreviations, each defined and cited.", "glossary.yaml", lead, data, "About the definitions")
    out.append(cite(data["source"]) + "\n")
    letters = [(letter, list(group)) for letter, group in groupby(terms, key=lambda t: _sort_key(t)[0].upper())]
    out.append(" · ".join(f"[{letter}](#letter-{letter.lower()})" for letter, _ in letters) + "\n{ .glossary-letters }\n")
    for letter, group in letters:
        out.append(f"## {letter} {{ #letter-{letter.lower()} }}\n")
        for term in group:
            abbreviation = term.get("abbreviation")
            shown = f" ({escape(abbreviation)})" if abbreviation and abbreviation.lower() != term["term"].lower() else ""
            out.append(f"### {text(term['term'])}{shown} {{ #{term['id']} }}\n")
            if abbreviation:
                unexplained = (
                    " (the report does not spell it out; the expansion given is the usual one)" if term.get("expanded_in_report") is False else ""
                )
                out.append(f"**Abbreviation:** {escape(abbreviation)}{unexplained}\n")
            out.append(text(term["definition"]) + "\n")
            if term.get("note"):
                out.append(note_block(term["note"]))
            if term.get("connector_role"):
                out.append(f"**Connector role:** [how the network analysis uses it]({urls.link(page, 'connector-role', term['connector_role'])})\n")
            if term.get("see_also"):
                links = ", ".join(f"[{text(names.get(slug, slug))}]({urls.link(page, 'glossary-term', slug)})" for slug in term["see_also"])
                out.append(f"**See also:** {links}\n")
            out.append(cite(term["source"]) + "\n")
    return "\n".join(out)


def _names(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def format_citation(ref: dict) -> str:
    """A Harvard-style citation built from the entry's fields, as escaped Markdown."""
    authors = escape(_names(ref["authors"])) + (" (eds)" if ref.get("editors") else "")
    year = escape(ref["year"]) if ref.get("year") is not None else "n.d."
    if ref.get("container"):
        parts = [f"{authors} ({year}) ‘{text(ref['title'])}’, *{text(ref['container'])}*"]
    else:
        parts = [f"{authors} ({year}) *{text(ref['title'])}*"]
    if ref.get("details"):
        if ref.get("container"):
            parts[0] += f", {text(ref['details'])}"
        else:
            parts.append(text(ref["details"]))
    place_publisher = ": ".join(text(ref[key]) for key in ("place", "publisher") if ref.get(key))
    if place_publisher:
        parts.append(place_publisher)
    if ref.get("unpublished"):
        parts.append("Unpublished")
    citation = ". ".join(part.rstrip(".") for part in parts) + "."
    if ref.get("url"):
        url = ref["url"] if "://" in ref["url"] else "http://" + ref["url"]
        accessed = f" (accessed {text(ref['accessed'])})" if ref.get("accessed") else ""
        citation += f' Available at: <a href="{attr(url)}">{escape(ref["url"])}</a>{accessed}.'
    return citation


def _references(content: dict, urls: Urls) -> str:
    data = content["references"]
    refs = data.get("references", [])
    lead = (
        f"The {len(refs)} works listed in the report's two bibliographies, by first author. Each entry has its own link target, so other pages can "
        "point at it."
    )
    out = _opening("References", "The works the report cites, each with its own anchor.", "references.yaml", lead, data, "Two lists in the report")
    sections = {
        "references": [r for r in refs if "references" in r["lists"]],
        "case-study-references": [r for r in refs if "references" not in r["lists"]],
    }
    for list_id, entries in sections.items():
        if not entries:
            continue
        out.append(f"## {LIST_NAMES[list_id]} {{ #{list_id} }}\n")
        if list_id == "references":
            out.append("Works that the report lists in both bibliographies appear once, here.\n")
        for ref in sorted(entries, key=lambda r: (r["authors"][0].lower(), str(r.get("year") or ""), r["title"].lower())):
            line = format_citation(ref)
            if len(ref["lists"]) > 1:
                line += " *(Also in the case study references.)*"
            # Titles of cited works are facts; the marker tells verbatim_check so (as references.yaml does).
            out.append(f"{line} {VERBATIM_OK}\n{{ #{ref['id']} .reference }}\n")
            if ref.get("note"):
                out.append(note_block(ref["note"]))
        out.append(cite(LIST_SOURCES[list_id]) + "\n")
    return "\n".join(out)


def _literature_review(content: dict, urls: Urls) -> str:
    data = content["literature-review"]
    out = page_start(
        "Literature review", "Appendix D: what earlier research says about social innovation and innovative places.", "literature-review.yaml"
    )
    out.append(text(data["summary"]) + "\n")
    out.append(cite(data["source"]) + "\n")
    for section in data.get("sections", []):
        level = "##" if "." not in section["number"] else "###"
        sub = level + "#"
        out.append(f"{level} {escape(section['number'])}. {text(section['title'])} {{ #{section['id']} }}\n")
        out.append(text(section["summary"]) + "\n")
        if section.get("points"):
            out.extend(f"- {text(point)}" for point in section["points"])
            out.append("")
        for number, lst in enumerate(section.get("lists", []), 1):
            out.append(f"{sub} {text(lst['title'])} {{ #{section['id']}-list-{number} }}\n")
            out.extend(f"- {text(item)}" for item in lst["items"])
            out.append("")
        if section.get("note"):
            out.append(note_block(section["note"]))
        out.append(cite(section["source"]) + "\n")
    return "\n".join(out)
