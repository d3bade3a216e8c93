"""What a column holds, read from its cells: dates, people, status words, percentages, text.

When a heading could name more than one field ("Progress" over NOT STARTED / COMPLETE is a
status, over sentences a commentary, over numbers a % complete; "Target" over dates is a deadline,
over "90% satisfied" a success criterion), the reader looks at the first cells under it and
chooses the field they fit best. Pure functions over plain cell values.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .cells import clean_text, parse_ref
from .deadlines import read_deadline
from .model import DeadlineKind, Grid

#: Cells looked at under a heading (the first non-empty ones).
SAMPLE = 40
#: Rows looked at under a heading at most, to find those cells.
REACH = 400

_STATUS = {
    "notstarted", "notyetstarted", "inprogress", "ongoing", "underway", "started", "ontrack",
    "complete", "completed", "achieved", "done", "closed", "resolved", "finished", "open",
    "deferred", "suspended", "reprogrammed", "onhold", "paused", "cancelled", "canceled",
    "withdrawn", "deleted", "planned", "pending", "blocked", "waiting", "overdue", "late",
    "delayed", "todo", "active", "new", "riskaccepted", "notapplicable", "inreview", "wip",
}  # fmt: skip
_RAG = {"red", "amber", "green", "blue", "r", "a", "g", "b", "grey", "gray", "na", "rag"}
_LEVELS = {
    "high", "medium", "med", "low", "critical", "urgent", "important", "normal", "moderate",
    "veryhigh", "verylow", "p1", "p2", "p3", "p4", "p5", "1high", "2medium", "3low", "h", "m", "l",
}  # fmt: skip
_WORD = re.compile(r"[A-Za-z]")
_KEY = re.compile(r"[^a-z0-9]")
_PERCENT_TEXT = re.compile(r"^\s*\d{1,3}(?:\.\d+)?\s*%\s*$")
_NUMBER_TEXT = re.compile(r"^\s*\d+(?:\.\d+)?\s*(?:d|days?|w|wks?|weeks?|m|months?)?\s*$", re.I)
#: A checkbox as a CSV shows it.
_TICKS = frozenset({"true", "false"})
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.I)
_SENTENCE_END = re.compile(r"[.!?;:]\s*$")


@dataclass(frozen=True)
class Profile:
    """Shares (0–1) of a column's non-empty cells that look like each kind of value."""

    cells: int = 0
    dates: float = 0.0
    people: float = 0.0
    statuses: float = 0.0
    rags: float = 0.0
    levels: float = 0.0
    percents: float = 0.0
    refs: float = 0.0
    numbers: float = 0.0
    text: float = 0.0
    long_text: float = 0.0
    ticks: float = 0.0


EMPTY = Profile()


def _key(text: str) -> str:
    return _KEY.sub("", text.casefold())


def _kinds(value: object, percent_format: bool) -> set[str]:
    """The kinds one cell's value fits (a cell may fit several: "1" is a ref and a number)."""
    if isinstance(value, bool):
        return {"ticks"}  # a checkbox
    if isinstance(value, dt.date | dt.datetime):
        return {"dates"}
    if isinstance(value, int | float):
        kinds = {"numbers"}
        if percent_format or 0 <= value <= 100:
            kinds.add("percents")
        if parse_ref(value) is not None:
            kinds.add("refs")
        if 25_000 < value < 75_000 and float(value).is_integer():
            kinds.add("dates")  # an Excel serial date of 1968–2105
        return kinds
    text = clean_text(value)
    if not isinstance(text, str):
        return set()
    kinds = set()
    key = _key(text)
    words = text.split()
    if key in _STATUS:
        kinds.add("statuses")
    if key in _TICKS:
        kinds.add("ticks")
    if key in _RAG or key in {"notapplicable"}:
        kinds.add("rags")
    if key in _LEVELS:
        kinds.add("levels")
    if _PERCENT_TEXT.match(text):
        kinds.add("percents")
    if _NUMBER_TEXT.match(text):
        kinds.add("numbers")
    if parse_ref(text) is not None:
        kinds.add("refs")
    if len(text) <= 40:
        deadline = read_deadline(text)
        if deadline.kind is not DeadlineKind.NONE and not kinds & {"statuses", "numbers"}:
            kinds.add("dates")
    if not _WORD.search(text) or kinds & {"dates", "statuses", "rags", "levels"}:
        return kinds
    kinds.add("text")
    if len(words) >= 6 or len(text) >= 40:
        kinds.add("long_text")
    elif _looks_like_person(text, words):
        kinds.add("people")
    return kinds


def _looks_like_person(text: str, words: list[str]) -> bool:
    """Short names, job titles or initials: "Tony Geeson", "Head of HR&D", "AC/ DH"."""
    if _EMAIL.match(text):
        return True
    return not (len(words) > 6 or any(ch.isdigit() for ch in text) or _SENTENCE_END.search(text))


def profile(grid: Grid, col: int, first_row: int, stop: int | None = None) -> Profile:
    """What the first :data:`SAMPLE` non-empty cells of column ``col`` from row ``first_row``
    (0-based, up to row ``stop``) hold, as shares of those cells."""
    counts: dict[str, int] = {}
    seen = 0
    end = min(len(grid.rows), first_row + REACH, stop if stop is not None else len(grid.rows))
    for r in range(first_row, end):
        row = grid.rows[r]
        if col >= len(row):
            continue
        value = row[col]
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        seen += 1
        for kind in _kinds(value, (r, col) in grid.percent):
            counts[kind] = counts.get(kind, 0) + 1
        if seen >= SAMPLE:
            break
    if not seen:
        return EMPTY
    return Profile(cells=seen, **{kind: n / seen for kind, n in counts.items()})


def level_share(grid: Grid, col: int, first_row: int) -> float:
    """The share of the first :data:`SAMPLE` filled cells of column ``col`` (from row
    ``first_row``) that are priority levels (High, Medium, Low…); 0 for an empty column."""
    seen = levels = 0
    for r in range(first_row, min(len(grid.rows), first_row + REACH)):
        row = grid.rows[r]
        value = row[col] if col < len(row) else None
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        seen += 1
        levels += isinstance(value, str) and _key(value) in _LEVELS
        if seen >= SAMPLE:
            break
    return levels / seen if seen else 0.0


#: How well a column's content fits each field, from its profile (0–1).
_FIT = {
    "deadline": lambda p: p.dates,
    "start": lambda p: p.dates,
    "lead": lambda p: p.people,
    "status": lambda p: max(p.statuses, p.ticks),
    "self_rag": lambda p: p.rags,
    "percent": lambda p: p.percents,
    "ref": lambda p: p.refs,
    "duration": lambda p: p.numbers,
    "action": lambda p: p.text * (0.5 + 0.5 * min(1.0, 2 * p.long_text + p.people)),
    "priority": lambda p: max(p.text, p.levels),
    "commentary": lambda p: p.long_text,
    "success": lambda p: p.text,
    "notes": lambda p: p.text,
    "corrective": lambda p: p.text,
    "resources": lambda p: p.text,
    "risk": lambda p: max(p.numbers, p.levels, p.text),
    "date_provided": lambda p: p.dates,
}


def fit(field: str, found: Profile) -> float:
    """How well a column with profile ``found`` fits ``field`` (1.0 when the column is empty:
    nothing contradicts the heading)."""
    if found.cells == 0:
        return 1.0
    rule = _FIT.get(field)
    return rule(found) if rule else 0.5


def choose(
    headings: dict[int, tuple[str, ...]],
    strong: set[int],
    profiles: dict[int, Profile],
) -> dict[str, int]:
    """Field → column for one header row.

    ``headings`` maps each column to the fields its heading may name, in order of preference;
    columns in ``strong`` have a heading that names one field outright (their content is not
    consulted, and the leftmost such column of a field wins). The other columns are scored on
    their content: the preferred field needs no support unless the content contradicts it
    (under a third of the cells fit), any other field needs half the cells to fit. Fields are
    handed out best score first, a column at most once, ties to the leftmost column.
    """
    scored: list[tuple[float, int, str]] = []
    for col, fields in headings.items():
        if col in strong:
            scored.append((10.0, col, fields[0]))
            continue
        found = profiles.get(col, EMPTY)
        for rank, field in enumerate(fields):
            share = fit(field, found)
            if (rank == 0 and share < 1 / 3) or (rank > 0 and share < 0.5):
                continue
            scored.append((5.0 + 4.0 * share - 0.5 * rank, col, field))
    scored.sort(key=lambda item: (-item[0], item[1]))
    chosen: dict[str, int] = {}
    used: set[int] = set()
    for _score, col, field in scored:
        if field in chosen or col in used:
            continue
        chosen[field] = col
        used.add(col)
    return chosen


__all__ = ["EMPTY", "Profile", "choose", "fit", "level_share", "profile"]
