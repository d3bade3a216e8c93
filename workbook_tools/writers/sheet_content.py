"""Write a :class:`~workbook_tools.tool_sheets.SheetContent` onto an empty openpyxl worksheet.

The style names of ``tool_sheets`` become fonts, fills, borders and number formats here; every
string is stored as text (never as a formula), charts are native openpyxl charts and the Gantt
chart is a PNG picture.
"""

from __future__ import annotations

import io

from openpyxl.drawing.image import Image
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from workbook_tools.model import cell_address, column_letter
from workbook_tools.tool_sheets import content as ts
from workbook_tools.writers.charts import add_chart, gantt_png
from workbook_tools.writers.template_print import set_print

_NAVY = "1F4E78"
_TOOL_HEAD = "595959"
_THIN = Side(style="thin", color="A6A6A6")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_PX_PER_CM = 96 / 2.54


def _font(**kwargs: object) -> Font:
    return Font(name="Calibri", family=2, size=kwargs.pop("size", 11), **kwargs)


_TOP = Alignment(vertical="top")
_TOP_LEFT = Alignment(horizontal="left", vertical="top")
_WRAP = Alignment(vertical="top", wrap_text=True)
_CENTRE = Alignment(horizontal="center", vertical="top")
_FONTS: dict[str, Font] = {
    ts.TITLE: _font(size=16, bold=True, color=_NAVY),
    ts.SUBTITLE: _font(size=12, italic=True, color="404040"),
    ts.SECTION: _font(size=13, bold=True, color=_NAVY),
    ts.NOTE: _font(size=10, italic=True, color="595959"),
    ts.LABEL: _font(bold=True),
    ts.HEADER: _font(bold=True, color="FFFFFF"),
    ts.LINK: _font(color="0563C1", underline="single"),
    ts.ERROR: _font(bold=True, color="C00000"),
    ts.WARNING: _font(bold=True, color="9C5700"),
}


def fill(colour: str) -> PatternFill:
    """A solid fill of one colour (RRGGBB)."""
    return PatternFill("solid", start_color=colour, end_color=colour)


def rgb_of(cell_fill: object) -> str:
    """The RRGGBB colour of a fill given as RGB, or "" (theme and indexed colours)."""
    colour = getattr(cell_fill, "fgColor", None)
    rgb = getattr(colour, "rgb", None) if getattr(colour, "type", None) == "rgb" else None
    return rgb[-6:].upper() if isinstance(rgb, str) else ""


def sheet_named(wb: Workbook, name: str) -> Worksheet | None:
    """The worksheet called ``name`` (case-insensitive), or ``None``."""
    for ws in wb.worksheets:
        if ws.title.casefold() == name.casefold():
            return ws
    return None


def store(cell: object, value: object) -> None:
    """Put ``value`` in an openpyxl cell; a string is always stored as text."""
    cell.value = ts.text(value)  # type: ignore[attr-defined]
    if isinstance(value, str):
        cell.data_type = "s"  # type: ignore[attr-defined]


def _style(cell: object, spec: ts.CellSpec) -> None:
    style = spec.style
    font = _FONTS.get(style)
    alignment = _WRAP if style in (ts.WRAP, ts.HEADER) else _TOP
    if spec.rag is not None:
        background, colour = ts.RAG_COLOURS.get(spec.rag, (_TOOL_HEAD, "FFFFFF"))
        cell.fill = fill(background)  # type: ignore[attr-defined]
        font = _font(bold=True, color=colour)
        alignment = _CENTRE
    elif style == ts.HEADER:
        cell.fill = fill(_TOOL_HEAD)  # type: ignore[attr-defined]
    if style in (ts.INT, ts.PERCENT, ts.NUMBER, ts.DATE) and spec.align is None:
        alignment = Alignment(horizontal="right", vertical="top")
    if spec.align == "left":
        alignment = _TOP_LEFT
    if font is not None:
        cell.font = font  # type: ignore[attr-defined]
    cell.alignment = alignment  # type: ignore[attr-defined]
    number_format = ts.NUMBER_FORMATS.get(style)
    if number_format:
        cell.number_format = number_format  # type: ignore[attr-defined]


def write_sheet(ws: Worksheet, content: ts.SheetContent) -> None:
    """Write ``content`` on the empty sheet ``ws``: cells, styles, links, widths, borders, print
    settings, charts and the Gantt picture."""
    for (row, col), spec in sorted(content.cells.items()):
        cell = ws.cell(row, col)
        store(cell, spec.value)
        _style(cell, spec)
        if spec.link:
            cell.hyperlink = Hyperlink(ref=cell.coordinate, location=spec.link)
    for first_row, first_col, last_row, last_col in content.merges:
        ws.merge_cells(
            start_row=first_row, start_column=first_col, end_row=last_row, end_column=last_col
        )
    for first_row, first_col, last_row, last_col in content.boxes:
        for row in range(first_row, last_row + 1):
            for col in range(first_col, last_col + 1):
                ws.cell(row, col).border = _BOX
    for col, width in content.widths.items():
        ws.column_dimensions[column_letter(col)].width = width
    for row, height in content.heights.items():
        ws.row_dimensions[row].height = height
    set_print(ws, landscape=content.landscape, title_rows=False)
    if content.title_rows:
        first, last = content.title_rows
        ws.print_title_rows = f"{first}:{last}"
    if content.freeze:
        ws.freeze_panes = cell_address(*content.freeze)
    for row in content.breaks:
        ws.row_breaks.append(Break(id=row - 1))
    for chart in content.charts:
        add_chart(ws, chart)
    for gantt in content.gantts:
        picture = Image(io.BytesIO(gantt_png(gantt)))
        picture.width = round(gantt.width_cm * _PX_PER_CM)
        picture.height = round(gantt.height_cm * _PX_PER_CM)
        ws.add_image(picture, cell_address(*gantt.anchor))
    ws.sheet_properties.tabColor = "808080"
    ws.sheet_view.showGridLines = False


__all__ = ["fill", "rgb_of", "sheet_named", "store", "write_sheet"]
