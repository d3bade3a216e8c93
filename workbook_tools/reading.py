"""Grids → :class:`Plan`: find action tables, map columns, read every action.

Handles the template and the legacy layouts of the seeds: header rows anywhere in the first 30
rows, repeated page headers, two-row headers (names over months), section-heading rows, parent-ref
heading rows, refs at the start of action text, blank priorities inheriting from above,
continuation rows, duplicate refs, Settings and defined names, and the legacy directorate and
``Updated to`` rules (WORKBOOK.md).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field

from . import layout, timeline
from .cells import (
    cell_text,
    clean_text,
    is_parent,
    names_several_refs,
    parse_ref,
    read_percent,
    split_leading_ref,
    split_leads,
)
from .deadlines import read_date, read_deadline
from .errors import NoActionTableError
from .headings import SUBSTANCE_FIELDS, Header, find_header, header_at, match_heading
from .model import (
    FLAG_DUPLICATE_REF,
    Action,
    Book,
    Check,
    Grid,
    Milestone,
    Plan,
    Severity,
    TableLocation,
    column_letter,
)
from .rules import normalise_self_rag, normalise_status
from .settings import read_settings

_NOISE = re.compile(
    r"^(updated to\b|appendix\b|page \d|progress update\s*$|\(?continued\)?\s*$)", re.IGNORECASE
)
_SECTION = re.compile(r"^priority\b", re.IGNORECASE)
_UPDATED_TO = re.compile(r"^\s*updated\s+to\s*:?\s*(.+)$", re.IGNORECASE)
_DIRECTORATE = re.compile(r"^\s*(directorate|service)\s*:\s*(\S.*)$", re.IGNORECASE)
_TEXT_FIELDS = ("action", "commentary", "corrective", "success", "resources", "notes")


@dataclass
class _SheetState:
    grid: Grid
    header: Header
    month_dates: dict[int, dt.date]
    priority: str | None = None
    last: Action | None = None
    uses_refs: bool = False
    letters: dict[str, str] = field(default_factory=dict)
    location: TableLocation | None = None
    actions: list[Action] = field(default_factory=list)


class _Reader:
    def __init__(
        self, book: Book, fy_year_hint: int | None, fallback_fy: int, checks: list[Check]
    ) -> None:
        self.book = book
        self.fy_year_hint = fy_year_hint
        self.fallback_fy = fallback_fy
        self.checks = checks
        self.tables: list[TableLocation] = []
        self.updated_to: dt.date | None = None
        self.directorate: str | None = None

    # -- one sheet ---------------------------------------------------------------------------
    def read_sheet(self, grid: Grid) -> list[Action]:
        header = find_header(grid)
        if header is None:
            return []
        heading = self._scan_above(grid, header.row)
        state = self._start_table(grid, header, priority=heading)
        actions: list[Action] = []
        r = header.data_row
        while r < len(grid.rows):
            row = grid.rows[r]
            cleaned = [clean_text(v) if isinstance(v, str) else v for v in row]
            nonblank = [(c, v) for c, v in enumerate(row) if cleaned[c] is not None]
            if not nonblank:
                r += 1
                continue
            # A header row (repeated or new) opens with a heading; data rows rarely do.
            repeat = header_at(grid, r) if match_heading(nonblank[0][1]) else None
            if repeat is not None:
                if (
                    repeat.signature != state.header.signature
                    or repeat.months != state.header.months
                ):
                    self._finish_table(state, r)
                    state = self._start_table(grid, repeat, priority=state.priority)
                r = repeat.data_row
                continue
            if len(nonblank) == 1 and isinstance(nonblank[0][1], str):
                text = clean_text(nonblank[0][1])
                if isinstance(text, str) and _NOISE.match(text):
                    self._note_updated_to(text)
                    r += 1
                    continue
            action = self._read_row(state, r, nonblank, cleaned)
            if action is not None:
                actions.append(action)
                state.actions.append(action)
            r += 1
        self._finish_table(state, len(grid.rows))
        return actions

    def _start_table(self, grid: Grid, header: Header, priority: str | None = None) -> _SheetState:
        fy = self.fy_year_hint
        if fy is None:
            above = [str(v) for row in grid.rows[: header.row] for v in row if isinstance(v, str)]
            fy = timeline.plan_period_year(above) or self.fallback_fy
        dates = timeline.month_dates(header.months, fy) if header.months else {}
        state = _SheetState(grid=grid, header=header, month_dates=dates, priority=priority)
        state.uses_refs = "ref" in header.columns
        state.letters = {k: column_letter(c + 1) for k, c in header.columns.items()}
        return state

    def _finish_table(self, state: _SheetState, end: int) -> None:
        header = state.header
        last = max((a.row for a in state.actions), default=header.data_row)
        self.tables.append(
            TableLocation(
                sheet=state.grid.name,
                header_row=header.row + 1,
                first_row=header.data_row + 1,
                last_row=last,
                columns={k: c + 1 for k, c in header.columns.items()},
                last_col=header.last_col + 1,
                month_columns={c + 1: d for c, d in state.month_dates.items()},
            )
        )

    def _scan_above(self, grid: Grid, header_row: int) -> str | None:
        """Note the directorate and ``Updated to`` lines above the first header; return the
        last section heading there ("1. Understanding the area", "Priority CP1: Town Centre")."""
        heading = None
        for row in grid.rows[:header_row]:
            texts = [t for t in map(clean_text, row) if isinstance(t, str)]
            if len(texts) == 1 and not _NOISE.match(texts[0]):
                ref, rest = split_leading_ref(texts[0])
                if ref and rest:
                    heading = f"{ref} {rest}"
                elif _SECTION.match(texts[0]):
                    heading = texts[0]
            for c, value in enumerate(row):
                text = clean_text(value)
                if not isinstance(text, str):
                    continue
                self._note_updated_to(text)
                match = _DIRECTORATE.match(text)
                if match and not self.directorate:
                    self.directorate = match.group(2).strip()
                elif text.rstrip(":").strip().casefold() == "directorate" and not self.directorate:
                    right = clean_text(row[c + 1]) if c + 1 < len(row) else None
                    if isinstance(right, str):
                        self.directorate = right
        return heading

    def _note_updated_to(self, text: str) -> None:
        match = _UPDATED_TO.match(text)
        if match and self.updated_to is None:
            self.updated_to = read_date(match.group(1))

    # -- one row -----------------------------------------------------------------------------
    def _read_row(self, state: _SheetState, r: int, nonblank: list, cleaned: list) -> Action | None:
        """One data row (``cleaned``: its cells through :func:`clean_text`) → an action, or None
        for a heading, a continuation or a blank row."""
        grid, header = state.grid, state.header
        width = len(cleaned)
        values = {k: cleaned[c] if c < width else None for k, c in header.columns.items()}
        ref_cell = values.get("ref")
        ref = parse_ref(ref_cell)
        has_action_col = "action" in header.columns
        text_key = "action" if has_action_col else "priority"
        text = values.get(text_key)
        text = str(text) if text is not None else None
        if "ref" not in header.columns:
            ref, text = split_leading_ref(text)
            state.uses_refs = state.uses_refs or ref is not None
        marks = timeline.planned_months(grid, r, state.month_dates) if state.month_dates else ()
        substance = bool(marks) or any(values.get(k) not in (None, "") for k in SUBSTANCE_FIELDS)

        if ref_cell not in (None, "") and ref is None and not substance:
            ref_text = str(ref_cell)
            if names_several_refs(ref_text) or len(nonblank) == 1:
                state.priority = text if names_several_refs(ref_text) and text else ref_text
                return None
        if ref and not substance and self._heads_next(state, r, ref):
            state.priority = f"{ref} {text}".strip() if text else ref
            return None
        if not text and not ref:
            if state.last is not None:
                self._continue(state.last, values, grid.name, r)
            return None
        if len(nonblank) == 1 and not substance and not ref:
            if not has_action_col:
                state.priority = text
                return None
            if state.uses_refs and state.last is not None:
                self._continue(state.last, values, grid.name, r)
                return None
        if ref and not text and not substance:
            return None
        return self._make_action(state, r, values, ref, text or "", marks)

    def _heads_next(self, state: _SheetState, r: int, ref: str) -> bool:
        """Whether the next ref below row ``r`` in this sheet is a child of ``ref``."""
        grid, columns = state.grid, state.header.columns
        for below in range(r + 1, min(len(grid.rows), r + 60)):
            if "ref" in columns:
                nxt = parse_ref(clean_text(grid.value(below, columns["ref"])))
            else:
                key = "action" if "action" in columns else "priority"
                cell = clean_text(grid.value(below, columns.get(key, 0)))
                nxt = split_leading_ref(cell if isinstance(cell, str) else None)[0]
            if nxt:
                return is_parent(ref, nxt)
        return False

    def _continue(self, last: Action, values: dict, sheet: str, r: int) -> None:
        """Fold a continuation row into the action above it."""
        for key in _TEXT_FIELDS:
            value = values.get(key)
            if value in (None, ""):
                continue
            current = getattr(last, key)
            setattr(last, key, f"{current}\n{value}" if current else str(value))
        deadline = read_deadline(values.get("deadline"))
        title = values.get("notes") or values.get("success") or values.get("action")
        for day in deadline.dates:
            last.milestones.append(
                Milestone(
                    ref=last.ref,
                    title=str(title or f"interim date on row {r + 1}"),
                    due=day,
                    from_deadline=True,
                    sheet=sheet,
                    row=r + 1,
                )
            )

    def _make_action(
        self,
        state: _SheetState,
        r: int,
        values: dict,
        ref: str | None,
        text: str,
        marks: tuple[dt.date, ...],
    ) -> Action:
        grid, header = state.grid, state.header
        if "action" in header.columns:
            if values.get("priority") not in (None, ""):
                state.priority = str(values["priority"])
            priority = state.priority
        else:
            priority = state.priority
        leads, supporting = split_leads(cell_text(values.get("lead")))
        deadline = read_deadline(values.get("deadline"))
        start_value = values.get("start")
        start = read_date(start_value)
        percent_col = header.columns.get("percent")
        percent = read_percent(values.get("percent"), (r, percent_col) in grid.percent)
        cells = {k: f"{letter}{r + 1}" for k, letter in state.letters.items()}
        action = Action(
            ref=ref,
            priority=priority,
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
        if values.get("percent") not in (None, "") and percent is None:
            self.checks.append(
                Check(
                    Severity.ERROR,
                    grid.name,
                    cells["percent"],
                    f"Could not read the % complete '{values['percent']}'",
                )
            )
        state.last = action
        return action


def _add_deadline_milestones(action: Action) -> None:
    deadline = action.deadline
    dates = deadline.dates if deadline.kind.value == "ongoing" else deadline.milestones
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


def _merge(into: Action, other: Action) -> None:
    """Fold a Timeline row into the Actions row with the same ref (the template's two sheets)."""
    into.planned_months = tuple(sorted(set(into.planned_months) | set(other.planned_months)))
    for key in ("lead", "corrective", "action"):
        if not getattr(into, key) and getattr(other, key):
            setattr(into, key, getattr(other, key))
    if not into.leads and other.leads:
        into.leads = other.leads


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
                done=done_text in {"yes", "y", "done", "complete", "completed"},
                done_on=read_date(done_value)
                if (done_value is not None and not done_text)
                or done_text not in {"", "yes", "y", "no", "n", "done", "complete", "completed"}
                else None,
                sheet=grid.name,
                row=rr + 1,
            )
        )
    return found


def _prescan_updated_to(book: Book) -> dt.date | None:
    for grid in book.sheets:
        for row in grid.rows[:30]:
            for value in row:
                if isinstance(value, str) and (match := _UPDATED_TO.match(value)):
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
    year, no plan period and no as-of date of its own. Raises
    :class:`~workbook_tools.errors.NoActionTableError` when no sheet has an action table.
    """
    checks: list[Check] = []
    settings, is_template = read_settings(book, checks)
    fy_hint = (
        timeline.financial_year_of(settings.plan_year_start) if settings.plan_year_start else None
    )
    base = as_of or settings.as_of or _prescan_updated_to(book) or today or dt.date.today()
    reader = _Reader(book, fy_hint, timeline.financial_year_of(base), checks)

    skip = {name.casefold() for name in (*layout.TOOL_SHEETS, layout.SETTINGS, layout.MILESTONES)}
    actions: list[Action] = []
    # Rows of each ref, in order, so the n-th Timeline row of a ref merges into the n-th
    # action with that ref on another sheet (repeated refs keep their own months).
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
                    _merge(others[n], action)
                    merged[(action.ref, action.sheet)] = n + 1
                    continue
            if action.ref:
                by_ref.setdefault(action.ref, []).append(action)
            actions.append(action)
    if not actions:
        raise NoActionTableError(
            "no sheet has a table of actions (a header row with headings such as Ref, Action, "
            "Lead and Deadline in its first 30 rows); use the template or check the headings",
            path=book.path,
        )

    milestones: list[Milestone] = []
    milestone_grid = book.sheet(layout.MILESTONES)
    if milestone_grid is not None:
        milestones = read_milestones(milestone_grid)
    steps_by_ref: dict[str, list[Milestone]] = {}  # once, not per action: plans have 20,000 actions
    for milestone in milestones:
        if milestone.ref:
            steps_by_ref.setdefault(milestone.ref, []).append(milestone)
    for action in actions:
        _add_deadline_milestones(action)
        action.milestones.extend(steps_by_ref.get(action.ref or "", ()))

    counts: dict[str, list[Action]] = {}
    for action in actions:
        if action.ref:
            counts.setdefault(action.ref, []).append(action)
    for same in counts.values():
        if len(same) > 1:
            for action in same:
                action.flags.append(FLAG_DUPLICATE_REF)

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


def _stem(path: str) -> str:
    return os.path.splitext(os.path.basename(path))[0]


__all__ = ["read_milestones", "read_plan"]
