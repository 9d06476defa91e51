"""Every limit written on a page, in the README or in the widget's first figures is the one defined in code.

The limits are defined once, in ``innovation_toolkit.network.limits`` (and the picture's in
``drawing``); the methods page's limits table is checked in test_methods_page.py. This test
fails when any other place that states a limit says something else.
"""

from __future__ import annotations

import re
from pathlib import Path

from innovation_toolkit.network import drawing, limits

REPO = Path(__file__).resolve().parents[2]
BROWSER = limits.as_dict(limits.BROWSER)
COMMAND_LINE = limits.as_dict(limits.COMMAND_LINE)


def text_of(path: str) -> str:
    return " ".join((REPO / path).read_text(encoding="utf-8").split())


def test_connectors_page_states_the_browser_limits_and_the_picture_sizes():
    page = text_of("docs/calculators/connectors.md")
    assert f"up to {BROWSER['max_people']:,} people and {BROWSER['max_ties']:,} ties" in page
    assert f"more than {drawing.WHOLE_NETWORK_UP_TO} people are pictured" in page
    assert f"at most {drawing.MAX_DRAWN} people in all" in page


def test_readme_states_both_scales():
    readme = text_of("README.md")
    assert (
        f"up to {COMMAND_LINE['max_people']:,} people and {COMMAND_LINE['max_ties']:,} ties "
        f"(the browser {BROWSER['max_people']:,} and {BROWSER['max_ties']:,})"
    ) in readme


def test_the_widgets_first_figures_are_the_browser_limits():
    """The widget checks file sizes before the engine has loaded, with figures it starts from."""
    script = (REPO / "docs/assets/js/widgets/connectors.js").read_text(encoding="utf-8")
    literal = re.search(r"let LIMITS = \{([^}]*)\}", script).group(1)
    figures = {key: int(value.replace("_", "")) for key, value in re.findall(r"(\w+): ([\d_]+)", literal)}
    assert figures and figures == {key: BROWSER[key] for key in figures}, figures
