"""Saved emails as a tree: who sent each message, its subject and date, and what is attached.

Returns reach the corporate team as email attachments; the team saves the messages into the
returns folder (``.eml`` from most mail programs, ``.msg`` from Outlook, ``.mbox`` exports).
Reading one gives a :class:`Mail`: its :class:`Envelope` and its :class:`Attachment` list, where
a forwarded message is an attachment holding another :class:`Mail`. ``.eml`` and ``.mbox`` are
read here with the standard library's ``email`` and ``mailbox``; ``.msg`` by
:mod:`.outlook_msg`. What consolidation does with the tree (write each attached
workbook into its private temporary folder) is :mod:`.unpack`.

A saved email is as untrusted as an attached workbook, so reading it has limits of its own, on
top of the worker's memory and time limits (:mod:`..workers`): at most
:data:`MAX_MESSAGE_BYTES` per message (also per message of an ``.mbox``), :data:`MAX_NESTING`
forwarded messages one inside the other, :data:`MAX_PARTS` parts and attachments in one message
with everything forwarded in it, and :data:`MAX_MIME_DEPTH` levels of MIME multiparts. Only
attachments that may be returns or forwarded messages are decoded; nothing is written here.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import email.utils
import mailbox
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ....errors import MailError
from ....safety.limits import MIB
from ....safety.sniff import OLE_SIGNATURE

#: Saved-email file extensions consolidation opens.
MAIL_SUFFIXES = (".eml", ".msg", ".mbox")
#: Largest message read (an ``.eml`` or ``.msg`` file, or one message of an ``.mbox``): Exchange
#: Online's largest message. Parsing MIME takes about 8 times a message's size in memory
#: (measured: 720 MB for an 86 MB .eml), which keeps the largest within a worker's limit.
MAX_MESSAGE_BYTES = 150 * MIB
#: Most forwarded messages one inside the other.
MAX_NESTING = 8
#: Most MIME parts or ``.msg`` attachments in one message, forwarded ones included.
MAX_PARTS = 2_000
#: Most levels of MIME multiparts one inside the other.
MAX_MIME_DEPTH = 32

#: Extensions by MIME type, for a workbook attached without a file name.
WORKBOOK_TYPES = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.ms-excel.sheet.macroenabled.12": ".xlsm",
    "application/vnd.ms-excel.sheet.binary.macroenabled.12": ".xlsb",
    "application/vnd.ms-excel": ".xls",
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
}
_MESSAGE_SUFFIXES = (".eml", ".msg")
_ARCHIVES = (".zip", ".7z", ".rar", ".gz", ".tar")
_TNEF = "application/ms-tnef"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


@dataclass(frozen=True)
class Envelope:
    """Who sent a message, what it was about and when (timezone-aware; None when the message
    does not say, as in an unsent draft)."""

    sender: str | None = None
    subject: str | None = None
    sent: dt.datetime | None = None


@dataclass
class Attachment:
    """One attached file: its name as shown to the user, and its bytes when it may be a return
    (``data``), the forwarded message it holds (``mail``), or why it cannot be used although it
    is attached (``unusable``: a link to a file, an embedded object) or read (``error``)."""

    name: str
    data: bytes | None = None
    mail: Mail | None = None
    unusable: str | None = None
    error: str | None = None


@dataclass
class Mail:
    """One message: its envelope and its attachments, in the order the message lists them."""

    envelope: Envelope
    attachments: list[Attachment] = field(default_factory=list)


class Budget:
    """Counts the parts of one message and everything forwarded in it, and refuses past
    :data:`MAX_PARTS`; :meth:`nest` refuses forwarded messages beyond :data:`MAX_NESTING`."""

    def __init__(self, workbook_suffixes: tuple[str, ...]) -> None:
        self.parts = 0
        self.workbook_suffixes = workbook_suffixes

    def part(self) -> None:
        self.parts += 1
        if self.parts > MAX_PARTS:
            raise MailError(
                f"holds more than {MAX_PARTS:,} parts and attachments, more than a real message; "
                "save the returns attached to it into the folder instead"
            )

    @staticmethod
    def nest(depth: int) -> None:
        if depth > MAX_NESTING:
            raise MailError(
                f"holds forwarded messages nested more than {MAX_NESTING} deep; save the "
                "returns attached to it into the folder instead"
            )

    def is_workbook(self, name: str) -> bool:
        return name.casefold().endswith(self.workbook_suffixes)


def shown_name(raw: object, fallback: str = "attachment") -> str:
    """An attachment's name as shown in Sources: no folders, control characters or runs of
    spaces, at most 150 characters."""
    text = str(raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    text = " ".join(_CONTROL.sub(" ", text).split())[:150].strip()
    return text or fallback


def not_a_workbook(name: str, content_type: str = "") -> str:
    """Why an attachment called ``name`` is not used, in words the user can act on."""
    lower = name.casefold()
    if lower == "winmail.dat" or content_type == _TNEF:
        return (
            "Outlook's rich-text wrapper (winmail.dat), whose attachments cannot be read here; "
            "save the message from Outlook as .msg instead"
        )
    suffix = os.path.splitext(lower)[1]
    if suffix in _ARCHIVES:
        return (
            f"a compressed folder ({suffix}): workbooks inside it are not read; extract them "
            "into the returns folder"
        )
    if suffix in (".csv", ".tsv"):
        return (
            f"a {suffix} file holds one sheet without the return's settings, not a workbook: "
            "ask for the return as a workbook (.xlsx), or make one with workbook-tools import"
        )
    if suffix in (".lnk", ".url"):
        return (
            f"a shortcut ({suffix}), not the workbook itself: copy the workbook into the "
            "returns folder"
        )
    return f"not a workbook ({suffix})" if suffix else "not a workbook"


def read_attached(
    name: str, data: bytes, budget: Budget, depth: int, content_type: str = ""
) -> Attachment:
    """An attached file as an :class:`Attachment`: a forwarded message (``.eml``, ``.msg`` or
    ``message/rfc822``) is read into its :class:`Mail`; a workbook keeps its bytes."""
    if content_type == "message/rfc822" or name.casefold().endswith(_MESSAGE_SUFFIXES):
        try:
            return Attachment(name, mail=read_message(data, budget, depth))
        except MailError as exc:
            return Attachment(name, error=f"the forwarded message {exc.detail}")
    return Attachment(name, data=data)


def read_message(data: bytes, budget: Budget, depth: int = 0) -> Mail:
    """A message from its bytes: an Outlook ``.msg`` when it starts as one, else MIME."""
    budget.nest(depth)
    if len(data) > MAX_MESSAGE_BYTES:
        raise MailError(too_large(len(data)))
    if data.startswith(OLE_SIGNATURE):
        from .outlook_msg import read_msg

        return read_msg(data, budget, depth)
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
        return mime_mail(message, budget, depth)
    except RecursionError:
        raise MailError(_DEEP) from None


def mime_mail(message: Any, budget: Budget, depth: int) -> Mail:
    """A parsed MIME message (``email.message.EmailMessage``) as a :class:`Mail`."""
    budget.nest(depth)
    mail = Mail(envelope_of(message))
    _walk(message, mail.attachments, budget, depth, 0)
    return mail


def read_mbox(
    path: str, workbook_suffixes: tuple[str, ...]
) -> Iterator[tuple[int, Mail | MailError]]:
    """Each message of an ``.mbox`` file, numbered from 1, or why it cannot be read (each
    message with a :class:`Budget` of its own)."""
    box = mailbox.mbox(path, create=False)
    try:
        for number, key in enumerate(box.iterkeys(), 1):
            data = box.get_bytes(key)
            try:
                yield number, read_message(data, Budget(workbook_suffixes))
            except MailError as exc:
                yield number, exc
    finally:
        box.close()


_DEEP = "holds parts nested too deeply to be a real message; save its attachments instead"


def too_large(size: int) -> str:
    """Why a message of ``size`` bytes is not read."""
    return (
        f"is {size // MIB} MB, over the limit of {MAX_MESSAGE_BYTES // MIB} MB for a message; "
        "save the returns attached to it into the folder instead"
    )


def _walk(part: Any, found: list[Attachment], budget: Budget, depth: int, level: int) -> None:
    """Add the attachments of MIME ``part`` (and of every part inside it) to ``found``."""
    budget.part()
    if level > MAX_MIME_DEPTH:
        raise MailError(_DEEP)
    content_type = part.get_content_type()
    if content_type == "message/rfc822":
        inner = part.get_payload()
        inner = inner[0] if isinstance(inner, list) and inner else None
        name = _filename(part)
        if inner is None:
            return
        try:
            forwarded = mime_mail(inner, budget, depth + 1)
        except MailError as exc:
            found.append(Attachment(name or "forwarded message", error=exc.detail))
            return
        found.append(Attachment(name or _forwarded_name(forwarded), mail=forwarded))
        return
    if part.is_multipart():
        for sub in part.get_payload():
            _walk(sub, found, budget, depth, level + 1)
        return
    name = _filename(part)
    disposition = _disposition(part)
    if not name:
        suffix = WORKBOOK_TYPES.get(content_type)
        if suffix is None:
            if disposition == "attachment" and not content_type.startswith("text/"):
                found.append(Attachment("attachment", unusable=not_a_workbook("", content_type)))
            return  # the message's own text, or a picture in it
        name = f"attachment{suffix}"
    elif disposition == "inline" and part.get("Content-ID") and content_type.startswith("image/"):
        return  # a picture shown in the message's text (a logo in a signature)
    if not (budget.is_workbook(name) or name.casefold().endswith(_MESSAGE_SUFFIXES)):
        found.append(Attachment(name, unusable=not_a_workbook(name, content_type)))
        return
    data = part.get_payload(decode=True) or b""
    found.append(read_attached(name, data, budget, depth + 1, content_type))


def _filename(part: Any) -> str | None:
    try:
        raw = part.get_filename()
    except Exception:  # a malformed header: the part is read as unnamed
        raw = None
    return shown_name(raw) if raw else None


def _disposition(part: Any) -> str | None:
    try:
        return part.get_content_disposition()
    except Exception:
        return None


def _forwarded_name(mail: Mail) -> str:
    subject = mail.envelope.subject
    return f"forwarded message “{subject}”" if subject else "forwarded message"


def envelope_of(message: Any) -> Envelope:
    """The sender, subject and date in a parsed message's (or header block's) headers."""
    return Envelope(_header(message, "From"), _header(message, "Subject"), _date(message))


def _header(message: Any, name: str) -> str | None:
    try:
        value = message.get(name)
        text = " ".join(_CONTROL.sub(" ", str(value)).split()) if value is not None else ""
    except Exception:  # a header the parser cannot decode is left out
        return None
    return text[:300] or None


def _date(message: Any) -> dt.datetime | None:
    try:
        value = message.get("Date")
        if value is None:
            return None
        when = getattr(value, "datetime", None) or email.utils.parsedate_to_datetime(str(value))
    except Exception:  # no readable date
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)
