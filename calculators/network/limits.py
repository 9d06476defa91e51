"""Size limits and sampling settings for the connector-roles engine.

Every figure here is a documented choice, repeated in the result's ``limits`` block and on
the methods page (docs/methods/connector-roles.md), so that a reader can see where the
engine stops being exact and where it stops altogether.
"""
from __future__ import annotations

#: Largest input accepted, in characters of text. A 5,000-person, 50,000-tie edge list is
#: about 2 MB and a GraphML file of the same network with a few attributes about 10 MB, so
#: this leaves room for verbose exports while refusing obviously wrong files at once.
MAX_CHARACTERS = 30_000_000

#: Most people (nodes) and ties (edges) in the network analysed.
MAX_PEOPLE = 5_000
MAX_TIES = 50_000

#: Most data rows read from a text file before giving up. A survey file lists every
#: network's nominations, with repeats, so this is several times ``MAX_TIES``.
MAX_ROWS = 250_000

#: Exact betweenness and closeness need one breadth-first search per person, about
#: ``people × ties`` steps. Above this budget both are estimated from a sample of
#: start points ("pivots"), chosen with a fixed seed so results repeat exactly.
EXACT_WORK_BUDGET = 2_500_000

#: Fewest pivots used when sampling; the actual number is ``EXACT_WORK_BUDGET // ties``
#: but never below this and never above the number of people.
MIN_PIVOTS = 100

#: Seed for the pivot sample.
SAMPLING_SEED = 42

#: Share of people, per role, counted as key connectors (the report's "top five per cent").
TOP_SHARE = 0.05

#: The network picture in the result holds at most this many people and ties.
MAX_DRAW_NODES = 400
MAX_DRAW_EDGES = 2_000

#: Attribute columns with more distinct values than this are not treated as groups.
MAX_GROUPS = 50

#: Longest lists of names or line numbers repeated inside notes.
MAX_LISTED = 10


def as_dict() -> dict:
    """Return the limits as a JSON-serialisable dict (for the result's ``limits`` block)."""
    return {
        "max_characters": MAX_CHARACTERS,
        "max_people": MAX_PEOPLE,
        "max_ties": MAX_TIES,
        "max_rows": MAX_ROWS,
        "exact_work_budget": EXACT_WORK_BUDGET,
        "min_pivots": MIN_PIVOTS,
        "sampling_seed": SAMPLING_SEED,
        "top_share": TOP_SHARE,
        "max_draw_nodes": MAX_DRAW_NODES,
        "max_draw_edges": MAX_DRAW_EDGES,
        "max_groups": MAX_GROUPS,
    }
