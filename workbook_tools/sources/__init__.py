"""Adapters that turn files into grids (:class:`~workbook_tools.core.model.Book`).

``load_book(path)`` picks the adapter from the file's extension: Excel workbooks (``.xlsx``,
``.xlsm``) through openpyxl, or python-calamine with ``fast=True`` (values, with fills and percent
formats from the XML); ``.ods``, ``.xls`` and ``.xlsb`` workbooks through python-calamine (with
their styles where the format gives them); comma- and tab-separated text (``.csv``, ``.tsv``,
``.txt``) through the ``csv`` module. Importing this package does not import openpyxl or
python-calamine.

Every engine follows the same rules, each in one module of the base: ``values`` (a cell value →
a grid value), ``marks`` (which fills mark a month), ``percent`` (which number formats make a
percent cell), ``grids`` (caps, sparse rows, merged ranges, trimming), ``names`` (defined names),
``file_problems`` (the sentences for a file that will not open).
"""

from __future__ import annotations

import os
from collections.abc import Collection

from ..core.model import Book
from ..errors import LegacyXlsError, NotAWorkbookError
from .calamine import load_xlsx_fast
from .formats import OTHER_SUFFIXES, load_other
from .grids import MAX_COLS, MAX_ROWS, SheetTruncatedWarning
from .text import load_text
from .xlsx import load_xlsx

#: Extensions read as Excel workbooks (and written back by refresh).
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
#: Extensions read as separated text.
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
#: Every extension :func:`load_book` accepts.
SUFFIXES = WORKBOOK_SUFFIXES + OTHER_SUFFIXES + TEXT_SUFFIXES


def load_book(
    path: str | os.PathLike[str], *, fast: bool = False, skip_sheets: Collection[str] = ()
) -> Book:
    """Read a plan file as a :class:`Book`, choosing the adapter by its extension.

    ``fast=True`` reads workbooks with python-calamine, with fills and percent formats taken from
    the workbook's XML; ``skip_sheets`` names sheets the fast reader need not read. Raises
    :class:`NotAWorkbookError` for an extension that is not accepted, :class:`LegacyXlsError`
    for an Excel 97-2003 template (``.xlt``).
    """
    suffix = os.path.splitext(os.fspath(path))[1].lower()
    if suffix in WORKBOOK_SUFFIXES:
        return load_xlsx_fast(path, skip_sheets=skip_sheets) if fast else load_xlsx(path)
    if suffix in OTHER_SUFFIXES:
        return load_other(path)
    if suffix in TEXT_SUFFIXES:
        return load_text(path)
    if suffix == ".xlt":
        raise LegacyXlsError(
            "this is an old Excel 97-2003 template (.xlt); open it in Excel and save it as "
            "Excel Workbook (.xlsx)",
            path=path,
        )
    shown = f"a {suffix} file" if suffix else "a file without an extension"
    raise NotAWorkbookError(
        f"{shown} cannot be read; give an Excel workbook (.xlsx, .xlsm, .xlsb or .xls), an "
        "OpenDocument spreadsheet (.ods) or a CSV, TSV or tab-separated .txt file",
        path=path,
    )


__all__ = [
    "MAX_COLS",
    "MAX_ROWS",
    "OTHER_SUFFIXES",
    "SUFFIXES",
    "TEXT_SUFFIXES",
    "WORKBOOK_SUFFIXES",
    "SheetTruncatedWarning",
    "load_book",
    "load_other",
    "load_text",
    "load_xlsx",
    "load_xlsx_fast",
]
