"""Read ties from delimited text: edge lists, survey exports, Gephi edge tables, Kumu connection sheets.

Columns come from a recognised header — ``From/To`` (Kumu), ``Source/Target`` (Gephi),
``respondent/named person`` (a survey), ``person/event`` (two-mode data), plus optional
weight (``Weight``, Kumu's ``Strength``), network (``network``, Kumu's ``Type``) and
direction (Kumu's ``Direction``, Gephi's ``Type`` holding ``Directed``/``Undirected``)
columns. Without a header the first two columns are the names and a third is a weight when
numeric on the first row, otherwise a network name.

Kumu's conventions are honoured: several people in one cell separated by ``|`` are one tie
each, and a text strength on a known scale (``weak``/``medium``/``strong`` …) becomes a
number, with a note; words on no known scale leave the weights out, with a note. Words
among numbers are mistakes, refused at the first such cell.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from innovation_toolkit.errors import InputError
from innovation_toolkit.network import limits
from innovation_toolkit.network.records import NEGATIVE_NOTE, Note, ParsedTies, Tie, parse_weight, rows_note, show
from innovation_toolkit.network.wording import count, names_list

DELIMITERS = {"tsv": "\t", "semicolon": ";", "csv": ",", "whitespace": " "}
DELIMITER_NAMES = {"\t": "tab", ";": "semicolon", ",": "comma", " ": "whitespace"}
#: Kumu lets one cell name several people: ``Bob|Cy|Dee``.
MULTIPLE = "|"

# Header words, compared after casefolding and turning '_' and '-' into spaces.
SOURCE_WORDS = {
    "source",
    "from",
    "respondent",
    "ego",
    "nominator",
    "sender",
    "name 1",
    "name1",
    "person 1",
    "person1",
    "node 1",
    "node1",
    "source name",
    "from name",
    "actor",
    "respondent name",
    "id1",
    "who",
    "person a",
    "name a",
}
TARGET_WORDS = {
    "target",
    "to",
    "named",
    "named person",
    "nominee",
    "nominated",
    "alter",
    "receiver",
    "name 2",
    "name2",
    "person 2",
    "person2",
    "node 2",
    "node2",
    "target name",
    "to name",
    "contact",
    "whom",
    "id2",
    "person b",
    "name b",
}
WEIGHT_WORDS = {"weight", "strength", "value", "frequency", "score", "tie strength", "intensity", "count"}
NETWORK_WORDS = {"network", "question", "relation", "relationship", "type", "layer", "tie type", "network name", "kind", "connection type"}
DIRECTION_WORDS = {"direction", "directed", "type"}
NAME_WORDS = {"name", "person", "full name", "label", "id", "respondent", "node", "people"}
# Survey headers: each row is one person's nomination of another.
NOMINATION_WORDS = {"respondent", "respondent name", "nominator", "named", "named person", "nominee", "nominated"}
# Two-mode headers: a person column and a column of events, projects or meetings they share.
MEMBER_WORDS = {
    "person",
    "name",
    "member",
    "participant",
    "attendee",
    "woman",
    "women",
    "man",
    "men",
    "people",
    "individual",
    "actor",
    "respondent",
    "staff",
    "source",
    "from",
}
AFFILIATION_WORDS = {
    "event",
    "events",
    "project",
    "projects",
    "meeting",
    "meetings",
    "activity",
    "activities",
    "affiliation",
    "club",
    "clubs",
    "committee",
    "committees",
    "board",
    "boards",
    "workshop",
    "session",
    "programme",
    "program",
    "course",
    "forum",
    "partnership",
    "initiative",
    "group membership",
}
#: Direction values a ``Direction`` (Kumu) or ``Type`` (Gephi) column may hold.
DIRECTED_VALUES = {"directed"}
BOTH_WAYS_VALUES = {"undirected", "mutual"}

#: Text strengths on a known ordered scale become the scale's position (1 = weakest).
TEXT_SCALES = (
    ("very weak", "weak", "medium|moderate|average", "strong", "very strong"),
    ("very low", "low", "medium|moderate", "high", "very high"),
    ("yearly|annually", "quarterly", "monthly", "weekly", "daily"),
)


def normalise_header(cell: str) -> str:
    return " ".join(cell.replace("_", " ").replace("-", " ").split()).casefold()


def sample_lines(text: str, number: int = 50) -> list[str]:
    sample = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            sample.append(line)
            if len(sample) >= number:
                break
    return sample


def _split(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter, skipinitialspace=delimiter == " "), [])
    except csv.Error:
        return [line]


def sniff_delimiter(text: str) -> str:
    """Pick the delimiter that gives two or more fields on the most sample lines.

    Tab beats semicolon beats comma on equal scores, so ``Smith, Ann;Jones, Bob`` (a
    European spreadsheet export) splits on the semicolon. Whitespace is the last resort.

    >>> sniff_delimiter("From;To\\nAnn;Bob")
    'semicolon'
    """
    sample = sample_lines(text)
    best, best_score = None, 0
    for name in ("tsv", "semicolon", "csv"):
        score = sum(1 for line in sample if len([f for f in _split(line, DELIMITERS[name]) if f.strip()]) >= 2)
        if score > best_score:
            best, best_score = name, score
    if best is None:
        if any(len(line.split()) >= 2 for line in sample):
            return "whitespace"
        return "csv"  # reading then fails with a line-numbered "one column" error
    return best


def rows(text: str, delimiter: str):
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


@dataclass
class Columns:
    """Which column holds what (0-based), and what the header says about the data."""

    source: int
    target: int
    weight: int | None = None
    network: int | None = None
    direction: int | None = None
    header: list[str] | None = None
    two_mode: bool = False

    def used(self) -> set[int]:
        return {i for i in (self.source, self.target, self.weight, self.network, self.direction) if i is not None}


def classify_header(fields: list[str]) -> Columns | None:
    """Return the :class:`Columns` a header row names, or None when the row is not a header.

    >>> classify_header(["From", "To", "Direction", "Strength"]).direction
    2
    >>> classify_header(["woman", "event"]).two_mode
    True
    """
    words = [normalise_header(f) for f in fields]

    def find(vocabulary: set[str], taken: set[int]) -> int | None:
        return next((i for i, w in enumerate(words) if w in vocabulary and i not in taken), None)

    source = find(SOURCE_WORDS, set())
    target = find(TARGET_WORDS, {source} if source is not None else set())
    two_mode = False
    if source is None or target is None:
        affiliation = find(AFFILIATION_WORDS, set())
        member = find(MEMBER_WORDS, {affiliation}) if affiliation is not None else None
        if affiliation is None or member is None:
            return None
        source, target, two_mode = member, affiliation, True
    taken = {source, target}
    weight = find(WEIGHT_WORDS, taken)
    if weight is not None:
        taken.add(weight)
    direction = find({"direction", "directed"}, taken)
    if direction is not None:
        taken.add(direction)
    network = find(NETWORK_WORDS, taken)
    return Columns(source, target, weight, network, direction, fields, two_mode)


def _guess_columns(first: list[str]) -> Columns:
    extra = first[2:3]
    weight_first = bool(extra) and extra[0] != "" and _looks_numeric(extra[0])
    columns = Columns(0, 1, 2 if weight_first else None)
    if len(first) >= 3 and not weight_first:
        columns.network = 2
        if len(first) >= 4:
            columns.weight = 3
    elif weight_first and len(first) >= 4:
        columns.network = 3
    return columns


def _looks_numeric(value: str) -> bool:
    try:
        float(value.replace(",", "."))
    except ValueError:
        return False
    return True


def _cell(fields: list[str], column: int | None) -> str:
    return fields[column] if column is not None and column < len(fields) else ""


def _names(cell: str) -> list[str]:
    if MULTIPLE not in cell:
        return [cell]
    return [part.strip() for part in cell.split(MULTIPLE) if part.strip()]


def text_scale(values: set[str]) -> dict[str, float] | None:
    """The number for each text strength when all ``values`` sit on one known scale, else None.

    >>> text_scale({"Weak", "strong"})
    {'Weak': 2.0, 'strong': 4.0}
    """
    for scale in TEXT_SCALES:
        positions = {word: float(position) for position, words in enumerate(scale, start=1) for word in words.split("|")}
        if all(value.casefold() in positions for value in values):
            return {value: positions[value.casefold()] for value in sorted(values)}
    return None


def parse_delimited_ties(text: str, fmt: str) -> ParsedTies:
    """Read an edge list, survey file, Gephi edge table or Kumu connection sheet in delimited text.

    >>> parsed = parse_delimited_ties("Source,Target,Weight\\nAnn,Bob,2", "csv")
    >>> [(t.source, t.target, t.weight) for t in parsed.ties]
    [('Ann', 'Bob', 2.0)]
    >>> [(t.source, t.target) for t in parse_delimited_ties("From,To\\nAnn,Bob|Cy", "csv").ties]
    [('Ann', 'Bob'), ('Ann', 'Cy')]
    """
    delimiter = DELIMITERS[fmt]
    decimal_comma = delimiter != ","
    records = rows(text, delimiter)
    first = next(records, None)
    if first is None:
        raise InputError("no ties found: enter one tie per line, e.g. 'Ann, Bob'")
    notes: list[Note] = []
    header = classify_header(first[1])
    columns = header or _guess_columns(first[1])
    if header is not None and header.direction is None and header.network is not None and normalise_header(first[1][header.network]) == "type":
        columns.direction = header.network  # Gephi's Type column: a direction marker or a network name, decided below
    reader = _RowReader(columns, delimiter, decimal_comma, width=None if header else len(first[1]))
    if header is None:
        reader.read(*first)
    for line, fields in records:
        reader.read(line, fields)

    directed = _directions(reader, columns, notes)
    numbers = _text_strengths(reader, columns, notes)
    ties = reader.ties
    for tie, raw in zip(ties, reader.raw_weights, strict=True):
        if raw is not None and numbers is not None:
            tie.weight = numbers[raw]
    _reader_notes(reader, columns, header, notes)
    if not ties:
        raise InputError("no ties found: each line needs two names, e.g. 'Ann, Bob'")
    if header is None:
        _note_possible_header(first, ties, notes)
    headers = {key: (first[1][i] if header else None) for key, i in _column_items(columns)}
    info = {
        "format": fmt,
        "delimiter": DELIMITER_NAMES[delimiter],
        "header": header is not None,
        "columns": {key: {"column": i + 1, "header": headers.get(key)} for key, i in _column_items(columns)},
        "rows": reader.row_count,
        "nominations": header is not None and any(normalise_header(first[1][i]) in NOMINATION_WORDS for i in (columns.source, columns.target)),
    }
    if columns.two_mode:
        info["two_mode"] = {"evidence": "header", "people": first[1][columns.source], "events": first[1][columns.target]}
    return ParsedTies(ties, list(reader.names), {}, info, notes, directed)


def _column_items(columns: Columns):
    for key in ("source", "target", "weight", "network", "direction"):
        value = getattr(columns, key)
        if value is not None:
            yield key, value


class _RowReader:
    """Reads rows into ties, keeping what the notes need to report."""

    def __init__(self, columns: Columns, delimiter: str, decimal_comma: bool, width: int | None):
        self.columns, self.delimiter, self.decimal_comma, self.width = columns, delimiter, decimal_comma, width
        self.ties: list[Tie] = []
        self.raw_weights: list[str | None] = []  # the weight cell of each tie, mapped to a number afterwards
        self.numbers: dict[str, float] = {}
        self.text_weights: dict[str, tuple[int, int]] = {}  # text weight → first (line, column)
        self.directions: list[str] = []
        self.names: dict[str, None] = {}
        self.lone: list[str] = []
        self.zero: list[str] = []
        self.negative: list[str] = []
        self.empty_weight: list[str] = []
        self.extra_columns: list[str] = []
        self.multiple: list[str] = []
        self.row_count = 0

    def read(self, line: int, fields: list[str]) -> None:
        self.row_count += 1
        if self.row_count > limits.MAX_ROWS:
            raise InputError(f"more than {limits.MAX_ROWS:,} rows: the engine handles up to {limits.MAX_TIES:,} ties", line=line)
        if len(fields) < 2:
            raise InputError(
                f"expected two names separated by a {DELIMITER_NAMES[self.delimiter]}, found one column ({show(fields[0])})",
                line=line,
            )
        columns = self.columns
        if self.width is not None and len(fields) > self.width and any(fields[self.width :]):
            self.extra_columns.append(f"line {line}")
        sources, targets = _names(_cell(fields, columns.source)), _names(_cell(fields, columns.target))
        if len(sources) > 1 or len(targets) > 1:
            self.multiple.append(f"line {line}")
        if not any(sources):
            if not any(targets):
                return
            raise InputError("the first name is empty", line=line, column=columns.source + 1)
        for source in sources:
            self.names.setdefault(source, None)
        if not any(targets):
            self.lone.append(f"line {line}")
            return
        for target in targets:
            self.names.setdefault(target, None)
        raw = self._weight(fields, line)
        if raw == "":
            return  # weight 0: no tie
        network = _cell(fields, columns.network) or None
        direction = _cell(fields, columns.direction).casefold()
        for source in sources:
            for target in targets:
                self.ties.append(Tie(source, target, 1.0, network, f"line {line}"))
                self.raw_weights.append(raw)
                self.directions.append(direction)

    def _weight(self, fields: list[str], line: int) -> str | None:
        """The weight cell as given (None: no weight column or an empty cell; "": weight 0)."""
        column = self.columns.weight
        if column is None:
            return None
        cell = _cell(fields, column)
        if cell == "":
            self.empty_weight.append(f"line {line}")
            return None
        if cell in self.numbers:
            number = self.numbers[cell]
        elif _looks_numeric(cell) or any(ch.isdigit() for ch in cell):  # a number, or a mistyped one
            number = self.numbers[cell] = parse_weight(cell, line=line, column=column + 1, decimal_comma=self.decimal_comma)
        else:
            self.text_weights.setdefault(cell, (line, column + 1))
            return cell
        if number <= 0:
            (self.zero if number == 0 else self.negative).append(f"line {line}")
            return ""
        return cell


def _directions(reader: _RowReader, columns: Columns, notes: list[Note]) -> bool | None:
    """What the direction column declares; ties marked both ways in a directed file are doubled."""
    if columns.direction is None:
        return None
    values = {value for value in reader.directions if value}
    if not values and columns.direction != columns.network:
        columns.direction = None  # an empty direction column declares nothing
        return None
    if not values or not values <= DIRECTED_VALUES | BOTH_WAYS_VALUES:
        if columns.direction == columns.network:
            columns.direction = None  # a Type column of network names (Kumu's connection types)
            return None
        raise InputError(
            f"the direction column holds {names_list(sorted(repr(v) for v in values - DIRECTED_VALUES - BOTH_WAYS_VALUES), 3)}: "
            "use directed, undirected or mutual"
        )
    if columns.direction == columns.network:
        columns.network = None
        for tie in reader.ties:
            tie.network = None
        notes.append(Note("columns", "the 'Type' column holds Gephi's Directed/Undirected marker, so it is not read as a network name"))
    if values <= BOTH_WAYS_VALUES:
        return False
    both_ways = [i for i, value in enumerate(reader.directions) if value in BOTH_WAYS_VALUES]
    if both_ways:
        for i in both_ways:
            tie = reader.ties[i]
            reader.ties.append(Tie(tie.target, tie.source, tie.weight, tie.network, tie.where))
            reader.raw_weights.append(reader.raw_weights[i])
        where = [reader.ties[i].where for i in both_ways]
        notes.append(
            Note(
                "direction",
                f"{count(len(where), 'tie').capitalize()} marked undirected or mutual in a file of directed ties "
                f"{'is' if len(where) == 1 else 'are'} read as running both ways",
                where,
                len(where),
            )
        )
    return True


def _text_strengths(reader: _RowReader, columns: Columns, notes: list[Note]) -> dict[str, float] | None:
    """A number for every weight cell, or None when the weights are words on no known scale and are left out.

    Words on a known scale (Kumu's text strengths) become its positions. Words among numbers
    are mistakes, refused at the first such cell.
    """
    numbers = dict(reader.numbers)
    column = columns.weight
    if not reader.text_weights or column is None:  # text weights are only ever read from a weight column
        return numbers
    if numbers or reader.zero or reader.negative:
        value, (line, column) = min(reader.text_weights.items(), key=lambda item: item[1])
        raise InputError(f"weight {show(value)} is not a number", line=line, column=column)
    header = (columns.header[column] if columns.header else None) or f"column {column + 1}"
    texts = set(reader.text_weights)
    scale = text_scale(texts)
    if scale is None:
        examples = names_list(sorted(repr(value) for value in texts), 4)
        notes.append(
            Note(
                "weights",
                f"the {header!r} column holds words ({examples}) on no scale the calculator knows, so tie "
                "weights are left out and every tie counts once (to weight ties, use numbers or weak, medium, strong)",
            )
        )
        return None
    shown = ", ".join(f"{value} = {number:g}" for value, number in sorted(scale.items(), key=lambda item: item[1]))
    notes.append(Note("weights", f"the {header!r} column holds words, read as an ordered scale: {shown}"))
    numbers.update(scale)
    return numbers


def _reader_notes(reader: _RowReader, columns: Columns, header: Columns | None, notes: list[Note]) -> None:
    if reader.multiple:
        notes.append(
            rows_note(
                "several-names",
                reader.multiple,
                f"several names in one cell separated by '{MULTIPLE}' (Kumu's convention): each pair is read as its own tie",
                "has",
                "have",
            )
        )
    if reader.lone:
        notes.append(rows_note("no-ties", reader.lone, "a person with nobody beside them, kept as people without ties", "names", "name"))
    if reader.zero:
        notes.append(rows_note("zero-weight", reader.zero, "weight 0, read as 'no tie'", "has", "have"))
    if reader.negative:
        notes.append(rows_note("negative-weight", reader.negative, NEGATIVE_NOTE, "has", "have"))
    if reader.empty_weight:
        notes.append(rows_note("empty-weight", reader.empty_weight, "an empty weight, counted as weight 1", "has", "have"))
    if reader.extra_columns:
        notes.append(rows_note("columns", reader.extra_columns, "more columns than the first row; the extra columns are not read", "has", "have"))
    if header is not None:
        used = columns.used()
        ignored = [cell or f"column {i + 1}" for i, cell in enumerate(header.header or []) if i not in used]
        if ignored:
            notes.append(Note("columns", "columns not used: " + ", ".join(ignored[: limits.MAX_LISTED])))


def _note_possible_header(first: tuple[int, list[str]], ties: list[Tie], notes: list[Note]) -> None:
    line, fields = first
    a, b = fields[0], fields[1] if len(fields) > 1 else ""
    if not a or not b or len(ties) < 3:
        return
    seen = sum(1 for tie in ties[1:] if a in (tie.source, tie.target) or b in (tie.source, tie.target))
    if seen == 0:
        notes.append(
            Note(
                "header",
                f"line {line} ({a!r}, {b!r}) was read as a tie, but neither name appears again: if it is a header, "
                "name the columns Source and Target (or From and To)",
                [f"line {line}"],
                1,
            )
        )
