"""The `innovation-toolkit roles` command."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from innovation_toolkit.cli import main
from innovation_toolkit.network import limits, networkit_engine

from .helpers import edge_text, kite_text
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
    assert "Key connectors in all networks: " in out  # who, is the role rule's business (tests/network/test_roles*)
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
        "weights.csv": "Source,Target,Weight\nAnn,Bob,1\nBob,Cy,x\n",
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
        handle.truncate(250_000_000)  # sparse 250 MB file, over the command line's 200 million characters
    assert main(["roles", str(path)]) == 2
    err = capsys.readouterr().err
    assert "too large (250.0 MB; the limit is 200 MB)" in err and "100,000 people and 1,000,000 ties" in err


def test_command_line_uses_its_own_limits(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(limits.MAX_PEOPLE_BY_SCALE, limits.BROWSER, 10)
    path = write(tmp_path, "path.csv", edge_text(nx.path_graph(12)))
    assert main(["roles", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["summary"]["people"] == 12 and result["limits"]["scale"] == "command-line"
    assert result["limits"]["max_people"] == limits.MAX_PEOPLE_BY_SCALE[limits.COMMAND_LINE]


def test_exact_flag_gives_exact_values_above_the_budget(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(limits.EXACT_WORK_BUDGET_BY_SCALE, limits.COMMAND_LINE, 10_000)
    monkeypatch.setitem(limits.SAMPLE_WORK_BUDGET_BY_SCALE, limits.COMMAND_LINE, 50_000)
    graph = nx.relabel_nodes(nx.powerlaw_cluster_graph(200, 3, 0.3, seed=3), str)
    path = write(tmp_path, "net.csv", edge_text(graph))
    assert main(["roles", str(path), "--json"]) == 0
    estimated = json.loads(capsys.readouterr().out)
    assert estimated["accuracy"]["exact"] is False and estimated["accuracy"]["agreement"]
    assert main(["roles", str(path), "--json", "--exact"]) == 0
    exact = json.loads(capsys.readouterr().out)
    assert exact["accuracy"]["exact"] is True
    expected = nx.betweenness_centrality(graph)
    for row in exact["people"]:
        assert row["measures"]["betweenness"] == pytest.approx(expected[row["name"]], abs=1e-6)
    assert main(["roles", str(path)]) == 0
    report = capsys.readouterr().out
    assert estimated["accuracy"]["sentence"] in report


def test_direction_flags(tmp_path, capsys):
    path = write(tmp_path, "kite.csv", kite_text())
    assert main(["roles", str(path), "--directed", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["summary"]["directed"] is True
    assert main(["roles", str(path), "--undirected", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["summary"]["directed"] is False
    assert main(["roles", str(path), "--directed", "--undirected"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert captured.err.startswith("error: --directed and --undirected cannot be used together")


def test_ignore_weights_and_the_report_sentences(tmp_path, capsys):
    path = write(tmp_path, "weighted.csv", "Source,Target,Weight\nAnn,Bob,3\nBob,Cy,1\nCy,Dee,2\nBob,Dee,1\n")
    assert main(["roles", str(path), "--json"]) == 0
    weighted = json.loads(capsys.readouterr().out)
    assert main(["roles", str(path), "--json", "--ignore-weights"]) == 0
    ignored = json.loads(capsys.readouterr().out)
    assert weighted["input"]["weights"]["used"] is True and ignored["input"]["weights"]["used"] is False
    assert main(["roles", str(path)]) == 0
    report = capsys.readouterr().out
    for sentence in (weighted["accuracy"]["sentence"], weighted["input"]["direction"]["sentence"], weighted["input"]["weights"]["sentence"]):
        assert sentence in report
    for role in ("hub", "gatekeeper", "pulsetaker"):
        statement = weighted["roles"][role].get("statement")
        if statement:
            assert statement in report


def test_report_counts_agree_with_their_nouns(tmp_path, capsys):
    assert main(["roles", str(write(tmp_path, "pair.csv", "Ann,Bob\n"))]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2 people, 1 tie (undirected)") and "1 connected group," in out
    assert not re.search(r"\b1 (people|ties|connected groups|key connectors)\b", out)
    assert not re.search(r"\b(?<![.,])\d{4,}\b", out)  # thousands separators everywhere
    graph = nx.relabel_nodes(nx.path_graph(1200), lambda n: f"p{n}")
    assert main(["roles", str(write(tmp_path, "long.csv", edge_text(graph)))]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1,200 people, 1,199 ties")


def test_engine_flag(tmp_path, capsys, monkeypatch):
    path = write(tmp_path, "kite.csv", kite_text())
    if networkit_engine.available():
        assert main(["roles", str(path), "--json", "--engine", "networkit"]) == 0
        result = json.loads(capsys.readouterr().out)
        assert result["accuracy"]["engine"] == "networkit" and result["roles"]["hub"]["people"] == ["Diane"]
    monkeypatch.setitem(sys.modules, "networkit", None)
    assert main(["roles", str(path), "--engine", "networkit"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "innovation-toolkit[large]" in err


def test_installed_entry_point_runs(tmp_path):
    path = write(tmp_path, "kite.csv", kite_text())
    script = Path(sys.executable).with_name("innovation-toolkit")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "innovation_toolkit.cli"]
    done = subprocess.run([*command, "roles", str(path), "--json"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["roles"]["hub"]["people"] == ["Diane"]
    bad = subprocess.run([*command, "roles", str(write(tmp_path, "bad.csv", "x\n"))], capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and bad.stderr.startswith("error: line 1:") and "Traceback" not in bad.stderr
