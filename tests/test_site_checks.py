"""The build-time site checks catch missing and duplicate titles, broken links and anchors."""

from pathlib import Path

from sitegen.checks import check_site


def page(title: str, body: str) -> str:
    return f"<html><head><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>"


def make_site(tmp_path: Path, pages: dict[str, str]) -> Path:
    for name, html in pages.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(html)
    return tmp_path


def test_good_site_passes(tmp_path):
    site = make_site(
        tmp_path,
        {
            "index.html": page("Home", '<a href="model/latent/#risk">x</a><a href="https://example.org/">y</a>'),
            "model/latent/index.html": page("Latent", '<h2 id="risk">Risk</h2><a href="../../">home</a><a href="#risk">r</a>'),
        },
    )
    assert check_site(site) == []


def test_missing_page_and_anchor_are_reported(tmp_path):
    site = make_site(
        tmp_path,
        {
            "index.html": page("Home", '<a href="model/gone/">x</a><a href="model/latent/#nope">y</a>'),
            "model/latent/index.html": page("Latent", ""),
        },
    )
    assert check_site(site) == [
        "index.html: link 'model/gone/' points at a missing page",
        "index.html: link 'model/latent/#nope': no anchor #nope in model/latent/index.html",
    ]


def test_missing_and_duplicate_titles_are_reported(tmp_path):
    site = make_site(
        tmp_path,
        {
            "a/index.html": page("Same", ""),
            "b/index.html": page("Same", ""),
            "c/index.html": "<html><head><title> </title></head><body><h1>C</h1></body></html>",
        },
    )
    assert check_site(site) == ["c/index.html: page has no title", "duplicate page title 'Same': a/index.html, b/index.html"]


def test_pages_need_exactly_one_main_heading(tmp_path):
    site = make_site(tmp_path, {"index.html": "<html><head><title>T</title></head><body><p>no heading</p></body></html>"})
    assert check_site(site) == ["index.html: page has 0 level-1 headings (expected 1)"]
