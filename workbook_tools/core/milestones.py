"""Milestones: the Milestones table, multi-date deadlines, and dated continuation rows.

Pure functions over grids and actions, used by :mod:`workbook_tools.core.reading`.
"""

from __future__ import annotations

from . import layout
from .cells import clean_text, parse_ref
from .deadlines import read_date, read_deadline
from .model import Action, DeadlineKind, Grid, Milestone
from .vocabulary import DONE_WORDS

#: Longest cell read as a date standing alone in a continuation row.
_DATE_CELL = 40


def read_milestones(grid: Grid) -> list[Milestone]:
    """Rows of a Milestones table (Ref · Milestone · Due · Done · Notes)."""
    wanted = {key: heading.casefold() for key, heading in layout.MILESTONE_FIELDS}
    for r in range(min(30, len(grid.rows))):
        cells = {str(v).strip().casefold(): c for c, v in enumerate(grid.rows[r]) if v is not None}
        if {"ref", "milestone", "due"} <= set(cells):
            cols = {key: cells.get(text) for key, text in wanted.items()}
            break
    else:
        return []
    found = []
    for rr in range(r + 1, len(grid.rows)):

        def get(key: str, row: int = rr) -> object:
            return clean_text(grid.value(row, cols[key])) if cols.get(key) is not None else None

        ref, title = parse_ref(get("ref")), get("milestone")
        if ref is None and title is None:
            continue
        done_value = get("done")
        done_text = str(done_value).strip().casefold() if isinstance(done_value, str) else ""
        found.append(
            Milestone(
                ref=ref,
                title=str(title or ""),
                due=read_date(get("due")),
                done=done_text in DONE_WORDS,
                done_on=read_date(done_value)
                if (done_value is not None and not done_text)
                or done_text not in {"", "no", "n", *DONE_WORDS}
                else None,
                sheet=grid.name,
                row=rr + 1,
            )
        )
    return found


def add_deadline_milestones(action: Action) -> None:
    """The earlier dates of a multi-date deadline (all dates of a recurring one) as milestones."""
    deadline = action.deadline
    dates = deadline.dates if deadline.kind == DeadlineKind.ONGOING else deadline.milestones
    for day in dates:
        action.milestones.append(
            Milestone(
                ref=action.ref,
                title="interim date",
                due=day,
                from_deadline=True,
                sheet=action.sheet,
                row=action.row,
            )
        )


def continuation_milestones(
    last: Action, values: dict[str, object], cells: list[tuple[int, object]], sheet: str, r: int
) -> None:
    """The dates of a continuation row as milestones of the action above it.

    The row's Deadline cell gives them; when it is blank, a cell that holds a date and nothing
    else does (a document's table whose cells slipped a column: "Corporate Plan final draft
    agreed by IE | 28 February 2009"). Titles come from the row's Notes, Success criteria or
    Action text. When the action's own deadline cell is blank, these dates are that cell
    carried on over the rows (a page break), so the latest is its due date (RULES §1).
    """
    own_dates = bool(last.deadline.text.strip())
    deadline = read_deadline(values.get("deadline"))
    dates = deadline.dates
    if not dates and values.get("deadline") in (None, ""):
        for _c, value in cells:
            text = clean_text(value)
            if isinstance(text, str) and len(text) <= _DATE_CELL:
                alone = read_deadline(text)
                if alone.dates and alone.kind.value == "date" and _date_only(text):
                    dates = alone.dates
                    break
    title = values.get("notes") or values.get("success") or values.get("action")
    if title is not None and read_deadline(title).dates and _date_only(str(title)):
        title = values.get("action") or values.get("success")
    for day in dates:
        last.milestones.append(
            Milestone(
                ref=last.ref,
                title=str(title or f"interim date on row {r + 1}"),
                due=day,
                from_deadline=own_dates,
                sheet=sheet,
                row=r + 1,
            )
        )


def _date_only(text: str) -> bool:
    """Whether ``text`` is a date and little else (at most four words)."""
    return len(text.split()) <= 4


__all__ = ["add_deadline_milestones", "continuation_milestones", "read_milestones"]
