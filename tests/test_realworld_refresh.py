"""The real workbooks saved by Excel, Google Sheets and LibreOffice: add an action sheet to each
and refresh it in place. Every part refresh does not own comes through byte for byte and every
value is kept (the gnumeric file that formats every cell up to XFD1048576 included: refresh
copies a sparse sheet row by row)."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from workbook_tools.cli import main

REALWORLD = Path(__file__).resolve().parent.parent.parent / "shared" / "realworld"
FILES = sorted(p.name for p in REALWORLD.glob("*.xls*")) if REALWORLD.is_dir() else []

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

#: The parts of a workbook refresh owns (the action sheet itself is found by name).
OWNED = re.compile(
    r"^(\[Content_Types\]\.xml|xl/_rels/workbook\.xml\.rels|xl/workbook\.xml|xl/styles\.xml|"
    r"xl/sharedStrings\.xml|xl/calcChain\.xml)$"
)
PLAN_SHEET = "Plan actions"


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


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def _sheet_part(parts: dict[str, bytes], name: str) -> str:
    """The part of the sheet called ``name``, found through the workbook's relationships."""
    workbook = parts["xl/workbook.xml"].decode("utf-8")
    rel_id = re.search(rf'name="{name}"[^>]*?\s(?:\w+:)?id="([^"]+)"', workbook).group(1)
    rels = parts["xl/_rels/workbook.xml.rels"].decode("utf-8")
    target = re.search(rf'<Relationship[^>]*Id="{rel_id}"[^>]*>', rels).group(0)
    return "xl/" + re.search(r'Target="/?(?:xl/)?([^"]+)"', target).group(1)


def refreshed(name: str, folder: Path) -> tuple[Path, Path]:
    """The real workbook ``name`` with an action sheet added, refreshed in place in ``folder``;
    returns the workbook and its backup."""
    plan = folder / name
    add_action_sheet(REALWORLD / name, plan)
    assert main(["refresh", str(plan), "--as-of", "2008-06-30"]) in (0, 1)
    return plan, plan.with_name(plan.stem + ".bak" + plan.suffix)


@pytest.mark.slow
@pytest.mark.skipif(not FILES, reason="../shared/realworld is not beside the repository")
@pytest.mark.parametrize("name", FILES)
def test_refresh_keeps_every_part_it_does_not_own(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Refresh in place keeps every sheet and value of a real workbook, and every part it does
    not own byte for byte."""
    plan = tmp_path / name
    add_action_sheet(REALWORLD / name, plan)
    before = plan.read_bytes()
    code = main(["refresh", str(plan), "--as-of", "2008-06-30"])
    _, err = capsys.readouterr()
    assert code in (0, 1), err
    backup = plan.with_name(plan.stem + ".bak" + plan.suffix)
    assert backup.read_bytes() == before
    old, new = _parts(backup), _parts(plan)
    owned = {p for p in old if OWNED.match(p)} | {_sheet_part(old, PLAN_SHEET)}
    assert set(old) <= set(new), f"parts lost: {sorted(set(old) - set(new))}"
    changed = sorted(p for p in old if old[p] != new[p] and p not in owned)
    assert not changed, f"parts changed: {changed}"
    values_before, values_after = _values(backup), _values(plan)
    for sheet, rows in values_before.items():
        assert sheet in values_after, f"sheet {sheet} lost"
        if sheet == PLAN_SHEET:
            assert [r[:5] for r in values_after[sheet]] == [r[:5] for r in rows]
        else:
            assert values_after[sheet] == rows, f"values changed on {sheet}"
    order = [s for s in values_after if s in values_before]
    assert order == list(values_before)


@pytest.mark.slow
@pytest.mark.libreoffice
@pytest.mark.skipif(not FILES, reason="../shared/realworld is not beside the repository")
def test_refreshed_real_workbooks_open_in_libreoffice_and_pass_the_validator(
    tmp_path: Path,
) -> None:
    """Every refreshed real workbook opens in LibreOffice, and openxml-audit finds nothing in it
    that it did not find in the original."""
    from judges import audit_errors_beyond_baseline, soffice_convert_all

    def kinds(path: Path) -> set[tuple[str, str]]:
        found = audit_errors_beyond_baseline(path)
        return {(part, re.sub(r"[0-9]+", "N", text)) for part, text in found}

    books = []
    for name in FILES:
        plan, backup = refreshed(name, tmp_path)
        assert kinds(plan) - kinds(backup) == set(), name
        books.append(plan)
    for pdf in soffice_convert_all(books, "pdf", tmp_path / "pdf"):
        assert pdf.stat().st_size > 1000, pdf.name


def test_the_sheet_adder_makes_a_readable_workbook(tmp_path: Path) -> None:
    """The test's own package edit gives a workbook the product reads, with the other parts kept."""
    import openpyxl

    source = tmp_path / "source.xlsx"
    openpyxl.Workbook().save(source)
    target = tmp_path / "plan.xlsx"
    add_action_sheet(source, target)
    shutil.copy(target, tmp_path / "copy.xlsx")
    assert main(["check", str(target), "--as-of", "2008-06-30", "--json"]) in (0, 1)
