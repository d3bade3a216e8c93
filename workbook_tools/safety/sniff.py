"""Telling what a file is from its first bytes, before any zip or XML reader sees it.

Catches the files officers most often receive by mistake: an encrypted workbook (an OLE compound
file holding an encrypted package), an old .xls, an email, a web page or CSV renamed to .xlsx.
"""

from __future__ import annotations

import struct
from pathlib import Path

from ..errors import (
    EncryptedWorkbookError,
    FileLockedError,
    LegacyXlsError,
    NotAWorkbookError,
    WorkbookTooLargeError,
)
from .limits import MIB, Limits

OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
SAVE_AS_XLSX = "open it in Excel and save it as Excel Workbook (.xlsx)"
CHUNK = 1 * MIB


def locked(path: Path) -> FileLockedError:
    """The error for a file this user may not read, or another program holds locked."""
    return FileLockedError(
        "cannot be read; check that you have permission to open it and that no other "
        "program has it locked",
        path=path,
    )


def utf16_encoding(head: bytes) -> str | None:
    """The codec of an XML part written in UTF-16 (None for UTF-8 and other ASCII-based ones)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if head.startswith(b"<\x00"):
        return "utf-16-le"
    if head.startswith(b"\x00<"):
        return "utf-16-be"
    return None


def sniff(path: Path, limits: Limits) -> None:
    """Refuse anything that is not a zip before any zip or XML reader sees it."""
    head = read_head(path, limits)
    if head.startswith(OLE_SIGNATURE):
        classify_ole(path)
    if not head.startswith(ZIP_SIGNATURES):
        raise NotAWorkbookError(describe_non_zip(head), path=path)


#: Extensions of the workbooks read by python-calamine alone (values only).
OTHER_SUFFIXES = (".ods", ".xls", ".xlsb")


def sniff_other(path: Path, limits: Limits) -> bool:
    """Refuse an ``.ods``, ``.xls`` or ``.xlsb`` file that is not what its name says, before any
    reader sees it; return whether it is a zip package (``.ods``, ``.xlsb``), whose parts the
    caller then checks like a workbook's."""
    head = read_head(path, limits)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        if head.startswith(OLE_SIGNATURE):
            kinds = _ole_kinds(path)
            if "xls" in kinds and "encrypted" not in kinds:
                return False
            classify_ole(path, xls_ok=True)
        if head.startswith(ZIP_SIGNATURES):
            raise NotAWorkbookError(
                "is an Excel workbook (.xlsx) saved with an .xls name; rename it to .xlsx",
                path=path,
            )
        raise NotAWorkbookError(describe_non_zip(head), path=path)
    if head.startswith(OLE_SIGNATURE):
        classify_ole(path, xls_ok=False)
    if not head.startswith(ZIP_SIGNATURES):
        raise NotAWorkbookError(describe_non_zip(head), path=path)
    return True


def read_head(path: Path, limits: Limits) -> bytes:
    """The first 4 KiB of a file, after refusing a missing, unreadable, empty or huge file."""
    try:
        if not path.exists():
            raise NotAWorkbookError("was not found; check the file name and folder", path=path)
        if path.is_dir():
            raise NotAWorkbookError(
                "is a folder, not a workbook; choose a workbook file", path=path
            )
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(4096)
    except PermissionError:
        raise locked(path) from None
    if size == 0:
        raise NotAWorkbookError(
            "is empty (0 bytes); ask the sender for a new copy, or save it again from Excel",
            path=path,
        )
    if size > limits.file_bytes:
        raise WorkbookTooLargeError(
            f"is {size // MIB} MB, over the limit of {limits.file_bytes // MIB} MB for a "
            "workbook; remove pictures or old sheets in Excel and save it again",
            path=path,
        )
    return head


def describe_non_zip(head: bytes) -> str:
    """What a file that is not a zip package seems to be, and what to do, as one clause."""
    text = decode_head(head).lstrip().lower()
    if text.startswith("<"):
        if "<html" in text or "<!doctype html" in text or "<table" in text or "<body" in text:
            return (
                "is a web page (HTML) saved with a workbook's name, not a real workbook; "
                f"{SAVE_AS_XLSX}"
            )
        if "urn:schemas-microsoft-com:office:spreadsheet" in text:
            return f"is an Excel 2003 XML spreadsheet, not an .xlsx workbook; {SAVE_AS_XLSX}"
        return f"is an XML file, not an Excel workbook; {SAVE_AS_XLSX}"
    if head.startswith(b"%PDF"):
        return "is a PDF document, not a workbook; ask the sender for the workbook itself"
    if b"\x00" not in head[:4096]:
        return (
            "is a text file (such as CSV) saved with a workbook's name; "
            f"{SAVE_AS_XLSX}, or import it with the import command"
        )
    return (
        "is not an Excel workbook (it is not a zip package); "
        f"{SAVE_AS_XLSX}, or ask the sender for a new copy"
    )


def decode_head(head: bytes) -> str:
    """The first bytes of a file as text, enough to recognise markup."""
    encoding = utf16_encoding(head)
    if encoding:
        return head.decode(encoding, errors="ignore").lstrip("\ufeff")
    return head.removeprefix(b"\xef\xbb\xbf").decode("latin-1")


# -- OLE compound files -----------------------------------------------------------------------
_OLE_NAMES = {
    "EncryptedPackage": "encrypted",
    "EncryptionInfo": "encrypted",
    "Workbook": "xls",
    "Book": "xls",
    "WordDocument": "word",
    "PowerPoint Document": "powerpoint",
    "__properties_version1.0": "email",
}
_OLE_ENTRY = 128


def ole_stream_names(path: Path) -> set[str]:
    """The names of known streams in an OLE compound file's directory.

    Directory entries are 128-byte records at 128-byte boundaries after the 512-byte header,
    whatever the sector size; an entry is recognised by its UTF-16 name, its name length field
    and its object type (stream or storage), so stream contents are not mistaken for entries.
    """
    patterns = {name: name.encode("utf-16-le") + b"\x00\x00" for name in _OLE_NAMES}
    found: set[str] = set()
    with path.open("rb") as handle:
        handle.seek(512)
        while len(found) < len(patterns):
            block = handle.read(CHUNK)
            if not block:
                break
            for name, pattern in patterns.items():
                start = block.find(pattern)
                while start != -1 and name not in found:
                    entry = block[start : start + _OLE_ENTRY]
                    if start % _OLE_ENTRY == 0 and len(entry) >= 0x44:
                        length, kind = struct.unpack_from("<HB", entry, 0x40)
                        if length == len(pattern) and kind in (1, 2):
                            found.add(name)
                    start = block.find(pattern, start + 2)
    return found


def _ole_kinds(path: Path) -> set[str]:
    try:
        return {_OLE_NAMES[name] for name in ole_stream_names(path)}
    except OSError:
        return set()


def classify_ole(path: Path, xls_ok: bool = False) -> None:
    """Raise the right error for an OLE compound file (never returns). ``xls_ok``: the caller
    reads .xls workbooks, so one named otherwise is described as misnamed, not as too old."""
    kinds = _ole_kinds(path)
    if "encrypted" in kinds:
        raise EncryptedWorkbookError(
            "is protected with a password; remove the password in Excel "
            "(File > Info > Protect Workbook) and save it again",
            path=path,
        )
    if "xls" in kinds:
        if xls_ok or path.suffix.lower() in OTHER_SUFFIXES:
            raise NotAWorkbookError(
                "is an Excel 97-2003 workbook with another name; rename it to .xls", path=path
            )
        raise LegacyXlsError(
            f"is an old .xls workbook; {SAVE_AS_XLSX}, or give it its .xls name: "
            "check, import and consolidate read .xls files",
            path=path,
        )
    if "email" in kinds:
        raise NotAWorkbookError(
            "is an Outlook email, not a workbook; open the email and save the attached "
            "workbook instead",
            path=path,
        )
    if "word" in kinds or "powerpoint" in kinds:
        raise NotAWorkbookError(
            "is an old Word or PowerPoint file, not a workbook; ask the sender for the workbook",
            path=path,
        )
    raise NotAWorkbookError(
        "is an old-style Office file that is not a workbook, or is damaged; "
        f"{SAVE_AS_XLSX}, or ask the sender for a new copy",
        path=path,
    )


def declared_members(path: Path) -> int | None:
    """The number of parts a zip's end record declares (read before parsing the directory)."""
    size = path.stat().st_size
    with path.open("rb") as handle:
        handle.seek(max(0, size - 65_557))
        tail = handle.read()
    end = tail.rfind(b"PK\x05\x06")
    if end < 0 or len(tail) - end < 22:
        return None
    count = struct.unpack_from("<H", tail, end + 10)[0]
    locator = end - 20
    if count == 0xFFFF and locator >= 0 and tail[locator : locator + 4] == b"PK\x06\x07":
        with path.open("rb") as handle:
            handle.seek(struct.unpack_from("<Q", tail, locator + 8)[0])
            record = handle.read(56)
        if record[:4] == b"PK\x06\x06" and len(record) == 56:
            count = struct.unpack_from("<Q", record, 32)[0]
    return count
