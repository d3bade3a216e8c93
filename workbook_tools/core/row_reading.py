"""One action row of a table → :class:`Action`: leads, dates, start + duration, % complete.

Pure functions used by :mod:`workbook_tools.core.reading`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .cells import cell_text, read_percent, split_leads
from .deadlines import read_date, read_deadline
from .durations import read_duration
from .model import Action, Check, Deadline, DeadlineKind, Grid, Severity
from .rules import normalise_self_rag, normalise_status


def make_action(
    state: Any,
    r: int,
    values: dict[str, object],
    ref: str | None,
    text: str,
    marks: tuple[dt.date, ...],
    checks: list[Check],
) -> Action:
    """The action on row ``r`` (0-based) of the table ``state`` (the reader's table state:
    grid, header, priority, column letters, whether % complete is a fraction)."""
    grid, header = state.grid, state.header
    if header.text_field == "action" and values.get("priority") not in (None, ""):
        state.priority = str(values["priority"])
    leads, supporting = split_leads(cell_text(values.get("lead")))
    start_value = values.get("start")
    start = read_date(start_value)
    deadline = read_deadline(values.get("deadline"))
    if not deadline.text and start is not None and values.get("duration") not in (None, ""):
        deadline = _start_plus(start, values["duration"], header.duration_days)
    percent_col = header.columns.get("percent")
    percent = read_percent(
        values.get("percent"), state.fractions or (r, percent_col) in grid.percent
    )
    cells = {k: f"{letter}{r + 1}" for k, letter in state.letters.items()}
    action = Action(
        ref=ref,
        priority=state.priority,
        action=text,
        sheet=grid.name,
        row=r + 1,
        lead=leads[0] if leads else None,
        leads=leads,
        supporting=supporting,
        start=start,
        start_text=cell_text(start_value) if start is None else None,
        deadline=deadline,
        status=normalise_status(values.get("status")),
        status_text=cell_text(values.get("status")),
        percent=percent,
        self_rag=normalise_self_rag(values.get("self_rag")),
        self_rag_text=cell_text(values.get("self_rag")),
        commentary=cell_text(values.get("commentary")),
        date_provided=values.get("date_provided"),
        corrective=cell_text(values.get("corrective")),
        success=cell_text(values.get("success")),
        resources=cell_text(values.get("resources")),
        risk=cell_text(values.get("risk")),
        notes=cell_text(values.get("notes")),
        planned_months=marks,
        cells=cells,
        extra={name: grid.value(r, c) for c, name in header.extras.items()},
    )
    if "duration" in values:
        action.extra.setdefault(_heading(grid, header, "duration"), values.get("duration"))
    if values.get("percent") not in (None, "") and percent is None:
        message = f"Could not read the % complete '{values['percent']}'"
        checks.append(Check(Severity.ERROR, grid.name, cells["percent"], message))
    return action


def _heading(grid: Grid, header: Any, key: str) -> str:
    value = grid.value(header.row, header.columns[key])
    return str(value).strip() if value is not None else "Duration"


def _start_plus(start: dt.date, duration: object, unit_days: int) -> Deadline:
    """The deadline of a task given as start + duration: the duration's last day (a one-day
    task ends the day it starts). Unreadable durations leave the deadline blank."""
    days = read_duration(duration, unit_days)
    if days is None:
        return Deadline("")
    due = start + dt.timedelta(days=days - 1)
    return Deadline(due.isoformat(), (due,), DeadlineKind.DATE)


def fractions_in(grid: Grid, col: int, first_row: int, reach: int = 2000) -> bool:
    """Whether a % complete column from a source without number formats holds fractions: every
    number in it is between 0 and 1 and one is not a whole number (0.4 is 40%)."""
    numbers = []
    for r in range(first_row, min(len(grid.rows), first_row + reach)):
        value = grid.value(r, col)
        if isinstance(value, int | float) and not isinstance(value, bool):
            numbers.append(float(value))
    return bool(numbers) and all(0 <= n <= 1 for n in numbers) and any(0 < n < 1 for n in numbers)


def merge_timeline_row(into: Action, other: Action) -> None:
    """Fold a Timeline row into the Actions row with the same ref (the template's two sheets)."""
    into.planned_months = tuple(sorted(set(into.planned_months) | set(other.planned_months)))
    for key in ("lead", "corrective", "action"):
        if not getattr(into, key) and getattr(other, key):
            setattr(into, key, getattr(other, key))
    if not into.leads and other.leads:
        into.leads = other.leads


__all__ = ["fractions_in", "make_action", "merge_timeline_row"]
