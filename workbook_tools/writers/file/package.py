"""A workbook package (an .xlsx zip of parts) to be written again with some parts changed.

:class:`PackageWriter` reads the original zip and records what changes: parts put (given as bytes,
or as a function that streams them), parts removed, relationships added or removed, content types
declared. :meth:`PackageWriter.write` then writes the new zip: every part nobody changed is copied
byte for byte, in its original order, and the changed and new parts follow. Part names are
compared without regard to case, as Office does; new parts get the lowest free number of their
kind (``xl/drawings/drawing3.xml``), so a second refresh names its parts as the first did.
"""

from __future__ import annotations

import posixpath
import shutil
import zipfile
import zlib
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote
from zipfile import ZIP_DEFLATED

from lxml import etree

from workbook_tools.safety.package import target_part

NS_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CONTENT_TYPES = "[Content_Types].xml"
_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
#: The zlib level every part the tool writes is compressed at (a refreshed plan, the corporate
#: report). Measured on the largest report (45,000 actions): level 3 takes 1.06-1.08 times level
#: 1's time for a file 17% smaller, zlib's default level 6 1.5-2 times level 1's time for a file
#: 31% smaller (``benchmarks/README.md``).
LEVEL = 3
#: Where a zip entry keeps its own compression level (renamed in Python 3.13).
_LEVEL_ATTRIBUTE = (
    "compress_level" if hasattr(zipfile.ZipInfo("x"), "compress_level") else "_compresslevel"
)

#: Parts put as bytes of at least this size are compressed at once, in a second thread, while
#: the next parts are made (zlib lets other Python code run while it compresses): a refreshed
#: Actions sheet of 5,000 actions (6 MB) takes about 40 ms to compress, the Exceptions sheet
#: 15 ms; smaller parts are not worth a hand-over.
EARLY = 256 * 1024

Writer = Callable[[Callable[[bytes], object]], None]


@dataclass(frozen=True)
class Relationship:
    """One relationship of a part: its id, type, target part (resolved) and whether external."""

    id: str
    type: str
    target: str
    external: bool = False

    @property
    def kind(self) -> str:
        """The last segment of the type, lower case (``worksheet``, ``drawing``…)."""
        return self.type.rstrip("/").rsplit("/", 1)[-1].lower()


def rels_name(part: str) -> str:
    """The relationships part of ``part`` (``""`` is the package itself)."""
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def relative(source: str, target: str) -> str:
    """The target of a relationship from ``source`` to the part ``target``."""
    return quote(posixpath.relpath(target, posixpath.dirname(source) or "."))


class PackageWriter:
    """The parts of ``path``, and the changes to write into a new package."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.zip = zipfile.ZipFile(self.path)
        self.infos = [info for info in self.zip.infolist() if not info.is_dir()]
        self._names = {info.filename.casefold(): info.filename for info in self.infos}
        self.put: dict[str, bytes | Writer] = {}  # stored name → new content
        self.removed: set[str] = set()
        self._rels: dict[str, etree._Element] = {}
        self.types = etree.fromstring(self.read(CONTENT_TYPES), _PARSER)
        self.types_changed = False
        self._early: dict[str, tuple[bytes, Future[bytes]]] = {}  # name → content, deflated
        self._compressor: ThreadPoolExecutor | None = None

    def close(self) -> None:
        """Close the original zip (and stop compressing parts no longer wanted)."""
        if self._compressor is not None:
            self._compressor.shutdown(wait=True, cancel_futures=True)
            self._compressor = None
        self.zip.close()

    # -- parts ----------------------------------------------------------------------------------
    def name(self, part: str) -> str | None:
        """The spelling of ``part`` in the package (original or new), or ``None``."""
        folded = part.casefold()
        if folded in self._names and self._names[folded] not in self.removed:
            return self._names[folded]
        return None

    def has(self, part: str) -> bool:
        """Whether the package (as it will be written) holds ``part``."""
        return self.name(part) is not None

    def read(self, part: str) -> bytes:
        """The content of ``part`` as it is now (new bytes when put as bytes)."""
        name = self.name(part)
        if name is None:
            raise KeyError(part)
        content = self.put.get(name)
        if isinstance(content, bytes):
            return content
        return self.zip.read(name)

    def had(self, part: str) -> bool:
        """Whether the original package holds ``part`` (without reading it)."""
        name = self._names.get(part.casefold())
        return name is not None and name in self.zip.NameToInfo

    def original(self, part: str) -> bytes | None:
        """The content of ``part`` in the original package, or ``None``."""
        name = self._names.get(part.casefold())
        return None if name is None or name not in self.zip.NameToInfo else self.zip.read(name)

    def set(self, part: str, content: bytes | Writer) -> str:
        """Put ``content`` in ``part`` (replacing it, or adding a new part); return its name."""
        name = self.name(part) or part
        self._names[name.casefold()] = name
        self.removed.discard(name)
        self.put[name] = content
        if isinstance(content, bytes) and len(content) >= EARLY:
            if self._compressor is None:
                self._compressor = ThreadPoolExecutor(1, thread_name_prefix="compress")
            self._early[name] = (content, self._compressor.submit(_deflate, content))
        return name

    def remove(self, part: str) -> None:
        """Leave ``part`` (and its relationships part) out of the new package."""
        for each in (part, rels_name(part)):
            name = self.name(each)
            if name is not None:
                self.removed.add(name)
                self.put.pop(name, None)
                self._rels.pop(name, None)
                self.remove_override(name)

    def free_name(self, pattern: str) -> str:
        """The first ``pattern.format(n)`` (n = 1, 2…) the package does not hold."""
        number = 1
        while self.has(pattern.format(number)):
            number += 1
        return pattern.format(number)

    # -- relationships ---------------------------------------------------------------------------
    def _rels_doc(self, part: str) -> etree._Element:
        name = self.name(rels_name(part)) or rels_name(part)
        if name not in self._rels:
            data = self.read(name) if self.has(name) else None
            root = etree.fromstring(data, _PARSER) if data else None
            self._rels[name] = (
                root
                if root is not None
                else etree.Element(f"{{{NS_RELS}}}Relationships", nsmap={None: NS_RELS})
            )
        return self._rels[name]

    def rels(self, part: str) -> list[Relationship]:
        """The relationships of ``part`` as they will be written."""
        found = []
        folder = posixpath.dirname(part)
        for node in self._rels_doc(part):
            if not isinstance(node.tag, str) or node.get("Id") is None:
                continue
            external = node.get("TargetMode", "").casefold() == "external"
            target = node.get("Target", "")
            if not external:
                target = self._resolve(folder, target)
            found.append(Relationship(node.get("Id", ""), node.get("Type", ""), target, external))
        return found

    def _resolve(self, folder: str, target: str) -> str:
        normal = target_part(folder, target)
        return self.name(normal) or normal

    def add_rel(self, part: str, kind: str, target: str) -> str:
        """Relate ``part`` to the part ``target`` (type ``REL + kind`` unless a full type);
        return the new relationship's id."""
        doc = self._rels_doc(part)
        ids = {node.get("Id") for node in doc}
        number = 1
        while f"rId{number}" in ids:
            number += 1
        rel_type = kind if "/" in kind else REL + kind
        etree.SubElement(
            doc,
            f"{{{NS_RELS}}}Relationship",
            Id=f"rId{number}",
            Type=rel_type,
            Target=relative(part, target),
        )
        self._touch_rels(part)
        return f"rId{number}"

    def drop_rels(self, part: str, ids: Iterable[str]) -> None:
        """Remove the relationships ``ids`` of ``part``."""
        wanted = set(ids)
        doc = self._rels_doc(part)
        for node in list(doc):
            if node.get("Id") in wanted:
                doc.remove(node)
        self._touch_rels(part)

    def _touch_rels(self, part: str) -> None:
        name = self.name(rels_name(part)) or rels_name(part)
        self._names[name.casefold()] = name
        self.removed.discard(name)
        self.put[name] = b""  # filled in when written

    def reachable(self) -> set[str]:
        """Every part reached by following relationships from the package's own."""
        seen: set[str] = set()
        todo = [""]
        while todo:
            part = todo.pop()
            for rel in self.rels(part):
                if rel.external or rel.target in seen or not self.has(rel.target):
                    continue
                seen.add(rel.target)
                todo.append(rel.target)
        return seen

    # -- content types ----------------------------------------------------------------------------
    def set_override(self, part: str, content_type: str) -> None:
        """Declare the content type of ``part`` (where it was declared, if it was)."""
        wanted = "/" + part.lstrip("/").casefold()
        for node in self.types:
            if (node.get("PartName") or "").casefold() == wanted:
                if node.get("ContentType") != content_type:
                    node.set("ContentType", content_type)
                    self.types_changed = True
                return
        etree.SubElement(
            self.types, f"{{{NS_TYPES}}}Override", PartName="/" + part, ContentType=content_type
        )
        self.types_changed = True

    def remove_override(self, part: str) -> None:
        """Forget the declared content type of ``part``."""
        wanted = "/" + part.lstrip("/").casefold()
        for node in list(self.types):
            if (node.get("PartName") or "").casefold() == wanted:
                self.types.remove(node)
                self.types_changed = True

    def ensure_default(self, extension: str, content_type: str) -> None:
        """Declare ``content_type`` for parts ending ``.extension`` unless already declared."""
        for node in self.types:
            if (node.get("Extension") or "").casefold() == extension.casefold():
                return
        tag = f"{{{NS_TYPES}}}Default"
        self.types.insert(0, etree.Element(tag, Extension=extension, ContentType=content_type))
        self.types_changed = True

    def content_type(self, part: str) -> str | None:
        """The declared content type of ``part``."""
        wanted = "/" + part.casefold()
        extension = part.rsplit(".", 1)[-1].casefold()
        default = None
        for node in self.types:
            if (node.get("PartName") or "").casefold() == wanted:
                return node.get("ContentType")
            if (node.get("Extension") or "").casefold() == extension:
                default = node.get("ContentType")
        return default

    # -- writing ----------------------------------------------------------------------------------
    def write(self, target: str | Path, *, last: Iterable[str] = ()) -> None:
        """Write the new package to ``target``; the parts named in ``last`` are written after
        every other (their content may depend on what streaming the others found)."""
        for name, doc in self._rels.items():
            if name in self.put:
                self.put[name] = _DECLARATION + etree.tostring(doc, encoding="UTF-8")
        if self.types_changed:
            self.put[CONTENT_TYPES] = _DECLARATION + etree.tostring(self.types, encoding="UTF-8")
        late = [self.name(n) for n in last if self.name(n)]
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
            done = set()
            for info in self.infos:
                name = info.filename
                if name in self.removed or name in late:
                    continue
                self._write_part(out, name, info)
                done.add(name)
            for name in [*self.put, *late]:
                if name not in done and name not in self.removed:
                    self._write_part(out, name, None)
                    done.add(name)

    def _write_part(self, out: zipfile.ZipFile, name: str, info: zipfile.ZipInfo | None) -> None:
        new = zipfile.ZipInfo(name, info.date_time if info else _FIXED_TIME)
        new.compress_type = zipfile.ZIP_DEFLATED
        # the zip's level applies to a part named by text only; this one is named by its entry
        setattr(new, _LEVEL_ATTRIBUTE, LEVEL)
        if info is not None:
            new.external_attr = info.external_attr
            if info.compress_type == zipfile.ZIP_STORED and name not in self.put:
                new.compress_type = zipfile.ZIP_STORED
        content = self.put.get(name)
        if isinstance(content, bytes):
            early = self._early.get(name)
            if early is not None and early[0] is content and new.compress_type == ZIP_DEFLATED:
                _write_deflated(out, new, content, early[1].result())
            else:
                out.writestr(new, content)
            return
        with out.open(new, "w") as sink:  # the input limits keep every part far below 2 GB
            if content is None:
                with self.zip.open(name) as source:
                    shutil.copyfileobj(source, sink, 1 << 20)
            else:
                content(sink.write)


def _deflate(data: bytes) -> bytes:
    """``data`` deflated exactly as :mod:`zipfile` deflates an entry at :data:`LEVEL`."""
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


class _Deflated:
    """Stands in for a zip entry's compressor, handing over ``data`` deflated beforehand."""

    def __init__(self, deflated: bytes) -> None:
        self.deflated = deflated

    def compress(self, data: bytes) -> bytes:
        deflated, self.deflated = self.deflated, b""
        return deflated

    def flush(self) -> bytes:
        return b""


def _write_deflated(out: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes, deflated: bytes):
    """Write the entry ``info`` holding ``data``, whose deflated form is ``deflated``: what
    :meth:`zipfile.ZipFile.writestr` writes, without compressing again. The entry's writer
    still counts the size and the checksum of ``data``; only its compressor is handed the
    finished stream (a writer without one, in some other Python, compresses as usual)."""
    info.file_size = len(data)
    with out.open(info, "w") as sink:
        if getattr(sink, "_compressor", None) is not None:
            sink._compressor = _Deflated(deflated)
        sink.write(data)


__all__ = [
    "CONTENT_TYPES",
    "EARLY",
    "LEVEL",
    "REL",
    "PackageWriter",
    "Relationship",
    "relative",
    "rels_name",
]
