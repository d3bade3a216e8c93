"""Refresh write-back on an openpyxl workbook: computed columns, Timeline marks, tool sheets.

What changes, and nothing else:

* **Computed columns** (Computed RAG, RAG reason, Due date, Days left, Flags) beside every table
  of actions: in the template they are the Actions table's last five columns; in a legacy layout
  they are added to the right of the table's last heading (in the first five empty columns) and
  found again by their headings on the next refresh. Their cells below the heading are the
  tool's: rows that are not actions are cleared. When actions were typed below the end of the
  ``Actions`` table, the table (and its filter) is extended down to the last action.
* **Timeline** (the sheet named Timeline only): the Ref cell of each action row is filled with
  its RAG colour and the as-of month's heading is marked in purple (the mark moves when the
  as-of month does). This is the one place refresh styles cells of a user sheet; values, other
  cells and the month marks are never changed.
* **Summary, Exceptions, Checks, History** are deleted and written again at the same position
  (created, in the template's sheet order, when missing).

A sheet with one of those four names that refresh did not make (in a workbook that is not the
template) is the user's own: refresh refuses rather than overwrite it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from openpyxl.cell.cell import MergedCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils.cell import range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from workbook_tools import layout
from workbook_tools import tool_sheets as ts
from workbook_tools.errors import WouldLoseDataError
from workbook_tools.model import Action, Rating, TableLocation, column_letter
from workbook_tools.writers.sheet_content import fill as _fill
from workbook_tools.writers.sheet_content import sheet_named as _sheet
from workbook_tools.writers.sheet_content import store, write_sheet
from workbook_tools.writers.template_style import WIDTHS
from workbook_tools.writers.timeline_marks import AS_OF_MARK, mark_timeline

#: Computed field → heading, in column order.
COMPUTED: dict[str, str] = ts.COMPUTED_COLUMNS
_TOOL_HEAD = "595959"
_TOOL_BODY = "F2F2F2"
_DATE_FORMAT = "dd mmm yyyy"
_FREE_SEARCH = 40
_LEGACY_WIDTHS = {
    "Computed RAG": 14,
    "RAG reason": 46,
    "Due date": 12,
    "Days left": 10,
    "Flags": 26,
}


@dataclass
class RefreshWrite:
    """What :func:`apply_refresh` changed: the sheets it rebuilt and, per user sheet, the
    1-based columns it owns (computed columns) or styled (the Timeline's Ref column)."""

    owned_sheets: list[str] = field(default_factory=list)
    owned_columns: dict[str, list[int]] = field(default_factory=dict)
    styled_columns: dict[str, list[int]] = field(default_factory=dict)


# --------------------------------------------------------------------------------------------
# Computed columns
# --------------------------------------------------------------------------------------------


def _value(cell: object) -> object:
    value = getattr(cell, "value", None)
    return None if value == "" else value


def _band_is_free(ws: Worksheet, loc: TableLocation, start: int, width: int) -> bool:
    for col in range(start, start + width):
        for row in range(loc.header_row, loc.last_row + 1):
            cell = ws._cells.get((row, col))
            if isinstance(cell, MergedCell) or _value(cell) is not None:
                return False
    return True


def _columns(ws: Worksheet, loc: TableLocation) -> tuple[dict[str, int], list[str]]:
    """Where each computed column is, and which of them are new (headings still to write)."""
    found = {f: loc.columns[f] for f in COMPUTED if f in loc.columns}
    missing = [f for f in COMPUTED if f not in found]
    if missing:
        start = max([loc.last_col, *found.values()]) + 1
        for _ in range(_FREE_SEARCH):
            if _band_is_free(ws, loc, start, len(missing)):
                break
            start += 1
        found.update({f: start + i for i, f in enumerate(missing)})
    return found, missing


def _heading(
    ws: Worksheet, row: int, col: int, text: str, *, template: bool, width: bool = False
) -> None:
    """A computed column's heading, styled as the template's tool-owned headings. Beside a
    legacy table (whose rows keep the heights the officer gave them) the text does not wrap and
    the new columns are wide enough for most reasons on one line."""
    cell = ws.cell(row, col)
    if isinstance(cell, MergedCell):
        return
    store(cell, text)
    cell.fill = _fill(_TOOL_HEAD)
    cell.font = Font(bold=True, italic=True, color="FFFFFF")
    cell.alignment = Alignment(vertical="center", wrap_text=template or None)
    if width:
        widths = WIDTHS if template else _LEGACY_WIDTHS
        ws.column_dimensions[column_letter(col)].width = widths.get(text, 14)


def _repeated_headers(ws: Worksheet, loc: TableLocation, action_rows: set[int]) -> list[int]:
    """Rows inside the table that repeat its header row (page headers of a pasted document)."""
    user = [c for f, c in loc.columns.items() if f not in COMPUTED]
    head = [_value(ws.cell(loc.header_row, c)) for c in user]
    found = []
    for row in range(loc.first_row, loc.last_row + 1):
        if row in action_rows:
            continue
        if all(_value(ws._cells.get((row, c))) == h for c, h in zip(user, head, strict=True)):
            found.append(row)
    return found


def _last_row(ws: Worksheet, loc: TableLocation, cols: Sequence[int], template: bool) -> int:
    """The last row whose computed cells refresh may have written before."""
    last = loc.last_row
    if template:
        table = ws.tables.get(layout.ACTIONS_TABLE)
        if table is not None:
            last = max(last, range_boundaries(table.ref)[3])
        for (row, col), cell in ws._cells.items():
            if col in cols and row > last and _value(cell) is not None:
                last = row
        return last
    user = [c for f, c in loc.columns.items() if f not in COMPUTED]
    row = last + 1
    while any(_value(ws._cells.get((row, c))) is not None for c in cols) and not any(
        _value(ws._cells.get((row, c))) is not None for c in user
    ):
        last, row = row, row + 1
    return last


def _write_row(
    ws: Worksheet, row: int, cols: Mapping[str, int], rating: Rating | None, *, wrap: bool
) -> None:
    """One row of computed cells: the rating's values, or empty plain cells for a row that is
    not an action."""
    values = ts.computed_values(rating) if rating is not None else {}
    for key, col in cols.items():
        if rating is None:
            cell = ws._cells.get((row, col))
            if cell is not None and not isinstance(cell, MergedCell):
                cell.value = None
                cell.style = "Normal"
            continue
        cell = ws.cell(row, col)
        if isinstance(cell, MergedCell):
            continue
        value = values[key]
        store(cell, value)
        if key == "computed_rag":
            fill, colour = ts.RAG_COLOURS[str(value)]
            cell.fill = _fill(fill)
            cell.font = Font(bold=True, color=colour)
        else:
            cell.fill = _fill(_TOOL_BODY)
            cell.font = Font(color="000000")
        centre = key in ("computed_rag", "days_left")
        wrapped = wrap and key in ("rag_reason", "flags")
        cell.alignment = Alignment(
            horizontal="center" if centre else None, vertical="top", wrap_text=wrapped or None
        )
        cell.number_format = {"due_date": _DATE_FORMAT, "days_left": "0"}.get(key, "General")


def _grow_table(ws: Worksheet, last: int) -> None:
    """Extend the Actions table (and its filter) down to ``last`` when actions were typed below."""
    table = ws.tables.get(layout.ACTIONS_TABLE)
    if table is None:
        return
    min_col, min_row, max_col, max_row = range_boundaries(table.ref)
    if last <= max_row:
        return
    for other in ws.tables.values():
        if other is table:
            continue
        o_min_col, o_min_row, o_max_col, _ = range_boundaries(other.ref)
        if (
            o_min_row <= last
            and o_min_row > max_row
            and o_min_col <= max_col
            and o_max_col >= min_col
        ):
            return  # another table sits below: leave the table as the user made it
    ref = f"{column_letter(min_col)}{min_row}:{column_letter(max_col)}{last}"
    table.ref = ref
    if table.autoFilter is not None:
        table.autoFilter.ref = ref


def write_computed(wb: Workbook, plan: object, ratings: Sequence[Rating]) -> dict[str, list[int]]:
    """Write the computed columns beside every table of actions; return sheet → columns."""
    pairs: dict[tuple[str, int], tuple[Action, Rating]] = {
        (a.sheet, a.row): (a, r)
        for a, r in zip(plan.actions, ratings, strict=True)  # type: ignore[attr-defined]
    }
    template: bool = plan.is_template  # type: ignore[attr-defined]
    owned: dict[str, list[int]] = {}
    for loc in plan.tables:  # type: ignore[attr-defined]
        ws = _sheet(wb, loc.sheet)
        if ws is None or (template and loc.sheet.casefold() != layout.ACTIONS.casefold()):
            continue
        rows = {row for (sheet, row) in pairs if sheet == loc.sheet}
        rows = {row for row in rows if loc.first_row <= row <= loc.last_row}
        if not rows and not template:
            continue
        cols, missing = _columns(ws, loc)
        for key in missing:
            _heading(ws, loc.header_row, cols[key], COMPUTED[key], template=template, width=True)
        heads = [] if template else _repeated_headers(ws, loc, rows)
        for row in heads:
            for key, col in cols.items():
                _heading(ws, row, col, COMPUTED[key], template=template)
        last = _last_row(ws, loc, list(cols.values()), template)
        for row in range(loc.first_row, last + 1):
            if row in heads:
                continue
            pair = pairs.get((loc.sheet, row)) if row in rows else None
            _write_row(ws, row, cols, pair[1] if pair else None, wrap=template)
        if template and rows:
            _grow_table(ws, max(rows))
        owned.setdefault(ws.title, [])
        owned[ws.title] = sorted(set(owned[ws.title]) | set(cols.values()))
    return owned


# --------------------------------------------------------------------------------------------
# Tool sheets
# --------------------------------------------------------------------------------------------


def _owned_by_tool(ws: Worksheet, template: bool) -> bool:
    if template:
        return True
    title = ws["A1"].value
    return isinstance(title, str) and title.strip().casefold() == ws.title.casefold()


def check_tool_sheets(wb: Workbook, template: bool) -> None:
    """Refuse (nothing changed) when a sheet named like a rebuilt sheet is the user's own."""
    for name in ts.REBUILT:
        ws = _sheet(wb, name)
        if ws is not None and not _owned_by_tool(ws, template):
            raise WouldLoseDataError(
                f"the sheet '{ws.title}' was not made by refresh, which rebuilds a sheet of "
                "that name; rename your sheet and refresh again",
                sheet=ws.title,
            )
    for sheet in wb.chartsheets:
        if sheet.title.casefold() in {n.casefold() for n in ts.REBUILT}:
            raise WouldLoseDataError(
                f"the chart sheet '{sheet.title}' has the name of a sheet refresh rebuilds; "
                "rename it and refresh again",
                sheet=sheet.title,
            )


def _position(wb: Workbook, name: str) -> int:
    """Where a new tool sheet goes: after the last sheet that comes before it in the template's
    order, else at the end."""
    order = [n.casefold() for n in layout.SHEET_ORDER]
    before = set(order[: order.index(name.casefold())])
    places = [i for i, ws in enumerate(wb._sheets) if ws.title.casefold() in before]
    return max(places) + 1 if places else len(wb._sheets)


def replace_sheet(wb: Workbook, name: str) -> Worksheet:
    """An empty sheet called ``name`` where the old one was (or in template order)."""
    old = _sheet(wb, name)
    if old is None:
        return wb.create_sheet(name, _position(wb, name))
    index = wb._sheets.index(old)
    selected, state = old.sheet_view.tabSelected, old.sheet_state
    wb.remove(old)
    ws = wb.create_sheet(old.title, index)
    ws.sheet_view.tabSelected = selected
    ws.sheet_state = state
    return ws


def apply_refresh(
    wb: Workbook,
    result: object,
    *,
    history: Sequence[Mapping],
    generated_at: dt.datetime,
) -> RefreshWrite:
    """Write a refresh of ``result`` (a ``PlanResult``) into ``wb``.

    ``history`` is the History sheet's rows before this refresh (:func:`tool_sheets.
    read_history`); ``generated_at`` the time shown on the Summary. Raises
    :class:`WouldLoseDataError` before changing anything when a sheet refresh would rebuild is
    the user's own.
    """
    plan, ratings = result.plan, result.ratings  # type: ignore[attr-defined]
    check_tool_sheets(wb, plan.is_template)
    owned = write_computed(wb, plan, ratings)
    styled = mark_timeline(wb, plan, ratings, result.as_of)  # type: ignore[attr-defined]
    written = RefreshWrite(owned_columns=owned, styled_columns=styled)
    active = wb.active
    for content in ts.tool_sheets(result, history, generated_at):
        ws = replace_sheet(wb, content.name)
        write_sheet(ws, content)
        written.owned_sheets.append(ws.title)
    if active is not None and active.title in wb.sheetnames:
        wb.active = wb.sheetnames.index(active.title)
    if has_formulas(wb):
        wb.calculation.fullCalcOnLoad = True
    return written


def has_formulas(wb: Workbook) -> bool:
    """Whether any cell of any worksheet holds a formula."""
    return any(cell.data_type == "f" for ws in wb.worksheets for cell in ws._cells.values())


__all__ = [
    "AS_OF_MARK",
    "COMPUTED",
    "RefreshWrite",
    "apply_refresh",
    "check_tool_sheets",
    "has_formulas",
    "mark_timeline",
    "replace_sheet",
    "write_computed",
]
