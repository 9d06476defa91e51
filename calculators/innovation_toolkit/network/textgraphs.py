"""Read GML and Pajek ``.net`` through networkx's readers, and name the formats not read.

* **GML** (Newman's data sets, Gephi, yEd, igraph): ``networkx.parse_gml``; a node's name
  is its ``label`` when present and unique, else its ``id``; the weight is ``weight`` or
  ``value`` (Newman's files). A file with repeated edges that does not declare
  ``multigraph 1`` is read again as a multigraph, and the repeats are merged later with a
  note, as in every other format.
* **Pajek** (``*Vertices``, ``*Edges``, ``*Arcs``, ``*Edgeslist``, ``*Arcslist``,
  ``*Matrix``): each section goes through ``networkx.parse_pajek`` with the vertex list, so
  that a file with both ``*Edges`` (undirected) and ``*Arcs`` (directed) keeps each tie's
  direction; ``%`` comment lines are dropped first; the ``*list`` sections, which networkx
  does not read, are expanded to one tie per pair; ``*Vertices 32 18`` (a two-mode network
  whose first 18 vertices are one kind) marks the two sides for :mod:`innovation_toolkit.network.twomode`.
"""

from __future__ import annotations

import re
import shlex
import warnings

from innovation_toolkit.errors import InputError
from innovation_toolkit.network import limits
from innovation_toolkit.network.records import LABEL_KEYS, NodeEdgeReader, Note, ParsedTies, keep_attribute, show
from innovation_toolkit.network.wording import names_list

_GML_START = re.compile(r"\A(?:\s*#[^\n]*\n|\s*(?:Creator|Version|comment)\s+(?:\"[^\"]*\"|\S+))*\s*graph\s*\[", re.IGNORECASE)
_PAJEK_START = re.compile(r"\A(?:\s*%[^\n]*\n)*\s*\*(?:vertices|network|edges|arcs)\b", re.IGNORECASE)
_DL_START = re.compile(r"\A\s*dl\b[^\n]*\b(?:n|nr|nc|nm)\s*=", re.IGNORECASE)

#: Formats recognised but not read: (pattern on the first characters, message).
UNSUPPORTED = (
    (
        _DL_START,
        "this looks like a UCINET DL file, which is not supported: export an edge list "
        "(in UCINET: Data > Export > Excel or Text, as an edge list; or open it in Gephi and export CSV)",
    ),
    (
        re.compile(r"\A\s*(?:strict\s+)?(?:di)?graph\b[^\n\[]*\{", re.IGNORECASE),
        "this looks like a Graphviz DOT file, which is not supported: export an edge list (CSV) or GraphML",
    ),
    (
        re.compile(r"\A\s*nodedef\s*>", re.IGNORECASE),
        "this looks like a GUESS (.gdf) file, which is not supported: export GEXF, GraphML or an edge table (CSV) from Gephi",
    ),
)


def looks_like(text: str) -> str | None:
    """``"gml"``, ``"pajek"``, or None; raises ``InputError`` for a recognised format that is not read.

    >>> looks_like("*Vertices 2\\n1 \\"Ann\\"\\n2 \\"Bob\\"\\n*Edges\\n1 2")
    'pajek'
    """
    head = text[:4096]
    for pattern, message in UNSUPPORTED:
        if pattern.match(head):
            raise InputError(message, line=1)
    if _GML_START.match(head):
        return "gml"
    if _PAJEK_START.match(head):
        return "pajek"
    return None


def _quietly(function, *args, **kwargs):
    """Call a networkx reader with its warnings caught: returns ``(value, warning messages)``."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = function(*args, **kwargs)
    return value, [str(w.message).splitlines()[0][:200] for w in caught]


def _warning_note(messages: list[str], notes: list[Note]) -> None:
    if messages:
        notes.append(Note("reader", "the file reader warned: " + "; ".join(sorted(set(messages))[:3])))


def _reader_error(kind: str, error: Exception) -> InputError:
    if isinstance(error, RecursionError):
        return InputError(f"{kind} file nested too deeply to read")
    message = str(error).splitlines()[0] if str(error) else type(error).__name__
    return InputError(f"cannot read this {kind} file: {message[:200]}")


def parse_gml(text: str) -> ParsedTies:
    """Read a GML file with ``networkx.parse_gml``.

    >>> parsed = parse_gml('graph [ node [ id 1 label "Ann" ] node [ id 2 label "Bob" ] edge [ source 1 target 2 value 3 ] ]')
    >>> [(t.source, t.target, t.weight) for t in parsed.ties], parsed.directed
    ([('Ann', 'Bob', 3.0)], False)
    """
    import networkx as nx

    kind = "GML"
    try:
        try:
            graph, messages = _quietly(nx.parse_gml, text, label=None)
        except nx.NetworkXError as error:
            if "duplicated" not in str(error):
                raise
            graph, messages = _quietly(nx.parse_gml, re.sub(r"graph\s*\[", "graph [ multigraph 1 ", text, count=1, flags=re.IGNORECASE), label=None)
    except InputError:
        raise
    except Exception as error:  # networkx raises NetworkXError, ValueError, KeyError … on malformed files
        raise _reader_error(kind, error) from None
    reader = NodeEdgeReader(kind, "gml")
    _warning_note(messages, reader.notes)
    for node, data in graph.nodes(data=True):
        label = next((str(data[k]) for k in LABEL_KEYS if k in data and not isinstance(data[k], (dict, list))), "")
        attributes: dict[str, str] = {}
        for key, value in data.items():
            if key not in LABEL_KEYS and not isinstance(value, (dict, list)):
                keep_attribute(str(key), str(value), attributes)
        reader.add_node(str(node), label, attributes, f"node {show(str(node))}")
    edges = graph.edges(data=True)
    for number, (u, v, data) in enumerate(edges, start=1):
        weight = data.get("weight", data.get("value"))
        reader.add_edge(str(u), str(v), weight, None, None, f"edge {number}")
    return reader.result(graph.is_directed())


def _pajek_sections(text: str) -> list[tuple[str, list[str]]]:
    sections: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("%"):
            continue
        if stripped.startswith("*"):
            sections.append((stripped.split()[0].casefold(), [stripped]))
        elif sections:
            sections[-1][1].append(stripped)
        else:
            raise InputError(f"Pajek file: {show(stripped)} comes before any *Vertices or *Edges line", line=1)
    return sections


def parse_pajek(text: str) -> ParsedTies:
    """Read a Pajek ``.net`` file, section by section, with ``networkx.parse_pajek``.

    >>> parsed = parse_pajek('*Vertices 3\\n1 "Ann"\\n2 "Bob"\\n3 "Cy"\\n*Edges\\n1 2\\n*Arcs\\n2 3 2')
    >>> sorted((t.source, t.target, t.weight) for t in parsed.ties)
    [('Ann', 'Bob', 1.0), ('Bob', 'Ann', 1.0), ('Bob', 'Cy', 2.0)]
    """
    import networkx as nx

    kind = "Pajek"
    sections = _pajek_sections(text)
    vertices: list[str] = []
    first_mode: int | None = None
    reader = NodeEdgeReader(kind, "pajek")
    for name, lines in sections:
        if name == "*vertices":
            parts = lines[0].split()
            if len(parts) < 2 or not parts[1].isdigit():
                raise InputError(f"Pajek file: {show(lines[0])} should give the number of vertices, e.g. '*Vertices 34'")
            declared = int(parts[1])
            if len(parts) > 2 and parts[2].isdigit():  # "*Vertices 32 18": a two-mode network, the first 18 one kind
                first_mode = int(parts[2])
            if declared > limits.MAX_PEOPLE:
                raise InputError(f"Pajek file declares {declared:,} vertices; the limit is {limits.MAX_PEOPLE:,} people")
            seen: dict[str, int] = {}
            parsed_lines = []
            for line in lines[1:]:
                try:
                    fields = shlex.split(line)
                except ValueError:
                    raise InputError(f"Pajek file: the vertex line {show(line)} has an unclosed quotation mark") from None
                parsed_lines.append((line, fields))
                if len(fields) > 1:
                    seen[fields[1]] = seen.get(fields[1], 0) + 1
            for line, fields in parsed_lines:
                if len(fields) == 1 or seen.get(fields[1], 0) > 1:
                    line = f'{fields[0]} "{fields[0]}"'  # no label, or a shared one: the vertex is named by its number
                vertices.append(line)
            shared = sorted(label for label, times in seen.items() if times > 1)
            if shared:
                reader.notes.append(
                    Note(
                        "labels",
                        f"{len(shared):,} Pajek {'label is' if len(shared) == 1 else 'labels are'} shared by several "
                        f"vertices ({names_list([repr(x) for x in shared], 3)}), so those vertices are named by their numbers",
                    )
                )
            missing = [str(i) for i in range(1, declared + 1) if str(i) not in {v.split(None, 1)[0] for v in vertices}]
            vertices += [f'{number} "{number}"' for number in missing]
    header = [f"*Vertices {len(vertices)}"] + vertices
    try:
        listed, messages = _quietly(nx.parse_pajek, "\n".join(header))
    except Exception as error:
        raise _reader_error(kind, error) from None
    for node, data in listed.nodes(data=True):
        attributes: dict[str, str] = {}
        for key, value in data.items():
            if key != "id":
                keep_attribute(str(key), str(value), attributes)
        if first_mode is not None and str(data.get("id")).isdigit():
            attributes["bipartite"] = "0" if int(data["id"]) <= first_mode else "1"
        reader.add_node(str(data.get("id")), str(node), attributes, f"vertex {data.get('id')}")
    kinds = set()
    number = 0
    for name, lines in sections:
        if name == "*vertices" or name == "*network":
            continue
        directed = name.startswith("*arc") or name == "*matrix"
        if name not in ("*edges", "*arcs", "*edgeslist", "*arcslist", "*matrix"):
            reader.notes.append(Note("sections", f"the Pajek section {show(lines[0])} is not read"))
            continue
        kinds.add(directed)
        body = lines[1:]
        if name.endswith("list"):
            body = [f"{row.split()[0]} {other}" for row in body for other in row.split()[1:]]
            name = name[: -len("list")]
        try:
            graph, more = _quietly(nx.parse_pajek, "\n".join(header + [name] + body))
        except Exception as error:
            raise _reader_error(kind, error) from None
        messages += more
        for u, v, data in graph.edges(data=True):
            number += 1
            ends = [str(listed.nodes[end].get("id")) if end in listed else None for end in (u, v)]
            if None in ends:
                unknown = names_list([repr(str(e)) for e, id_ in zip((u, v), ends, strict=True) if id_ is None])
                raise InputError(f"Pajek file: a tie in {lines[0]} names vertex {unknown}, which *Vertices does not list")
            reader.add_edge(ends[0], ends[1], data.get("weight"), None, directed, f"tie {number}")
    if not kinds:
        raise InputError("Pajek file has no *Edges, *Arcs or *Matrix section: no ties to read")
    _warning_note(messages, reader.notes)
    return reader.result(True in kinds and False not in kinds)
