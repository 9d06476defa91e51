"""`innovation-toolkit diagnose`: where are we in the innovation lifecycle?

``diagnose --questions`` prints the questionnaire; ``diagnose ANSWERS.yaml`` (or ``.json``)
prints the result as Markdown-formatted text, ``--json`` as JSON. A file holding a list of
respondents (each with ``name``, optional ``role`` and ``answers``) is diagnosed as a team.
The questionnaire and everything the result quotes from the report come from a data bundle
generated from content/ (``make generate``); ``--data`` points at another bundle.
"""

from __future__ import annotations

import argparse
import json
from importlib import resources
from pathlib import Path

import yaml

from innovation_toolkit.diagnostic import DONT_KNOW, diagnose_document, to_markdown
from innovation_toolkit.errors import InputError
from innovation_toolkit.files import display_name, json_text, read_bounded
from innovation_toolkit.jsonload import no_duplicate_keys

#: Largest answers file read. One respondent's answers to the questionnaire's two dozen
#: questions take about 1 KB (a few KB with comments, as in tests/calibration/); a team
#: file of 500 commented respondents is under 1 MB. PyYAML parses about 0.4 MB a second,
#: so 2 MB also keeps the slowest accepted file to about five seconds. A device or endless
#: pipe given as the answers file stops here.
MAX_ANSWERS_BYTES = 2_000_000

#: Largest data bundle read with --data (the packaged one is about 45 KB).
MAX_BUNDLE_BYTES = 10_000_000


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "diagnose",
        help="diagnose a service's phase in the innovation lifecycle from questionnaire answers",
        description="Diagnose where a service sits in the local social innovation lifecycle (Appendix A, Step One).",
    )
    parser.add_argument(
        "answers", nargs="?", type=Path, help="answers file (.yaml or .json): question id → rating, or a list of respondents ('-': standard input)"
    )
    parser.add_argument("--questions", action="store_true", help="print the questionnaire and exit")
    parser.add_argument("--json", action="store_true", help="print the result (or the questionnaire) as JSON")
    parser.add_argument(
        "--data", type=Path, help="diagnostic data bundle (default: the packaged calculators/innovation_toolkit/data/diagnostic.json)"
    )
    parser.set_defaults(handler=run, parser=parser)


def _positioned(name: str, message: str, line: int | None, column: int | None) -> InputError:
    """An InputError reading 'FILE: line L, column C: message', keeping line and column."""
    where = f"line {line}, column {column}: " if line is not None and column is not None else ""
    error = InputError(f"{name}: {where}{message}")
    error.line, error.column = line, column
    return error


def load_bundle(path: Path | None) -> dict:
    """Read the data bundle from ``path`` or from the installed package."""
    if path is None:
        packaged = resources.files("innovation_toolkit").joinpath("data", "diagnostic.json")
        if not packaged.is_file():
            raise InputError(
                "diagnostic data not found: run `make generate` to build calculators/innovation_toolkit/data/diagnostic.json (or pass --data PATH)"
            )
        text, name = packaged.read_text(encoding="utf-8"), "calculators/innovation_toolkit/data/diagnostic.json"
    else:
        name = display_name(path)
        text = decode(read_bounded(path, MAX_BUNDLE_BYTES, "data bundle"), name, "utf-8")
    try:
        bundle = json.loads(text)
    except json.JSONDecodeError as error:
        raise _positioned(name, f"not valid JSON: {error.msg}", error.lineno, error.colno) from None
    except RecursionError:
        raise InputError(f"{name}: not a diagnostic data bundle (nested too deeply)") from None
    if not isinstance(bundle, dict) or "questionnaire" not in bundle or "phases" not in bundle:
        raise InputError(f"{name}: not a diagnostic data bundle (run `make generate` to rebuild it)")
    return bundle


def decode(data: bytes, name: str, encoding: str = "utf-8-sig") -> str:
    """``data`` as text, or a one-line InputError naming the file and the first bad byte."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(f"not UTF-8 text ({name}, byte {error.start + 1}): save the file as UTF-8") from None


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that rejects a key given twice, which would silently drop an answer."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict[object, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if isinstance(key, (str, int, float, bool)) and key in seen:
            mark = key_node.start_mark
            raise InputError(f"{key!r} appears twice (first on line {seen[key]})", line=mark.line + 1, column=mark.column + 1)
        if isinstance(key, (str, int, float, bool)):
            seen[key] = key_node.start_mark.line + 1
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def parse_answers_text(text: str, name: str) -> object:
    """Parse an answers file as JSON (``.json``) or YAML (anything else), with positions in errors."""
    if name.lower().endswith(".json"):
        try:
            return json.loads(text, object_pairs_hook=no_duplicate_keys)
        except json.JSONDecodeError as error:
            raise _positioned(name, f"not valid JSON: {error.msg}", error.lineno, error.colno) from None
        except InputError as error:
            raise InputError(f"{name}: {error}") from None
        except RecursionError:
            raise InputError(f"{name}: not valid answers: lists or mappings nested too deeply") from None
    try:
        return yaml.load(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "malformed YAML"
        raise _positioned(name, f"not valid YAML: {problem}", mark.line + 1 if mark else None, mark.column + 1 if mark else None) from None
    except InputError as error:
        raise InputError(f"{name}: {error}") from None
    except yaml.YAMLError as error:
        raise InputError(f"{name}: not valid YAML: {str(error).splitlines()[0]}") from None
    except RecursionError:
        raise InputError(f"{name}: not valid answers: lists or mappings nested too deeply") from None


def format_questionnaire(bundle: dict) -> str:
    """The questionnaire as plain text: sections, then each question with its id and options."""
    questionnaire = bundle["questionnaire"]
    lines = [questionnaire["title"], "=" * len(questionnaire["title"]), ""]
    lines += [paragraph.strip() for paragraph in questionnaire["introduction"]]
    lines += [
        "",
        "Write your answers as 'question-id: rating' in a YAML file (or JSON), one per line;",
        f"use '{DONT_KNOW}' when you cannot tell. A list of respondents, each with 'name', 'role' and",
        "'answers', is read as a team.",
        "",
    ]
    sections = {section["id"]: section for section in questionnaire["sections"]}
    current = None
    for number, question in enumerate(questionnaire["questions"], start=1):
        if question["section"] != current:
            current = question["section"]
            section = sections[current]
            lines += ["", f"## {section['title']}"] + ([section["prompt"].strip()] if section.get("prompt") else []) + [""]
        scale = questionnaire["scales"][question["scale"]]
        options = ", ".join(f"{point['value']} = {point['label']}" for point in scale["points"])
        lines.append(f"{number}. [{question['id']}] {question['text'].strip()}")
        if question.get("hint"):
            lines.append(f"   ({question['hint'].strip()})")
        lines.append(f"   {options}, {DONT_KNOW} = {scale['dont_know']}")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    if not args.questions and args.answers is None:
        raise InputError("give an answers file, or --questions to print the questionnaire")
    bundle = load_bundle(args.data)
    bundle_name = display_name(args.data) if args.data is not None else "the packaged data bundle"
    if args.questions:
        if args.json:
            print(json_text(bundle["questionnaire"], advice=f"check {bundle_name}"))
        else:
            print(format_questionnaire(bundle), end="")
        return 0
    name = display_name(args.answers)
    text = decode(read_bounded(args.answers, MAX_ANSWERS_BYTES, "answers file"), name)
    document = parse_answers_text(text, name)
    try:
        result = diagnose_document(bundle, document)
    except InputError as error:
        raise InputError(f"{name}: {error}") from None
    if args.json:
        print(json_text(result, advice=f"check {bundle_name}"))
    else:
        print(to_markdown(result), end="")
    return 0
