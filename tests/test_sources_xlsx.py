"""The openpyxl reader (sources/xlsx.py): values of every type, fills that mark a month, merged
ranges, percent formats, defined names, escapes, size caps, LibreOffice's and Excel's copies."""

from __future__ import annotations

import datetime as dt
import inspect
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import PatternFill
from openpyxl.styles.colors import Color
from source_books import (
    EXPECTED_ACTIONS,
    EXPECTED_NAMES,
    TIMELINE_FILLS,
    assert_same_books,
    assert_same_rows,
    build_plan,
    sha256,
    solid,
)

from workbook_tools.sources import grids, load_book
from workbook_tools.sources.calamine import load_xlsx_fast
from workbook_tools.sources.grids import SheetTruncatedWarning
from workbook_tools.sources.values import unescape
from workbook_tools.sources.xlsx import is_mark_fill, load_xlsx


def test_values_of_every_type(plan_xlsx: Path) -> None:
    """Strings, ints, floats, bools and dates come back as written; dates as datetimes."""
    book = load_xlsx(plan_xlsx)
    assert book.path == str(plan_xlsx)
    assert_same_rows(book.sheet("Actions").rows, EXPECTED_ACTIONS)


def test_chart_sheets_are_skipped(plan_xlsx: Path) -> None:
    """Every worksheet is a grid, in workbook order; the chart sheet is not."""
    names = ["Actions", "Timeline", "Settings", "Plan settings 08"]
    assert [g.name for g in load_xlsx(plan_xlsx).sheets] == names
    assert [g.name for g in load_xlsx_fast(plan_xlsx).sheets] == names


def test_solid_non_white_fills_are_marks(plan_xlsx: Path) -> None:
    """RGB, theme, indexed and darkened-white solid fills count; white and patterns do not."""
    fills = load_xlsx(plan_xlsx).sheet("Timeline").fills
    row2 = {c for r, c in fills if r == 1}
    expected = {ord(letter) - 65 for letter, (_, mark) in TIMELINE_FILLS.items() if mark}
    assert row2 == expected | {12}  # M2 is a mark right of the last value


def test_merged_range_fill_and_value(plan_xlsx: Path) -> None:
    """A merged range keeps its value top-left; all its cells are filled iff the top-left is."""
    grid = load_xlsx(plan_xlsx).sheet("Timeline")
    assert grid.rows[3] == ["Merged heading", None, None, "Unfilled merge"]
    assert grid.value(4, 0) is None
    merged = {(r, c) for r in (3, 4) for c in (0, 1, 2)}
    assert merged <= grid.fills
    assert (3, 3) not in grid.fills and (3, 4) not in grid.fills


def test_merged_covered_values_are_dropped(tmp_path: Path) -> None:
    """Values a program left in the covered cells of a merged range are not read."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["top-left", "covered", "also covered"])
    ws.append(["below"])
    ws.merged_cells.add("A1:C1")  # keeps B1 and C1 in the file, as some programs write them
    wb.save(tmp_path / "covered.xlsx")
    with zipfile.ZipFile(tmp_path / "covered.xlsx") as archive:
        assert b"covered" in archive.read("xl/worksheets/sheet1.xml")
    for loader in (load_xlsx, load_xlsx_fast):
        assert loader(tmp_path / "covered.xlsx").sheets[0].rows == [["top-left"], ["below"]]


def test_merged_column_stays_small(tmp_path: Path) -> None:
    """A filled range merged down a whole column marks only the rows the sheet uses."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "Side title"
    ws["A1"].fill = solid("FF00B050")
    ws.merged_cells.add("A1:A1048576")  # as Excel writes it; merge_cells would be slow
    ws["B3"] = "last row"
    wb.save(tmp_path / "column.xlsx")
    grid = load_xlsx(tmp_path / "column.xlsx").sheets[0]
    assert grid.fills == {(0, 0), (1, 0), (2, 0)}
    assert grid.rows == [["Side title"], [], [None, "last row"]]


def test_percent_formats(plan_xlsx: Path) -> None:
    """Cells shown as percentages are listed; a quoted per-cent sign is not a percentage."""
    book = load_xlsx(plan_xlsx)
    assert book.sheet("Actions").percent == {(1, 5), (2, 5)}
    assert book.sheet("Settings").percent == {(7, 1)}


def test_styles_false_skips_fills_and_formats(plan_xlsx: Path) -> None:
    """``styles=False`` gives the same values with no fills or percent cells."""
    plain = load_xlsx(plan_xlsx, styles=False)
    assert all(not g.fills and not g.percent for g in plain.sheets)
    assert_same_books(plain, load_xlsx(plan_xlsx), styles=False)


def test_trailing_empty_cells_trimmed(plan_xlsx: Path) -> None:
    """Styled empty cells far below and right of the data do not lengthen the grid."""
    grid = load_xlsx(plan_xlsx).sheet("Actions")
    assert len(grid.rows) == 6
    assert grid.width == 8


def test_defined_names(plan_xlsx: Path) -> None:
    """Workbook names of one cell resolve to its value; ranges, formulas, constants, broken,
    external, sheet-scoped and Excel's own names are left out."""
    assert load_xlsx(plan_xlsx).names == EXPECTED_NAMES
    assert load_xlsx_fast(plan_xlsx).names == EXPECTED_NAMES


@pytest.mark.parametrize(
    ("fill", "mark"),
    [
        (solid("FF92D050"), True),
        (solid("92D050"), True),
        (solid("FFffffff"), False),
        (solid(Color(theme=9)), True),
        (solid(Color(theme=0, tint=0.5)), False),
        (solid(Color(theme=0, tint=-0.05)), True),
        (solid(Color(theme=1)), True),
        (solid(Color(indexed=1)), False),
        (solid(Color(indexed=65)), False),
        (solid(Color(indexed=64)), True),
        (solid(Color(indexed=13)), True),
        (solid(Color(auto=True)), True),
        (PatternFill(fill_type=None), False),
        (PatternFill("darkGrid", fgColor="FFFF0000"), False),
        (openpyxl.styles.GradientFill(stop=("FF0000", "00FF00")), False),
    ],
)
def test_is_mark_fill(fill: object, mark: bool) -> None:
    """Which fills count as a month-grid mark."""
    assert is_mark_fill(fill, openpyxl.styles.colors.COLOR_INDEX) is mark


def test_custom_palette_resolves_indexed_colours() -> None:
    """An indexed colour is looked up in the workbook's own palette when it has one."""
    palette = ["FF000000"] * 10
    palette[3] = "FFFFFFFF"
    assert not is_mark_fill(solid(Color(indexed=3)), palette)
    assert is_mark_fill(solid(Color(indexed=9)), palette)


def test_escaped_characters_are_decoded(tmp_path: Path) -> None:
    """Excel's ``_x000D_`` escapes become the characters they stand for, in both readers."""
    wb = openpyxl.Workbook()
    wb.active.append(["Line one_x000D_\nLine two", "a_x005F_x0041_b", "_x0041__x00e9_"])
    wb.save(tmp_path / "escapes.xlsx")
    expected = [["Line one\r\nLine two", "a_x0041_b", "Aé"]]
    assert load_xlsx(tmp_path / "escapes.xlsx").sheets[0].rows == expected
    assert load_xlsx_fast(tmp_path / "escapes.xlsx").sheets[0].rows == expected
    assert unescape("_xD83D__xDE00_") == "😀"


def test_openpyxl_formulas_have_no_cached_value(tmp_path: Path) -> None:
    """A formula written by openpyxl was never calculated, so it reads as empty."""
    wb = openpyxl.Workbook()
    wb.active.append([3, 4, "=A1*B1"])
    wb.save(tmp_path / "formula.xlsx")
    assert load_xlsx(tmp_path / "formula.xlsx").sheets[0].rows == [[3, 4]]
    assert load_xlsx_fast(tmp_path / "formula.xlsx").sheets[0].rows == [[3, 4]]


def test_xlsm_is_read(tmp_path: Path) -> None:
    """A macro-enabled workbook reads like any other."""
    path = build_plan(tmp_path / "plan.xlsm", chart=False)
    assert_same_rows(load_book(path).sheet("Actions").rows, EXPECTED_ACTIONS)
    assert_same_rows(load_book(path, fast=True).sheet("Actions").rows, EXPECTED_ACTIONS)


def test_reading_never_changes_the_file(plan_xlsx: Path) -> None:
    """Both readers leave the workbook's bytes and modification time as they were."""
    before = (sha256(plan_xlsx), plan_xlsx.stat().st_mtime_ns)
    load_xlsx(plan_xlsx)
    load_xlsx_fast(plan_xlsx)
    assert (sha256(plan_xlsx), plan_xlsx.stat().st_mtime_ns) == before


def test_openpyxl_internals_still_fit() -> None:
    """The openpyxl internals the reader drives still have the shape it expects (3.1.x)."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet
    from openpyxl.worksheet._reader import WorkSheetParser

    params = inspect.signature(WorkSheetParser).parameters
    for name in ("src", "shared_strings", "data_only", "epoch", "date_formats", "rich_text"):
        assert name in params
    assert {"timedelta_formats"} <= set(params)
    assert hasattr(WorkSheetParser, "parse") and hasattr(ReadOnlyWorksheet, "_get_source")
    assert hasattr(ExcelReader, "read_strings")


def test_fill_beyond_caps_is_truncation(tmp_path: Path, monkeypatch) -> None:
    """A fill mark beyond the column cap is content that was not read: it is reported."""
    monkeypatch.setattr(grids, "MAX_COLS", 4)
    wb = openpyxl.Workbook()
    wb.active.append(["a"])
    wb.active["H1"].fill = solid("FF00B050")
    wb.save(tmp_path / "filled.xlsx")
    with pytest.warns(SheetTruncatedWarning):
        grid = load_xlsx(tmp_path / "filled.xlsx").sheets[0]
    assert grid.fills == frozenset()


@pytest.mark.libreoffice
@pytest.mark.slow
def test_libreoffice_copy_reads_the_same(libreoffice_copy: tuple[Path, Path]) -> None:
    """LibreOffice's re-save of a workbook gives the same values, fills, percents and names."""
    original, copy = libreoffice_copy
    ours, theirs = load_xlsx(original), load_xlsx(copy)
    ours.sheets = [g for g in ours.sheets if g.name != "Formulas"]
    theirs.sheets = [g for g in theirs.sheets if g.name != "Formulas"]
    assert_same_books(ours, theirs)
    assert ours.names == EXPECTED_NAMES


@pytest.mark.libreoffice
@pytest.mark.slow
def test_libreoffice_formulas_give_cached_values(libreoffice_copy: tuple[Path, Path]) -> None:
    """Formulas calculated and saved by LibreOffice read as their values, errors as their text."""
    original, copy = libreoffice_copy
    expected = [[3, 4, 12, "#DIV/0!", "Ref 3", False, dt.datetime(2025, 3, 31)]]
    assert load_xlsx(original).sheet("Formulas").rows == [[3, 4]]
    assert_same_rows(load_xlsx(copy).sheet("Formulas").rows, expected)
    assert_same_rows(load_xlsx_fast(copy).sheet("Formulas").rows, expected)


@pytest.mark.slow
def test_realworld_fills(realworld_dir: Path) -> None:
    """Excel's own fills count: an indexed grey header row and theme-tinted cells."""
    header = load_xlsx(realworld_dir / "poi__64759.xlsx").sheet("File")
    assert header.fills == {(0, 0), (0, 1), (0, 2)}  # solid fill, indexed colour 22
    tinted = load_xlsx(realworld_dir / "poi__56644.xlsx").sheet("samplelist")
    assert {(20, 4), (20, 8), (21, 4)} <= tinted.fills  # solid fill, theme 8 with a tint
