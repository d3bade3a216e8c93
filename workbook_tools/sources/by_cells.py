"""One worksheet of an Excel workbook read by its cells, for a sparse sheet.

python-calamine reads a sheet as the rectangle its values span, so a stray value at F1048567
under a 26-row plan would make a rectangle of six million cells. Such a sheet is read instead
with openpyxl's streaming parser, which yields only the cells in the file: the memory used
follows the cells there (empty rows between cost one shared empty row each).
"""

from __future__ import annotations

import os
import warnings

from ..core.model import Grid
from ..errors import NotAWorkbookError, WorkbookToolsError
from .xlsx import (
    NOT_A_WORKBOOK,
    _excel_reader,
    _openpyxl_grid,
    _style_marks,
    file_problem,
    warn_truncated,
)


def load_sheet_by_cells(path: str | os.PathLike[str], sheet: str) -> Grid:
    """One worksheet of an Excel workbook read by its cells (openpyxl's streaming parser), for a
    sparse sheet whose values reach far beyond its data: the memory used follows the cells
    there, not the rectangle they span."""
    path = os.fspath(path)
    notes: list[str] = []
    try:
        with open(path, "rb") as handle, warnings.catch_warnings():
            warnings.filterwarnings("ignore", module=r"openpyxl(\.|$)")
            reader = _excel_reader()(
                handle, read_only=True, data_only=True, keep_links=False, rich_text=False
            )
            reader.read()
            wb = reader.wb
            try:
                grid = _openpyxl_grid(wb, wb[sheet], _style_marks(wb), notes)
            finally:
                wb.close()
    except OSError as exc:
        raise file_problem(exc, path) from None
    except WorkbookToolsError:
        raise
    except Exception as exc:  # a damaged file can fail anywhere inside the parser
        raise NotAWorkbookError(NOT_A_WORKBOOK, path=path) from exc
    warn_truncated(path, notes)
    return grid


__all__ = ["load_sheet_by_cells"]
