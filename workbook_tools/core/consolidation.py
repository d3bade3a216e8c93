"""What consolidating directorates' returns produces, as plain data: one :class:`Source` per
input (a file, or a workbook attached to a saved email, with its :class:`MailOrigin`), one
:class:`RegisterRow` per action of a return, the direction of travel of each directorate
(:class:`~workbook_tools.core.travel.Direction`), and the :class:`ConsolidationResult` that the
command line prints and the corporate report (:mod:`workbook_tools.writers.report`) shows.

The run that makes it is :mod:`workbook_tools.usecases.consolidate`; the data lives here, below
the writers, so that the report writer reads it without importing a use case.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from ..shown_paths import shown as shown_path
from ..shown_paths import shown_in
from .dates import format_date
from .keys import name_key
from .layout import WHOLE_ORGANISATION
from .model import Check, Severity
from .travel import Direction
from .vocabulary import RAG_WORDS

#: Source statuses (CLI.md); ``unused``: an input that is not a return (not a workbook, an email
#: with no workbook attached, a copy of another input), with why in ``note``.
OK, SUPERSEDED, ERROR, UNUSED = "ok", "superseded", "error", "unused"
#: The direction of travel of a directorate in the previous report that sent no return now.
NO_RETURN = "no return"
#: Between a saved email's name and the names of what it holds, in a source's ``file``.
WITHIN = " › "


class RegisterRow(NamedTuple):
    """One action as the report shows it: where it came from and its computed columns (a
    named tuple: tens of thousands of them cross from the workers, and tuples pickle fastest).
    """

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


@dataclass(frozen=True)
class MailOrigin:
    """Where an input found in a saved email came from: the message file (as found), the
    messages it sits in below the file (``message 3`` of an mbox, forwarded messages by name),
    the attachment's name (None for a row about a message itself), and the sender, subject
    and date (timezone-aware) of the message it was attached to."""

    message: str
    within: tuple[str, ...] = ()
    attachment: str | None = None
    sender: str | None = None
    subject: str | None = None
    sent: dt.datetime | None = None

    @property
    def label(self) -> str:
        """The source's ``file``: message file › forwarded messages › attachment."""
        return WITHIN.join((self.message, *self.within, *filter(None, [self.attachment])))

    @property
    def sent_key(self) -> float:
        """The message date as a number that orders."""
        return self.sent.timestamp() if self.sent is not None else float("-inf")

    def to_json(self) -> dict:
        """This origin in the ``message`` field of a ``consolidate --json`` source."""
        return {
            "file": self.message,
            "within": list(self.within),
            "attachment": self.attachment,
            "from": self.sender,
            "subject": self.subject,
            "date": self.sent.isoformat() if self.sent else None,
        }


@dataclass
class Source:
    """One input's row in the Sources sheet and in ``to_json()["sources"]``.

    ``file`` is the path as found (relative when the input was relative); for an input found in
    a saved email, ``mail`` says where it came from and ``file`` is its label (``Resources.eml ›
    Resources - 2008-06-30.xlsx``), ``path`` the message file once the run is over (the copy it
    was read from is gone). ``as_of`` is the return's own as-of date; ``note`` says which return
    superseded this one, or why an ``unused`` input is not used. ``actions`` and ``counts`` are
    the return's own figures (superseded returns keep them, but not their ``rows``); both are
    None for an older version whose actions were never read (see the module's description) and
    for an unused input. ``named_by_file``: the return's Settings name no directorate, so it
    is named by its file; ``action_keys``: its actions as typed, to tell a separate part of a
    directorate's return from an earlier version of it.
    """

    file: str
    path: Path
    mtime: float
    directorate: str | None = None
    organisation: str | None = None
    as_of: dt.date | None = None
    rated_as_of: dt.date | None = None
    latest_provided: dt.date | None = None
    named_by_file: bool = False
    action_keys: frozenset[str] | None = None
    rows: list[RegisterRow] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    status: str = OK
    error: str | None = None
    note: str | None = None
    actions: int | None = 0
    counts: dict[str, int] | None = field(default_factory=lambda: dict.fromkeys(RAG_WORDS, 0))
    mail: MailOrigin | None = None

    def to_json(self) -> dict:
        """This source in the ``consolidate --json`` shape, with two more fields: ``note``
        (why superseded or unused) and ``message`` (:meth:`MailOrigin.to_json`, or null for a
        file)."""
        return {
            "file": self.file,
            "directorate": self.directorate,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "actions": self.actions,
            "counts": None if self.counts is None else dict(self.counts),
            "status": self.status,
            "error": self.error,
            "note": self.note,
            "message": self.mail.to_json() if self.mail is not None else None,
        }


@dataclass
class ConsolidationResult:
    """The outcome of a consolidation run: what the CLI prints and the report holds;
    ``generated`` is when the run made it (passed in: the core never reads the clock)."""

    as_of: dt.date
    output: Path
    sources: list[Source]
    generated: dt.datetime
    previous: Path | None = None
    directions: list[Direction] = field(default_factory=list)
    jobs: int = 1
    seconds: float = 0.0

    @property
    def used(self) -> list[Source]:
        """The sources whose actions are counted (status ok), by directorate."""
        return sorted(
            (s for s in self.sources if s.status == OK),
            key=lambda s: (name_key(s.directorate), s.file),
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
        lines = [f"Corporate report: {shown_path(self.output)}   As of: {format_date(self.as_of)}"]
        counts = "   ".join(f"{word} {n}" for word, n in self.counts.items())
        used = self.used
        lines.append(
            f"  {sum(s.actions or 0 for s in used)} actions from {len(used)} returns:   {counts}"
        )
        travel = {d.group: d.direction for d in self.directions} if self.previous else {}
        for name, row in self.by_directorate.items():
            shown = "  ".join(f"{word} {n}" for word, n in row.items())
            lines.append(f"    {name}: {shown}   {travel.get(name, '')}".rstrip())
        for name, direction in travel.items():
            if direction == NO_RETURN and name not in self.by_directorate:
                lines.append(f"    {name}: {NO_RETURN} (it has one in the previous report)")
        if WHOLE_ORGANISATION in travel:
            lines.append(f"  Direction of travel: {travel[WHOLE_ORGANISATION]}")
        files = [s.file for s in self.sources]
        for source in self.sources:
            if source.status == SUPERSEDED:
                note = shown_in(source.note or "", files)
                lines.append(f"  superseded: {shown_path(source.file)}: {note}")
            elif source.status == ERROR:
                lines.append(f"  error: {shown_in(source.error or '', files)}")
            elif source.status == UNUSED:
                lines.append(f"  not used: {shown_path(source.file)}: {source.note}")
            elif source.note:
                lines.append(f"  check the date: {shown_path(source.file)}: {source.note}")
        return "\n".join(lines)


def flag_dates(sources: list[Source], report_as_of: dt.date) -> None:
    """Note on each counted return made up to an earlier date than the report (a directorate
    that sent only last quarter's return), or without an as-of date and so rated at another
    date than the report: in its ``note`` (Sources' reason) and as a warning on Checks.

    "Earlier" is against the latest own as-of date of the counted returns, which is the
    report's as-of date unless ``--as-of`` set another one."""
    used = [source for source in sources if source.status == OK]
    newest = max((s.as_of for s in used if s.as_of is not None), default=None)
    for source in used:
        rated = source.rated_as_of
        if source.as_of is not None and newest is not None and source.as_of < newest:
            note = (
                f"made up to {format_date(source.as_of)}, earlier than the other returns' "
                f"{format_date(newest)}: check this is the directorate's latest return"
            )
            if rated is not None and rated != report_as_of:
                note += f" (its actions are rated at {format_date(rated)})"
        elif source.as_of is None and rated is not None and rated != report_as_of:
            note = (
                f"has no as-of date, so its actions are rated at {format_date(rated)}, not at "
                f"the report's {format_date(report_as_of)}: ask for the return with its as-of "
                "date (or an 'Updated to' line above its table) filled in, or consolidate with "
                "--as-of"
            )
        else:
            continue
        source.note = note
        source.checks.insert(0, Check(Severity.WARNING, "", "", f"This return {note}."))
