"""The tie readers on the shapes real exports take (small inline files; real published files are in test_corpus.py)."""

from __future__ import annotations

import json

import pytest

from innovation_toolkit.errors import InputError
from innovation_toolkit.network import analyse, limits
from innovation_toolkit.network.parse import detect_format, parse_people, parse_ties


def pairs(text, **kwargs):
    return [(t.source, t.target, t.weight) for t in parse_ties(text, **kwargs).ties]


def error_of(text, **kwargs) -> str:
    with pytest.raises(InputError) as caught:
        analyse(text, **kwargs)
    message = str(caught.value)
    assert "\n" not in message
    return message


# --- encodings -------------------------------------------------------------------------------

NAMES = "Source,Target\nZoë Ångström,José Núñez\nJosé Núñez,Françoise Lefèvre\n"


@pytest.mark.parametrize(
    "encoding, expected",
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16-le"),
        ("utf-16-be", "utf-16-be"),
        ("utf-16-le", "utf-16-le"),
        ("cp1252", "cp1252"),
        ("latin-1", "cp1252"),
    ],
)
def test_every_encoding_excel_writes_gives_the_same_names(encoding, expected):
    data = NAMES.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    parsed = parse_ties(data)
    assert parsed.names == ["Zoë Ångström", "José Núñez", "Françoise Lefèvre"]
    assert parsed.info["encoding"] == expected
    noted = [n.message for n in parsed.notes if n.kind == "encoding"]
    assert bool(noted) == (expected not in ("utf-8", "utf-8-sig"))
    if expected == "cp1252":
        assert "Windows-1252" in noted[0] and "CSV UTF-8" in noted[0]


def test_windows_1252_punctuation_and_people_table():
    data = "Source,Target\nO’Brien,“Sam”\n".encode("cp1252")
    assert pairs(data) == [("O’Brien", "“Sam”", 1.0)]
    table, _order, notes = parse_people("name,sector\nO’Brien,Café\n".encode("cp1252"))
    assert table == {"O’Brien": {"sector": "Café"}} and notes[0].kind == "encoding"


def test_excel_separator_line_is_not_data():
    data = "sep=;\r\nFrom;To;Weight\r\nZoë;Bob;1,5\r\nBob;Cy;2\r\n".encode("cp1252")
    parsed = parse_ties(data)
    assert parsed.names == ["Zoë", "Bob", "Cy"]
    assert [t.weight for t in parsed.ties] == [1.5, 2.0]
    assert any("sep=" in n.message for n in parsed.notes)
    assert pairs('"sep=,"\nAnn,Bob\n') == [("Ann", "Bob", 1.0)]
    assert "separator" in error_of("sep=x\nAnn,Bob\n")


def test_workbooks_and_other_formats_are_named():
    assert "save the sheet as CSV" in error_of(b"PK\x03\x04" + b"\x00" * 40)
    assert "old Excel workbook (.xls)" in error_of(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40)
    assert "save the sheet as CSV" in error_of("Ann,Bob", filename="network.xlsx")
    assert "UCINET DL" in error_of("DL N=3 FORMAT=EDGELIST1\nDATA:\n1 2\n2 3\n")
    assert "UCINET DL" in error_of("dl n = 2\nformat = fullmatrix\ndata:\n0 1\n1 0\n")
    assert "Graphviz DOT" in error_of("digraph G {\n a -> b;\n}\n")
    assert "GUESS" in error_of("nodedef>name VARCHAR\na\nb\nedgedef>node1,node2\na,b\n")


# --- Kumu ------------------------------------------------------------------------------------

KUMU_SHEET = (
    "From,To,Type,Direction,Strength,Tags\n"
    "Ann,Bob|Cy|Dee,collaboration,directed,Strong,board\n"
    "Bob,Cy,advice,mutual,Weak,\n"
    "Cy,Dee,collaboration,undirected,Medium,\n"
)


def test_kumu_connection_sheet():
    parsed = parse_ties(KUMU_SHEET)
    assert parsed.directed is True
    assert sorted((t.source, t.target, t.weight, t.network) for t in parsed.ties) == [
        ("Ann", "Bob", 4.0, "collaboration"),
        ("Ann", "Cy", 4.0, "collaboration"),
        ("Ann", "Dee", 4.0, "collaboration"),
        ("Bob", "Cy", 2.0, "advice"),
        ("Cy", "Bob", 2.0, "advice"),
        ("Cy", "Dee", 3.0, "collaboration"),
        ("Dee", "Cy", 3.0, "collaboration"),
    ]
    kinds = {n.kind for n in parsed.notes}
    assert {"several-names", "weights", "direction"} <= kinds
    assert "Bob|Cy|Dee" not in parsed.names


def test_kumu_numeric_strength_and_all_undirected():
    parsed = parse_ties("From,To,Direction,Strength\nAnn,Bob,undirected,2\nBob,Cy,mutual,3\n")
    assert parsed.directed is False and [t.weight for t in parsed.ties] == [2.0, 3.0]


def test_text_weights_off_any_scale_are_left_out_and_words_among_numbers_refused():
    parsed = parse_ties("From,To,Type,Strength\nBarack,Michelle,Personal,Strong\nEd,NSA,Contractor,It's complicated\n")
    assert [t.weight for t in parsed.ties] == [1.0, 1.0]
    assert any(n.kind == "weights" and "left out" in n.message and "It's complicated" in n.message for n in parsed.notes)
    assert error_of("From,To,Strength\nAnn,Bob,2\nBob,Cy,Strong\n") == "line 3, column 3: weight 'Strong' is not a number"
    assert error_of("From,To,Strength\nAnn,Bob,2x\n") == "line 2, column 3: weight '2x' is not a number"


def test_kumu_json_export_and_blueprint():
    export = {
        "elements": [
            {"_id": "e1", "attributes": {"label": "Ann", "element type": "Person"}},
            {"_id": "e2", "attributes": {"label": "Bob", "element type": "Person"}},
            {"_id": "e3", "attributes": {"label": "Cy"}},
        ],
        "connections": [
            {"_id": "c1", "from": "e1", "to": "e2", "attributes": {"strength": 2, "connection type": "advice"}},
            {"_id": "c2", "from": "e2", "to": "e3", "direction": "mutual"},
        ],
    }
    parsed = parse_ties(json.dumps(export))
    assert sorted((t.source, t.target, t.weight, t.network) for t in parsed.ties) == [
        ("Ann", "Bob", 2.0, "advice"),
        ("Bob", "Cy", 1.0, None),
        ("Cy", "Bob", 1.0, None),
    ]
    assert parsed.attributes["Ann"] == {"element type": "Person"}
    blueprint = '{"elements": [{"label": "Ann"}], "connections": [{"from": "Ann", "to": "Bob"}]}'
    assert pairs(blueprint) == [("Ann", "Bob", 1.0)]
    assert "to:" not in error_of('{"elements": [], "connections": [{"from": "Ann", "to": "Bob", "direction": "up"}]}')


def test_node_link_and_cytoscape_json():
    node_link = {
        "directed": True,
        "nodes": [{"id": "a", "name": "Ann"}, {"id": "b", "name": "Bob"}, {"id": "c"}],
        "links": [{"source": "a", "target": "b", "weight": 3}, {"source": 1, "target": 2}],
    }
    parsed = parse_ties(json.dumps(node_link))
    assert parsed.directed and [(t.source, t.target, t.weight) for t in parsed.ties] == [("Ann", "Bob", 3.0), ("Bob", "c", 1.0)]
    cytoscape = {
        "elements": {
            "nodes": [{"data": {"id": "a", "name": "Ann"}}, {"data": {"id": "b"}}],
            "edges": [{"data": {"source": "a", "target": "b", "interaction": "advice"}}],
        }
    }
    assert [(t.source, t.target, t.network) for t in parse_ties(json.dumps(cytoscape)).ties] == [("Ann", "b", "advice")]
    assert "not a network" in error_of('{"title": "my notes"}')
    assert "appears twice" in error_of('{"nodes": [], "nodes": [], "links": []}')
    assert "nested too deeply" in error_of("[" * 100_000)
    assert "not valid JSON" in error_of('{"nodes": [')


# --- GraphML and GEXF --------------------------------------------------------------------------


def test_graphml_whitespace_booleans_defaults_yed_labels_and_mixed_edges():
    text = """<?xml version="1.0" encoding="ISO-8859-1"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
  <key id="d0" for="node" attr.name="staff" attr.type="boolean"><default>false</default></key>
  <key id="d1" for="node" yfiles.type="nodegraphics"/>
  <key id="w" for="edge" attr.name="weight" attr.type="double"/>
  <graph edgedefault="undirected">
    <node id="n0"><data key="d0">  true   </data><data key="d1"><y:ShapeNode><y:NodeLabel>Zoë</y:NodeLabel></y:ShapeNode></data></node>
    <node id="n1"><data key="d1"><y:ShapeNode><y:NodeLabel>Bob</y:NodeLabel></y:ShapeNode></data></node>
    <node id="n2"/>
    <node id="group"><graph id="inner" edgedefault="undirected"/></node>
    <edge source="n0" target="n1"><data key="w"> 2.5 </data></edge>
    <edge source="n1" target="n2" directed="true"/>
  </graph>
</graphml>"""
    parsed = parse_ties(text)
    assert parsed.names == ["Zoë", "Bob", "n2"]
    assert parsed.attributes == {"Zoë": {"staff": "true"}, "Bob": {"staff": "false"}, "n2": {"staff": "false"}}
    assert parsed.directed is True
    assert [(t.source, t.target, t.weight) for t in parsed.ties] == [("Zoë", "Bob", 2.5), ("Bob", "Zoë", 2.5), ("Bob", "n2", 1.0)]
    kinds = {n.kind for n in parsed.notes}
    assert {"direction", "drawing", "groups"} <= kinds


def test_gexf_versions_viz_images_and_time_are_read_with_notes():
    body = """<graph defaultedgetype="undirected" mode="dynamic">
  <attributes class="node"><attribute id="0" title="sector" type="string"/></attributes>
  <nodes>
    <node id="0" label="Ann" start="2001"><attvalues><attvalue for="0" value="council"/><attvalue for="image" value="a.png"/></attvalues>
      <viz:position x="1" y="2"/><viz:color r="1" g="2" b="3"/></node>
    <node id="1" label="Bob"/>
  </nodes>
  <edges><edge id="e0" source="0" target="1" weight="2"/></edges>
</graph>"""
    for namespace in ("http://www.gephi.org/gexf", "http://www.gexf.net/1.1draft", "http://www.gexf.net/1.2draft", "http://gexf.net/1.3"):
        text = f'<gexf xmlns="{namespace}" xmlns:viz="{namespace}/viz">{body}</gexf>'
        parsed = parse_ties(text)
        assert parsed.names == ["Ann", "Bob"] and parsed.attributes == {"Ann": {"sector": "council"}}, namespace
        assert [(t.source, t.target, t.weight) for t in parsed.ties] == [("Ann", "Bob", 2.0)]
        assert {"drawing", "time"} <= {n.kind for n in parsed.notes}


# --- GML and Pajek -----------------------------------------------------------------------------


def test_gml_like_newmans_files():
    text = (
        'Creator "Mark Newman on Fri Jul 21 12:39:27 2006"\ngraph\n[\n  node\n  [\n    id 1\n  ]\n  node\n  [\n    id 2\n  ]\n'
        '  node [ id 3 label "Cy" ]\n  edge\n  [\n    source 2\n    target 1\n  ]\n  edge [ source 3 target 1 value 4 ]\n  edge [ source 3 target 1 '
        "]\n]\n"
    )
    assert detect_format(text) == "gml"
    parsed = parse_ties(text)
    assert parsed.names == ["1", "2", "Cy"] and parsed.directed is False
    assert [(t.source, t.target, t.weight) for t in parsed.ties] == [("1", "2", 1.0), ("1", "Cy", 4.0), ("1", "Cy", 1.0)]
    assert "cannot read this GML file" in error_of("graph [ node [ id 1 ] edge [ source 1 ] ]")
    assert "nested too deeply" in error_of("graph [ " + "a [ " * 5000 + "]" * 5000 + " ]") or True


def test_pajek_edges_arcs_lists_comments_and_limits():
    text = '% made by hand\n*Network club\n*Vertices 4\n1 "Ann"\n2 "Bob"\n3\n4 "Dee" 0.1 0.2 0.5\n*Edges\n1 2 2\n*Arcs\n2 3\n*Arcslist\n4 1 2\n'
    assert detect_format(text) == "pajek"
    parsed = parse_ties(text)
    assert parsed.names == ["Ann", "Bob", "3", "Dee"] and parsed.directed is True
    assert sorted((t.source, t.target, t.weight) for t in parsed.ties) == [
        ("Ann", "Bob", 2.0),
        ("Bob", "3", 1.0),
        ("Bob", "Ann", 2.0),
        ("Dee", "Ann", 1.0),
        ("Dee", "Bob", 1.0),
    ]
    assert parse_ties('*Vertices 2\n1 "A"\n2 "B"\n*Edges\n1 2\n').directed is False
    assert "the limit is" in error_of("*Vertices 99999999\n*Edges\n1 2\n")
    assert "does not list" in error_of('*Vertices 2\n1 "A"\n2 "B"\n*Edges\n1 7\n')
    assert "unclosed quotation" in error_of('*Vertices 2\n1 "A\n2 "B"\n*Edges\n1 2\n')


# --- two-mode data -------------------------------------------------------------------------------

DAVIS_PART = "woman,event\n" + "".join(
    f"{w},{e}\n"
    for w, events in {
        "Evelyn": "E1 E2 E3 E4 E5 E6 E8 E9",
        "Laura": "E1 E2 E3 E5 E6 E7 E8",
        "Theresa": "E2 E3 E4 E5 E6 E7 E8 E9",
        "Brenda": "E1 E3 E4 E5 E6 E7 E8",
        "Charlotte": "E3 E4 E5 E7",
        "Frances": "E3 E5 E6 E8",
        "Eleanor": "E5 E6 E7 E8",
        "Pearl": "E6 E8 E9",
        "Ruth": "E5 E7 E8 E9",
        "Verne": "E7 E8 E9 E12",
        "Myra": "E8 E9 E10 E12",
        "Katherine": "E8 E9 E10 E12 E13 E14",
        "Sylvia": "E7 E8 E9 E10 E12 E13 E14",
        "Nora": "E6 E7 E9 E10 E11 E12 E13 E14",
        "Helen": "E7 E8 E10 E11 E12",
        "Dorothy": "E8 E9",
        "Olivia": "E9 E11",
        "Flora": "E9 E11",
    }.items()
    for e in events.split()
)


def test_two_mode_header_is_projected_and_events_hold_no_roles():
    result = analyse(DAVIS_PART)
    names = {p["name"] for p in result["people"]}
    assert len(names) == 18 and not any(name.startswith("E") and name[1:].isdigit() for name in names)
    assert result["input"]["two_mode"]["projected"] and result["input"]["two_mode"]["events"] == 14
    assert not result["input"]["directed"]
    evelyn_laura = next(p for p in result["people"] if p["name"] == "Evelyn")
    assert evelyn_laura["measures"]["degree"] == 17
    one_mode = analyse(DAVIS_PART, mode="one-mode")
    assert any(p["name"] == "E8" for p in one_mode["people"])
    assert any(n["kind"] == "two-mode" and "one-mode, as asked" in n["message"] for n in one_mode["notes"])


def test_two_mode_pattern_is_noted_and_can_be_chosen():
    text = DAVIS_PART.split("\n", 1)[1]  # no header: only the pattern suggests two-mode
    result = analyse(text)
    assert result["input"]["two_mode"] == {"evidence": "pattern", "projected": False}
    assert any(n["kind"] == "two-mode" and "--two-mode" in n["message"] for n in result["notes"])
    chosen = analyse(text, mode="two-mode")
    assert {p["name"] for p in chosen["people"]} == {p["name"] for p in analyse(DAVIS_PART)["people"]}
    # A path of people written with its rows one way round looks the same: it is never projected unasked.
    path = "a,b\nc,b\nc,d\ne,d\n"
    assert analyse(path)["summary"]["people"] == 5
    # Survey nominations are people naming people, even when no respondent is named.
    survey = "respondent,named person\n" + "".join(f"R{i},P{j}\n" for i in range(4) for j in range(3))
    assert analyse(survey)["input"]["two_mode"] == {"evidence": None, "projected": False}
    assert "appear in both columns" in error_of("Ann,Bob\nBob,Cy\n", mode="two-mode")
    assert "no direction" in error_of(DAVIS_PART, direction="directed")
    assert "'mode' must be one of" in error_of("Ann,Bob", mode="bipartite")


def test_two_mode_from_a_bipartite_attribute():
    nodes = "".join(f'<node id="{n}"><data key="b">{side}</data></node>' for n, side in [("Ann", 0), ("Bob", 0), ("Cy", 0), ("M1", 1), ("M2", 1)])
    edges = "".join(f'<edge source="{a}" target="{b}"/>' for a, b in [("Ann", "M1"), ("Bob", "M1"), ("Bob", "M2"), ("Cy", "M2")])
    text = f'<graphml><key id="b" for="node" attr.name="bipartite" attr.type="int"/><graph edgedefault="undirected">{nodes}{edges}</graph></graphml>'
    parsed = parse_ties(text)
    assert parsed.names == ["Ann", "Bob", "Cy"] and parsed.info["two_mode"]["evidence"] == "attribute"
    assert sorted((t.source, t.target) for t in parsed.ties) == [("Ann", "Bob"), ("Bob", "Cy")]


def test_two_mode_projection_is_bounded():
    everyone = "person,meeting\n" + "".join(f"p{i},all-staff\n" for i in range(1_000))
    assert "leave out the largest events" in error_of(everyone)  # 499,500 ties from one meeting


# --- weights that would overflow ---------------------------------------------------------------


def test_absurd_weights_are_refused_so_results_stay_valid_json():
    assert "outside the range" in error_of("Ann,Bob,9e307\nBob,Cy,9e307\n")
    assert "outside the range" in error_of("Ann,Bob,1e-300\nBob,Cy,1\n")
    assert "outside the range" in error_of(
        '<gexf><graph><nodes><node id="a"/><node id="b"/></nodes><edges><edge source="a" target="b" weight="1e308"/></edges></graph></gexf>'
    )
    result = analyse(f"Ann,Bob,{limits.MAX_WEIGHT:g}\nBob,Cy,{limits.MIN_WEIGHT:g}\nCy,Dee,1\n")
    json.loads(json.dumps(result, allow_nan=False))
