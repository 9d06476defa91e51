"""The SVG figures: well-formed, accessible, drawn from the data, and said again in words."""

import re
import xml.etree.ElementTree as ET

import pytest

from sitegen.content import load_content
from sitegen.figures import IMPORTANCE_RADIUS, figure_markdown, innovation_system_svg, lifecycle_svg, triangle_svg

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def content():
    return load_content()


def _phases(content):
    return [{"number": p["number"], "name": p["name"], "summary": p["figure_1_summary"]["text"]} for p in content["phases"]["phases"]]


def _figures(content):
    system = content["innovation-system"]
    return [
        lifecycle_svg(_phases(content)),
        triangle_svg({"authority": "high", "organisational-capacity": "very-high", "value": "not-stated"}),
        innovation_system_svg(system["layers"]["items"], system["link_types"], lowest=2),
    ]


def _text(root) -> str:
    return " ".join(" ".join(element.itertext()) for element in root.iter(f"{SVG}text"))


def test_each_figure_is_well_formed_accessible_svg(content):
    for figure in _figures(content):
        root = ET.fromstring(figure.svg)
        assert root.tag == f"{SVG}svg"
        assert root.get("role") == "img"
        assert re.fullmatch(r"0 0 \d+(\.\d+)? \d+(\.\d+)?", root.get("viewBox"))
        assert "width" not in root.attrib and "height" not in root.attrib, "fixed size would not scale on phones"
        title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
        assert title is not None and title.text and desc is not None and desc.text
        assert root.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
        assert "\n" not in figure.svg, "a multi-line SVG would be broken up by Markdown"


def test_colours_follow_the_page_theme(content):
    for figure in _figures(content):
        root = ET.fromstring(figure.svg)
        for element in root.iter():
            for attribute in ("fill", "stroke"):
                value = element.get(attribute)
                if value is not None:
                    assert value in ("none", "currentColor"), f"{element.tag} {attribute}={value}"
            style = element.get("style") or ""
            for colour in re.findall(r"(?:fill|stroke):([^;]+)", style):
                assert colour.strip().startswith("var(--md-"), style


def test_every_drawn_label_is_in_the_svg_and_in_the_text_alternative(content):
    for figure in _figures(content):
        drawn = _text(ET.fromstring(figure.svg))
        assert figure.items
        for item in figure.items:
            name = item.split(":")[0]
            assert name in drawn, item
            assert name in figure.alternative, item


def test_lifecycle_draws_the_five_phases_early_to_late_whatever_the_input_order(content):
    phases = _phases(content)
    figure = lifecycle_svg(list(reversed(phases)))
    assert figure.items == tuple(f"Phase {p['number']}: {p['name']}" for p in sorted(phases, key=lambda p: p["number"]))
    assert len(figure.items) == 5
    texts = ["".join(t.itertext()) for t in ET.fromstring(figure.svg).iter(f"{SVG}text")]
    assert texts[0] == "Early" and texts[-1] == "Late"
    assert texts.index("Phase 0: Latent") < texts.index("Phase 4: Embedding")
    positions = [figure.alternative.index(item) for item in figure.items]
    assert positions == sorted(positions)
    for phase in phases:
        assert phase["summary"] in figure.alternative
        assert phase["summary"] in ET.fromstring(figure.svg).find(f"{SVG}desc").text


def test_lifecycle_alternative_links_each_phase_when_given_hrefs(content):
    phases = [{**p, "href": f"{p['number']}.md"} for p in _phases(content)]
    alternative = lifecycle_svg(phases).alternative
    for phase in phases:
        assert "](" + phase["href"] + ")" in alternative


def _radius(figure, corner_index):
    circles = ET.fromstring(figure.svg).findall(f"{SVG}circle")
    return float(circles[corner_index].get("r")), circles[corner_index].get("stroke-dasharray")


def test_triangle_marker_size_follows_importance_and_level_is_in_words():
    order = ["limited", "emerging", "high", "very-high"]
    radii = [_radius(triangle_svg({"authority": level}), 0)[0] for level in order]
    assert radii == sorted(radii) and len(set(radii)) == len(radii)
    figure = triangle_svg({"authority": "very-high", "organisational-capacity": "limited", "value": "balanced"})
    assert figure.items == ("Authority: very high", "Organisational capacity: limited", "Value: balanced")
    assert "- **Authority**: very high" in figure.alternative
    assert "very high" in _text(ET.fromstring(figure.svg))


def test_triangle_not_stated_is_an_empty_dashed_ring_not_a_size():
    figure = triangle_svg({"value": "not-stated"})
    _, dashes = _radius(figure, 0)
    assert dashes and "fill-opacity:0" in ET.fromstring(figure.svg).find(f"{SVG}circle").get("style")
    assert "not stated" in figure.alternative and "not stated" in _text(ET.fromstring(figure.svg))


def test_triangle_is_pure_over_plain_data_and_rejects_unknown_levels():
    levels = {"authority": "high"}
    names = {"authority": "Authority to act"}
    first = triangle_svg(levels, names, svg_id="x")
    assert first == triangle_svg(dict(levels), dict(names), svg_id="x")
    assert levels == {"authority": "high"} and names == {"authority": "Authority to act"}
    assert first.items == ("Authority to act: high",)
    with pytest.raises(ValueError, match="huge"):
        triangle_svg({"authority": "huge"})
    assert set(IMPORTANCE_RADIUS) >= {"limited", "emerging", "reduced", "high", "very-high", "balanced", "not-stated"}


def test_triangle_draws_every_phase_of_the_content(content):
    for phase in content["phases"]["phases"]:
        levels = {c["corner"]: c["importance"] for c in phase["strategic_triangle"]["corners"]}
        figure = triangle_svg(levels, svg_id=phase["id"])
        assert len(figure.items) == 3
        assert f'id="{phase["id"]}-title"' in figure.svg


def test_innovation_system_layers_in_order_with_links_and_lowest_levels(content):
    system = content["innovation-system"]
    layers = system["layers"]["items"]
    figure = innovation_system_svg(layers, system["link_types"], lowest=2)
    names = [layer["name"] for layer in layers]
    assert list(figure.items[: len(names)]) == names
    positions = [figure.alternative.index(name) for name in names]
    assert positions == sorted(positions)
    assert "The two lowest levels: Grassroots level and Public level." in figure.alternative
    for link in system["link_types"]:
        assert link["name"] in figure.alternative and link["name"] in _text(ET.fromstring(figure.svg))


def test_escapes_markup_from_content():
    figure = triangle_svg({"authority": "high"}, {"authority": "A <b>&</b>"})
    assert ET.fromstring(figure.svg) is not None
    assert "<b>" not in figure.svg and "<b>" not in figure.alternative


def test_figure_markdown_puts_the_alternative_right_below_the_picture():
    figure = triangle_svg({"authority": "high"})
    text = figure_markdown(figure, "Caption <x>", figure_id="fig")
    assert text.index("</figure>") < text.index(figure.alternative)
    assert '<figure class="tt-figure" id="fig" data-search-exclude>' in text
    assert "Caption &lt;x&gt;" in text
