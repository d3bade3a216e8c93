"""Consolidating returns that arrive in saved emails: provenance, unused inputs, copies, the
latest version, hostile attachments and the private temporary folder."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

import hostile
import openpyxl
import pytest
from mail_files import BST, Letter, eml_bytes, mbox_bytes, msg_bytes
from plans import make_plan

from workbook_tools import cli
from workbook_tools.consolidation import consolidate
from workbook_tools.errors import UsageError

AS_OF = dt.date(2008, 6, 30)
ROW = {"Ref": "1.1", "Action": "Publish the plan", "Lead": "Ann Lee", "Deadline": "Mar 09"}
ROWS = [ROW, {**ROW, "Ref": "1.2", "Action": "Consult residents"}]
WRITERS = {"eml": eml_bytes, "msg": msg_bytes}


def workbook(tmp_path: Path, directorate: str, rows=ROWS, as_of=AS_OF, **cells) -> bytes:
    """The bytes of a return in the template with ``rows`` typed in."""
    rows = [{**row, **cells} for row in rows]
    made = tmp_path / "made" / f"{directorate}-{len(rows)}-{as_of}-{len(cells)}.xlsx"
    made.parent.mkdir(exist_ok=True)
    return make_plan(made, rows, directorate=directorate, as_of=as_of).read_bytes()


def sheet(report: Path, name: str) -> list[dict[str, object]]:
    """The rows of one table sheet of the report, by heading."""
    wb = openpyxl.load_workbook(report, read_only=True)
    rows = list(wb[name].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:] if any(row)]


@pytest.fixture
def private_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system's temporary folder, moved to an empty folder of the test's own."""
    folder = tmp_path / "system-temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_one_and_two_attached_returns_are_consolidated_with_their_message(
    kind: str, tmp_path: Path, private_temp: Path
) -> None:
    """Each workbook attached to a saved email is a return; Sources and Register name the
    message and the attachment, and Sources shows the sender, subject and date."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    one = Letter("Resources return", attachments=[("Resources - 2008-06-30.xlsx",
                                                   workbook(tmp_path, "Resources"))])  # fmt: skip
    two = Letter(
        "Q1 returns",
        sender="Hal Jones <hal.jones@example.gov.uk>",
        sent=dt.datetime(2008, 7, 4, 16, 5, tzinfo=BST),
        attachments=[("Housing.xlsx", workbook(tmp_path, "Housing", ROWS[:1])),
                     ("Leisure.xlsx", workbook(tmp_path, "Leisure"))],
    )  # fmt: skip
    (folder / f"Resources - 2008-06-30.{kind}").write_bytes(WRITERS[kind](one))
    (folder / f"Q1 returns.{kind}").write_bytes(WRITERS[kind](two))
    report = tmp_path / "report.xlsx"
    result = consolidate([folder], report, jobs=2)
    assert result.exit_code == 0
    assert result.by_directorate == {
        "Housing": {"Blue": 0, "Green": 1, "Amber": 0, "Red": 0, "Grey": 0},
        "Leisure": {"Blue": 0, "Green": 2, "Amber": 0, "Red": 0, "Grey": 0},
        "Resources": {"Blue": 0, "Green": 2, "Amber": 0, "Red": 0, "Grey": 0},
    }
    resources = f"{folder / f'Resources - 2008-06-30.{kind}'} › Resources - 2008-06-30.xlsx"
    sources = {row["File"]: row for row in sheet(report, "Sources")}
    assert set(sources) == {
        resources,
        f"{folder / f'Q1 returns.{kind}'} › Housing.xlsx",
        f"{folder / f'Q1 returns.{kind}'} › Leisure.xlsx",
    }
    row = sources[f"{folder / f'Q1 returns.{kind}'} › Leisure.xlsx"]
    assert (row["From"], row["Subject"], row["Status"]) == (
        "Hal Jones <hal.jones@example.gov.uk>", "Q1 returns", "ok",
    )  # fmt: skip
    sent = dt.datetime(2008, 7, 4, 16, 5, tzinfo=BST).astimezone().replace(tzinfo=None)
    assert row["Sent"] == sent
    register = sheet(report, "Register")
    assert {r["Source file"] for r in register if r["Directorate"] == "Resources"} == {resources}
    assert os.listdir(private_temp) == []


def test_an_email_without_a_workbook_and_other_files_are_listed_with_why(
    tmp_path: Path,
) -> None:
    """Nothing in the folder is skipped silently: an email with no workbook, an attachment that
    is not a workbook, a document and a backup are each listed as not used, with why."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "Thanks.eml").write_bytes(eml_bytes(Letter("Thanks")))
    (folder / "Agenda.msg").write_bytes(msg_bytes(Letter("Agenda", attachments=[
        ("agenda.docx", b"PK\x03\x04")])))  # fmt: skip
    (folder / "Resources.eml").write_bytes(eml_bytes(Letter("Return", attachments=[
        ("Resources.xlsx", workbook(tmp_path, "Resources")), ("cover.pdf", b"%PDF")])))  # fmt: skip
    (folder / "minutes.pdf").write_bytes(b"%PDF")
    (folder / "old.bak.xlsx").write_bytes(workbook(tmp_path, "Old"))
    (folder / "~$Resources.xlsx").write_bytes(b"lock")
    result = consolidate([folder], tmp_path / "report.xlsx", jobs=0)
    notes = {Path(s.file).name: (s.status, s.note) for s in result.sources if s.status != "ok"}
    assert notes == {
        "Agenda.msg": ("unused", "an email with no workbook attached (attached: agenda.docx)"),
        "minutes.pdf": ("unused", "not a workbook or a saved email (.pdf)"),
        "old.bak.xlsx": ("unused", "a backup made by refresh, not a return"),
        "Resources.eml › cover.pdf": ("unused", "not a workbook (.pdf)"),
        "Thanks.eml": ("unused", "an email with no workbook attached (no attachments)"),
    }
    assert [s.directorate for s in result.used] == ["Resources"]
    assert result.exit_code == 0
    data = result.to_json()["sources"]
    thanks = next(s for s in data if s["file"].endswith("Thanks.eml"))
    assert thanks["status"] == "unused" and thanks["actions"] is None
    assert thanks["message"]["subject"] == "Thanks" and thanks["message"]["attachment"] is None


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_a_return_in_a_forwarded_message_keeps_the_original_sender(
    kind: str, tmp_path: Path
) -> None:
    """A return inside a forwarded message is read; its row names the outer message, the
    forwarded one and the attachment, with the original sender and date."""
    book = workbook(tmp_path, "Resources")
    original = Letter("Resources return", attachments=[("Resources.xlsx", book)])
    forward = Letter("FW: Resources return", sender="Pat Deputy <pat@example.gov.uk>",
                     attachments=[("Resources return.eml", eml_bytes(original))
                                  if kind == "eml" else ("", original)])  # fmt: skip
    path = tmp_path / f"FW Resources.{kind}"
    path.write_bytes(WRITERS[kind](forward))
    result = consolidate([path], tmp_path / "report.xlsx", jobs=0)
    (source,) = result.sources
    assert source.status == "ok" and source.directorate == "Resources"
    assert source.file.startswith(f"{path} › ") and source.file.endswith(" › Resources.xlsx")
    assert "Resources return" in source.file
    assert source.mail.sender == "Jo Officer <jo.officer@example.gov.uk>"
    assert source.path == path


def test_the_same_workbook_attached_and_as_a_file_is_read_once(tmp_path: Path) -> None:
    """A workbook saved out of an email into the folder that also holds the email is read once:
    the attached copy is used (it says who sent it), the file is listed as a copy."""
    data = workbook(tmp_path, "Resources")
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "Resources - 2008-06-30.xlsx").write_bytes(data)
    (folder / "Resources.msg").write_bytes(msg_bytes(Letter("Return", attachments=[
        ("Resources - 2008-06-30.xlsx", data)])))  # fmt: skip
    (folder / "Resources again.eml").write_bytes(eml_bytes(Letter(
        "Return (resent)", sent=dt.datetime(2008, 7, 5, tzinfo=BST),
        attachments=[("Resources - 2008-06-30.xlsx", data)])))  # fmt: skip
    report = tmp_path / "report.xlsx"
    result = consolidate([folder], report, jobs=1)
    used = [s.file for s in result.used]
    assert used == [f"{folder / 'Resources.msg'} › Resources - 2008-06-30.xlsx"]
    copies = {Path(s.file).name: s.note for s in result.sources if s.status == "unused"}
    assert set(copies) == {"Resources - 2008-06-30.xlsx",
                           "Resources again.eml › Resources - 2008-06-30.xlsx"}  # fmt: skip
    assert all(note.startswith(f"a copy of {used[0]}") for note in copies.values())
    assert sum(result.counts.values()) == len(ROWS)
    assert len(sheet(report, "Register")) == len(ROWS)


def test_a_later_message_breaks_a_tie_but_never_beats_a_later_as_of_date(
    tmp_path: Path,
) -> None:
    """Two versions with the same own dates: the one sent later wins (even if saved earlier).
    A return sent later with an older as-of date still loses to a newer return."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    first = workbook(tmp_path, "Housing", Status="Not started")
    second = workbook(tmp_path, "Housing", Status="In progress")
    for name, data, sent, mtime in (
        ("a.eml", second, dt.datetime(2008, 7, 8, tzinfo=BST), 1e9),
        ("b.eml", first, dt.datetime(2008, 7, 2, tzinfo=BST), 2e9),
    ):
        path = folder / name
        path.write_bytes(eml_bytes(Letter("Housing", sent=sent, attachments=[("H.xlsx", data)])))
        os.utime(path, (mtime, mtime))
    old = workbook(tmp_path, "Leisure", as_of=dt.date(2008, 3, 31))
    later = dt.datetime(2008, 9, 2, tzinfo=BST)
    late = Letter("Leisure", sent=later, attachments=[("L.xlsx", old)])
    (folder / "late.eml").write_bytes(eml_bytes(late))
    (folder / "leisure.xlsx").write_bytes(workbook(tmp_path, "Leisure"))
    result = consolidate([folder], tmp_path / "report.xlsx", jobs=0)
    status = {Path(s.file).name: (s.status, s.note) for s in result.sources}
    assert status["a.eml › H.xlsx"] == ("ok", None)
    assert status["b.eml › H.xlsx"][0] == "superseded"
    assert "the same dates, sent later" in status["b.eml › H.xlsx"][1]
    assert status["leisure.xlsx"] == ("ok", None)
    assert status["late.eml › L.xlsx"][0] == "superseded"
    assert "a later as-of date" in status["late.eml › L.xlsx"][1]


HOSTILE = ["zip-bomb", "entity-bomb", "encrypted", "truncated", "far-cell", "html", "legacy-xls"]


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_hostile_attachments_are_error_rows_and_the_rest_is_consolidated(
    kind: str, tmp_path: Path, private_temp: Path
) -> None:
    """Zip and entity bombs, an encrypted workbook and other broken files attached to one
    message are each an error row naming the message and the attachment; the good return in
    the same message is used; the temporary folder is gone afterwards."""
    made = tmp_path / "hostile"
    made.mkdir()
    attachments = [(hostile.CASES[case][0](made).name, None) for case in HOSTILE]
    attachments = [(name, (made / name).read_bytes()) for name, _ in attachments]
    attachments.append(("Resources.xlsx", workbook(tmp_path, "Resources")))
    path = tmp_path / f"Returns.{kind}"
    path.write_bytes(WRITERS[kind](Letter("Returns", attachments=attachments)))
    report = tmp_path / "report.xlsx"
    result = consolidate([path], report, jobs=2)
    assert result.exit_code == 1 and [s.directorate for s in result.used] == ["Resources"]
    errors = {s.mail.attachment: s.error for s in result.errors}
    assert len(errors) == len(HOSTILE)
    for name, error in errors.items():
        assert error.startswith((f"Returns.{kind} › {name}: ", f"Returns.{kind} › {name}, ")), error
        assert "\n" not in error and "m0000" not in error
    assert "password" in errors["protected.xlsx"]
    assert os.listdir(private_temp) == []
    assert sorted(os.listdir(tmp_path)) == sorted(["hostile", "made", "report.xlsx",
                                                   f"Returns.{kind}", "system-temp"])  # fmt: skip


def test_a_macro_enabled_attachment_is_read_without_running_its_macros(
    realworld_dir: Path, tmp_path: Path
) -> None:
    """A macro-enabled workbook saved by Excel (with its VBA project) attached to an email is
    read for its data only: as a return when it holds actions, else an error row."""
    source = realworld_dir / "poi__SimpleMacro.xlsm"
    typed = tmp_path / "typed.xlsm"
    cells = [["Ref", "Action", "Deadline"], ["1", "Review", "Mar 09"]]
    rows = "".join(
        f'<row r="{r}">'
        + "".join(f'<c r="{"ABC"[c]}{r}" t="inlineStr"><is><t>{v}</t></is></c>'
                  for c, v in enumerate(values))
        + "</row>"
        for r, values in enumerate(cells, 1)
    )  # fmt: skip
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(typed, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet2.xml":
                data = data.replace(b"<sheetData/>", f"<sheetData>{rows}</sheetData>".encode())
            dst.writestr(info, data)
    letter = Letter("Macros", attachments=[("Macro tool.xlsm", source.read_bytes()),
                                           ("Leisure.xlsm", typed.read_bytes())])  # fmt: skip
    path = tmp_path / "Macros.msg"
    path.write_bytes(msg_bytes(letter))
    result = consolidate([path], tmp_path / "report.xlsx", jobs=1)
    by_name = {s.mail.attachment: s for s in result.sources}
    assert by_name["Leisure.xlsm"].status == "ok" and by_name["Leisure.xlsm"].actions == 1
    assert by_name["Macro tool.xlsm"].status == "error"
    assert by_name["Macro tool.xlsm"].error.startswith("Macros.msg › Macro tool.xlsm: ")


def test_an_attached_real_excel_workbook_reads_as_the_file_does(
    realworld_dir: Path, tmp_path: Path
) -> None:
    """A workbook saved by Excel gives the same directorate, dates and rows attached to an
    .eml or a .msg as it does as a file."""
    data = (realworld_dir / "poi__SimpleMacro.xlsm").read_bytes()
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "tool.xlsm").write_bytes(data)
    (folder / "Returns.xlsx").write_bytes(workbook(tmp_path, "Resources"))
    file_run = consolidate([folder], tmp_path / "a.xlsx", jobs=0)
    attached = [("tool.xlsm", data), ("Returns.xlsx", (folder / "Returns.xlsx").read_bytes())]
    for kind, write in WRITERS.items():
        path = tmp_path / f"in.{kind}"
        path.write_bytes(write(Letter("Returns", attachments=attached)))
        mail_run = consolidate([path], tmp_path / f"{kind}.xlsx", jobs=0)
        by_name = {s.mail.attachment: s for s in mail_run.sources}
        for by_file in file_run.sources:
            by_mail = by_name[Path(by_file.file).name]
            assert (by_file.status, by_file.directorate, by_file.as_of, by_file.counts) == (
                by_mail.status, by_mail.directorate, by_mail.as_of, by_mail.counts
            )  # fmt: skip
            assert by_file.rows == by_mail.rows
            if by_file.error:
                name = Path(by_file.file).name
                assert by_mail.error == by_file.error.replace(name, f"in.{kind} › {name}", 1)


def test_hostile_emails_are_error_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A damaged .msg, forwarded messages nested too deep and a message over the size limit are
    each an error row saying what to do; the return beside them is used."""
    from workbook_tools import mail

    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "broken.msg").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(3000))
    deep = Letter("Return", attachments=[("R.xlsx", workbook(tmp_path, "Deep"))])
    for _ in range(mail.MAX_NESTING + 2):
        deep = Letter("Fwd", attachments=[("", deep)])
    (folder / "deep.eml").write_bytes(eml_bytes(deep))
    limit = (folder / "deep.eml").stat().st_size + 100
    (folder / "large.eml").write_bytes(eml_bytes(Letter("Big", attachments=[
        ("Big.xlsx", workbook(tmp_path, "Big") + b"\0" * limit)])))  # fmt: skip
    (folder / "resources.xlsx").write_bytes(workbook(tmp_path, "Resources"))
    monkeypatch.setattr(mail, "MAX_MESSAGE_BYTES", limit)
    result = consolidate([folder], tmp_path / "report.xlsx", jobs=0)
    errors = {Path(s.file).name.split(" › ")[0]: s.error for s in result.errors}
    assert set(errors) == {"broken.msg", "deep.eml", "large.eml"}
    assert "save it again from Outlook" in errors["broken.msg"]
    assert "nested more than" in errors["deep.eml"]
    assert "over the limit" in errors["large.eml"]
    assert [s.directorate for s in result.used] == ["Resources"]


def test_an_mbox_export_is_consolidated(tmp_path: Path) -> None:
    """Each message of an .mbox export is opened: its returns are used and named by message."""
    box = tmp_path / "Returns.mbox"
    box.write_bytes(mbox_bytes([
        Letter("Resources", attachments=[("Resources.xlsx", workbook(tmp_path, "Resources"))]),
        Letter("Out of office"),
        Letter("Housing", attachments=[("Housing.xlsx", workbook(tmp_path, "Housing"))]),
    ]))  # fmt: skip
    result = consolidate([box], tmp_path / "report.xlsx", jobs=1)
    rows = [(s.file.removeprefix(f"{box} › "), s.status) for s in result.sources]
    assert rows == [("message 1 › Resources.xlsx", "ok"), ("message 2", "unused"),
                    ("message 3 › Housing.xlsx", "ok")]  # fmt: skip


def test_the_temporary_folder_is_removed_after_an_error_and_after_ctrl_c(
    tmp_path: Path, private_temp: Path
) -> None:
    """Whether the run stops with nothing to do or is interrupted (Ctrl-C) while reading, the
    attachments' temporary folder is gone and nothing else was written."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "Thanks.eml").write_bytes(eml_bytes(Letter("Thanks")))
    with pytest.raises(UsageError, match="no returns found"):
        consolidate([folder], tmp_path / "report.xlsx", jobs=1)
    assert os.listdir(private_temp) == []
    (folder / "Resources.msg").write_bytes(msg_bytes(Letter("R", attachments=[
        ("Resources.xlsx", workbook(tmp_path, "Resources"))])))  # fmt: skip

    def interrupt(done: int, total: int, file: str) -> None:
        if "Resources.xlsx" in file:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        consolidate([folder], tmp_path / "report.xlsx", jobs=1, progress=interrupt)
    assert os.listdir(private_temp) == []
    assert not (tmp_path / "report.xlsx").exists()


def test_a_prepared_return_newer_than_the_folders_is_used(tmp_path: Path) -> None:
    """The sample returns and a newer Resources return prepared as an .eml draft: the emailed
    return is used and the sample one superseded; nothing is skipped."""
    from workbook_tools.demo import sample_returns
    from workbook_tools.returns import prepare_return

    folder = Path(shutil.copytree(sample_returns(), tmp_path / "returns"))
    plan = tmp_path / "plan.xlsx"
    make_plan(plan, ROWS, directorate="Resources", as_of=dt.date(2008, 9, 30))
    prepared = prepare_return(plan, outbox=tmp_path / "Outbox", today=dt.date(2008, 10, 1))
    shutil.copy(prepared.eml, folder)
    result = consolidate([folder], tmp_path / "report.xlsx", jobs=1)
    resources = [s for s in result.sources if s.directorate == "Resources"]
    assert {s.status for s in resources} == {"ok", "superseded"}
    used = next(s for s in resources if s.status == "ok")
    assert used.file == f"{folder / prepared.eml.name} › {prepared.copy.name}"
    assert used.actions == len(ROWS) and used.as_of == dt.date(2008, 9, 30)
    assert result.exit_code == 0


def test_cli_json_names_the_message_and_keeps_the_shape(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """consolidate --json on an email gives CLI.md's keys, plus note and message for each
    source; exit 0 with every return read."""
    path = tmp_path / "Resources.eml"
    path.write_bytes(eml_bytes(Letter("Resources return", attachments=[
        ("Resources.xlsx", workbook(tmp_path, "Resources"))])))  # fmt: skip
    argv = ["consolidate", str(path), "-o", str(tmp_path / "r.xlsx"), "--json", "--jobs", "1"]
    code = cli.main(argv)
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and list(data) == ["as_of", "output", "sources", "counts", "by_directorate"]
    (source,) = data["sources"]
    assert source["file"] == f"{path} › Resources.xlsx" and source["status"] == "ok"
    assert source["message"] == {
        "file": str(path), "within": [], "attachment": "Resources.xlsx",
        "from": "Jo Officer <jo.officer@example.gov.uk>", "subject": "Resources return",
        "date": "2008-07-03T09:15:00+01:00",
    }  # fmt: skip


def test_demo_includes_returns_sent_as_eml_and_msg(tmp_path: Path) -> None:
    """The demo's six directorates include two whose returns arrived as emails, one .eml and
    one .msg, each named by message and attachment."""
    from workbook_tools.demo import run_demo

    result = run_demo(tmp_path, jobs=1)
    mailed = [s for s in result.used if s.mail is not None]
    assert sorted(Path(s.mail.message).suffix for s in mailed) == [".eml", ".msg"]
    assert all(s.mail.sender and s.mail.sent and " › " in s.file for s in mailed)
    assert len(result.used) == 6 and result.exit_code == 0
    assert not [s for s in result.sources if s.status == "unused"]
