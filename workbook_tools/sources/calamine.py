"""The fast reader of Excel workbooks: python-calamine for the values, the XML for the rest.

:func:`load_xlsx_fast` gives the same :class:`~workbook_tools.core.model.Book` as
:func:`~workbook_tools.sources.xlsx.load_xlsx` (openpyxl) for the same file, several times
faster: python-calamine reads the values, and what it does not give is read from the package's
XML (:mod:`~workbook_tools.sources.xlsx_package`): error cells (``#REF!``…), which it returns as
empty, and workbook-level defined names; solid fills and percent formats come from
:mod:`~workbook_tools.sources.fills`. The value, mark, percent and grid rules are those of the
base modules (:mod:`~workbook_tools.sources.values`, ``marks``, ``percent``, ``grids``); this
module only drives python-calamine. ``check`` and ``refresh`` read through it.
"""

from __future__ import annotations

import contextlib
import os
import zipfile
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..core.model import Book, Grid
from ..errors import NotAWorkbookError, WorkbookToolsError
from . import grids as caps
from .file_problems import NOT_A_WORKBOOK, check_readable
from .fills import cell_styles, styled_cells
from .grids import apply_merges, holding_values, trim_rows, warn_truncated
from .names import parse_cell_reference, resolve_names
from .values import calamine_row
from .xlsx import load_sheet_by_cells
from .xlsx_package import put_errors, sheet_xml, workbook_parts

#: A sheet whose cells span more than this many cells, and four times the cells it holds, is
#: sparse: it is read by its cells (openpyxl's streaming parser) rather than as a rectangle.
_SPARSE_SPAN = 1_000_000
_NO_STYLES: tuple[frozenset[int], frozenset[int], frozenset[int]] = (
    frozenset(),
    frozenset(),
    frozenset(),
)


class PartialReadError(Exception):
    """Reading only some sheets would not give the same defined names as reading them all."""


def load_xlsx_fast(
    path: str | os.PathLike[str],
    *,
    skip_sheets: Collection[str] = (),
    only_sheets: Collection[str] | None = None,
    styles: bool = True,
    package: Any = None,
    first_rows: Collection[str] = (),
) -> Book:
    """Read every worksheet's values with python-calamine, with fills and percent formats taken
    from the workbook's XML.

    Sheets named in ``skip_sheets`` (compared case-insensitively) are not read at all. With
    ``only_sheets``, only those sheets are read; :class:`PartialReadError` is raised when a
    single-cell defined name points at another sheet (its value would be missing, so the
    caller should read the whole workbook instead). ``styles=False`` skips fills and percent
    formats (the grids then have none), for a caller that needs values only. ``package`` is the
    file's :class:`~workbook_tools.safety.Package` from ``safety.checked_package``, still open:
    its zip, defined names and sheet parts are used rather than read a second time. Sheets named
    in ``first_rows`` are read as their first row's values only (a caller about to replace them
    needs no more).

    The values, sheet names and defined names are the same as :func:`load_xlsx` gives for the
    same file. Raises :class:`NotAWorkbookError` when the file cannot be read as a workbook.
    """
    path = check_readable(path)
    wanted = _Wanted(
        skip={name.casefold() for name in skip_sheets},
        only=None if only_sheets is None else {name.casefold() for name in only_sheets},
        heads={name.casefold() for name in first_rows},
        styles=styles,
    )
    notes: list[str] = []
    try:
        grids, defined = _calamine_grids(path, notes, wanted, package)
        names = resolve_names(defined, grids)
    except (WorkbookToolsError, PartialReadError):
        raise
    except Exception as exc:  # calamine, zipfile and XML errors alike
        raise NotAWorkbookError(NOT_A_WORKBOOK, path=path) from exc
    warn_truncated(path, notes)
    return Book(path=path, sheets=grids, names=names)


@dataclass
class _Wanted:
    """Which sheets to read, and how (sheet names case-folded)."""

    skip: set[str] = field(default_factory=set)
    only: set[str] | None = None
    heads: set[str] = field(default_factory=set)
    styles: bool = True

    def reads(self, name: str) -> bool:
        return name not in self.skip and (self.only is None or name in self.only)


def _calamine_grids(
    path: str, notes: list[str], wanted: _Wanted, package: Any
) -> tuple[list[Grid], list[tuple[str, str]]]:
    """Every wanted worksheet's grid, and the workbook-level defined names as ``(name, text)``."""
    from python_calamine import CalamineWorkbook

    grids = []
    opened = contextlib.nullcontext(package.zip) if package else zipfile.ZipFile(path)
    with opened as archive:
        if package:
            defined, parts = package.defined_names(), package.sheet_parts()
        else:
            defined, parts = workbook_parts(archive)
        if wanted.only is not None and _sheets_needed(wanted.only, defined) != wanted.only:
            raise PartialReadError("a defined name points at a sheet that is not read")
        styles = cell_styles(archive) if wanted.styles else _NO_STYLES
        with CalamineWorkbook.from_path(path) as wb:
            for meta in worksheets(wb):
                if not wanted.reads(meta.name.casefold()):
                    continue
                part = parts.get(meta.name)
                scan = package.scans.get(part) if package is not None and part else None
                if scan is not None and _sparse(scan):
                    grids.append(load_sheet_by_cells(path, meta.name))
                    continue
                sheet = wb.get_sheet_by_name(meta.name)
                if meta.name.casefold() in wanted.heads:
                    grids.append(_first_row(meta.name, sheet))
                    continue
                xml = sheet_xml(archive, part, package) if part is not None else None
                grids.append(_sheet_grid(meta.name, sheet, xml, styles, notes))
                xml = None  # freed before the next sheet is read
    return grids, defined


def _first_row(name: str, sheet: Any) -> Grid:
    """A sheet read as its first row's values only."""
    head = sheet.to_python(skip_empty_area=False, nrows=1)
    return Grid(name=name, rows=trim_rows([calamine_row(row, caps.MAX_COLS) for row in head]))


def _sheet_grid(
    name: str,
    sheet: Any,
    xml: bytes | None,
    styles: tuple[frozenset[int], frozenset[int], frozenset[int]],
    notes: list[str],
) -> Grid:
    """One sheet's grid: python-calamine's values, the error cells, fills, percent and bold cells
    from its XML (``None`` beyond the size searched), merged ranges applied."""
    max_rows, max_cols = caps.MAX_ROWS, caps.MAX_COLS
    end = sheet.end
    if end is not None and (end[0] >= max_rows or end[1] >= max_cols):
        notes.append(name)
    data = sheet.to_python(skip_empty_area=False, nrows=max_rows)
    rows = [calamine_row(row, max_cols) for row in data]
    fills: set[tuple[int, int]] = set()
    percent: set[tuple[int, int]] = set()
    bold: set[tuple[int, int]] = set()
    if xml is not None:
        put_errors(rows, xml)
        fills, percent, bold = styled_cells(xml, styles, max_rows, max_cols)
    apply_merges(rows, fills, percent, merged_ranges(sheet))
    rows = trim_rows(rows)
    return Grid(
        name=name,
        rows=rows,
        fills=frozenset(fills),
        percent=holding_values(rows, percent),
        bold=holding_values(rows, bold),
    )


def worksheets(wb: Any) -> list[Any]:
    """The metadata of a python-calamine workbook's worksheets (not chart sheets or macros)."""
    from python_calamine import SheetTypeEnum

    skip = (SheetTypeEnum.ChartSheet, SheetTypeEnum.Vba)  # not hashable: compare by ==
    return [meta for meta in wb.sheets_metadata if meta.typ not in skip]


def merged_ranges(sheet: Any) -> list[tuple[int, int, int, int]]:
    """A python-calamine sheet's merged ranges as 0-based ``(first_row, first_col, last_row,
    last_col)``."""
    return [(r1, c1, r2, c2) for (r1, c1), (r2, c2) in (sheet.merged_cell_ranges or [])]


def _sparse(scan: Any) -> bool:
    """Whether a scanned sheet's cells span far more than they fill (a stray far cell)."""
    span = scan.max_row * max(scan.max_col, 1)
    return span > _SPARSE_SPAN and span > 4 * scan.cells


def _sheets_needed(only: Collection[str], defined: Iterable[tuple[str, str]]) -> set[str]:
    """``only``, and every sheet a single-cell defined name points at (case-folded)."""
    wanted = {name.casefold() for name in only}
    for _name, text in defined:
        target = parse_cell_reference(text) if isinstance(text, str) else None
        if target is not None:
            wanted.add(target[0].casefold())
    return wanted


__all__ = ["PartialReadError", "load_xlsx_fast"]
