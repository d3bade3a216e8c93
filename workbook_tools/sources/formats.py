"""Workbooks in the other formats people keep trackers in: ``.ods``, ``.xls`` and ``.xlsb``.

python-calamine reads the values of all three (OpenDocument spreadsheets from LibreOffice or
Google Sheets, Excel 97–2003 workbooks, Excel binary workbooks). The grids follow the value rules
of :mod:`workbook_tools.sources.xlsx` (whole numbers as ``int``, dates as ``datetime``, blank
text as ``None``). Fills and percent formats come from :mod:`~workbook_tools.sources.styles_other`
for ``.ods`` and ``.xls``; an ``.xlsb`` gives none (``formats=False``): there a month-grid mark
must be typed (a fill alone is not seen) and a % complete column is judged by its values (0.4 in
a column of fractions is 40%). Defined names are not read.

A sheet whose values span more cells than :data:`~workbook_tools.safety.MAX_CELLS` is read row
by row, keeping only the rows that hold values, so a stray far value does not make a grid of
millions of empty cells.
"""

from __future__ import annotations

import datetime as dt
import os
import warnings
from typing import Any

from ..core.model import Book, Grid
from ..errors import EncryptedWorkbookError, NotAWorkbookError, WorkbookToolsError
from . import xlsx

#: Extensions read by this module.
OTHER_SUFFIXES = (".ods", ".xls", ".xlsb")
_INT_LIMIT = 10**16

_DAMAGED = {
    ".ods": "the file is not an OpenDocument spreadsheet (.ods) or is damaged; open it in "
    "LibreOffice or Excel and save it again",
    ".xls": "the file is not an Excel 97-2003 workbook (.xls) or is damaged; open it in Excel "
    "and save it as Excel Workbook (.xlsx)",
    ".xlsb": "the file is not an Excel binary workbook (.xlsb) or is damaged; open it in Excel "
    "and save it as Excel Workbook (.xlsx)",
}


def load_other(path: str | os.PathLike[str]) -> Book:
    """Read every worksheet of an ``.ods``, ``.xls`` or ``.xlsb`` workbook as a grid.

    Raises :class:`NotAWorkbookError` when the file cannot be read as that kind of workbook and
    :class:`EncryptedWorkbookError` when it is protected with a password.
    """
    path = os.fspath(path)
    suffix = os.path.splitext(path)[1].lower()
    notes: list[str] = []
    try:
        with open(path, "rb"):
            pass
    except OSError as exc:
        raise xlsx.file_problem(exc, path) from None
    try:
        grids = _grids(path, notes)
    except WorkbookToolsError:
        raise
    except Exception as exc:  # calamine's errors for damaged, encrypted or mislabelled files
        text = str(exc).casefold()
        if "password" in text or "encrypt" in text:
            raise EncryptedWorkbookError(
                "is protected with a password; remove the password and save it again",
                path=path,
            ) from exc
        raise NotAWorkbookError(_DAMAGED.get(suffix, xlsx.NOT_A_WORKBOOK), path=path) from exc
    xlsx.warn_truncated(path, notes)
    return Book(path=path, sheets=grids)


def _grids(path: str, notes: list[str]) -> list[Grid]:
    from python_calamine import CalamineWorkbook, SheetTypeEnum

    from ..safety import MAX_CELLS
    from .styles_other import style_marks

    marks = style_marks(path, os.path.splitext(path)[1].lower())

    skip = (SheetTypeEnum.ChartSheet, SheetTypeEnum.Vba)
    grids = []
    with warnings.catch_warnings(), CalamineWorkbook.from_path(path) as wb:
        warnings.simplefilter("ignore")
        for meta in wb.sheets_metadata:
            if meta.typ in skip:
                continue
            sheet = wb.get_sheet_by_name(meta.name)
            end = sheet.end
            if end is not None and (end[0] >= xlsx.LAST_ROW or end[1] >= xlsx.MAX_COLS):
                notes.append(meta.name)
            if sheet.height * max(sheet.width, 1) > MAX_CELLS:
                rows = _sparse_rows(sheet, notes, meta.name)
            else:
                data = sheet.to_python(skip_empty_area=False, nrows=xlsx.MAX_ROWS)
                rows = [_row(values) for values in data]
                if sheet.height > xlsx.MAX_ROWS:
                    notes.append(meta.name)
            merged = [(r1, c1, r2, c2) for (r1, c1), (r2, c2) in (sheet.merged_cell_ranges or [])]
            fills, percent, bold = (marks or {}).get(meta.name, (set(), set(), set()))
            xlsx.apply_merges(rows, fills or None, percent or None, merged)
            rows = xlsx.trim_rows(rows)
            grids.append(
                Grid(
                    name=meta.name,
                    rows=rows,
                    fills=frozenset(fills),
                    percent=_with_values(rows, percent),
                    formats=marks is not None,
                    bold=_with_values(rows, bold),
                )
            )
    return grids


def _with_values(rows: list[list[object]], cells: set[tuple[int, int]]) -> frozenset:
    """The cells of ``cells`` that hold a value."""
    return frozenset(
        (r, c) for r, c in cells if r < len(rows) and c < len(rows[r]) and rows[r][c] is not None
    )


def _sparse_rows(sheet: Any, notes: list[str], name: str) -> list[list[object]]:
    """A large sheet's rows, one at a time, keeping only those that hold values."""
    rows: list[list[object]] = []
    filled = 0
    for r, values in enumerate(sheet.iter_rows()):
        row = _row(values)
        if not row:
            continue
        filled += 1
        if filled > xlsx.MAX_ROWS:
            notes.append(name)
            break
        xlsx.pad_rows(rows, r)
        rows.append(row)
    return rows


def _row(values: list[Any]) -> list[object]:
    """One calamine row as the grid's values, without trailing empty cells."""
    out: list[object] = []
    last = -1
    for c, value in enumerate(values[: xlsx.MAX_COLS]):
        if value == "" or value is None:
            out.append(None)
            continue
        if isinstance(value, float) and value.is_integer() and -_INT_LIMIT < value < _INT_LIMIT:
            value = int(value)
        elif type(value) is dt.date:
            value = dt.datetime(value.year, value.month, value.day)
        elif not isinstance(value, str | int | float | bool | dt.datetime):
            value = xlsx.plain_value(value)
        elif isinstance(value, str) and "_x" in value:
            value = xlsx.unescape(value)
        out.append(value)
        last = c
    del out[last + 1 :]
    return out


__all__ = ["OTHER_SUFFIXES", "load_other"]
