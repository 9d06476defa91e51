"""Figures drawn from the content as inline SVG, each with a text alternative holding the same data.

Every function here is pure: plain dicts and strings in, a :class:`Figure` out. The SVG scales
with its container (``viewBox``, no fixed width), takes its colours from the page
(``currentColor`` and Material's CSS variables, so dark mode works), carries ``role="img"``,
a ``<title>`` and a ``<desc>``, and lists in ``items`` every label it draws. The ``alternative``
is Markdown (a list) that says the same thing in words; pages put it right below the picture.

    >>> figure = triangle_svg({"authority": "high", "organisational-capacity": "emerging", "value": "not-stated"})
    >>> figure.items[0]
    'Authority: high'
    >>> figure.svg.startswith('<svg ')
    True
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from html import escape as _html_escape

# Material's palette variables, with plain fallbacks for pages outside Material.
ACCENT = "var(--md-primary-fg-color, #3f51b5)"
TINT = "var(--md-default-fg-color--lightest, rgba(0, 0, 0, 0.07))"
MUTED = "var(--md-default-fg-color--light, rgba(0, 0, 0, 0.54))"

CORNER_NAMES = {"authority": "Authority", "organisational-capacity": "Organisational capacity", "value": "Value"}
CORNER_ORDER = ("authority", "organisational-capacity", "value")

# Marker radius for each importance label of the phases content (§5.3 gives importance in
# words only; this ordering into sizes is ours). ``None`` draws a dashed, empty ring.
IMPORTANCE_RADIUS = {
    "limited": 9,
    "emerging": 15,
    "reduced": 15,
    "high": 21,
    "balanced": 21,
    "very-high": 27,
    "not-stated": None,
}
IMPORTANCE_LABEL = {
    "limited": "limited",
    "emerging": "emerging",
    "reduced": "reduced",
    "high": "high",
    "balanced": "balanced",
    "very-high": "very high",
    "not-stated": "not stated",
}


@dataclass(frozen=True)
class Figure:
    """An SVG drawing and its text alternative.

    ``items`` are the labels the drawing shows, in drawing order; every one of them also
    appears in ``alternative``, so nothing is said by the picture alone.
    """

    svg: str
    alternative: str
    items: tuple[str, ...]
    title: str


def _x(text) -> str:
    """Text for SVG/XML: escaped, quotes included (it also goes into attributes)."""
    return _html_escape(str(text), quote=True)


def _svg(svg_id: str, view_box: str, title: str, desc: str, body: list[str], max_width: str) -> str:
    # One line: Python-Markdown passes a single-line raw HTML block through untouched.
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view_box}" role="img" '
        f'aria-labelledby="{svg_id}-title {svg_id}-desc" class="tt-figure" '
        f'style="width:100%;max-width:{max_width};height:auto;color:inherit" '
        f'font-family="inherit" fill="currentColor">'
        f'<title id="{svg_id}-title">{_x(title)}</title>'
        f'<desc id="{svg_id}-desc">{_x(desc)}</desc>' + "".join(body) + "</svg>"
    )


def _arrow_marker(marker_id: str, size: int = 9) -> str:
    return (
        f'<defs><marker id="{marker_id}" viewBox="0 0 10 10" refX="8" refY="5" markerUnits="userSpaceOnUse" '
        f'markerWidth="{size}" markerHeight="{size}" '
        f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="currentColor"/></marker></defs>'
    )


def _tspans(lines: list[str], x: float, first_y: float, line_height: float) -> str:
    return "".join(f'<tspan x="{x:g}" y="{first_y + index * line_height:g}">{_x(line)}</tspan>' for index, line in enumerate(lines))


# ---------------------------------------------------------------- Figure 1: the lifecycle


def lifecycle_svg(phases: list[dict], *, title: str = "Phases of the local social innovation lifecycle", svg_id: str = "lifecycle") -> Figure:
    """The lifecycle as a column of phases from early (top) to late (bottom).

    ``phases``: dicts with ``number``, ``name`` and ``summary`` (one line each), and an optional
    ``href`` that the text alternative links the name to. They are drawn in ``number`` order.
    """
    ordered = sorted(phases, key=lambda phase: phase["number"])
    width, left, text_x, wrap = 400, 34, 82, 44
    body = [_arrow_marker(f"{svg_id}-arrow")]
    y = 40
    rows = []
    for phase in ordered:
        lines = textwrap.wrap(str(phase["summary"]), wrap)
        rows.append((phase, y, lines))
        y += 34 + 17 * len(lines) + 16
    height = y + 14
    body.append(f'<text x="{left}" y="20" text-anchor="middle" font-size="13" font-weight="700">Early</text>')
    body.append(
        f'<line x1="{left}" y1="28" x2="{left}" y2="{height - 24}" stroke="currentColor" stroke-width="2" marker-end="url(#{svg_id}-arrow)"/>'
    )
    items = []
    for phase, top, lines in rows:
        label = _phase_label(phase)
        items.append(label)
        centre_y = top + 12
        body.append(
            f'<circle cx="{left}" cy="{centre_y}" r="15" style="fill:{ACCENT}" stroke="currentColor" stroke-width="1.5"/>'
            f'<text x="{left}" y="{centre_y + 5}" text-anchor="middle" font-size="14" font-weight="700" '
            f'style="fill:var(--md-primary-bg-color, #fff)">{phase["number"]}</text>'
        )
        box_height = 30 + 17 * len(lines)
        body.append(
            f'<rect x="{text_x - 12}" y="{top - 8}" width="{width - text_x + 6}" height="{box_height}" rx="6" '
            f'style="fill:{TINT}" stroke="currentColor" stroke-opacity="0.35"/>'
        )
        body.append(f'<text x="{text_x}" y="{top + 11}" font-size="15" font-weight="700">{_x(label)}</text>')
        body.append(f'<text font-size="13">{_tspans(lines, text_x, top + 30, 17)}</text>')
    body.append(f'<text x="{left}" y="{height - 6}" text-anchor="middle" font-size="13" font-weight="700">Late</text>')
    desc = "From early to late: " + "; ".join(f"phase {phase['number']}, {phase['name']}: {phase['summary']}" for phase in ordered)
    alternative = "\n".join(f"- **{_linked(_phase_label(phase), phase.get('href'))}** — {_md(phase['summary'])}" for phase in ordered)
    alternative = "Text version, from early to late:\n\n" + alternative + "\n"
    return Figure(_svg(svg_id, f"0 0 {width + 8} {height}", title, desc, body, "30rem"), alternative, tuple(items), title)


# ---------------------------------------------------------------- the strategic triangle

# Marker radius on the small multiples (the strategic-triangle page draws five side by side).
COMPACT_RADIUS = {level: None if radius is None else round(radius * 2 / 3) for level, radius in IMPORTANCE_RADIUS.items()}


def triangle_svg(
    levels: dict,
    names: dict | None = None,
    *,
    title: str = "Strategic triangle",
    svg_id: str = "triangle",
    compact: bool = False,
) -> Figure:
    """The strategic triangle with each corner's importance shown by marker size and in words.

    ``levels`` maps a corner slug (``authority``, ``organisational-capacity``, ``value``) to an
    importance label of the phases content: limited, emerging, reduced, high, balanced,
    very-high or not-stated. ``names`` overrides the corners' display names. Corners are drawn
    in the order authority (top), organisational capacity (bottom left), value (bottom right);
    other slugs are not drawn. A ``not-stated`` corner is an empty dashed ring. ``compact``
    draws a small version, one of several side by side, whose 13-unit text still renders at
    12 px or more when the drawing is 168 px wide (two per row on a 390 px phone).

    Raises ValueError for an unknown importance label, so a typo cannot draw a wrong size.
    """
    names = {**CORNER_NAMES, **(names or {})}
    unknown = {level for level in levels.values() if level not in IMPORTANCE_RADIUS}
    if unknown:
        raise ValueError(f"unknown importance label(s): {', '.join(sorted(map(str, unknown)))}")
    layout = _COMPACT_TRIANGLE if compact else _FULL_TRIANGLE
    radii = COMPACT_RADIUS if compact else IMPORTANCE_RADIUS
    width, height, size = layout.width, layout.height, layout.font_size
    points = " ".join(f"{x},{y}" for x, y in layout.corners.values())
    body = [f'<polygon points="{points}" fill="none" stroke="currentColor" stroke-width="2" stroke-opacity="0.6"/>']
    items, desc_parts, alternative = [], [], []
    for slug in (slug for slug in CORNER_ORDER if slug in levels):
        x, y = layout.corners[slug]
        level = levels[slug]
        radius = radii[level]
        name, level_text = names[slug], IMPORTANCE_LABEL[level]
        if radius is None:
            ring = layout.unknown_radius
            body.append(
                f'<circle cx="{x}" cy="{y}" r="{ring}" style="fill:{ACCENT};fill-opacity:0" stroke="currentColor" '
                f'stroke-width="2" stroke-dasharray="4 3"/>'
                f'<text x="{x}" y="{y + size * 0.36:g}" text-anchor="middle" font-size="{size}" font-weight="700">?</text>'
            )
        else:
            body.append(f'<circle cx="{x}" cy="{y}" r="{radius}" style="fill:{ACCENT};fill-opacity:0.85" stroke="currentColor" stroke-width="1.5"/>')
        name_lines = textwrap.wrap(name, layout.wrap) or [name]
        first_y = layout.label_y[slug] - (len(name_lines) - 1) * layout.line if slug == "authority" else layout.label_y[slug]
        anchor = layout.anchor[slug]
        label_x = {"start": 2, "end": width - 2}.get(anchor) or _clamped_centre(x, [*name_lines, level_text], size, width)
        body.append(
            f'<text text-anchor="{anchor}" font-size="{size}" font-weight="700">{_tspans(name_lines, label_x, first_y, layout.line)}</text>'
            f'<text x="{label_x:g}" y="{first_y + len(name_lines) * layout.line:g}" text-anchor="{anchor}" font-size="{size}" '
            f'style="fill:{MUTED}">{_x(level_text)}</text>'
        )
        items.append(f"{name}: {level_text}")
        desc_parts.append(f"{name}, importance {level_text}")
        alternative.append(f"- **{_md(name)}**: {_md(level_text)}")
    desc = (
        "Triangle with a marker at each corner; a larger marker means the corner matters more, "
        "an empty dashed ring means the report does not say. " + "; ".join(desc_parts) + "."
    )
    text = "Text version (importance of each corner):\n\n" + "\n".join(alternative) + "\n"
    return Figure(_svg(svg_id, f"0 0 {width} {height}", title, desc, body, layout.max_width), text, tuple(items), title)


@dataclass(frozen=True)
class _TriangleLayout:
    """Where each corner sits, where its label's first line goes (the top label sits above its
    corner, the bottom ones below theirs) and how the label is anchored."""

    width: int
    height: int
    font_size: int
    line: int
    wrap: int
    unknown_radius: int
    max_width: str
    corners: dict[str, tuple[int, int]]
    label_y: dict[str, int]
    anchor: dict[str, str]


_FULL_TRIANGLE = _TriangleLayout(
    width=420,
    height=340,
    font_size=15,
    line=18,
    wrap=40,
    unknown_radius=15,
    max_width="24rem",
    corners={"authority": (210, 92), "organisational-capacity": (100, 262), "value": (320, 262)},
    label_y={"authority": 40, "organisational-capacity": 310, "value": 310},
    anchor={"authority": "middle", "organisational-capacity": "middle", "value": "middle"},
)
_COMPACT_TRIANGLE = _TriangleLayout(
    width=180,
    height=198,
    font_size=13,
    line=15,
    wrap=14,
    unknown_radius=10,
    max_width="12rem",
    corners={"authority": (90, 62), "organisational-capacity": (42, 128), "value": (138, 128)},
    label_y={"authority": 17, "organisational-capacity": 162, "value": 162},
    # Too narrow to centre the bottom labels under their corners: they start at the left edge
    # and end at the right edge, so the long "Organisational capacity" cannot reach "Value".
    anchor={"authority": "middle", "organisational-capacity": "start", "value": "end"},
)


def text_width(text: str, font_size: float, bold: bool = False) -> float:
    """A generous estimate of how wide ``text`` is drawn, in the SVG's units.

    Average advance widths of wide sans-serif faces (DejaVu Sans, the widest that browsers here
    fall back to) are about 0.6 em regular and 0.68 em bold; real fonts on phones are narrower.
    Used to keep labels apart and inside the drawing.
    """
    return len(text) * font_size * (0.68 if bold else 0.6)


def _clamped_centre(x: float, lines: list[str], size: float, width: float, margin: float = 2) -> float:
    """Centre ``x`` of a centred label, moved in just enough for its widest line to fit the drawing."""
    half = max(text_width(line, size, bold=True) for line in lines) / 2
    return min(max(x, margin + half), width - margin - half)


# ---------------------------------------------------------------- Figure 5: local innovation system

# The layout is 360 units wide so that on a 390 px phone (a 358 px column) one unit is about
# one pixel: its 13-unit text renders at 12.9 px there, and larger on wider screens.
SYSTEM_WIDTH = 360
SYSTEM_TEXT = 13
SYSTEM_NAME = 15


def innovation_system_svg(
    layers: list[dict],
    link_types: list[dict],
    *,
    lowest: int = 0,
    title: str = "Layers of a local innovation system",
    svg_id: str = "innovation-system",
) -> Figure:
    """Stacked layers joined by vertical links, with a horizontal link drawn inside each layer.

    ``layers``: dicts with ``name`` (and optional ``href``), drawn top to bottom in list order.
    ``link_types``: dicts with ``id`` (``horizontal`` or ``vertical``) and ``name``.
    ``lowest``: how many layers at the bottom the source calls the lowest levels; they get a
    bracket labelled so, and the text alternative says which they are.

    Each layer's name has the band's top row to itself and its horizontal arrow the bottom row,
    so a long name never runs into the arrow; the legend's symbols share one column and its
    words start at one edge.
    """
    lowest_label = ("The two lowest levels" if lowest == 2 else "The lowest levels") if lowest else ""
    lowest_lines = lowest_label.rsplit(" ", 2) if lowest else []
    bracket_room = (max(text_width(line, SYSTEM_TEXT) for line in lowest_lines) + 22) if lowest else 0
    band_x, band_height, gap, top = 4, 58, 28, 4
    band_width = SYSTEM_WIDTH - band_x - bracket_room - 4
    body = [_arrow_marker(f"{svg_id}-arrow")]
    items = []
    link_names = {link["id"]: link["name"] for link in link_types}
    arrow_x = band_x + 30
    for index, layer in enumerate(layers):
        y = top + index * (band_height + gap)
        body.append(
            f'<rect x="{band_x}" y="{y}" width="{band_width:g}" height="{band_height}" rx="8" style="fill:{TINT}" '
            f'stroke="currentColor" stroke-opacity="0.5"/>'
            f'<text x="{band_x + 12}" y="{y + 24}" font-size="{SYSTEM_NAME}" font-weight="700">{_x(layer["name"])}</text>'
        )
        if "horizontal" in link_names:
            left, right, row = band_x + band_width - 104, band_x + band_width - 16, y + 42
            body.append(
                f'<circle cx="{left:g}" cy="{row}" r="4"/><circle cx="{right:g}" cy="{row}" r="4"/>'
                f'<line x1="{left + 7:g}" y1="{row}" x2="{right - 7:g}" y2="{row}" stroke="currentColor" stroke-width="2" '
                f'marker-start="url(#{svg_id}-arrow)" marker-end="url(#{svg_id}-arrow)"/>'
            )
        items.append(layer["name"])
        if index and "vertical" in link_names:
            body.append(
                f'<line x1="{arrow_x}" y1="{y - gap + 3}" x2="{arrow_x}" y2="{y - 3}" stroke="currentColor" stroke-width="2" '
                f'marker-start="url(#{svg_id}-arrow)" marker-end="url(#{svg_id}-arrow)"/>'
            )
    bottom = top + len(layers) * (band_height + gap) - gap
    if lowest:
        first = top + (len(layers) - lowest) * (band_height + gap)
        bx = band_x + band_width + 8
        middle = (first + bottom) / 2 - (len(lowest_lines) - 1) * 8 + 4
        body.append(
            f'<path d="M{bx:g},{first} h8 V{bottom} h-8" fill="none" stroke="currentColor" stroke-width="1.5"/>'
            f'<text font-size="{SYSTEM_TEXT}">{_tspans(lowest_lines, bx + 14, middle, 16)}</text>'
        )
        items.append(lowest_label)
    legend_y = bottom + 36
    legend = []
    # Each kind of link in the legend: its arrow relative to the symbol column's centre and the
    # row's middle (x1, y1, x2, y2), and what it joins. Words start at one edge for both rows.
    symbol_x, words_x = band_x + 16, band_x + 40
    for kind, arrow, joins in (
        ("vertical", (0, -11, 0, 11), "between layers"),
        ("horizontal", (-13, 0, 13, 0), "within a layer"),
    ):
        if kind not in link_names:
            continue
        x1, y1, x2, y2 = arrow
        body.append(
            f'<line x1="{symbol_x + x1}" y1="{legend_y + y1}" x2="{symbol_x + x2}" y2="{legend_y + y2}" stroke="currentColor" '
            f'stroke-width="2" marker-start="url(#{svg_id}-arrow)" marker-end="url(#{svg_id}-arrow)"/>'
            f'<text x="{words_x}" y="{legend_y + 4.5}" font-size="{SYSTEM_TEXT}">{_x(link_names[kind])}: {joins}</text>'
        )
        legend.append(link_names[kind])
        legend_y += 32
    items.extend(legend)
    height = legend_y - 10
    lowest_names = [layer["name"] for layer in layers[len(layers) - lowest :]] if lowest else []
    desc = (
        "Layers from top to bottom: "
        + ", ".join(layer["name"] for layer in layers)
        + ". "
        + (f"{lowest_label}: {' and '.join(lowest_names)}. " if lowest_names else "")
        + (f"{link_names['vertical']} join neighbouring layers. " if "vertical" in link_names else "")
        + (f"{link_names['horizontal']} join people or organisations within a layer." if "horizontal" in link_names else "")
    )
    alternative = ["Text version, layers as drawn from top to bottom:", ""]
    alternative += [f"{index}. {_linked(layer['name'], layer.get('href'))}" for index, layer in enumerate(layers, start=1)]
    alternative.append("")
    if lowest_names:
        alternative.append(f"- {lowest_label}: {_md(' and '.join(lowest_names))}.")
    if "vertical" in link_names:
        alternative.append(f"- {_md(link_names['vertical'])}: arrows between neighbouring layers.")
    if "horizontal" in link_names:
        alternative.append(f"- {_md(link_names['horizontal'])}: an arrow inside each layer.")
    return Figure(_svg(svg_id, f"0 0 {SYSTEM_WIDTH} {height:g}", title, desc, body, "24rem"), "\n".join(alternative) + "\n", tuple(items), title)


# ---------------------------------------------------------------- placing a figure on a page


def figure_markdown(figure: Figure, caption: str, *, figure_id: str | None = None) -> str:
    """The SVG in a ``<figure>`` with its caption, then the text alternative as Markdown.

    The drawing is left out of the search index (its words are in the text version below).
    """
    anchor = f' id="{_x(figure_id)}"' if figure_id else ""
    return (
        f'<figure class="tt-figure"{anchor} data-search-exclude>\n'
        f"{figure.svg}\n"
        f"<figcaption>{_x(caption)}</figcaption>\n"
        f"</figure>\n\n"
        f"{figure.alternative}\n"
    )


def _phase_label(phase: dict) -> str:
    return f"Phase {phase['number']}: {phase['name']}"


def _md(text) -> str:
    return _html_escape(str(text), quote=False)


def _linked(text: str, href: str | None) -> str:
    return f"[{_md(text)}]({href})" if href else _md(text)
