"""Heading synonyms, header-row detection and column mapping (WORKBOOK.md, Actions table).

Headings are compared case-, space- and punctuation-insensitively. A synonym written with a
trailing ``…`` matches any heading that starts with it ("Our key commitments for 2009-11").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from . import timeline
from .model import Grid

#: Field → synonyms. The first synonym of each field is the template heading.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "ref": ("Ref", "No.", "Ref.", "Reference", "#", "Ref no"),
    "priority": (
        "Priority",
        "Commitment",
        "Our key commitments…",
        "Annual Plan Commitment",
        "High priorities",
        "SCC priority",
        "Council priority",
        "Expected outcome",
        "Element",
        "Theme",
        "Aim",
    ),
    "action": (
        "Action",
        "Actions",
        "Key actions…",
        "What are the key actions…",
        "Actions required",
        "Key objective",
        "We will achieve",
        "Review",
        "Service objective",
    ),
    "lead": (
        "Lead",
        "Strategic lead",
        "Responsible officer…",
        "Lead officer…",
        "Owner",
        "Contact details",
    ),
    "start": ("Start", "Start date", "Planned start"),
    "deadline": (
        "Deadline",
        "Completion date",
        "When",
        "Timescales",
        "Timescale",
        "Deadline for completion",
        "Due",
        "Target date",
        "O/S tasks completion date",
    ),
    "status": ("Status", "Progress status"),
    "percent": ("% Complete", "Percent complete", "% done", "Percentage complete"),
    "self_rag": (
        "Self-assessed RAG",
        "RAG",
        "Red/Amber/Green?",
        "Red/Amber/Green",
        "BRAG",
        "RAG status",
    ),
    "commentary": (
        "Commentary",
        "Latest commentary",
        "Comments on progress",
        "Progress",
        "Progress update",
        "Progress to date…",
    ),
    "date_provided": ("Date provided", "Updated", "Date updated"),
    "corrective": ("Corrective action", "Remedial action"),
    "success": ("Success criteria", "Measures of success", "Key measures of success"),
    "resources": ("Resources",),
    "risk": ("Risk rating", "Risk score", "Risk"),
    "notes": (
        "Notes",
        "Relevant programmes/projects & other comments",
        "Monitoring arrangements",
        "Milestones",
        "Details of service",
    ),
    # Tool-owned computed columns: recognised so they are never read as user data.
    "computed_rag": ("Computed RAG",),
    "rag_reason": ("RAG reason",),
    "due_date": ("Due date",),
    "days_left": ("Days left",),
    "flags": ("Flags",),
}

COMPUTED_FIELDS: tuple[str, ...] = ("computed_rag", "rag_reason", "due_date", "days_left", "flags")
#: Fields that say a row is an action rather than a heading when any of them holds a value.
SUBSTANCE_FIELDS: tuple[str, ...] = ("lead", "deadline", "status", "self_rag", "percent", "start")

_NON_ALNUM = re.compile(r"[^0-9a-z%#]+")


def normalise(text: object) -> str:
    """A heading reduced to lower-case letters, digits, ``%`` and ``#``."""
    if text is None:
        return ""
    return _NON_ALNUM.sub("", str(text).casefold())


def _build_index() -> tuple[dict[str, str], list[tuple[str, str]]]:
    exact: dict[str, str] = {}
    prefixes: list[tuple[str, str]] = []
    for key, synonyms in SYNONYMS.items():
        for synonym in synonyms:
            if synonym.endswith("…"):
                prefixes.append((normalise(synonym[:-1]), key))
            else:
                exact.setdefault(normalise(synonym), key)
    prefixes.sort(key=lambda item: -len(item[0]))
    return exact, prefixes


_EXACT, _PREFIXES = _build_index()


def match_heading(text: object) -> str | None:
    """The field a heading names, or ``None`` for an unknown heading."""
    if not isinstance(text, str) or len(text) > 200:
        return None
    return _match_text(text)


@functools.lru_cache(maxsize=8192)
def _match_text(text: str) -> str | None:
    key = normalise(text)
    if not key or len(key) > 120:
        return None
    if key in _EXACT:
        return _EXACT[key]
    for prefix, field_name in _PREFIXES:
        if key.startswith(prefix):
            return field_name
    # "RESPONSIBLE OFFICER (and others with a major role)": match on the text before a bracket.
    head = str(text).split("(", 1)[0]
    if head != text:
        return _match_text(head)
    return None


@dataclass
class Header:
    """A header row found in a grid. Rows and columns are 0-based.

    ``columns`` maps each field to its column (the leftmost when two columns match one field);
    ``extras`` maps other non-empty headings to their column; ``months`` maps month-grid columns
    to ``(month, year_or_None)``; ``data_row`` is the first row below the header (two-row headers
    take the months row too).
    """

    row: int
    data_row: int
    columns: dict[str, int]
    extras: dict[int, str] = field(default_factory=dict)
    months: dict[int, tuple[int, int | None]] = field(default_factory=dict)

    @property
    def signature(self) -> tuple[tuple[str, int], ...]:
        """What identifies a repeated page header: its fields and their columns."""
        return tuple(sorted(self.columns.items()))

    @property
    def last_col(self) -> int:
        """The rightmost column that holds a heading or a month."""
        cols = list(self.columns.values()) + list(self.extras) + list(self.months)
        return max(cols, default=0)


def header_at(grid: Grid, r: int) -> Header | None:
    """The header in row ``r``, when the row reads as one: at least three recognised fields,
    one of them Action or Priority."""
    row = grid.rows[r] if r < len(grid.rows) else []
    short = sum(1 for v in row if isinstance(v, str) and 0 < len(v) <= 200)
    if short < 3:  # a header names at least three fields: most data rows stop here
        return None
    columns: dict[str, int] = {}
    extras: dict[int, str] = {}
    matched = 0
    for c, value in enumerate(row):
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        key = match_heading(value)
        if key is None:
            extras[c] = str(value).strip()
            continue
        matched += 1
        if key in columns:
            extras[c] = str(value).strip()
        else:
            columns[key] = c
    user_fields = [k for k in columns if k not in COMPUTED_FIELDS]
    if len(user_fields) < 3 or not ({"action", "priority"} & set(columns)):
        return None
    months = timeline.month_columns(row)
    data_row = r + 1
    if not months:
        below = grid.rows[r + 1] if r + 1 < len(grid.rows) else []
        below_months = timeline.month_columns(below)
        taken = set(columns.values())
        if below_months and not any(c in taken for c in below_months):
            months = below_months
            data_row = r + 2
    for c in months:
        extras.pop(c, None)
    return Header(row=r, data_row=data_row, columns=columns, extras=extras, months=months)


def find_header(grid: Grid, start: int = 0, limit: int = 30) -> Header | None:
    """The first header row among rows ``start`` … ``start + limit - 1``."""
    for r in range(start, min(len(grid.rows), start + limit)):
        found = header_at(grid, r)
        if found:
            return found
    return None
