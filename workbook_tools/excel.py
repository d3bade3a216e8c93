"""The Monitoring ribbon's Python side: each button runs one function here, with no arguments, on
the workbook open in Excel (``RunPython "import workbook_tools.excel as x; x.refresh()"``).

Each function gets the workbook with ``xw.Book.caller()``, runs the same services as the
command line, shows progress in Excel's status bar and ends with at most one message box. A
problem the user can fix is shown in the same sentence the command line prints; anything
unexpected is one sentence too, never a traceback. Refresh and Check read the open workbook in
bulk (:mod:`workbook_tools.sources.live`) and write back only the computed columns and the
tool's sheets (:mod:`workbook_tools.writers.live`); they do not save it, the user does.

xlwings is imported only inside the functions, so importing this module works anywhere.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from . import services
from .errors import UsageError, WorkbookToolsError
from .model import Severity

#: The message boxes' title.
TITLE = "Monitoring"
#: The functions the ribbon calls (``addin.RIBBON_ENTRY_POINTS`` names the same).
ENTRY_POINTS: tuple[str, ...] = (
    "refresh",
    "check",
    "new_plan",
    "import_plan",
    "prepare_return",
    "consolidate_folder",
    "show_guide",
)
_REFRESHABLE = (".xlsx", ".xlsm", "")
_log = logging.getLogger(__name__)


# --------------------------------------------------------------------------------------------
# What the ribbon calls
# --------------------------------------------------------------------------------------------


def refresh() -> None:
    """Refresh: rate every action, write the computed columns and rebuild the tool's sheets."""
    _entry(_refresh)


def check() -> None:
    """Check: the data checks only, written to the Checks sheet."""
    _entry(_check)


def new_plan() -> None:
    """New plan: a new workbook from the template, saved in Documents and opened."""
    from . import excel_files

    _entry(excel_files.new_plan)


def import_plan() -> None:
    """Import plan…: pick a legacy plan, import it into a new workbook beside it, open that."""
    from . import excel_files

    _entry(excel_files.import_plan)


def prepare_return() -> None:
    """Prepare return: refresh and save the workbook, then a copy and an email draft to send."""
    _entry(_prepare_return)


def consolidate_folder() -> None:
    """Consolidate folder…: pick a folder of returns, build the corporate report, open it."""
    from . import excel_files

    _entry(excel_files.consolidate_folder)


def show_guide() -> None:
    """Guide: the workbook's Guide sheet, else the product's documentation."""
    from . import excel_files

    _entry(excel_files.show_guide)


# --------------------------------------------------------------------------------------------
# Running a button: the workbook, the status bar, one message box
# --------------------------------------------------------------------------------------------


def caller_book() -> object:
    """The workbook whose button was pressed (``xw.Book.caller()``)."""
    import xlwings as xw

    return xw.Book.caller()


def active_app() -> object:
    """The Excel instance in front, for messages when there is no calling workbook."""
    import xlwings as xw

    return xw.apps.active


def open_workbook(path: Path) -> object:
    """Open ``path`` in Excel (a plan or report just made)."""
    import xlwings as xw

    return xw.Book(os.fspath(path))


def clock_now() -> dt.datetime:
    """The time shown as "Generated" on the Summary."""
    return dt.datetime.now().replace(microsecond=0)


def clock_today() -> dt.date:
    """Today: the as-of date when the workbook gives none."""
    return dt.date.today()


class Run:
    """One button press: the workbook it runs on, and Excel's status bar."""

    def __init__(self) -> None:
        self.book: object | None = None
        self._app: object | None = None
        self._status: bool | None = False

    def caller(self) -> object:
        """The calling workbook (its Excel then shows the messages)."""
        self.book = caller_book()
        self._app = self.book.app  # type: ignore[attr-defined]
        return self.book

    @property
    def app(self) -> object:
        """The Excel instance messages and the status bar go to."""
        if self._app is None:
            self._app = active_app()
        return self._app

    def status(self, text: str) -> None:
        """Show ``text`` in the status bar (an engine without one is left alone)."""
        if self._status is None:
            return
        try:
            self.app.status_bar = f"{TITLE}: {text}…"  # type: ignore[attr-defined]
            self._status = True
        except Exception:
            self._status = None

    @contextmanager
    def quiet(self):
        """Screen updating off while writing (one call each way)."""
        try:
            self.app.screen_updating = False  # type: ignore[attr-defined]
        except Exception:
            _log.debug("no screen updating", exc_info=True)
        try:
            yield
        finally:
            try:
                self.app.screen_updating = True  # type: ignore[attr-defined]
            except Exception:
                _log.debug("no screen updating", exc_info=True)

    def done(self) -> None:
        """Give the status bar back to Excel."""
        if self._status:
            try:
                self.app.status_bar = False  # type: ignore[attr-defined]
            except Exception:
                _log.debug("no status bar", exc_info=True)

    def alert(self, message: str, buttons: str = "ok") -> object:
        """One message box; returns the button pressed (``"ok"``, ``"cancel"`` …)."""
        return self.app.alert(message, title=TITLE, buttons=buttons)  # type: ignore[attr-defined]


def unexpected(exc: BaseException) -> str:
    """The one sentence shown for an error the product did not foresee."""
    return (
        f"Unexpected error ({type(exc).__name__}: {exc}); please report it, with the workbook, "
        "to whoever looks after Workbook Tools"
    )


def _entry(job: Callable[[Run], str | None]) -> None:
    run = Run()
    try:
        message = job(run)
    except WorkbookToolsError as exc:
        message = str(exc)
    except Exception as exc:  # never a traceback dialog for the user
        _log.debug("unexpected error", exc_info=True)
        message = unexpected(exc)
    finally:
        run.done()
    if message:
        try:
            run.alert(message)
        except Exception:  # no Excel left to show it in
            _log.debug("could not show %r", message, exc_info=True)


def summary(verb: str, result: services.PlanResult) -> str:
    """``Refreshed: 12 actions as of 30 Jun 2008 — Blue 1, Green 4, …; 1 data error on the
    Checks sheet.``"""
    counts = ", ".join(f"{rag.value} {n}" for rag, n in result.counts.items())
    found = [
        plural(sum(c.severity is severity for c in result.checks), noun)
        for severity, noun in ((Severity.ERROR, "data error"), (Severity.WARNING, "warning"))
    ]
    found = [text for text in found if not text.startswith("0 ")]
    problems = " and ".join(found) + " on the Checks sheet" if found else "no data problems"
    day = f"{result.as_of.day} {result.as_of:%b %Y}"
    return f"{verb}: {plural(len(result.ratings), 'action')} as of {day} — {counts}; {problems}."


def plural(n: int, noun: str) -> str:
    """``1 action``, ``2 actions``."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


# --------------------------------------------------------------------------------------------
# Refresh, Check, Prepare return: the open workbook
# --------------------------------------------------------------------------------------------


def _rated(run: Run, book: object) -> tuple[object, services.PlanResult]:
    """The workbook's grids, and its plan rated (as-of: AsOfDate, else today)."""
    from .sources.live import load_live

    suffix = Path(str(book.fullname)).suffix.lower()  # type: ignore[attr-defined]
    if suffix not in _REFRESHABLE:
        raise UsageError(
            "refresh writes Excel workbooks (.xlsx or .xlsm); import this file into the "
            "template first with Import plan…",
            path=str(book.fullname),  # type: ignore[attr-defined]
        )
    run.status("reading the workbook")
    grids = load_live(book)
    run.status("rating the actions")
    return grids, services.evaluate(grids, today=clock_today())


def _write_back(run: Run, book: object) -> services.PlanResult:
    """Read, rate and refresh the open workbook; return the rated plan."""
    from .tool_sheets import REBUILT, read_history
    from .writers.live import write_refresh

    grids, result = _rated(run, book)
    history = read_history(grids.sheet(REBUILT[-1]))  # type: ignore[attr-defined]
    with run.quiet():
        write_refresh(
            book, grids, result, history=history, generated_at=clock_now(), progress=run.status
        )
    return result


def _refresh(run: Run) -> str:
    return summary("Refreshed", _write_back(run, run.caller()))


def _check(run: Run) -> str:
    from .writers.live import write_checks

    book = run.caller()
    grids, result = _rated(run, book)
    run.status("writing the Checks sheet")
    with run.quiet():
        write_checks(book, grids, result)
    return summary("Checked", result)


def _unsaved(book: object) -> bool:
    """Whether Excel knows of changes not yet saved (``False`` when it cannot tell)."""
    try:
        return book.api.Saved is False  # type: ignore[attr-defined]
    except Exception:
        return False


def _prepare_return(run: Run) -> str | None:
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


def _write_return(source: Path, result: services.PlanResult):  # -> returns.ReturnResult
    """The copy to send and its email draft, in ``Outbox`` beside the saved workbook: the same
    files ``prepare-return`` writes after its own refresh (which cannot run on a workbook open
    in Excel)."""
    from .returns import write_return

    refreshed = services.RefreshResult(result=result, output=source, backup=None, wrote=True)
    return write_return(source, refreshed)


__all__ = [
    "ENTRY_POINTS",
    "TITLE",
    "Run",
    "active_app",
    "caller_book",
    "check",
    "clock_now",
    "clock_today",
    "consolidate_folder",
    "import_plan",
    "new_plan",
    "open_workbook",
    "plural",
    "prepare_return",
    "refresh",
    "show_guide",
    "summary",
    "unexpected",
]
