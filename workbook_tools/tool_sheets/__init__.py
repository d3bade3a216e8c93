"""What refresh writes on the sheets the tool owns: Summary, Exceptions, Checks and History, and
the marks it draws on the user's Timeline (:mod:`.timeline`).

Everything here is plain data: each sheet is a :class:`SheetContent` holding cell values with a
style name (``"title"``, ``"header"``, ``"rag"``…), column widths, row heights, print settings,
and the native charts and Gantt pictures to place on it; what goes into the user's own sheets
(computed columns, Timeline marks) is plain data too (:mod:`.writeback`), and so is every cell's
look (:mod:`.looks`). The package writer (files) and the live writer (xlwings) both draw the same
content, so a refreshed file and a refreshed open workbook look alike.

Every string in a :class:`SheetContent` must be stored as text, never as a formula: user text
that starts with ``=``, ``+``, ``-`` or ``@`` is copied as it is.
"""

from __future__ import annotations

from .content import (
    NUMBER_FORMATS,
    CellSpec,
    ChartSpec,
    GanttBar,
    GanttSpec,
    Series,
    SheetContent,
    looks_like_formula,
    shorten,
    text,
)
from .history import (
    HISTORY_HEADINGS,
    HISTORY_PRIORITY_HEADINGS,
    PRIORITIES,
    history_sheet,
    new_history,
    previous_row,
    read_history,
)
from .lists import CHECK_HEADINGS, EXCEPTION_HEADINGS, cell_link, checks_sheet, exceptions_sheet
from .rebuilt import tool_sheets
from .summary import GANTT_LIMIT, gantt_bars, gantt_size, gantt_window, summary_sheet
from .timeline import TimelineMarks, timeline_marks
from .writeback import (
    ComputedBlock,
    SheetInfo,
    TableRange,
    Writeback,
    check_tool_sheets,
    computed_blocks,
    computed_values,
    placement,
    writeback,
)

__all__ = [
    "CHECK_HEADINGS",
    "EXCEPTION_HEADINGS",
    "GANTT_LIMIT",
    "HISTORY_HEADINGS",
    "HISTORY_PRIORITY_HEADINGS",
    "NUMBER_FORMATS",
    "PRIORITIES",
    "CellSpec",
    "ChartSpec",
    "ComputedBlock",
    "GanttBar",
    "GanttSpec",
    "Series",
    "SheetContent",
    "SheetInfo",
    "TableRange",
    "TimelineMarks",
    "Writeback",
    "cell_link",
    "check_tool_sheets",
    "checks_sheet",
    "computed_blocks",
    "computed_values",
    "exceptions_sheet",
    "gantt_bars",
    "gantt_size",
    "gantt_window",
    "history_sheet",
    "looks_like_formula",
    "new_history",
    "placement",
    "previous_row",
    "read_history",
    "shorten",
    "summary_sheet",
    "text",
    "timeline_marks",
    "tool_sheets",
    "writeback",
]
