"""Header-row detection and column mapping (WORKBOOK.md, Actions table).

A header row is found anywhere on a sheet from the heading words of
:mod:`workbook_tools.core.heading_words` and the cells under them
(:mod:`workbook_tools.core.columns`).
The tool's own computed columns are recognised only as one contiguous block that begins with the
heading "Computed RAG"; a "Due date" or "Flags" heading anywhere else is the user's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import columns, timeline
from .cells import clean_text
from .heading_words import (
    AMBIGUOUS,
    FINDINGS,
    SYNONYMS,
    by_words,
    candidates,
    cell_lookup,
    computed_key,
    heading_text,
    is_marker,
    match_heading,
    normalise,
    period_heading,
)
from .model import Grid

#: Fields that say a row is an action rather than a heading when any of them holds a value.
SUBSTANCE_FIELDS: tuple[str, ...] = ("lead", "deadline", "status", "self_rag", "percent", "start")
#: Fields that, beside an action column, make a row of headings a table's header.
_DETAIL_FIELDS = frozenset(
    {"ref", "lead", "deadline", "start", "status", "self_rag", "percent", "duration",
     "commentary", "success", "corrective"}
)  # fmt: skip
#: The specification's action headings that do not say "action" (its rule for two columns of
#: one field, the leftmost wins, holds for them).
_SPECIFIED_ACTION = frozenset({"keyobjective", "keyobjectives", "wewillachieve"})
_WEEK = re.compile(r"week|wks?\b", re.IGNORECASE)
_MONTH = re.compile(r"month", re.IGNORECASE)


@dataclass
class Header:
    """A header row found in a grid. Rows and columns are 0-based.

    ``columns`` maps each field to its column (the leftmost when two columns name one field),
    the tool's computed fields included when the row holds the computed block; ``extras`` maps
    other non-empty headings to their column; ``months`` maps month-grid columns to
    ``(month, year_or_None)``; ``data_row`` is the first row below the header (two-row headers
    take the months row too). ``levels`` is True when the Priority column holds levels (High,
    Medium, Low), which can never stand for an action's text; ``duration_days`` is how many
    days one unit of the Duration column is (1, 7 for weeks, 30 for months).
    """

    row: int
    data_row: int
    columns: dict[str, int]
    extras: dict[int, str] = field(default_factory=dict)
    months: dict[int, tuple[int, int | None]] = field(default_factory=dict)
    levels: bool = False
    duration_days: int = 1

    @property
    def signature(self) -> tuple[tuple[str, int], ...]:
        """What identifies a repeated page header: its fields and their columns."""
        return tuple(sorted(self.columns.items()))

    @property
    def last_col(self) -> int:
        """The rightmost column that holds a heading or a month."""
        cols = list(self.columns.values()) + list(self.extras) + list(self.months)
        return max(cols, default=0)

    @property
    def text_field(self) -> str | None:
        """The field whose cell is an action's text: Action, else a Priority that holds text."""
        if "action" in self.columns:
            return "action"
        if "priority" in self.columns and not self.levels:
            return "priority"
        return None


def _computed_block(row: list[object]) -> dict[int, str]:
    """Columns of the tool's computed block: contiguous computed headings from "Computed RAG"."""
    block: dict[int, str] = {}
    for c, value in enumerate(row):
        if not is_marker(value):
            continue
        for cc in range(c, len(row)):
            key = computed_key(row[cc])
            if key is None or key in block.values():
                break
            block[cc] = key
        break
    return block


def _recognised(row: list[object]) -> int:
    """How many cells of ``row`` are known headings (a cheap first test of a header row)."""
    found = 0
    for value in row:
        if isinstance(value, str) and 0 < len(value) <= 200 and candidates(value):
            found += 1
    return found


def _headings_of(
    row: list[object], block: dict[int, str]
) -> tuple[
    dict[int, tuple[str, ...]], set[int], dict[int, str], dict[int, tuple[tuple[str, ...], int]]
]:
    """A header row's cells sorted out: the fields each known heading may name, the columns
    whose heading names its field outright, the unknown headings (kept as extra columns), and
    the headings for one reporting quarter (with the quarter's number)."""
    headings: dict[int, tuple[str, ...]] = {}
    strong: set[int] = set()
    extras: dict[int, str] = {}
    quarters: dict[int, tuple[tuple[str, ...], int]] = {}
    for c, value in enumerate(row):
        if value is None or (isinstance(value, str) and not value.strip()) or c in block:
            continue
        found, is_strong = cell_lookup(value) if isinstance(value, str) else ((), False)
        text = heading_text(value) if not found and isinstance(value, str) else None
        quarter = period_heading(text) if text else None
        if quarter:
            quarters[c] = quarter
            continue
        found = found or (by_words(text) if text else ())
        if found:
            headings[c] = found
            if is_strong:
                strong.add(c)
        else:
            extras[c] = str(clean_text(value) if isinstance(value, str) else value)
    return headings, strong, extras, quarters


def header_at(grid: Grid, r: int) -> Header | None:
    """The header in row ``r``, when the row reads as one: an action column (or a priority
    column holding text) beside at least one other known field, from known headings and the
    cells below them."""
    row = grid.rows[r] if r < len(grid.rows) else []
    if _recognised(row) < 2:  # most rows stop here
        return None
    data_row = r + 1
    two_rows = _with_sub_headings(grid, r, row)
    if two_rows is not None:
        row, data_row = two_rows, r + 2
    block = _computed_block(row)
    headings, strong, extras, quarters = _headings_of(row, block)
    months = timeline.month_columns(row)
    if not months and data_row == r + 1:
        below = grid.rows[r + 1] if r + 1 < len(grid.rows) else []
        below_months = timeline.month_columns(below)
        if below_months and not any(c in headings for c in below_months):
            months = below_months
            data_row = r + 2
    _latest_quarters(grid, row, data_row, quarters, headings, strong, extras)
    for c in months:
        extras.pop(c, None)
        headings.pop(c, None)
    profiles = {c: columns.profile(grid, c, data_row) for c in headings if c not in strong}
    chosen = columns.choose(headings, strong, profiles)
    _action_under_objective(row, headings, strong, chosen)
    if "commentary" not in chosen and "commentary" in headings.get(chosen.get("notes", -1), ()):
        chosen["commentary"] = chosen.pop("notes")  # "Comments" short but the only progress words
    _status_holding_rags(grid, data_row, chosen)
    if "corrective" in chosen and (
        "action" not in chosen or normalise(heading_text(row[chosen["action"]])) in FINDINGS
    ):
        chosen["action"] = chosen.pop("corrective")  # a log of corrective actions
    _infer_ref(grid, data_row, chosen, extras, headings)
    for c in headings:
        if c not in chosen.values():
            extras[c] = str(clean_text(row[c]))
    levels = "priority" in chosen and columns.level_share(grid, chosen["priority"], data_row) >= 0.5
    header = Header(
        row=r,
        data_row=data_row,
        columns={**chosen, **{key: c for c, key in block.items()}},
        extras=extras,
        months=months,
        levels=levels,
        duration_days=_duration_days(row, chosen),
    )
    return header if _is_table(header) else None


def _with_sub_headings(grid: Grid, r: int, row: list[object]) -> list[object] | None:
    """Headings in two rows ("Timescales" merged over "Start | End"): the header row with the
    row below's headings in place of the group headings above them, or None when the row below
    is not a row of sub-headings (only short text, two or more known headings, at least one
    under a blank heading cell, where a merged group heading spreads)."""
    below = grid.rows[r + 1] if r + 1 < len(grid.rows) else []
    filled = [c for c, v in enumerate(below) if v is not None and str(v).strip()]
    if len(filled) < 2 or not all(
        isinstance(below[c], str) and len(below[c]) <= 40 for c in filled
    ):
        return None
    known = [c for c in filled if candidates(below[c])]
    under_blank = [c for c in known if c >= len(row) or row[c] is None or not str(row[c]).strip()]
    if len(known) < 2 or not under_blank:
        return None
    merged = list(row) + [None] * max(0, len(below) - len(row))
    for c in known:
        merged[c] = below[c]
    return merged


def _latest_quarters(
    grid: Grid,
    row: list[object],
    data_row: int,
    quarters: dict[int, tuple[tuple[str, ...], int]],
    headings: dict[int, tuple[str, ...]],
    strong: set[int],
    extras: dict[int, str],
) -> None:
    """A column per reporting quarter ("Q1 update | Q2 update", "Q1 RAG | Q2 RAG"): of those
    naming the same field, the latest quarter with anything written under it is the field's
    column (the right-most of equals), the others are kept as extra columns."""
    latest: dict[tuple[str, ...], tuple[bool, int, int]] = {}
    for c, (fields, quarter) in quarters.items():
        written = any(
            r < len(grid.rows) and c < len(grid.rows[r]) and grid.rows[r][c] not in (None, "")
            for r in range(data_row, min(data_row + 200, len(grid.rows)))
        )
        latest[fields] = max(latest.get(fields, (False, 0, -1)), (written, quarter, c))
    for c, (fields, _quarter) in quarters.items():
        if latest[fields][2] == c:
            headings[c] = fields
            if len(fields) == 1:
                strong.add(c)
        else:
            extras[c] = str(clean_text(row[c]))


def _action_under_objective(
    row: list[object],
    headings: dict[int, tuple[str, ...]],
    strong: set[int],
    chosen: dict[str, int],
) -> None:
    """Two headings that both name the action ("Objective | Action", "Deliverable | Action
    required"): the one that says "action" is the action, and the other, when it is to its left
    and the table has no priority column, is what the actions sit under (their priority).
    Without a heading saying "action", or when the leftmost is one of the specification's own
    action headings ("Key objective | Actions required"), the leftmost stays the action, as the
    specification's rule for two columns of one field says."""
    rivals = sorted(c for c in strong if headings[c][0] == "action")
    if len(rivals) < 2:
        return
    saying = [c for c in rivals if "action" in normalise(heading_text(row[c]) or "")]
    if not saying or saying[0] == chosen.get("action"):
        return
    left = chosen["action"]
    if normalise(heading_text(row[left]) or "") in _SPECIFIED_ACTION:
        return
    chosen["action"] = saying[0]
    if left < saying[0] and "priority" not in chosen:
        chosen["priority"] = left


def _status_holding_rags(grid: Grid, data_row: int, chosen: dict[str, int]) -> None:
    """A Status column whose cells are mostly Red / Amber / Green, in a table with no RAG
    column, is the self-assessed RAG."""
    col = chosen.get("status")
    if col is None or "self_rag" in chosen:
        return
    found = columns.profile(grid, col, data_row)
    if found.cells and found.rags >= 0.5 and found.rags > found.statuses:
        chosen["self_rag"] = chosen.pop("status")


def _infer_ref(
    grid: Grid,
    data_row: int,
    chosen: dict[str, int],
    extras: dict[int, str],
    headings: dict[int, tuple[str, ...]],
) -> None:
    """With no Ref heading, a column left of the action whose heading is blank or unknown and
    whose cells are mostly refs ("1.1", "1.1.1") is the Ref column."""
    text_col = chosen.get("action", chosen.get("priority"))
    if "ref" in chosen or text_col is None:
        return
    for c in range(text_col):
        if c in chosen.values() or c in headings:
            continue
        found = columns.profile(grid, c, data_row)
        if found.cells >= 2 and found.refs >= 0.6:
            chosen["ref"] = c
            extras.pop(c, None)
            return


def _duration_days(row: list[object], chosen: dict[str, int]) -> int:
    col = chosen.get("duration")
    text = heading_text(row[col]) if col is not None else None
    if not text:
        return 1
    if _WEEK.search(text):
        return 7
    if _MONTH.search(text):
        return 30
    return 1


def _is_table(header: Header) -> bool:
    """An action column beside at least one other known field, or a priority column holding
    text beside two (a ref alone beside a priority is a label row: "No. | Expected Outcome")."""
    text_field = header.text_field
    if text_field is None:
        return False
    others = _DETAIL_FIELDS.intersection(header.columns)
    if text_field == "priority":
        others = others - {"ref"}
        return len(others) >= 2 or "lead" in others
    return bool(others) or (bool(header.months) and len(header.columns) >= 2)


def find_header(grid: Grid, start: int = 0, limit: int | None = None) -> Header | None:
    """The first header row at or after row ``start`` (within ``limit`` rows when given)."""
    end = len(grid.rows) if limit is None else min(len(grid.rows), start + limit)
    for r in range(start, end):
        found = header_at(grid, r)
        if found:
            return found
    return None


__all__ = [
    "AMBIGUOUS",
    "SUBSTANCE_FIELDS",
    "SYNONYMS",
    "Header",
    "candidates",
    "find_header",
    "header_at",
    "heading_text",
    "match_heading",
    "normalise",
]
