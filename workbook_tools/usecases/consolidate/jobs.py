"""The jobs consolidation gives its worker processes: a quick look at a return, and reading one.

* :func:`peek_return` reads only the Settings sheet (and any sheet a setting's defined name
  points at): the directorate and the return's own as-of date, enough to tell which versions of
  a directorate's return are older than another without reading their actions.
* :func:`read_return` reads, rates and checks one return into a compact :class:`ReturnRead`:
  one :class:`RegisterRow` per action and the checks, never the grids.
* :func:`look_at_return` is the first step of consolidation: the quick look, and when that
  cannot place the return (no Settings sheet, as in legacy layouts), the workbook is read once
  and placed by its own ``Directorate:`` and ``Updated to`` lines when it has both
  (:func:`place_by_heading`), else read in full there and then, so no file is opened twice.

Both run in a worker (:mod:`.workers`) and send back only what pickles small.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import warnings
from dataclasses import dataclass, field

from ...core.cells import clean_text
from ...core.consolidation import RegisterRow
from ...core.deadlines import read_date
from ...core.layout import MILESTONES, SETTINGS, TOOL_SHEETS
from ...core.model import Book, Check, Grid, PlanResult, Severity
from ...core.reading import read_plan
from ...core.rules import date_provided_on
from ...core.settings import read_settings
from ...core.vocabulary import self_rag_word
from ...errors import WorkbookToolsError
from ...safety import Package, checked_package, finish_checked_package
from ...sources import WORKBOOK_SUFFIXES, SheetTruncatedWarning
from ...sources.calamine import load_xlsx_fast

# Imported here rather than inside the jobs, so that a worker forked from the process that
# imported this module starts with the whole reader loaded (see .workers).
from .. import plan as services
from .workers import CRASH, MEMORY, TIME, Failure

#: Sheets that mark a workbook as a corporate report rather than a return.
REPORT_SHEETS = ("Register", "Sources")
#: Rows of each sheet a legacy return is placed by: headers lie in the first 30 rows (WORKBOOK.md)
#: and a few actions below them let the reader recognise the header.
_PLACE_ROWS = 40
_UPDATED_TO = re.compile(r"^\s*updated\s+to\s*:?\s*(.+)$", re.IGNORECASE)
#: What an ``Updated to`` cell starts with before it is cleaned (HTML, an entity, Markdown).
_MAYBE_UPDATED_TO = re.compile(r"\s*(?:updated|[<&#*])", re.IGNORECASE)

# Reasons follow the file name, as the product's error messages do ("plan.xlsx: is damaged…").
_MEMORY_REASON = (
    "could not be read within the memory limit; the file is too large or damaged: open it in "
    "Excel, remove what is not needed and save it again"
)
_TIME_REASON = (
    "could not be read within the time limit; the file is too large or damaged: open it in "
    "Excel, remove what is not needed and save it again"
)
_CRASH_REASON = (
    "the reader stopped unexpectedly on this file; open it in Excel, save it again and send it "
    "again"
)
_REPORT_REASON = (
    "is a corporate report made by consolidate, not a directorate return; move it out of the "
    "returns folder"
)


def _named(path: str, reason: str) -> str:
    return f"{os.path.basename(path)}: {reason}"


def failure_reason(failure: Failure, path: str) -> str:
    """The one sentence shown in the Sources sheet for a job that did not finish."""
    reason = {MEMORY: _MEMORY_REASON, TIME: _TIME_REASON, CRASH: _CRASH_REASON}.get(
        failure.kind, _CRASH_REASON
    )
    return _named(path, reason)


@dataclass
class ReturnRead:
    """What a worker sends back for one file: a compact result, or the error that stopped it.

    It crosses from the worker as plain tuples (:meth:`__reduce__`): a register row and a check
    each pickle as a plain tuple, not as an object, which halves the time spent sending and
    receiving a return; the receiving process rebuilds the rows and checks.
    """

    path: str
    directorate: str | None = None
    organisation: str | None = None
    own_as_of: dt.date | None = None
    rated_as_of: dt.date | None = None
    latest_provided: dt.date | None = None
    named_by_file: bool = False
    rows: list[RegisterRow] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    error: str | None = None

    def __reduce__(self) -> tuple:
        rows = [tuple(row) for row in self.rows]
        checks = [(c.severity.value, c.sheet, c.cell, c.message) for c in self.checks]
        head = (self.path, self.directorate, self.organisation, self.own_as_of,
                self.rated_as_of, self.latest_provided, self.named_by_file)  # fmt: skip
        return _unpack, (head, rows, checks, self.error)


_SEVERITIES = {severity.value: severity for severity in Severity}


def _unpack(head: tuple, rows: list[tuple], checks: list[tuple], error: str | None) -> ReturnRead:
    """A :class:`ReturnRead` from the plain tuples it was sent as (see its ``__reduce__``)."""
    new, severities = object.__new__, _SEVERITIES
    rebuilt = []
    for severity, sheet, cell, message in checks:
        check = new(Check)  # a frozen dataclass: filled as unpickling fills one
        check.__dict__.update(severity=severities[severity], sheet=sheet, cell=cell,
                              message=message)  # fmt: skip
        rebuilt.append(check)
    made = tuple.__new__
    return ReturnRead(*head, rows=[made(RegisterRow, row) for row in rows], checks=rebuilt,
                      error=error)  # fmt: skip


def _reason(exc: WorkbookToolsError, path: str) -> str:
    text = " ".join(str(exc).split())  # one line
    return text if exc.path else _named(path, text)


def _caused_by_memory(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, MemoryError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


@dataclass(frozen=True)
class ReadJob:
    """One return to read: its path, ``--as-of`` and today's date (the run's, else the clock's
    when the job is made)."""

    path: str
    as_of: dt.date | None = None
    today: dt.date = field(default_factory=dt.date.today)


@dataclass(frozen=True)
class Peek:
    """What the Settings sheet of a return says: its directorate and own as-of date."""

    directorate: str
    own_as_of: dt.date


def peek_return(path: str) -> Peek | None:
    """The directorate and own as-of date a return's Settings give, without reading its actions.

    Returns None when the file cannot be looked at this way (no Settings sheet, no directorate
    or as-of date there, or anything wrong with the file): it must be read in full, which also
    says why it cannot be read. ``MemoryError`` propagates so the worker reports the limit.
    """
    found = _look(ReadJob(path), read_on=False)
    return found if isinstance(found, Peek) else None


def look_at_return(job: ReadJob) -> Peek | ReturnRead:
    """The first look at a return: where the quick look (:func:`peek_return`) or the return's
    own heading lines place it, else the return read in full (so it is never opened twice: a
    workbook without a Settings sheet is read on from the package the quick look opened)."""
    return _look(job, read_on=True) or read_return(job, place=True)


def _look(job: ReadJob, *, read_on: bool) -> Peek | ReturnRead | None:
    """The quick look; with ``read_on``, a workbook without Settings is read in full (as
    ``read_return(job, place=True)``) on the package opened here."""
    path = job.path
    try:
        # Only Settings is read here, by parsers that ignore or refuse DTDs (python-calamine,
        # defusedxml); the full read of a return runs every check.
        with (
            checked_package(path, sheets=(SETTINGS,), xml_prologs=False) as package,
            warnings.catch_warnings(),
        ):
            if not any(s.name.casefold() == SETTINGS.casefold() for s in package.sheets):
                if read_on and path.lower().endswith(WORKBOOK_SUFFIXES):
                    return read_return(job, place=True, package=package)  # a legacy layout
                return None
            warnings.simplefilter("ignore")
            book = load_xlsx_fast(path, only_sheets=(SETTINGS,), styles=False, package=package)
        settings, _ = read_settings(book, [])
    except MemoryError:
        raise
    except Exception:  # read_return gives the reason
        return None
    if not settings.directorate or settings.as_of is None:
        return None
    return Peek(settings.directorate, settings.as_of)


def place_by_heading(book: Book, job: ReadJob) -> Peek | None:
    """The directorate and own as-of date of a workbook without a Settings sheet, from the
    ``Directorate:`` and ``Updated to`` lines above its table, when it has both.

    The reader itself reads the first rows of every sheet (so the lines are found as a full read
    finds them); the return is placed only when the first ``Updated to`` line anywhere in the
    workbook is the one found there, so that the quick look never disagrees with the full read.
    """
    if book.sheet(SETTINGS) is not None:
        return None
    first = _first_updated_to(book)
    if first is None:  # nothing to place it by: no need to read its first rows
        return None
    top = [Grid(g.name, g.rows[:_PLACE_ROWS], g.fills, g.percent) for g in book.sheets]
    try:
        plan = read_plan(Book(path=book.path, sheets=top, names=book.names),
                         as_of=job.as_of, today=job.today)  # fmt: skip
    except WorkbookToolsError:
        return None
    stem = os.path.splitext(os.path.basename(book.path))[0]
    own = plan.settings.as_of
    if own is None or plan.directorate in (None, stem) or own != first:
        return None
    return Peek(plan.directorate, own)


def _first_updated_to(book: Book) -> dt.date | None:
    """The date of the first ``Updated to`` cell in reading order (None when there is none or
    it cannot be read)."""
    skip = {name.casefold() for name in (*TOOL_SHEETS, SETTINGS, MILESTONES)}
    for grid in book.sheets:
        if grid.name.casefold() in skip:
            continue
        for row in grid.rows:
            for value in row:
                if not isinstance(value, str) or not _MAYBE_UPDATED_TO.match(value):
                    continue
                text = clean_text(value)
                match = _UPDATED_TO.match(text) if isinstance(text, str) else None
                if match:
                    return read_date(match.group(1))
    return None


def read_return(
    job: ReadJob, *, place: bool = False, package: Package | None = None
) -> ReturnRead | Peek:
    """Read and rate one return into a compact result.

    With ``place``, a workbook without a Settings sheet that :func:`place_by_heading` can place
    gives that :class:`Peek` instead (its actions are read only if it turns out to be the
    latest). Errors the user can act on become ``ReturnRead.error``; ``MemoryError`` propagates
    so the worker reports the memory limit. ``package`` is the workbook (``.xlsx``, ``.xlsm``)
    as the quick look opened and checked it, when it has no Settings sheet; the checks it
    left out are run on it before it is read.
    """

    path, as_of, today = job.path, job.as_of, job.today
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            if package is None:
                book = services.load(path, fast=True, skip_sheets=TOOL_SHEETS)
            else:
                finish_checked_package(package, skip_sheets=TOOL_SHEETS, by_cells=True)
                book = load_xlsx_fast(path, skip_sheets=TOOL_SHEETS, package=package)
            book.path = path
            names = {grid.name.casefold() for grid in book.sheets}
            if all(s.casefold() in names for s in REPORT_SHEETS) and "actions" not in names:
                return ReturnRead(path, error=_named(path, _REPORT_REASON))
            if place and (placed := place_by_heading(book, job)) is not None:
                return placed
            result = services.evaluate(book, as_of=as_of, today=today)
            unnamed = _names_no_directorate(book)
    except WorkbookToolsError as exc:
        if _caused_by_memory(exc):
            return ReturnRead(path, error=_named(path, _MEMORY_REASON))
        return ReturnRead(path, error=_reason(exc, path))
    except MemoryError:
        raise
    except Exception as exc:
        if _caused_by_memory(exc):
            return ReturnRead(path, error=_named(path, _MEMORY_REASON))
        reason = f"{_CRASH_REASON} ({type(exc).__name__})"
        return ReturnRead(path, error=_named(path, reason))
    read = _compact(path, result, caught)
    if unnamed:
        read.named_by_file = True
        read.checks.insert(0, Check(Severity.WARNING, SETTINGS, "", _UNNAMED.format(
            name=read.directorate)))
    return read


_UNNAMED = (
    "The Settings sheet names no directorate, so this return is listed under its file name "
    "'{name}'; fill in Directorate (who this return is from) and send the return again"
)


def _names_no_directorate(book: Book) -> bool:
    """A return with a Settings sheet whose Directorate is blank (it is named by its file)."""
    return book.sheet(SETTINGS) is not None and not read_settings(book, [])[0].directorate


def _compact(path: str, result: PlanResult, caught: list[warnings.WarningMessage]) -> ReturnRead:
    """A return read and rated, as the worker sends it back: one register row per action, the
    latest date provided, the checks (and a warning for each sheet cut short)."""
    plan = result.plan
    rows: list[RegisterRow] = []
    provided: list[dt.date] = []
    made, as_of = tuple.__new__, result.as_of
    days: dict[tuple[type, object], dt.date | None] = {}  # dates provided repeat
    for action, rating in zip(plan.actions, result.ratings, strict=True):
        row = (  # the fields of a RegisterRow, in order
               action.sheet, action.row, action.ref, action.priority, action.action, action.lead,
               rating.due, rating.days_left, action.status.value,
               self_rag_word(action.self_rag) or action.self_rag_text, rating.rag.value,
               rating.reason, tuple(rating.flags), action.commentary,
               action.corrective)  # fmt: skip
        rows.append(made(RegisterRow, row))  # without a call per field
        value = action.date_provided
        key = (value.__class__, value if value.__hash__ is not None else repr(value))
        if key not in days:
            days[key] = date_provided_on(value, as_of, read_date)
        if (day := days[key]) is not None:
            provided.append(day)
    checks = list(result.checks)
    for warning in caught:
        if issubclass(warning.category, SheetTruncatedWarning):
            checks.append(Check(Severity.WARNING, "", "", str(warning.message)))
    return ReturnRead(
        path,
        directorate=plan.directorate,
        organisation=plan.settings.organisation,
        own_as_of=plan.settings.as_of,
        rated_as_of=result.as_of,
        latest_provided=max(provided, default=None),
        rows=rows,
        checks=checks,
    )
