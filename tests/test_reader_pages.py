"""Reader pages carry the guide, not its workshop: no repository file names, no checker markers, no extraction notes.

"Reader pages" are every built page except the maintainers' and methods pages (``about/``,
``methods/``), which say where the code and data live on purpose. The text checked is what a
reader sees: the HTML without scripts and styles, tags removed, entities decoded; the site's
own downloadable files (``docs/assets/…``) may be named.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
MAINTAINER_SECTIONS = ("about", "methods")


def _repository_file_names() -> set[str]:
    listed = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    return {
        Path(name).name
        for name in listed
        if not name.startswith("docs/assets/") and Path(name).suffix in {".yaml", ".yml", ".py", ".json", ".mjs", ".md"}
    }


def _reader_text(page: Path, *, code: bool = True) -> str:
    """The text a reader sees; without ``code``, also without code samples (a command such as
    ``innovation-toolkit diagnose ANSWERS.yaml --json > diagnostic.json`` names the reader's own files)."""
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", page.read_text(encoding="utf-8"), flags=re.S | re.I)
    if not code:
        markup = re.sub(r"<(code|pre)\b.*?</\1>", " ", markup, flags=re.S | re.I)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


WORKSHOP = re.compile(
    r"verbatim-ok|paraphrase-ok|\bextract(?:ed|ion|able)\b|expanded_in_report|\b(?:content|scripts|calculators|tests)/[\w./-]+",
    re.I,
)


@pytest.fixture(scope="module")
def reader_pages(built_site) -> list[Path]:
    pages = [
        page for page in sorted(built_site.rglob("*.html")) if page.relative_to(built_site).parts[0] not in MAINTAINER_SECTIONS + ("vendor", "assets")
    ]
    assert len(pages) > 40, "the built site has fewer pages than the guide"
    return pages


def test_reader_pages_name_no_repository_file_and_no_workshop_note(built_site, reader_pages):
    names = _repository_file_names()
    file_name = re.compile(r"(?<![\w/.-])(" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + r")(?![\w-])")
    found = []
    for page in reader_pages:
        text, prose = _reader_text(page), _reader_text(page, code=False)
        for where, match in [(text, m) for m in WORKSHOP.finditer(text)] + [(prose, m) for m in file_name.finditer(prose)]:
            found.append(f"{page.relative_to(built_site)}: …{where[max(0, match.start() - 50) : match.end() + 30]}…")
    assert not found, f"{len(found)} workshop detail(s) on reader pages:\n" + "\n".join(found[:40])


def test_the_check_sees_what_it_looks_for(tmp_path):
    """The text extraction keeps a note inside a paragraph and drops one inside a script."""
    page = tmp_path / "index.html"
    page.write_text('<p>See <code>phases.yaml</code>; in the extracted text</p><script>var a = "content/x.yaml"</script>', encoding="utf-8")
    text = _reader_text(page)
    assert "phases.yaml" in text and WORKSHOP.search(text).group(0) == "extracted" and "content/x.yaml" not in text
    assert "phases.yaml" not in _reader_text(page, code=False)


# ---------------------------------------------------------------- citations that inform without cluttering

SECTION_START = re.compile(r"<h[23][\s>]", re.I)


def _source_lines_per_section(page: Path) -> list[tuple[str, int]]:
    """Each h2/h3 section of a built page (and its opening) with the number of "Source:" lines in it."""
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", page.read_text(encoding="utf-8"), flags=re.S | re.I)
    article = markup.split('<article class="md-content__inner', 1)[-1].split("</article>", 1)[0]
    sections = SECTION_START.split(article)
    return [(" ".join(re.sub(r"<[^>]+>", " ", section).split())[:60], len(re.findall(r"\bSource:", section))) for section in sections]


def test_reader_pages_cite_once_per_section_and_never_inline_in_full(built_site, reader_pages):
    """One linked "Source:" line closes a section; in between, only short bracketed references such as "(§5.3)"."""
    crowded, inline = [], []
    for page in reader_pages:
        name = str(page.relative_to(built_site))
        crowded += [f"{name}: {count} in section «{start}…»" for start, count in _source_lines_per_section(page) if count > 1]
        if "(Source:" in _reader_text(page):
            inline.append(name)
    assert not inline, "full citations in brackets, instead of a short reference: " + ", ".join(inline)
    assert not crowded, f"{len(crowded)} section(s) with more than one source line:\n" + "\n".join(crowded[:40])


def test_every_generated_page_cites_in_the_one_style(tmp_path):
    """On the generated Markdown: no leftover citation marks, and no more source lines than sections."""
    sys.path.insert(0, str(REPO / "scripts"))
    from sitegen.content import load_valid_content
    from sitegen.generate import build_pages

    pages = build_pages(load_valid_content())
    assert len(pages) > 40
    for path, text in pages.items():
        assert "\x02" not in text and "\x03" not in text, path
        sections = 1 + len(re.findall(r"^#{2,3} ", text, flags=re.M))
        assert text.count("Source:") <= sections, (path, text.count("Source:"), sections)
        assert "(Source:" not in text, path


def test_the_citation_style_helpers():
    sys.path.insert(0, str(REPO / "scripts"))
    from sitegen.markdown import cite, join_sources, resolve_citations, sources_here

    assert join_sources(["Case study 2 §1", "Case study 2 §2; Table 1", "Case study 2 §3.1", "Table 1"]) == "Case study 2 §§1, 2, 3.1; Table 1"
    assert join_sources("§4.2; Appendix A, Step Two; §4.2") == "§4.2; Appendix A, Step Two"
    # A section citing one place: no brackets, one closing line.
    single = resolve_citations(f"# T\n\n## A\n\nOne. {cite('§5.3')}\n\n- two {cite('§5.3')}\n\n## B\n", "model/x.md")
    assert single.count("Source:") == 1 and 'class="source">(' not in single
    assert single.index("Source:") < single.index("## B")
    # Several places: a bracket at the end of each run, one line listing each reference once.
    several = resolve_citations(f"## A\n\nOne. {cite('§1')}\n\nTwo. {cite('§1')}\n\nThree. {cite('§2')}\n\n{cite('§1')}\n", "model/x.md")
    assert several.count('<span class="source">(') == 2 and several.count('<p class="source">(§1)</p>') == 1
    assert "One.\n" in several and "Two. <span" in several and several.endswith("#cite), §§1, 2</p>\n")
    # A run of one reference ends with its subsection, so each subsection shows its reference.
    parts = resolve_citations(f"## A\n\n### a\n\nx {cite('§1')}\n\n### b\n\ny {cite('§1')}\n\nz {cite('§2')}\n", "model/x.md")
    assert parts.count("(§1)") == 2 and parts.count("(§2)") == 1
    # The closing line where the builder asks for it; a reference given by a page-wide line needs none.
    placed = resolve_citations(f"## A\n\n<ul>\n<li>x {cite('§1')}</li>\n</ul>\n{sources_here()}\n<p>after</p>\n", "index.md")
    assert placed.index("Source:") < placed.index("<p>after</p>")
    covered = resolve_citations(f"## A\n\nx {cite('Appendix A')}\n", "toolkit/x.md", covered="Appendix A")
    assert "Source:" not in covered and '<p class="source">(Appendix A)</p>' in covered
