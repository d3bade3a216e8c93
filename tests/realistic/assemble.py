"""Turn a Book into package bytes with one application's profile: sheet parts, the workbook part
and its relationships, shared strings, calculation chain, document properties, content types."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .book import REL, Book, Sheet, Unsupported
from .package import PackageStyle, content_types, relationships, rels_name, write_zip
from .render_sheet import SheetDialect, Strings, slot_xml, worksheet_xml

CT = "application/vnd.openxmlformats-officedocument."
SHEET_CT = CT + "spreadsheetml.worksheet+xml"
CHARTSHEET_CT = CT + "spreadsheetml.chartsheet+xml"
MAIN_CT = CT + "spreadsheetml.sheet.main+xml"
MACRO_CT = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
STD_CT = {
    "xl/styles.xml": CT + "spreadsheetml.styles+xml",
    "xl/theme/theme1.xml": CT + "theme+xml",
    "xl/sharedStrings.xml": CT + "spreadsheetml.sharedStrings+xml",
    "xl/calcChain.xml": CT + "spreadsheetml.calcChain+xml",
    "docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    "docProps/app.xml": CT + "extended-properties+xml",
    "docProps/custom.xml": CT + "custom-properties+xml",
}
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"


@dataclass
class Rendered:
    """What the generic steps produced, for the profile's workbook and property parts."""

    book: Book
    sheet_rids: list[str]
    strings: Strings
    formulas: list[tuple[int, str]]


@dataclass(frozen=True)
class AppProfile:
    """Everything that makes a package look like one application's output."""

    name: str
    package: PackageStyle
    sheet: SheetDialect
    workbook_xml: Callable[[Rendered], str]
    styles: Callable[[], bytes]
    docprops: Callable[[Book], list[tuple[str, bytes, str]]]  # (part, data, package rel type)
    theme: Callable[[], bytes] | None = None
    calc_chain: bool = False
    core_rels_first: bool = False  # styles/theme/sst related before the sheets (Google Sheets)
    sheet_uid: Callable[[Book, int], str] = lambda book, i: ""
    defaults: tuple[tuple[str, str], ...] = ()
    chartsheet: Callable[[Sheet, bool], str] | None = None
    always_strings: bool = True


def render(book: Book, profile: AppProfile) -> bytes:
    """The workbook's bytes as ``profile``'s application writes them."""
    decl = profile.package.declaration
    strings = Strings()
    parts: dict[str, bytes] = {}
    overrides = [("/xl/workbook.xml", MACRO_CT if book.code_name else MAIN_CT)]
    sheet_targets, formulas = [], []
    counters = {"worksheet": 0, "chartsheet": 0}
    active = next((i for i, s in enumerate(book.sheets) if s.state is None), 0)
    for i, sheet in enumerate(book.sheets):
        counters[sheet.kind] += 1
        folder = "worksheets" if sheet.kind == "worksheet" else "chartsheets"
        name = f"xl/{folder}/sheet{counters[sheet.kind]}.xml"
        if sheet.kind == "worksheet":
            data, cells = worksheet_xml(
                sheet, strings, profile.sheet, i == active, profile.sheet_uid(book, i), decl
            )
            formulas += [(i + 1, c) for c in cells]
            overrides.append(("/" + name, SHEET_CT))
        else:
            if profile.chartsheet is None:
                raise Unsupported(f"{profile.name} writes no chart sheets")
            data = (decl + profile.chartsheet(sheet, i == active) + _slots(sheet)).encode()
            overrides.append(("/" + name, CHARTSHEET_CT))
        parts[name] = data
        if sheet.rels:
            parts[rels_name(name)] = relationships(profile.package, sheet.rels)
        sheet_targets.append(name.removeprefix("xl/"))
    core = [("theme", "theme/theme1.xml")] if profile.theme else []
    core += [("styles", "styles.xml")]
    if strings.items or profile.always_strings:
        core.append(("sharedStrings", "sharedStrings.xml"))
    wb_rels: list[tuple[str, str, str]] = []
    ordered = (core, sheet_targets) if profile.core_rels_first else (sheet_targets, core)
    for group in ordered:
        for item in group:
            rid = f"rId{len(wb_rels) + 1}"
            if isinstance(item, tuple):
                wb_rels.append((rid, REL + item[0], item[1]))
            else:
                kind = "worksheet" if item.startswith("worksheets/") else "chartsheet"
                wb_rels.append((rid, REL + kind, item))
    sheet_rids = [rid for rid, _, target in wb_rels if target in sheet_targets]
    placeholders = {}
    for key, type_, target in book.workbook_rels:
        rid = f"rId{len(wb_rels) + 1}"
        wb_rels.append((rid, type_, target))
        placeholders[f"@@rid:{key}@@"] = rid
    if profile.calc_chain and formulas:
        wb_rels.append((f"rId{len(wb_rels) + 1}", REL + "calcChain", "calcChain.xml"))
        parts["xl/calcChain.xml"] = _calc_chain(decl, formulas)
    state = Rendered(book, sheet_rids, strings, formulas)
    workbook = profile.workbook_xml(state)
    for token, rid in placeholders.items():
        workbook = workbook.replace(token, rid)
    parts["xl/workbook.xml"] = (decl + workbook).encode("utf-8")
    parts["xl/_rels/workbook.xml.rels"] = relationships(profile.package, wb_rels)
    if profile.theme:
        parts["xl/theme/theme1.xml"] = profile.theme()
    parts["xl/styles.xml"] = profile.styles()
    if strings.items or profile.always_strings:
        parts["xl/sharedStrings.xml"] = strings.render(decl)
    for name, (data, _ctype) in book.parts.items():
        parts[name] = data
    for source, rels in book.part_rels.items():
        parts[rels_name(source)] = relationships(profile.package, rels)
    package_rels = [("rId1", REL + "officeDocument", "xl/workbook.xml")]
    for name, data, rel_type in profile.docprops(book):
        parts[name] = data
        package_rels.append((f"rId{len(package_rels) + 1}", rel_type, name))
    for rel_type, target in book.package_rels:
        package_rels.append((f"rId{len(package_rels) + 1}", rel_type, target))
    parts["_rels/.rels"] = relationships(profile.package, package_rels)
    parts["[Content_Types].xml"] = _content_types(book, profile, parts, overrides)
    return write_zip(profile.package, parts)


def _slots(sheet: Sheet) -> str:
    rendered = slot_xml(sheet)
    return "".join(rendered.values()) + "</chartsheet>"


def _calc_chain(decl: str, formulas: list[tuple[int, str]]) -> bytes:
    items, last = [], None
    for sheet_id, cell in formulas:
        i = f' i="{sheet_id}"' if sheet_id != last else ""
        items.append(f'<c r="{cell}"{i}/>')
        last = sheet_id
    body = '<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    return (decl + body + "".join(items) + "</calcChain>").encode("utf-8")


def _content_types(
    book: Book, profile: AppProfile, parts: dict[str, bytes], overrides: list[tuple[str, str]]
) -> bytes:
    defaults = dict(profile.defaults)
    defaults.setdefault("rels", "application/vnd.openxmlformats-package.relationships+xml")
    defaults.setdefault("xml", "application/xml")
    for ext, ctype in book.defaults.items():
        defaults.setdefault(ext, ctype)
    listed = {name for name, _ in overrides}
    for name in ("xl/theme/theme1.xml", "xl/styles.xml", "xl/sharedStrings.xml"):
        if name in parts:
            overrides.append(("/" + name, STD_CT[name]))
    for name, (_, ctype) in book.parts.items():
        if ctype:
            overrides.append(("/" + name, ctype))
    for name in (
        "xl/calcChain.xml",
        "docProps/core.xml",
        "docProps/app.xml",
        "docProps/custom.xml",
    ):
        if name in parts and "/" + name not in listed:
            overrides.append(("/" + name, STD_CT[name]))
    if profile.package.ct_overrides_rels:
        rels = [n for n in parts if n.endswith(".rels")]
        overrides = [
            ("/" + n, "application/vnd.openxmlformats-package.relationships+xml")
            for n in sorted(rels, key=len)
        ] + overrides
    ordered = defaults if profile.defaults else dict(sorted(defaults.items()))
    return content_types(profile.package, ordered, overrides)
