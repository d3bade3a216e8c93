"""The parts of the rebuilt sheets (Summary, Exceptions, Checks, History) in a package.

:func:`clear_old_parts` takes away what an earlier version of those sheets hung off them (their
drawings, charts and pictures) where nothing else uses it; :func:`place_tool_sheets` gives each
sheet its part (the one it had, or a new one in the template's order) and :func:`write_tool_sheets`
writes them: the sheet, its drawing, a chart part per native chart and a PNG per Gantt picture.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from workbook_tools.tool_sheets import content as ts
from workbook_tools.tool_sheets.writeback import placement
from workbook_tools.writers.file.chart_xml import (
    Placed,
    chart_size,
    chart_xml,
    drawing_xml,
    picture_size,
)
from workbook_tools.writers.file.package import PackageWriter, rels_name
from workbook_tools.writers.file.sheet_xml import sheet_xml, title_rows_name
from workbook_tools.writers.file.workbook_part import WorkbookPart
from workbook_tools.writers.file.xlsx_strings import SharedStrings
from workbook_tools.writers.file.xlsx_styles import StyleBook
from workbook_tools.writers.gantt import gantt_png

WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
DRAWING_TYPE = "application/vnd.openxmlformats-officedocument.drawing+xml"
CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?f[\s/>]")


def clear_old_parts(package: PackageWriter, book: WorkbookPart, names: Sequence[str]) -> bool:
    """Take the old drawings, charts and pictures off the rebuilt sheets called ``names`` that
    exist, removing every part only they used; return whether any of them held a formula (the
    workbook's calculation chain then lists cells that will be gone)."""
    before = package.reachable()
    formulas = False
    for name in names:
        entry = book.sheet(name)
        if entry is None or entry.part is None:
            continue
        formulas = formulas or bool(_FORMULA.search(package.read(entry.part)))
        package.remove(rels_name(entry.part))
    for part in before - package.reachable():
        package.remove(part)
    return formulas


def place_tool_sheets(
    package: PackageWriter, book: WorkbookPart, sheets: Sequence[ts.SheetContent]
) -> dict[str, str]:
    """The part of each rebuilt sheet (by name), adding missing sheets in template order."""
    parts: dict[str, str] = {}
    for content in sheets:
        entry = book.sheet(content.name)
        if entry is not None and entry.part is not None:
            parts[content.name] = entry.part
            continue
        part = package.free_name("xl/worksheets/sheet{}.xml")
        if entry is not None:  # listed, but its part is missing: give it one
            rel_id = package.add_rel(book.part, "worksheet", part)
            entry.element.set(
                "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id",
                rel_id,
            )
            entry.part, book.changed = part, True
        else:
            names = [s.name for s in book.sheets]
            book.add_sheet(content.name, placement(names, content.name), part)
        package.set(part, b"")
        package.set_override(part, WORKSHEET_TYPE)
        parts[content.name] = part
    return parts


def write_tool_sheets(
    package: PackageWriter,
    book: WorkbookPart,
    styles: StyleBook,
    sheets: Sequence[ts.SheetContent],
    parts: dict[str, str],
    strings: SharedStrings,
) -> None:
    """Write each rebuilt sheet into its part, with its drawing, charts and pictures."""
    active = book.active_index()
    for content in sheets:
        part = parts[content.name]
        name = book.placed(content.name).name
        drawing = _drawing(package, part, content, name, book.date1904)
        selected = book.index(content.name) == active
        package.set(
            part,
            sheet_xml(
                content, styles, drawing_id=drawing, selected=selected, date1904=book.date1904
            ),
        )
        titles = title_rows_name(name, content.title_rows) if content.title_rows else None
        book.set_print_titles(name, titles)


def _drawing(
    package: PackageWriter, part: str, content: ts.SheetContent, name: str, date1904: bool
) -> str | None:
    """Write the sheet's drawing with its charts and pictures; return its relationship id."""
    if not content.charts and not content.gantts:
        return None
    drawing = package.free_name("xl/drawings/drawing{}.xml")
    package.set(drawing, b"")
    package.set_override(drawing, DRAWING_TYPE)
    placed: list[Placed] = []
    for number, spec in enumerate(content.charts, 1):
        chart = package.free_name("xl/charts/chart{}.xml")
        package.set(chart, chart_xml(spec, name, content.cells, date1904=date1904))
        package.set_override(chart, CHART_TYPE)
        rel_id = package.add_rel(drawing, "chart", chart)
        placed.append(
            Placed("chart", spec.anchor, chart_size(spec), rel_id, f"Chart {number}", spec.title)
        )
    for number, spec in enumerate(content.gantts, 1):
        image = package.free_name("xl/media/image{}.png")
        package.set(image, gantt_png(spec))
        package.ensure_default("png", "image/png")
        rel_id = package.add_rel(drawing, "image", image)
        placed.append(
            Placed(
                "picture",
                spec.anchor,
                picture_size(spec),
                rel_id,
                f"Gantt chart {number}",
                f"Gantt chart: {spec.title}",
            )
        )
    package.set(drawing, drawing_xml(placed))
    return package.add_rel(part, "drawing", drawing)


__all__ = ["clear_old_parts", "place_tool_sheets", "write_tool_sheets"]
