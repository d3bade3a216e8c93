"""Excel workbooks (``.xlsx``, ``.xlsm``) → :class:`~workbook_tools.core.model.Book`.

Two readers give the same values for the same file:

* :func:`load_xlsx` (openpyxl, read-only) also reports solid fills (month-grid marks) and
  percent number formats, which the reader needs for timelines and ``% Complete``;
* :func:`~workbook_tools.sources.calamine.load_xlsx_fast` (python-calamine) gives the same
  values, with fills and percent formats read straight from the XML, several times faster.

Values in a grid are ``None``, ``str``, ``int``, ``float``, ``bool`` or ``datetime.datetime``:

* an empty string is read as ``None`` (the cell looks empty);
* a time of day or a duration (a cell formatted ``hh:mm`` or ``[h]:mm``) is read as its text,
  e.g. ``"09:30:00"``; dates are always ``datetime.datetime`` (midnight for a date alone);
* text keeps every space and line break; Excel's ``_x000D_``-style escapes are decoded;
* a formula gives the value last calculated and saved (``None`` if it never was, as in files
  written by programs that do not calculate); an error gives its text, e.g. ``"#REF!"``;
* a merged range keeps its value in its top-left cell only.

``fills`` lists cells with a solid pattern fill in any colour but white (see
:func:`is_mark_fill`); fills from conditional formatting, whole-row or whole-column styles and
non-solid patterns do not count. ``percent`` lists cells holding a value whose number format
scales it to a percentage (a ``%`` outside quoted text).

Both readers stop after :data:`MAX_ROWS` rows holding values and ignore columns beyond
:data:`MAX_COLS`, and say so with a :class:`SheetTruncatedWarning` when anything but empty styled
cells was left out. A sparse sheet is read by its cells: a stray value at F1048567 under a 26-row
plan is read where it is, and the empty rows between cost one shared empty tuple each
(:data:`EMPTY_ROW`). The real input limits are checked before these readers run (``safety``);
the caps only keep a very large sheet from exhausting memory.

openpyxl, python-calamine and defusedxml are imported inside the functions, so importing this
module is cheap.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import warnings
from collections.abc import Iterable
from typing import Any

from ..core.model import Book, Grid
from ..errors import NotAWorkbookError, WorkbookToolsError

#: Rows holding values read per sheet at most; rows below are ignored (with a warning).
MAX_ROWS = 100_000
#: The last row of a sheet (Excel's limit).
LAST_ROW = 1_048_576
#: What an empty row of a sparse sheet is in a grid (shared, never written to): gaps of more
#: than :data:`_LONG_GAP` rows are filled with it, shorter ones with empty lists.
EMPTY_ROW: tuple[()] = ()
_LONG_GAP = 10_000
#: Columns read per sheet at most; cells to the right are ignored (with a warning).
MAX_COLS = 1_000
#: A filled merged range larger than this is only marked alongside the sheet's data.
_MAX_MERGE_CELLS = 10_000

NOT_A_WORKBOOK = (
    "the file is not an Excel workbook (.xlsx) or is damaged; open it in Excel and save it as .xlsx"
)

_FILL = 1
_PERCENT = 2
_BOLD = 4


class SheetTruncatedWarning(UserWarning):
    """A sheet was larger than :data:`MAX_ROWS` × :data:`MAX_COLS`; only part of it was read."""


# --------------------------------------------------------------------------------------------
# Public readers
# --------------------------------------------------------------------------------------------


def load_xlsx(path: str | os.PathLike[str], *, styles: bool = True) -> Book:
    """Read every worksheet of an Excel workbook as a grid, with fills and percent formats.

    ``styles=False`` skips fills and percent formats (the grids then have none). Chart sheets are
    skipped. Defined names at workbook level that point at one cell are resolved to its value.
    Raises :class:`NotAWorkbookError` when the file cannot be read as a workbook.
    """
    path = os.fspath(path)
    notes: list[str] = []
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below, after the workbook
    except OSError as exc:
        raise file_problem(exc, path) from None
    try:
        with handle, warnings.catch_warnings():
            # openpyxl warns about parts it does not read (extensions, slicers…); reading does
            # not need them and the user cannot act on those messages.
            warnings.filterwarnings("ignore", module=r"openpyxl(\.|$)")
            book = _load_openpyxl(handle, path, styles, notes)
    except WorkbookToolsError:
        raise
    except Exception as exc:  # a damaged file can fail anywhere inside the parser
        raise NotAWorkbookError(NOT_A_WORKBOOK, path=path) from exc
    warn_truncated(path, notes)
    return book


# --------------------------------------------------------------------------------------------
# openpyxl
# --------------------------------------------------------------------------------------------


def _load_openpyxl(handle: Any, path: str, styles: bool, notes: list[str]) -> Book:
    # Read-only mode streams each sheet's XML once and still gives every cell's style id, so
    # fills and number formats cost one lookup per distinct style (measured about twice as fast
    # as the normal mode, which builds a Cell object with its style for every cell).
    reader = _excel_reader()(
        handle, read_only=True, data_only=True, keep_links=False, rich_text=False
    )
    reader.read()
    wb = reader.wb
    try:
        marks = _style_marks(wb) if styles else None
        grids = [_openpyxl_grid(wb, ws, marks, notes) for ws in wb.worksheets]
        defined = [
            (dn.name, dn.attr_text)
            for dn in wb.defined_names.values()
            if getattr(dn, "localSheetId", None) is None
        ]
    finally:
        wb.close()
    return Book(path=path, sheets=grids, names=resolve_names(defined, grids))


@functools.cache
def _excel_reader() -> type:
    """openpyxl's workbook reader (what ``openpyxl.load_workbook`` runs), except that shared
    strings keep Excel's ``_xHHHH_`` escapes, so every string is decoded once, the same way, in
    :func:`plain_value` (openpyxl itself only drops the escaped underscores of shared strings,
    leaving ``_x000D_`` where Excel shows a line break)."""
    from openpyxl.cell.text import Text
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS
    from openpyxl.xml.functions import iterparse

    item = f"{{{SHEET_MAIN_NS}}}si"

    class Reader(ExcelReader):
        def read_strings(self) -> None:
            part = self.package.find(SHARED_STRINGS)
            if part is None:
                return
            strings = []
            with self.archive.open(part.PartName[1:]) as source:
                for _, node in iterparse(source):
                    if node.tag == item:
                        strings.append(Text.from_tree(node).content)
                        node.clear()
            self.shared_strings = strings

    return Reader


def _openpyxl_grid(wb: Any, ws: Any, marks: list[int] | None, notes: list[str]) -> Grid:
    """One read-only worksheet → :class:`Grid`, in a single pass over the sheet's XML.

    This drives openpyxl's own sheet parser (the one its read-only worksheets use) rather than
    ``iter_rows``: the parser also collects the merged ranges, which read-only worksheets do not
    expose, and it yields only the cells present in the file, so a stray cell far to the right
    does not make every row thousands of cells long. openpyxl is pinned to 3.1.x for this;
    ``tests/test_sources.py`` fails loudly if the parser's interface changes.
    """
    from openpyxl.worksheet._reader import WorkSheetParser

    max_rows, max_cols = MAX_ROWS, MAX_COLS
    rows: list[list[object]] = []
    fills: set[tuple[int, int]] = set()
    percent: set[tuple[int, int]] = set()
    bold: set[tuple[int, int]] = set()
    truncated = False
    n_marks = len(marks) if marks is not None else 0
    filled = 0  # rows holding a value or a mark so far

    with ws._get_source() as source:
        parser = WorkSheetParser(
            source,
            ws._shared_strings,
            data_only=True,
            epoch=wb.epoch,
            date_formats=wb._date_formats,
            timedelta_formats=wb._timedelta_formats,
            rich_text=False,
        )
        for number, cells in parser.parse():
            if not any(_has_content(cell, marks, n_marks) for cell in cells):
                continue  # rows of styles alone (some programs write them far down)
            filled += 1
            if filled > max_rows or number > LAST_ROW:
                truncated = True
                break
            r = number - 1
            values: list[object] = []
            for cell in cells:
                column = cell["column"]
                if column > max_cols:
                    truncated = truncated or _has_content(cell, marks, n_marks)
                    continue
                c = column - 1
                value = cell["value"]
                has_value = value is not None and value != ""
                if marks is not None:
                    style = cell["style_id"]
                    if style:
                        mark = marks[style] if style < n_marks else 0
                        if mark & _FILL:
                            fills.add((r, c))
                        if mark & _PERCENT and has_value:
                            percent.add((r, c))
                        if mark & _BOLD and has_value:
                            bold.add((r, c))
                if has_value:
                    if c >= len(values):
                        values.extend([None] * (c + 1 - len(values)))
                    values[c] = plain_value(value)
            _place_row(rows, r, values)
        merged = _openpyxl_merges(parser.merged_cells)

    if truncated:
        notes.append(ws.title)
    apply_merges(rows, fills, percent, merged)
    return Grid(
        name=ws.title,
        rows=trim_rows(rows),
        fills=frozenset(fills),
        percent=frozenset(percent),
        bold=frozenset(bold),
    )


def _has_content(cell: dict[str, Any], marks: list[int] | None, n_marks: int) -> bool:
    """Whether a parsed cell holds a value or a fill mark (not just a style)."""
    if cell["value"] is not None and cell["value"] != "":
        return True
    style = cell["style_id"]
    return bool(marks is not None and style and style < n_marks and marks[style] & _FILL)


def _openpyxl_merges(merged_cells: Any) -> list[tuple[int, int, int, int]]:
    """Merged ranges as 0-based ``(first_row, first_col, last_row, last_col)``."""
    if not merged_cells:
        return []
    from openpyxl.utils.cell import range_boundaries

    ranges = []
    for merge in merged_cells.mergeCell:
        try:
            min_col, min_row, max_col, max_row = range_boundaries(merge.ref)
        except (TypeError, ValueError):
            continue
        if None in (min_col, min_row, max_col, max_row):
            continue
        ranges.append((min_row - 1, min_col - 1, max_row - 1, max_col - 1))
    return ranges


def _style_marks(wb: Any) -> list[int]:
    """For each cell style id of ``wb``: ``_FILL`` if it shows a solid non-white fill,
    ``_PERCENT`` if its number format shows a percentage, ``_BOLD`` if its font is bold."""
    from openpyxl.styles.colors import COLOR_INDEX
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE

    palette = list(getattr(wb, "_colors", None) or COLOR_INDEX)
    fills = list(wb._fills)
    fonts = list(wb._fonts)
    custom_formats = list(wb._number_formats)
    marks = []
    for style in wb._cell_styles:
        mark = 0
        fill_id = style.fillId
        if 0 <= fill_id < len(fills) and is_mark_fill(fills[fill_id], palette):
            mark |= _FILL
        font_id = style.fontId
        if 0 <= font_id < len(fonts) and getattr(fonts[font_id], "b", False):
            mark |= _BOLD
        fmt_id = style.numFmtId
        if fmt_id < BUILTIN_FORMATS_MAX_SIZE:
            fmt = BUILTIN_FORMATS.get(fmt_id, "General")
        elif fmt_id - BUILTIN_FORMATS_MAX_SIZE < len(custom_formats):
            fmt = custom_formats[fmt_id - BUILTIN_FORMATS_MAX_SIZE]
        else:
            fmt = "General"
        if _shows_percent(fmt):
            mark |= _PERCENT
        marks.append(mark)
    return marks


def _shows_percent(fmt: object) -> bool:
    """Whether a number format scales the value to a percentage: a ``%`` outside quoted text and
    not escaped (``0"%"`` and ``0\\%`` only print a per-cent sign after a number as typed)."""
    text = fmt if isinstance(fmt, str) else ""
    text = re.sub(r'"[^"]*"|\\.', "", text)
    return "%" in text


def shows_percent(fmt: object) -> bool:
    """Whether a number format (its code) scales a value to a percentage."""
    return _shows_percent(fmt)


def is_mark_fill(fill: object, palette: Iterable[str] | None = None) -> bool:
    """Whether an openpyxl fill counts as a mark on a month grid: a solid pattern whose colour
    is not white.

    Colours may be RGB (any alpha), indexed (resolved through ``palette``, the workbook's own
    palette when it has one, else Excel's default; 64 is the system text colour, 65 the system
    background) or theme colours (theme 0 is "Background 1", white, unless darkened by a
    negative tint). Automatic colours show as black and count.
    """
    if getattr(fill, "patternType", None) != "solid":
        return False
    return not _is_white(getattr(fill, "fgColor", None), palette)


def _is_white(colour: object, palette: Iterable[str] | None) -> bool:
    if colour is None:
        return False
    kind = getattr(colour, "type", None)
    if kind == "rgb":
        rgb = getattr(colour, "rgb", None)
        return isinstance(rgb, str) and rgb[-6:].upper() == "FFFFFF"
    if kind == "indexed":
        index = getattr(colour, "indexed", None)
        if not isinstance(index, int):
            return False
        if index == 65:  # system background
            return True
        colours = list(palette) if palette is not None else []
        if 0 <= index < len(colours):
            rgb = colours[index]
            return isinstance(rgb, str) and rgb[-6:].upper() == "FFFFFF"
        return False
    if kind == "theme":
        tint = getattr(colour, "tint", 0.0) or 0.0
        return getattr(colour, "theme", None) == 0 and tint >= 0
    return False


# --------------------------------------------------------------------------------------------
# Shared helpers
# --------------------------------------------------------------------------------------------


def plain_value(value: object) -> object:
    """A cell value as one of the grid's types (see the module docstring)."""
    if isinstance(value, str):
        return unescape(value) if "_x" in value else value
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, dt.time | dt.timedelta):
        return str(value)
    if isinstance(value, bool | int | float):
        return value
    return str(value)


_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape(text: str) -> str:
    """Decode Excel's ``_xHHHH_`` escapes in cell text (``a_x000D_`` → ``a\\r``; a literal
    ``_x0041_`` typed by a user is stored as ``_x005F_x0041_`` and comes back as typed)."""
    decoded = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    if any("\ud800" <= ch <= "\udfff" for ch in decoded):
        decoded = decoded.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return decoded


def _place_row(rows: list[list[object]], r: int, values: list[object]) -> None:
    """Put a row's values at 0-based row ``r`` (rows normally arrive in order, each once);
    rows skipped over are :data:`EMPTY_ROW`."""
    if r >= len(rows):
        if not values:
            return
        pad_rows(rows, r)
        rows.append(values)
        return
    existing = rows[r]
    if not isinstance(existing, list):
        existing = rows[r] = list(existing)
    for c, value in enumerate(values):
        if value is not None:
            if c >= len(existing):
                existing.extend([None] * (c + 1 - len(existing)))
            existing[c] = value


def pad_rows(rows: list[list[object]], r: int) -> None:
    """Fill ``rows`` with empty rows up to 0-based row ``r`` (a long gap with :data:`EMPTY_ROW`,
    so a stray far cell costs a pointer per empty row, not a list)."""
    gap = r - len(rows)
    if gap > _LONG_GAP:
        rows.extend([EMPTY_ROW] * gap)  # type: ignore[list-item]
    elif gap > 0:
        rows.extend([] for _ in range(gap))


def apply_merges(
    rows: list[list[object]],
    fills: set[tuple[int, int]] | None,
    percent: set[tuple[int, int]] | None,
    merged: list[tuple[int, int, int, int]],
) -> None:
    """Keep each merged range's value in its top-left cell only; every cell of the range is
    filled exactly when the top-left cell is (Excel shows the range with the top-left's style).

    A range of more than :data:`_MAX_MERGE_CELLS` cells (merged down a whole column, say) is
    only spread over the rows and columns that hold values or fills, so it does not become a
    million marks.
    """
    if not merged:
        return
    last_row = len(rows) - 1
    last_col = max((len(row) for row in rows), default=0) - 1
    if fills:
        last_row = max(last_row, max(r for r, _ in fills))
        last_col = max(last_col, max(c for _, c in fills))
    for r1, c1, r2, c2 in merged:
        r2, c2 = min(r2, LAST_ROW - 1), min(c2, MAX_COLS - 1)
        if (r2 - r1 + 1) * (c2 - c1 + 1) > _MAX_MERGE_CELLS:
            r2, c2 = min(r2, last_row), min(c2, last_col)
        if r1 > r2 or c1 > c2:
            continue
        for r in range(r1, min(r2 + 1, len(rows))):
            row = rows[r]
            for c in range(c1, min(c2 + 1, len(row))):
                if (r, c) != (r1, c1):
                    row[c] = None
        if fills is None or percent is None:
            continue
        filled = (r1, c1) in fills
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) == (r1, c1):
                    continue
                percent.discard((r, c))
                if filled:
                    fills.add((r, c))
                else:
                    fills.discard((r, c))


def trim_rows(rows: list[list[object]]) -> list[list[object]]:
    """Drop trailing empty cells from each row and trailing empty rows."""
    for row in rows:
        while row and row[-1] is None:
            row.pop()
    while rows and not rows[-1]:
        rows.pop()
    return rows


def column_number(letters: str) -> int:
    """1-based column number of Excel column letters (``A`` → 1, ``AA`` → 27)."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


_REF = re.compile(
    r"""^(?:'(?P<quoted>(?:[^']|'')+)'|(?P<plain>[^'!\[\]:*?/\\=+\-(),;"\s][^'!\[\]:*?/\\(),;"\s]*))
        !\$?(?P<col>[A-Za-z]{1,3})\$?(?P<row>[0-9]{1,7})
        (?::\$?(?P<col2>[A-Za-z]{1,3})\$?(?P<row2>[0-9]{1,7}))?$""",
    re.VERBOSE,
)


def parse_cell_reference(text: str) -> tuple[str, int, int] | None:
    """``(sheet, row, col)`` (1-based) of a defined name's text when it is one cell on one sheet
    (``Settings!$B$6``, ``'Plan 2008'!B6``, ``Settings!$B$6:$B$6``), else ``None``."""
    match = _REF.match(text.strip().lstrip("="))
    if not match:
        return None
    if match["col2"] is not None and (
        match["col2"].upper() != match["col"].upper() or int(match["row2"]) != int(match["row"])
    ):
        return None
    sheet = match["quoted"].replace("''", "'") if match["quoted"] is not None else match["plain"]
    column = column_number(match["col"])
    row = int(match["row"])
    if not (1 <= row <= 1_048_576 and 1 <= column <= 16_384):
        return None
    return sheet, row, column


def resolve_names(defined: Iterable[tuple[str, str]], grids: list[Grid]) -> dict[str, object]:
    """Each workbook-level name pointing at one cell → that cell's value (``None`` if empty).

    Names pointing at ranges, formulas, constants, other workbooks or missing sheets, and
    Excel's own names (``_xlnm.Print_Area``…), are left out.
    """
    by_name = {grid.name.casefold(): grid for grid in grids}
    names: dict[str, object] = {}
    for name, text in defined:
        if not name or name.startswith("_xlnm.") or not isinstance(text, str):
            continue
        target = parse_cell_reference(text)
        if target is None:
            continue
        sheet, row, column = target
        grid = by_name.get(sheet.casefold())
        if grid is None:
            continue
        names[name] = grid.value(row - 1, column - 1)
    return names


def file_problem(exc: OSError, path: str) -> NotAWorkbookError:
    """The sentence for a file that could not even be opened."""
    if isinstance(exc, FileNotFoundError):
        message = "the file cannot be found; check its name and folder"
    elif isinstance(exc, IsADirectoryError):
        message = "this is a folder, not a file"
    elif isinstance(exc, PermissionError):
        message = "the file cannot be opened (no permission to read it); check who can open it"
    else:
        reason = exc.strerror or exc.__class__.__name__
        message = f"the file cannot be opened ({reason}); check the drive or folder it is on"
    return NotAWorkbookError(message, path=path)


def warn_truncated(path: str, sheets: list[str]) -> None:
    for sheet in sheets:
        warnings.warn(
            f"{os.path.basename(path)}, sheet {sheet}: only the first {MAX_ROWS:,} rows and "
            f"{MAX_COLS:,} columns were read; split the sheet or delete unused rows and columns",
            SheetTruncatedWarning,
            stacklevel=3,
        )


__all__ = [
    "EMPTY_ROW",
    "LAST_ROW",
    "MAX_COLS",
    "MAX_ROWS",
    "SheetTruncatedWarning",
    "is_mark_fill",
    "load_xlsx",
    "pad_rows",
    "parse_cell_reference",
]
