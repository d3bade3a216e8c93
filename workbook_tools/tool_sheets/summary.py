"""The Summary sheet: key figures, RAG tables, direction of travel, charts, the Gantt chart.

Laid out for A4 landscape, one page wide: the figures and the overall doughnut on the first
page, each table kept whole on a page with its chart, and the Gantt chart on pages of its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from ..core import layout
from ..core.model import RAG_ORDER
from ..core.rules import planned_start
from ..core.summary import WHOLE_PLAN, counts_table, cross_table, direction_table
from ..core.travel import EXPLAINED
from .content import (
    BODY,
    DATE,
    HEADER,
    INT,
    LABEL,
    NOTE,
    PERCENT,
    PT_PER_CM,
    RAG_CELL,
    RAG_COLOURS,
    SECTION,
    STAMP,
    SUBTITLE,
    TITLE,
    WRAP,
    ChartSpec,
    GanttBar,
    GanttSpec,
    Pager,
    Series,
    SheetContent,
    as_date,
    fmt_date,
    fraction,
    shorten,
)
from .history import PRIORITIES, previous_row

#: What the Summary of a plan with no actions yet says.
NO_ACTIONS = (
    "There are no actions in this plan yet. Add them on the Actions sheet (a Ref, the action, "
    "its lead and its deadline on each row) and refresh again."
)
#: The most actions the Gantt chart shows, and how many go on one printed page.
GANTT_LIMIT = 90
GANTT_PER_PAGE = 28
_WIDTHS = {1: 40, **{c: 10.5 for c in range(2, 9)}}
_CHART_WIDTH_CM = 23.0
_ROW_PT = 15.0
_DOUGHNUT = (11.5, 8.0)  # width, height in cm


def gantt_size(count: int, width_cm: float) -> tuple[float, float]:
    """The Gantt picture's width and height in centimetres for ``count`` bars."""
    return width_cm, 2.8 + 0.44 * max(count, 1)


def _rows_under(height_cm: float) -> int:
    return int(height_cm * PT_PER_CM / _ROW_PT) + 1


def _cross(sheet: SheetContent, row: int, title: str, frame, first: str) -> int:
    """A group × RAG table under a section title; returns the row after it."""
    sheet.put(row, 1, title, SECTION)
    sheet.heading_row(row + 1, 1, [first, *frame.columns])
    r = row + 2
    for name, values in frame.iterrows():
        sheet.put(r, 1, name, WRAP)
        for col, value in enumerate(values.tolist(), 2):
            sheet.put(r, col, int(value), INT)
        r += 1
    sheet.boxes.append((row + 1, 1, r - 1, len(frame.columns) + 1))
    sheet.fit_heights(range(row, r))
    return r


def _facts(sheet: SheetContent, result: object, direction, generated_at: dt.datetime) -> int:
    plan = result.plan  # type: ignore[attr-defined]
    facts: list[tuple[str, object, str]] = [
        ("Organisation", plan.settings.organisation or "", BODY),
        ("Directorate", plan.directorate or "", BODY),
        ("As of", result.as_of, DATE),  # type: ignore[attr-defined]
        ("Generated", generated_at.replace(microsecond=0), STAMP),
        ("Actions", len(plan.actions), INT),
    ]
    if direction is not None:
        whole = direction.iloc[-1]
        facts.append(("On track (of rated actions)", fraction(whole["On track now (%)"]), PERCENT))
        facts.append(("Direction of travel", whole["Direction"], BODY))
    row = 4
    for label, value, style in facts:
        if value == "" and label == "Organisation":
            continue  # a legacy plan names no organisation
        sheet.put(row, 1, label, LABEL)
        sheet.put(row, 2, value, style, align="left")
        sheet.merges.append((row, 2, row, 3))
        if label == "Generated":
            sheet.stamp = (row, 2)
        row += 1
    sheet.boxes.append((4, 1, row - 1, 3))
    return row


def _overall(sheet: SheetContent, row: int, ratings: Sequence) -> int:
    sheet.put(row, 1, "Overall RAG", SECTION)
    sheet.put_row(row + 1, 1, ("RAG", "Actions", "% of actions"), HEADER)
    first = row + 2
    for i, record in enumerate(counts_table(ratings).itertuples(index=False)):
        sheet.put(first + i, 1, record.RAG, RAG_CELL, rag=record.RAG)
        sheet.put(first + i, 2, int(record.Count), INT)
        sheet.put(first + i, 3, record.Percent / 100, PERCENT)
    last = first + len(RAG_ORDER) - 1
    sheet.put(last + 1, 1, "Total", LABEL)
    sheet.put(last + 1, 2, len(ratings), INT)
    sheet.put(last + 1, 3, 1.0 if ratings else 0.0, PERCENT)
    sheet.boxes.append((row + 1, 1, last + 1, 3))
    width, height = _DOUGHNUT
    sheet.charts.append(
        ChartSpec(
            "doughnut",
            "Overall RAG",
            (4, 5),
            width,
            height,
            (1, first, last),
            (Series((row + 1, 2), (2, first, last), RAG_COLOURS["Blue"][0]),),
            tuple(RAG_COLOURS[rag.value][0] for rag in RAG_ORDER),
        )
    )
    return max(last + 3, 4 + _rows_under(height) + 1)


def _by_priority(sheet: SheetContent, pager: Pager, row: int, result: object) -> int:
    frame = cross_table(result.plan.actions, result.ratings, "priority")  # type: ignore[attr-defined]
    top = row
    end = _cross(sheet, row, "RAG by priority", frame, "Priority")
    series = tuple(
        Series((top + 1, col), (col, top + 2, end - 1), RAG_COLOURS[rag.value][0])
        for col, rag in enumerate(RAG_ORDER, 2)
    )
    height = min(3.4 + 0.8 * len(frame), 15.0)
    table_pt = sheet.height_of(top, end)
    chart_pt = height * PT_PER_CM + _ROW_PT
    if pager.room() >= table_pt + chart_pt or (
        pager.room() < table_pt and table_pt + chart_pt <= pager.page
    ):
        pager.place(top, table_pt + chart_pt)  # together, on this page or the next
    else:
        pager.place(top, table_pt)  # the table here, the chart where it fits
        pager.place(end + 1, chart_pt)
    sheet.charts.append(
        ChartSpec(
            "stacked-bar",
            "RAG by priority",
            (end + 2, 1),
            _CHART_WIDTH_CM,
            height,
            (1, top + 2, end - 1),
            series,
        )
    )
    return end + 2 + _rows_under(height) + 1


def _direction(sheet: SheetContent, pager: Pager, row: int, direction, previous) -> int:
    against = (
        f"against {fmt_date(as_date(previous['As of']))}"
        if previous is not None
        else "(no earlier refresh to compare with)"
    )
    top = row
    sheet.put(row, 1, f"Direction of travel by priority {against}", SECTION)
    sheet.heading_row(row + 1, 1, ("Priority", "On track now", "On track before", "Direction"))
    row += 2
    for record in direction.itertuples(index=False):
        sheet.put(row, 1, record[0], LABEL if record[0] == WHOLE_PLAN else WRAP)
        sheet.put(row, 2, fraction(record[1]), PERCENT)
        sheet.put(row, 3, fraction(record[2]), PERCENT)
        sheet.put(row, 4, record[3])
        row += 1
    sheet.boxes.append((top + 1, 1, row - 1, 4))
    sheet.put(
        row,
        1,
        EXPLAINED,
        NOTE,
    )
    sheet.fit_heights(range(top, row + 1))
    pager.place(top, sheet.height_of(top, row + 1))
    return row + 2


def summary_sheet(
    result: object,
    history: Sequence[Mapping],
    generated_at: dt.datetime,
) -> SheetContent:
    """The Summary sheet of a rated plan (a ``PlanResult``); ``history`` is the History sheet's
    rows before this refresh (a row for the same as-of date is not a previous row)."""
    plan, ratings, as_of = result.plan, result.ratings, result.as_of  # type: ignore[attr-defined]
    sheet = SheetContent(layout.SUMMARY, widths=dict(_WIDTHS))
    pager = Pager(sheet)
    sheet.put(1, 1, layout.SUMMARY, TITLE)
    sheet.put(2, 1, plan.settings.plan_title or "Action plan monitoring", SUBTITLE)
    if not plan.actions:
        row = _facts(sheet, result, None, generated_at) + 1
        sheet.put(row, 1, NO_ACTIONS, NOTE)
        sheet.merges.append((row, 1, row, 8))
        sheet.heights[row] = 30.0
        return sheet
    previous = previous_row(history, as_of)
    before: dict[str, Mapping] = dict((previous or {}).get(PRIORITIES) or {})
    if previous is not None:
        before[WHOLE_PLAN] = {rag.value: previous.get(rag.value) or 0 for rag in RAG_ORDER}
    direction = direction_table(plan.actions, ratings, before or None)
    row = _facts(sheet, result, direction, generated_at) + 1
    row = _overall(sheet, row, ratings)
    sheet.fit_heights(range(1, row))
    pager.place(1, sheet.height_of(1, row - 1))
    row = _by_priority(sheet, pager, row, result)
    row = _direction(sheet, pager, row, direction, previous)
    top = row
    row = _cross(sheet, row, "RAG by lead", cross_table(plan.actions, ratings, "lead"), "Lead")
    pager.place(top, sheet.height_of(top, row))
    _gantt(sheet, pager, row + 1, result)
    return sheet


def gantt_bars(result: object) -> tuple[list[GanttBar], int]:
    """The Gantt chart's bars in plan order (actions with a due date, at most
    :data:`GANTT_LIMIT`) and how many actions with a due date did not fit."""
    bars = []
    for action, rating in zip(result.plan.actions, result.ratings, strict=True):  # type: ignore[attr-defined]
        if rating.due is None:
            continue
        start = planned_start(action)
        if start is not None and start > rating.due:
            start = None
        label = shorten(f"{action.ref or ''} {action.action}".strip(), 50)
        bars.append(GanttBar(label, start, rating.due, rating.rag.value))
    return bars[:GANTT_LIMIT], max(len(bars) - GANTT_LIMIT, 0)


def gantt_window(bars: Sequence[GanttBar], as_of: dt.date) -> tuple[dt.date, dt.date]:
    """The dates the Gantt chart spans: every bar, within two years before the as-of date and
    three years after it (bars beyond are cut at the edge)."""
    days = [as_of, *(b.due for b in bars), *(b.start for b in bars if b.start)]
    lo = max(min(days), as_of - dt.timedelta(days=730))
    hi = min(max(days), as_of + dt.timedelta(days=1095))
    if (hi - lo).days < 90:
        lo, hi = lo - dt.timedelta(days=45), hi + dt.timedelta(days=45)
    return lo, hi


def _gantt(sheet: SheetContent, pager: Pager, row: int, result: object) -> None:
    bars, beyond = gantt_bars(result)
    as_of = result.as_of  # type: ignore[attr-defined]
    undated = sum(r.due is None for r in result.ratings)  # type: ignore[attr-defined]
    notes = []
    if undated:
        notes.append(f"{_actions(undated)} no due date, so not on the timeline.")
    if beyond:
        notes.append(
            f"The timeline shows the first {GANTT_LIMIT} dated actions; {beyond} more "
            "are on the Actions sheet."
        )
    if not bars:
        sheet.put(row, 1, "Timeline: " + " ".join(notes), NOTE)
        return
    pager.new_page(row)
    sheet.put(row, 1, "Timeline: planned start to due date, coloured by RAG", SECTION)
    if notes:
        sheet.put(row + 1, 1, " ".join(notes), NOTE)
    row += 2
    window = gantt_window(bars, as_of)
    pages = -(-len(bars) // GANTT_PER_PAGE)
    size = -(-len(bars) // pages)
    chunks = [bars[i : i + size] for i in range(0, len(bars), size)]
    for n, chunk in enumerate(chunks):
        if n:
            pager.new_page(row)
        width, height = gantt_size(len(chunk), _CHART_WIDTH_CM + 1.0)
        part = f" (part {n + 1} of {len(chunks)})" if len(chunks) > 1 else ""
        title = f"Actions as of {fmt_date(as_of)}{part}"
        sheet.gantts.append(GanttSpec((row, 1), width, height, tuple(chunk), as_of, title, window))
        pager.place(row, height * PT_PER_CM)
        row += _rows_under(height) + 1


def _actions(count: int) -> str:
    return "1 action has" if count == 1 else f"{count} actions have"
