"""Consolidation: many directorates' returns → one corporate report (CLI.md, WORKBOOK.md).

:func:`consolidate` finds the returns (files and folders), reads each one in a worker process
under a memory and time limit (:mod:`workbook_tools.workers`), keeps the latest return of each
directorate, compares with the previous report when one is given, and writes the corporate
report (:mod:`workbook_tools.writers.report`) atomically.

Reading is done in two steps, so that a folder holding every quarter's versions of each return
costs little more than its latest ones: each worker first looks only at a return's Settings
(:func:`~workbook_tools.return_jobs.peek_return`: directorate and own as-of date), then reads in
full only the returns that may be the latest of their directorate (the ones with its latest as-of
date, and any that the quick look could not place). Older versions are listed as superseded
without their actions being read; when a return chosen this way cannot be read, the next one of
its directorate is read instead. A worker sends back only what the report shows
(:class:`ReturnRead`: one compact :class:`RegisterRow` per action, the counts and the checks),
never the grids.

Choices where the specification is silent:

* **Which return is latest**: the later own as-of date (``AsOfDate`` or ``Updated to``), then the
  later latest ``Date provided`` among its actions, then the later modification time, then the
  later path name (so the choice never depends on the order of reading). A return without an
  as-of date is older than any return with one. Directorate names are matched ignoring case and
  spacing; the report uses the latest return's spelling.
* **The report's as-of date** is ``--as-of`` when given, else the latest own as-of date among the
  counted returns, else today. Each source's ``as_of`` is its own as-of date (null when it has
  none); a return without one is rated at today (``--as-of`` aside), as WORKBOOK.md says.
* **Folder search** is recursive over ``.xlsx``/``.xlsm``; it skips Excel owner files (``~$…``),
  hidden files (``.…``, which includes the report's own temporary file), backups (``*.bak.xlsx``),
  the output and the ``--previous`` report. A file named explicitly is always read. A workbook
  that is itself a corporate report is an error row ("not a return").
* **The output** must end in ``.xlsx``; an existing output is replaced only when it is a corporate
  report (so a typo cannot overwrite a return).
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import UsageError
from .layout import WHOLE_ORGANISATION
from .model import RAG_ORDER, Check
from .return_jobs import REPORT_SHEETS, Peek, ReadJob, RegisterRow, ReturnRead
from .rules import direction_of_travel, share_on_track
from .safety import safe_save
from .workers import Failure, Pool, Progress, default_workers, progress_display
from .writers.report import read_previous, write_report

#: RAG words in report order.
RAG_WORDS: tuple[str, ...] = tuple(rag.value for rag in RAG_ORDER)
#: The whole-organisation row of the direction-of-travel table.
#: Source statuses (CLI.md).
OK, SUPERSEDED, ERROR = "ok", "superseded", "error"
#: Workbook suffixes a folder search picks up.
RETURN_SUFFIXES = (".xlsx", ".xlsm")


@dataclass
class Source:
    """One input file's row in the Sources sheet and in ``to_json()["sources"]``.

    ``file`` is the path as found (relative when the input was relative); ``as_of`` the return's
    own as-of date; ``note`` says which return superseded this one. ``actions`` and ``counts``
    are the return's own figures (superseded returns keep them, but not their ``rows``); both
    are None for an older version whose actions were never read (see the module's description).
    """

    file: str
    path: Path
    mtime: float
    directorate: str | None = None
    organisation: str | None = None
    as_of: dt.date | None = None
    rated_as_of: dt.date | None = None
    latest_provided: dt.date | None = None
    rows: list[RegisterRow] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    status: str = OK
    error: str | None = None
    note: str | None = None
    actions: int | None = 0
    counts: dict[str, int] | None = field(default_factory=lambda: dict.fromkeys(RAG_WORDS, 0))

    def to_json(self) -> dict:
        """This source in the ``consolidate --json`` shape."""
        return {
            "file": self.file,
            "directorate": self.directorate,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "actions": self.actions,
            "counts": None if self.counts is None else dict(self.counts),
            "status": self.status,
            "error": self.error,
        }


@dataclass(frozen=True)
class Direction:
    """Direction of travel of one directorate (or the whole organisation), RULES.md §3.

    Shares are percentages of rated actions that are Blue or Green (1 dp), ``None`` when nothing
    is rated or there was no previous report; ``direction`` is "▲ improving", "▼ worsening",
    "► steady", "new" (not in the previous report) or "no return" (in the previous report only).
    """

    group: str
    now: float | None
    before: float | None
    direction: str


@dataclass
class ConsolidationResult:
    """The outcome of :func:`consolidate`: what the CLI prints and the report holds."""

    as_of: dt.date
    output: Path
    sources: list[Source]
    previous: Path | None = None
    directions: list[Direction] = field(default_factory=list)
    generated: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))
    jobs: int = 1
    seconds: float = 0.0

    @property
    def used(self) -> list[Source]:
        """The sources whose actions are counted (status ok), by directorate."""
        return sorted(
            (s for s in self.sources if s.status == OK),
            key=lambda s: (_fold(s.directorate), s.file),
        )

    @property
    def counts(self) -> dict[str, int]:
        """Actions per RAG word over every counted return."""
        total = dict.fromkeys(RAG_WORDS, 0)
        for source in self.used:
            for word, n in (source.counts or {}).items():
                total[word] += n
        return total

    @property
    def by_directorate(self) -> dict[str, dict[str, int]]:
        """Actions per RAG word for each directorate's counted return, by directorate name."""
        return {s.directorate or "": dict(s.counts or {}) for s in self.used}

    @property
    def organisation(self) -> str | None:
        """The organisation named by the counted returns (the most common), if any."""
        names = [s.organisation for s in self.used if s.organisation]
        return max(sorted(set(names)), key=names.count) if names else None

    @property
    def errors(self) -> list[Source]:
        """The sources that could not be used."""
        return [s for s in self.sources if s.status == ERROR]

    @property
    def exit_code(self) -> int:
        """0 when every source was read; 1 when any source is an error (CLI.md)."""
        return 1 if self.errors else 0

    def to_json(self) -> dict:
        """The ``consolidate --json`` shape of CLI.md."""
        return {
            "as_of": self.as_of.isoformat(),
            "output": os.fspath(self.output),
            "sources": [s.to_json() for s in self.sources],
            "counts": self.counts,
            "by_directorate": self.by_directorate,
        }

    def summary_text(self) -> str:
        """A short human summary for the terminal: totals, directorates, sources not used."""
        lines = [f"Corporate report: {os.fspath(self.output)}   As of: {self.as_of:%d %b %Y}"]
        counts = "   ".join(f"{word} {n}" for word, n in self.counts.items())
        used = self.used
        lines.append(
            f"  {sum(s.actions or 0 for s in used)} actions from {len(used)} returns:   {counts}"
        )
        travel = {d.group: d.direction for d in self.directions} if self.previous else {}
        for name, row in self.by_directorate.items():
            shown = "  ".join(f"{word} {n}" for word, n in row.items())
            lines.append(f"    {name}: {shown}   {travel.get(name, '')}".rstrip())
        if WHOLE_ORGANISATION in travel:
            lines.append(f"  Direction of travel: {travel[WHOLE_ORGANISATION]}")
        for source in self.sources:
            if source.status == SUPERSEDED:
                lines.append(f"  superseded: {source.file}: {source.note}")
            elif source.status == ERROR:
                lines.append(f"  error: {source.error}")
        return "\n".join(lines)


def _fold(name: str | None) -> str:
    return " ".join((name or "").split()).casefold()


# --------------------------------------------------------------------------------------------
# Finding returns, choosing the latest, direction of travel
# --------------------------------------------------------------------------------------------


def _skipped(name: str) -> bool:
    lower = name.casefold()
    return (
        lower.startswith(("~$", "."))
        or lower.endswith(".bak.xlsx")
        or not lower.endswith(RETURN_SUFFIXES)
    )


def find_returns(
    inputs: Sequence[str | os.PathLike[str]], *, exclude: Sequence[Path] = ()
) -> list[Path]:
    """The files to read: each file named, and every ``.xlsx``/``.xlsm`` under each folder.

    Folders are searched recursively, in name order, skipping Excel owner files (``~$…``), hidden
    files, backups (``*.bak.xlsx``) and the paths in ``exclude``. A file reached twice is read
    once. Raises :class:`UsageError` for an input that does not exist.
    """
    skip = {p.resolve() for p in exclude}
    found: list[Path] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        real = path.resolve()
        if real not in seen and real not in skip:
            seen.add(real)
            found.append(path)

    for item in inputs:
        path = Path(item)
        if path.is_dir():
            below = []
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                below += [Path(folder, f) for f in files if not _skipped(f)]
            for file in sorted(below, key=lambda p: [part.casefold() for part in p.parts]):
                add(file)
        elif path.is_file():
            add(path)
        else:
            raise UsageError("cannot be found; check the name and the folder", path=path)
    return found


def _recency(s: Source) -> tuple:
    """What decides the latest return: own as-of date, then Date provided, mtime, file name."""
    lowest = dt.date.min
    return (s.as_of or lowest, s.latest_provided or lowest, s.mtime, s.file)


class _Collector:
    """Takes each return's result as it arrives and keeps the rows of only the latest return of
    each directorate, so memory follows the number of directorates, not of files."""

    def __init__(self, sources: list[Source], advance: Callable[[str], None]) -> None:
        self.sources = sources
        self.advance = advance
        self.best: dict[str, Source] = {}

    def __call__(self, index: int, read: object) -> None:
        source = self.sources[index]
        _fill(source, read)
        if isinstance(read, ReturnRead):
            read.rows, read.checks = [], []  # the source owns them now
        if source.status == OK:
            group = _fold(source.directorate)
            current = self.best.get(group)
            if current is None or _recency(source) > _recency(current):
                self.best[group] = source
                loser = current
            else:
                loser = source
            if loser is not None:
                loser.rows, loser.checks = [], []
        self.advance(source.file)


def _pick_latest(sources: list[Source]) -> None:
    """Mark all but the latest ok return of each directorate as superseded."""
    groups: dict[str, list[Source]] = {}
    for source in sources:
        if source.status == OK:
            groups.setdefault(_fold(source.directorate), []).append(source)
    key = _recency

    for group in groups.values():
        group.sort(key=key)
        latest = group[-1]
        for older in group[:-1]:
            older.status = SUPERSEDED
            if (older.as_of or dt.date.min) < (latest.as_of or dt.date.min):
                why = "a later as-of date"
            elif (older.latest_provided or dt.date.min) < (latest.latest_provided or dt.date.min):
                why = "the same as-of date and later Date provided entries"
            elif older.mtime < latest.mtime:
                why = "the same dates, saved later"
            else:
                why = "the same dates and time; the later file name"
            older.note = f"Superseded by {latest.file} ({why})"


def _directions(used: list[Source], previous: dict[str, dict[str, int]] | None) -> list[Direction]:
    """Direction of travel per directorate and for the whole organisation (RULES.md §3)."""
    before = {_fold(name): counts for name, counts in (previous or {}).items()}
    rows: list[Direction] = []
    total = dict.fromkeys(RAG_WORDS, 0)
    seen: set[str] = set()

    def row(group: str, now: dict[str, int] | None, earlier: dict[str, int] | None) -> Direction:
        share_now = share_on_track(now) if now is not None else None
        share_before = share_on_track(earlier) if earlier is not None else None
        travel = "no return" if now is None else direction_of_travel(share_now, share_before)
        return Direction(
            group,
            None if share_now is None else round(share_now, 1),
            None if share_before is None else round(share_before, 1),
            travel,
        )

    for source in used:
        counts = source.counts or dict.fromkeys(RAG_WORDS, 0)
        for word, n in counts.items():
            total[word] += n
        seen.add(_fold(source.directorate))
        rows.append(row(source.directorate or "", counts, before.get(_fold(source.directorate))))
    for name, counts in (previous or {}).items():
        if _fold(name) not in seen:
            rows.append(row(name, None, counts))
    whole_before = None
    if previous is not None:
        whole_before = dict.fromkeys(RAG_WORDS, 0)
        for counts in previous.values():
            for word in RAG_WORDS:
                whole_before[word] += counts.get(word, 0)
    rows.append(row(WHOLE_ORGANISATION, total, whole_before))
    return rows


# --------------------------------------------------------------------------------------------
# The use case
# --------------------------------------------------------------------------------------------


def _check_output(output: Path, inputs: list[Path], previous: Path | None) -> None:
    if output.suffix.casefold() != ".xlsx":
        raise UsageError("the corporate report must be saved as .xlsx", path=output)
    if not output.parent.is_dir():
        raise UsageError("the folder for the report does not exist; create it first", path=output)
    if output.resolve() in {p.resolve() for p in inputs}:
        raise UsageError(
            "the report would overwrite one of the returns; choose another name", path=output
        )
    if previous is not None and output.exists() and output.resolve() == previous.resolve():
        return  # replacing last quarter's report with this one is expected
    if output.is_dir():
        raise UsageError("this is a folder; give a file name for the report", path=output)
    if output.exists() and not _is_report(output):
        raise UsageError(
            "already exists and is not a corporate report; choose another name or delete it",
            path=output,
        )


def _is_report(path: Path) -> bool:
    try:
        from python_calamine import CalamineWorkbook

        names = {name.casefold() for name in CalamineWorkbook.from_path(str(path)).sheet_names}
    except Exception:  # unreadable: certainly not our report
        return False
    return all(sheet.casefold() in names for sheet in REPORT_SHEETS)


def consolidate(
    inputs: Sequence[str | os.PathLike[str]],
    output: str | os.PathLike[str],
    *,
    as_of: dt.date | None = None,
    previous: str | os.PathLike[str] | None = None,
    jobs: int | None = None,
    progress: bool | Progress = False,
    today: dt.date | None = None,
) -> ConsolidationResult:
    """Build the corporate report from directorates' returns; return what was done.

    ``inputs`` are files and/or folders (searched recursively). ``as_of`` rates every action at
    that date (else each return at its own as-of date, else ``today``); it never decides which
    return is latest. ``previous`` is last period's corporate report, for the direction of
    travel. ``jobs`` is the number of worker processes (default:
    :func:`~workbook_tools.workers.default_workers`; 0 reads in this process, without the memory
    and time limits). ``progress=True`` shows a progress bar on stderr when it is a terminal
    (the CLI passes ``not --json``); a callable is called as ``progress(done, total, file)`` as
    each file is finished. ``today`` stands in for the clock (tests).

    A return that cannot be read is listed as an error (``exit_code`` 1) and the run carries on.
    Raises :class:`UsageError` when nothing can be done: no returns found, a missing input, a bad
    output name or ``previous`` that is not a corporate report; :class:`FileLockedError` when the
    report cannot be written.
    """

    started = time.perf_counter()
    output = Path(output)
    previous_path = Path(previous) if previous is not None else None
    if jobs is not None and jobs < 0:
        raise UsageError(f"--jobs must be 0 or more, not {jobs}")
    explicit = [Path(p) for p in inputs if not Path(p).is_dir()]
    _check_output(output, explicit, previous_path)
    if previous_path is not None and previous_path.resolve() in {p.resolve() for p in explicit}:
        raise UsageError("is given both as a return and as --previous", path=previous_path)
    exclude = [output] + ([previous_path] if previous_path is not None else [])
    files = find_returns(inputs, exclude=exclude)
    if not files:
        shown = ", ".join(os.fspath(p) for p in inputs) or "(no inputs)"
        raise UsageError(f"no returns (.xlsx or .xlsm files) found in {shown}")
    earlier = read_previous(previous_path) if previous_path is not None else None

    today = today or dt.date.today()
    workers_count = default_workers(len(files)) if jobs is None else jobs
    sources = [Source(os.fspath(p), p, _mtime(p)) for p in files]
    with Pool(workers_count) as pool:
        pool.start()  # before the progress bar's thread, so that workers can be forked
        _read_returns(pool, sources, as_of, today, progress)
    _pick_latest(sources)
    used = [s for s in sources if s.status == OK]
    for source in sources:
        if source.status == SUPERSEDED:
            source.rows, source.checks = [], []  # not in the report: free them
    report_as_of = as_of or max((s.as_of for s in used if s.as_of), default=today)
    result = ConsolidationResult(
        as_of=report_as_of,
        output=output,
        sources=sources,
        previous=previous_path,
        jobs=workers_count,
    )
    result.directions = _directions(result.used, earlier)
    safe_save(output, lambda target: write_report(target, result))
    result.seconds = time.perf_counter() - started
    return result


def _read_returns(
    pool: Pool,
    sources: list[Source],
    as_of: dt.date | None,
    today: dt.date,
    progress: bool | Progress,
) -> None:
    """Fill in ``sources``: a quick look at every file, then a full read of each one that may
    be the latest of its directorate, round after round until every directorate's latest
    readable return has been read (a second round happens only when a return chosen in the
    first could not be read, or one the quick look could not place turns out to be newer)."""
    from .return_jobs import peek_return, read_return

    advance, close = progress_display(progress, len(sources), "Checking returns")
    try:
        peeks = pool.run(
            peek_return, [s.file for s in sources], lambda i, _r: advance(sources[i].file)
        )
    finally:
        close()
    read: set[int] = set()
    collect = _Collector(sources, lambda _file: None)
    for index, peek in enumerate(peeks):
        if isinstance(peek, Failure):  # the worker died or ran out of time on this file
            collect(index, peek)
            read.add(index)
    while need := _to_read(sources, peeks, read):
        collect.advance, close = progress_display(progress, len(need), "Reading returns")
        jobs = [ReadJob(sources[i].file, as_of, today) for i in need]
        try:
            pool.run(read_return, jobs, lambda k, r, batch=need: collect(batch[k], r))
        finally:
            close()
        read.update(need)
    for index, peek in enumerate(peeks):
        if index not in read and isinstance(peek, Peek):  # an older version, never read
            source = sources[index]
            source.directorate, source.as_of = peek.directorate, peek.own_as_of
            source.actions = source.counts = None


def _to_read(sources: list[Source], peeks: list[object], read: set[int]) -> list[int]:
    """The files still to read in full: every file the quick look could not place, and every
    file holding the latest as-of date known for its directorate (all of them, so that Date
    provided and the modification time can break a tie)."""
    need = [i for i, peek in enumerate(peeks) if i not in read and not isinstance(peek, Peek)]
    groups: dict[str, list[tuple[dt.date, int]]] = {}
    for index, peek in enumerate(peeks):
        if index in read:
            source = sources[index]
            if source.status != OK:
                continue
            name, day = source.directorate, source.as_of
        elif isinstance(peek, Peek):
            name, day = peek.directorate, peek.own_as_of
        else:
            continue
        groups.setdefault(_fold(name), []).append((day or dt.date.min, index))
    for members in groups.values():
        top = max(day for day, _ in members)
        need += [i for day, i in members if day == top and i not in read]
    return sorted(set(need))


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _fill(source: Source, read: object) -> None:
    from .return_jobs import failure_reason

    if isinstance(read, Failure):
        source.status, source.error = ERROR, failure_reason(read, source.file)
        return
    assert isinstance(read, ReturnRead)
    if read.error is not None:
        source.status, source.error = ERROR, read.error
        return
    source.directorate = read.directorate
    source.organisation = read.organisation
    source.as_of = read.own_as_of
    source.rated_as_of = read.rated_as_of
    source.latest_provided = read.latest_provided
    source.rows = read.rows
    source.checks = read.checks
    source.actions = len(read.rows)
    counts = source.counts = dict.fromkeys(RAG_WORDS, 0)
    for row in read.rows:
        counts[row.rag] += 1
