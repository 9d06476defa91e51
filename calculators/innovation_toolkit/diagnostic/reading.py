"""Reading an answers file's text safely: strict JSON, alias-free YAML, bounded size and nesting.

The command line and the page (through ``innovation_toolkit.dispatch``) both read answers
files here, so a file the command line refuses is refused in the browser with the same
one-line message:

* JSON is read with :func:`innovation_toolkit.jsonload.no_duplicate_keys` (a key given
  twice is an error, not a silently dropped answer); YAML with a safe loader that also
  refuses a key given twice.
* YAML aliases (``*name``, which PyYAML writes for shared values) are accepted as long as
  the file, written out, holds at most ``MAX_EXPANDED_VALUES`` values: a few hundred bytes
  of nested aliases ("billion laughs") stand for billions and are refused, at the cost of
  counting each node once. An alias inside what it names (a loop) is refused.
* Nesting deeper than ``MAX_NESTING`` lists and mappings is refused, long before Python's
  recursion limit; a number with more digits than Python converts is refused.
* Text longer than ``MAX_ANSWERS_CHARACTERS`` is refused before it is parsed.

PyYAML is imported only for a YAML file, so JSON files are read where PyYAML is not
installed (the browser runtime); a YAML file there gets a one-line message.
"""

from __future__ import annotations

import functools
import json

from innovation_toolkit.diagnostic.answers import read_answers_document
from innovation_toolkit.diagnostic.bundle import MAX_ANSWERS_CHARACTERS, MAX_NESTING, _short
from innovation_toolkit.diagnostic.sanitise import plain_text
from innovation_toolkit.errors import InputError
from innovation_toolkit.jsonload import nesting_depth, no_duplicate_keys

#: Most digits accepted in a number (a rating has one).
MAX_NUMBER_DIGITS = 30
#: Most values a YAML file may stand for once its aliases are written out: a team of 100
#: respondents answering every statement has about 6,000.
MAX_EXPANDED_VALUES = 100_000


def _positioned(name: str, message: str, line: int | None, column: int | None) -> InputError:
    """An InputError reading 'FILE: line L, column C: message', keeping line and column."""
    where = f"line {line}, column {column}: " if line is not None and column is not None else ""
    error = InputError(f"{name}: {where}{message}")
    error.line, error.column = line, column
    return error


def _nested_too_deeply(name: str) -> InputError:
    return InputError(
        f"{name}: not valid answers: lists or mappings nested too deeply (more than {MAX_NESTING} levels; an answers file needs at most 4)"
    )


def check_nesting(document, name: str = "the answers") -> None:
    """Raise a one-line ``InputError`` if ``document`` nests lists and mappings more than ``MAX_NESTING`` deep.

    Walks the document without recursion, so any depth is checked in bounded stack.

    >>> check_nesting({"answers": {"pilots": 4}})
    >>> check_nesting([[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]], "deep.json")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    innovation_toolkit.errors.InputError: deep.json: not valid answers: lists or mappings nested too deeply (more than 16 levels; ...)
    """
    stack = [(document, 1)]
    seen: set[int] = set()
    while stack:
        value, depth = stack.pop()
        if not isinstance(value, (dict, list)):
            continue
        if depth > MAX_NESTING:
            raise _nested_too_deeply(name)
        if id(value) in seen:  # a shared value (from a Python caller) is walked once
            continue
        seen.add(id(value))
        stack.extend((item, depth + 1) for item in (value.values() if isinstance(value, dict) else value))


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise InputError(f"a number has too many digits ({len(text)}; a rating has one)")
    return int(text)


def _parse_json(text: str, name: str) -> object:
    if nesting_depth(text) > MAX_NESTING:  # checked before parsing: deep nesting overflows the browser's stack in the parser
        raise _nested_too_deeply(name)
    try:
        return json.loads(text, object_pairs_hook=no_duplicate_keys, parse_int=_parse_int)
    except json.JSONDecodeError as error:
        raise _positioned(name, f"not valid JSON: {error.msg}", error.lineno, error.colno) from None
    except InputError as error:
        raise InputError(f"{name}: {error}") from None
    except RecursionError:
        raise _nested_too_deeply(name) from None


@functools.cache
def _yaml_loader():
    """The YAML loader for answers files (built on first use: PyYAML is imported only then)."""
    import yaml

    class AnswersLoader(yaml.SafeLoader):
        """SafeLoader refusing aliases, nesting past ``MAX_NESTING`` and a key given twice."""

        def __init__(self, stream):
            super().__init__(stream)
            self.nesting = 0

        def compose_node(self, parent, index):
            self.nesting += 1
            try:
                if self.nesting > MAX_NESTING:
                    raise RecursionError
                return super().compose_node(parent, index)
            finally:
                self.nesting -= 1

        def compose_document(self):
            node = super().compose_document()
            _expanded_size(yaml, node, {}, set())
            return node

        def construct_mapping(self, node, deep=False):
            seen: dict[object, int] = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                if isinstance(key, (str, int, float, bool)) and key in seen:
                    mark = key_node.start_mark
                    raise InputError(f"{_short(key)} appears twice (first on line {seen[key]})", line=mark.line + 1, column=mark.column + 1)
                if isinstance(key, (str, int, float, bool)):
                    seen[key] = key_node.start_mark.line + 1
            return super().construct_mapping(node, deep=deep)

        def construct_yaml_int(self, node):
            digits = str(node.value).replace("_", "")
            if len(digits.lstrip("+-")) > MAX_NUMBER_DIGITS:
                mark = node.start_mark
                raise InputError(f"a number has too many digits ({len(digits)}; a rating has one)", line=mark.line + 1, column=mark.column + 1)
            return super().construct_yaml_int(node)

    AnswersLoader.add_constructor("tag:yaml.org,2002:int", AnswersLoader.construct_yaml_int)
    return yaml, AnswersLoader


def _expanded_size(yaml, node, sizes: dict, open_nodes: set) -> tuple[int, int]:
    """How many values ``node`` stands for with every alias written out, and how deep it nests.

    Each node is counted once (``sizes``), so an alias bomb costs no more than its text.
    Refuses more than ``MAX_EXPANDED_VALUES`` values, nesting past ``MAX_NESTING`` (also
    through chains of aliases) and an alias inside what it names.
    """
    if id(node) in sizes:
        return sizes[id(node)]
    if id(node) in open_nodes:
        mark = node.start_mark
        raise InputError("a YAML alias refers to the list or mapping it is in", line=mark.line + 1, column=mark.column + 1)
    if len(open_nodes) >= MAX_NESTING:
        raise RecursionError
    open_nodes.add(id(node))
    children = []
    if isinstance(node, yaml.SequenceNode):
        children = list(node.value)
    elif isinstance(node, yaml.MappingNode):
        children = [part for pair in node.value for part in pair]
    counted = [_expanded_size(yaml, child, sizes, open_nodes) for child in children]
    open_nodes.discard(id(node))
    size, height = 1 + sum(size for size, _ in counted), 1 + max((height for _, height in counted), default=0)
    if height > MAX_NESTING:
        raise RecursionError
    if size > MAX_EXPANDED_VALUES:
        mark = node.start_mark
        raise InputError(
            f"YAML aliases ('*name') here stand for more than {MAX_EXPANDED_VALUES:,} values (an answers file has a few thousand): "
            "write the answers out",
            line=mark.line + 1,
            column=mark.column + 1,
        )
    sizes[id(node)] = (size, height)
    return size, height


def _parse_yaml(text: str, name: str) -> object:
    try:
        yaml, loader = _yaml_loader()
    except ImportError:
        raise InputError(
            f"{name}: only JSON answers files can be read here; save the file as JSON (the format 'Download answers' gives) "
            "or use the command line for YAML"
        ) from None
    try:
        return yaml.load(text, Loader=loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = plain_text(error.problem or error.context or "malformed YAML", 120)
        raise _positioned(name, f"not valid YAML: {problem}", mark.line + 1 if mark else None, mark.column + 1 if mark else None) from None
    except InputError as error:
        raise _positioned(name, str(error).split(": ", 1)[-1] if error.line else str(error), error.line, error.column) from None
    except yaml.YAMLError as error:
        raise InputError(f"{name}: not valid YAML: {plain_text(str(error).splitlines()[0] if str(error) else 'malformed YAML', 120)}") from None
    except RecursionError:
        raise _nested_too_deeply(name) from None
    except (ValueError, OverflowError) as error:  # e.g. a date such as 2026-13-45
        raise InputError(f"{name}: not valid YAML: a value could not be read ({plain_text(str(error), 80)})") from None


def parse_answers_text(text: str, name: str) -> object:
    """Parse an answers file as JSON (a name ending ``.json``) or YAML (anything else).

    Errors are one line starting with ``name`` and, where known, the line and column.

    >>> parse_answers_text('{"pilots": 4}', "a.json")
    {'pilots': 4}
    >>> parse_answers_text('{"pilots": 4, "pilots": 5}', "a.json")
    Traceback (most recent call last):
    ...
    innovation_toolkit.errors.InputError: a.json: key 'pilots' appears twice in a JSON object
    """
    name = plain_text(name if isinstance(name, str) else "the answers file", 120) or "the answers file"
    if not isinstance(text, str):
        raise InputError(f"{name}: the answers must be text, got {type(text).__name__}")
    if len(text) > MAX_ANSWERS_CHARACTERS:
        raise InputError(f"{name} is too large ({len(text):,} characters; at most {MAX_ANSWERS_CHARACTERS:,})")
    text = text.removeprefix("\ufeff")
    document = _parse_json(text, name) if name.lower().endswith(".json") else _parse_yaml(text, name)
    check_nesting(document, name)
    return document


def read_answers_text(data: dict, text: str, name: str) -> dict:
    """An answers file's text read and checked: ``read_answers_document``'s output, or one-line errors naming ``name``.

    This is what the page calls with the file's raw text (``innovation_toolkit.diagnostic:read_answers_text``),
    so duplicate keys, aliases, deep nesting and oversized text are refused as on the command line.

    >>> from innovation_toolkit.diagnostic.bundle import example_bundle
    >>> read_answers_text(example_bundle(), '{"answers": {"pilots": 4}, "name": "Ann"}', "ann.json")["name"]
    'Ann'
    """
    document = parse_answers_text(text, name)
    shown = plain_text(name if isinstance(name, str) else "", 120) or "the answers file"
    try:
        return read_answers_document(data, document)
    except InputError as error:
        raise InputError(f"{shown}: {error}") from None
