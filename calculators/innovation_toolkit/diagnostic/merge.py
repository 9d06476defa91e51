"""Merging participants' answers (files or links) into one team, for a facilitated session.

Rules (docs/methods/diagnostic.md, "Team sessions and merging"):

* Sources are added to the team so far, never replacing it, in the order given.
* A source is an answers document (one person or a whole team, as ``read_answers_document``
  reads it) or a link (``#v1:``, ``#v2:``, ``#t1:``, ``#t2:``).
* A person without a name (a bare answers file, a ``v1:`` link) is called "Participant N",
  N being their place in the merged team (the next free number), and listed in ``unnamed``.
* Two people are the same when their names match ignoring case and extra spaces. The
  first one is kept; a later one is not added and is listed in ``duplicates``, saying
  whether the answers were the same (the same file or link loaded twice) or different (two
  people sharing a name, or one person answering twice: rename one and load it again to
  count both). No name is ever changed to make room.
* An unnamed person whose answers are exactly those of someone already in the team (and
  not empty) is taken to be the same file loaded twice, and reported the same way.
* The service or area and the date may come from ``record`` and from any source; values
  that differ (ignoring case and extra spaces) are an error naming both sources.
"""

from __future__ import annotations

from innovation_toolkit.diagnostic.answers import name_key, read_answers_document, validate_record, validate_respondents
from innovation_toolkit.diagnostic.bundle import MAX_RESPONDENTS, MAX_SOURCES, _short
from innovation_toolkit.diagnostic.fragments import decode_link
from innovation_toolkit.diagnostic.reading import check_nesting
from innovation_toolkit.diagnostic.sanitise import plain_text
from innovation_toolkit.errors import InputError

#: Longest source label shown in messages.
LABEL_LENGTH = 80


def _label(source, number: int) -> str:
    label = source.get("label") if isinstance(source, dict) else None
    return plain_text(label, LABEL_LENGTH) if isinstance(label, str) and label.strip() else f"source {number}"


def _read_source(data: dict, source, label: str) -> dict:
    if not isinstance(source, dict):
        raise InputError(f"{label}: expected a mapping with 'label' and 'document' or 'fragment', got {type(source).__name__}")
    unknown = sorted((key for key in source if key not in ("label", "document", "fragment")), key=str)
    if unknown:
        raise InputError(f"{label}: unknown field {_short(unknown[0])} (expected label, document or fragment)")
    if ("document" in source) == ("fragment" in source):
        raise InputError(
            f"{label}: give either 'document' (a loaded answers file) or 'fragment' (a link), not {'both' if 'document' in source else 'neither'}"
        )
    try:
        if "fragment" in source:
            fragment = source["fragment"]
            if isinstance(fragment, str) and "#" in fragment[1:]:  # a whole link pasted: keep what follows the '#'
                fragment = fragment[fragment.index("#", 1) :]
            return decode_link(data, fragment)
        check_nesting(source["document"])
        return read_answers_document(data, source["document"])
    except InputError as error:
        raise InputError(f"{label}: {error}") from None


def _merge_record(record: dict, origins: dict, given: dict, label: str) -> None:
    for field, what in (("service", "service or area"), ("date", "date")):
        value = given.get(field)
        if not value:
            continue
        if record[field] is None:
            record[field], origins[field] = value, label
        elif name_key(record[field]) != name_key(value):
            raise InputError(f"{label}: the {what} is {value!r} but {origins[field]} gives {record[field]!r}; make them the same (or leave one out)")


def combine_records(first: dict, second: dict, first_label: str, second_label: str) -> dict:
    """Two checked records as one: each field from whichever gives it; a one-line error if they differ.

    >>> combine_records({"service": "Youth", "date": None}, {"service": "youth", "date": "2026-12-01"}, "a.yaml", "--date")
    {'service': 'Youth', 'date': '2026-12-01'}
    """
    record, origins = dict(first), dict.fromkeys(("service", "date"), first_label)
    _merge_record(record, origins, second, second_label)
    return record


def _duplicate_message(name: str, first: str, later: str, same: bool) -> str:
    if same:
        return f"{name} is in both {first} and {later} with the same answers: counted once"
    return f"{name} is in both {first} and {later} with different answers: kept the answers from {first}; rename one and load it again to count both"


def merge_respondents(data: dict, sources, respondents=None, record=None, record_label: str = "the record given") -> dict:
    """Add participants' answers files or links to a team; report duplicates.

    ``sources`` is a list of ``{"label": "ann.json", "document": <loaded answers file>}``
    or ``{"label": "link 2", "fragment": "#v2:…"}`` (one person or a whole team each);
    ``respondents`` the team so far (``{"name", "role", "answers"}``, as ``diagnose_team``
    takes it) and ``record`` the service and date so far (called ``record_label`` in
    messages). Returns ``{"respondents": the
    team so far followed by the new people (validated), "added": how many were added,
    "duplicates": [{"name", "sources": [first label, later label], "same_answers",
    "kept": "first", "message"}], "unnamed": [{"name", "source"}], "sources": [{"label",
    "mode", "names"}], "record": {"service", "date"}}``. The rules are in this module's
    docstring. Every problem is a one-line ``InputError`` starting with the source's label.

    >>> from innovation_toolkit.diagnostic.bundle import example_bundle
    >>> merged = merge_respondents(example_bundle(), [
    ...     {"label": "ann.json", "document": {"name": "Ann", "answers": {"pilots": 5}}},
    ...     {"label": "link 2", "fragment": "#v2:n=Bob;a=pilots=2"},
    ...     {"label": "ann again.json", "document": {"name": "ann", "answers": {"pilots": 5}}},
    ... ])
    >>> [person["name"] for person in merged["respondents"]], merged["added"]
    (['Ann', 'Bob'], 2)
    >>> merged["duplicates"][0]["message"]
    'ann is in both ann.json and ann again.json with the same answers: counted once'
    """
    if not isinstance(sources, list):
        raise InputError(f"the files and links to merge must be a list, got {type(sources).__name__}")
    if len(sources) > MAX_SOURCES:
        raise InputError(f"too many files and links at once ({len(sources)}); at most {MAX_SOURCES}")
    team = validate_respondents(data, respondents) if respondents else []
    origin = {name_key(person["name"]): "the team so far" for person in team}
    merged_record = validate_record(record)
    record_origin = dict.fromkeys(("service", "date"), plain_text(record_label, LABEL_LENGTH))
    duplicates, unnamed, read_sources = [], [], []
    added = 0
    for number, source in enumerate(sources, start=1):
        label = _label(source, number)
        read = _read_source(data, source, label)
        _merge_record(merged_record, record_origin, read["record"], label)
        people = read["respondents"] if read["mode"] == "team" else [{"name": read["name"], "role": read["role"], "answers": read["answers"]}]
        names = []
        for person in people:
            if person["name"] is None:
                twin = next((other for other in team if person["answers"] and other["answers"] == person["answers"]), None)
                if twin is not None:
                    first = origin[name_key(twin["name"])]
                    duplicates.append(
                        {
                            "name": twin["name"],
                            "sources": [first, label],
                            "same_answers": True,
                            "kept": "first",
                            "message": f"{label} has no name and the same answers as {twin['name']} from {first}: counted once",
                        }
                    )
                    continue
                taken = {name_key(other["name"]) for other in team}
                serial = len(team) + 1
                while name_key(f"Participant {serial}") in taken:
                    serial += 1
                person = {**person, "name": f"Participant {serial}"}
                unnamed.append({"name": person["name"], "source": label})
            key = name_key(person["name"])
            if key in origin:
                existing = next(other for other in team if name_key(other["name"]) == key)
                same = existing["answers"] == person["answers"]
                duplicates.append(
                    {
                        "name": person["name"],
                        "sources": [origin[key], label],
                        "same_answers": same,
                        "kept": "first",
                        "message": _duplicate_message(person["name"], origin[key], label, same),
                    }
                )
                continue
            if len(team) >= MAX_RESPONDENTS:
                raise InputError(f"{label}: too many respondents (more than {MAX_RESPONDENTS}); merge at most {MAX_RESPONDENTS} people")
            team.append(person)
            origin[key] = label
            names.append(person["name"])
            added += 1
        read_sources.append({"label": label, "mode": read["mode"], "names": names})
    return {
        "respondents": team,
        "added": added,
        "duplicates": duplicates,
        "unnamed": unnamed,
        "sources": read_sources,
        "record": merged_record,
    }
