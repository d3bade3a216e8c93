"""Run one job per file in child processes, each under a memory and a time limit.

Consolidation reads every return in a worker process so that one hostile or broken file (a zip
bomb that slipped past the checks, a parser that runs away, a crash inside a native library)
costs only that file: the worker is stopped, the file gets a :class:`Failure` saying why, a fresh
worker takes its place and the run carries on.

* **Memory**: on Linux and other POSIX systems each worker limits its own address space with
  ``resource.setrlimit(RLIMIT_AS)`` when it starts (the limit counts from the address space it
  starts with, which a forked worker inherits), so an allocation beyond the limit raises
  ``MemoryError`` inside the worker instead of exhausting the machine. Windows has no such
  limit in the standard library: there only the time limit and the input checks
  (:mod:`workbook_tools.safety`) apply; macOS does not enforce the limit either.
* **Time**: the parent gives each file a wall-clock limit; a worker still busy when it runs out
  is killed (this also catches native code that never returns to Python).
* **Crashes**: a worker that dies (killed by the system, a fault in a native library) is
  replaced; its file fails with a crash reason.

Workers live for the whole run, so the start-up cost is paid once per worker, not once per
file. On Linux, from a process running a single thread, they are started by ``fork``: a worker is
ready in milliseconds with the reader already imported (measured 0.1-0.15 s saved per run on two
processors, a tenth of consolidating 300 returns). Everywhere else (Windows, macOS, or a process
with other threads, where forking is not safe) they are started by ``spawn``, a fresh
interpreter. The jobs are module-level functions that keep no state between files, so both
behave alike. ``jobs=0`` runs every job in the calling process with no limits, for debugging.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

#: Address space each worker may use, in bytes (POSIX only).
MEMORY_LIMIT = 2 * 1024**3
#: Wall-clock seconds a worker may spend on one file.
TIME_LIMIT = 120.0

#: Files a worker should have to read to be worth starting (see :func:`default_workers`): a
#: spawned worker's start-up (a fresh interpreter and the reader's imports, on Windows and macOS)
#: was measured at 0.15-0.3 s, the time it takes to read 8-15 returns of 150 actions; a forked
#: one (Linux) starts in milliseconds, but the benchmark showed no gain from more workers than
#: processors either way.
FILES_PER_WORKER = 16

#: Why a job failed.
MEMORY, TIME, CRASH = "memory", "time", "crash"

#: ``progress(done, total, file)``: called as each file is finished.
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Failure:
    """A job that did not finish: ``kind`` is ``"memory"``, ``"time"`` or ``"crash"``;
    ``detail`` is for a developer (exit code, exception), never shown as the reason."""

    kind: str
    detail: str = ""


def _limit_memory(limit: int | None) -> None:
    """Limit this worker's address space to ``limit`` bytes more than it starts with (a forked
    worker starts with its parent's)."""
    if not limit:
        return
    try:
        import resource
    except ImportError:  # Windows: no address-space limit in the standard library
        return
    limit += _address_space()
    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):  # not allowed here: run without the limit
        pass


def _address_space() -> int:
    """This process's address space in bytes where the system tells (Linux), else 0."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[0])
        return pages * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return 0


def _quiet() -> None:
    """Send the worker's own error output (native libraries print there when they abort) to
    the null device: what went wrong reaches the user as the file's reason instead."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        os.close(null)
    except OSError:
        pass


def _child(conn: Connection, memory_limit: int | None) -> None:
    """A worker: apply the memory limit, then answer ``(func, job)`` requests until told to
    stop."""
    _quiet()
    _limit_memory(memory_limit)
    gc.enable()  # forked while the parent had paused its cycle collector (see run.consolidate)
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if request is None:
            return
        func, job = request
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

    def __init__(self, ctx: Any, memory_limit: int | None) -> None:
        parent, child = ctx.Pipe()
        self.conn: Connection = parent
        self.process = ctx.Process(
            target=_child, args=(child, memory_limit), daemon=True, name="workbook-reader"
        )
        self.process.start()
        child.close()
        self.index: int | None = None
        self.deadline = 0.0

    def give(self, index: int, func: Callable[[Any], Any], job: Any, time_limit: float) -> None:
        self.index = index
        self.deadline = time.monotonic() + time_limit
        self.conn.send((func, job))

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


class Pool:
    """Worker processes that stay up between batches of jobs (see the module's description).

    ``with Pool(workers=2) as pool: pool.run(func, jobs)``; workers are started as jobs need
    them (never more than there are jobs waiting) and stopped when the pool closes. The limits
    default to :data:`MEMORY_LIMIT` and :data:`TIME_LIMIT` (read when the pool is made; 0 means
    no memory limit). ``workers=0`` runs every job in this process, with no limits.
    """

    def __init__(
        self,
        workers: int = 1,
        *,
        memory_limit: int | None = None,
        time_limit: float | None = None,
    ) -> None:
        self.workers = workers
        self.memory_limit = MEMORY_LIMIT if memory_limit is None else memory_limit
        self.time_limit = TIME_LIMIT if time_limit is None else time_limit
        self._pool: list[_Worker] = []

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self, count: int | None = None) -> None:
        """Start ``count`` workers now (default: all of them) rather than when jobs arrive:
        before the caller starts any thread of its own (a progress bar's), so that they can be
        forked, and while it gets on with other work."""
        wanted = self.workers if count is None else min(count, self.workers)
        while len(self._pool) < wanted:
            self._pool.append(_Worker(_context(), self.memory_limit))

    def close(self) -> None:
        """Stop every worker (killing any still busy)."""
        for worker in self._pool:
            worker.stop(kill=worker.index is not None)
        self._pool.clear()

    def run(
        self,
        func: Callable[[Any], Any],
        jobs: Sequence[Any],
        on_result: Callable[[int, Any], None] | None = None,
    ) -> list[Any]:
        """Call ``func(job)`` for every job; return the results in job order.

        ``func`` must be a module-level function and jobs and results must pickle. A job that
        runs out of memory or time, or whose worker dies, gives a :class:`Failure` in its place;
        an exception raised by ``func`` gives a ``crash`` failure. ``on_result(index, result)``
        is called here as each job finishes, in completion order.
        """
        results: list[Any] = [None] * len(jobs)

        def finish(index: int, value: Any) -> None:
            results[index] = value
            if on_result is not None:
                on_result(index, value)

        if self.workers <= 0:
            for index, job in enumerate(jobs):
                try:
                    value = func(job)
                except MemoryError:
                    value = Failure(MEMORY, "MemoryError")
                finish(index, value)
            return results
        try:
            self._serve(func, jobs, finish)
        except BaseException:
            self.close()  # interrupted: no worker may outlive the run
            raise
        return results

    def _serve(
        self, func: Callable[[Any], Any], jobs: Sequence[Any], finish: Callable[[int, Any], None]
    ) -> None:
        pool, time_limit = self._pool, self.time_limit
        pending = deque(range(len(jobs)))
        while pending or any(w.index is not None for w in pool):
            idle = sum(w.index is None for w in pool)
            while len(pending) > idle and len(pool) < self.workers:
                pool.append(_Worker(_context(), self.memory_limit))
                idle += 1
            for worker in list(pool):
                if worker.index is None and pending:
                    index = pending.popleft()
                    try:
                        worker.give(index, func, jobs[index], time_limit)
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


def run(
    func: Callable[[Any], Any],
    jobs: Sequence[Any],
    *,
    workers: int = 1,
    memory_limit: int | None = None,
    time_limit: float | None = None,
    on_result: Callable[[int, Any], None] | None = None,
) -> list[Any]:
    """One batch of jobs in a :class:`Pool` of its own (see :meth:`Pool.run`)."""
    with Pool(workers, memory_limit=memory_limit, time_limit=time_limit) as pool:
        return pool.run(func, jobs, on_result)


def _context() -> Any:
    """The multiprocessing context to start a worker with (see the module's description)."""
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


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
    progress: bool | Progress, total: int, label: str = "Reading returns"
) -> tuple[Callable[[str], None], Callable[[], None]]:
    """An ``advance(file)`` callback and a ``close()`` for the progress display: ``progress``
    itself when it is callable, a tqdm bar labelled ``label`` on stderr when True and stderr is
    a terminal, else nothing."""
    if callable(progress):
        done = [0]

        def advance(file: str) -> None:
            done[0] += 1
            progress(done[0], total, file)

        return advance, lambda: None
    if progress and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=total, unit="file", desc=label, file=sys.stderr, leave=False)

        def tick(file: str) -> None:
            bar.set_postfix_str(os.path.basename(file)[:40], refresh=False)
            bar.update(1)

        return tick, bar.close
    return (lambda file: None), lambda: None
