"""Workbooks in the other formats people keep trackers in: ``.ods``, ``.xls`` and ``.xlsb``.

python-calamine reads the values of all three (OpenDocument spreadsheets from LibreOffice or
Google Sheets, Excel 97–2003 workbooks, Excel binary workbooks). The grids follow the value rules
of :mod:`workbook_tools.sources.values` (whole numbers as ``int``, dates as ``datetime``, blank
text as ``None``) and the grid rules of :mod:`~workbook_tools.sources.grids`. Fills and percent
formats come from :mod:`~workbook_tools.sources.styles_other` for ``.ods`` and ``.xls``; an
``.xlsb`` gives none (``formats=False``): there a month-grid mark must be typed (a fill alone is
not seen) and a % complete column is judged by its values (0.4 in a column of fractions is 40%).
Defined names are not read.

A sheet whose values span more cells than :data:`~workbook_tools.safety.MAX_CELLS` is read row
by row, keeping only the rows that hold values, so a stray far value does not make a grid of
millions of empty cells.
"""

from __future__ import annotations

import os
import warnings
from typing import Any

from ..core.model import Book, Grid
from ..errors import EncryptedWorkbookError, NotAWorkbookError, WorkbookToolsError
from . import grids as caps
from .calamine import merged_ranges, worksheets
from .file_problems import NOT_A_WORKBOOK, check_readable
from .grids import apply_merges, holding_values, pad_rows, trim_rows, warn_truncated
from .values import calamine_row, unescaped

#: Extensions read by this module.
OTHER_SUFFIXES = (".ods", ".xls", ".xlsb")

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
    path = check_readable(path)
    suffix = os.path.splitext(path)[1].lower()
    notes: list[str] = []
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
        raise NotAWorkbookError(_DAMAGED.get(suffix, NOT_A_WORKBOOK), path=path) from exc
    warn_truncated(path, notes)
    return Book(path=path, sheets=grids)


def _grids(path: str, notes: list[str]) -> list[Grid]:
    from python_calamine import CalamineWorkbook

    from ..safety import MAX_CELLS
    from .styles_other import style_marks

    marks = style_marks(path, os.path.splitext(path)[1].lower())

    grids = []
    with warnings.catch_warnings(), CalamineWorkbook.from_path(path) as wb:
        warnings.simplefilter("ignore")
        for meta in worksheets(wb):
            sheet = wb.get_sheet_by_name(meta.name)
            end = sheet.end
            if end is not None and (end[0] >= caps.LAST_ROW or end[1] >= caps.MAX_COLS):
                notes.append(meta.name)
            if sheet.height * max(sheet.width, 1) > MAX_CELLS:
                rows = _sparse_rows(sheet, notes, meta.name)
            else:
                data = sheet.to_python(skip_empty_area=False, nrows=caps.MAX_ROWS)
                rows = [_row(values) for values in data]
                if sheet.height > caps.MAX_ROWS:
                    notes.append(meta.name)
            fills, percent, bold = (marks or {}).get(meta.name, (set(), set(), set()))
            apply_merges(rows, fills, percent, merged_ranges(sheet))
            rows = trim_rows(rows)
            grids.append(
                Grid(
                    name=meta.name,
                    rows=rows,
                    fills=frozenset(fills),
                    percent=holding_values(rows, percent),
                    formats=marks is not None,
                    bold=holding_values(rows, bold),
                )
            )
    return grids


def _sparse_rows(sheet: Any, notes: list[str], name: str) -> list[list[object]]:
    """A large sheet's rows, one at a time, keeping only those that hold values."""
    rows: list[list[object]] = []
    filled = 0
    for r, values in enumerate(sheet.iter_rows()):
        row = _row(values)
        if not row:
            continue
        filled += 1
        if filled > caps.MAX_ROWS:
            notes.append(name)
            break
        pad_rows(rows, r)
        rows.append(row)
    return rows


def _row(values: list[Any]) -> list[object]:
    """One calamine row as the grid's values, without trailing empty cells; unlike an
    ``.xlsx`` file's, these formats' text is handed over with Excel's escapes left in."""
    return unescaped(calamine_row(values, caps.MAX_COLS))


__all__ = ["OTHER_SUFFIXES", "load_other"]
