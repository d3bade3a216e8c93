"""The workbook being built: sheets of cells, the XML fragments features add to each sheet, and
the extra parts and relationships of the package. Application dialects render it (see apps_*).

Features never write a whole part they do not own: they add fragments to a sheet's *slots* (the
worksheet's children, in the order ECMA-376 Part 1 §18.3.1.99 CT_Worksheet lists them), ext
blocks to a sheet's or the workbook's extLst, and parts with their relationships to the book.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .xmltext import guid

#: The children of <worksheet>, in schema order. Rendered by the dialect: sheetPr, dimension,
#: sheetViews, sheetFormatPr, cols, sheetData, printOptions, pageMargins, pageSetup (features
#: steer them through Sheet fields); every other slot holds whole fragments added by features.
SLOTS: tuple[str, ...] = (
    "sheetCalcPr",
    "sheetProtection",
    "protectedRanges",
    "scenarios",
    "autoFilter",
    "sortState",
    "dataConsolidate",
    "customSheetViews",
    "mergeCells",
    "phoneticPr",
    "conditionalFormatting",
    "dataValidations",
    "hyperlinks",
    "printOptions",
    "pageMargins",
    "pageSetup",
    "headerFooter",
    "rowBreaks",
    "colBreaks",
    "customProperties",
    "cellWatches",
    "ignoredErrors",
    "smartTags",
    "drawing",
    "legacyDrawing",
    "legacyDrawingHF",
    "drawingHF",
    "picture",
    "oleObjects",
    "controls",
    "webPublishItems",
    "tableParts",
)

#: Worksheet extLst blocks in the order Excel writes them (MS-XLSX §2.3.1 ext URIs).
SHEET_EXT_ORDER: tuple[str, ...] = (
    "{78C0D931-6437-407d-A8EE-F0AAD7539E65}",  # x14:conditionalFormattings
    "{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}",  # x14:dataValidations
    "{05C60535-1F16-4fd2-B633-F4F36F0B64E0}",  # x14:sparklineGroups
    "{A8765BA9-456A-4dab-B4F3-ACF838C121DE}",  # x14:slicerList (pivot slicers)
    "{3A4CF648-6AED-40f4-86FF-DC5316D8AED3}",  # x14:slicerList in x15 (table slicers)
)

SS_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
MS_REL = "http://schemas.microsoft.com/office/"


class Unsupported(ValueError):
    """The application (or the features already in the book) cannot hold this feature."""


@dataclass(frozen=True)
class Formula:
    """A formula with its cached value; ``dynamic`` makes it a dynamic-array formula (cm="1")
    spilling over ``spill`` (an A1 range), as Excel 365 writes FILTER/SORT/UNIQUE results."""

    text: str
    value: Any = None
    dynamic: bool = False
    spill: str | None = None


@dataclass(frozen=True)
class Inline:
    """A string written in the cell itself (t="inlineStr"), not in the shared-string table."""

    text: str


@dataclass(frozen=True)
class Rich:
    """Rich text: runs of (text, properties) where properties are e.g. {"b": True,
    "color": "FFC00000"}; stored as a shared string with <r> runs."""

    runs: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...]

    @property
    def text(self) -> str:
        """The plain text of all runs."""
        return "".join(text for text, _ in self.runs)


@dataclass(frozen=True)
class Styled:
    """A value with a named cell style (see styles.STYLE_KEYS)."""

    value: Any
    style: str


@dataclass(frozen=True)
class ErrorValue:
    """An error cell (t="e"), e.g. "#VALUE!"; ``vm`` points to value metadata (in-cell
    pictures are written as #VALUE! errors with vm="1")."""

    text: str
    vm: int | None = None


@dataclass
class Sheet:
    """One sheet: rows of values (row 0 is usually the headings) and what features added."""

    name: str
    rows: list[list[Any]] = field(default_factory=list)
    kind: str = "worksheet"  # or "chartsheet"
    state: str | None = None  # "hidden" / "veryHidden"
    col_widths: dict[int, float] = field(default_factory=dict)
    col_styles: dict[int, str] = field(default_factory=dict)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)
    freeze: tuple[int, int] | None = None  # (rows, columns) frozen
    merges: list[str] = field(default_factory=list)
    header_style: str | None = "header"
    slots: dict[str, list[str]] = field(default_factory=dict)
    ext: list[tuple[str, str]] = field(default_factory=list)
    rels: list[tuple[str, str, str]] = field(default_factory=list)
    extra_namespaces: dict[str, str] = field(default_factory=dict)
    code_name: str | None = None  # the VBA document module of a macro-enabled workbook

    def rel(self, type_: str, target: str) -> str:
        """Relate this sheet to ``target`` (relative to the sheet part); the new rId."""
        rid = f"rId{len(self.rels) + 1}"
        self.rels.append((rid, type_, target))
        return rid

    def add(self, slot: str, xml: str) -> None:
        """Add a fragment to one of the worksheet's slots."""
        if slot not in SLOTS:
            raise KeyError(slot)
        self.slots.setdefault(slot, []).append(xml)

    def add_ext(self, uri: str, xml: str) -> None:
        """Add (or extend) the extLst block with ``uri``; ``xml`` is its inner content."""
        for i, (u, inner) in enumerate(self.ext):
            if u == uri:
                self.ext[i] = (u, inner + xml)
                return
        self.ext.append((uri, xml))

    @property
    def width(self) -> int:
        """The number of columns in use."""
        return max((len(r) for r in self.rows), default=0)


@dataclass
class DefinedName:
    """A workbook defined name (``local`` = index of the sheet it is local to)."""

    name: str
    value: str
    local: int | None = None
    hidden: bool = False


@dataclass
class Book:
    """A workbook on its way to bytes."""

    app: str
    sheets: list[Sheet] = field(default_factory=list)
    defined_names: list[DefinedName] = field(default_factory=list)
    parts: dict[str, tuple[bytes, str | None]] = field(default_factory=dict)
    part_rels: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)
    workbook_rels: list[tuple[str, str, str]] = field(default_factory=list)
    wb_slots: dict[str, list[str]] = field(default_factory=dict)
    wb_ext: list[tuple[str, str]] = field(default_factory=list)
    package_rels: list[tuple[str, str]] = field(default_factory=list)
    code_name: str | None = None  # "ThisWorkbook" in a macro-enabled workbook
    features: list[str] = field(default_factory=list)
    scratch: dict[str, Any] = field(default_factory=dict)
    finalizers: dict[str, Any] = field(default_factory=dict)
    created: dt.datetime = dt.datetime(2024, 4, 2, 9, 15, 0)
    modified: dt.datetime = dt.datetime(2024, 7, 8, 16, 42, 0)
    author: str = "Jo Bloggs"

    def sheet(self, name: str) -> Sheet:
        """The sheet called ``name``."""
        for sheet in self.sheets:
            if sheet.name == name:
                return sheet
        raise KeyError(name)

    def sheet_index(self, name: str) -> int:
        """The 0-based position of sheet ``name``."""
        return [s.name for s in self.sheets].index(name)

    def guid(self, *seed: object, braces: bool = True) -> str:
        """A GUID, the same for the same app and seed."""
        return guid(self.app, *seed, braces=braces)

    def next_name(self, pattern: str) -> str:
        """``pattern`` (with ``{n}``) for the first n ≥ 1 no part has yet."""
        n = 1
        while pattern.format(n=n) in self.parts:
            n += 1
        return pattern.format(n=n)

    def add_part(self, name: str, data: bytes | str, content_type: str | None = None) -> str:
        """Add the part ``name`` (no leading slash); ``content_type`` None uses the Default of
        its extension (register one with ``defaults``)."""
        raw = data.encode("utf-8") if isinstance(data, str) else data
        self.parts[name] = (raw, content_type)
        return name

    def relate(self, source: str, type_: str, target: str) -> str:
        """Relate part ``source`` to ``target`` (relative to the source's folder); the rId."""
        rels = self.part_rels.setdefault(source, [])
        rid = f"rId{len(rels) + 1}"
        rels.append((rid, type_, target))
        return rid

    def workbook_rel(self, key: str, type_: str, target: str) -> str:
        """Relate the workbook part to ``target`` (relative to xl/); a placeholder for the rId,
        replaced when the workbook is rendered (sheets are numbered first, as Excel does)."""
        self.workbook_rels.append((key, type_, target))
        return f"@@rid:{key}@@"

    def add_wb_ext(self, uri: str, xml: str) -> None:
        """Add (or extend) the workbook extLst block ``uri`` (inner content)."""
        for i, (u, inner) in enumerate(self.wb_ext):
            if u == uri:
                self.wb_ext[i] = (u, inner + xml)
                return
        self.wb_ext.append((uri, xml))

    def on_finish(self, key: str, func: Any) -> None:
        """Run ``func()`` once before rendering (parts several features share, e.g. a sheet's
        single VML drawing, are written there)."""
        self.finalizers.setdefault(key, func)

    def count_parts(self, prefix: str) -> int:
        """How many parts start with ``prefix``."""
        return sum(1 for name in self.parts if name.startswith(prefix))
