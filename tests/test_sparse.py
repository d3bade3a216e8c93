"""A stray cell far away: a 26-row plan with one value at F1048567.

The readers read a sparse sheet by its cells: check, import and consolidate take the plan (the
stray cell, a thousand rows below the table, is not one of its actions), the memory limit counts
the cells that are there, and refresh, which copies the sheet row by row, writes the plan back
with the stray cell as it was. The input checks of a reader that would build the full grid still
refuse it, naming the real cell rather than the corner of the rectangle.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from judges import soffice_convert
from plans import make_plan

from workbook_tools.cli import main
from workbook_tools.errors import WorkbookTooLargeError
from workbook_tools.safety import Limits, check_input
from workbook_tools.sources import load_book

ROWS = 25
STRAY = "F1048567"


def stray_plan(path: Path) -> Path:
    """A legacy plan: a header, 25 actions, and "old note" typed at F1048567."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Plan"
    ws.append(["Ref", "Action", "Lead", "Deadline", "Status", "Notes", "Budget", "Risk"])
    for n in range(1, ROWS + 1):
        ws.append([f"1.{n}", f"Action number {n}", "Jo Bloggs", "Mar 27", "In progress"])
    ws[STRAY] = "old note"
    wb.save(path)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    """Run the command line; its exit code, output and error output."""
    capsys.readouterr()
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_check_reads_the_plan_and_not_the_stray_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """check reads the 25 actions of a plan with a stray value at F1048567, exit 0."""
    code, out, err = run(capsys, "check", stray_plan(tmp_path / "plan.xlsx"), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert [a["ref"] for a in data["actions"]] == [f"1.{n}" for n in range(1, ROWS + 1)]
    assert not any("old note" in (a["action"] or "") for a in data["actions"])


def test_sparse_grid_costs_what_is_there(tmp_path: Path) -> None:
    """The grid keeps the stray value at its real place, with one shared empty row between."""
    grid = load_book(stray_plan(tmp_path / "plan.xlsx")).sheets[0]
    assert grid.value(1048566, 5) == "old note"
    empties = grid.rows[ROWS + 1 : -1]
    assert len(empties) == 1048566 - ROWS - 1
    assert len({id(row) for row in empties}) == 1


def test_refresh_writes_a_sparse_plan_back_and_keeps_the_stray_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """refresh copies the sheet row by row: the plan is refreshed, the stray cell kept, and the
    check for a reader building a full grid still names F1048567, not H1048567."""
    path = stray_plan(tmp_path / "plan.xlsx")
    code, _out, err = run(capsys, "refresh", path)
    assert code in (0, 1), err
    ws = openpyxl.load_workbook(path, read_only=True)["Plan"]
    assert next(ws.iter_rows(min_row=1048567, max_row=1048567, values_only=True))[5] == "old note"
    with pytest.raises(WorkbookTooLargeError) as caught:
        check_input(path)
    assert caught.value.cell == STRAY


def test_memory_limit_counts_the_cells_there(tmp_path: Path) -> None:
    """Read by cells, a sheet is refused for the cells it holds, not for how far they reach."""
    path = stray_plan(tmp_path / "plan.xlsx")
    check_input(path, by_cells=True)
    with pytest.raises(WorkbookTooLargeError, match="cells, over the limit of 100"):
        check_input(path, by_cells=True, limits=Limits(cells=100))


def test_consolidate_reads_a_sparse_return(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """consolidate (the fast reader) takes a template return with a stray far value."""
    folder = tmp_path / "returns"
    folder.mkdir()
    rows = [{"Ref": f"{n}", "Action": f"Do {n}", "Lead": "AB", "Deadline": "Mar 09"}
            for n in range(1, 4)]  # fmt: skip
    path = make_plan(folder / "resources.xlsx", rows, directorate="Resources")
    wb = openpyxl.load_workbook(path)
    wb["Actions"][STRAY] = "stray"
    wb.save(path)
    report = tmp_path / "report.xlsx"
    code, out, err = run(capsys, "consolidate", folder, "-o", report, "--json")
    assert code == 0, err
    (source,) = json.loads(out)["sources"]
    assert (source["status"], source["actions"]) == ("ok", 3)


@pytest.mark.slow
@pytest.mark.libreoffice
@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_libreoffice_saved_sparse_plan_reads(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same plan saved by LibreOffice (.xlsx, .ods) reads the same 25 actions."""
    source = stray_plan(tmp_path / "plan.xlsx")
    converted = soffice_convert(source, fmt, tmp_path / "lo")
    code, out, err = run(capsys, "check", converted, "--json")
    assert code == 0, err
    assert len(json.loads(out)["actions"]) == ROWS
