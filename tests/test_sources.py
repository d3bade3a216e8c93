"""The source adapters as one (sources/__init__.py): load_book picks the reader by extension, every
reader refuses a damaged, missing or folder path in one sentence, both workbook readers cap a
sheet's size and load every real workbook."""

from __future__ import annotations

import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest
from source_books import realworld_workbooks

from workbook_tools.core.model import Grid
from workbook_tools.errors import LegacyXlsError, NotAWorkbookError, WorkbookToolsError
from workbook_tools.sources import grids, load_book
from workbook_tools.sources.calamine import load_xlsx_fast
from workbook_tools.sources.grids import SheetTruncatedWarning
from workbook_tools.sources.text import load_text
from workbook_tools.sources.xlsx import load_xlsx

REPO = Path(__file__).resolve().parent.parent


def _zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def _damaged_sheet(path: Path, source: Path) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            new.writestr(item, data)
    return path


def make_broken(kind: str, path: Path, good: Path) -> Path:
    """A file at ``path`` that is damaged or not a workbook in the way ``kind`` says."""
    with zipfile.ZipFile(good) as archive:
        content_types = archive.read("[Content_Types].xml")
        rels = archive.read("_rels/.rels")
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "text":
        path.write_text("Ref,Action\n1,Do it\n")
    elif kind == "html":
        path.write_text("<html><body><table><tr><td>1</td></tr></table></body></html>")
    elif kind == "truncated zip":
        path.write_bytes(good.read_bytes()[:3000])
    elif kind == "zip of something else":
        _zip(path, {"readme.txt": b"hello"})
    elif kind == "garbage workbook part":
        _zip(
            path,
            {
                "[Content_Types].xml": content_types,
                "_rels/.rels": rels,
                "xl/workbook.xml": b"<workbook><sheets><sheet",
            },
        )
    elif kind == "half a sheet":
        _damaged_sheet(path, good)
    elif kind == "legacy xls bytes":
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" * 64)
    else:
        raise AssertionError(kind)
    return path


BROKEN = [
    "empty",
    "garbage workbook part",
    "half a sheet",
    "html",
    "legacy xls bytes",
    "text",
    "truncated zip",
    "zip of something else",
]


@pytest.mark.parametrize("loader", [load_xlsx, load_xlsx_fast], ids=["openpyxl", "calamine"])
@pytest.mark.parametrize("kind", BROKEN)
def test_damaged_file_is_not_a_workbook(tmp_path: Path, plan_xlsx: Path, kind: str, loader):
    """Whatever is wrong inside the file, the user gets one sentence, never a traceback."""
    path = make_broken(kind, tmp_path / "broken.xlsx", plan_xlsx)
    with pytest.raises(NotAWorkbookError) as caught:
        loader(path)
    message = str(caught.value)
    assert message.startswith("broken.xlsx: ")
    assert "not an Excel workbook (.xlsx) or is damaged" in message
    assert "save it as .xlsx" in message and "\n" not in message


@pytest.mark.parametrize("loader", [load_xlsx, load_xlsx_fast], ids=["openpyxl", "calamine"])
def test_missing_file(tmp_path: Path, loader) -> None:
    """A path that does not exist is reported as such, naming the file."""
    with pytest.raises(NotAWorkbookError, match=r"^nowhere\.xlsx: the file cannot be found"):
        loader(tmp_path / "nowhere.xlsx")


@pytest.mark.parametrize("loader", [load_xlsx, load_xlsx_fast, load_text])
def test_folder_is_not_a_file(tmp_path: Path, loader) -> None:
    """A folder given as the file is reported as a folder."""
    folder = tmp_path / "plans.xlsx"
    folder.mkdir()
    with pytest.raises(NotAWorkbookError, match=r"^plans\.xlsx: this is a folder, not a file"):
        loader(folder)


def test_large_sheet_is_truncated_with_warning(tmp_path: Path, monkeypatch) -> None:
    """Rows and columns beyond the caps are ignored, and both readers say so."""
    monkeypatch.setattr(grids, "MAX_ROWS", 3)
    monkeypatch.setattr(grids, "MAX_COLS", 4)
    wb = openpyxl.Workbook()
    for r in range(5):
        wb.active.append([f"r{r}c{c}" for c in range(6)])
    wb.save(tmp_path / "big.xlsx")
    expected = [[f"r{r}c{c}" for c in range(4)] for r in range(3)]
    for loader in (load_xlsx, load_xlsx_fast):
        with pytest.warns(SheetTruncatedWarning, match="only the first 3 rows and 4 columns"):
            book = loader(tmp_path / "big.xlsx")
        assert book.sheets[0].rows == expected


def test_styles_beyond_caps_are_not_truncation(tmp_path: Path, monkeypatch) -> None:
    """Empty styled cells beyond the caps (some programs write them) raise no warning."""
    monkeypatch.setattr(grids, "MAX_ROWS", 3)
    monkeypatch.setattr(grids, "MAX_COLS", 4)
    wb = openpyxl.Workbook()
    wb.active.append(["a", "b"])
    wb.active["H1"].number_format = "0.00"
    wb.active["A9"].number_format = "0.00"
    wb.save(tmp_path / "styled.xlsx")
    with warnings.catch_warnings():
        warnings.simplefilter("error", SheetTruncatedWarning)
        assert load_xlsx(tmp_path / "styled.xlsx").sheets[0].rows == [["a", "b"]]
        assert load_xlsx_fast(tmp_path / "styled.xlsx").sheets[0].rows == [["a", "b"]]


@pytest.mark.slow
def test_realworld_workbooks_load(realworld_dir: Path) -> None:
    """Every real workbook (the .xlsm too) loads with both readers, keeping every sheet name."""
    problems = []
    for path in realworld_workbooks(realworld_dir):
        try:
            slow = load_xlsx(path)
            fast = load_xlsx_fast(path)
        except WorkbookToolsError as exc:
            problems.append(f"{path.name}: {exc}")
            continue
        if [g.name for g in slow.sheets] != [g.name for g in fast.sheets]:
            problems.append(f"{path.name}: sheets differ")
    assert not problems, problems


@pytest.mark.slow
def test_realworld_merged_ranges(realworld_dir: Path) -> None:
    """In a workbook saved by Excel, the cells covered by merged ranges read as empty."""
    path = realworld_dir / "calamine__merged_range.xlsx"
    for loader in (load_xlsx, load_xlsx_fast):
        grid = loader(path).sheet("Sheet1")
        assert grid.rows[0] == ["A1", "B1", "C1", None, "E1", "F1", "G1", "H1"]
        assert grid.rows[1] == []  # the second row of the A1:A2 … H1:H2 merges
        assert grid.value(2, 3) is None and grid.value(3, 3) is None  # C3:D3, C4:D4


def test_load_book_dispatches_on_extension(tmp_path: Path, plan_xlsx: Path) -> None:
    """.xlsx goes to openpyxl or calamine (fast), both with fills; .CSV to the text reader."""
    assert load_book(plan_xlsx).sheet("Timeline").fills
    assert load_book(plan_xlsx, fast=True).sheet("Timeline").fills
    csv_path = tmp_path / "PLAN.CSV"
    csv_path.write_text("Ref,Action\n1,Plan\n", encoding="utf-8")
    book = load_book(csv_path)
    assert isinstance(book.sheets[0], Grid) and book.sheets[0].name == "PLAN"


@pytest.mark.parametrize("name", ["plan.docx", "plan"])
def test_load_book_refuses_other_extensions(tmp_path: Path, name: str) -> None:
    """Other extensions are refused, naming the extension and what is accepted."""
    path = tmp_path / name
    path.write_bytes(b"whatever")
    with pytest.raises(NotAWorkbookError) as caught:
        load_book(path)
    message = str(caught.value)
    assert (Path(name).suffix or "without an extension") in message
    assert ".xlsx" in message and "CSV" in message


@pytest.mark.parametrize("name", ["plan.ods", "plan.xls", "plan.xlsb"])
def test_load_book_damaged_other_formats(tmp_path: Path, name: str) -> None:
    """A damaged .ods, .xls or .xlsb is refused in one sentence naming what it should be."""
    path = tmp_path / name
    path.write_bytes(b"whatever")
    with pytest.raises(NotAWorkbookError, match=r"or is damaged"):
        load_book(path)


def test_load_book_legacy_template(tmp_path: Path) -> None:
    """An Excel 97-2003 template (.xlt) is refused with the advice to save it as .xlsx."""
    with pytest.raises(LegacyXlsError, match=r"save it as Excel Workbook \(\.xlsx\)"):
        load_book(tmp_path / "old plan.xlt")


def test_import_is_cheap() -> None:
    """Importing the adapters does not import openpyxl or python-calamine."""
    code = (
        "import sys, workbook_tools.sources; "
        "print([m for m in ('openpyxl', 'python_calamine', 'defusedxml') if m in sys.modules])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
