"""Views over the case-study records (content/case-studies/*.yaml) for the page generator."""

from __future__ import annotations


def table1_rows(case_studies: dict) -> list[dict]:
    """Return the report's Table 1 ("Summary of drivers and enablers") rebuilt from the records.

    Table 1 compares seven case studies by trigger, drivers and enablers, using its own labels
    (which differ in places from each case study's §5 headings). Each record that has a ``table1``
    entry contributes one row; records whose ``table1`` is absent or null have no row in the report.
    Rows come back in the report's order (``table1.row``).

    ``case_studies`` maps slug -> record, as ``load_content()["case-studies"]`` returns it.

    Example:
        >>> rows = table1_rows({"x": {"place": "X", "table1": {"row": 1, "area_label": "X Youth",
        ...     "trigger": "Inspection", "drivers": ["Underperformance"], "enablers": ["Funding"],
        ...     "source": "Table 1"}}})
        >>> rows[0]["case"], rows[0]["trigger"]
        ('x', 'Inspection')

    Raises ValueError when two records claim the same row, so a typo cannot silently reorder or hide
    a row of the table.
    """
    rows: dict[int, dict] = {}
    for slug, record in case_studies.items():
        entry = record.get("table1")
        if not entry:
            continue
        position = entry["row"]
        if position in rows:
            raise ValueError(f"Table 1 row {position} claimed by both '{rows[position]['case']}' and '{slug}'")
        rows[position] = {
            "row": position,
            "case": slug,
            "place": record["place"],
            "area_label": entry["area_label"],
            "trigger": entry["trigger"],
            "drivers": list(entry["drivers"]),
            "enablers": list(entry["enablers"]),
            "note": entry.get("note"),
            "source": entry["source"],
        }
    return [rows[position] for position in sorted(rows)]
