"""Consolidation's inputs: the command's INPUT (files and folders) as a list of sources, every
candidate return with where it came from and every input that is not used with why.

1. :func:`walk_inputs` lists each file named and every file under each folder (recursively, in
   name order) as a workbook, a saved email (``.eml``, ``.msg``, ``.mbox``) or an unused file.
   Hidden files and folders (``.…``, or hidden on Windows), Excel's lock files (``~$…``),
   ``Thumbs.db`` and ``desktop.ini`` are not inputs; the output and ``--previous`` are left out.
   A file named explicitly is always read as a workbook (or opened as an email).
2. :func:`open_inputs` opens each saved email in a worker (:func:`~.mail.unpack.unpack_mail`),
   under the same memory and time limits as reading a return, which writes each
   attached workbook into the run's private temporary folder (:func:`attachment_folder`); the
   attached workbook is then read exactly as a file is, with the same input checks. Inputs with
   the same content (size and SHA-256), such as a workbook saved from an email that is also in
   the folder, are read once: the others are listed as copies.
3. :func:`after_reading` names the message and the attachment in an attached return's error
   and points its ``path`` at the message, as the temporary copy is gone.

Choice where the specification is silent: of several copies of one workbook, the one attached
to an email is kept (its Sources row shows who sent it and when), the earliest sent first, then
the first in the order of the inputs.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ...core.consolidation import ERROR, OK, UNUSED, WITHIN, MailOrigin, Source
from ...errors import UsageError
from .mail.message import MAIL_SUFFIXES, WORKBOOK_TYPES, not_a_workbook
from .mail.unpack import Found, MailJob, Unpacked, unpack_mail
from .workers import MEMORY, TIME, Failure, Pool, Progress, progress_display

#: Workbook extensions read as returns, in a folder and attached to an email.
RETURN_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
#: What :func:`walk_inputs` makes of a file.
WORKBOOK, MAIL, NOT_USED = "workbook", "mail", "not used"

_NOT_INPUTS = {"thumbs.db", "desktop.ini"}
_BACKUPS = (".bak.xlsx", ".bak.xlsm")
_HIDDEN = 0x2  # FILE_ATTRIBUTE_HIDDEN (Windows)
_MAIL_MEMORY = (
    "could not be opened within the memory limit; the message is too large or damaged: save "
    "the returns attached to it into the folder instead"
)
_MAIL_TIME = (
    "could not be opened within the time limit; the file is too large or damaged: save the "
    "returns attached to it into the folder instead (or export fewer messages into one .mbox)"
)
_MAIL_CRASH = (
    "the email reader stopped unexpectedly on this file; save the returns attached to it into "
    "the folder instead"
)


@dataclass(frozen=True)
class Input:
    """One file of the command's INPUT: a workbook, a saved email, or not used (``why``)."""

    path: Path
    kind: str
    why: str | None = None


def walk_inputs(
    inputs: Sequence[str | os.PathLike[str]], *, exclude: Sequence[Path] = ()
) -> list[Input]:
    """Every file of the command's INPUT, in order, classified (see the module's description).

    A file reached twice is listed once. Raises :class:`UsageError` for an input that does not
    exist.
    """
    skip = {p.resolve() for p in exclude}
    found: list[Input] = []
    seen: set[Path] = set()

    def add(path: Path, named: bool) -> None:
        real = path.resolve()
        if real not in seen and real not in skip:
            seen.add(real)
            found.append(_classify(path, named))

    for item in inputs:
        path = Path(item)
        if path.is_dir():
            below = []
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not _hidden(folder, d))
                below += [Path(folder, f) for f in files if not _hidden(folder, f)]
            for file in sorted(below, key=lambda p: [part.casefold() for part in p.parts]):
                add(file, named=False)
        elif path.is_file():
            add(path, named=True)
        else:
            raise UsageError("cannot be found; check the name and the folder", path=path)
    return found


def _hidden(folder: str, name: str) -> bool:
    """Not an input: hidden, Excel's lock file of an open workbook, Windows' folder files."""
    if name.startswith((".", "~$")) or name.casefold() in _NOT_INPUTS:
        return True
    if os.name != "nt":
        return False
    try:
        return bool(getattr(os.stat(os.path.join(folder, name)), "st_file_attributes", 0) & _HIDDEN)
    except OSError:
        return False


def _classify(path: Path, named: bool) -> Input:
    lower = path.name.casefold()
    if lower.endswith(MAIL_SUFFIXES):
        return Input(path, MAIL)
    if named:
        return Input(path, WORKBOOK)
    if lower.endswith(_BACKUPS):
        return Input(path, NOT_USED, "a backup made by refresh, not a return")
    if lower.endswith(RETURN_SUFFIXES):
        return Input(path, WORKBOOK)
    suffix = os.path.splitext(lower)[1]
    if suffix in WORKBOOK_TYPES.values():
        why = (
            f"a {suffix} workbook, which consolidate does not read; open it in Excel and save "
            "it as Excel Workbook (.xlsx)"
        )
    elif suffix in (".zip", ".7z", ".rar", ".csv", ".tsv", ".lnk", ".url"):
        why = not_a_workbook(lower)
    else:
        why = f"not a workbook or a saved email ({suffix})" if suffix else "not a workbook"
    return Input(path, NOT_USED, why)


@contextlib.contextmanager
def attachment_folder(needed: bool = True) -> Iterator[Path | None]:
    """A private temporary folder for the workbooks attached to emails, removed with all it
    holds when the block ends, also on an error or Ctrl-C (None when not ``needed``)."""
    if not needed:
        yield None
        return
    folder = tempfile.mkdtemp(prefix="workbook-tools-")
    try:
        yield Path(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def open_inputs(
    pool: Pool, inputs: list[Input], folder: Path | None, progress: bool | Progress = False
) -> list[Source]:
    """The sources for ``inputs``, in order: each saved email opened (in ``pool``, writing its
    attached workbooks into ``folder``), copies marked as not used (see the module)."""
    mails = [item for item in inputs if item.kind == MAIL]
    results: list[object] = []
    if mails:
        assert folder is not None, "saved emails need the attachment folder"
        jobs = [
            MailJob(os.fspath(item.path), os.fspath(folder), f"m{i:04d}", RETURN_SUFFIXES)
            for i, item in enumerate(mails)
        ]
        advance, close = progress_display(progress, len(jobs), "Opening emails")
        try:
            results = pool.run(unpack_mail, jobs, lambda i, _r: advance(jobs[i].path))
        finally:
            close()
    opened = iter(results)
    sources: list[Source] = []
    sizes: dict[int, tuple[int, str | None]] = {}
    for item in inputs:
        file = os.fspath(item.path)
        if item.kind == WORKBOOK:
            sources.append(Source(file, item.path, _mtime(item.path)))
        elif item.kind == NOT_USED:
            sources.append(_unused(Source(file, item.path, _mtime(item.path)), item.why))
        else:
            sources += _mail_sources(item.path, next(opened), sizes)
    _mark_copies(sources, sizes)
    return sources


def _unused(source: Source, why: str | None) -> Source:
    source.status, source.note = UNUSED, why
    source.actions = source.counts = None
    return source


def _mail_sources(
    path: Path, result: object, sizes: dict[int, tuple[int, str | None]]
) -> list[Source]:
    """The Sources rows of one saved email (see :mod:`.mail.unpack`)."""
    file, mtime = os.fspath(path), _mtime(path)
    if isinstance(result, Failure) or (isinstance(result, Unpacked) and result.error):
        if isinstance(result, Failure):
            why = {MEMORY: _MAIL_MEMORY, TIME: _MAIL_TIME}.get(result.kind, _MAIL_CRASH)
        else:
            assert isinstance(result, Unpacked)
            why = result.error
        source = Source(file, path, mtime, status=ERROR, error=f"{path.name}: {why}")
        source.mail = MailOrigin(file)
        return [source]
    assert isinstance(result, Unpacked)
    rows = []
    for found in result.found:
        origin = _origin(file, found)
        if found.temp is not None:
            source = Source(origin.label, Path(found.temp), mtime, mail=origin)
            sizes[id(source)] = (found.size, found.digest)
        elif found.error is not None:
            source = Source(origin.label, path, mtime, status=ERROR, mail=origin)
            source.error = f"{short_label(origin)}: {found.error}"
        else:
            source = _unused(Source(origin.label, path, mtime, mail=origin), found.why)
        rows.append(source)
    return rows


def _origin(file: str, found: Found) -> MailOrigin:
    envelope = found.envelope
    return MailOrigin(
        file, found.within, found.attachment, envelope.sender, envelope.subject, envelope.sent
    )


def short_label(origin: MailOrigin) -> str:
    """The label without the message file's folder, as error messages name files."""
    tail = [*origin.within, *filter(None, [origin.attachment])]
    return WITHIN.join((os.path.basename(origin.message), *tail))


def _mark_copies(sources: list[Source], sizes: dict[int, tuple[int, str | None]]) -> None:
    """Mark every candidate return with the same content as another as a copy (not used)."""
    order = {id(s): i for i, s in enumerate(sources)}
    by_size: dict[int, list[Source]] = {}
    for source in sources:
        if source.status == OK:
            size = sizes.get(id(source), (_size(source.path), None))[0]
            if size >= 0:
                by_size.setdefault(size, []).append(source)
    for group in by_size.values():
        if len(group) < 2:
            continue
        by_digest: dict[str, list[Source]] = {}
        for source in group:
            digest = sizes.get(id(source), (0, None))[1] or _digest(source.path)
            if digest is not None:
                by_digest.setdefault(digest, []).append(source)
        for copies in by_digest.values():
            if len(copies) < 2:
                continue
            keep = min(copies, key=lambda s: (s.mail is None, _first_sent(s), order[id(s)]))
            for source in copies:
                if source is not keep:
                    _unused(source, f"a copy of {keep.file} (the same content), read once")


def _first_sent(source: Source) -> float:
    key = source.mail.sent_key if source.mail is not None else float("-inf")
    return key if key != float("-inf") else float("inf")


def after_reading(sources: list[Source]) -> None:
    """For each return that came attached to an email: its error and checks name the message
    and the attachment rather than the temporary copy, and ``path`` is the message file."""
    for source in sources:
        origin = source.mail
        if origin is None or source.path == Path(origin.message):
            continue
        temp, shown = os.fspath(source.path), short_label(origin)

        def named(text: str, temp: str = temp, shown: str = shown) -> str:
            return text.replace(temp, shown).replace(os.path.basename(temp), shown)

        if source.error:
            source.error = named(source.error)
        if any(os.path.basename(temp) in check.message for check in source.checks):
            source.checks = [replace(c, message=named(c.message)) for c in source.checks]
        source.path = Path(origin.message)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return -1


def _digest(path: Path) -> str | None:
    """The SHA-256 of a file, read in blocks (None when it cannot be read)."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            while block := handle.read(1024 * 1024):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
