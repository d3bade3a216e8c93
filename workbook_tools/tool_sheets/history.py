"""The History sheet: one row per as-of date, read back on the next refresh.

Beside the main table (As of, a count per RAG, Total, On track (%)) sits a second table with the
counts per priority, so that the next refresh can give each priority a direction of travel.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from ..core import layout
from ..core.model import RAG_ORDER, Grid
from ..core.summary import cross_table, history_row
from ..core.travel import share_on_track
from .content import (
    DATE,
    INT,
    NOTE,
    NUMBER,
    RAG_COLOURS,
    TITLE,
    WRAP,
    ChartSpec,
    Series,
    SheetContent,
    as_date,
)

#: History table headings (WORKBOOK.md: one row per as-of date).
HISTORY_HEADINGS: tuple[str, ...] = (
    "As of",
    *(rag.value for rag in RAG_ORDER),
    "Total",
    "On track (%)",
)
#: Headings of the per-priority table beside it.
HISTORY_PRIORITY_HEADINGS: tuple[str, ...] = (
    "As of",
    "Priority",
    *(rag.value for rag in RAG_ORDER),
    "Total",
)
#: The key of a History row holding its per-priority counts.
PRIORITIES = "Priorities"
_HEADER_ROW = 4


def _int(value: object) -> int:
    if isinstance(value, bool):
        return 0
    if isinstance(value, int | float) and value == value:
        return int(value)
    return 0


def _heading(grid: Grid, r: int, c: int) -> str:
    return str(grid.value(r, c) or "").strip().casefold()


def read_history(grid: Grid | None) -> list[dict]:
    """The rows of a History sheet written by an earlier refresh, oldest first.

    Each row is a dict with "As of" (a date), a count per RAG word, "Total", "On track (%)" and
    "Priorities" (priority → RAG word → count). Rows that do not start with a date are skipped.
    """
    if grid is None:
        return []
    header = next(
        (r for r in range(min(12, len(grid.rows))) if _heading(grid, r, 0) == "as of"), None
    )
    if header is None:
        return []
    heads = {str(v).strip().casefold(): c for c, v in enumerate(grid.rows[header]) if v}
    rows: dict[dt.date, dict] = {}
    for r in range(header + 1, len(grid.rows)):
        day = as_date(grid.value(r, 0))
        if day is None:
            continue
        row: dict = {"As of": day}
        for rag in RAG_ORDER:
            row[rag.value] = _int(grid.value(r, heads.get(rag.value.casefold(), -1)))
        row["Total"] = sum(row[rag.value] for rag in RAG_ORDER)
        share = share_on_track(row)
        row["On track (%)"] = None if share is None else round(share, 1)
        row[PRIORITIES] = {}
        rows[day] = row
    width = len(grid.rows[header])
    start = next(
        (
            c
            for c in range(1, width)
            if _heading(grid, header, c) == "priority" and _heading(grid, header, c - 1) == "as of"
        ),
        None,
    )
    if start is not None:
        for r in range(header + 1, len(grid.rows)):
            day, name = as_date(grid.value(r, start - 1)), grid.value(r, start)
            if day not in rows or name in (None, ""):
                continue
            counts = {
                rag.value: _int(grid.value(r, start + 1 + i)) for i, rag in enumerate(RAG_ORDER)
            }
            rows[day][PRIORITIES][str(name)] = counts
    return [rows[day] for day in sorted(rows)]


def new_history(history: Sequence[Mapping], result: object) -> list[dict]:
    """``history`` with the row for the result's as-of date added or replaced, by date. A plan
    with no actions yet adds no row (a row of noughts would read as every action gone)."""
    as_of: dt.date = result.as_of  # type: ignore[attr-defined]
    plan, ratings = result.plan, result.ratings  # type: ignore[attr-defined]
    if not plan.actions:
        return sorted((dict(h) for h in history), key=lambda h: as_date(h["As of"]) or dt.date.min)
    row = history_row(as_of, ratings)
    row[PRIORITIES] = {
        str(name): {rag.value: int(counts[rag.value]) for rag in RAG_ORDER}
        for name, counts in cross_table(plan.actions, ratings, "priority").iterrows()
    }
    kept = [dict(h) for h in history if as_date(h.get("As of")) != as_of]
    return sorted([*kept, row], key=lambda h: as_date(h["As of"]) or dt.date.min)


def previous_row(history: Sequence[Mapping], as_of: dt.date) -> Mapping | None:
    """The latest History row dated before ``as_of``, or ``None``."""
    earlier = [h for h in history if (as_date(h.get("As of")) or dt.date.max) < as_of]
    return max(earlier, key=lambda h: as_date(h["As of"]) or dt.date.min, default=None)


def history_sheet(rows: Sequence[Mapping]) -> SheetContent:
    """The History sheet: one row per as-of date, per-priority counts beside it, a trend chart."""
    top = _HEADER_ROW
    sheet = SheetContent(layout.HISTORY, title_rows=(top, top), freeze=(top + 1, 2))
    sheet.put(1, 1, layout.HISTORY, TITLE)
    sheet.put(
        2,
        1,
        "One row per as-of date, written by Refresh. The Summary's direction of "
        "travel compares with the row before this one.",
        NOTE,
    )
    side = len(HISTORY_HEADINGS) + 2
    sheet.heading_row(top, 1, HISTORY_HEADINGS)
    sheet.heading_row(top, side, HISTORY_PRIORITY_HEADINGS)
    row = prow = top + 1
    for entry in rows:
        day = as_date(entry["As of"])
        sheet.put(row, 1, day, DATE)
        counts = [_int(entry.get(rag.value)) for rag in RAG_ORDER]
        for col, value in enumerate([*counts, sum(counts)], 2):
            sheet.put(row, col, value, INT)
        sheet.put(row, len(HISTORY_HEADINGS), entry.get("On track (%)"), NUMBER)
        row += 1
        for name, by_rag in (entry.get(PRIORITIES) or {}).items():
            values = [_int(by_rag.get(rag.value)) for rag in RAG_ORDER]
            sheet.put(prow, side, day, DATE)
            sheet.put(prow, side + 1, name, WRAP)
            for i, value in enumerate([*values, sum(values)]):
                sheet.put(prow, side + 2 + i, value, INT)
            prow += 1
    last = row - 1
    sheet.boxes.append((top, 1, max(last, top), len(HISTORY_HEADINGS)))
    sheet.boxes.append((top, side, max(prow - 1, top), side + len(HISTORY_PRIORITY_HEADINGS) - 1))
    sheet.widths = {1: 13, **{c: 8 for c in range(2, len(HISTORY_HEADINGS))}}
    sheet.widths.update({len(HISTORY_HEADINGS): 10, side: 13, side + 1: 36})
    sheet.widths.update({c: 8 for c in range(side + 2, side + len(HISTORY_PRIORITY_HEADINGS))})
    if last > top:
        series = tuple(
            Series((top, col), (col, top + 1, last), RAG_COLOURS[rag.value][0])
            for col, rag in enumerate(RAG_ORDER, 2)
        )
        sheet.charts.append(
            ChartSpec(
                "line",
                "Actions by RAG over time",
                (last + 3, 1),
                14.5,
                7.5,
                (1, top + 1, last),
                series,
            )
        )
    sheet.fit_heights()
    return sheet
