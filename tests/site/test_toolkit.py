"""The toolkit section (Steps One to Three as worksheets), its print view, and the network-analysis page."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from sitegen.content import load_content
from sitegen.pages import network, toolkit
from sitegen.urls import Urls

REPO = Path(__file__).resolve().parents[2]
CONTENT = load_content()
PAGES = toolkit.build(CONTENT)
NETWORK = network.build(CONTENT)[network.PAGE]
URLS = Urls(CONTENT)
PHASES = CONTENT["phases"]["phases"]
EXTENSIONS = ["attr_list", "md_in_html", "admonition", "toc", "tables", "pymdownx.superfences", "pymdownx.tasklist"]


def html(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text.split("-->", 1)[1])


def test_builds_the_four_toolkit_pages_each_with_one_h1():
    assert set(PAGES) == {"toolkit/index.md", "toolkit/step-one.md", "toolkit/step-two.md", "toolkit/step-three.md"}
    for path, text in PAGES.items():
        assert html(text).count("<h1") == 1, path
        assert 'class="source' in html(text), path


def test_index_links_to_each_step_and_the_diagnostic():
    page = html(PAGES["toolkit/index.md"])
    for target in ["step-one.md", "step-two.md", "step-three.md", "../calculators/diagnose.md"]:
        assert f'href="{target}"' in page, target


def test_step_one_lists_the_typology_of_every_phase_and_links_the_calculator():
    page = html(PAGES["toolkit/step-one.md"])
    assert 'href="../calculators/diagnose.md"' in page
    for phase in PHASES:
        assert phase["typology"]["text"] in page
        assert f'href="../model/{phase["id"]}.md"' in page
    assert page.count('type="checkbox"') == len(PHASES)
    assert "Table A1" in page


def test_step_two_has_rows_for_phases_one_to_four_only_and_says_why():
    page = html(PAGES["toolkit/step-two.md"])
    table = re.search(r"<table>.*?</table>", page, re.S).group(0)
    assert table.count("<th>") == 3
    rows = re.findall(r'<tr>\s*<td><span id="([a-z-]+)">', table)
    assert rows == ["design-and-discovery", "mobilisation", "mainstreaming", "embedding"]
    for phase in PHASES[1:]:
        for item in phase["progression"]["requirements"] + phase["pitfalls"]["items"]:
            assert item in table
    assert PHASES[0]["table_a2_note"].split(".")[0] in page
    assert "Table A2" in page


def test_step_three_is_a_worksheet_with_every_question_as_a_tick_box():
    page = html(PAGES["toolkit/step-three.md"])
    boxes = 0
    for phase in PHASES:
        section = page.split(f'id="{phase["id"]}"', 1)[1].split('class="worksheet-phase"', 1)[0]
        for question in phase["step_three"]["questions"]:
            assert question["question"] in section
            for bullet in question["bullets"]:
                assert bullet["text"][:40] in section
                for included in bullet.get("includes", []):
                    assert included[:40] in section
            boxes += 1 + len(question["bullets"])
        assert 'href="../model/' + phase["id"] + '.md"' in section
        assert "Appendix A, Step Three" in section
    assert page.count('type="checkbox"') == boxes
    assert page.count('class="worksheet-phase"') == len(PHASES)
    assert 'class="source worksheet-footer"' in page


def test_step_three_anchors_match_the_url_scheme():
    page = html(PAGES["toolkit/step-three.md"])
    for phase in PHASES:
        path, anchor = URLS.page("step-three", phase["id"]).split("#")
        assert path == "toolkit/step-three.md"
        assert re.search(rf'<h2 id="{anchor}">', page)


def test_print_stylesheet_hides_chrome_draws_empty_boxes_and_footer():
    css = (REPO / "docs" / "assets" / "css" / "print.css").read_text(encoding="utf-8")
    assert css.lstrip().startswith("/*") and "@media print" in css
    for selector in [".md-header", ".md-tabs", ".md-sidebar", ".md-search", ".md-footer"]:
        assert selector in css
    assert 'input[type="checkbox"]' in css and "appearance: none" in css
    assert re.search(r"\.worksheet-footer\s*\{[^}]*position: fixed", css)
    assert "break-before: page" in css


# ---------------------------------------------------------------- network analysis

NETWORK_HTML = html(NETWORK)
SNA = CONTENT["network-analysis"]


def test_network_page_anchors_the_six_networks_and_notes_the_seven():
    assert len(SNA["networks"]) == 6
    for item in SNA["networks"]:
        assert re.search(rf'<h3 id="{item["id"]}">{item["name"]}</h3>', NETWORK_HTML)
        assert URLS.page("network", item["id"]) == f"network-analysis/index.md#{item['id']}"
    assert "Seven networks, or six?" in NETWORK_HTML
    assert "seventh" in SNA["network_count_note"]["text"] and SNA["network_count_note"]["text"][:60] in NETWORK_HTML


def test_network_page_anchors_the_three_connector_roles():
    for slug, name in [("hub", "Hub"), ("gatekeeper", "Gatekeeper"), ("pulsetaker", "Pulsetaker")]:
        assert re.search(rf'<h3 id="{slug}">{name}</h3>', NETWORK_HTML)


def test_network_page_has_the_concepts_the_rule_and_the_unpublished_ranges():
    assert "The top 5 % are the key connectors" in NETWORK_HTML
    for category in SNA["social_capital"]["categories"]:
        assert category["name"] in NETWORK_HTML
    assert "The normative ranges are not published" in NETWORK_HTML
    for step in SNA["process"]["steps"]:
        assert step["text"][:40] in NETWORK_HTML
    for heading in ["what-it-is", "networks-and-hierarchies", "social-capital", "density", "process", "experiment"]:
        assert f'id="{heading}"' in NETWORK_HTML, heading


def test_network_page_gives_the_experiment_messages_and_links_case_and_calculator():
    for finding in SNA["experiment"]["findings"]:
        assert finding["text"][:40] in NETWORK_HTML
    assert "<li><strong>Respondents:</strong> 92</li>" in NETWORK_HTML
    assert "<li><strong>Response rate:</strong> 67 %</li>" in NETWORK_HTML
    assert 'href="../case-studies/network-analysis-experiment.md"' in NETWORK_HTML
    assert NETWORK_HTML.count('href="../calculators/connectors.md"') >= 2
    assert "Map your connectors" in NETWORK_HTML
    for slug in SNA["sna"]["why_it_matters"]["references"]:
        assert f'href="{URLS.link(network.PAGE, "reference", slug)}"' in NETWORK_HTML


# ---------------------------------------------------------------- built site


def test_built_worksheets_have_checkboxes_and_footer(built_site):
    page = (built_site / "toolkit" / "step-three" / "index.html").read_text(encoding="utf-8")
    assert page.count('type="checkbox"') >= 20
    assert "worksheet-footer" in page
    assert (built_site / "assets" / "css" / "print.css").is_file()
    step_one = (built_site / "toolkit" / "step-one" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../calculators/diagnose/"' in step_one
    network_page = (built_site / "network-analysis" / "index.html").read_text(encoding="utf-8")
    for slug in ["hub", "gatekeeper", "pulsetaker", "work", "learning"]:
        assert f'id="{slug}"' in network_page


@pytest.mark.browser
def test_print_view_of_step_three_shows_no_navigation(site_url, page):
    page.goto(f"{site_url}/toolkit/step-three/")
    assert page.locator('link[href$="print.css"]').count() == 1, "add assets/css/print.css to extra_css in mkdocs.yml"
    page.emulate_media(media="print")
    for selector in [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer"]:
        locator = page.locator(selector)
        assert locator.count() == 0 or not locator.first.is_visible(), selector
    assert page.locator(".worksheet-footer").evaluate("e => getComputedStyle(e).position") == "fixed"
    box = page.locator('.worksheet-phase input[type="checkbox"]').first
    assert box.evaluate("e => getComputedStyle(e).appearance") == "none"
