"""Build plan workbooks for tests the way an officer would: a fresh template, rows typed in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from workbook_tools.core import layout
from workbook_tools.writers.template.build import write_template


def make_plan(
    path: Path,
    rows: list[dict[str, object]],
    *,
    directorate: str | None = "Resources",
    as_of: dt.date | None = None,
    plan_year_start: dt.date | None = dt.date(2008, 4, 1),
) -> Path:
    """A template workbook at ``path`` with ``rows`` typed into the Actions table.

    Each row maps template headings ("Ref", "Deadline", …) to values; the table is extended to
    cover the rows, as Excel does when an officer types below it.
    """
    write_template(path, directorate=directorate, plan_year_start=plan_year_start)
    wb = openpyxl.load_workbook(path)
    ws = wb[layout.ACTIONS]
    headings = {cell.value: cell.column for cell in ws[1] if cell.value}
    for r, row in enumerate(rows, start=2):
        for heading, value in row.items():
            ws.cell(r, headings[heading], value)
    table = ws.tables[layout.ACTIONS_TABLE]
    last_col = table.ref.split(":")[1].rstrip("0123456789")
    table.ref = f"A1:{last_col}{max(2, len(rows) + 1)}"
    if table.autoFilter is not None:
        table.autoFilter.ref = table.ref
    if as_of is not None:
        settings = wb[layout.SETTINGS]
        for row in settings.iter_rows(min_row=2):
            if row[0].value and str(row[0].value).startswith("As-of date"):
                row[1].value = as_of
    wb.save(path)
    return path
