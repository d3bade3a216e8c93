"""Refresh: computed columns, tool sheets, charts, safety of the user's data, third-party judges."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from judges import audit_errors_beyond_baseline, soffice_convert
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from plans import make_plan

from workbook_tools.core import layout
from workbook_tools.core.palette import AS_OF_MARK, RAG_COLOURS
from workbook_tools.errors import UsageError, WouldLoseDataError
from workbook_tools.tool_sheets import looks_like_formula
from workbook_tools.usecases import plan as services

D = dt.date
AS_OF = D(2008, 6, 30)
FIRST = dt.datetime(2008, 7, 1, 9, 0)
SECOND = dt.datetime(2008, 7, 2, 17, 45)
SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "legacy"
INJECTIONS = ('=HYPERLINK("http://example.com","click")', "+1", "-x commentary", "@SUM(A1)")
ROWS: list[dict[str, object]] = [
    {
        "Ref": "1.1",
        "Priority": "Homes",
        "Action": "Build 80 affordable homes",
        "Lead": "Jo Bloggs",
        "Start": dt.datetime(2007, 4, 1),
        "Deadline": "31 March 2008",
        "Status": "In progress",
        "% Complete": 60,
        "Self-assessed RAG": "Green",
        "Commentary": "Site works delayed",
        "Date provided": dt.datetime(2008, 6, 1),
    },
    {
        "Ref": "1.2",
        "Priority": "Homes",
        "Action": "Review allocations policy",
        "Lead": "Ann Lee",
        "Deadline": "Mar 09",
        "Status": "Complete",
        "Commentary": "Adopted",
        "Date provided": dt.datetime(2008, 6, 1),
    },
    {
        "Ref": "2.1",
        "Priority": "Roads",
        "Action": INJECTIONS[0],
        "Lead": INJECTIONS[1],
        "Deadline": "15 July 2008",
        "Status": "Not started",
        "Commentary": INJECTIONS[2],
        "Corrective action": INJECTIONS[3],
        "Date provided": dt.datetime(2008, 6, 1),
    },
    {
        "Ref": "2.2",
        "Priority": "Roads",
        "Action": "Resurface the high street",
        "Lead": "Cy Dee",
        "Deadline": "TBC",
    },
    {
        "Ref": "3.1",
        "Priority": "Care",
        "Action": "Run carers' forums",
        "Lead": "Di Evans",
        "Deadline": "Ongoing",
        "Commentary": "Monthly",
        "Date provided": dt.datetime(2008, 6, 1),
    },
    {
        "Ref": "3.2",
        "Priority": "Care",
        "Action": "Publish the care strategy",
        "Lead": "Di Evans",
        "Deadline": "Marhc 09",
    },
    {
        "Ref": "3.3",
        "Priority": "Care",
        "Action": "Open the day centre",
        "Lead": "Ed Fox",
        "Start": dt.datetime(2008, 4, 1),
        "Deadline": "31 December 2008",
        "% Complete": 50,
        "Commentary": "On plan",
        "Date provided": dt.datetime(2008, 6, 20),
    },
]
COMPUTED = {"Computed RAG": "Q", "RAG reason": "R", "Due date": "S", "Days left": "T", "Flags": "U"}


def user_plan(path: Path) -> Path:
    """A filled template with what an officer adds: a Budget code column beyond the computed
    ones, a drop-down and a highlight of their own, a defined name, a formula, a Timeline row
    and a sheet of their own notes."""
    make_plan(path, ROWS, as_of=AS_OF)
    wb = openpyxl.load_workbook(path)
    ws = wb[layout.ACTIONS]
    ws["C4"].value = INJECTIONS[0]
    ws["C4"].data_type = "s"  # typed as text (with a leading apostrophe in Excel)
    ws["W1"] = "Budget code"
    for row, code in ((2, "HRA-1"), (3, "HRA-2"), (4, "GF-7")):
        ws.cell(row, 23, code)
    codes = DataValidation(type="list", formula1='"HRA-1,HRA-2,GF-7"', allow_blank=True)
    codes.add("W2:W50")
    ws.add_data_validation(codes)
    mine = PatternFill("solid", start_color="FFFF99", end_color="FFFF99")
    ws.conditional_formatting.add(
        "A2:A50", CellIsRule(operator="equal", formula=['"1.1"'], fill=mine)
    )
    wb.defined_names.add(DefinedName("BudgetCodes", attr_text="Actions!$W$2:$W$50"))
    timeline = wb[layout.TIMELINE]
    timeline["A2"], timeline["B2"], timeline["E2"] = "1.1", "Build 80 affordable homes", "x"
    notes = wb.create_sheet("My notes")
    notes["A1"], notes["A2"], notes["B2"] = "Team notes", "Total", "=SUM(1,2)"
    wb.save(path)
    return path


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """The officer's plan, as of 30 June 2008."""
    return user_plan(tmp_path / "plan.xlsx")


def stamp_cell(path: Path) -> str:
    """The Summary cell holding the generated-at time."""
    ws = openpyxl.load_workbook(path)[layout.SUMMARY]
    row = next(r for r in range(1, 20) if ws.cell(r, 1).value == "Generated")
    return f"B{row}"


def _colour(colour: object) -> object:
    return getattr(colour, "rgb", None) if colour is not None else None


def snapshot(path: Path, skip: frozenset[tuple[str, str]] = frozenset()) -> dict:
    """Everything a user could notice in a workbook, read back with openpyxl: sheets, values,
    styles, merges, widths, tables, validations, conditional formats, names, charts, pictures."""
    wb = openpyxl.load_workbook(path, rich_text=True)
    snap: dict = {
        "sheets": [(ws.title, ws.sheet_state) for ws in wb._sheets],
        "names": sorted((name, d.attr_text) for name, d in wb.defined_names.items()),
    }
    for ws in wb.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                if (ws.title, c.coordinate) in skip or (c.value is None and not c.has_style):
                    continue
                fill = _colour(c.fill.fgColor) if c.fill.fill_type else None
                cells[c.coordinate] = (
                    str(c.value),
                    c.data_type,
                    c.number_format,
                    fill,
                    c.font.b,
                    _colour(c.font.color),
                    c.alignment.wrap_text,
                )
        cf = ws.conditional_formatting
        snap[ws.title] = {
            "cells": cells,
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "widths": {k: v.width for k, v in ws.column_dimensions.items()},
            "heights": {k: v.height for k, v in ws.row_dimensions.items() if v.height},
            "tables": sorted((t.name, t.ref) for t in ws.tables.values()),
            "validations": sorted(
                (str(d.sqref), d.type, d.formula1) for d in ws.data_validations.dataValidation
            ),
            "formats": sorted(
                (str(rng.sqref), r.type, r.operator, tuple(r.formula or ()))
                for rng in cf
                for r in rng.rules
            ),
            "charts": len(ws._charts),
            "images": len(ws._images),
            "print": (ws.print_title_rows, ws.freeze_panes, ws.page_setup.orientation),
            "breaks": [b.id for b in ws.row_breaks.brk],
        }
    return snap


def sheet_xml(path: Path, title: str) -> str:
    """The XML of the worksheet called ``title``."""
    wb = openpyxl.load_workbook(path, read_only=True)
    index = wb.sheetnames.index(title)
    wb.close()
    with zipfile.ZipFile(path) as archive:
        return archive.read(f"xl/worksheets/sheet{index + 1}.xml").decode()


def leftovers(folder: Path) -> list[str]:
    """Files in ``folder`` other than workbooks named by the test (temporary files)."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith((".", "~")))


# --------------------------------------------------------------------------------------------


def test_refresh_in_place_writes_ratings_sheets_and_backup(plan: Path) -> None:
    """In place: computed columns right, every tool sheet and chart there, backup = original."""
    original = plan.read_bytes()
    outcome = services.refresh(plan, generated_at=FIRST)
    assert outcome.wrote and outcome.output == plan
    assert outcome.backup == plan.with_name("plan.bak.xlsx")
    assert outcome.backup.read_bytes() == original
    assert outcome.result.as_of == AS_OF
    wb = openpyxl.load_workbook(plan)
    ws = wb[layout.ACTIONS]
    assert [ws[f"{c}1"].value for c in COMPUTED.values()] == list(COMPUTED)
    got = {ws[f"A{r}"].value: [ws[f"{c}{r}"].value for c in COMPUTED.values()] for r in range(2, 9)}
    assert got["1.1"] == [
        "Red",
        "Overdue by 91 days (due 31 Mar 2008)",
        dt.datetime(2008, 3, 31),
        -91,
        "optimistic",
    ]
    assert got["1.2"][:2] == ["Blue", "Complete"]
    assert got["2.1"][0] == "Amber" and got["2.1"][1].startswith("Due in 15 days")
    assert got["2.2"][:2] == ["Grey", "No due date (to be confirmed)"]
    assert got["3.1"][:2] == ["Green", "Ongoing"]
    assert got["3.2"][4] == "unreadable-date"
    assert got["3.3"][:2] == ["Green", "On track, due in 184 days"]
    red = ws["Q2"]
    assert red.fill.fgColor.rgb[-6:] == RAG_COLOURS["Red"][0] and red.font.b
    assert ws["S2"].number_format == "dd mmm yyyy"
    assert wb.sheetnames == [*layout.SHEET_ORDER, "My notes"]
    summary = wb[layout.SUMMARY]
    assert len(summary._charts) == 2 and len(summary._images) == 1
    assert len(wb[layout.HISTORY]._charts) == 1
    exceptions = wb[layout.EXCEPTIONS]
    assert [exceptions.cell(r, 1).value for r in range(5, 9)] == ["1.1", "2.1", None, None]
    assert exceptions.print_title_rows == "$4:$4"
    assert exceptions.page_setup.orientation == "landscape"
    checks = wb[layout.CHECKS]
    assert checks["A5"].value == "error" and checks["C5"].value == "F7"
    assert checks["C5"].hyperlink.location == "'Actions'!F7"
    history = wb[layout.HISTORY]
    assert [history.cell(5, c).value for c in range(1, 8)] == [
        dt.datetime(2008, 6, 30),
        1,
        2,
        1,
        1,
        2,
        7,
    ]
    timeline = wb[layout.TIMELINE]
    assert timeline["A2"].fill.fgColor.rgb[-6:] == RAG_COLOURS["Red"][0]
    assert timeline["F1"].fill.fgColor.rgb[-6:] == AS_OF_MARK  # Jun 08, the as-of month
    assert timeline["E1"].fill.fgColor.rgb[-6:] == "1F4E78"


def test_second_refresh_changes_nothing_but_the_stamp(plan: Path) -> None:
    """Refreshing twice at the same as-of date: only the generated-at time differs."""
    services.refresh(plan, generated_at=FIRST)
    first = plan.read_bytes()
    skip = frozenset({(layout.SUMMARY, stamp_cell(plan))})
    before = snapshot(plan, skip)
    services.refresh(plan, generated_at=SECOND)
    assert snapshot(plan, skip) == before
    assert plan.with_name("plan.bak.xlsx").read_bytes() == first
    ws = openpyxl.load_workbook(plan)[layout.SUMMARY]
    assert ws[stamp_cell(plan)].value == SECOND


def test_user_work_survives_refresh(plan: Path) -> None:
    """The officer's column, drop-down, highlight, name, formula and own sheet stay as they were."""
    before = snapshot(plan)
    services.refresh(plan, generated_at=FIRST)
    after = snapshot(plan)
    owned = set(COMPUTED.values())
    for title in (layout.ACTIONS, layout.SETTINGS, layout.MILESTONES, "My notes"):
        old, new = before[title], after[title]
        keep = {k: v for k, v in old["cells"].items() if re.sub(r"\d", "", k) not in owned}
        assert {k: new["cells"].get(k) for k in keep} == keep, title
        for key in ("validations", "formats", "merged", "widths"):
            assert new[key] == old[key], (title, key)
    assert after[layout.ACTIONS]["tables"] == before[layout.ACTIONS]["tables"]
    assert after["names"] == before["names"]
    wb = openpyxl.load_workbook(plan)
    assert wb["My notes"]["B2"].value == "=SUM(1,2)"  # the formula is kept as a formula
    assert wb.calculation.fullCalcOnLoad  # and recalculated when the workbook is opened


def with_calculated_value(path: Path, formula: str, value: str) -> None:
    """Store ``value`` as the formula's last calculated value, as Excel does when it saves."""
    with zipfile.ZipFile(path) as archive:
        parts = {info: archive.read(info) for info in archive.infolist()}
    old = f"<f>{formula}</f><v></v>".encode()
    assert any(old in data for data in parts.values())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in parts.items():
            archive.writestr(info, data.replace(old, f"<f>{formula}</f><v>{value}</v>".encode()))


def test_formulas_keep_their_calculated_values(plan: Path) -> None:
    """A user's formula keeps its text and the value Excel calculated, so programs that read
    values without calculating (the product's own readers) still see it."""
    with_calculated_value(plan, "SUM(1,2)", "3")
    assert services.load(plan).sheet("My notes").value(1, 1) == 3
    services.refresh(plan, generated_at=FIRST)
    assert openpyxl.load_workbook(plan)["My notes"]["B2"].value == "=SUM(1,2)"
    assert services.load(plan).sheet("My notes").value(1, 1) == 3
    assert services.load(plan, fast=True).sheet("My notes").value(1, 1) == 3


def test_user_text_that_looks_like_a_formula_stays_text(plan: Path) -> None:
    """'=…', '+…', '-…', '@…' typed by a user are copied as text, never as formulas."""
    services.refresh(plan, generated_at=FIRST)
    wb = openpyxl.load_workbook(plan)
    seen = set()
    for title in (layout.SUMMARY, layout.EXCEPTIONS, layout.CHECKS):
        for row in wb[title].iter_rows():
            for cell in row:
                if looks_like_formula(cell.value):
                    assert cell.data_type == "s", (title, cell.coordinate)
                    seen.add(cell.value)
        assert "<f>" not in sheet_xml(plan, title) and "<f " not in sheet_xml(plan, title)
    assert seen >= set(INJECTIONS)


def test_refresh_at_a_later_date_gives_direction_of_travel(plan: Path) -> None:
    """A later as-of date adds a History row and compares each priority with the earlier one."""
    services.refresh(plan, generated_at=FIRST)
    wb = openpyxl.load_workbook(plan)
    wb[layout.ACTIONS]["G2"] = "Complete"  # 1.1 is finished by September
    wb.save(plan)
    services.refresh(plan, as_of=D(2008, 9, 30), generated_at=SECOND)
    wb = openpyxl.load_workbook(plan)
    history = wb[layout.HISTORY]
    assert [history.cell(r, 1).value for r in (5, 6, 7)] == [
        dt.datetime(2008, 6, 30),
        dt.datetime(2008, 9, 30),
        None,
    ]
    summary = wb[layout.SUMMARY]
    found = {}
    for row in summary.iter_rows(min_col=1, max_col=4):
        if isinstance(row[3].value, str) and row[3].value[:1] in "▲▼►n":
            found[row[0].value] = row[3].value
    assert found["Homes"] == "▲ improving" and found["Whole plan"] != "new"


def legacy_plan(path: Path) -> Path:
    """A plan pasted from Word: title lines, a header row, a repeated page header, no Settings."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Plan 2008"
    ws["A1"] = "Directorate: Housing"
    ws["A2"] = "Updated to 30 06 08"
    header = ["Ref", "Action", "Lead officer", "Deadline", "Progress"]
    ws.append([])
    ws.append(header)
    ws.append(["1.1", "Build homes", "Jo", "31 March 2008", "Slow"])
    ws.append(["1.2", "Let contracts", "Ann", "Dec 08", "Fine"])
    ws.append(header)  # a page header repeated when the Word table was pasted
    ws.append(["1.3", "Consult tenants", "Cy", "TBC", "Planned"])
    ws["F12"] = "Not part of the table"  # a note of the officer's, below and to the right
    wb.save(path)
    return path


def test_legacy_layout_gets_computed_columns_once(tmp_path: Path) -> None:
    """A legacy table gets the computed columns on its right and tool sheets; the second refresh
    finds them by heading and adds nothing."""
    path = legacy_plan(tmp_path / "housing.xlsx")
    outcome = services.refresh(path, generated_at=FIRST)
    assert outcome.result.plan.directorate == "Housing" and outcome.result.as_of == AS_OF
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Plan 2008", *services_rebuilt()]
    ws = wb["Plan 2008"]
    assert [ws.cell(4, c).value for c in range(6, 12)] == [*COMPUTED, None]
    assert [ws.cell(7, c).value for c in range(6, 11)] == list(COMPUTED)  # the repeated header
    assert ws["F5"].value == "Red" and ws["F6"].value == "Green" and ws["F8"].value == "Grey"
    assert ws["F12"].value == "Not part of the table"
    skip = frozenset({(layout.SUMMARY, stamp_cell(path))})
    before = snapshot(path, skip)
    services.refresh(path, generated_at=SECOND)
    assert snapshot(path, skip) == before


def services_rebuilt() -> list[str]:
    """The sheets refresh adds to a legacy workbook, in order."""
    return [layout.SUMMARY, layout.EXCEPTIONS, layout.CHECKS, layout.HISTORY]


def test_user_sheet_named_like_a_tool_sheet_is_refused(tmp_path: Path) -> None:
    """A legacy workbook's own 'Summary' sheet is never overwritten: refresh refuses."""
    path = legacy_plan(tmp_path / "housing.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.create_sheet("Summary")["A1"] = "Our own summary for the board"
    wb.save(path)
    before = path.read_bytes()
    with pytest.raises(WouldLoseDataError, match="Summary"):
        services.refresh(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["housing.xlsx"]


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.xlsx")), ids=lambda p: p.stem)
def test_legacy_samples_refresh_idempotently(sample: Path, tmp_path: Path) -> None:
    """Each legacy sample refreshes, then refreshes again to the same workbook."""
    path = Path(shutil.copyfile(sample, tmp_path / sample.name))
    outcome = services.refresh(path, generated_at=FIRST)
    skip = frozenset({(layout.SUMMARY, stamp_cell(path))})
    before = snapshot(path, skip)
    wb = openpyxl.load_workbook(path)
    for title in {a.sheet for a in outcome.result.plan.actions}:
        headings = [c.value for row in wb[title].iter_rows(max_row=40) for c in row]
        assert headings.count("Computed RAG") >= 1
    services.refresh(path, generated_at=SECOND)
    assert snapshot(path, skip) == before


def test_a_text_box_is_kept_byte_for_byte(realworld_dir: Path, tmp_path: Path) -> None:
    """A workbook with a text box refreshes in place; its drawing is copied byte for byte."""
    path = text_box_plan(realworld_dir, tmp_path / "box.xlsx")
    with zipfile.ZipFile(path) as archive:
        drawing = archive.read("xl/drawings/drawing1.xml")
    outcome = services.refresh(path, as_of=AS_OF, generated_at=FIRST)
    assert outcome.wrote and outcome.notes == []
    with zipfile.ZipFile(path) as archive:
        assert archive.read("xl/drawings/drawing1.xml") == drawing
    assert openpyxl.load_workbook(path)["Sheet1"]["E2"].value == "Red"


def typed_into(source: Path, part: str, path: Path) -> Path:
    """A copy of ``source`` at ``path`` with a small table of actions typed onto the empty sheet
    stored in ``part``."""
    rows = [
        ["Ref", "Action", "Lead", "Deadline"],
        ["1", "Review", "AB", "31 March 2008"],
        ["2", "Consult", "CD", "Dec 2008"],
    ]
    xml = "".join(
        f'<row r="{r}">'
        + "".join(
            f'<c r="{"ABCD"[c]}{r}" t="inlineStr"><is><t>{v}</t></is></c>'
            for c, v in enumerate(values)
        )
        + "</row>"
        for r, values in enumerate(rows, 1)
    )
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == part:
                assert b"<sheetData/>" in data
                data = data.replace(b"<sheetData/>", f"<sheetData>{xml}</sheetData>".encode())
            dst.writestr(info, data)
    return path


def text_box_plan(realworld_dir: Path, path: Path) -> Path:
    """The text-box workbook with a small table of actions typed onto its first sheet."""
    return typed_into(realworld_dir / "poi__WithTextBox.xlsx", "xl/worksheets/sheet1.xml", path)


def test_macro_enabled_workbook_keeps_its_macros(realworld_dir: Path, tmp_path: Path) -> None:
    """A .xlsm refreshes in place, keeps its macros and backs up as plan.bak.xlsm."""
    source = realworld_dir / "poi__SimpleMacro.xlsm"
    path = typed_into(source, "xl/worksheets/sheet2.xml", tmp_path / "plan.xlsm")
    original = path.read_bytes()
    outcome = services.refresh(path, as_of=AS_OF, generated_at=FIRST)
    assert outcome.backup == tmp_path / "plan.bak.xlsm"
    assert outcome.backup.read_bytes() == original
    with zipfile.ZipFile(path) as archive, zipfile.ZipFile(source) as before:
        assert archive.read("xl/vbaProject.bin") == before.read("xl/vbaProject.bin")
        assert b"macroEnabled" in archive.read("[Content_Types].xml")
    wb = openpyxl.load_workbook(path, keep_vba=True)
    assert wb["Sheet2"]["E1"].value == "Computed RAG" and wb["Sheet2"]["E2"].value == "Red"
    assert layout.SUMMARY in wb.sheetnames


def test_output_writes_a_copy_and_never_touches_the_original(
    realworld_dir: Path, tmp_path: Path
) -> None:
    """--output writes a refreshed copy that keeps the text box too; the original keeps every
    byte and gets no backup."""
    path = text_box_plan(realworld_dir, tmp_path / "box.xlsx")
    before = path.read_bytes()
    copy = tmp_path / "copy.xlsx"
    outcome = services.refresh(path, output=copy, as_of=AS_OF, generated_at=FIRST)
    assert outcome.output == copy and outcome.backup is None and outcome.notes == []
    assert path.read_bytes() == before
    assert openpyxl.load_workbook(copy)[layout.SUMMARY]["A1"].value == "Summary"
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(copy) as new:
        assert new.read("xl/drawings/drawing1.xml") == old.read("xl/drawings/drawing1.xml")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["box.xlsx", "copy.xlsx"]


def test_output_of_a_plan_leaves_it_byte_identical(plan: Path, tmp_path: Path) -> None:
    """--output writes the refreshed plan elsewhere; no backup, the original untouched."""
    before = plan.read_bytes()
    out = tmp_path / "out" / "refreshed.xlsx"
    out.parent.mkdir()
    outcome = services.refresh(plan, output=out, generated_at=FIRST)
    assert outcome.output == out and outcome.backup is None
    assert plan.read_bytes() == before
    assert openpyxl.load_workbook(out)[layout.ACTIONS]["Q2"].value == "Red"
    assert not plan.with_name("plan.bak.xlsx").exists()


def test_output_that_is_the_input_or_open_is_refused(plan: Path, tmp_path: Path) -> None:
    """--output naming the input, another suffix, or a workbook open in Excel is refused."""
    before = plan.read_bytes()
    with pytest.raises(UsageError):
        services.refresh(plan, output=plan)
    with pytest.raises(UsageError):
        services.refresh(plan, output=tmp_path / "copy.xlsm")
    busy = tmp_path / "busy.xlsx"
    busy.write_bytes(before)
    (tmp_path / "~$busy.xlsx").write_bytes(b"lock")
    from workbook_tools.errors import FileLockedError

    with pytest.raises(FileLockedError):
        services.refresh(plan, output=busy)
    assert plan.read_bytes() == before == busy.read_bytes()


def test_a_failing_write_leaves_the_original_as_it_was(
    plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When saving fails half-way (the disk fills up), the original keeps every byte and no
    stray file is left."""
    from workbook_tools.writers.file.package import PackageWriter

    real_write = PackageWriter.write

    def fill_up(self: PackageWriter, target: Path, **kwargs: object) -> None:
        real_write(self, target, **kwargs)
        with open(target, "r+b") as half:
            half.truncate(100)
        raise OSError("disk full")

    before = plan.read_bytes()
    monkeypatch.setattr(PackageWriter, "write", fill_up)
    with pytest.raises(OSError, match="disk full"):
        services.refresh(plan, generated_at=FIRST)
    assert plan.read_bytes() == before
    assert sorted(p.name for p in plan.parent.iterdir()) == ["plan.xlsx"]


def _judged(tmp_path: Path) -> list[Path]:
    books = [user_plan(tmp_path / "plan.xlsx"), legacy_plan(tmp_path / "legacy.xlsx")]
    books += [Path(shutil.copyfile(p, tmp_path / p.name)) for p in sorted(SAMPLES.glob("*.xlsx"))]
    for book in books:
        services.refresh(book, generated_at=FIRST)
    return books


def new_findings(book: Path) -> set[tuple[str, str]]:
    """What openxml-audit finds in a refreshed workbook that it did not find in its backup (the
    original) nor in an empty workbook, counts in the messages aside."""

    def kinds(found: set[tuple[str, str]]) -> set[tuple[str, str]]:
        return {(part, re.sub(r"[0-9]+", "N", text)) for part, text in found}

    backup = book.with_name(book.stem + ".bak" + book.suffix)
    return kinds(audit_errors_beyond_baseline(book)) - kinds(audit_errors_beyond_baseline(backup))


@pytest.mark.slow
@pytest.mark.libreoffice
def test_refreshed_workbooks_pass_libreoffice_and_the_validator(tmp_path: Path) -> None:
    """Every refreshed workbook opens in LibreOffice, and the validator finds nothing new."""
    for book in _judged(tmp_path):
        assert new_findings(book) == set(), book.name
        pdf = soffice_convert(book, "pdf", tmp_path / "pdf")
        assert pdf.stat().st_size > 10_000


def test_actions_typed_below_the_table_extend_it(tmp_path: Path) -> None:
    """Rows typed under the Actions table are rated and the table grows to cover them."""
    path = make_plan(tmp_path / "plan.xlsx", ROWS[:2], as_of=AS_OF)
    wb = openpyxl.load_workbook(path)
    ws = wb[layout.ACTIONS]
    assert ws.tables[layout.ACTIONS_TABLE].ref == "A1:U3"
    for col, value in enumerate(("4.1", "Roads", "Fill potholes", "Cy Dee", None, "Mar 08"), 1):
        ws.cell(5, col, value)  # one blank row, then a row below the table
    wb.save(path)
    services.refresh(path, generated_at=FIRST)
    ws = openpyxl.load_workbook(path)[layout.ACTIONS]
    table = ws.tables[layout.ACTIONS_TABLE]
    assert table.ref == "A1:U5" and table.autoFilter.ref == "A1:U5"
    assert ws["Q5"].value == "Red" and ws["Q4"].value is None


def test_computed_columns_skip_columns_holding_data(tmp_path: Path) -> None:
    """Beside a legacy table, columns that hold the officer's unlabelled notes are skipped."""
    path = legacy_plan(tmp_path / "housing.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["Plan 2008"]["F6"] = "ring Jo"
    wb.save(path)
    services.refresh(path, generated_at=FIRST)
    ws = openpyxl.load_workbook(path)["Plan 2008"]
    assert ws["F6"].value == "ring Jo" and ws["F4"].value is None
    assert [ws.cell(4, c).value for c in range(7, 12)] == list(COMPUTED)


def test_history_sheet_reads_back() -> None:
    """The History sheet's content reads back as the rows it was built from."""
    from workbook_tools.core.model import Grid
    from workbook_tools.tool_sheets import PRIORITIES, history_sheet, read_history

    rows = [
        {"As of": D(2008, 3, 31), "Blue": 1, "Green": 2, "Amber": 0, "Red": 1, "Grey": 0,
         PRIORITIES: {"Homes": {"Blue": 1, "Green": 2, "Amber": 0, "Red": 1, "Grey": 0}}},
        {"As of": D(2008, 6, 30), "Blue": 0, "Green": 1, "Amber": 2, "Red": 1, "Grey": 1,
         PRIORITIES: {"=Roads": {"Blue": 0, "Green": 1, "Amber": 2, "Red": 1, "Grey": 1}}},
    ]  # fmt: skip
    content = history_sheet(rows)
    width = max(c for _, c in content.cells)
    grid = Grid("History", [[None] * width for _ in range(content.last_row)])
    for (r, c), spec in content.cells.items():
        grid.rows[r - 1][c - 1] = spec.value
    back = read_history(grid)
    assert [row["As of"] for row in back] == [D(2008, 3, 31), D(2008, 6, 30)]
    assert back[0]["Total"] == 4 and back[0]["On track (%)"] == 75.0
    assert back[1][PRIORITIES] == rows[1][PRIORITIES]


def test_sheet_content_needs_no_spreadsheet_library() -> None:
    """The tool sheets' content is built without openpyxl, xlwings or matplotlib."""
    import subprocess
    import sys

    code = (
        "import sys, workbook_tools.tool_sheets; "
        "bad = {'openpyxl', 'xlwings', 'matplotlib'} & set(sys.modules); "
        "print(*sorted(bad)); sys.exit(1 if bad else 0)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def chart_sheet_plan(path: Path) -> Path:
    """A plan written by XlsxWriter (as Excel lays it out) with a chart sheet after it."""
    import xlsxwriter

    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("Plan")
    rows = [
        ["Ref", "Action", "Lead", "Deadline", "% Complete"],
        ["1.1", "Build homes", "Jo", "31 March 2008", 40],
        ["1.2", "Let contracts", "Ann", "Dec 08", 10],
    ]
    for r, values in enumerate(rows):
        sheet.write_row(r, 0, values)
    chart = book.add_chart({"type": "column"})
    chart.add_series({"values": "=Plan!$E$2:$E$3", "categories": "=Plan!$A$2:$A$3"})
    book.add_chartsheet("Progress chart").set_chart(chart)
    book.close()
    return path


def test_chart_sheet_is_kept_byte_for_byte(tmp_path: Path) -> None:
    """A chart sheet, its drawing and its chart come through a refresh unchanged."""
    path = chart_sheet_plan(tmp_path / "charted.xlsx")
    with zipfile.ZipFile(path) as archive:
        before = {n: archive.read(n) for n in archive.namelist() if "chart" in n or "drawing" in n}
    services.refresh(path, as_of=AS_OF, generated_at=FIRST)
    with zipfile.ZipFile(path) as archive:
        assert {n: archive.read(n) for n in before} == before
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Plan", "Progress chart", *services_rebuilt()]


def test_a_plan_with_no_actions_yet_gets_a_summary_saying_so(tmp_path: Path) -> None:
    """A plan with no actions yet is written: the Summary says there are none (no tables, no
    charts), History gains no row of noughts, the check after writing passes."""
    from workbook_tools.tool_sheets.summary import NO_ACTIONS
    from workbook_tools.writers.file.package_refresh import write_refresh

    path = make_plan(tmp_path / "plan.xlsx", ROWS[:1], as_of=AS_OF)
    book = services.load(path, fast=True)
    result = services.evaluate(book)
    result.plan.actions.clear()
    result.ratings.clear()
    result.checks.clear()
    target = tmp_path / "written.xlsx"
    written = write_refresh(
        path, target, result, book, history=[], generated_at=FIRST, formulas=False
    )
    assert written.losses(path, target) == []
    wb = openpyxl.load_workbook(target)
    summary = wb[layout.SUMMARY]
    assert NO_ACTIONS in [c.value for row in summary.iter_rows() for c in row]
    assert not summary._charts and not summary._images
    assert wb[layout.HISTORY]["A5"].value is None
    assert wb[layout.ACTIONS]["Q2"].value is None  # the row is not an action: emptied


def tampered(path: Path, part: str, old: bytes, new: bytes, target: Path) -> Path:
    """A copy of ``path`` with ``old`` replaced by ``new`` (once) in ``part``."""
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == part:
                assert old in data, old
                data = data.replace(old, new, 1)
            dst.writestr(info, data)
    return target


def test_the_check_after_writing_catches_what_a_writer_could_get_wrong(
    plan: Path, tmp_path: Path
) -> None:
    """On a sheet refresh wrote into, a changed user cell, a user cell's changed format, or a
    value changed in the Timeline's styled column is a loss; the owned cells are not."""
    from workbook_tools.writers.file.package_refresh import write_refresh

    book = services.load(plan, fast=True)
    result = services.evaluate(book)
    out = tmp_path / "out.xlsx"
    written = write_refresh(plan, out, result, book, history=[], generated_at=FIRST, formulas=True)

    def check(target: Path) -> list[str]:
        return written.losses(plan, target)

    assert check(out) == []
    actions, timeline = "xl/worksheets/sheet3.xml", "xl/worksheets/sheet5.xml"
    with zipfile.ZipFile(out) as archive:
        cells = archive.read(actions)
    b2 = re.search(rb'<c r="B2" s="([0-9]+)"[^>]*>.*?</c>', cells)
    cases = {
        "value": (actions, b2.group(0), b2.group(0).replace(b"Homes", b"Roads")),
        "format": (actions, b2.group(0), b2.group(0).replace(b2.group(1), b"0", 1)),
        "styled": (timeline, b"1.1</t>", b"1.2</t>"),
    }
    for name, (part, old, new) in cases.items():
        losses = check(tampered(out, part, old, new, tmp_path / f"{name}.xlsx"))
        assert len(losses) == 1, (name, losses)
    q2 = re.search(rb'<c r="Q2"[^>]*>.*?</c>', cells).group(0)
    assert check(tampered(out, actions, q2, b"", tmp_path / "owned.xlsx")) == []


def test_a_fresh_plan_from_new_refreshes(tmp_path: Path) -> None:
    """A plan just made by `workbook-tools new` refreshes; its Summary says there are no actions
    yet and its History gains no row; a second refresh changes only the generated time."""
    from workbook_tools.tool_sheets.summary import NO_ACTIONS

    path = services.new_plan(tmp_path / "new.xlsx", directorate="Resources", plan_year="2008/09")
    services.refresh(path, as_of=AS_OF, generated_at=FIRST)
    wb = openpyxl.load_workbook(path)
    assert NO_ACTIONS in [c.value for row in wb[layout.SUMMARY].iter_rows() for c in row]
    assert wb[layout.HISTORY]["A5"].value is None
    skip = frozenset({(layout.SUMMARY, stamp_cell(path))})
    before = snapshot(path, skip)
    services.refresh(path, as_of=AS_OF, generated_at=SECOND)
    assert snapshot(path, skip) == before
