"""Dates as plans and Excel hold them (core/dates.py): month names, Excel serials both ways,
month ends, financial years, plan years, dates written in figures and dates shown, as tables of
examples and, where text is parsed, Hypothesis properties."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbook_tools.core.dates import (
    MONTH_NAMES,
    MONTHS,
    excel_serial,
    excel_serial_to_date,
    financial_year_of,
    financial_year_start,
    format_date,
    format_month,
    format_month_short,
    full_year,
    month_end,
    month_number,
    numeric_date,
    parse_plan_year,
    plan_period_year,
)
from workbook_tools.core.deadlines import read_date
from workbook_tools.core.rules import date_provided_on
from workbook_tools.errors import UsageError

D = dt.date

# --------------------------------------------------------------------------------------------
# Month names
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "month"),
    [("Aug.", 8), ("Sept", 9), ("sept.", 9), ("JULY", 7), ("jan", 1), (" December ", 12),
     ("May", 5), ("Marhc", None), ("J", None), ("Aug 08", None), ("", None)],
)  # fmt: skip
def test_month_number(text: str, month: int | None) -> None:
    """month_number accepts full, three-letter and Sept spellings, any case, a trailing dot."""
    assert month_number(text) == month


def test_months_table_is_complete() -> None:
    """MONTHS holds every full and three-letter name in lower case, mapping to 1–12."""
    for number in range(1, 13):
        full = MONTH_NAMES[number - 1].lower()
        assert MONTHS[full] == number
        assert MONTHS[full[:3]] == number
    assert MONTHS["sept"] == 9
    assert set(MONTHS.values()) == set(range(1, 13))
    assert all(key == key.lower() and "." not in key for key in MONTHS)


@pytest.mark.parametrize(
    ("digits", "year"),
    [("00", 2000), ("08", 2008), ("69", 2069), ("70", 1970), ("99", 1999), ("7", 2007),
     ("2008", 2008), ("1999", 1999)],
)  # fmt: skip
def test_full_year(digits: str, year: int) -> None:
    """Two-digit years 00–69 are 2000–2069 and 70–99 are 1970–1999; four digits stay."""
    assert full_year(digits) == year


# --------------------------------------------------------------------------------------------
# Excel serial numbers
# --------------------------------------------------------------------------------------------


def test_excel_serial_to_date() -> None:
    """Serials follow Excel's 1900 system, including its fictitious 29 February 1900."""
    assert excel_serial_to_date(39538) == D(2008, 3, 31)
    assert excel_serial_to_date(39538.99) == D(2008, 3, 31)
    assert excel_serial_to_date(1) == D(1900, 1, 1)
    assert excel_serial_to_date(59) == D(1900, 2, 28)
    assert excel_serial_to_date(60) is None
    assert excel_serial_to_date(61) == D(1900, 3, 1)
    assert excel_serial_to_date(2958465) == D(9999, 12, 31)
    for bad in (0, -1, 0.5, 2958466, float("nan"), float("inf"), float("-inf")):
        assert excel_serial_to_date(bad) is None


@pytest.mark.parametrize(
    ("serial", "day"),
    [(1, D(1900, 1, 1)), (31, D(1900, 1, 31)), (59, D(1900, 2, 28)), (61, D(1900, 3, 1)),
     (39538, D(2008, 3, 31)), (2958465, D(9999, 12, 31))],
)  # fmt: skip
def test_one_epoch_rule_everywhere(serial: int, day: dt.date) -> None:
    """A serial means the same date to the deadline reader, to Date provided and to the
    writers: 59 is 28 February 1900 (the day before Excel's fictitious 29 February)."""
    assert excel_serial_to_date(serial) == day
    assert date_provided_on(serial, D(2008, 6, 30)) == day
    assert excel_serial(day) == serial


def test_the_fictitious_leap_day_is_no_date() -> None:
    """Serial 60, Excel's 29 February 1900, is no date wherever a serial is read."""
    assert excel_serial_to_date(60) is None
    assert date_provided_on(60, D(2008, 6, 30)) is None


def test_serials_of_date_times_and_the_1904_system() -> None:
    """A date-time keeps its time of day as the fraction; the 1904 system counts from 1904."""
    assert excel_serial(dt.datetime(2008, 3, 31, 18, 0)) == 39538.75
    assert excel_serial(dt.datetime(2008, 3, 31)) == 39538
    assert excel_serial(D(1904, 1, 1), date1904=True) == 0
    assert excel_serial(D(2008, 3, 31), date1904=True) == 39538 - 1462


@given(st.dates(min_value=D(1900, 3, 1), max_value=D(9999, 12, 31)))
def test_serials_read_back(day: dt.date) -> None:
    """The Excel serial of any date from March 1900 on converts back to that date."""
    serial = (day - D(1899, 12, 30)).days
    assert excel_serial_to_date(serial) == day


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(9999, 12, 31)))
def test_every_date_written_as_a_serial_reads_back(day: dt.date) -> None:
    """Writing a date as a serial and reading the serial gives the date back, from 1 January
    1900 (before Excel's fictitious leap day too)."""
    assert excel_serial_to_date(excel_serial(day)) == day


# --------------------------------------------------------------------------------------------
# Month ends, financial years, plan years
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "end"),
    [(D(2008, 2, 1), D(2008, 2, 29)), (D(2009, 2, 14), D(2009, 2, 28)),
     (D(1900, 2, 1), D(1900, 2, 28)), (D(2008, 4, 30), D(2008, 4, 30)),
     (D(2008, 12, 1), D(2008, 12, 31))],
)  # fmt: skip
def test_month_end(day: dt.date, end: dt.date) -> None:
    """month_end knows month lengths and leap years (1900 was not one)."""
    assert month_end(day) == end


@pytest.mark.parametrize(
    ("day", "year"),
    [(D(2008, 3, 31), 2007), (D(2008, 4, 1), 2008), (D(2008, 12, 31), 2008),
     (D(2009, 1, 1), 2008)],
)  # fmt: skip
def test_financial_year(day: dt.date, year: int) -> None:
    """The financial year runs 1 April – 31 March and is named by its first year."""
    assert financial_year_of(day) == year
    assert financial_year_start(day) == D(year, 4, 1)


@given(st.dates(min_value=D(1901, 1, 1), max_value=D(9998, 12, 31)))
def test_every_day_falls_in_its_financial_year(day: dt.date) -> None:
    """Each day lies on or after its financial year's start and before the next one's."""
    start = financial_year_start(day)
    assert start <= day < D(start.year + 1, 4, 1)


@pytest.mark.parametrize(
    ("texts", "year"),
    [(["Action plan 2007/08"], 2007), (["2007-2008"], 2007), (["1999/00"], 1999),
     (["Updated to 31/03/2008", "Plan 2008/09"], 2008), (["2007/09"], None), (["2008"], None),
     ([], None)],
)  # fmt: skip
def test_plan_period_year(texts: list[str], year: int | None) -> None:
    """A plan period names two years that follow on; the first is its year."""
    assert plan_period_year(texts) == year


@pytest.mark.parametrize(
    ("text", "start"),
    [("2026/27", D(2026, 4, 1)), ("2026-27", D(2026, 4, 1)), ("2026", D(2026, 4, 1)),
     (" 2026 / 2027 ", D(2026, 4, 1)), ("1999/00", D(1999, 4, 1))],
)  # fmt: skip
def test_parse_plan_year(text: str, start: dt.date) -> None:
    """A plan year ("2026/27", "2026-27", "2026") starts on 1 April of its first year."""
    assert parse_plan_year(text) == start


@pytest.mark.parametrize(
    ("text", "message"),
    [("2026/28", "must follow the first"), ("next year", "is not a plan year"),
     ("", "is not a plan year"), ("26/27", "is not a plan year")],
)  # fmt: skip
def test_a_plan_year_that_is_not_one_is_refused(text: str, message: str) -> None:
    """Anything but a year, or two years that do not follow on, is refused in one sentence."""
    with pytest.raises(UsageError, match=message):
        parse_plan_year(text)


@given(st.integers(min_value=1900, max_value=2098), st.sampled_from(["/", "-", " / "]))
def test_plan_years_written_any_way_read_back(year: int, between: str) -> None:
    """A plan year written "YYYY/YY" or "YYYY-YYYY" reads as 1 April of its first year."""
    for text in (f"{year}{between}{(year + 1) % 100:02d}", f"{year}{between}{year + 1}"):
        assert parse_plan_year(text) == D(year, 4, 1)
        assert plan_period_year([f"Plan {text}"]) == year


# --------------------------------------------------------------------------------------------
# Dates in figures, and dates shown
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [("31/03/2010", D(2010, 3, 31)), ("31.03.10", D(2010, 3, 31)), ("31-03-2010", D(2010, 3, 31)),
     ("1/4/08", D(2008, 4, 1)), ("2010-03-31", D(2010, 3, 31)), ("31/02/2010", None),
     ("03/31/2010", None), ("31 March 2010", None), ("", None)],
)  # fmt: skip
def test_numeric_date(text: str, day: dt.date | None) -> None:
    """Dates in figures are read day first, or as ISO; impossible dates give none."""
    assert numeric_date(text) == day


@given(st.dates(min_value=D(1000, 1, 1), max_value=D(9999, 12, 31)), st.sampled_from("/.-"))
def test_dates_in_figures_read_back(day: dt.date, sep: str) -> None:
    """Any date written day first with a four-digit year, or as ISO, reads back as itself."""
    assert numeric_date(f"{day.day}{sep}{day.month}{sep}{day.year:04d}") == day
    assert numeric_date(f"{day.day:02d}{sep}{day.month:02d}{sep}{day.year:04d}") == day
    assert numeric_date(day.isoformat()) == day


def test_format_date_has_no_leading_zero() -> None:
    """Dates in reasons read "1 Sep 2007"."""
    assert format_date(D(2007, 9, 1)) == "1 Sep 2007"


ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@pytest.mark.parametrize(("month", "abbr"), list(enumerate(ABBREVIATIONS, 1)))
def test_dates_are_shown_with_english_month_names(month: int, abbr: str) -> None:
    """Dates and months are shown with the English abbreviation (written by the tool itself,
    not by strftime, so no locale changes them)."""
    day = D(2008, month, 9)
    assert format_date(day) == f"9 {abbr} 2008"
    assert format_month(day) == f"{abbr} 2008"
    assert format_month_short(day) == f"{abbr} 08"


@given(st.dates(min_value=D(1901, 1, 1), max_value=D(2100, 12, 31)))
def test_a_date_shown_reads_back(day: dt.date) -> None:
    """A date the tool shows ("31 Mar 2008") is read back as that date by the product's own
    date reader."""
    assert read_date(format_date(day)) == day
