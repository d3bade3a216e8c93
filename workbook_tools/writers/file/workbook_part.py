"""The workbook part (``xl/workbook.xml``): its sheets, defined names and calculation settings.

:class:`WorkbookPart` adds a sheet at a place in the tab order (keeping every sheet-scoped defined
name, the active tab and the first visible tab pointing at the sheets they pointed at), sets or
removes a sheet's print titles, and asks for a full recalculation when the workbook is opened. It
is written back byte for byte when none of that changed anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from workbook_tools.safety.opening import SHEET_KINDS
from workbook_tools.writers.file.package import REL, PackageWriter

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_Q = f"{{{NS_MAIN}}}"
_R_ID = f"{{{NS_R}}}id"
_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
#: The order of the workbook part's elements (the schema's).
ORDER = (
    "fileVersion", "fileSharing", "workbookPr", "absPath", "workbookProtection", "bookViews",
    "sheets", "functionGroups", "externalReferences", "definedNames", "calcPr", "oleSize",
    "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes", "webPublishing",
    "fileRecoveryPr", "webPublishObjects", "extLst",
)  # fmt: skip
PRINT_TITLES = "_xlnm.Print_Titles"


@dataclass
class SheetEntry:
    """One sheet of the workbook: name, kind, its part (``None`` if missing) and element."""

    name: str
    kind: str
    part: str | None
    element: etree._Element


class WorkbookPart:
    """The workbook part of a package being rewritten."""

    def __init__(self, package: PackageWriter) -> None:
        self.package = package
        main = [r for r in package.rels("") if r.kind == "officedocument" and not r.external]
        if not main:
            raise ValueError("the package has no workbook part")
        self.part = main[0].target
        self.original = package.read(self.part)
        self.doc = etree.fromstring(self.original, _PARSER)
        self.changed = False
        rels = {rel.id: rel for rel in package.rels(self.part)}
        self.sheets: list[SheetEntry] = []
        for node in self.doc.iterfind(f"{_Q}sheets/{_Q}sheet"):
            rel = rels.get(node.get(_R_ID, ""))
            kind = SHEET_KINDS.get(rel.kind, rel.kind) if rel else "missing"
            part = rel.target if rel and not rel.external and package.has(rel.target) else None
            self.sheets.append(SheetEntry(node.get("name", ""), kind, part, node))

    @property
    def date1904(self) -> bool:
        """Whether dates count from 1904 (as some Mac workbooks do)."""
        props = self.doc.find(_Q + "workbookPr")
        return props is not None and props.get("date1904", "").casefold() in ("1", "true")

    def sheet(self, name: str) -> SheetEntry | None:
        """The sheet called ``name`` (case-insensitive)."""
        return next((s for s in self.sheets if s.name.casefold() == name.casefold()), None)

    def placed(self, name: str) -> SheetEntry:
        """The sheet called ``name`` (case-insensitive), which is known to be there (raises
        ``LookupError`` when it is not)."""
        found = self.sheet(name)
        if found is None:
            raise LookupError(f"no sheet {name!r} in the workbook part")
        return found

    def index(self, name: str) -> int:
        """The position of the sheet called ``name`` in the tab order."""
        return next(i for i, s in enumerate(self.sheets) if s.name.casefold() == name.casefold())

    def add_sheet(self, name: str, position: int, part: str) -> SheetEntry:
        """Add the worksheet ``part`` called ``name`` at ``position`` in the tab order."""
        rel_id = self.package.add_rel(self.part, "worksheet", part)
        numbers = [int(s.element.get("sheetId", "0") or 0) for s in self.sheets]
        node = etree.Element(_Q + "sheet")
        node.set("name", name)
        node.set("sheetId", str(max([0, *numbers]) + 1))
        node.set(_R_ID, rel_id)
        if position < len(self.sheets):
            self.sheets[position].element.addprevious(node)
        else:
            self.doc.find(_Q + "sheets").append(node)
        for defined in self.doc.iterfind(f"{_Q}definedNames/{_Q}definedName"):
            _shift(defined, "localSheetId", position)
        for view in self.doc.iterfind(f"{_Q}bookViews/{_Q}workbookView"):
            _shift(view, "activeTab", position)
            if view.get("firstSheet", "0") != "0":
                _shift(view, "firstSheet", position)
        entry = SheetEntry(name, "worksheet", part, node)
        self.sheets.insert(position, entry)
        self.changed = True
        return entry

    def active_index(self) -> int:
        """The position of the active tab."""
        view = self.doc.find(f"{_Q}bookViews/{_Q}workbookView")
        value = view.get("activeTab", "0") if view is not None else "0"
        return int(value) if value.isdigit() else 0

    def set_print_titles(self, name: str, value: str | None) -> None:
        """Repeat ``value`` (``'Sheet'!$4:$4``) at the top of each printed page of the sheet
        called ``name``, or stop repeating anything (``None``)."""
        local = str(self.index(name))
        names = self.doc.find(_Q + "definedNames")
        found = None
        if names is not None:
            for node in names.iterfind(_Q + "definedName"):
                if node.get("name") == PRINT_TITLES and node.get("localSheetId") == local:
                    found = node
        if value is None:
            if found is not None:
                names.remove(found)
                self.changed = True
            return
        if found is not None and found.text == value:
            return
        if names is None:
            names = etree.Element(_Q + "definedNames")
            _insert(self.doc, names)
        if found is None:
            found = etree.SubElement(names, _Q + "definedName", name=PRINT_TITLES)
            found.set("localSheetId", local)
        found.text = value
        self.changed = True

    def recalculate_on_open(self) -> None:
        """Ask Excel and LibreOffice to recalculate every formula when the workbook is opened."""
        calc = self.doc.find(_Q + "calcPr")
        if calc is None:
            calc = etree.Element(_Q + "calcPr")
            _insert(self.doc, calc)
        if calc.get("fullCalcOnLoad") not in ("1", "true"):
            calc.set("fullCalcOnLoad", "1")
            self.changed = True

    def to_bytes(self) -> bytes:
        """The workbook part: the original bytes when nothing changed."""
        if not self.changed:
            return self.original
        return _DECLARATION + etree.tostring(self.doc, encoding="UTF-8")


def _shift(node: etree._Element, attr: str, position: int) -> None:
    """Move a sheet index at or after ``position`` one place on (a sheet was inserted there)."""
    value = node.get(attr, "")
    if value.isdigit() and int(value) >= position:
        node.set(attr, str(int(value) + 1))


def _insert(parent: etree._Element, child: etree._Element) -> None:
    rank = ORDER.index(child.tag.rsplit("}", 1)[-1])
    for position, sibling in enumerate(parent):
        name = sibling.tag.rsplit("}", 1)[-1] if isinstance(sibling.tag, str) else ""
        if name in ORDER and ORDER.index(name) > rank:
            parent.insert(position, child)
            return
    parent.append(child)


__all__ = ["PRINT_TITLES", "REL", "SheetEntry", "WorkbookPart"]
