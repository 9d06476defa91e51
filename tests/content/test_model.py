"""Completeness of the report's models as content: lifecycle phases, strategic triangle,
local innovation system, network analysis concepts, glossary and references."""

from __future__ import annotations

import pytest

from sitegen.content import load_content, validate_content

MODEL_TYPES = (
    "phases",
    "lifecycle",
    "strategic-triangle",
    "innovation-system",
    "network-analysis",
    "glossary",
    "references",
)
PHASES = ["latent", "design-and-discovery", "mobilisation", "mainstreaming", "embedding"]
CORNERS = {"authority", "organisational-capacity", "value"}
LISTED_NETWORKS = ["work", "social", "innovation", "expert-knowledge", "career-guidance-strategic", "learning"]
# Appendix A, Step Three: bullets under each headline question, per phase, as printed.
STEP_THREE_BULLETS = {
    "latent": [2, 2],
    "design-and-discovery": [2],
    "mobilisation": [2, 4],
    "mainstreaming": [2, 1, 2],
    "embedding": [2, 2],
}


@pytest.fixture(scope="module")
def content() -> dict:
    return load_content()


@pytest.fixture(scope="module")
def phases(content) -> list[dict]:
    return content["phases"]["phases"]


def test_model_files_validate_with_resolved_slugs():
    mine = tuple(f"content/{name}.yaml" for name in MODEL_TYPES)
    mine += tuple(f"content/schema/examples/{name}.yaml" for name in MODEL_TYPES)
    mine += tuple(f"content/schema/{name}.schema.json" for name in MODEL_TYPES)
    errors = [error for error in validate_content() if error.startswith(mine)]
    assert errors == []


def test_five_phases_numbered_zero_to_four(phases):
    assert [phase["id"] for phase in phases] == PHASES
    assert [phase["number"] for phase in phases] == [0, 1, 2, 3, 4]


@pytest.mark.parametrize("index", range(5))
def test_each_phase_has_typology_summary_and_description(phases, index):
    phase = phases[index]
    assert phase["typology"]["text"].strip() and phase["typology"]["source"] == "Table A1"
    assert phase["figure_1_summary"]["text"].strip() and phase["figure_1_summary"]["source"] == "Figure 1"
    assert phase["description"]["text"].strip() and "§5.1" in phase["description"]["source"]


@pytest.mark.parametrize("index", range(5))
def test_each_phase_has_a_full_triangle_account(phases, index):
    account = phases[index]["strategic_triangle"]
    assert [corner["corner"] for corner in account["corners"]].count("authority") == 1
    assert {corner["corner"] for corner in account["corners"]} == CORNERS
    for corner in account["corners"]:
        assert corner["explanation"].strip() and corner["source"]
    if account["main_risk"] is None:
        assert account["main_risk_note"].strip()
    else:
        assert account["main_risk"]["text"].strip()


def test_triangle_levels_follow_the_report(phases):
    levels = {phase["id"]: {c["corner"]: c["importance"] for c in phase["strategic_triangle"]["corners"]} for phase in phases}
    assert set(levels["latent"].values()) == {"limited"}
    assert levels["design-and-discovery"]["authority"] == "high"
    assert levels["mobilisation"]["organisational-capacity"] == "very-high"
    assert levels["mainstreaming"]["authority"] == "reduced"
    assert set(levels["embedding"].values()) == {"balanced"}


@pytest.mark.parametrize("phase_id", PHASES)
def test_step_three_questions_are_complete(phases, phase_id):
    step = next(phase for phase in phases if phase["id"] == phase_id)["step_three"]
    assert step["source"] == "Appendix A, Step Three"
    assert [len(question["bullets"]) for question in step["questions"]] == STEP_THREE_BULLETS[phase_id]
    for question in step["questions"]:
        assert question["question"].rstrip().endswith("?")
        assert all(bullet["text"].strip() for bullet in question["bullets"])


def test_design_phase_lists_three_approaches(phases):
    bullets = phases[1]["step_three"]["questions"][0]["bullets"]
    assert len(bullets[1]["includes"]) == 3


def test_table_a2_has_rows_for_phases_one_to_four_only(phases):
    with_rows = [phase["id"] for phase in phases if phase["progression"] is not None and phase["pitfalls"] is not None]
    assert with_rows == PHASES[1:]
    latent = phases[0]
    assert latent["progression"] is None and latent["pitfalls"] is None
    assert "phase 0" in latent["table_a2_note"].lower() or "phases 1 to 4" in latent["table_a2_note"]
    for phase in phases[1:]:
        assert phase["progression"]["source"] == phase["pitfalls"]["source"] == "Table A2"
        assert phase["progression"]["requirements"] and phase["pitfalls"]["items"]


def test_progression_rows_lead_to_the_next_phase(phases):
    assert [phase["progression"]["to_phase"] for phase in phases[1:]] == ["mobilisation", "mainstreaming", "embedding", None]


def test_case_study_placements(content):
    current = {(p["case_study"], p["phase"]) for p in content["lifecycle"]["placements"] if p["kind"] == "current-position"}
    assert {("knowsley", "mobilisation"), ("highlands", "mainstreaming"), ("tower-hamlets", "embedding"), ("south-tyneside", "embedding")} <= current
    unplaced = [p for p in content["lifecycle"]["placements"] if p["phase"] is None]
    assert all(p.get("note") for p in unplaced)


def test_pervasive_innovation_is_recorded(content):
    pervasive = content["lifecycle"]["pervasive_innovation"]
    assert pervasive["source"] == "§5.3" and pervasive["follows_phase"] == "embedding"
    assert "leadership" in pervasive["text"]


def test_appendix_b_is_recorded_as_empty(content):
    assert "missing" in content["lifecycle"]["appendix_b"]["text"]


def test_three_triangle_corners(content):
    triangle = content["strategic-triangle"]
    assert {corner["id"] for corner in triangle["corners"]} == CORNERS
    assert len(triangle["corners"]) == 3
    assert triangle["origin"]["reference"] == "moore-1995"


def test_six_listed_networks_and_the_seven_claim(content):
    analysis = content["network-analysis"]
    assert [network["id"] for network in analysis["networks"]] == LISTED_NETWORKS
    assert "seven" in analysis["network_count_note"]["text"] and "six" in analysis["network_count_note"]["text"]


def test_three_connector_roles_with_their_map_colours(content):
    roles = {role["id"]: role["map_colour"] for role in content["network-analysis"]["connector_roles"]}
    assert roles == {"hub": "yellow", "gatekeeper": "green", "pulsetaker": "red"}


def test_social_capital_density_and_top_five_percent(content):
    analysis = content["network-analysis"]
    assert [c["id"] for c in analysis["social_capital"]["categories"]] == ["leaders", "mentors-and-mentees", "problem-solvers", "rising-stars"]
    assert analysis["key_connectors"]["top_share_percent"] == 5
    assert analysis["density"]["normative_ranges"]["published"] is False
    survey = analysis["experiment"]["survey"]
    assert (survey["respondents"], survey["response_rate_percent"]) == (92, 67)


def test_innovation_system_links(content):
    system = content["innovation-system"]
    assert {link["id"] for link in system["link_types"]} == {"horizontal", "vertical"}
    strengths = {p["case_study"]: p["strength"] for p in system["place_links"]}
    assert strengths["gouda"] == "weak" and strengths["lille"] == strengths["portland"] == "strong"


def test_glossary_has_the_core_terms(content):
    terms = content["glossary"]["terms"]
    abbreviations = {term.get("abbreviation") for term in terms}
    assert {"CPA", "LAA", "LSP", "Ofsted", "NRF", "SNA"} <= abbreviations
    ids = {term["id"] for term in terms}
    assert {
        "commissioning",
        "connected-difference",
        "pathfinder",
        "beacon",
        "third-sector",
        "social-innovation",
        "strategic-triangle",
        "hub",
        "gatekeeper",
        "pulsetaker",
    } <= ids
    assert len(ids) == len(terms)


def test_references_have_unique_ids_and_bibliographic_data(content):
    references = content["references"]["references"]
    ids = [reference["id"] for reference in references]
    assert len(ids) == len(set(ids))
    assert {"moore-1995", "kanter-2003", "stephenson-2007", "kleiner-2002"} <= set(ids)
    for reference in references:
        assert reference["title"].strip() and reference["authors"] and reference["citation"].strip()
        assert reference["year"] is not None or reference.get("note")
    lists = {name for reference in references for name in reference["lists"]}
    assert lists == {"references", "case-study-references"}


def _uncited(node, path=()):
    """Yield the path of every list item (a mapping) without a non-empty ``source``."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _uncited(value, path + (key,))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            if isinstance(item, dict) and not str(item.get("source", "")).strip():
                yield path + (index,)
            yield from _uncited(item, path + (index,))


@pytest.mark.parametrize("name", MODEL_TYPES)
def test_every_item_is_cited(content, name):
    document = content[name]
    assert str(document.get("source", "")).strip() or name == "network-analysis"
    # Step Three questions and bullets share the citation of their phase's step_three block.
    uncited = [path for path in _uncited(document) if "step_three" not in path]
    assert uncited == []


def test_the_anonymised_locality_stays_anonymous(content):
    analysis = content["network-analysis"]
    assert "does not identify" in analysis["anonymity_note"]
    assert analysis["experiment"]["case_study"] == "network-analysis-experiment"
