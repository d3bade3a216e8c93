"""Trackers people already keep, in every format they keep them in, read by ``check --json``.

Each tracker of ``tests/trackers.py`` (an ISO 27001 action plan, a FedRAMP-style POA&M, a
university project plan, a team tracker, a 640-task planner export, a Gantt template with start +
days, a refreshed tracker with its own "Due Date", several small tables under section titles, a
council delivery plan with each objective above its actions) is written as openpyxl writes it,
as LibreOffice saves it (.xlsx, .ods, .xls), as an Excel binary workbook (.xlsb) and as Excel's
CSV, and must read as a person reads it: the same actions, in order, with the same refs, leads,
due dates, statuses and sections.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
import trackers
from judges import require
from trackers import AS_OF, Expected, Tracker

from workbook_tools.cli import main

TRACKERS = {make.__name__: make() for make in trackers.ALL}
QUICK = ("xlsx", "xlsb", "csv")
LIBREOFFICE = ("lo.xlsx", "ods", "xls")


def run_check(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict]:
    """``check PATH --json --as-of AS_OF``: the exit code and the parsed JSON."""
    capsys.readouterr()
    code = main(["check", str(path), "--json", "--as-of", AS_OF])
    out, err = capsys.readouterr()
    assert out.strip(), f"no JSON (exit {code}): {err}"
    return code, json.loads(out)


def differences(data: dict, expected: list[Expected]) -> list[str]:
    """Each way the actions read differ from what a person reads in the tracker."""
    got = data["actions"]
    problems = []
    if len(got) != len(expected):
        problems.append(
            f"{len(got)} actions read, {len(expected)} expected: "
            + str([a["action"][:30] for a in got][:12])
        )
    for index, (action, want) in enumerate(zip(got, expected, strict=False)):
        where = f"action {index + 1} ({action['sheet']}!{action['row']})"
        if not action["action"].startswith(want.action):
            problems.append(f"{where}: action {action['action'][:40]!r}, expected {want.action!r}")
        facts = {
            "ref": (action["ref"], want.ref),
            "lead": (action["lead"], want.lead),
            "due": (action["due"], want.due),
            "status": (action["status"], want.status),
        }
        if want.priority is not None:
            facts["priority"] = (action["priority"], want.priority)
        for name, (value, wanted) in facts.items():
            if value != wanted:
                problems.append(f"{where}: {name} {value!r}, expected {wanted!r}")
    return problems


def write(tracker: Tracker, fmt: str, folder: Path) -> Path:
    """The tracker in one of the quick formats (no LibreOffice needed)."""
    folder.mkdir(parents=True, exist_ok=True)
    if fmt == "xlsx":
        return trackers.write_xlsx(tracker, folder / f"{tracker.name}.xlsx")
    if fmt == "xlsb":
        return trackers.write_xlsb(tracker, folder / f"{tracker.name}.xlsb")
    return trackers.write_csv(tracker, folder / f"{tracker.name}.csv")


def soffice_batch(sources: list[Path], fmt: str, outdir: Path) -> None:
    """Convert many files with one headless LibreOffice run (a private profile)."""
    soffice = require("soffice")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="wbt-lo-") as profile:
        profile_uri = f"-env:UserInstallation={Path(profile).as_uri()}"
        cmd = [soffice, profile_uri, "--headless", "--norestore", "--convert-to", fmt]
        cmd += ["--outdir", str(outdir), *map(str, sources)]
        subprocess.run(cmd, capture_output=True, timeout=600, check=False)


@pytest.fixture(scope="module")
def libreoffice_files(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Every tracker saved by LibreOffice as .xlsx, .ods and .xls (from the openpyxl file)."""
    base = tmp_path_factory.mktemp("lo")
    sources = [trackers.write_xlsx(t, base / f"{t.name}.xlsx") for t in TRACKERS.values()]
    found = {}
    for fmt, folder in (("lo.xlsx", "xlsx"), ("ods", "ods"), ("xls", "xls")):
        soffice_batch(sources, folder, base / folder)
        for tracker in TRACKERS.values():
            path = base / folder / f"{tracker.name}.{folder}"
            if path.exists():
                found[(tracker.name, fmt)] = path
    return found


def _cases(formats: tuple[str, ...]) -> list[tuple[str, str]]:
    return [
        (name, fmt)
        for name, tracker in TRACKERS.items()
        for fmt in formats
        if fmt != "csv" or tracker.single_sheet
    ]


@pytest.mark.parametrize(("name", "fmt"), _cases(QUICK))
def test_tracker_reads_as_a_person_reads_it(
    name: str, fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The tracker written by openpyxl, as .xlsb or as CSV gives the actions a person reads."""
    tracker = TRACKERS[name]
    code, data = run_check(write(tracker, fmt, tmp_path), capsys)
    assert code in (0, 1)
    assert not differences(data, tracker.expected), "\n".join(differences(data, tracker.expected))


@pytest.mark.slow
@pytest.mark.libreoffice
@pytest.mark.parametrize(("name", "fmt"), _cases(LIBREOFFICE))
def test_tracker_saved_by_libreoffice_reads_the_same(
    name: str,
    fmt: str,
    libreoffice_files: dict[tuple[str, str], Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The tracker as LibreOffice saves it (.xlsx, .ods, .xls) gives the same actions."""
    path = libreoffice_files.get((name, fmt))
    assert path is not None, f"LibreOffice did not write {name} as {fmt}"
    code, data = run_check(path, capsys)
    assert code in (0, 1)
    tracker = TRACKERS[name]
    assert not differences(data, tracker.expected), "\n".join(differences(data, tracker.expected))


def test_placeholder_date_is_missing_and_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A date cell left at zero (shown 00/01/1900) is no deadline: an error names its cell."""
    path = write(TRACKERS["fedramp_poam"], "xlsx", tmp_path)
    code, data = run_check(path, capsys)
    action = next(a for a in data["actions"] if a["ref"] == "V-0003")
    assert (action["due"], action["due_kind"], action["rag"]) == (None, "none", "Grey")
    assert "unreadable-date" in action["flags"]
    found = [c for c in data["checks"] if c["severity"] == "error"]
    assert [(c["sheet"], c["cell"]) for c in found] == [("POA&M Items", "H10")]
    assert "placeholder" in found[0]["message"]
    assert "Overdue" not in action["reason"]
    assert code == 1


def test_user_due_date_is_the_deadline_beside_the_computed_block(tmp_path: Path) -> None:
    """A user's "Due Date" (and "Flags") left of the computed block are the user's; the block
    from "Computed RAG" on is the tool's, where refresh will write."""
    from workbook_tools.usecases.plan import check

    result = check(write(TRACKERS["refreshed_due_date"], "xlsx", tmp_path), as_of=None)
    (table,) = result.plan.tables
    assert table.columns["deadline"] == 4
    assert {k: table.columns[k] for k in ("computed_rag", "rag_reason", "due_date")} == {
        "computed_rag": 7,
        "rag_reason": 8,
        "due_date": 9,
    }
    assert (table.columns["days_left"], table.columns["flags"]) == (10, 11)
    assert result.plan.actions[0].extra == {"Flags": "Legal"}


def test_refresh_of_other_formats_says_to_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """refresh refuses .xlsb (and .ods, .xls) in one line that gives the import command."""
    path = write(TRACKERS["team_tracker"], "xlsb", tmp_path)
    before = path.read_bytes()
    assert main(["refresh", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert 'workbook-tools import "team_tracker.xlsb" -o "team_tracker.xlsx"' in err
    assert path.read_bytes() == before


def test_import_of_an_xlsb_tracker_writes_a_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """import reads an .xlsb tracker into the template; check of the new plan agrees."""
    source = write(TRACKERS["gantt_start_days"], "xlsb", tmp_path)
    target = tmp_path / "plan.xlsx"
    assert main(["import", str(source), "-o", str(target), "--as-of", AS_OF]) == 0
    _, data = run_check(target, capsys)
    expected = TRACKERS["gantt_start_days"].expected
    assert [a["due"] for a in data["actions"]] == [e.due for e in expected]


def test_xlsb_writer_is_read_by_libreoffice(tmp_path: Path) -> None:
    """The tests' own .xlsb files are real workbooks: LibreOffice reads the same values."""
    if shutil.which("soffice") is None and not os.environ.get("CI"):
        pytest.skip("soffice is not installed")
    path = write(TRACKERS["team_tracker"], "xlsb", tmp_path)
    soffice_batch([path], "csv", tmp_path / "csv")
    text = (tmp_path / "csv" / "team_tracker.csv").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "#,Project,Priority,Assigned to,State,Due By,Notes"
    assert lines[1].startswith("1,Refresh the intranet home page,High,Kim Lee,Open,46052")


@pytest.mark.slow
@pytest.mark.libreoffice
def test_consolidate_reads_returns_in_every_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """consolidate takes returns saved as .xlsx, .ods, .xls and .xlsb from one folder."""
    from plans import make_plan
    from xlsb_book import write_xlsb

    made, folder = tmp_path / "made", tmp_path / "returns"
    made.mkdir()
    folder.mkdir()
    rows = [
        {"Ref": "1", "Action": "Publish the plan", "Lead": "AB", "Deadline": "Mar 09"},
        {"Ref": "2", "Action": "Consult residents", "Lead": "CD", "Deadline": "Dec 07"},
    ]
    for name in ("Resources", "Adults", "Housing"):
        make_plan(made / f"{name.lower()}.xlsx", rows, directorate=name)
    shutil.copy(made / "resources.xlsx", folder / "resources.xlsx")
    soffice_batch([made / "adults.xlsx"], "ods", folder)
    soffice_batch([made / "housing.xlsx"], "xls", folder)
    write_xlsb(
        folder / "children.xlsb",
        {
            "Settings": [["Setting", "Value"], ["Directorate (who this return is from)",
                                                "Children"]],
            "Actions": [["Ref", "Action", "Lead", "Deadline"], ["1", "Open a hub", "EF", "Jun 08"]],
        },
    )  # fmt: skip
    code, out, err = run_cli(capsys, "consolidate", folder, "-o", tmp_path / "report.xlsx")
    assert code == 0, err
    sources = {Path(s["file"]).name: s for s in json.loads(out)["sources"]}
    assert set(sources) == {"resources.xlsx", "adults.ods", "housing.xls", "children.xlsb"}
    assert {s["directorate"]: s["actions"] for s in sources.values()} == {
        "Resources": 2,
        "Adults": 2,
        "Housing": 2,
        "Children": 1,
    }
    assert all(s["status"] == "ok" for s in sources.values())


def run_cli(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    """Run a command with ``--json`` and ``--as-of 2008-06-30``."""
    capsys.readouterr()
    code = main([*map(str, argv), "--json", "--as-of", "2008-06-30"])
    out, err = capsys.readouterr()
    return code, out, err


def test_import_writes_start_plus_days_as_a_date(tmp_path: Path) -> None:
    """A deadline worked out from start + days is written to the new plan as a real date."""
    import datetime as dt

    import openpyxl

    source = write(TRACKERS["gantt_start_days"], "xlsx", tmp_path)
    target = tmp_path / "plan.xlsx"
    assert main(["import", str(source), "-o", str(target), "--as-of", AS_OF]) == 0
    ws = openpyxl.load_workbook(target)["Actions"]
    heads = [c.value for c in ws[1]]
    deadline = heads.index("Deadline") + 1
    assert ws.cell(2, deadline).value == dt.datetime(2026, 1, 14)
    assert "Days: 10" in ws.cell(2, heads.index("Notes") + 1).value


def test_refresh_writes_the_computed_block_and_keeps_the_users_due_date(tmp_path: Path) -> None:
    """Refreshing a tracker with its own "Due Date" and "Flags" leaves them as typed and
    writes the tool's columns into its block from "Computed RAG" on."""
    import datetime as dt

    import openpyxl

    path = write(TRACKERS["refreshed_due_date"], "xlsx", tmp_path)
    assert main(["refresh", str(path), "--as-of", AS_OF]) in (0, 1)
    rows = list(openpyxl.load_workbook(path).worksheets[0].iter_rows(values_only=True))
    assert rows[0][3] == "Due Date" and rows[0][6] == "Computed RAG"
    assert [r[3] for r in rows[1:3]] == [dt.datetime(2026, 3, 31), dt.datetime(2025, 12, 31)]
    assert rows[1][5] == "Legal"
    assert [r[6] for r in rows[1:3]] == ["Green", "Red"]
    assert rows[2][8] == dt.datetime(2025, 12, 31)


def test_real_world_workbooks_hold_no_false_actions(
    realworld_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The real workbooks saved by Excel, Google Sheets, LibreOffice and gnumeric are not
    plans: check finds no table of actions in any of them (none is taken for a tracker)."""
    for path in sorted(realworld_dir.glob("*.xls*")):
        capsys.readouterr()
        code = main(["check", str(path), "--json"])
        err = capsys.readouterr().err
        assert code == 2 and "no sheet has a table of actions" in err, (path.name, err)


@pytest.mark.slow
@pytest.mark.libreoffice
def test_legacy_samples_saved_as_ods_and_xls_read_the_same(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each legacy sample saved by LibreOffice as .ods and as .xls gives the same ``check
    --json`` as the .xlsx: the same actions, month-grid marks made by colouring cells included."""
    legacy = Path(__file__).resolve().parent.parent / "samples" / "legacy"
    samples = sorted(legacy.glob("*.xlsx"))
    for fmt in ("ods", "xls"):
        soffice_batch(samples, fmt, tmp_path / fmt)
    for sample in samples:
        _, original = run_check(sample, capsys)
        original.pop("file")
        for fmt in ("ods", "xls"):
            _, again = run_check(tmp_path / fmt / f"{sample.stem}.{fmt}", capsys)
            again.pop("file")
            assert again == original, (sample.name, fmt)


def _bold_cells(tracker: Tracker) -> set[tuple[int, int]]:
    (rows,) = tracker.sheets.values()
    return {(r, c) for r in tracker.bold_rows for c, v in enumerate(rows[r]) if v is not None}


def test_bold_cells_are_read_by_both_xlsx_readers(tmp_path: Path) -> None:
    """The cells in bold (a tracker's group rows) are in the grid from openpyxl and from the
    fast reader alike, and only where they hold a value."""
    from workbook_tools.sources import load_book
    from workbook_tools.usecases.plan import load

    tracker = TRACKERS["iso27001"]
    path = write(tracker, "xlsx", tmp_path)
    expected = _bold_cells(tracker)
    assert load_book(path).sheets[0].bold == expected
    assert load(path, fast=True).sheets[0].bold == expected


@pytest.mark.slow
@pytest.mark.libreoffice
@pytest.mark.parametrize("fmt", ["ods", "xls"])
def test_bold_cells_of_ods_and_xls(
    fmt: str, libreoffice_files: dict[tuple[str, str], Path]
) -> None:
    """LibreOffice's .ods and .xls keep the bold group rows, and the reader sees them."""
    from workbook_tools.sources import load_book

    tracker = TRACKERS["iso27001"]
    grid = load_book(libreoffice_files[(tracker.name, fmt)]).sheets[0]
    assert grid.bold == _bold_cells(tracker)
