"""Consolidation: many directorates' returns → one corporate report (CLI.md, WORKBOOK.md).

:func:`consolidate` finds the returns (files and folders; workbooks, and workbooks attached to
saved emails: :mod:`.inputs`), reads each one in a worker process under a memory
and time limit (:mod:`.workers`), keeps the latest return of each directorate,
compares with the previous report when one is given, and writes the corporate report
(:mod:`workbook_tools.writers.report.workbook`) atomically. Every input that is not used is listed
in Sources with why.

Which version of each directorate's return counts, and how returns are read in two steps so
that old versions cost little, is :mod:`.versions`; what the run produces (sources, directions
of travel, the result) is plain data in :mod:`workbook_tools.core.consolidation`. A worker sends
back only what the report shows (one compact
:class:`~workbook_tools.core.consolidation.RegisterRow` per action, the counts and the checks),
never the grids.

Choices where the specification is silent:

* **Which return is latest**: the later own as-of date (``AsOfDate`` or ``Updated to``), then the
  later latest ``Date provided`` among its actions, then (for a return attached to a saved email)
  the later message date, then the later modification time, then the later path name (so the
  choice never depends on the order of reading). A return without an
  as-of date is older than any return with one. Directorate names are matched ignoring case,
  spacing and curly quotes or dashes (’ is ', – is -); the report uses the latest return's
  spelling.
* **The report's as-of date** is ``--as-of`` when given, else the latest own as-of date among the
  counted returns, else today. Each source's ``as_of`` is its own as-of date (null when it has
  none); a return without one is rated at today (``--as-of`` aside), as WORKBOOK.md says.
  A counted return made up to an earlier date than the latest other return, or rated at
  another date than the report's for want of an as-of date, keeps status ``ok`` with a ``note``
  and a warning on Checks (:func:`~workbook_tools.core.consolidation.flag_dates`).
* **Folder search** is recursive; it reads workbooks (``.xlsx``, ``.xlsm``, ``.xlsb``, ``.xls``,
  ``.ods``) and opens saved emails
  (``.eml``, ``.msg``, ``.mbox``), lists every other file as not used (backups ``*.bak.xlsx``
  included), and leaves out Excel owner files (``~$…``), hidden files (``.…``, which includes the
  report's own temporary file), the output and the ``--previous`` report. A file named
  explicitly is always read. A workbook that is itself a corporate report is an error row ("not
  a return").
* **The output** must end in ``.xlsx``; an existing output is replaced only when it is a corporate
  report (so a typo cannot overwrite a return).
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Sequence
from pathlib import Path

from ...core.consolidation import (
    ERROR,
    NO_RETURN,
    OK,
    SUPERSEDED,
    UNUSED,
    ConsolidationResult,
    Source,
    flag_dates,
)
from ...core.layout import WHOLE_ORGANISATION
from ...core.travel import Direction, direction, directions
from ...core.vocabulary import RAG_WORDS
from ...errors import UsageError
from ...safety import safe_save
from ...safety.output import check_output
from ...writers.report.workbook import write_report
from ..plan import cycles_paused
from .inputs import (
    MAIL,
    NOT_USED,
    Input,
    after_reading,
    attachment_folder,
    open_inputs,
    walk_inputs,
)
from .inputs import RETURN_SUFFIXES as RETURN_SUFFIXES  # workbook suffixes a folder search reads
from .jobs import REPORT_SHEETS
from .previous import read_previous
from .versions import pick_latest, read_returns
from .workers import Pool, Progress, default_workers

# --------------------------------------------------------------------------------------------
# Finding returns, choosing the latest, direction of travel
# --------------------------------------------------------------------------------------------


def find_returns(
    inputs: Sequence[str | os.PathLike[str]], *, exclude: Sequence[Path] = ()
) -> list[Path]:
    """The files to read: each file named, and every workbook (``.xlsx``, ``.xlsm``, ``.xlsb``,
    ``.xls``, ``.ods``) and saved email (``.eml``, ``.msg``, ``.mbox``) under each folder.

    Folders are searched recursively, in name order, skipping Excel owner files (``~$…``), hidden
    files, backups (``*.bak.xlsx``), files of other kinds and the paths in ``exclude``
    (:func:`~.inputs.walk_inputs` lists those too). A file reached twice is read
    once. Raises :class:`UsageError` for an input that does not exist.
    """
    return [item.path for item in walk_inputs(inputs, exclude=exclude) if item.kind != NOT_USED]


def _directions(used: list[Source], previous: dict[str, dict[str, int]] | None) -> list[Direction]:
    """Direction of travel per directorate, then for the whole organisation (RULES.md §3); a
    directorate in the previous report only is listed as "no return"."""
    now = [(s.directorate or "", s.counts or dict.fromkeys(RAG_WORDS, 0)) for s in used]
    rows = directions(now, previous, gone=NO_RETURN)
    total = dict.fromkeys(RAG_WORDS, 0)
    for _, counts in now:
        for word, n in counts.items():
            total[word] += n
    whole_before = None
    if previous is not None:
        whole_before = dict.fromkeys(RAG_WORDS, 0)
        for counts in previous.values():
            for word in RAG_WORDS:
                whole_before[word] += counts.get(word, 0)
    rows.append(direction(WHOLE_ORGANISATION, total, whole_before))
    return rows


# --------------------------------------------------------------------------------------------
# The use case
# --------------------------------------------------------------------------------------------


def _check_output(output: Path, inputs: list[Path], previous: Path | None) -> None:
    check_output(output, what="the corporate report")
    if output.resolve() in {p.resolve() for p in inputs}:
        raise UsageError(
            "the report would overwrite one of the returns; choose another name", path=output
        )
    if previous is not None and output.exists() and output.resolve() == previous.resolve():
        return  # replacing last quarter's report with this one is expected
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
    now: dt.datetime | None = None,
) -> ConsolidationResult:
    """Build the corporate report from directorates' returns; return what was done.

    ``inputs`` are files and/or folders (searched recursively): workbooks, and saved emails
    (``.eml``, ``.msg``, ``.mbox``) whose attached workbooks are returns; every other file
    found is listed in Sources as not used, with why. ``as_of`` rates every action at
    that date (else each return at its own as-of date, else ``today``); it never decides which
    return is latest. ``previous`` is last period's corporate report, for the direction of
    travel. ``jobs`` is the number of worker processes (default:
    :func:`~.workers.default_workers`; 0 reads in this process, without the memory
    and time limits). ``progress=True`` shows a progress bar on stderr when it is a terminal
    (the CLI passes ``not --json``); a callable is called as ``progress(done, total, file)`` as
    each file is finished. ``today`` and ``now`` (the report's generated time) stand in for the
    clock.

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
    found = _found_inputs(inputs, output, previous_path)
    earlier = read_previous(previous_path) if previous_path is not None else None
    today = today or dt.date.today()
    readable = sum(item.kind != NOT_USED for item in found)
    workers_count = default_workers(readable) if jobs is None else jobs
    sources = _read_sources(inputs, found, workers_count, as_of, today, progress)
    with cycles_paused():  # the report's tens of thousands of rows, none in a cycle
        return _report(sources, output, previous_path, earlier, workers_count, as_of, today,
                       now, started)  # fmt: skip


def _report(
    sources: list[Source],
    output: Path,
    previous_path: Path | None,
    earlier: dict[str, dict[str, int]] | None,
    workers_count: int,
    as_of: dt.date | None,
    today: dt.date,
    now: dt.datetime | None,
    started: float,
) -> ConsolidationResult:
    """The latest return of each directorate chosen, the direction of travel, the report
    written."""
    pick_latest(sources)
    used = [s for s in sources if s.status == OK]
    for source in sources:
        if source.status == SUPERSEDED:
            source.rows, source.checks = [], []  # not in the report: free them
    report_as_of = as_of or max((s.as_of for s in used if s.as_of), default=today)
    flag_dates(sources, report_as_of)
    result = ConsolidationResult(
        as_of=report_as_of,
        output=output,
        sources=sources,
        generated=(now or dt.datetime.now()).replace(microsecond=0),
        previous=previous_path,
        jobs=workers_count,
    )
    result.directions = _directions(result.used, earlier)
    safe_save(output, lambda target: write_report(target, result))
    result.seconds = time.perf_counter() - started
    return result


def _found_inputs(
    inputs: Sequence[str | os.PathLike[str]], output: Path, previous: Path | None
) -> list[Input]:
    """The command's files and folders checked (the output, ``--previous`` not also a return)
    and walked; refused when none of what was found can be a return."""
    explicit = [Path(p) for p in inputs if not Path(p).is_dir()]
    _check_output(output, explicit, previous)
    if previous is not None and previous.resolve() in {p.resolve() for p in explicit}:
        raise UsageError("is given both as a return and as --previous", path=previous)
    found = walk_inputs(inputs, exclude=[output] + ([previous] if previous is not None else []))
    if not any(item.kind != NOT_USED for item in found):
        raise UsageError(f"no returns found in {_shown(inputs)}{_unused_note(found)}")
    return found


def _read_sources(
    inputs: Sequence[str | os.PathLike[str]],
    found: list[Input],
    workers: int,
    as_of: dt.date | None,
    today: dt.date,
    progress: bool | Progress,
) -> list[Source]:
    """Every input opened (saved emails unpacked) and every return read, in ``workers``
    processes; refused when no input turned out to be a return."""
    with (
        attachment_folder(any(item.kind == MAIL for item in found)) as folder,
        Pool(workers) as pool,
    ):
        pool.start()  # before the progress bar's thread, so that workers can be forked
        # Then the cycle collector waits while results arrive (tens of thousands of rows, none
        # in a cycle); not before, so that workers are forked as they always were (one forked
        # while it waits would inherit garbage not yet freed, and free it under its limit).
        with cycles_paused():
            sources = open_inputs(pool, found, folder, progress)
            to_read = [s for s in sources if s.status == OK]
            if not to_read and not any(s.status == ERROR for s in sources):
                unused = [s for s in sources if s.status == UNUSED]
                raise UsageError(f"no returns found in {_shown(inputs)}{_unused_note(unused)}")
            read_returns(pool, to_read, as_of, today, progress)
            after_reading(sources)
    return sources


def _shown(inputs: Sequence[str | os.PathLike[str]]) -> str:
    return ", ".join(os.fspath(p) for p in inputs) or "(no inputs)"


def _unused_note(unused: Sequence[object]) -> str:
    """What was found instead of returns, for the "no returns found" message."""
    hint = (
        "consolidate reads workbooks (.xlsx, .xlsm, .xlsb, .xls, .ods) and saved emails "
        "(.eml, .msg, .mbox)"
    )
    reasons: dict[str, int] = {}
    for item in unused:
        why = getattr(item, "why", None) or getattr(item, "note", None) or "not used"
        head = why.split(" (", 1)[0].split(";", 1)[0]
        reasons[head] = reasons.get(head, 0) + 1
    found = ", ".join(f"{n} × {head}" for head, n in reasons.items())
    return f": found {found}; {hint}" if found else f"; {hint}"
