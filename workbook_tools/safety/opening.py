"""Opening a workbook package safely: every input check, then the open :class:`Package`.

:func:`open_package` does every check of :func:`workbook_tools.safety.check_input`: the file's
type, the zip's limits (parts, unpacked size of the whole and of each part), XML prologs without
DTDs, the content types and workbook part, and the size of each sheet (streamed, never parsed
whole).
"""

from __future__ import annotations

import contextlib
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from xml.etree.ElementTree import ParseError

from ..errors import (
    NotAWorkbookError,
    UnsafeContentError,
    WorkbookTooLargeError,
    WorkbookToolsError,
)
from .limits import DEFAULT_LIMITS, MIB, Limits
from .package import (
    NS_MAIN,
    R_ID,
    Package,
    SheetRef,
    damaged,
    local,
    too_large_unpacked,
    unsafe,
)
from .scan import column_index, column_letters
from .sniff import (
    SAVE_AS_XLSX,
    declared_members,
    decode_head,
    locked,
    sniff,
    sniff_other,
)

NS_STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
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
PROLOG_ITEM = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->", re.S)
CELL_ADDRESS = re.compile(r"\$?([A-Za-z]{1,10})\$?([0-9]{1,12})")

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


def too_many_members(path: Path, count: int, limits: Limits) -> WorkbookTooLargeError:
    """The error for a package with more parts than the limit."""
    return WorkbookTooLargeError(
        f"has {count:,} parts, over the safety limit of {limits.members:,}; "
        "ask IT to check the file",
        path=path,
    )


@contextlib.contextmanager
def open_package(
    path: str | Path,
    limits: Limits | None = None,
    *,
    scan_sheets: bool | Callable[[str], bool] = True,
    xml_prologs: bool = True,
    by_cells: bool = False,
) -> Iterator[Package]:
    """Check ``path`` against every input limit and yield it as an open :class:`Package`.

    ``scan_sheets`` says which sheets' cells are scanned for their size: all (True), none
    (False), or those whose name it accepts, for a caller that reads no others.
    ``xml_prologs=False`` leaves out the search of every XML part's prolog for a DTD, for a
    caller whose XML parsers refuse or ignore DTDs anyway. ``by_cells=True`` is for a reader
    that reads a sparse sheet by its cells: only the number of cells there counts, not how far
    they reach nor the size the sheet records.
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
            package.far_cells = not by_cells
            _check_members(package, xml_prologs)
            _find_workbook(package)
            _read_sheets(package)
            if scan_sheets:
                wanted = None if scan_sheets is True else scan_sheets
                _check_sheet_sizes(package, wanted, by_cells=by_cells)
            yield package
    except WorkbookToolsError:
        raise
    except PermissionError:
        raise locked(path) from None
    except (*DAMAGE_ERRORS, OSError):
        raise damaged(path) from None


def finish_checks(
    package: Package,
    *,
    scan_sheets: bool | Callable[[str], bool] = True,
    by_cells: bool = False,
) -> None:
    """Run on a package :func:`open_package` opened with ``xml_prologs=False`` and no sheet
    scanned (the quick look at a return that turned out to have no Settings sheet) the checks
    it left out: the DTD search of every XML part, then the size of the sheets ``scan_sheets``
    accepts. Together they are the checks ``open_package(path, scan_sheets=scan_sheets,
    by_cells=by_cells)`` runs, in its order, so a caller that goes on to read the workbook
    does not open it again. Call it inside the ``with`` of :func:`open_package`, so that a
    damaged part is reported as it would be there."""
    for info in package.zip.infolist():
        if not info.is_dir():
            _check_prolog(package, info)
    package.far_cells = not by_cells
    if scan_sheets:
        wanted = None if scan_sheets is True else scan_sheets
        _check_sheet_sizes(package, wanted, by_cells=by_cells)


def check_other_package(path: str | Path, limits: Limits | None = None) -> None:
    """The input checks for an ``.ods``, ``.xls`` or ``.xlsb`` workbook, before python-calamine
    reads it: the file is what its name says, not password-protected, within the size limit;
    a zip package (``.ods``, ``.xlsb``) also within the limits on parts, unpacked size and
    the size of each part, and without DTDs in its XML parts."""
    path = Path(path)
    limits = limits or DEFAULT_LIMITS
    if not sniff_other(path, limits):
        return
    try:
        declared = declared_members(path)
        if declared is not None and declared > limits.members:
            raise too_many_members(path, declared, limits)
        with zipfile.ZipFile(path) as archive:
            _check_members(Package(path, archive, limits))
    except WorkbookToolsError:
        raise
    except PermissionError:
        raise locked(path) from None
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
        if info.file_size > limits.part_bytes:
            raise WorkbookTooLargeError(
                f"has a part ({info.filename}) that unpacks to {info.file_size // MIB} MB, over "
                f"the safety limit of {limits.part_bytes // MIB} MB (it may be a 'zip bomb'); "
                "do not open it, and report it to IT",
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
        item = PROLOG_ITEM.match(text, position)
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


def _check_sheet_sizes(
    package: Package, wanted: Callable[[str], bool] | None = None, *, by_cells: bool = False
) -> None:
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
        if by_cells:
            continue
        if scan.max_row * max(scan.max_col, 1) > limit:
            reach = f"row {scan.max_row:,}"
            if scan.max_col:
                reach = f"column {column_letters(scan.max_col)} and {reach}"
            raise WorkbookTooLargeError(
                f"its cells reach {reach} (the cell {scan.far_cell} is furthest out), so "
                f"writing the sheet would need over {limit:,} cells; delete that cell and the "
                "rows and columns beyond your data in Excel and save it again",
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
    for letters, number in CELL_ADDRESS.findall(ref):
        rows, cols = max(rows, int(number)), max(cols, column_index(letters))
    return rows, cols
