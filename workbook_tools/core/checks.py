"""Data-quality checks on a plan: every problem a user should fix, with the cell it is in.

Each check is one plain-English sentence. Errors are data the rules could not read (a deadline,
a start date, a date provided, a % complete outside 0–100); warnings are data that was read but
looks wrong (duplicate refs, no lead, optimistic self-assessment, stale commentary, uncertain
dates, dependencies and milestones pointing at refs that are not in the plan, unknown words).

The cell is the address the reader recorded for the field (``action.cells["deadline"]`` →
"F9"); when the reader recorded none it is "row N" (the sheet row), so the user can still find it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Sequence

from .layout import MILESTONES
from .model import Action, Check, Milestone, Rating, Severity
from .rules import ReadDate, date_provided_on, is_known_status, normalise_self_rag
from .vocabulary import (
    FLAG_NO_LEAD,
    FLAG_OPTIMISTIC,
    FLAG_STALE,
    FLAG_UNCERTAIN_DATE,
    FLAG_UNREADABLE_DATE,
)

# Any date does: whether a Date provided cell is readable does not depend on the as-of date.
_ANY_DAY = dt.date(2000, 1, 1)


def _cell(action: Action, field: str) -> str:
    """The address of ``field`` on the action's row; when the table has no such column, the
    action's own cell (its Ref or Action), else "row N"."""
    cells = action.cells
    return cells.get(field) or cells.get("ref") or cells.get("action") or f"row {action.row}"


def _name(action: Action) -> str:
    """How a message names an action: "action 1.2", or "the action on row 9" without a ref."""
    ref = (action.ref or "").strip()
    return f"action {ref}" if ref else f"the action on row {action.row}"


def _ref(ref: object) -> str:
    """A ref as the reader matches it (duplicates, milestones): trimmed."""
    if ref.__class__ is str:
        return ref.strip()
    return str(ref or "").strip()


def _loose(ref: object) -> str:
    """A ref as named in text ("under 4.10."): trimmed, no trailing dot, any case."""
    return _ref(ref).rstrip(".").strip().casefold()


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _shown(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _join(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _error(action: Action, field: str, message: str) -> Check:
    return Check(Severity.ERROR, action.sheet, _cell(action, field), message)


def _warning(action: Action, field: str, message: str) -> Check:
    return Check(Severity.WARNING, action.sheet, _cell(action, field), message)


def _add_action_checks(
    found: list[Check],
    action: Action,
    rating: Rating | None,
    refs: set[str],
    read_date: ReadDate | None,
) -> None:
    """Add the problems on one action row to ``found``; ``refs`` are the plan's refs, loosely
    compared. (Once per action of a plan: no list of its own, and the flags, a few at most,
    only joined to be asked about.)"""
    flags = (*action.flags, *action.deadline.flags, *(rating.flags if rating else ()))
    found += _value_checks(action, flags, read_date)
    if rating is not None and rating.flags:
        found += _rating_checks(action, rating)
    found += _word_checks(action, refs)


def _value_checks(
    action: Action, flags: Collection[str], read_date: ReadDate | None
) -> list[Check]:
    """Values that could not be read or make no sense: the deadline, % complete, the start,
    the date provided, the lead."""
    found: list[Check] = []
    deadline = action.deadline
    if FLAG_UNREADABLE_DATE in flags:
        message = deadline.problem or f"Could not read the deadline '{deadline.text}'"
        found.append(_error(action, "deadline", message))
    elif FLAG_UNCERTAIN_DATE in flags:
        found.append(
            _warning(
                action,
                "deadline",
                f"The deadline '{deadline.text}' for {_name(action)} is marked as uncertain",
            )
        )
    if action.percent is not None and not 0 <= action.percent <= 100:
        found.append(
            _error(
                action,
                "percent",
                f"The % complete of {_name(action)} is {_shown(action.percent)}, "
                "which is outside 0 to 100",
            )
        )
    if action.start is None and action.start_text and action.start_text.strip():
        found.append(
            _error(action, "start", f"Could not read the start date '{action.start_text.strip()}'")
        )
    provided = action.date_provided
    if (
        provided is not None
        and not isinstance(provided, dt.date)  # a date cell is always readable
        and _shown(provided)
        and date_provided_on(provided, _ANY_DAY, read_date) is None
    ):
        found.append(
            _error(
                action, "date_provided", f"Could not read the date provided '{_shown(provided)}'"
            )
        )
    if FLAG_NO_LEAD in flags or not ((action.lead or "").strip() or any(action.leads)):
        found.append(_warning(action, "lead", f"No lead is named for {_name(action)}"))
    return found


def _rating_checks(action: Action, rating: Rating) -> list[Check]:
    """What the rating found: an optimistic self-assessment, stale commentary."""
    found: list[Check] = []
    if FLAG_OPTIMISTIC in rating.flags:
        self_rag = action.self_rag or normalise_self_rag(action.self_rag_text)
        said = self_rag.value if self_rag else "better"
        found.append(
            _warning(
                action,
                "self_rag",
                f"{_upper_first(_name(action))} is self-assessed {said} but the rules give "
                f"{rating.computed.value}: {rating.reason}",
            )
        )
    if FLAG_STALE in rating.flags:
        if (action.commentary or "").strip():
            message = f"The commentary for {_name(action)} has not been updated recently"
            field = "date_provided" if "date_provided" in action.cells else "commentary"
        else:
            message = f"There is no commentary for {_name(action)}; add a progress update"
            field = "commentary"
        found.append(_warning(action, field, message))
    return found


def _word_checks(action: Action, refs: set[str]) -> list[Check]:
    """Words the tool does not know: a ref the deadline depends on that is not in the plan, a
    status or a self-assessment it cannot read."""
    found: list[Check] = []
    deadline = action.deadline
    if deadline.depends_on and _loose(deadline.depends_on) not in refs:
        found.append(
            _warning(
                action,
                "deadline",
                f"The deadline of {_name(action)} depends on {deadline.depends_on.strip()}, "
                "which is not in the plan",
            )
        )
    if action.status_text and not is_known_status(action.status_text):
        found.append(
            _warning(
                action,
                "status",
                f"The status '{action.status_text.strip()}' is not one the tool knows, so "
                f"{_name(action)} is treated as In progress",
            )
        )
    text = action.self_rag_text
    if text and text.strip() and normalise_self_rag(text) is None:
        found.append(
            _warning(
                action,
                "self_rag",
                f"The self-assessed RAG '{text.strip()}' is not Blue, Green, Amber, Red or n/a, "
                "so it is ignored",
            )
        )
    return found


def _duplicate_checks(actions: Sequence[Action]) -> list[Check]:
    """One warning per ref used on more than one row, naming every row."""
    by_ref: dict[str, list[Action]] = {}
    for action in actions:
        key = _ref(action.ref)
        if key:
            by_ref.setdefault(key, []).append(action)
    found = []
    for rows in by_ref.values():
        if len(rows) < 2:
            continue
        if len({a.sheet for a in rows}) == 1:
            where = "rows " + _join([str(a.row) for a in rows])
        else:
            where = _join([f"{a.sheet} row {a.row}" for a in rows])
        ref = (rows[0].ref or "").strip()
        found.append(
            _warning(
                rows[1],
                "ref",
                f"Ref {ref} is used on {where}; give each row its own ref",
            )
        )
    return found


def _milestone_checks(milestones: Iterable[Milestone], refs: set[str]) -> list[Check]:
    """Milestones that do not belong to an action in the plan."""
    found = []
    for milestone in milestones:
        if milestone.from_deadline or _ref(milestone.ref) in refs:
            continue
        title = (milestone.title or "").strip()
        named = f"The milestone '{title}'" if title else "A milestone"
        if (milestone.ref or "").strip():
            message = f"{named} is for ref {milestone.ref.strip()}, which is not an action"
        else:
            message = f"{named} has no ref, so it is not linked to an action"
        cell = f"row {milestone.row}" if milestone.row else ""
        found.append(Check(Severity.WARNING, milestone.sheet or MILESTONES, cell, message))
    return found


_CELL_REF = re.compile(r"\$?([A-Za-z]*)\$?(\d+)")
_ROW_REF = re.compile(r"row\s+()(\d+)", re.IGNORECASE)


def _position(cell: str) -> tuple[int, int]:
    """(row, column) of "F9" or "row 9" for sorting; (0, 0) for a whole sheet."""
    text = cell.strip()
    match = _CELL_REF.fullmatch(text) or _ROW_REF.fullmatch(text)
    if not match:
        return (0, 0)
    column = 0
    for letter in match.group(1).upper():
        column = column * 26 + ord(letter) - 64
    return (int(match.group(2)), column)


def sort_checks(checks: Iterable[Check]) -> list[Check]:
    """Errors first, then warnings; each by sheet, row and column (duplicates dropped)."""
    unique = list(dict.fromkeys(checks))
    sheets: dict[str, str] = {}  # each sheet's name folded once

    def key(c: Check) -> tuple[int, str, tuple[int, int]]:
        folded = sheets.get(c.sheet)
        if folded is None:
            folded = sheets[c.sheet] = c.sheet.casefold()
        return (0 if c.severity == Severity.ERROR else 1, folded, _position(c.cell))

    return sorted(unique, key=key)


def plan_checks(
    actions: list[Action],
    ratings: list[Rating],
    milestones: list[Milestone] | None = None,
    reading_checks: Iterable[Check] = (),
    *,
    read_date: ReadDate | None = None,
) -> list[Check]:
    """Every data problem in a plan, sorted (errors first), including the reader's own checks.

    ``ratings`` are in the order of ``actions`` (missing ratings skip the rating-based checks);
    ``milestones`` is the plan's Milestones table; ``read_date`` reads Date provided text.
    """
    refs = set(map(_ref, [a.ref for a in actions]))
    refs.discard("")
    loose = {ref.rstrip(".").strip().casefold() for ref in refs}  # _loose of each
    found: list[Check] = list(reading_checks)
    for index, action in enumerate(actions):
        rating = ratings[index] if index < len(ratings) else None
        _add_action_checks(found, action, rating, loose, read_date)
    found.extend(_duplicate_checks(actions))
    found.extend(_milestone_checks(milestones or (), refs))
    return sort_checks(found)
