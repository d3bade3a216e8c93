"""The monitoring template: a fresh, empty action-plan workbook built from the layout constants.

``build_template`` makes the workbook (sheets, tables, settings with defined names, drop-downs,
RAG colours, print settings); ``write_template`` saves it so that the same inputs always give the
same bytes. ``python -m workbook_tools.writers.template`` regenerates the committed
``templates/monitoring_template.xlsx``, which leaves Organisation, Directorate, Plan title and
Plan year starts blank: a blank plan year means the current financial year, so that file's
Timeline month headings are month names (Apr … Mar), read in the as-of date's financial year.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from workbook_tools import layout
from workbook_tools.layout import RAG_STYLES
from workbook_tools.model import column_letter
from workbook_tools.writers import guide_text
from workbook_tools.writers.stable_xlsx import workbook_bytes

#: Where ``main`` writes the committed template.
TEMPLATE_PATH = Path(__file__).resolve().parents[2] / "templates" / "monitoring_template.xlsx"
#: Created/modified time stored in every generated file, so two generations are identical.
FIXED_TIMESTAMP = dt.datetime(2026, 1, 1)

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
#: Column widths (characters) by heading; anything not listed gets 14.
WIDTHS: dict[str, float] = {
    "Ref": 8, "Priority": 24, "Action": 40, "Lead": 18, "Start": 11, "Deadline": 12,
    "Status": 12, "% Complete": 10, "Self-assessed RAG": 11, "Commentary": 44,
    "Date provided": 11, "Corrective action": 30, "Success criteria": 24, "Resources": 16,
    "Risk rating": 8, "Notes": 24, "Computed RAG": 11, "RAG reason": 32, "Due date": 12,
    "Days left": 8, "Flags": 16, "Milestone": 48, "Due": 14, "Done": 14,
}  # fmt: skip
#: Columns whose text wraps.
WRAPPED = frozenset(
    ("Priority", "Action", "Lead", "Start", "Deadline", "Commentary", "Corrective action",
     "Success criteria", "Resources", "Notes", "RAG reason", "Flags", "Milestone")
)  # fmt: skip
#: Landscape sheets; the others print portrait.
LANDSCAPE = frozenset({layout.ACTIONS, layout.TIMELINE, layout.EXCEPTIONS, layout.SUMMARY})
#: Rows below the heading that the drop-downs and RAG colours cover.
FORMAT_ROWS = 2000

_DATE_FORMAT = "d mmm yyyy"
_MONTH_NAMES = ("Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar")
_USER_HEAD = ("1F4E78", "FFFFFF")
_TOOL_HEAD = ("595959", "FFFFFF")
_TOOL_BODY = "F2F2F2"
_GUIDE_A, _GUIDE_B = 24, 90
_TOP = Alignment(vertical="top")
_WRAP = Alignment(vertical="top", wrap_text=True)
_CENTRE = Alignment(horizontal="center", vertical="top")


def build_template(
    *,
    directorate: str | None = None,
    organisation: str | None = None,
    plan_year_start: dt.date | None = None,
    plan_title: str | None = None,
) -> Workbook:
    """A new monitoring workbook, blank apart from the settings given.

    ``plan_year_start`` (any day of the plan's first month) also dates the Timeline's twelve
    month headings; without it they are month names from April. Text is always stored as text.
    """
    if isinstance(plan_year_start, dt.datetime):
        plan_year_start = plan_year_start.date()
    wb = Workbook()
    wb.remove(wb.active)
    sheets = {name: wb.create_sheet(name) for name in layout.SHEET_ORDER}
    given = {
        "Organisation": organisation,
        "Directorate": directorate,
        "PlanTitle": plan_title,
        "PlanYearStart": plan_year_start,
    }
    fill_guide(
        sheets[layout.GUIDE],
        organisation=organisation,
        directorate=directorate,
        plan_title=plan_title,
    )
    _lists(wb, sheets[layout.LISTS])
    _settings(wb, sheets[layout.SETTINGS], {**SETTING_DEFAULTS, **given})
    _actions(sheets[layout.ACTIONS])
    _milestones(sheets[layout.MILESTONES])
    _timeline(sheets[layout.TIMELINE], plan_year_start)
    for name in (layout.SUMMARY, layout.EXCEPTIONS, layout.CHECKS, layout.HISTORY):
        _placeholder(sheets[name])
    for name, ws in sheets.items():
        ws.sheet_properties.tabColor = _USER_HEAD[0] if name in layout.USER_SHEETS else "808080"
        set_print(ws, landscape=name in LANDSCAPE, title_rows=name in layout.USER_SHEETS)
    wb.active = 0
    sheets[layout.GUIDE].sheet_view.tabSelected = True
    props = wb.properties
    props.title = plan_title or "Action plan monitoring"
    props.subject = "Action plan monitoring return"
    props.creator = props.lastModifiedBy = "workbook-tools"
    props.created = props.modified = FIXED_TIMESTAMP
    return wb


def write_template(
    path: str | Path,
    *,
    directorate: str | None = None,
    organisation: str | None = None,
    plan_year_start: dt.date | None = None,
    plan_title: str | None = None,
) -> Path:
    """Build the template (see :func:`build_template`) and save it to ``path``; return the path."""
    wb = build_template(
        directorate=directorate,
        organisation=organisation,
        plan_year_start=plan_year_start,
        plan_title=plan_title,
    )
    target = Path(path)
    target.write_bytes(workbook_bytes(wb))
    return target


def put_text(cell: Cell, value: str | None) -> Cell:
    """Store ``value`` as text, even when it starts with ``=`` (never as a formula)."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def fill_guide(
    ws: Worksheet,
    *,
    organisation: str | None = None,
    directorate: str | None = None,
    plan_title: str | None = None,
) -> None:
    """Write the Guide (steps, RAG definitions, rules, flags, sheets, an example) on ``ws``."""
    g = guide_text
    ws.column_dimensions["A"].width = _GUIDE_A
    ws.column_dimensions["B"].width = _GUIDE_B
    put_text(ws["A1"], plan_title or "Action plan monitoring").font = _font(size=16, bold=True)
    who = " · ".join(v for v in (organisation, directorate) if v)
    if who:
        put_text(ws["A2"], who).font = _font(size=12, italic=True)
    row = _para(ws, 4, g.INTRO)
    row = _section(ws, row, "Filling in your plan, step by step")
    for label, text in g.STEPS:
        row = _pair(ws, row, label, text)
    row = _section(ws, row + 1, "What the RAG colours mean")
    for word, meaning in g.RAG_DEFINITIONS:
        fill, colour = RAG_STYLES[word]
        ws.cell(row, 1).fill = _fill(fill)
        row = _pair(ws, row, word, meaning, colour=colour)
    row = _section(ws, row + 1, "How Refresh rates each action")
    for number, text in enumerate(g.RATING_RULES, 1):
        row = _pair(ws, row, f"Rule {number}", text)
    row = _section(ws, row + 1, "Flags")
    for flag, text in g.FLAGS:
        row = _pair(ws, row, flag, text)
    row = _section(ws, row + 1, "The sheets")
    for name, text in g.SHEETS:
        row = _pair(ws, row, name, text)
    row = _para(ws, row + 1, g.TOOL_SHEETS_NOTE, bold=True)
    row = _section(ws, row, "An example Actions row")
    for heading, value in g.EXAMPLE:
        row = _pair(ws, row, heading, value or "(blank: not needed while on track)")
    ws.sheet_view.showGridLines = False


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


def _font(*, size: float = 11, **kwargs: object) -> Font:
    return Font(name="Calibri", family=2, size=size, **kwargs)


def _fill(colour: str) -> PatternFill:
    return PatternFill("solid", start_color=colour, end_color=colour)


def _lines(text: str, width: float) -> int:
    """Roughly how many lines ``text`` wraps to in a column ``width`` characters wide.

    Column widths count the widest digit; ordinary text fits about 15% more characters.
    """
    per_line = int(width * 1.15)
    return sum(len(line) // per_line + 1 for line in text.splitlines() or [""])


def _para(ws: Worksheet, row: int, text: str, *, bold: bool = False) -> int:
    cell = put_text(ws.cell(row, 1), text)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
    cell.alignment = _WRAP
    cell.font = _font(bold=bold)
    ws.row_dimensions[row].height = 15 * _lines(text, _GUIDE_A + _GUIDE_B - 4)
    return row + 2


def _section(ws: Worksheet, row: int, title: str) -> int:
    put_text(ws.cell(row, 1), title).font = _font(size=13, bold=True, color=_USER_HEAD[0])
    return row + 1


def _pair(ws: Worksheet, row: int, label: str, text: str, colour: str = "000000") -> int:
    head = put_text(ws.cell(row, 1), label)
    head.font = _font(bold=True, color=colour)
    head.alignment = _TOP
    put_text(ws.cell(row, 2), text).alignment = _WRAP
    lines = max(_lines(text, _GUIDE_B - 4), _lines(label, _GUIDE_A - 2))
    if lines > 1:
        ws.row_dimensions[row].height = 15 * lines
    return row + 1


def _name(wb: Workbook, name: str, sheet: str, ref: str) -> None:
    where = sheet if sheet.isalnum() else quote_sheetname(sheet)
    wb.defined_names.add(DefinedName(name, attr_text=f"{where}!{ref}"))


def _validate(ws: Worksheet, ref: str, title: str, prompt: str, **kwargs: object) -> None:
    """A validation on ``ref`` with an input message; ``error`` (if given) is a stop message."""
    dv = DataValidation(
        allow_blank=True,
        showInputMessage=True,
        showErrorMessage="error" in kwargs,
        promptTitle=title[:32],
        prompt=prompt[:255],
        errorTitle=title[:32] if "error" in kwargs else None,
        **kwargs,
    )
    dv.add(ref)
    ws.add_data_validation(dv)


def _pick(ws: Worksheet, ref: str, list_name: str, title: str, prompt: str) -> None:
    """A drop-down whose values come from the workbook-level defined name ``list_name``."""
    error = "Please choose a value from the drop-down list."
    _validate(ws, ref, title, prompt, type="list", formula1=list_name, error=error)


def _lists(wb: Workbook, ws: Worksheet) -> None:
    columns = (
        ("Status", layout.STATUS_VALUES, layout.STATUS_LIST_NAME),
        ("Self-assessed RAG", layout.SELF_RAG_VALUES, layout.SELF_RAG_LIST_NAME),
        ("Yes/No", layout.YES_NO, layout.YES_NO_LIST_NAME),
    )
    for col, (heading, values, name) in enumerate(columns, 1):
        put_text(ws.cell(1, col), heading).font = _font(bold=True)
        for row, value in enumerate(values, 2):
            put_text(ws.cell(row, col), value)
        letter = column_letter(col)
        _name(wb, name, ws.title, f"${letter}$2:${letter}${len(values) + 1}")
        ws.column_dimensions[letter].width = 20
    ws.sheet_state = "hidden"


def _heading_row(
    ws: Worksheet, headings: tuple[str, ...], tool: tuple[str, ...] = (), height: float = 22
) -> None:
    """Row 1 headings (tool-owned ones grey and italic), widths, and row 2's alignment."""
    for col, heading in enumerate(headings, 1):
        fill, colour = _TOOL_HEAD if heading in tool else _USER_HEAD
        cell = put_text(ws.cell(1, col), heading)
        cell.fill = _fill(fill)
        cell.font = _font(bold=True, color=colour, italic=heading in tool)
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        column = ws.column_dimensions[column_letter(col)]
        column.width = WIDTHS.get(heading, 14)
        if heading in WRAPPED:
            column.alignment = _WRAP
        body = ws.cell(2, col)
        body.alignment = _WRAP if heading in WRAPPED else _TOP
        if heading in tool:
            body.fill = _fill(_TOOL_BODY)
    ws.row_dimensions[1].height = height


def _table(ws: Worksheet, name: str, width: int, rows: int = 2) -> None:
    style = TableStyleInfo(name="TableStyleLight1", showRowStripes=True)
    ref = f"A1:{column_letter(width)}{rows}"
    ws.add_table(Table(displayName=name, ref=ref, tableStyleInfo=style))


def _text_column(ws: Worksheet, letter: str) -> None:
    """Keep what is typed in the column as text (so a Ref of 1.10 stays 1.10)."""
    ws.column_dimensions[letter].number_format = "@"
    ws[f"{letter}2"].number_format = "@"


def _settings(wb: Workbook, ws: Worksheet, values: dict[str, object]) -> None:
    _heading_row(ws, layout.SETTINGS_HEADINGS)
    for letter, width in (("A", 38), ("B", 36), ("D", 60)):
        ws.column_dimensions[letter].width = width
    about_head = put_text(ws["D1"], "About this setting")
    about_head.font = _font(bold=True, color=_USER_HEAD[0])
    about_head.alignment = Alignment(vertical="center")
    for row, spec in enumerate(layout.SETTINGS_ROWS, 2):
        put_text(ws.cell(row, 1), spec.label).alignment = _TOP
        value = values.get(spec.name)
        cell = ws.cell(row, 2)
        if isinstance(value, str):
            put_text(cell, value)
        else:
            cell.value = value
        cell.alignment = Alignment(horizontal="left", vertical="top")
        about = guide_text.SETTING_HELP[spec.name]
        put_text(ws.cell(row, 4), about).alignment = _WRAP
        _name(wb, spec.name, ws.title, f"$B${row}")
        ref, title = f"B{row}", spec.label
        if spec.kind == "date":
            cell.number_format = _DATE_FORMAT
            error = "Please type a date, for example 01/04/2026."
            span = {"formula1": "DATE(2000,1,1)", "formula2": "DATE(2099,12,31)"}
            _validate(ws, ref, title, about, type="date", operator="between", error=error, **span)
        elif spec.kind in ("int", "number"):
            low, high = SETTING_LIMITS.get(spec.name, (0, 100000))
            kind = "whole" if spec.kind == "int" else "decimal"
            error = f"Please type a number from {low} to {high}."
            _validate(ws, ref, title, about, type=kind, operator="between",
                      formula1=str(low), formula2=str(high), error=error)  # fmt: skip
        elif spec.kind == "yesno":
            _pick(ws, ref, layout.YES_NO_LIST_NAME, title, about)
        else:
            _validate(ws, ref, title, about)
    _table(ws, layout.SETTINGS_TABLE, 2, len(layout.SETTINGS_ROWS) + 1)
    ws.freeze_panes = "A2"


def _rag_colours(ws: Worksheet, letter: str, words: tuple[str, ...]) -> None:
    """Colour each RAG word in the column; the word itself stays visible."""
    for word in words:
        fill, colour = RAG_STYLES[word]
        rule = CellIsRule(
            operator="equal",
            formula=[f'"{word}"'],
            fill=_fill(fill),
            font=Font(bold=True, color=colour),
        )
        ws.conditional_formatting.add(f"{letter}2:{letter}{FORMAT_ROWS + 1}", rule)


def _actions(ws: Worksheet) -> None:
    headings = layout.ACTION_HEADINGS + layout.COMPUTED_HEADINGS
    _heading_row(ws, headings, tool=layout.COMPUTED_HEADINGS, height=46)
    col = {heading: column_letter(i) for i, heading in enumerate(headings, 1)}

    def rows(heading: str) -> str:
        return f"{col[heading]}2:{col[heading]}{FORMAT_ROWS + 1}"

    _text_column(ws, col["Ref"])
    _pick(ws, rows("Status"), layout.STATUS_LIST_NAME, "Status", "Choose from the list.")
    _pick(ws, rows("Self-assessed RAG"), layout.SELF_RAG_LIST_NAME, "Self-assessed RAG",
          "Your own view: Blue (complete), Green, Amber, Red, or n/a.")  # fmt: skip
    _validate(ws, rows("% Complete"), "% Complete", "A whole number from 0 to 100.",
              type="whole", operator="between", formula1="0", formula2="100",
              error="Please type a whole number from 0 to 100.")  # fmt: skip
    _validate(ws, rows("Deadline"), "Deadline", guide_text.DEADLINE_HELP)
    for heading in layout.COMPUTED_HEADINGS:
        _validate(ws, rows(heading), "Filled in by Refresh", guide_text.COMPUTED_HELP)
    ws[f"{col['Due date']}2"].number_format = _DATE_FORMAT
    for heading in ("% Complete", "Self-assessed RAG", "Computed RAG", "Days left"):
        ws[f"{col[heading]}2"].alignment = _CENTRE
    _rag_colours(ws, col["Self-assessed RAG"], ("Blue", "Green", "Amber", "Red", "n/a"))
    _rag_colours(ws, col["Computed RAG"], ("Blue", "Green", "Amber", "Red", "Grey"))
    _table(ws, layout.ACTIONS_TABLE, len(headings))
    ws.freeze_panes = "B2"


def _milestones(ws: Worksheet) -> None:
    _heading_row(ws, layout.MILESTONE_HEADINGS)
    _text_column(ws, "A")
    _validate(ws, f"D2:D{FORMAT_ROWS + 1}", "Done", guide_text.DONE_HELP)
    _table(ws, layout.MILESTONES_TABLE, len(layout.MILESTONE_HEADINGS))
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


def _timeline(ws: Worksheet, plan_year_start: dt.date | None) -> None:
    months = timeline_months(plan_year_start)
    labels = [m if isinstance(m, str) else m.strftime("%b %y") for m in months]
    _heading_row(ws, (*layout.TIMELINE_LEADING, *labels, *layout.TIMELINE_TRAILING))
    first = len(layout.TIMELINE_LEADING) + 1
    for offset, month in enumerate(months):
        cell = ws.cell(1, first + offset)
        cell.value = month  # a real date when the plan year is known
        cell.number_format = "mmm yy"
        cell.alignment = Alignment(horizontal="center", vertical="center")
        ws.column_dimensions[column_letter(first + offset)].width = 8
        ws.cell(2, first + offset).alignment = _CENTRE
    _text_column(ws, "A")
    ws.freeze_panes = ws.cell(2, first).coordinate


def _placeholder(ws: Worksheet) -> None:
    put_text(ws["A1"], ws.title).font = _font(size=16, bold=True)
    put_text(ws["A3"], guide_text.PLACEHOLDER).font = _font(size=12, bold=True)
    put_text(ws["A4"], guide_text.PLACEHOLDERS[ws.title])
    put_text(ws["A5"], guide_text.PLACEHOLDER_CLI).font = _font(italic=True, color="595959")
    ws.column_dimensions["A"].width = 90


def main(argv: list[str] | None = None) -> int:
    """Regenerate the committed template (or write it to the path given as the only argument)."""
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else TEMPLATE_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    print(write_template(target))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
