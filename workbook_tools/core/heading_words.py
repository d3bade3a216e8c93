"""Heading words: which field a column heading names (WORKBOOK.md, Actions table).

Headings are compared case-, space- and punctuation-insensitively, after any HTML or Markdown
pasted from Word is removed. A synonym written with a trailing ``…`` matches any heading that
starts with it ("Our key commitments for 2009-11"); text in brackets is ignored when the rest is a
known heading ("RESPONSIBLE OFFICER (and others with a major role)"). Most headings name one
field outright (:data:`SYNONYMS`); a few name different fields in different trackers
(:data:`AMBIGUOUS`), and the cells under them decide (:mod:`workbook_tools.core.columns`);
beside known headings, an unknown one may be read by its words (:func:`by_words`).
``docs/headings.md`` lists every word.
"""

from __future__ import annotations

import functools
import re
import string

from .cells import clean_text
from .vocabulary import COMPUTED

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
        "Action", "Actions", "Key actions…", "What are the key actions…",
        "Actions required", "Action required", "Key objective", "Key objectives",
        "We will achieve", "Review", "Service objective", "Task", "Tasks", "Task name",
        "Task title", "Task description", "Action item", "Action items", "Action description",
        "Action to be taken", "Actions to be taken", "Planned action", "Proposed action",
        "Improvement action", "Recommended action", "Recommendation", "Recommendations",
        "Agreed action", "Agreed actions", "Management action", "Management actions",
        "Plan description", "Mitigation plan", "Mitigation action", "Remediation plan",
        "Overall remediation plan", "Milestone description", "Objective", "Objectives", "Activity",
        "What we will do…", "What will we do", "What we will deliver",
        "Activities", "Deliverable", "Deliverables", "Work item",
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
    # What a log tracks when it has no action column: an issue, a finding, a weakness.
    "Issue": ("action",),  # see FINDINGS
    "Issues": ("action",),
    "Finding": ("action",),
    "Findings": ("action",),
    "Non-conformity": ("action",),
    "Observation": ("action",),
    "Weakness": ("action",),
    "Weakness name": ("action",),
    "Gap": ("action",),
    # A checkbox column (ticked: Complete); a column of dates under these is not the status.
    "Done": ("status",),
    "Complete": ("status",),
    "Completed": ("status",),
    # A plan in plain words: "On track", "Completed" (a status) or "Green" (a RAG).
    "How are we doing?": ("status", "self_rag"),
    # A SharePoint list's item name: the action when no other column is.
    "Title": ("action",),
    "Weeks": ("duration",),
    "Duration (weeks)": ("duration",),
    "Months": ("duration",),
}

#: Headings of what a log tracks (the problem, not what is done about it): beside a Corrective
#: action column, that column is the action instead.
FINDINGS = frozenset(
    {"issue", "issues", "finding", "findings", "nonconformity", "observation", "weakness",
     "weaknessname", "gap"}
)  # fmt: skip

_NON_ALNUM = re.compile(r"[^0-9a-z%#]+")
#: The ASCII characters :func:`normalise` drops (all but digits, lower-case letters, % and #).
_DROPPED_ASCII = bytes(b for b in range(128) if not (48 <= b <= 57 or 97 <= b <= 122 or b in b"%#"))


def normalise(text: object) -> str:
    """A heading reduced to lower-case letters, digits, ``%`` and ``#``."""
    if text is None:
        return ""
    folded = str(text).casefold()
    if folded.isascii():  # the usual case, several times faster than the expression
        return folded.encode("ascii").translate(None, _DROPPED_ASCII).decode("ascii")
    return _NON_ALNUM.sub("", folded)


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
#: The first character of every known heading (normalised). Normalising keeps the order of
#: characters, so a text whose key starts with another character is no heading, nor is the
#: part of it before a bracket: refs ("1.1.3") are told from headings without a search.
_FIRST = frozenset(key[0] for key in _EXACT) | frozenset(prefix[0] for prefix, _ in _PREFIXES)
#: Letters and digits no heading starts with: a cell starting with one is no heading (neither
#: cleaning nor normalising moves a letter or digit from the front of a text).
_NEVER_FIRST = frozenset(
    ch for ch in string.ascii_letters + string.digits if ch.lower() not in _FIRST
)
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
    if not key or len(key) > 120 or key[0] not in _FIRST:
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
    # "Action / Task", "Owner/Lead": two names for one column; the first known one says it.
    if "/" in text:
        for part in text.split("/"):
            found = _lookup(part) if part.strip() else ((), False)
            if found[0]:
                return found
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
    column's cells must then fit it (see :mod:`workbook_tools.core.columns`). Used only beside
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


#: A heading for one reporting quarter: "Q2 update", "Quarter 3 RAG", "Progress update Q2".
_PERIOD = re.compile(
    r"^\s*(?:q|qtr|quarter)\s*([1-4])\b[\s:.-]*(?P<after>.+)$"
    r"|^(?P<before>.+?)[\s:.(-]*\b(?:q|qtr|quarter)\s*(?P<last>[1-4])\)?\s*$",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=4096)
def period_heading(text: str) -> tuple[tuple[str, ...], int] | None:
    """The fields a heading for one reporting quarter names, and the quarter's number ("Q2
    update" → commentary, 2; "Quarter 1 RAG" → self-assessed RAG, 1); ``None`` for any other
    heading. A tracker that keeps a column per quarter is read from its latest quarter."""
    found = _PERIOD.match(text)
    if not found:
        return None
    rest = (found.group("after") or found.group("before") or "").strip()
    quarter = int(found.group(1) or found.group("last"))
    fields = _lookup(rest)[0] or by_words(rest)
    return (fields, quarter) if fields else None


@functools.lru_cache(maxsize=16384)
def cell_lookup(value: str) -> tuple[tuple[str, ...], bool]:
    """The fields a heading cell may name, and whether it names its first one outright."""
    return _cell_lookup(value)


def _cell_lookup(value: str) -> tuple[tuple[str, ...], bool]:
    text = heading_text(value)
    return _lookup(text) if text else ((), False)


def candidates(value: object) -> tuple[str, ...]:
    """The fields a heading may name, in order of preference (empty for an unknown heading)."""
    if not isinstance(value, str) or len(value) > 200 or value[:1] in _NEVER_FIRST:
        return ()
    return cell_lookup(value)[0]


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


def is_marker(value: object) -> bool:
    """Whether a cell is the heading that opens the tool's computed block ("Computed RAG")."""
    text = heading_text(value)
    return text is not None and normalise(text) == _MARKER


def computed_key(value: object) -> str | None:
    """The computed field a heading names inside the computed block ("Due date" → due_date)."""
    return _COMPUTED_KEYS.get(normalise(heading_text(value) or ""))


__all__ = [
    "AMBIGUOUS",
    "SYNONYMS",
    "by_words",
    "candidates",
    "cell_lookup",
    "computed_key",
    "heading_text",
    "is_marker",
    "match_heading",
    "normalise",
    "period_heading",
]
