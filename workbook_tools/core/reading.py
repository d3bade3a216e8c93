"""Grids → :class:`Plan`: every sheet's tables, milestones, settings and duplicate refs.

Handles the template and the layouts of trackers people already have (see
:mod:`workbook_tools.core.tables` for one sheet's tables, ``docs/headings.md`` for the rules),
Settings and defined names, the Milestones table, Timeline rows merged into their actions, and
the legacy directorate and ``Updated to`` rules (WORKBOOK.md). A workbook whose action table has
no rows yet is a plan with no actions.
"""

from __future__ import annotations

import datetime as dt
import os

from ..errors import NoActionTableError
from . import layout, timeline
from .deadlines import read_date
from .milestones import add_deadline_milestones, read_milestones
from .model import FLAG_DUPLICATE_REF, Action, Book, Check, Milestone, Plan
from .row_reading import merge_timeline_row
from .settings import read_settings
from .tables import UPDATED_TO, SheetReader


def _prescan_updated_to(book: Book) -> dt.date | None:
    for grid in book.sheets:
        for row in grid.rows[:30]:
            for value in row:
                if isinstance(value, str) and (match := UPDATED_TO.match(value)):
                    found = read_date(match.group(1))
                    if found:
                        return found
    return None


def read_plan(
    book: Book,
    *,
    directorate: str | None = None,
    as_of: dt.date | None = None,
    today: dt.date | None = None,
) -> Plan:
    """Read every action of ``book`` into a :class:`Plan`.

    ``directorate`` overrides the workbook's own. ``as_of`` (the date the caller will rate at)
    and then ``today`` only place month-grid columns in a year when the workbook names no plan
    year, no plan period and no as-of date of its own. A workbook whose action table has no
    rows yet gives a plan with no actions; raises
    :class:`~workbook_tools.errors.NoActionTableError` when no sheet has an action table.
    """
    checks: list[Check] = []
    settings, is_template = read_settings(book, checks)
    fy_hint = (
        timeline.financial_year_of(settings.plan_year_start) if settings.plan_year_start else None
    )
    base = as_of or settings.as_of or _prescan_updated_to(book) or today or dt.date.today()
    reader = SheetReader(book, fy_hint, timeline.financial_year_of(base), checks, is_template)
    actions = _read_sheets(book, reader)
    if not actions and not reader.tables:
        raise NoActionTableError(
            "no sheet has a table of actions (a header row with headings such as Ref, Action, "
            "Lead and Deadline); use the template or check the headings",
            path=book.path,
        )
    milestones = []
    milestone_grid = book.sheet(layout.MILESTONES)
    if milestone_grid is not None:
        milestones = read_milestones(milestone_grid)
    steps_by_ref: dict[str, list[Milestone]] = {}  # once, not per action: plans have 20,000 actions
    for milestone in milestones:
        if milestone.ref:
            steps_by_ref.setdefault(milestone.ref, []).append(milestone)
    for action in actions:
        add_deadline_milestones(action)
        action.milestones.extend(steps_by_ref.get(action.ref or "", ()))
    _flag_duplicates(actions)
    if directorate:
        settings.directorate = directorate
    elif not settings.directorate:
        settings.directorate = reader.directorate or _stem(book.path)
    if settings.as_of is None and reader.updated_to is not None:
        settings.as_of = reader.updated_to
    return Plan(
        path=book.path,
        settings=settings,
        actions=actions,
        milestones=milestones,
        checks=checks,
        tables=reader.tables,
        is_template=is_template,
    )


def _read_sheets(book: Book, reader: SheetReader) -> list[Action]:
    """Every action of every user sheet; a Timeline row merges into the action with its ref
    on another sheet (the n-th row of a ref into the n-th action with it)."""
    skip = {name.casefold() for name in (*layout.TOOL_SHEETS, layout.SETTINGS, layout.MILESTONES)}
    skip |= _NOT_PLANS
    actions: list[Action] = []
    by_ref: dict[str, list[Action]] = {}
    merged: dict[tuple[str, str], int] = {}
    for grid in book.sheets:
        if grid.name.casefold() in skip:
            continue
        for action in reader.read_sheet(grid):
            grid_row = bool(action.planned_months) or grid.name == layout.TIMELINE
            if action.ref and grid_row:
                others = [a for a in by_ref.get(action.ref, []) if a.sheet != action.sheet]
                n = merged.get((action.ref, action.sheet), 0)
                if n < len(others):
                    merge_timeline_row(others[n], action)
                    merged[(action.ref, action.sheet)] = n + 1
                    continue
            if action.ref:
                by_ref.setdefault(action.ref, []).append(action)
            actions.append(action)
    return actions


#: Sheets of drop-down lists and instructions, never plans (names compared ignoring case).
_NOT_PLANS = frozenset(
    {"lists", "lookup", "lookups", "dropdowns", "drop downs", "drop-downs", "validation",
     "data validation", "instructions", "read me", "readme", "help", "key", "legend"}
)  # fmt: skip


def _flag_duplicates(actions: list[Action]) -> None:
    counts: dict[str, list[Action]] = {}
    for action in actions:
        if action.ref:
            counts.setdefault(action.ref, []).append(action)
    for same in counts.values():
        if len(same) > 1:
            for action in same:
                action.flags.append(FLAG_DUPLICATE_REF)


def _stem(path: str) -> str:
    return os.path.splitext(os.path.basename(path))[0]


__all__ = ["read_milestones", "read_plan"]
