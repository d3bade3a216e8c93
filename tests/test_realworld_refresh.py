"""The real workbooks saved by Excel, Google Sheets and LibreOffice: add an action sheet to each
and refresh it in place. Either nothing of the original is lost, or refresh refuses cleanly and
the file is byte-identical."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from workbook_tools.cli import main

REALWORLD = Path(__file__).resolve().parent.parent.parent / "shared" / "realworld"
FILES = sorted(p.name for p in REALWORLD.glob("*.xls*")) if REALWORLD.is_dir() else []

#: Real workbooks refresh writes back in place; every other one must be refused (it holds
#: slicers, timelines, threaded comments, form controls, in-cell pictures or check boxes, data
#: connections, Excel 2010 validations or formats, Google Sheets data, or a far cell).
REFRESHED = {
    "calamine__date.xlsx",
    "calamine__merged_range.xlsx",
    "calamine__table-multiple.xlsx",
    "poi__46535.xlsx",
    "poi__DataValidations-49244.xlsx",
    "poi__DateFormatTests.xlsx",
    "poi__ExcelTables.xlsx",
    "poi__SimpleMacro.xlsm",
    "xlsxwriter__data_validation02.xlsx",
    "xlsxwriter__merge_range01.xlsx",
    "xlsxwriter__table01.xlsx",
}

ACTIONS_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    + "".join(
        f'<row r="{r}">'
        + "".join(
            f'<c r="{col}{r}" t="inlineStr"><is><t>{text}</t></is></c>'
            for col, text in zip("ABCDE", cells, strict=True)
        )
        + "</row>"
        for r, cells in enumerate(
            [
                ("Ref", "Action", "Lead", "Deadline", "Status"),
                ("1.1", "Publish the plan", "AB", "Mar 08", "In progress"),
                ("1.2", "Consult residents", "CD", "Dec 08", "Not started"),
                ("1.3", "Review the results", "EF", "Ongoing", "In progress"),
            ],
            start=1,
        )
    )
    + "</sheetData></worksheet>"
).encode()

#: Parts a save may rewrite (their content is compared by reading the workbook back instead).
REWRITTEN = re.compile(
    r"^(\[Content_Types\]\.xml|_rels/|docProps/|xl/(workbook\.xml|_rels/|styles\.xml|"
    r"sharedStrings\.xml|calcChain\.xml|theme/|worksheets/|printerSettings/))"
)


def add_action_sheet(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` with a sheet "Plan actions" added by editing the package,
    every other part kept byte for byte (a save through a library would itself drop parts)."""
    with zipfile.ZipFile(source) as old:
        parts = {info.filename: old.read(info) for info in old.infolist()}
    names = set(parts)
    n = 1
    while f"xl/worksheets/sheet{n}.xml" in names:
        n += 1
    part = f"worksheets/sheet{n}.xml"
    parts[f"xl/{part}"] = ACTIONS_XML
    rels = parts["xl/_rels/workbook.xml.rels"].decode("utf-8")
    rel_id = "rIdPlan1"
    rels = rels.replace(
        "</Relationships>",
        f'<Relationship Id="{rel_id}" Type="http://schemas.openxmlformats.org/officeDocument/'
        f'2006/relationships/worksheet" Target="{part}"/></Relationships>',
    )
    parts["xl/_rels/workbook.xml.rels"] = rels.encode()
    workbook = parts["xl/workbook.xml"].decode("utf-8")
    ids = [int(x) for x in re.findall(r'sheetId="(\d+)"', workbook)]
    prefix = re.search(r"<(\w+:)?sheets>", workbook).group(1) or ""
    workbook = workbook.replace(
        f"</{prefix}sheets>",
        f'<{prefix}sheet xmlns:wbtr="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships" name="Plan actions" sheetId="{max(ids, default=0) + 1}" '
        f'wbtr:id="{rel_id}"/></{prefix}sheets>',
    )
    parts["xl/workbook.xml"] = workbook.encode()
    types = parts["[Content_Types].xml"].decode("utf-8")
    types = types.replace(
        "</Types>",
        f'<Override PartName="/xl/{part}" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.worksheet+xml"/></Types>',
    )
    parts["[Content_Types].xml"] = types.encode()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in parts.items():
            new.writestr(name, data)


def _values(path: Path) -> dict[str, list[tuple]]:
    from python_calamine import CalamineWorkbook

    with CalamineWorkbook.from_path(str(path)) as wb:
        return {
            name: [tuple(row) for row in wb.get_sheet_by_name(name).to_python()]
            for name in wb.sheet_names
        }


@pytest.mark.slow
@pytest.mark.skipif(not FILES, reason="../shared/realworld is not beside the repository")
@pytest.mark.parametrize("name", FILES)
def test_refresh_loses_nothing_or_refuses_cleanly(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Refresh in place keeps every sheet, value and part of a real workbook, or refuses with one
    line and leaves it byte-identical."""
    plan = tmp_path / name
    add_action_sheet(REALWORLD / name, plan)
    before = plan.read_bytes()
    original_parts = set(zipfile.ZipFile(plan).namelist())
    code = main(["refresh", str(plan), "--as-of", "2008-06-30"])
    _, err = capsys.readouterr()
    assert (code != 2) == (name in REFRESHED), err
    if code == 2:
        assert "would remove" in err or "would need over" in err
        assert err.count("\n") == 1 and plan.name in err and "Traceback" not in err
        assert plan.read_bytes() == before
        assert sorted(p.name for p in tmp_path.iterdir()) == [name]
        return
    assert code in (0, 1), err
    backup = plan.with_name(plan.stem + ".bak" + plan.suffix)
    assert backup.read_bytes() == before
    kept = set(zipfile.ZipFile(plan).namelist())
    lost = {p for p in original_parts - kept if not REWRITTEN.match(p)}
    assert not lost, f"parts lost: {sorted(lost)}"
    old, new = _values(backup), _values(plan)
    for sheet, rows in old.items():
        assert sheet in new, f"sheet {sheet} lost"
        if sheet == "Plan actions":
            assert [r[:5] for r in new[sheet]] == [r[:5] for r in rows]
        else:
            assert new[sheet] == rows, f"values changed on {sheet}"
    order = [s for s in new if s in old]
    assert order == list(old)


def test_the_sheet_adder_makes_a_readable_workbook(tmp_path: Path) -> None:
    """The test's own package edit gives a workbook the product reads, with the other parts kept."""
    import openpyxl

    source = tmp_path / "source.xlsx"
    openpyxl.Workbook().save(source)
    target = tmp_path / "plan.xlsx"
    add_action_sheet(source, target)
    shutil.copy(target, tmp_path / "copy.xlsx")
    assert main(["check", str(target), "--as-of", "2008-06-30", "--json"]) in (0, 1)
