"""Charts and sparklines: an embedded bar chart on the action sheet, a chart sheet, and
sparklines (x14:sparklineGroups).

Grounding: no chart is in the real-world folder, so the chart parts follow the Excel-made
comparison files of XlsxWriter (chart_bar01.xlsx: drawing → chart relationship, graphicFrame in
a twoCellAnchor; chartsheet01.xlsx: xl/chartsheets/sheet1.xml with an absoluteAnchor drawing)
and ECMA-376 Part 1 §21.2 (chartSpace, with the c14 style AlternateContent and c16 uniqueId
Excel 2016+ writes). Sparklines follow MS-XLSX §2.6.86 (sparklineGroups in the worksheet extLst,
ext URI {05C60535-1F16-4fd2-B633-F4F36F0B64E0}, xm:f / xm:sqref pairs).
"""

from __future__ import annotations

from .book import REL, Book, Sheet
from .plans import column
from .shared import DECL, add_anchor, creation_id, next_shape_id, two_cell_anchor
from .xmltext import col_letter, esc, sheet_ref

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
CHART_CT = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"


def _cache(values: list, numeric: bool) -> str:
    pts = "".join(f'<c:pt idx="{i}"><c:v>{esc(str(v))}</c:v></c:pt>' for i, v in enumerate(values))
    if numeric:
        return (
            "<c:numCache><c:formatCode>0%</c:formatCode><c:ptCount "
            f'val="{len(values)}"/>{pts}</c:numCache>'
        )
    return f'<c:strCache><c:ptCount val="{len(values)}"/>{pts}</c:strCache>'


def chart_xml(book: Book, sheet: Sheet, title: str) -> str:
    """A clustered bar chart of % complete by action ref, its data cached as Excel caches it."""
    headings = sheet.rows[0]
    ref_col = column(headings, "Ref", "No.")
    val_col = column(headings, "% Complete")
    totals = 1 if f"table:{book.sheets.index(sheet)}" in book.scratch else 0
    n = len(sheet.rows) - totals
    rows = [r for r in sheet.rows[1:n] if isinstance(r[val_col - 1], (int, float))]
    q = sheet_ref(sheet.name)
    cats = [str(r[ref_col - 1]) for r in rows]
    vals = [r[val_col - 1] for r in rows]
    rl, vl = col_letter(ref_col), col_letter(val_col)
    axis_common = (
        '<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
    )
    return DECL + (
        f'<c:chartSpace xmlns:c="{C}" xmlns:a="{A}" xmlns:r="{R}" '
        'xmlns:c16r2="http://schemas.microsoft.com/office/drawing/2015/06/chart">'
        '<c:date1904 val="0"/><c:lang val="en-US"/><c:roundedCorners val="0"/>'
        f'<mc:AlternateContent xmlns:mc="{MC}"><mc:Choice Requires="c14" '
        'xmlns:c14="http://schemas.microsoft.com/office/drawing/2007/8/2/chart"><c14:style '
        'val="102"/></mc:Choice><mc:Fallback><c:style val="2"/></mc:Fallback></mc:AlternateContent>'
        f"<c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>{esc(title)}"
        '</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>'
        '<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:barChart><c:barDir val="bar"/>'
        '<c:grouping val="clustered"/><c:varyColors val="0"/><c:ser><c:idx val="0"/>'
        f'<c:order val="0"/><c:tx><c:strRef><c:f>{q}!${vl}$1</c:f>{_cache(["% Complete"], False)}'
        '</c:strRef></c:tx><c:invertIfNegative val="0"/>'
        f"<c:cat><c:strRef><c:f>{q}!${rl}$2:${rl}${n}</c:f>{_cache(cats, False)}</c:strRef></c:cat>"
        f"<c:val><c:numRef><c:f>{q}!${vl}$2:${vl}${n}</c:f>{_cache(vals, True)}</c:numRef></c:val>"
        '<c:extLst><c:ext uri="{C3380CC4-5D6E-409C-BE32-E72D297353CC}" '
        'xmlns:c16="http://schemas.microsoft.com/office/drawing/2014/chart">'
        f'<c16:uniqueId val="{book.guid("series", title)}"/></c:ext></c:extLst></c:ser>'
        '<c:gapWidth val="182"/><c:axId val="501234561"/><c:axId val="501234562"/></c:barChart>'
        '<c:catAx><c:axId val="501234561"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="l"/><c:numFmt formatCode="General" '
        f'sourceLinked="1"/>{axis_common}'
        '<c:crossAx val="501234562"/><c:crosses val="autoZero"/><c:auto val="1"/>'
        '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
        '<c:valAx><c:axId val="501234562"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="b"/><c:majorGridlines/><c:numFmt formatCode="0%" '
        f'sourceLinked="1"/>{axis_common}<c:crossAx val="501234561"/><c:crosses val="autoZero"/>'
        '<c:crossBetween val="between"/></c:valAx></c:plotArea><c:plotVisOnly val="1"/>'
        '<c:dispBlanksAs val="gap"/></c:chart><c:printSettings><c:headerFooter/><c:pageMargins '
        'b="0.75" l="0.7" r="0.7" t="0.75" header="0.3" footer="0.3"/><c:pageSetup/>'
        "</c:printSettings></c:chartSpace>"
    )


def _frame(book: Book, sid: int, name: str, rid: str) -> str:
    return (
        f'<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="{sid}" name="{name}">'
        f"{creation_id(book, 'chart', name, sid)}</xdr:cNvPr><xdr:cNvGraphicFramePr/>"
        '</xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>'
        f'<a:graphic><a:graphicData uri="{C}"><c:chart xmlns:c="{C}" xmlns:r="{R}" '
        f'r:id="{rid}"/></a:graphicData></a:graphic></xdr:graphicFrame>'
    )


def _add_chart(book: Book, sheet: Sheet, title: str) -> str:
    part = book.add_part(
        book.next_name("xl/charts/chart{n}.xml"), chart_xml(book, sheet, title), CHART_CT
    )
    return part


def embedded_chart(book: Book, sheet: Sheet) -> None:
    """A bar chart of % complete on the action sheet, right of the actions."""
    from .shared import drawing_part

    part = _add_chart(book, sheet, "Progress by action")
    drawing = drawing_part(book, sheet)
    rid = book.relate(drawing, REL + "chart", "../charts/" + part.rsplit("/", 1)[1])
    sid = next_shape_id(book, sheet)
    col = sheet.width + 1
    add_anchor(
        book,
        sheet,
        two_cell_anchor(col, 12, col + 7, 28, _frame(book, sid, f"Chart {sid - 1}", rid)),
    )


def chart_sheet(book: Book, sheet: Sheet) -> None:
    """A chart sheet "Progress chart" after the action sheet, charting its % complete."""
    part = _add_chart(book, sheet, "Progress by action")
    chartsheet = Sheet("Progress chart", kind="chartsheet")
    drawing = book.add_part(
        book.next_name("xl/drawings/drawing{n}.xml"),
        b"",
        "application/vnd.openxmlformats-officedocument.drawing+xml",
    )
    rid = book.relate(drawing, REL + "chart", "../charts/" + part.rsplit("/", 1)[1])
    book.add_part(
        drawing,
        DECL
        + (
            '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/'
            f'spreadsheetDrawing" xmlns:a="{A}"><xdr:absoluteAnchor><xdr:pos x="0" y="0"/>'
            '<xdr:ext cx="9308969" '
            f'cy="6078325"/>{_frame(book, 2, "Chart 1", rid)}<xdr:clientData/></xdr:absoluteAnchor>'
            "</xdr:wsDr>"
        ),
        "application/vnd.openxmlformats-officedocument.drawing+xml",
    )
    drid = chartsheet.rel(REL + "drawing", "../" + drawing.removeprefix("xl/"))
    chartsheet.add("drawing", f'<drawing r:id="{drid}"/>')
    book.sheets.insert(book.sheets.index(sheet) + 1, chartsheet)


def sparklines(book: Book, sheet: Sheet) -> None:
    """A "Trend" column of line sparklines over four quarterly progress columns (Q1–Q4)."""
    headings = sheet.rows[0]
    first = len(headings) + 1
    headings.extend(["Q1", "Q2", "Q3", "Q4", "Trend"])
    for i, row in enumerate(sheet.rows[1:]):
        base = (i * 7) % 30 / 100
        row.extend([None] * (first - 1 - len(row)))
        row.extend([base, base + 0.15, base + 0.25 + (i % 3) / 20, min(base + 0.5, 1), None])
    q = sheet_ref(sheet.name)
    lo, hi, trend = col_letter(first), col_letter(first + 3), col_letter(first + 4)
    items = "".join(
        f"<x14:sparkline><xm:f>{q}!{lo}{r}:{hi}{r}</xm:f><xm:sqref>{trend}{r}</xm:sqref>"
        "</x14:sparkline>"
        for r in range(2, len(sheet.rows) + 1)
    )
    sheet.add_ext(
        "{05C60535-1F16-4fd2-B633-F4F36F0B64E0}",
        '<x14:sparklineGroups xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
        '<x14:sparklineGroup displayEmptyCellsAs="gap" markers="1"><x14:colorSeries '
        'theme="4" tint="-0.499984740745262"/><x14:colorNegative theme="5"/><x14:colorAxis '
        'rgb="FF000000"/><x14:colorMarkers theme="4" tint="-0.499984740745262"/><x14:colorFirst '
        'theme="4" tint="0.39997558519241921"/><x14:colorLast theme="4" '
        'tint="0.39997558519241921"/><x14:colorHigh theme="4"/><x14:colorLow theme="4"/>'
        f"<x14:sparklines>{items}</x14:sparklines></x14:sparklineGroup></x14:sparklineGroups>",
    )
