"""Read GraphML (igraph, yEd, Gephi, networkx) and GEXF (1.0 to 1.3, Gephi's old namespace).

These readers are written for the files tools really export rather than the schemas:
networkx's readers refuse many of them ("No attribute defined for=image" on a Gephi 0.8
file with images, no graph found in the old ``gephi.org`` namespace, a boolean written
``  true   `` by igraph's test files). Here:

* element names are matched without their namespace, so every GEXF version and Gephi's
  old namespace read alike;
* values are trimmed before conversion; an attribute value with no declaration is read
  under its own name;
* drawing details (GEXF ``viz``, yEd graphics, images, colours, positions) and time
  (GEXF ``start``/``end``/``spells``, dynamic mode) are left out, each with a note;
* a yEd node's label is the text of its ``NodeLabel``;
* each edge's own direction (GraphML ``directed``, GEXF ``type``) is honoured: in a file
  that mixes directed and undirected edges, the undirected ones run both ways;
* nodes that only group other nodes (yEd groups, GEXF hierarchies) are not people, unless
  a tie of their own shows they are.

Any DOCTYPE or ENTITY declaration is refused before parsing, so entity-expansion attacks
never reach the XML parser.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

from innovation_toolkit.errors import InputError
from innovation_toolkit.network.records import LABEL_KEYS, NodeEdgeReader, Note, ParsedTies, keep_attribute, show

_FORBIDDEN_XML = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
NETWORK_KEYS = ("network", "relation", "relationship", "layer")
_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no"}


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element, name: str):
    return [child for child in element if _local(child.tag) == name]


def _parse(text: str, kind: str):
    match = _FORBIDDEN_XML.search(text)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        raise InputError(
            f"XML with a <!{match.group(1).upper()}> declaration is refused (entity expansion risk): remove it",
            line=line,
            column=column,
        )
    # The text is already decoded: drop the declaration so its encoding cannot contradict it.
    body = _DECLARATION.sub("", text, count=1)
    offset = text[: len(text) - len(body)].count("\n")
    try:
        return ElementTree.fromstring(body.encode("utf-8"))
    except ElementTree.ParseError as error:
        line, column = error.position
        reason = re.sub(r":? line \d+, column \d+", "", str(error)).strip()
        raise InputError(f"{kind} is not well-formed XML ({reason})", line=line + offset, column=column + 1) from None


def _boolean(value: str, kind: str, where: str) -> bool:
    word = value.strip().casefold()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise InputError(f"{kind} {where}: {show(value)} is not true or false")


# --- GraphML ------------------------------------------------------------------------------


def parse_graphml(text: str) -> ParsedTies:
    """Read a GraphML file (see the module docstring for what is tolerated).

    >>> parsed = parse_graphml('<graphml><graph edgedefault="undirected"><node id="a"/><node id="b"/>'
    ...                        '<edge source="a" target="b"/></graph></graphml>')
    >>> [(t.source, t.target) for t in parsed.ties], parsed.directed
    ([('a', 'b')], False)
    """
    kind = "GraphML"
    root = _parse(text, kind)
    if _local(root.tag) != "graphml":
        raise InputError(f"this XML's root element is <{_local(root.tag)}>, not <graphml>")
    keys: dict[str, dict] = {}
    for key in _children(root, "key"):
        name = key.get("attr.name") or key.get("yfiles.type") or key.get("id") or ""
        default = next((d.text or "" for d in _children(key, "default")), None)
        keys[key.get("id", "")] = {
            "name": name,
            "type": (key.get("attr.type") or "string").casefold(),
            "default": default,
            "for": key.get("for", "all"),
            "graphics": bool(key.get("yfiles.type")),
        }
    graphs = _children(root, "graph")
    if not graphs:
        raise InputError("GraphML has no <graph> element")
    graph_element = graphs[0]
    reader = NodeEdgeReader(kind, "graphml")
    if len(graphs) > 1:
        reader.notes.append(Note("graphs", f"the file holds {len(graphs):,} graphs; only the first is read"))
    default_directed = (graph_element.get("edgedefault") or "undirected").strip().casefold() == "directed"  # as networkx: unset is undirected
    for number, node in enumerate(graph_element.iter(), start=1):
        tag = _local(node.tag)
        if tag == "node":
            where = f"node {show(node.get('id') or str(number))}"
            values, label = _graphml_data(node, keys, "node", kind, where)
            reader.add_node(node.get("id"), label, values, where)
            if _children(node, "graph"):
                reader.groups[(node.get("id") or "").strip()] = where
        elif tag == "hyperedge":
            reader.notes.append(Note("hyperedges", "hyperedges are not read: only edges between two nodes are ties"))
    for number, edge in enumerate((e for e in graph_element.iter() if _local(e.tag) == "edge"), start=1):
        where = f"edge {edge.get('id') or number}"
        values, _ = _graphml_data(edge, keys, "edge", kind, where)
        weight = next((values.pop(k) for k in list(values) if k.casefold() == "weight"), None)
        network = next((values[k] for k in list(values) if k.casefold() in NETWORK_KEYS), None)
        own = edge.get("directed")
        reader.add_edge(edge.get("source"), edge.get("target"), weight, network, None if own is None else _boolean(own, kind, where), where)
    if any(k["graphics"] for k in keys.values()):
        reader.notes.append(
            Note("drawing", "drawing details (shapes, colours, positions) are left out: only nodes, labels, attributes and edges are read")
        )
    return reader.result(default_directed)


def _graphml_data(element, keys: dict, domain: str, kind: str, where: str) -> tuple[dict[str, str], str]:
    """An element's attribute values (defaults filled in) and its label (a yEd NodeLabel counts)."""
    values: dict[str, str] = {}
    for key in keys.values():
        if key["default"] is not None and key["for"] in (domain, "all") and not key["graphics"]:
            values[key["name"]] = key["default"].strip()
    label = ""
    for data in _children(element, "data"):
        key = keys.get(data.get("key", ""), {"name": data.get("key", ""), "type": "string", "graphics": False})
        if key["graphics"]:
            if not label:
                label = next(("".join(t.itertext()).strip() for t in data.iter() if _local(t.tag) in ("NodeLabel", "EdgeLabel")), "")
            continue
        value = (data.text or "").strip()
        if key["type"] == "boolean" and value:
            value = "true" if _boolean(value, kind, f"{where}, {key['name']!r}") else "false"
        elif key["type"] in ("int", "long", "float", "double") and value and key["name"].casefold() != "weight":
            try:
                float(value)
            except ValueError:
                raise InputError(f"{kind} {where}: {key['name']!r} value {show(value)} is not a number") from None
        values[key["name"]] = value
    for name in LABEL_KEYS:
        for key_name in list(values):
            if key_name.casefold() == name and values[key_name]:
                label = label or values[key_name]
    attributes: dict[str, str] = {}
    for name, value in values.items():
        if name.casefold() not in LABEL_KEYS:
            keep_attribute(name, value, attributes)
    return attributes, label


# --- GEXF ---------------------------------------------------------------------------------


def parse_gexf(text: str) -> ParsedTies:
    """Read a GEXF file of any version (see the module docstring for what is tolerated).

    >>> parsed = parse_gexf('<gexf><graph defaultedgetype="directed"><nodes><node id="0" label="Ann"/>'
    ...                     '<node id="1" label="Bob"/></nodes><edges><edge source="0" target="1" weight="2"/></edges></graph></gexf>')
    >>> [(t.source, t.target, t.weight) for t in parsed.ties], parsed.directed
    ([('Ann', 'Bob', 2.0)], True)
    """
    kind = "GEXF"
    root = _parse(text, kind)
    if _local(root.tag) != "gexf":
        raise InputError(f"this XML's root element is <{_local(root.tag)}>, not <gexf>")
    graphs = _children(root, "graph")
    if not graphs:
        raise InputError("GEXF has no <graph> element")
    graph = graphs[0]
    reader = NodeEdgeReader(kind, "gexf")
    declared: dict[str, dict[str, dict]] = {"node": {}, "edge": {}}
    dynamic = (graph.get("mode") or "").casefold() == "dynamic"
    for block in _children(graph, "attributes"):
        domain = (block.get("class") or "node").casefold()
        dynamic = dynamic or (block.get("mode") or "").casefold() == "dynamic"
        for attribute in _children(block, "attribute"):
            default = next((d.text or "" for d in _children(attribute, "default")), None)
            declared.setdefault(domain, {})[attribute.get("id") or attribute.get("title") or ""] = {
                "title": attribute.get("title") or attribute.get("id") or "",
                "default": default,
                "type": (attribute.get("type") or "string").casefold(),
            }
    drawing = False
    for element in graph.iter():
        tag = _local(element.tag)
        if tag in ("spells", "spell") or element.get("start") or element.get("end") or element.get("timeset"):
            dynamic = True
        if element.tag != tag and tag in ("position", "color", "size", "shape", "thickness"):
            drawing = True
    for number, node in enumerate((n for n in graph.iter() if _local(n.tag) == "node"), start=1):
        where = f"node {show(node.get('id') or str(number))}"
        reader.add_node(node.get("id"), node.get("label") or "", _gexf_values(node, declared["node"], kind, where), where)
        if any(_local(child.tag) == "nodes" and _children(child, "node") for child in node):
            reader.groups[(node.get("id") or "").strip()] = where
    default_type = (graph.get("defaultedgetype") or "undirected").strip().casefold()
    for number, edge in enumerate((e for e in graph.iter() if _local(e.tag) == "edge"), start=1):
        where = f"edge {edge.get('id') or number}"
        values = _gexf_values(edge, declared["edge"], kind, where)
        weight = edge.get("weight")
        if weight is None:
            weight = next((values[k] for k in values if k.casefold() == "weight"), None)
        network = edge.get("kind") or next((values[k] for k in values if k.casefold() in NETWORK_KEYS), None)
        own = (edge.get("type") or "").strip().casefold()
        reader.add_edge(edge.get("source"), edge.get("target"), weight, network, None if not own else own == "directed", where)
    if drawing:
        reader.notes.append(Note("drawing", "drawing details (positions, colours, sizes, shapes, images) are left out"))
    if dynamic:
        reader.notes.append(Note("time", "the file holds times (a dynamic graph); they are left out: every node and edge is read as present"))
    return reader.result(default_type == "directed")


def _gexf_values(element, declared: dict[str, dict], kind: str, where: str) -> dict[str, str]:
    values = {spec["title"]: spec["default"].strip() for spec in declared.values() if spec["default"] is not None}
    for block in _children(element, "attvalues"):
        for value in _children(block, "attvalue"):
            ref = value.get("for") or value.get("id") or ""  # GEXF 1.0 used "id"
            spec = declared.get(ref, {"title": ref, "type": "string"})
            text = (value.get("value") or "").strip()
            if spec["type"] == "boolean" and text:
                text = "true" if _boolean(text, kind, f"{where}, {spec['title']!r}") else "false"
            values[spec["title"]] = text
    attributes: dict[str, str] = {}
    for name, value in values.items():
        if name.casefold() not in LABEL_KEYS:
            keep_attribute(name, value, attributes)
    return attributes
