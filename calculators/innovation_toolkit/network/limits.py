"""Size limits and sampling settings for the connector-roles engine.

Every figure here is a documented choice, repeated in the result's ``limits`` block and on
the methods page (docs/methods/connector-roles.md), so that a reader can see where the
engine stops being exact and where it stops altogether.

Limits by scale
---------------
The same engine runs in two places: in the reader's browser (Pyodide, on whatever laptop
or phone the reader has, inside one browser tab) and on the command line (CPython, on a
machine chosen for the job). The size and work limits therefore come in two sets, one per
*scale*: ``"browser"`` and ``"command-line"``. Each limit is defined once below as a
``{scale: value}`` table (``*_BY_SCALE``); the plain name (``limits.MAX_PEOPLE``) gives the
value for the scale in force, which is ``"browser"`` unless a caller sets another with
:func:`scale` or :func:`scaled` (``analyse(..., scale="command-line")`` does). Assigning to
the plain name (as tests do with ``monkeypatch.setattr``) changes the value for the scale
in force only.

>>> from innovation_toolkit.network import limits
>>> limits.MAX_PEOPLE
5000
>>> with limits.scale("command-line"):
...     limits.MAX_PEOPLE
100000
"""

from __future__ import annotations

import contextvars
import functools
import inspect
import sys
import types
from contextlib import contextmanager
from typing import TYPE_CHECKING

BROWSER = "browser"
COMMAND_LINE = "command-line"
SCALES = (BROWSER, COMMAND_LINE)

#: Largest input accepted, in characters of text. Browser: a 5,000-person, 50,000-tie
#: edge list is about 2 MB and a GraphML file of the same network with a few attributes
#: about 10 MB, so 30 million leaves room for verbose exports while refusing obviously
#: wrong files at once (a browser tab holds the text several times over while parsing).
#: Command line: a 1,000,000-tie survey export with network names and long names is about
#: 100 MB; 200 million characters allows that twice over and stays well inside the
#: memory of an ordinary desktop.
MAX_CHARACTERS_BY_SCALE = {BROWSER: 30_000_000, COMMAND_LINE: 200_000_000}

#: Most people (nodes) and ties (edges) in the network analysed. Browser: 5,000 people and
#: 50,000 ties, a large organisation or a small district, analysed in seconds in a tab.
#: Command line: 100,000 people and 1,000,000 ties, a whole region. The graph and the
#: indexed lists the sweep uses cost about 1 KB per tie in CPython, so the largest network
#: needs roughly 1–2 GB of memory; at 50,000 people and 250,000 ties the measured peak is
#: under 1 GB (docs/about/performance.md).
MAX_PEOPLE_BY_SCALE = {BROWSER: 5_000, COMMAND_LINE: 100_000}
MAX_TIES_BY_SCALE = {BROWSER: 50_000, COMMAND_LINE: 1_000_000}

#: Most data rows read from a text file before giving up. A survey file lists every
#: network's nominations, with repeats, so this is five times the tie limit.
MAX_ROWS_BY_SCALE = {BROWSER: 250_000, COMMAND_LINE: 5_000_000}

#: Exact betweenness and closeness need one shortest-path search per person, about
#: ``people × ties`` steps (three times that with varied tie weights, see
#: :data:`WEIGHTED_COST`). Up to this budget both are computed exactly; above it they are
#: estimated from a growing sample of start points (``measures.path_measures``) unless
#: exact values are asked for. Measured on a shared 2-core machine
#: (docs/about/performance.md), CPython runs about 1.3–2.7 million steps a second on
#: networks of a few thousand people and Pyodide about two thirds of that, so the
#: browser's 4 million is about 2–4 s in a tab (1,000 people and 4,000 ties are exact) and
#: the command line's 30 million about 10–20 s (2,000 people and 10,000 ties are exact).
EXACT_WORK_BUDGET_BY_SCALE = {BROWSER: 4_000_000, COMMAND_LINE: 30_000_000}

#: Most steps an estimate may spend (start points × ties). Browser: 4 million, about 3–5 s
#: in Pyodide: 400 start points in a 10,000-tie network, 160 in a 25,000-tie one.
#: Command line: 25 million: 1,000 start points at 25,000 ties (about 15 s), and 100 at
#: 250,000 ties, where each search is slower (about 0.45 s), so that a 50,000-person
#: region stays inside a minute.
SAMPLE_WORK_BUDGET_BY_SCALE = {BROWSER: 4_000_000, COMMAND_LINE: 25_000_000}

#: The same two budgets for the optional networkit engine (``--engine networkit``, command
#: line only), whose compiled searches are four to ten times faster: exact up to 300
#: million steps (a 5,000-person, 25,000-tie network in about 10 s on two cores), estimates
#: up to 100 million (400 start points at 250,000 ties, about 40 s).
NETWORKIT_EXACT_WORK_BUDGET_BY_SCALE = {BROWSER: 0, COMMAND_LINE: 300_000_000}
NETWORKIT_SAMPLE_WORK_BUDGET_BY_SCALE = {BROWSER: 0, COMMAND_LINE: 100_000_000}

#: Closeness without varied tie weights is computed exactly by bit-parallel breadth-first
#: searches (``measures.exact_closeness``) while ``people × ties`` is within this budget,
#: whatever the betweenness budget. The time grows with ``people × ties``: about 0.02 s for
#: 2,000 people and 10,000 ties and 0.2 s for 5,000 and 25,000 in CPython, so the browser's
#: largest network (5,000 people, 50,000 ties) is inside its budget; on the command line 2.5
#: billion is about 4 s (20,000 people and 125,000 ties), while a 50,000-person,
#: 250,000-tie region (12.5 billion, about 20 s) would no longer finish inside a minute, so
#: there closeness is estimated with betweenness.
CLOSENESS_EXACT_WORK_BUDGET_BY_SCALE = {BROWSER: 250_000_000, COMMAND_LINE: 2_500_000_000}

#: Bits held per person while closeness is computed: searches from this many start points
#: run together, ``people × start points`` at most this many bits (about 60 MB per list).
CLOSENESS_BITS = 500_000_000

#: A Dijkstra search (weighted ties) costs about this many breadth-first searches.
WEIGHTED_COST = 3

#: Start points in the first round of an estimate (fewer when the budget allows fewer
#: than two rounds). Each later round doubles the number.
MIN_PIVOTS = 100

#: An estimate stops growing once two successive rounds give role holders that agree at
#: least this well (Jaccard index, for gatekeepers and for pulsetakers).
AGREEMENT_TARGET = 0.95

#: Seed for the start-point sample.
SAMPLING_SEED = 42

#: Share of people, per role, counted as key connectors (the report's "top five per cent").
TOP_SHARE = 0.05

#: Most people a role may hold, as a share of the people with ties, when scores are not
#: tied (at least one person); and when the people sharing the top score hold it together
#: (at least two). Neither is ever half of the people or more.
MAX_SHARE = 0.10
MAX_TIED_SHARE = 0.20

#: How far above the median score a holder's score must be to "stand out" (0.2 = 20 %).
STAND_OUT_MARGIN = 0.20

#: Largest and smallest tie weight above zero accepted. Only the ratios of weights matter
#: (a tie's length is 1 / its weight), and a ratio of 10^18 between two ties is already
#: beyond any survey scale; outside this range sums of lengths could overflow to infinity,
#: which no JSON reader accepts.
MAX_WEIGHT = 1e9
MIN_WEIGHT = 1e-9

#: The network picture in the result holds at most this many people and ties.
MAX_DRAW_NODES = 400
MAX_DRAW_EDGES = 2_000

#: Attribute columns with more distinct values than this are not treated as groups.
MAX_GROUPS = 50

#: Longest lists of names or line numbers repeated inside notes.
MAX_LISTED = 10

#: The plain names that resolve to the scale in force, and their tables.
_SCALED = {
    "MAX_CHARACTERS": MAX_CHARACTERS_BY_SCALE,
    "MAX_PEOPLE": MAX_PEOPLE_BY_SCALE,
    "MAX_TIES": MAX_TIES_BY_SCALE,
    "MAX_ROWS": MAX_ROWS_BY_SCALE,
    "EXACT_WORK_BUDGET": EXACT_WORK_BUDGET_BY_SCALE,
    "SAMPLE_WORK_BUDGET": SAMPLE_WORK_BUDGET_BY_SCALE,
    "NETWORKIT_EXACT_WORK_BUDGET": NETWORKIT_EXACT_WORK_BUDGET_BY_SCALE,
    "NETWORKIT_SAMPLE_WORK_BUDGET": NETWORKIT_SAMPLE_WORK_BUDGET_BY_SCALE,
    "CLOSENESS_EXACT_WORK_BUDGET": CLOSENESS_EXACT_WORK_BUDGET_BY_SCALE,
}

if TYPE_CHECKING:  # the plain names, as type checkers see them (``_Limits`` resolves them at run time)
    MAX_CHARACTERS: int
    MAX_PEOPLE: int
    MAX_TIES: int
    MAX_ROWS: int
    EXACT_WORK_BUDGET: int
    SAMPLE_WORK_BUDGET: int
    NETWORKIT_EXACT_WORK_BUDGET: int
    NETWORKIT_SAMPLE_WORK_BUDGET: int
    CLOSENESS_EXACT_WORK_BUDGET: int

_SCALE: contextvars.ContextVar[str] = contextvars.ContextVar("limits_scale", default=BROWSER)


def in_force() -> str:
    """The scale whose limits apply now: ``"browser"`` unless set by :func:`scale`.

    >>> in_force()
    'browser'
    """
    return _SCALE.get()


def check_scale(name: object) -> str:
    """Return ``name`` if it is a known scale, else raise a one-line ``InputError``."""
    if name not in SCALES:
        from innovation_toolkit.errors import InputError

        raise InputError(f"'scale' must be one of {', '.join(repr(s) for s in SCALES)}, not {name!r}")
    return name


@contextmanager
def scale(name: str):
    """Apply the limits of scale ``name`` inside a ``with`` block."""
    token = _SCALE.set(check_scale(name))
    try:
        yield name
    finally:
        _SCALE.reset(token)


def scaled(function):
    """Decorate a function taking a ``scale`` keyword so that its limits apply during the call."""
    parameter = inspect.signature(function).parameters.get("scale")
    default = parameter.default if parameter is not None and parameter.default is not inspect.Parameter.empty else BROWSER

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with scale(kwargs.get("scale", default)):
            return function(*args, **kwargs)

    return wrapper


def as_dict(scale_name: str | None = None) -> dict:
    """Return the limits in force (or those of ``scale_name``) as a JSON-serialisable dict."""
    chosen = in_force() if scale_name is None else check_scale(scale_name)
    return {
        "scale": chosen,
        "max_characters": MAX_CHARACTERS_BY_SCALE[chosen],
        "max_people": MAX_PEOPLE_BY_SCALE[chosen],
        "max_ties": MAX_TIES_BY_SCALE[chosen],
        "max_rows": MAX_ROWS_BY_SCALE[chosen],
        "exact_work_budget": EXACT_WORK_BUDGET_BY_SCALE[chosen],
        "sample_work_budget": SAMPLE_WORK_BUDGET_BY_SCALE[chosen],
        "closeness_exact_work_budget": CLOSENESS_EXACT_WORK_BUDGET_BY_SCALE[chosen],
        "weighted_cost": WEIGHTED_COST,
        "min_pivots": MIN_PIVOTS,
        "agreement_target": AGREEMENT_TARGET,
        "sampling_seed": SAMPLING_SEED,
        "top_share": TOP_SHARE,
        "max_share": MAX_SHARE,
        "max_tied_share": MAX_TIED_SHARE,
        "stand_out_margin": STAND_OUT_MARGIN,
        "max_draw_nodes": MAX_DRAW_NODES,
        "max_draw_edges": MAX_DRAW_EDGES,
        "max_groups": MAX_GROUPS,
        "max_weight": MAX_WEIGHT,
        "min_weight": MIN_WEIGHT,
    }


class _Limits(types.ModuleType):
    """This module, with the scaled names read from (and written to) the scale in force."""

    def __getattr__(self, name: str):
        table = _SCALED.get(name)
        if table is None:
            raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")
        return table[_SCALE.get()]

    def __setattr__(self, name: str, value) -> None:
        table = _SCALED.get(name)
        if table is None:
            super().__setattr__(name, value)
        else:
            table[_SCALE.get()] = value

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(_SCALED))


sys.modules[__name__].__class__ = _Limits
