"""What consolidation produces, as plain data: one :class:`Source` per input (a file, or a
workbook attached to a saved email, with its :class:`MailOrigin`), the direction of travel of
each directorate (:class:`~workbook_tools.core.travel.Direction`), and the
:class:`ConsolidationResult` that the command line prints and the corporate report
(:mod:`workbook_tools.writers.report.workbook`) shows.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from ...core.keys import name_key
from ...core.layout import WHOLE_ORGANISATION
from ...core.model import RAG_ORDER, Check
from ...core.travel import Direction
from ...shown_paths import shown as shown_path
from ...shown_paths import shown_in
from .jobs import RegisterRow

#: RAG words in report order.
RAG_WORDS: tuple[str, ...] = tuple(rag.value for rag in RAG_ORDER)
#: Source statuses (CLI.md); ``unused``: an input that is not a return (not a workbook, an email
#: with no workbook attached, a copy of another input), with why in ``note``.
OK, SUPERSEDED, ERROR, UNUSED = "ok", "superseded", "error", "unused"
#: The direction of travel of a directorate in the previous report that sent no return now.
NO_RETURN = "no return"
#: Between a saved email's name and the names of what it holds, in a source's ``file``.
WITHIN = " › "


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
    for an unused input.
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
        lines = [f"Corporate report: {shown_path(self.output)}   As of: {self.as_of:%d %b %Y}"]
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
        files = [s.file for s in self.sources]
        for source in self.sources:
            if source.status == SUPERSEDED:
                note = shown_in(source.note or "", files)
                lines.append(f"  superseded: {shown_path(source.file)}: {note}")
            elif source.status == ERROR:
                lines.append(f"  error: {shown_in(source.error or '', files)}")
            elif source.status == UNUSED:
                lines.append(f"  not used: {shown_path(source.file)}: {source.note}")
        return "\n".join(lines)
