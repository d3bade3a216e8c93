"""What a workbook holds that an openpyxl load and save would not keep.

The list below was measured with openpyxl 3.1.5 by loading and saving real workbooks from Excel
(Windows, Mac, Online), Google Sheets, LibreOffice and gnumeric, and workbooks holding each
feature on its own. openpyxl keeps: cell values and formulas (not their calculated values), styles,
merged cells, tables, pictures (with Pillow), charts on worksheets, legacy comments (their boxes
are redrawn at a default size), data validations and conditional formats written in the original
2007 format, defined names, external links, pivot tables, sheet and workbook protection,
hyperlinks, print settings, freeze panes, outlines, and macros in a macro-enabled workbook loaded
with ``keep_vba=True``. Everything reported here is dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element

from .limits import Limits
from .opening import open_package
from .package import R_ID, Package, SheetRef, local

FORMULAS = "formulas"


@dataclass(frozen=True)
class Feature:
    """Something in a workbook that a refresh written with openpyxl would lose.

    ``sheet`` is the sheet it belongs to (None for the whole workbook), ``name`` a stable short
    name callers can test (``"formulas"``, ``"threaded comments"``, ``"slicers"``, …) and
    ``detail`` a plain-English phrase for the message, such as ``"2 text boxes or shapes"``.
    """

    sheet: str | None
    name: str
    detail: str


def describe(feature: Feature) -> str:
    """One sentence for a council officer saying what would be lost and what to do instead."""
    where = f"{feature.sheet} sheet" if feature.sheet else "The workbook"
    if feature.name == FORMULAS:
        return (
            f"{where} has {feature.detail}, whose calculated values a refresh would clear until "
            "Excel recalculates them; use the Refresh button in Excel, or --output to write a copy"
        )
    return (
        f"{where} has {feature.detail}, which a refresh would remove; use the Refresh button in "
        "Excel, or --output to write a copy"
    )


def describe_all(features: list[Feature]) -> str:
    """One sentence covering several features (for a single error message)."""
    if len(features) == 1:
        return describe(features[0])
    parts = [f"{f.detail} ({f.sheet + ' sheet' if f.sheet else 'workbook'})" for f in features[:6]]
    if len(features) > 6:
        parts.append(f"{len(features) - 6} more")
    listed = ", ".join(parts[:-1]) + " and " + parts[-1]
    return (
        f"The workbook has {listed}, which a refresh would remove or change; "
        "use the Refresh button in Excel, or --output to write a copy"
    )


def load_options(path: str | Path) -> dict[str, bool]:
    """The ``openpyxl.load_workbook`` options that :func:`inspect_package` assumes.

    ``keep_vba`` only for macro-enabled workbooks (in a plain .xlsx openpyxl would mark the saved
    file as macro-enabled, which Excel then refuses to open), and ``rich_text`` so that text with
    mixed formatting inside a cell keeps its formatting.
    """
    with open_package(path, scan_sheets=False) as package:
        return {"keep_vba": package.macro_enabled, "rich_text": True}


def inspect_package(path: str | Path, *, limits: Limits | None = None) -> list[Feature]:
    """Every feature of the workbook at ``path`` that an openpyxl load and save would drop.

    Runs every input check of ``check_input`` first (so it raises the same errors), then reads
    only relationship, drawing and settings parts, and streams the sheets' cells. An empty list
    means an openpyxl round trip keeps everything the tool knows how to look for.
    """
    with open_package(path, limits) as package:
        found = _Found()
        handled: set[str] = set()
        for sheet in package.sheets:
            _sheet_features(package, sheet, found, handled)
        _workbook_features(package, found, handled)
        _unknown_parts(package, found, handled)
        return found.features


class _Found:
    """Features in the order found, one per (sheet, name)."""

    def __init__(self) -> None:
        self.features: list[Feature] = []
        self._keys: set[tuple[str | None, str]] = set()

    def add(self, sheet: str | None, name: str, detail: str) -> None:
        if sheet is None and self.named(name):
            return  # already reported against the sheets that use it
        if (sheet, name) not in self._keys:
            self._keys.add((sheet, name))
            self.features.append(Feature(sheet, name, detail))

    def named(self, name: str) -> bool:
        return any(key[1] == name for key in self._keys)


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one}" if count == 1 else f"{count} {many or one + 's'}"


# -- sheets -----------------------------------------------------------------------------------
SHEET_RELS = {
    "threadedcomment": ("threaded comments", "threaded comments (with replies and @mentions)"),
    "slicer": ("slicers", "slicers"),
    "timeline": ("timelines", "timelines"),
    "ctrlprop": ("form controls", "form controls (check boxes, option buttons, lists)"),
    "control": ("ActiveX controls", "ActiveX controls"),
    "oleobject": ("embedded objects", "embedded objects (such as documents or icons)"),
    "package": ("embedded objects", "embedded objects (such as documents or icons)"),
    "customproperty": ("sheet properties", "custom sheet properties"),
    "namedsheetview": ("sheet views", "named sheet views"),
    "tablesinglecells": ("XML maps", "cells mapped to XML"),
}
SHEET_ELEMENTS = {
    "protectedRanges": ("protected ranges", "ranges that others may edit with a password"),
    "picture": ("background picture", "a background picture"),
    "legacyDrawingHF": ("header and footer pictures", "pictures in its header or footer"),
    "oleObjects": ("embedded objects", "embedded objects (such as documents or icons)"),
    "customSheetViews": ("custom views", "custom views"),
    "dataConsolidate": ("consolidation settings", "Data > Consolidate settings"),
    "cellWatches": ("watched cells", "cells in the Watch Window"),
    "smartTags": ("smart tags", "smart tags"),
    "webPublishItems": ("web publishing settings", "web publishing settings"),
}
EXTENSIONS = {
    "conditionalFormattings": (
        "x14 conditional formats",
        "conditional formats in the Excel 2010 format (data bars, icon sets or rules that refer "
        "to other sheets)",
    ),
    "dataValidations": (
        "x14 data validations",
        "data validations in the Excel 2010 format (usually drop-down lists from another sheet)",
    ),
    "sparklineGroups": ("sparklines", "sparklines"),
    "slicerList": ("slicers", "slicers"),
    "timelineRefs": ("timelines", "timelines"),
    "protectedRanges": ("protected ranges", "ranges that others may edit with a password"),
    "webExtensions": ("Office add-ins", "Office add-in content"),
}
#: Extension elements that only hold view or calculation hints, safe to lose.
HARMLESS_EXTENSIONS = {
    "PLV", "ignoredErrors", "workbookPr", "calcFeatures", "extCalcPr", "ArchID", "id",
}  # fmt: skip


def _sheet_features(package: Package, sheet: SheetRef, found: _Found, handled: set[str]) -> None:
    name = sheet.name
    if sheet.kind == "dialogsheet":
        found.add(name, "dialog sheets", "an Excel 5 dialog sheet")
    elif sheet.kind == "macrosheet":
        found.add(name, "Excel 4 macro sheets", "Excel 4 macros")
    if sheet.kind == "chartsheet":
        found.add(name, "chart sheets", "a chart sheet, whose chart would be saved with no size")
    if sheet.kind not in ("worksheet", "chartsheet"):
        return
    rels = package.rels(sheet.part)
    hf_ids: set[str] = set()
    if sheet.kind == "worksheet":
        scan = package.scan(sheet.part)
        if scan.formulas:
            found.add(name, FORMULAS, _plural(scan.formulas, "formula"))
        if scan.dynamic_arrays:
            found.add(name, "dynamic arrays", "dynamic array formulas (such as FILTER or SORT)")
        if scan.rich_values:
            pictures = any("richvaluerel" in part for part in package.members)
            found.add(
                name,
                "in-cell pictures",
                "pictures placed in cells" if pictures else "linked data types in cells",
            )
        settings = scan.settings if scan.settings is not None else Element("worksheet")
        hf_ids = _settings_features(settings, name, found)
    for rel in rels:
        if rel.external:
            continue
        if rel.kind in SHEET_RELS:
            found.add(name, *SHEET_RELS[rel.kind])
            handled.add(rel.target)
        elif rel.kind == "drawing" and package.has(rel.target):
            _drawing_features(package, rel.target, name, found)
        elif rel.kind == "vmldrawing" and rel.id not in hf_ids and package.has(rel.target):
            _vml_features(package, rel.target, name, found)
        elif rel.kind == "table" and package.has(rel.target):
            for table_rel in package.rels(rel.target):
                if table_rel.kind == "querytable":
                    found.add(name, "data connections", "a table filled by a data connection")


def _settings_features(settings: Element, sheet: str, found: _Found) -> set[str]:
    """Features in the sheet's own elements; returns the ids of header/footer drawings."""
    hf_ids: set[str] = set()
    for node in settings:
        tag = local(node.tag)
        if tag == "legacyDrawingHF":
            hf_ids.add(node.get(R_ID, ""))
        if tag in SHEET_ELEMENTS:
            found.add(sheet, *SHEET_ELEMENTS[tag])
        elif tag == "extLst":
            _extension_features(node, sheet, found)
    return hf_ids


def _extension_features(ext_list: Element, sheet: str | None, found: _Found) -> None:
    for ext in ext_list:
        for child in ext:
            tag = local(child.tag)
            if tag in EXTENSIONS:
                found.add(sheet, *EXTENSIONS[tag])
            elif tag == "slicerCaches":
                found.add(sheet, "slicers", "slicers")
            elif tag == "timelineCacheRefs":
                found.add(sheet, "timelines", "timelines")
            elif tag == "dataModel":
                found.add(sheet, "data model", "a Power Pivot data model")
            elif tag == "sheetsCustomData" or "google" in ext.get("uri", "").lower():
                found.add(sheet, "Google Sheets data", "Google Sheets' own data for this file")
            elif tag not in HARMLESS_EXTENSIONS:
                found.add(sheet, f"extension {tag}", f"Excel extension data ({tag})")


_ANCHORS = {"twoCellAnchor", "oneCellAnchor", "absoluteAnchor"}
_KEPT_DRAWING_OBJECTS = {"picture", "chart"}
_DRAWING_FEATURES = {
    "shape": ("shapes", "text boxes or shapes"),
    "modern chart": ("modern charts", "charts of the newer kinds (such as waterfall or treemap)"),
    "SmartArt": ("SmartArt", "SmartArt graphics"),
    "slicer": ("slicers", "slicers"),
    "timeline": ("timelines", "timelines"),
    "form control": ("form controls", "form controls (check boxes, option buttons, lists)"),
    "ink": ("shapes", "ink drawings"),
    "object": ("drawing objects", "drawing objects the tool does not recognise"),
}


def _drawing_features(package: Package, part: str, sheet: str, found: _Found) -> None:
    kinds: Counter[str] = Counter()
    for node in package.parse(part):
        _drawing_walk(node, kinds)
    for kind, count in kinds.items():
        if kind in _KEPT_DRAWING_OBJECTS:
            continue
        name, detail = _DRAWING_FEATURES[kind]
        if kind == "shape":
            detail = _plural(count, "text box or shape", "text boxes or shapes")
        found.add(sheet, name, detail)
    for rel in package.rels(part):
        if rel.kind == "chart" and package.has(rel.target):
            for chart_rel in package.rels(rel.target):
                if chart_rel.kind == "chartusershapes":
                    found.add(sheet, "shapes", "text boxes or shapes drawn on a chart")


def _drawing_walk(node: Element, kinds: Counter[str]) -> None:
    tag = local(node.tag)
    if tag == "AlternateContent":
        choices = [child for child in node if local(child.tag) == "Choice"]
        for child in choices[0] if choices else []:
            _drawing_walk(child, kinds)
    elif tag in _ANCHORS:
        for child in node:
            _drawing_walk(child, kinds)
    elif tag in ("sp", "cxnSp", "grpSp"):
        is_control = any(local(n.tag) == "compatExt" for n in node.iter())
        kinds["form control" if is_control else "shape"] += 1
    elif tag == "pic":
        kinds["picture"] += 1
    elif tag == "contentPart":
        kinds["ink"] += 1
    elif tag == "graphicFrame":
        kinds[_graphic_kind(node)] += 1


def _graphic_kind(frame: Element) -> str:
    uri = next((n.get("uri", "") for n in frame.iter() if local(n.tag) == "graphicData"), "")
    uri = uri.lower()
    if uri.endswith("/drawingml/2006/chart"):
        return "chart"
    if "chartex" in uri:
        return "modern chart"
    if uri.endswith("/diagram"):
        return "SmartArt"
    if uri.endswith("/timeslicer"):
        return "timeline"
    if uri.endswith("/slicer"):
        return "slicer"
    return "object"


_VML_OBJECT = re.compile(rb"ObjectType\s*=\s*[\"'](\w+)[\"']")


def _vml_features(package: Package, part: str, sheet: str, found: _Found) -> None:
    kinds = {kind.decode() for kind in _VML_OBJECT.findall(package.read(part))}
    if kinds - {"Note"}:
        found.add(sheet, "form controls", "form controls (buttons, check boxes, lists)")


# -- workbook ---------------------------------------------------------------------------------
WORKBOOK_RELS = {
    "connections": ("data connections", "data connections (queries to other files or databases)"),
    "customxml": ("custom XML", "custom XML data (such as document library properties)"),
    "slicercache": ("slicers", "slicers"),
    "timelinecache": ("timelines", "timelines"),
    "person": ("threaded comments", "the people named in threaded comments"),
    "featurepropertybag": ("checkboxes", "check boxes in cells"),
    "powerpivotdata": ("data model", "a Power Pivot data model"),
    "model": ("data model", "a Power Pivot data model"),
    "revisionheaders": ("change history", "a shared workbook change history"),
    "usernames": ("change history", "a shared workbook change history"),
    "xmlmaps": ("XML maps", "XML maps"),
    "richvaluerel": ("in-cell pictures", "pictures placed in cells"),
    "rdrichvalue": ("in-cell pictures", "pictures or data types placed in cells"),
}
PACKAGE_RELS = {
    "classificationlabels": (
        "sensitivity label",
        "a sensitivity label (such as OFFICIAL-SENSITIVE)",
    ),
    "extensibility": ("custom ribbon", "a customised ribbon"),
    "taskpanes": ("Office add-ins", "Office add-in task panes"),
    "origin": ("digital signature", "a digital signature"),
}
#: Relationship types openpyxl keeps, or whose loss changes nothing the user made.
KEPT_RELS = {
    "worksheet", "chartsheet", "dialogsheet", "xlmacrosheet", "xlintlmacrosheet", "theme",
    "styles", "sharedstrings", "calcchain", "externallink", "pivotcachedefinition",
    "sheetmetadata", "volatiledependencies", "officedocument", "core-properties",
    "extended-properties", "custom-properties", "thumbnail",
    "vbaproject",
}  # fmt: skip


def _workbook_features(package: Package, found: _Found, handled: set[str]) -> None:
    for node in package.workbook:
        tag = local(node.tag)
        if tag == "fileSharing":
            if node.get("reservationPassword") or node.get("hashValue"):
                found.add(None, "password to modify", "a password to modify")
            elif node.get("readOnlyRecommended") in ("1", "true"):
                found.add(None, "read-only recommendation", "a read-only recommendation")
        elif tag == "customWorkbookViews":
            found.add(None, "custom views", "custom views")
        elif tag == "extLst":
            _extension_features(node, None, found)
    workbook_rels = package.rels(package.workbook_part)
    for rel in workbook_rels:
        if rel.external:
            continue
        kind = rel.kind
        if kind.startswith("rdrichvalue") or kind.startswith("richvalue"):
            kind = "richvaluerel" if kind == "richvaluerel" else "rdrichvalue"
        if kind == "vbaproject" and not package.macro_enabled:
            found.add(None, "macros", "macros (a VBA project) in a file saved as .xlsx")
        elif kind in WORKBOOK_RELS:
            found.add(None, *WORKBOOK_RELS[kind])
        elif kind == "theme" and package.has(rel.target) and package.rels(rel.target):
            found.add(None, "theme pictures", "pictures in its theme (as Excel for Mac saves them)")
        elif "google" in rel.type.lower():
            found.add(None, "Google Sheets data", "Google Sheets' own data for this file")
        elif kind not in KEPT_RELS:
            found.add(None, "other content", f"content the tool does not recognise ({rel.target})")
        handled.add(rel.target)
    for rel in package.rels(""):
        if rel.kind in PACKAGE_RELS and not rel.external:
            found.add(None, *PACKAGE_RELS[rel.kind])
            handled.add(rel.target)


#: Parts openpyxl keeps, that the checks above look into, or that are safe to lose.
KNOWN_PARTS = re.compile(
    r"""^(?:
        \[content_types\]\.xml | (?:.*/)?_rels/[^/]*\.rels | docprops/[^/]+ |
        xl/[^/]+\.xml | xl/(?:worksheets|chartsheets|dialogsheets|macrosheets)/[^/]+ |
        xl/(?:theme|printersettings|tables|pivottables|pivotcache|externallinks|drawings|charts
            |media|comments|ctrlprops|activex|embeddings|slicers|slicercaches|timelines
            |timelinecaches|threadedcomments|persons|richdata|featurepropertybag|querytables
            |webextensions|model|namedsheetviews|revisions|customproperty)/.+ |
        xl/vbaproject[^/]*\.bin | customxml/.+ | customui/.+ | _xmlsignatures/.+ |
        docmetadata/labelinfo\.xml
    )$""",
    re.X,
)


def _unknown_parts(package: Package, found: _Found, handled: set[str]) -> None:
    if package.has("docMetadata/LabelInfo.xml"):
        found.add(None, *PACKAGE_RELS["classificationlabels"])
    unknown = [
        info.filename
        for info in package.zip.infolist()
        if not info.is_dir()
        and info.filename not in handled
        and not KNOWN_PARTS.match(info.filename.lower())
    ]
    if unknown:
        listed = ", ".join(unknown[:3]) + (f" and {len(unknown) - 3} more" if unknown[3:] else "")
        found.add(None, "other content", f"content the tool does not recognise ({listed})")
