"""Sort and match keys: refs in reading order, group names compared ignoring case and spacing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbook_tools.core.keys import name_key, ref_key


def test_ref_key_reading_order() -> None:
    """Refs sort in reading order: numbers as numbers, blank refs last."""
    refs = ["1.10", None, "1.2", "1.2a", "10", "2"]
    assert sorted(refs, key=ref_key) == ["1.2", "1.2a", "1.10", "2", "10", None]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("1.9", "1.10"),
        ("4.1.2", "4.1.10"),
        ("A1", "a2"),
        ("1.2", "1.2.1"),
        ("2", "10"),
        ("P1.3", "P2.1"),
        ("1", ""),
        ("9.9", None),
    ],
)
def test_ref_key_orders_pairs(first: str | None, second: str | None) -> None:
    """Each pair sorts first before second."""
    assert ref_key(first) < ref_key(second)


@given(st.lists(st.one_of(st.none(), st.text(max_size=12)), max_size=20))
def test_ref_key_sorts_anything_typed(refs: list[str | None]) -> None:
    """Any text typed as a ref sorts without error, and sorting twice gives the same order."""
    once = sorted(refs, key=ref_key)
    assert sorted(once, key=ref_key) == once


@given(st.integers(0, 10_000), st.integers(0, 10_000), st.integers(0, 99))
def test_ref_key_compares_numbers_as_numbers(a: int, b: int, head: int) -> None:
    """Within one heading, the numeric part decides as a number."""
    assert (ref_key(f"{head}.{a}") < ref_key(f"{head}.{b}")) is (a < b)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Adult Social Care", "adult social care"),
        ("  ADULT  social\tcare ", "adult social care"),
        ("Adult\u00a0Social\nCare", "adult social care"),
        ("Straße", "strasse"),
        ("", ""),
        (None, ""),
    ],
)
def test_name_key(name: str | None, key: str) -> None:
    """Names compare ignoring case, trimmed, with any spacing as one space."""
    assert name_key(name) == key
