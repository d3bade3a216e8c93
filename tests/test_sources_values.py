"""How a cell's value becomes a grid value (sources/values.py), the same for every engine."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbook_tools.sources.values import (
    INT_LIMIT,
    calamine_row,
    excel_value,
    plain_value,
    unescape,
    unescaped,
)

MIDNIGHT = dt.datetime(2008, 6, 30)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("text", "text"),
        ("a_x000D_b", "a\rb"),
        (dt.date(2008, 6, 30), MIDNIGHT),
        (MIDNIGHT, MIDNIGHT),
        (dt.time(9, 30), "09:30:00"),
        (dt.timedelta(hours=26), "1 day, 2:00:00"),
        (True, True),
        (7, 7),
        (0.25, 0.25),
        (b"odd", "b'odd'"),
    ],
)
def test_plain_value(value: object, expected: object) -> None:
    """Each type a cell can hold becomes one of the grid's types."""
    got = plain_value(value)
    assert got == expected and type(got) is type(expected)


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (["", "a", 2.0, 2.5, None, ""], [None, "a", 2, 2.5]),
        ([float(INT_LIMIT)], [float(INT_LIMIT)]),
        ([float(INT_LIMIT - 2)], [INT_LIMIT - 2]),
        ([dt.date(2008, 6, 30), MIDNIGHT], [MIDNIGHT, MIDNIGHT]),
        ([True, 3], [True, 3]),
        ([dt.time(9, 30)], ["09:30:00"]),
        (["a", "b", "c"], ["a", "b"]),
        (["", None], []),
    ],
)
def test_calamine_row(row: list[object], expected: list[object]) -> None:
    """python-calamine's rows: whole floats as int below the limit, dates as datetimes, blank
    text as None, at most two columns here, no trailing empty cells."""
    got = calamine_row(row, 2 if len(row) == 3 else 10)
    assert got == expected and [type(v) for v in got] == [type(v) for v in expected]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", None),
        ("Done", "Done"),
        (3.0, 3),
        (3.5, 3.5),
        (1e17, 1e17),
        (dt.datetime(1899, 12, 30, 9, 30), "09:30:00"),
        (MIDNIGHT, MIDNIGHT),
        ("#REF!", "#REF!"),
        (None, None),
    ],
)
def test_excel_value(value: object, expected: object) -> None:
    """Values Excel hands over for the open workbook read as a file reader reads the cell."""
    got = excel_value(value)
    assert got == expected and type(got) is type(expected)


def _escape(text: str) -> str:
    """Text as Excel stores it: a literal ``_xHHHH_`` protected, control characters escaped."""
    text = text.replace("_x", "_x005F_x")
    return "".join(f"_x{ord(ch):04X}_" if ord(ch) < 32 else ch for ch in text)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
def test_unescape_reverses_excels_escapes(text: str) -> None:
    """Any text, escaped the way Excel stores it, reads back as typed."""
    assert unescape(_escape(text)) == text


@given(st.text(alphabet=st.characters(blacklist_characters="_", blacklist_categories=("Cs",))))
def test_text_without_escapes_is_unchanged(text: str) -> None:
    """Text holding no escape is left exactly as it is."""
    assert unescape(text) == text


def test_unescaped_decodes_text_only() -> None:
    """The other formats' rows get their text decoded; other values are left alone."""
    assert unescaped(["a_x000A_b", 3, None, "plain"]) == ["a\nb", 3, None, "plain"]
