"""What marks a month (sources/marks.py): the fill rule every engine applies, and agreement of the
engines that describe fills differently."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import PatternFill
from openpyxl.styles.colors import Color

from workbook_tools.core.palette import is_white, shows_colour
from workbook_tools.sources.calamine import load_xlsx_fast
from workbook_tools.sources.fills import cell_styles
from workbook_tools.sources.marks import Colour, is_mark_colour, is_mark_fill, is_white_colour
from workbook_tools.sources.xlsx import load_xlsx

CUSTOM = ["FF000000"] * 10
CUSTOM[3] = "FFFFFFFF"


@pytest.mark.parametrize(
    ("colour", "palette", "white"),
    [
        (Colour("rgb", "FFFFFFFF"), None, True),
        (Colour("rgb", "00ffffff"), None, True),
        (Colour("rgb", "FFFFFF"), None, True),
        (Colour("rgb", "FF92D050"), None, False),
        (Colour("indexed", 1), None, True),
        (Colour("indexed", 9), None, True),
        (Colour("indexed", 65), None, True),
        (Colour("indexed", 64), None, False),
        (Colour("indexed", 13), None, False),
        (Colour("indexed", 3), CUSTOM, True),
        (Colour("indexed", 9), CUSTOM, False),
        (Colour("indexed", 65), CUSTOM, True),
        (Colour("indexed", 30), CUSTOM, False),
        (Colour("theme", 0), None, True),
        (Colour("theme", 0, 0.5), None, True),
        (Colour("theme", 0, -0.05), None, False),
        (Colour("theme", 1), None, False),
        (Colour("auto"), None, False),
        (Colour(None), None, False),
    ],
)
def test_is_white_colour(colour: Colour, palette: list[str] | None, white: bool) -> None:
    """RGB, palette (the workbook's own, else Excel's default), theme and automatic colours."""
    assert is_white_colour(colour, palette) is white


@pytest.mark.parametrize(
    ("pattern", "colour", "mark"),
    [
        ("solid", Colour("rgb", "FF92D050"), True),
        ("solid", Colour("rgb", "FFFFFFFF"), False),
        ("solid", Colour(None), True),
        ("solid", Colour("auto"), True),
        ("darkGrid", Colour("rgb", "FFFF0000"), False),
        ("gray125", Colour("rgb", "FFFF0000"), False),
        (None, Colour("rgb", "FFFF0000"), False),
    ],
)
def test_is_mark_fill(pattern: object, colour: Colour, mark: bool) -> None:
    """Only a solid pattern in a colour that is not white marks a month."""
    assert is_mark_fill(pattern, colour) is mark


@pytest.mark.parametrize(
    ("colour", "mark"),
    [
        ("92D050", True),
        ("#c0c0c0", True),
        ("FFFFFF", False),
        ("#ffffff", False),
        ("white", False),
        ("transparent", False),
        ("", False),
        (None, False),
    ],
)
def test_is_mark_colour(colour: object, mark: bool) -> None:
    """A colour reported as text (Excel's, LibreOffice's) marks unless white or no colour."""
    assert is_mark_colour(colour) is mark
    assert shows_colour(colour) is mark


def test_palette_white() -> None:
    """White is FFFFFF with any alpha, with or without #, in either case, or the word."""
    assert all(is_white(c) for c in ("FFFFFF", "00FFFFFF", "#ffffff", "White"))
    assert not any(is_white(c) for c in ("FFFFFE", "FFFFFFF", "", "FF"))


FILLS = [
    PatternFill("solid", fgColor="FF92D050"),
    PatternFill("solid", fgColor="FFFFFFFF"),
    PatternFill("solid", fgColor=Color(theme=0)),
    PatternFill("solid", fgColor=Color(theme=0, tint=-0.25)),
    PatternFill("solid", fgColor=Color(indexed=9)),
    PatternFill("solid", fgColor=Color(indexed=10)),
    PatternFill("solid", fgColor=Color(indexed=64)),
    PatternFill("darkGrid", fgColor="FFFF0000"),
]


def test_engines_agree_on_fills(tmp_path: Path) -> None:
    """The openpyxl engine and the fast reader's XML see the same fills as marks."""
    wb = openpyxl.Workbook()
    for c, fill in enumerate(FILLS, start=1):
        wb.active.cell(1, c).fill = fill
        wb.active.cell(2, c, "x")
    path = tmp_path / "fills.xlsx"
    wb.save(path)
    expected = {(0, 0), (0, 3), (0, 5), (0, 6)}
    assert load_xlsx(path).sheets[0].fills == expected
    assert load_xlsx_fast(path).sheets[0].fills == expected
    with zipfile.ZipFile(path) as archive:
        marking, _, _ = cell_styles(archive)
    assert marking  # the styles of the marking fills were found in styles.xml
