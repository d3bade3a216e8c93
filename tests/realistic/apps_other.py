"""Google Sheets, LibreOffice Calc and Apple Numbers output.

Google Sheets (verified against poi__64750.xlsx, a real export): the workbook part declares
mx/mc/mv/x14/x15/x14ac/xm, sheets carry state="visible", calcPr is empty, the extLst holds the
``GoogleSheetsCustomDataVersion1`` block pointing at the opaque ``xl/metadata`` part
(application/binary); every sheet has an (empty) drawing part, no dimension, the grid padded
with empty 15.75pt rows to row 1000; no docProps/app.xml, no calcChain; the XML declaration is
followed by a lone CR; [Content_Types].xml is the last zip entry and writes ContentType before
Extension/PartName.

LibreOffice Calc (verified against calamine__date.xlsx, LibreOffice 7.4, and against what the
installed soffice writes, see libreoffice.py): fileVersion appName="Calc", every sheet-view and
row attribute spelled out with true/false, t="n" on numbers, the loext extCalcPr extLst, no
theme, content types with Overrides for the relationship parts, LF after the declarations.

Apple Numbers: no Numbers export is in the real-world folder; this follows the structure public
readers document for Numbers exports (an "Export Summary" sheet first, "Sheet - Table" sheet
names, a merged table-title row, Helvetica Neue, 16.3516 column widths, 19.9pt rows, frozen
header, no grid lines). Treat it as the least certain profile.
"""

from __future__ import annotations

import hashlib

from .assemble import AppProfile, Rendered
from .book import Book, Sheet
from .package import PackageStyle, ranked
from .render_sheet import SheetDialect, freeze_pane
from .styles import STYLE_INDEX, google_styles, libreoffice_styles, numbers_styles, theme_xml
from .xmltext import attrs, esc

SS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CORE_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
APP_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
CORE_NS = (
    'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
)
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


def _names(book: Book, libreoffice: bool = False) -> str:
    if not book.defined_names:
        return ""
    out = []
    for d in book.defined_names:
        if libreoffice:  # as LibreOffice 7.4 writes them (checked against soffice's output)
            extra = attrs(function="false", hidden="true" if d.hidden else "false",
                          localSheetId=d.local, name=d.name, vbProcedure="false")
            out.append(f"<definedName{extra}>{esc(d.value)}</definedName>")
            continue
        extra = attrs(localSheetId=d.local, hidden="1" if d.hidden else None)
        out.append(f'<definedName name="{d.name}"{extra}>{esc(d.value)}</definedName>')
    return "<definedNames>" + "".join(out) + "</definedNames>"


def _sheets(state: Rendered, visible: bool = False, state_last: bool = False) -> str:
    items = []
    for i, (s, rid) in enumerate(zip(state.book.sheets, state.sheet_rids, strict=True)):
        st = s.state or ("visible" if visible else None)
        if state_last:
            items.append(f'<sheet name="{esc(s.name)}" sheetId="{i + 1}"'
                         + (f' state="{st}"' if st else "") + f' r:id="{rid}"/>')
        else:
            items.append((f'<sheet state="{st}"' if st else "<sheet")
                         + f' name="{esc(s.name)}" sheetId="{i + 1}" r:id="{rid}"/>')
    return "<sheets>" + "".join(items) + "</sheets>"


# --- Google Sheets ---------------------------------------------------------------------------


def prepare_google(book: Book) -> None:
    """What a Google Sheets export adds before rendering: the opaque metadata part and its
    extLst marker, and an empty drawing part on every sheet without one."""
    seed = hashlib.sha256(book.app.encode() + b"".join(s.name.encode() for s in book.sheets))
    blob = b"\x00" + b"".join(hashlib.sha256(seed.digest() + bytes([i])).digest() for i in range(10))
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
            name = book.add_part(book.next_name("xl/drawings/drawing{n}.xml"), empty,
                                 "application/vnd.openxmlformats-officedocument.drawing+xml")
            rid = sheet.rel(R + "/drawing", "../" + name.removeprefix("xl/"))
            sheet.add("drawing", f'<drawing r:id="{rid}"/>')


def _google_view(sheet: Sheet, selected: bool) -> str:
    pane = freeze_pane(sheet).replace('ySplit="1"', 'ySplit="1.0"').replace(
        'xSplit="1"', 'xSplit="1.0"')
    if pane:
        return f'<sheetViews><sheetView workbookViewId="0">{pane}</sheetView></sheetViews>'
    return '<sheetViews><sheetView workbookViewId="0"/></sheetViews>'


def _google_col(lo: int, hi: int, width: float | None, hidden: bool, style: str | None) -> str:
    return "<col" + attrs(customWidth="1", min=lo, max=hi, width=f"{width or 12.63:.2f}",
                          hidden="1" if hidden else None) + "/>"


def _google_workbook(state: Rendered) -> str:
    ext = "".join(f'<ext uri="{u}">{x}</ext>' for u, x in state.book.wb_ext)
    return (
        f'<workbook xmlns="{SS}" xmlns:r="{R}" {GOOGLE_NS}><workbookPr/>'
        + _sheets(state, visible=True) + _names(state.book) + "<calcPr/>"
        + "".join(state.book.wb_slots.get("pivotCaches", []))
        + (f"<extLst>{ext}</extLst>" if ext else "") + "</workbook>"
    )


def _google_props(book: Book) -> list[tuple[str, bytes, str]]:
    core = (
        GOOGLE_DECL + f"<cp:coreProperties {CORE_NS}>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{book.created:%Y-%m-%dT%H:%M:%SZ}'
        f"</dcterms:created><dc:creator>{esc(book.author)}</dc:creator></cp:coreProperties>"
    )
    return [("docProps/core.xml", core.encode(), CORE_REL)]


def _google_chartsheet(sheet: Sheet, selected: bool) -> str:
    return (f'<chartsheet xmlns="{SS}" xmlns:r="{R}" {GOOGLE_NS}><sheetPr/><sheetViews>'
            '<sheetView workbookViewId="0"/></sheetViews><pageMargins bottom="0.75" footer="0.0" '
            'header="0.0" left="0.7" right="0.7" top="0.75"/>')


def google() -> AppProfile:
    """Google Sheets' "Download as .xlsx"."""
    dialect = SheetDialect(
        root_open=f'<worksheet xmlns="{SS}" xmlns:r="{R}"{{extra}} {GOOGLE_NS}>',
        sheet_pr="<sheetPr><outlinePr summaryBelow=\"0\" summaryRight=\"0\"/></sheetPr>",
        sheet_format='<sheetFormatPr customHeight="1" defaultColWidth="12.63" '
        'defaultRowHeight="15.0"/>',
        row_attrs=lambda r, width, hidden: ' hidden="1"' if hidden else "",
        view=_google_view, col=_google_col, dimension=False,
        page='<printOptions/><pageMargins bottom="0.75" footer="0.0" header="0.0" left="0.7" '
        'right="0.7" top="0.75"/><pageSetup orientation="landscape"/>',
        pad_rows_to=1000, pad_row=' ht="15.75" customHeight="1"', styles=STYLE_INDEX,
    )
    package = PackageStyle(
        declaration=GOOGLE_DECL, ct_attrs_first=True,
        date_time=(2024, 7, 8, 16, 42, 0), flag_bits=0x808,
        order=ranked(["xl/drawings/", "xl/worksheets/", "docProps/", "xl/theme/",
                      "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml", "xl/_rels/",
                      "_rels/"], ("xl/metadata", "[Content_Types].xml")),
    )
    return AppProfile(
        name="google", package=package, sheet=dialect, workbook_xml=_google_workbook,
        styles=lambda: google_styles(GOOGLE_DECL),
        theme=lambda: theme_xml(GOOGLE_DECL, "Sheets", "Arial", "Arial"),
        docprops=_google_props, core_rels_first=True, chartsheet=_google_chartsheet,
        defaults=(("xml", "application/xml"),
                  ("rels", "application/vnd.openxmlformats-package.relationships+xml")),
    )


# --- LibreOffice Calc ------------------------------------------------------------------------

LO_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
LO_APP = "LibreOffice/7.4.7.2$Linux_X86_64 LibreOffice_project/40$Build-2"


def _lo_view(sheet: Sheet, selected: bool) -> str:
    pane = freeze_pane(sheet) or (
        '<selection pane="topLeft" activeCell="A2" activeCellId="0" sqref="A2"/>'
    )
    return (
        '<sheetViews><sheetView showFormulas="false" showGridLines="true" showRowColHeaders="true" '
        'showZeros="true" rightToLeft="false" '
        f'tabSelected="{"true" if selected else "false"}" showOutlineSymbols="true" '
        'defaultGridColor="true" view="normal" topLeftCell="A1" colorId="64" zoomScale="100" '
        'zoomScaleNormal="100" zoomScalePageLayoutView="100" workbookViewId="0">'
        f"{pane}</sheetView></sheetViews>"
    )


def _lo_col(lo: int, hi: int, width: float | None, hidden: bool, style: str | None) -> str:
    return "<col" + attrs(
        collapsed="false", customWidth="true", hidden="true" if hidden else "false",
        outlineLevel="0", max=hi, min=lo, style=STYLE_INDEX.get(style or "", 0),
        width=f"{width or 11.52:.2f}",
    ) + "/>"


def _lo_row(r: int, width: int, hidden: bool) -> str:
    return (' customFormat="false" ht="12.8" hidden="' + ("true" if hidden else "false")
            + '" customHeight="false" outlineLevel="0" collapsed="false"')


def _lo_workbook(state: Rendered) -> str:
    active = next((i for i, s in enumerate(state.book.sheets) if s.state is None), 0)
    return (
        f'<workbook xmlns="{SS}" xmlns:r="{R}"><fileVersion appName="Calc"/>'
        '<workbookPr backupFile="false" showObjects="all" date1904="false"/>'
        + ("".join(state.book.wb_slots.get("workbookProtection", [])) or "<workbookProtection/>")
        + '<bookViews><workbookView showHorizontalScroll="true" showVerticalScroll="true" '
        'showSheetTabs="true" xWindow="0" yWindow="0" windowWidth="16384" windowHeight="8192" '
        f'tabRatio="500" firstSheet="0" activeTab="{active}"/></bookViews>'
        + _sheets(state, visible=True, state_last=True) + _names(state.book, libreoffice=True)
        + '<calcPr iterateCount="100" refMode="A1" iterate="false" iterateDelta="0.001"/>'
        + "".join(state.book.wb_slots.get("pivotCaches", []))
        + '<extLst><ext xmlns:loext="http://schemas.libreoffice.org/" '
        'uri="{7626C862-2A13-11E5-B345-FEFF819CDC9F}"><loext:extCalcPr stringRefSyntax="CalcA1"/>'
        "</ext></extLst></workbook>"
    )


def _lo_props(book: Book) -> list[tuple[str, bytes, str]]:
    stamp = f"{book.modified:%Y-%m-%dT%H:%M:%SZ}"
    core = (
        LO_DECL + f"<cp:coreProperties {CORE_NS}>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{book.created:%Y-%m-%dT%H:%M:%SZ}'
        f"</dcterms:created><dc:creator>{esc(book.author)}</dc:creator><dc:description>"
        "</dc:description><dc:language>en-GB</dc:language><cp:lastModifiedBy>"
        f'{esc(book.author)}</cp:lastModifiedBy><dcterms:modified xsi:type="dcterms:W3CDTF">'
        f"{stamp}</dcterms:modified><cp:revision>3</cp:revision><dc:subject></dc:subject>"
        "<dc:title></dc:title></cp:coreProperties>"
    )
    app = (
        LO_DECL + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'docPropsVTypes"><Template></Template><TotalTime>12</TotalTime><Application>{LO_APP}'
        "</Application><AppVersion>15.0000</AppVersion></Properties>"
    )
    return [("docProps/core.xml", core.encode(), CORE_REL), ("docProps/app.xml", app.encode(), APP_REL)]


def libreoffice() -> AppProfile:
    """LibreOffice Calc's "Excel 2007-365" save."""
    dialect = SheetDialect(
        root_open=f'<worksheet xmlns="{SS}" xmlns:r="{R}"{{extra}} '
        'xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
        'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" '
        'xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">',
        sheet_pr='<sheetPr filterMode="false"><pageSetUpPr fitToPage="false"/></sheetPr>',
        sheet_format='<sheetFormatPr defaultColWidth="11.53515625" defaultRowHeight="12.8" '
        'zeroHeight="false" outlineLevelRow="0" outlineLevelCol="0"></sheetFormatPr>',
        number_t=' t="n"', row_attrs=_lo_row, view=_lo_view, col=_lo_col,
        page='<printOptions headings="false" gridLines="false" gridLinesSet="true" '
        'horizontalCentered="false" verticalCentered="false"/><pageMargins left="0.7875" '
        'right="0.7875" top="1.05277777777778" bottom="1.05277777777778" header="0.7875" '
        'footer="0.7875"/><pageSetup paperSize="9" scale="100" fitToWidth="1" fitToHeight="1" '
        'pageOrder="downThenOver" orientation="portrait" blackAndWhite="false" draft="false" '
        'cellComments="none" firstPageNumber="1" useFirstPageNumber="true" horizontalDpi="300" '
        'verticalDpi="300" copies="1"/><headerFooter differentFirst="false" '
        'differentOddEven="false"><oddHeader>&amp;C&amp;&quot;Times New Roman,Regular&quot;'
        '&amp;12&amp;A</oddHeader><oddFooter>&amp;C&amp;&quot;Times New Roman,Regular&quot;'
        "&amp;12Page &amp;P</oddFooter></headerFooter>",
        styles=STYLE_INDEX,
    )
    package = PackageStyle(
        declaration=LO_DECL, ct_declaration='<?xml version="1.0" encoding="UTF-8"?>\n',
        rels_declaration='<?xml version="1.0" encoding="UTF-8"?>\n', closing_newline=True,
        ct_overrides_rels=True, date_time=(2024, 7, 8, 16, 42, 0), flag_bits=0x808,
        order=ranked(["_rels/.rels", "xl/_rels/workbook.xml.rels", "xl/workbook.xml",
                      "xl/styles.xml", "xl/worksheets/", "xl/sharedStrings.xml"],
                     ("docProps/core.xml", "docProps/app.xml", "[Content_Types].xml")),
    )
    return AppProfile(
        name="libreoffice", package=package, sheet=dialect, workbook_xml=_lo_workbook,
        styles=lambda: libreoffice_styles(LO_DECL), docprops=_lo_props, core_rels_first=False,
        defaults=(("xml", "application/xml"),
                  ("rels", "application/vnd.openxmlformats-package.relationships+xml"),
                  ("png", "image/png"), ("jpeg", "image/jpeg")),
    )


# --- Apple Numbers ---------------------------------------------------------------------------

NUMBERS_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
EXPORT_NOTE = (
    "This document was exported from Numbers. Each table was converted to an Excel worksheet. "
    "All other objects on each Numbers sheet were placed on separate worksheets. Please be aware "
    "that formula calculations may differ in Excel."
)


def prepare_numbers(book: Book) -> None:
    """What a Numbers export adds: the Export Summary sheet first, listing each table's sheet
    (the builder already names them "Sheet - Table")."""
    summary = Sheet("Export Summary", [[EXPORT_NOTE], [None],
                                       ["Numbers Sheet Name", "Numbers Table Name",
                                        "Excel Worksheet Name"]], header_style=None)
    for sheet in book.sheets:
        if sheet.kind == "worksheet":
            numbers_name, _, table = sheet.name.partition(" - ")
            summary.rows.append([numbers_name, table or "Table 1", sheet.name])
            sheet.col_widths = {c: 16.3516 for c in range(1, sheet.width + 1)} | sheet.col_widths
    summary.merges.append("A1:C1")
    summary.col_widths = {1: 20.0, 2: 20.0, 3: 40.0}
    book.sheets.insert(0, summary)
    for d in book.defined_names:
        if d.local is not None:
            d.local += 1


def _numbers_workbook(state: Rendered) -> str:
    return (
        f'<workbook xmlns:r="{R}" xmlns="{SS}"><workbookPr date1904="0"/><bookViews>'
        '<workbookView activeTab="0"/></bookViews>' + _sheets(state) + _names(state.book)
        + "".join(state.book.wb_slots.get("pivotCaches", [])) + "</workbook>"
    )


def _numbers_view(sheet: Sheet, selected: bool) -> str:
    pane = freeze_pane(sheet)
    return ('<sheetViews><sheetView workbookViewId="0" showGridLines="0" defaultGridColor="1">'
            f"{pane}</sheetView></sheetViews>")


def _numbers_props(book: Book) -> list[tuple[str, bytes, str]]:
    core = (NUMBERS_DECL + f"<cp:coreProperties {CORE_NS}><dc:creator>{esc(book.author)}"
            "</dc:creator></cp:coreProperties>")
    return [("docProps/core.xml", core.encode(), CORE_REL)]


def numbers() -> AppProfile:
    """Apple Numbers' File › Export To › Excel."""
    dialect = SheetDialect(
        root_open=f'<worksheet xmlns:r="{R}" xmlns="{SS}"{{extra}}>',
        sheet_pr='<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>',
        sheet_format='<sheetFormatPr defaultColWidth="16.3333" defaultRowHeight="19.9" '
        'customHeight="1" outlineLevelRow="0" outlineLevelCol="0"/>',
        row_attrs=lambda r, width, hidden: ' ht="20.25" customHeight="1"'
        + (' hidden="1"' if hidden else ""),
        view=_numbers_view,
        col=lambda lo, hi, w, hidden, style: "<col" + attrs(
            min=lo, max=hi, width=f"{w or 16.3516:g}", style="1" if style else None,
            hidden="1" if hidden else None, customWidth="1") + "/>",
        page='<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.277778" '
        'footer="0.277778"/><pageSetup firstPageNumber="1" fitToHeight="1" fitToWidth="1" '
        'scale="100" useFirstPageNumber="0" orientation="portrait" pageOrder="downThenOver"/>'
        '<headerFooter><oddFooter>&amp;C&amp;"Helvetica Neue,Regular"&amp;12&amp;K000000&amp;P'
        "</oddFooter></headerFooter>",
        styles=STYLE_INDEX,
    )
    package = PackageStyle(declaration=NUMBERS_DECL, date_time=(2024, 7, 8, 16, 42, 0),
                           order=ranked(["[Content_Types].xml", "_rels/", "docProps/"]))
    return AppProfile(
        name="numbers", package=package, sheet=dialect, workbook_xml=_numbers_workbook,
        styles=lambda: numbers_styles(NUMBERS_DECL),
        theme=lambda: theme_xml(NUMBERS_DECL, "Office Theme", "Helvetica Neue", "Helvetica Neue"),
        docprops=_numbers_props,
    )
