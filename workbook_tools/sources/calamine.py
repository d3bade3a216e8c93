"""The fast reader of Excel workbooks: python-calamine for the values, the XML for the rest.

:func:`load_xlsx_fast` gives the same :class:`~workbook_tools.core.model.Book` as
:func:`~workbook_tools.sources.xlsx.load_xlsx` (openpyxl) for the same file, several times
faster: python-calamine reads the values, and what it does not give is read from the package's
XML: error cells (``#REF!``…), which it returns as empty; solid fills and percent formats
(:mod:`workbook_tools.sources.fills`); workbook-level defined names. The value rules, the row and
column caps and the truncation warning are those of :mod:`workbook_tools.sources.xlsx`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import posixpath
import re
import zipfile
from collections.abc import Collection, Iterable
from typing import Any

from ..core.model import Book, Grid
from ..errors import NotAWorkbookError, WorkbookToolsError
from . import xlsx
from .by_cells import load_sheet_by_cells
from .fills import cell_styles, styled_cells
from .xlsx import (
    NOT_A_WORKBOOK,
    apply_merges,
    column_number,
    file_problem,
    parse_cell_reference,
    plain_value,
    resolve_names,
    trim_rows,
    warn_truncated,
)

#: The largest ``workbook.xml`` the fast reader parses for defined names.
_MAX_WORKBOOK_XML = 32 * 1024 * 1024
#: The largest sheet XML the fast reader searches for error cells (see ``_put_errors``).
_MAX_SHEET_XML = 512 * 1024 * 1024
#: A sheet whose cells span more than this many cells, and four times the cells it holds, is
#: sparse: it is read by its cells (openpyxl's streaming parser) rather than as a rectangle.
_SPARSE_SPAN = 1_000_000
#: Whole numbers below this size come back as ``int`` from the fast reader, as openpyxl gives
#: them: writers (Python's, XlsxWriter's) put whole numbers below 10**16 as plain digits, which
#: openpyxl reads as ``int``, and larger ones in exponent form, which it reads as ``float``.
_INT_LIMIT = 10**16


class PartialReadError(Exception):
    """Reading only some sheets would not give the same defined names as reading them all."""


def load_xlsx_fast(
    path: str | os.PathLike[str],
    *,
    skip_sheets: Collection[str] = (),
    only_sheets: Collection[str] | None = None,
    styles: bool = True,
    package: Any = None,
) -> Book:
    """Read every worksheet's values with python-calamine, with fills and percent formats taken
    from the workbook's XML.

    Sheets named in ``skip_sheets`` (compared case-insensitively) are not read at all. With
    ``only_sheets``, only those sheets are read; :class:`PartialReadError` is raised when a
    single-cell defined name points at another sheet (its value would be missing, so the
    caller should read the whole workbook instead). ``styles=False`` skips fills and percent
    formats (the grids then have none), for a caller that needs values only. ``package`` is the
    file's :class:`~workbook_tools.safety.Package` from ``safety.checked_package``, still open:
    its zip, defined names and sheet parts are used rather than read a second time.

    The values, sheet names and defined names are the same as :func:`load_xlsx` gives for the
    same file. Raises :class:`NotAWorkbookError` when the file cannot be read as a workbook.
    """
    path = os.fspath(path)
    notes: list[str] = []
    try:
        with open(path, "rb"):
            pass
    except OSError as exc:
        raise file_problem(exc, path) from None
    try:
        grids, defined = _calamine_grids(path, notes, skip_sheets, only_sheets, styles, package)
        names = resolve_names(defined, grids)
    except (WorkbookToolsError, PartialReadError):
        raise
    except Exception as exc:  # calamine, zipfile and XML errors alike
        raise NotAWorkbookError(NOT_A_WORKBOOK, path=path) from exc
    warn_truncated(path, notes)
    return Book(path=path, sheets=grids, names=names)


# --------------------------------------------------------------------------------------------
# python-calamine
# --------------------------------------------------------------------------------------------


def _calamine_grids(
    path: str,
    notes: list[str],
    skip_sheets: Collection[str] = (),
    only_sheets: Collection[str] | None = None,
    styles: bool = True,
    package: Any = None,
) -> tuple[list[Grid], list[tuple[str, str]]]:
    """Every worksheet's values, and the workbook-level defined names as ``name → text``."""
    unwanted = {name.casefold() for name in skip_sheets}
    from python_calamine import CalamineWorkbook, SheetTypeEnum

    max_rows, max_cols = xlsx.MAX_ROWS, xlsx.MAX_COLS
    skip = (SheetTypeEnum.ChartSheet, SheetTypeEnum.Vba)  # not hashable: compare by ==
    grids = []
    opened = contextlib.nullcontext(package.zip) if package else zipfile.ZipFile(path)
    with opened as archive:
        if package:
            defined, parts = package.defined_names(), package.sheet_parts()
        else:
            defined, parts = _workbook_parts(archive)
        wanted = None
        if only_sheets is not None:
            wanted = {name.casefold() for name in only_sheets}
            if _sheets_needed(wanted, defined) != wanted:
                raise PartialReadError("a defined name points at a sheet that is not read")
        empty: frozenset[int] = frozenset()
        marking, percent, bold = cell_styles(archive) if styles else (empty, empty, empty)
        with CalamineWorkbook.from_path(path) as wb:
            for meta in wb.sheets_metadata:
                name = meta.name.casefold()
                if (
                    meta.typ in skip
                    or name in unwanted
                    or (wanted is not None and name not in wanted)
                ):
                    continue
                part = parts.get(meta.name)
                scan = package.scans.get(part) if package is not None and part else None
                if scan is not None and _sparse(scan):
                    grids.append(load_sheet_by_cells(path, meta.name))
                    continue
                sheet = wb.get_sheet_by_name(meta.name)
                end = sheet.end
                if end is not None and (end[0] >= max_rows or end[1] >= max_cols):
                    notes.append(meta.name)
                data = sheet.to_python(skip_empty_area=False, nrows=max_rows)
                rows = [_calamine_row(row, max_cols) for row in data]
                sheet_xml = _ReadOnce(archive)  # both searches below read the sheet's part
                if part is not None:
                    _put_errors(rows, sheet_xml, part)
                merged = [
                    (r1, c1, r2, c2) for (r1, c1), (r2, c2) in (sheet.merged_cell_ranges or [])
                ]
                fills: set[tuple[int, int]] = set()
                percents: set[tuple[int, int]] = set()
                bolds: set[tuple[int, int]] = set()
                if part is not None:
                    fills, percents, bolds = styled_cells(
                        sheet_xml, part, (marking, percent, bold), max_rows, max_cols
                    )
                apply_merges(rows, fills, percents, merged)
                grids.append(
                    Grid(
                        name=meta.name,
                        rows=trim_rows(rows),
                        fills=frozenset(fills),
                        percent=_with_values(rows, percents),
                        bold=_with_values(rows, bolds),
                    )
                )
    return grids, defined


class _ReadOnce:
    """A package's parts as :func:`_put_errors` and :func:`~.fills.styled_cells` read them
    (``getinfo``, then ``read``), each part inflated once for both."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.parts: dict[str, bytes] = {}

    def getinfo(self, name: str) -> zipfile.ZipInfo:
        """The part's entry in the zip."""
        return self.archive.getinfo(name)

    def read(self, info: zipfile.ZipInfo) -> bytes:
        """The part's content."""
        if info.filename not in self.parts:
            self.parts[info.filename] = self.archive.read(info)
        return self.parts[info.filename]


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


def _with_values(rows: list[list[object]], cells: set[tuple[int, int]]) -> frozenset:
    """The cells of ``cells`` that hold a value."""
    return frozenset((r, c) for r, c in cells if _value_at(rows, r, c) is not None)


def _value_at(rows: list[list[object]], r: int, c: int) -> object:
    return rows[r][c] if r < len(rows) and c < len(rows[r]) else None


def _calamine_row(row: list[Any], max_cols: int) -> list[object]:
    """One calamine row as openpyxl would give it (see :func:`load_xlsx_fast`), trimmed."""
    values: list[object] = []
    last = -1
    for c, value in enumerate(row[:max_cols]):
        if value == "" or value is None:
            values.append(None)
            continue
        kind = type(value)
        if kind is float:
            if value.is_integer() and -_INT_LIMIT < value < _INT_LIMIT:
                value = int(value)
        elif kind is dt.date:
            value = dt.datetime(value.year, value.month, value.day)
        elif kind is not str:
            value = plain_value(value)
        values.append(value)
        last = c
    del values[last + 1 :]
    return values


_ERROR_CELL = re.compile(rb"""<(?:[A-Za-z_][\w.-]*:)?c\s[^>]*?\bt\s*=\s*["']e["'][^>]*>""")
_CELL_REF = re.compile(rb"""\br\s*=\s*["']\$?([A-Za-z]{1,3})\$?([0-9]{1,7})["']""")
_ERROR_VALUE = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?v>([^<]{1,32})</(?:[A-Za-z_][\w.-]*:)?v>|</(?:[A-Za-z_][\w.-]*:)?c>"
)


def _put_errors(rows: list[list[object]], archive: zipfile.ZipFile | _ReadOnce, part: str) -> None:
    """Put the error values (``#REF!``, ``#DIV/0!``…) into a calamine sheet's rows.

    python-calamine returns an error cell as an empty string, which would read as a blank cell;
    openpyxl gives the error text, which the reader reports as unreadable. The sheet's XML is only
    searched when it holds an error cell at all (one fast byte search).
    """
    info = archive.getinfo(part)
    if info.file_size > _MAX_SHEET_XML:
        return
    data = archive.read(info)
    if b't="e"' not in data and b"t='e'" not in data:
        return
    for match in _ERROR_CELL.finditer(data):
        if match.group().endswith(b"/>"):
            continue
        ref = _CELL_REF.search(match.group())
        value = _ERROR_VALUE.search(data, match.end())
        if ref is None or value is None or value.group(1) is None:
            continue
        r = int(ref.group(2)) - 1
        c = column_number(ref.group(1).decode("ascii")) - 1
        if not (0 <= r < xlsx.MAX_ROWS and 0 <= c < xlsx.MAX_COLS):
            continue
        text = value.group(1).decode("utf-8", "replace")
        text = text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
        while r >= len(rows):
            rows.append([])
        row = rows[r]
        if c >= len(row):
            row.extend([None] * (c + 1 - len(row)))
        row[c] = text


def _workbook_parts(archive: zipfile.ZipFile) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """From the workbook part: the workbook-level defined names as ``(name, formula text)``, and
    each sheet's name → the archive path of its XML part."""
    from defusedxml import ElementTree

    part = _workbook_part(archive, ElementTree)
    if part is None:
        return [], {}
    info = archive.getinfo(part)
    if info.file_size > _MAX_WORKBOOK_XML:
        return [], {}
    root = ElementTree.fromstring(archive.read(info))
    names: list[tuple[str, str]] = []
    sheet_ids: dict[str, str] = {}
    for element in root.iter():
        tag = _local(element.tag)
        if tag == "definedName" and element.get("localSheetId") is None:
            name = element.get("name")
            if name:
                names.append((name, element.text or ""))
        elif tag == "sheet":
            rel_id = next((v for k, v in element.attrib.items() if _local(k) == "id"), None)
            if element.get("name") and rel_id:
                sheet_ids[element.get("name")] = rel_id
    targets = _relationship_targets(archive, part, ElementTree)
    parts = {name: targets[rel] for name, rel in sheet_ids.items() if rel in targets}
    return names, parts


def _relationship_targets(archive: zipfile.ZipFile, part: str, etree: Any) -> dict[str, str]:
    """Relationship id → archive path, for the relationships of ``part``."""
    folder, base = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", base + ".rels")
    try:
        info = archive.getinfo(rels)
    except KeyError:
        return {}
    if info.file_size > _MAX_WORKBOOK_XML:
        return {}
    present = set(archive.namelist())
    targets = {}
    for rel in etree.fromstring(archive.read(info)).iter():
        if _local(rel.tag) != "Relationship" or rel.get("TargetMode") == "External":
            continue
        target = str(rel.get("Target", ""))
        if target.startswith("/"):
            path = posixpath.normpath(target.lstrip("/"))
        else:
            path = posixpath.normpath(posixpath.join(folder, target))
        if path in present and rel.get("Id"):
            targets[rel.get("Id")] = path
    return targets


def _workbook_part(archive: zipfile.ZipFile, etree: Any) -> str | None:
    """The workbook part's name, from the package relationships (usually ``xl/workbook.xml``)."""
    present = set(archive.namelist())
    if "_rels/.rels" in present:
        root = etree.fromstring(archive.read("_rels/.rels"))
        for rel in root.iter():
            if _local(rel.tag) == "Relationship" and str(rel.get("Type", "")).endswith(
                "/officeDocument"
            ):
                target = posixpath.normpath(str(rel.get("Target", "")).lstrip("/"))
                if target in present:
                    return target
    return "xl/workbook.xml" if "xl/workbook.xml" in present else None


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
