"""Outlook ``.msg`` files as a :class:`~workbook_tools.mail.Mail`: sender, subject, date and
attachments, forwarded messages included (MS-OXMSG).

A ``.msg`` file is an OLE compound file, opened with ``olefile``. Each MAPI property of the
message is a stream: strings and binary data in ``__substg1.0_IIIITTTT`` streams (property id
``IIII``, type ``TTTT``: ``001F`` UTF-16LE text, ``001E`` 8-bit text in the message's code
page, ``0102`` bytes), fixed-size values (dates, numbers, flags) as 16-byte entries of the
``__properties_version1.0`` stream after its header (32 bytes for the message, 24 for a message
embedded in another, 8 for an attachment). Each attachment is a ``__attach_version1.0_#NNNNNNNN``
storage; a forwarded message attached as an Outlook item is its ``__substg1.0_3701000D`` storage,
laid out like a message.

Only what consolidation needs is read: the subject, the sender (name and SMTP address), the
date it was sent (else delivered, else the ``Date`` of the internet headers Outlook keeps), and
each attachment's name, method and bytes. A full ``.msg`` library would bring far more than
this needs (bodies, RTF, recipients, calendar items); see the README's dependency table.
"""

from __future__ import annotations

import codecs
import datetime as dt
import email.parser
import email.policy
import io
import re
from collections.abc import Callable

import olefile

from .errors import MailError
from .mail import (
    WORKBOOK_TYPES,
    Attachment,
    Budget,
    Envelope,
    Mail,
    envelope_of,
    not_a_workbook,
    read_attached,
    read_message,
    shown_name,
)

# Property ids (MS-OXPROPS) and types.
SUBJECT, SENDER_NAME, SENDER_EMAIL, SENDER_SMTP = 0x0037, 0x0C1A, 0x0C1F, 0x5D01
REPRESENTING_NAME, REPRESENTING_EMAIL, REPRESENTING_SMTP = 0x0042, 0x0065, 0x5D02
SUBMIT_TIME, DELIVERY_TIME, HEADERS = 0x0039, 0x0E06, 0x007D
INTERNET_CODEPAGE, MESSAGE_CODEPAGE = 0x3FDE, 0x3FFD
ATTACH_DATA, ATTACH_FILENAME, ATTACH_LONG_FILENAME, DISPLAY_NAME = 0x3701, 0x3704, 0x3707, 0x3001
ATTACH_METHOD, ATTACH_MIME, ATTACH_CONTENT_ID, ATTACHMENT_HIDDEN = 0x3705, 0x370E, 0x3712, 0x7FFE
PT_LONG, PT_BOOLEAN, PT_SYSTIME = 0x0003, 0x000B, 0x0040

MESSAGE_HEADER, EMBEDDED_HEADER, ATTACHMENT_HEADER = 32, 24, 8
PROPERTIES = "__properties_version1.0"
ATTACHMENT_PREFIX = "__attach_version1.0_#"
EMBEDDED = "__substg1.0_3701000d"
#: What a signed message's MIME content is called while its attachments are taken out of it.
SIGNED = "\x00signed"
#: Longest text property read (the internet headers are the longest usually present).
MAX_TEXT_BYTES = 256 * 1024

_SMTP = re.compile(r"[^@\s/<>]+@[^@\s<>]+\.[^@\s<>]+")
_FILETIME_EPOCH = dt.datetime(1601, 1, 1, tzinfo=dt.UTC)
#: Why a file that is not a readable Outlook message is refused.
NOT_OUTLOOK = (
    "is not an Outlook message (.msg) that can be read: it is damaged or another kind of file; "
    "save it again from Outlook"
)
_LINK = "a link to a file, not the file itself; ask the sender to attach the workbook"
_CLOUD = (
    "a link to a file in OneDrive or SharePoint, not a copy; ask the sender to attach a copy of "
    "the workbook"
)
_OBJECT = "an object embedded in the message's text, not an attached file"


def read_msg(source: bytes | str, budget: Budget, depth: int = 0) -> Mail:
    """The message in an Outlook ``.msg`` file (a path) or its bytes.

    Raises :class:`~workbook_tools.errors.MailError` for a file that is not a readable message
    or is over the limits of :mod:`workbook_tools.mail`.
    """
    budget.nest(depth)
    try:
        ole = olefile.OleFileIO(io.BytesIO(source) if isinstance(source, bytes) else source)
    except MemoryError:
        raise
    except Exception:  # olefile refuses it: not a compound file, or a damaged one
        raise MailError(NOT_OUTLOOK) from None
    try:
        doc = _Document(ole)
        if doc.entry((), PROPERTIES) is None:
            raise MailError(NOT_OUTLOOK)
        return _message(doc, (), MESSAGE_HEADER, budget, depth)
    except (MailError, MemoryError):
        raise
    except Exception:  # a stream that cannot be read or makes no sense
        raise MailError(NOT_OUTLOOK) from None
    finally:
        ole.close()


class _Document:
    """The compound file's storages and streams, found by name ignoring case as MS-CFB says."""

    def __init__(self, ole: olefile.OleFileIO) -> None:
        self.ole = ole
        self.children: dict[tuple[str, ...], dict[str, list[str]]] = {}
        for entry in ole.listdir(streams=True, storages=True):
            parent = tuple(name.casefold() for name in entry[:-1])
            self.children.setdefault(parent, {})[entry[-1].casefold()] = entry

    def entry(self, path: tuple[str, ...], name: str) -> list[str] | None:
        return self.children.get(path, {}).get(name.casefold())

    def read(self, entry: list[str]) -> bytes:
        return self.ole.openstream(entry).read()


def _message(
    doc: _Document, path: tuple[str, ...], header: int, budget: Budget, depth: int
) -> Mail:
    budget.nest(depth)
    props = _properties(doc, path, header)
    codec = _codec(props, "cp1252")
    text = _texts(doc, path, codec)
    headers = text(HEADERS)
    parsed = envelope_of(_parse_headers(headers)) if headers else Envelope()
    envelope = Envelope(
        _sender(text) or parsed.sender,
        _one_line(text(SUBJECT)) or parsed.subject,
        _time(props, SUBMIT_TIME) or _time(props, DELIVERY_TIME) or parsed.sent,
    )
    mail = Mail(envelope)
    for name in sorted(n for n in doc.children.get(path, {}) if n.startswith(ATTACHMENT_PREFIX)):
        budget.part()
        attachment = _attachment(doc, (*path, name), budget, depth, codec)
        if attachment is not None and attachment.name == SIGNED and attachment.mail is not None:
            mail.attachments += attachment.mail.attachments  # the signed message's own
        elif attachment is not None:
            mail.attachments.append(attachment)
    return mail


def _attachment(
    doc: _Document,
    path: tuple[str, ...],
    budget: Budget,
    depth: int,
    message_codec: str,
) -> Attachment | None:
    """One attachment storage as an :class:`Attachment` (None: nothing the user attached)."""
    props = _properties(doc, path, ATTACHMENT_HEADER)
    text = _texts(doc, path, _codec(props, message_codec))
    raw_name = text(ATTACH_LONG_FILENAME) or text(ATTACH_FILENAME) or text(DISPLAY_NAME)
    name = shown_name(raw_name)
    mime = (text(ATTACH_MIME) or "").strip().casefold()
    method = _long(props, ATTACH_METHOD)
    if method == 5:  # a forwarded Outlook item
        storage = (*path, EMBEDDED)
        if storage not in doc.children:
            return Attachment(name, error="the forwarded message is empty")
        try:
            inner = _message(doc, storage, EMBEDDED_HEADER, budget, depth + 1)
        except MailError as exc:
            return Attachment(name, error=f"the forwarded message {exc.detail}")
        if not raw_name:
            name = shown_name(inner.envelope.subject, "forwarded message")
        return Attachment(name, mail=inner)
    if method in (2, 3, 4):
        return Attachment(name, unusable=_LINK)
    if method == 7:
        return Attachment(name, unusable=_CLOUD)
    if method == 6:
        return Attachment(name, unusable=_OBJECT)
    if method == 0:
        return None
    if mime == "multipart/signed":  # a digitally signed message: its MIME, attachments inside
        entry = doc.entry(path, "__substg1.0_37010102")
        data = doc.read(entry) if entry is not None else b""
        try:
            return Attachment(SIGNED, mail=read_message(data, budget, depth))
        except MailError as exc:
            return Attachment(name, error=f"the signed message {exc.detail}")
    if not raw_name and mime in WORKBOOK_TYPES:
        name = f"attachment{WORKBOOK_TYPES[mime]}"
    if (
        _boolean(props, ATTACHMENT_HIDDEN)
        and text(ATTACH_CONTENT_ID)
        and not budget.is_workbook(name)
    ):
        return None  # a picture shown in the message's text
    if not (budget.is_workbook(name) or name.casefold().endswith((".eml", ".msg"))):
        return Attachment(name, unusable=not_a_workbook(name, mime))
    entry = doc.entry(path, "__substg1.0_37010102")
    data = doc.read(entry) if entry is not None else b""
    return read_attached(name, data, budget, depth + 1, mime)


def _properties(doc: _Document, path: tuple[str, ...], header: int) -> dict[int, bytes]:
    """Fixed-size property values by tag (id << 16 | type), 8 bytes each."""
    entry = doc.entry(path, PROPERTIES)
    if entry is None:
        return {}
    data = doc.read(entry)
    if header == EMBEDDED_HEADER and (len(data) - header) % 16 and not (len(data) - 32) % 16:
        header = MESSAGE_HEADER  # written with a top-level message's header, as some tools do
    found: dict[int, bytes] = {}
    for offset in range(header, len(data) - 15, 16):
        tag = int.from_bytes(data[offset : offset + 4], "little")
        found[tag] = data[offset + 8 : offset + 16]
    return found


def _long(props: dict[int, bytes], pid: int) -> int | None:
    value = props.get(pid << 16 | PT_LONG)
    return int.from_bytes(value[:4], "little") if value is not None else None


def _boolean(props: dict[int, bytes], pid: int) -> bool:
    value = props.get(pid << 16 | PT_BOOLEAN)
    return bool(value and value[0])


def _time(props: dict[int, bytes], pid: int) -> dt.datetime | None:
    value = props.get(pid << 16 | PT_SYSTIME)
    ticks = int.from_bytes(value, "little") if value is not None else 0
    if not ticks:
        return None
    try:
        return _FILETIME_EPOCH + dt.timedelta(microseconds=ticks // 10)
    except OverflowError:  # past the year 9999: no usable date
        return None


def _codec(props: dict[int, bytes], default: str) -> str:
    """The Python codec for the 8-bit strings of an object: its own code page, else
    ``default`` (an attachment's: its message's)."""
    page = _long(props, MESSAGE_CODEPAGE) or _long(props, INTERNET_CODEPAGE)
    if not page:
        return default
    name = "utf-8" if page == 65001 else f"cp{page}"
    try:
        codecs.lookup(name)
    except LookupError:
        return "cp1252"
    return name


def _texts(doc: _Document, path: tuple[str, ...], codec: str) -> Callable[[int], str | None]:
    """A reader of the text properties of the object at ``path``."""

    def text(pid: int) -> str | None:
        for kind, decoding in (("001F", "utf-16-le"), ("001E", codec)):
            entry = doc.entry(path, f"__substg1.0_{pid:04X}{kind}")
            if entry is not None:
                raw = doc.read(entry)[:MAX_TEXT_BYTES]
                try:
                    value = raw.decode(decoding)
                except UnicodeDecodeError:  # not in the code page it claims: Windows' usual
                    value = raw.decode("cp1252", errors="replace")
                return value.split("\0", 1)[0] or None
        return None

    return text


def _sender(text: Callable[[int], str | None]) -> str | None:
    """The sender as ``Name <address>``: the SMTP address rather than an Exchange one."""
    name = _one_line(text(SENDER_NAME)) or _one_line(text(REPRESENTING_NAME))
    addresses = (text(SENDER_SMTP), text(SENDER_EMAIL), text(REPRESENTING_SMTP),
                 text(REPRESENTING_EMAIL))  # fmt: skip
    address = next((a.strip() for a in addresses if a and _SMTP.fullmatch(a.strip())), None)
    if name and address and address.casefold() not in name.casefold():
        return f"{name} <{address}>"
    return name or address


def _parse_headers(text: str) -> email.message.Message:
    return email.parser.HeaderParser(policy=email.policy.default).parsestr(text)


def _one_line(text: str | None) -> str | None:
    return " ".join(text.split())[:300] or None if text else None
