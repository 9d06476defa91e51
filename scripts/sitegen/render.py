"""The one way each page builder draws the blocks that every page shares.

A page's opening (front matter and heading), the set of pages a builder writes from its content
files, a section made of a heading and a list, and a card in a grid of cards. Each helper returns
the same Markdown the builders wrote by hand before, so the generated pages do not change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sitegen.markdown import cite, front_matter, resolve_citations
from sitegen.urls import Urls

PageBuilder = Callable[[dict, Urls], str]


def page_start(title: str, description: str | None, source: str, heading: str | None = None, search_terms: tuple[str, ...] = ()) -> list[str]:
    """The front matter and the page's ``#`` heading (the title, unless the heading is worded otherwise)."""
    return [front_matter(title, description, source, search_terms), f"# {title if heading is None else heading}\n"]


def pages_for(content: dict, builders: Iterable[tuple[str, str, PageBuilder]]) -> dict[str, str]:
    """The pages whose content file is loaded: ``(content key, page path, builder)`` each."""
    urls = Urls(content)
    return cited_pages({path: build(content, urls) for key, path, build in builders if content.get(key)})


def cited_pages(pages: dict[str, str], covered: dict[str, str] | None = None) -> dict[str, str]:
    """Finished pages with their citation marks in the site's style (``resolve_citations``).

    ``covered``: per page, the references a line of its own already gives (a worksheet's footer).
    """
    return {path: resolve_citations(text, path, (covered or {}).get(path, "")) for path, text in pages.items()}


def cited_paragraph(markdown: str, source: str, page: str = "") -> str:
    """A paragraph of ready-made Markdown, marked as drawn from ``source``."""
    return f"{markdown} {cite(source)}\n"


def cited_lines(lines: list[str], source: str, page: str = "") -> str:
    """Lines of a list or table, ended, then the mark citing all of them."""
    return "\n".join([*lines, "", cite(source) + "\n"])


def list_section(heading: str, items: Iterable[str], lead: str | None = None) -> str:
    """A heading, an optional lead-in paragraph and a bulleted list of ready-made Markdown items."""
    lines = [heading + "\n"]
    if lead:
        lines.append(lead + "\n")
    lines.extend(f"- {item}" for item in items)
    lines.append("")
    return "\n".join(lines)


def card(title: str, *paragraphs: str) -> str:
    """One card of a ``grid cards`` list: its title, a rule, then each paragraph indented under it."""
    return "\n".join([f"-   {title}\n", "    ---\n", *(f"    {paragraph}\n" for paragraph in paragraphs)])
