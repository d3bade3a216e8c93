"""Which version of each directorate's return counts: reading returns in two steps, and
choosing the latest.

A returns folder often holds every quarter's version of a directorate's return, so reading is
done in two steps, and a folder full of old versions costs little more than its latest ones:

1. a first look at every file (:func:`~.jobs.look_at_return`): the
   directorate and own as-of date its Settings give, or for a workbook without Settings (a
   legacy layout) its ``Directorate:`` and ``Updated to`` lines; a file that cannot be placed
   either way is read in full there and then;
2. a full read (:func:`~.jobs.read_return`) of every placed return that may
   be the latest of its directorate: those with its latest as-of date (all of them, so that Date
   provided and the modification time can break a tie). When a return chosen this way cannot be
   read, it is an error and the directorate's next latest is read in another round.

Older versions are superseded without their actions being read. Among the returns read, the latest
of a directorate is the one with the later own as-of date, then the later latest Date provided,
then, for returns that arrived attached to a saved email, the later message date (a return with
none comes first), then the later modification time, then the later file name
(:func:`recency`); names are matched ignoring case and spacing
(:func:`~workbook_tools.core.keys.name_key`).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import replace

from ...core.consolidation import ERROR, OK, SUPERSEDED, Source
from ...core.keys import name_key
from ...core.vocabulary import RAG_WORDS
from .jobs import (
    Peek,
    ReadJob,
    ReturnRead,
    failure_reason,
    look_at_return,
    read_return,
)
from .workers import Failure, Pool, Progress, progress_display


def recency(s: Source) -> tuple:
    """What decides the latest return: own as-of date, then Date provided, message date (never
    before the return's own dates), mtime, file name."""
    lowest = dt.date.min
    return (s.as_of or lowest, s.latest_provided or lowest, _sent(s), s.mtime, s.file)


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
            group = name_key(source.directorate)
            current = self.best.get(group)
            if current is None or recency(source) > recency(current):
                self.best[group] = source
                loser = current
            else:
                loser = source
            if loser is not None:
                loser.rows, loser.checks = [], []
        self.advance(source.file)


def pick_latest(sources: list[Source]) -> None:
    """Mark all but the latest ok return of each directorate as superseded."""
    groups: dict[str, list[Source]] = {}
    for source in sources:
        if source.status == OK:
            groups.setdefault(name_key(source.directorate), []).append(source)
    key = recency

    for group in groups.values():
        group.sort(key=key)
        latest = group[-1]
        for older in group[:-1]:
            older.status = SUPERSEDED
            if (older.as_of or dt.date.min) < (latest.as_of or dt.date.min):
                why = "a later as-of date"
            elif (older.latest_provided or dt.date.min) < (latest.latest_provided or dt.date.min):
                why = "the same as-of date and later Date provided entries"
            elif _sent(older) < _sent(latest):
                why = "the same dates, sent later"
            elif older.mtime < latest.mtime:
                why = "the same dates, saved later"
            else:
                why = "the same dates and time; the later file name"
            older.note = f"Superseded by {latest.file} ({why})"
            if older.named_by_file and latest.named_by_file:
                older.note += _BY_FILE_NAME
            older.note += _parts_note(older, latest)


_BY_FILE_NAME = (
    "; both have no directorate in Settings, so both are listed under the same file name: if "
    "they come from different directorates, fill in the Directorate setting of each"
)


def _parts_note(older: Source, latest: Source) -> str:
    """A remark when a return superseded by another of the same as-of date has mostly other
    actions: it may be a separate part of the directorate's return, not an earlier version."""
    mine, theirs = older.action_keys, latest.action_keys
    if not mine or not theirs or older.as_of != latest.as_of:
        return ""
    common = len(mine & theirs)
    if 2 * common >= min(len(mine), len(theirs)):
        return ""
    return (
        f"; its actions differ from the latest's ({common} of {len(mine)} in common): if it is "
        "a separate part of the directorate's return rather than an earlier version, ask for "
        "the parts in one workbook, or for a different Directorate setting in each"
    )


def _name_by_attachment(source: Source) -> None:
    """A return attached to an email that names no directorate is named by the attachment's
    file name, as a file is by its own, not by the run's temporary copy of it."""
    origin = source.mail
    if origin is None or not origin.attachment:
        return
    temp = os.path.splitext(os.path.basename(source.path))[0]
    if source.directorate != temp:
        return
    name = os.path.splitext(os.path.basename(origin.attachment))[0] or temp
    source.directorate = name
    source.checks = [
        replace(check, message=check.message.replace(f"'{temp}'", f"'{name}'"))
        for check in source.checks
    ]


def _sent(s: Source) -> float:
    return s.mail.sent_key if s.mail is not None else float("-inf")


def read_returns(
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
    advance, close = progress_display(progress, len(sources), "Checking returns")
    read: set[int] = set()
    collect = _Collector(sources, lambda _file: None)

    def looked(index: int, look: object) -> None:
        if not isinstance(look, Peek):  # read in full already, or the worker failed on it
            collect(index, look)
            read.add(index)
        advance(sources[index].file)

    try:
        peeks = pool.run(
            look_at_return, [ReadJob(os.fspath(s.path), as_of, today) for s in sources], looked
        )
    finally:
        close()
    while need := _to_read(sources, peeks, read):
        collect.advance, close = progress_display(progress, len(need), "Reading returns")
        jobs = [ReadJob(os.fspath(sources[i].path), as_of, today) for i in need]
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
        groups.setdefault(name_key(name), []).append((day or dt.date.min, index))
    for members in groups.values():
        top = max(day for day, _ in members)
        need += [i for day, i in members if day == top and i not in read]
    return sorted(set(need))


def _fill(source: Source, read: object) -> None:
    """Copy a job's result (or failure) into ``source``."""
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
    source.named_by_file = read.named_by_file
    source.rows = read.rows
    source.checks = read.checks
    source.actions = len(read.rows)
    counts = source.counts = dict.fromkeys(RAG_WORDS, 0)
    for row in read.rows:
        counts[row.rag] += 1
    source.action_keys = frozenset(row.action for row in read.rows)  # as typed: cheap
    _name_by_attachment(source)
