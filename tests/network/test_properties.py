"""Property-based tests: whatever text arrives, only InputError escapes, and results hold together."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from innovation_toolkit.errors import InputError
from innovation_toolkit.network import analyse
from innovation_toolkit.network.analyse import DIRECTIONS
from innovation_toolkit.network.twomode import MODES

FAST = settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])

names = st.sampled_from(["Ann", "Bob", "Cy", "Dee", "Eve", "ann", " Bob ", "Smith, Jo", "Zoë", "李", "", "#x", '"q"', "Bob|Cy", "|", "E1"])
separators = st.sampled_from([",", ";", "\t", " ", "  ", ",", ";", "|"])
cells = st.one_of(
    names,
    st.sampled_from(
        [
            "1",
            "2.5",
            "0",
            "-1",
            "x",
            "1,5",
            "nan",
            "work",
            "social",
            "Directed",
            "Undirected",
            "mutual",
            "Strong",
            "weak",
            "1e308",
            "9e307",
            "1e-300",
            "inf",
        ]
    ),
)
headers = st.sampled_from(
    [
        "",
        "From,To\n",
        "Source,Target,Weight\n",
        "respondent,named person,network\n",
        "Source;Target;Weight\n",
        "Source,Target,Type,Weight\n",
        "From,To,Type,Direction,Strength\n",
        "person,event\n",
        "sep=;\n",
        "sep=,\nFrom,To\n",
        "Source,Target,Type,Id,Label,Weight\n",
    ]
)
endings = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def delimited(draw):
    header = draw(headers)
    sep = draw(separators)
    end = draw(endings)
    pair = st.lists(names, min_size=2, max_size=2)
    wide = st.lists(cells, min_size=2, max_size=4)
    row = st.one_of(pair, wide, st.lists(cells, max_size=1)) if draw(st.booleans()) else st.one_of(pair, pair, wide)
    rows = draw(st.lists(row, max_size=12))
    bom = draw(st.sampled_from(["", "\ufeff"]))
    return bom + header + end.join(sep.join(row) for row in rows)


def check(text, **kwargs):
    try:
        result = analyse(text, **kwargs)
    except InputError as error:
        message = str(error)
        assert message and "\n" not in message
        return None
    json.dumps(result)
    summary = result["summary"]
    assert summary["people"] == len(result["people"])
    assert summary["ties"] >= 1
    key = set(result["roles"]["key_connectors"])
    assert key == {p["name"] for p in result["people"] if p["roles"]}
    for role in ("hub", "gatekeeper", "pulsetaker"):
        holders = result["roles"][role]["people"]
        assert 2 * len(holders) < max(result["roles"]["connected_people"], 1) or not holders
        assert bool(holders) != bool(result["roles"][role]["statement"]) or result["roles"][role]["tied"]
    return result


@FAST
@given(delimited(), st.sampled_from(DIRECTIONS), st.booleans(), st.sampled_from(MODES))
def test_generated_edge_lists_only_raise_input_error(text, direction, use_weights, mode):
    check(text, direction=direction, use_weights=use_weights, mode=mode)


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1"]


def outcome(data):
    try:
        result = analyse(data)
    except InputError as error:
        return "error: " + str(error).split(": ", 1)[-1][:30]
    return sorted(p["name"] for p in result["people"]), result["summary"]["ties"]


@settings(max_examples=300, deadline=None)
@given(delimited(), st.sampled_from(ENCODINGS))
def test_generated_edge_lists_in_every_encoding_read_as_the_text_itself(text, encoding):
    """Bytes in any encoding Excel writes give the same people and ties as the text itself."""
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        check(text.encode(encoding, errors="replace"))
        return
    check(data)
    if encoding in ("utf-16-le", "utf-16-be") and not text.isascii():
        return  # without a byte order mark, UTF-16 is recognised by the zero bytes of mostly-ASCII text only
    if text.lstrip("\ufeff").startswith("sep=") or "\x00" in text:
        return
    assert outcome(data) == outcome(text), encoding


@FAST
@given(st.text(max_size=300), st.sampled_from(DIRECTIONS))
def test_arbitrary_text_only_raises_input_error(text, direction):
    check(text, direction=direction)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_only_raise_input_error(data):
    check(data)


xml_pieces = st.sampled_from(
    [
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
        "</graphml>",
        '<graph edgedefault="directed">',
        '<graph edgedefault="undirected">',
        "</graph>",
        '<node id="a"/>',
        '<node id="b"/>',
        '<node id=""/>',
        '<edge source="a" target="b"/>',
        '<edge source="a" target="c"/>',
        '<edge source="a"/>',
        '<key id="w" for="edge" attr.name="weight" attr.type="double"/>',
        '<data key="w">x</data>',
        '<edge source="a" target="b"><data key="w">2</data></edge>',
        '<gexf xmlns="http://www.gexf.net/1.2draft">',
        "</gexf>",
        "<nodes>",
        "</nodes>",
        "<edges>",
        "</edges>",
        '<node id="a" label="A"/>',
        '<edge id="0" source="a" target="b"/>',
        "<!DOCTYPE x>",
        "&amp;",
        "<",
        ">",
        "\n",
    ]
)


@FAST
@given(st.lists(xml_pieces, max_size=14))
def test_generated_xml_only_raises_input_error(pieces):
    check("".join(pieces))


@settings(max_examples=200, deadline=None)
@given(delimited(), st.text(max_size=120))
def test_people_tables_only_raise_input_error(text, people):
    check(text, people="name,sector\n" + people)


json_pieces = st.sampled_from(
    [
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        '"elements"',
        '"connections"',
        '"nodes"',
        '"links"',
        '"edges"',
        '"data"',
        '{"label": "Ann"}',
        '{"label": "Bob"}',
        '{"_id": "x1", "attributes": {"label": "Cy"}}',
        '{"from": "Ann", "to": "Bob"}',
        '{"from": "x1", "to": "Ann", "direction": "mutual", "strength": 3}',
        '{"from": "Ann", "to": "Dee", "direction": "sideways"}',
        '{"id": "a"}',
        '{"id": "b", "name": "Bee"}',
        '{"source": "a", "target": "b", "weight": 2}',
        '{"source": 0, "target": 5}',
        '{"data": {"id": "a"}}',
        '{"data": {"source": "a", "target": "b"}}',
        '{"group": "edges", "data": {"source": "a"}}',
        '"directed"',
        "true",
        "null",
        "1e999",
        '"weight"',
        '{"strength": "x"}',
    ]
)


@FAST
@given(st.lists(json_pieces, max_size=16), st.sampled_from(MODES))
def test_generated_json_only_raises_input_error(pieces, mode):
    check("".join(pieces), mode=mode)


text_graph_pieces = st.sampled_from(
    [
        "graph [",
        "]",
        "directed 1",
        "multigraph 1",
        'node [ id 1 label "Ann" ]',
        "node [ id 2 ]",
        'node [ id 2 label "Ann" ]',
        "edge [ source 1 target 2 ]",
        "edge [ source 1 target 3 value 2 ]",
        "edge [ source 1 ]",
        "[ [ [",
        "weight -1",
        "*Vertices 3",
        "*Vertices 99999999",
        '1 "Ann"',
        '2 "Bob"',
        "3",
        '4 "unclosed',
        "*Edges",
        "*Arcs",
        "*Edgeslist",
        "1 2 3",
        "1 2 x",
        "2 9",
        "% comment",
        "*Matrix",
        "0 1 0",
        "*Network test",
        "DL N=3",
        "digraph {",
        "nodedef>name",
    ]
)


@FAST
@given(st.lists(text_graph_pieces, max_size=14), st.sampled_from(["\n", " "]))
def test_generated_gml_and_pajek_only_raise_input_error(pieces, joiner):
    check(joiner.join(pieces))


more_xml_pieces = st.sampled_from(
    [
        "<graphml>",
        "</graphml>",
        '<graph edgedefault="undirected">',
        "</graph>",
        '<node id="a"><data key="t">  true   </data></node>',
        '<node id="b"><data key="g"><y:ShapeNode xmlns:y="http://www.yworks.com/xml/graphml"><y:NodeLabel>Bee</y:NodeLabel></y:ShapeNode></data></node>',
        '<key id="t" for="node" attr.name="flag" attr.type="boolean"><default>false</default></key>',
        '<key id="g" for="node" yfiles.type="nodegraphics"/>',
        '<edge source="a" target="b" directed="true"/>',
        '<edge source="b" target="a" directed="maybe"/>',
        "<hyperedge/>",
        '<gexf xmlns="http://www.gephi.org/gexf">',
        "</gexf>",
        '<graph mode="dynamic" defaultedgetype="mutual">',
        "<nodes>",
        "</nodes>",
        '<node id="1" label="Ann"><attvalues><attvalue for="image" value="x.png"/></attvalues></node>',
        '<node id="2" label="Bob" start="2001"/>',
        "<edges>",
        "</edges>",
        '<edge source="1" target="2" weight="1e400"/>',
        '<edge source="1" target="2" type="directed" kind="work"/>',
        '<attributes class="node"><attribute id="0" title="bipartite" type="integer"/></attributes>',
    ]
)


@FAST
@given(st.lists(more_xml_pieces, max_size=14), st.sampled_from(MODES))
def test_generated_graphml_and_gexf_variants_only_raise_input_error(pieces, mode):
    check("".join(pieces), mode=mode)
