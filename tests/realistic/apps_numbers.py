"""Apple Numbers: no Numbers export is in the real-world folder; this follows the structure public
readers document for Numbers exports (an "Export Summary" sheet first, "Sheet - Table" sheet
names, a merged table-title row, Helvetica Neue, 16.3516 column widths, 19.9pt rows, frozen
header, no grid lines). Treat it as the least certain profile.
"""

from __future__ import annotations

from .apps_common import CORE_NS, CORE_REL, SS, R, names, sheets
from .assemble import AppProfile, Rendered
from .book import Book, Sheet
from .package import PackageStyle, ranked
from .render_sheet import SheetDialect, freeze_pane
from .styles import STYLE_INDEX, numbers_styles, theme_xml
from .xmltext import attrs, esc

NUMBERS_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
EXPORT_NOTE = (
    "This document was exported from Numbers. Each table was converted to an Excel worksheet. "
    "All other objects on each Numbers sheet were placed on separate worksheets. Please be aware "
    "that formula calculations may differ in Excel."
)


def prepare_numbers(book: Book) -> None:
    """What a Numbers export adds: the Export Summary sheet first, listing each table's sheet
    (the builder already names them "Sheet - Table")."""
    summary = Sheet(
        "Export Summary",
        [
            [EXPORT_NOTE],
            [None],
            ["Numbers Sheet Name", "Numbers Table Name", "Excel Worksheet Name"],
        ],
        header_style=None,
    )
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
        '<workbookView activeTab="0"/></bookViews>'
        + sheets(state)
        + names(state.book)
        + "".join(state.book.wb_slots.get("pivotCaches", []))
        + "</workbook>"
    )


def _numbers_view(sheet: Sheet, selected: bool) -> str:
    pane = freeze_pane(sheet)
    return (
        '<sheetViews><sheetView workbookViewId="0" showGridLines="0" defaultGridColor="1">'
        f"{pane}</sheetView></sheetViews>"
    )


def _numbers_props(book: Book) -> list[tuple[str, bytes, str]]:
    core = (
        NUMBERS_DECL + f"<cp:coreProperties {CORE_NS}><dc:creator>{esc(book.author)}"
        "</dc:creator></cp:coreProperties>"
    )
    return [("docProps/core.xml", core.encode(), CORE_REL)]


def numbers() -> AppProfile:
    """Apple Numbers' File › Export To › Excel."""
    dialect = SheetDialect(
        root_open=f'<worksheet xmlns:r="{R}" xmlns="{SS}"{{extra}}>',
        sheet_pr='<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>',
        sheet_format='<sheetFormatPr defaultColWidth="16.3333" defaultRowHeight="19.9" '
        'customHeight="1" outlineLevelRow="0" outlineLevelCol="0"/>',
        row_attrs=lambda r, width, hidden: (
            ' ht="20.25" customHeight="1"' + (' hidden="1"' if hidden else "")
        ),
        view=_numbers_view,
        col=lambda lo, hi, w, hidden, style: (
            "<col"
            + attrs(
                min=lo,
                max=hi,
                width=f"{w or 16.3516:g}",
                style="1" if style else None,
                hidden="1" if hidden else None,
                customWidth="1",
            )
            + "/>"
        ),
        page='<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.277778" '
        'footer="0.277778"/><pageSetup firstPageNumber="1" fitToHeight="1" fitToWidth="1" '
        'scale="100" useFirstPageNumber="0" orientation="portrait" pageOrder="downThenOver"/>'
        '<headerFooter><oddFooter>&amp;C&amp;"Helvetica Neue,Regular"&amp;12&amp;K000000&amp;P'
        "</oddFooter></headerFooter>",
        styles=STYLE_INDEX,
    )
    package = PackageStyle(
        declaration=NUMBERS_DECL,
        date_time=(2024, 7, 8, 16, 42, 0),
        order=ranked(["[Content_Types].xml", "_rels/", "docProps/"]),
    )
    return AppProfile(
        name="numbers",
        package=package,
        sheet=dialect,
        workbook_xml=_numbers_workbook,
        styles=lambda: numbers_styles(NUMBERS_DECL),
        theme=lambda: theme_xml(NUMBERS_DECL, "Office Theme", "Helvetica Neue", "Helvetica Neue"),
        docprops=_numbers_props,
    )
