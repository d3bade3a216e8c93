"""The workbook open in Excel (an xlwings ``Book``) → :class:`~workbook_tools.core.model.Book`.

Every call on an xlwings object crosses from Python into Excel, so the workbook is read in bulk:

* **values**: each sheet's used range in one ``.value`` read, placed so that rows and columns
  are 1-based sheet positions even when the used range does not start at A1. Values come out as
  the file readers give them: whole numbers as ``int``, empty text as ``None``, a time of day as
  its text (``"09:30:00"``), an error as its text (``"#REF!"``);
* **defined names**: each workbook-level name's ``refers_to``, resolved against the values
  already read (one cell on one sheet → that cell's value), as the file readers do;
* **percent formats and fills** (:func:`add_styles`): only for the blocks the core says the
  reader needs (:func:`workbook_tools.core.styles_needed.styles_needed`: the ``% Complete``
  column and the month grids of each table), which the use case asks for after the values are
  read. Excel reports one colour (or number format) for a range whose cells share it (no colour
  when no cell is filled) and no single answer for a mixed range, so each block is asked as a
  whole and only mixed parts are split in halves: a grid with no fills costs one call, and the
  calls grow with the number of filled runs, not cells. The rules are the other readers'
  (:mod:`~workbook_tools.sources.marks`, :mod:`~workbook_tools.sources.percent`), except that
  Excel reports a hatched pattern's colour as it does a solid fill's, so a hatched fill marks.

Where the engine cannot report fills or number formats (xlwings Server), months are planned by
their values alone and ``% Complete`` is read as typed (60 means 60 %). xlwings is never
imported here: the caller hands over the open book.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..core.model import Book, Grid
from ..core.styles_needed import Rect, StylesNeeded, runs
from .grids import holding_values, trim_rows
from .marks import is_mark_colour
from .names import resolve_names
from .percent import shows_percent
from .values import excel_value

#: Stands for "the cells of this range differ" in the range queries below.
MIXED = object()


def load_live(book: object) -> Book:
    """Read the open workbook ``book`` (an xlwings ``Book``) as grids with its defined names,
    values only (:func:`add_styles` adds the styles the reader needs). ``Book.path`` is the
    workbook's full name (its path once saved, else the name Excel shows)."""
    grids = [sheet_grid(sheet) for sheet in book.sheets]  # type: ignore[attr-defined]
    result = Book(path=str(book.fullname), sheets=grids)  # type: ignore[attr-defined]
    result.names = resolve_names(_defined(book), grids)
    return result


def sheet_grid(sheet: object) -> Grid:
    """One sheet's values, in one bulk read of its used range."""
    used = sheet.used_range  # type: ignore[attr-defined]
    top, left = used.row, used.column
    values = used.options(ndim=2, err_to_str=True).value
    rows: list[list[object]] = [[] for _ in range(top - 1)]
    pad: list[object] = [None] * (left - 1)
    for row in values or []:
        rows.append(pad + [excel_value(v) for v in row])
    return Grid(name=str(sheet.name), rows=trim_rows(rows))  # type: ignore[attr-defined]


def _defined(book: object) -> Iterable[tuple[str, object]]:
    """Each name of the workbook with what it refers to (a name the engine cannot describe is
    left out: it is simply not a setting)."""
    for item in book.names:  # type: ignore[attr-defined]
        try:
            refers_to = item.refers_to
        except Exception:
            continue
        yield str(item.name), refers_to


def add_styles(result: Book, book: object, needed: Iterable[StylesNeeded]) -> None:
    """Set the fills and percent cells of ``result`` (read from the open workbook ``book`` by
    :func:`load_live`) for the blocks in ``needed``, in bulk; every other cell has none."""
    sheets: dict[str, object] = {}
    percent: dict[str, set[tuple[int, int]]] = {}
    fills: dict[str, set[tuple[int, int]]] = {}
    ask_formats = ask_fills = True
    for want in needed:
        grid = result.sheet(want.sheet)
        if grid is None:
            continue
        if grid.name not in sheets:  # one call for each sheet asked about
            sheets[grid.name] = book.sheets[grid.name]  # type: ignore[attr-defined]
        sheet = sheets[grid.name]
        for rect in want.percent if ask_formats else ():
            found = read_uniform(sheet, rect, number_format)
            ask_formats = found is not None
            cells = percent.setdefault(grid.name, set())
            cells.update(_cells(found or (), shows_percent))
        for rect in want.months if ask_fills else ():
            found = read_uniform(sheet, rect, colour)
            ask_fills = found is not None
            fills.setdefault(grid.name, set()).update(_cells(found or (), is_mark_colour))
    for grid in result.sheets:
        grid.percent = holding_values(grid.rows, percent.get(grid.name, set()))
        grid.fills = frozenset(fills.get(grid.name, ()))


def _cells(
    found: Iterable[tuple[Rect, object]], counts: Callable[[object], bool]
) -> set[tuple[int, int]]:
    """The 0-based cells of the parts whose answer ``counts``."""
    return {
        (r, c)
        for (r1, c1, r2, c2), answer in found
        if counts(answer)
        for r in range(r1 - 1, r2)
        for c in range(c1 - 1, c2)
    }


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


__all__ = [
    "MIXED",
    "add_styles",
    "colour",
    "load_live",
    "number_format",
    "read_uniform",
    "runs",
    "sheet_grid",
]
