"""LibreOffice Calc (verified against calamine__date.xlsx, LibreOffice 7.4, and against what the
installed soffice writes, see libreoffice.py): fileVersion appName="Calc", every sheet-view and
row attribute spelled out with true/false, t="n" on numbers, the loext extCalcPr extLst, no
theme, content types with Overrides for the relationship parts, LF after the declarations.
"""

from __future__ import annotations

from .apps_common import APP_REL, CORE_NS, CORE_REL, SS, R, names, sheets
from .assemble import AppProfile, Rendered
from .book import Book, Sheet
from .package import PackageStyle, ranked
from .render_sheet import SheetDialect, freeze_pane
from .styles import STYLE_INDEX, libreoffice_styles
from .xmltext import attrs, esc

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
    return (
        "<col"
        + attrs(
            collapsed="false",
            customWidth="true",
            hidden="true" if hidden else "false",
            outlineLevel="0",
            max=hi,
            min=lo,
            style=STYLE_INDEX.get(style or "", 0),
            width=f"{width or 11.52:.2f}",
        )
        + "/>"
    )


def _lo_row(r: int, width: int, hidden: bool) -> str:
    return (
        ' customFormat="false" ht="12.8" hidden="'
        + ("true" if hidden else "false")
        + '" customHeight="false" outlineLevel="0" collapsed="false"'
    )


def _lo_workbook(state: Rendered) -> str:
    active = next((i for i, s in enumerate(state.book.sheets) if s.state is None), 0)
    return (
        f'<workbook xmlns="{SS}" xmlns:r="{R}"><fileVersion appName="Calc"/>'
        '<workbookPr backupFile="false" showObjects="all" date1904="false"/>'
        + ("".join(state.book.wb_slots.get("workbookProtection", [])) or "<workbookProtection/>")
        + '<bookViews><workbookView showHorizontalScroll="true" showVerticalScroll="true" '
        'showSheetTabs="true" xWindow="0" yWindow="0" windowWidth="16384" windowHeight="8192" '
        f'tabRatio="500" firstSheet="0" activeTab="{active}"/></bookViews>'
        + sheets(state, visible=True, state_last=True)
        + names(state.book, libreoffice=True)
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
    return [
        ("docProps/core.xml", core.encode(), CORE_REL),
        ("docProps/app.xml", app.encode(), APP_REL),
    ]


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
        number_t=' t="n"',
        row_attrs=_lo_row,
        view=_lo_view,
        col=_lo_col,
        page='<printOptions headings="false" gridLines="false" gridLinesSet="true" '
        'horizontalCentered="false" verticalCentered="false"/><pageMargins left="0.7875" '
        'right="0.7875" top="1.05277777777778" bottom="1.05277777777778" header="0.7875" '
        'footer="0.7875"/><pageSetup paperSize="9" scale="100" fitToWidth="1" fitToHeight="1" '
        'pageOrder="downThenOver" orientation="portrait" blackAndWhite="false" draft="false" '
        'cellComments="none" firstPageNumber="1" useFirstPageNumber="true" horizontalDpi="300" '
        'verticalDpi="300" copies="1"/><headerFooter differentFirst="false" '
        'differentOddEven="false"><oddHeader>&amp;C&amp;&quot;Times New Roman,Regular&quot;'
        "&amp;12&amp;A</oddHeader><oddFooter>&amp;C&amp;&quot;Times New Roman,Regular&quot;"
        "&amp;12Page &amp;P</oddFooter></headerFooter>",
        styles=STYLE_INDEX,
    )
    package = PackageStyle(
        declaration=LO_DECL,
        ct_declaration='<?xml version="1.0" encoding="UTF-8"?>\n',
        rels_declaration='<?xml version="1.0" encoding="UTF-8"?>\n',
        closing_newline=True,
        ct_overrides_rels=True,
        date_time=(2024, 7, 8, 16, 42, 0),
        flag_bits=0x808,
        order=ranked(
            [
                "_rels/.rels",
                "xl/_rels/workbook.xml.rels",
                "xl/workbook.xml",
                "xl/styles.xml",
                "xl/worksheets/",
                "xl/sharedStrings.xml",
            ],
            ("docProps/core.xml", "docProps/app.xml", "[Content_Types].xml"),
        ),
    )
    return AppProfile(
        name="libreoffice",
        package=package,
        sheet=dialect,
        workbook_xml=_lo_workbook,
        styles=lambda: libreoffice_styles(LO_DECL),
        docprops=_lo_props,
        core_rels_first=False,
        defaults=(
            ("xml", "application/xml"),
            ("rels", "application/vnd.openxmlformats-package.relationships+xml"),
            ("png", "image/png"),
            ("jpeg", "image/jpeg"),
        ),
    )
