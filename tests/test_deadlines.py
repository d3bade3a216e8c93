"""Reading deadline cells and single dates (RULES.md §1), on the table's examples and real cells."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbook_tools.core import deadlines
from workbook_tools.core.deadlines import (
    MONTHS,
    excel_serial_to_date,
    last_day_of_month,
    month_number,
    read_date,
    read_deadline,
)
from workbook_tools.core.model import (
    FLAG_UNCERTAIN_DATE,
    FLAG_UNREADABLE_DATE,
    Deadline,
    DeadlineKind,
)

D = dt.date
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
DATE, ONGOING, TBC, NONE = "date", "ongoing", "tbc", "none"
UNSURE, UNREADABLE = (FLAG_UNCERTAIN_DATE,), (FLAG_UNREADABLE_DATE,)

# (cell value, dates in order, kind, flags, depends_on)
CASES: list[tuple[object, list[dt.date], str, tuple[str, ...], str | None]] = [
    # RULES.md §1, row by row
    (D(2008, 3, 31), [D(2008, 3, 31)], DATE, (), None),
    (dt.datetime(2008, 3, 31, 17, 30), [D(2008, 3, 31)], DATE, (), None),
    (39538, [D(2008, 3, 31)], DATE, (), None),
    ("31 March 2008", [D(2008, 3, 31)], DATE, (), None),
    ("31st March 2008", [D(2008, 3, 31)], DATE, (), None),
    ("31December 07", [D(2007, 12, 31)], DATE, (), None),
    ("01-Sep-08", [D(2008, 9, 1)], DATE, (), None),
    ("31.03.08", [D(2008, 3, 31)], DATE, (), None),
    ("31/03/2008", [D(2008, 3, 31)], DATE, (), None),
    ("2008-03-31", [D(2008, 3, 31)], DATE, (), None),
    ("Mar-11", [D(2011, 3, 31)], DATE, (), None),
    ("Mar 09", [D(2009, 3, 31)], DATE, (), None),
    ("March 2009", [D(2009, 3, 31)], DATE, (), None),
    ("Sept 08", [D(2008, 9, 30)], DATE, (), None),
    ("July 09", [D(2009, 7, 31)], DATE, (), None),
    ("end of May 2010", [D(2010, 5, 31)], DATE, (), None),
    ("by June 2009", [D(2009, 6, 30)], DATE, (), None),
    ("before 30 June 2009", [D(2009, 6, 30)], DATE, (), None),
    ("2008/09", [D(2009, 3, 31)], DATE, (), None),
    ("2008-09", [D(2009, 3, 31)], DATE, (), None),
    ("2007-2008", [D(2008, 3, 31)], DATE, (), None),
    ("2007/2008", [D(2008, 3, 31)], DATE, (), None),
    ("Q3 2008/09", [D(2008, 12, 31)], DATE, (), None),
    ("Q3 08/09", [D(2008, 12, 31)], DATE, (), None),
    ("2010", [D(2010, 12, 31)], DATE, (), None),
    (2010, [D(2010, 12, 31)], DATE, (), None),
    ("Apr 08 Mar 09", [D(2008, 4, 30), D(2009, 3, 31)], DATE, (), None),
    (
        "Mar 08 Mar 09 Mar 09 Feb 10",
        [D(2008, 3, 31), D(2009, 3, 31), D(2009, 3, 31), D(2010, 2, 28)],
        DATE,
        (),
        None,
    ),
    ("Feb 09 & Feb 10", [D(2009, 2, 28), D(2010, 2, 28)], DATE, (), None),
    ("April 08 July 08 Sept 08", [D(2008, 4, 30), D(2008, 7, 31), D(2008, 9, 30)], DATE, (), None),
    ("Mar 09?", [D(2009, 3, 31)], DATE, UNSURE, None),
    ("30 April 2007 (now post election)", [D(2007, 4, 30)], DATE, (), None),
    (
        "Contract let 31December 2007 Development of Corporate Indicators set.",
        [D(2007, 12, 31)],
        DATE,
        (),
        None,
    ),
    ("Throughout 2009-11", [D(2011, 3, 31)], DATE, (), None),
    ("Mar 09 (and quarterly thereafter)", [D(2009, 3, 31)], ONGOING, (), None),
    ("31 March 2008 and each subsequent year", [D(2008, 3, 31)], ONGOING, (), None),
    ("On-going", [], ONGOING, (), None),
    ("Ongoing", [], ONGOING, (), None),
    ("On Going", [], ONGOING, (), None),
    ("On-going (monthly)", [], ONGOING, (), None),
    ("Continuous", [], ONGOING, (), None),
    ("Monthly", [], ONGOING, (), None),
    ("Every quarter…", [], ONGOING, (), None),
    ("Already in place with annual review", [], ONGOING, (), None),
    ("To be confirmed", [], TBC, (), None),
    ("TBC", [], TBC, (), None),
    ("TBA", [], TBC, (), None),
    ("As per timetable", [], TBC, (), None),
    ("To be determined under 4.10", [], TBC, (), "4.10"),
    ("As agreed under 3.7", [], TBC, (), "3.7"),
    ("See 5.1", [], TBC, (), "5.1"),
    (None, [], NONE, (), None),
    ("", [], NONE, (), None),
    ("   \n\t ", [], NONE, (), None),
    ("Marhc 09", [], NONE, UNREADABLE, None),
    # Real cells from the seed plans (WHEN, Timescales, Completion date, Deadline for completion,
    # O/S Tasks Completion Date)
    ("31 March 08", [D(2008, 3, 31)], DATE, (), None),
    ("31 march 2008 and each subsequent year.", [D(2008, 3, 31)], ONGOING, (), None),
    ("Apr-10", [D(2010, 4, 30)], DATE, (), None),
    ("Oct-09", [D(2009, 10, 31)], DATE, (), None),
    ("Aug-09", [D(2009, 8, 31)], DATE, (), None),
    ("<p>Mar 08</p> <p>Apr 09</p>", [D(2008, 3, 31), D(2009, 4, 30)], DATE, (), None),
    ("<p>July 2008</p> <p>December 2008</p>", [D(2008, 7, 31), D(2008, 12, 31)], DATE, (), None),
    (
        "<p>Dec 08</p> <p>Dec 08</p> <p>Mar 09</p>",
        [D(2008, 12, 31), D(2008, 12, 31), D(2009, 3, 31)],
        DATE,
        (),
        None,
    ),
    (
        "<p>Sept 08</p> <p>Jan 09</p> <p>Mar 09 (and quarterly thereafter)</p>",
        [D(2008, 9, 30), D(2009, 1, 31), D(2009, 3, 31)],
        ONGOING,
        (),
        None,
    ),
    (
        "Jan 09 Mar 09 (and quarterly thereafter)",
        [D(2009, 1, 31), D(2009, 3, 31)],
        ONGOING,
        (),
        None,
    ),
    (
        "Mar 08 Mar 09 Feb 09 & Feb 10 Feb 09 & Feb 10",
        [D(2008, 3, 31), D(2009, 3, 31)] + [D(2009, 2, 28), D(2010, 2, 28)] * 2,
        DATE,
        (),
        None,
    ),
    ("To be determined under 4.6", [], TBC, (), "4.6"),
    ("May 08 Sep 08", [D(2008, 5, 31), D(2008, 9, 30)], DATE, (), None),
    ("2007-2008", [D(2008, 3, 31)], DATE, (), None),
    ("On-going On-going On-going", [], ONGOING, (), None),
    ("Already In place with annual review.", [], ONGOING, (), None),
    ("In house review during 2007/08.", [D(2008, 3, 31)], DATE, (), None),
    (
        "01 December 2007 Start from 01 April 2008",
        [D(2007, 12, 1), D(2008, 4, 1)],
        DATE,
        (),
        None,
    ),
    ("Contract Let 31 December 2007", [D(2007, 12, 31)], DATE, (), None),
    ("On-going (quarterly report)", [], ONGOING, (), None),
    (
        "30 June 2007 31 July 2007 31 July 2007",
        [D(2007, 6, 30), D(2007, 7, 31), D(2007, 7, 31)],
        DATE,
        (),
        None,
    ),
    (
        "In place In place 31.March 2008 31.March 2009",
        [D(2008, 3, 31), D(2009, 3, 31)],
        DATE,
        (),
        None,
    ),
    ("On -going 2008/2009", [D(2009, 3, 31)], DATE, (), None),
    ("31 October 2007 31 July 2007", [D(2007, 10, 31), D(2007, 7, 31)], DATE, (), None),
    (
        "Contract let Every quarter 2007-2010 Every quarter 2007-2010 "
        "01 April 2007 and review each year",
        [D(2010, 3, 31), D(2010, 3, 31), D(2007, 4, 1)],
        ONGOING,
        (),
        None,
    ),
    ("Implemented for 31 March 2009.", [D(2009, 3, 31)], DATE, (), None),
    (
        "31 October 2008 31 December 2008 31 May 2009",
        [D(2008, 10, 31), D(2008, 12, 31), D(2009, 5, 31)],
        DATE,
        (),
        None,
    ),
    ("31 October 2008 31 March 2009", [D(2008, 10, 31), D(2009, 3, 31)], DATE, (), None),
    ("01 October 2008 31 March 2009", [D(2008, 10, 1), D(2009, 3, 31)], DATE, (), None),
    (
        "quarterly in 2008/09 30 September 2008 31 March 2009",
        [D(2009, 3, 31), D(2008, 9, 30), D(2009, 3, 31)],
        DATE,
        (),
        None,
    ),
    (
        "April 08 July 08 Sept 08 October 08 January 08 March 08",
        [
            D(2008, 4, 30),
            D(2008, 7, 31),
            D(2008, 9, 30),
            D(2008, 10, 31),
            D(2008, 1, 31),
            D(2008, 3, 31),
        ],
        DATE,
        (),
        None,
    ),
    (
        "Dec-08  Jun-08  Apr 08 - Mar 09",
        [D(2008, 12, 31), D(2008, 6, 30), D(2008, 4, 30), D(2009, 3, 31)],
        DATE,
        (),
        None,
    ),
    (
        "01-Apr-08  ongoing to 31/03/2009  Mar 08 - Apr 09",
        [D(2008, 4, 1), D(2009, 3, 31), D(2008, 3, 31), D(2009, 4, 30)],
        DATE,
        (),
        None,
    ),
    ("May 08 - March 09", [D(2008, 5, 31), D(2009, 3, 31)], DATE, (), None),
    (
        "October 2008  November 2008 March 2009",
        [D(2008, 10, 31), D(2008, 11, 30), D(2009, 3, 31)],
        DATE,
        (),
        None,
    ),
    ("31-Mar-09  31-Mar-09", [D(2009, 3, 31), D(2009, 3, 31)], DATE, (), None),
    (
        "01 June 2008  30 June 2008 31 March 2009 Quarterly ongoing",
        [D(2008, 6, 1), D(2008, 6, 30), D(2009, 3, 31)],
        ONGOING,
        (),
        None,
    ),
    ("Quarterly ongoing", [], ONGOING, (), None),
    (
        "<p>Apr-08,</p> <p>Apr-09</p> <p>July 08, Dec 08, Apr 09</p>",
        [D(2008, 4, 30), D(2009, 4, 30), D(2008, 7, 31), D(2008, 12, 31), D(2009, 4, 30)],
        DATE,
        (),
        None,
    ),
    (
        "<p>Jun-08</p> <p>As per meeting schedule</p> <p>Ongoing</p>",
        [D(2008, 6, 30)],
        ONGOING,
        (),
        None,
    ),
    ("As per meeting schedule", [], TBC, (), None),
    (
        "Interim report to CSSSP April 08 with 6 monthly reports thereafter",
        [D(2008, 4, 30)],
        ONGOING,
        (),
        None,
    ),
    (
        "Implementation plan in progress – quarterly reporting through 2008/09.",
        [D(2009, 3, 31)],
        DATE,
        (),
        None,
    ),
    ("Six monthly progress report to CSSSP.", [], ONGOING, (), None),
    (
        "Progress reported to Scrutiny May – Nov 06  Final update reported Feb 08.",
        [D(2006, 5, 31), D(2006, 11, 30), D(2008, 2, 29)],
        DATE,
        (),
        None,
    ),
    ("Every quarter 2007-2010", [D(2010, 3, 31)], DATE, (), None),
    ("See 7.1 above.", [], TBC, (), "7.1"),
    ("Sep 08 see 5.1", [D(2008, 9, 30)], DATE, (), "5.1"),
    # Other forms and the choices documented in the module
    ("tbc.", [], TBC, (), None),
    ("t.b.c.", [], TBC, (), None),
    ("?", [], TBC, (), None),
    ("Mar 09 TBC", [D(2009, 3, 31)], DATE, UNSURE, None),
    ("Mar 09 ?", [D(2009, 3, 31)], DATE, UNSURE, None),
    ("Aug. 2008", [D(2008, 8, 31)], DATE, (), None),
    ("SEPT. 08", [D(2008, 9, 30)], DATE, (), None),
    ("Mar '09", [D(2009, 3, 31)], DATE, (), None),
    ("March 31, 2008", [D(2008, 3, 31)], DATE, (), None),
    ("03/2009", [D(2009, 3, 31)], DATE, (), None),
    ("08/09", [D(2009, 3, 31)], DATE, (), None),
    ("Q4 2008/09", [D(2009, 3, 31)], DATE, (), None),
    ("Q1 2009", [D(2009, 6, 30)], DATE, (), None),
    ("2008-03", [D(2008, 3, 31)], DATE, (), None),
    ("summer 2009", [D(2009, 8, 31)], DATE, (), None),
    ("31/12/99", [D(1999, 12, 31)], DATE, (), None),
    ("1/1/69", [D(2069, 1, 1)], DATE, (), None),
    ("1/1/70", [D(1970, 1, 1)], DATE, (), None),
    ("39538", [D(2008, 3, 31)], DATE, (), None),
    (39538.75, [D(2008, 3, 31)], DATE, (), None),
    ("&lt;p&gt;Mar&amp;nbsp;09&lt;/p&gt;", [D(2009, 3, 31)], DATE, (), None),
    ("31\u00a0March\u00a02008", [D(2008, 3, 31)], DATE, (), None),
    ("n/a", [], NONE, (), None),
    ("-", [], NONE, (), None),
    ("\u25a0", [], NONE, (), None),
    ("July", [], NONE, UNREADABLE, None),
    ("31/02/2008", [], NONE, UNREADABLE, None),
    ("soon", [], NONE, UNREADABLE, None),
    ("xyz", [], NONE, UNREADABLE, None),
    ("(this is 12.1 and 12.2 combined)", [], NONE, UNREADABLE, None),
    (True, [], NONE, UNREADABLE, None),
    (-5, [], NONE, UNREADABLE, None),
    (float("nan"), [], NONE, UNREADABLE, None),
]


@pytest.mark.parametrize(("value", "dates", "kind", "flags", "depends_on"), CASES)
def test_read_deadline_table(
    value: object,
    dates: list[dt.date],
    kind: str,
    flags: tuple[str, ...],
    depends_on: str | None,
) -> None:
    """Every RULES.md §1 example and every real seed form reads to the documented result."""
    got = read_deadline(value)
    assert list(got.dates) == dates
    assert got.kind == DeadlineKind(kind)
    assert got.flags == flags
    assert got.depends_on == depends_on
    assert (got.problem is not None) == (FLAG_UNREADABLE_DATE in flags)


def test_table_has_enough_cases() -> None:
    """The table covers at least sixty cells."""
    assert len(CASES) >= 60


def test_due_date_is_the_latest_and_the_rest_are_milestones() -> None:
    """A multi-date cell's due date is its latest date; the others are milestones."""
    got = read_deadline("Mar 08 Mar 09 Mar 09 Feb 10")
    assert got.due == D(2010, 2, 28)
    assert got.milestones == (D(2008, 3, 31), D(2009, 3, 31))


def test_text_is_the_cell_as_typed() -> None:
    """``text`` keeps the cell as typed: strings unchanged, numbers via str, dates as ISO."""
    assert read_deadline(" Mar 09 ").text == " Mar 09 "
    assert read_deadline(None).text == ""
    assert read_deadline(39538).text == "39538"
    assert read_deadline(D(2008, 3, 31)).text == "2008-03-31"
    assert read_deadline(dt.datetime(2008, 3, 31, 9)).text == "2008-03-31"


def test_problem_sentences_name_the_cell_text() -> None:
    """An unreadable cell's problem quotes what was typed and says why when it can."""
    assert read_deadline("Marhc 09").problem.startswith("Could not read the deadline 'Marhc 09'")
    assert "no year" in (read_deadline("July").problem or "")
    assert "not a real date" in (read_deadline("31/02/2008").problem or "")
    long_problem = read_deadline("nonsense " * 100).problem or ""
    assert len(long_problem) < 200


def test_read_date_forms() -> None:
    """read_date reads real dates, serials, years and every text date form of the table."""
    assert read_date(D(2008, 3, 31)) == D(2008, 3, 31)
    assert read_date(dt.datetime(2008, 3, 31, 23, 59)) == D(2008, 3, 31)
    assert read_date(39538) == D(2008, 3, 31)
    assert read_date(39538.5) == D(2008, 3, 31)
    assert read_date(2010) == D(2010, 12, 31)
    assert read_date("30 06 08") == D(2008, 6, 30)
    assert read_date("30.06.2008") == D(2008, 6, 30)
    assert read_date("31/03/2008") == D(2008, 3, 31)
    assert read_date("2008-03-31") == D(2008, 3, 31)
    assert read_date("2008-03-31T00:00:00") == D(2008, 3, 31)
    assert read_date("March 2009") == D(2009, 3, 31)
    assert read_date("Sept 08") == D(2008, 9, 30)
    assert read_date("01-Sep-08") == D(2008, 9, 1)
    assert read_date("2008/09") == D(2009, 3, 31)
    assert read_date("May 08 - March 09") == D(2008, 5, 31)


def test_read_date_gives_none_when_nothing_is_a_date() -> None:
    """read_date returns None for blanks, words, Yes/No, impossible dates and odd numbers."""
    for value in (None, "", "TBC", "Ongoing", "Yes", "February", "31/02/2008", True, False,
                  -1, 0, 12, float("nan"), float("inf"), 10**400, [], object()):  # fmt: skip
        assert read_date(value) is None, value


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


def test_last_day_of_month() -> None:
    """last_day_of_month knows month lengths and leap years."""
    assert last_day_of_month(2008, 2) == D(2008, 2, 29)
    assert last_day_of_month(2009, 2) == D(2009, 2, 28)
    assert last_day_of_month(1900, 2) == D(1900, 2, 28)
    assert last_day_of_month(2008, 4) == D(2008, 4, 30)
    assert last_day_of_month(2008, 12) == D(2008, 12, 31)


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


def _consistent(got: Deadline) -> None:
    assert isinstance(got, Deadline)
    assert isinstance(got.text, str)
    if FLAG_UNREADABLE_DATE in got.flags:
        assert not got.dates
        assert got.kind == DeadlineKind.NONE
        assert got.problem
    else:
        assert got.problem is None
    if got.dates:
        assert got.kind in (DeadlineKind.DATE, DeadlineKind.ONGOING)
        assert all(isinstance(d, dt.date) for d in got.dates)
    if got.kind in (DeadlineKind.TBC, DeadlineKind.NONE):
        assert not got.dates
    if got.kind == DeadlineKind.DATE:
        assert got.dates


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    """Any text gives a consistent Deadline, without the last-resort guard being needed."""
    _consistent(deadlines._read(text))
    read_date(text)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="0123456789 /.-,?&()QqMarJunSeptDecOngoiTBC<p>", max_size=60)
    | st.from_regex(r"(\d{1,2}[ ./-]){0,3}[A-Za-z]{0,9}[ .'-]{0,2}\d{0,4}[/-]?\d{0,4}\??")
)
def test_never_raises_on_date_like_text(text: str) -> None:
    """Text made of date pieces never breaks the reader and stays consistent."""
    _consistent(deadlines._read(text))
    read_date(text)


@settings(max_examples=300, deadline=None)
@given(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.dates()
    | st.datetimes()
    | st.decimals(allow_nan=True)
    | st.lists(st.integers(), max_size=3)
)
def test_never_raises_on_any_value(value: object) -> None:
    """Numbers (NaN, infinity, huge, negative), bools, dates and other objects never raise."""
    _consistent(deadlines._read(value))
    _consistent(read_deadline(value))
    result = read_date(value)
    assert result is None or isinstance(result, dt.date)


@given(st.dates(min_value=D(1901, 1, 1), max_value=D(2099, 12, 31)))
def test_written_dates_read_back(day: dt.date) -> None:
    """A date written "31 March 2008", "31/03/2008", "31.03.2008" or ISO reads back as itself
    (from 1901: earlier dates are placeholders, see test_placeholder_dates_are_missing)."""
    month = MONTH_NAMES[day.month - 1]
    for text in (
        f"{day.day} {month} {day.year}",
        f"{day.day:02d} {month[:3]} {day.year}",
        f"{day.day:02d}/{day.month:02d}/{day.year}",
        f"{day.day}.{day.month}.{day.year}",
        day.isoformat(),
    ):
        got = read_deadline(text)
        assert got.dates == (day,), text
        assert got.kind == DeadlineKind.DATE
        assert read_date(text) == day, text


@given(st.dates(min_value=D(1970, 1, 1), max_value=D(2069, 12, 31)))
def test_two_digit_years_read_back(day: dt.date) -> None:
    """A date written with a two-digit year (00–69 → 20xx, 70–99 → 19xx) reads back as itself."""
    text = f"{day.day:02d}/{day.month:02d}/{day.year % 100:02d}"
    assert read_deadline(text).dates == (day,)


@given(st.integers(min_value=1970, max_value=2069), st.integers(min_value=1, max_value=12))
def test_month_year_reads_as_last_day(year: int, month: int) -> None:
    """Month-year text ("March 2009", "Mar 09", "Mar-09") reads as the month's last day."""
    name = MONTH_NAMES[month - 1]
    end = last_day_of_month(year, month)
    for text in (f"{name} {year}", f"{name[:3]} {year % 100:02d}", f"{name[:3]}-{year % 100:02d}"):
        assert read_deadline(text).dates == (end,), text
        assert read_date(text) == end


@given(st.dates(min_value=D(1900, 3, 1), max_value=D(9999, 12, 31)))
def test_serials_read_back(day: dt.date) -> None:
    """The Excel serial of any date from March 1900 on converts back to that date."""
    serial = (day - D(1899, 12, 30)).days
    assert excel_serial_to_date(serial) == day


def test_long_pathological_cells_are_quick() -> None:
    """Huge and adversarial cells are read quickly (only the start of a cell is scanned)."""
    cells = [
        "1" * 100_000,
        "1." * 50_000,
        "Mar " * 50_000,
        "<" * 100_000,
        "<p" * 50_000,
        "&amp;" * 20_000,
        "31 " * 50_000,
        "ongoing " * 20_000,
        "under " * 20_000,
        "Q3 " * 30_000,
        "- " * 50_000,
    ]
    start = time.perf_counter()
    for cell in cells:
        _consistent(deadlines._read(cell))
    assert time.perf_counter() - start < 2.0


def test_many_cells_are_quick() -> None:
    """Fifty thousand typical cells read in well under the time of a consolidation."""
    typical = [case[0] for case in CASES if isinstance(case[0], str)]
    cells = [f"{text} {i % 97}" if i % 3 else text for i, text in enumerate(typical * 400)]
    start = time.perf_counter()
    for cell in cells[:50_000]:
        read_deadline(cell)
    assert time.perf_counter() - start < 10.0


@pytest.mark.parametrize(
    "value",
    ["1900-01-00", "1899-12-30", "1899-12-31", "1900-12-30", "00/01/1900", "00:00:00",
     dt.datetime(1899, 12, 30), dt.date(1899, 12, 31), dt.date(1900, 1, 1), 1900, 60.0 - 59],
)  # fmt: skip
def test_placeholder_dates_are_missing(value: object) -> None:
    """What an empty date cell shows (1900 or before, a zero time) is no deadline: unreadable,
    with a problem saying it is a placeholder, never a due date."""
    got = read_deadline(value)
    assert got.dates == () and got.kind == DeadlineKind.NONE
    assert "unreadable-date" in got.flags
    if value != 1.0:
        assert "placeholder" in (got.problem or "")
    assert read_date(value) is None


@pytest.mark.parametrize(
    ("value", "unit", "days"),
    [(10, 1, 10), (10.5, 1, 11), ("10", 1, 10), ("10 days", 1, 10), ("2 weeks", 1, 14),
     ("2w", 1, 14), ("3 months", 1, 90), (3, 7, 21), ("1 day", 7, 1), (0, 1, None),
     (-3, 1, None), ("soon", 1, None), (None, 1, None), (True, 1, None), (99999, 1, None)],
)  # fmt: skip
def test_read_duration(value: object, unit: int, days: int | None) -> None:
    """Durations read as whole days; a unit typed in the cell wins over the heading's."""
    from workbook_tools.core.durations import read_duration

    assert read_duration(value, unit) == days
