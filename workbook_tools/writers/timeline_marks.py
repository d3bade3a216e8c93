"""On the Timeline sheet: each action's Ref cell filled with its RAG, the as-of month marked.

This is the one place refresh styles cells of a sheet that belongs to the user (WORKBOOK.md:
"on Timeline, each Ref cell's fill shows its RAG and the as-of month column is marked"). Only
the sheet named Timeline is marked, only the fill and font of its Ref cells and month headings
change, and a Ref cell whose action is gone, or a month heading no longer the as-of month, loses
the mark again, so repeating a refresh changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from openpyxl.cell.cell import MergedCell
from openpyxl.styles import Font, PatternFill
from openpyxl.workbook.workbook import Workbook

from workbook_tools import layout
from workbook_tools import tool_sheets as ts
from workbook_tools.cells import parse_ref
from workbook_tools.model import Rating
from workbook_tools.writers.sheet_content import fill as _fill
from workbook_tools.writers.sheet_content import rgb_of as _rgb
from workbook_tools.writers.sheet_content import sheet_named as _sheet

#: The fill marking the as-of month's heading on the Timeline.
AS_OF_MARK = "7030A0"
#: The template's heading fill, which a month heading gets back when the mark moves on.
_USER_HEAD = "1F4E78"


def mark_timeline(
    wb: Workbook, plan: object, ratings: Sequence[Rating], as_of: dt.date
) -> dict[str, list[int]]:
    """Fill each Ref cell on the Timeline with its action's RAG colour and mark the as-of month's
    heading; return sheet → the columns styled."""
    by_ref: dict[str, Rating] = {}
    for action, rating in zip(plan.actions, ratings, strict=True):  # type: ignore[attr-defined]
        if action.ref:
            by_ref.setdefault(action.ref, rating)
    rag_fills = {fill for fill, _ in ts.RAG_COLOURS.values()}
    styled: dict[str, list[int]] = {}
    for loc in plan.tables:  # type: ignore[attr-defined]
        if loc.sheet.casefold() != layout.TIMELINE.casefold() or not loc.month_columns:
            continue
        ws = _sheet(wb, loc.sheet)
        ref_col = loc.columns.get("ref")
        if ws is None or ref_col is None:
            continue
        for row in range(loc.first_row, loc.last_row + 1):
            cell = ws.cell(row, ref_col)
            if isinstance(cell, MergedCell):
                continue
            rating = by_ref.get(parse_ref(cell.value) or "")
            if rating is not None:
                fill, colour = ts.RAG_COLOURS[rating.rag.value]
                cell.fill = _fill(fill)
                cell.font = Font(name=cell.font.name, size=cell.font.sz, bold=True, color=colour)
            elif _rgb(cell.fill) in rag_fills:
                cell.fill = PatternFill(fill_type=None)
                cell.font = Font(name=cell.font.name, size=cell.font.sz)
        for col, month in loc.month_columns.items():
            head_row = (
                loc.header_row
                if ws.cell(loc.header_row, col).value is not None
                else (loc.header_row + 1)
            )
            cell = ws.cell(head_row, col)
            if (month.year, month.month) == (as_of.year, as_of.month):
                cell.fill = _fill(AS_OF_MARK)
                cell.font = Font(name=cell.font.name, size=cell.font.sz, bold=True, color="FFFFFF")
            elif _rgb(cell.fill) == AS_OF_MARK:
                cell.fill = _fill(_USER_HEAD)
                cell.font = Font(name=cell.font.name, size=cell.font.sz, bold=True, color="FFFFFF")
        styled[ws.title] = [ref_col]
    return styled


__all__ = ["AS_OF_MARK", "mark_timeline"]
