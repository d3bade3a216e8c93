"""Run one job per file in child processes, each under a memory and a time limit.

Consolidation reads every return in a worker process so that one hostile or broken file (a zip
bomb that slipped past the checks, a parser that runs away, a crash inside a native library)
costs only that file: the worker is stopped, the file gets a :class:`Failure` saying why, a fresh
worker takes its place and the run carries on.

* **Memory**: on Linux and other POSIX systems each worker limits its own address space with
  ``resource.setrlimit(RLIMIT_AS)`` when it starts, so an allocation beyond the limit raises
  ``MemoryError`` inside the worker instead of exhausting the machine. Windows has no such
  limit in the standard library: there only the time limit and the input checks
  (:mod:`workbook_tools.safety`) apply; macOS does not enforce the limit either.
* **Time**: the parent gives each file a wall-clock limit; a worker still busy when it runs out
  is killed (this also catches native code that never returns to Python).
* **Crashes**: a worker that dies (killed by the system, a fault in a native library) is
  replaced; its file fails with a crash reason.

Workers are started with the ``spawn`` method on every platform (the same behaviour on Linux,
macOS and Windows, and no state inherited from the parent) and live for the whole run, so the
start-up cost is paid once per worker, not once per file. ``jobs=0`` runs every job in the
calling process with no limits, for debugging.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import sys
import time
import traceback
import warnings
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from .errors import WorkbookToolsError
from .model import Check, Severity

#: Address space each worker may use, in bytes (POSIX only).
MEMORY_LIMIT = 2 * 1024**3
#: Wall-clock seconds a worker may spend on one file.
TIME_LIMIT = 120.0

#: Files a worker should have to read to be worth starting (see :func:`default_workers`): a
#: worker's start-up (a fresh interpreter and the reader's imports) was measured at 0.15-0.3 s,
#: the time it takes to read 8-15 returns of 150 actions.
FILES_PER_WORKER = 16

#: Why a job failed.
MEMORY, TIME, CRASH = "memory", "time", "crash"
#: Sheets that mark a workbook as a corporate report rather than a return.
REPORT_SHEETS = ("Register", "Sources")

#: ``progress(done, total, file)``: called as each file is finished.
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Failure:
    """A job that did not finish: ``kind`` is ``"memory"``, ``"time"`` or ``"crash"``;
    ``detail`` is for a developer (exit code, exception), never shown as the reason."""

    kind: str
    detail: str = ""


def _limit_memory(limit: int | None) -> None:
    if not limit:
        return
    try:
        import resource
    except ImportError:  # Windows: no address-space limit in the standard library
        return
    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):  # not allowed here: run without the limit
        pass


def _quiet() -> None:
    """Send the worker's own error output (native libraries print there when they abort) to
    the null device: what went wrong reaches the user as the file's reason instead."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        os.close(null)
    except OSError:
        pass


def _child(conn: Connection, func: Callable[[Any], Any], memory_limit: int | None) -> None:
    """A worker: apply the memory limit, then answer jobs until told to stop."""
    _quiet()
    _limit_memory(memory_limit)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if job is None:
            return
        try:
            answer: tuple[str, Any] = ("ok", func(job))
        except MemoryError:
            answer = ("fail", Failure(MEMORY, "MemoryError"))
        except BaseException as exc:  # a bug or a native failure: report, keep serving
            answer = ("fail", Failure(CRASH, "".join(traceback.format_exception_only(exc))))
        try:
            conn.send(answer)
        except MemoryError:
            answer = None  # free the result before sending the failure
            conn.send(("fail", Failure(MEMORY, "MemoryError while sending the result")))


class _Worker:
    """One child process and the job it is working on."""

    def __init__(self, ctx: Any, func: Callable[[Any], Any], memory_limit: int | None) -> None:
        parent, child = ctx.Pipe()
        self.conn: Connection = parent
        self.process = ctx.Process(
            target=_child, args=(child, func, memory_limit), daemon=True, name="workbook-reader"
        )
        self.process.start()
        child.close()
        self.index: int | None = None
        self.deadline = 0.0

    def give(self, index: int, job: Any, time_limit: float) -> None:
        self.index = index
        self.deadline = time.monotonic() + time_limit
        self.conn.send(job)

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                self.process.kill()
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()
        self.process.close()


def run(
    func: Callable[[Any], Any],
    jobs: Sequence[Any],
    *,
    workers: int = 1,
    memory_limit: int | None = None,
    time_limit: float | None = None,
    on_result: Callable[[int, Any], None] | None = None,
) -> list[Any]:
    """Call ``func(job)`` for every job in worker processes; return the results in job order.

    ``func`` must be a module-level function and jobs and results must pickle. A job that runs
    out of memory or time, or whose worker dies, gives a :class:`Failure` in its place; an
    exception raised by ``func`` gives a ``crash`` failure. ``on_result(index, result)`` is
    called in the parent as each job finishes, in completion order. The limits default to
    :data:`MEMORY_LIMIT` and :data:`TIME_LIMIT` (read at call time; 0 means no memory limit).
    ``workers=0`` runs the jobs in this process, with no limits.
    """
    memory_limit = MEMORY_LIMIT if memory_limit is None else memory_limit
    time_limit = TIME_LIMIT if time_limit is None else time_limit
    results: list[Any] = [None] * len(jobs)

    def finish(index: int, value: Any) -> None:
        results[index] = value
        if on_result is not None:
            on_result(index, value)

    if workers <= 0:
        for index, job in enumerate(jobs):
            try:
                value = func(job)
            except MemoryError:
                value = Failure(MEMORY, "MemoryError")
            finish(index, value)
        return results

    ctx = multiprocessing.get_context("spawn")
    pending = deque(range(len(jobs)))
    pool: list[_Worker] = []
    try:
        while pending or any(w.index is not None for w in pool):
            idle = sum(w.index is None for w in pool)
            while len(pending) > idle and len(pool) < workers:
                pool.append(_Worker(ctx, func, memory_limit))
                idle += 1
            for worker in list(pool):
                if worker.index is None and pending:
                    index = pending.popleft()
                    try:
                        worker.give(index, jobs[index], time_limit)
                    except OSError:  # the worker is gone before it got the job
                        _retire(pool, worker, kill=True)
                        finish(index, Failure(CRASH, "worker not reachable"))
            busy = [w for w in pool if w.index is not None]
            if not busy:
                continue
            timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout))
            for worker in busy:
                index = worker.index
                assert index is not None
                outcome: Any = None
                if worker.conn in ready:
                    try:
                        kind, value = worker.conn.recv()
                        outcome = value
                        worker.index = None
                        if kind == "fail" and value.kind == MEMORY:
                            _retire(pool, worker)
                    except (EOFError, OSError):
                        outcome = _died(worker)
                        _retire(pool, worker, kill=True)
                elif worker.process.sentinel in ready:
                    outcome = _died(worker)
                    _retire(pool, worker, kill=True)
                elif time.monotonic() >= worker.deadline:
                    outcome = Failure(TIME, f"over {time_limit:g} s")
                    _retire(pool, worker, kill=True)
                else:
                    continue
                finish(index, outcome)
    finally:
        for worker in pool:
            worker.stop(kill=worker.index is not None)
    return results


def _died(worker: _Worker) -> Failure:
    worker.process.join(1)
    code = worker.process.exitcode
    # Out of memory shows as SIGKILL (-9, the system's out-of-memory killer) or SIGABRT (-6, a
    # native library aborting when an allocation fails under the limit).
    kind = MEMORY if code in (-9, -6) else CRASH
    return Failure(kind, f"worker exit code {code}")


def _retire(pool: list[_Worker], worker: _Worker, kill: bool = False) -> None:
    """Stop a worker that failed (or hit its memory limit); the loop starts a fresh one."""
    worker.index = None
    worker.stop(kill=kill)
    pool.remove(worker)


def default_workers(files: int) -> int:
    """The number of workers for ``files`` files: one per processor (at most 8), but no more
    than one per :data:`FILES_PER_WORKER` files, so that reading outweighs starting workers."""
    return max(1, min(os.cpu_count() or 1, 8, -(-files // FILES_PER_WORKER)))


def progress_display(
    progress: bool | Progress, total: int
) -> tuple[Callable[[str], None], Callable[[], None]]:
    """An ``advance(file)`` callback and a ``close()`` for the progress display: ``progress``
    itself when it is callable, a tqdm bar on stderr when True and stderr is a terminal, else
    nothing."""
    if callable(progress):
        done = [0]

        def advance(file: str) -> None:
            done[0] += 1
            progress(done[0], total, file)

        return advance, lambda: None
    if progress and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=total, unit="file", desc="Reading returns", file=sys.stderr, leave=False)

        def tick(file: str) -> None:
            bar.set_postfix_str(os.path.basename(file)[:40], refresh=False)
            bar.update(1)

        return tick, bar.close
    return (lambda file: None), lambda: None


# --------------------------------------------------------------------------------------------
# The job: reading one return
# --------------------------------------------------------------------------------------------

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
    reason = {MEMORY: _MEMORY_REASON, TIME: _TIME_REASON}.get(failure.kind, _CRASH_REASON)
    return _named(path, reason)


@dataclass(slots=True)
class RegisterRow:
    """One action as the report shows it: where it came from and its computed columns."""

    sheet: str
    row: int
    ref: str | None
    priority: str | None
    action: str
    lead: str | None
    due: dt.date | None
    days_left: int | None
    status: str
    self_rag: str | None
    rag: str
    reason: str
    flags: tuple[str, ...]
    commentary: str | None
    corrective: str | None


@dataclass
class ReturnRead:
    """What a worker sends back for one file: a compact result, or the error that stopped it."""

    path: str
    directorate: str | None = None
    organisation: str | None = None
    own_as_of: dt.date | None = None
    rated_as_of: dt.date | None = None
    latest_provided: dt.date | None = None
    rows: list[RegisterRow] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    error: str | None = None


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


#: Tool sheets a return's reading never needs (the reader skips them anyway).
_NOT_READ = ("Guide", "Summary", "Exceptions", "Checks", "History", "Lists")


def read_return(job: tuple[str, dt.date | None, dt.date | None]) -> ReturnRead:
    """Read and rate one return (``job`` = path, ``--as-of``, today) into a compact result.

    Errors the user can act on become ``ReturnRead.error``; ``MemoryError`` propagates so the
    worker reports the memory limit.
    """
    from . import services
    from .deadlines import read_date
    from .rules import date_provided_on
    from .sources import SheetTruncatedWarning

    path, as_of, today = job
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            book = services.load(path, fast=True, skip_sheets=_NOT_READ)
            book.path = path
            names = {grid.name.casefold() for grid in book.sheets}
            if all(s.casefold() in names for s in REPORT_SHEETS) and "actions" not in names:
                return ReturnRead(path, error=_named(path, _REPORT_REASON))
            result = services.evaluate(book, as_of=as_of, today=today)
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
    plan = result.plan
    rows: list[RegisterRow] = []
    provided: list[dt.date] = []
    for action, rating in zip(plan.actions, result.ratings, strict=True):
        self_rag = action.self_rag
        rows.append(
            RegisterRow(
                sheet=action.sheet,
                row=action.row,
                ref=action.ref,
                priority=action.priority,
                action=action.action,
                lead=action.lead,
                due=rating.due,
                days_left=rating.days_left,
                status=action.status.value,
                self_rag=("n/a" if self_rag.value == "Grey" else self_rag.value)
                if self_rag
                else action.self_rag_text,
                rag=rating.rag.value,
                reason=rating.reason,
                flags=tuple(rating.flags),
                commentary=action.commentary,
                corrective=action.corrective,
            )
        )
        day = date_provided_on(action.date_provided, result.as_of, read_date)
        if day is not None:
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
