"""Home page: what the toolkit is, the critical factors and the lifecycle at a glance, the ways in."""

from __future__ import annotations

import re

import markdown

from sitegen.content import load_content
from sitegen.pages import home
from sitegen.urls import Urls

CONTENT = load_content()
PAGE = home.build(CONTENT)[home.PAGE]
HTML = markdown.Markdown(extensions=["attr_list", "md_in_html", "admonition", "toc"]).convert(PAGE.split("-->", 1)[1])
URLS = Urls(CONTENT)


def test_home_has_title_and_one_h1():
    assert 'title: "Transformers toolkit"' in PAGE
    assert HTML.count("<h1") == 1


def test_entry_points_are_buttons_to_the_right_pages():
    for target in ["calculators/diagnose.md", "calculators/connectors.md", "case-studies/index.md"]:
        assert re.search(rf'<a class="md-button[^"]*" href="{re.escape(target)}">', HTML), target
    for title in ["Diagnose your phase", "Map your connectors", "Browse case studies"]:
        assert f"<strong>{title}</strong>" in HTML


def test_three_critical_factors_link_to_their_clusters_with_citations():
    clusters = CONTENT["factors"]["clusters"]
    assert len(clusters) == 3
    for cluster in clusters:
        assert f'href="{URLS.link(home.PAGE, "factor-cluster", cluster["id"])}"' in HTML
        assert cluster["source"] in PAGE
    assert HTML.count('class="source"') >= 4


def test_lifecycle_at_a_glance_links_every_phase_and_has_a_text_alternative():
    phases = CONTENT["phases"]["phases"]
    assert len(phases) == 5
    assert 'role="img"' in HTML and "<title" in HTML
    for phase in phases:
        assert f'href="{URLS.link(home.PAGE, "phase", phase["id"])}"' in HTML, phase["id"]
        # The text version under the figure says what each box of the drawing says.
        assert f"Phase {phase['number']}: {phase['name']}" in HTML


def test_built_home_links_to_the_three_entry_points(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    for href in ["calculators/diagnose/", "calculators/connectors/", "case-studies/"]:
        assert f'href="{href}"' in html, href
        assert (built_site / href / "index.html").is_file(), href
