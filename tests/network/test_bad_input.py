"""Bad input gets one line naming the line, column or element — and nothing else escapes."""

from __future__ import annotations

import networkx as nx
import pytest

from innovation_toolkit.errors import InputError
from innovation_toolkit.network import analyse, limits
from innovation_toolkit.network.parse import parse_ties


def error_of(text, **kwargs) -> str:
    with pytest.raises(InputError) as caught:
        analyse(text, **kwargs)
    message = str(caught.value)
    assert "\n" not in message and message
    return message


def test_empty_and_blank():
    assert "empty" in error_of("")
    assert "empty" in error_of("  \n\r\n\t ")
    assert "no ties found" in error_of("# only a comment\n")


def test_one_column():
    assert error_of("Ann\nBob\n") == "line 1: expected two names separated by a comma, found one column ('Ann')"
    assert error_of("Ann,Bob\nCy\n").startswith("line 2: expected two names")


def test_binary_junk():
    assert "binary" in error_of(bytes(range(256)) * 20)
    assert "binary" in error_of("Ann,Bob\n\x00\x01\x02")
    assert error_of("Ann,Bob\n\x00\x01\x02").startswith("line 2:")
    assert "Excel" in error_of(b"PK\x03\x04" + b"\x00" * 100)
    # Not UTF-8: read as Windows-1252 (Excel's "CSV" on Windows), and the result says so.
    parsed = parse_ties(b"Ann,B\xffob\n")
    assert parsed.ties[0].target == "B\u00ffob" and parsed.info["encoding"] == "cp1252"
    assert any(note.kind == "encoding" and "Windows-1252" in note.message for note in parsed.notes)
    assert "binary" in error_of("".join(chr(c) for c in range(1, 32)) * 50)


def test_sixty_megabytes_is_refused_by_its_size():
    big = "Ann,Bob\n" * 7_500_000  # 60 MB
    message = error_of(big)
    assert "too large" in message and "60.0 million characters" in message
    assert "too large" in error_of(big.encode())


def test_non_numeric_weights_name_line_and_column():
    assert error_of("Source,Target,Weight\nAnn,Bob,1\nBob,Cy,lots\n") == "line 3, column 3: weight 'lots' is not a number"
    assert error_of("Source;Target;Weight\nAnn;Bob;1,2,3\n") == "line 2, column 3: weight '1,2,3' is not a number"


def test_graphml_with_no_edges():
    text = "\n".join(nx.generate_graphml(nx.empty_graph(3)))
    assert error_of(text) == "GraphML has no edges: the file lists 3 nodes but no ties between them"


def test_graphml_bad_weight_names_the_edge():
    text = """<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key id="w" for="edge" attr.name="weight" attr.type="string"/>
<graph edgedefault="undirected"><node id="a"/><node id="b"/>
<edge id="e7" source="a" target="b"><data key="w">heavy</data></edge></graph></graphml>"""
    assert error_of(text) == "GraphML edge e7: weight 'heavy' is not a number"


def test_malformed_xml_names_line_and_column():
    message = error_of('<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n<graph>\n<node id="a">\n</graph>')
    assert message.startswith("line 4, column 3: GraphML is not well-formed XML (mismatched tag)")


def test_entity_declarations_are_refused_before_parsing():
    bomb = (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n<!ENTITY lol2 "&lol;&lol;&lol;&lol;">\n]>\n'
        '<graphml><graph><node id="&lol2;"/></graph></graphml>'
    )
    assert error_of(bomb).startswith("line 2, column 1: XML with a <!DOCTYPE> declaration is refused")
    assert "ENTITY" in error_of('<graphml>\n  <!ENTITY x "y">\n</graphml>')


def test_other_xml_is_refused():
    assert "neither GraphML" in error_of("<svg><g>Ann,Bob</g></svg>")
    assert "web page (HTML)" in error_of("<html><body>Ann,Bob</body></html>")


def test_gexf_garbage_is_an_input_error():
    assert error_of('<gexf xmlns="http://www.gexf.net/1.2draft"><graph><nodes><node/></nodes></graph></gexf>') == "GEXF node '1' has no id"


def test_only_self_ties():
    assert "every tie joins a person to themselves" in error_of("Ann,Ann\nBob,Bob\n")


def test_too_many_people_and_ties():
    star = "\n".join(f"hub,p{i}" for i in range(limits.MAX_PEOPLE + 1))
    assert "5,002 people; the limit is 5,000" in error_of(star)
    dense = "\n".join(f"p{u},p{v}" for u, v in nx.complete_graph(320).edges())  # 51,040 ties
    assert "51,040 ties; the limit is 50,000" in error_of(dense)


def test_wrong_argument_types():
    assert "must be text" in error_of(12345)
    assert "must be true or false" in error_of("Ann,Bob", exact="yes")
    assert "unknown format" in error_of("Ann,Bob", fmt="xlsx")


def test_people_table_errors():
    assert "people table is empty" in error_of("Ann,Bob", people="\n# nothing\n")
    assert "header but no people" in error_of("Ann,Bob", people="name,sector\n")
    assert error_of("Ann,Bob", people="name,sector\nAnn,x,extra\n") == "line 2: row has 3 columns but the header has 2"
    assert "not XML" in error_of("Ann,Bob", people="<people/>")
