"""`innovation-toolkit diagnose`: where are we in the innovation lifecycle?

``diagnose --questions`` prints the questionnaire; ``diagnose ANSWERS.yaml`` (or ``.json``)
prints the result as Markdown-formatted text, ``--json`` as JSON. A file holding a list of
respondents (each with ``name``, optional ``role`` and ``answers``) is diagnosed as a team.
Several files (``diagnose ann.yaml bob.json team.yaml``), each one person or a team, are
merged into one team with ``merge_respondents``: a person without a name is called
"Participant N", a name met twice is counted once (the first file's answers are kept) and
each such duplicate is reported on standard error, one line each. ``--service`` and
``--date`` record what was assessed and when; files may carry ``service`` and ``date``
too, and values that differ are an error. ``-`` reads one file from standard input.
The questionnaire and everything the result quotes from the report come from a data bundle
generated from content/ (``make generate``); ``--data`` points at another bundle.
"""

from __future__ import annotations

import argparse
import json
import sys
from importlib import resources
from pathlib import Path

from innovation_toolkit.diagnostic import DONT_KNOW, diagnose, diagnose_team, merge_respondents, read_answers_document, to_markdown, validate_record
from innovation_toolkit.diagnostic.merge import combine_records
from innovation_toolkit.diagnostic.reading import parse_answers_text as _parse_answers_text
from innovation_toolkit.diagnostic.sanitise import plain_text
from innovation_toolkit.errors import InputError
from innovation_toolkit.files import STDIN, display_name, json_text, read_bounded

#: Largest answers file read. One respondent's answers to the questionnaire's two dozen
#: questions take about 1 KB (a few KB with comments, as in tests/calibration/); a team
#: file of 500 commented respondents is under 1 MB. PyYAML parses about 0.4 MB a second,
#: so 2 MB also keeps the slowest accepted file to about five seconds. A device or endless
#: pipe given as the answers file stops here.
MAX_ANSWERS_BYTES = 2_000_000

#: Most answers files merged in one run (the most respondents a team may have).
MAX_ANSWERS_FILES = 100

#: Largest data bundle read with --data (the packaged one is about 45 KB).
MAX_BUNDLE_BYTES = 10_000_000


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "diagnose",
        help="diagnose a service's phase in the innovation lifecycle from questionnaire answers",
        description="Diagnose where a service sits in the local social innovation lifecycle (Appendix A, Step One). "
        "Give several answers files (each one person or a team) to merge them into one team; a name met twice is counted once "
        "and reported on standard error.",
    )
    parser.add_argument(
        "answers",
        nargs="*",
        type=Path,
        help="answers files (.yaml or .json): question id → rating, or a list of respondents; several files are merged into one team "
        "('-': standard input)",
    )
    parser.add_argument("--service", metavar="NAME", help="the service or area assessed, for the record")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="the date of the assessment, for the record")
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


def parse_answers_text(text: str, name: str) -> object:
    """Parse an answers file as JSON (``.json``) or YAML (anything else), with positions in errors.

    The reading itself is ``innovation_toolkit.diagnostic.reading.parse_answers_text``
    (strict JSON, alias-free YAML, bounded nesting), shared with the page.
    """
    return _parse_answers_text(text, name)


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


def _read_file(path: Path) -> tuple[str, object]:
    name = display_name(path)
    text = decode(read_bounded(path, MAX_ANSWERS_BYTES, "answers file"), name)
    return plain_text(name, 200), parse_answers_text(text, name)


def run(args: argparse.Namespace) -> int:
    if not args.questions and not args.answers:
        raise InputError("give an answers file, or --questions to print the questionnaire")
    if len(args.answers) > MAX_ANSWERS_FILES:
        raise InputError(f"too many answers files ({len(args.answers)}); at most {MAX_ANSWERS_FILES}")
    if sum(1 for path in args.answers if str(path) == STDIN) > 1:
        raise InputError("standard input ('-') can be read only once")
    given = validate_record({"service": args.service, "date": args.date})
    bundle = load_bundle(args.data)
    bundle_name = display_name(args.data) if args.data is not None else "the packaged data bundle"
    if args.questions:
        if args.json:
            print(json_text(bundle["questionnaire"], advice=f"check {bundle_name}"))
        else:
            print(format_questionnaire(bundle), end="")
        return 0
    files = [_read_file(path) for path in args.answers]
    if len(files) == 1:
        name, document = files[0]
        try:
            read = read_answers_document(bundle, document)
        except InputError as error:
            raise InputError(f"{name}: {error}") from None
        record = combine_records(given, read["record"], "the command line", name)
        try:
            result = diagnose_team(bundle, read["respondents"], record) if read["mode"] == "team" else diagnose(bundle, read["answers"], record)
        except InputError as error:
            raise InputError(f"{name}: {error}") from None
    else:
        merged = merge_respondents(
            bundle, [{"label": name, "document": document} for name, document in files], record=given, record_label="the command line"
        )
        for duplicate in merged["duplicates"]:
            print(f"note: {duplicate['message']}", file=sys.stderr)
        result = diagnose_team(bundle, merged["respondents"], merged["record"])
    if args.json:
        print(json_text(result, advice=f"check {bundle_name}"))
    else:
        print(to_markdown(result), end="")
    return 0
