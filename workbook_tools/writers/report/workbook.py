"""The corporate report (WORKBOOK.md, "The corporate report") written as a new workbook package.

The content is plain data (:mod:`workbook_tools.report_sheets`); this writes it with the
project's own part writers, the same ones refresh writes its rebuilt sheets with: the Summary
through :func:`~workbook_tools.writers.file.sheet_xml.sheet_xml` with its native chart
(:mod:`~workbook_tools.writers.file.chart_xml`), and the four tables (Register, Exceptions, Checks,
Sources) through the fast row writer (:mod:`~workbook_tools.writers.file.table_xml`), each an Excel
table with its header frozen and repeated on every printed page. Every string is stored as
text, so the report holds no formula.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from workbook_tools.core.model import column_letter
from workbook_tools.report_sheets import (
    checks_sheet,
    exceptions_sheet,
    register_pairs,
    register_sheet,
    sources_sheet,
    summary_sheet,
)
from workbook_tools.report_sheets.table import TableSheet
from workbook_tools.tool_sheets.content import SheetContent
from workbook_tools.writers.file.chart_xml import Placed, chart_size, chart_xml, drawing_xml
from workbook_tools.writers.file.new_book import LEVEL, NewBook
from workbook_tools.writers.file.sheet_xml import sheet_xml, title_rows_name
from workbook_tools.writers.file.table_xml import TABLE_TYPE, table_part_xml, table_sheet_writer
from workbook_tools.writers.file.tool_parts import CHART_TYPE, DRAWING_TYPE

if TYPE_CHECKING:
    from workbook_tools.core.consolidation import ConsolidationResult

PRINT_TITLES, PRINT_AREA = "_xlnm.Print_Titles", "_xlnm.Print_Area"


def write_report(
    path: str | os.PathLike[str], result: ConsolidationResult, *, level: int = LEVEL
) -> None:
    """Write the corporate report for ``result`` to ``path`` (a new file; the caller makes the
    write atomic) at zlib ``level``."""
    book = NewBook(
        title="Corporate report",
        description="Made by workbook-tools consolidate",
        created=result.generated,
    )
    add_summary(book, summary_sheet(result))
    pairs = register_pairs(result)
    for sheet in (
        register_sheet(pairs),
        exceptions_sheet(pairs, result.as_of),
        checks_sheet(result),
        sources_sheet(result),
    ):
        add_table_sheet(book, sheet)
    book.write(os.fspath(path), level=level)


def add_summary(book: NewBook, content: SheetContent) -> None:
    """The Summary sheet (the first tab, selected), its chart and its print area."""
    index = len(book.sheets)
    part = book.add_sheet(content.name)
    drawing = _drawing(book, part, content)
    xml = sheet_xml(
        content, book.styles, drawing_id=drawing, selected=index == 0, strings=book.strings
    )
    book.set(part, xml)
    last_col = column_letter(max([1, *content.widths, *(c for _, c in content.cells)]))
    quoted = content.name.replace("'", "''")
    book.define(PRINT_AREA, f"'{quoted}'!$A$1:${last_col}${max(1, content.last_row)}", index)


def _drawing(book: NewBook, part: str, content: SheetContent) -> str | None:
    """The sheet's drawing with its native charts; its relationship id."""
    if not content.charts:
        return None
    drawing = book.free_name("xl/drawings/drawing{}.xml")
    book.set(drawing, b"", DRAWING_TYPE)
    placed = []
    for spec in content.charts:
        chart = book.free_name("xl/charts/chart{}.xml")
        book.set(chart, chart_xml(spec, content.name, content.cells), CHART_TYPE)
        rel_id = book.add_rel(drawing, "chart", chart)
        name = f"Chart {len(placed) + 1}"
        placed.append(Placed("chart", spec.anchor, chart_size(spec), rel_id, name, spec.title))
    book.set(drawing, drawing_xml(placed))
    return book.add_rel(part, "drawing", drawing)


def add_table_sheet(book: NewBook, sheet: TableSheet) -> None:
    """A sheet holding one Excel table, its header repeated on every printed page."""
    index = len(book.sheets)
    part = book.add_sheet(sheet.name)
    table = book.free_name("xl/tables/table{}.xml")
    number = int(table.rsplit("table", 1)[1].split(".")[0])
    book.set(table, table_part_xml(sheet, number), TABLE_TYPE)
    rel_id = book.add_rel(part, "table", table)
    writer = table_sheet_writer(sheet, book.styles, book.strings, table_rel=rel_id)
    book.set(part, writer)
    book.define(PRINT_TITLES, title_rows_name(sheet.name, (sheet.top, sheet.top)), index)


__all__ = ["add_summary", "add_table_sheet", "write_report"]
