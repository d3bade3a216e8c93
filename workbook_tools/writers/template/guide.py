"""The monitoring template's Guide sheet: its layout, with the words from ``guide_text``.

Two columns (a label and its text), section headings, paragraphs across both columns and row
heights estimated from how many lines the text wraps to.
"""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from workbook_tools.core.layout import RAG_STYLES
from workbook_tools.writers.template import guide_text
from workbook_tools.writers.template.style import TOP, USER_HEAD, WRAP, fill, font, put_text

#: Widths (characters) of the Guide's label and text columns.
_GUIDE_A, _GUIDE_B = 24, 90


def fill_guide(
    ws: Worksheet,
    *,
    organisation: str | None = None,
    directorate: str | None = None,
    plan_title: str | None = None,
) -> None:
    """Write the Guide (steps, RAG definitions, rules, flags, sheets, an example) on ``ws``."""
    g = guide_text
    ws.column_dimensions["A"].width = _GUIDE_A
    ws.column_dimensions["B"].width = _GUIDE_B
    put_text(ws["A1"], plan_title or "Action plan monitoring").font = font(size=16, bold=True)
    who = " · ".join(v for v in (organisation, directorate) if v)
    if who:
        put_text(ws["A2"], who).font = font(size=12, italic=True)
    row = _para(ws, 4, g.INTRO)
    row = _section(ws, row, "Filling in your plan, step by step")
    for label, text in g.STEPS:
        row = _pair(ws, row, label, text)
    row = _section(ws, row + 1, "What the RAG colours mean")
    for word, meaning in g.RAG_DEFINITIONS:
        word_fill, colour = RAG_STYLES[word]
        ws.cell(row, 1).fill = fill(word_fill)
        row = _pair(ws, row, word, meaning, colour=colour)
    row = _section(ws, row + 1, "How Refresh rates each action")
    for number, text in enumerate(g.RATING_RULES, 1):
        row = _pair(ws, row, f"Rule {number}", text)
    row = _section(ws, row + 1, "Flags")
    for flag, text in g.FLAGS:
        row = _pair(ws, row, flag, text)
    row = _section(ws, row + 1, "The sheets")
    for name, text in g.SHEETS:
        row = _pair(ws, row, name, text)
    row = _para(ws, row + 1, g.TOOL_SHEETS_NOTE, bold=True)
    row = _section(ws, row, "An example Actions row")
    for heading, value in g.EXAMPLE:
        row = _pair(ws, row, heading, value or "(blank: not needed while on track)")
    ws.sheet_view.showGridLines = False


def _lines(text: str, width: float) -> int:
    """Roughly how many lines ``text`` wraps to in a column ``width`` characters wide.

    Column widths count the widest digit; ordinary text fits about 15% more characters.
    """
    per_line = int(width * 1.15)
    return sum(len(line) // per_line + 1 for line in text.splitlines() or [""])


def _para(ws: Worksheet, row: int, text: str, *, bold: bool = False) -> int:
    cell = put_text(ws.cell(row, 1), text)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
    cell.alignment = WRAP
    cell.font = font(bold=bold)
    ws.row_dimensions[row].height = 15 * _lines(text, _GUIDE_A + _GUIDE_B - 4)
    return row + 2


def _section(ws: Worksheet, row: int, title: str) -> int:
    put_text(ws.cell(row, 1), title).font = font(size=13, bold=True, color=USER_HEAD[0])
    return row + 1


def _pair(ws: Worksheet, row: int, label: str, text: str, colour: str = "000000") -> int:
    head = put_text(ws.cell(row, 1), label)
    head.font = font(bold=True, color=colour)
    head.alignment = TOP
    put_text(ws.cell(row, 2), text).alignment = WRAP
    lines = max(_lines(text, _GUIDE_B - 4), _lines(label, _GUIDE_A - 2))
    if lines > 1:
        ws.row_dimensions[row].height = 15 * lines
    return row + 1
