"""The openpyxl engine: Excel workbooks (``.xlsx``, ``.xlsm``) → a
:class:`~workbook_tools.core.model.Book`.

Two engines give the same values for the same file: :func:`load_xlsx` (openpyxl, read-only)
and :func:`~workbook_tools.sources.calamine.load_xlsx_fast` (python-calamine, several times
faster, which ``check`` and ``refresh`` use). This one also reads a sparse sheet by its cells for
the fast one (:func:`load_sheet_by_cells`).

The rules both follow are the base modules': how a value becomes a grid value
(:mod:`~workbook_tools.sources.values`), which fills mark a month
(:mod:`~workbook_tools.sources.marks`; fills from conditional formatting, whole-row or
whole-column styles and non-solid patterns do not count), what a percent cell is
(:mod:`~workbook_tools.sources.percent`), and the caps, sparse rows, merged ranges and trimming
of a grid (:mod:`~workbook_tools.sources.grids`). A formula gives the value last calculated and
saved (``None`` if it never was, as in files written by programs that do not calculate).

openpyxl is imported inside the functions, so importing this module is cheap.
"""

from __future__ import annotations

import contextlib
import functools
import os
import warnings
from collections.abc import Iterator, Sequence
from typing import Any

from ..core.model import Book, Grid
from ..errors import NotAWorkbookError, WorkbookToolsError
from . import grids as caps
from .file_problems import NOT_A_WORKBOOK, file_problem
from .grids import apply_merges, place_row, trim_rows, warn_truncated
from .marks import Colour
from .marks import is_mark_fill as is_mark
from .names import resolve_names
from .percent import FIRST_CUSTOM_FORMAT, percent_formats
from .values import plain_value

_FILL = 1
_PERCENT = 2
_BOLD = 4


def load_xlsx(path: str | os.PathLike[str], *, styles: bool = True) -> Book:
    """Read every worksheet of an Excel workbook as a grid, with fills and percent formats.

    ``styles=False`` skips fills and percent formats (the grids then have none). Chart sheets are
    skipped. Defined names at workbook level that point at one cell are resolved to its value.
    Raises :class:`NotAWorkbookError` when the file cannot be read as a workbook.
    """
    path = os.fspath(path)
    notes: list[str] = []
    with _workbook(path) as wb:
        marks = _style_marks(wb) if styles else None
        grids = [_openpyxl_grid(wb, ws, marks, notes) for ws in wb.worksheets]
        defined = [
            (dn.name, dn.attr_text)
            for dn in wb.defined_names.values()
            if getattr(dn, "localSheetId", None) is None
        ]
    warn_truncated(path, notes)
    return Book(path=path, sheets=grids, names=resolve_names(defined, grids))


def load_sheet_by_cells(path: str | os.PathLike[str], sheet: str) -> Grid:
    """One worksheet read by its cells, for a sparse sheet whose values reach far beyond its
    data (a stray value at F1048567 under a 26-row plan): python-calamine would read the
    rectangle they span; the memory used here follows the cells there."""
    path = os.fspath(path)
    notes: list[str] = []
    with _workbook(path) as wb:
        grid = _openpyxl_grid(wb, wb[sheet], _style_marks(wb), notes)
    warn_truncated(path, notes)
    return grid


@contextlib.contextmanager
def _workbook(path: str) -> Iterator[Any]:
    """The workbook at ``path`` opened read-only by openpyxl, closed afterwards; a damaged file
    raises :class:`NotAWorkbookError`, a file that does not open the sentence for why."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below, after the workbook
    except OSError as exc:
        raise file_problem(exc, path) from None
    try:
        with handle, warnings.catch_warnings():
            # openpyxl warns about parts it does not read (extensions, slicers…); reading does
            # not need them and the user cannot act on those messages.
            warnings.filterwarnings("ignore", module=r"openpyxl(\.|$)")
            # Read-only mode streams each sheet's XML once and still gives every cell's style
            # id, so fills and number formats cost one lookup per distinct style.
            reader = _excel_reader()(
                handle, read_only=True, data_only=True, keep_links=False, rich_text=False
            )
            reader.read()
            wb = reader.wb
            try:
                yield wb
            finally:
                wb.close()
    except WorkbookToolsError:
        raise
    except Exception as exc:  # a damaged file can fail anywhere inside the parser
        raise NotAWorkbookError(NOT_A_WORKBOOK, path=path) from exc


@functools.cache
def _excel_reader() -> type:
    """openpyxl's workbook reader (what ``openpyxl.load_workbook`` runs), except that shared
    strings keep Excel's ``_xHHHH_`` escapes, so every string is decoded once, the same way, in
    :func:`~workbook_tools.sources.values.plain_value` (openpyxl itself only drops the escaped
    underscores of shared strings, leaving ``_x000D_`` where Excel shows a line break)."""
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


class _Sheet:
    """What one sheet's single pass collects: its rows and its fill, percent and bold cells."""

    def __init__(self, marks: list[int] | None) -> None:
        self.marks = marks
        self.n_marks = len(marks) if marks is not None else 0
        self.rows: list[list[object]] = []
        self.fills: set[tuple[int, int]] = set()
        self.percent: set[tuple[int, int]] = set()
        self.bold: set[tuple[int, int]] = set()
        self.truncated = False

    def has_content(self, cell: dict[str, Any]) -> bool:
        """Whether a parsed cell holds a value or a fill mark (not just a style)."""
        if cell["value"] is not None and cell["value"] != "":
            return True
        style, marks = cell["style_id"], self.marks
        return bool(marks is not None and style and style < self.n_marks and marks[style] & _FILL)

    def add_row(self, r: int, cells: list[dict[str, Any]], max_cols: int) -> None:
        """Row ``r``'s parsed cells: their values, and the cells their styles mark."""
        marks, n_marks = self.marks, self.n_marks
        values: list[object] = []
        for cell in cells:
            column = cell["column"]
            if column > max_cols:
                self.truncated = self.truncated or self.has_content(cell)
                continue
            c = column - 1
            value = cell["value"]
            has_value = value is not None and value != ""
            style = cell["style_id"]
            if marks is not None and style:
                mark = marks[style] if style < n_marks else 0
                if mark & _FILL:
                    self.fills.add((r, c))
                if mark & _PERCENT and has_value:
                    self.percent.add((r, c))
                if mark & _BOLD and has_value:
                    self.bold.add((r, c))
            if has_value:
                if c >= len(values):
                    values.extend([None] * (c + 1 - len(values)))
                values[c] = plain_value(value)
        place_row(self.rows, r, values)


def _openpyxl_grid(wb: Any, ws: Any, marks: list[int] | None, notes: list[str]) -> Grid:
    """One read-only worksheet → :class:`Grid`, in a single pass over the sheet's XML.

    This drives openpyxl's own sheet parser (the one its read-only worksheets use) rather than
    ``iter_rows``: the parser also collects the merged ranges, which read-only worksheets do not
    expose, and it yields only the cells present in the file, so a stray cell far to the right
    does not make every row thousands of cells long. openpyxl is pinned to 3.1.x for this;
    ``tests/test_sources_xlsx.py`` fails loudly if the parser's interface changes.
    """
    from openpyxl.worksheet._reader import WorkSheetParser

    max_rows, max_cols = caps.MAX_ROWS, caps.MAX_COLS
    sheet = _Sheet(marks)
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
            if not any(sheet.has_content(cell) for cell in cells):
                continue  # rows of styles alone (some programs write them far down)
            filled += 1
            if filled > max_rows or number > caps.LAST_ROW:
                sheet.truncated = True
                break
            sheet.add_row(number - 1, cells, max_cols)
        merged = _openpyxl_merges(parser.merged_cells)
    if sheet.truncated:
        notes.append(ws.title)
    apply_merges(sheet.rows, sheet.fills, sheet.percent, merged)
    return Grid(
        name=ws.title,
        rows=trim_rows(sheet.rows),
        fills=frozenset(sheet.fills),
        percent=frozenset(sheet.percent),
        bold=frozenset(sheet.bold),
    )


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
    """For each cell style id of ``wb``: ``_FILL`` if it shows a mark fill, ``_PERCENT`` if its
    number format shows a percentage, ``_BOLD`` if its font is bold."""
    palette = list(getattr(wb, "_colors", None) or ())
    fills = list(wb._fills)
    fonts = list(wb._fonts)
    custom = enumerate(wb._number_formats, start=FIRST_CUSTOM_FORMAT)
    percent = percent_formats((fmt_id, code) for fmt_id, code in custom)
    marks = []
    for style in wb._cell_styles:
        mark = 0
        fill_id = style.fillId
        if 0 <= fill_id < len(fills) and is_mark_fill(fills[fill_id], palette):
            mark |= _FILL
        font_id = style.fontId
        if 0 <= font_id < len(fonts) and getattr(fonts[font_id], "b", False):
            mark |= _BOLD
        if style.numFmtId in percent:
            mark |= _PERCENT
        marks.append(mark)
    return marks


def is_mark_fill(fill: object, palette: Sequence[str] | None = None) -> bool:
    """Whether an openpyxl fill marks a month (see :mod:`~workbook_tools.sources.marks`);
    ``palette`` is the workbook's own indexed colours, if it has them."""
    pattern, colour = getattr(fill, "patternType", None), getattr(fill, "fgColor", None)
    return is_mark(pattern, _colour(colour), palette)


def _colour(colour: object) -> Colour:
    """An openpyxl colour as the marks' :class:`~workbook_tools.sources.marks.Colour`."""
    kind = getattr(colour, "type", None) if colour is not None else None
    if kind == "rgb":
        return Colour("rgb", getattr(colour, "rgb", None))
    if kind == "indexed":
        return Colour("indexed", getattr(colour, "indexed", None))
    if kind == "theme":
        tint = getattr(colour, "tint", 0.0) or 0.0
        return Colour("theme", getattr(colour, "theme", None), tint)
    return Colour(kind)


__all__ = ["is_mark_fill", "load_sheet_by_cells", "load_xlsx"]
