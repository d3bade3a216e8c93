"""The plan's use cases, check, refresh and new: each takes paths (or a book), does one job,
returns a result object.

The CLI and the Excel ribbon are thin layers over these functions.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..core.checks import plan_checks
from ..core.dates import financial_year_start, parse_plan_year
from ..core.deadlines import read_date
from ..core.layout import HISTORY
from ..core.model import Book, Check, Plan, PlanResult, Rating
from ..core.reading import read_plan
from ..core.rules import rate
from ..errors import UsageError


@contextlib.contextmanager
def cycles_paused() -> Iterator[None]:
    """Pause Python's collector of reference cycles while a plan is read, rated or written.

    Reading a plan makes a few objects per cell and action, none of them in a cycle, so
    reference counting frees them all; but while they pile up the cycle collector walks every
    one of them again and again (half a second of a 20,000-action check). Whatever cycles form
    meanwhile are collected as usual once it resumes.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def load(
    path: str | os.PathLike[str], *, fast: bool = False, skip_sheets: Collection[str] = ()
) -> Book:
    """Check a file against the input limits, then load it as grids (``fast``: with
    python-calamine, leaving out ``skip_sheets``, whose size is then not checked either).

    Sheets are limited by the cells they hold, not by how far their cells reach: a sparse sheet
    is read by its cells. ``.ods``, ``.xls`` and ``.xlsb`` workbooks are checked and read with
    python-calamine (values only); text files need no workbook checks.
    """
    from ..safety import check_input, check_other_package, checked_package
    from ..sources import OTHER_SUFFIXES, WORKBOOK_SUFFIXES, load_book
    from ..sources.calamine import load_xlsx_fast

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in OTHER_SUFFIXES:
        check_other_package(path)
        return load_book(path)
    if suffix not in WORKBOOK_SUFFIXES:
        return load_book(path)
    if not fast:
        check_input(path, by_cells=True)
        return load_book(path)
    with checked_package(path, skip_sheets=skip_sheets, by_cells=True) as package:
        return load_xlsx_fast(path, skip_sheets=skip_sheets, package=package)


def rate_plan(plan: Plan, as_of: dt.date) -> tuple[list[Rating], list[Check]]:
    """Rate every action of ``plan`` at ``as_of`` and list every data problem."""
    ratings = [rate(action, as_of, plan.settings, read_date=read_date) for action in plan.actions]
    checks = plan_checks(plan.actions, ratings, plan.milestones, plan.checks, read_date=read_date)
    return ratings, checks


def evaluate(
    book: Book,
    *,
    as_of: dt.date | None = None,
    directorate: str | None = None,
    today: dt.date | None = None,
) -> PlanResult:
    """Read and rate a loaded book. The as-of date is ``as_of``, else the workbook's own
    (``AsOfDate`` or an ``Updated to`` line), else ``today``."""
    today = today or dt.date.today()
    with cycles_paused():
        plan = read_plan(book, directorate=directorate, as_of=as_of, today=today)
        effective = as_of or plan.settings.as_of or today
        ratings, checks = rate_plan(plan, effective)
    return PlanResult(path=book.path, plan=plan, as_of=effective, ratings=ratings, checks=checks)


def check(
    path: str | os.PathLike[str],
    *,
    as_of: dt.date | None = None,
    directorate: str | None = None,
    today: dt.date | None = None,
) -> PlanResult:
    """Read-only: read and rate the plan in ``path``; the file is never modified.

    Read with the fast reader (python-calamine; the same grids as openpyxl gives), leaving out
    the tool sheets the reader never reads: a plan of 20,000 actions reads in a fifth of the time.
    """
    from ..core.layout import TOOL_SHEETS

    with cycles_paused():
        book = load(path, fast=True, skip_sheets=TOOL_SHEETS)
        book.path = os.fspath(path)
        return evaluate(book, as_of=as_of, directorate=directorate, today=today)


def new_plan(
    output: str | os.PathLike[str],
    *,
    directorate: str | None = None,
    organisation: str | None = None,
    plan_year: str | None = None,
    today: dt.date | None = None,
) -> Path:
    """Write a fresh plan from the template; the plan year defaults to the current one.

    The output path is checked as every command checks its output
    (:func:`~workbook_tools.safety.output.check_output`): an ``.xlsx`` name, not a folder, not
    an existing file (also when another program makes it while this one writes), its folder
    made when it is missing.
    """
    from ..safety.output import check_output, write_new_file
    from ..writers.template.build import build_template
    from ..writers.template.stable_xlsx import workbook_bytes

    today = today or dt.date.today()
    start = parse_plan_year(plan_year) if plan_year else financial_year_start(today)
    output = check_output(output, what="a new plan", new=True, make_folder=True)
    wb = build_template(directorate=directorate, organisation=organisation, plan_year_start=start)
    return write_new_file(output, workbook_bytes(wb))


# --------------------------------------------------------------------------------------------
# refresh
# --------------------------------------------------------------------------------------------


@dataclass
class RefreshResult:
    """What a refresh did: the rated plan, where the workbook was written, the backup kept.

    ``output`` is the workbook written (the input itself when refreshing in place); ``backup``
    the copy of the original kept beside it (``None`` with ``output``); ``wrote`` whether a
    file was written; ``notes`` are one-line remarks for the user.
    """

    result: PlanResult
    output: Path
    backup: Path | None
    wrote: bool
    notes: list[str] = field(default_factory=list)


def backup_path(path: str | os.PathLike[str]) -> Path:
    """Where an in-place refresh keeps the original: ``plan.xlsx`` → ``plan.bak.xlsx``."""
    path = Path(path)
    return path.with_name(f"{path.stem}.bak{path.suffix}")


def _same_file(a: Path, b: Path) -> bool:
    if a.exists() and b.exists():
        return os.path.samefile(a, b)
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def _refresh_target(source: Path, output: str | os.PathLike[str] | None) -> Path:
    """The workbook refresh writes: ``source`` itself, or ``output`` when it may be written."""
    from ..safety.save import check_writable

    suffix = source.suffix.lower()
    if suffix not in (".xlsx", ".xlsm"):
        raise UsageError(
            "refresh writes Excel workbooks (.xlsx or .xlsm) only; check reads this file as it "
            f'is, and workbook-tools import "{source.name}" -o "{source.stem}.xlsx" makes a '
            "plan that refresh can write",
            path=source,
        )
    target = source if output is None else Path(output)
    if output is not None:
        if _same_file(source, target):
            raise UsageError(
                "--output names the workbook itself; leave --output out to refresh it in place "
                "(a backup is kept), or name another file",
                path=source,
            )
        if target.suffix.lower() != suffix:
            raise UsageError(
                f"--output must end in {suffix}, like the workbook refreshed", path=target
            )
    if source.exists():
        check_writable(target)
    return target


def refresh(
    path: str | os.PathLike[str],
    *,
    as_of: dt.date | None = None,
    output: str | os.PathLike[str] | None = None,
    today: dt.date | None = None,
    generated_at: dt.datetime | None = None,
    directorate: str | None = None,
) -> RefreshResult:
    """Rate the plan in ``path`` and write everything back (WORKBOOK.md, "What refresh writes").

    Only what refresh owns changes: the computed columns, the Timeline marks and the rebuilt
    sheets (with the style records they need, and the workbook's list of sheets); every other
    part of the file is copied byte for byte, so whatever else the workbook holds (text boxes,
    slicers, threaded comments, macros…) is kept. In place (no ``output``) the new workbook is
    written beside the original, checked against it (every part refresh does not own must be
    byte-identical, every cell outside the computed columns the same) and swapped in atomically,
    keeping the original as ``<name>.bak.xlsx``. With ``output`` the original is only read.
    Refuses with :class:`~workbook_tools.errors.WouldLoseDataError` (nothing written) a
    digitally signed or shared workbook, whose signature or change history no rewrite keeps.

    Formulas keep the values Excel last calculated, and a workbook holding formulas is marked to
    be recalculated in full when it is next opened. ``generated_at`` (default: now) is the time
    shown on the Summary; ``today`` is the as-of date when neither ``as_of`` nor the workbook
    gives one.
    """
    with cycles_paused():
        return _refresh(path, as_of, output, today, generated_at, directorate)


def _refresh(
    path: str | os.PathLike[str],
    as_of: dt.date | None,
    output: str | os.PathLike[str] | None,
    today: dt.date | None,
    generated_at: dt.datetime | None,
    directorate: str | None,
) -> RefreshResult:
    """:func:`refresh`'s steps."""
    from ..core.vocabulary import REBUILT
    from ..errors import WouldLoseDataError
    from ..safety import checked_package, describe_all, refusals
    from ..sources.calamine import load_xlsx_fast
    from ..tool_sheets import read_history

    source = Path(path)
    target = _refresh_target(source, output)
    with checked_package(source, by_cells=True) as package:  # sparse sheets are streamed
        refused = refusals(package)
        if refused:
            raise WouldLoseDataError(describe_all(refused) + "; nothing was changed", path=source)
        formulas = any(
            package.scan(sheet.part).formulas
            for sheet in package.sheets
            if sheet.kind == "worksheet"
        )
        # the sheets refresh rebuilds are read only as far as telling whether they are its own
        replaced = [name for name in REBUILT if name != HISTORY]
        book = load_xlsx_fast(source, package=package, first_rows=replaced)
    book.path = os.fspath(path)
    result = evaluate(book, as_of=as_of, directorate=directorate, today=today)
    history = read_history(book.sheet(HISTORY))
    stamp = (generated_at or dt.datetime.now()).replace(microsecond=0, tzinfo=None)
    backup = _save_refreshed(source, target, result, book, history, stamp, formulas)
    return RefreshResult(result=result, output=target, backup=backup, wrote=True)


def _save_refreshed(
    source: Path,
    target: Path,
    result: PlanResult,
    book: Book,
    history: list,
    stamp: dt.datetime,
    formulas: bool,
) -> Path | None:
    """Write the refresh through the safe save: to a temporary file beside ``target``, checked
    against ``source`` before it replaces ``target`` (in place: keeping a backup)."""
    from ..errors import WouldLoseDataError
    from ..safety import safe_save
    from ..writers.file.package_refresh import write_refresh

    def write(temp: Path) -> None:
        written = write_refresh(
            source, temp, result, book, history=history, generated_at=stamp, formulas=formulas
        )
        problems = written.losses(source, temp)
        if problems:
            raise WouldLoseDataError(
                "the refreshed workbook would lose this: "
                + "; ".join(problems)
                + "; nothing was changed",
                path=source,
            )

    backup = backup_path(source) if target == source else None
    safe_save(target, write, backup=backup)
    return backup
