"""The validation command: schema errors, unknown slugs and YAML syntax errors name file, line and field."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitegen.content import CONTENT, load_content, validate_content

REPO = Path(__file__).resolve().parents[1]

THING_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "things.schema.json",
    "type": "object",
    "additionalProperties": False,
    "required": ["things"],
    "properties": {
        "things": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "source"],
                "properties": {
                    "id": {"$ref": "common.schema.json#/$defs/slug", "x-defines": "thing"},
                    "source": {"$ref": "common.schema.json#/$defs/source"},
                    "count": {"type": "integer"},
                    "related": {"type": "array", "items": {"type": "string", "x-refers": "thing"}},
                },
            },
        }
    },
}

GOOD = """\
things:
  - id: alpha
    source: "§4.1"
    count: 3
  - id: beta
    source: "Table A2"
    related: [alpha]
"""


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    (root / "schema").mkdir(parents=True)
    shutil.copy(CONTENT / "schema" / "common.schema.json", root / "schema")
    (root / "schema" / "things.schema.json").write_text(json.dumps(THING_SCHEMA))
    (root / "things.yaml").write_text(GOOD)
    return root


def test_repository_content_is_valid():
    assert validate_content() == []


def test_good_file_passes_and_loads(content_dir):
    assert validate_content(content_dir) == []
    assert [t["id"] for t in load_content(content_dir)["things"]["things"]] == ["alpha", "beta"]


def test_broken_value_names_file_line_and_field(content_dir):
    (content_dir / "things.yaml").write_text(GOOD.replace("count: 3", "count: three"))
    assert validate_content(content_dir) == ["content/things.yaml:4: things[0].count: 'three' is not of type 'integer'"]


def test_missing_source_is_reported_on_the_item(content_dir):
    (content_dir / "things.yaml").write_text(GOOD.replace('    source: "Table A2"\n', ""))
    [error] = validate_content(content_dir)
    assert error.startswith("content/things.yaml:5: things[1]: 'source' is a required property")


def test_unknown_slug_names_file_line_and_field(content_dir):
    (content_dir / "things.yaml").write_text(GOOD.replace("related: [alpha]", "related: [alpha, gamma]"))
    [error] = validate_content(content_dir)
    assert error.startswith("content/things.yaml:7: things[1].related[1]: unknown thing 'gamma'; known: alpha, beta")


def test_duplicate_slug_points_at_the_first_definition(content_dir):
    (content_dir / "things.yaml").write_text(GOOD.replace("id: beta", "id: alpha"))
    [error] = validate_content(content_dir)
    assert error == "content/things.yaml:5: things[1].id: duplicate thing 'alpha' (first defined at content/things.yaml:2)"


def test_yaml_syntax_error_names_the_line(content_dir):
    (content_dir / "things.yaml").write_text(GOOD.replace("count: 3", "count: [3"))
    [error] = validate_content(content_dir)
    assert error.startswith("content/things.yaml:5: (yaml): ")


def test_duplicate_yaml_key_is_an_error(content_dir):
    (content_dir / "things.yaml").write_text(GOOD.replace("count: 3", "count: 3\n    count: 4"))
    assert validate_content(content_dir) == ["content/things.yaml:5: things[0].count: duplicate key"]


def test_file_without_schema_is_an_error(content_dir):
    (content_dir / "stray.yaml").write_text("a: 1\n")
    assert validate_content(content_dir) == ["content/stray.yaml:1: (top): no schema schema/stray.schema.json for content type 'stray'"]


def test_record_id_must_match_its_file_name(content_dir):
    schema = dict(THING_SCHEMA["properties"]["things"]["items"], **{"$id": "notes.schema.json"})
    (content_dir / "schema" / "notes.schema.json").write_text(json.dumps(schema))
    (content_dir / "notes").mkdir()
    (content_dir / "notes" / "first.yaml").write_text('id: second\nsource: "§2"\n')
    assert validate_content(content_dir) == ["content/notes/first.yaml:1: id: must equal the file name 'first'"]


def test_command_exits_non_zero_with_errors(content_dir):
    (content_dir / "things.yaml").write_text(GOOD.replace("count: 3", "count: three"))
    run = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "validate_content.py"), str(content_dir)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1
    assert "things[0].count" in run.stdout


@pytest.mark.parametrize(
    ("written", "advice"),
    [
        ("In 2005-07 the Government announced allocations.", "write a month in words ('July 2005') or a financial year with an en dash ('2005–07')"),
        ("The project ran 2003-2005.", "write a range with an en dash ('2003–2005')"),
        ("Funding for 2006-08.", "write a month in words ('August 2006') or a financial year with an en dash ('2006–08')"),
        ("Figures for 2005-19 are missing.", "write a range with an en dash ('2005–19')"),
    ],
)
def test_months_in_iso_form_and_hyphenated_ranges_fail_validation(content_dir, written, advice):
    """Content dates are written for readers (content/README.md, Dates); the validator names the fix."""
    (content_dir / "things.yaml").write_text(GOOD.replace('source: "§4.1"', f'source: "§4.1"\n    note: "{written}"').replace("    count: 3\n", ""))
    THING_SCHEMA["properties"]["things"]["items"]["properties"]["note"] = {"type": "string"}
    try:
        (content_dir / "schema" / "things.schema.json").write_text(json.dumps(THING_SCHEMA))
        errors = validate_content(content_dir)
    finally:
        del THING_SCHEMA["properties"]["things"]["items"]["properties"]["note"]
    assert len(errors) == 1 and errors[0].startswith("content/things.yaml:4: things[0].note: ") and errors[0].endswith(advice), errors


@pytest.mark.parametrize("written", ["July 2005", "2003–2005", "2006–07", "see https://example.org/2006-07/report", "ISBN 1-84875-029-0", "pp 12-18"])
def test_dates_written_for_readers_pass_validation(content_dir, written):
    (content_dir / "things.yaml").write_text(GOOD.replace('source: "§4.1"', f'source: "§4.1"\n    note: "{written}"').replace("    count: 3\n", ""))
    THING_SCHEMA["properties"]["things"]["items"]["properties"]["note"] = {"type": "string"}
    try:
        (content_dir / "schema" / "things.schema.json").write_text(json.dumps(THING_SCHEMA))
        assert validate_content(content_dir) == []
    finally:
        del THING_SCHEMA["properties"]["things"]["items"]["properties"]["note"]
