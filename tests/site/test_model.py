"""The model section: lifecycle overview, one page per phase, strategic triangle, local innovation system."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path

import markdown
import pytest

from sitegen.content import load_content
from sitegen.markdown import relative
from sitegen.pages import model
from sitegen.urls import Urls

CONTENT = load_content()
PAGES = model.build(CONTENT)
URLS = Urls(CONTENT)
PHASES = CONTENT["phases"]["phases"]
EXTENSIONS = ["attr_list", "md_in_html", "admonition", "toc", "tables", "pymdownx.details", "pymdownx.superfences"]


def html(path: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(PAGES[path].split("-->", 1)[1])


def links(path: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html(path))


def test_builds_exactly_the_model_pages_in_the_nav():
    expected = {"model/index.md", "model/strategic-triangle.md", "model/local-innovation-system.md"}
    expected |= {f"model/{slug}.md" for slug in ["latent", "design-and-discovery", "mobilisation", "mainstreaming", "embedding"]}
    assert set(PAGES) == expected
    nav = Path(__file__).resolve().parents[2].joinpath("mkdocs.yml").read_text(encoding="utf-8")
    for path in PAGES:
        assert f" {path}" in nav, path


def test_every_page_has_one_h1_a_title_and_citations():
    for path, text in PAGES.items():
        page = html(path)
        assert page.count("<h1") == 1, path
        assert re.search(r'^title: ".+"$', text, re.M), path
        assert page.count('class="source"') >= 3, path
        assert "TODO" not in text and "lorem" not in text.lower()


def test_internal_links_point_at_pages_of_the_site():
    site_pages = {"model/", "case-studies/", "toolkit/", "reference/", "findings/", "network-analysis/", "calculators/"}
    for path in PAGES:
        for href in links(path):
            if href.startswith(("#", "http")):
                continue
            target = href.split("#")[0]
            resolved = Path(path).parent.joinpath(target).as_posix()
            parts = []
            for part in resolved.split("/"):
                if part == "..":
                    parts.pop()
                elif part != ".":
                    parts.append(part)
            resolved = "/".join(parts)
            assert resolved.endswith(".md"), (path, href)
            assert any(resolved.startswith(prefix) for prefix in site_pages), (path, href)


@pytest.mark.parametrize("phase", PHASES, ids=lambda p: p["id"])
def test_phase_page_has_every_part_of_the_phase(phase):
    path = f"model/{phase['id']}.md"
    page, text = html(path), PAGES[path]
    assert re.search(rf"<h1[^>]*>Phase {phase['number']}: {phase['name']}</h1>", page)
    for heading in ["Typology", "What it looks like", "Strategic triangle", "How to progress", "Questions to ask"]:
        assert re.search(rf"<h2[^>]*>{heading}", page), heading
    assert phase["typology"]["text"] in text
    summary = phase["figure_1_summary"]["text"]
    assert text.count(summary) == 1, "the lifecycle chart's caption is shown once, as the page's lead"
    assert phase["description"]["text"].replace('"', "&quot;")[:40] in page or phase["description"]["text"][:40] in text
    assert "Table A1" in text and "Appendix A, Step Three" in text
    for question in phase["step_three"]["questions"]:
        assert question["question"] in text
    assert URLS.link(path, "step-three", phase["id"]) == f"../toolkit/step-three.md#{phase['id']}"
    assert f'href="../toolkit/step-three.md#{phase["id"]}"' in page
    for example in phase["case_study_examples"]:
        assert f'href="{URLS.link(path, "case-study", example["case_study"])}"' in page


@pytest.mark.parametrize("phase", PHASES, ids=lambda p: p["id"])
def test_phase_triangle_figure_and_each_corner_importance(phase):
    path = f"model/{phase['id']}.md"
    page = html(path)
    svg = re.search(r"<svg .*?</svg>", page, re.S).group(0)
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    for corner in phase["strategic_triangle"]["corners"]:
        level = corner["importance"].replace("-", " ")
        name = {"authority": "Authority", "organisational-capacity": "Organisational capacity", "value": "Value"}[corner["corner"]]
        assert f"<strong>{name}</strong>: {level}" in page, (name, level)
        assert f'<a href="strategic-triangle.md#{corner["corner"]}">{name}</a></td>\n<td>{level}</td>' in page
    risk = phase["strategic_triangle"].get("main_risk")
    if risk:
        assert risk["text"][:50] in PAGES[path]
    for relation in phase["strategic_triangle"]["key_relationships"]:
        assert relation["text"][:50] in PAGES[path]


def test_latent_says_table_a2_has_no_row_and_invents_none():
    text = PAGES["model/latent.md"]
    assert "gives no row for this phase" in text
    assert "## Pitfalls" not in text
    assert "What the report says is needed to move on" not in text


@pytest.mark.parametrize("phase", [p for p in PHASES if p["number"] > 0], ids=lambda p: p["id"])
def test_later_phases_show_table_a2_progression_and_pitfalls(phase):
    path = f"model/{phase['id']}.md"
    text = PAGES[path]
    for item in phase["progression"]["requirements"] + phase["pitfalls"]["items"]:
        assert item in text
    target = phase["progression"]["to_phase"]
    if target:
        assert f"]({target}.md)" in text


def test_case_studies_the_report_places_in_a_phase_are_listed_there():
    placements = [p for p in CONTENT["lifecycle"]["placements"] if p["phase"]]
    assert placements
    for placement in placements:
        page = html(f"model/{placement['phase']}.md")
        section = page.split('id="case-studies"', 1)[1]
        assert f'href="../case-studies/{placement["case_study"]}.md"' in section, placement


def test_index_has_figure_1_overview_pervasive_innovation_placements_and_appendix_b():
    page, text = html("model/index.md"), PAGES["model/index.md"]
    svg = ET.fromstring(re.search(r"<svg .*?</svg>", page, re.S).group(0))
    assert svg.get("role") == "img"
    for phase in PHASES:
        assert f'<a href="{phase["id"]}.md">Phase {phase["number"]}: {phase["name"]}</a>' in page
    for paragraph in CONTENT["lifecycle"]["overview"]:
        assert paragraph["text"][:40] in text
    assert 'id="pervasive-innovation"' in page
    assert 'id="appendix-b"' in page and "Appendix B" in page
    for placement in CONTENT["lifecycle"]["placements"]:
        assert f'href="../case-studies/{placement["case_study"]}.md"' in page
    assert "No phase named" in page  # the network-analysis locality is not placed


def test_strategic_triangle_page_anchors_the_three_corners_and_cites_moore():
    page = html("model/strategic-triangle.md")
    for slug in ["authority", "organisational-capacity", "value"]:
        assert re.search(rf'<h3 id="{slug}">', page), slug
        assert URLS.page("triangle-corner", slug) == f"model/strategic-triangle.md#{slug}"
    assert f'href="{URLS.link("model/strategic-triangle.md", "reference", "moore-1995")}"' in page
    assert "Moore (1995)" in page
    for cluster in ["external-push", "internal-capacity", "external-resources"]:
        assert f'href="{URLS.link("model/strategic-triangle.md", "factor-cluster", cluster)}"' in page
    rows = re.findall(r'<tr>\s*<td><a href="([a-z-]+)\.md">', page)
    assert rows == [phase["id"] for phase in PHASES]


def _our_reading() -> str:
    return " ".join(CONTENT["strategic-triangle"]["our_reading"]["text"].split())


def test_strategic_triangle_page_draws_the_five_phases_side_by_side_with_a_text_table():
    page = html("model/strategic-triangle.md")
    figure = re.search(r'<figure class="tt-figure tt-triangles" id="figure-4".*?</figure>\s*</div>.*?</figure>', page, re.S).group(0)
    svgs = [ET.fromstring(svg) for svg in re.findall(r"<svg .*?</svg>", figure, re.S)]
    assert len(svgs) == len(PHASES) == 5
    svg_ns = "{http://www.w3.org/2000/svg}"
    for svg, phase in zip(svgs, PHASES, strict=True):
        assert svg.get("role") == "img"
        assert svg.find(f"{svg_ns}title").text == f"Strategic triangle in Phase {phase['number']}: {phase['name']}"
        drawn = " ".join(" ".join(t.itertext()) for t in svg.iter(f"{svg_ns}text"))
        for corner in phase["strategic_triangle"]["corners"]:
            assert corner["importance"].replace("-", " ") in drawn
    captions = re.findall(r'<figure class="tt-triangle">.*?<figcaption>(.*?)</figcaption>', figure, re.S)
    assert captions == [f"Phase {phase['number']}: {phase['name']}" for phase in PHASES]
    assert "Figure 4" in figure and _our_reading() in unescape(figure)
    table = page.split("</figure>")[-1].split("</table>")[0]
    rows = re.findall(r"<tr>\s*<td><a [^>]*>[^<]*</a></td>\s*<td>([^<]*)</td>\s*<td>([^<]*)</td>\s*<td>([^<]*)</td>", table)
    expected = []
    for phase in PHASES:
        levels = {corner["corner"]: corner["importance"].replace("-", " ") for corner in phase["strategic_triangle"]["corners"]}
        expected.append(tuple(levels.get(slug, "not stated") for slug in ["authority", "organisational-capacity", "value"]))
    assert rows == expected
    relationships = page.split('id="key-relationships"', 1)[1]
    for phase in PHASES:
        for relation in phase["strategic_triangle"]["key_relationships"]:
            assert relation["text"][:50] in relationships


def test_every_importance_word_shown_carries_the_our_reading_note():
    note = _our_reading()
    triangle = unescape(html("model/strategic-triangle.md").split('id="through-the-lifecycle"', 1)[1])
    assert triangle.count(note) == 2, "under the drawings and under the table"
    assert triangle.index("</table>") < triangle.rindex(note)
    for phase in PHASES:
        section = unescape(html(f"model/{phase['id']}.md").split('id="strategic-triangle"', 1)[1].split("<h2", 1)[0])
        assert note in section.split("</figure>", 1)[0], phase["id"]
        assert "as this project reads" in section
    places = unescape(html("model/local-innovation-system.md").split('id="places"', 1)[1])
    assert model.LINK_SCALE_NOTE in places.split("<table", 1)[0]


def test_local_innovation_system_page_has_figure_layers_links_and_places():
    path = "model/local-innovation-system.md"
    page = html(path)
    system = CONTENT["innovation-system"]
    svg = ET.fromstring(re.search(r"<svg .*?</svg>", page, re.S).group(0))
    drawn = " ".join(" ".join(t.itertext()) for t in svg.iter("{http://www.w3.org/2000/svg}text"))
    for layer in system["layers"]["items"]:
        assert layer["name"] in drawn
        assert f'id="{layer["id"]}"' in page
    for link in system["link_types"]:
        assert f'id="{link["id"]}"' in page
    for place in system["place_links"]:
        assert f'href="{URLS.link(path, "case-study", place["case_study"])}"' in page
    assert "cambridge" not in " ".join(links(path))


def test_no_raw_markup_from_content_gets_through():
    changed = load_content()
    changed["phases"]["phases"][0]["typology"]["text"] = "<script>alert(1)</script>"
    text = model.build(changed)["model/latent.md"]
    assert "<script>" not in text and "&lt;script&gt;" in text


# ---------------------------------------------------------------- built site (strict build of every section)


def test_built_phase_pages_have_figures_and_resolving_links(built_site):
    for phase in PHASES:
        page = (built_site / "model" / phase["id"] / "index.html").read_text(encoding="utf-8")
        assert 'role="img"' in page and "<title id=" in page
        assert 'href="../../toolkit/step-three/#' + phase["id"] + '"' in page
        assert 'id="strategic-triangle"' in page
    triangle = (built_site / "model" / "strategic-triangle" / "index.html").read_text(encoding="utf-8")
    for slug in ["authority", "organisational-capacity", "value"]:
        assert f'id="{slug}"' in triangle
    step_three = (built_site / "toolkit" / "step-three" / "index.html").read_text(encoding="utf-8")
    for phase in PHASES:
        assert f'id="{phase["id"]}"' in step_three
    for placement in CONTENT["lifecycle"]["placements"]:
        assert (built_site / "case-studies" / placement["case_study"] / "index.html").is_file()
    assert relative("model/latent.md", "case-studies/knowsley.md") == "../case-studies/knowsley.md"
