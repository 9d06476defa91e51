"""The `innovation-toolkit roles` command."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import networkx as nx

from calculators.cli import main

from .helpers import kite_text
from .test_parse import SURVEY


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


def test_readable_report(tmp_path, capsys):
    assert main(["roles", str(write(tmp_path, "kite.csv", kite_text()))]) == 0
    out = capsys.readouterr().out
    assert "10 people, 18 ties (undirected)" in out
    assert "  Diane: hub" in out and "  Heather: gatekeeper" in out
    assert "Heather is the single person whose departure splits the network most" in out


def test_json_output(tmp_path, capsys):
    assert main(["roles", str(write(tmp_path, "kite.csv", kite_text())), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert {"summary", "people", "roles", "groups", "networks", "resilience", "notes", "limits"} <= set(result)
    diane = next(p for p in result["people"] if p["name"] == "Diane")
    assert diane["roles"] == ["hub"]


def test_survey_with_people_table_directed_and_network(tmp_path, capsys):
    edges = write(tmp_path, "survey.csv", SURVEY)
    people = write(tmp_path, "people.csv", "name,sector\nAnn,council\nBob,school\nCy,school\nDee,voluntary\nEve,voluntary\n")
    assert main(["roles", str(edges), "--people", str(people), "--directed"]) == 0
    out = capsys.readouterr().out
    assert "Networks (3; main results combine them)" in out
    assert "Key connectors in all networks: Ann" in out
    assert "Groups by sector:" in out
    assert main(["roles", str(edges), "--directed", "--network", "work", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["summary"]["ties"] == 4


def test_graphml_file(tmp_path, capsys):
    path = write(tmp_path, "net.graphml", "\n".join(nx.generate_graphml(nx.florentine_families_graph())))
    assert main(["roles", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["people"][0]["name"] == "Medici"


def test_bad_input_exit_2_one_line(tmp_path, capsys):
    cases = {
        "empty.csv": "",
        "one.csv": "Ann\nBob\n",
        "junk.bin": bytes(range(256)),
        "weights.csv": "Source,Target,Weight\nAnn,Bob,x\n",
        "none.graphml": "\n".join(nx.generate_graphml(nx.empty_graph(2))),
    }
    for name, text in cases.items():
        assert main(["roles", str(write(tmp_path, name, text))]) == 2, name
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err.startswith("error: ") and captured.err.count("\n") == 1, captured.err
    assert main(["roles", str(tmp_path / "missing.csv")]) == 2
    assert "missing.csv" in capsys.readouterr().err


def test_big_file_refused_before_reading(tmp_path, capsys):
    path = tmp_path / "big.csv"
    with path.open("wb") as handle:
        handle.truncate(60_000_000)  # sparse 60 MB file
    assert main(["roles", str(path)]) == 2
    assert "too large (60.0 MB" in capsys.readouterr().err


def test_installed_entry_point_runs(tmp_path):
    path = write(tmp_path, "kite.csv", kite_text())
    script = Path(sys.executable).with_name("innovation-toolkit")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "calculators.cli"]
    done = subprocess.run([*command, "roles", str(path), "--json"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["roles"]["hub"]["people"] == ["Diane"]
    bad = subprocess.run([*command, "roles", str(write(tmp_path, "bad.csv", "x\n"))], capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and bad.stderr.startswith("error: line 1:") and "Traceback" not in bad.stderr
