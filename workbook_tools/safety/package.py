"""Opening a workbook package safely: zip limits, XML without DTDs, streamed sheet scans.

:func:`open_package` does every check of :func:`workbook_tools.safety.check_input` and returns a
:class:`Package` that the feature inspection and the save verification read parts from. Nothing
here inflates a part beyond its declared size, parses an XML part larger than
``Limits.parsed_bytes``, or parses any XML that declares a DTD.
"""

from __future__ import annotations

import codecs
import contextlib
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ..errors import (
    FileLockedError,
    NotAWorkbookError,
    UnsafeContentError,
    WorkbookTooLargeError,
    WorkbookToolsError,
)
from .limits import DEFAULT_LIMITS, MIB, Limits
from .scan import SheetScan, SheetScanner, column_index, column_letters
from .sniff import (
    CHUNK,
    SAVE_AS_XLSX,
    declared_members,
    decode_head,
    sniff,
    utf16_encoding,
)

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
R_ID = f"{{{NS_R}}}id"


#: Content types of a workbook part, and whether the package may hold macros.
WORKBOOK_TYPES = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": False,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": False,
    "application/vnd.ms-excel.sheet.macroenabled.main+xml": True,
    "application/vnd.ms-excel.template.macroenabled.main+xml": True,
    "application/vnd.ms-excel.addin.macroenabled.main+xml": True,
}
OTHER_PACKAGES = (
    ("sheet.binary", f"is an Excel binary workbook (.xlsb); {SAVE_AS_XLSX}"),
    ("wordprocessingml", "is a Word document, not a workbook; ask the sender for the workbook"),
    ("presentationml", "is a PowerPoint file, not a workbook; ask the sender for the workbook"),
)
#: Relationship types (their last segment, lower case) of the sheets of a workbook.
SHEET_KINDS = {
    "worksheet": "worksheet",
    "chartsheet": "chartsheet",
    "dialogsheet": "dialogsheet",
    "xlmacrosheet": "macrosheet",
    "xlintlmacrosheet": "macrosheet",
}


BOM = b"\xef\xbb\xbf"
_XML_DECL_ENCODING = re.compile(rb"^(<\?xml[^>]*?encoding\s*=\s*)[\"'][^\"']*[\"']")
_PROLOG_ITEM = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->", re.S)
_CELL_ADDRESS = re.compile(r"\$?([A-Za-z]{1,10})\$?([0-9]{1,12})")

#: Errors that a damaged zip or part can raise from the standard library.
DAMAGE_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    ParseError,
    UnicodeError,
    ValueError,
    KeyError,
    IndexError,
    struct.error,
    NotImplementedError,
    RuntimeError,
    OverflowError,
    zipfile.LargeZipFile,
)


def damaged(path: Path, where: str = "") -> NotAWorkbookError:
    """The error for a file that is a zip but cannot be read as a workbook."""
    place = f" ({where})" if where else ""
    return NotAWorkbookError(
        f"is damaged or incomplete{place}; ask the sender for a new copy, "
        "or open it in Excel and save it again",
        path=path,
    )


def local(tag: str) -> str:
    """The local name of an element tag, without its namespace."""
    return tag.rsplit("}", 1)[-1]


@dataclass(frozen=True)
class Rel:
    """One relationship of a part."""

    id: str
    type: str
    target: str
    external: bool

    @property
    def kind(self) -> str:
        """The last segment of the relationship type, in lower case (``worksheet``, ``drawing``)."""
        return self.type.rstrip("/").rsplit("/", 1)[-1].lower()


@dataclass(frozen=True)
class SheetRef:
    """One sheet listed in the workbook part."""

    name: str
    part: str
    kind: str
    state: str


class Package:
    """A workbook package that passed the input checks; read its parts through it."""

    def __init__(self, path: Path, archive: zipfile.ZipFile, limits: Limits) -> None:
        self.path = path
        self.zip = archive
        self.limits = limits
        self.members = {info.filename.lower(): info for info in archive.infolist()}
        self.content_types: dict[str, str] = {}
        self.workbook_part = ""
        self.macro_enabled = False
        self.workbook: Element = Element("workbook")
        self.sheets: list[SheetRef] = []
        self.scans: dict[str, SheetScan] = {}

    # -- the workbook ------------------------------------------------------------------------
    def defined_names(self) -> list[tuple[str, str]]:
        """The workbook-level defined names as ``(name, formula text)``."""
        return [
            (node.get("name", ""), node.text or "")
            for node in self.workbook.iter(f"{{{NS_MAIN}}}definedName")
            if node.get("localSheetId") is None and node.get("name")
        ]

    def sheet_parts(self) -> dict[str, str]:
        """Each worksheet's name → the archive path of its XML part."""
        return {sheet.name: sheet.part for sheet in self.sheets}

    # -- parts -------------------------------------------------------------------------------
    def has(self, name: str) -> bool:
        """Whether the package holds the part ``name`` (case-insensitive, as in Office)."""
        return name.lower() in self.members

    def name(self, name: str) -> str:
        """The stored spelling of the part ``name``."""
        return self.members[name.lower()].filename

    def read(self, name: str) -> bytes:
        """The bytes of a part no larger than ``Limits.parsed_bytes``."""
        info = self.members[name.lower()]
        if info.file_size > self.limits.parsed_bytes:
            raise WorkbookTooLargeError(
                f"has a part ({info.filename}) of {info.file_size // MIB} MB, over the limit of "
                f"{self.limits.parsed_bytes // MIB} MB; ask IT to check the file",
                path=self.path,
            )
        with self.zip.open(info) as stream:
            return stream.read(self.limits.parsed_bytes + 1)

    def parse(self, name: str) -> Element:
        """A part parsed as XML, refusing DTDs and entities."""
        return self.parse_bytes(self.read(name), self.name(name))

    def parse_bytes(self, data: bytes, name: str) -> Element:
        """XML bytes parsed, refusing DTDs and entities; damage names the part."""
        try:
            return fromstring(data, forbid_dtd=True)
        except DefusedXmlException:
            raise unsafe(self.path, name) from None
        except (ParseError, ValueError, UnicodeError):
            raise damaged(self.path, f"{name} is not valid XML") from None

    def rels(self, part: str) -> list[Rel]:
        """The relationships of ``part`` (empty when it has none)."""
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if not self.has(rels_name):
            return []
        found = []
        for node in self.parse(rels_name):
            if local(node.tag) != "Relationship":
                continue
            target = node.get("Target", "")
            external = node.get("TargetMode", "").lower() == "external"
            if not external:
                target = self.resolve(folder, target)
            found.append(Rel(node.get("Id", ""), node.get("Type", ""), target, external))
        return found

    def resolve(self, folder: str, target: str) -> str:
        """The part name a relationship target points to, spelled as stored when present."""
        target = unquote(target.split("#", 1)[0])
        joined = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        normal = posixpath.normpath(joined).lstrip("/")
        return self.name(normal) if self.has(normal) else normal

    # -- sheets ------------------------------------------------------------------------------
    def scan(self, part: str) -> SheetScan:
        """The streamed scan of a sheet part (done once, then remembered)."""
        if part not in self.scans:
            self.scans[part] = self._scan(part)
        return self.scans[part]

    def _scan(self, part: str) -> SheetScan:
        scanner = SheetScanner(self.path, part, self.limits)
        for chunk in self._utf8_chunks(part):
            scanner.feed(chunk)
        scan, document = scanner.finish()
        scan.settings = self.parse_bytes(document, part)
        for node in scan.settings:
            if local(node.tag) == "dimension":
                scan.dimension = node.get("ref")
        return scan

    def _utf8_chunks(self, part: str) -> Iterator[bytes]:
        """The part's bytes in chunks, as UTF-8 (Excel writes UTF-8; UTF-16 is converted)."""
        info = self.members[part.lower()]
        with self.zip.open(info) as stream:
            chunk = stream.read(CHUNK)
            encoding = utf16_encoding(chunk)
            decoder = codecs.getincrementaldecoder(encoding)() if encoding else None
            total, first = 0, True
            while chunk:
                total += len(chunk)
                if total > self.limits.unpacked_bytes:
                    raise too_large_unpacked(self.path, self.limits)
                if decoder is not None:
                    chunk = decoder.decode(chunk).encode("utf-8")
                    if first:  # the declaration must now say UTF-8
                        chunk = _XML_DECL_ENCODING.sub(rb'\1"UTF-8"', chunk.removeprefix(BOM))
                first = False
                yield chunk
                chunk = stream.read(CHUNK)


def unsafe(path: Path, part: str) -> UnsafeContentError:
    """The error for an XML part that declares a DTD or entities."""
    return UnsafeContentError(
        f"holds unsafe XML (a document type or entity declaration in {part}), which can be used "
        "to attack computers; do not open it, and report it to IT",
        path=path,
    )


def too_many_members(path: Path, count: int, limits: Limits) -> WorkbookTooLargeError:
    """The error for a package with more parts than the limit."""
    return WorkbookTooLargeError(
        f"has {count:,} parts, over the safety limit of {limits.members:,}; "
        "ask IT to check the file",
        path=path,
    )


def too_large_unpacked(path: Path, limits: Limits) -> WorkbookTooLargeError:
    """The error for a package that unpacks beyond the limit."""
    return WorkbookTooLargeError(
        f"unpacks to more than {limits.unpacked_bytes // MIB} MB, over the safety limit "
        "(it may be a 'zip bomb'); ask IT to check the file",
        path=path,
    )


# -- opening ----------------------------------------------------------------------------------
@contextlib.contextmanager
def open_package(
    path: str | Path,
    limits: Limits | None = None,
    *,
    scan_sheets: bool | Callable[[str], bool] = True,
    xml_prologs: bool = True,
) -> Iterator[Package]:
    """Check ``path`` against every input limit and yield it as an open :class:`Package`.

    ``scan_sheets`` says which sheets' cells are scanned for their size: all (True), none
    (False), or those whose name it accepts, for a caller that reads no others.
    ``xml_prologs=False`` leaves out the search of every XML part's prolog for a DTD, for a
    caller whose XML parsers refuse or ignore DTDs anyway.
    """
    path = Path(path)
    limits = limits or DEFAULT_LIMITS
    sniff(path, limits)
    try:
        declared = declared_members(path)
        if declared is not None and declared > limits.members:
            raise too_many_members(path, declared, limits)
        with zipfile.ZipFile(path) as archive:
            package = Package(path, archive, limits)
            _check_members(package, xml_prologs)
            _find_workbook(package)
            _read_sheets(package)
            if scan_sheets:
                _check_sheet_sizes(package, None if scan_sheets is True else scan_sheets)
            yield package
    except WorkbookToolsError:
        raise
    except PermissionError:
        raise FileLockedError(
            "cannot be read; check that you have permission to open it and that no other "
            "program has it locked",
            path=path,
        ) from None
    except (*DAMAGE_ERRORS, OSError):
        raise damaged(path) from None


def _check_members(package: Package, xml_prologs: bool = True) -> None:
    path, limits = package.path, package.limits
    infos = package.zip.infolist()
    if len(infos) > limits.members:
        raise too_many_members(path, len(infos), limits)
    if sum(info.file_size for info in infos) > limits.unpacked_bytes:
        raise too_large_unpacked(path, limits)
    for info in infos:
        if info.flag_bits & 0x1:
            raise NotAWorkbookError(
                "is a password-protected zip file, not an Excel workbook; "
                "ask the sender for the workbook itself",
                path=path,
            )
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise damaged(path, f"{info.filename} uses a compression Excel does not write")
        big = info.file_size > limits.ratio_min_bytes
        if big and info.file_size > max(info.compress_size, 1) * limits.ratio:
            raise WorkbookTooLargeError(
                f"has a part ({info.filename}) that unpacks to {info.file_size // MIB} MB from "
                f"{max(info.compress_size // 1024, 1)} KB, which only a deliberately harmful "
                "file (a 'zip bomb') does; do not open it, and report it to IT",
                path=path,
            )
    if len(package.members) != len(infos):
        raise damaged(path, "it holds two parts with the same name")
    for info in infos if xml_prologs else ():
        if not info.is_dir():
            _check_prolog(package, info)


def _check_prolog(package: Package, info: zipfile.ZipInfo) -> None:
    """Refuse an XML part whose prolog declares a DTD or entities (read up to the first element).

    The first 4 KB almost always reach the first element; otherwise up to
    ``Limits.prolog_bytes`` are read once more, so no part is scanned more than twice.
    """
    with package.zip.open(info) as stream:
        raw = stream.read(4096)
        if not decode_head(raw).lstrip().startswith("<"):
            return  # not XML (a picture, a printer setting, a VBA project)
        for attempt in range(2):
            text = decode_head(raw)
            rest = text[_prolog_end(text) :]
            if rest.startswith("<!") and len(rest) >= 4 and not rest.startswith("<!--"):
                raise unsafe(package.path, info.filename)
            if len(rest) >= 2 and rest[1] not in "?!":
                return  # the first element: no DTD can follow
            if attempt == 0:
                raw += stream.read(package.limits.prolog_bytes)
        if len(raw) > package.limits.prolog_bytes:
            raise UnsafeContentError(
                f"has an XML part ({info.filename}) that starts with over "
                f"{package.limits.prolog_bytes // MIB} MB of comments; do not open it, "
                "and report it to IT",
                path=package.path,
            )


def _prolog_end(text: str) -> int:
    """Where the XML declaration, comments, processing instructions and spaces end."""
    position = 0
    while True:
        item = _PROLOG_ITEM.match(text, position)
        if item is None or item.end() == position:
            return position
        position = item.end()


def _find_workbook(package: Package) -> None:
    path = package.path
    if not package.has("[Content_Types].xml"):
        if package.has("mimetype") and b"opendocument" in package.read("mimetype"):
            raise NotAWorkbookError(
                f"is an OpenDocument spreadsheet (.ods); {SAVE_AS_XLSX}", path=path
            )
        raise NotAWorkbookError(
            "is a zip file but not an Excel workbook (it has no [Content_Types].xml); "
            "ask the sender for a new copy, or open it in Excel and save it again",
            path=path,
        )
    defaults: set[str] = set()
    for node in package.parse("[Content_Types].xml"):
        content_type = node.get("ContentType", "").lower()
        if local(node.tag) == "Override" and node.get("PartName"):
            package.content_types[node.get("PartName", "").lstrip("/").lower()] = content_type
        elif local(node.tag) == "Default":
            defaults.add(content_type)
    if "xl/workbook.xml" not in package.content_types:
        # some applications map the default content type to the workbook's
        for content_type in defaults & set(WORKBOOK_TYPES):
            package.content_types["xl/workbook.xml"] = content_type
    for part, content_type in package.content_types.items():
        if content_type in WORKBOOK_TYPES and part in package.members:
            package.workbook_part = package.name(part)
            package.macro_enabled = WORKBOOK_TYPES[content_type]
            break
    else:
        for fragment, message in OTHER_PACKAGES:
            if any(fragment in kind for kind in package.content_types.values()):
                raise NotAWorkbookError(message, path=path)
        raise NotAWorkbookError(
            "is a zip file but not an Excel workbook (it has no workbook part); "
            "ask the sender for a new copy, or open it in Excel and save it again",
            path=path,
        )
    package.workbook = package.parse(package.workbook_part)
    namespace = package.workbook.tag[1:].split("}", 1)[0] if "}" in package.workbook.tag else ""
    if namespace == NS_STRICT:
        raise NotAWorkbookError(
            f"is saved in the Strict Open XML format, which the tool cannot read; {SAVE_AS_XLSX}",
            path=path,
        )
    if package.workbook.tag != f"{{{NS_MAIN}}}workbook":
        raise damaged(path, f"{package.workbook_part} is not a workbook")


def _read_sheets(package: Package) -> None:
    rels = {rel.id: rel for rel in package.rels(package.workbook_part)}
    for node in package.workbook.iter(f"{{{NS_MAIN}}}sheet"):
        rel = rels.get(node.get(R_ID, ""))
        name = node.get("name", "")
        if rel is None or rel.external:
            raise damaged(package.path, f"sheet {name} has no part")
        if not package.has(rel.target):
            raise damaged(package.path, f"sheet {name} is missing")
        kind = SHEET_KINDS.get(rel.kind, rel.kind)
        package.sheets.append(SheetRef(name, rel.target, kind, node.get("state", "visible")))
    if not package.sheets:
        raise NotAWorkbookError(
            "has no sheets; open it in Excel, add a sheet and save it again", path=package.path
        )


def _check_sheet_sizes(package: Package, wanted: Callable[[str], bool] | None = None) -> None:
    limit = package.limits.cells
    for sheet in package.sheets:
        if sheet.kind == "chartsheet" or (wanted is not None and not wanted(sheet.name)):
            continue
        scan = package.scan(sheet.part)
        if scan.cells > limit:
            raise WorkbookTooLargeError(
                f"has {scan.cells:,} cells, over the limit of {limit:,}; split the sheet or "
                "remove old data in Excel and save it again",
                path=package.path,
                sheet=sheet.name,
            )
        if scan.max_row * max(scan.max_col, 1) > limit:
            reach = f"row {scan.max_row:,}"
            if scan.max_col:
                reach = f"column {column_letters(scan.max_col)} and {reach}"
            raise WorkbookTooLargeError(
                f"its cells reach {reach}, so reading the sheet would need over {limit:,} "
                "cells; delete the rows and columns beyond your data in Excel and save it again",
                path=package.path,
                sheet=sheet.name,
                cell=scan.far_cell,
            )
        rows, cols = dimension_extent(scan.dimension)
        if rows * cols > limit:
            raise WorkbookTooLargeError(
                f"its recorded size ({scan.dimension}) would need over {limit:,} cells; "
                "delete the rows and columns beyond your data in Excel and save it again",
                path=package.path,
                sheet=sheet.name,
            )


def dimension_extent(ref: str | None) -> tuple[int, int]:
    """The (rows, columns) from A1 to the far corner of a range such as ``A1:XFD1048576``."""
    if not ref:
        return 0, 0
    rows = cols = 0
    for letters, number in _CELL_ADDRESS.findall(ref):
        rows, cols = max(rows, int(number)), max(cols, column_index(letters))
    return rows, cols
