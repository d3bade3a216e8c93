"""A sheet that is one large Excel table, as plain data: the corporate report's Register,
Exceptions, Checks and Sources.

A :class:`TableSheet` holds its rows as plain tuples (one value per column: text, a number, a
date or ``None``), never one object per cell, so that a register of tens of thousands of actions
costs little to describe and to write. Each :class:`Column` names the style its cells take (the
style names of :mod:`workbook_tools.tool_sheets.content`, so the report and the rebuilt sheets
look alike) and the values that take another look (a RAG word in its RAG colours, an error in
red). Everything above the table (a title, a note) is ordinary cells.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..core.palette import RAG_COLOURS
from ..tool_sheets.content import (
    BODY,
    RAG_CELL,
    WRAP,
    CellSpec,
    text,
    wrapped_lines,
)

#: Points per line of wrapped text in the body font (Calibri 11), and the most Excel allows.
LINE_PT, MAX_ROW_PT = 15.0, 409.0
#: Characters of ordinary text per unit of column width (Calibri 11, the widest digit being the
#: unit), less an allowance for lines broken at a word rather than at the last character.
_CHARS_PER_WIDTH = 1.22 * 0.9
#: Excel paper sizes.
A4, A3 = 9, 8


@dataclass(frozen=True)
class Column:
    """One column of a table: its heading, width (characters), the style of its cells and the
    values that take another look (``looks``: value → (style name, RAG word or ``None``))."""

    heading: str
    width: float
    style: str = BODY
    looks: Mapping[object, tuple[str, str | None]] = field(default_factory=dict)

    @property
    def wraps(self) -> bool:
        """Whether the column's text wraps (its rows are made tall enough for it)."""
        return self.style == WRAP


#: A RAG word in its RAG colours; used as a column's ``looks``.
RAG_LOOKS: Mapping[object, tuple[str, str | None]] = {
    word: (RAG_CELL, word) for word in RAG_COLOURS
}


@dataclass
class TableSheet:
    """A sheet holding one Excel table (1-based rows and columns).

    ``above`` are the cells over the table (a title, a note); the table's header is row ``top``,
    its rows follow, one tuple of values each. The header row is frozen and repeated on every
    printed page; the sheet prints ``landscape`` on ``paper`` (A4 or A3), one page wide.
    ``table`` is the Excel table's name (unique in the workbook, letters, digits and ``_``).
    """

    name: str
    table: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[object]]
    top: int = 1
    above: dict[tuple[int, int], CellSpec] = field(default_factory=dict)
    paper: int = A4
    landscape: bool = True

    def put(self, row: int, col: int, value: object, style: str = BODY) -> None:
        """Place one cell above the table."""
        self.above[(row, col)] = CellSpec(text(value), style)

    @property
    def last_row(self) -> int:
        """The table's last row (a table with no rows keeps one empty row)."""
        return self.top + max(len(self.rows), 1)

    def header_height(self) -> float:
        """The height (points) of the header row: its headings wrap in bold."""
        lines = max(wrapped_lines(c.heading, c.width, bold=True) for c in self.columns)
        return min(MAX_ROW_PT, LINE_PT * lines + 2) if lines > 1 else LINE_PT

    def height_rule(self) -> RowHeights:
        """What gives each row its height (see :class:`RowHeights`)."""
        return RowHeights([(i, c.width) for i, c in enumerate(self.columns) if c.wraps])


class RowHeights:
    """Row heights that show every line of a row's wrapped text.

    An estimate from the length of the text (a row of a large register is measured in well
    under a microsecond): neither Excel nor LibreOffice is relied on to fit heights on opening.
    """

    def __init__(self, wrapped: Sequence[tuple[int, float]]) -> None:
        self.wrapped = [(i, _per_line(width)) for i, width in wrapped]

    def __call__(self, values: Sequence[object]) -> float | None:
        """The height (points) of a row of ``values``; ``None`` for a row of one line."""
        lines = 1
        for i, per_line in self.wrapped:
            value = values[i]
            if type(value) is not str:
                continue
            if "\n" in value:
                count = sum(-(-len(part) // per_line) or 1 for part in value.split("\n"))
            else:
                count = -(-len(value) // per_line)
            if count > lines:
                lines = count
        return min(MAX_ROW_PT, LINE_PT * lines + 2) if lines > 1 else None


def _per_line(width: float) -> int:
    """Characters of ordinary text on one line of a column ``width`` wide."""
    return max(4, int(width * _CHARS_PER_WIDTH))


__all__ = ["A3", "A4", "RAG_LOOKS", "Column", "RowHeights", "TableSheet"]
