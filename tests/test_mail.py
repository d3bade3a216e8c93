"""Reading saved emails: .eml, Outlook .msg and .mbox, forwarded messages, limits, hostile input."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import zipfile
from pathlib import Path

import olefile
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mail_files import BST, Letter, eml_bytes, mbox_bytes, msg_bytes

from workbook_tools import mail
from workbook_tools.errors import MailError
from workbook_tools.mail import Budget, read_message
from workbook_tools.mail_unpack import MailJob, unpack_mail

WORKBOOKS = (".xlsx", ".xlsm")
SENT = dt.datetime(2008, 7, 3, 9, 15, tzinfo=BST)
BOOK = b"PK\x03\x04 a workbook's bytes"
OTHER = b"PK\x03\x04 another workbook"


def read(data: bytes) -> mail.Mail:
    return read_message(data, Budget(WORKBOOKS))


def two_returns() -> Letter:
    return Letter(
        "Q1 returns: Resources and Housing",
        attachments=[("Resources.xlsx", BOOK), ("cover note.pdf", b"%PDF-1.4"),
                     ("Housing.xlsm", OTHER)],
    )  # fmt: skip


WRITERS = {"eml": eml_bytes, "msg": msg_bytes, "msg-8bit": lambda x: msg_bytes(x, unicode=False)}


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_one_attached_return_is_read_with_sender_subject_and_date(kind: str) -> None:
    """A message with one workbook attached gives its bytes, name, sender, subject and date."""
    letter = Letter("Resources return – as of 30 Jun 2008", attachments=[("Res.xlsx", BOOK)])
    got = read(WRITERS[kind](letter))
    assert got.envelope.sender == "Jo Officer <jo.officer@example.gov.uk>"
    assert got.envelope.subject == "Resources return – as of 30 Jun 2008"
    assert got.envelope.sent == SENT
    assert [(a.name, a.data) for a in got.attachments] == [("Res.xlsx", BOOK)]


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_two_returns_and_a_document_are_listed_in_order(kind: str) -> None:
    """Both workbooks keep their bytes; the PDF is listed as not a workbook, not decoded."""
    got = read(WRITERS[kind](two_returns()))
    assert [(a.name, a.data, a.unusable) for a in got.attachments] == [
        ("Resources.xlsx", BOOK, None),
        ("cover note.pdf", None, "not a workbook (.pdf)"),
        ("Housing.xlsm", OTHER, None),
    ]


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_a_message_with_no_attachment_has_none(kind: str) -> None:
    """A plain message has no attachments (its text is not one)."""
    assert read(WRITERS[kind](Letter("Thanks, received"))).attachments == []


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_a_forwarded_message_keeps_its_own_sender_and_attachments(kind: str) -> None:
    """A message forwarded as an attachment (MIME message/rfc822, Outlook embedded item) is a
    message of its own: the original sender, subject and date, and its workbook."""
    original = Letter("Resources return", attachments=[("Resources.xlsx", BOOK)])
    forward = Letter(
        "FW: Resources return",
        sender="Pat Deputy <pat.deputy@example.gov.uk>",
        sent=dt.datetime(2008, 7, 4, 11, 0, tzinfo=BST),
        attachments=[("", original)],
    )
    got = read(WRITERS[kind](forward))
    assert got.envelope.sender == "Pat Deputy <pat.deputy@example.gov.uk>"
    (attached,) = got.attachments
    assert attached.mail is not None and "Resources return" in attached.name
    assert attached.mail.envelope == mail.Envelope(
        "Jo Officer <jo.officer@example.gov.uk>", "Resources return", SENT
    )
    assert [(a.name, a.data) for a in attached.mail.attachments] == [("Resources.xlsx", BOOK)]


def test_messages_saved_as_files_inside_other_messages_are_opened() -> None:
    """An .msg attached as a file to an .eml, and an .eml attached to an .msg, are read."""
    inner = Letter("Housing return", attachments=[("Housing.xlsx", OTHER)])
    outer_eml = Letter("Fwd", attachments=[("Housing return.msg", msg_bytes(inner))])
    outer_msg = Letter("Fwd", attachments=[("Housing return.eml", eml_bytes(inner))])
    for data in (eml_bytes(outer_eml), msg_bytes(outer_msg)):
        (attached,) = read(data).attachments
        assert attached.mail is not None and attached.mail.envelope.subject == "Housing return"
        assert [(a.name, a.data) for a in attached.mail.attachments] == [("Housing.xlsx", OTHER)]


def test_an_unnamed_workbook_part_and_a_body_picture() -> None:
    """A workbook sent without a file name is named by its type; a picture shown in the text
    (inline, with a Content-ID) is part of the message, not an attachment."""
    from email.message import EmailMessage

    message = EmailMessage()
    message["Subject"] = "Return"
    message.set_content("See attached")
    message.add_related(b"\x89PNG logo", maintype="image", subtype="png", cid="<logo@x>")
    message.add_attachment(
        BOOK, maintype="application",
        subtype="vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )  # fmt: skip
    got = read(message.as_bytes())
    assert [(a.name, a.data) for a in got.attachments] == [("attachment.xlsx", BOOK)]


def test_reasons_for_attachments_that_cannot_be_returns() -> None:
    """winmail.dat, a zip and a macro-enabled Word file each say why they are not used."""
    letter = Letter("Return", attachments=[("winmail.dat", b"\x78\x9f\x3e\x22"),
                                           ("returns.zip", b"PK\x03\x04"),
                                           ("form.docm", b"PK\x03\x04")])  # fmt: skip
    reasons = [a.unusable for a in read(eml_bytes(letter)).attachments]
    assert "save the message from Outlook as .msg" in reasons[0]
    assert "extract them into the returns folder" in reasons[1]
    assert reasons[2] == "not a workbook (.docm)"


def test_an_attachment_name_with_folders_or_control_characters_is_made_safe() -> None:
    """A name carrying folders ("../", "C:\\") or control characters keeps only its last part."""
    letter = Letter("Return", attachments=[("..\\..\\C:/evil\x07/Resources\t.xlsx", BOOK)])
    for data in (eml_bytes(letter), msg_bytes(letter)):
        assert [a.name for a in read(data).attachments] == ["Resources .xlsx"]


def test_an_outlook_link_attachment_says_to_attach_a_copy() -> None:
    """An Outlook attachment that is a link to a OneDrive file (attach method 7) is not used,
    with what to ask the sender for."""
    data = msg_bytes(Letter("Return", attachments=[("Resources.xlsx", b"")]))
    tag = (0x3705 << 16 | 0x0003).to_bytes(4, "little")  # PidTagAttachMethod, a 4-byte integer
    assert data.count(tag) == 1
    at = data.index(tag) + 8
    assert data[at : at + 4] == (1).to_bytes(4, "little")  # afByValue, as written
    data = data[:at] + (7).to_bytes(4, "little") + data[at + 4 :]  # afByWebReference
    (attached,) = read(data).attachments
    assert attached.data is None and "OneDrive or SharePoint" in attached.unusable


def test_third_party_readers_agree_on_the_test_msg_files(tmp_path: Path) -> None:
    """The test .msg files are what MS-OXMSG describes: olefile finds the required storages and
    streams; extract-msg reads the same subject, sender, date and attachments as the project."""
    import extract_msg

    logging.getLogger("extract_msg").setLevel(logging.CRITICAL)
    original = Letter("Resources return", attachments=[("Resources.xlsx", BOOK)])
    letter = Letter("Returns", attachments=[("Housing.xlsx", OTHER), ("", original)])
    data = msg_bytes(letter)
    path = tmp_path / "returns.msg"
    path.write_bytes(data)
    with olefile.OleFileIO(data) as ole:
        names = {"/".join(entry) for entry in ole.listdir(streams=True, storages=True)}
    assert {"__properties_version1.0", "__nameid_version1.0", "__substg1.0_0037001F",
            "__recip_version1.0_#00000000", "__attach_version1.0_#00000000/__substg1.0_37010102",
            "__attach_version1.0_#00000001/__substg1.0_3701000D/__attach_version1.0_#00000000"
            } <= names  # fmt: skip
    theirs = extract_msg.openMsg(str(path))
    try:
        ours = read(data)
        assert theirs.subject == ours.envelope.subject
        assert theirs.date == ours.envelope.sent
        assert ours.envelope.sender.startswith(theirs.sender)
        first, forwarded = theirs.attachments
        assert (first.longFilename, first.data) == ("Housing.xlsx", OTHER)
        inner = forwarded.data
        assert inner.subject == ours.attachments[1].mail.envelope.subject
        assert [(a.longFilename, a.data) for a in inner.attachments] == [
            (a.name, a.data) for a in ours.attachments[1].mail.attachments
        ]
    finally:
        theirs.close()


def test_forwarded_messages_nested_too_deeply_are_refused() -> None:
    """Forwarded messages nested beyond MAX_NESTING are an error, for .eml and .msg alike."""
    letter = Letter("Return", attachments=[("Res.xlsx", BOOK)])
    for _ in range(mail.MAX_NESTING + 1):
        letter = Letter("Fwd", attachments=[("", letter)])
    for data in (eml_bytes(letter), msg_bytes(letter)):
        got = read(data)
        while got.attachments and got.attachments[0].mail is not None:
            got = got.attachments[0].mail
        assert got.attachments[0].error and "nested more than" in got.attachments[0].error


def test_too_many_parts_and_too_large_messages_are_refused(monkeypatch) -> None:
    """A message with more parts than MAX_PARTS, or larger than MAX_MESSAGE_BYTES, is refused
    before anything in it is decoded."""
    monkeypatch.setattr(mail, "MAX_PARTS", 5)
    many = Letter("Many", attachments=[(f"{n}.pdf", b"x") for n in range(6)])
    with pytest.raises(MailError, match="more than 5 parts"):
        read(eml_bytes(many))
    with pytest.raises(MailError, match="more than 5 parts"):
        read(msg_bytes(many))
    monkeypatch.setattr(mail, "MAX_MESSAGE_BYTES", 1000)
    with pytest.raises(MailError, match="over the limit"):
        read(eml_bytes(Letter("Big", attachments=[("Res.xlsx", b"x" * 2000)])))


def test_deeply_nested_mime_multiparts_are_refused() -> None:
    """Multiparts nested hundreds deep (a parser trap) are an error, never a crash."""
    depth = 300
    head = "".join(
        f'Content-Type: multipart/mixed; boundary="b{n}"\n\n--b{n}\n' for n in range(depth)
    )
    tail = "".join(f"\n--b{n}--\n" for n in reversed(range(depth)))
    data = f"Subject: deep\nMIME-Version: 1.0\n{head}Content-Type: text/plain\n\nhi{tail}"
    with pytest.raises(MailError):
        read(data.encode())


@pytest.mark.parametrize(
    "data",
    [b"", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"],
    ids=["empty", "ole-header-only", "ole-signature-only"],
)
def test_broken_outlook_files_are_one_sentence_errors(data: bytes) -> None:
    """Damaged .msg content is a MailError saying what to do, never another exception."""
    from workbook_tools.mail_msg import read_msg

    with pytest.raises(MailError, match="save it again from Outlook"):
        read_msg(data, Budget(WORKBOOKS))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_damaged_messages_never_raise_anything_but_a_mail_error(data: st.DataObject) -> None:
    """Any message with bytes changed (.eml or .msg) is read or refused with a MailError."""
    source = data.draw(st.sampled_from(sorted(WRITERS)))
    original = bytearray(WRITERS[source](two_returns()))
    for _ in range(data.draw(st.integers(1, 40))):
        at = data.draw(st.integers(0, len(original) - 1))
        original[at] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(len(original) // 4, len(original)))
    with contextlib.suppress(MailError):
        read(bytes(original[:cut]))


def test_unpack_writes_only_workbooks_into_the_folder_under_its_own_names(tmp_path: Path) -> None:
    """Unpacking writes each attached workbook (and nothing else) into the job's folder, named
    by the job, and gives a row per attachment with its size and content hash."""
    folder = tmp_path / "private"
    folder.mkdir()
    letter = Letter("Returns", attachments=[("../../outside.xlsx", BOOK), ("a.pdf", b"%PDF"),
                                            ("Housing.xlsm", OTHER)])  # fmt: skip
    source = tmp_path / "in.eml"
    source.write_bytes(eml_bytes(letter))
    result = unpack_mail(MailJob(str(source), str(folder), "m0001", WORKBOOKS))
    assert result.error is None
    assert sorted(os.listdir(folder)) == ["m0001-001.xlsx", "m0001-002.xlsm"]
    assert sorted(os.listdir(tmp_path)) == ["in.eml", "private"]
    names = [(f.attachment, f.temp and os.path.basename(f.temp), f.size, f.why)
             for f in result.found]  # fmt: skip
    assert names == [
        ("outside.xlsx", "m0001-001.xlsx", len(BOOK), None),
        ("a.pdf", None, 0, "not a workbook (.pdf)"),
        ("Housing.xlsm", "m0001-002.xlsm", len(OTHER), None),
    ]
    assert (folder / "m0001-001.xlsx").read_bytes() == BOOK


def test_an_mbox_gives_rows_per_message(tmp_path: Path) -> None:
    """An .mbox export gives each message's rows, numbered; a message without a workbook is one
    row saying so; the mailbox file is left exactly as it was."""
    letters = [
        Letter("Resources return", attachments=[("Resources.xlsx", BOOK)]),
        Letter("A note", body="From the top:\nFrom now on, returns go to the team.\n"),
        Letter("Housing return", attachments=[("Housing.xlsx", OTHER)]),
    ]
    box = tmp_path / "Returns.mbox"
    box.write_bytes(mbox_bytes(letters))
    before = (box.read_bytes(), box.stat().st_mtime_ns)
    folder = tmp_path / "private"
    folder.mkdir()
    result = unpack_mail(MailJob(str(box), str(folder), "m0000", WORKBOOKS))
    rows = [(f.within, f.attachment, f.envelope.subject, f.why) for f in result.found]
    assert rows == [
        (("message 1",), "Resources.xlsx", "Resources return", None),
        (("message 2",), None, "A note", "an email with no workbook attached (no attachments)"),
        (("message 3",), "Housing.xlsx", "Housing return", None),
    ]  # fmt: skip
    assert (box.read_bytes(), box.stat().st_mtime_ns) == before


def test_unpack_reports_files_that_are_not_messages(tmp_path: Path) -> None:
    """A .msg that is really a zip, or an empty .mbox, is an error saying what to do."""
    fake = tmp_path / "return.msg"
    with zipfile.ZipFile(fake, "w") as archive:
        archive.writestr("a.txt", "not a message")
    empty = tmp_path / "empty.mbox"
    empty.write_bytes(b"")
    for path in (fake, empty):
        result = unpack_mail(MailJob(str(path), str(tmp_path), "m", WORKBOOKS))
        assert result.error and not result.found, path.name
    renamed = fake.rename(tmp_path / "zip.eml")
    result = unpack_mail(MailJob(str(renamed), str(tmp_path), "m", WORKBOOKS))
    assert "an email with no workbook attached" in result.found[0].why
