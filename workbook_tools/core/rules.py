"""The RAG rules (RULES.md §2); the direction of travel (§3) is :mod:`workbook_tools.core.travel`.

Everything here is pure: the as-of date is always passed in and the clock is never read, so the
same plan rated at the same date always gives the same result.

Choices where RULES.md is silent:

* Milestones are ``action.milestones``. When the reader has not added the interim dates of a
  multi-date deadline there (no milestone marked ``from_deadline``), the rules add them, so an
  action built from a ``Deadline`` alone is rated the same way.
* A deadline of kind ``ongoing`` never has a due date, even when it names dates ("Mar 09 and
  quarterly thereafter"): its dates are milestones, and rule 8 rates it Green unless another rule
  fires first. Such a milestone counts as done once the action is under way (any status but Not
  started), so a recurring commitment is not Amber for ever after its first date. The Timeline /
  Milestones fall-back for the due date applies to ``tbc`` and ``none`` deadlines only.
* % complete of 100 or more counts as complete (a value above 100 is also reported by the checks).
* Rule 6 is skipped when the planned start is not before the due date.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Callable

from .dates import excel_serial_to_date, format_date, month_end, month_number, numeric_date
from .model import Action, DeadlineKind, Milestone, Rating, Settings
from .vocabulary import (
    FLAG_NO_LEAD,
    FLAG_OPTIMISTIC,
    FLAG_STALE,
    SELF_RAG_MEANINGS,
    SETTLED_RULES,
    STATUS_MEANINGS,
    Rag,
    Rule,
    Status,
    order_flags,
)

ReadDate = Callable[[object], "dt.date | None"]

_SEVERITY = {Rag.GREEN: 0, Rag.AMBER: 1, Rag.RED: 2}


def _key(text: object) -> str:
    """Lower-case letters and digits only: how status and RAG words are compared."""
    return _text_key(text if text.__class__ is str else str(text))


@functools.lru_cache(maxsize=4096)
def _text_key(text: str) -> str:
    """:func:`_key` of a text (remembered: a plan repeats a few status and RAG words)."""
    return _KEY_DROPPED.sub("", text.casefold())


_KEY_DROPPED = re.compile(r"[^a-z0-9]")


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


@functools.lru_cache(maxsize=4096)
def _word(text: str) -> tuple[Status, bool, Rag | None]:
    """What a text in a Status or self-assessed RAG cell means: the status, whether the status
    is known (blank or a word of :data:`STATUS_MEANINGS`) and the RAG. Remembered: a plan types
    a handful of such words on thousands of rows, and reading, rating and the checks all ask."""
    if not text.strip():
        return Status.IN_PROGRESS, True, None
    key = _text_key(text)
    status = STATUS_MEANINGS.get(key)
    if status is None:  # "Completed (Sept 26)", "Complete - see note": the first words say it
        status = STATUS_MEANINGS.get(_text_key(_FIRST_CLAUSE.split(text, maxsplit=1)[0]))
    if status is None:
        return Status.IN_PROGRESS, False, SELF_RAG_MEANINGS.get(key)
    return status, True, SELF_RAG_MEANINGS.get(key)


#: Where a status word's explanation starts: a dash between spaces, a bracket, a colon,
#: semicolon or comma, or a date ("Completed 12/09/26").
_FIRST_CLAUSE = re.compile(r"\s[-–—]\s?|[(\[:;,]|\s(?=\d)")


def normalise_status(text: object) -> Status:
    """The status a Status cell means (RULES.md §2); blank and unknown words are In progress."""
    if type(text) is str:  # a plain text (not a Status), the usual case: remembered
        return _word(text)[0]
    if isinstance(text, Status):
        return text
    if _blank(text):
        return Status.IN_PROGRESS
    return STATUS_MEANINGS.get(_key(text), Status.IN_PROGRESS)


def is_known_status(text: object) -> bool:
    """True when a Status cell is blank or holds a status word the rules recognise."""
    if type(text) is str:
        return _word(text)[1]
    return isinstance(text, Status) or _blank(text) or _key(text) in STATUS_MEANINGS


def normalise_self_rag(text: object) -> Rag | None:
    """The self-assessed RAG a cell means; ``Rag.GREY`` stands for "n/a"; blank/unknown → None."""
    if type(text) is str:  # a plain text (not a Rag), the usual case: remembered
        return _word(text)[2]
    if isinstance(text, Rag):
        return text
    if _blank(text):
        return None
    return SELF_RAG_MEANINGS.get(_key(text))


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _percent(value: float) -> str:
    rounded = round(value)
    if abs(value - rounded) < 0.05:
        return f"{rounded}%"
    return f"{value:.1f}%"


def due_date(action: Action) -> dt.date | None:
    """The due date: the deadline's latest date, else the end of the last planned Timeline month,
    else the latest milestone due date. An ongoing deadline has none (see the module notes)."""
    kind = action.deadline.kind
    if kind == DeadlineKind.ONGOING:
        return None
    if action.deadline.due is not None:
        return action.deadline.due
    if action.planned_months:
        return month_end(max(action.planned_months))
    dues = [m.due for m in action.milestones if m.due is not None and not m.from_deadline]
    return max(dues) if dues else None


def planned_start(action: Action) -> dt.date | None:
    """The planned start: the Start cell's date, else the first planned Timeline month."""
    if action.start is not None:
        return action.start
    if action.planned_months:
        return min(action.planned_months).replace(day=1)
    return None


def action_milestones(action: Action) -> list[Milestone]:
    """The action's milestones, adding a multi-date deadline's interim dates when the reader
    has not already done so."""
    milestones = list(action.milestones)
    if any(m.from_deadline for m in milestones):
        return milestones
    deadline = action.deadline
    dates = deadline.dates if deadline.kind == DeadlineKind.ONGOING else deadline.milestones
    for day in sorted(set(dates)):
        milestones.append(
            Milestone(action.ref, "", day, from_deadline=True, sheet=action.sheet, row=action.row)
        )
    return milestones


def milestone_done(milestone: Milestone, action: Action, as_of: dt.date) -> bool:
    """Whether a milestone of ``action`` counts as done at ``as_of`` (RULES.md §2).

    A date read from a multi-date deadline is done only when the action is complete; the first
    date of a recurring (ongoing) deadline is done once the action is complete or under way.
    """
    if milestone.from_deadline:
        status = normalise_status(action.status)
        if status == Status.COMPLETE:
            return True
        return action.deadline.kind == DeadlineKind.ONGOING and status != Status.NOT_STARTED
    if milestone.done_on is not None:
        return milestone.done_on <= as_of
    return milestone.done


def date_provided_on(
    value: object, as_of: dt.date, read_date: ReadDate | None = None
) -> dt.date | None:
    """The date a Date provided cell means, or None when blank or unreadable.

    A month name alone ("February") is the last day of that month's latest occurrence on or before
    ``as_of``, capped at ``as_of``. Dates, datetimes, Excel serials, day-first numeric and ISO text
    are read here; any other text is passed to ``read_date`` when given.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return excel_serial_to_date(value)
    text = str(value).strip()
    if not text:
        return None
    try:
        return _provided_text(text, as_of, read_date)
    except TypeError:  # a ``read_date`` that cannot be remembered (unhashable)
        return _provided_text.__wrapped__(text, as_of, read_date)


@functools.lru_cache(maxsize=4096)
def _provided_text(text: str, as_of: dt.date, read_date: ReadDate | None) -> dt.date | None:
    """:func:`date_provided_on` of a stripped, non-blank text (remembered: a plan repeats a few
    such texts, "March", "June", on thousands of rows, and rating and the checks both ask)."""
    month = month_number(text)
    if month is not None:
        year = as_of.year if month <= as_of.month else as_of.year - 1
        return min(month_end(dt.date(year, month, 1)), as_of)
    found = numeric_date(text)
    if found is None and read_date is not None:
        try:
            found = read_date(text)
        except (ValueError, TypeError):
            found = None
        if isinstance(found, dt.datetime):
            found = found.date()
    return found


def _self_rag(action: Action) -> Rag | None:
    return (
        action.self_rag if action.self_rag is not None else normalise_self_rag(action.self_rag_text)
    )


def _rule_reason(
    action: Action,
    as_of: dt.date,
    settings: Settings,
    status: Status,
    due: dt.date | None,
    self_rag: Rag | None,
) -> tuple[Rag, str, Rule]:
    """The computed RAG, its reason and the rule that fired (``self_rag``: the action's)."""
    percent = action.percent
    if percent is not None and not math.isfinite(percent):
        percent = None
    if status == Status.COMPLETE or self_rag == Rag.BLUE or (percent or 0) >= 100:
        return (Rag.BLUE if settings.use_blue else Rag.GREEN), "Complete", Rule.COMPLETE
    if status == Status.DEFERRED:
        return Rag.GREY, "Deferred", Rule.NOT_RATED
    if status == Status.CANCELLED:
        return Rag.GREY, "Cancelled", Rule.NOT_RATED
    if self_rag == Rag.GREY:
        return Rag.GREY, "Not applicable (self-assessed n/a)", Rule.NOT_RATED
    if due is not None and due < as_of:
        overdue = f"Overdue by {_days((as_of - due).days)} (due {format_date(due)})"
        return Rag.RED, overdue, Rule.OVERDUE
    missed = sorted(
        (m.due, (m.title or "").strip())
        for m in action_milestones(action)
        if m.due is not None and m.due < as_of and not milestone_done(m, action, as_of)
    )
    if missed:  # the earliest one missed is named
        day, title = missed[0]
        named = f'"{title}" due' if title else "due"
        return Rag.AMBER, f"Milestone missed: {named} {format_date(day)}", Rule.MILESTONE_MISSED
    start = planned_start(action)
    if start is not None and start <= as_of and status == Status.NOT_STARTED:
        return Rag.AMBER, f"Not started; planned start {format_date(start)}", Rule.NOT_STARTED
    if start is not None and due is not None and percent is not None and start < due:
        expected = 100 * (as_of - start).days / (due - start).days
        expected = min(100.0, max(0.0, expected))
        if percent < expected - settings.progress_tolerance:
            reason = f"{_percent(percent)} complete, {_percent(round(expected))} expected by now"
            return Rag.AMBER, reason, Rule.BEHIND
    if due is not None:
        left = (due - as_of).days
        when = "Due today" if left == 0 else f"Due in {_days(left)}"
        if left <= settings.amber_window_days:
            if status == Status.NOT_STARTED:
                return Rag.AMBER, f"{when}, not started", Rule.DUE_SOON
            if percent is not None and percent < 50:
                return Rag.AMBER, f"{when}, {_percent(percent)} complete", Rule.DUE_SOON
        on_track = "due today" if left == 0 else f"due in {_days(left)}"
        return Rag.GREEN, f"On track, {on_track}", Rule.ON_TRACK
    if action.deadline.kind == DeadlineKind.ONGOING:
        return Rag.GREEN, "Ongoing", Rule.ONGOING
    if action.deadline.kind == DeadlineKind.TBC:
        return Rag.GREY, "No due date (to be confirmed)", Rule.NO_DUE_DATE
    return Rag.GREY, "No due date", Rule.NO_DUE_DATE


def _is_stale(
    action: Action,
    as_of: dt.date,
    settings: Settings,
    status: Status,
    days_left: int | None,
    read_date: ReadDate | None,
) -> bool:
    if status not in (Status.IN_PROGRESS, Status.NOT_STARTED):
        return False
    provided = date_provided_on(action.date_provided, as_of, read_date)
    if provided is not None and (as_of - provided).days > settings.stale_after_days:
        return True
    return (
        _blank(action.commentary)
        and days_left is not None
        and days_left <= settings.amber_window_days
    )


def rate(
    action: Action, as_of: dt.date, settings: Settings, *, read_date: ReadDate | None = None
) -> Rating:
    """Rate one action at ``as_of``: rules 1–10, the self-assessment, and the flags (RULES §2).

    ``read_date`` optionally reads Date provided text the rules cannot read themselves.
    """
    status = normalise_status(action.status)
    due = due_date(action)
    days_left = (due - as_of).days if due is not None else None
    self_rag = _self_rag(action)
    computed, reason, rule = _rule_reason(action, as_of, settings, status, due, self_rag)
    flags: set[str] = set(action.flags)
    flags.update(action.deadline.flags)

    final = computed
    if self_rag in _SEVERITY and rule not in SETTLED_RULES:
        assert self_rag is not None
        if computed in _SEVERITY:
            if _SEVERITY[self_rag] > _SEVERITY[computed]:
                final = self_rag
                reason = f"Self-assessed {self_rag.value}: {reason}"
            elif _SEVERITY[computed] > _SEVERITY[self_rag]:
                flags.add(FLAG_OPTIMISTIC)
        elif rule is Rule.NO_DUE_DATE:
            final = self_rag
            reason = "Self-assessed; no due date"

    if _is_stale(action, as_of, settings, status, days_left, read_date):
        flags.add(FLAG_STALE)
    if _blank(action.lead) and not any(not _blank(lead) for lead in action.leads):
        flags.add(FLAG_NO_LEAD)
    return Rating(final, reason, computed, due, days_left, order_flags(flags))

