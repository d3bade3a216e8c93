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

import calendar
import datetime as dt
import math
import re
from collections.abc import Callable

from .model import (
    FLAG_NO_LEAD,
    FLAG_OPTIMISTIC,
    FLAG_STALE,
    Action,
    DeadlineKind,
    Milestone,
    Rag,
    Rating,
    Settings,
    Status,
    order_flags,
)

ReadDate = Callable[[object], "dt.date | None"]

_STATUS_WORDS: dict[str, Status] = {
    **dict.fromkeys(("complete", "completed", "achieved", "done"), Status.COMPLETE),
    # Trackers' words for the same: an issue or task "Closed", "Resolved", "Finished".
    **dict.fromkeys(("closed", "resolved", "finished"), Status.COMPLETE),
    **dict.fromkeys(("deferred", "suspended", "reprogrammed", "onhold"), Status.DEFERRED),
    **dict.fromkeys(("cancelled", "canceled", "deleted", "withdrawn"), Status.CANCELLED),
    **dict.fromkeys(("notstarted", "notyetstarted", "todo"), Status.NOT_STARTED),
    # Known ways of saying "in progress" (unknown words are In progress too, but are reported).
    **dict.fromkeys(
        ("inprogress", "ongoing", "underway", "started", "ontrack", "open", "active"),
        Status.IN_PROGRESS,
    ),
}

_SELF_RAG_WORDS: dict[str, Rag] = {
    **dict.fromkeys(("blue", "b", "complete", "completed"), Rag.BLUE),
    **dict.fromkeys(("green", "g"), Rag.GREEN),
    **dict.fromkeys(("amber", "a"), Rag.AMBER),
    **dict.fromkeys(("red", "r"), Rag.RED),
    **dict.fromkeys(("na", "notapplicable", "grey", "gray"), Rag.GREY),
}

# English month names, fixed (the locale must not change a reason).
_MONTH_NAMES = (
    "January February March April May June July August September October November December"
)
_ABBR = tuple(name[:3] for name in _MONTH_NAMES.split())
_MONTHS = {name.lower(): n for n, name in enumerate(_MONTH_NAMES.split(), 1)}
_MONTHS.update({abbr.lower(): n for n, abbr in enumerate(_ABBR, 1)}, sept=9)

_SEVERITY = {Rag.GREEN: 0, Rag.AMBER: 1, Rag.RED: 2}
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def _key(text: object) -> str:
    """Lower-case letters and digits only: how status and RAG words are compared."""
    return re.sub(r"[^a-z0-9]", "", str(text).casefold())


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def normalise_status(text: object) -> Status:
    """The status a Status cell means (RULES.md §2); blank and unknown words are In progress."""
    if isinstance(text, Status):
        return text
    if _blank(text):
        return Status.IN_PROGRESS
    return _STATUS_WORDS.get(_key(text), Status.IN_PROGRESS)


def is_known_status(text: object) -> bool:
    """True when a Status cell is blank or holds a status word the rules recognise."""
    return isinstance(text, Status) or _blank(text) or _key(text) in _STATUS_WORDS


def normalise_self_rag(text: object) -> Rag | None:
    """The self-assessed RAG a cell means; ``Rag.GREY`` stands for "n/a"; blank/unknown → None."""
    if isinstance(text, Rag):
        return text
    if _blank(text):
        return None
    return _SELF_RAG_WORDS.get(_key(text))


def format_date(day: dt.date) -> str:
    """A date as reasons show it: "31 Mar 2008", "1 Sep 2007"."""
    return f"{day.day} {_ABBR[day.month - 1]} {day.year}"


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _percent(value: float) -> str:
    rounded = round(value)
    if abs(value - rounded) < 0.05:
        return f"{rounded}%"
    return f"{value:.1f}%"


def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def due_date(action: Action) -> dt.date | None:
    """The due date: the deadline's latest date, else the end of the last planned Timeline month,
    else the latest milestone due date. An ongoing deadline has none (see the module notes)."""
    kind = action.deadline.kind
    if kind == DeadlineKind.ONGOING:
        return None
    if action.deadline.due is not None:
        return action.deadline.due
    if action.planned_months:
        return _month_end(max(action.planned_months))
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


def _month_alone(text: str) -> int | None:
    return _MONTHS.get(text.strip().rstrip(".").strip().lower())


def _simple_date(text: str) -> dt.date | None:
    """Day-first numeric dates (31/03/2010, 31.03.10, 31-03-2010) and ISO dates (2010-03-31)."""
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    else:
        dmy = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})", text)
        if not dmy:
            return None
        day, month, year = (int(g) for g in dmy.groups())
        if year < 100:
            year += 2000 if year < 70 else 1900
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


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
        if 1 <= value < 2958466:
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        return None
    text = str(value).strip()
    if not text:
        return None
    month = _month_alone(text)
    if month is not None:
        year = as_of.year if month <= as_of.month else as_of.year - 1
        return min(_month_end(dt.date(year, month, 1)), as_of)
    found = _simple_date(text)
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
    action: Action, as_of: dt.date, settings: Settings, status: Status, due: dt.date | None
) -> tuple[Rag, str, int]:
    """The computed RAG, its reason and the number of the rule that fired."""
    percent = action.percent
    if percent is not None and not math.isfinite(percent):
        percent = None
    self_rag = _self_rag(action)
    if status == Status.COMPLETE or self_rag == Rag.BLUE or (percent or 0) >= 100:
        return (Rag.BLUE if settings.use_blue else Rag.GREEN), "Complete", 1
    if status == Status.DEFERRED:
        return Rag.GREY, "Deferred", 2
    if status == Status.CANCELLED:
        return Rag.GREY, "Cancelled", 2
    if self_rag == Rag.GREY:
        return Rag.GREY, "Not applicable (self-assessed n/a)", 2
    if due is not None and due < as_of:
        return Rag.RED, f"Overdue by {_days((as_of - due).days)} (due {format_date(due)})", 3
    missed = sorted(
        (m.due, (m.title or "").strip())
        for m in action_milestones(action)
        if m.due is not None and m.due < as_of and not milestone_done(m, action, as_of)
    )
    if missed:  # the earliest one missed is named
        day, title = missed[0]
        named = f'"{title}" due' if title else "due"
        return Rag.AMBER, f"Milestone missed: {named} {format_date(day)}", 4
    start = planned_start(action)
    if start is not None and start <= as_of and status == Status.NOT_STARTED:
        return Rag.AMBER, f"Not started; planned start {format_date(start)}", 5
    if start is not None and due is not None and percent is not None and start < due:
        expected = 100 * (as_of - start).days / (due - start).days
        expected = min(100.0, max(0.0, expected))
        if percent < expected - settings.progress_tolerance:
            reason = f"{_percent(percent)} complete, {_percent(round(expected))} expected by now"
            return Rag.AMBER, reason, 6
    if due is not None:
        left = (due - as_of).days
        when = "Due today" if left == 0 else f"Due in {_days(left)}"
        if left <= settings.amber_window_days:
            if status == Status.NOT_STARTED:
                return Rag.AMBER, f"{when}, not started", 7
            if percent is not None and percent < 50:
                return Rag.AMBER, f"{when}, {_percent(percent)} complete", 7
        on_track = "due today" if left == 0 else f"due in {_days(left)}"
        return Rag.GREEN, f"On track, {on_track}", 10
    if action.deadline.kind == DeadlineKind.ONGOING:
        return Rag.GREEN, "Ongoing", 8
    if action.deadline.kind == DeadlineKind.TBC:
        return Rag.GREY, "No due date (to be confirmed)", 9
    return Rag.GREY, "No due date", 9


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
    computed, reason, rule = _rule_reason(action, as_of, settings, status, due)
    flags: set[str] = set(action.flags) | set(action.deadline.flags)

    final = computed
    self_rag = _self_rag(action)
    if self_rag in _SEVERITY and rule not in (1, 2):
        assert self_rag is not None
        if computed in _SEVERITY:
            if _SEVERITY[self_rag] > _SEVERITY[computed]:
                final = self_rag
                reason = f"Self-assessed {self_rag.value}: {reason}"
            elif _SEVERITY[computed] > _SEVERITY[self_rag]:
                flags.add(FLAG_OPTIMISTIC)
        elif rule == 9:
            final = self_rag
            reason = "Self-assessed; no due date"

    if _is_stale(action, as_of, settings, status, days_left, read_date):
        flags.add(FLAG_STALE)
    if _blank(action.lead) and not any(not _blank(lead) for lead in action.leads):
        flags.add(FLAG_NO_LEAD)
    return Rating(final, reason, computed, due, days_left, order_flags(flags))

