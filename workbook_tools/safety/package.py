"""A workbook package that passed the input checks, and reading its parts safely.

:class:`Package` is what :func:`~workbook_tools.safety.opening.open_package` yields: the feature
inspection, the save verification and the fast reader read parts through it. Nothing here
inflates a part beyond its declared size, parses an XML part larger than
``Limits.parsed_bytes``, or parses any XML that declares a DTD.
"""

from __future__ import annotations

import codecs
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ..errors import (
    NotAWorkbookError,
    UnsafeContentError,
    WorkbookTooLargeError,
)
from .limits import MIB, Limits
from .scan import SheetScan, SheetScanner
from .sniff import (
    CHUNK,
    utf16_encoding,
)

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
R_ID = f"{{{NS_R}}}id"


BOM = b"\xef\xbb\xbf"
#: The largest sheet part whose XML a scan keeps for the reader (larger ones are read again).
KEEP_BYTES = 64 * MIB
_XML_DECL_ENCODING = re.compile(rb"^(<\?xml[^>]*?encoding\s*=\s*)[\"'][^\"']*[\"']")


def damaged(path: Path, where: str = "") -> NotAWorkbookError:
    """The error for a file that is a zip but cannot be read as a workbook."""
    place = f" ({where})" if where else ""
    return NotAWorkbookError(
        f"is damaged or incomplete{place}; ask the sender for a new copy, "
        "or open it in Excel and save it again",
        path=path,
    )


def target_part(folder: str, target: str) -> str:
    """The part name a relationship's ``target`` (URL-encoded, relative to ``folder`` or from
    the package root when it starts with "/", maybe with a "#" fragment) points to."""
    target = unquote(target.split("#", 1)[0])
    joined = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
    return posixpath.normpath(joined).lstrip("/")


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
        #: Whether a scan names the cell that stretches a sheet furthest (a sheet read by its
        #: cells is limited by the cells it holds only, so its readers need not know).
        self.far_cells = True
        #: The XML of scanned sheets (UTF-8 as stored, up to :data:`KEEP_BYTES`), for a reader
        #: that would otherwise inflate the same part again; see :meth:`sheet_xml`.
        self.kept: dict[str, bytes] = {}

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
        normal = target_part(folder, target)
        return self.name(normal) if self.has(normal) else normal

    # -- sheets ------------------------------------------------------------------------------
    def scan(self, part: str) -> SheetScan:
        """The streamed scan of a sheet part (done once, then remembered)."""
        if part not in self.scans:
            self.scans[part] = self._scan(part)
        return self.scans[part]

    def sheet_xml(self, part: str) -> bytes | None:
        """The XML of a scanned sheet part as stored, if the scan kept it (then it is given
        once: the package lets go of it); ``None`` otherwise."""
        return self.kept.pop(part, None)

    def _scan(self, part: str) -> SheetScan:
        scanner = SheetScanner(self.path, part, self.limits, far_cell=self.far_cells)
        info = self.members[part.lower()]
        keep: list[bytes] | None = [] if info.file_size <= KEEP_BYTES else None
        converted = False
        for chunk, utf16 in self._utf8_chunks(part):
            scanner.feed(chunk)
            converted = converted or utf16
            if keep is not None:
                keep.append(chunk)
        scan, document = scanner.finish()
        if keep is not None and not converted:
            self.kept[part] = b"".join(keep)
        scan.settings = self.parse_bytes(document, part)
        for node in scan.settings:
            if local(node.tag) == "dimension":
                scan.dimension = node.get("ref")
        return scan

    def _utf8_chunks(self, part: str) -> Iterator[tuple[bytes, bool]]:
        """The part's bytes in chunks, as UTF-8 (Excel writes UTF-8; UTF-16 is converted),
        each with whether it was converted."""
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
                yield chunk, decoder is not None
                chunk = stream.read(CHUNK)


def unsafe(path: Path, part: str) -> UnsafeContentError:
    """The error for an XML part that declares a DTD or entities."""
    return UnsafeContentError(
        f"holds unsafe XML (a document type or entity declaration in {part}), which can be used "
        "to attack computers; do not open it, and report it to IT",
        path=path,
    )


def too_large_unpacked(path: Path, limits: Limits) -> WorkbookTooLargeError:
    """The error for a package that unpacks beyond the limit."""
    return WorkbookTooLargeError(
        f"unpacks to more than {limits.unpacked_bytes // MIB} MB, over the safety limit "
        "(it may be a 'zip bomb'); ask IT to check the file",
        path=path,
    )
