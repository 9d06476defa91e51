"""Real network files, as the tools practitioners use export them, read with the right people, ties, direction and weights.

The files are described in ``tests/network/corpus/corpus.json`` (source repository and
commit, licence, sha256, and the counts each file holds, made by hand with xml.etree and
csv and cross-checked against networkx's readers where they can read the file) and
``SOURCES.md``. The files themselves are not committed: the project keeps data taken
from other repositories out of its own commits (see ``tests/network/corpus/README.md``).
They are read from ``../shared/corpus/network/`` beside the repository when it is there,
else from ``tests/network/corpus/``; without them these tests are skipped with that
reason, and ``test_readers.py`` covers the same shapes with files written here.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from innovation_toolkit.errors import InputError
from innovation_toolkit.network import limits
from innovation_toolkit.network.build import build_graph
from innovation_toolkit.network.parse import parse_ties

HERE = Path(__file__).parent / "corpus"
MANIFEST = json.loads((HERE / "corpus.json").read_text(encoding="utf-8"))
PLACES = (Path(__file__).resolve().parents[3] / "shared" / "corpus" / "network", HERE)


def locate(entry: dict) -> Path:
    for place in PLACES:
        path = place / entry["file"]
        if path.is_file():
            return path
    pytest.skip(f"{entry['file']} is not here: download it from {entry['source']['url']} (see tests/network/corpus/README.md)")


def read(entry: dict):
    path = locate(entry)
    data = path.read_bytes()
    assert hashlib.sha256(data).hexdigest() == entry["sha256"], f"{entry['file']} differs from the published file"
    with limits.scale(limits.COMMAND_LINE):
        return parse_ties(data, filename=path.name)


READ = [e for e in MANIFEST if not e.get("expected_error_contains")]
REFUSED = [e for e in MANIFEST if e.get("expected_error_contains")]


@pytest.mark.parametrize("entry", READ, ids=[e["file"] for e in READ])
def test_published_file_is_read_right(entry):
    parsed = read(entry)
    assert parsed.info["encoding"] == entry["encoding"]
    if entry.get("two_mode"):
        two_mode = parsed.info["two_mode"]
        if two_mode["evidence"] == "pattern":  # a bare edge list: read as it stands, with a note; as two-mode on request
            assert any(n.kind == "two-mode" for n in parsed.notes)
            parsed = parse_ties(locate(entry).read_bytes(), mode="two-mode")
            two_mode = parsed.info["two_mode"]
        assert two_mode["projected"] and two_mode["people"] == entry["people"] and two_mode["events"] == entry["events"]
        assert len(parsed.names) == entry["people"]
        assert set(entry["sample_people"]) <= set(parsed.names)
        return
    declared = entry["directed"]
    assert parsed.directed == declared or (declared is None and parsed.directed in (None, False)), parsed.directed
    graph, _ = build_graph(parsed.names, parsed.ties, directed=bool(parsed.directed))
    assert graph.number_of_nodes() == entry["people"]
    assert graph.number_of_edges() == entry["ties"]
    weights = {data["weight"] for _, _, data in graph.edges(data=True)}
    assert (weights != {1.0}) == entry["weighted"], weights
    assert set(entry["sample_people"]) <= set(graph)
    for source, target, weight in entry["sample_ties"]:
        assert graph.has_edge(source, target), (source, target)
        if isinstance(weight, (int, float)):
            assert graph[source][target]["weight"] == pytest.approx(weight)


@pytest.mark.parametrize("entry", REFUSED, ids=[e["file"] for e in REFUSED])
def test_published_file_in_a_format_not_read_is_named(entry):
    with pytest.raises(InputError) as caught:
        read(entry)
    message = str(caught.value)
    assert entry["expected_error_contains"] in message and "\n" not in message


def test_manifest_records_source_licence_and_checksum_for_every_file():
    for entry in MANIFEST:
        assert entry["source"]["url"].startswith("https://") and len(entry["source"].get("commit") or "x" * 40) == 40
        assert entry["licence"] and entry["checked_by"] and len(entry["sha256"]) == 64
