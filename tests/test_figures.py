"""The SVG figures: well-formed, accessible, drawn from the data, and said again in words."""

import re
import xml.etree.ElementTree as ET

import pytest

from sitegen.content import load_content
from sitegen.figures import IMPORTANCE_RADIUS, figure_markdown, innovation_system_svg, lifecycle_svg, text_width, triangle_svg

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


# ---------------------------------------------------------------- layout: labels apart, inside, legible


def _numbers(text: str) -> list[float]:
    return [float(number) for number in re.findall(r"-?\d+(?:\.\d+)?", text)]


def _path_box(d: str) -> tuple[float, float, float, float]:
    """Bounding box of a path made of M, L, H, V (absolute) and h, v (relative) commands."""
    x = y = 0.0
    xs, ys = [], []
    for command, args in re.findall(r"([MLHVhv])([^MLHVhv]*)", d):
        values = _numbers(args)
        if command in "ML":
            x, y = values[0], values[1]
        elif command == "H":
            x = values[0]
        elif command == "V":
            y = values[0]
        elif command == "h":
            x += values[0]
        elif command == "v":
            y += values[0]
        xs.append(x)
        ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)


def _text_boxes(root) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Each drawn line of text with an estimated box (x0, y0, x1, y1), from font size × characters."""
    boxes = []
    for text in root.iter(f"{SVG}text"):
        size = float(text.get("font-size"))
        bold = text.get("font-weight") == "700"
        anchor = text.get("text-anchor", "start")
        lines = list(text.iter(f"{SVG}tspan")) or [text]
        for line in lines:
            words = "".join(line.itertext())
            x, y = float(line.get("x")), float(line.get("y"))
            width = text_width(words, size, bold)
            left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
            boxes.append((words, (left, y - 0.8 * size, left + width, y + 0.25 * size)))
    return boxes


def _shape_boxes(root) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Lines (padded for their arrowheads), dots and paths outside markers."""
    markers = {id(element) for marker in root.iter(f"{SVG}marker") for element in marker.iter()}
    boxes = []
    for element in root.iter():
        if id(element) in markers:
            continue
        tag = element.tag.removeprefix(SVG)
        if tag == "line":
            x1, y1, x2, y2 = (float(element.get(name)) for name in ("x1", "y1", "x2", "y2"))
            boxes.append(("line", (min(x1, x2) - 5, min(y1, y2) - 5, max(x1, x2) + 5, max(y1, y2) + 5)))
        elif tag == "circle":
            cx, cy, r = (float(element.get(name)) for name in ("cx", "cy", "r"))
            boxes.append(("circle", (cx - r - 1, cy - r - 1, cx + r + 1, cy + r + 1)))
        elif tag == "path":
            x0, y0, x1, y1 = _path_box(element.get("d"))
            boxes.append(("path", (x0 - 1, y0 - 1, x1 + 1, y1 + 1)))
    return boxes


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _layout_problems(svg: str, *, inside_mark: str = "?") -> list:
    root = ET.fromstring(svg)
    width, height = _numbers(root.get("viewBox"))[2:]
    texts = [(words, box) for words, box in _text_boxes(root) if words != inside_mark]
    problems = [("outside", words) for words, box in texts if box[0] < 0 or box[1] < 0 or box[2] > width or box[3] > height]
    for index, (words, box) in enumerate(texts):
        problems += [("text", words, other) for other, other_box in texts[index + 1 :] if _overlap(box, other_box)]
        problems += [("shape", words, kind, shape) for kind, shape in _shape_boxes(root) if _overlap(box, shape)]
    for rect in root.iter(f"{SVG}rect"):
        x, y, w, h = (float(rect.get(name)) for name in ("x", "y", "width", "height"))
        for words, box in texts:
            inside = x <= box[0] and box[2] <= x + w and y <= box[1] and box[3] <= y + h
            if _overlap(box, (x, y, x + w, y + h)) and not inside:
                problems.append(("crosses a band's edge", words))
    return problems


def _smallest_rendered_font(svg: str, rendered_width: float) -> float:
    root = ET.fromstring(svg)
    width = _numbers(root.get("viewBox"))[2]
    return min(float(text.get("font-size")) for text in root.iter(f"{SVG}text")) * rendered_width / width


def test_innovation_system_labels_keep_clear_of_each_other_the_arrows_and_the_band_edges(content):
    system = content["innovation-system"]
    figure = innovation_system_svg(system["layers"]["items"], system["link_types"], lowest=2)
    assert _layout_problems(figure.svg) == []
    long_names = [{"name": "A sectoral innovation layer with a long name"}, {"name": "Public level"}]
    assert any(problem[0] == "crosses a band's edge" for problem in _layout_problems(innovation_system_svg(long_names, system["link_types"]).svg))


def test_innovation_system_legend_symbols_share_a_column_and_words_one_edge(content):
    system = content["innovation-system"]
    root = ET.fromstring(innovation_system_svg(system["layers"]["items"], system["link_types"], lowest=2).svg)
    legend_words = [text for text in root.iter(f"{SVG}text") if "links:" in "".join(text.itertext())]
    assert len(legend_words) == 2 and len({text.get("x") for text in legend_words}) == 1
    symbols = list(root.iter(f"{SVG}line"))[-2:]
    centres = {(float(line.get("x1")) + float(line.get("x2"))) / 2 for line in symbols}
    assert len(centres) == 1
    for line, words in zip(symbols, legend_words, strict=True):
        middle = (float(line.get("y1")) + float(line.get("y2"))) / 2
        assert abs(float(words.get("y")) - 4.5 - middle) < 1, "each legend's words sit level with its symbol"


def test_innovation_system_text_is_at_least_12px_on_a_390px_phone(content):
    system = content["innovation-system"]
    figure = innovation_system_svg(system["layers"]["items"], system["link_types"], lowest=2)
    assert _smallest_rendered_font(figure.svg, 358) >= 12  # 390 px less Material's 16 px margins


@pytest.mark.parametrize("compact", [False, True])
def test_triangle_labels_keep_clear_and_inside_for_every_phase(content, compact):
    for phase in content["phases"]["phases"]:
        levels = {c["corner"]: c["importance"] for c in phase["strategic_triangle"]["corners"]}
        figure = triangle_svg(levels, compact=compact)
        assert _layout_problems(figure.svg) == [], phase["id"]
    worst = {"authority": "not-stated", "organisational-capacity": "very-high", "value": "not-stated"}
    assert _layout_problems(triangle_svg(worst, compact=compact).svg) == []


def test_compact_triangle_is_legible_two_per_row_on_a_390px_phone():
    figure = triangle_svg({"authority": "high", "organisational-capacity": "very-high", "value": "emerging"}, compact=True)
    assert _smallest_rendered_font(figure.svg, 168) >= 12  # the narrowest of two 8.4rem cells in a 358 px column
    assert figure.items == ("Authority: high", "Organisational capacity: very high", "Value: emerging")
    radii = [float(circle.get("r")) for circle in ET.fromstring(figure.svg).iter(f"{SVG}circle")]
    assert radii[1] > radii[0] > radii[2]
