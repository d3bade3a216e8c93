"""Cheap tests of one row below a table's header, run on every row of a sheet: could it be a
repeated header, does it have the substance of an action, does it fit the table's shape.

Used by :mod:`workbook_tools.core.tables` (``state`` is its table state: header and grid).
"""

from __future__ import annotations

from typing import Any

from .deadlines import read_deadline
from .headings import SUBSTANCE_FIELDS, candidates


def fits_table(state: Any, cleaned: list) -> bool:
    """Whether a row reads as an action of the current table: nothing beyond its columns, text
    in its text column, and a lead (a name) or a deadline (a date) in theirs."""
    columns, last = state.header.columns, state.header.last_col
    if any(value not in (None, "") for value in cleaned[last + 1 :]):
        return False

    def words(key: str | None) -> str | None:
        col = columns.get(key) if key else None
        value = cleaned[col] if col is not None and col < len(cleaned) else None
        return str(value) if value not in (None, "") else None

    text, lead, deadline = words(state.header.text_field), words("lead"), words("deadline")
    named = lead is not None and any(ch.isalpha() for ch in lead)
    return text is not None and (
        named or (deadline is not None and bool(read_deadline(deadline).dates))
    )


def may_be_header(state: Any, row: list, cells: list, known: dict[str, bool]) -> bool:
    """A cheap first test of a row for a header: two cells or more, and a known heading among
    its first two cells or in the current table's text column (most data rows stop here).
    ``known`` remembers the answer for each text (only a text can be a heading)."""
    if len(cells) < 2:
        return False
    text_col = state.text_col
    probes = [cells[0][1], cells[1][1]]
    if text_col is not None and text_col < len(row):
        probes.append(row[text_col])
    for value in probes:
        if value.__class__ is str:
            heading = known.get(value)
            if heading is None:
                heading = known[value] = bool(candidates(value))
        else:
            heading = bool(candidates(value))
        if heading:
            return True
    return False


def has_substance(values: dict[str, object]) -> bool:
    """Whether any of the fields that make a row an action holds a value."""
    for key in SUBSTANCE_FIELDS:
        value = values.get(key)
        if value is not None and value != "":
            return True
    return False
