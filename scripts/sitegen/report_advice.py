"""Compile what the report says about networks and intermediaries, per phase, for the combined report.

``build_report_advice(content)`` gives the small JSON bundle (``report-advice.json``) that
``innovation_toolkit.report.combined_report`` reads, in the browser and on the command line.
Every text is taken from ``content/`` as it stands (already in the project's own words and
cited); nothing is written here.

Bundle layout::

    {"format": 1,
     "questionnaire_version": the diagnostic questionnaire's version,
     "phases": [{id, number, name, items: [{text, source, kind}]}],
     "general": [{id, title, text, source}],
     "when": {"outside_core": [{text, source}], "same_core": [...], "fragile": [...]},
     "roles": [{id, name, in_short, source}],
     "caveats": {"roles": text, "density": text}}

For each phase, ``items`` are the passages of its Step Three questions, Table A2 pitfalls and
§5.3 strategic-triangle account that speak of networks, partners, stakeholders or learning
from others (see ``NETWORK_WORDS``). ``general`` holds the report's advice for every phase
(§5.4's networks across levels, connected difference, intermediaries); ``when`` holds the
findings of the network experiment (Case study 10) that a connectors result can echo: groups
left outside the core, the same core group in every network, and a network that rests on a few
people.
"""

from __future__ import annotations

import re

ADVICE_FORMAT = 1

#: Words that mark a passage as being about networks, partners or intermediaries.
NETWORK_WORDS = re.compile(
    r"\bnetwork|\bpartner|\bstakeholder|\bNGOs?\b|\bother agencies\b|\bfrom others\b|\bgot further\b"
    r"|\bties between\b|\bparticular person\b|\bpart of the network\b",
    re.IGNORECASE,
)


class ReportAdviceError(ValueError):
    """The content no longer holds a passage the combined report relies on."""


def _item(text: str, source: str, kind: str) -> dict:
    return {"text": " ".join(text.split()), "source": source, "kind": kind}


def _phase_items(phase: dict, pervasive: dict | None) -> list[dict]:
    items = []
    step_three = phase.get("step_three") or {}
    for question in step_three.get("questions", []):
        for bullet in question.get("bullets", []):
            if NETWORK_WORDS.search(bullet["text"]):
                items.append(_item(f"{question['question']} {bullet['text']}", step_three["source"], "question"))
    pitfalls = phase.get("pitfalls") or {}
    for text in pitfalls.get("items", []):
        if NETWORK_WORDS.search(text):
            items.append(_item(text, pitfalls["source"], "pitfall"))
    triangle = phase.get("strategic_triangle") or {}
    for corner in triangle.get("corners", []):
        if NETWORK_WORDS.search(corner.get("explanation") or ""):
            items.append(_item(corner["explanation"], corner["source"], "triangle"))
    for relationship in triangle.get("key_relationships", []):
        if NETWORK_WORDS.search(relationship["text"]):
            items.append(_item(relationship["text"], relationship["source"], "triangle"))
    risk = triangle.get("main_risk") or {}
    if NETWORK_WORDS.search(risk.get("text") or ""):
        items.append(_item(risk["text"], risk["source"], "triangle"))
    if pervasive and pervasive.get("follows_phase") == phase["id"]:
        items.append(_item(pervasive["text"], pervasive["source"], "beyond"))
    return items


def _one(items: list[dict], source_part: str, what: str) -> dict:
    found = [item for item in items if source_part in item.get("source", "")]
    if not found:
        raise ReportAdviceError(f"content/network-analysis.yaml: no {what} cited to {source_part!r} (the combined report quotes it)")
    return found[0]


def _general(content: dict) -> list[dict]:
    system = content["innovation-system"]
    findings = {finding["id"]: finding for finding in content["findings"]["findings"]}
    recommendations = {item["id"]: item for item in content["recommendations"]["recommendations"]}
    for key, table, where in (("connected-difference", findings, "findings"), ("intermediaries", recommendations, "recommendations")):
        if key not in table:
            raise ReportAdviceError(f"content/{where}.yaml: no entry '{key}' (the combined report quotes it)")
    actors = system["actors"]
    return [
        {
            "id": "networks-across-levels",
            "title": "Networks that link every level",
            **_item(system["summary"][0]["text"], system["summary"][0]["source"], "general"),
        },
        {
            "id": "strong-networks",
            "title": "What strong networks do",
            **_item(system["summary"][1]["text"], system["summary"][1]["source"], "general"),
        },
        {
            "id": "who-takes-part",
            "title": "Who the networks include",
            **_item(
                "Who the report counts in these networks (in alphabetical order): " + "; ".join(sorted(actors["items"], key=str.lower)) + ".",
                actors["source"],
                "general",
            ),
        },
        {
            "id": "connected-difference",
            "title": findings["connected-difference"]["title"],
            **_item(findings["connected-difference"]["summary"], findings["connected-difference"]["source"], "general"),
        },
        {
            "id": "intermediaries",
            "title": recommendations["intermediaries"]["title"],
            **_item(recommendations["intermediaries"]["summary"], recommendations["intermediaries"]["source"], "general"),
        },
    ]


def _when(content: dict) -> dict:
    experiment = content["network-analysis"]["experiment"]
    outside = _one(experiment["findings"], "§4.3.4", "experiment finding")
    clique = _one(experiment["findings"], "§4.3.3", "experiment finding")
    moving_on = _one([c for c in experiment["conclusions"] if "move on" in c["text"]], "§4.4", "experiment conclusion about people moving on")
    return {
        "outside_core": [_item(outside["text"], outside["source"], "experiment")],
        "same_core": [_item(clique["text"], clique["source"], "experiment")],
        "fragile": [_item(moving_on["text"], moving_on["source"], "experiment")],
    }


def build_report_advice(content: dict) -> dict:
    """The combined report's advice bundle (see the module docstring) from loaded content."""
    lifecycle = content.get("lifecycle") or {}
    pervasive = lifecycle.get("pervasive_innovation")
    network = content["network-analysis"]
    phases = [
        {"id": phase["id"], "number": phase["number"], "name": phase["name"], "items": _phase_items(phase, pervasive)}
        for phase in sorted(content["phases"]["phases"], key=lambda p: p["number"])
    ]
    return {
        "format": ADVICE_FORMAT,
        "questionnaire_version": content["diagnostic"]["version"],
        "phases": phases,
        "general": _general(content),
        "when": _when(content),
        "roles": [{key: role[key] for key in ("id", "name", "in_short", "source")} for role in network["connector_roles"]],
        "caveats": {"roles": network["key_connectors"]["note"], "density": network["density"]["normative_ranges"]["note"]},
    }
