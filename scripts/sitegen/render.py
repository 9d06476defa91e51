"""The one way each page builder draws the blocks that every page shares.

A page's opening (front matter and heading), the set of pages a builder writes from its content
files, a section made of a heading and a list, and a card in a grid of cards. Each helper returns
the same Markdown the builders wrote by hand before, so the generated pages do not change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sitegen.markdown import front_matter, source_line
from sitegen.urls import Urls

PageBuilder = Callable[[dict, Urls], str]


def page_start(title: str, description: str | None, source: str, heading: str | None = None, search_terms: tuple[str, ...] = ()) -> list[str]:
    """The front matter and the page's ``#`` heading (the title, unless the heading is worded otherwise)."""
    return [front_matter(title, description, source, search_terms), f"# {title if heading is None else heading}\n"]


def pages_for(content: dict, builders: Iterable[tuple[str, str, PageBuilder]]) -> dict[str, str]:
    """The pages whose content file is loaded: ``(content key, page path, builder)`` each."""
    urls = Urls(content)
    return {path: build(content, urls) for key, path, build in builders if content.get(key)}


def cited_paragraph(markdown: str, source: str, page: str) -> str:
    """A paragraph of ready-made Markdown followed by its citation line."""
    return f"{markdown}\n\n{source_line(source, page)}\n"


def cited_lines(lines: list[str], source: str, page: str) -> str:
    """Lines of a list or table, ended, then the citation line for all of them."""
    return "\n".join([*lines, "", source_line(source, page) + "\n"])


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
