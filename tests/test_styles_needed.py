"""Where the reader of the open workbook must ask for styles (core/styles_needed.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from workbook_tools.core.model import Book, Grid
from workbook_tools.core.reading import read_plan
from workbook_tools.core.styles_needed import StylesNeeded, runs, styles_needed

TODAY = dt.date(2008, 6, 30)


@pytest.mark.parametrize(
    ("numbers", "expected"),
    [
        ([], []),
        ([3], [(3, 3)]),
        ([5, 3, 4, 9, 10, 12], [(3, 5), (9, 10), (12, 12)]),
    ],
)
def test_runs(numbers: list[int], expected: list[tuple[int, int]]) -> None:
    """Numbers in any order become runs of consecutive numbers."""
    assert runs(numbers) == expected


def test_percent_column_and_month_grid_are_asked() -> None:
    """A table with % Complete and month columns asks for the % column over its actions and the
    month grid down to the sheet's last row."""
    rows: list[list[object]] = [
        ["Ref", "Action", "Lead", "Deadline", "% Complete", "Apr", "May", "Jun", "Notes"],
        ["1.1", "Draft the plan", "Ann", "31/03/2009", 0.5, "x", None, None],
        ["1.2", "Consult", "Bob", "31/12/2008", 0.2, None, "x", None],
        [],
        [None, None, None, None, None, None, None, None, "a note far below"],
    ]
    book = Book("plan.xlsx", [Grid("Actions", rows)])
    plan = read_plan(book, today=TODAY)
    (needed,) = styles_needed(plan, book)
    assert needed == StylesNeeded("Actions", percent=((2, 5, 3, 5),), months=((2, 6, 5, 8),))
