"""What the corporate report holds, as plain data: the Summary (a
:class:`~workbook_tools.tool_sheets.content.SheetContent` with its chart) and the Register,
Exceptions, Checks and Sources (each a :class:`~.table.TableSheet`: one Excel table, its rows as
plain tuples). The report's writer (:mod:`workbook_tools.writers.report.workbook`) writes them
into a new workbook; nothing here touches a workbook.

Every string must be stored as text, never as a formula: user text that starts with ``=``,
``+``, ``-`` or ``@`` is copied as it is.
"""

from __future__ import annotations

from .lists import (
    CHECK_COLUMNS,
    EXCEPTION_COLUMNS,
    REGISTER_COLUMNS,
    SOURCE_COLUMNS,
    checks_sheet,
    exceptions_sheet,
    register_pairs,
    register_sheet,
    sources_sheet,
)
from .summary import SUMMARY, summary_sheet
from .table import A3, A4, RAG_LOOKS, Column, RowHeights, TableSheet

__all__ = [
    "A3",
    "A4",
    "CHECK_COLUMNS",
    "EXCEPTION_COLUMNS",
    "RAG_LOOKS",
    "REGISTER_COLUMNS",
    "SOURCE_COLUMNS",
    "SUMMARY",
    "Column",
    "RowHeights",
    "TableSheet",
    "checks_sheet",
    "exceptions_sheet",
    "register_pairs",
    "register_sheet",
    "sources_sheet",
    "summary_sheet",
]
