"""Read ties and people from the files practitioners actually have.

Tie formats, detected automatically (or forced with ``fmt``):

* delimited text (:mod:`innovation_toolkit.network.delimited`) — comma, tab, semicolon or
  whitespace separated, with or without a header: plain edge lists, Gephi edge tables,
  Kumu connection sheets, survey exports, two-mode ``person, event`` lists; Excel's
  ``sep=;`` first line is honoured;
* GraphML and GEXF (:mod:`innovation_toolkit.network.xmlgraphs`);
* Kumu, node-link and Cytoscape JSON (:mod:`innovation_toolkit.network.jsongraphs`);
* GML and Pajek ``.net`` (:mod:`innovation_toolkit.network.textgraphs`, networkx's readers);
* UCINET DL, Graphviz DOT, GUESS GDF and workbooks are recognised and refused with a
  message saying how to export a format that is read.

Bytes are decoded by :mod:`innovation_toolkit.network.decode` (UTF-8, UTF-16, Windows-1252),
and two-mode data is linked person to person by :mod:`innovation_toolkit.network.twomode`.
A people table (``name, organisation, sector`` …) adds attributes used for groups.

Every problem the user can fix raises :class:`innovation_toolkit.errors.InputError` with a
one-line message naming the line and column (or the element). Nothing here drops a row
silently: rows that are kept but altered are described in :class:`Note` records.
"""

from __future__ import annotations

import re

from innovation_toolkit.errors import InputError
from innovation_toolkit.network import delimited, jsongraphs, limits, textgraphs, twomode, xmlgraphs
from innovation_toolkit.network.decode import decode_input, encoding_note
from innovation_toolkit.network.records import Note, ParsedTies, Tie, parse_weight
from innovation_toolkit.network.wording import are, count

__all__ = ["FORMATS", "Note", "ParsedTies", "Tie", "detect_format", "parse_people", "parse_ties", "parse_weight"]

FORMATS = ("auto", "csv", "tsv", "semicolon", "whitespace", "graphml", "gexf", "json", "gml", "pajek")
_EXTENSIONS = {".gexf": "gexf", ".graphml": "graphml", ".gml": "gml", ".net": "pajek", ".paj": "pajek", ".json": "json", ".tsv": "tsv", ".tab": "tsv"}
_EXCEL_SEPARATOR = re.compile(r"\A\s*\"?sep=(.)\"?[ \t]*\r?\n", re.IGNORECASE)
_SEPARATOR_FORMATS = {",": "csv", ";": "semicolon", "\t": "tsv", " ": "whitespace"}


def excel_separator(text: str) -> tuple[str, str | None]:
    """Strip Excel's ``sep=;`` first line: ``(rest of the text, format it names)``.

    >>> excel_separator("sep=;\\nFrom;To\\n")
    ('From;To\\n', 'semicolon')
    """
    match = _EXCEL_SEPARATOR.match(text)
    if not match:
        return text, None
    separator = match.group(1)
    if separator not in _SEPARATOR_FORMATS:
        raise InputError(f"the first line sets the separator to {separator!r}: use a comma, semicolon or tab", line=1)
    return text[match.end() :], _SEPARATOR_FORMATS[separator]


def detect_format(text: str, fmt: str | None = None, filename: str | None = None) -> str:
    """Return the format name for ``text``: one of :data:`FORMATS` except ``"auto"``.

    An explicit ``fmt`` wins; then the XML root element or JSON; then GML, Pajek and the
    formats refused by name; then the file name's extension; then the delimiter that
    splits the first lines most consistently.

    >>> detect_format("From;To\\nAnn;Bob")
    'semicolon'
    """
    if fmt is not None and fmt != "auto":
        if fmt not in FORMATS:
            raise InputError(f"unknown format {str(fmt)[:40]!r}: use one of {', '.join(FORMATS)}")
        return fmt
    stripped = text.lstrip()
    extension = ("." + filename.rsplit(".", 1)[-1].casefold()) if filename and "." in filename else ""
    if extension in (".xlsx", ".xlsm", ".xls", ".ods", ".numbers"):
        raise InputError(f"{filename} is a workbook: save the sheet as CSV (CSV UTF-8 if offered) and try again")
    if stripped.startswith("<"):
        head = stripped[:4096].casefold()
        if "<graphml" in head:
            return "graphml"
        if "<gexf" in head:
            return "gexf"
        if extension in (".gexf", ".graphml"):
            return _EXTENSIONS[extension]
        if "<html" in head or "<!doctype html" in head:
            raise InputError("this is a web page (HTML), not a network file: download the file itself", line=1)
        raise InputError("this looks like XML but is neither GraphML (<graphml>) nor GEXF (<gexf>)", line=1)
    if stripped.startswith(("{", "[")) and (extension in ("", ".json", ".txt") or stripped.startswith("{")):
        return "json"
    recognised = textgraphs.looks_like(stripped)
    if recognised:
        return recognised
    if extension in (".gml", ".net", ".paj", ".tsv", ".tab"):
        return _EXTENSIONS[extension]
    return delimited.sniff_delimiter(text)


def parse_ties(text: object, *, fmt: str | None = None, filename: str | None = None, mode: str = "auto") -> ParsedTies:
    """Read ties from ``text`` (a ``str`` or a file's bytes) in any supported format.

    ``mode`` is ``"auto"``, ``"one-mode"`` or ``"two-mode"`` (see :mod:`innovation_toolkit.network.twomode`).

    >>> [(t.source, t.target) for t in parse_ties("Ann\\tBob\\nBob\\tCy").ties]
    [('Ann', 'Bob'), ('Bob', 'Cy')]
    """
    twomode.check_mode(mode)
    text, encoding = decode_input(text, "the ties input")
    text, separator = excel_separator(text)
    chosen = detect_format(text, fmt if fmt not in (None, "auto") else separator, filename)
    if chosen == "graphml":
        parsed = xmlgraphs.parse_graphml(text)
    elif chosen == "gexf":
        parsed = xmlgraphs.parse_gexf(text)
    elif chosen == "json":
        parsed = jsongraphs.parse_json(text)
    elif chosen == "gml":
        parsed = textgraphs.parse_gml(text)
    elif chosen == "pajek":
        parsed = textgraphs.parse_pajek(text)
    else:
        parsed = delimited.parse_delimited_ties(text, chosen)
    parsed.info["encoding"] = encoding
    if separator:
        parsed.notes.insert(0, Note("columns", "the first line 'sep=…' (Excel's separator hint) was read as the separator, not as data"))
    sentence = encoding_note(encoding, "the ties file")
    if sentence:
        parsed.notes.insert(0, Note("encoding", sentence))
    return twomode.apply(parsed, mode)


def parse_people(text: object) -> tuple[dict[str, dict[str, str]], list[str], list[Note]]:
    """Read a people table: a header row, then one person per row.

    The name column is the first headed ``name``, ``person``, ``label`` or ``id`` (else the
    first column); every other column is an attribute such as ``organisation`` or
    ``sector``. Returns ``(attributes by name, names in order, notes)``.

    >>> parse_people("name,sector\\nAnn,council\\nBob,school")[0]
    {'Ann': {'sector': 'council'}, 'Bob': {'sector': 'school'}}
    """
    text, encoding = decode_input(text, "the people table")
    text, separator = excel_separator(text)
    if text.lstrip().startswith("<"):
        raise InputError("the people table must be delimited text (CSV, TSV or semicolon-separated), not XML", line=1)
    chosen = separator or delimited.sniff_delimiter(text)
    records = delimited.rows(text, delimited.DELIMITERS[chosen])
    first = next(records, None)
    if first is None:
        raise InputError("the people table is empty")
    header_line, header = first
    words = [delimited.normalise_header(h) for h in header]
    name_column = next((i for i, w in enumerate(words) if w in delimited.NAME_WORDS), 0)
    titles = [h or f"column {i + 1}" for i, h in enumerate(header)]
    if len(set(titles)) < len(titles):
        raise InputError("the people table's header repeats a column name", line=header_line)
    attributes: dict[str, dict[str, str]] = {}
    order: list[str] = []
    repeated: list[str] = []
    for line, fields in records:
        if len(fields) > len(header) and any(fields[len(header) :]):
            raise InputError(f"row has {len(fields)} columns but the header has {len(header)}", line=line)
        name = fields[name_column] if name_column < len(fields) else ""
        if not name:
            raise InputError(f"the name ({titles[name_column]!r}) is empty", line=line, column=name_column + 1)
        if name in attributes:
            repeated.append(f"line {line}")
            continue
        order.append(name)
        attributes[name] = {titles[i]: fields[i] for i in range(min(len(fields), len(header))) if i != name_column and fields[i]}
        if len(order) > limits.MAX_PEOPLE:
            raise InputError(f"the people table lists more than {limits.MAX_PEOPLE:,} people", line=line)
    if not order:
        raise InputError("the people table has a header but no people", line=header_line)
    notes = []
    sentence = encoding_note(encoding, "the people table")
    if sentence:
        notes.append(Note("encoding", sentence))
    if repeated:
        notes.append(
            Note(
                "people-table",
                f"{count(len(repeated), 'person row').capitalize()} {are(len(repeated), 'repeats', 'repeat')} an earlier name; the first row is used",
                repeated,
                len(repeated),
            )
        )
    return attributes, order, notes
