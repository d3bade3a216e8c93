"""Data validation and conditional formatting, classic and Excel 2010 (x14) forms.

x14 validations follow poi__56644.xlsx (Excel 2010, real): a list whose source is on another
sheet is written in the worksheet extLst as <x14:dataValidation> with <x14:formula1><xm:f> and
<xm:sqref>. Google Sheets writes the same list as a classic validation over a defined name
(poi__64750.xlsx, real), LibreOffice as a classic one with the sheet reference. x14 conditional
formats follow poi__NewStyleConditionalFormattings.xlsx (Excel 2010, real): a data bar is
written twice, a classic <cfRule type="dataBar"> carrying an x14:id and its x14:cfRule twin in
the extLst; icon sets Excel 2007 lacks (3Stars, 3Triangles) live only in the extLst.
"""

from __future__ import annotations

from .book import Book, DefinedName, Sheet
from .builder import action_sheet
from .plans import column
from .xmltext import col_letter

X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
XM = "http://schemas.microsoft.com/office/excel/2006/main"
STATUSES = ("Not started", "In progress", "Complete", "Deferred", "Cancelled")
RAGS = ("Blue", "Green", "Amber", "Red", "n/a")


def lists_sheet(book: Book) -> Sheet:
    """The "Lists" sheet officers keep the drop-down values on (hidden), created once."""
    for sheet in book.sheets:
        if sheet.name == "Lists":
            return sheet
    rows = [["Status", "RAG"]] + [[s, r] for s, r in zip(STATUSES, RAGS, strict=True)]
    sheet = action_sheet(rows, "Lists")
    sheet.state = "hidden"
    book.sheets.append(sheet)
    return sheet


def _span(sheet: Sheet, col: int) -> str:
    letter = col_letter(col)
    return f"{letter}2:{letter}{max(len(sheet.rows), 2)}"


def x14_validation(book: Book, sheet: Sheet) -> None:
    """Status chosen from a list kept on the Lists sheet."""
    lists_sheet(book)
    col = column(sheet.rows[0], "Status", "Progress status")
    source = f"Lists!$A$2:$A${len(STATUSES) + 1}"
    if book.app == "google":
        book.defined_names.append(DefinedName("StatusValues", source))
        _classic(sheet, "StatusValues", _span(sheet, col))
        return
    if book.app == "libreoffice":
        _classic(sheet, source, _span(sheet, col))
        return
    sheet.add_ext(
        "{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}",
        f'<x14:dataValidations count="1" xmlns:xm="{XM}"><x14:dataValidation type="list" '
        'allowBlank="1" showInputMessage="1" showErrorMessage="1"><x14:formula1>'
        f"<xm:f>{source}</xm:f></x14:formula1><xm:sqref>{_span(sheet, col)}</xm:sqref>"
        "</x14:dataValidation></x14:dataValidations>",
    )


def _classic(
    sheet: Sheet, formula: str, sqref: str, kind: str = "list", formula2: str | None = None
) -> None:
    second = f"<formula2>{formula2}</formula2>" if formula2 is not None else ""
    operator = ' operator="between"' if kind != "list" else ""
    sheet.add(
        "dataValidations",
        f'<dataValidation type="{kind}"{operator} allowBlank="1" showInputMessage="1" '
        f'showErrorMessage="1" sqref="{sqref}"><formula1>{formula}</formula1>{second}'
        "</dataValidation>",
    )


def classic_validation(book: Book, sheet: Sheet) -> None:
    """A typed-in list for the RAG column and a 0–100% check on % Complete."""
    headings = sheet.rows[0]
    rag = column(headings, "Self-assessed RAG", "RAG")
    _classic(sheet, '"' + ",".join(RAGS) + '"', _span(sheet, rag))
    if "% Complete" in headings:
        _classic(sheet, "0", _span(sheet, column(headings, "% Complete")), "decimal", "1")


def classic_conditional(book: Book, sheet: Sheet) -> None:
    """Red/Amber/Green fills on the RAG column, an overdue highlight by formula, and a
    three-colour scale on % Complete."""
    headings = sheet.rows[0]
    rag = column(headings, "Self-assessed RAG", "RAG")
    span = _span(sheet, rag)
    first = f"{col_letter(rag)}2"
    rules = []
    for priority, (word, dxf) in enumerate((("Red", 0), ("Amber", 1), ("Green", 2)), start=1):
        rules.append(
            f'<cfRule type="containsText" dxfId="{dxf}" priority="{priority}" '
            f'operator="containsText" text="{word}"><formula>NOT(ISERROR(SEARCH("{word}",{first})))'
            "</formula></cfRule>"
        )
    sheet.add(
        "conditionalFormatting",
        f'<conditionalFormatting sqref="{span}">{"".join(rules)}</conditionalFormatting>',
    )
    deadline = column(headings, "Deadline", "Target date")
    status = column(headings, "Status", "Progress status")
    d, s = col_letter(deadline), col_letter(status)
    sheet.add(
        "conditionalFormatting",
        f'<conditionalFormatting sqref="{_span(sheet, deadline)}"><cfRule type="expression" '
        f'dxfId="0" priority="4"><formula>AND(ISNUMBER(${d}2),${d}2&lt;TODAY(),'
        f'${s}2&lt;&gt;"Complete")</formula></cfRule></conditionalFormatting>',
    )
    if "% Complete" in headings:
        sheet.add(
            "conditionalFormatting",
            f'<conditionalFormatting sqref="{_span(sheet, column(headings, "% Complete"))}">'
            '<cfRule type="colorScale" priority="5"><colorScale><cfvo type="min"/>'
            '<cfvo type="percentile" val="50"/><cfvo type="max"/><color rgb="FFF8696B"/>'
            '<color rgb="FFFFEB84"/><color rgb="FF63BE7B"/></colorScale></cfRule>'
            "</conditionalFormatting>",
        )


def x14_conditional(book: Book, sheet: Sheet) -> None:
    """A data bar on % Complete (classic rule + x14 twin) and a 3-triangle icon set that only
    the x14 form can hold."""
    headings = sheet.rows[0]
    col = column(headings, "% Complete", "RAG")
    span = _span(sheet, col)
    bar_id = book.guid("databar", sheet.name)
    sheet.add(
        "conditionalFormatting",
        f'<conditionalFormatting sqref="{span}"><cfRule type="dataBar" priority="10"><dataBar>'
        '<cfvo type="min"/><cfvo type="max"/><color rgb="FF638EC6"/></dataBar><extLst>'
        f'<ext uri="{{B025F937-C7B1-47D3-B67F-A62EFF666E3E}}" xmlns:x14="{X14}">'
        f"<x14:id>{bar_id}</x14:id></ext></extLst></cfRule></conditionalFormatting>",
    )
    sheet.add_ext(
        "{78C0D931-6437-407d-A8EE-F0AAD7539E65}",
        "<x14:conditionalFormattings>"
        f'<x14:conditionalFormatting xmlns:xm="{XM}"><x14:cfRule type="dataBar" id="{bar_id}">'
        '<x14:dataBar minLength="0" maxLength="100" gradient="0"><x14:cfvo type="autoMin"/>'
        '<x14:cfvo type="autoMax"/><x14:negativeFillColor rgb="FFFF0000"/>'
        '<x14:axisColor rgb="FF000000"/></x14:dataBar></x14:cfRule>'
        f"<xm:sqref>{span}</xm:sqref></x14:conditionalFormatting>"
        f'<x14:conditionalFormatting xmlns:xm="{XM}"><x14:cfRule type="iconSet" priority="11" '
        f'id="{book.guid("icons", sheet.name)}"><x14:iconSet iconSet="3Triangles">'
        '<x14:cfvo type="percent"><xm:f>0</xm:f></x14:cfvo><x14:cfvo type="percent"><xm:f>33'
        '</xm:f></x14:cfvo><x14:cfvo type="percent"><xm:f>67</xm:f></x14:cfvo></x14:iconSet>'
        f"</x14:cfRule><xm:sqref>{span}</xm:sqref>"
        "</x14:conditionalFormatting></x14:conditionalFormattings>",
    )
