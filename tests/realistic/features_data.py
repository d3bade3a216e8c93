"""Data features: a pivot table with its cache, a slicer on the actions table, a data
connection with its query table, dynamic-array formulas.

Grounding (real files): pivots, poi__ExcelPivotTableSample.xlsx (Excel 16 Windows) — workbook
<pivotCaches>, cache definition → records, pivot table → cache definition, x14 extLst blocks;
table slicers, openxlsx-data__table_slicer.xlsx (Excel for Mac 16) — slicerCache with
x15:tableSlicerCache, slicer part, a "Slicer_…" name of #N/A, the drawing's sle15
AlternateContent with its fallback text, x15 slicerCaches in the workbook extLst and x14
slicerList in the sheet's; connection and query table, openxlsx-data__connection.xlsx (Excel for
Mac 16, Power Query) — connections.xml, a table of tableType="queryTable" related to
xl/queryTables/queryTable1.xml; dynamic arrays, XlsxWriter's Excel-made dynamic_array01.xlsx
(cm="1", t="array", XLDAPR metadata).
"""

from __future__ import annotations

from collections import Counter

from .book import MS_REL, REL, Book, DefinedName, Formula, Sheet
from .features_cells import last_data_row, table_totals
from .plans import column
from .shared import DECL, add_anchor, creation_id, metadata, next_shape_id, two_cell_anchor
from .xmltext import col_letter, esc, sheet_ref

SS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XR = "http://schemas.microsoft.com/office/spreadsheetml/2014/revision"
X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
CT = "application/vnd.openxmlformats-officedocument.spreadsheetml."


def pivot_table(book: Book, sheet: Sheet) -> None:
    """A "Pivot" sheet counting the actions by status, from a cache of the Status column."""
    col = column(sheet.rows[0], "Status", "Progress status")
    heading = sheet.rows[0][col - 1]
    end = last_data_row(book, sheet)
    values = [str(r[col - 1]) for r in sheet.rows[1:end] if r[col - 1] not in (None, "")]
    items = list(dict.fromkeys(values))
    counts = Counter(values)
    letter = col_letter(col)
    n = book.count_parts("xl/pivotCache/pivotCacheDefinition") + 1
    cache, records = (
        f"xl/pivotCache/pivotCacheDefinition{n}.xml",
        f"xl/pivotCache/pivotCacheRecords{n}.xml",
    )
    shared = "".join(f'<s v="{esc(v)}"/>' for v in items)
    book.add_part(
        records,
        DECL
        + (
            f'<pivotCacheRecords xmlns="{SS}" xmlns:r="{R}" xmlns:mc="{MC}" mc:Ignorable="xr" '
            f'xmlns:xr="{XR}" count="{len(values)}">'
            + "".join(f'<r><x v="{items.index(v)}"/></r>' for v in values)
            + "</pivotCacheRecords>"
        ),
        CT + "pivotCacheRecords+xml",
    )
    book.add_part(
        cache,
        DECL
        + (
            f'<pivotCacheDefinition xmlns="{SS}" xmlns:r="{R}" xmlns:mc="{MC}" mc:Ignorable="xr" '
            f'xmlns:xr="{XR}" r:id="rId1" refreshedBy="Jo Bloggs" '
            'refreshedDate="45481.70972222222" '
            'createdVersion="8" refreshedVersion="8" minRefreshableVersion="3" '
            f'recordCount="{len(values)}" '
            f'xr:uid="{book.guid("pivotcache", n)}"><cacheSource type="worksheet"><worksheetSource '
            f'ref="{letter}1:{letter}{end}" sheet="{esc(sheet.name)}"/></cacheSource>'
            f'<cacheFields count="1"><cacheField name="{esc(heading)}" numFmtId="0">'
            f'<sharedItems count="{len(items)}">{shared}</sharedItems></cacheField></cacheFields>'
            f'<extLst><ext uri="{{725AE2AE-9491-48be-B2B4-4EB974FC3084}}" xmlns:x14="{X14}">'
            "<x14:pivotCacheDefinition/></ext></extLst></pivotCacheDefinition>"
        ),
        CT + "pivotCacheDefinition+xml",
    )
    book.relate(cache, REL + "pivotCacheRecords", f"pivotCacheRecords{n}.xml")
    rid = book.workbook_rel(
        f"pivotcache{n}", REL + "pivotCacheDefinition", f"pivotCache/pivotCacheDefinition{n}.xml"
    )
    book.wb_slots.setdefault("pivotCaches", [])
    inner = (
        "".join(book.wb_slots["pivotCaches"])
        .removeprefix("<pivotCaches>")
        .removesuffix("</pivotCaches>")
    )
    book.wb_slots["pivotCaches"] = [
        f'<pivotCaches>{inner}<pivotCache cacheId="{n}" r:id="{rid}"/></pivotCaches>'
    ]
    caption = f"Count of {heading}"
    rows = [[None, None], [None, None], ["Row Labels", caption]]
    rows += [[v, counts[v]] for v in items] + [["Grand Total", len(values)]]
    pivot_sheet = Sheet("Pivot", rows, header_style=None, col_widths={1: 14.0, 2: 16.0})
    last = 3 + len(items) + 1
    table = f"xl/pivotTables/pivotTable{n}.xml"
    row_items = "<i><x/></i>" + "".join(f'<i><x v="{i}"/></i>' for i in range(1, len(items)))
    book.add_part(
        table,
        DECL
        + (
            f'<pivotTableDefinition xmlns="{SS}" xmlns:mc="{MC}" mc:Ignorable="xr" xmlns:xr="{XR}" '
            f'xr:uid="{book.guid("pivot", n)}" name="PivotTable{n}" cacheId="{n}" '
            'applyNumberFormats="0" applyBorderFormats="0" applyFontFormats="0" '
            'applyPatternFormats="0" '
            'applyAlignmentFormats="0" applyWidthHeightFormats="1" dataCaption="Values" '
            'updatedVersion="8" minRefreshableVersion="3" useAutoFormatting="1" '
            'itemPrintTitles="1" '
            'createdVersion="8" indent="0" outline="1" outlineData="1" multipleFieldFilters="0">'
            f'<location ref="A3:B{last}" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/>'
            '<pivotFields count="1"><pivotField axis="axisRow" dataField="1" showAll="0">'
            f'<items count="{len(items) + 1}">'
            + "".join(f'<item x="{i}"/>' for i in range(len(items)))
            + '<item t="default"/></items></pivotField></pivotFields><rowFields count="1"><field '
            'x="0"/>'
            f'</rowFields><rowItems count="{len(items) + 1}">{row_items}<i '
            't="grand"><x/></i></rowItems>'
            '<colItems count="1"><i/></colItems><dataFields count="1">'
            f'<dataField name="{esc(caption)}" fld="0" subtotal="count" baseField="0" '
            'baseItem="0"/>'
            '</dataFields><pivotTableStyleInfo name="PivotStyleLight16" showRowHeaders="1" '
            'showColHeaders="1" showRowStripes="0" showColStripes="0" showLastColumn="1"/>'
            f'<extLst><ext uri="{{962EF5D1-5CA2-4c93-8EF4-DBF5C05439D2}}" xmlns:x14="{X14}">'
            '<x14:pivotTableDefinition hideValuesRow="1" xmlns:xm="http://schemas.microsoft.com/'
            'office/excel/2006/main"/></ext></extLst></pivotTableDefinition>'
        ),
        CT + "pivotTable+xml",
    )
    book.relate(table, REL + "pivotCacheDefinition", f"../pivotCache/pivotCacheDefinition{n}.xml")
    pivot_sheet.rel(REL + "pivotTable", f"../pivotTables/pivotTable{n}.xml")
    book.sheets.insert(book.sheets.index(sheet) + 1, pivot_sheet)


def slicer(book: Book, sheet: Sheet) -> None:
    """A Status slicer on the actions table (made here when the sheet has none yet)."""
    key = f"table:{book.sheets.index(sheet)}"
    if key not in book.scratch:
        table_totals(book, sheet)
    table = book.scratch[key]
    col = column(sheet.rows[0], "Status", "Progress status")
    heading = str(sheet.rows[0][col - 1])
    name = "Slicer_" + "".join(ch if ch.isalnum() else "_" for ch in heading)
    n = book.count_parts("xl/slicerCaches/") + 1
    ns = (
        f'xmlns="{X14}" xmlns:mc="{MC}" mc:Ignorable="x xr10" xmlns:x="{SS}" '
        'xmlns:xr10="http://schemas.microsoft.com/office/spreadsheetml/2016/revision10"'
    )
    cache = book.add_part(
        f"xl/slicerCaches/slicerCache{n}.xml",
        DECL
        + (
            f'<slicerCacheDefinition {ns} name="{name}" xr10:uid="{book.guid("slicercache", n)}" '
            f'sourceName="{esc(heading)}"><extLst><x:ext '
            f'uri="{{2F2917AC-EB37-4324-AD4E-5DD8C200BD13}}" '
            'xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main">'
            f'<x15:tableSlicerCache tableId="{table["id"]}" column="{col}"/></x:ext></extLst>'
            "</slicerCacheDefinition>"
        ),
        "application/vnd.ms-excel.slicerCache+xml",
    )
    part = book.add_part(
        f"xl/slicers/slicer{n}.xml",
        DECL
        + (
            f'<slicers {ns}><slicer name="{esc(heading)}" xr10:uid="{book.guid("slicer", n)}" '
            f'cache="{name}" caption="{esc(heading)}" rowHeight="241300"/></slicers>'
        ),
        "application/vnd.ms-excel.slicer+xml",
    )
    book.defined_names.append(DefinedName(name, "#N/A"))
    rid = book.workbook_rel(
        f"slicercache{n}", MS_REL + "2007/relationships/slicerCache", cache.removeprefix("xl/")
    )
    book.add_wb_ext(
        "{46BE6895-7355-4a93-B00E-2C351335B9C9}",
        f'<x15:slicerCaches xmlns:x14="{X14}"><x14:slicerCache r:id="{rid}"/></x15:slicerCaches>',
    )
    srid = sheet.rel(MS_REL + "2007/relationships/slicer", "../" + part.removeprefix("xl/"))
    sheet.add_ext(
        "{3A4CF648-6AED-40f4-86FF-DC5316D8AED3}",
        f'<x14:slicerList xmlns:x14="{X14}"><x14:slicer r:id="{srid}"/></x14:slicerList>',
    )
    sid = next_shape_id(book, sheet)
    frame = (
        '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr>'
        f'<xdr:cNvPr id="{sid}" name="{esc(heading)}">{creation_id(book, "slicer", n)}'
        '</xdr:cNvPr><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" '
        'y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData '
        'uri="http://schemas.microsoft.com/office/drawing/2010/slicer"><sle:slicer '
        'xmlns:sle="http://schemas.microsoft.com/office/drawing/2010/slicer" '
        f'name="{esc(heading)}"/></a:graphicData></a:graphic></xdr:graphicFrame>'
    )
    fallback = (
        '<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="0" name=""/><xdr:cNvSpPr>'
        '<a:spLocks noTextEdit="1"/></xdr:cNvSpPr></xdr:nvSpPr><xdr:spPr><a:xfrm><a:off '
        'x="8686800" y="2781300"/><a:ext cx="1828800" cy="2428869"/></a:xfrm><a:prstGeom '
        'prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:prstClr val="white"/></a:solidFill>'
        '<a:ln w="1"><a:solidFill><a:prstClr val="green"/></a:solidFill></a:ln></xdr:spPr>'
        '<xdr:txBody><a:bodyPr vertOverflow="clip" horzOverflow="clip"/><a:lstStyle/><a:p><a:r>'
        '<a:rPr lang="en-GB" sz="1100"/><a:t>This shape represents a table slicer. Table slicers '
        "are not supported in this version of Excel.</a:t></a:r></a:p></xdr:txBody></xdr:sp>"
    )
    c = sheet.width + 1
    body = (
        f'<mc:AlternateContent xmlns:mc="{MC}"><mc:Choice xmlns:sle15="http://schemas.'
        f'microsoft.com/office/drawing/2012/slicer" Requires="sle15">{frame}</mc:Choice>'
        f"<mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent>"
    )
    add_anchor(book, sheet, two_cell_anchor(c, 30, c + 3, 43, body, "absolute"))


def data_connection(book: Book, sheet: Sheet) -> None:
    """A "Budget" sheet loaded by Power Query: a connection, a query table and its table."""
    rows = [
        ["Cost centre", "Budget", "Spent"],
        ["R100", 125000, 98250.5],
        ["R200", 64000, 66120.25],
        ["R300", 18500, 3200],
    ]
    budget = Sheet("Budget", rows)
    book.sheets.append(budget)
    book.add_part(
        "xl/connections.xml",
        DECL
        + (
            f'<connections xmlns="{SS}" xmlns:mc="{MC}" mc:Ignorable="xr16" xmlns:xr16="http://schemas.'
            'microsoft.com/office/spreadsheetml/2017/revision16"><connection id="1" '
            f'xr16:uid="{book.guid("connection")}" keepAlive="1" name="Query - Budget" '
            'description="Connection to the \'Budget\' query in the workbook." type="5" '
            'refreshedVersion="8" background="1" saveData="1"><dbPr connection="Provider=Microsoft.'
            "Mashup.OleDb.1;Data Source=$Workbook$;Location=Budget;Extended "
            'Properties=&quot;&quot;" '
            'command="SELECT * FROM [Budget]"/></connection></connections>'
        ),
        CT + "connections+xml",
    )
    book.workbook_rel("connections", REL + "connections", "connections.xml")
    n = book.count_parts("xl/tables/") + 1
    fields = "".join(
        f'<queryTableField id="{i}" name="{h}" tableColumnId="{i}"/>'
        for i, h in enumerate(rows[0], start=1)
    )
    qt = book.add_part(
        f"xl/queryTables/queryTable{n}.xml",
        DECL
        + (
            f'<queryTable xmlns="{SS}" xmlns:mc="{MC}" mc:Ignorable="xr16" xmlns:xr16="http://schemas.'
            'microsoft.com/office/spreadsheetml/2017/revision16" name="ExternalData_1" '
            'connectionId="1" '
            f'xr16:uid="{book.guid("querytable")}" autoFormatId="16" applyNumberFormats="0" '
            'applyBorderFormats="0" applyFontFormats="0" applyPatternFormats="0" '
            'applyAlignmentFormats="0" applyWidthHeightFormats="0"><queryTableRefresh nextId="4">'
            f'<queryTableFields count="3">{fields}</queryTableFields></queryTableRefresh>'
            "</queryTable>"
        ),
        CT + "queryTable+xml",
    )
    cols = "".join(
        f'<tableColumn id="{i}" uniqueName="{i}" name="{h}" queryTableFieldId="{i}"/>'
        for i, h in enumerate(rows[0], start=1)
    )
    table = book.add_part(
        f"xl/tables/table{n}.xml",
        DECL
        + (
            f'<table xmlns="{SS}" id="{n}" name="Budget" displayName="Budget" ref="A1:C4" '
            'tableType="queryTable" totalsRowShown="0"><autoFilter ref="A1:C4"/>'
            f'<tableColumns count="3">{cols}</tableColumns><tableStyleInfo '
            'name="TableStyleMedium7" '
            'showFirstColumn="0" showLastColumn="0" showRowStripes="1" '
            'showColumnStripes="0"/></table>'
        ),
        CT + "table+xml",
    )
    book.relate(table, REL + "queryTable", "../queryTables/" + qt.rsplit("/", 1)[1])
    rid = budget.rel(REL + "table", "../" + table.removeprefix("xl/"))
    budget.add("tableParts", f'<tablePart r:id="{rid}"/>')
    book.defined_names.append(
        DefinedName("ExternalData_1", "Budget!$A$1:$C$4", local=len(book.sheets) - 1, hidden=True)
    )


def dynamic_arrays(book: Book, sheet: Sheet) -> None:
    """A "Dashboard" sheet whose FILTER and SORT formulas spill the open actions' refs."""
    headings = sheet.rows[0]
    ref_col, status_col = (
        column(headings, "Ref", "No."),
        column(headings, "Status", "Progress status"),
    )
    n = last_data_row(book, sheet)
    q = sheet_ref(sheet.name)
    rl, sl = col_letter(ref_col), col_letter(status_col)
    actions = sheet.rows[1:n]
    open_refs = [
        r[ref_col - 1] for r in actions if r[status_col - 1] not in ("Complete", "Cancelled")
    ]
    statuses = sorted({str(r[status_col - 1]) for r in actions})
    metadata(book, "dynamic")
    rows: list[list] = [["Open actions", "Statuses used"]]
    height = max(len(open_refs), len(statuses))
    for i in range(height):
        rows.append(
            [
                open_refs[i] if i < len(open_refs) else None,
                statuses[i] if i < len(statuses) else None,
            ]
        )
    rows[1][0] = Formula(
        f'_xlfn._xlws.FILTER({q}!{rl}2:{rl}{n},({q}!{sl}2:{sl}{n}&lt;&gt;"Complete")*'
        f'({q}!{sl}2:{sl}{n}&lt;&gt;"Cancelled"))'.replace("&lt;", "<").replace("&gt;", ">"),
        open_refs[0],
        dynamic=True,
        spill=f"A2:A{len(open_refs) + 1}",
    )
    rows[1][1] = Formula(
        f"_xlfn._xlws.SORT(_xlfn.UNIQUE({q}!{sl}2:{sl}{n}))",
        statuses[0],
        dynamic=True,
        spill=f"B2:B{len(statuses) + 1}",
    )
    book.sheets.append(Sheet("Dashboard", rows, col_widths={1: 14.0, 2: 16.0}))
