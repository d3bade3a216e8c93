"""Where the reader needs a cell's style, for a reader that must ask for styles block by block.

A saved file gives every cell's fill and number format with its values. The workbook open in
Excel does not: each question crosses into Excel, so the reader of the open workbook asks only
where the plan's reading depends on a style (:func:`styles_needed`), after reading the plan
from the values alone:

* the **% Complete** column of each table of actions, from its first action to its last: a
  fraction there is a percentage when the cell is formatted as one;
* the **month grids** (the Timeline's, or any table's month columns), from the first action to
  the sheet's last row (a row marked only by fills may be below the last value): a month is
  planned when its cell is filled.

The answer is plain data, so the use case asks the core where, then asks the adapter for those
blocks (:func:`workbook_tools.sources.live.add_styles`); the adapter never reads the plan.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .model import Book, Plan

#: A block of cells: first row, first column, last row, last column (1-based, inclusive).
Rect = tuple[int, int, int, int]


@dataclass(frozen=True)
class StylesNeeded:
    """The blocks of one sheet whose styles the reader needs: ``percent`` (asked for number
    formats) and ``months`` (asked for fills)."""

    sheet: str
    percent: tuple[Rect, ...] = ()
    months: tuple[Rect, ...] = ()


def styles_needed(plan: Plan, book: Book) -> list[StylesNeeded]:
    """Where ``plan``, read from ``book`` (its values read, no styles yet), needs styles: one
    entry per table of actions."""
    found = []
    for loc in plan.tables:
        grid = book.sheet(loc.sheet)
        if grid is None:
            continue
        col = loc.columns.get("percent")
        percent: tuple[Rect, ...] = ()
        if col is not None and loc.last_row >= loc.first_row:
            percent = ((loc.first_row, col, loc.last_row, col),)
        bottom = max(loc.last_row, len(grid.rows))
        months: tuple[Rect, ...] = ()
        if bottom >= loc.first_row:
            months = tuple((loc.first_row, a, bottom, b) for a, b in runs(loc.month_columns))
        found.append(StylesNeeded(loc.sheet, percent, months))
    return found


def runs(numbers: Iterable[int]) -> list[tuple[int, int]]:
    """Consecutive row (or column) numbers as (first, last) runs."""
    found: list[tuple[int, int]] = []
    for number in sorted(numbers):
        if found and found[-1][1] == number - 1:
            found[-1] = (found[-1][0], number)
        else:
            found.append((number, number))
    return found


__all__ = ["Rect", "StylesNeeded", "runs", "styles_needed"]
