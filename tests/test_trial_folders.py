"""Consolidate on folders of returns as a corporate team receives them: older versions, copies,
files that are not returns and returns whose Settings were changed by the sender."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from consolidate_returns import GREEN_ROWS, RED_ROWS, D, legacy_return, template_return
from mail_files import Letter, eml_bytes

from workbook_tools.errors import UsageError
from workbook_tools.usecases.consolidate import consolidate


def _summary_facts(report: Path) -> dict[str, object]:
    ws = openpyxl.load_workbook(report, read_only=True)["Summary"]
    return {row[0]: row[1] for row in ws.iter_rows(max_row=12, values_only=True) if row[0]}


def test_summary_counts_only_older_versions_as_superseded(tmp_path: Path) -> None:
    """Files that are not returns (a PDF, a copy, a zip) are not counted as superseded returns."""
    folder = tmp_path / "Q1 returns"
    folder.mkdir()
    template_return(folder / "Resources Q1.xlsx", "Resources", GREEN_ROWS)
    template_return(folder / "Resources Q4.xlsx", "Resources", RED_ROWS, as_of=D(2008, 3, 31))
    template_return(folder / "Housing Q1 FINAL.xlsx", "Housing", RED_ROWS)
    first = (folder / "Housing Q1 FINAL.xlsx").read_bytes()
    (folder / "Housing Q1 FINAL (2).xlsx").write_bytes(first)
    (folder / "cover note.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (folder / "returns.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    report = tmp_path / "report.xlsx"
    result = consolidate([folder], report, jobs=1, today=D(2008, 7, 15))
    assert [s.status for s in result.sources].count("superseded") == 1
    facts = _summary_facts(report)
    assert facts["Returns used"] == 2
    assert facts["Superseded (older versions)"] == 1
    assert facts["Could not be read (see Sources)"] == 0
    assert facts["Other files not used (see Sources)"] == 3
    assert isinstance(facts["As of"], dt.datetime)


def _checks(report: Path) -> list[tuple]:
    ws = openpyxl.load_workbook(report, read_only=True)["Checks"]
    return [row for row in ws.iter_rows(min_row=2, values_only=True) if row[0]]


def test_a_directorates_only_return_from_an_earlier_quarter_is_flagged(tmp_path: Path) -> None:
    """A directorate that sent only last quarter's return is counted, but the Checks sheet,
    the Sources reason and the command's summary say its return is older than the report."""
    folder = tmp_path / "Q1 returns"
    folder.mkdir()
    template_return(folder / "Resources Q1.xlsx", "Resources", GREEN_ROWS)
    template_return(folder / "Housing Q4.xlsx", "Housing", GREEN_ROWS, as_of=D(2008, 3, 31))
    report = tmp_path / "report.xlsx"
    result = consolidate([folder], report, jobs=1, today=D(2008, 7, 15))
    assert result.exit_code == 0 and result.as_of == D(2008, 6, 30)
    housing = next(s for s in result.sources if s.directorate == "Housing")
    assert housing.status == "ok" and housing.actions == 3
    assert housing.note and "31 Mar 2008" in housing.note and "30 Jun 2008" in housing.note
    resources = next(s for s in result.sources if s.directorate == "Resources")
    assert resources.note is None
    flagged = [row for row in _checks(report) if "31 Mar 2008" in str(row[-1])]
    assert [row[1] for row in flagged] == ["Housing"] and flagged[0][2] == "warning"
    assert "Housing Q4.xlsx" in result.summary_text().split("Direction")[0].split("Grey")[-1]


def test_a_return_without_an_as_of_date_says_what_date_it_was_rated_at(tmp_path: Path) -> None:
    """A return whose as-of date was cleared is rated at today (WORKBOOK.md); the corporate team
    is told so when that is not the report's as-of date."""
    folder = tmp_path / "Q1 returns"
    folder.mkdir()
    template_return(folder / "Resources Q1.xlsx", "Resources", GREEN_ROWS)
    template_return(folder / "Housing Q1.xlsx", "Housing", GREEN_ROWS, as_of=None)
    report = tmp_path / "report.xlsx"
    result = consolidate([folder], report, jobs=1, today=D(2008, 7, 15))
    housing = next(s for s in result.sources if s.directorate == "Housing")
    assert housing.status == "ok" and housing.as_of is None
    assert housing.note and "15 Jul 2008" in housing.note and "no as-of date" in housing.note
    assert any("no as-of date" in str(row[-1]) for row in _checks(report))
    again = consolidate([folder], report, jobs=1, today=D(2008, 7, 15), as_of=D(2008, 6, 30))
    assert all(s.note is None for s in again.sources)


def test_returns_naming_no_directorate_are_flagged_not_silently_merged(tmp_path: Path) -> None:
    """Two directorates' returns with a blank Directorate setting and the same file name in
    their own subfolders: each is flagged on Checks, and the one superseded by the other says
    that only their file names made them one directorate's return."""
    folder = tmp_path / "Q1 returns"
    for sub, rows in (("Adults", GREEN_ROWS), ("Children", RED_ROWS)):
        (folder / sub).mkdir(parents=True)
        template_return(folder / sub / "Q1 return.xlsx", None, rows, mtime=1e9 + len(sub))
    report = tmp_path / "report.xlsx"
    result = consolidate([folder], report, jobs=1, today=D(2008, 7, 15))
    older = next(s for s in result.sources if s.status == "superseded")
    assert "Adults" in older.file
    assert older.note and "no directorate" in older.note and "Directorate setting" in older.note
    flagged = [row for row in _checks(report) if "no directorate" in str(row[-1])]
    assert [row[3] for row in flagged] == ["Settings"] and "Children" in flagged[0][0]


def test_a_return_naming_its_directorate_is_not_flagged(tmp_path: Path) -> None:
    """A return whose Directorate setting is filled in, even with its file name, has no
    warning about its directorate."""
    folder = tmp_path / "Q1 returns"
    folder.mkdir()
    template_return(folder / "Resources.xlsx", "Resources", GREEN_ROWS)
    report = tmp_path / "report.xlsx"
    consolidate([folder], report, jobs=1, today=D(2008, 7, 15))
    assert not [row for row in _checks(report) if "directorate" in str(row[-1]).lower()]


def test_a_csv_export_and_a_shortcut_say_what_to_do(tmp_path: Path) -> None:
    """A return exported as CSV and a Windows shortcut to a return are listed as not used, each
    with what to do rather than only "not a workbook"."""
    folder = tmp_path / "Q1 returns"
    folder.mkdir()
    template_return(folder / "Resources Q1.xlsx", "Resources", GREEN_ROWS)
    (folder / "Housing Q1.csv").write_text("Ref,Action,Deadline\n1.1,Publish,31/12/2008\n")
    (folder / "Shortcut to Children Q1.lnk").write_bytes(b"L\x00\x00\x00\x01\x14\x02\x00")
    result = consolidate([folder], tmp_path / "report.xlsx", jobs=1, today=D(2008, 7, 15))
    notes = {Path(s.file).suffix: s.note for s in result.sources if s.status == "unused"}
    assert "workbook-tools import" in notes[".csv"] and ".xlsx" in notes[".csv"]
    assert "shortcut" in notes[".lnk"] and "copy the workbook" in notes[".lnk"]
    assert result.exit_code == 0


def test_no_returns_found_names_every_workbook_format_read(tmp_path: Path) -> None:
    """A folder with no returns says which formats consolidate reads, .xls and .ods included."""
    folder = tmp_path / "Q1 returns"
    folder.mkdir()
    (folder / "cover note.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    with pytest.raises(UsageError) as raised:
        consolidate([folder], tmp_path / "report.xlsx", jobs=1, today=D(2008, 7, 15))
    for suffix in (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".eml", ".msg", ".mbox"):
        assert suffix + "," in str(raised.value) or suffix + ")" in str(raised.value)


def test_as_of_later_than_every_return_flags_only_the_older_quarter(tmp_path: Path) -> None:
    """With --as-of later than every return, only a return older than the others is flagged,
    not every return made up to the quarter's date."""
    folder = tmp_path / "Q1 returns"
    folder.mkdir()
    template_return(folder / "Resources Q1.xlsx", "Resources", GREEN_ROWS)
    template_return(folder / "Adults Q1.xlsx", "Adults", GREEN_ROWS)
    template_return(folder / "Housing Q4.xlsx", "Housing", GREEN_ROWS, as_of=D(2008, 3, 31))
    report = tmp_path / "report.xlsx"
    result = consolidate([folder], report, jobs=1, today=D(2008, 7, 15), as_of=D(2008, 7, 31))
    noted = {s.directorate: s.note for s in result.sources if s.note}
    assert list(noted) == ["Housing"] and "30 Jun 2008" in noted["Housing"]


def test_the_command_summary_names_a_directorate_that_sent_no_return(tmp_path: Path) -> None:
    """Against a previous report, a directorate that sent a return last time but not this time
    is named in the command's summary, as on the Summary sheet, not only folded into the total."""
    last, now = tmp_path / "Q4 returns", tmp_path / "Q1 returns"
    last.mkdir(), now.mkdir()
    template_return(last / "Resources.xlsx", "Resources", RED_ROWS, as_of=D(2008, 3, 31))
    template_return(last / "Housing.xlsx", "Housing", RED_ROWS, as_of=D(2008, 3, 31))
    template_return(now / "Resources.xlsx", "Resources", RED_ROWS)
    previous = tmp_path / "Q4 report.xlsx"
    consolidate([last], previous, jobs=1, today=D(2008, 4, 15))
    result = consolidate([now], tmp_path / "Q1 report.xlsx", previous=previous, jobs=1)
    lines = result.summary_text().splitlines()
    assert any("Housing" in line and "no return" in line for line in lines)


def test_an_emailed_return_naming_no_directorate_is_named_by_its_attachment(
    tmp_path: Path,
) -> None:
    """A legacy return and a template return with a blank Directorate, each attached to a saved
    email, are listed under the attachment's name, never under the run's temporary file name."""
    made = tmp_path / "made"
    made.mkdir()
    legacy = legacy_return(made / "Community Services Q1.xlsx", GREEN_ROWS)
    blank = template_return(made / "Adults Q1 FINAL.xlsx", None, RED_ROWS)
    folder = tmp_path / "Q1 returns"
    folder.mkdir()
    for path in (legacy, blank):
        letter = Letter(f"{path.stem} return", attachments=[(path.name, path.read_bytes())])
        (folder / f"{path.stem}.eml").write_bytes(eml_bytes(letter))
    report = tmp_path / "report.xlsx"
    result = consolidate([folder], report, jobs=1, today=D(2008, 7, 15))
    assert set(result.by_directorate) == {"Community Services Q1", "Adults Q1 FINAL"}
    assert "'Adults Q1 FINAL'" in "".join(str(row[-1]) for row in _checks(report))
    assert "Adults Q1 FINAL:" in result.summary_text()


def test_checks_of_an_emailed_return_name_the_attachment_not_the_temporary_copy(
    tmp_path: Path,
) -> None:
    """A warning about a sheet cut short in a return attached to an email names the message and
    the attachment, as its errors do, not the run's temporary copy."""
    made = tmp_path / "made"
    made.mkdir()
    path = legacy_return(made / "Community Q1.xlsx", GREEN_ROWS)
    wb = openpyxl.load_workbook(path)
    wb.active.cell(2, 1500).value = "x"  # beyond the columns read
    wb.save(path)
    folder = tmp_path / "Q1 returns"
    folder.mkdir()
    letter = Letter("Q1 return", attachments=[(path.name, path.read_bytes())])
    (folder / "Community.eml").write_bytes(eml_bytes(letter))
    report = tmp_path / "report.xlsx"
    consolidate([folder], report, jobs=1, today=D(2008, 7, 15))
    messages = [str(row[-1]) for row in _checks(report)]
    cut = [m for m in messages if "were read" in m]
    assert cut and cut[0].startswith("Community.eml › Community Q1.xlsx, sheet Plan")
    assert not any("m0000" in m for m in messages)


def test_a_directorate_typed_with_a_curly_apostrophe_is_the_same_directorate(
    tmp_path: Path,
) -> None:
    """Last quarter's "Adults' Social Care" and this quarter's "Adults’ Social Care" (Excel's
    autocorrect), or an en dash for a hyphen, are one directorate: the older is superseded."""
    folder = tmp_path / "returns"
    folder.mkdir()
    template_return(folder / "ASC Q4.xlsx", "Adults' Social Care", RED_ROWS, as_of=D(2008, 3, 31))
    template_return(folder / "ASC Q1.xlsx", "Adults\u2019 Social Care", GREEN_ROWS)
    template_return(folder / "Place Q4.xlsx", "Place - Housing", RED_ROWS, as_of=D(2008, 3, 31))
    template_return(folder / "Place Q1.xlsx", "Place \u2013 Housing", GREEN_ROWS)
    result = consolidate([folder], tmp_path / "report.xlsx", jobs=1, today=D(2008, 7, 15))
    status = {Path(s.file).name: s.status for s in result.sources}
    assert status == {"ASC Q4.xlsx": "superseded", "ASC Q1.xlsx": "ok",
                      "Place Q4.xlsx": "superseded", "Place Q1.xlsx": "ok"}  # fmt: skip
    assert set(result.by_directorate) == {"Adults\u2019 Social Care", "Place \u2013 Housing"}


OTHER_ROWS = [
    ("5.1", "Safer streets", "Install new street lighting", "Di Fox", D(2008, 12, 31),
     "In progress", None, "On site", D(2008, 6, 20)),
    ("5.2", "Safer streets", "Recruit two wardens", "Di Fox", D(2009, 3, 31),
     "In progress", None, "Advertised", D(2008, 6, 20)),
]  # fmt: skip


def test_two_parts_of_a_directorates_return_are_told_apart_from_versions(tmp_path: Path) -> None:
    """A directorate that sends its return as two files (same directorate and dates, different
    actions): the superseded part's reason says its actions differ, so the team can ask for
    them in one workbook; an earlier version with the same actions has no such remark."""
    folder = tmp_path / "returns"
    folder.mkdir()
    template_return(folder / "Place part 1.xlsx", "Place", GREEN_ROWS[:2], mtime=1e9)
    template_return(folder / "Place part 2.xlsx", "Place", OTHER_ROWS, mtime=1e9 + 60)
    template_return(folder / "Resources.xlsx", "Resources", GREEN_ROWS, mtime=1e9)
    template_return(folder / "Resources v2.xlsx", "Resources", RED_ROWS[:2], mtime=1e9 + 60)
    result = consolidate([folder], tmp_path / "report.xlsx", jobs=1, today=D(2008, 7, 15))
    notes = {s.directorate: s.note or "" for s in result.sources if s.status == "superseded"}
    assert set(notes) == {"Place", "Resources"}
    assert "actions differ" in notes["Place"] and "(0 of 2 in common)" in notes["Place"]
    assert "differ" not in notes["Resources"]
