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
