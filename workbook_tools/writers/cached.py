"""Keep the last calculated values of the user's formulas in a workbook openpyxl writes.

openpyxl keeps each formula's text but writes it without the value Excel last calculated, so a
program that reads values without calculating (python-calamine, pandas, the product's own
consolidation) would see those cells as blank until Excel opens and saves the file. Refresh reads
every value first (as grids, where a formula cell holds its calculated value), and this module
puts those values back beside the formulas in the written file. The workbook is also marked for a
full recalculation on opening, so Excel and LibreOffice bring every value up to date.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from xml.sax.saxutils import escape

from openpyxl.cell.cell import ERROR_CODES
from openpyxl.utils.datetime import to_excel
from openpyxl.workbook.workbook import Workbook

from workbook_tools.model import Book

#: Worksheet number (1-based, in openpyxl's writing order) → cell address → calculated value.
Cached = dict[int, dict[str, object]]

_FORMULA_CELL = re.compile(
    rb'<c r="([A-Z]{1,3}[0-9]{1,7})"((?: s="[0-9]+")?)>'
    rb"(<f[^>]*/>|<f[^>]*>.*?</f>)<v\s*(?:/>|></v>)</c>",
    re.S,
)
_SHEET_PART = re.compile(r"^xl/worksheets/sheet([0-9]+)\.xml$")


def formula_values(wb: Workbook, book: Book) -> Cached:
    """The calculated value of every formula cell of ``wb``, read from ``book`` (the same file
    loaded as grids); cells with no value are left out."""
    found: Cached = {}
    for number, ws in enumerate(wb.worksheets, 1):
        grid = book.sheet(ws.title)
        if grid is None:
            continue
        for (row, col), cell in ws._cells.items():
            if cell.data_type != "f":
                continue
            value = grid.value(row - 1, col - 1)
            if value is not None:
                found.setdefault(number, {})[cell.coordinate] = value
    return found


def _value_xml(value: object) -> tuple[bytes, bytes]:
    """The type attribute and the ``<v>`` text for a calculated value."""
    if isinstance(value, bool):
        return b' t="b"', b"1" if value else b"0"
    if isinstance(value, int | float):
        return b"", repr(value).encode()
    if isinstance(value, dt.datetime | dt.date):
        return b"", repr(to_excel(value)).encode()
    text = str(value)
    if text in ERROR_CODES:
        return b' t="e"', text.encode()
    return b' t="str"', escape(text).encode("utf-8")


def with_cached_values(data: bytes, cached: Cached) -> bytes:
    """The ``.xlsx`` bytes ``data`` with each formula cell's calculated value written back."""
    if not cached:
        return data
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info)
            match = _SHEET_PART.match(info.filename)
            values = cached.get(int(match.group(1))) if match else None
            if values:
                part = _FORMULA_CELL.sub(lambda m, v=values: _fill(m, v), part)
            target.writestr(info, part)
    return out.getvalue()


def _fill(match: re.Match[bytes], values: dict[str, object]) -> bytes:
    address = match.group(1).decode()
    if address not in values:
        return match.group(0)
    kind, text = _value_xml(values[address])
    return b'<c r="%s"%s%s>%s<v>%s</v></c>' % (
        match.group(1),
        match.group(2),
        kind,
        match.group(3),
        text,
    )


__all__ = ["Cached", "formula_values", "with_cached_values"]
