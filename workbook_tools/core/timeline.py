"""Month-grid timelines (WORKBOOK.md, Timeline sheet).

Month headers may be real dates, month names or abbreviations ("July", "Aug.", "Sept") or single
initials ("J A S O N D J F M A M J", where the run of initials fixes the first month). A month is
planned when its cell holds any value or has a solid fill. Years come from the plan's financial
year: the first month column falls in it (April–December in its first calendar year,
January–March in the second) and the year steps on each time the months wrap past December.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Sequence

from .dates import full_year, month_number
from .model import Grid

_INITIALS = "JFMAMJJASOND"
_MONTH_YEAR = re.compile(r"^([A-Za-z]{3,9})\.?[\s'-]*(\d{2}|\d{4})$")
_MIN_MONTHS = 3
_MIN_INITIALS = 6


def _month_of(value: object) -> tuple[int, int | None] | None:
    if isinstance(value, dt.datetime):
        return value.month, value.year
    if isinstance(value, dt.date):
        return value.month, value.year
    if isinstance(value, str):
        text = value.strip().rstrip(".").strip()
        if 3 <= len(text) <= 10 and text.isalpha():
            month = month_number(text)
            if month:
                return month, None
        dated = _MONTH_YEAR.match(value.strip())
        if dated and (month := month_number(dated.group(1))):
            return month, full_year(dated.group(2))
    return None


def _initial_run(row: list[object]) -> dict[int, tuple[int, int | None]]:
    """Month columns from a run of single-letter initials, when the run fits the calendar."""
    best: dict[int, tuple[int, int | None]] = {}
    c = 0
    while c < len(row):
        start = c
        letters = []
        while c < len(row) and isinstance(row[c], str) and row[c].strip().upper() in set(_INITIALS):
            if len(row[c].strip()) != 1:
                break
            letters.append(row[c].strip().upper())
            c += 1
        if len(letters) >= _MIN_INITIALS:
            seq = "".join(letters)
            # Prefer a start in April (the financial year), then any month that fits.
            for first in [4, *range(1, 13)]:
                cycle = "".join(_INITIALS[(first - 1 + i) % 12] for i in range(len(seq)))
                if cycle == seq:
                    best = {start + i: ((first - 1 + i) % 12 + 1, None) for i in range(len(seq))}
                    break
            if best:
                return best
        c = max(c, start + 1)
    return best


def month_columns(row: list[object]) -> dict[int, tuple[int, int | None]]:
    """The columns of ``row`` that are month headers, as ``col → (month, year or None)``.

    At least three month cells are needed to count as a grid; single initials need a run of six.
    """
    found = {c: m for c, value in enumerate(row) if (m := _month_of(value)) is not None}
    if len(found) >= _MIN_MONTHS:
        return found
    return _initial_run(row)


def month_dates(
    months: dict[int, tuple[int, int | None]], fy_start_year: int
) -> dict[int, dt.date]:
    """The first day of each month column, years taken from the headers or from the plan year."""
    result: dict[int, dt.date] = {}
    year: int | None = None
    previous: int | None = None
    for col in sorted(months):
        month, known = months[col]
        if known is not None:
            year = known
        elif year is None:
            year = fy_start_year if month >= 4 else fy_start_year + 1
        elif previous is not None and month <= previous:
            year += 1
        result[col] = dt.date(year, month, 1)
        previous = month
    return result


def is_mark(value: object) -> bool:
    """Whether a month cell's value marks the month as planned: any value but blank text and a
    note of three words or more ("(this is 12.1 and 12.2 combined)" typed across the grid)."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip()) and len(value.split()) < 3
    return True


def planned_months(grid: Grid, r: int, columns: dict[int, dt.date]) -> tuple[dt.date, ...]:
    """The months planned in row ``r``: month cells holding a mark (:func:`is_mark`) or a solid
    fill."""
    row = grid.rows[r] if 0 <= r < len(grid.rows) else ()
    filled = {c for c in columns if (r, c) in grid.fills}
    return marks_in(row, filled, columns)


def fills_by_row(fills: Collection[tuple[int, int]]) -> dict[int, set[int]]:
    """The filled columns of each row, from a grid's ``fills`` (grouped once per sheet, so a row
    is looked up once rather than once per month column)."""
    by_row: dict[int, set[int]] = {}
    for r, c in fills:
        by_row.setdefault(r, set()).add(c)
    return by_row


def marks_in(
    row: Sequence[object], filled: Collection[int], columns: dict[int, dt.date]
) -> tuple[dt.date, ...]:
    """:func:`planned_months` of a row given its values and its filled columns (month columns
    are never negative)."""
    width = len(row)
    planned = [
        first
        for col, first in columns.items()
        if col in filled or (col < width and (value := row[col]) is not None and is_mark(value))
    ]
    return tuple(sorted(planned))
