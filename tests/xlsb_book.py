"""A small writer of Excel binary workbooks (``.xlsb``), for tests only.

Neither LibreOffice nor any Python package the project installs writes ``.xlsb``, so the tests
make their own from the published format ([MS-XLSB], Microsoft's Open Specifications): a zip
holding ``xl/workbook.bin``, one ``xl/worksheets/sheetN.bin`` per sheet and ``xl/styles.bin``,
each a stream of BIFF12 records (a record type and a size, both as 7-bit variable-length
integers, then the record's bytes). Only the records a plain table needs are written: the
workbook's sheet list (BrtBundleSh), each sheet's dimensions (BrtWsDim), rows (BrtRowHdr) and
cells as text (BrtCellSt), numbers (BrtCellReal) or booleans (BrtCellBool), and a style sheet
with two cell formats, General and a date (built-in format 14), so dates are real dates.

The files are checked by an independent reader: ``tests/test_formats.py`` has LibreOffice open
one and save it as CSV, and compares the values.
"""

from __future__ import annotations

import datetime as dt
import struct
import zipfile
from collections.abc import Sequence
from pathlib import Path

_EPOCH = dt.datetime(1899, 12, 30)
_DATE_STYLE = 1


def _varint(value: int, limit: int) -> bytes:
    out = bytearray()
    for _ in range(limit):
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)
    raise ValueError("too large for a record header")


def record(kind: int, data: bytes = b"") -> bytes:
    """One BIFF12 record: its type (1–2 bytes), its size (1–4 bytes), its data."""
    return _varint(kind, 2) + _varint(len(data), 4) + data


def wide(text: str) -> bytes:
    """An XLWideString: a 32-bit count of UTF-16 code units, then the UTF-16LE text."""
    encoded = text.encode("utf-16-le")
    return struct.pack("<I", len(encoded) // 2) + encoded


def _cell(col: int, value: object) -> bytes:
    style = 0
    if isinstance(value, dt.date | dt.datetime):
        moment = value if isinstance(value, dt.datetime) else dt.datetime(*value.timetuple()[:3])
        value, style = (moment - _EPOCH).total_seconds() / 86400, _DATE_STYLE
    head = struct.pack("<II", col, style)
    if isinstance(value, bool):
        return record(0x04, head + bytes([value]))
    if isinstance(value, int | float):
        return record(0x05, head + struct.pack("<d", float(value)))
    return record(0x06, head + wide(str(value)))


def _sheet(rows: Sequence[Sequence[object]]) -> bytes:
    last_col = max((len(row) for row in rows), default=1) - 1
    out = bytearray(record(0x81))  # BrtBeginSheet
    out += record(0x94, struct.pack("<IIII", 0, max(len(rows) - 1, 0), 0, max(last_col, 0)))
    out += record(0x91)  # BrtBeginSheetData
    for r, row in enumerate(rows):
        if not any(value is not None for value in row):
            continue
        out += record(0x00, struct.pack("<IIH", r, 0, 300) + bytes(3) + struct.pack("<I", 0))
        for c, value in enumerate(row):
            if value is not None:
                out += _cell(c, value)
    out += record(0x92) + record(0x82)  # BrtEndSheetData, BrtEndSheet
    return bytes(out)


def _workbook(names: Sequence[str]) -> bytes:
    out = bytearray(record(0x83) + record(0x8F))  # BrtBeginBook, BrtBeginBundleShs
    for index, name in enumerate(names, 1):
        out += record(0x9C, struct.pack("<II", 0, index) + wide(f"rId{index}") + wide(name))
    out += record(0x90) + record(0x84)  # BrtEndBundleShs, BrtEndBook
    return bytes(out)


def _styles() -> bytes:
    def xf(number_format: int) -> bytes:  # BrtXF: parent, format, font, fill, border, …
        return record(0x2F, struct.pack("<HHHHHBBHH", 0xFFFF, number_format, 0, 0, 0, 0, 0, 0, 0))

    out = bytearray(record(0x0116))  # BrtBeginStyleSheet
    out += record(0x0267, struct.pack("<I", 0)) + record(0x0268)  # no custom number formats
    out += record(0x0269, struct.pack("<I", 2)) + xf(0) + xf(14) + record(0x026A)
    out += record(0x0117)  # BrtEndStyleSheet
    return bytes(out)


_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.bin" ContentType="application/vnd.ms-excel.sheet.binary.'
    'macroEnabled.main"/><Override PartName="/xl/styles.bin" ContentType="application/'
    'vnd.ms-excel.styles"/>{sheets}</Types>'
)
_REL = '<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{target}"/>'  # noqa: E501
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    "{items}</Relationships>"
)


def write_xlsb(path: Path, sheets: dict[str, Sequence[Sequence[object]]]) -> Path:
    """Write ``sheets`` (name → rows of str, int, float, bool, date or None) as an .xlsb."""
    names = list(sheets)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.bin" '
        'ContentType="application/vnd.ms-excel.worksheet"/>'
        for n in range(1, len(names) + 1)
    )
    book_rels = [
        _REL.format(id=f"rId{n}", kind="worksheet", target=f"worksheets/sheet{n}.bin")
        for n in range(1, len(names) + 1)
    ]
    book_rels.append(_REL.format(id=f"rId{len(names) + 1}", kind="styles", target="styles.bin"))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _TYPES.format(sheets=overrides))
        archive.writestr(
            "_rels/.rels",
            _RELS.format(
                items=_REL.format(id="rId1", kind="officeDocument", target="xl/workbook.bin")
            ),
        )
        archive.writestr("xl/_rels/workbook.bin.rels", _RELS.format(items="".join(book_rels)))
        archive.writestr("xl/workbook.bin", _workbook(names))
        archive.writestr("xl/styles.bin", _styles())
        for n, rows in enumerate(sheets.values(), 1):
            archive.writestr(f"xl/worksheets/sheet{n}.bin", _sheet(rows))
    return path
