"""Heading words, header-row detection and column mapping (WORKBOOK.md, Actions table).

Headings are compared case-, space- and punctuation-insensitively, after any HTML pasted from
Word is removed. A synonym written with a trailing ``…`` matches any heading that starts with it
("Our key commitments for 2009-11"); text in brackets is ignored when the rest is a known heading
("RESPONSIBLE OFFICER (and others with a major role)"). Most headings name one field outright;
a few name different fields in different trackers (:data:`AMBIGUOUS`), and the cells under them
decide (:mod:`workbook_tools.columns`). ``docs/headings.md`` lists every word and the rules.

The tool's own computed columns are recognised only as one contiguous block that begins with the
heading "Computed RAG"; a "Due date" or "Flags" heading anywhere else is the user's own.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from . import columns, timeline
from .cells import clean_text
from .model import Grid

#: Field → headings that name it outright. The first of each is the template's heading.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "ref": (
        "Ref", "No.", "Ref.", "Reference", "#", "Ref no", "Reference number", "ID", "No",
        "Number", "S.No", "S No", "Sr No", "Sl No", "Serial No", "Item No", "Item number",
        "Action No", "Action ref", "Action ID", "Vulnerability ID", "POA&M ID", "Finding ID",
        "Risk ID", "Issue ID", "Objective No", "WBS", "WBS No",
    ),
    "priority": (
        "Priority", "Commitment", "Our key commitments…", "Annual Plan Commitment",
        "High priorities", "SCC priority", "Council priority", "Corporate priority",
        "Strategic priority", "Priority area", "Expected outcome", "Expected outcomes",
        "Element", "Theme", "Aim", "Goal", "Strategic objective", "Workstream", "Work stream",
        "Bucket", "Bucket name", "Category", "Section",
    ),
    "action": (
        "Action", "Actions", "Key actions…", "What are the key actions…", "Actions required",
        "Action required", "Key objective", "Key objectives", "We will achieve", "Review",
        "Service objective", "Task", "Tasks", "Task name", "Task title", "Task description",
        "Action item", "Action items", "Action description", "Action to be taken",
        "Actions to be taken", "Planned action", "Proposed action", "Improvement action",
        "Recommended action", "Plan description", "Mitigation plan", "Mitigation action",
        "Remediation plan", "Overall remediation plan", "Milestone description", "Objective",
        "Objectives", "Activity", "Activities", "Deliverable", "Deliverables", "Work item",
    ),
    "lead": (
        "Lead", "Strategic lead", "Responsible officer…", "Lead officer…", "Owner", "Owners",
        "Contact details", "Action owner", "Task owner", "Responsible", "Responsible person",
        "Responsible party", "Person responsible", "Responsibility", "Assigned to", "Assigned",
        "Assignee", "Accountable", "Accountable officer", "Point of contact", "POC", "Who",
        "Lead person", "Lead responsibility",
    ),
    "start": (
        "Start", "Start date", "Planned start", "Planned start date", "Begin", "Begins",
        "Start on", "Date started",
    ),
    "deadline": (
        "Deadline", "Completion date", "When", "Timescales", "Timescale", "Deadline for completion",
        "Due", "Target date", "O/S tasks completion date", "Due date", "Due by", "Date due",
        "End date", "End", "Finish", "Finish date", "Planned completion date",
        "Planned completion", "Planned end", "Planned end date", "Planned finish",
        "Scheduled completion date", "Estimated completion date", "Target completion date",
        "Target completion", "Target end date", "By when", "Date required", "Required by",
        "Deadline date", "Timeframe", "Time frame", "Completion by",
    ),
    "status": (
        "Status", "Progress status", "Action status", "Task status", "Current status",
        "Implementation status",
    ),
    "percent": (
        "% Complete", "Percent complete", "% done", "Percentage complete", "% completed",
        "Percent done", "% progress", "Progress %", "Completion %", "% Completion",
    ),
    "self_rag": (
        "Self-assessed RAG", "RAG", "Red/Amber/Green?", "Red/Amber/Green", "BRAG", "RAG status",
        "RAG rating", "Traffic light", "Self assessment",
    ),
    "commentary": (
        "Commentary", "Latest commentary", "Comments on progress", "Progress update",
        "Progress to date…", "Progress comments", "Progress notes", "Latest update",
        "Status update", "Update",
    ),
    "date_provided": ("Date provided", "Updated", "Date updated", "Last updated", "Update date"),
    "corrective": ("Corrective action", "Remedial action", "Recovery action"),
    "success": (
        "Success criteria", "Measures of success", "Key measures of success", "Success measure",
        "Success measures", "Outcome measure", "Key performance indicator",
    ),
    "resources": ("Resources", "Resources required", "Budget"),
    "risk": ("Risk rating", "Risk score", "Risk", "Risk level"),
    "notes": (
        "Notes", "Relevant programmes/projects & other comments", "Monitoring arrangements",
        "Milestones", "Details of service", "Remarks",
    ),
    "duration": ("Days", "Duration", "No. of days", "Number of days", "Duration (days)"),
}  # fmt: skip

#: Headings that name different fields in different trackers: the fields in order of
#: preference; the cells under the heading decide (see ``docs/headings.md``).
AMBIGUOUS: dict[str, tuple[str, ...]] = {
    "Progress": ("commentary", "status", "percent"),
    "State": ("status", "self_rag"),
    "Target": ("deadline", "success"),
    "Milestone": ("deadline", "notes"),
    "Project": ("action", "priority"),
    "Phase": ("action", "priority"),
    "Stage": ("priority", "action"),
    "Item": ("action", "ref"),
    "Description": ("notes", "action"),
    "Details": ("notes", "action"),
    "Comments": ("commentary", "notes"),
    "Comment": ("commentary", "notes"),
    "Health": ("self_rag", "status"),
    "Task ID": ("ref",),
    "Weeks": ("duration",),
    "Duration (weeks)": ("duration",),
    "Months": ("duration",),
}

#: The tool's computed columns, in order, with their headings (WORKBOOK.md).
COMPUTED: dict[str, str] = {
    "computed_rag": "Computed RAG",
    "rag_reason": "RAG reason",
    "due_date": "Due date",
    "days_left": "Days left",
    "flags": "Flags",
}
COMPUTED_FIELDS: tuple[str, ...] = tuple(COMPUTED)
#: Fields that say a row is an action rather than a heading when any of them holds a value.
SUBSTANCE_FIELDS: tuple[str, ...] = ("lead", "deadline", "status", "self_rag", "percent", "start")
#: Fields that, beside an action column, make a row of headings a table's header.
_DETAIL_FIELDS = frozenset(
    {"ref", "lead", "deadline", "start", "status", "self_rag", "percent", "duration",
     "commentary", "success", "corrective"}
)  # fmt: skip
_WEEK = re.compile(r"week|wks?\b", re.IGNORECASE)
_MONTH = re.compile(r"month", re.IGNORECASE)

_NON_ALNUM = re.compile(r"[^0-9a-z%#]+")


def normalise(text: object) -> str:
    """A heading reduced to lower-case letters, digits, ``%`` and ``#``."""
    if text is None:
        return ""
    return _NON_ALNUM.sub("", str(text).casefold())


def _build_index() -> tuple[dict[str, tuple[str, ...]], set[str], list[tuple[str, str]]]:
    exact: dict[str, tuple[str, ...]] = {}
    strong: set[str] = set()
    prefixes: list[tuple[str, str]] = []
    for key, synonyms in SYNONYMS.items():
        for synonym in synonyms:
            if synonym.endswith("…"):
                prefixes.append((normalise(synonym[:-1]), key))
            elif normalise(synonym) not in exact:
                exact[normalise(synonym)] = (key,)
                strong.add(normalise(synonym))
    for heading, fields in AMBIGUOUS.items():
        exact[normalise(heading)] = fields
        strong.discard(normalise(heading))
    prefixes.sort(key=lambda item: -len(item[0]))
    return exact, strong, prefixes


_EXACT, _STRONG, _PREFIXES = _build_index()
_COMPUTED_KEYS = {normalise(heading): key for key, heading in COMPUTED.items()}
_MARKER = normalise(COMPUTED["computed_rag"])


def heading_text(value: object) -> str | None:
    """A cell as heading text (HTML removed, Markdown emphasis removed), or ``None``."""
    if not isinstance(value, str) or len(value) > 200:
        return None
    text = clean_text(value)
    return text if isinstance(text, str) else None


@functools.lru_cache(maxsize=16384)
def _lookup(text: str) -> tuple[tuple[str, ...], bool]:
    key = normalise(text)
    if not key or len(key) > 120:
        return (), False
    if key in _EXACT:
        return _EXACT[key], key in _STRONG
    for prefix, field_name in _PREFIXES:
        if key.startswith(prefix):
            return (field_name,), True
    # "RESPONSIBLE OFFICER (and others with a major role)": the text before a bracket.
    head = text.split("(", 1)[0]
    if head != text and head.strip():
        return _lookup(head)
    return (), False


_WORD = re.compile(r"[a-z%#]+")
#: Words that make a heading a date the action did not set ("Date raised", "Actual end date").
_NOT_A_DEADLINE = frozenset(
    {"raised", "created", "identified", "opened", "logged", "reported", "actual", "completed",
     "closed", "detection", "detected", "received", "submitted", "last", "original"}
)  # fmt: skip
_KEYWORDS: tuple[tuple[str, frozenset[str]], ...] = (
    ("percent", frozenset({"%", "percent", "percentage"})),
    ("self_rag", frozenset({"rag", "brag"})),
    ("deadline", frozenset({"due", "deadline", "deadlines"})),
    ("lead", frozenset({"owner", "owners", "responsible", "responsibility", "assigned",
                        "assignee", "accountable", "lead", "leads"})),
    ("start", frozenset({"start", "starts", "commence", "commences"})),
    ("status", frozenset({"status"})),
    ("commentary", frozenset({"comment", "comments", "commentary", "update", "updates",
                              "progress"})),
    ("action", frozenset({"action", "actions", "task", "tasks", "activity", "activities", "step",
                          "steps", "deliverable", "deliverables"})),
)  # fmt: skip


@functools.lru_cache(maxsize=4096)
def by_words(text: str) -> tuple[str, ...]:
    """A field for an unknown heading in a header row, from the words in it ("Target
    Resolution Date" is a deadline, "Action Steps" an action, "Project Owner" a lead); the
    column's cells must then fit it (see :mod:`workbook_tools.columns`). Used only beside
    known headings, never to find a header row."""
    if len(text) > 60 or len(text.split()) > 6:
        return ()
    words = set(_WORD.findall(text.casefold()))
    if "date" in words and words & {"target", "completion", "end", "finish", "required"}:
        words.add("due")
    if words & _NOT_A_DEADLINE:
        words -= {"due", "deadline", "deadlines", "start", "starts"}
    for field_name, keys in _KEYWORDS:
        if words & keys:
            return (field_name,)
    return ()


@functools.lru_cache(maxsize=16384)
def _cell_lookup(value: str) -> tuple[tuple[str, ...], bool]:
    text = heading_text(value)
    return _lookup(text) if text else ((), False)


def candidates(value: object) -> tuple[str, ...]:
    """The fields a heading may name, in order of preference (empty for an unknown heading)."""
    if not isinstance(value, str) or len(value) > 200:
        return ()
    return _cell_lookup(value)[0]


def match_heading(value: object) -> str | None:
    """The field a heading names (its preferred field when ambiguous); "Computed RAG" gives
    ``computed_rag``; ``None`` for an unknown heading."""
    text = heading_text(value)
    if text is None:
        return None
    if normalise(text) == _MARKER:
        return "computed_rag"
    found = _lookup(text)[0]
    return found[0] if found else None


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
        text = heading_text(value)
        if text is None or normalise(text) != _MARKER:
            continue
        for cc in range(c, len(row)):
            key = _COMPUTED_KEYS.get(normalise(heading_text(row[cc]) or ""))
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


def header_at(grid: Grid, r: int) -> Header | None:
    """The header in row ``r``, when the row reads as one: an action column (or a priority
    column holding text) beside at least one other known field, from known headings and the
    cells below them."""
    row = grid.rows[r] if r < len(grid.rows) else []
    if _recognised(row) < 2:  # most rows stop here
        return None
    block = _computed_block(row)
    headings: dict[int, tuple[str, ...]] = {}
    strong: set[int] = set()
    extras: dict[int, str] = {}
    for c, value in enumerate(row):
        if value is None or (isinstance(value, str) and not value.strip()) or c in block:
            continue
        found, is_strong = _cell_lookup(value) if isinstance(value, str) else ((), False)
        text = heading_text(value) if not found and isinstance(value, str) else None
        found = found or (by_words(text) if text else ())
        if found:
            headings[c] = found
            if is_strong:
                strong.add(c)
        else:
            extras[c] = str(clean_text(value) if isinstance(value, str) else value)
    months = timeline.month_columns(row)
    data_row = r + 1
    if not months:
        below = grid.rows[r + 1] if r + 1 < len(grid.rows) else []
        below_months = timeline.month_columns(below)
        if below_months and not any(c in headings for c in below_months):
            months = below_months
            data_row = r + 2
    for c in months:
        extras.pop(c, None)
        headings.pop(c, None)
    profiles = {c: columns.profile(grid, c, data_row) for c in headings if c not in strong}
    chosen = columns.choose(headings, strong, profiles)
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
    "COMPUTED",
    "COMPUTED_FIELDS",
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
