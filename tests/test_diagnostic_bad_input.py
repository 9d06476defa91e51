"""Issue 13, "Bad input stays a one-line answer": the diagnostic's adversarial inputs.

Each case runs twice: through the real command (a subprocess with a time limit and an
address-space bound, ``RLIMIT_AS``) and through the functions the page calls by name
(``innovation_toolkit.dispatch.run_call``), each ending with one line or a correct result
within a time bound.
"""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest

import cli_helpers
from innovation_toolkit.diagnostic import decode_link, diagnose_team, merge_respondents, read_answers_text, validate_respondents
from innovation_toolkit.diagnostic.bundle import _short
from innovation_toolkit.dispatch import run_call
from innovation_toolkit.errors import InputError
from sitegen.content import load_content
from sitegen.diagnostic_data import build_diagnostic_data

REPO = Path(__file__).resolve().parents[1]
CALIBRATION = REPO / "tests" / "calibration"

#: Seconds a function call may take.
CALL_LIMIT = 2.0


def cli(*argv, input_bytes: bytes | None = None) -> subprocess.CompletedProcess:
    return cli_helpers.cli("diagnose", *argv, input_bytes=input_bytes)


def assert_one_line_error(done: subprocess.CompletedProcess, *fragments: str) -> None:
    cli_helpers.assert_one_line_error(done, *fragments, max_length=400)


def call(function: str, **kwargs) -> dict:
    """Call a diagnostic function as the page does; return the decoded outcome and check the time."""
    started = time.monotonic()
    outcome = json.loads(run_call(f"innovation_toolkit.diagnostic:{function}", json.dumps(kwargs)))
    assert time.monotonic() - started < CALL_LIMIT
    return outcome


def assert_one_line_outcome(outcome: dict, *fragments: str) -> None:
    assert "error" in outcome, str(outcome)[:300]
    message = outcome["error"]
    assert "\n" not in message and len(message) < 400, message[:400]
    for fragment in fragments:
        assert fragment in message, (fragment, message)


@pytest.fixture(scope="module")
def bundle() -> dict:
    return build_diagnostic_data(load_content())


@pytest.fixture(scope="module")
def bundle_file(tmp_path_factory, bundle) -> Path:
    path = tmp_path_factory.mktemp("bundle") / "diagnostic.json"
    path.write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
    return path


def alias_bomb(levels: int = 9) -> str:
    """A few hundred bytes of YAML whose one answer value stands for 9**levels strings."""
    inner = "&a0 [lol,lol,lol,lol,lol,lol,lol,lol,lol]"
    for level in range(1, levels):
        inner = f"&a{level} [{inner}," + ",".join([f"*a{level - 1}"] * 8) + "]"
    return f"new-structures: {inner}\n"


BAD_TEXTS = {
    "bomb.yaml": (alias_bomb(), "line 1, column 32: YAML aliases ('*name') here stand for more than 100,000 values"),
    "bomb-keys.yaml": (
        "".join(f"a{n}: &a{n} [" + ",".join([f"*a{n - 1}"] * 9 if n else ["lol"] * 9) + "]\n" for n in range(9)) + "new-structures: *a8\n",
        "stand for more than 100,000 values",
    ),
    "alias-chain.yaml": ("a0: &a0 [1]\n" + "".join(f"a{n}: &a{n} [*a{n - 1}]\n" for n in range(1, 40)), "nested too deeply"),
    "alias-loop.yaml": ("new-structures: &a [*a]\n", "line 1, column 17: a YAML alias refers to the list or mapping it is in"),
    "alias-name.yaml": ("role: &a [x, x, x, x, x, x, x, x]\nname: *a\nanswers: {new-structures: 4}\n", "the name must be text, got list"),
    "deep.yaml": ("new-structures: " + "[" * 500 + "]" * 500 + "\n", "nested too deeply (more than 16 levels"),
    "deep-mapping.yaml": ("a:\n" + "".join(" " * n + "a:\n" for n in range(1, 500)) + " " * 500 + "a: 1\n", "nested too deeply"),
    "deep.json": ('{"new-structures": ' + "[" * 1000 + "]" * 1000 + "}", "nested too deeply (more than 16 levels"),
    "deeper.json": ("[" * 100_000, "nested too deeply"),
    "twice.json": ('{"answers": {"new-structures": 4, "new-structures": 5}}', "key 'new-structures' appears twice"),
    "long-number.json": ('{"new-structures": 1' + "0" * 5000 + "}", "a number has too many digits"),
    "long-number.yaml": ("new-structures: 1" + "0" * 5000 + "\n", "a number has too many digits"),
    "bad-date.yaml": ("date: 2026-13-45\nanswers: {new-structures: 4}\n", "not valid YAML: a value could not be read"),
    # PyYAML reads about 0.4 MB a second: a YAML name of 200,000 characters keeps the call quick.
    "long-name.yaml": ("name: " + "a" * 200_000 + "\nanswers: {new-structures: 4}\n", "the name is too long (200000 characters; at most 120)"),
    "long-team-name.json": (
        json.dumps([{"name": "b" * 1_500_000, "answers": {"new-structures": 4}}]),
        "respondent 1: the name is too long (1500000 characters",
    ),
    "control-name.json": (json.dumps({"name": "Ann\x1b[2J", "answers": {"new-structures": 4}}), "control or formatting character U+001B"),
    "bidi-role.json": (
        json.dumps([{"name": "Ann", "role": "\u202eadmin", "answers": {"new-structures": 4}}]),
        "respondent 1 (Ann): the role, character 1: control or formatting character U+202E",
    ),
    "huge-key.json": (json.dumps({"x" * 1_000_000: 4}), "unknown question id 'xxxxxxx"),
}


@pytest.mark.parametrize("name", list(BAD_TEXTS))
def test_bad_files_on_the_command_line(tmp_path, bundle_file, name):
    text, message = BAD_TEXTS[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert_one_line_error(cli(path, "--data", bundle_file), name, message)


@pytest.mark.parametrize("name", list(BAD_TEXTS))
def test_bad_files_in_the_browser_path(bundle, name):
    text, message = BAD_TEXTS[name]
    assert_one_line_outcome(call("read_answers_text", data=bundle, text=text, name=name), name, message)


def test_dev_zero_stops_at_the_byte_cap(bundle_file):
    assert_one_line_error(cli("/dev/zero", "--data", bundle_file), "/dev/zero", "too large", "2 MB")
    assert_one_line_error(cli(CALIBRATION / "knowsley.yaml", "/dev/zero", "--data", bundle_file), "/dev/zero", "too large")


def test_a_50_mb_name_is_refused(tmp_path, bundle, bundle_file):
    name = "n" * 50_000_000
    path = tmp_path / "huge-name.json"
    path.write_text(json.dumps({"name": name, "answers": {"new-structures": 4}}), encoding="utf-8")
    assert_one_line_error(cli(path, "--data", bundle_file), "huge-name.json is too large")
    started = time.monotonic()
    for function in (validate_respondents, diagnose_team):
        with pytest.raises(InputError, match="the name is too long \\(50000000 characters; at most 120\\)") as caught:
            function(bundle, [{"name": name, "answers": {}}])
        assert len(str(caught.value)) < 200
    assert time.monotonic() - started < CALL_LIMIT
    outcome = call("read_answers_text", data=bundle, text=json.dumps({"name": "n" * 3_000_000, "answers": {}}), name="a.json")
    assert_one_line_outcome(outcome, "a.json is too large")


def test_the_alias_bomb_in_a_document_passed_from_python_is_cheap(bundle):
    # A Python caller can hand over a value that shares itself billions of times over.
    value: list = ["lol"] * 9
    for _ in range(9):
        value = [value] * 9
    started = time.monotonic()
    with pytest.raises(InputError, match="must be a whole number") as caught:
        diagnose_team(bundle, [{"name": "Ann", "answers": {"new-structures": value}}])
    assert len(str(caught.value)) < 300
    with pytest.raises(InputError, match="deep: answer to 'new-structures' must be a whole number"):
        merge_respondents(bundle, [{"label": "deep", "document": {"answers": {"new-structures": value}}}])
    assert time.monotonic() - started < CALL_LIMIT


def test_short_never_writes_out_an_unbounded_value():
    value: list = ["x" * 10_000_000]
    for _ in range(50):
        value = [value] * 100
    started = time.monotonic()
    for item in (value, {"k" * 1_000_000: value}, "y" * 50_000_000, 10**4400, b"z" * 10_000_000, {n: n for n in range(100_000)}):
        assert len(_short(item)) <= 40
    assert time.monotonic() - started < 0.5


def test_deeply_nested_document_through_dispatch(bundle):
    deep: object = 4
    for _ in range(200):
        deep = [deep]
    outcome = call("merge_respondents", data=bundle, sources=[{"label": "deep.json", "document": {"answers": {"new-structures": deep}}}])
    assert_one_line_outcome(outcome, "deep.json: ", "nested too deeply")


def test_duplicate_keys_are_refused_in_the_browser_as_on_the_command_line(tmp_path, bundle, bundle_file):
    text = '{"name": "Ann", "name": "Bob", "answers": {"new-structures": 4}}'
    path = tmp_path / "twice.json"
    path.write_text(text, encoding="utf-8")
    assert_one_line_error(cli(path, "--data", bundle_file), "key 'name' appears twice")
    assert_one_line_outcome(call("read_answers_text", data=bundle, text=text, name="twice.json"), "twice.json: key 'name' appears twice")
    yaml_twice = "new-structures: 4\nnew-structures: 5\n"
    outcome = call("read_answers_text", data=bundle, text=yaml_twice, name="twice.yaml")
    assert_one_line_outcome(outcome, "twice.yaml: line 2, column 1: 'new-structures' appears twice")


def test_read_answers_text_returns_read_answers_documents_output(bundle):
    text = json.dumps({"name": "Ann", "role": "frontline", "service": "Youth", "date": "2026-12-01", "answers": {"new-structures": 4}})
    outcome = call("read_answers_text", data=bundle, text="\ufeff" + text, name="ann.json")
    assert outcome["result"] == {
        "mode": "single",
        "answers": {"new-structures": 4},
        "name": "Ann",
        "role": "frontline",
        "record": {"service": "Youth", "date": "2026-12-01"},
    }
    team = call("read_answers_text", data=bundle, text="- name: Ann\n  answers: {new-structures: 4}\n", name="team.yaml")
    assert team["result"]["mode"] == "team" and team["result"]["respondents"][0]["name"] == "Ann"


def test_hostile_labels_and_links_stay_one_line(bundle):
    outcome = call("merge_respondents", data=bundle, sources=[{"label": "x\nerror: fake\x1b[2J" + "y" * 10_000, "fragment": "#zz"}])
    assert_one_line_outcome(outcome, "x error: fake[2J")
    assert len(outcome["error"]) < 300
    with pytest.raises(InputError, match="URL fragment is too long"):
        decode_link(bundle, "#v2:n=" + "a" * 100_000)


def test_read_answers_text_refuses_non_text(bundle):
    with pytest.raises(InputError, match="the answers must be text"):
        read_answers_text(bundle, None, "a.json")
    assert_one_line_outcome(call("read_answers_text", data=bundle, text=["a"], name="a.json"), "the answers must be text")


def test_standard_input_only_once(bundle_file):
    answers = (CALIBRATION / "knowsley.yaml").read_bytes()
    assert_one_line_error(cli("-", "-", "--data", bundle_file, input_bytes=answers), "standard input ('-') can be read only once")
    done = cli("-", "--data", bundle_file, input_bytes=answers)
    assert (done.returncode == 0 and "**Most likely phase:**" in done.out) or "## Summary" in done.out


def test_bad_record_options_are_one_line(bundle_file):
    knowsley = CALIBRATION / "knowsley.yaml"
    assert_one_line_error(cli(knowsley, "--date", "1/12/2026", "--data", bundle_file), "the date must be written YYYY-MM-DD")
    assert_one_line_error(cli(knowsley, "--service", "x" * 500, "--data", bundle_file), "the service or area name is too long (500 characters")
    assert_one_line_error(cli(knowsley, "--service", "Ann\x1b[2J", "--data", bundle_file), "control or formatting character U+001B")
