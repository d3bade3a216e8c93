"""A rebuilt sheet (:class:`~workbook_tools.tool_sheets.SheetContent`) as a worksheet part.

Cells take their formats from :func:`~workbook_tools.tool_sheets.looks.sheet_look` through the
workbook's :class:`~workbook_tools.writers.file.xlsx_styles.StyleBook`; every string is written as
text. The sheet prints on A4, one page wide, with the sheet's name at the top and the file name
and page number at the bottom (as the template's sheets do); its tab is grey and its grid lines
hidden. Links to cells are in-workbook hyperlinks; charts and the Gantt picture hang off the
drawing named by ``drawing_id`` (:mod:`workbook_tools.writers.file.chart_xml`).
"""

from __future__ import annotations

from workbook_tools.core.model import cell_address, column_letter
from workbook_tools.core.palette import TAB_GREY
from workbook_tools.tool_sheets import content as ts
from workbook_tools.tool_sheets.looks import sheet_look
from workbook_tools.writers.file.xlsx_cells import CellRenderer, escape
from workbook_tools.writers.file.xlsx_strings import SharedStrings
from workbook_tools.writers.file.xlsx_styles import StyleBook

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_PRINT = (
    '<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.5" footer="0.5"/>'
    '<pageSetup paperSize="9" orientation="{orientation}" fitToWidth="1" fitToHeight="0"/>'
    "<headerFooter><oddHeader>&amp;C&amp;A</oddHeader>"
    "<oddFooter>&amp;L&amp;F&amp;RPage &amp;P of &amp;N</oddFooter></headerFooter>"
)


def sheet_xml(
    content: ts.SheetContent,
    styles: StyleBook,
    *,
    drawing_id: str | None = None,
    selected: bool = False,
    date1904: bool = False,
    strings: SharedStrings | None = None,
) -> bytes:
    """The worksheet part for ``content``; its texts go into ``strings`` when given."""
    cells = _cells(content)
    last_row = max([1, *(r for r, _ in cells), *content.heights])
    last_col = max([1, *(c for _, c in cells)])
    head = [
        _DECLARATION,
        f'<worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_REL}">',
        f'<sheetPr><tabColor rgb="FF{TAB_GREY}"/><pageSetUpPr fitToPage="1"/></sheetPr>',
        f'<dimension ref="A1:{cell_address(last_row, last_col)}"/>',
        _views(content, selected),
        '<sheetFormatPr defaultRowHeight="15"/>',
        _cols(content.widths),
    ]
    rows = _rows(content, cells, styles, date1904, strings)  # bytes, not decoded and encoded again
    tail = [
        _merges(content.merges),
        _links(content),
        _PRINT.format(orientation="landscape" if content.landscape else "portrait"),
        _breaks(content.breaks),
        f'<drawing r:id="{drawing_id}"/>' if drawing_id else "",
        "</worksheet>",
    ]
    return "".join(head).encode("utf-8") + rows + "".join(tail).encode("utf-8")


def _cells(content: ts.SheetContent) -> dict[tuple[int, int], tuple[ts.CellSpec, bool]]:
    """Every cell to write with whether it lies in a box (empty boxed cells get their border)."""
    boxed = {
        (row, col)
        for r1, c1, r2, c2 in content.boxes
        for row in range(r1, r2 + 1)
        for col in range(c1, c2 + 1)
    }
    found = {at: (spec, at in boxed) for at, spec in content.cells.items()}
    for at in boxed - set(found):
        found[at] = (ts.CellSpec(None), True)
    return found


def _views(content: ts.SheetContent, selected: bool) -> str:
    attrs = ' tabSelected="1"' if selected else ""
    pane = ""
    if content.freeze and content.freeze != (1, 1):
        row, col = content.freeze
        split = (f' xSplit="{col - 1}"' if col > 1 else "") + (
            f' ySplit="{row - 1}"' if row > 1 else ""
        )
        active = {(True, True): "bottomRight", (True, False): "bottomLeft"}.get(
            (row > 1, col > 1), "topRight"
        )
        top_left = cell_address(row, col)
        pane = (
            f'<pane{split} topLeftCell="{top_left}" activePane="{active}" state="frozen"/>'
            f'<selection pane="{active}" activeCell="{top_left}" sqref="{top_left}"/>'
        )
    else:
        pane = '<selection activeCell="A1" sqref="A1"/>'
    return (
        f'<sheetViews><sheetView showGridLines="0"{attrs} workbookViewId="0">{pane}'
        "</sheetView></sheetViews>"
    )


def _cols(widths: dict[int, float]) -> str:
    if not widths:
        return ""
    items = "".join(
        f'<col min="{col}" max="{col}" width="{_number(width)}" customWidth="1"/>'
        for col, width in sorted(widths.items())
    )
    return f"<cols>{items}</cols>"


def _rows(
    content: ts.SheetContent,
    cells: dict[tuple[int, int], tuple[ts.CellSpec, bool]],
    styles: StyleBook,
    date1904: bool,
    strings: SharedStrings | None,
) -> bytes:
    by_row: dict[int, list[tuple[int, ts.CellSpec, bool]]] = {}
    for (row, col), (spec, boxed) in cells.items():
        by_row.setdefault(row, []).append((col, spec, boxed))
    kinds: dict[tuple[str, str | None, str | None, bool], int] = {}  # a cell's kind → style
    letters: dict[int, str] = {}
    render = CellRenderer(date1904=date1904, strings=strings)  # RAG words, dates… repeat
    out = [b"<sheetData>"]
    for row in sorted({*by_row, *content.heights}):
        height = content.heights.get(row)
        attrs = f' ht="{_number(height)}" customHeight="1"' if height else ""
        out.append(f'<row r="{row}"{attrs}>'.encode())
        number = str(row)
        for col, spec, boxed in sorted(by_row.get(row, ())):  # a row's columns are distinct
            kind = (spec.style, spec.rag, spec.align, boxed)
            style = kinds.get(kind)
            if style is None:
                style = kinds[kind] = styles.derive(0, sheet_look(spec, boxed=boxed))
            column = letters.get(col) or letters.setdefault(col, column_letter(col))
            out.append(render(column + number, style, spec.value))
        out.append(b"</row>")
    out.append(b"</sheetData>")
    return b"".join(out)


def _merges(merges: list[tuple[int, int, int, int]]) -> str:
    if not merges:
        return ""
    items = "".join(
        f'<mergeCell ref="{cell_address(r1, c1)}:{cell_address(r2, c2)}"/>'
        for r1, c1, r2, c2 in merges
    )
    return f'<mergeCells count="{len(merges)}">{items}</mergeCells>'


def _links(content: ts.SheetContent) -> str:
    links = [(at, spec) for at, spec in sorted(content.cells.items()) if spec.link]
    if not links:
        return ""
    items = "".join(
        f'<hyperlink ref="{cell_address(*at)}" location="{escape(str(spec.link))}" '
        f'display="{escape(str(spec.value))}"/>'
        for at, spec in links
    )
    return f"<hyperlinks>{items}</hyperlinks>"


def _breaks(rows: list[int]) -> str:
    if not rows:
        return ""
    items = "".join(f'<brk id="{row - 1}" max="16383" man="1"/>' for row in rows)
    return f'<rowBreaks count="{len(rows)}" manualBreakCount="{len(rows)}">{items}</rowBreaks>'


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(round(float(value), 4))


def title_rows_name(sheet: str, rows: tuple[int, int]) -> str:
    """The value of the ``_xlnm.Print_Titles`` name repeating ``rows`` of ``sheet``."""
    first, last = rows
    quoted = sheet.replace("'", "''")
    return f"'{quoted}'!${first}:${last}"


__all__ = ["sheet_xml", "title_rows_name"]
