"""A :class:`~workbook_tools.report_sheets.table.TableSheet` as a worksheet part and a table part,
written fast: the corporate report's Register, Exceptions, Checks and Sources.

The rows are written as text straight into the package (:func:`table_sheet_writer` streams them
a few thousand at a time): each cell's style index is worked out once per column (and once per
value for the columns whose values take their own look, such as RAG words) and each text is
looked up in the workbook's shared strings, so a cell costs a dictionary look-up and a string
format, with no object per cell. Every text is a shared string, typed as text, so text that
looks like a formula stays text. The sheet carries one Excel table (:func:`table_part_xml`:
filter buttons, banded rows, its columns named by the header), its header row frozen, its
columns' widths, each row high enough for its wrapped text, and its print layout (one page
wide, the header repeated through the workbook's print titles).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterator, Sequence

from workbook_tools.core.dates import excel_serial as serial
from workbook_tools.core.model import cell_address, column_letter
from workbook_tools.report_sheets.table import TableSheet
from workbook_tools.tool_sheets.content import DATE, HEADER, RAG_WORDS, STAMP, CellSpec
from workbook_tools.tool_sheets.looks import sheet_look
from workbook_tools.writers.file.xlsx_cells import cell_xml, escape
from workbook_tools.writers.file.xlsx_strings import NewStrings
from workbook_tools.writers.file.xlsx_styles import StyleBook

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TABLE_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"
#: The table style: light, banded rows (the header keeps its own fill).
TABLE_STYLE = "TableStyleLight9"
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_PRINT = (
    '<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>'
    '<pageSetup paperSize="{paper}" orientation="{orientation}" fitToWidth="1" '
    'fitToHeight="0"/><headerFooter><oddFooter>&amp;L&amp;A&amp;RPage &amp;P of &amp;N'
    "</oddFooter></headerFooter>"
)
#: Pieces of text (a cell or a row's tag each) joined before they go into the package.
_PIECES = 16_384
_DAY_ONE = dt.date(1899, 12, 30).toordinal()

Sink = Callable[[bytes], object]


def table_sheet_writer(
    sheet: TableSheet,
    styles: StyleBook,
    strings: NewStrings,
    *,
    table_rel: str,
    selected: bool = False,
) -> Callable[[Sink], None]:
    """A function writing the worksheet part of ``sheet`` into a sink, its texts into
    ``strings``; the styles its cells need are added to ``styles`` now. ``table_rel`` is the
    relationship id of the sheet's table part."""
    column_styles = [styles.derive(0, sheet_look(CellSpec(None, c.style))) for c in sheet.columns]
    value_styles = [
        (i, {value: styles.derive(0, sheet_look(CellSpec(None, style, rag=rag)))
             for value, (style, rag) in c.looks.items()})
        for i, c in enumerate(sheet.columns)
        if c.looks
    ]  # fmt: skip
    dated = _dated_styles(sheet, styles, column_styles)
    head = _head(sheet, styles, strings, selected)

    def write(sink: Sink) -> None:
        sink(head.encode())
        for chunk in _rows(sheet, column_styles, value_styles, dated, strings):
            sink(chunk.encode())
        landscape = "landscape" if sheet.landscape else "portrait"
        sink(
            (
                "</sheetData>"
                + _PRINT.format(paper=sheet.paper, orientation=landscape)
                + f'<tableParts count="1"><tablePart r:id="{table_rel}"/></tableParts>'
                + "</worksheet>"
            ).encode()
        )

    return write


def _dated_styles(
    sheet: TableSheet, styles: StyleBook, column_styles: Sequence[int]
) -> tuple[list[int], list[int]]:
    """Each column's style for a date and for a date and time: its own when it shows dates,
    else the date (or date and time) style, so that a date always reads as one."""
    found: tuple[list[int], list[int]] = ([], [])
    for column, own in zip(sheet.columns, column_styles, strict=True):
        for kind, wanted in zip((DATE, STAMP), found, strict=True):
            if column.style in (DATE, STAMP):
                wanted.append(own)
            else:
                wanted.append(styles.derive(0, sheet_look(CellSpec(None, kind))))
    return found


def _head(sheet: TableSheet, styles: StyleBook, strings: NewStrings, selected: bool) -> str:
    """The worksheet up to the first row of the table's body: views, widths, the cells above
    the table and the header row."""
    last = cell_address(sheet.last_row, len(sheet.columns))
    top = sheet.top
    pane = (
        f'<pane ySplit="{top}" topLeftCell="A{top + 1}" activePane="bottomLeft" state="frozen"/>'
        f'<selection pane="bottomLeft" activeCell="A{top + 1}" sqref="A{top + 1}"/>'
    )
    tab = ' tabSelected="1"' if selected else ""
    widths = "".join(
        f'<col min="{i}" max="{i}" width="{column.width:g}" customWidth="1"/>'
        for i, column in enumerate(sheet.columns, 1)
    )
    parts = [
        _DECLARATION,
        f'<worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_REL}">',
        '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>',
        f'<dimension ref="A1:{last}"/>',
        f'<sheetViews><sheetView{tab} workbookViewId="0">{pane}</sheetView></sheetViews>',
        '<sheetFormatPr defaultRowHeight="15"/>',
        f"<cols>{widths}</cols><sheetData>",
    ]
    rows: dict[int, list[tuple[int, CellSpec]]] = {}
    for (row, col), spec in sheet.above.items():
        rows.setdefault(row, []).append((col, spec))
    for row in sorted(rows):
        parts.append(f'<row r="{row}">')
        for col, spec in sorted(rows[row], key=lambda item: item[0]):
            style = styles.derive(0, sheet_look(spec))
            ref = cell_address(row, col)
            parts.append(cell_xml(ref, style, spec.value, strings=strings).decode())
        parts.append("</row>")
    parts.append(f'<row r="{top}" ht="{sheet.header_height():g}" customHeight="1">')
    for col, column in enumerate(sheet.columns, 1):
        rag = column.heading if column.heading in RAG_WORDS else None
        style = styles.derive(0, sheet_look(CellSpec(column.heading, HEADER, rag=rag)))
        number = strings.index(column.heading)
        parts.append(f'<c r="{cell_address(top, col)}" s="{style}" t="s"><v>{number}</v></c>')
    parts.append("</row>")
    return "".join(parts)


def _rows(
    sheet: TableSheet,
    column_styles: Sequence[int],
    value_styles: Sequence[tuple[int, dict[object, int]]],
    dated: tuple[Sequence[int], Sequence[int]],
    strings: NewStrings,
) -> Iterator[str]:
    """The table's body, a chunk of rows at a time.

    The report's inner loop (a register of 45,000 actions is 1.5 million cells over its three
    large sheets), so it is written out long hand: the type of each value picks its cell form.
    """
    starts = [f'<c r="{column_letter(i)}' for i in range(1, len(sheet.columns) + 1)]
    plain = [f'"{_style(s)}' for s in column_styles]
    looked = [(i, {v: f'"{_style(s)}' for v, s in table.items()}) for i, table in value_styles]
    dates, stamps = ([f'"{_style(s)}><v>' for s in kind] for kind in dated)
    # each text's cell ending, made once: `` t="s"><v>12</v></c>``
    endings: dict[str, str] = {}
    get, known, add = endings.get, strings.known, strings.add
    columns = range(len(starts))
    height = sheet.height_rule()
    out: list[str] = []
    append = out.append
    for r, values in enumerate(sheet.rows, sheet.top + 1):
        ht = height(values)
        append(f'<row r="{r}" ht="{ht:g}" customHeight="1">' if ht else f'<row r="{r}">')
        at = str(r)
        attrs = plain
        if looked:
            attrs = plain.copy()
            for i, table in looked:
                attrs[i] = table.get(values[i], plain[i])
        for c, start, attr, value in zip(columns, starts, attrs, values, strict=False):
            kind = value.__class__
            if kind is str:
                if value:
                    ending = get(value)
                    if ending is None:
                        number = known.get(value)
                        if number is None:
                            number = add(value)
                        ending = endings[value] = f' t="s"><v>{number}</v></c>'
                    append(f"{start}{at}{attr}{ending}")
            elif value is None:
                continue
            elif kind is int:
                append(f"{start}{at}{attr}><v>{value}</v></c>")
            elif kind is dt.date:
                append(f"{start}{at}{dates[c]}{value.toordinal() - _DAY_ONE}</v></c>")
            elif kind is dt.datetime:
                append(f"{start}{at}{stamps[c]}{serial(value)}</v></c>")
            else:
                append(_other(start[6:] + at, attr[1:], value, strings))
        append("</row>")
        if len(out) >= _PIECES:
            yield "".join(out)
            out.clear()
    yield "".join(out)


def _style(index: int) -> str:
    """A cell's style attribute (none for the workbook's first format)."""
    return f' s="{index}"' if index else ""


def _other(ref: str, attrs: str, value: object, strings: NewStrings) -> str:
    """A cell holding anything but text, a whole number or a date."""
    if isinstance(value, bool):
        return f'<c r="{ref}"{attrs} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, dt.date):  # a subclass of date or datetime
        return f'<c r="{ref}"{attrs}><v>{serial(value)}</v></c>'
    if isinstance(value, int | float):
        if not math.isfinite(value):
            return ""
        number = repr(float(value))
        return f'<c r="{ref}"{attrs}><v>{number.removesuffix(".0")}</v></c>'
    shown = str(value)
    return f'<c r="{ref}"{attrs} t="s"><v>{strings.index(shown)}</v></c>' if shown else ""


def table_part_xml(sheet: TableSheet, number: int) -> bytes:
    """The table part of ``sheet``: the header and every row, filter buttons, banded rows."""
    ref = f"A{sheet.top}:{cell_address(sheet.last_row, len(sheet.columns))}"
    columns = "".join(
        f'<tableColumn id="{i}" name="{escape(_column_name(c.heading))}"/>'
        for i, c in enumerate(sheet.columns, 1)
    )
    return (
        f'{_DECLARATION}<table xmlns="{NS_MAIN}" id="{number}" name="{sheet.table}" '
        f'displayName="{sheet.table}" ref="{ref}" totalsRowShown="0">'
        f'<autoFilter ref="{ref}"/><tableColumns count="{len(sheet.columns)}">{columns}'
        f'</tableColumns><tableStyleInfo name="{TABLE_STYLE}" showFirstColumn="0" '
        'showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>'
    ).encode()


def _column_name(heading: str) -> str:
    """A table column's name as Excel stores it: line breaks as its ``_x000a_`` escape."""
    return heading.replace("\r", "").replace("\n", "_x000a_")


__all__ = ["TABLE_STYLE", "TABLE_TYPE", "table_part_xml", "table_sheet_writer"]
