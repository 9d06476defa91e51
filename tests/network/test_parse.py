"""Every input format, including what spreadsheets really export."""

from __future__ import annotations

import networkx as nx
import pytest

from innovation_toolkit.errors import InputError
from innovation_toolkit.network import analyse
from innovation_toolkit.network.parse import detect_format, parse_people, parse_ties

from .helpers import person


def pairs(text, **kwargs):
    return [(t.source, t.target) for t in parse_ties(text, **kwargs).ties]


def test_plain_csv_without_header():
    parsed = parse_ties("Ann,Bob\nBob,Cy\n")
    assert [(t.source, t.target, t.weight) for t in parsed.ties] == [("Ann", "Bob", 1.0), ("Bob", "Cy", 1.0)]
    assert parsed.info["header"] is False and parsed.info["delimiter"] == "comma"


def test_kumu_from_to_header_ignores_extra_columns():
    parsed = parse_ties("From,To,Type,Strength,Tags\nAnn,Bob,work,3,x\nBob,Cy,work,,y\n")
    assert [(t.source, t.target, t.weight, t.network) for t in parsed.ties] == [("Ann", "Bob", 3.0, "work"), ("Bob", "Cy", 1.0, "work")]
    kinds = {note.kind for note in parsed.notes}
    assert {"empty-weight", "columns"} <= kinds
    assert parsed.info["columns"]["weight"] == {"column": 4, "header": "Strength"}


def test_gephi_source_target_weight_with_direction_type_column():
    text = "Source,Target,Type,Id,Label,Weight\nAnn,Bob,Directed,0,,2.5\nBob,Cy,Directed,1,,1\n"
    parsed = parse_ties(text)
    assert [(t.source, t.target, t.weight, t.network) for t in parsed.ties] == [("Ann", "Bob", 2.5, None), ("Bob", "Cy", 1.0, None)]
    assert parsed.directed is True
    result = analyse(text)
    assert result["summary"]["directed"] is True
    assert result["input"]["direction"]["sentence"] == "Ties are read as directed because the file declares them directed."


def test_tsv_and_whitespace_and_semicolon_detection():
    assert detect_format("Ann\tBob\n") == "tsv"
    assert detect_format("Ann Bob\nBob Cy\n") == "whitespace"
    assert detect_format("Ann;Bob\n") == "semicolon"
    assert detect_format("a,b", filename="x.tsv") == "tsv"
    assert pairs("Ann Smith\tBob Jones\n") == [("Ann Smith", "Bob Jones")]
    assert pairs('"Ann Smith"   "Bob Jones"\nBob Cy\n') == [("Ann Smith", "Bob Jones"), ("Bob", "Cy")]


def test_semicolon_export_with_commas_in_names_and_decimal_comma_weights():
    text = "Source;Target;Weight\r\nSmith, Ann;Jones, Bob;1,5\r\nJones, Bob;Lee, Cy;2\r\n"
    parsed = parse_ties(text)
    assert [(t.source, t.target, t.weight) for t in parsed.ties] == [("Smith, Ann", "Jones, Bob", 1.5), ("Jones, Bob", "Lee, Cy", 2.0)]


def test_spreadsheet_csv_export_bom_crlf_quotes_and_trailing_columns():
    text = '\ufeffFrom,To\r\n"Smith, Ann","Jones, Bob"\r\n"Jones, Bob",Cy ,,\r\n,,\r\n'
    assert pairs(text) == [("Smith, Ann", "Jones, Bob"), ("Jones, Bob", "Cy")]


def test_bytes_in_utf8_with_bom_and_utf16():
    assert pairs("\ufeffAnn,Bob\n".encode("utf-8")) == [("Ann", "Bob")]
    assert pairs("Zoë,Bob\r\n".encode("utf-16")) == [("Zoë", "Bob")]


def test_comments_and_blank_lines_skipped_and_line_numbers_kept():
    parsed = parse_ties("# my network\n\nAnn,Bob\nBob,Cy,x2,\n", fmt="csv")
    assert [t.where for t in parsed.ties] == ["line 3", "line 4"]
    assert any(note.kind == "columns" and note.where == ["line 4"] for note in parsed.notes)
    with pytest.raises(InputError, match=r"^line 5, column 3: weight 'heavy' is not a number"):
        parse_ties("# my network\n\nSource,Target,Weight\nAnn,Bob,1\nBob,Cy,heavy\n")


def test_headerless_third_column_numeric_is_weight_else_network():
    parsed = parse_ties("Ann,Bob,2\nBob,Cy,3\n")
    assert [t.weight for t in parsed.ties] == [2.0, 3.0] and parsed.ties[0].network is None
    parsed = parse_ties("Ann,Bob,work\nBob,Cy,social\n")
    assert [t.network for t in parsed.ties] == ["work", "social"]
    with pytest.raises(InputError, match=r"^line 2, column 3: weight 'strong' is not a number"):
        parse_ties("Ann,Bob,2\nBob,Cy,strong\n")


def test_weights_zero_negative_and_infinite():
    parsed = parse_ties("Source,Target,Weight\nAnn,Bob,0\nBob,Cy,1\n")
    assert pairs("Source,Target,Weight\nAnn,Bob,0\nBob,Cy,1\n") == [("Bob", "Cy")]
    assert any(note.kind == "zero-weight" and note.where == ["line 2"] for note in parsed.notes)
    # A negative weight (a signed network's dislike or conflict) is not a tie: left out, with a note.
    parsed = parse_ties("Source,Target,Weight\nAnn,Bob,-1\nBob,Cy,2\n")
    assert [(t.source, t.target) for t in parsed.ties] == [("Bob", "Cy")] and parsed.names == ["Ann", "Bob", "Cy"]
    assert any(note.kind == "negative-weight" and note.where == ["line 2"] for note in parsed.notes)
    with pytest.raises(InputError, match="not a finite number"):
        parse_ties("Source,Target,Weight\nAnn,Bob,inf\n")


def test_row_naming_nobody_keeps_the_person():
    result = analyse("respondent,named person\nAnn,Bob\nBob,Cy\nDee,\n")
    assert result["summary"]["people"] == 4 and result["summary"]["isolates"] == 1
    assert any(note["kind"] == "no-ties" and note["where"] == ["line 4"] for note in result["notes"])


def test_first_line_that_looks_like_an_unrecognised_header_is_reported():
    parsed = parse_ties("Alpha,Beta\nAnn,Bob\nBob,Cy\nCy,Ann\n")
    assert any(note.kind == "header" and note.where == ["line 1"] for note in parsed.notes)
    assert parse_ties("Person A,Person B\nAnn,Bob\n").info["header"] is True


SURVEY = """respondent,named person,network
Ann,Bob,work
Ann,Cy,work
Bob,Ann,work
Cy,Dee,work
Ann,Bob,innovation
Bob,Cy,innovation
Cy,Ann,innovation
Dee,Ann,innovation
Ann,Dee,expert knowledge
Bob,Ann,expert knowledge
Ann,Ann,expert knowledge
Eve,Ann,expert knowledge
"""


def test_directed_survey_file_with_three_networks():
    parsed = parse_ties(SURVEY)
    assert [t.network for t in parsed.ties][:5] == ["work"] * 4 + ["innovation"]
    result = analyse(SURVEY, direction="directed")
    assert result["networks"]["names"] == ["work", "innovation", "expert knowledge"]
    assert result["networks"]["analysed"] == "all combined"
    per = {layer["name"]: layer for layer in result["networks"]["per_network"]}
    assert per["work"]["ties"] == 4 and per["innovation"]["ties"] == 4 and per["expert knowledge"]["ties"] == 3
    assert all(layer["people"] == 5 for layer in per.values())
    # In the work network everyone is named once, so nobody stands out as a hub; Ann is
    # named most in the other two.
    assert per["work"]["roles"]["hub"] == []
    assert per["innovation"]["roles"]["hub"] == ["Ann"]
    assert per["expert knowledge"]["roles"]["hub"] == ["Ann"]
    assert result["networks"]["core"]["all"] == []
    assert result["networks"]["core"]["most"] == ["Ann"]
    assert result["networks"]["core"]["most_threshold"] == 2
    assert person(result, "Ann")["key_in_networks"] == ["innovation", "expert knowledge"]
    assert any(note["kind"] == "self-tie" and "expert knowledge" in note["message"] for note in result["notes"])
    # the combined network merges the Ann→Bob nomination made in two networks, without a duplicate note
    assert not any(note["kind"] == "duplicate" for note in result["notes"])
    assert result["summary"]["ties"] == 9


def test_one_network_can_be_chosen():
    result = analyse(SURVEY, direction="directed", network="innovation")
    assert result["summary"]["ties"] == 4
    assert result["networks"]["analysed"] == "innovation"
    assert result["networks"]["per_network"] == []
    with pytest.raises(InputError, match="network 'social' not found; the file has: 'work', 'innovation', 'expert knowledge'"):
        analyse(SURVEY, direction="directed", network="social")


def graphml_text(directed=False):
    graph = nx.DiGraph() if directed else nx.Graph()
    graph.add_node("n0", label="Ann", sector="council")
    graph.add_node("n1", label="Bob", sector="school")
    graph.add_node("n2", label="Cy", sector="school")
    graph.add_node("n3", label="Dee", sector="voluntary")
    graph.add_edge("n0", "n1", weight=2.0)
    graph.add_edge("n1", "n2", weight=1.0)
    graph.add_edge("n2", "n0", weight=1.0)
    return graph


def test_graphml_with_labels_attributes_and_weights():
    text = "\n".join(nx.generate_graphml(graphml_text()))
    result = analyse(text)
    assert result["input"]["format"] == "graphml"
    assert sorted(p["name"] for p in result["people"]) == ["Ann", "Bob", "Cy", "Dee"]
    assert person(result, "Ann")["attributes"] == {"sector": "council"}
    assert person(result, "Ann")["measures"]["strength"] == 3.0
    assert result["groups"][0]["attribute"] == "sector"
    assert [row["group"] for row in result["groups"][0]["groups"]] == ["school", "council", "voluntary"]


def test_directed_graphml_is_analysed_as_directed():
    text = "\n".join(nx.generate_graphml(graphml_text(directed=True)))
    assert analyse(text)["summary"]["directed"] is True


def test_graphml_parallel_edges_are_reported_as_duplicates():
    text = """<?xml version="1.0"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<graph edgedefault="undirected">
<node id="a"/><node id="b"/><node id="c"/>
<edge source="a" target="b"/><edge source="a" target="b"/><edge source="b" target="c"/>
</graph></graphml>"""
    result = analyse(text)
    assert result["summary"]["ties"] == 2
    assert any(note["kind"] == "duplicate" for note in result["notes"])


def test_gexf():
    text = "\n".join(nx.generate_gexf(graphml_text()))
    result = analyse(text)
    assert result["input"]["format"] == "gexf"
    assert result["summary"]["ties"] == 3
    assert person(result, "Bob")["attributes"] == {"sector": "school"}


def test_people_table():
    attributes, order, notes = parse_people(
        '\ufeffName;Organisation;Sector\r\nAnn;"Council; Education";council\r\nBob;School A;school\r\nAnn;X;y\r\n'
    )
    assert order == ["Ann", "Bob"]
    assert attributes["Ann"] == {"Organisation": "Council; Education", "Sector": "council"}
    assert notes[0].where == ["line 4"]
    with pytest.raises(InputError, match="line 3, column 1: the name"):
        parse_people("name,sector\nAnn,x\n,y\n")


def test_people_table_adds_people_without_ties_and_reports_missing_ones():
    result = analyse("Ann,Bob\nBob,Cy\n", people="name,sector\nAnn,council\nBob,council\nZed,voluntary\n")
    assert result["summary"]["people"] == 4 and result["summary"]["isolates"] == 1
    messages = " ".join(note["message"] for note in result["notes"] if note["kind"] == "people-table")
    assert "has no ties: counted among the people, with no role" in messages and "missing from the people table" in messages
    assert person(result, "Cy")["attributes"] == {}


def test_self_ties_duplicates_reversals_and_near_duplicate_names_are_reported():
    result = analyse("Ann,Bob\nAnn,Ann\nAnn,Bob\nBob,Ann\nann ,Cy\nANN,Cy\n")
    notes = {note["kind"]: note for note in result["notes"]}
    assert notes["self-tie"]["where"] == ["line 2"]
    assert notes["duplicate"]["where"] == ["line 3"]
    assert notes["reversed-duplicate"]["where"] == ["line 4"]
    assert notes["near-duplicate"]["count"] == 1 and "'Ann' / 'ann' / 'ANN'" in notes["near-duplicate"]["where"][0]
    assert result["summary"]["ties"] == 3  # Ann–Bob, ann–Cy, ANN–Cy


def test_directed_duplicates_differ_from_reciprocal_nominations():
    result = analyse("Ann,Bob\nBob,Ann\nAnn,Bob\n", direction="directed")
    assert result["summary"]["ties"] == 2 and result["summary"]["reciprocity"] == 1.0
    assert [note["kind"] for note in result["notes"]] == ["duplicate"]


def test_duplicate_ties_keep_the_largest_weight():
    result = analyse("Source,Target,Weight\nAnn,Bob,2\nAnn,Bob,5\nBob,Cy,1\n")
    assert person(result, "Ann")["measures"]["strength"] == 5.0
