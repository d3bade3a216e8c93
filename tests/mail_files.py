"""Saved emails for tests, made the way mail programs write them.

* :func:`eml_bytes`: an internet message as Outlook, Thunderbird or Gmail save one (``.eml``),
  written with the standard library's ``email`` package: From, To, Subject, Date, a text body,
  attachments named in ``Content-Disposition``, a forwarded message as a ``message/rfc822``
  part (how "Forward as attachment" sends it).
* :func:`msg_bytes`: an Outlook ``.msg`` (MS-OXMSG in an OLE compound file), written with
  ``aspose-email-foss``, an implementation of MS-OXMSG independent of the project's reader; a
  forwarded Outlook item is an embedded-message attachment (attach method 5), as Outlook saves
  it. There is no Outlook here, so the files are checked against two other readers in
  ``test_mail.py``: ``extract-msg`` reads the same subject, sender, date and attachments, and
  ``olefile`` lists the storages and streams MS-OXMSG requires.
* :func:`mbox_bytes`: messages as a mail program exports a folder (``From`` lines, ``>From``
  quoting).

Nothing here reads a message: the project's reader is what the tests exercise.
"""

from __future__ import annotations

import datetime as dt
import email.generator
import email.policy
import email.utils
import io
from dataclasses import dataclass, field
from email.message import EmailMessage

BST = dt.timezone(dt.timedelta(hours=1))
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TYPES = {
    ".xlsx": XLSX,
    ".xlsm": "application/vnd.ms-excel.sheet.macroEnabled.12",
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".docm": "application/vnd.ms-word.document.macroEnabled.12",
}


@dataclass
class Letter:
    """One message: who sent it, when, its subject, text and attachments (a name and bytes, or a
    forwarded :class:`Letter`)."""

    subject: str
    sender: str = "Jo Officer <jo.officer@example.gov.uk>"
    sent: dt.datetime | None = dt.datetime(2008, 7, 3, 9, 15, tzinfo=BST)
    attachments: list[tuple[str, bytes | Letter]] = field(default_factory=list)
    to: str = "Performance Team <performance@example.gov.uk>"
    body: str = "Hello,\n\nPlease find our quarterly return attached.\n\nKind regards,\nJo\n"


def _type(name: str) -> tuple[str, str]:
    suffix = name[name.rfind(".") :].casefold() if "." in name else ""
    return tuple(TYPES.get(suffix, "application/octet-stream").split("/", 1))  # type: ignore[return-value]


def eml_message(letter: Letter, boundary: str = "") -> EmailMessage:
    """``letter`` as an ``EmailMessage`` (``boundary`` fixed, for files that must not change)."""
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = letter.sender
    message["To"] = letter.to
    message["Subject"] = letter.subject
    if letter.sent is not None:
        message["Date"] = email.utils.format_datetime(letter.sent)
    message["MIME-Version"] = "1.0"
    message.set_content(letter.body)
    for index, (name, content) in enumerate(letter.attachments):
        if isinstance(content, Letter):
            inner = eml_message(content, f"{boundary}-{index}" if boundary else "")
            message.add_attachment(inner, filename=name or None)
        else:
            maintype, subtype = _type(name)
            message.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
    if boundary and message.is_multipart():
        message.set_boundary(boundary)
    return message


def eml_bytes(letter: Letter, boundary: str = "") -> bytes:
    """``letter`` as the bytes of an ``.eml`` file."""
    return eml_message(letter, boundary).as_bytes()


def mbox_bytes(letters: list[Letter]) -> bytes:
    """``letters`` as one ``.mbox`` file, as a mail program exports a folder."""
    out = io.BytesIO()
    for letter in letters:
        when = letter.sent or dt.datetime(2008, 7, 1, tzinfo=dt.UTC)
        out.write(f"From MAILER-DAEMON {when:%a %b %d %H:%M:%S %Y}\n".encode())
        message = eml_message(letter)
        message.policy = email.policy.default  # LF line ends, as mbox files have
        email.generator.BytesGenerator(out, mangle_from_=True).flatten(message)
        out.write(b"\n")
    return out.getvalue()


def mapi_message(letter: Letter, *, unicode: bool = True):  # -> aspose MapiMessage
    """``letter`` as an Outlook item (aspose-email-foss ``MapiMessage``)."""
    from aspose.email_foss import msg as mapi

    item = mapi.MapiMessage.create(letter.subject, letter.body, unicode_strings=unicode)
    name, address = email.utils.parseaddr(letter.sender)
    item.set_property(mapi.PropertyId.SENDER_NAME, name or address)
    item.set_property(mapi.PropertyId.SENDER_ADDRESS_TYPE, "SMTP")
    item.set_property(mapi.PropertyId.SENDER_EMAIL_ADDRESS, address)
    to_name, to_address = email.utils.parseaddr(letter.to)
    item.add_recipient(to_address, display_name=to_name or None)
    if letter.sent is not None:
        item.set_property(mapi.PropertyId.MESSAGE_DELIVERY_TIME, letter.sent)
    for name, content in letter.attachments:
        if isinstance(content, Letter):
            inner = mapi_message(content, unicode=unicode)
            item.add_embedded_message_attachment(inner, filename=name or None)
        else:
            item.add_attachment(name, content, mime_type="/".join(_type(name)))
    return item


def msg_bytes(letter: Letter, *, unicode: bool = True) -> bytes:
    """``letter`` as the bytes of an Outlook ``.msg`` file (8-bit strings when not
    ``unicode``, as Outlook 97-2002 wrote them)."""
    return mapi_message(letter, unicode=unicode).to_bytes()
