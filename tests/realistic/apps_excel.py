"""Excel's output: Microsoft 365 for Windows, Excel for Mac and Excel for the web.

Verified against the real files in the shared real-world folder: the workbook part's namespace
set and mc:Ignorable list, fileVersion, x15ac:absPath inside mc:AlternateContent (desktop only),
xr:revisionPtr (documentIds "8_{…}" and "13_ncr:1_{…}" both occur on Windows and Mac; the Mac
builder uses the second), the workbookView xr2:uid, calcPr and the calcFeatures extLst
(poi__right-to-left.xlsx, Excel for the web; poi__ExcelPivotTableSample.xlsx, Excel 16 for
Windows, absPath "C:\\…"; poi__64759.xlsx and openxlsx-data__*.xlsx, Excel for Mac 16);
worksheets carry xr:uid,
x14ac:dyDescent on rows (0.25 on Windows, 0.2 on Mac with baseColWidth="10"); the XML
declaration ends in CRLF; every zip entry is dated 1980-01-01 with flag bits 6.
"""

from __future__ import annotations

from .assemble import AppProfile, Rendered
from .book import Book, Sheet
from .package import PackageStyle, ranked
from .render_sheet import SheetDialect, freeze_pane
from .styles import STYLE_INDEX, Fonts, excel_styles, theme_xml
from .xmltext import attrs, esc

DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
SS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XR = "http://schemas.microsoft.com/office/spreadsheetml/2014/revision"
VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
EXT_PROPS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
CORE_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
APP_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"

PACKAGE = PackageStyle(
    declaration=DECL,
    rels_reversed=True,
    flag_bits=6,
    order=ranked(
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "xl/workbook.xml",
            "xl/_rels/workbook.xml.rels",
            "xl/worksheets/sheet",
            "xl/chartsheets/sheet",
            "xl/theme/",
            "xl/styles.xml",
            "xl/sharedStrings.xml",
        ],
        ("xl/calcChain.xml", "docProps/core.xml", "docProps/app.xml", "docProps/custom.xml"),
    ),
)

WORKSHEET_OPEN = (
    f'<worksheet xmlns="{SS}" xmlns:r="{R}"{{extra}} xmlns:mc="{MC}" '
    'mc:Ignorable="x14ac xr xr2 xr3" '
    'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" '
    f'xmlns:xr="{XR}" '
    'xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2" '
    'xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3" '
    'xr:uid="{uid}">'
)


def _view(sheet: Sheet, selected: bool) -> str:
    tab = ' tabSelected="1"' if selected else ""
    inner = freeze_pane(sheet) or '<selection activeCell="A2" sqref="A2"/>'
    return f'<sheetViews><sheetView{tab} workbookViewId="0">{inner}</sheetView></sheetViews>'


def _col(lo: int, hi: int, width: float | None, hidden: bool, style: str | None) -> str:
    return (
        "<col"
        + attrs(
            min=lo,
            max=hi,
            width=f"{width or 8.7109375:.10g}",
            style=STYLE_INDEX.get(style or "") or None,
            hidden="1" if hidden else None,
            customWidth="1" if width else None,
        )
        + "/>"
    )


def _dialect(dy: str, sheet_format: str) -> SheetDialect:
    return SheetDialect(
        root_open=WORKSHEET_OPEN,
        sheet_format=sheet_format,
        row_attrs=lambda r, width, hidden: (
            f' spans="1:{max(width, 1)}"'
            + (' hidden="1"' if hidden else "")
            + f' x14ac:dyDescent="{dy}"'
        ),
        view=_view,
        col=_col,
        page='<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
        'footer="0.3"/><pageSetup paperSize="9" orientation="landscape"/>',
        styles=STYLE_INDEX,
    )


def _chartsheet(sheet: Sheet, selected: bool) -> str:
    tab = ' tabSelected="1"' if selected else ""
    return (
        f'<chartsheet xmlns="{SS}" xmlns:r="{R}"><sheetPr/><sheetViews><sheetView{tab} '
        'zoomScale="86" workbookViewId="0" zoomToFit="1"/></sheetViews>'
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
        '<pageSetup paperSize="9" orientation="landscape"/>'
    )


def _defined_names(book: Book) -> str:
    if not book.defined_names:
        return ""
    items = []
    for d in sorted(book.defined_names, key=lambda d: (d.name.upper(), d.local or -1)):
        extra = attrs(localSheetId=d.local, hidden="1" if d.hidden else None)
        items.append(f'<definedName name="{d.name}"{extra}>{esc(d.value)}</definedName>')
    return "<definedNames>" + "".join(items) + "</definedNames>"


def workbook_xml(state: Rendered, variant: str) -> str:
    """The workbook part as Excel ``variant`` ("win", "mac", "web") writes it."""
    book = state.book
    abs_path = {
        "win": "C:\\Users\\jo.bloggs\\OneDrive - Borough Council\\Plans\\",
        "mac": "/Users/jo.bloggs/Documents/Plans/",
    }.get(variant)
    alt = (
        f'<mc:AlternateContent xmlns:mc="{MC}"><mc:Choice Requires="x15">'
        f'<x15ac:absPath url="{esc(abs_path)}" '
        'xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac"/>'
        "</mc:Choice></mc:AlternateContent>"
        if abs_path
        else ""
    )
    doc_id = ("13_ncr:1_" if variant == "mac" else "8_") + book.guid("document")
    window = {
        "win": 'xWindow="-110" yWindow="-110" windowWidth="19420" windowHeight="10300"',
        "mac": 'xWindow="0" yWindow="500" windowWidth="28800" windowHeight="16440"',
        "web": 'xWindow="-120" yWindow="-120" windowWidth="29040" windowHeight="15720"',
    }[variant]
    active = next((i for i, s in enumerate(book.sheets) if s.state is None), 0)
    tab = f' activeTab="{active}"' if active else ""
    sheets = "".join(
        f'<sheet name="{esc(s.name)}" sheetId="{i + 1}"'
        + (f' state="{s.state}"' if s.state else "")
        + f' r:id="{rid}"/>'
        for i, (s, rid) in enumerate(zip(book.sheets, state.sheet_rids, strict=True))
    )
    ext = "".join(f'<ext uri="{uri}" {_ext_ns(uri)}>{inner}</ext>' for uri, inner in book.wb_ext)
    ext += (
        '<ext uri="{140A7094-0E35-4892-8432-C4D2E57EDEB5}" '
        'xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main">'
        '<x15:workbookPr chartTrackingRefBase="1"/></ext>'
        '<ext uri="{B58B0392-4F1F-4190-BB64-5DF3571DCE5F}" '
        'xmlns:xcalcf="http://schemas.microsoft.com/office/spreadsheetml/2018/calcfeatures">'
        "<xcalcf:calcFeatures>"
        + "".join(
            f'<xcalcf:feature name="microsoft.com:{n}"/>'
            for n in ("RD", "Single", "FV", "CNMTM", "LET_WF", "LAMBDA_WF", "ARRAYTEXT_WF")
        )
        + "</xcalcf:calcFeatures></ext>"
    )
    return (
        f'<workbook xmlns="{SS}" xmlns:r="{R}" xmlns:mc="{MC}" mc:Ignorable="x15 xr xr6 xr10 xr2" '
        'xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main" '
        f'xmlns:xr="{XR}" '
        'xmlns:xr6="http://schemas.microsoft.com/office/spreadsheetml/2016/revision6" '
        'xmlns:xr10="http://schemas.microsoft.com/office/spreadsheetml/2016/revision10" '
        'xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2">'
        '<fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27928"/>'
        + (f'<workbookPr codeName="{book.code_name}" ' if book.code_name else "<workbookPr ")
        + 'defaultThemeVersion="166925"/>'
        + alt
        + f'<xr:revisionPtr revIDLastSave="0" documentId="{doc_id}" xr6:coauthVersionLast="47" '
        'xr6:coauthVersionMax="47" xr10:uidLastSave="{00000000-0000-0000-0000-000000000000}"/>'
        + "".join(book.wb_slots.get("workbookProtection", []))
        + f"<bookViews><workbookView {window}{tab} "
        'xr2:uid="{00000000-000D-0000-FFFF-FFFF00000000}"/></bookViews>'
        + f"<sheets>{sheets}</sheets>"
        + "".join(book.wb_slots.get("externalReferences", []))
        + _defined_names(book)
        + '<calcPr calcId="191029"/>'
        + "".join(book.wb_slots.get("pivotCaches", []))
        + f"<extLst>{ext}</extLst></workbook>"
    )


def _ext_ns(uri: str) -> str:
    if uri.startswith("{46BE6895") or uri.startswith("{D0CA8CA8"):
        return 'xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"'
    return 'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"'


def docprops(book: Book, application: str, web: bool = False) -> list[tuple[str, bytes, str]]:
    """docProps/core.xml and app.xml (HeadingPairs and TitlesOfParts as desktop Excel lists
    them; Excel for the web writes the short form with empty Manager/Company)."""
    core = (
        DECL + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:creator>{esc(book.author)}</dc:creator>"
        f"<cp:lastModifiedBy>{esc(book.author)}</cp:lastModifiedBy>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{book.created:%Y-%m-%dT%H:%M:%SZ}'
        "</dcterms:created>"
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{book.modified:%Y-%m-%dT%H:%M:%SZ}'
        "</dcterms:modified></cp:coreProperties>"
    )
    if web:
        body = (
            f"<Application>{application}</Application><Manager></Manager><Company></Company>"
            "<HyperlinkBase></HyperlinkBase><AppVersion>16.0300</AppVersion>"
        )
    else:
        body = _app_lists(book, application)
    app = DECL + f'<Properties xmlns="{EXT_PROPS}" xmlns:vt="{VT}">{body}</Properties>'
    return [
        ("docProps/core.xml", core.encode(), CORE_REL),
        ("docProps/app.xml", app.encode(), APP_REL),
    ]


def _app_lists(book: Book, application: str) -> str:
    worksheets = [s.name for s in book.sheets if s.kind == "worksheet"]
    charts = [s.name for s in book.sheets if s.kind == "chartsheet"]
    names = []
    for d in book.defined_names:
        if d.hidden or d.name == "_xlnm._FilterDatabase":
            continue
        short = d.name.removeprefix("_xlnm.")
        names.append(f"{book.sheets[d.local].name}!{short}" if d.local is not None else short)
    groups = [
        (g, items)
        for g, items in (("Worksheets", worksheets), ("Charts", charts), ("Named Ranges", names))
        if items
    ]
    pairs = "".join(
        f"<vt:variant><vt:lpstr>{g}</vt:lpstr></vt:variant><vt:variant><vt:i4>{len(items)}</vt:i4>"
        "</vt:variant>"
        for g, items in groups
    )
    titles = [t for _, items in groups for t in items]
    return (
        f"<Application>{application}</Application><DocSecurity>0</DocSecurity>"
        "<ScaleCrop>false</ScaleCrop><HeadingPairs>"
        f'<vt:vector size="{2 * len(groups)}" baseType="variant">{pairs}</vt:vector></HeadingPairs>'
        f'<TitlesOfParts><vt:vector size="{len(titles)}" baseType="lpstr">'
        + "".join(f"<vt:lpstr>{esc(t)}</vt:lpstr>" for t in titles)
        + "</vt:vector></TitlesOfParts><Company></Company><LinksUpToDate>false</LinksUpToDate>"
        "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
        "<AppVersion>16.0300</AppVersion>"
    )


def _uid(book: Book, i: int) -> str:
    return book.guid("sheet", i)


def profile(variant: str) -> AppProfile:
    """The profile of Excel ``variant``: "win" (Microsoft 365 for Windows), "mac", "web"."""
    mac = variant == "mac"
    fonts = Fonts("Calibri", 12 if mac else 11)
    fmt = (
        '<sheetFormatPr baseColWidth="10" defaultRowHeight="16" x14ac:dyDescent="0.2"/>'
        if mac
        else '<sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/>'
    )
    application = {
        "win": "Microsoft Excel",
        "mac": "Microsoft Macintosh Excel",
        "web": "Microsoft Excel Online",
    }[variant]
    return AppProfile(
        name=f"excel-{variant}",
        package=PACKAGE,
        sheet=_dialect("0.2" if mac else "0.25", fmt),
        workbook_xml=lambda state: workbook_xml(state, variant),
        styles=lambda: excel_styles(DECL, fonts),
        theme=lambda: theme_xml(DECL, "Office Theme", "Calibri Light", "Calibri"),
        docprops=lambda book: docprops(book, application, web=variant == "web"),
        calc_chain=True,
        sheet_uid=_uid,
        chartsheet=_chartsheet,
        always_strings=False,
    )
