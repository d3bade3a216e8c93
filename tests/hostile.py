"""Hostile and broken files for tests: each function writes one into a folder, returns its path.

Every file is generated here (nothing is downloaded or copied), small on disk and quick to make:
the zip bomb is written from one compressed block repeated, so it costs about a second and 1 MB
while unpacking to 1 GiB. ``CASES`` maps a case name to its maker and the error
``check_input`` must raise, for tests of consolidation and the CLI to reuse.
"""

from __future__ import annotations

import math
import random
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from workbook_tools.errors import (
    EncryptedWorkbookError,
    LegacyXlsError,
    NotAWorkbookError,
    UnsafeContentError,
    WorkbookTooLargeError,
    WorkbookToolsError,
)

SHEET = "xl/worksheets/sheet1.xml"
GIB = 1024**3


# -- valid starting points -------------------------------------------------------------------------
def valid_workbook(folder: Path, name: str = "plain.xlsx") -> Path:
    """A small, ordinary workbook written by openpyxl: an action table, a formula, a validation,
    a conditional format, a table, a comment and a defined name (nothing openpyxl would drop
    apart from the formula's calculated value)."""
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import PatternFill
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.table import Table

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Actions"
    sheet.append(["Ref", "Action", "Lead", "Due", "RAG"])
    sheet.append(["1.1", "Publish the plan", "J Smith", "2025-03-31", "Green"])
    sheet.append(["1.2", "Consult residents", "A Khan", "2025-06-30", "Amber"])
    sheet["G1"] = "Count"
    sheet["G2"] = "=COUNTA(A2:A3)"
    rag = DataValidation(type="list", formula1='"Red,Amber,Green"', allow_blank=True)
    rag.add("E2:E50")
    sheet.add_data_validation(rag)
    red = PatternFill(start_color="FFC7CE", end_color="FFC7CE", fill_type="solid")
    sheet.conditional_formatting.add(
        "E2:E50", CellIsRule(operator="equal", formula=['"Red"'], fill=red)
    )
    sheet.add_table(Table(displayName="Actions", ref="A1:E3"))
    sheet["B2"].comment = Comment("Agreed at Cabinet", "J Smith")
    book.defined_names["Leads"] = DefinedName("Leads", attr_text="Actions!$C$2:$C$3")
    notes = book.create_sheet("Notes")
    notes["A1"] = "Notes for the quarter"
    path = folder / name
    book.save(path)
    return path


def rewrite(
    source: Path,
    target: Path,
    replace: dict[str, bytes | None] | None = None,
    add: dict[str, bytes] | None = None,
) -> Path:
    """Copy a zip package, replacing (bytes) or dropping (None) members and adding new ones."""
    replace = replace or {}
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename in replace:
                data = replace[info.filename]
                if data is not None:
                    new.writestr(info.filename, data)
            else:
                new.writestr(info.filename, old.read(info))
        for name, data in (add or {}).items():
            new.writestr(name, data)
    return target


# -- not a workbook at all -------------------------------------------------------------------------
def empty_file(folder: Path) -> Path:
    """A 0-byte file named like a workbook."""
    path = folder / "empty.xlsx"
    path.write_bytes(b"")
    return path


def truncated_xlsx(folder: Path) -> Path:
    """A real workbook cut off halfway (as by a failed download or a full disk)."""
    whole = valid_workbook(folder, "whole.xlsx").read_bytes()
    path = folder / "truncated.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    return path


def html_as_xlsx(folder: Path) -> Path:
    """A web page saved with a workbook's name (what some systems 'export to Excel' produce)."""
    path = folder / "export.xlsx"
    path.write_text(
        "<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>Plan</title></head>"
        "<body><table><tr><td>Ref</td><td>Action</td></tr>"
        "<tr><td>1.1</td><td>Publish</td></tr></table></body></html>\n",
        encoding="utf-8",
    )
    return path


def text_as_xlsx(folder: Path) -> Path:
    """A CSV file renamed to .xlsx."""
    path = folder / "renamed.xlsx"
    path.write_text("Ref,Action,Lead\n1.1,Publish the plan,J Smith\n", encoding="utf-8")
    return path


# -- OLE compound files ----------------------------------------------------------------------------
_FREE, _END, _FAT, _NONE = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
_SECTOR = 512


def ole_compound_file(streams: dict[str, bytes]) -> bytes:
    """A minimal, valid OLE compound file (version 3, 512-byte sectors) holding ``streams``.

    Each stream is padded to at least 4096 bytes so that no mini stream is needed.
    """
    names = sorted(streams, key=lambda n: (len(n), n.upper()))
    datas = [streams[n].ljust(max(4096, len(streams[n])), b"\0") for n in names]
    data_sectors = [math.ceil(len(d) / _SECTOR) for d in datas]
    entries = 1 + len(names)
    dir_sectors = math.ceil(entries * 128 / _SECTOR)
    fat_sectors = 1
    while fat_sectors * (_SECTOR // 4) < fat_sectors + dir_sectors + sum(data_sectors):
        fat_sectors += 1
    fat: list[int] = [_FAT] * fat_sectors

    def chain(count: int) -> int:
        start = len(fat)
        fat.extend(range(start + 1, start + count))
        fat.append(_END)
        return start

    first_dir = chain(dir_sectors)
    starts = [chain(count) for count in data_sectors]
    fat.extend([_FREE] * (fat_sectors * (_SECTOR // 4) - len(fat)))

    def entry(name: str, kind: int, right: int, child: int, start: int, size: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        return struct.pack(
            "<64sHBBIII16sIQQIQ", raw, len(raw), kind, 1, _NONE, right, child, b"", 0, 0, 0,
            start, size,
        )  # fmt: skip

    directory = entry("Root Entry", 5, _NONE, 1 if names else _NONE, _END, 0)
    for index, (name, data, start) in enumerate(zip(names, datas, starts, strict=True)):
        right = index + 2 if index + 1 < len(names) else _NONE
        directory += entry(name, 2, right, _NONE, start, len(data))
    empty = struct.pack("<64sHBBIII16sIQQIQ", b"", 0, 0, 0, _NONE, _NONE, _NONE, b"", 0, 0, 0,
                        0, 0)  # fmt: skip
    while len(directory) < dir_sectors * _SECTOR:
        directory += empty
    difat = list(range(fat_sectors)) + [_FREE] * (109 - fat_sectors)
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII109I", bytes.fromhex("D0CF11E0A1B11AE1"), b"", 0x3E, 3, 0xFFFE,
        9, 6, b"", 0, fat_sectors, first_dir, 0, 4096, _END, 0, _END, 0, *difat,
    )  # fmt: skip
    body = struct.pack(f"<{len(fat)}I", *fat) + directory
    for data in datas:
        body += data.ljust(math.ceil(len(data) / _SECTOR) * _SECTOR, b"\0")
    return header + body


def legacy_xls(folder: Path) -> Path:
    """An old binary .xls workbook (an OLE file with a ``Workbook`` stream) renamed to .xlsx."""
    bof = struct.pack("<HHHHHHII", 0x0809, 16, 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 0x0406)
    eof = struct.pack("<HH", 0x000A, 0)
    path = folder / "old-return.xlsx"
    path.write_bytes(ole_compound_file({"Workbook": bof + eof}))
    return path


def encrypted_xlsx(folder: Path) -> Path:
    """A password-protected workbook: an OLE file with ``EncryptionInfo`` and
    ``EncryptedPackage`` streams, as Excel writes when a password is set to open the file."""
    info = b"\x04\x00\x04\x00\x40\x00\x00\x00" + (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        b'<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption">'
        b'<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" '
        b'cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" '
        b'saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/></encryption>'
    )
    noise = random.Random(7).randbytes(8192)
    package = struct.pack("<Q", 6000) + noise
    path = folder / "protected.xlsx"
    path.write_bytes(ole_compound_file({"EncryptionInfo": info, "EncryptedPackage": package}))
    return path


# -- hostile XML -----------------------------------------------------------------------------------
def entity_bomb(folder: Path) -> Path:
    """A workbook whose sheet declares nested entities expanding to gigabytes ('billion laughs')."""
    levels = ['<!ENTITY a0 "lol">'] + [
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    ]
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<!DOCTYPE worksheet [{''.join(levels)}]>\n"
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&a9;</t></is></c></row>'
        "</sheetData></worksheet>"
    ).encode()
    source = valid_workbook(folder, "bomb-source.xlsx")
    return rewrite(source, folder / "entity-bomb.xlsx", {SHEET: sheet})


def external_entity(folder: Path) -> Path:
    """A workbook whose content types part declares an external entity reading a local file."""
    source = valid_workbook(folder, "xxe-source.xlsx")
    with zipfile.ZipFile(source) as archive:
        types = archive.read("[Content_Types].xml").decode()
    body = types.split("?>", 1)[1] if types.startswith("<?xml") else types
    hostile = (
        '<?xml version="1.0"?>\n<!DOCTYPE Types [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + body
    )
    return rewrite(source, folder / "xxe.xlsx", {"[Content_Types].xml": hostile.encode()})


# -- zip bombs and oversized packages --------------------------------------------------------------
def raw_zip(path: Path, members: list[tuple[str, bytes, int, int]]) -> Path:
    """Write a zip from pre-deflated members: (name, raw deflate bytes, crc32, unpacked size)."""
    with path.open("wb") as out:
        central = b""
        for name, data, crc, size in members:
            offset = out.tell()
            encoded = name.encode()
            out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data),
                                  size, len(encoded), 0))  # fmt: skip
            out.write(encoded + data)
            central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc,
                                   len(data), size, len(encoded), 0, 0, 0, 0, 0,
                                   offset) + encoded  # fmt: skip
        start = out.tell()
        out.write(central)
        out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members),
                              len(central), start, 0))  # fmt: skip
    return path


def _deflated(data: bytes) -> tuple[bytes, int, int]:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush(), zlib.crc32(data), len(data)


def zip_bomb(folder: Path, unpacked: int = GIB, *, lie: bool = False) -> Path:
    """A workbook whose sheet unpacks to ``unpacked`` bytes (1 GiB) of empty cells from ~1 MB.

    One 1 MiB block is deflated once with a full flush, which makes its compressed form
    independent of what came before, and the compressed block is repeated. With ``lie=True``
    the zip's headers claim the sheet is only 64 KiB, as a hostile file might.
    """
    block = b"<c/>" * (256 * 1024)
    repeats = max(1, unpacked // len(block))
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    head = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns='
        b'"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
    )
    tail = b"</row></sheetData></worksheet>"
    data = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
    data += piece * repeats + packer.compress(tail) + packer.flush()
    crc = zlib.crc32(head)
    for _ in range(repeats):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + len(block) * repeats + len(tail)
    if lie:
        size = 64 * 1024
    members = []
    source = valid_workbook(folder, "zip-bomb-source.xlsx")
    with zipfile.ZipFile(source) as archive:
        for info in archive.infolist():
            if info.filename == SHEET:
                members.append((SHEET, data, crc, size))
            else:
                members.append((info.filename, *_deflated(archive.read(info))))
    return raw_zip(folder / ("lying-zip.xlsx" if lie else "zip-bomb.xlsx"), members)


def lying_zip(folder: Path) -> Path:
    """A zip whose headers claim a 64 KiB sheet while its data inflates to 1 GiB."""
    return zip_bomb(folder, lie=True)


def many_members(folder: Path, count: int = 20_000) -> Path:
    """A workbook padded with ``count`` tiny extra parts."""
    source = valid_workbook(folder, "many-source.xlsx")
    path = folder / "many-parts.xlsx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as new:
        for info in old.infolist():
            new.writestr(info.filename, old.read(info))
        for index in range(count):
            new.writestr(f"xl/media/pad{index}.bin", b"x")
    return path


def far_cell(folder: Path) -> Path:
    """A workbook with one value at XFD1048576, the last cell of a sheet (openpyxl writes it)."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active["A1"] = "Ref"
    book.active["XFD1048576"] = "far away"
    path = folder / "far-cell.xlsx"
    book.save(path)
    return path


def far_cell_hidden(folder: Path) -> Path:
    """A far cell at XFD1048576 in row 1's element, while the sheet's recorded size says A1:B2."""
    sheet = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<dimension ref="A1:B2"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Ref</t>'
        b'</is></c><c r="XFD1048576" s="0"/></row></sheetData></worksheet>'
    )
    source = valid_workbook(folder, "hidden-far-source.xlsx")
    return rewrite(source, folder / "far-cell-hidden.xlsx", {SHEET: sheet})


def far_dimension(folder: Path) -> Path:
    """A sheet with two cells whose recorded size claims A1:XFD1048576."""
    sheet = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1"><v>1</v></c>'
        b'<c r="B1"><v>2</v></c></row></sheetData></worksheet>'
    )
    source = valid_workbook(folder, "far-dimension-source.xlsx")
    return rewrite(source, folder / "far-dimension.xlsx", {SHEET: sheet})


# -- missing parts ---------------------------------------------------------------------------------
def no_content_types(folder: Path) -> Path:
    """A workbook zip without its ``[Content_Types].xml``."""
    source = valid_workbook(folder, "no-types-source.xlsx")
    return rewrite(source, folder / "no-content-types.xlsx", {"[Content_Types].xml": None})


def no_workbook_part(folder: Path) -> Path:
    """A zip with content types and sheets but no workbook part."""
    source = valid_workbook(folder, "no-workbook-source.xlsx")
    return rewrite(source, folder / "no-workbook.xlsx", {"xl/workbook.xml": None})


def plain_zip(folder: Path) -> Path:
    """An ordinary zip of text files renamed to .xlsx."""
    path = folder / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return path


def workbook_bytes(folder: Path) -> bytes:
    """The bytes of :func:`valid_workbook` (for mutation tests)."""
    return valid_workbook(folder, "seed.xlsx").read_bytes()


#: Every hostile case: its maker and the error ``check_input`` must raise.
CASES: dict[str, tuple[Callable[[Path], Path], type[WorkbookToolsError]]] = {
    "empty": (empty_file, NotAWorkbookError),
    "truncated": (truncated_xlsx, NotAWorkbookError),
    "html": (html_as_xlsx, NotAWorkbookError),
    "text": (text_as_xlsx, NotAWorkbookError),
    "legacy-xls": (legacy_xls, LegacyXlsError),
    "encrypted": (encrypted_xlsx, EncryptedWorkbookError),
    "entity-bomb": (entity_bomb, UnsafeContentError),
    "external-entity": (external_entity, UnsafeContentError),
    "zip-bomb": (zip_bomb, WorkbookTooLargeError),
    "lying-zip": (lying_zip, NotAWorkbookError),
    "many-members": (many_members, WorkbookTooLargeError),
    "far-cell": (far_cell, WorkbookTooLargeError),
    "far-cell-hidden": (far_cell_hidden, WorkbookTooLargeError),
    "far-dimension": (far_dimension, WorkbookTooLargeError),
    "no-content-types": (no_content_types, NotAWorkbookError),
    "no-workbook-part": (no_workbook_part, NotAWorkbookError),
    "plain-zip": (plain_zip, NotAWorkbookError),
}
