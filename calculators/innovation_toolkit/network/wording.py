"""Counts and lists in plain English: "1 person", "2,000 ties", "Ann, Bob and Cy"."""

from __future__ import annotations


def figure(number: int, singular: str, plural: str | None = None) -> str:
    """``number`` in figures, with thousands separators, and the noun in agreement with it.

    >>> figure(1, "person", "people"), figure(2000, "tie"), figure(0, "connected group")
    ('1 person', '2,000 ties', '0 connected groups')
    """
    return f"{number:,} {singular if number == 1 else (plural or singular + 's')}"


def count(number: int, singular: str, plural: str | None = None) -> str:
    """As :func:`figure`, but "no …" for zero, for running prose.

    >>> count(1, "person", "people"), count(2000, "tie"), count(0, "person", "people")
    ('1 person', '2,000 ties', 'no people')
    """
    return figure(number, singular, plural) if number else f"no {plural or singular + 's'}"


def people(number: int) -> str:
    """``count(number, "person", "people")``.

    >>> people(1), people(3)
    ('1 person', '3 people')
    """
    return count(number, "person", "people")


def names_list(names: list, limit: int = 8) -> str:
    """Names joined as prose: "Ann", "Ann and Bob", "Ann, Bob and Cy", "Ann, … and 3 more".

    >>> names_list(["Ann"]), names_list(["Ann", "Bob", "Cy"]), names_list(list("abcdefghij"), 3)
    ('Ann', 'Ann, Bob and Cy', 'a, b, c and 7 more')
    """
    names = [str(name) for name in names]
    if len(names) > limit:
        return ", ".join(names[:limit]) + f" and {len(names) - limit:,} more"
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def are(number: int, singular: str = "is", plural: str = "are") -> str:
    """The verb that agrees with ``number``: ``are(1)`` is "is", ``are(2, "has", "have")`` "have".

    >>> f"{count(1, 'row')} {are(1, 'has', 'have')} weight 0", f"{count(3, 'row')} {are(3, 'has', 'have')} weight 0"
    ('1 row has weight 0', '3 rows have weight 0')
    """
    return singular if number == 1 else plural
