"""The monitoring template's house style: how its cells, headings and columns look.

Text cells that never become formulas, the Calibri fonts and solid fills, the heading row (user
columns navy, tool-owned ones grey and italic), column widths and wrapping, the Excel tables,
text-only columns and the RAG colours, shared by every sheet the template builds.
"""

from __future__ import annotations

from openpyxl.cell import Cell
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from workbook_tools.core.layout import RAG_STYLES
from workbook_tools.core.model import column_letter

#: Column widths (characters) by heading; anything not listed gets 14.
WIDTHS: dict[str, float] = {
    "Ref": 8, "Priority": 24, "Action": 40, "Lead": 18, "Start": 11, "Deadline": 12,
    "Status": 12, "% Complete": 10, "Self-assessed RAG": 11, "Commentary": 44,
    "Date provided": 11, "Corrective action": 30, "Success criteria": 24, "Resources": 16,
    "Risk rating": 8, "Notes": 24, "Computed RAG": 11, "RAG reason": 32, "Due date": 12,
    "Days left": 8, "Flags": 16, "Milestone": 48, "Due": 14, "Done": 14,
}  # fmt: skip
#: Columns whose text wraps.
WRAPPED = frozenset(
    ("Priority", "Action", "Lead", "Start", "Deadline", "Commentary", "Corrective action",
     "Success criteria", "Resources", "Notes", "RAG reason", "Flags", "Milestone")
)  # fmt: skip
#: Rows below the heading that the drop-downs and RAG colours cover.
FORMAT_ROWS = 2000

#: Number format of the template's date cells.
DATE_FORMAT = "d mmm yyyy"
#: Heading (fill, font colour) of the columns people fill in.
USER_HEAD = ("1F4E78", "FFFFFF")
#: Heading (fill, font colour) of the columns Refresh fills in.
TOOL_HEAD = ("595959", "FFFFFF")
#: Body fill of the columns Refresh fills in.
TOOL_BODY = "F2F2F2"
TOP = Alignment(vertical="top")
WRAP = Alignment(vertical="top", wrap_text=True)
CENTRE = Alignment(horizontal="center", vertical="top")


def put_text(cell: Cell, value: str | None) -> Cell:
    """Store ``value`` as text, even when it starts with ``=`` (never as a formula)."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def font(*, size: float = 11, **kwargs: object) -> Font:
    """A Calibri font of ``size`` points, with any other :class:`Font` settings given."""
    return Font(name="Calibri", family=2, size=size, **kwargs)


def fill(colour: str) -> PatternFill:
    """A solid fill of ``colour`` (hex RGB)."""
    return PatternFill("solid", start_color=colour, end_color=colour)


def heading_row(
    ws: Worksheet, headings: tuple[str, ...], tool: tuple[str, ...] = (), height: float = 22
) -> None:
    """Row 1 headings (tool-owned ones grey and italic), widths, and row 2's alignment."""
    for col, heading in enumerate(headings, 1):
        head_fill, colour = TOOL_HEAD if heading in tool else USER_HEAD
        cell = put_text(ws.cell(1, col), heading)
        cell.fill = fill(head_fill)
        cell.font = font(bold=True, color=colour, italic=heading in tool)
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        column = ws.column_dimensions[column_letter(col)]
        column.width = WIDTHS.get(heading, 14)
        if heading in WRAPPED:
            column.alignment = WRAP
        body = ws.cell(2, col)
        body.alignment = WRAP if heading in WRAPPED else TOP
        if heading in tool:
            body.fill = fill(TOOL_BODY)
    ws.row_dimensions[1].height = height


def table(ws: Worksheet, name: str, width: int, rows: int = 2) -> None:
    """An Excel table ``name`` over the first ``width`` columns and ``rows`` rows (heading too)."""
    style = TableStyleInfo(name="TableStyleLight1", showRowStripes=True)
    ref = f"A1:{column_letter(width)}{rows}"
    ws.add_table(Table(displayName=name, ref=ref, tableStyleInfo=style))


def text_column(ws: Worksheet, letter: str) -> None:
    """Keep what is typed in the column as text (so a Ref of 1.10 stays 1.10)."""
    ws.column_dimensions[letter].number_format = "@"
    ws[f"{letter}2"].number_format = "@"


def rag_colours(ws: Worksheet, letter: str, words: tuple[str, ...]) -> None:
    """Colour each RAG word in the column; the word itself stays visible."""
    for word in words:
        word_fill, colour = RAG_STYLES[word]
        rule = CellIsRule(
            operator="equal",
            formula=[f'"{word}"'],
            fill=fill(word_fill),
            font=Font(bold=True, color=colour),
        )
        ws.conditional_formatting.add(f"{letter}2:{letter}{FORMAT_ROWS + 1}", rule)
