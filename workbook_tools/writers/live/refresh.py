"""Refresh write-back into the workbook open in Excel (xlwings), in bulk.

It changes what the package writer (:mod:`workbook_tools.writers.file.package_refresh`) changes, and
nothing else: the computed columns beside each table of actions, the Timeline's Ref fills and as-of
month mark, and the sheets Summary, Exceptions, Checks and History. The workbook is not saved:
the officer sees the result and saves it (or not) as with any other change.

Differences that come from working on the open workbook:

* a rebuilt sheet is cleared and written again in place (not deleted and added), so formulas
  elsewhere that point at it keep working; its charts and pictures are deleted and drawn again;
* the values of a table's computed columns go in one write per table, styles one call per
  attribute per run of rows (a run of one RAG colour for the Computed RAG column);
* what the file writer learns from cell styles (is this Ref cell filled in a RAG colour? is
  this month heading the old as-of mark?) is asked of Excel one range at a time, splitting a
  range only where its cells differ (:func:`workbook_tools.sources.live.read_uniform`); an
  engine that cannot report fills (xlwings Server) leaves stale marks alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from workbook_tools import tool_sheets as ts
from workbook_tools.core import layout
from workbook_tools.core.model import Book
from workbook_tools.sources.live import colour, read_uniform, runs
from workbook_tools.tool_sheets.looks import UNMARKED, month_look
from workbook_tools.tool_sheets.timeline import (
    AS_OF_MARK,
    TimelineMarks,
    is_old_rag_mark,
    restored_head_fill,
)
from workbook_tools.writers.live.columns import (
    COMPUTED,
    paint_rags,
    table_ranges,
    write_computed,
)
from workbook_tools.writers.live.sheet import (
    STANDARD_WIDTH,
    apply_look,
    block,
    maybe,
    width_in,
    write_sheet,
)

Progress = Callable[[str], None]


@dataclass
class LiveWrite:
    """What was written: the sheets rebuilt and, per user sheet, the 1-based columns the tool
    owns (computed columns) or styled (the Timeline's Ref column)."""

    owned_sheets: list[str] = field(default_factory=list)
    owned_columns: dict[str, list[int]] = field(default_factory=dict)
    styled_columns: dict[str, list[int]] = field(default_factory=dict)


def write_refresh(
    xl_book: object,
    book: Book,
    result: object,
    *,
    history: Sequence[Mapping],
    generated_at: dt.datetime,
    progress: Progress | None = None,
) -> LiveWrite:
    """Write a refresh of ``result`` (a ``PlanResult`` read from ``book``, the grids of
    ``xl_book``) into the open workbook ``xl_book``.

    Raises :class:`WouldLoseDataError` before writing anything when a sheet refresh rebuilds
    is the user's own. ``progress`` is told, in a few words, what is being written.
    """
    plan = result.plan  # type: ignore[attr-defined]
    check_tool_sheets(book, plan.is_template)
    say = progress or (lambda text: None)
    sheets = sheet_map(xl_book)
    tables = {
        loc.sheet: table_ranges(sheets[loc.sheet.casefold()])
        for loc in plan.tables
        if plan.is_template and loc.sheet.casefold() in sheets
    }
    back = ts.writeback(result, book, history, generated_at, tables=tables)
    active = _active(xl_book)
    say("writing the computed columns")
    written = LiveWrite(owned_columns=write_computed(sheets, back.blocks))
    written.styled_columns = mark_timeline(sheets, back.marks)
    for content in back.sheets:
        say(f"writing {content.name}")
        written.owned_sheets.append(rebuild(xl_book, sheets, book, content))
    _activate(active)
    return written


def write_checks(xl_book: object, book: Book, result: object) -> LiveWrite:
    """Rebuild only the Checks sheet of the open workbook from ``result``."""
    check_tool_sheets(book, result.plan.is_template, names=(layout.CHECKS,))  # type: ignore[attr-defined]
    active = _active(xl_book)
    name = rebuild(xl_book, sheet_map(xl_book), book, ts.checks_sheet(result))
    _activate(active)
    return LiveWrite(owned_sheets=[name])


def sheet_map(xl_book: object) -> dict[str, object]:
    """The workbook's sheets by case-folded name."""
    return {str(s.name).casefold(): s for s in xl_book.sheets}  # type: ignore[attr-defined]


def check_tool_sheets(book: Book, template: bool, names: Sequence[str] = ts.REBUILT) -> None:
    """Refuse (nothing written) when a sheet named like a rebuilt sheet is the user's own
    (:func:`workbook_tools.tool_sheets.check_tool_sheets`, on the grids read from Excel)."""
    infos = [ts.SheetInfo(grid.name, "worksheet", grid.value(0, 0)) for grid in book.sheets]
    ts.check_tool_sheets(infos, template, names)


def _active(xl_book: object) -> object | None:
    try:
        return xl_book.sheets.active  # type: ignore[attr-defined]
    except Exception:  # no active sheet to go back to
        return None


def _activate(sheet: object | None) -> None:
    if sheet is not None:
        maybe(sheet.activate)  # type: ignore[attr-defined]


# --------------------------------------------------------------------------------------------
# Tool sheets
# --------------------------------------------------------------------------------------------


def rebuild(xl_book: object, sheets: dict, book: Book, content: ts.SheetContent) -> str:
    """Clear the tool sheet (adding it, in template order, when missing) and write ``content``;
    return the sheet's name. Column widths go back to Excel's standard and row heights to
    automatic first, so nothing of the old layout is left."""
    sheet = sheets.get(content.name.casefold())
    old = book.sheet(content.name)
    if sheet is None:
        sheet = _add_sheet(xl_book, sheets, content.name)
    else:
        sheet.clear()  # type: ignore[attr-defined]
        for drawing in [*sheet.charts, *sheet.pictures]:  # type: ignore[attr-defined]
            drawing.delete()
    maybe(lambda: setattr(sheet, "show_gridlines", False))
    points = getattr(getattr(xl_book.app, "engine", None), "type", "") == "remote"  # type: ignore[attr-defined]
    columns = max(old.width if old else 0, *content.widths, 26)
    rows = max(len(old.rows) if old else 0, content.last_row, 1)
    block(sheet, 1, 1, 1, columns).column_width = width_in(STANDARD_WIDTH, points)  # type: ignore[attr-defined]
    maybe(lambda: block(sheet, 1, 1, rows, 1).rows.autofit())  # type: ignore[attr-defined]
    write_sheet(sheet, content, points=points)
    return str(sheet.name)  # type: ignore[attr-defined]


def _add_sheet(xl_book: object, sheets: dict, name: str) -> object:
    """A new sheet called ``name`` where :func:`~workbook_tools.tool_sheets.placement` puts it."""
    listed = list(xl_book.sheets)  # type: ignore[attr-defined]
    position = ts.placement([str(s.name) for s in listed], name)
    if position < len(listed):
        sheet = xl_book.sheets.add(name=name, before=listed[position])  # type: ignore[attr-defined]
    else:
        sheet = xl_book.sheets.add(name=name, after=listed[-1])  # type: ignore[attr-defined]
    sheets[name.casefold()] = sheet
    return sheet


# --------------------------------------------------------------------------------------------
# Timeline marks
# --------------------------------------------------------------------------------------------


def mark_timeline(sheets: dict, marks_list: Sequence[TimelineMarks]) -> dict[str, list[int]]:
    """Draw the marks :func:`~workbook_tools.tool_sheets.timeline.timeline_marks` decided: each
    Ref cell on the Timeline in its action's RAG colour, the as-of month's heading marked, and
    marks an earlier refresh made that no longer apply taken back; in blocks of cells."""
    styled: dict[str, list[int]] = {}
    for marks in marks_list:
        sheet, ref_col = sheets.get(marks.sheet.casefold()), marks.ref_column
        if sheet is None:
            continue
        for r1, r2 in runs(list(marks.rags)):
            rng = block(sheet, r1, ref_col, r2, ref_col)
            rng.font.bold = True  # type: ignore[attr-defined]
            rng.font.color = "#000000"  # type: ignore[attr-defined]
        paint_rags(sheet, ref_col, dict(marks.rags))
        for r1, r2 in runs(list(marks.unrated)):
            for (a, _, b, _), rgb in read_uniform(sheet, (r1, ref_col, r2, ref_col), colour) or ():
                if is_old_rag_mark(rgb):
                    apply_look(block(sheet, a, ref_col, b, ref_col), UNMARKED, reset=True)
        _mark_months(sheet, marks)
        styled[str(sheet.name)] = [ref_col]  # type: ignore[attr-defined]
    return styled


def _mark_months(sheet: object, marks: TimelineMarks) -> None:
    """Take the as-of mark off month headings that carry it, then mark the as-of month."""
    by_row: dict[int, list[int]] = {}
    for col, row in marks.heads.items():
        by_row.setdefault(row, []).append(col)
    for row, cols in by_row.items():
        for c1, c2 in runs(sorted(cols)):
            for (_, a, _, b), rgb in read_uniform(sheet, (row, c1, row, c2), colour) or ():
                restored = restored_head_fill(rgb)
                if restored is not None:
                    apply_look(block(sheet, row, a, row, b), month_look(restored))
    for col in marks.as_of_columns:
        row = marks.heads[col]
        apply_look(block(sheet, row, col, row, col), month_look(AS_OF_MARK))


__all__ = [
    "AS_OF_MARK",
    "COMPUTED",
    "LiveWrite",
    "check_tool_sheets",
    "mark_timeline",
    "rebuild",
    "sheet_map",
    "write_checks",
    "write_computed",
    "write_refresh",
]
