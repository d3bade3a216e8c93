"""Consolidation: finding returns, the latest version per directorate, bad files, the report."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from judges import audit_errors_beyond_baseline, soffice_convert

from workbook_tools import layout, workers
from workbook_tools.consolidation import (
    RAG_WORDS,
    WHOLE_ORGANISATION,
    ConsolidationResult,
    consolidate,
    find_returns,
)
from workbook_tools.errors import UsageError
from workbook_tools.writers.template import write_template

D = dt.date
AS_OF = D(2008, 6, 30)
HEADINGS = layout.ACTION_HEADINGS
COL = {heading: i for i, heading in enumerate(HEADINGS, 1)}

# (ref, priority, action, lead, deadline, status, self-assessed RAG, commentary, date provided)
Row = tuple[str, str, str, str, object, str, str | None, str, object]
GREEN_ROWS: list[Row] = [
    ("1.1", "Better homes", "Publish the housing strategy", "Ann Lee", D(2008, 12, 31),
     "In progress", None, "Drafting", D(2008, 6, 20)),
    ("1.2", "Better homes", "Let the repairs contract", "Bob Roe", D(2009, 3, 31),
     "In progress", None, "Tender out", D(2008, 6, 21)),
    ("2.1", "Healthy lives", "Open two play areas", "Cy Doe", D(2008, 4, 30),
     "Complete", None, "Both open", D(2008, 5, 1)),
]  # fmt: skip
RED_ROWS: list[Row] = [
    ("1.1", "Better homes", "Publish the housing strategy", "Ann Lee", D(2008, 3, 31),
     "In progress", None, "Late", D(2008, 6, 20)),
    ("1.2", "Better homes", "Let the repairs contract", "Bob Roe", D(2008, 4, 30),
     "In progress", None, "Late", D(2008, 6, 21)),
    ("2.1", "Healthy lives", "Open two play areas", "Cy Doe", D(2008, 5, 31),
     "In progress", "Green", "Nearly", D(2008, 6, 1)),
]  # fmt: skip


def template_return(
    path: Path,
    directorate: str | None,
    rows: list[Row],
    as_of: dt.date | None = AS_OF,
    mtime: float | None = None,
) -> Path:
    """A return in the template layout: Settings (Directorate, AsOfDate) and Actions rows."""
    write_template(path, directorate=directorate, organisation="Exampleshire County Council")
    wb = openpyxl.load_workbook(path)
    settings = wb[layout.SETTINGS]
    as_of_row = 2 + [s.name for s in layout.SETTINGS_ROWS].index("AsOfDate")
    settings.cell(as_of_row, 2).value = as_of
    ws = wb[layout.ACTIONS]
    for r, (
        ref,
        priority,
        action,
        lead,
        deadline,
        status,
        self_rag,
        comment,
        provided,
    ) in enumerate(rows, 2):
        values = {"Ref": ref, "Priority": priority, "Action": action, "Lead": lead,
                  "Deadline": deadline, "Status": status, "Self-assessed RAG": self_rag,
                  "Commentary": comment, "Date provided": provided}  # fmt: skip
        for heading, value in values.items():
            ws.cell(r, COL[heading]).value = value
    table = ws.tables[layout.ACTIONS_TABLE]
    table.ref = re.sub(r"\d+$", str(max(2, len(rows) + 1)), table.ref)
    wb.save(path)
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


def legacy_return(path: Path, rows: list[Row], updated_to: str = "Updated to 30 06 08") -> Path:
    """A legacy sheet: an "Updated to" line and a title above a differently named header row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Plan"
    ws.append([updated_to])
    ws.append(["Community Services action plan 2008/09"])
    ws.append([])
    ws.append(["No.", "Key actions", "Responsible officer", "Completion date", "Progress status",
               "Comments on progress"])  # fmt: skip
    for ref, _priority, action, lead, deadline, status, _self, comment, _provided in rows:
        ws.append([ref, action, lead, deadline, status, comment])
    wb.save(path)
    return path


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def sources_by_file(result: ConsolidationResult) -> dict[str, object]:
    return {Path(s.file).name: s for s in result.sources}


def register_rows(report: Path) -> list[dict[str, object]]:
    wb = openpyxl.load_workbook(report, read_only=True)
    rows = list(wb["Register"].iter_rows(values_only=True))
    head = list(rows[0])
    return [dict(zip(head, row, strict=True)) for row in rows[1:] if any(row)]


@pytest.fixture
def returns(tmp_path: Path) -> Path:
    """A folder with two template returns (Resources, Housing) and one legacy return."""
    folder = tmp_path / "returns"
    folder.mkdir()
    template_return(folder / "resources.xlsx", "Resources", GREEN_ROWS)
    template_return(folder / "housing.xlsx", "Housing", RED_ROWS)
    legacy_return(folder / "Community Services.xlsx", GREEN_ROWS[:2])
    return folder


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


def test_register_rows_point_at_their_source_rows(returns: Path, tmp_path: Path) -> None:
    """Each Register row's Source file, sheet and row hold that action's text in the return."""
    report = tmp_path / "report.xlsx"
    consolidate([returns], report, jobs=2)
    rows = register_rows(report)
    assert len(rows) == 3 + 3 + 2
    books: dict[str, openpyxl.Workbook] = {}
    for row in rows:
        file = str(row["Source file"])
        book = books.setdefault(file, openpyxl.load_workbook(file, read_only=True))
        sheet = book[str(row["Source sheet"])]
        line = next(sheet.iter_rows(min_row=row["Source row"], max_row=row["Source row"]))
        assert row["Action"] in [cell.value for cell in line]
        assert row["Computed RAG"] in RAG_WORDS
        assert isinstance(row["Due date"], dt.datetime)  # a real date, not text


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


def test_user_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    """Text beginning with =, +, - or @ is written as text: the report has no formulas."""
    nasty = [
        ('=HYPERLINK("http://example.invalid","x")', "+44 1234", "-1 priority", "@SUM(A1)"),
    ]
    path = template_return(tmp_path / "nasty.xlsx", "Resources", GREEN_ROWS[:1])
    wb = openpyxl.load_workbook(path)
    ws = wb[layout.ACTIONS]
    for heading, text in zip(("Action", "Lead", "Priority", "Commentary"), nasty[0], strict=True):
        cell = ws.cell(2, COL[heading])
        cell.value = text
        cell.data_type = "s"
    wb.save(path)
    report = tmp_path / "report.xlsx"
    consolidate([path], report, jobs=0)
    with zipfile.ZipFile(report) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n)
                                  for n in sheets)  # fmt: skip
    row = register_rows(report)[0]
    assert (row["Action"], row["Lead"], row["Priority"], row["Commentary"]) == nasty[0]


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
        assert report.stat().st_mode & 0o777 == 0o666 & ~_umask()
    assert not [p.name for p in returns.iterdir() if p.name.startswith(".")]
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "old-report.xlsx").write_bytes(report.read_bytes())
    template_return(copy / "resources.xlsx", "Resources", GREEN_ROWS)
    again = consolidate([copy], tmp_path / "new.xlsx", jobs=0)
    assert sources_by_file(again)["old-report.xlsx"].status == "error"
    assert "corporate report" in (sources_by_file(again)["old-report.xlsx"].error or "")


# --------------------------------------------------------------------------------------------
# Hostile files and worker limits
# --------------------------------------------------------------------------------------------


def hostile_job(kind: str) -> str:
    """A job for the worker pool: behave well, or like a hostile file."""
    if kind == "memory":
        return str(len(bytearray(4 * 1024**3)))
    if kind == "hang":
        import time

        time.sleep(60)
    if kind == "die":
        os._exit(3)
    return kind.upper()


def test_workers_survive_memory_time_and_crash_failures() -> None:
    """A job over the memory limit, one over the time limit and one whose worker dies each
    fail on their own; the other jobs finish and results keep their order."""
    seen: list[int] = []
    results = workers.run(
        hostile_job,
        ["a", "memory", "b", "hang", "c", "die", "d"],
        workers=2,
        memory_limit=512 * 1024**2 if os.name == "posix" else 0,
        time_limit=3,
        on_result=lambda index, _value: seen.append(index),
    )
    assert results[0::2] == ["A", "B", "C", "D"]
    assert isinstance(results[3], workers.Failure) and results[3].kind == workers.TIME
    assert isinstance(results[5], workers.Failure) and results[5].kind == workers.CRASH
    if os.name == "posix":
        assert results[1] == workers.Failure(workers.MEMORY, "MemoryError")
    assert sorted(seen) == list(range(7))


def test_workers_are_forked_only_where_it_is_safe() -> None:
    """Workers start by fork only on Linux from a process with one thread; with another thread
    running (a progress bar's) they start by spawn, and jobs give the same results either way."""
    import threading

    assert workers._context().get_start_method() == (
        "fork" if sys.platform.startswith("linux") and threading.active_count() == 1 else "spawn"
    )
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        assert workers._context().get_start_method() == "spawn"
        assert workers.run(hostile_job, ["a", "b"], workers=1) == ["A", "B"]
    finally:
        stop.set()
        other.join()
    assert workers.run(hostile_job, ["c"], workers=1) == ["C"]


def _huge_sheet(path: Path, rows: int) -> Path:
    """A well-formed .xlsx of ``rows`` × 10 numbers: within the input limits, but more cells
    than a worker can hold under a small memory limit."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006"
    sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<Types xmlns="{pkg}/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{sheet_type}.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            f'ContentType="{sheet_type}.worksheet+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{pkg}/relationships"><Relationship Id="rId1" '
            f'Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
            '<sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{pkg}/relationships"><Relationship Id="rId1" '
            f'Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(f'<worksheet xmlns="{main}"><sheetData>'.encode())
            row = "".join(f'<c r="{c}%(r)d"><v>%(r)d</v></c>' for c in "ABCDEFGHIJ")
            template = f'<row r="%(r)d">{row}</row>'
            for start in range(1, rows + 1, 1000):
                chunk = "".join(template % {"r": r} for r in range(start, start + 1000))
                part.write(chunk.encode())
            part.write(b"</sheetData></worksheet>")
    return path


def test_hostile_file_is_an_error_row_not_a_crash(
    returns: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file within the input limits but too big for the worker's memory limit is listed as an
    error (its worker is replaced) and the other returns are consolidated."""
    from workbook_tools.safety import check_input

    monkeypatch.setattr(workers, "MEMORY_LIMIT", 32 * 1024**2)
    huge = _huge_sheet(returns / "huge.xlsx", 60_000)
    check_input(huge)  # the input checks let it through: the worker's limit must catch it
    result = consolidate([returns], tmp_path / "report.xlsx", jobs=1)
    error = sources_by_file(result)["huge.xlsx"].error
    assert error == (
        "huge.xlsx: could not be read within the memory limit; the file is too large or "
        "damaged: open it in Excel, remove what is not needed and save it again"
    )
    assert len(result.used) == 3 and result.exit_code == 1


def test_memory_error_while_reading_becomes_the_memory_reason(
    returns: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A MemoryError while reading one return (here in this process, jobs=0) gives that file
    the memory-limit reason; the run continues."""
    from workbook_tools import services

    real = services.load

    def load(path: object, **options: object) -> object:
        if str(path).endswith("housing.xlsx"):
            raise MemoryError
        return real(path, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(services, "load", load)
    result = consolidate([returns], tmp_path / "report.xlsx", jobs=0)
    housing = sources_by_file(result)["housing.xlsx"]
    assert housing.status == "error"
    assert housing.error == (
        "housing.xlsx: could not be read within the memory limit; the file is too large or "
        "damaged: open it in Excel, remove what is not needed and save it again"
    )
    assert len(result.used) == 2 and result.exit_code == 1


def test_progress_callback_and_quiet_without_a_terminal(
    returns: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A progress callable hears of every file as it is first looked at (a legacy return that
    cannot be placed is read there and then), then of every placed return as it is read;
    progress=True prints nothing when stderr is not a terminal."""
    calls: list[tuple[int, int, str]] = []
    consolidate([returns], tmp_path / "a.xlsx", jobs=2, progress=lambda *a: calls.append(a))
    looked, read = calls[:3], calls[3:]
    assert sorted(c[0] for c in looked) == [1, 2, 3] and {c[1] for c in looked} == {3}
    assert {Path(c[2]).name for c in looked} == {
        "resources.xlsx", "housing.xlsx", "Community Services.xlsx"
    }  # fmt: skip
    assert sorted(c[0] for c in read) == [1, 2] and {c[1] for c in read} == {2}
    assert {Path(c[2]).name for c in read} == {"resources.xlsx", "housing.xlsx"}
    consolidate([returns], tmp_path / "b.xlsx", jobs=1, progress=True)
    assert capsys.readouterr().err == ""


# --------------------------------------------------------------------------------------------
# Older versions are ranked from their Settings, not read
# --------------------------------------------------------------------------------------------


def damage_sheet(path: Path, sheet: str) -> Path:
    """Replace one sheet's XML with a truncated copy, leaving the rest of the package intact."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    workbook = parts["xl/workbook.xml"].decode()
    rid = re.search(rf'<sheet [^>]*name="{sheet}"[^>]*r:id="(rId\d+)"', workbook).group(1)
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    target = re.search(rf'<Relationship [^>]*Id="{rid}"[^>]*Target="([^"]+)"', rels) or re.search(
        rf'<Relationship [^>]*Target="([^"]+)"[^>]*Id="{rid}"', rels
    )
    part = "xl/" + target.group(1).lstrip("/").removeprefix("xl/")
    parts[part] = parts[part][: len(parts[part]) // 2]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


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


def headed_legacy_return(path: Path, directorate: str, updated_to: str, rows: list[Row]) -> Path:
    """A legacy sheet with a title, a "Directorate: NAME" line and an "Updated to" line."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Commitments"
    ws.append(["Corporate Plan 2008-11: key commitments monitoring"])
    ws.append([])
    ws.append([f"Directorate: {directorate}"])
    ws.append([updated_to])
    ws.append([])
    ws.append(["Ref", "Our key commitments", "Key actions", "Completion date", "Strategic lead",
               "Status", "Red/Amber/ Green?", "Latest Commentary"])  # fmt: skip
    for ref, priority, action, lead, deadline, status, self_rag, comment, _ in rows:
        ws.append([ref, priority, action, deadline, lead, status, self_rag, comment])
    wb.save(path)
    return path


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
    from workbook_tools.return_jobs import Peek, ReadJob, ReturnRead, look_at_return, read_return

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


def test_quick_look_agrees_with_the_full_read_on_every_sample_return() -> None:
    """For every bundled sample return, the Settings-only look gives the same directorate and
    own as-of date as reading the whole return."""
    from workbook_tools.return_jobs import ReadJob, peek_return, read_return

    samples = Path(__file__).resolve().parents[1] / "samples" / "returns"
    files = sorted(samples.glob("*.xlsx"))
    assert files
    for path in files:
        peek, full = peek_return(str(path)), read_return(ReadJob(str(path)))
        assert full.error is None, full.error
        assert peek is not None, path.name
        assert (peek.directorate, peek.own_as_of) == (full.directorate, full.own_as_of)


@pytest.mark.slow
@pytest.mark.libreoffice
def test_report_opens_in_libreoffice_and_passes_the_validator(
    returns: Path, tmp_path: Path
) -> None:
    """The report converts to PDF in LibreOffice and openxml-audit finds nothing beyond an
    empty workbook's baseline."""
    (returns / "notes.xlsx").write_text("not a workbook")
    report = tmp_path / "report.xlsx"
    first = consolidate([returns], tmp_path / "first.xlsx", jobs=0)
    assert first.exit_code == 1
    consolidate([returns], report, previous=tmp_path / "first.xlsx", jobs=0)
    assert soffice_convert(report, "pdf", tmp_path / "pdf").stat().st_size > 0
    assert audit_errors_beyond_baseline(report) == set()
    with zipfile.ZipFile(report) as archive:
        assert any(n.startswith("xl/charts/chart") for n in archive.namelist())
        assert sum(n.startswith("xl/tables/table") for n in archive.namelist()) == 4


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
    from workbook_tools.demo import sample_returns
    from workbook_tools.mail import Budget, read_message
    from workbook_tools.services import check

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

    from workbook_tools.services import check

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
