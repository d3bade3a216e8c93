"""The workbook open in Excel (an xlwings ``Book``) → :class:`~workbook_tools.core.model.Book`.

Every call on an xlwings object crosses from Python into Excel, so the workbook is read in bulk:

* **values**: each sheet's used range in one ``.value`` read, placed so that rows and columns
  are 1-based sheet positions even when the used range does not start at A1. Values come out as
  the file readers give them: whole numbers as ``int``, empty text as ``None``, a time of day as
  its text (``"09:30:00"``), an error as its text (``"#REF!"``);
* **defined names**: each workbook-level name's ``refers_to``, resolved against the values
  already read (one cell on one sheet → that cell's value), as the file readers do;
* **percent formats**: read only for the ``% Complete`` column of each table of actions, one
  ``number_format`` call for the whole column (split, as fills are, only if its cells differ);
* **fills**: read only for the month grids (of the Timeline or of any table with month
  columns), from the grid's first row to the sheet's last. Excel reports one colour for a
  range whose cells share it (none when no cell is filled) and no single answer for a mixed
  range, so each grid is asked as a whole and only mixed parts are split in halves: a grid with
  no fills costs one call, and the calls grow with the number of filled runs, not cells. A month
  is planned when its cell holds a value or a solid fill, as in a saved file. Non-solid pattern
  fills count as fills here (Excel reports their colour); white never counts.

Where the engine cannot report fills or number formats (xlwings Server), months are planned by
their values alone and ``% Complete`` is read as typed (60 means 60 %). xlwings is never
imported here: the caller hands over the open book.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from ..core.model import Book, Grid
from ..errors import NoActionTableError
from .xlsx import parse_cell_reference

#: Whole numbers below this size are read as ``int`` (Excel hands every number over as a float).
_INT_LIMIT = 10**16
#: The day Excel counts times of day from: a time-formatted cell reads as this date plus a time.
_TIME_BASE = dt.date(1899, 12, 30)
#: Stands for "the cells of this range differ" in the range queries below.
MIXED = object()

Rect = tuple[int, int, int, int]  # first row, first column, last row, last column (1-based)


def load_live(book: object, *, styles: bool = True) -> Book:
    """Read the open workbook ``book`` (an xlwings ``Book``) as grids with its defined names.

    ``styles=False`` skips fills and percent formats. ``Book.path`` is the workbook's full name
    (its path once saved, else the name Excel shows).
    """
    sheets = list(book.sheets)  # type: ignore[attr-defined]
    grids = [sheet_grid(sheet) for sheet in sheets]
    result = Book(path=str(book.fullname), sheets=grids)  # type: ignore[attr-defined]
    result.names = _names(book, grids)
    if styles:
        by_name = {grid.name: sheet for grid, sheet in zip(grids, sheets, strict=True)}
        _add_styles(result, by_name)
    return result


def sheet_grid(sheet: object) -> Grid:
    """One sheet's values, in one bulk read of its used range."""
    used = sheet.used_range  # type: ignore[attr-defined]
    top, left = used.row, used.column
    values = used.options(ndim=2, err_to_str=True).value
    rows: list[list[object]] = [[] for _ in range(top - 1)]
    pad: list[object] = [None] * (left - 1)
    for row in values or []:
        rows.append(pad + [plain(v) for v in row])
    return Grid(name=str(sheet.name), rows=_trim(rows))  # type: ignore[attr-defined]


def plain(value: object) -> object:
    """A value as Excel hands it over → the value a file reader gives for the same cell."""
    if isinstance(value, str):
        return value if value != "" else None
    if isinstance(value, float) and value.is_integer() and abs(value) < _INT_LIMIT:
        return int(value)
    if isinstance(value, dt.datetime) and value.date() == _TIME_BASE:
        return value.strftime("%H:%M:%S")
    return value


def _trim(rows: list[list[object]]) -> list[list[object]]:
    for row in rows:
        while row and row[-1] is None:
            row.pop()
    while rows and not rows[-1]:
        rows.pop()
    return rows


def _names(book: object, grids: list[Grid]) -> dict[str, object]:
    """Each workbook-level name pointing at one cell → that cell's value."""
    by_sheet = {grid.name.casefold(): grid for grid in grids}
    names: dict[str, object] = {}
    for item in book.names:  # type: ignore[attr-defined]
        name = str(item.name)
        if "!" in name or name.startswith("_xlnm."):
            continue  # a sheet's own name, or one of Excel's (print titles, filters)
        try:
            refers_to = item.refers_to
        except Exception:  # a name the engine cannot describe is simply not a setting
            continue
        target = parse_cell_reference(refers_to) if isinstance(refers_to, str) else None
        grid = by_sheet.get(target[0].casefold()) if target else None
        if target and grid is not None:
            names[name] = grid.value(target[1] - 1, target[2] - 1)
    return names


# --------------------------------------------------------------------------------------------
# Percent formats and fills, asked only where the reader needs them
# --------------------------------------------------------------------------------------------


def _add_styles(result: Book, sheets: dict[str, object]) -> None:
    from ..core.reading import read_plan

    try:
        plan = read_plan(result)
    except NoActionTableError:
        return  # nothing to rate: the caller reports it when it reads the plan
    percent: dict[str, set[tuple[int, int]]] = {}
    fills: dict[str, set[tuple[int, int]]] = {}
    ask_formats = ask_fills = True
    for loc in plan.tables:
        sheet, grid = sheets.get(loc.sheet), result.sheet(loc.sheet)
        if sheet is None or grid is None:
            continue
        col = loc.columns.get("percent")
        if col is not None and ask_formats and loc.last_row >= loc.first_row:
            found = read_uniform(sheet, (loc.first_row, col, loc.last_row, col), number_format)
            ask_formats = found is not None
            for (r1, _, r2, _), fmt in found or ():
                rows = range(r1 - 1, r2) if shows_percent(fmt) else ()
                cells = {(r, col - 1) for r in rows if grid.value(r, col - 1) is not None}
                percent.setdefault(loc.sheet, set()).update(cells)
        bottom = max(loc.last_row, len(grid.rows))  # a row marked only by fills may be below
        months = sorted(loc.month_columns) if ask_fills and bottom >= loc.first_row else ()
        for first, last in runs(months):
            found = read_uniform(sheet, (loc.first_row, first, bottom, last), colour)
            ask_fills = found is not None
            for (r1, c1, r2, c2), rgb in found or ():
                if is_mark(rgb):
                    cells = {(r, c) for r in range(r1 - 1, r2) for c in range(c1 - 1, c2)}
                    fills.setdefault(loc.sheet, set()).update(cells)
    for grid in result.sheets:
        grid.percent = frozenset(percent.get(grid.name, ()))
        grid.fills = frozenset(fills.get(grid.name, ()))


def runs(numbers: Iterable[int]) -> list[tuple[int, int]]:
    """Consecutive row (or column) numbers as (first, last) runs."""
    found: list[tuple[int, int]] = []
    for number in sorted(numbers):
        if found and found[-1][1] == number - 1:
            found[-1] = (found[-1][0], number)
        else:
            found.append((number, number))
    return found


def colour(rng: object) -> object:
    """The fill colour shared by every cell of ``rng`` as ``RRGGBB``, ``None`` when no cell is
    filled, or :data:`MIXED`. Raises ``NotImplementedError`` when the engine cannot tell."""
    try:
        value = rng.color  # type: ignore[attr-defined]
    except NotImplementedError:
        raise
    except Exception:  # Excel gives no single colour for a mixed range
        return MIXED
    if value is None:
        return None
    if isinstance(value, tuple) and len(value) == 3:
        return "{:02X}{:02X}{:02X}".format(*value)
    if isinstance(value, str) and len(value.lstrip("#")) == 6:
        return value.lstrip("#").upper()
    return MIXED


def number_format(rng: object) -> object:
    """The number format shared by every cell of ``rng``, or :data:`MIXED`."""
    value = rng.number_format  # type: ignore[attr-defined]
    return value if isinstance(value, str) else MIXED


def read_uniform(
    sheet: object, rect: Rect, ask: Callable[[object], object], *, limit: int = 20_000
) -> list[tuple[Rect, object]] | None:
    """Split ``rect`` into parts whose cells share one answer of ``ask`` (``colour`` or
    ``number_format``), asking Excel about a part only when its enclosing part was mixed.

    Returns ``(part, answer)`` pairs (a single cell Excel cannot describe gets ``None``), or
    ``None`` when the engine cannot answer at all. ``limit`` caps the calls.
    """
    found: list[tuple[Rect, object]] = []
    todo = [rect] if rect[0] <= rect[2] and rect[1] <= rect[3] else []
    calls = 0
    while todo:
        r1, c1, r2, c2 = part = todo.pop()
        if calls >= limit:
            found.append((part, None))
            continue
        try:
            answer = ask(sheet.range((r1, c1), (r2, c2)))  # type: ignore[attr-defined]
        except NotImplementedError:
            return None
        calls += 1
        if answer is not MIXED or (r1 == r2 and c1 == c2):
            found.append((part, None if answer is MIXED else answer))
        elif r2 > r1:
            middle = (r1 + r2) // 2
            todo += [(middle + 1, c1, r2, c2), (r1, c1, middle, c2)]
        else:
            middle = (c1 + c2) // 2
            todo += [(r1, middle + 1, r2, c2), (r1, c1, r2, middle)]
    return found


def is_mark(rgb: object) -> bool:
    """Whether a colour read from Excel marks a month: any fill but white."""
    return isinstance(rgb, str) and rgb.upper() != "FFFFFF"


def shows_percent(fmt: object) -> bool:
    """Whether a number format shows the value as a percentage (a ``%`` outside quotes)."""
    import re

    text = re.sub(r'"[^"]*"|\\.', "", fmt) if isinstance(fmt, str) else ""
    return "%" in text


__all__ = [
    "MIXED",
    "colour",
    "is_mark",
    "load_live",
    "number_format",
    "plain",
    "read_uniform",
    "runs",
    "sheet_grid",
    "shows_percent",
]
