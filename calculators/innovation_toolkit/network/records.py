"""What every tie reader returns: ties, notes and what the file declares, and the checks they share.

The readers (``delimited``, ``xmlgraphs``, ``jsongraphs``, ``textgraphs``) each turn one
family of formats into a :class:`ParsedTies`; ``parse`` picks the reader.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from innovation_toolkit.errors import InputError
from innovation_toolkit.network import limits
from innovation_toolkit.network.wording import are, count

_DECIMAL_COMMA = re.compile(r"-?\d+,\d+")
_THOUSANDS = re.compile(r"-?\d{1,3},\d{3}")

#: Node attributes that name the node rather than describe it.
LABEL_KEYS = ("label", "name")
#: Attributes that describe the drawing or the file, not the person.
DRAWING_KEYS = {
    "x",
    "y",
    "z",
    "size",
    "color",
    "colour",
    "r",
    "g",
    "b",
    "shape",
    "viz",
    "thickness",
    "start",
    "end",
    "id",
    "pid",
    "image",
    "icon",
    "url",
    "width",
    "height",
    "pos",
    "position",
    "nodegraphics",
    "edgegraphics",
}


@dataclass
class Tie:
    """One tie as read: ``source`` to ``target`` (a nomination when directed)."""

    source: str
    target: str
    weight: float = 1.0
    network: str | None = None
    where: str = ""  # "line 4" or "edge 'e3'": used in notes


@dataclass
class Note:
    """A parsing report: something kept, merged or changed, never silently."""

    kind: str
    message: str
    where: list[str] = field(default_factory=list)
    count: int = 0

    def as_dict(self) -> dict:
        return {"kind": self.kind, "message": self.message, "count": self.count, "where": self.where[: limits.MAX_LISTED]}


@dataclass
class ParsedTies:
    """What a tie file holds: ties, every name seen (in order), attributes, and reports."""

    ties: list[Tie]
    names: list[str]
    attributes: dict[str, dict[str, str]]
    info: dict
    notes: list[Note]
    directed: bool | None = None  # what the file itself declares (GraphML/GEXF, Gephi "Type", Kumu "Direction")


def show(value: object, width: int = 40) -> str:
    """``repr`` of at most ``width`` characters of ``value``, never of the whole of it.

    >>> show("x" * 100)[:6], len(show("x" * 100))
    ("'xxxxx", 42)
    """
    text = value if isinstance(value, str) else type(value).__name__
    text = text if len(text) <= width else text[: width - 1] + "…"
    return repr(text)


def parse_weight(value: str, *, line: int | None = None, column: int | None = None, decimal_comma: bool = False) -> float:
    """Return ``value`` as a positive finite weight, or raise ``InputError`` naming the cell.

    ``decimal_comma`` accepts ``1,5`` (semicolon-separated European exports); a quoted
    ``"1,33"`` in a comma-separated file is read the same way, but ``"1,000"`` is refused as
    ambiguous. Weights outside :data:`limits.MIN_WEIGHT` to :data:`limits.MAX_WEIGHT` are
    refused: sums of them could overflow to infinity.

    >>> parse_weight("2.5")
    2.5
    """
    text = value.strip()
    if not decimal_comma and _DECIMAL_COMMA.fullmatch(text):  # a quoted "1,33": Gephi in a locale with decimal commas
        if _THOUSANDS.fullmatch(text):
            raise InputError(
                f"weight {show(value)} could be a thousands separator or a decimal comma: write it without the comma", line=line, column=column
            )
        decimal_comma = True
    if decimal_comma:
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        raise InputError(f"weight {show(value)} is not a number", line=line, column=column) from None
    return check_weight(number, value, line=line, column=column)


def check_weight(number: float, shown: object = None, *, line: int | None = None, column: int | None = None) -> float:
    """``number`` if it is a usable tie weight, else ``InputError``.

    Usable: 0 (no tie), or finite with a size between ``MIN_WEIGHT`` and ``MAX_WEIGHT``.
    Negative weights are returned as they are: readers leave such ties out, with a note
    (:data:`NEGATIVE_NOTE`).
    """
    label = show(shown if shown is not None else repr(number))
    if math.isnan(number) or math.isinf(number):
        raise InputError(f"weight {label} is not a finite number", line=line, column=column)
    if abs(number) > limits.MAX_WEIGHT or 0 < abs(number) < limits.MIN_WEIGHT:
        raise InputError(
            f"weight {label} is outside the range {limits.MIN_WEIGHT:g} to {limits.MAX_WEIGHT:g} (or 0 for no tie): "
            "rescale the weights (only their ratios matter)",
            line=line,
            column=column,
        )
    return float(number)


#: What is said of ties with a negative weight, which every reader leaves out.
NEGATIVE_NOTE = (
    "a negative weight (a dislike or a conflict, in a signed network), left out: a negative tie "
    "carries nothing between people, and weights measure tie strength"
)


def rows_note(kind: str, where: list[str], what: str, singular: str, plural: str, noun: str = "row") -> Note:
    """A note about ``len(where)`` rows: ``rows_note("zero-weight", lines, "weight 0, read as 'no tie'", "has", "have")``."""
    number = len(where)
    return Note(kind, f"{count(number, noun).capitalize()} {are(number, singular, plural)} {what}", where, number)


class NodeEdgeReader:
    """Nodes and edges of a node-and-edge file (GraphML, GEXF, JSON, GML, Pajek), turned into :class:`ParsedTies` by :meth:`result`.

    A node's name is its label when present and unique, else its id. An edge's own
    direction (``directed``: True, False or None for the file's default) is honoured: when a
    file mixes directed and undirected edges, the undirected ones run both ways.
    """

    def __init__(self, kind: str, fmt: str):
        self.kind, self.fmt = kind, fmt
        self.nodes: dict[str, tuple[str, dict[str, str]]] = {}  # id → (label, attributes)
        self.edges: list[tuple[str, str, object, str | None, bool | None, str]] = []
        self.notes: list[Note] = []
        self.groups: dict[str, str] = {}  # id → where, of nodes that only contain other nodes
        self.undeclared: list[str] = []

    def add_node(self, node_id: str | None, label: str, attributes: dict[str, str], where: str) -> None:
        if node_id is None or not node_id.strip():
            raise InputError(f"{self.kind} {where} has no id")
        node_id = node_id.strip()
        if node_id in self.nodes:
            raise InputError(f"{self.kind}: node id {show(node_id)} appears twice")
        self.nodes[node_id] = (label.strip(), attributes)
        if len(self.nodes) > limits.MAX_PEOPLE:
            raise InputError(f"{self.kind} lists more than {limits.MAX_PEOPLE:,} nodes; the limit is {limits.MAX_PEOPLE:,} people")

    def add_edge(self, source: str | None, target: str | None, weight: object, network: str | None, directed: bool | None, where: str) -> None:
        if not source or not target:
            raise InputError(f"{self.kind} {where} needs a source and a target")
        self.edges.append((source.strip(), target.strip(), weight, network, directed, where))
        if len(self.edges) > limits.MAX_ROWS:
            raise InputError(f"{self.kind} has more than {limits.MAX_ROWS:,} edges; the limit is {limits.MAX_TIES:,} ties")

    def result(self, default_directed: bool) -> ParsedTies:
        """The ties, with every edge end the file does not list added as a person (with a note)."""
        kind, notes = self.kind, self.notes
        for source, target, *_ in self.edges:
            for end in (source, target):
                if end not in self.nodes:
                    self.nodes[end] = ("", {})
                    self.undeclared.append(repr(end))
        touched = {end for source, target, *_ in self.edges for end in (source, target)}
        groups = [where for node_id, where in self.groups.items() if node_id not in touched]
        for node_id in self.groups:
            if node_id not in touched:
                del self.nodes[node_id]
        names = node_names(self.nodes, kind, notes)
        if groups:
            notes.append(
                Note(
                    "groups",
                    f"{count(len(groups), 'node').capitalize()} only {are(len(groups), 'groups', 'group')} other nodes, with no ties of "
                    f"{'its' if len(groups) == 1 else 'their'} own, and {are(len(groups))} not counted as people",
                    groups,
                    len(groups),
                )
            )
        if self.undeclared:
            notes.append(
                Note(
                    "nodes",
                    f"{count(len(self.undeclared), 'edge end').capitalize()} {are(len(self.undeclared), 'names a node', 'name nodes')} the file does "
                    "not list; added as people",
                    self.undeclared,
                    len(self.undeclared),
                )
            )
        attributes = {names[node_id]: values for node_id, (_, values) in self.nodes.items() if values}
        own = {directed for *_, directed, _ in self.edges if directed is not None}
        if all(edge[4] is not None for edge in self.edges):  # every edge says: the file's default plays no part
            default_directed = True in own
            mixed = len(own) > 1
        else:
            mixed = len(own | {default_directed}) > 1 if own else False
        directed = default_directed or (True in own)
        ties: list[Tie] = []
        both_ways: list[str] = []
        negative: list[str] = []
        for source, target, raw, network, edge_directed, where in self.edges:
            weight = edge_weight(raw, kind, where)
            if weight <= 0:
                if weight < 0:
                    negative.append(where)
                continue
            where_named = f"{where} ({names[source]} – {names[target]})"
            ties.append(Tie(names[source], names[target], weight, network, where_named))
            if directed and (edge_directed is False or (edge_directed is None and not default_directed)):
                ties.append(Tie(names[target], names[source], weight, network, where_named))
                both_ways.append(where)
        if negative:
            notes.append(rows_note("negative-weight", negative, NEGATIVE_NOTE, "has", "have", "edge"))
        if mixed and both_ways:
            notes.append(
                Note(
                    "direction",
                    f"{count(len(both_ways), 'edge').capitalize()} marked undirected in a file with directed edges {are(len(both_ways))} read as "
                    "running both ways",
                    both_ways,
                    len(both_ways),
                )
            )
        if not ties:
            raise InputError(f"{kind} has no edges: the file lists {count(len(self.nodes), 'node')} but no ties between them")
        info = {"format": self.fmt, "delimiter": None, "header": None, "columns": None, "rows": len(self.edges), "nominations": False}
        return ParsedTies(ties, [names[n] for n in self.nodes], attributes, info, notes, directed)


def node_names(nodes: dict[str, tuple[str, dict]], kind: str, notes: list[Note]) -> dict[str, str]:
    """Each node's name: its label when present and unique, else its id."""
    counts: dict[str, int] = {}
    for label, _ in nodes.values():
        if label:
            counts[label] = counts.get(label, 0) + 1
    names: dict[str, str] = {}
    clashes = []
    for node_id, (label, _) in nodes.items():
        if label and counts[label] == 1:
            names[node_id] = label
        else:
            if label:
                clashes.append(f"node {node_id!r}")
            names[node_id] = node_id
    if clashes:
        notes.append(
            Note(
                "labels",
                f"{count(len(clashes), 'node').capitalize()} {are(len(clashes), 'shares', 'share')} a label with another node, so "
                f"{are(len(clashes), 'its id is', 'their ids are')} used as names",
                clashes,
                len(clashes),
            )
        )
    if len(set(names.values())) < len(names):
        raise InputError(f"{kind}: two nodes end up with the same name; give nodes unique ids or labels")
    return names


def edge_weight(raw: object, kind: str, where: str) -> float:
    if raw is None:
        return 1.0
    text = str(raw).strip()
    if text == "":
        return 1.0
    try:
        number = float(text)
    except ValueError:
        raise InputError(f"{kind} {where}: weight {show(text)} is not a number") from None
    try:
        return check_weight(number, text)
    except InputError as error:
        raise InputError(f"{kind} {where}: {error}") from None


def keep_attribute(name: str, value: str, attributes: dict[str, str]) -> None:
    """Keep ``name = value`` among a person's attributes unless it only describes the drawing."""
    if name.casefold() not in DRAWING_KEYS and value.strip():
        attributes[name] = value.strip()
