"""Consolidate from start to end: returns found and consolidated, bad files listed, the
direction of travel against the previous report, the output checked, the --json contract."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import openpyxl
import pytest
from consolidate_returns import (
    AS_OF,
    GREEN_ROWS,
    RED_ROWS,
    D,
    legacy_return,
    make_returns,
    sources_by_file,
    template_return,
    umask,
)

from workbook_tools.core import layout
from workbook_tools.core.layout import WHOLE_ORGANISATION
from workbook_tools.errors import UsageError
from workbook_tools.usecases.consolidate import consolidate, find_returns
from workbook_tools.usecases.consolidate.result import RAG_WORDS


@pytest.fixture
def returns(tmp_path: Path) -> Path:
    """A folder with two template returns (Resources, Housing) and one legacy return."""
    return make_returns(tmp_path / "returns")


def test_template_and_legacy_returns_are_consolidated(returns: Path, tmp_path: Path) -> None:
    """Template and legacy returns are read side by side; the legacy one is named by its file."""
    report = tmp_path / "report.xlsx"
    result = consolidate([returns], report, jobs=1, today=D(2008, 7, 15))
    assert result.exit_code == 0
    assert {s.directorate for s in result.sources} == {
        "Resources",
        "Housing",
        "Community Services",
    }
    assert all(s.status == "ok" for s in result.sources)
    legacy = sources_by_file(result)["Community Services.xlsx"]
    assert legacy.as_of == AS_OF and legacy.actions == 2
    assert result.by_directorate["Housing"]["Red"] == 3  # 2 overdue, 1 optimistic Green
    assert result.counts == {
        word: sum(d[word] for d in result.by_directorate.values()) for word in RAG_WORDS
    }
    assert result.as_of == AS_OF
    names = openpyxl.load_workbook(report, read_only=True).sheetnames
    assert names == ["Summary", "Register", "Exceptions", "Checks", "Sources"]

def test_bad_files_are_listed_and_the_rest_consolidated(returns: Path, tmp_path: Path) -> None:
    """A truncated workbook and a text file named .xlsx become error rows with a one-sentence
    reason; the good returns are consolidated and the exit code is 1."""
    good = (returns / "resources.xlsx").read_bytes()
    (returns / "truncated.xlsx").write_bytes(good[: len(good) // 2])
    (returns / "notes.xlsx").write_text("These are my notes, not a workbook.\n")
    report = tmp_path / "report.xlsx"
    result = consolidate([returns], report, jobs=2)
    assert result.exit_code == 1
    by_file = sources_by_file(result)
    for name in ("truncated.xlsx", "notes.xlsx"):
        source = by_file[name]
        assert source.status == "error" and source.actions == 0
        assert source.error and "\n" not in source.error and len(source.error) < 300
        assert source.error.startswith(name + ": ") and "Traceback" not in source.error
    assert {s.directorate for s in result.used} == {"Resources", "Housing", "Community Services"}
    wb = openpyxl.load_workbook(report, read_only=True)
    listed = {Path(r[0]).name: r for r in wb["Sources"].iter_rows(min_row=2, values_only=True)}
    assert (
        listed["notes.xlsx"][-2] == "error"
        and listed["notes.xlsx"][-1] == by_file["notes.xlsx"].error
    )
    assert "Could not be read (see Sources)" in json.dumps(
        [c.value for row in wb["Summary"].iter_rows() for c in row if c.value], default=str
    )

def test_previous_report_gives_direction_of_travel(tmp_path: Path) -> None:
    """Against --previous, each directorate and the whole organisation get ▲, ▼ or ► as text,
    and a directorate absent from the previous report is "new"."""
    first = tmp_path / "q1"
    first.mkdir()
    template_return(first / "resources.xlsx", "Resources", GREEN_ROWS)
    template_return(first / "housing.xlsx", "Housing", RED_ROWS)
    template_return(first / "people.xlsx", "People", GREEN_ROWS)
    q1 = tmp_path / "q1-report.xlsx"
    assert consolidate([first], q1, jobs=1).directions[0].direction == "new"

    second = tmp_path / "q2"
    second.mkdir()
    template_return(second / "resources.xlsx", "Resources", RED_ROWS)
    template_return(second / "housing.xlsx", "Housing", GREEN_ROWS)
    template_return(second / "people.xlsx", "People", GREEN_ROWS)
    template_return(second / "places.xlsx", "Places", GREEN_ROWS)
    q2 = tmp_path / "q2-report.xlsx"
    result = consolidate([second], q2, previous=q1, jobs=1)
    travel = {d.group: d.direction for d in result.directions}
    assert travel == {
        "Housing": "▲ improving",
        "People": "► steady",
        "Places": "new",
        "Resources": "▼ worsening",
        WHOLE_ORGANISATION: "▲ improving",
    }
    shown = [
        row
        for row in openpyxl.load_workbook(q2, read_only=True)["Summary"].iter_rows(values_only=True)
        if row[0] in travel and isinstance(row[3], str)
    ]
    assert {row[0]: row[3] for row in shown} == travel
    assert {row[0]: row[2] for row in shown}["Housing"] == 0.0  # 0 of 3 on track before

def test_previous_must_be_a_corporate_report(returns: Path, tmp_path: Path) -> None:
    """A --previous file that is not a corporate report stops the run before anything is
    written (the CLI's exit code 2)."""
    report = tmp_path / "report.xlsx"
    with pytest.raises(UsageError, match="not a corporate report"):
        consolidate([returns], report, previous=returns / "resources.xlsx", jobs=0)
    assert not report.exists()

def test_to_json_matches_the_cli_contract(returns: Path, tmp_path: Path) -> None:
    """``to_json()`` has the keys and types of ``consolidate --json`` in CLI.md, in order, and
    then the two documented additions (``note``, ``message``)."""
    (returns / "broken.xlsx").write_bytes(b"PK\x03\x04 broken")
    result = consolidate([returns], tmp_path / "report.xlsx", jobs=1)
    data = json.loads(json.dumps(result.to_json()))
    assert list(data) == ["as_of", "output", "sources", "counts", "by_directorate"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", data["as_of"])
    assert data["output"] == str(tmp_path / "report.xlsx")
    assert list(data["counts"]) == list(RAG_WORDS)
    assert all(type(n) is int for n in data["counts"].values())
    for source in data["sources"]:
        assert list(source) == [
            "file", "directorate", "as_of", "actions", "counts", "status", "error", "note",
            "message",
        ]  # fmt: skip
        assert source["message"] is None  # files, not attachments
        assert isinstance(source["file"], str) and type(source["actions"]) is int
        assert list(source["counts"]) == list(RAG_WORDS)
        assert source["status"] in ("ok", "superseded", "error")
        if source["status"] == "error":
            assert isinstance(source["error"], str) and source["directorate"] is None
        else:
            assert source["error"] is None and isinstance(source["directorate"], str)
            assert re.fullmatch(r"\d{4}-\d\d-\d\d", source["as_of"])
    for counts in data["by_directorate"].values():
        assert list(counts) == list(RAG_WORDS)
    assert sum(data["counts"].values()) == sum(
        s["actions"] for s in data["sources"] if s["status"] == "ok"
    )

def test_folder_search_skips_owner_backup_and_output_files(returns: Path) -> None:
    """Folders are searched recursively; ~$ owner files, backups, hidden files and the output
    are skipped; an input named twice is read once; a missing input is a usage error."""
    (returns / "sub").mkdir()
    template_return(returns / "sub" / "people.xlsm", "People", GREEN_ROWS)
    (returns / "~$resources.xlsx").write_bytes(b"owner")
    (returns / "resources.bak.xlsx").write_bytes(b"backup")
    (returns / ".hidden.xlsx").write_bytes(b"hidden")
    (returns / "notes.txt").write_text("not a return")
    output = returns / "report.xlsx"
    output.write_bytes(b"old")
    found = find_returns([returns, returns / "housing.xlsx"], exclude=[output])
    assert [p.name for p in found] == [
        "Community Services.xlsx",
        "housing.xlsx",
        "resources.xlsx",
        "people.xlsm",
    ]
    with pytest.raises(UsageError, match="cannot be found"):
        find_returns([returns / "missing.xlsx"])

def test_nothing_to_do_and_unsafe_outputs_are_refused(returns: Path, tmp_path: Path) -> None:
    """No returns, an output that is one of the returns, an existing file that is not a report,
    or an output that is not .xlsx: UsageError and nothing written."""
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(UsageError, match="no returns"):
        consolidate([empty], tmp_path / "r.xlsx")
    resources = returns / "resources.xlsx"
    before = resources.read_bytes()
    with pytest.raises(UsageError, match="overwrite one of the returns"):
        consolidate([resources], resources)
    with pytest.raises(UsageError, match="not a corporate report"):
        consolidate([returns / "housing.xlsx"], resources)
    with pytest.raises(UsageError, match=r"\.xlsx"):
        consolidate([returns], tmp_path / "report.csv")
    assert resources.read_bytes() == before
    assert not list(tmp_path.glob("*.tmp.xlsx")) and not list(returns.glob(".*"))

def test_report_can_replace_itself_as_previous(returns: Path, tmp_path: Path) -> None:
    """Running again with -o and --previous naming the same report replaces it atomically and
    leaves no temporary file; the report found in the returns folder is not read as a return."""
    report = returns / "report.xlsx"
    consolidate([returns], report, jobs=0)
    result = consolidate([returns], report, previous=report, jobs=0)
    assert all(d.direction == "► steady" for d in result.directions)
    if os.name == "posix":  # the permissions of the report it replaced, not a private file
        assert report.stat().st_mode & 0o777 == 0o666 & ~umask()
    assert not [p.name for p in returns.iterdir() if p.name.startswith(".")]
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "old-report.xlsx").write_bytes(report.read_bytes())
    template_return(copy / "resources.xlsx", "Resources", GREEN_ROWS)
    again = consolidate([copy], tmp_path / "new.xlsx", jobs=0)
    assert sources_by_file(again)["old-report.xlsx"].status == "error"
    assert "corporate report" in (sources_by_file(again)["old-report.xlsx"].error or "")

def test_return_without_as_of_date_is_rated_today_and_keeps_report_date(tmp_path: Path) -> None:
    """A legacy return with no "Updated to" line is rated at today; the report is as of the
    latest date the returns themselves give."""
    dated = legacy_return(tmp_path / "Community Services.xlsx", GREEN_ROWS[:2])
    undated = legacy_return(tmp_path / "Libraries.xlsx", GREEN_ROWS[:2], updated_to="Notes")
    result = consolidate([dated, undated], tmp_path / "r.xlsx", jobs=0, today=D(2010, 1, 1))
    libraries = sources_by_file(result)["Libraries.xlsx"]
    assert libraries.as_of is None and libraries.rated_as_of == D(2010, 1, 1)
    assert libraries.counts["Red"] == 2  # both overdue by 2010
    assert result.as_of == AS_OF
    assert result.to_json()["sources"][1]["as_of"] is None

def test_register_agrees_with_check_on_every_sample_return(tmp_path: Path) -> None:
    """Consolidation (fast reader, workers) rates every sample action as check does, fills too."""
    from workbook_tools.usecases.consolidate.mail.message import Budget, read_message
    from workbook_tools.usecases.demo import sample_returns
    from workbook_tools.usecases.plan import check

    result = consolidate([sample_returns()], tmp_path / "report.xlsx", jobs=1)
    for source in result.used:
        path = source.path
        if source.mail is not None:  # a return that arrived attached to a saved email
            message = read_message(path.read_bytes(), Budget((".xlsx",)))
            (attached,) = message.attachments
            path = tmp_path / attached.name
            path.write_bytes(attached.data)
        checked = check(path)
        expected = [
            (a.sheet, a.row, a.ref, r.rag.value, r.reason, r.due)
            for a, r in zip(checked.plan.actions, checked.ratings, strict=True)
        ]
        got = [(x.sheet, x.row, x.ref, x.rag, x.reason, x.due) for x in source.rows]
        assert got == expected, source.file

def test_fill_only_timeline_marks_and_percent_fractions_count_in_consolidation(
    tmp_path: Path,
) -> None:
    """A month planned by a fill alone and 40% in a percent cell rate in the report as in check."""
    from openpyxl.styles import PatternFill
    from plans import make_plan

    from workbook_tools.usecases.plan import check

    folder = tmp_path / "returns"
    folder.mkdir()
    path = make_plan(
        folder / "plan.xlsx",
        [
            {
                "Ref": "1",
                "Action": "Survey",
                "Lead": "AB",
                "Deadline": "TBC",
                "Status": "Not started",
            },
            {
                "Ref": "2",
                "Action": "Report",
                "Lead": "AB",
                "Start": dt.date(2008, 4, 1),
                "Deadline": dt.date(2008, 12, 31),
                "% Complete": 0.4,
            },
        ],
        as_of=dt.date(2008, 8, 15),
    )
    wb = openpyxl.load_workbook(path)
    timeline = wb[layout.TIMELINE]
    timeline["A2"], timeline["B2"] = "1", "Survey"
    timeline["H2"].fill = PatternFill("solid", fgColor="FF00B050")  # August 2008, no mark typed
    wb[layout.ACTIONS]["H3"].number_format = "0%"
    wb.save(path)
    checked = check(path)
    assert [(r.rag.value, r.reason) for r in checked.ratings] == [
        ("Amber", "Not started; planned start 1 Aug 2008"),
        ("Green", "On track, due in 138 days"),
    ]
    for jobs in (0, 1):  # in this process, and in a worker
        result = consolidate([folder], tmp_path / f"report{jobs}.xlsx", jobs=jobs)
        rows = result.used[0].rows
    assert [(x.rag, x.reason) for x in rows] == [(r.rag.value, r.reason) for r in checked.ratings]
