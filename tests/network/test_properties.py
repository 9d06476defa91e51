"""Property-based tests: whatever text arrives, only InputError escapes, and results hold together."""
from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculators.errors import InputError
from calculators.network import analyse
from calculators.network.analyse import DIRECTIONS

FAST = settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])

names = st.sampled_from(["Ann", "Bob", "Cy", "Dee", "Eve", "ann", " Bob ", "Smith, Jo", "Zoë", "李", "", "#x", '"q"'])
separators = st.sampled_from([",", ";", "\t", " ", "  ", ",", ";", "|"])
cells = st.one_of(names, st.sampled_from(["1", "2.5", "0", "-1", "x", "1,5", "nan", "work", "social", "Directed"]))
headers = st.sampled_from(["", "From,To\n", "Source,Target,Weight\n", "respondent,named person,network\n",
                           "Source;Target;Weight\n", "Source,Target,Type,Weight\n"])
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
@given(delimited(), st.sampled_from(DIRECTIONS), st.booleans())
def test_generated_edge_lists_only_raise_input_error(text, direction, use_weights):
    check(text, direction=direction, use_weights=use_weights)


@FAST
@given(st.text(max_size=300), st.sampled_from(DIRECTIONS))
def test_arbitrary_text_only_raises_input_error(text, direction):
    check(text, direction=direction)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_only_raise_input_error(data):
    check(data)


xml_pieces = st.sampled_from([
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">', "</graphml>", '<graph edgedefault="directed">',
    '<graph edgedefault="undirected">', "</graph>", '<node id="a"/>', '<node id="b"/>', '<node id=""/>',
    '<edge source="a" target="b"/>', '<edge source="a" target="c"/>', '<edge source="a"/>',
    '<key id="w" for="edge" attr.name="weight" attr.type="double"/>', '<data key="w">x</data>',
    '<edge source="a" target="b"><data key="w">2</data></edge>', '<gexf xmlns="http://www.gexf.net/1.2draft">',
    "</gexf>", "<nodes>", "</nodes>", "<edges>", "</edges>", '<node id="a" label="A"/>', '<edge id="0" source="a" target="b"/>',
    "<!DOCTYPE x>", "&amp;", "<", ">", "\n",
])


@FAST
@given(st.lists(xml_pieces, max_size=14))
def test_generated_xml_only_raises_input_error(pieces):
    check("".join(pieces))


@settings(max_examples=200, deadline=None)
@given(delimited(), st.text(max_size=120))
def test_people_tables_only_raise_input_error(text, people):
    check(text, people="name,sector\n" + people)
