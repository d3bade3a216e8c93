"""The worker job that opens one saved email for consolidation: :func:`unpack_mail`.

It reads an ``.eml``, ``.msg`` or ``.mbox`` file (:mod:`workbook_tools.mail`) in a worker process,
under the same memory and time limits as reading a return, writes each attached workbook into
the run's private temporary folder, and sends back one :class:`Found` per row of the Sources
sheet: an attached workbook (a candidate return, with its size and content hash), an attachment
that is not a return, or a message with no workbook attached, each with why it is not used.

Which rows a message gives: a message with no workbook anywhere in it (forwarded messages
included) gives one row, naming what it has attached; any other message gives a row per
attachment, and forwarded messages inside it are looked at in the same way.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field

from .errors import MailError
from .mail import MAX_MESSAGE_BYTES, Budget, Envelope, Mail, read_mbox, read_message, too_large
from .mail_msg import NOT_OUTLOOK
from .safety.sniff import OLE_SIGNATURE


@dataclass(frozen=True)
class MailJob:
    """One saved email to open: its path, the folder to write attached workbooks into, a prefix
    for their file names there, and the extensions of the workbooks to keep."""

    path: str
    folder: str
    prefix: str
    workbook_suffixes: tuple[str, ...]


@dataclass(frozen=True)
class Found:
    """One row a saved email gives.

    ``within`` names the messages the row sits in below the file (``message 3`` of an mbox,
    forwarded messages by name), outermost first; ``attachment`` is None for a row about a
    message itself. A candidate return has ``temp`` (its copy in the temporary folder),
    ``size`` and ``digest`` (SHA-256); otherwise ``why`` says why it is not used, or ``error``
    why it cannot be read.
    """

    within: tuple[str, ...] = ()
    attachment: str | None = None
    envelope: Envelope = field(default_factory=Envelope)
    temp: str | None = None
    size: int = 0
    digest: str | None = None
    why: str | None = None
    error: str | None = None


@dataclass
class Unpacked:
    """What :func:`unpack_mail` sends back: the rows, or why the file cannot be opened."""

    found: list[Found] = field(default_factory=list)
    error: str | None = None


def unpack_mail(job: MailJob) -> Unpacked:
    """Open one saved email and write its attached workbooks into ``job.folder``.

    Errors the user can act on become ``Unpacked.error`` (the reason, without the file name);
    ``MemoryError`` propagates so that the worker reports the memory limit.
    """
    writer = _Writer(job)
    try:
        with open(job.path, "rb") as handle:
            head = handle.read(8)
        suffix = os.path.splitext(job.path)[1].casefold()
        if suffix == ".mbox" and not head.startswith(OLE_SIGNATURE):
            found: list[Found] = []
            for number, mail in read_mbox(job.path, job.workbook_suffixes):
                within = (f"message {number}",)
                if isinstance(mail, MailError):
                    found.append(Found(within, error=mail.detail))
                else:
                    found += _rows(mail, within, writer)
            if not found:
                return Unpacked(error="holds no messages; export the mail folder again")
            return Unpacked(found)
        if suffix == ".msg" and not head.startswith(OLE_SIGNATURE):
            return Unpacked(error=NOT_OUTLOOK)
        size = os.path.getsize(job.path)
        if size > MAX_MESSAGE_BYTES:
            return Unpacked(error=too_large(size))
        with open(job.path, "rb") as handle:
            data = handle.read()
        mail = read_message(data, Budget(job.workbook_suffixes))
        del data
        return Unpacked(_rows(mail, (), writer))
    except MailError as exc:
        return Unpacked(error=exc.detail)
    except PermissionError:
        return Unpacked(error=_LOCKED)
    except OSError as exc:  # mailbox and the file system: cannot be read as it is
        return Unpacked(error=f"cannot be read ({exc.strerror or type(exc).__name__})")
    except MemoryError:
        raise
    except Exception as exc:  # a fault in a parser: this file's row says so, the run goes on
        return Unpacked(error=f"{_CRASH} ({type(exc).__name__})")


_CRASH = (
    "the email reader stopped unexpectedly on this file; save the returns attached to it into "
    "the folder instead"
)
_LOCKED = (
    "cannot be read; check that you have permission to open it and that no other program has "
    "it locked"
)


class _Writer:
    """Writes attached workbooks into the job's folder under names of its own (never the
    sender's: a name may hold folders or characters the system refuses)."""

    def __init__(self, job: MailJob) -> None:
        self.job = job
        self.count = 0

    def save(self, name: str, data: bytes) -> tuple[str, str]:
        self.count += 1
        suffix = os.path.splitext(name)[1].casefold()
        target = os.path.join(self.job.folder, f"{self.job.prefix}-{self.count:03d}{suffix}")
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        with os.fdopen(os.open(target, flags, 0o600), "wb") as out:
            out.write(data)
        return target, hashlib.sha256(data).hexdigest()


def _has_workbook(mail: Mail, budget: Budget) -> bool:
    """Whether anything in ``mail`` may be a return (or could not be read, and so might be)."""
    for a in mail.attachments:
        if a.error is not None or (a.mail is not None and _has_workbook(a.mail, budget)):
            return True
        if a.data is not None and a.unusable is None and budget.is_workbook(a.name):
            return True
    return False


def _rows(mail: Mail, within: tuple[str, ...], writer: _Writer) -> list[Found]:
    """The Sources rows of one message and everything forwarded in it (see the module)."""
    budget = Budget(writer.job.workbook_suffixes)
    envelope = mail.envelope
    if not _has_workbook(mail, budget):
        names = [a.name for a in mail.attachments]
        why = "an email with no workbook attached"
        why += f" (attached: {', '.join(names)})" if names else " (no attachments)"
        return [Found(within, None, envelope, why=why)]
    rows: list[Found] = []
    for a in mail.attachments:
        if a.error is not None:
            rows.append(Found(within, a.name, envelope, error=a.error))
        elif a.mail is not None:
            rows += _rows(a.mail, (*within, a.name), writer)
        elif a.unusable is not None or a.data is None or not budget.is_workbook(a.name):
            rows.append(Found(within, a.name, envelope, why=a.unusable or "not a workbook"))
        else:
            temp, digest = writer.save(a.name, a.data)
            rows.append(Found(within, a.name, envelope, temp, len(a.data), digest))
    return rows
