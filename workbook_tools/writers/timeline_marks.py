"""On the Timeline sheet of an openpyxl workbook: draw the marks
:func:`~workbook_tools.tool_sheets.timeline.timeline_marks` decides.

This is the one place refresh styles cells of a sheet that belongs to the user: only the fill and
font of the Timeline's Ref cells and month headings change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from openpyxl.cell.cell import MergedCell
from openpyxl.styles import Font, PatternFill
from openpyxl.workbook.workbook import Workbook

from workbook_tools import tool_sheets as ts
from workbook_tools.model import Rating
from workbook_tools.tool_sheets.timeline import (
    AS_OF_MARK,
    is_old_rag_mark,
    restored_head_fill,
    timeline_marks,
)
from workbook_tools.writers.sheet_content import fill as _fill
from workbook_tools.writers.sheet_content import rgb_of as _rgb
from workbook_tools.writers.sheet_content import sheet_named as _sheet


def mark_timeline(
    wb: Workbook, plan: object, ratings: Sequence[Rating], as_of: dt.date
) -> dict[str, list[int]]:
    """Fill each Ref cell on the Timeline with its action's RAG colour and mark the as-of month's
    heading; return sheet → the columns styled."""

    def value(sheet: str, row: int, col: int) -> object:
        ws = _sheet(wb, sheet)
        return None if ws is None else ws.cell(row, col).value

    styled: dict[str, list[int]] = {}
    for marks in timeline_marks(plan, ratings, as_of, value):  # type: ignore[arg-type]
        ws = _sheet(wb, marks.sheet)
        if ws is None:
            continue
        for row, rag in marks.rags.items():
            cell = ws.cell(row, marks.ref_column)
            if not isinstance(cell, MergedCell):
                fill, colour = ts.RAG_COLOURS[rag]
                cell.fill = _fill(fill)
                cell.font = Font(name=cell.font.name, size=cell.font.sz, bold=True, color=colour)
        for row in marks.unrated:
            cell = ws.cell(row, marks.ref_column)
            if not isinstance(cell, MergedCell) and is_old_rag_mark(_rgb(cell.fill)):
                cell.fill = PatternFill(fill_type=None)
                cell.font = Font(name=cell.font.name, size=cell.font.sz)
        for col, head_row in marks.heads.items():
            cell = ws.cell(head_row, col)
            mark = AS_OF_MARK if col in marks.as_of_columns else restored_head_fill(_rgb(cell.fill))
            if mark is None:
                continue
            cell.fill = _fill(mark)
            cell.font = Font(name=cell.font.name, size=cell.font.sz, bold=True, color="FFFFFF")
        styled[ws.title] = [marks.ref_column]
    return styled


__all__ = ["AS_OF_MARK", "mark_timeline"]
