"""The words the product speaks, each defined once: RAG and status words and what the words typed
in a plan mean, the flags, the RAG rules by number, the computed columns, the rebuilt sheets.

Pure constants and enums (RULES.md §2, WORKBOOK.md); the template's sheet names and headings are
:mod:`workbook_tools.core.layout`, the words a column heading is known by
:mod:`workbook_tools.core.heading_words`, the colours :mod:`workbook_tools.core.palette`.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum

from . import layout

# --------------------------------------------------------------------------------------------
# RAG
# --------------------------------------------------------------------------------------------


class Rag(StrEnum):
    """A RAG status. Blue is complete; Grey is not rated (deferred, cancelled, no due date)."""

    BLUE = "Blue"
    GREEN = "Green"
    AMBER = "Amber"
    RED = "Red"
    GREY = "Grey"


#: Order of RAG words wherever they are listed (tables, JSON counts, charts).
RAG_ORDER: tuple[Rag, ...] = (Rag.BLUE, Rag.GREEN, Rag.AMBER, Rag.RED, Rag.GREY)
#: The RAG words as text, in that order.
RAG_WORDS: tuple[str, ...] = tuple(rag.value for rag in RAG_ORDER)
#: A self-assessment that does not apply, as the template's drop-down offers it.
NOT_APPLICABLE = "n/a"
#: The self-assessed RAG drop-down: Blue … Red, and n/a for Grey.
SELF_RAG_WORDS: tuple[str, ...] = (*RAG_WORDS[:-1], NOT_APPLICABLE)

#: What the words typed in a Self-assessed RAG cell mean, keyed by lower-case letters and digits.
SELF_RAG_MEANINGS: dict[str, Rag] = {
    **dict.fromkeys(("blue", "b", "complete", "completed"), Rag.BLUE),
    **dict.fromkeys(("green", "g"), Rag.GREEN),
    **dict.fromkeys(("amber", "a"), Rag.AMBER),
    **dict.fromkeys(("red", "r"), Rag.RED),
    **dict.fromkeys(("na", "notapplicable", "grey", "gray"), Rag.GREY),
}


def self_rag_word(rag: Rag | None) -> str | None:
    """The self-assessment as the template's drop-down writes it: Blue … Red, or n/a."""
    if rag is None:
        return None
    return NOT_APPLICABLE if rag is Rag.GREY else rag.value


# --------------------------------------------------------------------------------------------
# Status
# --------------------------------------------------------------------------------------------


class Status(StrEnum):
    """The normalised status of an action (RULES.md §2), in the order of the Status drop-down."""

    NOT_STARTED = "Not started"
    IN_PROGRESS = "In progress"
    COMPLETE = "Complete"
    DEFERRED = "Deferred"
    CANCELLED = "Cancelled"


#: The Status drop-down.
STATUS_WORDS: tuple[str, ...] = tuple(status.value for status in Status)

#: What the words typed in a Status cell mean, keyed by lower-case letters and digits; any other
#: word is In progress (and reported).
STATUS_MEANINGS: dict[str, Status] = {
    **dict.fromkeys(("complete", "completed", "achieved", "done"), Status.COMPLETE),
    # Trackers' words for the same: an issue or task "Closed", "Resolved", "Finished".
    **dict.fromkeys(("closed", "resolved", "finished"), Status.COMPLETE),
    **dict.fromkeys(("deferred", "suspended", "reprogrammed", "onhold"), Status.DEFERRED),
    **dict.fromkeys(("cancelled", "canceled", "deleted", "withdrawn"), Status.CANCELLED),
    **dict.fromkeys(("notstarted", "notyetstarted", "todo"), Status.NOT_STARTED),
    # A checkbox under "Done?" (TRUE / FALSE as a CSV shows it): ticked is Complete.
    "true": Status.COMPLETE,
    "false": Status.IN_PROGRESS,
    # Known ways of saying "in progress".
    **dict.fromkeys(
        ("inprogress", "ongoing", "underway", "started", "ontrack", "open", "active"),
        Status.IN_PROGRESS,
    ),
}

#: The words of a milestone's Done cell that mark it done (lower case).
DONE_WORDS: frozenset[str] = frozenset({"yes", "y", "done", "complete", "completed"})

# --------------------------------------------------------------------------------------------
# Flags (RULES.md §2)
# --------------------------------------------------------------------------------------------

FLAG_OPTIMISTIC = "optimistic"
FLAG_STALE = "stale"
FLAG_NO_LEAD = "no-lead"
FLAG_UNCERTAIN_DATE = "uncertain-date"
FLAG_UNREADABLE_DATE = "unreadable-date"
FLAG_DUPLICATE_REF = "duplicate-ref"
#: The flags in the order they are listed.
FLAG_ORDER: tuple[str, ...] = (
    FLAG_OPTIMISTIC,
    FLAG_STALE,
    FLAG_NO_LEAD,
    FLAG_UNCERTAIN_DATE,
    FLAG_UNREADABLE_DATE,
    FLAG_DUPLICATE_REF,
)


def order_flags(flags: set[str] | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Flags in the documented order, each once."""
    if not flags:
        return ()
    known = [f for f in FLAG_ORDER if f in flags]
    others = sorted(set(flags) - set(FLAG_ORDER))
    return tuple(known + others)


# --------------------------------------------------------------------------------------------
# The RAG rules (RULES.md §2), by the number the table gives them
# --------------------------------------------------------------------------------------------


class Rule(IntEnum):
    """The rule of RULES.md §2 that gave the computed RAG (the first that applies)."""

    COMPLETE = 1  # Blue (Green without UseBlue)
    NOT_RATED = 2  # deferred, cancelled or self-assessed n/a: Grey
    OVERDUE = 3  # Red
    MILESTONE_MISSED = 4  # Amber
    NOT_STARTED = 5  # planned start passed, not started: Amber
    BEHIND = 6  # progress behind the expected: Amber
    DUE_SOON = 7  # due within the amber window, not started or under half done: Amber
    ONGOING = 8  # Green
    NO_DUE_DATE = 9  # Grey
    ON_TRACK = 10  # Green


#: Rules whose RAG a self-assessment never changes: the action is complete or not rated.
SETTLED_RULES: frozenset[Rule] = frozenset({Rule.COMPLETE, Rule.NOT_RATED})

# --------------------------------------------------------------------------------------------
# What refresh writes
# --------------------------------------------------------------------------------------------

#: The tool's computed columns beside a table of actions, in order: field → heading (WORKBOOK.md).
COMPUTED: dict[str, str] = {
    "computed_rag": "Computed RAG",
    "rag_reason": "RAG reason",
    "due_date": "Due date",
    "days_left": "Days left",
    "flags": "Flags",
}
COMPUTED_FIELDS: tuple[str, ...] = tuple(COMPUTED)
COMPUTED_HEADINGS: tuple[str, ...] = tuple(COMPUTED.values())

#: The sheets refresh rebuilds whole, in workbook order (their content: ``tool_sheets/``).
REBUILT: tuple[str, ...] = (layout.SUMMARY, layout.EXCEPTIONS, layout.CHECKS, layout.HISTORY)
