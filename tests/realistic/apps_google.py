"""Google Sheets (verified against poi__64750.xlsx, a real export): the workbook part declares
mx/mc/mv/x14/x15/x14ac/xm, sheets carry state="visible", calcPr is empty, the extLst holds the
``GoogleSheetsCustomDataVersion1`` block pointing at the opaque ``xl/metadata`` part
(application/binary); every sheet has an (empty) drawing part, no dimension, the grid padded
with empty 15.75pt rows to row 1000; no docProps/app.xml, no calcChain; the XML declaration is
followed by a lone CR; [Content_Types].xml is the last zip entry and writes ContentType before
Extension/PartName.
"""

from __future__ import annotations

import hashlib

from .apps_common import CORE_NS, CORE_REL, SS, R, names, sheets
from .assemble import AppProfile, Rendered
from .book import Book, Sheet
from .package import PackageStyle, ranked
from .render_sheet import SheetDialect, freeze_pane
from .styles import STYLE_INDEX, google_styles, theme_xml
from .xmltext import attrs, esc

GOOGLE_NS = (
    'xmlns:mx="http://schemas.microsoft.com/office/mac/excel/2008/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:mv="urn:schemas-microsoft-com:mac:vml" '
    'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" '
    'xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main" '
    'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" '
    'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"'
)
GOOGLE_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r'
GOOGLE_META_REL = "http://customschemas.google.com/relationships/workbookmetadata"


def prepare_google(book: Book) -> None:
    """What a Google Sheets export adds before rendering: the opaque metadata part and its
    extLst marker, and an empty drawing part on every sheet without one."""
    seed = hashlib.sha256(book.app.encode() + b"".join(s.name.encode() for s in book.sheets))
    blob = b"\x00" + b"".join(
        hashlib.sha256(seed.digest() + bytes([i])).digest() for i in range(10)
    )
    book.add_part("xl/metadata", blob[:313], "application/binary")
    rid = book.workbook_rel("google-metadata", GOOGLE_META_REL, "metadata")
    signature = hashlib.sha1(blob).hexdigest()[:40]
    book.add_wb_ext(
        "GoogleSheetsCustomDataVersion1",
        f'<go:sheetsCustomData xmlns:go="http://customooxmlschemas.google.com/" r:id="{rid}" '
        f'roundtripDataSignature="AMtx7m{signature}=="/>',
    )
    empty = (
        GOOGLE_DECL + '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/'
        'spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        f'xmlns:r="{R}" xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"/>'
    )
    for sheet in book.sheets:
        if sheet.kind == "worksheet" and not sheet.slots.get("drawing"):
            name = book.add_part(
                book.next_name("xl/drawings/drawing{n}.xml"),
                empty,
                "application/vnd.openxmlformats-officedocument.drawing+xml",
            )
            rid = sheet.rel(R + "/drawing", "../" + name.removeprefix("xl/"))
            sheet.add("drawing", f'<drawing r:id="{rid}"/>')


def _google_view(sheet: Sheet, selected: bool) -> str:
    pane = (
        freeze_pane(sheet)
        .replace('ySplit="1"', 'ySplit="1.0"')
        .replace('xSplit="1"', 'xSplit="1.0"')
    )
    if pane:
        return f'<sheetViews><sheetView workbookViewId="0">{pane}</sheetView></sheetViews>'
    return '<sheetViews><sheetView workbookViewId="0"/></sheetViews>'


def _google_col(lo: int, hi: int, width: float | None, hidden: bool, style: str | None) -> str:
    return (
        "<col"
        + attrs(
            customWidth="1",
            min=lo,
            max=hi,
            width=f"{width or 12.63:.2f}",
            hidden="1" if hidden else None,
        )
        + "/>"
    )


def _google_workbook(state: Rendered) -> str:
    ext = "".join(f'<ext uri="{u}">{x}</ext>' for u, x in state.book.wb_ext)
    return (
        f'<workbook xmlns="{SS}" xmlns:r="{R}" {GOOGLE_NS}><workbookPr/>'
        + sheets(state, visible=True)
        + names(state.book)
        + "<calcPr/>"
        + "".join(state.book.wb_slots.get("pivotCaches", []))
        + (f"<extLst>{ext}</extLst>" if ext else "")
        + "</workbook>"
    )


def _google_props(book: Book) -> list[tuple[str, bytes, str]]:
    core = (
        GOOGLE_DECL + f"<cp:coreProperties {CORE_NS}>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{book.created:%Y-%m-%dT%H:%M:%SZ}'
        f"</dcterms:created><dc:creator>{esc(book.author)}</dc:creator></cp:coreProperties>"
    )
    return [("docProps/core.xml", core.encode(), CORE_REL)]


def _google_chartsheet(sheet: Sheet, selected: bool) -> str:
    return (
        f'<chartsheet xmlns="{SS}" xmlns:r="{R}" {GOOGLE_NS}><sheetPr/><sheetViews>'
        '<sheetView workbookViewId="0"/></sheetViews><pageMargins bottom="0.75" footer="0.0" '
        'header="0.0" left="0.7" right="0.7" top="0.75"/>'
    )


def google() -> AppProfile:
    """Google Sheets' "Download as .xlsx"."""
    dialect = SheetDialect(
        root_open=f'<worksheet xmlns="{SS}" xmlns:r="{R}"{{extra}} {GOOGLE_NS}>',
        sheet_pr='<sheetPr><outlinePr summaryBelow="0" summaryRight="0"/></sheetPr>',
        sheet_format='<sheetFormatPr customHeight="1" defaultColWidth="12.63" '
        'defaultRowHeight="15.0"/>',
        row_attrs=lambda r, width, hidden: ' hidden="1"' if hidden else "",
        view=_google_view,
        col=_google_col,
        dimension=False,
        page='<printOptions/><pageMargins bottom="0.75" footer="0.0" header="0.0" left="0.7" '
        'right="0.7" top="0.75"/><pageSetup orientation="landscape"/>',
        pad_rows_to=1000,
        pad_row=' ht="15.75" customHeight="1"',
        styles=STYLE_INDEX,
    )
    package = PackageStyle(
        declaration=GOOGLE_DECL,
        ct_attrs_first=True,
        date_time=(2024, 7, 8, 16, 42, 0),
        flag_bits=0x808,
        order=ranked(
            [
                "xl/drawings/",
                "xl/worksheets/",
                "docProps/",
                "xl/theme/",
                "xl/sharedStrings.xml",
                "xl/styles.xml",
                "xl/workbook.xml",
                "xl/_rels/",
                "_rels/",
            ],
            ("xl/metadata", "[Content_Types].xml"),
        ),
    )
    return AppProfile(
        name="google",
        package=package,
        sheet=dialect,
        workbook_xml=_google_workbook,
        styles=lambda: google_styles(GOOGLE_DECL),
        theme=lambda: theme_xml(GOOGLE_DECL, "Sheets", "Arial", "Arial"),
        docprops=_google_props,
        core_rels_first=True,
        chartsheet=_google_chartsheet,
        defaults=(
            ("xml", "application/xml"),
            ("rels", "application/vnd.openxmlformats-package.relationships+xml"),
        ),
    )
