"""Read ties and people from the text formats practitioners actually have.

Accepted tie formats (detected automatically, or forced with ``fmt``):

* delimited text — comma, tab, semicolon or whitespace separated, with or without a
  header row; Kumu-style ``From,To`` and Gephi-style ``Source,Target[,Weight]`` columns;
  the survey "long" format ``respondent, named person, network`` (one nomination per row,
  several networks in one file); an optional weight column;
* GraphML and GEXF (XML), read with networkx's readers after refusing any DOCTYPE or
  ENTITY declaration, so entity-expansion attacks never reach the XML parser.

A people table (``name, organisation, sector`` …) adds attributes used for groups.

Every problem the user can fix raises :class:`calculators.errors.InputError` with a
one-line message naming the line and column (or the XML element). Nothing here drops a
row silently: rows that are kept but altered are described in :class:`Note` records.
"""
from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass, field

from calculators.errors import InputError
from calculators.network import limits
from calculators.network.wording import are, count

FORMATS = ("auto", "csv", "tsv", "semicolon", "whitespace", "graphml", "gexf")
_DELIMITERS = {"tsv": "\t", "semicolon": ";", "csv": ","}
_DELIMITER_NAMES = {"\t": "tab", ";": "semicolon", ",": "comma", " ": "whitespace"}

# Header words, compared after casefolding and turning '_' and '-' into spaces.
_SOURCE_WORDS = {
    "source", "from", "respondent", "ego", "nominator", "sender", "name 1", "name1",
    "person 1", "person1", "node 1", "node1", "source name", "from name", "actor",
    "respondent name", "id1", "who", "person a", "name a",
}
_TARGET_WORDS = {
    "target", "to", "named", "named person", "nominee", "nominated", "alter", "receiver",
    "name 2", "name2", "person 2", "person2", "node 2", "node2", "target name", "to name",
    "contact", "whom", "id2", "person b", "name b",
}
_WEIGHT_WORDS = {"weight", "strength", "value", "frequency", "score", "tie strength", "intensity", "count"}
_NETWORK_WORDS = {"network", "question", "relation", "relationship", "type", "layer", "tie type", "network name", "kind"}
_NAME_WORDS = {"name", "person", "full name", "label", "id", "respondent", "node", "people"}
_DIRECTION_VALUES = {"directed", "undirected"}
# Header words that only a survey uses: each row is one person's nomination of another.
_NOMINATION_WORDS = {"respondent", "respondent name", "nominator", "named", "named person", "nominee", "nominated"}


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
    directed: bool | None = None  # what the file itself declares (GraphML/GEXF, Gephi "Type")


def _normalise_header(cell: str) -> str:
    return " ".join(cell.replace("_", " ").replace("-", " ").split()).casefold()


def check_text(text: object, what: str = "input") -> str:
    """Return ``text`` as ``str`` or raise ``InputError`` for empty, oversized or binary input.

    The size check comes first and costs nothing, so a 60 MB paste fails at once.

    >>> check_text("Ann,Bob")
    'Ann,Bob'
    """
    if isinstance(text, (bytes, bytearray)):
        if len(text) > limits.MAX_CHARACTERS:
            raise InputError(_too_big(what, len(text)))
        if bytes(text[:4]) == b"PK\x03\x04":
            raise InputError(f"{what} looks like a zip or Excel (.xlsx) file: save it as CSV and try again")
        raw = bytes(text)
        if raw[:2] not in (b"\xff\xfe", b"\xfe\xff") and b"\x00" in raw[:8192]:
            line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
            raise InputError(f"{what} contains a NUL byte: this looks like a binary file, not text", line=line)
        try:
            if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
                text = raw.decode("utf-16")  # Excel's "Unicode text" export
            else:
                text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise InputError(f"{what} is not UTF-8 text (byte {error.start + 1}); save it as CSV UTF-8") from None
        except UnicodeError as error:
            raise InputError(f"{what} cannot be decoded as text ({error})") from None
    if not isinstance(text, str):
        raise InputError(f"{what} must be text, not {type(text).__name__}")
    if len(text) > limits.MAX_CHARACTERS:
        raise InputError(_too_big(what, len(text)))
    if text.startswith("\ufeff"):
        text = text[1:]
    if text.startswith("PK\x03\x04"):
        raise InputError(f"{what} looks like a zip or Excel (.xlsx) file: save it as CSV and try again")
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise InputError(f"{what} contains a NUL byte: this looks like a binary file, not text", line=line)
    head = text[:4096]
    if head:
        odd = sum(1 for ch in head if (ch < " " and ch not in "\t\r\n") or ch == "\ufffd")
        if odd * 10 > len(head):
            raise InputError(f"{what} looks like a binary file ({odd} control characters in the first {len(head)})")
    if not text.strip():
        raise InputError(f"{what} is empty: enter one tie per line, e.g. 'Ann, Bob'")
    return text


def _too_big(what: str, size: int) -> str:
    return (
        f"{what} is too large ({size / 1_000_000:.1f} million characters; the limit is "
        f"{limits.MAX_CHARACTERS // 1_000_000} million): the engine handles up to "
        f"{limits.MAX_PEOPLE:,} people and {limits.MAX_TIES:,} ties"
    )


def detect_format(text: str, fmt: str | None = None, filename: str | None = None) -> str:
    """Return the format name for ``text``: one of :data:`FORMATS` except ``"auto"``.

    An explicit ``fmt`` wins; then the XML root element; then the file name's extension;
    then the delimiter that splits the first lines most consistently.

    >>> detect_format("From;To\\nAnn;Bob")
    'semicolon'
    """
    if fmt is not None and fmt != "auto":
        if fmt not in FORMATS:
            raise InputError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
        return fmt
    stripped = text.lstrip()
    if stripped.startswith("<"):
        head = stripped[:4096].casefold()
        if "<graphml" in head:
            return "graphml"
        if "<gexf" in head:
            return "gexf"
        if filename and filename.casefold().endswith(".gexf"):
            return "gexf"
        if filename and filename.casefold().endswith(".graphml"):
            return "graphml"
        raise InputError("this looks like XML but is neither GraphML (<graphml>) nor GEXF (<gexf>)", line=1)
    if filename:
        lower = filename.casefold()
        if lower.endswith((".tsv", ".tab")):
            return "tsv"
    return _sniff_delimiter(text)


def _sample_lines(text: str, count: int = 50) -> list[str]:
    sample = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            sample.append(line)
            if len(sample) >= count:
                break
    return sample


def _split(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter, skipinitialspace=delimiter == " "), [])
    except csv.Error:
        return [line]


def _sniff_delimiter(text: str) -> str:
    """Pick the delimiter that gives two or more fields on the most sample lines.

    Tab beats semicolon beats comma on equal scores, so ``Smith, Ann;Jones, Bob`` (a
    European spreadsheet export) splits on the semicolon. Whitespace is the last resort.
    """
    sample = _sample_lines(text)
    best, best_score = None, 0
    for name in ("tsv", "semicolon", "csv"):
        score = sum(1 for line in sample if len([f for f in _split(line, _DELIMITERS[name]) if f.strip()]) >= 2)
        if score > best_score:
            best, best_score = name, score
    if best is None:
        if any(len(line.split()) >= 2 for line in sample):
            return "whitespace"
        return "csv"  # reading then fails with a line-numbered "one column" error
    return best


def _rows(text: str, delimiter: str):
    """Yield ``(line_number, fields)`` for each non-blank, non-comment record."""
    whitespace = delimiter == " "
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, skipinitialspace=whitespace, strict=False)
    previous_end = 0
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise InputError(f"cannot split this line into columns ({error})", line=reader.line_num) from None
        start = previous_end + 1
        previous_end = reader.line_num
        if not fields or not any(f.strip() for f in fields):
            continue
        first = fields[0].lstrip()
        if first.startswith("#") or (whitespace and first.startswith("%")):
            continue
        yield start, [f.strip() for f in fields]


def _classify_header(fields: list[str]) -> dict | None:
    """Return ``{"source": i, "target": j, "weight": k|None, "network": l|None}`` or None."""
    words = [_normalise_header(f) for f in fields]
    source = next((i for i, w in enumerate(words) if w in _SOURCE_WORDS), None)
    target = next((i for i, w in enumerate(words) if w in _TARGET_WORDS and i != source), None)
    if source is None or target is None:
        return None
    weight = next((i for i, w in enumerate(words) if w in _WEIGHT_WORDS and i not in (source, target)), None)
    network = next((i for i, w in enumerate(words) if w in _NETWORK_WORDS and i not in (source, target, weight)), None)
    return {"source": source, "target": target, "weight": weight, "network": network}


def parse_weight(value: str, *, line: int | None = None, column: int | None = None, decimal_comma: bool = False) -> float:
    """Return ``value`` as a positive finite weight, or raise ``InputError`` naming the cell.

    ``decimal_comma`` accepts ``1,5`` (semicolon-separated European exports).

    >>> parse_weight("2.5")
    2.5
    """
    text = value.strip()
    if decimal_comma:
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        raise InputError(f"weight {_show(value)} is not a number", line=line, column=column) from None
    if math.isnan(number) or math.isinf(number):
        raise InputError(f"weight {_show(value)} is not a finite number", line=line, column=column)
    if number < 0:
        raise InputError(f"weight {_show(value)} is negative: weights measure tie strength and must be positive", line=line, column=column)
    return number


def _show(value: str, width: int = 40) -> str:
    value = value if len(value) <= width else value[: width - 1] + "…"
    return repr(value)


def _looks_numeric(value: str) -> bool:
    try:
        float(value.replace(",", "."))
    except ValueError:
        return False
    return True


def parse_delimited_ties(text: str, fmt: str) -> ParsedTies:
    """Read an edge list or survey file in delimited text.

    Columns come from a recognised header (``From/To``, ``Source/Target``, ``respondent/
    named person``, plus optional ``weight`` and ``network``); without one, the first two
    columns are the names and a third is a weight when numeric on the first row, otherwise
    a network name.

    >>> parsed = parse_delimited_ties("Source,Target,Weight\\nAnn,Bob,2", "csv")
    >>> [(t.source, t.target, t.weight) for t in parsed.ties]
    [('Ann', 'Bob', 2.0)]
    """
    delimiter = " " if fmt == "whitespace" else _DELIMITERS[fmt]
    decimal_comma = delimiter != ","
    rows = _rows(text, delimiter)
    first = next(rows, None)
    if first is None:
        raise InputError("no ties found: enter one tie per line, e.g. 'Ann, Bob'")
    notes: list[Note] = []
    columns = _classify_header(first[1])
    header = columns is not None
    pending = [] if header else [first]
    ignored: list[str] = []
    direction_column: int | None = None
    if header:
        header_fields = first[1]
        used = {v for v in columns.values() if v is not None}
        ignored = [header_fields[i] or f"column {i + 1}" for i in range(len(header_fields)) if i not in used]
        if columns["network"] is not None and _normalise_header(header_fields[columns["network"]]) == "type":
            direction_column = columns["network"]
    else:
        extra = first[1][2:3]
        weight_first = bool(extra) and extra[0] != "" and _looks_numeric(extra[0])
        columns = {"source": 0, "target": 1, "weight": 2 if weight_first else None, "network": None}
        if len(first[1]) >= 3 and not weight_first:
            columns["network"] = 2
            if len(first[1]) >= 4:
                columns["weight"] = 3
        elif weight_first and len(first[1]) >= 4:
            columns["network"] = 3

    ties: list[Tie] = []
    names: dict[str, None] = {}
    lone: list[str] = []
    zero: list[str] = []
    empty_weight: list[str] = []
    extra_columns: list[str] = []
    width = None if header else len(first[1])
    row_count = 0

    def read(line: int, fields: list[str]) -> None:
        nonlocal row_count
        row_count += 1
        if row_count > limits.MAX_ROWS:
            raise InputError(f"more than {limits.MAX_ROWS:,} rows: the engine handles up to {limits.MAX_TIES:,} ties", line=line)
        if len(fields) < 2:
            raise InputError(
                f"expected two names separated by a {_DELIMITER_NAMES[delimiter]}, found one column "
                f"({_show(fields[0])})",
                line=line,
            )
        if width is not None and len(fields) > width and any(fields[width:]):
            extra_columns.append(f"line {line}")
        source = fields[columns["source"]] if columns["source"] < len(fields) else ""
        target = fields[columns["target"]] if columns["target"] < len(fields) else ""
        if not source:
            if not target:
                return
            raise InputError("the first name is empty", line=line, column=columns["source"] + 1)
        names.setdefault(source, None)
        if not target:
            lone.append(f"line {line}")
            return
        names.setdefault(target, None)
        weight = 1.0
        wcol = columns["weight"]
        if wcol is not None:
            cell = fields[wcol] if wcol < len(fields) else ""
            if cell == "":
                empty_weight.append(f"line {line}")
            else:
                weight = parse_weight(cell, line=line, column=wcol + 1, decimal_comma=decimal_comma)
                if weight == 0:
                    zero.append(f"line {line}")
                    return
        network = None
        ncol = columns["network"]
        if ncol is not None:
            network = (fields[ncol] if ncol < len(fields) else "") or None
        ties.append(Tie(source, target, weight, network, f"line {line}"))

    for line, fields in pending:
        read(line, fields)
    for line, fields in rows:
        read(line, fields)

    directed = None
    if direction_column is not None:
        values = {(tie.network or "").casefold() for tie in ties}
        if values and values <= _DIRECTION_VALUES:
            directed = values == {"directed"} if len(values) == 1 else None
            for tie in ties:
                tie.network = None
            notes.append(Note("columns", "the 'Type' column holds Gephi's Directed/Undirected marker, so it is not read as a network name"))
    if lone:
        notes.append(Note("no-ties", f"{count(len(lone), 'row').capitalize()} {are(len(lone), 'names', 'name')} a person with nobody beside them, kept as people without ties", lone, len(lone)))
    if zero:
        notes.append(Note("zero-weight", f"{count(len(zero), 'row').capitalize()} {are(len(zero), 'has', 'have')} weight 0, read as 'no tie'", zero, len(zero)))
    if empty_weight:
        notes.append(Note("empty-weight", f"{count(len(empty_weight), 'row').capitalize()} {are(len(empty_weight), 'has', 'have')} an empty weight, counted as weight 1", empty_weight, len(empty_weight)))
    if extra_columns:
        notes.append(Note("columns", f"{count(len(extra_columns), 'row').capitalize()} {are(len(extra_columns), 'has', 'have')} more columns than the first row; the extra columns are not read", extra_columns, len(extra_columns)))
    if ignored:
        notes.append(Note("columns", "columns not used: " + ", ".join(ignored[: limits.MAX_LISTED])))
    if not ties:
        raise InputError("no ties found: each line needs two names, e.g. 'Ann, Bob'")
    if not header:
        _note_possible_header(first, ties, notes)
    header_names = {key: (first[1][i] if header else None) for key, i in columns.items() if i is not None}
    info = {
        "format": fmt,
        "delimiter": _DELIMITER_NAMES[delimiter],
        "header": header,
        "columns": {key: {"column": i + 1, "header": header_names.get(key)} for key, i in columns.items() if i is not None},
        "rows": row_count,
        "nominations": header and any(_normalise_header(first[1][columns[key]]) in _NOMINATION_WORDS for key in ("source", "target")),
    }
    return ParsedTies(ties, list(names), {}, info, notes, directed)


def _note_possible_header(first: tuple[int, list[str]], ties: list[Tie], notes: list[Note]) -> None:
    line, fields = first
    a, b = fields[0], fields[1] if len(fields) > 1 else ""
    if not a or not b or len(ties) < 3:
        return
    seen = sum(1 for tie in ties[1:] if a in (tie.source, tie.target) or b in (tie.source, tie.target))
    if seen == 0:
        notes.append(Note(
            "header",
            f"line {line} ({a!r}, {b!r}) was read as a tie, but neither name appears again: if it is a header, "
            "name the columns Source and Target (or From and To)",
            [f"line {line}"], 1,
        ))


# --- XML formats -------------------------------------------------------------------------

_FORBIDDEN_XML = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_LABEL_KEYS = ("label", "name", "Label", "Name")
_DRAWING_KEYS = {"x", "y", "z", "size", "color", "r", "g", "b", "shape", "viz", "thickness", "start", "end", "id", "pid"}


def _refuse_dtd(text: str) -> None:
    match = _FORBIDDEN_XML.search(text)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        raise InputError(
            f"XML with a <!{match.group(1).upper()}> declaration is refused (entity expansion risk): remove it",
            line=line, column=column,
        )


def _xml_error(kind: str, error: Exception) -> InputError:
    position = getattr(error, "position", None)
    if position:
        reason = re.sub(r":? line \d+, column \d+", "", str(error)).strip()
        return InputError(f"{kind} is not well-formed XML ({reason})", line=position[0], column=position[1] + 1)
    message = str(error).splitlines()[0] if str(error) else type(error).__name__
    return InputError(f"cannot read {kind}: {message[:200]}")


def parse_xml_ties(text: str, fmt: str) -> ParsedTies:
    """Read GraphML or GEXF with networkx's readers, keeping every edge (even parallel ones).

    Node labels (``label`` or ``name`` attributes) become names when present and unique;
    other node attributes become people attributes; an edge ``weight`` is read as the tie
    weight; an edge ``network``/``relation``/``type`` attribute names the network.
    """
    import networkx as nx
    from xml.etree.ElementTree import ParseError

    _refuse_dtd(text)
    kind = "GraphML" if fmt == "graphml" else "GEXF"
    try:
        if fmt == "graphml":
            from networkx.readwrite.graphml import GraphMLReader

            graphs = list(GraphMLReader(node_type=str, force_multigraph=True)(string=text))
            if not graphs:
                raise InputError("GraphML has no <graph> element")
            graph = graphs[0]
        else:
            graph = nx.read_gexf(io.BytesIO(text.encode("utf-8")))
    except InputError:
        raise
    except ParseError as error:
        raise _xml_error(kind, error) from None
    except Exception as error:  # networkx raises KeyError/ValueError/TypeError on malformed files
        raise _xml_error(kind, error) from None
    return _ties_from_graph(graph, kind, fmt)


def _ties_from_graph(graph, kind: str, fmt: str) -> ParsedTies:
    notes: list[Note] = []
    labels: dict = {}
    for node, data in graph.nodes(data=True):
        label = next((str(data[key]).strip() for key in _LABEL_KEYS if key in data and str(data[key]).strip()), "")
        labels[node] = label
    counts: dict[str, int] = {}
    for label in labels.values():
        if label:
            counts[label] = counts.get(label, 0) + 1
    names: dict = {}
    clashes = []
    for node, label in labels.items():
        node_id = str(node).strip()
        if label and counts[label] == 1:
            names[node] = label
        else:
            if label:
                clashes.append(f"node {node_id!r}")
            names[node] = node_id
        if not names[node]:
            raise InputError(f"{kind} node with an empty id")
    if clashes:
        notes.append(Note("labels", f"{count(len(clashes), 'node').capitalize()} {are(len(clashes), 'shares', 'share')} a label with another node, so {are(len(clashes), 'its id is', 'their ids are')} used as names", clashes, len(clashes)))
    if len(set(names.values())) < len(names):
        raise InputError(f"{kind}: two nodes end up with the same name; give nodes unique ids or labels")
    attributes: dict[str, dict[str, str]] = {}
    for node, data in graph.nodes(data=True):
        kept = {str(k): str(v).strip() for k, v in data.items() if k not in _LABEL_KEYS and str(k) not in _DRAWING_KEYS and not isinstance(v, dict)}
        kept = {k: v for k, v in kept.items() if v}
        if kept:
            attributes[names[node]] = kept
    edges = graph.edges(keys=True, data=True) if graph.is_multigraph() else ((u, v, None, d) for u, v, d in graph.edges(data=True))
    ties = []
    for number, (u, v, key, data) in enumerate(edges, start=1):
        edge_id = data.get("id", key if key is not None and not isinstance(key, int) else number)
        where = f"edge {edge_id!s}" if not isinstance(edge_id, int) else f"edge {edge_id} ({names[u]} – {names[v]})"
        weight = 1.0
        if "weight" in data:
            raw = data["weight"]
            if isinstance(raw, bool) or not isinstance(raw, (int, float)):
                raw = str(raw)
                try:
                    weight = parse_weight(raw)
                except InputError as error:
                    raise InputError(f"{kind} {where}: {error}") from None
            else:
                weight = float(raw)
                if math.isnan(weight) or math.isinf(weight) or weight < 0:
                    raise InputError(f"{kind} {where}: weight {raw!r} must be a positive finite number")
            if weight == 0:
                continue
        network = next((str(data[k]).strip() for k in ("network", "relation", "relationship", "layer") if k in data and str(data[k]).strip()), None)
        ties.append(Tie(names[u], names[v], weight, network, where))
    if not ties:
        raise InputError(f"{kind} has no <edge> elements: the file lists {count(graph.number_of_nodes(), 'node')} but no ties between them")
    info = {"format": fmt, "delimiter": None, "header": None, "columns": None, "rows": len(ties), "nominations": False}
    return ParsedTies(ties, [names[n] for n in graph.nodes()], attributes, info, notes, graph.is_directed())


def parse_ties(text: object, *, fmt: str | None = None, filename: str | None = None) -> ParsedTies:
    """Read ties from ``text`` in any supported format (see the module docstring).

    >>> [(t.source, t.target) for t in parse_ties("Ann\\tBob\\nBob\\tCy").ties]
    [('Ann', 'Bob'), ('Bob', 'Cy')]
    """
    text = check_text(text, "the ties input")
    chosen = detect_format(text, fmt, filename)
    if chosen in ("graphml", "gexf"):
        return parse_xml_ties(text, chosen)
    return parse_delimited_ties(text, chosen)


def parse_people(text: object) -> tuple[dict[str, dict[str, str]], list[str], list[Note]]:
    """Read a people table: a header row, then one person per row.

    The name column is the first headed ``name``, ``person``, ``label`` or ``id`` (else the
    first column); every other column is an attribute such as ``organisation`` or
    ``sector``. Returns ``(attributes by name, names in order, notes)``.

    >>> parse_people("name,sector\\nAnn,council\\nBob,school")[0]
    {'Ann': {'sector': 'council'}, 'Bob': {'sector': 'school'}}
    """
    text = check_text(text, "the people table")
    if text.lstrip().startswith("<"):
        raise InputError("the people table must be delimited text (CSV, TSV or semicolon-separated), not XML", line=1)
    chosen = _sniff_delimiter(text)
    delimiter = " " if chosen == "whitespace" else _DELIMITERS[chosen]
    rows = _rows(text, delimiter)
    first = next(rows, None)
    if first is None:
        raise InputError("the people table is empty")
    header_line, header = first
    words = [_normalise_header(h) for h in header]
    name_column = next((i for i, w in enumerate(words) if w in _NAME_WORDS), 0)
    titles = [h or f"column {i + 1}" for i, h in enumerate(header)]
    if len(set(titles)) < len(titles):
        raise InputError("the people table's header repeats a column name", line=header_line)
    attributes: dict[str, dict[str, str]] = {}
    order: list[str] = []
    repeated: list[str] = []
    for line, fields in rows:
        if len(fields) > len(header) and any(fields[len(header):]):
            raise InputError(f"row has {len(fields)} columns but the header has {len(header)}", line=line)
        name = fields[name_column] if name_column < len(fields) else ""
        if not name:
            raise InputError(f"the name ({titles[name_column]!r}) is empty", line=line, column=name_column + 1)
        if name in attributes:
            repeated.append(f"line {line}")
            continue
        order.append(name)
        attributes[name] = {
            titles[i]: fields[i] for i in range(min(len(fields), len(header))) if i != name_column and fields[i]
        }
        if len(order) > limits.MAX_PEOPLE:
            raise InputError(f"the people table lists more than {limits.MAX_PEOPLE:,} people", line=line)
    if not order:
        raise InputError("the people table has a header but no people", line=header_line)
    notes = []
    if repeated:
        notes.append(Note("people-table", f"{count(len(repeated), 'person row').capitalize()} {are(len(repeated), 'repeats', 'repeat')} an earlier name; the first row is used", repeated, len(repeated)))
    return attributes, order, notes
