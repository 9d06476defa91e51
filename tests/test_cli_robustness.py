"""Issue 12: whatever the input, `innovation-toolkit` answers with one line and stops.

Every case runs the real command as a subprocess, with a time limit and a memory bound
(``RLIMIT_AS``), so that an endless input that is read whole shows up as a timeout or an
out-of-memory failure rather than a slow test run.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from cli_helpers import TIME_LIMIT, assert_one_line_error, bound_memory, cli
from innovation_toolkit.errors import InputError
from innovation_toolkit.files import json_text, read_bounded
from sitegen.content import load_content
from sitegen.diagnostic_data import build_diagnostic_data

REPO = Path(__file__).resolve().parents[1]
CALIBRATION = REPO / "tests" / "calibration"


@pytest.fixture(scope="module")
def bundle_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bundle") / "diagnostic.json"
    path.write_text(json.dumps(build_diagnostic_data(load_content()), ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def kite(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("kite") / "kite.csv"
    path.write_text("Ann,Bob\nAnn,Cy\nBob,Cy\nCy,Dee\nDee,Eve\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def large_network(tmp_path_factory) -> Path:
    """A 2,000-person network (a random tree) whose JSON result is over a megabyte."""
    chooser = random.Random(12)
    path = tmp_path_factory.mktemp("large") / "large.csv"
    path.write_text("".join(f"P{i},P{chooser.randrange(i)}\n" for i in range(1, 2000)), encoding="utf-8")
    return path


# Endless and oversized inputs ----------------------------------------------------------


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_device_as_ties_file(device):
    done = cli("roles", device)
    assert_one_line_error(done, device, "too large", "200 MB")
    assert done.seconds < TIME_LIMIT


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_device_as_people_table(device, kite):
    done = cli("roles", kite, "--people", device)
    assert_one_line_error(done, device, "too large", "people table", "200 MB")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_device_as_answers_file_and_bundle(device, bundle_file):
    assert_one_line_error(cli("diagnose", device, "--data", bundle_file), device, "too large", "answers file", "2 MB")
    assert_one_line_error(cli("diagnose", CALIBRATION / "knowsley.yaml", "--data", device), device, "too large", "data bundle")


@pytest.mark.parametrize("name", ["-", "/dev/stdin"])
def test_endless_pipe(name, bundle_file):
    for argv, line in ((("roles", name), b"Ann,Bob\n"), (("diagnose", name, "--data", bundle_file), b"new-structures: 4\n")):
        source = subprocess.Popen(["yes", line.decode().strip()], stdout=subprocess.PIPE)
        try:
            done = cli(*argv, stdin=source.stdout)
        finally:
            source.stdout.close()
            source.kill()
            source.wait()
        assert_one_line_error(done, "too large")


def test_standard_input_works_for_real_input(kite, bundle_file):
    done = cli("roles", "-", "--json", input_bytes=kite.read_bytes())
    assert done.returncode == 0, done.err
    assert json.loads(done.out)["summary"]["people"] == 5
    done = cli("diagnose", "-", "--data", bundle_file, input_bytes=(CALIBRATION / "knowsley.yaml").read_bytes())
    assert done.returncode == 0 and done.err == "", done.err
    assert_one_line_error(cli("roles", "-", "--people", "-", input_bytes=b"Ann,Bob\n"), "standard input")


def test_read_bounded_stops_at_the_limit(tmp_path):
    path = tmp_path / "ten.txt"
    path.write_bytes(b"0123456789")
    assert read_bounded(path, 10, "test file") == b"0123456789"
    with pytest.raises(InputError, match=r"ten.txt is too large \(10 bytes; the limit is 9 bytes\)"):
        read_bounded(path, 9, "test file")
    with pytest.raises(InputError, match="more than 1,000 bytes arrived; the limit for the test file is 1,000 bytes"):
        read_bounded("/dev/zero", 1_000, "test file")
    assert read_bounded("/dev/null", 0, "test file") == b""


# Numbers JSON cannot hold --------------------------------------------------------------


def _refuse_constant(name):
    raise ValueError(f"{name} is not JSON")


def test_absurd_weights_never_give_invalid_json(tmp_path):
    path = tmp_path / "heavy.csv"
    path.write_text("Ann,Bob,9e307\nBob,Cy,9e307\n", encoding="utf-8")
    done = cli("roles", path, "--json")
    if done.returncode == 0:
        json.loads(done.out, parse_constant=_refuse_constant)
        assert done.err == ""
    else:
        assert_one_line_error(done)
    done = cli("roles", path)  # the readable report has no JSON to break, but no traceback either
    assert "Traceback" not in done.err and done.err.count("\n") <= 1


def test_json_text_refuses_non_finite_numbers_by_name():
    assert json.loads(json_text({"a": [1.5, {"b": 2}]})) == {"a": [1.5, {"b": 2}]}
    with pytest.raises(InputError, match=r"value at people\[1\]\.strength is infinite: scale it$"):
        json_text({"people": [{"strength": 1.0}, {"strength": float("inf")}]}, advice="scale it")
    with pytest.raises(InputError, match=r"at total is not a number \(NaN\)$"):
        json_text({"total": float("nan")})


def test_diagnose_json_with_non_finite_numbers_is_one_line(tmp_path):
    bundle = tmp_path / "nan.json"  # Python's json reads NaN; strict JSON output cannot hold it
    bundle.write_text('{"questionnaire": {"title": "Q", "weight": NaN}, "phases": {}}', encoding="utf-8")
    assert_one_line_error(cli("diagnose", "--questions", "--json", "--data", bundle), "value at weight is not a number (NaN)", "nan.json")


# Usage errors --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "fragments"),
    [
        (["roles", "KITE", "--foo"], ["error: roles: unrecognized arguments: --foo (see innovation-toolkit roles --help)"]),
        (["roles"], ["roles:", "required: edges"]),
        (["roles", "KITE", "--format", "xml"], ["roles:", "--format", "invalid choice: 'xml'"]),
        (["roles", "KITE", "--directed", "--undirected"], ["--directed and --undirected"]),
        (["roles", "KITE", "--engine"], ["roles:", "--engine", "expected one argument"]),
        (["diagnose", "--bar"], ["diagnose: unrecognized arguments: --bar"]),
        (["bogus"], ["invalid choice: 'bogus'", "(see innovation-toolkit --help)"]),
        ([], ["required: COMMAND"]),
    ],
    ids=["unknown-flag", "missing-file", "bad-format", "both-directions", "missing-value", "diagnose-flag", "bad-command", "no-command"],
)
def test_usage_errors_are_one_line(argv, fragments, kite):
    done = cli(*[str(kite) if arg == "KITE" else arg for arg in argv])
    assert_one_line_error(done, *fragments)
    assert "usage:" not in done.err


def test_help_is_unchanged():
    done = cli("roles", "--help")
    assert done.returncode == 0 and done.err == ""
    assert done.out.startswith("usage: innovation-toolkit roles") and "--people PEOPLE" in done.out


# A closed output pipe ------------------------------------------------------------------


def test_output_into_head_ends_quietly(large_network):
    # The JSON is far larger than a pipe's buffer, so writing it meets the pipe head closed.
    done = subprocess.run(
        f"'{sys.executable}' -m innovation_toolkit.cli roles '{large_network}' --json | head -1; echo \"status ${{PIPESTATUS[0]}}\"",
        shell=True,
        executable="/bin/bash",
        cwd=REPO,
        capture_output=True,
        timeout=120,
        preexec_fn=bound_memory,
        check=False,
    )
    assert done.stdout == b"{\nstatus 141\n"  # 128 + SIGPIPE, as the shell reports for cat or grep
    assert done.stderr == b"", done.stderr.decode()


def test_reader_gone_before_any_output(large_network):
    reader = subprocess.Popen(
        [sys.executable, "-m", "innovation_toolkit.cli", "roles", str(large_network)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=bound_memory,
    )
    reader.stdout.close()  # long before the analysis ends: even a short report meets a closed pipe
    err = reader.stderr.read()
    assert reader.wait(timeout=120) == 141
    assert err == b"", err.decode()


# Library warnings ----------------------------------------------------------------------

PORT_GRAPHML = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<graph edgedefault="undirected">
<node id="Ann"><port name="north"/></node><node id="Bob"/><node id="Cy"/>
<edge source="Ann" target="Bob"/><edge source="Bob" target="Cy"/>
</graph></graphml>
"""


@pytest.mark.parametrize("warning_option", [None, "always", "error"])
def test_library_warnings_stay_off_the_terminal(tmp_path, warning_option):
    # networkx's GraphML reader warned "GraphML port tag not supported." on this file (issue
    # 12); the readers now keep useful warnings as notes, and the CLI prints none of the rest.
    path = tmp_path / "ports.graphml"
    path.write_text(PORT_GRAPHML, encoding="utf-8")
    env = {**os.environ, "PYTHONWARNINGS": warning_option} if warning_option else None
    done = cli("roles", path, env=env)
    assert done.returncode == 0, done.err
    assert "Warning" not in done.err and done.err == ""
    assert done.out.startswith("3 people, 2 ties")


NOISY = """
import sys, warnings
from innovation_toolkit.commands import roles
real = roles.analyse
def noisy(*args, **kwargs):
    warnings.warn("library noise", UserWarning)
    warnings.warn("old interface", DeprecationWarning)
    warnings.warn("odd number", RuntimeWarning)
    return real(*args, **kwargs)
roles.analyse = noisy
from innovation_toolkit.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("option", ["default", "always", "error"])
def test_any_warning_in_a_command_is_silenced_whatever_the_w_option(kite, option):
    done = subprocess.run(
        [sys.executable, "-W", option, "-c", NOISY, "roles", str(kite)], cwd=REPO, capture_output=True, text=True, timeout=TIME_LIMIT, check=False
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert done.stdout.startswith("5 people")


# Other unreadable files ----------------------------------------------------------------


def test_directory_and_missing_files_name_the_file(tmp_path, kite, bundle_file):
    missing = tmp_path / "missing.csv"
    assert_one_line_error(cli("roles", tmp_path), f"error: {tmp_path}: Is a directory")
    assert_one_line_error(cli("roles", missing), f"error: {missing}: No such file or directory")
    assert_one_line_error(cli("roles", kite, "--people", tmp_path), f"error: {tmp_path}: Is a directory")
    assert_one_line_error(cli("diagnose", tmp_path, "--data", bundle_file), f"error: {tmp_path}: Is a directory")
    assert_one_line_error(cli("diagnose", CALIBRATION / "knowsley.yaml", "--data", missing), f"error: {missing}:")


def test_unreadable_file_names_the_file(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads any file")
    path = tmp_path / "secret.csv"
    path.write_text("Ann,Bob\n", encoding="utf-8")
    path.chmod(0)
    assert_one_line_error(cli("roles", path), f"error: {path}: Permission denied")


def test_deeply_nested_answers_are_one_line(tmp_path, bundle_file):
    for name in ("deep.json", "deep.yaml"):
        path = tmp_path / name
        path.write_text("[" * 100_000, encoding="utf-8")
        assert_one_line_error(cli("diagnose", path, "--data", bundle_file), name, "nested too deeply")
