"""One action row of a table → :class:`Action`: leads, dates, start + duration, % complete.

Pure functions used by :mod:`workbook_tools.core.reading`.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from .cells import cell_text, read_percent, split_leads
from .deadline_forms import day_first_text
from .deadlines import read_date, read_deadline
from .durations import read_duration
from .model import Action, Check, Deadline, DeadlineKind, Grid, RowCells, Severity
from .rules import normalise_self_rag, normalise_status
from .vocabulary import Rag, Status

_IN_PROGRESS = Status.IN_PROGRESS  # what a blank Status cell means
#: What a blank Deadline cell gives (immutable, so shared, as ``read_deadline(None)`` shares it).
_NO_DEADLINE = Deadline("")


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
    grid, header, priority, column letters, whether % complete is a fraction), from the row's
    cleaned cells by field, ``values``. A blank cell gives the field's default without a call:
    a Timeline row has four fields of the twenty an action can have, and a plan 20,000 rows.
    """
    grid, header = state.grid, state.header
    get = values.get
    if state.text_field == "action" and get("priority") not in (None, ""):
        state.priority = str(values["priority"])
    lead = get("lead")
    leads, supporting = split_leads(cell_text(lead)) if lead is not None else ((), None)
    start, start_text, deadline = _dates(values, header.duration_days, state.month_first)
    percent_value = get("percent")
    percent = None if percent_value is None else _percent(state, r, percent_value)
    status, status_text = _status_of(get("status"))
    self_rag, self_rag_text = _self_rag_of(get("self_rag"))
    cells = RowCells(state.letters, r + 1)
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
        start_text=start_text,
        deadline=deadline,
        status=status,
        status_text=status_text,
        percent=percent,
        self_rag=self_rag,
        self_rag_text=self_rag_text,
        commentary=_text(get("commentary")),
        date_provided=get("date_provided"),
        corrective=_text(get("corrective")),
        success=_text(get("success")),
        resources=_text(get("resources")),
        risk=_text(get("risk")),
        notes=_text(get("notes")),
        planned_months=marks,
        cells=cells,
        extra={name: grid.value(r, c) for c, name in header.extras.items()},
    )
    if "duration" in values:
        action.extra.setdefault(_heading(grid, header, "duration"), values.get("duration"))
    if percent_value not in (None, "") and percent is None:
        message = f"Could not read the % complete '{values['percent']}'"
        checks.append(Check(Severity.ERROR, grid.name, cells["percent"], message))
    return action


def _day_first(values: dict[str, object]) -> dict[str, object]:
    """The row's Start and Deadline texts with month-first dates turned day first."""
    return {
        key: day_first_text(value) if key in ("start", "deadline") and isinstance(value, str)
        else value
        for key, value in values.items()
    }  # fmt: skip


def _dates(
    values: dict[str, object], unit_days: int, month_first: bool = False
) -> tuple[dt.date | None, str | None, Deadline]:
    """The Start cell's date (its text when it holds no date) and the deadline: the Deadline
    cell's, else start + duration when the table has a Duration column (dates typed month
    first when ``month_first``)."""
    if month_first:
        values = _day_first(values)
    get = values.get
    start_value = get("start")
    start = None if start_value is None else read_date(start_value)
    start_text = cell_text(start_value) if start is None and start_value is not None else None
    deadline_value = get("deadline")
    deadline = _NO_DEADLINE if deadline_value is None else read_deadline(deadline_value)
    if not deadline.text and start is not None and get("duration") not in (None, ""):
        deadline = _start_plus(start, values["duration"], unit_days)
    return start, start_text, deadline


def _percent(state: Any, r: int, value: object) -> float | None:
    """% complete as 0–100: a fraction is scaled in a percent-formatted cell, or when the
    column holds fractions."""
    percent_col = state.header.columns.get("percent")
    return read_percent(value, state.fractions or (r, percent_col) in state.grid.percent)


def _status_of(value: object) -> tuple[Status, str | None]:
    """The status a Status cell means, and its text (blank: In progress)."""
    if value is None:
        return _IN_PROGRESS, None
    if value.__class__ is str:
        return _status_word(value)
    return normalise_status(value), cell_text(value)


def _self_rag_of(value: object) -> tuple[Rag | None, str | None]:
    """The self-assessed RAG a cell means, and its text (blank: none)."""
    if value is None:
        return None, None
    if value.__class__ is str:
        return _rag_word(value)
    return normalise_self_rag(value), cell_text(value)


# A plan types a handful of status and RAG words on thousands of rows: each is read once.
@functools.lru_cache(maxsize=1024)
def _status_word(text: str) -> tuple[Status, str | None]:
    return normalise_status(text), cell_text(text)


@functools.lru_cache(maxsize=1024)
def _rag_word(text: str) -> tuple[Rag | None, str | None]:
    return normalise_self_rag(text), cell_text(text)


def _text(value: object) -> str | None:
    """:func:`cell_text`, without a call for a blank or a text cell."""
    if value is None:
        return None
    return (value.strip() or None) if value.__class__ is str else cell_text(value)


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
