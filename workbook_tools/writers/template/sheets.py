"""The monitoring template's data sheets: Lists, Settings, Actions, Milestones and Timeline.

Each ``fill_*`` function lays out one empty sheet: its headings, tables, defined names, data
validation, number formats and frozen panes. The tool sheets Refresh writes (Summary,
Exceptions, Checks, History) start as a placeholder saying so; the Guide is in
:mod:`~workbook_tools.writers.template.guide`.
"""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.worksheet import Worksheet

from workbook_tools.core import layout
from workbook_tools.core.model import column_letter
from workbook_tools.writers.template import guide_text
from workbook_tools.writers.template.style import (
    CENTRE,
    DATE_FORMAT,
    FORMAT_ROWS,
    TOP,
    USER_HEAD,
    WRAP,
    font,
    heading_row,
    put_text,
    rag_colours,
    table,
    text_column,
)
from workbook_tools.writers.template.validation import pick, validate

#: Settings defaults by defined name (the blank ones are left out).
SETTING_DEFAULTS: dict[str, object] = {
    "AmberWindowDays": 30,
    "ProgressTolerance": 25,
    "StaleAfterDays": 92,
    "UseBlue": "Yes",
}
#: Allowed range of the numeric settings.
SETTING_LIMITS: dict[str, tuple[int, int]] = {
    "AmberWindowDays": (0, 365),
    "ProgressTolerance": (0, 100),
    "StaleAfterDays": (1, 3650),
}

_MONTH_NAMES = ("Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar")


def _name(wb: Workbook, name: str, sheet: str, ref: str) -> None:
    where = sheet if sheet.isalnum() else quote_sheetname(sheet)
    wb.defined_names.add(DefinedName(name, attr_text=f"{where}!{ref}"))


def fill_lists(wb: Workbook, ws: Worksheet) -> None:
    """The hidden Lists sheet: the drop-down values, each column under a defined name."""
    columns = (
        ("Status", layout.STATUS_VALUES, layout.STATUS_LIST_NAME),
        ("Self-assessed RAG", layout.SELF_RAG_VALUES, layout.SELF_RAG_LIST_NAME),
        ("Yes/No", layout.YES_NO, layout.YES_NO_LIST_NAME),
    )
    for col, (heading, values, name) in enumerate(columns, 1):
        put_text(ws.cell(1, col), heading).font = font(bold=True)
        for row, value in enumerate(values, 2):
            put_text(ws.cell(row, col), value)
        letter = column_letter(col)
        _name(wb, name, ws.title, f"${letter}$2:${letter}${len(values) + 1}")
        ws.column_dimensions[letter].width = 20
    ws.sheet_state = "hidden"


def fill_settings(wb: Workbook, ws: Worksheet, values: dict[str, object]) -> None:
    """The Settings sheet: one row per setting, its value named and validated, with help text."""
    heading_row(ws, layout.SETTINGS_HEADINGS)
    for letter, width in (("A", 38), ("B", 36), ("D", 60)):
        ws.column_dimensions[letter].width = width
    about_head = put_text(ws["D1"], "About this setting")
    about_head.font = font(bold=True, color=USER_HEAD[0])
    about_head.alignment = Alignment(vertical="center")
    for row, spec in enumerate(layout.SETTINGS_ROWS, 2):
        put_text(ws.cell(row, 1), spec.label).alignment = TOP
        value = values.get(spec.name)
        cell = ws.cell(row, 2)
        if isinstance(value, str):
            put_text(cell, value)
        else:
            cell.value = value
        cell.alignment = Alignment(horizontal="left", vertical="top")
        about = guide_text.SETTING_HELP[spec.name]
        put_text(ws.cell(row, 4), about).alignment = WRAP
        _name(wb, spec.name, ws.title, f"$B${row}")
        ref, title = f"B{row}", spec.label
        if spec.kind == "date":
            cell.number_format = DATE_FORMAT
            error = "Please type a date, for example 01/04/2026."
            span = {"formula1": "DATE(2000,1,1)", "formula2": "DATE(2099,12,31)"}
            validate(ws, ref, title, about, type="date", operator="between", error=error, **span)
        elif spec.kind in ("int", "number"):
            low, high = SETTING_LIMITS.get(spec.name, (0, 100000))
            kind = "whole" if spec.kind == "int" else "decimal"
            error = f"Please type a number from {low} to {high}."
            validate(ws, ref, title, about, type=kind, operator="between",
                     formula1=str(low), formula2=str(high), error=error)  # fmt: skip
        elif spec.kind == "yesno":
            pick(ws, ref, layout.YES_NO_LIST_NAME, title, about)
        else:
            validate(ws, ref, title, about)
    table(ws, layout.SETTINGS_TABLE, 2, len(layout.SETTINGS_ROWS) + 1)
    ws.freeze_panes = "A2"


def fill_actions(ws: Worksheet) -> None:
    """The Actions sheet: the action columns, then the grey columns Refresh fills in."""
    headings = layout.ACTION_HEADINGS + layout.COMPUTED_HEADINGS
    heading_row(ws, headings, tool=layout.COMPUTED_HEADINGS, height=46)
    col = {heading: column_letter(i) for i, heading in enumerate(headings, 1)}

    def rows(heading: str) -> str:
        return f"{col[heading]}2:{col[heading]}{FORMAT_ROWS + 1}"

    text_column(ws, col["Ref"])
    pick(ws, rows("Status"), layout.STATUS_LIST_NAME, "Status", "Choose from the list.")
    pick(ws, rows("Self-assessed RAG"), layout.SELF_RAG_LIST_NAME, "Self-assessed RAG",
         "Your own view: Blue (complete), Green, Amber, Red, or n/a.")  # fmt: skip
    validate(ws, rows("% Complete"), "% Complete", "A whole number from 0 to 100.",
             type="whole", operator="between", formula1="0", formula2="100",
             error="Please type a whole number from 0 to 100.")  # fmt: skip
    validate(ws, rows("Deadline"), "Deadline", guide_text.DEADLINE_HELP)
    for heading in layout.COMPUTED_HEADINGS:
        validate(ws, rows(heading), "Filled in by Refresh", guide_text.COMPUTED_HELP)
    ws[f"{col['Due date']}2"].number_format = DATE_FORMAT
    for heading in ("% Complete", "Self-assessed RAG", "Computed RAG", "Days left"):
        ws[f"{col[heading]}2"].alignment = CENTRE
    rag_colours(ws, col["Self-assessed RAG"], ("Blue", "Green", "Amber", "Red", "n/a"))
    rag_colours(ws, col["Computed RAG"], ("Blue", "Green", "Amber", "Red", "Grey"))
    table(ws, layout.ACTIONS_TABLE, len(headings))
    ws.freeze_panes = "B2"


def fill_milestones(ws: Worksheet) -> None:
    """The Milestones sheet: its headings, a text Ref column and the Done column's help."""
    heading_row(ws, layout.MILESTONE_HEADINGS)
    text_column(ws, "A")
    validate(ws, f"D2:D{FORMAT_ROWS + 1}", "Done", guide_text.DONE_HELP)
    table(ws, layout.MILESTONES_TABLE, len(layout.MILESTONE_HEADINGS))
    ws.freeze_panes = "A2"


def timeline_months(plan_year_start: dt.date | None) -> list[dt.date] | list[str]:
    """The Timeline's month headings: first-of-month dates from ``plan_year_start``, or names."""
    if plan_year_start is None:
        return list(_MONTH_NAMES[: layout.TIMELINE_MONTHS])
    year, month = plan_year_start.year, plan_year_start.month
    months = []
    for _ in range(layout.TIMELINE_MONTHS):
        months.append(dt.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def fill_timeline(ws: Worksheet, plan_year_start: dt.date | None) -> None:
    """The Timeline sheet: leading columns, twelve narrow month columns, trailing columns."""
    months = timeline_months(plan_year_start)
    labels = [m if isinstance(m, str) else m.strftime("%b %y") for m in months]
    heading_row(ws, (*layout.TIMELINE_LEADING, *labels, *layout.TIMELINE_TRAILING))
    first = len(layout.TIMELINE_LEADING) + 1
    for offset, month in enumerate(months):
        cell = ws.cell(1, first + offset)
        cell.value = month  # a real date when the plan year is known
        cell.number_format = "mmm yy"
        cell.alignment = Alignment(horizontal="center", vertical="center")
        ws.column_dimensions[column_letter(first + offset)].width = 8
        ws.cell(2, first + offset).alignment = CENTRE
    text_column(ws, "A")
    ws.freeze_panes = ws.cell(2, first).coordinate


def fill_placeholder(ws: Worksheet) -> None:
    """A tool sheet before its first Refresh: its name and what Refresh will put there."""
    put_text(ws["A1"], ws.title).font = font(size=16, bold=True)
    put_text(ws["A3"], guide_text.PLACEHOLDER).font = font(size=12, bold=True)
    put_text(ws["A4"], guide_text.PLACEHOLDERS[ws.title])
    put_text(ws["A5"], guide_text.PLACEHOLDER_CLI).font = font(italic=True, color="595959")
    ws.column_dimensions["A"].width = 90
