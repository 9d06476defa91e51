"""Two-mode data (people × events, projects or meetings): recognise it and link people through it.

A two-mode file ties people to the events they attended (Davis's Southern Women: 18
women, 14 events), not people to people. Read as it stands, events would be analysed as if
they were people, and the busiest event would come out as a hub. So the file is
recognised, and then read as its **projection**: two people are tied when they share an
event, and the tie's weight is the number of events they share.

How it is recognised (``evidence``):

* ``"header"`` — a column headed like a person (``person``, ``member``, ``woman`` …) beside
  one headed like an event (``event``, ``project``, ``meeting``, ``club`` …);
* ``"attribute"`` — a GraphML/GEXF/JSON node attribute ``bipartite`` (networkx's
  convention) or a true/false ``type`` (igraph's) splits the nodes in two, and every tie
  joins the two sides;
* ``"pattern"`` — no name appears in both columns of an edge list (not a survey's
  nominations), and several second-column names are shared by several first-column
  names: the file only *looks* two-mode, so it is read as it stands, with a note saying
  how to read it as two-mode. Any tree, path or other bipartite network of people looks
  the same when its rows happen to be written one way round, and the same network must
  not be read differently because its rows were.

``mode`` chooses: ``"auto"`` (project on header or attribute evidence), ``"two-mode"``
(project; people are the first column, or the side of the first node listed — networkx,
igraph and Pajek files all list people first) or ``"one-mode"`` (never project).
"""

from __future__ import annotations

from innovation_toolkit.errors import InputError
from innovation_toolkit.network import limits
from innovation_toolkit.network.records import Note, ParsedTies, Tie
from innovation_toolkit.network.wording import count, names_list

MODES = ("auto", "one-mode", "two-mode")
_SIDE_ATTRIBUTES = ("bipartite", "type")


def check_mode(mode: object) -> str:
    if mode not in MODES:
        raise InputError(f"'mode' must be one of {', '.join(MODES)}, not {str(mode)[:40]!r}")
    return str(mode)


def _sides_from_attribute(parsed: ParsedTies) -> tuple[set[str], str] | None:
    """(people, attribute name) when a node attribute splits the nodes in two and every tie crosses."""
    for key in _SIDE_ATTRIBUTES:
        found = {name: parsed.attributes.get(name, {}).get(key) for name in parsed.names}
        values = {name: value for name, value in found.items() if value is not None}
        distinct = {v.casefold() for v in values.values()}
        if len(values) < len(found) or len(distinct) != 2:
            continue
        if key == "type" and distinct != {"true", "false"}:
            continue
        first = values[parsed.names[0]].casefold()
        people = {name for name, value in values.items() if value.casefold() == first}
        if all((tie.source in people) != (tie.target in people) for tie in parsed.ties):
            return people, key
    return None


def _looks_two_mode(parsed: ParsedTies) -> bool:
    if parsed.info.get("delimiter") is None or parsed.info.get("nominations") or len(parsed.ties) < 4:
        return False  # survey nominations name people in both columns, even when no respondent is named
    firsts = {tie.source for tie in parsed.ties}
    seconds = {tie.target for tie in parsed.ties}
    if firsts & seconds or len(firsts) < 2 or len(seconds) < 2:
        return False
    shared: dict[str, set[str]] = {}
    for tie in parsed.ties:
        shared.setdefault(tie.target, set()).add(tie.source)
    return sum(1 for sources in shared.values() if len(sources) >= 2) >= 2


def apply(parsed: ParsedTies, mode: str) -> ParsedTies:
    """Return ``parsed`` itself, or its people-to-people projection, with ``info["two_mode"]`` set."""
    check_mode(mode)
    header = parsed.info.get("two_mode")
    evidence = header["evidence"] if header else None
    people: set[str] | None = None
    if header:
        people = {tie.source for tie in parsed.ties} | {n for n in parsed.names if n not in {t.target for t in parsed.ties}}
        described = f"the columns are headed {header['people']!r} and {header['events']!r}"
    else:
        found = _sides_from_attribute(parsed)
        if found:
            people, key = found
            evidence = "attribute"
            described = f"the node attribute {key!r} splits the nodes into two sides and every tie joins them"
        elif _looks_two_mode(parsed):
            evidence = "pattern"
            people = {tie.source for tie in parsed.ties} | {n for n in parsed.names if n not in {t.target for t in parsed.ties}}
            described = "no name appears in both columns, and several names in the second column are shared"
    if mode == "one-mode" or (mode == "auto" and evidence in (None, "pattern")):
        parsed.info["two_mode"] = {"evidence": evidence, "projected": False}
        if evidence == "pattern":
            parsed.notes.append(
                Note(
                    "two-mode",
                    f"This may be two-mode data (people and the events, projects or meetings they share): {described}. "
                    "It is read as ties between people; if the second column holds events, choose people to events "
                    "(command line: --two-mode) to link the people who share them",
                )
            )
        elif evidence is not None:
            parsed.notes.append(Note("two-mode", f"Read as one-mode, as asked, although {described}: the events are analysed as if they were people"))
        return parsed
    if people is None:
        people = {tie.source for tie in parsed.ties}
        described = "you chose two-mode: people are the first column, events the second"
        clash = people & {tie.target for tie in parsed.ties}
        if clash:
            raise InputError(f"cannot read this as two-mode: {names_list(sorted(map(repr, clash)), 3)} appear in both columns")
    return project(parsed, people, evidence or "chosen", described)


def project(parsed: ParsedTies, people: set[str], evidence: str, described: str) -> ParsedTies:
    """People tied when they share an event, weighted by how many they share.

    >>> from innovation_toolkit.network.records import ParsedTies, Tie
    >>> ties = [Tie("Ann", "E1"), Tie("Bob", "E1"), Tie("Bob", "E2"), Tie("Cy", "E2"), Tie("Ann", "E2")]
    >>> parsed = project(ParsedTies(ties, ["Ann", "Bob", "Cy", "E1", "E2"], {}, {}, []), {"Ann", "Bob", "Cy"}, "chosen", "")
    >>> sorted((t.source, t.target, t.weight) for t in parsed.ties)
    [('Ann', 'Bob', 2.0), ('Ann', 'Cy', 1.0), ('Bob', 'Cy', 1.0)]
    """
    members: dict[str, dict[str, None]] = {}
    weighted = False
    for tie in parsed.ties:
        person, event = (tie.source, tie.target) if tie.source in people else (tie.target, tie.source)
        if event in people:
            raise InputError(f"cannot read this as two-mode: {person!r} and {event!r} are both people but tied to each other ({tie.where})")
        members.setdefault(event, {})[person] = None
        weighted = weighted or tie.weight != 1.0
    pairs_to_make = sum(len(group) * (len(group) - 1) // 2 for group in members.values())
    if pairs_to_make > limits.MAX_ROWS:
        raise InputError(
            f"linking people who share events would make {pairs_to_make:,} ties, more than the {limits.MAX_ROWS:,} the engine reads: "
            "leave out the largest events (everyone-invited meetings say little about who works with whom)"
        )
    shared: dict[tuple[str, str], list[str]] = {}
    order = {name: i for i, name in enumerate(parsed.names)}
    for event, group in members.items():
        attendees = sorted(group, key=lambda name: order.get(name, len(order)))
        for i, a in enumerate(attendees):
            for b in attendees[i + 1 :]:
                shared.setdefault((a, b), []).append(event)
    ties = [Tie(a, b, float(len(events)), None, f"shared: {names_list(events, 3)}") for (a, b), events in shared.items()]
    names = [name for name in parsed.names if name in people]
    events = [name for name in parsed.names if name not in people]
    notes = list(parsed.notes)
    notes.append(
        Note(
            "two-mode",
            f"Two-mode data ({described}): {count(len(names), 'person', 'people')} and {count(len(events), 'event')}. "
            "People are tied when they share an event, and a tie's weight is the number of events they share; "
            "events hold no roles" + ("; the original ties' weights are not used" if weighted else ""),
        )
    )
    tied = {name for pair in shared for name in pair}
    alone = [name for name in names if name not in tied]
    info = {
        **parsed.info,
        "two_mode": {
            "evidence": evidence,
            "projected": True,
            "people": len(names),
            "events": len(events),
            "event_names": events[: limits.MAX_LISTED],
            "sentence": notes[-1].message,
        },
    }
    if alone:
        notes.append(
            Note("two-mode", f"{count(len(alone), 'person', 'people').capitalize()} share no event with anyone and have no ties", alone, len(alone))
        )
    attributes = {name: values for name, values in parsed.attributes.items() if name in people}
    return ParsedTies(ties, names, attributes, info, notes, False)
