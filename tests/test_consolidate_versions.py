"""Which version of each directorate's return counts: the latest by its own dates, older ones
ranked from their Settings or heading lines without reading their actions (the quick look)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from consolidate_returns import (
    AS_OF,
    GREEN_ROWS,
    RED_ROWS,
    D,
    damage_sheet,
    headed_legacy_return,
    legacy_return,
    register_rows,
    sources_by_file,
    template_return,
)

from workbook_tools.core import layout
from workbook_tools.usecases.consolidate import consolidate


def test_older_versions_are_superseded_without_reading_their_actions(tmp_path: Path) -> None:
    """Versions with an earlier as-of date than their directorate's latest are superseded from
    their Settings alone: their actions are not read, so their counts are unknown (null in
    JSON, blank in the Sources sheet)."""
    folder = tmp_path / "returns"
    folder.mkdir()
    template_return(folder / "housing-q1.xlsx", "Housing", GREEN_ROWS, D(2008, 3, 31))
    template_return(folder / "housing-q2.xlsx", "Housing", GREEN_ROWS, D(2008, 4, 30))
    template_return(folder / "housing-q3.xlsx", "Housing", RED_ROWS, AS_OF)
    result = consolidate([folder], tmp_path / "r.xlsx", jobs=1)
    by_file = sources_by_file(result)
    assert [by_file[f"housing-q{n}.xlsx"].status for n in (1, 2, 3)] == [
        "superseded", "superseded", "ok",
    ]  # fmt: skip
    older = by_file["housing-q2.xlsx"]
    assert older.as_of == D(2008, 4, 30) and older.directorate == "Housing"
    assert "housing-q3.xlsx" in older.note and "later as-of date" in older.note
    shown = {Path(s["file"]).name: s for s in result.to_json()["sources"]}
    assert shown["housing-q1.xlsx"]["actions"] is None
    assert shown["housing-q1.xlsx"]["counts"] is None
    assert shown["housing-q3.xlsx"]["actions"] == len(RED_ROWS)
    assert result.exit_code == 0
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx", read_only=True)["Sources"]
    head, *body = sheet.iter_rows(values_only=True)
    rows = {Path(r[0]).name: dict(zip(head, r, strict=True)) for r in body if r[0]}
    assert rows["housing-q1.xlsx"]["Actions"] is None
    assert rows["housing-q3.xlsx"]["Actions"] == len(RED_ROWS)

def test_when_the_latest_version_cannot_be_read_the_next_one_is_used(tmp_path: Path) -> None:
    """A latest version whose Actions sheet is damaged is an error row (exit code 1) and the
    directorate's next latest version is read and counted instead."""
    folder = tmp_path / "returns"
    folder.mkdir()
    template_return(folder / "housing-q1.xlsx", "Housing", GREEN_ROWS, D(2008, 3, 31))
    template_return(folder / "housing-q2.xlsx", "Housing", RED_ROWS, D(2008, 4, 30))
    damage_sheet(
        template_return(folder / "housing-q3.xlsx", "Housing", RED_ROWS, AS_OF), layout.ACTIONS
    )
    result = consolidate([folder], tmp_path / "r.xlsx", jobs=2)
    by_file = sources_by_file(result)
    assert by_file["housing-q3.xlsx"].status == "error"
    assert by_file["housing-q3.xlsx"].error.startswith("housing-q3.xlsx")
    assert by_file["housing-q2.xlsx"].status == "ok"
    assert by_file["housing-q1.xlsx"].status == "superseded"
    assert by_file["housing-q1.xlsx"].actions is None
    assert sum(result.counts.values()) == len(RED_ROWS) and result.exit_code == 1

def test_a_legacy_return_newer_than_the_template_versions_wins(tmp_path: Path) -> None:
    """A return without Settings or a directorate line is read in full at the first look: a
    legacy return whose Updated to date is later than every template version of its directorate
    is the one counted, and the template versions are ranked from their Settings alone."""
    folder = tmp_path / "returns"
    folder.mkdir()
    for n, day in enumerate((D(2008, 3, 31), D(2008, 6, 30)), 1):
        template_return(folder / f"cs-q{n}.xlsx", "Community Services", GREEN_ROWS, day)
    legacy_return(folder / "Community Services.xlsx", RED_ROWS[:2], "Updated to 31 07 08")
    result = consolidate([folder], tmp_path / "r.xlsx", jobs=1)
    by_file = sources_by_file(result)
    assert by_file["Community Services.xlsx"].status == "ok"
    assert by_file["Community Services.xlsx"].as_of == D(2008, 7, 31)
    assert by_file["cs-q2.xlsx"].status == by_file["cs-q1.xlsx"].status == "superseded"
    assert by_file["cs-q1.xlsx"].actions is None  # ranked from its Settings alone
    assert by_file["cs-q2.xlsx"].actions is None  # older than the legacy return already read

def test_legacy_versions_are_placed_by_their_heading_lines(tmp_path: Path) -> None:
    """Legacy returns with Directorate and Updated to lines are placed by their first look: the
    latest is counted, the older versions are superseded without their actions being read."""
    folder = tmp_path / "returns"
    folder.mkdir()
    for day in ("31 12 07", "31 03 08", "30 06 08"):
        headed_legacy_return(folder / f"housing {day[-2:]}{day[3:5]}.xlsx", "Housing",
                             f"Updated to {day}", GREEN_ROWS)  # fmt: skip
    result = consolidate([folder], tmp_path / "r.xlsx", jobs=1)
    by_file = sources_by_file(result)
    latest = by_file["housing 0806.xlsx"]
    assert (latest.status, latest.directorate, latest.as_of) == ("ok", "Housing", AS_OF)
    assert latest.actions == len(GREEN_ROWS)
    for name, day in (
        ("housing 0712.xlsx", D(2007, 12, 31)),
        ("housing 0803.xlsx", D(2008, 3, 31)),
    ):
        older = by_file[name]
        assert (older.status, older.directorate, older.as_of) == ("superseded", "Housing", day)
        assert older.actions is None  # placed by its heading lines, never read in full

def test_first_look_at_a_legacy_return_agrees_with_the_full_read(tmp_path: Path) -> None:
    """Placing a legacy return by its heading gives the full read's directorate and as-of date,
    and a return whose first Updated to line lies below the rows looked at is read in full."""
    from workbook_tools.usecases.consolidate.jobs import (
        Peek,
        ReadJob,
        ReturnRead,
        look_at_return,
        read_return,
    )

    headed = headed_legacy_return(tmp_path / "h.xlsx", "Housing", "Updated to 30/06/2008",
                                  GREEN_ROWS)  # fmt: skip
    look, full = look_at_return(ReadJob(str(headed))), read_return(ReadJob(str(headed)))
    assert isinstance(look, Peek) and isinstance(full, ReturnRead)
    assert (look.directorate, look.own_as_of) == (full.directorate, full.own_as_of)
    # An earlier sheet's table carries its own Updated to line far down: that one counts.
    late = headed_legacy_return(tmp_path / "late.xlsx", "Housing", "Updated to 30 06 08", RED_ROWS)
    wb = openpyxl.load_workbook(late)
    first = wb.create_sheet("Earlier", 0)
    first.append(["Ref", "Key actions", "Strategic lead", "Completion date", "Status"])
    for n in range(60):
        first.append([f"9.{n + 1}", f"Action {n + 1}", "Ann Lee", D(2008, 12, 31), "In progress"])
    first.append(["Updated to 31 03 08"])
    first.append(["9.99", "Last action", "Ann Lee", D(2008, 12, 31), "In progress"])
    wb.save(late)
    look, full = look_at_return(ReadJob(str(late))), read_return(ReadJob(str(late)))
    assert isinstance(look, ReturnRead) and look.own_as_of == full.own_as_of == D(2008, 3, 31)
    for path in sorted((Path(__file__).resolve().parents[1] / "samples" / "legacy").glob("*.xlsx")):
        look, full = look_at_return(ReadJob(str(path))), read_return(ReadJob(str(path)))
        assert (look.directorate, look.own_as_of) == (full.directorate, full.own_as_of), path.name

@pytest.mark.parametrize(
    "line",
    ["Updated to 30 06 08", "  UPDATED TO: 30 06 08", "<b>Updated to 30 06 08</b>",
     "&nbsp;Updated to 30 06 08", "**Updated to 30 06 08**", "## Updated to 30 06 08"],
)  # fmt: skip
def test_updated_to_lines_as_pasted_place_a_legacy_return(tmp_path: Path, line: str) -> None:
    """An Updated to line pasted with HTML, an entity, Markdown or capitals places the return
    by its first look just as the full read dates it."""
    from workbook_tools.usecases.consolidate.jobs import Peek, ReadJob, look_at_return, read_return

    path = headed_legacy_return(tmp_path / "h.xlsx", "Housing", line, GREEN_ROWS)
    look, full = look_at_return(ReadJob(str(path))), read_return(ReadJob(str(path)))
    assert full.own_as_of == AS_OF
    assert isinstance(look, Peek) and (look.directorate, look.own_as_of) == ("Housing", AS_OF)


def test_a_dtd_the_quick_look_does_not_search_for_still_refuses_the_return(
    tmp_path: Path,
) -> None:
    """The quick look leaves out the search for DTDs (its parsers refuse them), but the full
    read of the latest return runs every check: a DTD in its styles makes it an error row."""
    path = template_return(tmp_path / "housing.xlsx", "Housing", GREEN_ROWS)
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    styles = parts["xl/styles.xml"].decode()
    head, body = styles.split("?>", 1) if styles.startswith("<?xml") else ("", styles)
    prolog = head + "?>" if head else ""
    parts["xl/styles.xml"] = (prolog + '<!DOCTYPE x [<!ENTITY a "lol">]>' + body).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    result = consolidate([path], tmp_path / "r.xlsx", jobs=0)
    (source,) = result.sources
    assert source.status == "error" and "housing.xlsx" in source.error
    assert result.exit_code == 1

def test_a_legacy_return_read_on_from_the_first_look_gets_every_check(tmp_path: Path) -> None:
    """A return without Settings is read in full from the package its first look opened: with
    a DTD in its styles it is refused as the full read refuses it; without, it reads the same."""
    from workbook_tools.usecases.consolidate.jobs import (
        ReadJob,
        ReturnRead,
        look_at_return,
        read_return,
    )

    plain = legacy_return(tmp_path / "plain.xlsx", RED_ROWS, updated_to="Progress report")
    look, full = look_at_return(ReadJob(str(plain))), read_return(ReadJob(str(plain)))
    assert isinstance(look, ReturnRead) and look.error is None and look.rows
    assert (look.rows, look.checks, look.directorate) == (full.rows, full.checks, full.directorate)
    bad = legacy_return(tmp_path / "bad.xlsx", RED_ROWS, updated_to="Progress report")
    with zipfile.ZipFile(bad) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    styles = parts["xl/styles.xml"].decode()
    head, body = styles.split("?>", 1) if styles.startswith("<?xml") else ("", styles)
    parts["xl/styles.xml"] = ((head + "?>" if head else "") + '<!DOCTYPE x [<!ENTITY a "lol">]>'
                              + body).encode()  # fmt: skip
    with zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    look, full = look_at_return(ReadJob(str(bad))), read_return(ReadJob(str(bad)))
    assert isinstance(look, ReturnRead) and look.error is not None and not look.rows
    assert look.error == full.error


def test_quick_look_agrees_with_the_full_read_on_every_sample_return() -> None:
    """For every bundled sample return, the Settings-only look gives the same directorate and
    own as-of date as reading the whole return."""
    from workbook_tools.usecases.consolidate.jobs import ReadJob, peek_return, read_return

    samples = Path(__file__).resolve().parents[1] / "samples" / "returns"
    files = sorted(samples.glob("*.xlsx"))
    assert files
    for path in files:
        peek, full = peek_return(str(path)), read_return(ReadJob(str(path)))
        assert full.error is None, full.error
        assert peek is not None, path.name
        assert (peek.directorate, peek.own_as_of) == (full.directorate, full.own_as_of)

def test_newer_as_of_date_supersedes_older_return(tmp_path: Path) -> None:
    """Of two returns of one directorate, the later own as-of date wins (not mtime, not
    --as-of); the older is listed as superseded and its actions are not counted."""
    old = template_return(tmp_path / "b-old.xlsx", "Housing", GREEN_ROWS, D(2008, 3, 31), 2e9)
    new = template_return(tmp_path / "a-new.xlsx", "housing ", RED_ROWS, AS_OF, 1e9)
    result = consolidate([old, new], tmp_path / "r.xlsx", as_of=D(2008, 1, 1), jobs=1)
    status = {Path(s.file).name: s.status for s in result.sources}
    assert status == {"b-old.xlsx": "superseded", "a-new.xlsx": "ok"}
    assert list(result.by_directorate) == ["housing"]
    assert sum(result.counts.values()) == len(RED_ROWS)
    superseded = sources_by_file(result)["b-old.xlsx"]
    assert "a-new.xlsx" in superseded.note and "later as-of date" in superseded.note
    assert superseded.error is None and result.exit_code == 0
    assert result.as_of == D(2008, 1, 1)
    assert {row["Source file"] for row in register_rows(tmp_path / "r.xlsx")} == {str(new)}

def test_same_as_of_date_then_date_provided_decides(tmp_path: Path) -> None:
    """With equal as-of dates, the return whose Date provided entries are later wins, even
    when it was saved earlier."""
    later = [(*row[:8], D(2008, 6, 29)) for row in RED_ROWS]
    winner = template_return(tmp_path / "w.xlsx", "Housing", later, AS_OF, mtime=1e9)
    loser = template_return(tmp_path / "l.xlsx", "Housing", GREEN_ROWS, AS_OF, mtime=2e9)
    result = consolidate([winner, loser], tmp_path / "r.xlsx", jobs=1)
    by_file = sources_by_file(result)
    assert by_file["w.xlsx"].status == "ok"
    assert by_file["w.xlsx"].latest_provided == D(2008, 6, 29)
    assert by_file["l.xlsx"].status == "superseded"
    assert "Date provided" in by_file["l.xlsx"].note

def test_same_dates_then_modification_time_decides(tmp_path: Path) -> None:
    """With equal as-of and Date provided dates, the file saved later wins."""
    first = template_return(tmp_path / "z-first.xlsx", "Housing", GREEN_ROWS, AS_OF, mtime=1e9)
    second = template_return(tmp_path / "a-second.xlsx", "Housing", RED_ROWS, AS_OF, mtime=2e9)
    result = consolidate([tmp_path], tmp_path / "r.xlsx", jobs=1)
    by_file = sources_by_file(result)
    assert by_file[second.name].status == "ok"
    assert by_file[first.name].status == "superseded"
    assert "saved later" in by_file[first.name].note
