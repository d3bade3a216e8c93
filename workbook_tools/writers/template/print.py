"""Print settings of the monitoring workbook's sheets: paper, orientation, margins, headers.

The template sets them on every sheet it builds, and the tool sheets written by Refresh use
:func:`set_print` too, so a printed workbook looks the same throughout.
"""

from __future__ import annotations

from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from workbook_tools.core import layout

#: Landscape sheets; the others print portrait.
LANDSCAPE = frozenset({layout.ACTIONS, layout.TIMELINE, layout.EXCEPTIONS, layout.SUMMARY})


def set_print(ws: Worksheet, *, landscape: bool, title_rows: bool) -> None:
    """A4, fit to one page wide, margins, sheet name and page number; repeat row 1 if asked."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    ws.oddHeader.center.text = "&A"
    ws.oddFooter.left.text = "&F"
    ws.oddFooter.right.text = "Page &P of &N"
    if title_rows:
        ws.print_title_rows = "1:1"
