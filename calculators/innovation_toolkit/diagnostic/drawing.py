"""The strategic triangle as an accessible SVG."""

from __future__ import annotations

# Corner names are drawn this size (in viewBox units, which the page scales to about its text
# size on a phone) and broken onto two lines when longer than LABEL_WIDTH characters.
LABEL_SIZE = 15
LABEL_WIDTH = 12


def _label_lines(name: str) -> list[str]:
    """A corner name on one line, or two when long: "Organisational capacity" → two lines.

    >>> _label_lines("Value"), _label_lines("Organisational capacity")
    (['Value'], ['Organisational', 'capacity'])
    """
    words = name.split()
    if len(name) <= LABEL_WIDTH or len(words) < 2:
        return [name]
    best = min(range(1, len(words)), key=lambda cut: abs(len(" ".join(words[:cut])) - len(" ".join(words[cut:]))))
    return [" ".join(words[:best]), " ".join(words[best:])]


def triangle_svg(triangle: dict, size: int = 240) -> str:
    """Draw the team's triangle (solid) over the report's account of the phase (dashed).

    Each corner sits on a spoke from the centre; its distance is the rating (team) or our
    size for the report's importance label. Corners without a value sit at the centre. The
    SVG carries ``role="img"``, a ``<title>`` and a ``<desc>`` with the text alternative.
    """
    centre_x, centre_y, radius = size / 2, size / 2 + 10, size * 0.36
    spokes = [(0.0, -1.0), (-0.866, 0.5), (0.866, 0.5)]
    corners = triangle["corners"][:3]

    def points(key: str) -> str:
        coordinates = []
        for (dx, dy), corner in zip(spokes, corners, strict=False):
            level = corner.get(key) or 0.0
            coordinates.append(f"{centre_x + dx * radius * level:.1f},{centre_y + dy * radius * level:.1f}")
        return " ".join(coordinates)

    def escape(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")

    outline = " ".join(f"{centre_x + dx * radius:.1f},{centre_y + dy * radius:.1f}" for dx, dy in spokes)
    labels = []
    for (dx, dy), corner in zip(spokes, corners, strict=False):
        lines = _label_lines(corner["name"])
        x, y = centre_x + dx * (radius + 14), centre_y + dy * (radius + 14) + 5
        if dy < 0:  # the top corner's label grows upwards, the others downwards
            y -= (len(lines) - 1) * LABEL_SIZE * 1.15
        anchor = "middle" if dx == 0 else ("end" if dx < 0 else "start")
        spans = "".join(
            f'<tspan x="{x:.1f}" dy="{0 if index == 0 else LABEL_SIZE * 1.15:.1f}">{escape(line)}</tspan>' for index, line in enumerate(lines)
        )
        labels.append(f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{LABEL_SIZE}">{spans}</text>')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-70 -10 {size + 140} {size + 40}" role="img" '
        f'aria-labelledby="triangle-title triangle-desc">'
        f'<title id="triangle-title">Strategic triangle: your ratings and the report\'s account</title>'
        f'<desc id="triangle-desc">{escape(triangle["description"])}</desc>'
        f'<polygon points="{outline}" fill="none" stroke="currentColor" stroke-opacity="0.25"/>'
        f'<polygon class="report" points="{points("report_level")}" fill="none" stroke="currentColor" stroke-dasharray="4 3"/>'
        f'<polygon class="team" points="{points("level")}" fill="currentColor" fill-opacity="0.2" stroke="currentColor" stroke-width="2"/>'
        + "".join(labels)
        + "</svg>"
    )
