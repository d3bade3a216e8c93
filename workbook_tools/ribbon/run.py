"""Running one ribbon button: the calling workbook, Excel's status bar, one message box.

The seams tests replace (the calling workbook, the Excel in front, opening a file, the clock)
are module-level functions here, called through the module so that a test double stands in for
all of them at once. xlwings is imported only inside the functions.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from ..errors import WorkbookToolsError

#: The message boxes' title.
TITLE = "Monitoring"
_log = logging.getLogger(__name__)


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


def entry(job: Callable[[Run], str | None]) -> None:
    """Run one button's ``job``: errors become one sentence, the status bar is given back, and
    the job's message (if any) is shown in one message box."""
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


def plural(n: int, noun: str) -> str:
    """``1 action``, ``2 actions``."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


__all__ = [
    "TITLE",
    "Run",
    "active_app",
    "caller_book",
    "clock_now",
    "clock_today",
    "entry",
    "open_workbook",
    "plural",
    "unexpected",
]
