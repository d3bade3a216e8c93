"""Import a legacy plan (any layout the reader understands) into a filled monitoring template.

Every action becomes a row of the Actions table in the officer's own wording: deadlines, statuses
and self-assessments exactly as typed; columns with no home in the template are added to Notes as
"Heading: value" lines. Interim dates from continuation rows and a Milestones sheet go to the
Milestones table, planned months to the Timeline. The new workbook is then read back, and every
action whose ref, priority, leads, due date, due kind or RAG reads differently is reported.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from copy import copy
from dataclasses import dataclass, field
from pathlib import Path

from ..core import layout
from ..core.cells import clean_text, split_leads
from ..core.dates import financial_year_start, format_date, format_month, plan_period_year
from ..core.model import Action, Book, Plan, PlanResult, Settings
from ..core.vocabulary import COMPUTED_HEADINGS, Status
from ..errors import UsageError
from . import plan as services

_DATE_FORMAT = "d mmm yyyy"
_MAX_TEXT = 32767  # the most characters an Excel cell holds


@dataclass
class ImportResult:
    """What :func:`import_plan` wrote, and both plans as read and rated at the same date."""

    path: Path
    source: PlanResult
    imported: PlanResult
    plan_year_start: dt.date
    as_of: dt.date | None
    actions: int
    milestones: int
    timeline_rows: int
    directorate: str | None = None
    warnings: list[str] = field(default_factory=list)


def import_plan(
    legacy: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    directorate: str | None = None,
    as_of: dt.date | None = None,
    today: dt.date | None = None,
) -> ImportResult:
    """Read ``legacy`` (.xlsx, .xlsm, .xlsb, .xls, .ods, .csv, .tsv, .txt) and write its actions
    into a new template workbook at ``output`` (.xlsx), which must not exist yet (else
    :class:`UsageError`).

    ``directorate`` overrides the one found in the file. ``as_of`` becomes the new workbook's
    As-of date (else the legacy ``Updated to`` date, else it is left blank) and is the date both
    workbooks are rated at when they are compared.
    """
    from ..safety.output import check_output, write_new_file
    from ..writers.template.build import build_template
    from ..writers.template.stable_xlsx import workbook_bytes

    legacy = Path(legacy)
    output = check_output(output, what="the imported plan", new=True)
    if not legacy.is_file():
        raise UsageError("no such file", path=legacy)
    book = services.load(legacy)
    book.path = os.fspath(legacy)
    source = services.evaluate(book, as_of=as_of, directorate=directorate, today=today)
    plan = source.plan
    written_as_of = as_of or plan.settings.as_of
    settings = dataclasses.replace(
        plan.settings,
        as_of=written_as_of,
        plan_year_start=_plan_year_start(plan, book, written_as_of or today),
        plan_title=plan.settings.plan_title or _title(plan, book),
    )
    wb = build_template(
        directorate=settings.directorate,
        organisation=settings.organisation,
        plan_year_start=settings.plan_year_start,
        plan_title=settings.plan_title,
    )
    writer = _Writer(wb, book, plan, settings)
    writer.write()
    write_new_file(output, workbook_bytes(wb))
    imported = services.evaluate(services.load(output), as_of=source.as_of, today=today)
    return ImportResult(
        path=output,
        source=source,
        imported=imported,
        plan_year_start=writer.months[0],
        as_of=written_as_of,
        actions=len(plan.actions),
        milestones=writer.milestone_rows,
        timeline_rows=writer.timeline_rows,
        directorate=settings.directorate,
        warnings=writer.warnings + _differences(source, imported),
    )


def _plan_year_start(plan: Plan, book: Book, base: dt.date | None) -> dt.date:
    """The first Timeline month: the legacy month grid's first month when every planned month
    falls within twelve months of it, else the first planned month; without a grid, 1 April of
    the plan period named above the table, else of the as-of date's financial year."""
    if plan.settings.plan_year_start:
        return plan.settings.plan_year_start.replace(day=1)
    columns = [d for table in plan.tables for d in table.month_columns.values()]
    planned = sorted({m for a in plan.actions for m in a.planned_months})
    first = min(columns) if columns else (planned[0] if planned else None)
    if first is not None:
        if planned and any(_month_index(first, m) >= layout.TIMELINE_MONTHS for m in planned):
            first = planned[0]
        return first.replace(day=1)
    year = plan_period_year(_texts_above(plan, book))
    return dt.date(year, 4, 1) if year else financial_year_start(base or dt.date.today())


def _texts_above(plan: Plan, book: Book) -> list[str]:
    texts = []
    for table in plan.tables:
        grid = book.sheet(table.sheet)
        for row in grid.rows[: table.header_row - 1] if grid else ():
            texts += [t for t in map(clean_text, row) if isinstance(t, str)]
    return texts


def _title(plan: Plan, book: Book) -> str | None:
    """The first line of text above the first table, taken as the plan's title."""
    skip = ("updated to", "directorate", "service:")
    titles = [t for t in _texts_above(plan, book)[:10] if not t.casefold().startswith(skip)]
    return titles[0][:200] if titles else None


def _month_index(first: dt.date, month: dt.date) -> int:
    return (month.year - first.year) * 12 + month.month - first.month


def _shown(value: object) -> str:
    if isinstance(value, dt.datetime | dt.date):
        return format_date(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _label(action: Action) -> str:
    return f"ref {action.ref}" if action.ref else f"'{action.action[:40]}'"


class _Writer:
    """Fills the Settings, Actions, Milestones and Timeline sheets of a fresh template."""

    def __init__(self, wb, book: Book, plan: Plan, settings: Settings) -> None:
        from ..writers.template.sheets import timeline_months

        self.wb, self.book, self.plan, self.settings = wb, book, plan, settings
        self.months = timeline_months(settings.plan_year_start)
        self.warnings: list[str] = []
        self.milestone_rows = self.timeline_rows = 0
        self.first: dict[str, int] = {}  # ref → id() of the first action with it
        for action in plan.actions:
            if action.ref:
                self.first.setdefault(action.ref, id(action))

    def write(self) -> None:
        settings = self.wb[layout.SETTINGS]
        for row, spec in enumerate(layout.SETTINGS_ROWS, 2):
            value = getattr(self.settings, spec.attr)
            self._put(
                settings, row, 2, ("Yes" if value else "No") if spec.kind == "yesno" else value
            )
        month_notes = self._timeline()
        ws = self.wb[layout.ACTIONS]
        for row, action in enumerate(self.plan.actions, 2):
            values = self._action_values(action)
            notes = [action.notes, *self._extras(action), month_notes.get(id(action))]
            values["notes"] = "\n".join(n for n in notes if n) or None
            for col, (key, _) in enumerate(layout.ACTION_FIELDS, 1):
                self._put(ws, row, col, values.get(key))
        width = len(layout.ACTION_HEADINGS) + len(COMPUTED_HEADINGS)
        _extend(ws, layout.ACTIONS_TABLE, len(self.plan.actions), width)
        self._milestones()

    def _put(self, ws, row: int, col: int, value: object) -> None:
        """Write one cell, text always as text (never a formula), styled like the first row."""
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        from ..writers.template.style import put_text

        cell = ws.cell(row, col)
        if row > 2 and ws.title != layout.SETTINGS:
            cell._style = copy(ws.cell(2, col)._style)
        if isinstance(value, str):
            text = ILLEGAL_CHARACTERS_RE.sub("", value)
            if len(text) > _MAX_TEXT:
                self.warnings.append(f"{ws.title}!{cell.coordinate}: text cut to fit one cell")
            put_text(cell, text[:_MAX_TEXT])
        else:
            cell.value = value
            if isinstance(value, dt.date):
                cell.number_format = _DATE_FORMAT

    def _typed(self, action: Action, key: str, fallback: object = None) -> object:
        """The value of the legacy cell a field came from (HTML stripped), else ``fallback``."""
        from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

        grid, address = self.book.sheet(action.sheet), action.cells.get(key)
        if grid is None or not address:
            return fallback
        letters, row = coordinate_from_string(address)
        return clean_text(grid.value(row - 1, column_index_from_string(letters) - 1))

    def _status(self, action: Action) -> object:
        """The Status cell as typed; a checkbox (TRUE / FALSE) as the plan's word: Complete
        when ticked, blank when not, so the plan's Status drop-down holds it."""
        typed = self._typed(action, "status", action.status_text)
        if isinstance(typed, bool) or (
            isinstance(typed, str) and typed.strip().casefold() in ("true", "false")
        ):
            return action.status.value if action.status is Status.COMPLETE else None
        return typed

    def _lead(self, action: Action) -> str | None:
        """The Lead cell as typed when it reads as the same leads, else the leads rebuilt."""
        typed = self._typed(action, "lead")
        if isinstance(typed, str) and split_leads(typed) == (action.leads, action.supporting):
            return typed
        text = "/".join(action.leads)
        return f"{text} ({action.supporting})".strip() if action.supporting else text or None

    def _action_values(self, action: Action) -> dict[str, object]:
        percent = action.percent
        if percent is not None and float(percent).is_integer():
            percent = int(percent)
        return {
            "ref": action.ref,
            "priority": action.priority,
            "action": action.action,
            "lead": self._lead(action),
            "start": self._typed(action, "start", action.start or action.start_text),
            "deadline": self._deadline(action),
            "status": self._status(action),
            "percent": percent,
            "self_rag": self._typed(action, "self_rag", action.self_rag_text),
            "commentary": action.commentary,
            "date_provided": action.date_provided,
            "corrective": action.corrective,
            "success": action.success,
            "resources": action.resources,
            "risk": self._typed(action, "risk", action.risk),
        }

    def _deadline(self, action: Action) -> object:
        """The Deadline cell as typed; a deadline worked out from start + duration (no cell
        typed) is written as the date it gives."""
        if not action.cells.get("deadline") and action.deadline.dates:
            return action.deadline.due
        typed = self._typed(action, "deadline", action.deadline.text or None)
        if typed in (None, "") and action.deadline.dates:
            return action.deadline.due
        return typed

    def _extras(self, action: Action) -> list[str]:
        values = {heading: clean_text(value) for heading, value in action.extra.items()}
        return [f"{h}: {_shown(v)}" for h, v in values.items() if v not in (None, "")]

    def _timeline(self) -> dict[int, str]:
        """Mark each action's planned months; return a Notes line for months it cannot show."""
        ws = self.wb[layout.TIMELINE]
        first_col = len(layout.TIMELINE_LEADING) + 1
        notes: dict[int, str] = {}
        outside: list[str] = []
        for action in self.plan.actions:
            if not action.planned_months:
                continue
            own_row = bool(action.ref) and self.first[action.ref] == id(action)
            shown = [m for m in action.planned_months if m in self.months] if own_row else []
            if not own_row:
                why = f"ref {action.ref} is used twice" if action.ref else "it has no ref"
                self.warnings.append(
                    f"The planned months of {_label(action)} are in its Notes, not on the "
                    f"Timeline, because {why}; give it its own ref and mark them on the Timeline"
                )
            elif len(shown) < len(action.planned_months):
                outside.append(_label(action))
            lost = [format_month(m) for m in action.planned_months if m not in shown]
            if lost:
                notes[id(action)] = "Planned months not on the Timeline: " + ", ".join(lost)
            if own_row:
                row = self.timeline_rows = self.timeline_rows + 1
                for col, value in enumerate((action.ref, action.action, self._lead(action)), 1):
                    self._put(ws, row + 1, col, value)
                for index, month in enumerate(self.months):
                    self._put(ws, row + 1, first_col + index, "x" if month in shown else None)
                self._put(ws, row + 1, first_col + len(self.months), None)
        if outside:  # planned months beyond the Timeline's twelve stay in Notes, never dropped
            self.warnings.append(
                "Some planned months fall outside the Timeline's twelve months (from "
                f"{format_month(self.months[0])}); they are listed in the Notes of "
                + ", ".join(outside)
            )
        return notes

    def _milestones(self) -> None:
        from ..core.rules import milestone_done

        ws = self.wb[layout.MILESTONES]
        rows: list[tuple[object, ...]] = []
        for action in self.plan.actions:
            # Dates on continuation rows (the rows under the action on its own sheet); the
            # action's own Deadline cell is re-read as typed.
            interim = [
                m for m in action.milestones if m.sheet == action.sheet and m.row != action.row
            ]
            if interim and not action.ref:
                self.warnings.append(
                    f"The interim dates of {_label(action)} are on the Milestones sheet without a "
                    "ref; give the action a ref and put it on those rows to link them"
                )
            for m in interim:  # counted as done exactly when the old plan counted them done
                done = "Yes" if milestone_done(m, action, dt.date.min) else None
                rows.append((action.ref, m.title, m.due, done, f"From row {m.row} of {m.sheet}"))
        for m in self.plan.milestones:
            rows.append((m.ref, m.title, m.due, m.done_on or ("Yes" if m.done else None), None))
        for r, values in enumerate(rows, 2):
            for col, value in enumerate(values, 1):
                self._put(ws, r, col, value)
        _extend(ws, layout.MILESTONES_TABLE, len(rows), len(layout.MILESTONE_HEADINGS))
        self.milestone_rows = len(rows)


def _extend(ws, name: str, rows: int, width: int) -> None:
    """Make the Excel table ``name`` cover ``rows`` data rows (at least one)."""
    from openpyxl.utils import get_column_letter

    table = ws.tables[name]
    table.ref = f"A1:{get_column_letter(width)}{max(2, rows + 1)}"
    if table.autoFilter is not None:
        table.autoFilter.ref = table.ref


_FACTS = ("ref", "priority", "leads", "due date", "due kind", "RAG")


def comparable(result: PlanResult) -> list[tuple[object, ...]]:
    """Per action: ref, priority, leads, due date, due kind and RAG, the facts an import keeps."""
    return [
        (a.ref, a.priority, "/".join(a.leads), r.due, a.deadline.kind.value, r.rag.value)
        for a, r in zip(result.plan.actions, result.ratings, strict=True)
    ]


def _differences(source: PlanResult, imported: PlanResult) -> list[str]:
    """A warning for every action that reads differently in the imported workbook."""
    old, new = comparable(source), comparable(imported)
    if len(old) != len(new):
        return [
            f"The old plan has {len(old)} actions but the new workbook {len(new)}; compare them"
        ]
    found = []
    for action, before, after in zip(source.plan.actions, old, new, strict=True):
        changed = [
            f"{name} {_shown(b) if b else 'none'} → {_shown(a) if a else 'none'}"
            for name, b, a in zip(_FACTS, before, after, strict=True)
            if b != a
        ]
        if changed:
            label = _label(action)
            found.append(f"{label[0].upper()}{label[1:]} reads differently: {'; '.join(changed)}")
    return found
