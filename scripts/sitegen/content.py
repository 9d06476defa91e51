"""Load and validate content/: every YAML file against its JSON Schema, every slug resolved.

Layout (see content/README.md): ``content/TYPE.yaml`` holds one document of type TYPE;
``content/TYPE/*.yaml`` holds one record per file, keyed by the record's ``id``. Each
type is checked against ``content/schema/TYPE.schema.json``. Schemas mark the property
that defines a slug with ``"x-defines": KIND`` and a property that refers to one with
``"x-refers": KIND``. Errors read ``file:line: path.to.field: message``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError
from jsonschema.protocols import Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

REPO = Path(__file__).resolve().parents[2]
CONTENT = REPO / "content"
SCHEMA_DIR = "schema"
EXAMPLES_DIR = "examples"

Path_ = tuple  # a path into a document: keys and list indexes


class ContentError(Exception):
    """Raised by ``load_valid_content`` when content/ does not validate."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__(f"{len(errors)} content error(s):\n" + "\n".join(errors))


@dataclass
class Document:
    """One parsed YAML file, with the line of every node for error messages."""

    file: Path
    type: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line(self, path: Path_) -> int:
        path = tuple(path)
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)


def _display(path: Path_) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top)"


def _relative(file: Path, root: Path) -> str:
    try:
        return str(file.relative_to(root.parent))
    except ValueError:
        return str(file)


def _line_map(node: yaml.Node, path: Path_, lines: dict, duplicates: list) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                duplicates.append((path + (key,), key_node.start_mark.line + 1))
            seen.add(key)
            _line_map(value_node, path + (key,), lines, duplicates)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _line_map(item, path + (index,), lines, duplicates)


def parse_yaml(file: Path, type_: str, root: Path) -> tuple[Document | None, list[str]]:
    """Parse ``file``; return the document and any syntax or duplicate-key errors."""
    name = _relative(file, root)
    text = file.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        return None, [f"{name}:{line}: (yaml): {error.problem or error}"]
    document = Document(file=file, type=type_, data=data)
    duplicates: list = []
    if node is not None:
        _line_map(node, (), document.lines, duplicates)
    errors = [f"{name}:{line}: {_display(path)}: duplicate key" for path, line in duplicates]
    return document, errors


def discover(root: Path = CONTENT) -> Iterator[tuple[str, Path]]:
    """Yield (type, file) for every content file under ``root``."""
    for entry in sorted(root.iterdir()):
        if entry.name == SCHEMA_DIR:
            continue
        if entry.is_file() and entry.suffix in (".yaml", ".yml"):
            yield entry.stem, entry
        elif entry.is_dir():
            for file in sorted(entry.glob("*.y*ml")):
                yield entry.name, file


def load_schemas(root: Path = CONTENT) -> tuple[dict[str, dict], Registry]:
    schemas: dict[str, dict] = {}
    registry = Registry()
    for file in sorted((root / SCHEMA_DIR).glob("*.schema.json")):
        schema = json.loads(file.read_text(encoding="utf-8"))
        schemas[file.name.removesuffix(".schema.json")] = schema
        registry = registry.with_resource(schema.get("$id", file.name), Resource.from_contents(schema, default_specification=DRAFT202012))
    return schemas, registry


def _annotations(instance: Any, schema: Any, resolver, path: Path_, validator_for) -> Iterator[tuple[str, str, Path_, Any]]:
    """Yield ("defines"|"refers", kind, path, value) for x-defines/x-refers that apply to ``instance``."""
    if not isinstance(schema, dict):
        return
    if "$ref" in schema:
        resolved = resolver.lookup(schema["$ref"])
        yield from _annotations(instance, resolved.contents, resolved.resolver, path, validator_for)
    for keyword, role in (("x-defines", "defines"), ("x-refers", "refers")):
        if keyword in schema and isinstance(instance, str):
            yield role, schema[keyword], path, instance
    for sub in schema.get("allOf", []):
        yield from _annotations(instance, sub, resolver, path, validator_for)
    for keyword in ("anyOf", "oneOf"):
        for sub in schema.get(keyword, []):
            if validator_for(sub, resolver).is_valid(instance):
                yield from _annotations(instance, sub, resolver, path, validator_for)
                break
    if isinstance(instance, dict):
        properties = schema.get("properties", {})
        for key, value in instance.items():
            if key in properties:
                yield from _annotations(value, properties[key], resolver, path + (key,), validator_for)
            elif isinstance(schema.get("additionalProperties"), dict):
                yield from _annotations(value, schema["additionalProperties"], resolver, path + (key,), validator_for)
    elif isinstance(instance, list) and isinstance(schema.get("items"), dict):
        for index, item in enumerate(instance):
            yield from _annotations(item, schema["items"], resolver, path + (index,), validator_for)


# Dates are written for readers (content/README.md, "Dates"): months in words ("July 2005"),
# ranges with an en dash ("2003–2005", financial years "2006–07"). A year followed by a hyphen
# and two or four digits is either a month in ISO form or a range with a hyphen: both refused.
_HYPHEN_DATE = re.compile(r"(?<![\w/.-])((?:1[89]|20)[0-9]{2})-([0-9]{2}(?:[0-9]{2})?)(?![\w/-])")
_URL = re.compile(r"https?://\S+")
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _strings(value: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, path + (index,))


def date_style_errors(data: Any) -> Iterator[tuple[Path_, str]]:
    """Dates written as a month in ISO form or as a range with a hyphen, with the fix to make.

    >>> for _, message in date_style_errors({"date": "2005-07", "text": "in 2003-2005, see https://x.org/2006-07"}):
    ...     print(message)
    '2005-07': write a month in words ('July 2005') or a financial year with an en dash ('2005–07')
    '2003-2005': write a range with an en dash ('2003–2005')
    """
    for path, text in _strings(data):
        for match in _HYPHEN_DATE.finditer(_URL.sub(" ", text)):
            year, tail = match.groups()
            if len(tail) == 4:
                yield path, f"'{match.group(0)}': write a range with an en dash ('{year}–{tail}')"
            elif 1 <= int(tail) <= 12:
                yield (
                    path,
                    (
                        f"'{match.group(0)}': write a month in words ('{_MONTHS[int(tail) - 1]} {year}') "
                        f"or a financial year with an en dash ('{year}–{tail}')"
                    ),
                )
            else:
                yield path, f"'{match.group(0)}': write a range with an en dash ('{year}–{tail}')"


def validate_content(root: Path | str = CONTENT) -> list[str]:
    """Validate every file under ``root``; return the errors (empty when all is well)."""
    root = Path(root)
    errors: list[str] = []
    schemas, registry = load_schemas(root)
    for name, schema in schemas.items():
        try:
            Draft202012Validator.check_schema(schema)
        except SchemaError as problem:  # an invalid schema: report it like any other error
            errors.append(f"{_relative(root / SCHEMA_DIR / (name + '.schema.json'), root)}:1: (schema): {problem.message}")
    if errors:
        return errors

    def validator_for(schema: dict, resolver=None) -> Validator:
        validator = Draft202012Validator(schema, registry=registry)
        return validator if resolver is None else validator.evolve(_resolver=resolver)

    definitions: dict[tuple[str, str], tuple[Document, Path_]] = {}
    references: list[tuple[Document, Path_, str, str]] = []
    files = [(type_, file, False) for type_, file in discover(root)]
    files += [(file.stem, file, True) for file in sorted((root / SCHEMA_DIR / EXAMPLES_DIR).glob("*.y*ml"))]
    for type_, file, is_example in files:
        name = _relative(file, root)
        document, parse_errors = parse_yaml(file, type_, root)
        errors.extend(parse_errors)
        if document is None:
            continue
        if type_ not in schemas:
            errors.append(f"{name}:1: (top): no schema {SCHEMA_DIR}/{type_}.schema.json for content type '{type_}'")
            continue
        validator = validator_for(schemas[type_])
        schema_errors = sorted(validator.iter_errors(document.data), key=lambda e: list(e.absolute_path))
        for schema_error in schema_errors:
            path = tuple(schema_error.absolute_path)
            errors.append(f"{name}:{document.line(path)}: {_display(path)}: {schema_error.message}")
        if schema_errors or is_example:
            continue
        for path, message in date_style_errors(document.data):
            errors.append(f"{name}:{document.line(path)}: {_display(path)}: {message}")
        if file.parent != root and isinstance(document.data, dict) and document.data.get("id") != file.stem:
            errors.append(f"{name}:{document.line(('id',))}: id: must equal the file name '{file.stem}'")
        resolver = registry.resolver(base_uri=schemas[type_].get("$id", ""))
        for role, kind, path, value in _annotations(document.data, schemas[type_], resolver, (), validator_for):
            if role == "defines":
                if (kind, value) in definitions:
                    first, first_path = definitions[(kind, value)]
                    errors.append(
                        f"{name}:{document.line(path)}: {_display(path)}: duplicate {kind} '{value}' "
                        f"(first defined at {_relative(first.file, root)}:{first.line(first_path)})"
                    )
                else:
                    definitions[(kind, value)] = (document, path)
            else:
                references.append((document, path, kind, value))
    for document, path, kind, value in references:
        if (kind, value) not in definitions:
            known = sorted(slug for k, slug in definitions if k == kind)
            hint = f"; known: {', '.join(known[:12])}{'…' if len(known) > 12 else ''}" if known else f"; no {kind} is defined"
            errors.append(f"{_relative(document.file, root)}:{document.line(path)}: {_display(path)}: unknown {kind} '{value}'{hint}")
    return errors


def load_content(root: Path | str = CONTENT) -> dict[str, Any]:
    """Return every content type's data: ``content/X.yaml`` → data, ``content/X/`` → {id: record}."""
    root = Path(root)
    content: dict[str, Any] = {}
    for type_, file in discover(root):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        if file.parent == root:
            content[type_] = data
        else:
            content.setdefault(type_, {})[data.get("id", file.stem) if isinstance(data, dict) else file.stem] = data
    return content


def load_valid_content(root: Path | str = CONTENT) -> dict[str, Any]:
    """Validate, then load; raise ContentError listing every problem."""
    errors = validate_content(root)
    if errors:
        raise ContentError(errors)
    return load_content(root)
