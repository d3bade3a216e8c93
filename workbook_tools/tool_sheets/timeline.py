"""The Timeline's marks as plain data: which Ref cell shows which RAG, which month is the as-of.

WORKBOOK.md: "on Timeline, each Ref cell's fill shows its RAG and the as-of month column is marked".
:func:`timeline_marks` decides that once; the package writer
(:mod:`workbook_tools.writers.file.package_refresh`) and the live writer
(:mod:`workbook_tools.writers.live.refresh`, xlwings) only draw it, so a refreshed file and a
refreshed open workbook are marked alike. Only the sheet named Timeline is marked, and a refresh
takes back marks an earlier one made that no longer apply (a Ref cell whose action is gone, a month
heading no longer the as-of month), so repeating a refresh changes nothing: which rows and headings
may carry such a mark is decided here, and :func:`is_old_rag_mark` and :func:`restored_head_fill`
say, from a cell's fill as a writer reads it, whether it does and what it becomes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..core import layout
from ..core.cells import parse_ref
from ..core.model import Plan, Rating
from .content import RAG_COLOURS

#: The fill marking the as-of month's heading on the Timeline.
AS_OF_MARK = "7030A0"
#: The template's heading fill, which a month heading gets back when the mark moves on.
USER_HEAD = "1F4E78"

#: The fills a Ref cell takes from its RAG (as ``RRGGBB``): an earlier refresh's marks.
RAG_FILLS: frozenset[str] = frozenset(fill for fill, _ in RAG_COLOURS.values())

#: ``value(sheet, row, column)``: a cell's value, 1-based, as the workbook holds it now.
CellValue = Callable[[str, int, int], object]


@dataclass(frozen=True)
class TimelineMarks:
    """The marks of one Timeline table (1-based rows and columns).

    ``rags`` maps a row to the RAG word its Ref cell shows; ``unrated`` lists the table's other
    rows (a RAG fill an earlier refresh left in their Ref cell is taken back); ``heads`` maps
    each month column to the row holding its heading (the header row, or the row below when a
    two-row header leaves it blank); ``as_of_columns`` are the month columns of the as-of month.
    """

    sheet: str
    ref_column: int
    rags: dict[int, str]
    unrated: tuple[int, ...]
    heads: dict[int, int]
    as_of_columns: tuple[int, ...]


def timeline_marks(
    plan: Plan, ratings: Sequence[Rating], as_of: dt.date, value: CellValue
) -> list[TimelineMarks]:
    """The marks for every month-grid table on the Timeline sheet of ``plan``.

    A Ref cell shows the RAG of the first action with that ref. ``value`` reads the sheet as it
    is now (the writers pass their own workbook), so the marks follow what the cells hold.
    """
    by_ref: dict[str, Rating] = {}
    for action, rating in zip(plan.actions, ratings, strict=True):
        if action.ref:
            by_ref.setdefault(action.ref, rating)
    found: list[TimelineMarks] = []
    for loc in plan.tables:
        ref_column = loc.columns.get("ref")
        if (
            loc.sheet.casefold() != layout.TIMELINE.casefold()
            or not loc.month_columns
            or ref_column is None
        ):
            continue
        rags: dict[int, str] = {}
        unrated: list[int] = []
        for row in range(loc.first_row, loc.last_row + 1):
            rating = by_ref.get(parse_ref(value(loc.sheet, row, ref_column)) or "")
            if rating is None:
                unrated.append(row)
            else:
                rags[row] = rating.rag.value
        heads = {
            col: loc.header_row
            if value(loc.sheet, loc.header_row, col) is not None
            else loc.header_row + 1
            for col in loc.month_columns
        }
        as_of_columns = tuple(
            col
            for col, month in loc.month_columns.items()
            if (month.year, month.month) == (as_of.year, as_of.month)
        )
        found.append(
            TimelineMarks(loc.sheet, ref_column, rags, tuple(unrated), heads, as_of_columns)
        )
    return found


def is_old_rag_mark(fill: object) -> bool:
    """Whether ``fill`` (``RRGGBB``, as read from an unrated row's Ref cell) is a RAG mark an
    earlier refresh left, to be taken back (the fill removed, the font plain again)."""
    return isinstance(fill, str) and fill.upper() in RAG_FILLS


def restored_head_fill(fill: object) -> str | None:
    """The fill a month heading that is not the as-of month gets back: :data:`USER_HEAD` when
    ``fill`` (``RRGGBB``) is an earlier refresh's :data:`AS_OF_MARK`, else ``None`` (left
    alone)."""
    return USER_HEAD if isinstance(fill, str) and fill.upper() == AS_OF_MARK else None


__all__ = [
    "AS_OF_MARK",
    "RAG_FILLS",
    "USER_HEAD",
    "CellValue",
    "TimelineMarks",
    "is_old_rag_mark",
    "restored_head_fill",
    "timeline_marks",
]
