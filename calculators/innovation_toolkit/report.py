"""One printable report from both calculators: the diagnostic's result and the connectors' result.

:func:`combined_report` reads the two result files (the JSON each calculator page exports, or
``innovation-toolkit diagnose --json`` and ``innovation-toolkit roles --json``), checks each
one, and returns one JSON-serialisable dict: what the report is a record of, the phase and the
strategic-triangle profile, the key connectors, the groups outside the core, what breaks if
key people leave, and the report's advice for the phase about networks and intermediaries
(from ``report-advice.json``, compiled from ``content/`` by ``scripts/sitegen/report_advice.py``).
:func:`report_markdown` writes it as Markdown.

People's names are left out unless ``show_names`` is true, so a report can be shared: roles
and departures are then given as counts. Every text taken from the files passes through
:func:`clean_text` (control and bidirectional-formatting characters removed, length capped),
and the Markdown escapes HTML and Markdown syntax in it.

>>> report = combined_report(EXAMPLE_DIAGNOSTIC, EXAMPLE_CONNECTORS, data=EXAMPLE_ADVICE)
>>> report["phase"]["headline"], report["connectors"]["headline"]
('Most likely phase: Phase 2: Mobilisation', '3 people and 2 ties; 1 key connector: 1 hub.')
"""

from __future__ import annotations

import json
import re
import unicodedata
from importlib import resources

from innovation_toolkit import jsonload
from innovation_toolkit.errors import InputError

REPORT_SCHEMA = "combined-report/1"
CONNECTORS_SCHEMA = "connector-roles/1"
ADVICE_FORMAT = 1
DIAGNOSTIC_FILE = "the diagnostic file"
CONNECTORS_FILE = "the connectors file"
#: Largest result files read (bytes or characters); the browser checks the same sizes first.
MAX_DIAGNOSTIC_BYTES = 5_000_000
MAX_CONNECTORS_BYTES = 40_000_000
#: Longest name or label kept, and longest sentence, in characters (longer ones are cut, with "…").
MAX_NAME = 120
MAX_SENTENCE = 2_000
#: Most names listed in one place, and most groups or scenarios carried over.
MAX_NAMES = 50
MAX_ITEMS = 50
ROLES = ("hub", "gatekeeper", "pulsetaker")
VERDICTS = ("clear", "between", "unclear")

EXAMPLE_ADVICE = {
    "format": 1,
    "questionnaire_version": 1,
    "phases": [
        {"id": "mobilisation", "number": 2, "name": "Mobilisation", "items": [{"text": "Learn from others.", "source": "Appendix A, Step Three"}]}
    ],
    "general": [{"id": "intermediaries", "title": "Supporting intermediaries", "text": "Brokers matter.", "source": "§6.1"}],
    "when": {"outside_core": [], "same_core": [], "fragile": []},
    "roles": [{"id": "hub", "name": "Hub", "in_short": "Many direct ties.", "source": "Case study 10 §2.2"}],
    "caveats": {},
}
EXAMPLE_DIAGNOSTIC = {
    "questionnaire_version": 1,
    "phase": "mobilisation",
    "phase_number": 2,
    "phase_name": "Mobilisation",
    "confidence": {"level": "high", "value": 0.8},
    "record": {"service": "Youth services", "date": "2026-12-01", "respondents": None, "respondent_count": 1},
}
EXAMPLE_CONNECTORS = {
    "schema": "connector-roles/1",
    "summary": {"people": 3, "ties": 2, "key_connectors": 1},
    "roles": {
        "key_connectors": ["Bob"],
        "hub": {"people": ["Bob"], "reason": "stand out", "tied": False, "statement": None},
        "gatekeeper": {"people": [], "reason": "too few", "tied": False, "statement": "No one stands out as a gatekeeper."},
        "pulsetaker": {"people": [], "reason": "too few", "tied": False, "statement": "No one stands out as a pulsetaker."},
    },
    "groups": [],
    "resilience": {"scenarios": [], "most_critical": None, "cut_points": 1},
}

# Control characters, bidirectional overrides and other invisible formatting: never kept.
_INVISIBLE = ("Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn")
# Line and field breaks become spaces first, so that words on either side stay apart.
_BREAKS = frozenset("\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029")


def clean_text(value, limit: int = MAX_SENTENCE) -> str:
    """Text from a file, safe to show: invisible and control characters dropped, spaces collapsed, capped.

    >>> clean_text("Ann\\u202e\\x1b[2J  Lee\\nSmith")
    'Ann[2J Lee Smith'
    >>> clean_text("x" * 10, limit=5)
    'xxxx…'
    """
    text = "".join(" " if c in _BREAKS else c for c in str(value))
    text = "".join(c for c in text if unicodedata.category(c) not in _INVISIBLE)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")
_HTML_SPECIAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def markdown_text(value) -> str:
    r"""Text a user typed, as inert Markdown: cleaned, HTML characters as entities, Markdown syntax escaped.

    ``<script>`` and ``[a](javascript:…)`` come out as text, not markup or links, in CommonMark
    and in Python-Markdown alike; an entity such as ``&#x202e;`` cannot bring back a character
    that :func:`clean_text` removed; ``http://`` and ``www.`` are broken up so that no reader
    turns them into a link; a leading ``-``, ``+`` or ``1.`` starts no list.

    >>> print(markdown_text("<img src=x onerror=alert(1)> [go](javascript:alert(1))"))
    &lt;img src=x onerror=alert\(1\)&gt; \[go\]\(javascript:alert\(1\)\)
    >>> print(markdown_text("- see www.x.org or http://x.org &#x202e;"))
    \- see www\.x.org or http\://x.org &amp;\#x202e;
    >>> print(markdown_text("1. first"))
    1\. first
    """
    text = re.sub(r"[&<>]", lambda match: _HTML_SPECIAL[match.group()], clean_text(value))
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    text = re.sub(r"(?i)\b([a-z][a-z0-9+.-]{0,20}):(?=//)", r"\1\\:", text)
    text = re.sub(r"(?i)\bwww\.", r"www\\.", text)
    text = re.sub(r"^(\d+)([.)])", r"\1\\\2", text)
    return re.sub(r"^-", r"\\-", text)


# ----------------------------------------------------------------- reading and checking the files


def _size_text(count: int) -> str:
    return f"{count / 1_000_000:,.1f} MB" if count >= 1_000_000 else f"{count:,} bytes"


def _read(value, which: str, limit: int) -> dict:
    """A result file's content (bytes, text or an already-parsed dict) as a dict; one-line errors."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        value = bytes(value)
        if len(value) > limit:
            raise InputError(f"{which} is too large ({_size_text(len(value))}; the limit is {_size_text(limit)})")
        try:
            value = value.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise InputError(f"{which} is not a JSON result file: byte {error.start + 1} is not UTF-8 text") from None
    if isinstance(value, str):
        if len(value) > limit:
            raise InputError(f"{which} is too large ({len(value):,} characters; the limit is {limit:,})")
        if not value.strip():
            raise InputError(f"{which} is empty")
        try:
            value = jsonload.loads(value.lstrip("\ufeff"))
        except InputError as error:
            raise InputError(f"{which}: {error}") from None
    if not isinstance(value, dict):
        raise InputError(f"{which} is not a result file: it holds a JSON {_kind(value)}, not an object")
    return value


def _kind(value) -> str:
    return {list: "list", str: "string", bool: "true/false value", type(None): "null"}.get(type(value), "number")


def _field(document: dict, path: str, types, which: str, *, required: bool = True):
    """``document``'s value at a dotted ``path``, checked against ``types`` (None when absent and not required)."""
    value: object = document
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            if required:
                raise InputError(f"{which} has no '{path}': it is not a complete result (export it again from the calculator)")
            return None
        value = value[part]
    if value is None and not required:
        return None
    if not isinstance(value, types) or (isinstance(value, bool) and bool not in (types if isinstance(types, tuple) else (types,))):
        raise InputError(f"{which}: '{path}' should be {_expected(types)}, not a {_kind(value)}")
    return value


def _expected(types) -> str:
    names = {dict: "an object", list: "a list", str: "text", int: "a number", float: "a number", bool: "true or false"}
    kinds = types if isinstance(types, tuple) else (types,)
    return " or ".join(dict.fromkeys(names.get(kind, kind.__name__) for kind in kinds))


def _names(value, which: str, path: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise InputError(f"{which}: '{path}' should be a list of names")
    return [clean_text(item, MAX_NAME) for item in value]


def _check_diagnostic(document: dict, advice: dict) -> None:
    which = DIAGNOSTIC_FILE
    schema = document.get("schema")
    if isinstance(schema, str) and schema.startswith("connector-roles/"):
        raise InputError(f"{which} holds a connectors result: the two files are swapped (put it in the connectors box)")
    if "phase" not in document and ("answers" in document or "respondents" in document):
        raise InputError(
            f"{which} holds answers, not a result: show the result on the diagnose page and save it as JSON "
            "(or run innovation-toolkit diagnose --json)"
        )
    if "phase" not in document and "questionnaire_version" not in document:
        raise InputError(f"{which} is not a diagnostic result (it has no 'phase' or 'questionnaire_version')")
    version = _field(document, "questionnaire_version", int, which)
    if version > advice["questionnaire_version"]:
        raise InputError(
            f"{which} comes from a newer questionnaire (version {version}; this site reads up to version "
            f"{advice['questionnaire_version']}): build the report with the site that made it"
        )
    phase = _field(document, "phase", (str,), which, required=False)
    known = {item["id"] for item in advice["phases"]}
    if phase is not None and phase not in known:
        raise InputError(f"{which}: unknown phase {clean_text(phase, 40)!r} (expected one of {', '.join(sorted(known))})")
    _field(document, "confidence", dict, which)
    _field(document, "record", dict, which, required=False)
    verdict = _field(document, "verdict", dict, which, required=False)
    if verdict is not None:
        kind = _field(document, "verdict.kind", str, which)
        if kind not in VERDICTS:
            raise InputError(f"{which}: 'verdict.kind' should be one of {', '.join(VERDICTS)}")
        for item in _field(document, "verdict.phases", list, which):
            if item not in known:
                raise InputError(f"{which}: 'verdict.phases' names an unknown phase")
    elif phase is None:
        raise InputError(f"{which} has no 'phase' and no 'verdict': it is not a complete result")


def _check_connectors(document: dict) -> None:
    which = CONNECTORS_FILE
    schema = document.get("schema")
    if schema is None:
        if "phase" in document or "questionnaire_version" in document:
            raise InputError(f"{which} holds a diagnostic result: the two files are swapped (put it in the diagnostic box)")
        raise InputError(f"{which} is not a connectors result (it has no 'schema'): use \"Download result (JSON)\" on the connectors page")
    if not isinstance(schema, str) or not re.fullmatch(r"connector-roles/\d{1,6}", schema):
        raise InputError(f"{which} is not a connectors result (its schema is not connector-roles)")
    if int(schema.split("/")[1]) > int(CONNECTORS_SCHEMA.split("/")[1]):
        raise InputError(f"{which} was written by a newer version of the connectors calculator ({schema}; this site reads {CONNECTORS_SCHEMA})")
    for path in ("summary.people", "summary.ties", "summary.key_connectors"):
        _field(document, path, int, which)
    _names(_field(document, "roles.key_connectors", list, which), which, "roles.key_connectors")
    for role in ROLES:
        _names(_field(document, f"roles.{role}.people", list, which), which, f"roles.{role}.people")
        _field(document, f"roles.{role}.reason", str, which)
        _field(document, f"roles.{role}.statement", str, which, required=False)
    for index, group in enumerate(_field(document, "groups", list, which)[:MAX_ITEMS]):
        if not isinstance(group, dict):
            raise InputError(f"{which}: 'groups[{index}]' should be an object")
        _field(group, "attribute", str, f"{which} (groups[{index}])")
        _names(_field(group, "outside_core", list, f"{which} (groups[{index}])"), which, f"groups[{index}].outside_core")
        _names(_field(group, "findings", list, f"{which} (groups[{index}])"), which, f"groups[{index}].findings")
    _field(document, "resilience.scenarios", list, which)
    _field(document, "resilience.cut_points", int, which)
    _field(document, "resilience.most_critical", dict, which, required=False)


def _check_advice(data: dict) -> dict:
    if not isinstance(data, dict) or data.get("format") != ADVICE_FORMAT:
        raise InputError(f"the report's advice data is not in format {ADVICE_FORMAT}: rebuild the site (make generate)")
    return data


def load_advice() -> dict:
    """The packaged advice bundle (``innovation_toolkit/data/report-advice.json``), written by the site generator."""
    packaged = resources.files("innovation_toolkit").joinpath("data", "report-advice.json")
    try:
        return json.loads(packaged.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("the report's advice data is missing: run `make generate` (it writes innovation_toolkit/data/report-advice.json)") from None


# ----------------------------------------------------------------- the report's sections


def _count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number:,} {singular if number == 1 else plural or singular + 's'}"


def _list_names(names: list[str]) -> str:
    """``"Ann, Bob and Cy"``; past ``MAX_NAMES``, ``"Ann, Bob, … and 12 more"``."""
    shown = names[:MAX_NAMES]
    if len(names) > len(shown):
        return ", ".join(shown) + f" and {len(names) - len(shown):,} more"
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + f" and {shown[-1]}"


def _record(diagnostic: dict, connectors: dict, show_names: bool) -> dict:
    record = diagnostic.get("record") or {}
    respondents = record.get("respondents")
    names = _names(respondents, DIAGNOSTIC_FILE, "record.respondents") if respondents is not None else None
    count = record.get("respondent_count")
    count = count if isinstance(count, int) and not isinstance(count, bool) else (len(names) if names else None)
    service, date = record.get("service"), record.get("date")
    return {
        "service": clean_text(service, MAX_NAME) if isinstance(service, str) and service.strip() else None,
        "date": date if isinstance(date, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else None,
        "respondent_count": count,
        "respondents": names if show_names and names else None,
        "network_people": connectors["summary"]["people"],
        "network_ties": connectors["summary"]["ties"],
    }


def _mapping(value: object) -> dict:
    """``value`` if it is a JSON object, else an empty one (for optional parts of a result)."""
    return value if isinstance(value, dict) else {}


def _phase_names(advice: dict) -> dict[str, dict]:
    return {phase["id"]: phase for phase in advice["phases"]}


def _phase(diagnostic: dict, advice: dict) -> dict:
    phases = _phase_names(advice)
    verdict = diagnostic.get("verdict")
    summary = _mapping(diagnostic.get("summary"))
    confidence = _mapping(summary.get("confidence")) or _mapping(diagnostic["confidence"])
    if verdict:
        kind, ids = verdict["kind"], list(verdict["phases"])
        headline = clean_text(verdict.get("headline") or "")
        reason = clean_text(verdict.get("reason") or "") or None
    else:
        kind, ids = "clear", [diagnostic["phase"]]
        number = diagnostic.get("phase_number", phases[diagnostic["phase"]]["number"])
        headline = f"Most likely phase: Phase {number}: {phases[diagnostic['phase']]['name']}"
        explanation = confidence.get("explanation")
        reason = clean_text(explanation) if isinstance(explanation, str) else None
    if not headline:
        headline = {
            "clear": f"Phase {phases[ids[0]]['number']}: {phases[ids[0]]['name']}" if ids else "No clear phase",
            "between": "Between " + " and ".join(phases[i]["name"] for i in ids),
            "unclear": "No clear phase",
        }[kind]
    level, value = confidence.get("level"), confidence.get("value")
    actions: list = summary["next_actions"] if isinstance(summary.get("next_actions"), list) else (diagnostic.get("action_plan") or [])[:3]
    next_actions = [
        {key: clean_text(action[key]) for key in ("title", "text", "source") if isinstance(action.get(key), str)}
        for action in actions[:3]
        if isinstance(action, dict) and isinstance(action.get("title"), str)
    ]
    return {
        "kind": kind,
        "phases": [{"id": i, "number": phases[i]["number"], "name": phases[i]["name"]} for i in ids] if kind != "unclear" else [],
        "headline": headline,
        "reason": reason,
        "confidence": {
            "level": clean_text(level, 20) if isinstance(level, str) else None,
            "value": value if isinstance(value, (int, float)) and not isinstance(value, bool) else None,
        },
        "answered": diagnostic.get("answered") if isinstance(diagnostic.get("answered"), int) else None,
        "total_questions": diagnostic.get("total_questions") if isinstance(diagnostic.get("total_questions"), int) else None,
        "next_actions": next_actions,
    }


def _profile(diagnostic: dict, kind: str) -> dict:
    triangle = _mapping(diagnostic.get("triangle"))
    corners = []
    for corner in (triangle.get("corners") or [])[:10]:
        if not isinstance(corner, dict) or not isinstance(corner.get("name"), str):
            continue
        importance = corner.get("report_importance")
        corners.append(
            {
                "name": clean_text(corner["name"], MAX_NAME),
                "rating": clean_text(corner["rating_label"], MAX_NAME) if isinstance(corner.get("rating_label"), str) else "not rated",
                # The report's account belongs to one phase: with no clear phase there is nothing to compare with.
                "report": clean_text(importance.replace("-", " "), 40) if kind != "unclear" and isinstance(importance, str) else None,
                "comparison": clean_text(corner["comparison"]) if kind != "unclear" and isinstance(corner.get("comparison"), str) else None,
            }
        )
    return {"corners": corners, "source": clean_text(triangle["source"], 80) if isinstance(triangle.get("source"), str) else "§5.3"}


def _role_line(role: str, entry: dict, show_names: bool) -> dict:
    people = _names(entry["people"], CONNECTORS_FILE, f"roles.{role}.people")
    count = len(people)
    plural = f"{role}s"
    if entry["reason"] == "tied" and count:
        text = f"{_count(count, 'person', 'people')} tie for the top score; tied scores cannot be split, so all of them count as {plural}."
    elif count:
        text = _count(count, role) + "."
    else:
        # With nobody holding the role its statement names no one (it says why no one stands out).
        statement = entry.get("statement")
        text = clean_text(statement) if isinstance(statement, str) else f"No one stands out as a {role}."
    return {
        "role": role,
        "count": count,
        "tied": entry["reason"] == "tied",
        "reason": clean_text(entry["reason"], 40),
        "text": text,
        "names": people if show_names else None,
    }


def _connectors(connectors: dict, advice: dict, show_names: bool) -> dict:
    summary, roles = connectors["summary"], connectors["roles"]
    lines = [_role_line(role, roles[role], show_names) for role in ROLES]
    key = _names(roles["key_connectors"], CONNECTORS_FILE, "roles.key_connectors")
    held = [f"{_count(line['count'], line['role'])}" for line in lines if line["count"]]
    headline = f"{_count(summary['people'], 'person', 'people')} and {_count(summary['ties'], 'tie')}; {_count(len(key), 'key connector')}"
    headline += (": " + ", ".join(held) + ".") if held else "."
    if sum(line["count"] for line in lines) > len(key):
        headline += " Some people hold more than one role."
    meanings = {role["id"]: role for role in advice.get("roles", [])}
    for line in lines:
        meaning = meanings.get(line["role"])
        line["meaning"] = meaning["in_short"][0].lower() + meaning["in_short"][1:].rstrip(".") if meaning else None
        line["source"] = meaning["source"] if meaning else None
    core = (connectors.get("networks") or {}).get("core") if isinstance(connectors.get("networks"), dict) else None
    core_line = None
    if isinstance(core, dict) and isinstance(core.get("networks"), int) and isinstance(core.get("all"), list):
        everyone = _names(core["all"], CONNECTORS_FILE, "networks.core.all")
        every = "both networks" if core["networks"] == 2 else f"all {core['networks']:,} networks"
        core_line = {
            "networks": core["networks"],
            "count": len(everyone),
            "names": everyone if show_names else None,
            "text": f"{_count(len(everyone), 'person is a key connector', 'people are key connectors')} in {every}."
            if everyone
            else f"No one is a key connector in {every}.",
        }
    caveats = [advice.get("caveats", {}).get("roles")]
    for path in (("accuracy", "sentence"), ("input", "direction", "sentence")):
        value: object = connectors
        for part in path:
            value = value.get(part) if isinstance(value, dict) else None
        caveats.append(clean_text(value) if isinstance(value, str) else None)
    if any(line["tied"] for line in lines):
        caveats.append("Where scores tie for the top place, everyone tied shares the role: the calculator does not break ties.")
    band = summary.get("density_band") if isinstance(summary.get("density_band"), dict) else {}
    density = clean_text(band["sentence"]) if isinstance(band.get("sentence"), str) else None
    return {
        "people": summary["people"],
        "ties": summary["ties"],
        "key_connectors": len(key),
        "key_connector_names": key if show_names else None,
        "headline": headline,
        "roles": lines,
        "core": core_line,
        "density": density,
        "density_caveat": advice.get("caveats", {}).get("density") if density else None,
        "caveats": [text for text in caveats if text],
    }


def _groups(connectors: dict) -> dict:
    attributes: list[dict] = []
    for group in connectors["groups"][:MAX_ITEMS]:
        outside = _names(group["outside_core"], CONNECTORS_FILE, "groups.outside_core")
        chance = _mapping(group.get("chance"))
        attributes.append(
            {
                "attribute": clean_text(group["attribute"], MAX_NAME),
                "outside_core": outside[:MAX_NAMES],
                "findings": [clean_text(text) for text in group["findings"][:10]],
                "without_value": group["missing"] if isinstance(group.get("missing"), int) else None,
                "method": clean_text(chance["method"]) if isinstance(chance.get("method"), str) else None,
            }
        )
    outside = [name for item in attributes for name in item["outside_core"]]
    if not attributes:
        text = (
            "The connectors result has no groups (no people table with organisation, sector or team was given), "
            "so it cannot say who sits outside the core."
        )
    elif outside:
        verb = "sits" if len(outside) == 1 else "sit"
        text = f"{_count(len(outside), 'group')} {verb} outside the core, more clearly than chance alone would give: {_list_names(outside)}."
    else:
        text = (
            "No group is shown to sit outside the core: either every group has key connectors, or the numbers are "
            "too small to tell a gap from chance (see below)."
        )
    return {"attributes": attributes, "outside_core": outside, "text": text}


def _resilience(connectors: dict, show_names: bool) -> dict:
    resilience = connectors["resilience"]
    scenarios = []
    for scenario in resilience["scenarios"][:MAX_ITEMS]:
        if not isinstance(scenario, dict):
            continue
        numbers: dict = {key: scenario.get(key) for key in ("leaving", "largest_group_before", "largest_group_after", "cut_off", "isolated")}
        if not all(isinstance(value, int) and not isinstance(value, bool) for value in numbers.values()) or not isinstance(
            scenario.get("label"), str
        ):
            raise InputError(f"{CONNECTORS_FILE}: a scenario in 'resilience.scenarios' is incomplete")
        label = clean_text(scenario["label"], MAX_NAME)
        people = _names(scenario.get("people", []), CONNECTORS_FILE, "resilience.scenarios.people")
        who = f"the {numbers['leaving']:,} {label}" if label.startswith("people ") else f"the {_count(numbers['leaving'], label.removesuffix('s'))}"
        if show_names and people:
            who += f" ({_list_names(people)})"
        text = (
            f"If {who} left, the largest connected group would go from {numbers['largest_group_before']:,} to "
            f"{numbers['largest_group_after']:,} people"
            + (
                f", and {numbers['cut_off']:,} of those staying would lose their link to it."
                if numbers["cut_off"]
                else ", and everyone staying would keep a link to it."
            )
        )
        scenarios.append({"label": label, **numbers, "names": people if show_names else None, "text": text})
    critical = resilience.get("most_critical")
    critical_line = None
    if isinstance(critical, dict) and isinstance(critical.get("cut_off"), int):
        name = clean_text(critical.get("name", ""), MAX_NAME)
        who = f"{name} is the single person whose leaving" if show_names and name else "The single departure that"
        critical_line = {
            "name": name if show_names else None,
            "cut_off": critical["cut_off"],
            "text": f"{who} would split the network most: "
            f"{_count(critical['cut_off'], 'person', 'people')} would lose their link to the rest of their group.",
        }
    cut_points = resilience["cut_points"]
    return {
        "scenarios": scenarios,
        "most_critical": critical_line,
        "cut_points": cut_points,
        "text": (
            f"{_count(cut_points, 'person holds', 'people hold')} parts of the network together on their own: without them, someone would be cut off."
            if cut_points
            else "No single person's leaving would split the network."
        ),
        "caveat": (
            "These figures ignore the direction of ties (a nomination either way keeps two people in touch) "
            "and assume that no new ties form after people leave."
        ),
    }


def _echoes(groups: dict, connectors: dict, resilience: dict, advice: dict) -> list[dict]:
    """The network experiment's findings (Case study 10) that this connectors result echoes, each with why."""
    echoes = []
    if groups["outside_core"]:
        because = f"In your network, {_list_names(groups['outside_core'])} {'sits' if len(groups['outside_core']) == 1 else 'sit'} outside the core."
        echoes += [{"because": because, **entry} for entry in advice["when"]["outside_core"]]
    core = connectors["core"]
    if core and core["count"]:
        echoes += [{"because": f"In your network, {core['text'][0].lower()}{core['text'][1:]}", **entry} for entry in advice["when"]["same_core"]]
    key = next((s for s in resilience["scenarios"] if s["label"] == "key connectors"), None)
    if key and key["cut_off"]:
        because = (
            f"If your {_count(key['leaving'], 'key connector')} left, {key['cut_off']:,} of the "
            f"{key['largest_group_before']:,} people in the main group would be cut off."
        )
        echoes += [{"because": because, **entry} for entry in advice["when"]["fragile"]]
    return echoes


def _advice(phase: dict, echoes: list[dict], advice: dict) -> dict:
    phases = _phase_names(advice)
    chosen = [phases[item["id"]] for item in phase["phases"]]
    sections = [
        {
            "id": item["id"],
            "name": item["name"],
            "number": item["number"],
            "items": [{"text": entry["text"], "source": entry["source"]} for entry in item["items"]],
            "empty": None
            if item["items"]
            else f"For the {item['name']} phase the report's toolkit says nothing about networks; the advice for every phase below applies.",
        }
        for item in chosen
    ]
    note = None
    if phase["kind"] == "unclear":
        note = "The diagnostic found no clear phase, so no phase's advice is singled out: the advice for every phase follows."
    elif phase["kind"] == "between":
        note = "The answers sit between two phases, so the advice for both is given."
    return {
        "phases": sections,
        "note": note,
        "general": [{key: entry[key] for key in ("title", "text", "source")} for entry in advice["general"]],
        "linked": echoes,
    }


def combined_report(diagnostic, connectors, show_names: bool = False, data: dict | None = None) -> dict:
    """One report from a diagnostic result and a connectors result (dicts, JSON text or file bytes).

    Returns ``schema``, ``record`` (service, date, respondents or their count, network size),
    ``phase`` (``kind`` clear/between/unclear, ``phases``, ``headline``, ``reason``,
    ``confidence``, ``next_actions``), ``profile`` (the strategic triangle), ``connectors``
    (role counts, with names only when ``show_names``), ``groups`` (outside the core, with the
    chance tests' wording), ``resilience`` (departures) and ``advice`` (the report's advice on
    networks and intermediaries for the phase, cited). ``data`` is the advice bundle (default:
    the packaged one). Raises ``InputError`` with one line naming the file at fault.
    """
    if not isinstance(show_names, bool):
        raise InputError("'show_names' must be true or false")
    advice = _check_advice(load_advice() if data is None else data)
    diagnostic = _read(diagnostic, DIAGNOSTIC_FILE, MAX_DIAGNOSTIC_BYTES)
    connectors = _read(connectors, CONNECTORS_FILE, MAX_CONNECTORS_BYTES)
    _check_diagnostic(diagnostic, advice)
    _check_connectors(connectors)
    phase = _phase(diagnostic, advice)
    groups = _groups(connectors)
    resilience = _resilience(connectors, show_names)
    network = _connectors(connectors, advice, show_names)
    return {
        "schema": REPORT_SCHEMA,
        "show_names": show_names,
        "record": _record(diagnostic, connectors, show_names),
        "phase": phase,
        "profile": _profile(diagnostic, phase["kind"]),
        "connectors": network,
        "groups": groups,
        "resilience": resilience,
        "advice": _advice(phase, _echoes(groups, network, resilience, advice), advice),
    }


# ----------------------------------------------------------------- Markdown


def _cited(text: str, source: str | None) -> str:
    return f"{markdown_text(text)}" + (f" ({markdown_text(source)})" if source else "")


def report_markdown(report: dict) -> str:
    """The report as Markdown: every text from the files is escaped (see :func:`markdown_text`)."""
    md = markdown_text
    record, phase, connectors = report["record"], report["phase"], report["connectors"]
    lines = ["# Innovation lifecycle and connectors: one report", ""]
    lines.append(f"- **Service or area:** {md(record['service']) if record['service'] else 'not given'}")
    lines.append(f"- **Date:** {md(record['date']) if record['date'] else 'not given'}")
    if record["respondents"]:
        lines.append(f"- **Respondents:** {record['respondent_count'] or len(record['respondents'])}: {md(_list_names(record['respondents']))}")
    elif record["respondent_count"]:
        lines.append(f"- **Respondents:** {record['respondent_count']:,}")
    lines.append(f"- **Network:** {record['network_people']:,} people, {record['network_ties']:,} ties")
    lines += ["", "## Phase and profile", ""]
    lines.append(md(phase["headline"]) if phase["kind"] == "unclear" else f"**{md(phase['headline'])}**")
    if phase["reason"]:
        lines += ["", md(phase["reason"])]
    confidence = phase["confidence"]
    if confidence["level"]:
        value = f" ({confidence['value']:.2f} on a scale from 0 to 1)" if confidence["value"] is not None else ""
        lines += ["", f"Confidence: {md(confidence['level'])}{value}."]
    if phase["next_actions"]:
        lines += ["", "Next actions:", ""]
        lines += [f"{i}. **{md(a['title'])}.** {_cited(a.get('text', ''), a.get('source'))}" for i, a in enumerate(phase["next_actions"], 1)]
    if report["profile"]["corners"]:
        lines += ["", f"Strategic triangle ({md(report['profile']['source'])}):", ""]
        for corner in report["profile"]["corners"]:
            compared = (
                f"; our reading of the report's account (§5.3): {md(corner['report'])}"
                + (f" ({md(corner['comparison'])})" if corner["comparison"] else "")
                if corner["report"]
                else ""
            )
            lines.append(f"- {md(corner['name'])}: rated {md(corner['rating'])}{compared}")
    lines += ["", "## Key connectors", "", md(connectors["headline"]), ""]
    for line in connectors["roles"]:
        meaning = f" ({md(line['meaning'])}; {md(line['source'])})" if line["meaning"] else ""
        names = f" {md(_list_names(line['names']))}." if line["names"] else ""
        lines.append(f"- **{line['role'].capitalize()}s**{meaning}: {md(line['text'])}{names}")
    if connectors["core"]:
        names = f" {md(_list_names(connectors['core']['names']))}." if connectors["core"]["names"] else ""
        lines.append(f"- **Core across networks:** {md(connectors['core']['text'])}{names}")
    if connectors["density"]:
        lines += ["", md(connectors["density"]) + (f" {md(connectors['density_caveat'])}" if connectors["density_caveat"] else "")]
    if connectors["caveats"]:
        lines += ["", *[f"- {md(text)}" for text in connectors["caveats"]]]
    groups = report["groups"]
    lines += ["", "## Groups outside the core", "", md(groups["text"])]
    for item in groups["attributes"]:
        lines += ["", f"By {md(item['attribute'])}:", "", *[f"- {md(text)}" for text in item["findings"]]]
    resilience = report["resilience"]
    lines += ["", "## Resilience: if key people left", "", md(resilience["text"]), ""]
    lines += [f"- {md(s['text'])}" for s in resilience["scenarios"]]
    if resilience["most_critical"]:
        lines.append(f"- {md(resilience['most_critical']['text'])}")
    lines += ["", md(resilience["caveat"])]
    advice = report["advice"]
    lines += ["", "## What the report advises about networks and intermediaries", ""]
    if advice["note"]:
        lines += [md(advice["note"]), ""]
    for section in advice["phases"]:
        lines += [f"### Phase {section['number']}: {md(section['name'])}", ""]
        lines += [f"- {_cited(item['text'], item['source'])}" for item in section["items"]] or [md(section["empty"])]
        lines.append("")
    if advice["linked"]:
        lines += ["### What your network result echoes", ""]
        lines += [f"- {md(item['because'])} {_cited(item['text'], item['source'])}" for item in advice["linked"]]
        lines.append("")
    lines += ["### For every phase", ""]
    lines += [f"- **{md(item['title'])}.** {_cited(item['text'], item['source'])}" for item in advice["general"]]
    lines += [
        "",
        "Source: Bacon, Faizullah, Mulgan and Woodcraft, *Transformers: how local areas innovate to address changing social needs* "
        "(NESTA, 2008); the advice is given in this project's own words.",
        "",
    ]
    return "\n".join(lines)
