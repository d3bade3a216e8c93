"""The buttons that work on the plan open in Excel: Refresh, Check and Prepare return.

Each job gets the workbook with ``xw.Book.caller()``, runs the same services as the command
line, shows progress in Excel's status bar and returns at most one message for the box
(:func:`workbook_tools.ribbon.run.entry` shows it). Refresh and Check read the open workbook in
bulk (:mod:`workbook_tools.sources.live`) and write back only the computed columns and the
tool's sheets (:mod:`workbook_tools.writers.live.refresh`); they do not save it, the user does.
Prepare return refreshes and saves it, then writes the same copy and email draft as
``prepare-return``.
"""

from __future__ import annotations

from pathlib import Path

from ..core.dates import format_date
from ..core.layout import HISTORY
from ..core.model import PlanResult, Severity
from ..errors import UsageError
from ..usecases import plan as services
from . import run as ribbon_run
from .run import Run, plural

_REFRESHABLE = (".xlsx", ".xlsm", "")


def refresh(run: Run) -> str:
    """Refresh: rate every action, write the computed columns and rebuild the tool's sheets."""
    return summary("Refreshed", _write_back(run, run.caller()))


def check(run: Run) -> str:
    """Check: the data checks only, written to the Checks sheet."""
    from ..writers.live.refresh import write_checks

    book = run.caller()
    grids, result = _rated(run, book)
    run.status("writing the Checks sheet")
    with run.quiet():
        write_checks(book, grids, result)
    return summary("Checked", result)


def prepare_return(run: Run) -> str | None:
    """Prepare return: refresh and save the workbook, then a copy and an email draft to send."""
    book = run.caller()
    path = Path(str(book.fullname))  # type: ignore[attr-defined]
    if not path.is_absolute() or not path.is_file():
        raise UsageError(
            "save the workbook first (File > Save As, as an Excel Workbook .xlsx), then prepare "
            "the return again",
            path=path,
        )
    if (
        _unsaved(book)
        and run.alert(
            f"{path.name} has changes that are not saved. Prepare the return anyway? The workbook "
            "is refreshed and saved, with your changes, before it is copied.",
            buttons="ok_cancel",
        )
        != "ok"
    ):
        return None
    result = _write_back(run, book)
    run.status("saving the workbook")
    book.save()  # type: ignore[attr-defined]
    done = _write_return(path, result)
    lines = [
        summary(f"Refreshed and saved {path.name}", result),
        f"Copy to send: {done.copy}",
        f"Email draft: {done.eml}" + (f" (to {done.to})" if done.to else ""),
        *done.warnings,
    ]
    return "\n".join(lines)


def summary(verb: str, result: PlanResult) -> str:
    """``Refreshed: 12 actions as of 30 Jun 2008 — Blue 1, Green 4, …; 1 data error on the
    Checks sheet.``"""
    counts = ", ".join(f"{rag.value} {n}" for rag, n in result.counts.items())
    found = [
        plural(sum(c.severity is severity for c in result.checks), noun)
        for severity, noun in ((Severity.ERROR, "data error"), (Severity.WARNING, "warning"))
    ]
    found = [text for text in found if not text.startswith("0 ")]
    problems = " and ".join(found) + " on the Checks sheet" if found else "no data problems"
    day = format_date(result.as_of)
    return f"{verb}: {plural(len(result.ratings), 'action')} as of {day} — {counts}; {problems}."


def _rated(run: Run, book: object) -> tuple[object, PlanResult]:
    """The workbook's grids, and its plan rated (as-of: AsOfDate, else today)."""
    from ..usecases.open_workbook import read_open_workbook

    suffix = Path(str(book.fullname)).suffix.lower()  # type: ignore[attr-defined]
    if suffix not in _REFRESHABLE:
        raise UsageError(
            "refresh writes Excel workbooks (.xlsx or .xlsm); import this file into the "
            "template first with Import plan…",
            path=str(book.fullname),  # type: ignore[attr-defined]
        )
    run.status("reading the workbook")
    today = ribbon_run.clock_today()
    grids = read_open_workbook(book, today=today)
    run.status("rating the actions")
    return grids, services.evaluate(grids, today=today)


def _write_back(run: Run, book: object) -> PlanResult:
    """Read, rate and refresh the open workbook; return the rated plan."""
    from ..tool_sheets import read_history
    from ..writers.live.refresh import write_refresh

    grids, result = _rated(run, book)
    history = read_history(grids.sheet(HISTORY))  # type: ignore[attr-defined]
    with run.quiet():
        write_refresh(
            book,
            grids,
            result,
            history=history,
            generated_at=ribbon_run.clock_now(),
            progress=run.status,
        )
    return result


def _unsaved(book: object) -> bool:
    """Whether Excel knows of changes not yet saved (``False`` when it cannot tell)."""
    try:
        return book.api.Saved is False  # type: ignore[attr-defined]
    except Exception:
        return False


def _write_return(source: Path, result: PlanResult):  # -> ReturnResult
    """The copy to send and its email draft, in ``Outbox`` beside the saved workbook: the same
    files ``prepare-return`` writes after its own refresh (which cannot run on a workbook open
    in Excel)."""
    from ..usecases.prepare_return import write_return

    refreshed = services.RefreshResult(result=result, output=source, backup=None, wrote=True)
    return write_return(source, refreshed)


__all__ = ["check", "prepare_return", "refresh", "summary"]
