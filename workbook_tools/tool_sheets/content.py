"""The plain-data description of a rebuilt sheet: cells with style names, charts, print layout.

Writers map the style names to their own formatting; nothing here touches a workbook.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from ..core.vocabulary import RAG_WORDS

# Style names a writer must know. Cells with a ``rag`` take that RAG word's colours.
TITLE, SUBTITLE, SECTION, NOTE = "title", "subtitle", "section", "note"
LABEL, HEADER, BODY, WRAP = "label", "header", "body", "wrap"
DATE, STAMP, INT, PERCENT, NUMBER = "date", "stamp", "int", "percent", "number"
RAG_CELL, LINK, ERROR, WARNING = "rag", "link", "error", "warning"

#: Number formats by style name (the same in every writer).
NUMBER_FORMATS: dict[str, str] = {
    DATE: "dd mmm yyyy",
    STAMP: "dd mmm yyyy hh:mm",
    INT: "0",
    PERCENT: "0.0%",
    NUMBER: "0.0",
}
#: Font size (points) by style name; anything else is 11.
FONT_SIZES: dict[str, float] = {TITLE: 16, SUBTITLE: 12, SECTION: 13, NOTE: 10}

#: Points in a centimetre, and the printable height of an A4 landscape page at full size.
PT_PER_CM = 72 / 2.54
PAGE_PT = 470.0
_LINE_PT = 15.0
_MAX_TEXT = 32_000  # Excel keeps at most 32,767 characters in a cell
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class CellSpec(NamedTuple):
    """One cell: its value, a style name, the RAG word whose colours it takes (``rag`` cells and
    RAG headings), the place in the workbook it links to (``"'Actions'!F9"``) and, for a value
    that should not follow the usual alignment of its type, ``align="left"``. (A named tuple: a
    rebuilt sheet has tens of thousands of them.)"""

    value: object
    style: str = BODY
    rag: str | None = None
    link: str | None = None
    align: str | None = None


_plain_spec = functools.partial(tuple.__new__, CellSpec)


@dataclass(frozen=True)
class Series:
    """One chart series: the cell holding its name and the column range of its values."""

    name: tuple[int, int]
    values: tuple[int, int, int]  # column, first row, last row
    colour: str


@dataclass(frozen=True)
class ChartSpec:
    """A native chart on the sheet, drawing on the sheet's own cells.

    ``kind`` is ``"stacked-bar"`` (horizontal bars), ``"doughnut"`` or ``"line"``;
    ``categories`` is a column range (column, first row, last row); a doughnut's points take
    ``point_colours`` in order. ``anchor`` is the 1-based (row, column) of the top-left cell.
    """

    kind: str
    title: str
    anchor: tuple[int, int]
    width_cm: float
    height_cm: float
    categories: tuple[int, int, int]
    series: tuple[Series, ...]
    point_colours: tuple[str, ...] = ()


@dataclass(frozen=True)
class GanttBar:
    """One action on the Gantt chart: label, planned start (if known), due date, RAG word."""

    label: str
    start: dt.date | None
    due: dt.date
    rag: str


@dataclass(frozen=True)
class GanttSpec:
    """A Gantt chart picture: its bars, the as-of date line, where it goes, its size, and the
    dates its axis spans (the same on every part of a long plan)."""

    anchor: tuple[int, int]
    width_cm: float
    height_cm: float
    bars: tuple[GanttBar, ...]
    as_of: dt.date
    title: str
    window: tuple[dt.date, dt.date]


@dataclass
class SheetContent:
    """Everything on one rebuilt sheet. Rows and columns are 1-based.

    ``heights`` are row heights in points (rows not listed keep the default); ``merges`` are
    ranges (first row, first column, last row, last column) shown as one cell; ``boxes`` are
    tables drawn with thin borders; ``title_rows`` are repeated at the top of every printed
    page; ``breaks`` are rows that start a new printed page; ``freeze`` is the top-left cell of
    the scrolling area; ``stamp`` is the cell holding the generated-at time (the one cell that
    changes when a refresh is repeated).
    """

    name: str
    cells: dict[tuple[int, int], CellSpec] = field(default_factory=dict)
    widths: dict[int, float] = field(default_factory=dict)
    heights: dict[int, float] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    boxes: list[tuple[int, int, int, int]] = field(default_factory=list)
    landscape: bool = True
    title_rows: tuple[int, int] | None = None
    freeze: tuple[int, int] | None = None
    breaks: list[int] = field(default_factory=list)
    charts: list[ChartSpec] = field(default_factory=list)
    gantts: list[GanttSpec] = field(default_factory=list)
    stamp: tuple[int, int] | None = None

    def put(self, row: int, col: int, value: object, style: str = BODY, **kw: str | None) -> None:
        """Place one cell (strings are cleaned for storage as text)."""
        if kw:
            self.cells[(row, col)] = CellSpec(text(value), style, **kw)
        else:  # the usual cell, made without the named tuple's Python-level constructor
            self.cells[(row, col)] = _plain_spec((text(value), style, None, None, None))

    def put_row(self, row: int, col: int, values: Iterable[object], style: str = BODY) -> None:
        """Place values left to right from ``(row, col)``, all in one style."""
        for offset, value in enumerate(values):
            self.put(row, col + offset, value, style)

    def heading_row(self, row: int, col: int, headings: Iterable[str]) -> None:
        """Column headings; RAG words take their RAG colours."""
        for offset, heading in enumerate(headings):
            rag = heading if heading in RAG_WORDS else None
            self.put(row, col + offset, heading, HEADER, rag=rag)

    @property
    def last_row(self) -> int:
        """The lowest row holding a cell."""
        return max((r for r, _ in self.cells), default=0)

    def _rows(self) -> dict[int, list[tuple[int, CellSpec]]]:
        by_row: dict[int, list[tuple[int, CellSpec]]] = {}
        for (r, c), spec in self.cells.items():
            by_row.setdefault(r, []).append((c, spec))
        return by_row

    def row_height(self, row: int, _index: dict | None = None, _lines: dict | None = None) -> float:
        """The height (points) the row needs: wrapped text is given enough lines.

        ``_lines`` remembers the lines of each (text, width, bold) across the rows of one
        pass: the rebuilt sheets repeat the same leads, references and reasons row after row.
        """
        if row in self.heights:
            return self.heights[row]
        index = _index if _index is not None else self._rows()
        lines_of = _lines if _lines is not None else {}
        height = _LINE_PT
        for c, spec in index.get(row, ()):
            size = FONT_SIZES.get(spec.style, 11)
            lines = 1
            if spec.style in (WRAP, HEADER) and isinstance(spec.value, str):
                key = (spec.value, self._width(row, c), spec.style == HEADER)
                lines = lines_of.get(key)
                if lines is None:
                    lines = lines_of[key] = wrapped_lines(key[0], key[1], bold=key[2])
            height = max(height, lines * size * 1.32 + 2)
        return round(height, 1)

    def fit_heights(self, rows: Iterable[int] | None = None) -> None:
        """Give every row holding taller or wrapped text the height it needs."""
        index, lines = self._rows(), {}
        for row in sorted(set(rows) if rows is not None else set(index)):
            height = self.row_height(row, index, lines)
            if height > _LINE_PT + 0.5:
                self.heights[row] = height

    def height_of(self, first: int, last: int) -> float:
        """The printed height (points) of rows ``first`` … ``last``."""
        index, lines = self._rows(), {}
        return sum(self.row_height(row, index, lines) for row in range(first, last + 1))

    def _width(self, row: int, col: int) -> float:
        for r1, c1, r2, c2 in self.merges:
            if r1 <= row <= r2 and c1 <= col <= c2:
                return sum(self.widths.get(c, 8.43) for c in range(c1, c2 + 1))
        return self.widths.get(col, 8.43)


def wrapped_lines(value: str, width: float, *, bold: bool = False) -> int:
    """Roughly how many lines ``value`` takes in a column ``width`` characters wide.

    Column widths count the widest digit; ordinary text fits a little more, bold a little less.
    Words wrap as a spreadsheet wraps them: a line takes words while they fit, one space
    between each, and a word longer than a line takes as many lines as it needs.
    """
    per_line = max(int(width * (1.0 if bold else 1.22)) - 1, 4)
    total = 0
    for line in value.splitlines() or [""]:
        if len(line) <= per_line:  # its words fit on one line, however they are spaced
            total += 1
        else:
            total += _lines(" ".join(line.split()), per_line)
    return total


def _lines(words: str, per_line: int) -> int:
    """The lines ``words`` (separated by single spaces) fill, ``per_line`` characters each.

    Found a line at a time rather than a word at a time: a line starting at ``start`` holds
    every word ending by ``start + per_line``, so the next line starts after the last space up
    to there; a word too long for a line (it starts a line, or the text) is alone on its
    lines. A word too long for a line that starts a later line adds the lines it spills onto.
    """
    end, count, start = len(words), 1, 0
    while start + per_line < end:
        space = words.rfind(" ", start, start + per_line + 1)
        if space < 0:  # the line's first word is longer than a line: the next word breaks
            space = words.find(" ", start)
            if space < 0:
                break
        start = space + 1
        after = words.find(" ", start)
        size = (after if after >= 0 else end) - start
        count += 1 + max(0, -(-size // per_line) - 1)
    return count


class Pager:
    """Keeps blocks of rows whole on printed pages: a block that does not fit on what is left of
    the page starts a new one (a block taller than a page simply starts a page)."""

    def __init__(self, sheet: SheetContent, page: float = PAGE_PT) -> None:
        self.sheet = sheet
        self.page = page
        self.used = 0.0

    def place(self, first_row: int, height: float) -> None:
        """Account for a block of ``height`` points starting at ``first_row``."""
        if self.used and self.used + height > self.page:
            self.sheet.breaks.append(first_row)
            self.used = 0.0
        self.used += height
        while self.used > self.page:
            self.used -= self.page

    def room(self) -> float:
        """The height (points) left on the current page."""
        return self.page - self.used

    def new_page(self, first_row: int) -> None:
        """Start a new page at ``first_row`` (unless the page is still empty)."""
        if self.used:
            self.sheet.breaks.append(first_row)
        self.used = 0.0


def text(value: object) -> object:
    """A value ready to store: strings lose characters a workbook cannot hold and are cut to
    Excel's cell limit; everything else is unchanged. Writers store every string as text."""
    if not isinstance(value, str):
        return value
    cleaned = _ILLEGAL.sub("", value) if _ILLEGAL.search(value) else value
    return cleaned if len(cleaned) <= _MAX_TEXT else cleaned[: _MAX_TEXT - 1] + "…"


def looks_like_formula(value: object) -> bool:
    """Whether a spreadsheet would take this text for a formula if it were typed in."""
    return isinstance(value, str) and value[:1] in ("=", "+", "-", "@")


def as_date(value: object) -> dt.date | None:
    """A date from a date, a datetime or an ISO text; else ``None``."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def fraction(percent: object) -> float | None:
    """A 0–100 percentage as a fraction for a percent-formatted cell (``None`` stays blank)."""
    if percent is None or percent != percent:  # None or NaN
        return None
    if not isinstance(percent, int | float | str):
        raise TypeError(f"not a percentage: {percent!r}")
    return round(float(percent) / 100, 4)


def shorten(value: str | None, width: int) -> str:
    """One line of at most ``width`` characters, cut at a word with an ellipsis."""
    line = " ".join((value or "").split())
    if len(line) <= width:
        return line
    cut = line[: width - 1].rsplit(" ", 1)[0]
    if len(cut) < width // 2:
        cut = line[: width - 1]
    return cut.rstrip(" ,;:-") + "…"
