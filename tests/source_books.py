"""Workbooks built for the source adapters' tests, and how two readings of one are compared."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import openpyxl
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import PatternFill
from openpyxl.styles.colors import Color
from openpyxl.workbook.defined_name import DefinedName

from workbook_tools.core.model import Book


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


def realworld_workbooks(folder: Path) -> list[Path]:
    """The .xlsx and .xlsm workbooks in the real-world folder (there must be some)."""
    files = sorted(folder.glob("*.xlsx")) + sorted(folder.glob("*.xlsm"))
    assert files, f"no workbooks in {folder}"
    return files
