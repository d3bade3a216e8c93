"""Cell references and defined names (sources/names.py), as every reader resolves them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbook_tools.core.model import Grid, column_letter
from workbook_tools.sources.names import column_number, parse_cell_reference, resolve_names


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


@given(st.integers(min_value=1, max_value=16_384))
def test_column_letters_round_trip(column: int) -> None:
    """Column letters read back as the column they were written from, as text or as bytes."""
    letters = column_letter(column)
    assert column_number(letters) == column_number(letters.encode()) == column
    assert column_number(letters.lower()) == column


_SHEET_NAMES = st.text(
    alphabet=st.characters(blacklist_characters="[]:*?/\\'", blacklist_categories=("Cs", "Cc")),
    min_size=1,
    max_size=31,
)


@given(_SHEET_NAMES, st.integers(1, 1_048_576), st.integers(1, 16_384), st.booleans())
def test_quoted_references_round_trip(sheet: str, row: int, column: int, absolute: bool) -> None:
    """Any sheet name quoted as Excel quotes it, with any cell, parses back to that cell."""
    dollar = "$" if absolute else ""
    text = f"'{sheet.replace(chr(39), chr(39) * 2)}'!{dollar}{column_letter(column)}{dollar}{row}"
    assert parse_cell_reference(text) == (sheet, row, column)


def test_resolve_names() -> None:
    """Names pointing at one cell give its value; ranges, Excel's own, sheet-scoped and missing
    sheets are left out; sheet names match ignoring case."""
    grid = Grid("Settings", [["As of", "30/06/2008"], ["Directorate", None]])
    defined = [
        ("AsOfDate", "Settings!$B$1"),
        ("Directorate", "'settings'!B2"),
        ("Range", "Settings!$A$1:$B$2"),
        ("_xlnm.Print_Area", "Settings!$A$1"),
        ("Settings!Local", "Settings!$A$1"),
        ("Elsewhere", "Missing!$A$1"),
        ("Constant", "=30"),
        ("NotText", None),
    ]
    assert resolve_names(defined, [grid]) == {"AsOfDate": "30/06/2008", "Directorate": None}
