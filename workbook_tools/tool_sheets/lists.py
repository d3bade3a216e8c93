"""The Exceptions and Checks sheets: print-ready lists, header row repeated on every page."""

from __future__ import annotations

import re

from ..core import layout
from ..core.exception_list import ORDER, Facts, exception_list
from ..core.model import FLAG_OPTIMISTIC, Action, Rating, Severity
from ..core.summary import NONE_LABEL
from .content import (
    BODY,
    DATE,
    ERROR,
    LINK,
    NOTE,
    RAG_CELL,
    SUBTITLE,
    TITLE,
    WARNING,
    WRAP,
    SheetContent,
    fmt_date,
)

#: Columns of the Exceptions sheet, and their widths.
EXCEPTION_HEADINGS: tuple[str, ...] = (
    "Ref",
    "Priority",
    "Action",
    "Lead",
    "Due",
    "RAG",
    "Reason",
    "Commentary",
    "Corrective action",
)
_EXCEPTION_WIDTHS = (5.5, 16, 28, 12, 11.5, 7.5, 24, 32, 24)
#: Columns of the Checks sheet.
CHECK_HEADINGS: tuple[str, ...] = ("Severity", "Sheet", "Cell", "Message")
_HEADER_ROW = 4
_ADDRESS = re.compile(r"^\$?[A-Za-z]{1,3}\$?[0-9]{1,7}$")


def _facts(pair: tuple[Action, Rating]) -> Facts:
    """What the exception rule needs of one rated action."""
    action, rating = pair
    return Facts(rating.rag, rating.flags, rating.due, action.ref, place=(action.sheet, action.row))


def exceptions_sheet(result: object) -> SheetContent:
    """The Exceptions sheet: Red, then Amber, then optimistic self-assessments, by due date."""
    plan, as_of = result.plan, result.as_of  # type: ignore[attr-defined]
    top = _HEADER_ROW
    sheet = SheetContent(layout.EXCEPTIONS, title_rows=(top, top), freeze=(top + 1, 1))
    sheet.widths = dict(enumerate(_EXCEPTION_WIDTHS, 1))
    sheet.put(1, 1, layout.EXCEPTIONS, TITLE)
    who = f"{plan.directorate} · " if plan.directorate else ""
    sheet.put(2, 1, f"{who}as of {fmt_date(as_of)} · {ORDER}", SUBTITLE)
    sheet.heading_row(top, 1, EXCEPTION_HEADINGS)
    row = top + 1
    pairs = zip(plan.actions, result.ratings, strict=True)  # type: ignore[attr-defined]
    for action, rating in exception_list(pairs, _facts):
        reason = rating.reason
        if FLAG_OPTIMISTIC in rating.flags and action.self_rag is not None:
            reason += f" (self-assessed {action.self_rag.value})"
        values = (action.ref or "", action.priority or NONE_LABEL, action.action, action.lead)
        for col, value in enumerate(values, 1):
            sheet.put(row, col, value or "", WRAP)
        sheet.put(row, 5, rating.due, DATE)
        sheet.put(row, 6, rating.rag.value, RAG_CELL, rag=rating.rag.value)
        sheet.put(row, 7, reason, WRAP)
        sheet.put(row, 8, action.commentary or "", WRAP)
        sheet.put(row, 9, action.corrective or "", WRAP)
        row += 1
    if row == top + 1:
        sheet.put(row, 1, "No Red or Amber actions and no optimistic self-assessments.", NOTE)
    else:
        sheet.boxes.append((top, 1, row - 1, len(EXCEPTION_HEADINGS)))
    sheet.fit_heights()
    return sheet


def cell_link(sheet_name: str, cell: str) -> str | None:
    """The in-workbook link target of a cell address on a sheet (``'Actions'!F9``), or ``None``
    when ``cell`` is not an address."""
    if not cell or not sheet_name or not _ADDRESS.match(cell):
        return None
    quoted = sheet_name.replace("'", "''")
    return f"'{quoted}'!{cell.replace('$', '').upper()}"


def checks_sheet(result: object) -> SheetContent:
    """The Checks sheet: every data problem, errors first, each cell address a link to it."""
    checks = sorted(
        result.checks,  # type: ignore[attr-defined]
        key=lambda c: c.severity is not Severity.ERROR,
    )
    errors = sum(c.severity is Severity.ERROR for c in checks)
    top = _HEADER_ROW
    sheet = SheetContent(layout.CHECKS, landscape=False, title_rows=(top, top), freeze=(top + 1, 1))
    sheet.widths = {1: 10, 2: 16, 3: 9, 4: 70}
    sheet.put(1, 1, layout.CHECKS, TITLE)
    if checks:
        found = f"{errors} error(s) and {len(checks) - errors} warning(s), errors first"
    else:
        found = "No problems found"
    sheet.put(2, 1, found, SUBTITLE)
    sheet.heading_row(top, 1, CHECK_HEADINGS)
    for row, check in enumerate(checks, top + 1):
        error = check.severity is Severity.ERROR
        sheet.put(row, 1, check.severity.value, ERROR if error else WARNING)
        sheet.put(row, 2, check.sheet, WRAP)
        link = cell_link(check.sheet, check.cell)
        sheet.put(row, 3, check.cell, LINK if link else BODY, link=link)
        sheet.put(row, 4, check.message, WRAP)
    if checks:
        sheet.boxes.append((top, 1, top + len(checks), len(CHECK_HEADINGS)))
    sheet.fit_heights()
    return sheet
