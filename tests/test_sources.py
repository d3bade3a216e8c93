"""The source adapters: Excel workbooks (openpyxl and calamine) and CSV/TSV text → Book/Grid."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import inspect
import io
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from judges import require, soffice_convert
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import PatternFill
from openpyxl.styles.colors import Color
from openpyxl.workbook.defined_name import DefinedName

from workbook_tools.core.model import Book, Grid
from workbook_tools.errors import LegacyXlsError, NotAWorkbookError, WorkbookToolsError
from workbook_tools.sources import load_book, text, xlsx
from workbook_tools.sources.calamine import load_xlsx_fast
from workbook_tools.sources.text import choose_delimiter, load_text
from workbook_tools.sources.xlsx import (
    SheetTruncatedWarning,
    is_mark_fill,
    load_xlsx,
    parse_cell_reference,
    unescape,
)

REPO = Path(__file__).resolve().parent.parent

# --------------------------------------------------------------------------------------------
# Workbooks built for the tests
# --------------------------------------------------------------------------------------------


def solid(colour: str | Color) -> PatternFill:
    """A solid fill of ``colour`` (an ARGB string or an openpyxl Color)."""
    return PatternFill("solid", fgColor=colour)


# Timeline row 2: column letter → (fill, counts as a mark?)
TIMELINE_FILLS = {
    "C": (solid("FF00B050"), True),  # RGB green
    "D": (solid(Color(theme=4, tint=0.3999755851924192)), True),  # theme accent, lighter
    "E": (solid(Color(indexed=10)), True),  # indexed red
    "F": (solid("FFFFFFFF"), False),  # white RGB
    "G": (solid(Color(theme=0)), False),  # "Background 1" (white)
    "H": (solid(Color(indexed=9)), False),  # indexed white
    "I": (solid(Color(theme=0, tint=-0.1499984740745262)), True),  # Background 1, darker 15%
    "K": (solid("00FFFFFF"), False),  # white with zero alpha
}


def build_plan(path: Path, *, patterns: bool = True, chart: bool = True) -> Path:
    """A workbook holding every kind of value, fill, merge and name the adapters must handle.

    ``patterns`` adds a non-solid pattern fill (LibreOffice turns those into solid fills, so the
    LibreOffice comparison leaves it out); ``chart`` adds a chart sheet.
    """
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Actions"
    ws.append(["Ref", "Action", "Lead", "Start", "Deadline", "% Complete", "Done", "Risk"])
    ws.append(
        [
            "1.1",
            "Deliver the plan",
            "A. Officer",
            dt.datetime(2024, 4, 1),
            dt.date(2025, 3, 31),
            0.5,
            True,
            3,
        ]
    )
    ws.append(["1.2", "Line one\nLine two", None, "Apr 24", "Mar 08 Mar 09", 0.755, False, 2.5])
    ws.append([])
    ws.append(["<p>Mar 08</p> <p>Apr 09</p>", "£ é – “q” 😀", "  spaced  ", "", -7, 75])
    ws.append([dt.datetime(2024, 6, 30, 14, 30), dt.time(9, 30), dt.timedelta(hours=26)])
    ws["F2"].number_format = "0%"
    ws["F3"].number_format = "0.0%"
    ws["F5"].number_format = "General"
    ws["E5"].number_format = '0"%"'  # shows a per-cent sign without scaling
    ws["C6"].number_format = "[h]:mm:ss"
    ws["D2"].number_format = "dd/mm/yyyy"
    ws["E2"].number_format = "d mmm yyyy"
    # Styled but empty cells far from the data: not content, trimmed away.
    ws["Z40"].number_format = "0.00"
    ws["Z41"].font = openpyxl.styles.Font(bold=True)

    tl = wb.create_sheet("Timeline")
    tl.append(["Ref", "Action", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"])
    tl.append(["1.1", "Deliver the plan"])
    for letter, (fill, _) in TIMELINE_FILLS.items():
        tl[f"{letter}2"].fill = fill
    if patterns:
        tl["J2"].fill = PatternFill("gray125", fgColor="FF000000")
    tl["M2"].fill = solid("FFFF0000")  # a mark right of the last value: kept in fills
    # A merged heading with a fill: every cell of the range counts as filled.
    tl["A4"] = "Merged heading"
    tl.merge_cells("A4:C5")
    tl["A4"].fill = solid("FFFFC000")
    # A merged range whose top-left has no fill: a fill on a covered cell does not count.
    tl["D4"] = "Unfilled merge"
    tl.merge_cells("D4:E4")
    tl["E4"].fill = solid("FFFF0000")

    st_ = wb.create_sheet("Settings")
    st_.append(["Setting", "Value"])
    for _ in range(4):
        st_.append([])
    st_["A6"], st_["B6"] = "Amber window (days)", 30
    st_["A7"], st_["B7"] = "As-of date", dt.date(2024, 9, 30)
    st_["A8"], st_["B8"] = "Progress tolerance", 0.25
    st_["B8"].number_format = "0%"
    st_["A9"] = "Send returns to"
    named = wb.create_sheet("Plan settings 08")
    named["B1"] = "Housing plan 2008/09"

    names = {
        "AmberWindowDays": "Settings!$B$6",
        "AsOfDate": "Settings!B7",
        "ProgressTolerance": "Settings!$B$8:$B$8",
        "ReturnTo": "Settings!$B$9",
        "PlanTitle": "'Plan settings 08'!$B$1",
        "SettingsTable": "Settings!$A$1:$B$10",
        "Thirty": "30",
        "Doubled": "Settings!$B$6*2",
        "Broken": "#REF!",
        "Elsewhere": "Nowhere!$A$1",
        "Outside": "[1]Settings!$B$6",
    }
    for name, target in names.items():
        wb.defined_names[name] = DefinedName(name, attr_text=target)
    st_.defined_names["LocalOnly"] = DefinedName("LocalOnly", attr_text="Settings!$B$6")
    ws.print_area = "A1:H6"

    if chart:
        sheet = wb.create_chartsheet("Chart")
        bars = BarChart()
        bars.add_data(Reference(st_, min_col=2, min_row=6, max_row=8))
        sheet.add_chart(bars)
    wb.save(path)
    return path


EXPECTED_ACTIONS = [
    ["Ref", "Action", "Lead", "Start", "Deadline", "% Complete", "Done", "Risk"],
    [
        "1.1",
        "Deliver the plan",
        "A. Officer",
        dt.datetime(2024, 4, 1),
        dt.datetime(2025, 3, 31),
        0.5,
        True,
        3,
    ],
    ["1.2", "Line one\nLine two", None, "Apr 24", "Mar 08 Mar 09", 0.755, False, 2.5],
    [],
    ["<p>Mar 08</p> <p>Apr 09</p>", "£ é – “q” 😀", "  spaced  ", None, -7, 75],
    [dt.datetime(2024, 6, 30, 14, 30), "09:30:00", "1 day, 2:00:00"],
]

EXPECTED_NAMES = {
    "AmberWindowDays": 30,
    "AsOfDate": dt.datetime(2024, 9, 30),
    "ProgressTolerance": 0.25,
    "ReturnTo": None,
    "PlanTitle": "Housing plan 2008/09",
}


def assert_same_rows(left: list[list[object]], right: list[list[object]], where: str = "") -> None:
    """Rows equal cell by cell, including the type (``1`` and ``1.0`` differ)."""
    assert len(left) == len(right), f"{where}: {len(left)} rows against {len(right)}"
    for r, (a_row, b_row) in enumerate(zip(left, right, strict=True)):
        assert len(a_row) == len(b_row), f"{where} row {r + 1}: {a_row!r} against {b_row!r}"
        for c, (a, b) in enumerate(zip(a_row, b_row, strict=True)):
            assert type(a) is type(b) and a == b, f"{where} ({r}, {c}): {a!r} against {b!r}"


def assert_same_books(left: Book, right: Book, *, styles: bool = True) -> None:
    """Same sheet names, rows (strictly), names and, when ``styles``, fills and percent cells."""
    assert [g.name for g in left.sheets] == [g.name for g in right.sheets]
    for a, b in zip(left.sheets, right.sheets, strict=True):
        assert_same_rows(a.rows, b.rows, a.name)
        if styles:
            assert a.fills == b.fills, a.name
            assert a.percent == b.percent, a.name
    assert left.names == right.names
    for name, value in left.names.items():
        assert type(value) is type(right.names[name]), name


def sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def plan_xlsx(tmp_path: Path) -> Path:
    """The test workbook, written by openpyxl."""
    return build_plan(tmp_path / "plan.xlsx")


# --------------------------------------------------------------------------------------------
# load_xlsx
# --------------------------------------------------------------------------------------------


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
    ("text", "expected"),
    [
        ("Settings!$B$6", ("Settings", 6, 2)),
        ("=Settings!B6", ("Settings", 6, 2)),
        ("'Plan 2008/09'!$AA$10", ("Plan 2008/09", 10, 27)),
        ("'O''Brien''s plan'!$C$3", ("O'Brien's plan", 3, 3)),
        ("Settings!$B$6:$B$6", ("Settings", 6, 2)),
        ("Settings!$B$6:$B$7", None),
        ("Settings!$B:$B", None),
        ("Settings!$B$6*2", None),
        ("SUM(Settings!$B$6)", None),
        ("30", None),
        ("#REF!", None),
        ("Settings!#REF!", None),
        ("[1]Settings!$B$6", None),
        ("Settings!$XFE$1", None),
    ],
)
def test_parse_cell_reference(text: str, expected: tuple[str, int, int] | None) -> None:
    """Only a reference to exactly one cell on one sheet is a cell reference."""
    assert parse_cell_reference(text) == expected


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


# --------------------------------------------------------------------------------------------
# Sheet size caps
# --------------------------------------------------------------------------------------------


def test_large_sheet_is_truncated_with_warning(tmp_path: Path, monkeypatch) -> None:
    """Rows and columns beyond the caps are ignored, and both readers say so."""
    monkeypatch.setattr(xlsx, "MAX_ROWS", 3)
    monkeypatch.setattr(xlsx, "MAX_COLS", 4)
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
    monkeypatch.setattr(xlsx, "MAX_ROWS", 3)
    monkeypatch.setattr(xlsx, "MAX_COLS", 4)
    wb = openpyxl.Workbook()
    wb.active.append(["a", "b"])
    wb.active["H1"].number_format = "0.00"
    wb.active["A9"].number_format = "0.00"
    wb.save(tmp_path / "styled.xlsx")
    with warnings.catch_warnings():
        warnings.simplefilter("error", SheetTruncatedWarning)
        assert load_xlsx(tmp_path / "styled.xlsx").sheets[0].rows == [["a", "b"]]
        assert load_xlsx_fast(tmp_path / "styled.xlsx").sheets[0].rows == [["a", "b"]]


def test_fill_beyond_caps_is_truncation(tmp_path: Path, monkeypatch) -> None:
    """A fill mark beyond the column cap is content that was not read: it is reported."""
    monkeypatch.setattr(xlsx, "MAX_COLS", 4)
    wb = openpyxl.Workbook()
    wb.active.append(["a"])
    wb.active["H1"].fill = solid("FF00B050")
    wb.save(tmp_path / "filled.xlsx")
    with pytest.warns(SheetTruncatedWarning):
        grid = load_xlsx(tmp_path / "filled.xlsx").sheets[0]
    assert grid.fills == frozenset()


# --------------------------------------------------------------------------------------------
# Files that are not workbooks
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# load_xlsx_fast agrees with load_xlsx
# --------------------------------------------------------------------------------------------


def build_numbers_and_dates(path: Path) -> Path:
    """A workbook of awkward numbers and dates, on two sheets, with a 1904 date system."""
    wb = openpyxl.Workbook()
    wb.epoch = openpyxl.utils.datetime.MAC_EPOCH
    ws = wb.active
    ws.title = "Numbers"
    ws.append([0, -0.0, 1, 3.0, 2.5, -1e-9, 123456789012, 999999999999999, 1e20, 0.1 + 0.2])
    ws.append([True, False, 1e-300, -42, 10**14, 7.000000001])
    dates = wb.create_sheet("Dates")
    dates.append(
        [
            dt.date(1904, 1, 2),
            dt.datetime(2008, 3, 31),
            dt.datetime(2008, 3, 31, 23, 59, 59),
            dt.datetime(2024, 2, 29, 12, 0, 0, 500000),
            dt.date(2099, 12, 31),
        ]
    )
    dates.append([dt.time(0, 0), dt.time(23, 59, 59), dt.timedelta(days=3, hours=1)])
    dates["A3"] = 40000
    dates["A3"].number_format = "mmm yy"
    dates["B3"] = 40000.5
    dates["B3"].number_format = "dd/mm/yyyy hh:mm"
    wb.save(path)
    return path


def build_sparse(path: Path) -> Path:
    """A workbook whose data starts far from A1, with gaps and a blank first sheet."""
    wb = openpyxl.Workbook()
    wb.active.title = "Blank"
    ws = wb.create_sheet("Sparse")
    ws["D7"] = "first"
    ws["K7"] = 11
    ws["B30"] = "later"
    ws["AZ31"] = "far right"
    wb.save(path)
    return path


@pytest.mark.parametrize("build", [build_plan, build_numbers_and_dates, build_sparse])
def test_fast_reader_gives_the_same_values(tmp_path: Path, build) -> None:
    """calamine and openpyxl give identical rows (types included) and names for a workbook."""
    path = build(tmp_path / "book.xlsx")
    assert_same_books(load_xlsx(path), load_xlsx_fast(path), styles=False)


def test_fast_reader_has_the_same_styles(plan_xlsx: Path) -> None:
    """The fast reader reports the same fills (merged ranges too) and percent cells."""
    slow, fast = load_xlsx(plan_xlsx), load_xlsx_fast(plan_xlsx)
    assert [(g.fills, g.percent) for g in fast.sheets] == [
        (g.fills, g.percent) for g in slow.sheets
    ]


def test_1904_dates(tmp_path: Path) -> None:
    """Dates in a workbook using the 1904 date system are the dates Excel shows."""
    book = load_xlsx(build_numbers_and_dates(tmp_path / "mac.xlsx"))
    assert book.sheet("Dates").rows[0][:2] == [dt.datetime(1904, 1, 2), dt.datetime(2008, 3, 31)]


CELL_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(
            codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp"), exclude_characters="_"
        ),
        st.sampled_from("\n\t "),
    ),
    max_size=20,
).filter(lambda s: not s.startswith("="))
CELL_VALUE = st.one_of(
    st.none(),
    CELL_TEXT,
    st.integers(min_value=-(2**53), max_value=2**53),  # what a double holds exactly
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e17, max_value=1e17),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(9999, 12, 31)).map(
        lambda d: d.replace(microsecond=d.microsecond // 1000 * 1000)
    ),
    st.dates(min_value=dt.date(1900, 3, 1)),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.lists(CELL_VALUE, max_size=6), max_size=6))
def test_fast_reader_agrees_on_random_values(tmp_path_factory, rows) -> None:
    """For any grid of plain values, calamine and openpyxl read back identical rows."""
    path = tmp_path_factory.mktemp("random") / "random.xlsx"
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    slow, fast = load_xlsx(path), load_xlsx_fast(path)
    assert_same_rows(slow.sheets[0].rows, fast.sheets[0].rows)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            got = slow.sheets[0].value(r, c)
            if value is None or value == "":
                assert got is None
            elif isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                assert got == dt.datetime(value.year, value.month, value.day)
            elif isinstance(value, float):  # openpyxl writes 16 significant digits
                assert got == pytest.approx(value, rel=1e-15, abs=0)
            else:
                assert got == value


@pytest.mark.slow
def test_fast_reader_is_faster_on_5000_rows(tmp_path: Path) -> None:
    """On a 5,000-row plan, calamine reads the values faster than openpyxl."""
    import time

    wb = openpyxl.Workbook()
    ws = wb.active
    for i in range(5000):
        ws.append(
            [f"{i // 10}.{i % 10}", "Deliver the thing", "A. Officer", dt.datetime(2024, 4, 1)]
            + ["In progress", i / 5000, "Green", "Some commentary"]
            + [None] * 12
        )
        if i % 3 == 0:
            ws.cell(i + 1, 10 + i % 12).fill = solid("FF00B050")
    wb.save(tmp_path / "big.xlsx")

    def best(loader) -> float:
        times = []
        for _ in range(2):
            start = time.perf_counter()
            loader(tmp_path / "big.xlsx")
            times.append(time.perf_counter() - start)
        return min(times)

    assert best(load_xlsx_fast) < best(load_xlsx)


# --------------------------------------------------------------------------------------------
# LibreOffice: a copy saved by another program reads the same
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def libreoffice_copy(tmp_path_factory) -> tuple[Path, Path]:
    """The test workbook (without pattern fills or chart) and LibreOffice's .xlsx copy of it."""
    require("soffice")
    folder = tmp_path_factory.mktemp("lo")
    original = build_plan(folder / "plan.xlsx", patterns=False, chart=False)
    wb = openpyxl.load_workbook(original)
    calc = wb.create_sheet("Formulas")
    calc.append([3, 4, "=A1*B1", "=A1/0", '="Ref "&A1', "=A1>B1", "=DATE(2025,3,31)"])
    calc["G1"].number_format = "dd/mm/yyyy"
    wb.save(original)
    copy = soffice_convert(original, "xlsx", folder / "out")
    return original, copy


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


@pytest.mark.libreoffice
@pytest.mark.slow
def test_libreoffice_copy_fast_reader_agrees(libreoffice_copy: tuple[Path, Path]) -> None:
    """On LibreOffice's copy (shared strings, cached formulas) calamine agrees with openpyxl."""
    _, copy = libreoffice_copy
    assert_same_books(load_xlsx(copy), load_xlsx_fast(copy), styles=False)


# --------------------------------------------------------------------------------------------
# Real workbooks saved by Excel, Google Sheets, LibreOffice and gnumeric
# --------------------------------------------------------------------------------------------

#: Cells where the two readers legitimately differ, with the reason.
REALWORLD_EXCEPTIONS = {
    ("calamine__issue_174.xlsx", "Sheet1", 0, 4): (
        "gnumeric wrote 'City ' as an inline string without xml:space='preserve'; calamine "
        "drops the trailing space, openpyxl keeps it"
    ),
}


def _realworld(folder: Path) -> list[Path]:
    files = sorted(folder.glob("*.xlsx")) + sorted(folder.glob("*.xlsm"))
    assert files, f"no workbooks in {folder}"
    return files


@pytest.mark.slow
def test_realworld_workbooks_load(realworld_dir: Path) -> None:
    """Every real workbook (the .xlsm too) loads with both readers, keeping every sheet name."""
    problems = []
    for path in _realworld(realworld_dir):
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
def test_realworld_fast_reader_agrees(realworld_dir: Path) -> None:
    """On every real workbook calamine and openpyxl agree on every value and name, except the
    documented cells."""
    differences = []
    for path in _realworld(realworld_dir):
        slow, fast = load_xlsx(path), load_xlsx_fast(path)
        if slow.names != fast.names:
            differences.append(f"{path.name}: names {slow.names} against {fast.names}")
        for a, b in zip(slow.sheets, fast.sheets, strict=True):
            height = max(len(a.rows), len(b.rows))
            for r in range(height):
                width = max(
                    len(a.rows[r]) if r < len(a.rows) else 0,
                    len(b.rows[r]) if r < len(b.rows) else 0,
                )
                for c in range(width):
                    x, y = a.value(r, c), b.value(r, c)
                    if type(x) is type(y) and x == y:
                        continue
                    if (path.name, a.name, r, c) in REALWORLD_EXCEPTIONS:
                        continue
                    differences.append(f"{path.name} {a.name} ({r}, {c}): {x!r} against {y!r}")
    assert not differences, differences[:20]


@pytest.mark.slow
def test_realworld_exceptions_still_happen(realworld_dir: Path) -> None:
    """Each documented difference is still real (so the list does not hide anything stale)."""
    for (name, sheet, r, c), _reason in REALWORLD_EXCEPTIONS.items():
        path = realworld_dir / name
        if not path.exists():
            continue
        slow = load_xlsx(path).sheet(sheet).value(r, c)
        fast = load_xlsx_fast(path).sheet(sheet).value(r, c)
        assert slow != fast


@pytest.mark.slow
def test_realworld_fills(realworld_dir: Path) -> None:
    """Excel's own fills count: an indexed grey header row and theme-tinted cells."""
    header = load_xlsx(realworld_dir / "poi__64759.xlsx").sheet("File")
    assert header.fills == {(0, 0), (0, 1), (0, 2)}  # solid fill, indexed colour 22
    tinted = load_xlsx(realworld_dir / "poi__56644.xlsx").sheet("samplelist")
    assert {(20, 4), (20, 8), (21, 4)} <= tinted.fills  # solid fill, theme 8 with a tint


@pytest.mark.slow
def test_realworld_merged_ranges(realworld_dir: Path) -> None:
    """In a workbook saved by Excel, the cells covered by merged ranges read as empty."""
    path = realworld_dir / "calamine__merged_range.xlsx"
    for loader in (load_xlsx, load_xlsx_fast):
        grid = loader(path).sheet("Sheet1")
        assert grid.rows[0] == ["A1", "B1", "C1", None, "E1", "F1", "G1", "H1"]
        assert grid.rows[1] == []  # the second row of the A1:A2 … H1:H2 merges
        assert grid.value(2, 3) is None and grid.value(3, 3) is None  # C3:D3, C4:D4


# --------------------------------------------------------------------------------------------
# Text files
# --------------------------------------------------------------------------------------------


def test_csv_cp1252(tmp_path: Path) -> None:
    """A CSV saved by Excel on an English Windows PC (Windows-1252) keeps £, é and curly quotes."""
    path = tmp_path / "Housing plan.csv"
    path.write_bytes("Ref,Action,Budget\r\n1.1,Café – “review”,£500\r\n".encode("cp1252"))
    book = load_text(path)
    assert book.sheets[0].name == "Housing plan"
    assert book.sheets[0].rows == [["Ref", "Action", "Budget"], ["1.1", "Café – “review”", "£500"]]
    assert book.path == str(path) and book.names == {}


def test_csv_utf8_with_bom(tmp_path: Path) -> None:
    """Excel's "CSV UTF-8": the byte-order mark is not part of the first heading."""
    path = tmp_path / "plan.csv"
    path.write_bytes("Ref,Action\r\n1,Réview 😀\r\n".encode("utf-8-sig"))
    assert load_text(path).sheets[0].rows == [["Ref", "Action"], ["1", "Réview 😀"]]


def test_utf16_unicode_text(tmp_path: Path) -> None:
    """Excel's "Unicode Text" (UTF-16, tab-separated .txt) reads."""
    path = tmp_path / "plan.txt"
    path.write_bytes("Ref\tAction\r\n1\tÉtude, then report\r\n".encode("utf-16"))
    assert load_text(path).sheets[0].rows == [["Ref", "Action"], ["1", "Étude, then report"]]


def test_csv_quoted_commas_and_lines(tmp_path: Path) -> None:
    """Commas inside quotes stay in the cell; multi-line quoted cells keep their line breaks."""
    path = tmp_path / "plan.csv"
    path.write_bytes(
        b'Ref,Action,Lead\r\n1.1,"Deliver, then review","Smith, J"\r\n'
        b'1.2,"Line one\r\nLine two\nLine three","He said ""yes"""\r\n'
    )
    assert load_text(path).sheets[0].rows == [
        ["Ref", "Action", "Lead"],
        ["1.1", "Deliver, then review", "Smith, J"],
        ["1.2", "Line one\r\nLine two\nLine three", 'He said "yes"'],
    ]


def test_values_stay_text_empty_is_none(tmp_path: Path) -> None:
    """Numbers and dates stay text, empty fields are None, spaces are kept, trailing blanks go."""
    path = tmp_path / "plan.csv"
    path.write_text("Ref,Due,Pct,Note\n1,31/03/2008,50%, \n2,,,\n3\n,,,\n\n", encoding="utf-8")
    assert load_text(path).sheets[0].rows == [
        ["Ref", "Due", "Pct", "Note"],
        ["1", "31/03/2008", "50%", " "],
        ["2"],
        ["3"],
    ]


def test_html_fragments_are_left_alone(tmp_path: Path) -> None:
    """HTML pasted from Word tables stays as written (the reader strips the tags)."""
    path = tmp_path / "plan.tsv"
    path.write_text("Ref\tDeadline\n<b>1</b>\t<p>Mar 08</p> <p>Apr 09</p>\n", encoding="utf-8")
    assert load_text(path).sheets[0].rows == [
        ["Ref", "Deadline"],
        ["<b>1</b>", "<p>Mar 08</p> <p>Apr 09</p>"],
    ]


def test_tsv_with_commas_in_cells(tmp_path: Path) -> None:
    """A tab-separated file is split on tabs even when its cells hold commas."""
    path = tmp_path / "plan.tsv"
    path.write_text("Ref\tAction\n1\tPlan, do, review\n2\tAgain, and again\n", encoding="utf-8")
    assert load_text(path).sheets[0].rows == [
        ["Ref", "Action"],
        ["1", "Plan, do, review"],
        ["2", "Again, and again"],
    ]


def test_txt_clearly_comma_separated(tmp_path: Path) -> None:
    """A .txt with no tabs whose lines all split into the same columns on commas is a CSV."""
    path = tmp_path / "plan.txt"
    path.write_text("Ref,Action,Lead\n1,Plan,AB\n2,Review,CD\n", encoding="utf-8")
    assert load_text(path).sheets[0].rows[1] == ["1", "Plan", "AB"]


def test_txt_prose_is_one_column(tmp_path: Path) -> None:
    """A .txt of prose with the odd comma is not split into columns."""
    path = tmp_path / "notes.txt"
    path.write_text("Actions for 2008\nPlan, then review the results\nDone\n", encoding="utf-8")
    assert load_text(path).sheets[0].rows == [
        ["Actions for 2008"],
        ["Plan, then review the results"],
        ["Done"],
    ]


def test_semicolon_csv(tmp_path: Path) -> None:
    """A CSV written with semicolons (European Excel) is split on semicolons."""
    path = tmp_path / "plan.csv"
    path.write_text("Ref;Action;Pct\n1;Plan;0,5\n2;Review, then act;0,75\n", encoding="utf-8")
    assert load_text(path).sheets[0].rows == [
        ["Ref", "Action", "Pct"],
        ["1", "Plan", "0,5"],
        ["2", "Review, then act", "0,75"],
    ]


@pytest.mark.parametrize(
    ("content", "suffix", "expected"),
    [
        ("a,b\n1,2\n", ".csv", ","),
        ("a\tb\n1\t2\n", ".csv", "\t"),
        ("a;b\n1;2\n", ".csv", ";"),
        ("single\ncolumn\n", ".csv", ","),
        ("a\tb,c\n1\t2,3\n", ".txt", "\t"),
        ("a,b\n1,2\n", ".TSV", ","),
        ("just text\n", ".tsv", "\t"),
    ],
)
def test_choose_delimiter(content: str, suffix: str, expected: str) -> None:
    """The separator chosen for small samples of each kind of file."""
    assert choose_delimiter(content, suffix) == expected


def test_workbook_renamed_csv(tmp_path: Path, plan_xlsx: Path) -> None:
    """An Excel workbook saved under a .csv name is refused with a sentence saying so."""
    path = tmp_path / "plan.csv"
    path.write_bytes(plan_xlsx.read_bytes())
    with pytest.raises(NotAWorkbookError, match="this is an Excel workbook, not a text file"):
        load_text(path)


def test_binary_file_is_not_text(tmp_path: Path) -> None:
    """A binary file is refused rather than read as garbage."""
    path = tmp_path / "plan.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(NotAWorkbookError, match="not comma- or tab-separated text"):
        load_text(path)


def test_runaway_quote_is_reported(tmp_path: Path) -> None:
    """A field longer than any spreadsheet cell (an unclosed quote) is reported, with its line."""
    path = tmp_path / "plan.csv"
    path.write_text('Ref,Action\n1,"never closed\n' + "x" * 200_000 + "\n", encoding="utf-8")
    with pytest.raises(NotAWorkbookError, match=r"line \d+"):
        load_text(path)


def test_text_truncated_with_warning(tmp_path: Path, monkeypatch) -> None:
    """Text rows and columns beyond the caps are ignored with a warning."""
    monkeypatch.setattr(xlsx, "MAX_ROWS", 2)
    monkeypatch.setattr(xlsx, "MAX_COLS", 2)
    path = tmp_path / "plan.csv"
    path.write_text("a,b,c\n1,2,3\n4,5,6\n", encoding="utf-8")
    with pytest.warns(SheetTruncatedWarning):
        assert load_text(path).sheets[0].rows == [["a", "b"], ["1", "2"]]


def test_missing_text_file(tmp_path: Path) -> None:
    """A text path that does not exist is reported, naming the file."""
    with pytest.raises(NotAWorkbookError, match=r"^gone\.csv: the file cannot be found"):
        load_text(tmp_path / "gone.csv")


def test_text_size_limit(tmp_path: Path, monkeypatch) -> None:
    """A text file over the size limit is refused before it is read."""
    monkeypatch.setattr(text, "MAX_TEXT_BYTES", 10)
    path = tmp_path / "plan.csv"
    path.write_text("Ref,Action\n1,Plan\n", encoding="utf-8")
    with pytest.raises(WorkbookToolsError, match="split it into smaller files"):
        load_text(path)


FIELD = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\x00"),
    max_size=12,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    width=st.integers(min_value=2, max_value=5),
    data=st.data(),
    suffix=st.sampled_from([".csv", ".tsv"]),
)
def test_text_round_trip(tmp_path_factory, width: int, data, suffix: str) -> None:
    """Any rectangular table written by the csv module (as Excel writes it) reads back as
    written: empty fields None, trailing blanks trimmed."""
    rows = data.draw(st.lists(st.lists(FIELD, min_size=width, max_size=width), max_size=8))
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter="," if suffix == ".csv" else "\t").writerows(rows)
    path = tmp_path_factory.mktemp("text") / f"plan{suffix}"
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))
    expected = [[field if field != "" else None for field in row] for row in rows]
    for row in expected:
        while row and row[-1] is None:
            row.pop()
    while expected and not expected[-1]:
        expected.pop()
    assert load_text(path).sheets[0].rows == expected


# --------------------------------------------------------------------------------------------
# load_book
# --------------------------------------------------------------------------------------------


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


def _styled_files() -> list[Path]:
    samples = Path(__file__).resolve().parent.parent / "samples"
    return sorted(samples.glob("returns/*.xlsx")) + sorted(samples.glob("legacy/*.xlsx"))


@pytest.mark.parametrize("path", _styled_files(), ids=lambda p: p.name)
def test_fast_reader_finds_the_same_fills_and_percent_cells(path: Path) -> None:
    """The calamine reader finds the same solid fills and percent cells as the openpyxl one."""
    slow, fast = load_xlsx(path), load_xlsx_fast(path)
    assert [g.name for g in fast.sheets] == [g.name for g in slow.sheets]
    for a, b in zip(slow.sheets, fast.sheets, strict=True):
        assert (a.name, a.fills, a.percent) == (b.name, b.fills, b.percent)


def test_fast_reader_reads_fill_only_timeline_marks(tmp_path: Path) -> None:
    """A month planned by a fill alone is found by the fast reader (consolidation's route)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Ref", "Action", "Lead", "Apr", "May", "Jun"])
    ws.append(["1", "Do it", "AB", None, None, None])
    ws["E2"].fill = PatternFill("solid", fgColor="FF00B050")
    ws["F2"].fill = PatternFill("solid", fgColor="FFFFFFFF")
    ws.append(["2", "Measure", "AB", 0.5])
    ws["D3"].number_format = "0%"
    path = tmp_path / "grid.xlsx"
    wb.save(path)
    grid = load_xlsx_fast(path).sheets[0]
    assert grid.fills == frozenset({(1, 4)})
    assert grid.percent == frozenset({(2, 3)})
