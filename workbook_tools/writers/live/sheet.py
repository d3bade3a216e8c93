"""Write a :class:`~workbook_tools.tool_sheets.SheetContent` onto a sheet of the workbook open
in Excel (xlwings), in bulk.

Every xlwings call crosses into Excel, so nothing is done cell by cell:

* number formats first, one call per rectangle of cells sharing a format; every string cell is
  formatted as text (``@``) before anything is written, so Excel stores text that starts with
  ``=``, ``+``, ``-`` or ``@``, or that looks like a number or a date, exactly as it is;
* then all values in **one** write of the sheet's block of cells;
* then styles, one call per attribute per rectangle of cells sharing a style (the rectangles
  are the style *runs*: cells side by side in a row, then identical runs in the rows below);
* merges, borders, column widths and row heights per item or per run of equal sizes.

Links to cells (the Checks sheet's cell addresses) are ``HYPERLINK`` formulas written with the
values, rather than one hyperlink call per cell. Native charts are made with ``charts.add``
from the sheet's own cells; the Gantt chart is the same PNG picture the file writer places.
Formatting an engine does not offer (older xlwings, xlwings Server) is left out rather than
failing the refresh; so are the doughnut's slice colours and print settings outside Windows
Excel, where only Excel's own object model can set them.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import TypeVar

from workbook_tools.core.palette import BLACK, BOX_GREY, TAB_GREY, css
from workbook_tools.tool_sheets import content as ts
from workbook_tools.tool_sheets.looks import ALIGNMENT, Look, sheet_look

_TEXT = "@"
_CHART_TYPES = {"stacked-bar": "bar_stacked", "doughnut": "doughnut", "line": "line_markers"}
#: Excel's standard column width (characters).
STANDARD_WIDTH = 8.43

Rect = tuple[int, int, int, int]
#: A cell's key in :func:`rectangles` (a look, a number format…).
K = TypeVar("K", bound=Hashable)


def maybe(action: Callable[[], object]) -> None:
    """Run a formatting call the engine may not offer; leave the formatting out if it does not."""
    with contextlib.suppress(AttributeError, NotImplementedError):
        action()


def block(sheet: object, r1: int, c1: int, r2: int, c2: int) -> object:
    """The range from ``(r1, c1)`` to ``(r2, c2)`` (1-based)."""
    return sheet.range((r1, c1), (r2, c2))  # type: ignore[attr-defined]


def rectangles(keys: Mapping[tuple[int, int], K | None]) -> list[tuple[K, Rect]]:
    """Cells grouped into rectangles of equal key: runs of neighbours in a row, then identical
    runs in consecutive rows. Cells whose key is ``None`` are left out."""
    by_row: dict[int, list[tuple[int, K]]] = {}
    for (row, col), key in keys.items():
        if key is not None:
            by_row.setdefault(row, []).append((col, key))
    done: list[tuple[K, Rect]] = []
    open_: dict[tuple[int, int, K], int] = {}  # (first col, last col, key) → first row
    last_row = -2  # no row yet (rows are 1-based: never the one before a row)
    for row in sorted(by_row):
        runs: list[tuple[int, int, K]] = []
        for col, key in sorted(by_row[row], key=lambda item: item[0]):
            if runs and runs[-1][1] == col - 1 and runs[-1][2] == key:
                runs[-1] = (runs[-1][0], col, key)
            else:
                runs.append((col, col, key))
        following: dict[tuple[int, int, K], int] = {}
        for c1, c2, key in runs:
            top = open_.pop((c1, c2, key), None) if last_row == row - 1 else None
            following[(c1, c2, key)] = row if top is None else top
        for (c1, c2, key), top in open_.items():
            done.append((key, (top, c1, last_row, c2)))
        open_, last_row = following, row
    for (c1, c2, key), top in open_.items():
        done.append((key, (top, c1, last_row, c2)))
    return done


def number_format_of(spec: ts.CellSpec) -> str | None:
    """The cell's number format: text for strings, the style's format for other values."""
    if spec.link:
        return None
    if isinstance(spec.value, str):
        return _TEXT
    return ts.NUMBER_FORMATS.get(spec.style) if spec.value is not None else None


def apply_look(rng: object, look: Look, *, reset: bool = False) -> None:
    """Give the whole range ``look``, one call per attribute. On a cleared sheet only what
    differs from Excel's defaults is set; ``reset`` sets the font and fill in full, for cells of
    a user's sheet that may carry other formatting."""
    if look.fill or reset:
        rng.color = ("#" + look.fill) if look.fill else None  # type: ignore[attr-defined]
    font = rng.font  # type: ignore[attr-defined]
    if look.bold or reset:
        font.bold = look.bold
    if look.italic or reset:
        font.italic = look.italic
    if look.size is not None and look.size != 11:
        font.size = look.size
    if look.color or reset:
        font.color = css(look.color or BLACK)
    if ALIGNMENT in look.keep:
        return
    if look.halign:
        maybe(lambda: setattr(rng, "horizontal_alignment", look.halign))
    if look.valign == "center" or (reset and look.valign):
        maybe(lambda: setattr(rng, "vertical_alignment", look.valign))
    if look.wrap:
        maybe(lambda: setattr(rng, "wrap_text", True))


def hyperlink(spec: ts.CellSpec) -> str:
    """A ``HYPERLINK`` formula showing the cell's text and jumping to its link."""
    target = str(spec.link).replace('"', '""')
    shown = str(spec.value).replace('"', '""')
    return f'=HYPERLINK("#{target}","{shown}")'


def write_sheet(sheet: object, content: ts.SheetContent, *, points: bool = False) -> None:
    """Write ``content`` on the cleared sheet ``sheet``. ``points``: the engine measures column
    widths in points (xlwings Server) rather than characters."""
    cells = content.cells
    if cells:
        last_row = max(r for r, _ in cells)
        last_col = max(c for _, c in cells)
        formats = {at: number_format_of(spec) for at, spec in cells.items()}
        for fmt, (r1, c1, r2, c2) in rectangles(formats):
            block(sheet, r1, c1, r2, c2).number_format = fmt  # type: ignore[attr-defined]
        rows = [[None] * last_col for _ in range(last_row)]
        for (r, c), spec in cells.items():
            rows[r - 1][c - 1] = hyperlink(spec) if spec.link else spec.value
        whole = block(sheet, 1, 1, last_row, last_col)
        whole.value = rows  # type: ignore[attr-defined]
        maybe(lambda: setattr(whole, "vertical_alignment", "top"))
        looks = {at: sheet_look(spec) for at, spec in cells.items()}
        for look, (r1, c1, r2, c2) in rectangles(looks):
            apply_look(block(sheet, r1, c1, r2, c2), look)
    for r1, c1, r2, c2 in content.merges:
        block(sheet, r1, c1, r2, c2).merge()  # type: ignore[attr-defined]
    for r1, c1, r2, c2 in content.boxes:
        rng = block(sheet, r1, c1, r2, c2)
        maybe(
            lambda rng=rng: rng.borders.set(  # type: ignore[attr-defined]
                "all", line_style="continuous", weight="thin", color=css(BOX_GREY)
            )
        )
    for width, first, last in size_runs(content.widths):
        rng = block(sheet, 1, first, 1, last)
        rng.column_width = width_in(width, points)  # type: ignore[attr-defined]
    for height, first, last in size_runs(content.heights):
        block(sheet, first, 1, last, 1).row_height = height  # type: ignore[attr-defined]
    if content.freeze:
        row, col = content.freeze
        maybe(lambda: sheet.freeze_panes.freeze_at(block(sheet, row, col, row, col)))  # type: ignore[attr-defined]
    for spec in content.charts:
        add_chart(sheet, spec)
    for number, spec in enumerate(content.gantts, 1):
        add_gantt(sheet, spec, f"Gantt chart {number}")
    native_page_setup(sheet, content)


def width_in(characters: float, points: bool) -> float:
    """A column width for the engine: characters, or points where the engine counts points."""
    return round(characters * 5.25 + 3.75, 2) if points else characters


def size_runs(sizes: dict[int, float]) -> list[tuple[float, int, int]]:
    """Consecutive rows (or columns) of equal size as (size, first, last)."""
    runs: list[tuple[float, int, int]] = []
    for at in sorted(sizes):
        if runs and runs[-1][2] == at - 1 and runs[-1][0] == sizes[at]:
            runs[-1] = (runs[-1][0], runs[-1][1], at)
        else:
            runs.append((sizes[at], at, at))
    return runs


def add_chart(sheet: object, spec: ts.ChartSpec) -> object:
    """A native chart drawing on the sheet's cells: series names in the row above their values,
    categories from their own column."""
    first_col = min(s.values[0] for s in spec.series)
    last_col = max(s.values[0] for s in spec.series)
    top = min(s.name[0] for s in spec.series)
    bottom = max(s.values[2] for s in spec.series)
    row, col = spec.anchor
    chart = sheet.charts.add(  # type: ignore[attr-defined]
        width=round(spec.width_cm * ts.PT_PER_CM, 1),
        height=round(spec.height_cm * ts.PT_PER_CM, 1),
        chart_type=_CHART_TYPES[spec.kind],
        source=block(sheet, top, first_col, bottom, last_col),
        plot_by="columns",
        anchor=block(sheet, row, col, row, col),
    )
    cat_col, first, last = spec.categories
    maybe(lambda: chart.set_x_axis_values(block(sheet, first, cat_col, last, cat_col)))
    maybe(lambda: setattr(chart, "title", spec.title))
    position = "right" if spec.kind == "doughnut" else "bottom"
    maybe(lambda: setattr(chart.legend, "position", position))
    if spec.kind == "doughnut":
        _point_colours(chart, spec.point_colours)
        return chart
    for index, series in enumerate(spec.series, 1):
        attr = "line_color" if spec.kind == "line" else "fill_color"
        maybe(lambda i=index, s=series, a=attr: setattr(chart.series[i - 1], a, "#" + s.colour))
    if spec.kind == "stacked-bar":  # first priority at the top, as in the table
        maybe(lambda: chart.category_axis.set(reverse_order=True, crosses="maximum"))
    return chart


def add_gantt(sheet: object, spec: ts.GanttSpec, name: str) -> object:
    """The Gantt chart picture (the file writer's PNG), placed at its anchor."""
    from workbook_tools.writers.gantt import gantt_png

    handle, path = tempfile.mkstemp(suffix=".png")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(gantt_png(spec))
        row, col = spec.anchor
        return sheet.pictures.add(  # type: ignore[attr-defined]
            path,
            name=name,
            update=True,
            anchor=block(sheet, row, col, row, col),
            width=round(spec.width_cm * ts.PT_PER_CM, 1),
            height=round(spec.height_cm * ts.PT_PER_CM, 1),
        )
    finally:
        os.unlink(path)


def _native(obj: object) -> object | None:
    """Excel's own object behind an xlwings object, on Windows; else ``None``."""
    try:
        api = obj.api  # type: ignore[attr-defined]
    except Exception:
        return None
    return api[-1] if isinstance(api, tuple) else api


def _point_colours(chart: object, colours: Iterable[str]) -> None:
    """The doughnut's slices in RAG colours, through Excel's object model (Windows only)."""
    try:
        points = _native(chart).SeriesCollection(1).Points  # type: ignore[union-attr]
        for index, rgb in enumerate(colours, 1):
            red, green, blue = (int(rgb[i : i + 2], 16) for i in (0, 2, 4))
            points(index).Format.Fill.ForeColor.RGB = red + green * 256 + blue * 65536
    except Exception:  # not Windows Excel: Excel's palette, the legend names each RAG
        return


def native_page_setup(sheet: object, content: ts.SheetContent) -> None:
    """Print settings through Excel's object model (Windows only): orientation, one page wide,
    title rows and page breaks, and the grey tab. Elsewhere the sheet keeps what it has."""
    try:
        native = _native(sheet)
        native.Tab.Color = int(TAB_GREY, 16)  # type: ignore[union-attr]
        setup = native.PageSetup  # type: ignore[union-attr]
        setup.Orientation = 2 if content.landscape else 1
        setup.Zoom = False
        setup.FitToPagesWide = 1
        setup.FitToPagesTall = False
        if content.title_rows:
            setup.PrintTitleRows = "${}:${}".format(*content.title_rows)
        native.ResetAllPageBreaks()  # type: ignore[union-attr]
        for row in content.breaks:
            native.HPageBreaks.Add(native.Rows(row))  # type: ignore[union-attr]
    except Exception:  # not Windows Excel
        return


__all__ = [
    "STANDARD_WIDTH",
    "add_chart",
    "add_gantt",
    "apply_look",
    "block",
    "hyperlink",
    "maybe",
    "native_page_setup",
    "number_format_of",
    "rectangles",
    "size_runs",
    "width_in",
    "write_sheet",
]
