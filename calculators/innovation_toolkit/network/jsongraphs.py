"""Read networks saved as JSON: Kumu, node-link (d3, networkx, sigma.js, graphology) and Cytoscape.

* **Kumu** (``{"elements": [...], "connections": [...]}``): elements carry a ``label``
  (directly or under ``attributes``) and may carry an ``_id`` (exports) or ``id``; a connection's ``from`` and
  ``to`` name an element by ``_id`` or by label; ``direction`` is ``directed`` (Kumu's
  default), ``undirected`` or ``mutual``; ``strength`` is the weight; ``type`` (or
  ``connection type``) names the network.
* **Node-link** (``{"nodes": [...], "links" | "edges": [...]}``): nodes by ``id`` or
  ``key``, labelled by ``label`` or ``name``; edge ends by id, or by position in the node
  list when they are numbers no id matches (d3); ``directed`` or ``options.type``.
* **Cytoscape** (``{"elements": {"nodes": [...], "edges": [...]}}`` or a list of elements
  with ``group``): each element's ``data`` holds ``id``, ``source``, ``target``.
"""

from __future__ import annotations

from innovation_toolkit import jsonload
from innovation_toolkit.errors import InputError
from innovation_toolkit.network.records import LABEL_KEYS, NodeEdgeReader, ParsedTies, keep_attribute, show

_NETWORK_KEYS = ("type", "connection type", "network", "relation")
_WEIGHT_KEYS = ("weight", "strength", "value")


def kind_of(document: object) -> str | None:
    """``"kumu"``, ``"node-link"``, ``"cytoscape"`` or None for a JSON document."""
    if not isinstance(document, dict):
        return None
    elements = document.get("elements")
    if isinstance(elements, list) and "connections" in document:
        return "kumu"
    if isinstance(elements, dict) or (isinstance(elements, list) and all(isinstance(e, dict) and "data" in e for e in elements[:20])):
        return "cytoscape"
    if isinstance(document.get("nodes"), list) and isinstance(document.get("links", document.get("edges")), list):
        return "node-link"
    if isinstance(elements, list):
        return "kumu"
    return None


def parse_json(text: str) -> ParsedTies:
    """Read a Kumu, node-link or Cytoscape JSON network.

    >>> parsed = parse_json('{"elements": [{"label": "Ann"}, {"label": "Bob"}], "connections": [{"from": "Ann", "to": "Bob"}]}')
    >>> [(t.source, t.target) for t in parsed.ties], parsed.directed
    ([('Ann', 'Bob')], True)
    """
    document = jsonload.loads(text)
    kind = kind_of(document)
    if kind is None:
        keys = ", ".join(sorted(map(str, document))[:6]) if isinstance(document, dict) else type(document).__name__
        raise InputError(
            f"this JSON is not a network the calculator reads (found {keys}): use a Kumu export "
            "(elements, connections), node-link JSON (nodes, links) or Cytoscape JSON"
        )
    assert isinstance(document, dict)
    return {"kumu": _kumu, "node-link": _node_link, "cytoscape": _cytoscape}[kind](document)


def _dict(value: object, where: str) -> dict:
    if not isinstance(value, dict):
        raise InputError(f"{where} must be a JSON object, not {type(value).__name__}")
    return value


def _list(value: object, where: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise InputError(f"{where} must be a JSON list, not {type(value).__name__}")
    return value


def _text(value: object) -> str:
    if value is None or isinstance(value, (dict, list)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip()


def _lookup(data: dict, keys: tuple[str, ...]) -> object:
    lowered = {str(k).casefold(): v for k, v in data.items()}
    return next((lowered[k] for k in keys if k in lowered and lowered[k] not in (None, "")), None)


def _attributes(data: dict, skip: set[str]) -> dict[str, str]:
    kept: dict[str, str] = {}
    for key, value in data.items():
        if str(key).casefold() not in skip and not str(key).startswith("_"):
            keep_attribute(str(key), _text(value), kept)
    return kept


def _direction(value: object, kind: str, where: str) -> bool | None:
    word = _text(value).casefold()
    if not word:
        return None
    if word in ("directed", "true"):
        return True
    if word in ("undirected", "mutual", "false"):
        return False
    raise InputError(f"{kind} {where}: direction {show(word)} is not directed, undirected or mutual")


def _kumu(document: dict) -> ParsedTies:
    kind = "Kumu JSON"
    reader = NodeEdgeReader(kind, "kumu-json")
    ids: dict[str, str] = {}
    labels: set[str] = set()
    for number, raw in enumerate(_list(document.get("elements"), "'elements'"), start=1):
        element = _dict(raw, f"element {number}")
        data = {**_dict(element.get("attributes") or {}, f"element {number}'s attributes"), **{k: v for k, v in element.items() if k != "attributes"}}
        label = _text(_lookup(data, LABEL_KEYS))
        node_id = _text(element.get("_id", element.get("id"))) or label
        if not node_id:
            raise InputError(f"{kind} element {number} has no label")
        ids[node_id] = node_id
        labels.add(label)
        reader.add_node(node_id, label, _attributes(data, set(LABEL_KEYS) | {"id"}), f"element {number}")
    for number, raw in enumerate(_list(document.get("connections"), "'connections'"), start=1):
        where = f"connection {number}"
        connection = _dict(raw, where)
        data = {**_dict(connection.get("attributes") or {}, f"{where}'s attributes"), **{k: v for k, v in connection.items() if k != "attributes"}}
        ends = []
        for end in ("from", "to"):
            value = _text(data.get(end))
            if value and value not in reader.nodes:
                match = next((node_id for node_id, (label, _) in reader.nodes.items() if label == value), None)
                value = match or value  # a label, or a name Kumu would create
            ends.append(value)
        direction = _direction(data.get("direction"), kind, where)
        reader.add_edge(
            ends[0],
            ends[1],
            _lookup(data, _WEIGHT_KEYS),
            _text(_lookup(data, _NETWORK_KEYS)) or None,
            True if direction is None else direction,
            where,
        )
    return reader.result(True)


def _node_link(document: dict) -> ParsedTies:
    kind = "node-link JSON"
    reader = NodeEdgeReader(kind, "node-link-json")
    order: list[str] = []
    for number, raw in enumerate(_list(document.get("nodes"), "'nodes'"), start=1):
        node = _dict(raw, f"node {number}")
        data = {**_dict(node.get("attributes") or {}, f"node {number}'s attributes"), **{k: v for k, v in node.items() if k != "attributes"}}
        node_id = _text(node.get("id", node.get("key")))
        label = _text(_lookup(data, LABEL_KEYS))
        node_id = node_id or label
        reader.add_node(node_id, label, _attributes(data, set(LABEL_KEYS) | {"id", "key"}), f"node {number}")
        order.append(node_id)
    options = document.get("options")
    if not isinstance(options, dict):
        options = {}
    graph_type = _text(options.get("type") or document.get("type")).casefold()
    default = document.get("directed") is True or graph_type == "directed"
    edges = document.get("links", document.get("edges"))
    for number, raw in enumerate(_list(edges, "'links'"), start=1):
        where = f"edge {number}"
        edge = _dict(raw, where)
        data = {**_dict(edge.get("attributes") or {}, f"{where}'s attributes"), **{k: v for k, v in edge.items() if k != "attributes"}}
        ends = []
        for end in ("source", "target"):
            value = edge.get(end)
            if isinstance(value, dict):  # d3 after the simulation has run: the node itself
                value = value.get("id", value.get("index"))
            text = _text(value)
            if text not in reader.nodes and isinstance(value, int) and not isinstance(value, bool) and 0 <= value < len(order):
                text = order[value]
            ends.append(text)
        own = edge.get("undirected")
        directed = None if own is None else not bool(own)
        reader.add_edge(
            ends[0], ends[1], _lookup(data, _WEIGHT_KEYS), _text(_lookup(data, ("network", "relation", "layer"))) or None, directed, where
        )
    return reader.result(default)


def _cytoscape(document: dict) -> ParsedTies:
    kind = "Cytoscape JSON"
    reader = NodeEdgeReader(kind, "cytoscape-json")
    elements = document.get("elements")
    if isinstance(elements, dict):
        items = [("nodes", e) for e in _list(elements.get("nodes"), "'nodes'")] + [("edges", e) for e in _list(elements.get("edges"), "'edges'")]
    else:
        items = []
        for number, raw in enumerate(_list(elements, "'elements'"), start=1):
            element = _dict(raw, f"element {number}")
            data = _dict(element.get("data") or {}, f"element {number}'s data")
            group = element.get("group") or ("edges" if "source" in data and "target" in data else "nodes")
            items.append((group, element))
    edges = []
    for number, (group, raw) in enumerate(items, start=1):
        element = _dict(raw, f"element {number}")
        data = _dict(element.get("data") or {}, f"element {number}'s data")
        if group == "edges":
            edges.append((number, data))
            continue
        node_id = _text(data.get("id"))
        reader.add_node(node_id, _text(_lookup(data, LABEL_KEYS)), _attributes(data, set(LABEL_KEYS) | {"id", "parent"}), f"element {number}")
    for number, data in edges:
        reader.add_edge(
            _text(data.get("source")),
            _text(data.get("target")),
            _lookup(data, _WEIGHT_KEYS),
            _text(_lookup(data, ("network", "relation", "interaction"))) or None,
            None,
            f"edge {number}",
        )
    return reader.result(bool(document.get("directed")))
