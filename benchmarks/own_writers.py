"""The project's own part writers as candidates for ``bench_writers.py``.

* ``part-writer``: every sheet as a :class:`~workbook_tools.tool_sheets.SheetContent` (one
  :class:`CellSpec` per cell) written by :func:`~workbook_tools.writers.file.sheet_xml.sheet_xml`,
  the writer of refresh's rebuilt sheets, into a new package: no Excel tables (``SheetContent``
  has none), everything else;
* ``xlsxwriter+rows``: XlsxWriter writes the Summary and its chart (and empty sheets for the
  rest); the package is then rewritten by refresh's package writer
  (:class:`~workbook_tools.writers.file.package.PackageWriter`) with the three large sheets written
  by the fast row writer (:mod:`workbook_tools.writers.file.table_xml`), their texts added to
  XlsxWriter's shared strings and their styles to its style sheet;
* ``part+rows`` (what the report uses): the Summary by ``sheet_xml``, the three large sheets by
  the fast row writer, in a new package (:class:`~workbook_tools.writers.file.new_book.NewBook`),
  at zlib level 3 (the report's); ``part+rows-z1`` and ``part+rows-z6`` the same at zlib levels
  1 and 6 (6 is zlib's default, and what XlsxWriter uses).
"""

from __future__ import annotations

from workbook_tools.report_sheets.table import RAG_LOOKS, Column, TableSheet
from workbook_tools.tool_sheets.content import (
    DATE,
    INT,
    RAG_CELL,
    RAG_COLOURS,
    WRAP,
    ChartSpec,
    Series,
    SheetContent,
)
from workbook_tools.writers.file.new_book import NewBook
from workbook_tools.writers.report.workbook import add_summary, add_table_sheet

OWN = ("part-writer", "xlsxwriter+rows", "part+rows", "part+rows-z1", "part+rows-z6")
RAG = tuple(RAG_COLOURS)


def summary() -> SheetContent:
    """The small Summary every candidate writes: a directorate × RAG table and its chart."""
    sheet = SheetContent("Summary")
    sheet.heading_row(1, 1, ["Directorate", *RAG])
    for r in range(2, 7):
        sheet.put(r, 1, f"Directorate {r - 1}")
        for c in range(2, 7):
            sheet.put(r, c, (r - 1) * (c - 1), INT)
    series = tuple(Series((1, c), (c, 2, 6), RAG_COLOURS[w][0]) for c, w in enumerate(RAG, 2))
    chart = ChartSpec("stacked-bar", "Actions by RAG", (8, 1), 16, 8, (1, 2, 6), series)
    sheet.charts.append(chart)
    return sheet


def table_sheets(data: list) -> list[TableSheet]:
    """The benchmark's three sheets as the report describes them."""
    found = []
    for name, headings, rows, rags, dates, wrapped in data:
        columns = [
            Column(h, 40 if c in wrapped else 12,
                   DATE if c in dates else WRAP if c in wrapped else "body",
                   RAG_LOOKS if c in rags else {})
            for c, h in enumerate(headings)
        ]  # fmt: skip
        found.append(TableSheet(name, name, columns, rows))
    return found


def write_part_rows(path: str, data: list, chart: bool, level: int = 3) -> None:
    """``part+rows``: a new package, Summary by sheet_xml, tables by the fast row writer."""
    import datetime as dt

    book = NewBook(title="Report", description="benchmark", created=dt.datetime(2008, 6, 30))
    if chart:
        add_summary(book, summary())
    for sheet in table_sheets(data):
        add_table_sheet(book, sheet)
    book.write(path, level=level)


def write_part_writer(path: str, data: list, chart: bool) -> None:
    """``part-writer``: every sheet a SheetContent (a CellSpec per cell) through sheet_xml."""
    import datetime as dt

    from workbook_tools.writers.file.sheet_xml import sheet_xml

    book = NewBook(title="Report", description="benchmark", created=dt.datetime(2008, 6, 30))
    if chart:
        add_summary(book, summary())
    for name, headings, rows, rags, dates, wrapped in data:
        sheet = SheetContent(name, title_rows=(1, 1), freeze=(2, 1))
        sheet.widths = {c: 40 if c - 1 in wrapped else 12 for c in range(1, len(headings) + 1)}
        sheet.heading_row(1, 1, headings)
        for r, row in enumerate(rows, 2):
            for c, value in enumerate(row):
                if c in rags and value in RAG_COLOURS:
                    sheet.put(r, c + 1, value, RAG_CELL, rag=value)
                else:
                    sheet.put(r, c + 1, value, DATE if c in dates else WRAP if c in wrapped
                              else "body")  # fmt: skip
        sheet.fit_heights()
        part = book.add_sheet(name)
        book.set(part, sheet_xml(sheet, book.styles, strings=book.strings))
    book.write(path)


def write_xlsxwriter_rows(path: str, data: list, chart: bool) -> None:
    """``xlsxwriter+rows``: XlsxWriter's Summary and chart, the large sheets added after."""
    import os
    import re

    import xlsxwriter

    from workbook_tools.writers.file.package import PackageWriter
    from workbook_tools.writers.file.sheet_xml import title_rows_name
    from workbook_tools.writers.file.table_xml import TABLE_TYPE, table_part_xml, table_sheet_writer
    from workbook_tools.writers.file.workbook_part import WorkbookPart
    from workbook_tools.writers.file.xlsx_strings import NewStrings
    from workbook_tools.writers.file.xlsx_styles import StyleBook

    first = path + ".summary.xlsx"
    wb = xlsxwriter.Workbook(first, {"strings_to_formulas": False, "in_memory": True})
    if chart:
        from bench_writers import _xlsxwriter_summary

        _xlsxwriter_summary(wb, wb.add_format({"bold": True}))
    sheets = table_sheets(data)
    for sheet in sheets:
        wb.add_worksheet(sheet.name)
    wb.close()
    package = PackageWriter(first)
    book = WorkbookPart(package)
    styles = StyleBook(package.read("xl/styles.xml"))
    strings = NewStrings()
    sst = "xl/sharedStrings.xml"
    if package.has(sst):  # XlsxWriter's own texts keep their numbers
        for text in re.findall(rb"<t[^>]*>([^<]*)</t>", package.read(sst)):
            strings.add(text.decode().replace("&lt;", "<").replace("&gt;", ">")
                        .replace("&amp;", "&"))  # fmt: skip
    for number, sheet in enumerate(sheets, 1):
        part = book.sheet(sheet.name).part
        table = f"xl/tables/table{number}.xml"
        package.set(table, table_part_xml(sheet, number))
        package.set_override(table, TABLE_TYPE)
        rel_id = package.add_rel(part, "table", table)
        package.set(part, table_sheet_writer(sheet, styles, strings, table_rel=rel_id))
        book.set_print_titles(sheet.name, title_rows_name(sheet.name, (1, 1)))
    package.set("xl/workbook.xml", book.to_bytes())
    if not package.has(sst):
        package.set(sst, b"")
        package.add_rel("xl/workbook.xml", "sharedStrings", sst)
        package.set_override(sst, "application/vnd.openxmlformats-officedocument."
                                  "spreadsheetml.sharedStrings+xml")  # fmt: skip
    package.set(sst, strings.write)
    package.set("xl/styles.xml", lambda sink: sink(styles.to_bytes()))
    package.write(path, last=[sst, "xl/styles.xml"])
    package.close()
    os.remove(first)


def write_own(candidate: str, path: str, data: list, chart: bool) -> None:
    """Write with one of the :data:`OWN` candidates."""
    if candidate == "part-writer":
        write_part_writer(path, data, chart)
    elif candidate == "xlsxwriter+rows":
        write_xlsxwriter_rows(path, data, chart)
    else:
        level = int(candidate.rsplit("-z", 1)[1]) if "-z" in candidate else 3
        write_part_rows(path, data, chart, level=level)


__all__ = ["OWN", "write_own"]
