"""What the fast reader reads from an ``.xlsx`` package's XML besides the values python-calamine
gives: the workbook part (its defined names, and each sheet's part), a sheet part's XML, and the
error cells (``#REF!``…) python-calamine returns as empty.

defusedxml is imported inside the functions, so importing this module is cheap.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from typing import Any

from . import grids
from .names import column_number

#: The largest ``workbook.xml`` the fast reader parses for defined names.
_MAX_WORKBOOK_XML = 32 * 1024 * 1024
#: The largest sheet XML the fast reader searches for error cells (see ``put_errors``).
_MAX_SHEET_XML = 512 * 1024 * 1024

_ERROR_CELL = re.compile(rb"""<(?:[A-Za-z_][\w.-]*:)?c\s[^>]*?\bt\s*=\s*["']e["'][^>]*>""")
_CELL_REF = re.compile(rb"""\br\s*=\s*["']\$?([A-Za-z]{1,3})\$?([0-9]{1,7})["']""")
_ERROR_VALUE = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?v>([^<]{1,32})</(?:[A-Za-z_][\w.-]*:)?v>|</(?:[A-Za-z_][\w.-]*:)?c>"
)


def sheet_xml(archive: zipfile.ZipFile, part: str, package: Any) -> bytes | None:
    """A sheet part's XML, as the input checks kept it or read again; ``None`` beyond the size
    the fast reader searches (:data:`_MAX_SHEET_XML`)."""
    kept = package.sheet_xml(part) if package is not None else None
    if kept is not None:
        return kept
    info = archive.getinfo(part)
    return archive.read(info) if info.file_size <= _MAX_SHEET_XML else None


def put_errors(rows: list[list[object]], data: bytes) -> None:
    """Put the error values (``#REF!``, ``#DIV/0!``…) into a calamine sheet's rows (``data`` is
    the sheet's XML).

    python-calamine returns an error cell as an empty string, which would read as a blank cell;
    openpyxl gives the error text, which the reader reports as unreadable. The sheet's XML is only
    searched when it holds an error cell at all (one fast byte search; the second, for single
    quotes, only when the sheet has a single quote at all, a search for one byte).
    """
    if b't="e"' not in data and (b"'" not in data or b"t='e'" not in data):
        return
    for match in _ERROR_CELL.finditer(data):
        if match.group().endswith(b"/>"):
            continue
        ref = _CELL_REF.search(match.group())
        value = _ERROR_VALUE.search(data, match.end())
        if ref is None or value is None or value.group(1) is None:
            continue
        r = int(ref.group(2)) - 1
        c = column_number(ref.group(1)) - 1
        if not (0 <= r < grids.MAX_ROWS and 0 <= c < grids.MAX_COLS):
            continue
        text = value.group(1).decode("utf-8", "replace")
        text = text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
        while r >= len(rows):
            rows.append([])
        row = rows[r]
        if c >= len(row):
            row.extend([None] * (c + 1 - len(row)))
        row[c] = text


def workbook_parts(archive: zipfile.ZipFile) -> tuple[list[tuple[str, str]], dict[str, str]]:
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
        tag = local_name(element.tag)
        if tag == "definedName" and element.get("localSheetId") is None:
            name = element.get("name")
            if name:
                names.append((name, element.text or ""))
        elif tag == "sheet":
            rel_id = next((v for k, v in element.attrib.items() if local_name(k) == "id"), None)
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
        if local_name(rel.tag) != "Relationship" or rel.get("TargetMode") == "External":
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
            if local_name(rel.tag) == "Relationship" and str(rel.get("Type", "")).endswith(
                "/officeDocument"
            ):
                target = posixpath.normpath(str(rel.get("Target", "")).lstrip("/"))
                if target in present:
                    return target
    return "xl/workbook.xml" if "xl/workbook.xml" in present else None


def local_name(tag: object) -> str:
    """An XML tag's name without its namespace."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


__all__ = ["local_name", "put_errors", "sheet_xml", "workbook_parts"]
