"""The corporate report workbook (WORKBOOK.md, "The corporate report"), written with XlsxWriter.

Sheets: ``Summary`` (actions by RAG; directorate × RAG with a native stacked bar chart; direction
of travel per directorate and for the whole organisation; priority × RAG), ``Register`` (every
counted action with its directorate, source file, sheet and row, and the computed columns),
``Exceptions``, ``Checks`` (per source file) and ``Sources`` (one row per input: a file, or a
workbook attached to a saved email with the message's sender, subject and date).

* Every user string is written with ``write_string`` and the workbook is opened with
  ``strings_to_formulas`` off, so text such as ``=HYPERLINK(…)`` stays text.
* RAG words always carry their colour as a cell format (it moves with the cell when the table is
  sorted or filtered); the chart legend names each colour.
* Register, Exceptions, Checks and Sources are Excel tables (filter buttons, banding), with the
  header frozen and repeated on every printed page; every sheet prints landscape on A4, one page
  wide. Tables need XlsxWriter's normal mode (``constant_memory`` does not support them): it
  holds the cells in memory, measured at about 20 MB for 7,500 actions and 300 MB for 75,000,
  far beyond any council's register.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING, Any

import xlsxwriter

from ...core.exception_list import ORDER, Facts, exception_list
from .cells import (
    RAG_WORDS,
    Styles,
    add_table,
    column_formats,
    new_sheet,
    rag_format,
    write_rows,
)
from .summary import write_summary

if TYPE_CHECKING:
    from ...usecases.consolidate.jobs import RegisterRow
    from ...usecases.consolidate.result import ConsolidationResult

REGISTER_COLUMNS: tuple[tuple[str, float], ...] = (
    ("Directorate", 18), ("Source file", 24), ("Source sheet", 10), ("Source row", 8),
    ("Ref", 8), ("Priority", 28), ("Action", 48), ("Lead", 18), ("Due date", 12),
    ("Days left", 8), ("Status", 12), ("Self-assessed RAG", 11), ("Computed RAG", 11),
    ("RAG reason", 36), ("Flags", 16), ("Commentary", 48),
)  # fmt: skip
EXCEPTION_COLUMNS: tuple[tuple[str, float], ...] = (
    ("Directorate", 16), ("Ref", 7), ("Priority", 22), ("Action", 40), ("Lead", 16),
    ("Due date", 12), ("RAG", 9), ("Reason", 30), ("Commentary", 40), ("Corrective action", 28),
)  # fmt: skip
CHECK_COLUMNS: tuple[tuple[str, float], ...] = (
    ("Source file", 28), ("Directorate", 18), ("Severity", 9), ("Sheet", 12), ("Cell", 8),
    ("Message", 80),
)  # fmt: skip
SOURCE_COLUMNS: tuple[tuple[str, float], ...] = (
    ("File", 32), ("From", 24), ("Subject", 28), ("Sent", 16), ("Directorate", 18),
    ("As-of date", 12), ("Latest date provided", 12),
    ("Modified", 16), ("Actions", 8), *((word, 7.0) for word in RAG_WORDS), ("Status", 11),
    ("Reason", 70),
)  # fmt: skip


def write_report(path: str | os.PathLike[str], result: ConsolidationResult) -> None:
    """Write the corporate report for ``result`` to ``path`` (a new file; the caller makes the
    write atomic)."""
    wb = xlsxwriter.Workbook(
        os.fspath(path),
        # in_memory: the sheets' XML is assembled in memory rather than in temporary files
        # (measured 8% faster for a report of 3,000 actions).
        {
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "in_memory": True,
        },
    )
    wb.set_properties(
        {"title": "Corporate report", "comments": "Made by workbook-tools consolidate",
         "created": result.generated}
    )  # fmt: skip
    st = Styles(wb)
    write_summary(wb, result, st)
    register = [(s, row) for s in result.used for row in s.rows]
    _register(wb, register, st)
    _exceptions(wb, register, result.as_of, st)
    _checks(wb, result, st)
    _sources(wb, result, st)
    wb.close()


def _register(wb: Any, register: list[tuple[Any, RegisterRow]], st: Styles) -> None:
    ws = new_sheet(wb, "Register", REGISTER_COLUMNS, st)
    ws.set_paper(8)  # A3: sixteen columns
    add_table(ws, "Register", 0, REGISTER_COLUMNS, len(register), st)
    usual = column_formats(REGISTER_COLUMNS, st)
    rows = []
    for source, a in register:
        values = (
            source.directorate, source.file, a.sheet, a.row, a.ref, a.priority, a.action, a.lead,
            a.due, a.days_left, a.status, a.self_rag, a.rag, a.reason, ", ".join(a.flags),
            a.commentary,
        )  # fmt: skip
        formats = list(usual)
        formats[11] = rag_format(st, "Grey" if a.self_rag == "n/a" else a.self_rag, st.text)
        formats[12] = rag_format(st, a.rag, st.text)
        rows.append((values, formats))
    write_rows(ws, 1, REGISTER_COLUMNS, rows)


def _exception_facts(pair: tuple[Any, RegisterRow]) -> Facts:
    """What the exception rule needs of one Register row."""
    source, a = pair
    return Facts(a.rag, a.flags, a.due, a.ref, group=source.directorate, place=(a.sheet, a.row))


def _exceptions(
    wb: Any, register: list[tuple[Any, RegisterRow]], as_of: dt.date, st: Styles
) -> None:
    listed = exception_list(register, _exception_facts)
    ws = new_sheet(wb, "Exceptions", EXCEPTION_COLUMNS, st)
    ws.write_string(0, 0, f"Exceptions as of {as_of.day} {as_of:%b %Y}", st.section)
    ws.write_string(1, 0, f"{ORDER}.", st.note)
    add_table(ws, "Exceptions", 3, EXCEPTION_COLUMNS, len(listed), st)
    usual = column_formats(EXCEPTION_COLUMNS, st)
    rows = []
    for source, a in listed:
        values = (source.directorate, a.ref, a.priority, a.action, a.lead, a.due, a.rag,
                  a.reason, a.commentary, a.corrective)  # fmt: skip
        formats = list(usual)
        formats[6] = rag_format(st, a.rag, st.text)
        rows.append((values, formats))
    write_rows(ws, 4, EXCEPTION_COLUMNS, rows)


def _checks(wb: Any, result: ConsolidationResult, st: Styles) -> None:
    listed = [(s, check) for s in sorted(result.used, key=lambda s: s.file) for check in s.checks]
    listed.sort(key=lambda pair: (pair[0].file, pair[1].severity.value != "error"))
    ws = new_sheet(wb, "Checks", CHECK_COLUMNS, st)
    add_table(ws, "Checks", 0, CHECK_COLUMNS, len(listed), st)
    usual = column_formats(CHECK_COLUMNS, st)
    rows = []
    for source, check in listed:
        severity = check.severity.value
        values = (source.file, source.directorate, severity, check.sheet, check.cell,
                  check.message)  # fmt: skip
        formats = list(usual)
        if severity == "error":
            formats[2] = st.error
        rows.append((values, formats))
    write_rows(ws, 1, CHECK_COLUMNS, rows)


def _sources(wb: Any, result: ConsolidationResult, st: Styles) -> None:
    ws = new_sheet(wb, "Sources", SOURCE_COLUMNS, st)
    add_table(ws, "Sources", 0, SOURCE_COLUMNS, len(result.sources), st)
    usual = column_formats(SOURCE_COLUMNS, st)
    rows = []
    for source in result.sources:
        modified = dt.datetime.fromtimestamp(source.mtime).replace(microsecond=0)
        counts = source.counts or {}
        mail = source.mail
        values = (
            source.file, mail and mail.sender, mail and mail.subject, _local(mail and mail.sent),
            source.directorate,
            source.as_of, source.latest_provided,
            modified if source.mtime else None, source.actions,
            *(counts.get(word) for word in RAG_WORDS), source.status, source.error or source.note,
        )  # fmt: skip
        formats = list(usual)
        formats[-2] = st.status.get(source.status, st.text)
        rows.append((values, formats))
    write_rows(ws, 1, SOURCE_COLUMNS, rows)


def _local(when: dt.datetime | None) -> dt.datetime | None:
    """A message date in this computer's time zone, to the second (Excel has no time zones)."""
    return when.astimezone().replace(tzinfo=None, microsecond=0) if when is not None else None
