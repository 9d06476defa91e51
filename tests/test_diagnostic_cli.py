"""`innovation-toolkit diagnose`: questionnaire, results, team files and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from innovation_toolkit.cli import main
from innovation_toolkit.commands import diagnose as command
from sitegen.content import load_content
from sitegen.diagnostic_data import build_diagnostic_data

REPO = Path(__file__).resolve().parents[1]
CALIBRATION = REPO / "tests" / "calibration"


@pytest.fixture(scope="module")
def bundle_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bundle") / "diagnostic.json"
    path.write_text(json.dumps(build_diagnostic_data(load_content()), ensure_ascii=False), encoding="utf-8")
    return path


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(["diagnose", *map(str, argv)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_questions_lists_every_question_with_its_options(capsys, bundle_file):
    code, out, err = run(capsys, "--questions", "--data", bundle_file)
    assert code == 0 and err == ""
    bundle = json.loads(bundle_file.read_text(encoding="utf-8"))
    for question in bundle["questionnaire"]["questions"]:
        assert f"[{question['id']}]" in out
    assert "5 = Strongly agree" in out and "dont-know = Don't know" in out
    assert "## The strategic triangle today" in out


def test_questions_as_json(capsys, bundle_file):
    code, out, _ = run(capsys, "--questions", "--json", "--data", bundle_file)
    assert code == 0
    assert len(json.loads(out)["questions"]) >= 15


def test_answers_file_prints_the_result(capsys, bundle_file):
    code, out, err = run(capsys, CALIBRATION / "knowsley.yaml", "--data", bundle_file)
    assert code == 0 and err == ""
    assert "**Most likely phase:** Mobilisation (phase 2)" in out
    assert "## Action plan" in out


def test_json_result_has_the_documented_keys(capsys, bundle_file):
    code, out, _ = run(capsys, CALIBRATION / "south-tyneside.yaml", "--json", "--data", bundle_file)
    assert code == 0
    result = json.loads(out)
    for key in ("phase", "phase_number", "scores", "confidence", "triangle", "pitfalls", "questions", "similar_cases", "action_plan"):
        assert key in result
    assert (result["phase"], result["phase_number"]) == ("embedding", 4)


def test_json_answers_file_and_team_file(capsys, bundle_file, tmp_path):
    import yaml

    knowsley = yaml.safe_load((CALIBRATION / "knowsley.yaml").read_text(encoding="utf-8"))["answers"]
    highlands = yaml.safe_load((CALIBRATION / "highlands.yaml").read_text(encoding="utf-8"))["answers"]
    single = tmp_path / "answers.json"
    single.write_text(json.dumps(knowsley), encoding="utf-8")
    code, out, _ = run(capsys, single, "--json", "--data", bundle_file)
    assert code == 0 and json.loads(out)["phase"] == "mobilisation"

    team = tmp_path / "team.yaml"
    contrary = {key: (6 - value if isinstance(value, int) else value) for key, value in knowsley.items()}
    team.write_text(
        yaml.safe_dump(
            [
                {"name": "Director", "role": "leader", "answers": highlands},
                {"name": "Teacher", "role": "frontline", "answers": contrary},
            ]
        ),
        encoding="utf-8",
    )
    code, out, _ = run(capsys, team, "--json", "--data", bundle_file)
    assert code == 0
    result = json.loads(out)
    assert [m["name"] for m in result["team"]["respondents"]] == ["Director", "Teacher"]
    assert result["team"]["disagreements"]
    code, out, _ = run(capsys, team, "--data", bundle_file)
    assert "## Team" in out and "Where you disagree most" in out


BAD_FILES = [
    ("broken.yaml", "new-structures: 4\n  initial-resources: [5\n", "broken.yaml: line 2, column 20: not valid YAML"),
    ("broken.json", '{"new-structures": 4,\n "initial-resources": }', "broken.json: line 2, column 23: not valid JSON"),
    ("unknown.yaml", "new-structure: 4\n", "unknown question id 'new-structure' (did you mean 'new-structures'?)"),
    ("range.yaml", "new-structures: 7\n", "answer to 'new-structures' is 7, out of range"),
    ("type.yaml", "new-structures: yes\n", "answer to 'new-structures' must be a whole number from 1 to 5"),
    ("twice.yaml", "new-structures: 4\nnew-structures: 5\n", "line 2, column 1: 'new-structures' appears twice"),
    ("twice.json", '{"new-structures": 4, "new-structures": 5}', "appears twice"),
    ("empty.yaml", "", "the answers file is empty"),
    ("scalar.yaml", "hello\n", "answers must be a mapping"),
    ("team.yaml", "- name: A\n  answers: {new-structures: 4}\n- name: B\n  answers: {zzz: 1}\n", "respondent 2 (B): unknown question id 'zzz'"),
    ("neutral.yaml", "new-structures: 3\n", "no answer points to any phase"),
    ("tab.yaml", "new-structures:\t4\n\tinitial-resources: 5\n", "not valid YAML"),
]


@pytest.mark.parametrize(("name", "text", "message"), BAD_FILES, ids=[case[0] for case in BAD_FILES])
def test_bad_answers_files_end_with_one_line_error(capsys, bundle_file, tmp_path, name, text, message):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, path, "--data", bundle_file)
    assert code == 2 and out == ""
    assert err.startswith("error: ") and err.count("\n") == 1
    assert message in err
    assert name in err


def test_not_utf8_and_missing_files(capsys, bundle_file, tmp_path):
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("new-structures: 4 # café".encode("latin-1"))
    code, _, err = run(capsys, latin, "--data", bundle_file)
    assert code == 2 and err.startswith("error: not UTF-8")
    code, _, err = run(capsys, tmp_path / "absent.yaml", "--data", bundle_file)
    assert code == 2 and "absent.yaml" in err and err.count("\n") == 1


def test_bad_bundles(capsys, tmp_path):
    answers = CALIBRATION / "knowsley.yaml"
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    code, _, err = run(capsys, answers, "--data", broken)
    assert code == 2 and "not valid JSON" in err
    other = tmp_path / "other.json"
    other.write_text("[1, 2]", encoding="utf-8")
    code, _, err = run(capsys, answers, "--data", other)
    assert code == 2 and "not a diagnostic data bundle" in err


def test_missing_packaged_bundle_says_run_make_generate(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(command.resources, "files", lambda package: tmp_path)
    code, _, err = run(capsys, CALIBRATION / "knowsley.yaml")
    assert code == 2
    assert err.startswith("error: ") and "make generate" in err and err.count("\n") == 1


def test_no_file_and_no_questions_is_an_error(capsys, bundle_file):
    code, _, err = run(capsys, "--data", bundle_file)
    assert code == 2 and "--questions" in err


def test_real_process_never_prints_a_traceback(bundle_file, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("new-structures: 11\n", encoding="utf-8")
    run_ = subprocess.run(
        [sys.executable, "-m", "innovation_toolkit.cli", "diagnose", str(path), "--data", str(bundle_file)], cwd=REPO, capture_output=True, text=True
    )
    assert run_.returncode == 2
    assert "Traceback" not in run_.stderr and run_.stderr.startswith("error: ")


# ---------------------------------------------------------------- several files: a facilitated session


def write_participants(tmp_path: Path) -> list[Path]:
    import yaml

    knowsley = yaml.safe_load((CALIBRATION / "knowsley.yaml").read_text(encoding="utf-8"))["answers"]
    highlands = yaml.safe_load((CALIBRATION / "highlands.yaml").read_text(encoding="utf-8"))["answers"]
    ann = tmp_path / "ann.yaml"
    ann.write_text(yaml.safe_dump({"name": "Ann", "role": "frontline", "date": "2026-12-01", "answers": knowsley}), encoding="utf-8")
    bob = tmp_path / "bob.json"
    bob.write_text(json.dumps({"name": "Bob", "role": "manager", "answers": highlands, "questionnaire_version": 1}), encoding="utf-8")
    team = tmp_path / "team.yaml"
    team.write_text(yaml.safe_dump({"respondents": [{"name": "Cy", "answers": knowsley}, {"name": "ann", "answers": knowsley}]}), encoding="utf-8")
    nameless = tmp_path / "nameless.json"
    tower_hamlets = yaml.safe_load((CALIBRATION / "tower-hamlets.yaml").read_text(encoding="utf-8"))["answers"]
    nameless.write_text(json.dumps(tower_hamlets), encoding="utf-8")
    return [ann, bob, team, nameless]


def test_several_files_merge_into_one_team(capsys, bundle_file, tmp_path):
    files = write_participants(tmp_path)
    code, out, err = run(capsys, *files, "--service", "Youth services", "--json", "--data", bundle_file)
    assert code == 0
    result = json.loads(out)
    assert result["record"] == {
        "service": "Youth services",
        "date": "2026-12-01",
        "respondents": ["Ann", "Bob", "Cy", "Participant 4"],
        "respondent_count": 4,
    }
    assert [role["role"] for role in result["team"]["roles"]] == ["frontline", "manager", "no role given"]
    assert len(result["team"]["talk_first"]) <= 5
    # ann in team.yaml has Ann's answers: counted once, reported on one line.
    assert err == f"note: ann is in both {files[0]} and {files[2]} with the same answers: counted once\n"


def test_several_files_as_markdown_carry_the_record(capsys, bundle_file, tmp_path):
    files = write_participants(tmp_path)
    code, out, _ = run(capsys, *files[:2], "--service", "Youth <b>services</b>", "--data", bundle_file)
    assert code == 0
    assert "**Service or area:** Youth &lt;b&gt;services&lt;/b&gt;  \n**Date:** 2026-12-01  \n**Respondents (2):** Ann, Bob" in out
    assert "## Team" in out and "### Phase by role" in out


def test_a_single_file_keeps_its_single_result_and_takes_the_record(capsys, bundle_file):
    code, out, _ = run(capsys, CALIBRATION / "knowsley.yaml", "--service", "Knowsley", "--date", "2026-12-01", "--json", "--data", bundle_file)
    assert code == 0
    result = json.loads(out)
    assert "team" not in result and result["record"]["service"] == "Knowsley" and result["record"]["date"] == "2026-12-01"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--date", "2026-11-30"], "ann.yaml: the date is '2026-12-01' but the command line gives '2026-11-30'"),
        (["--date", "2026-02-30"], "the date must be a real day"),
    ],
)
def test_conflicting_records_are_one_line(capsys, bundle_file, tmp_path, extra, message):
    files = write_participants(tmp_path)
    code, out, err = run(capsys, *files, *extra, "--data", bundle_file)
    assert code == 2 and out == ""
    assert err.startswith("error: ") and err.count("\n") == 1 and message in err


def test_a_bad_file_among_several_is_named(capsys, bundle_file, tmp_path):
    files = write_participants(tmp_path)
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: Dee\nanswers: {new-structures: 9}\n", encoding="utf-8")
    code, _, err = run(capsys, *files, bad, "--data", bundle_file)
    assert code == 2 and err.count("\n") == 1
    assert f"error: {bad}: answer to 'new-structures' is 9, out of range" in err
