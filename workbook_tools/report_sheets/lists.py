"""The corporate report's lists, as plain data: Register, Exceptions, Checks and Sources.

Each is a :class:`~.table.TableSheet`: one Excel table whose rows are plain tuples, with the
columns' styles and the values that take their own look (RAG words in their RAG colours, errors
in red, each source's status). Text is kept as the returns hold it: the writer stores every
string as text, so ``=HYPERLINK(…)`` stays text.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..core.exception_list import ORDER, Facts, exception_list, is_exception
from ..core.model import Severity
from ..core.vocabulary import RAG_WORDS
from ..tool_sheets.content import (
    DATE,
    ERROR,
    INT,
    NOTE,
    RAG_CELL,
    SECTION,
    STAMP,
    WARNING,
    WRAP,
)
from .table import A3, RAG_LOOKS, Column, TableSheet

if TYPE_CHECKING:
    from ..core.consolidation import ConsolidationResult, RegisterRow, Source

#: RAG words in report order.
_SELF_RAG_LOOKS = {**RAG_LOOKS, "n/a": (RAG_CELL, "Grey")}
_SEVERITY_LOOKS = {"error": (ERROR, None), "warning": (WARNING, None)}
_STATUS_LOOKS = {"ok": (RAG_CELL, "Green"), "superseded": (RAG_CELL, "Grey"),
                 "error": (RAG_CELL, "Red"), "unused": (RAG_CELL, "Grey")}  # fmt: skip

REGISTER_COLUMNS: tuple[Column, ...] = (
    Column("Directorate", 18), Column("Source file", 24, WRAP), Column("Source sheet", 10),
    Column("Source row", 8, INT), Column("Ref", 8), Column("Priority", 28, WRAP),
    Column("Action", 48, WRAP), Column("Lead", 18, WRAP), Column("Due date", 12, DATE),
    Column("Days left", 8, INT), Column("Status", 12),
    Column("Self-assessed RAG", 11, looks=_SELF_RAG_LOOKS),
    Column("Computed RAG", 11, looks=RAG_LOOKS), Column("RAG reason", 36, WRAP),
    Column("Flags", 16, WRAP), Column("Commentary", 48, WRAP),
)  # fmt: skip
EXCEPTION_COLUMNS: tuple[Column, ...] = (
    Column("Directorate", 16), Column("Ref", 7), Column("Priority", 22, WRAP),
    Column("Action", 40, WRAP), Column("Lead", 16, WRAP), Column("Due date", 12, DATE),
    Column("RAG", 9, looks=RAG_LOOKS), Column("Reason", 30, WRAP),
    Column("Commentary", 40, WRAP), Column("Corrective action", 28, WRAP),
)  # fmt: skip
CHECK_COLUMNS: tuple[Column, ...] = (
    Column("Source file", 28, WRAP), Column("Directorate", 18),
    Column("Severity", 9, looks=_SEVERITY_LOOKS), Column("Sheet", 12), Column("Cell", 8),
    Column("Message", 80, WRAP),
)  # fmt: skip
SOURCE_COLUMNS: tuple[Column, ...] = (
    Column("File", 32, WRAP), Column("From", 24), Column("Subject", 28),
    Column("Sent", 16, STAMP), Column("Directorate", 18), Column("As-of date", 12, DATE),
    Column("Latest date provided", 12, DATE), Column("Modified", 16, STAMP),
    Column("Actions", 8, INT), *(Column(word, 7, INT) for word in RAG_WORDS),
    Column("Status", 11, looks=_STATUS_LOOKS), Column("Reason", 70, WRAP),
)  # fmt: skip
#: The header row of the Exceptions table (a title and a note above it).
EXCEPTIONS_TOP = 4

Pair = tuple["Source", "RegisterRow"]
_made = tuple.__new__


def register_pairs(result: ConsolidationResult) -> list[Pair]:
    """Every counted action with the return it came from, directorate by directorate."""
    return [(source, row) for source in result.used for row in source.rows]


def register_sheet(pairs: list[Pair]) -> TableSheet:
    """The Register: every counted action, where it came from and its computed columns."""
    rows = [
        (source.directorate, source.file, a.sheet, a.row, a.ref, a.priority, a.action, a.lead,
         a.due, a.days_left, a.status, a.self_rag, a.rag, a.reason, ", ".join(a.flags),
         a.commentary)
        for source, a in pairs
    ]  # fmt: skip
    return TableSheet("Register", "Register", REGISTER_COLUMNS, rows, paper=A3)


def _exception_facts(pair: Pair) -> Facts:
    """What the exception rule needs of one Register row."""
    source, a = pair
    # Facts' fields in order, made without the keyword call (tens of thousands of rows)
    return _made(Facts, (a.rag, a.flags, a.due, a.ref, source.directorate, (a.sheet, a.row)))


def exceptions_sheet(pairs: list[Pair], as_of: dt.date) -> TableSheet:
    """The Exceptions: Red, then Amber, then optimistic self-assessments (:data:`ORDER`)."""
    rows = [
        (source.directorate, a.ref, a.priority, a.action, a.lead, a.due, a.rag, a.reason,
         a.commentary, a.corrective)
        for source, a in exception_list(
            [pair for pair in pairs if is_exception(pair[1].rag, pair[1].flags)], _exception_facts
        )
    ]  # fmt: skip
    sheet = TableSheet("Exceptions", "Exceptions", EXCEPTION_COLUMNS, rows, top=EXCEPTIONS_TOP)
    sheet.put(1, 1, f"Exceptions as of {as_of.day} {as_of:%b %Y}", SECTION)
    sheet.put(2, 1, f"{ORDER}.", NOTE)
    return sheet


def checks_sheet(result: ConsolidationResult) -> TableSheet:
    """The Checks: every data problem found, by source file, errors first."""
    rows: list[tuple] = []
    words = {severity: severity.value for severity in Severity}
    by_file: dict[str, list[Source]] = {}
    for source in sorted(result.used, key=lambda s: s.file):
        by_file.setdefault(source.file, []).append(source)
    for group in by_file.values():  # a file's errors, then its warnings, each as found
        for errors in (True, False):
            rows += [
                (s.file, s.directorate, words[check.severity], check.sheet, check.cell,
                 check.message)
                for s in group
                for check in s.checks
                if (check.severity is Severity.ERROR) is errors
            ]  # fmt: skip
    return TableSheet("Checks", "Checks", CHECK_COLUMNS, rows)


def sources_sheet(result: ConsolidationResult) -> TableSheet:
    """The Sources: one row per input (a file, or a workbook attached to a saved email), with
    its figures, its status and why."""
    rows = []
    for source in result.sources:
        modified = dt.datetime.fromtimestamp(source.mtime).replace(microsecond=0)
        counts = source.counts or {}
        mail = source.mail
        rows.append(
            (source.file, mail and mail.sender, mail and mail.subject, _local(mail and mail.sent),
             source.directorate, source.as_of, source.latest_provided,
             modified if source.mtime else None, source.actions,
             *(counts.get(word) for word in RAG_WORDS), source.status,
             source.error or source.note)
        )  # fmt: skip
    return TableSheet("Sources", "Sources", SOURCE_COLUMNS, rows)


def _local(when: dt.datetime | None) -> dt.datetime | None:
    """A message date in this computer's time zone, to the second (Excel has no time zones)."""
    return when.astimezone().replace(tzinfo=None, microsecond=0) if when is not None else None


__all__ = [
    "CHECK_COLUMNS",
    "EXCEPTION_COLUMNS",
    "REGISTER_COLUMNS",
    "SOURCE_COLUMNS",
    "checks_sheet",
    "exceptions_sheet",
    "register_pairs",
    "register_sheet",
    "sources_sheet",
]
