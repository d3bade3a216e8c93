"""What a percent cell is (sources/percent.py): number formats that scale a value to percent."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbook_tools.sources.percent import BUILTIN_PERCENT_FORMATS, percent_formats, shows_percent


@pytest.mark.parametrize(
    ("code", "percent"),
    [
        ("0%", True),
        ("0.00%", True),
        ("#,##0.0%;[Red]-#,##0.0%", True),
        ('0" done"%', True),
        ('0"%"', False),
        ("0\\%", False),
        ("General", False),
        ("0.00", False),
        ('"100%" @', False),
        ("", False),
        (None, False),
        (9, False),
    ],
)
def test_shows_percent(code: object, percent: bool) -> None:
    """A ``%`` outside quotes and not escaped scales the value; anything else does not."""
    assert shows_percent(code) is percent


def test_percent_formats() -> None:
    """Excel's built-in percent formats and the workbook's own that show a percentage."""
    custom = [(164, "0.0%"), (165, '0"%"'), (166, "dd/mm/yyyy"), (167, "0%;-0%")]
    assert percent_formats(custom) == BUILTIN_PERCENT_FORMATS | {164, 167}
    assert {9, 10} == BUILTIN_PERCENT_FORMATS


_NOT_PERCENT = st.text(alphabet=st.characters(blacklist_characters='%"\\'))


@given(_NOT_PERCENT, _NOT_PERCENT)
def test_quoted_percent_never_scales(before: str, after: str) -> None:
    """A per-cent sign inside quoted text or escaped never makes a percent format."""
    assert not shows_percent(f'{before}"%"{after}')
    assert not shows_percent(f"{before}\\%{after}")
    assert shows_percent(f"{before}%{after}")
