"""A workbook package written from nothing: the corporate report's zip of parts.

:class:`NewBook` gathers the parts (as bytes, or as functions that stream them into the zip),
their relationships and content types, the sheets in tab order and the workbook's defined names
(print titles, print areas); it holds the workbook's cell styles
(:class:`~workbook_tools.writers.file.xlsx_styles.StyleBook`) and shared strings
(:class:`~workbook_tools.writers.file.xlsx_strings.NewStrings`), which the sheets fill as they are
written, so those two parts are written last. :meth:`NewBook.write` writes the zip at the
compression level given (:data:`LEVEL` unless told: chosen by measurement, as its comment says).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable
from pathlib import Path

from workbook_tools.writers.file.package import CONTENT_TYPES, REL, relative, rels_name
from workbook_tools.writers.file.xlsx_cells import escape
from workbook_tools.writers.file.xlsx_strings import NewStrings
from workbook_tools.writers.file.xlsx_styles import StyleBook

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
CORE_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_OFFICE = "application/vnd.openxmlformats-officedocument"
_TYPES = {
    "workbook": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "worksheet": f"{_OFFICE}.spreadsheetml.worksheet+xml",
    "styles": f"{_OFFICE}.spreadsheetml.styles+xml",
    "sharedStrings": f"{_OFFICE}.spreadsheetml.sharedStrings+xml",
    "core": "application/vnd.openxmlformats-package.core-properties+xml",
    "theme": f"{_OFFICE}.theme+xml",
}
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_WORKBOOK = "xl/workbook.xml"
#: The zlib level the report is written at. Measured on the largest report (45,000 actions):
#: level 3 takes 1.06-1.08 times level 1's time for a file 17% smaller, zlib's default level 6
#: 1.5-2 times level 1's time for a file 31% smaller (``benchmarks/README.md``).
LEVEL = 3

Sink = Callable[[bytes], object]
Content = bytes | Callable[[Sink], None]


class NewBook:
    """A new workbook's parts; see the module docstring."""

    def __init__(self, *, title: str, description: str, created: dt.datetime) -> None:
        self.styles = StyleBook(None)
        self.strings = NewStrings()
        self.parts: dict[str, Content] = {}
        self.types: dict[str, str] = {}
        self.rels: dict[str, list[tuple[str, str, str]]] = {}
        self.sheets: list[tuple[str, str]] = []
        self.names: list[tuple[str, int | None, str]] = []
        self.parts["docProps/core.xml"] = _core(title, description, created)
        self.types["docProps/core.xml"] = _TYPES["core"]
        self.add_rel("", CORE_REL, "docProps/core.xml")
        self.add_rel("", "officeDocument", _WORKBOOK)
        self.types[_WORKBOOK] = _TYPES["workbook"]

    def add_sheet(self, name: str) -> str:
        """Add a worksheet called ``name`` after the others; return its part's name."""
        part = f"xl/worksheets/sheet{len(self.sheets) + 1}.xml"
        self.sheets.append((name, self.add_rel(_WORKBOOK, "worksheet", part)))
        self.types[part] = _TYPES["worksheet"]
        return part

    def set(self, part: str, content: Content, content_type: str | None = None) -> None:
        """Put ``content`` (bytes, or a function writing into a sink) in ``part``."""
        self.parts[part] = content
        if content_type is not None:
            self.types[part] = content_type

    def free_name(self, pattern: str) -> str:
        """The first ``pattern.format(n)`` (n = 1, 2…) not yet used."""
        number = 1
        while pattern.format(number) in self.parts:
            number += 1
        return pattern.format(number)

    def add_rel(self, source: str, kind: str, target: str) -> str:
        """Relate ``source`` (``""``: the package) to ``target`` (type ``REL + kind`` unless a
        full type); return the relationship's id."""
        found = self.rels.setdefault(source, [])
        rel_id = f"rId{len(found) + 1}"
        found.append((rel_id, kind if "/" in kind else REL + kind, relative(source, target)))
        return rel_id

    def define(self, name: str, value: str, sheet: int | None = None) -> None:
        """A defined name (``_xlnm.Print_Titles``…), for the sheet at index ``sheet`` or for the
        whole workbook."""
        self.names.append((name, sheet, value))

    def write(self, target: str | Path, *, level: int = LEVEL) -> None:
        """Write the package to ``target`` with zlib ``level``."""
        self.add_rel(_WORKBOOK, "styles", "xl/styles.xml")
        self.add_rel(_WORKBOOK, "sharedStrings", "xl/sharedStrings.xml")
        self.add_rel(_WORKBOOK, "theme", "xl/theme/theme1.xml")
        self.types["xl/theme/theme1.xml"] = _TYPES["theme"]
        self.types["xl/styles.xml"] = _TYPES["styles"]
        self.types["xl/sharedStrings.xml"] = _TYPES["sharedStrings"]
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as out:
            _put(out, CONTENT_TYPES, self._content_types())
            for source in ("", _WORKBOOK):
                _put(out, rels_name(source), self._rels(source))
            _put(out, _WORKBOOK, self._workbook())
            for part, content in self.parts.items():
                _put(out, part, content)
            for source in self.rels:
                if source not in ("", _WORKBOOK):
                    _put(out, rels_name(source), self._rels(source))
            _put(out, "xl/theme/theme1.xml", THEME)
            _put(out, "xl/styles.xml", self.styles.to_bytes())
            _put(out, "xl/sharedStrings.xml", self.strings.write)

    def _content_types(self) -> bytes:
        overrides = "".join(
            f'<Override PartName="/{part}" ContentType="{kind}"/>'
            for part, kind in self.types.items()
        )
        return (
            f'{_DECLARATION}<Types xmlns="{NS_TYPES}">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>'
        ).encode()

    def _rels(self, source: str) -> bytes:
        items = "".join(
            f'<Relationship Id="{rel_id}" Type="{kind}" Target="{escape(target)}"/>'
            for rel_id, kind, target in self.rels.get(source, ())
        )
        return f'{_DECLARATION}<Relationships xmlns="{NS_RELS}">{items}</Relationships>'.encode()

    def _workbook(self) -> bytes:
        sheets = "".join(
            f'<sheet name="{escape(name)}" sheetId="{number}" r:id="{rel_id}"/>'
            for number, (name, rel_id) in enumerate(self.sheets, 1)
        )
        names = "".join(
            f'<definedName name="{name}"'
            + (f' localSheetId="{sheet}"' if sheet is not None else "")
            + f">{escape(value)}</definedName>"
            for name, sheet, value in self.names
        )
        return (
            f'{_DECLARATION}<workbook xmlns="{NS_MAIN}" xmlns:r="{NS_R}"><bookViews>'
            f'<workbookView activeTab="0"/></bookViews><sheets>{sheets}</sheets>'
            + (f"<definedNames>{names}</definedNames>" if names else "")
            + "</workbook>"
        ).encode()


#: Office's theme colours after the window's black and white.
_THEME_COLOURS = (
    ("dk2", "44546A"), ("lt2", "E7E6E6"), ("accent1", "4472C4"), ("accent2", "ED7D31"),
    ("accent3", "A5A5A5"), ("accent4", "FFC000"), ("accent5", "5B9BD5"), ("accent6", "70AD47"),
    ("hlink", "0563C1"), ("folHlink", "954F72"),
)  # fmt: skip


def _theme() -> bytes:
    """The workbook's theme: Office's colours and fonts (Calibri), plain fills and lines. Table
    styles and the default font refer to it."""
    colours = (
        '<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>'
        '<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>'
    ) + "".join(
        f'<a:{name}><a:srgbClr val="{rgb}"/></a:{name}>' for name, rgb in _THEME_COLOURS
    )
    fonts = "".join(
        f'<a:{kind}><a:latin typeface="{face}"/><a:ea typeface=""/><a:cs typeface=""/></a:{kind}>'
        for kind, face in (("majorFont", "Calibri Light"), ("minorFont", "Calibri"))
    )
    fill = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    line = f'<a:ln w="6350">{fill}</a:ln>'
    effect = "<a:effectStyle><a:effectLst/></a:effectStyle>"
    return (
        f'{_DECLARATION}<a:theme xmlns:a="{NS_A}" name="Office Theme"><a:themeElements>'
        f'<a:clrScheme name="Office">{colours}</a:clrScheme>'
        f'<a:fontScheme name="Office">{fonts}</a:fontScheme><a:fmtScheme name="Office">'
        f"<a:fillStyleLst>{fill * 3}</a:fillStyleLst><a:lnStyleLst>{line * 3}</a:lnStyleLst>"
        f"<a:effectStyleLst>{effect * 3}</a:effectStyleLst>"
        f"<a:bgFillStyleLst>{fill * 3}</a:bgFillStyleLst></a:fmtScheme></a:themeElements>"
        "<a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"
    ).encode()


THEME = _theme()


def _put(out: zipfile.ZipFile, name: str, content: Content) -> None:
    """Write one part (named by text, so that the zip's compression level applies)."""
    if isinstance(content, bytes):
        out.writestr(name, content)
        return
    with out.open(name, "w") as sink:
        content(sink.write)


def _core(title: str, description: str, created: dt.datetime) -> bytes:
    """The document's properties: its title, description and when it was made (in UTC)."""
    when = created.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        f"{_DECLARATION}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:description>{escape(description)}"
        "</dc:description><dc:creator>workbook-tools</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


__all__ = ["LEVEL", "NewBook"]
