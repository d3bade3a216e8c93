"""Dates as council plans and Excel hold them, each rule defined once: English month names,
Excel serial numbers, month ends, financial years, and dates written for people.

Choices:

* Month names are English and fixed: no locale changes how a date is read or shown.
* Excel's 1900 date system counts a 29 February 1900 that never was: serial 1 is 1 January 1900,
  59 is 28 February 1900, 60 is the fictitious 29 February (no date), 61 is 1 March 1900.
  :func:`excel_serial_to_date` and :func:`excel_serial` follow that one rule both ways.
* A two-digit year 00–69 is 2000–2069, 70–99 is 1970–1999.
* The financial year runs from 1 April to 31 March and is named by its first calendar year.
* Dates are shown "31 Mar 2008" (no leading zero), months "Mar 2008" or "Mar 08".
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from collections.abc import Iterable

from ..errors import UsageError

MONTH_NAMES: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
MONTH_ABBREVIATIONS: tuple[str, ...] = tuple(name[:3] for name in MONTH_NAMES)

#: Accepted month spellings (lower case, no trailing dot) → month number: full names,
#: three-letter abbreviations, "Sept", and the common misspellings of February.
MONTHS: dict[str, int] = {
    **{name.lower(): number for number, name in enumerate(MONTH_NAMES, 1)},
    **{abbr.lower(): number for number, abbr in enumerate(MONTH_ABBREVIATIONS, 1)},
    "sept": 9,
    "febuary": 2,
    "feburary": 2,
}

#: The day Excel's 1900 date system counts from (for serials from 61, 1 March 1900, on), and
#: the 1904 date system's day 0.
EXCEL_EPOCH = dt.date(1899, 12, 30)
EXCEL_EPOCH_1904 = dt.date(1904, 1, 1)
#: The first serial after the fictitious 29 February 1900, and the last serial Excel shows
#: (31 December 9999).
_AFTER_LEAP_BUG = 61
_LAST_SERIAL = 2958465

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DAY_FIRST = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})")
_PLAN_YEAR = re.compile(r"\s*((?:19|20)\d\d)(?:\s*[/-]\s*(\d\d|(?:19|20)\d\d))?\s*")
_PERIOD = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[/-]\s*(\d\d|(?:19|20)\d\d)(?!\d)")


def month_number(text: object) -> int | None:
    """The month number for a month name ("Aug.", "Sept", "JULY" → 8, 9, 7), else ``None``."""
    if not isinstance(text, str):
        return None
    return MONTHS.get(text.strip().rstrip(".").strip().lower())


def full_year(digits: str) -> int:
    """A year from two or four digits: 00–69 → 2000–2069, 70–99 → 1970–1999."""
    value = int(digits)
    if len(digits) <= 2:
        return value + (2000 if value < 70 else 1900)
    return value


# --------------------------------------------------------------------------------------------
# Excel serial numbers
# --------------------------------------------------------------------------------------------


def excel_serial_to_date(n: float) -> dt.date | None:
    """The date of an Excel serial number (1900 date system), ``None`` outside 1–2958465.

    Serial 1 is 1 January 1900; serial 60 is Excel's fictitious 29 February 1900 (no date);
    61 is 1 March 1900. A fraction (the time of day) is dropped.
    """
    try:
        value = float(n)
    except (TypeError, ValueError, OverflowError):
        return None
    if not math.isfinite(value) or value < 1 or value >= _LAST_SERIAL + 1:
        return None
    days = int(value)
    if days == _AFTER_LEAP_BUG - 1:
        return None
    if days < _AFTER_LEAP_BUG:
        days += 1
    return EXCEL_EPOCH + dt.timedelta(days=days)


def excel_serial(value: dt.date, date1904: bool = False) -> float | int:
    """A date or date-time as the serial number a workbook stores (whole days for a date), in
    the 1900 date system (or the 1904 one): the inverse of :func:`excel_serial_to_date`."""
    epoch = EXCEL_EPOCH_1904 if date1904 else EXCEL_EPOCH
    if not isinstance(value, dt.datetime):
        days = (value - epoch).days
        return days - 1 if not date1904 and days < _AFTER_LEAP_BUG else days
    delta = value.replace(tzinfo=None) - dt.datetime.combine(epoch, dt.time())
    whole = delta.days - 1 if not date1904 and delta.days < _AFTER_LEAP_BUG else delta.days
    serial = whole + delta.seconds / 86_400 + delta.microseconds / 86_400_000_000
    return int(serial) if serial.is_integer() else round(serial, 10)


# --------------------------------------------------------------------------------------------
# Months and financial years
# --------------------------------------------------------------------------------------------


def month_end(day: dt.date) -> dt.date:
    """The last day of the month ``day`` falls in."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def financial_year_of(day: dt.date) -> int:
    """The first calendar year of the financial year (1 April – 31 March) holding ``day``."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year_start(day: dt.date) -> dt.date:
    """1 April of the financial year holding ``day``."""
    return dt.date(financial_year_of(day), 4, 1)


def plan_period_year(texts: Iterable[str]) -> int | None:
    """The first calendar year of a plan period ("2007/08", "2007-2008") named in ``texts``."""
    for text in texts:
        for match in _PERIOD.finditer(text):
            first = int(match.group(1))
            second = match.group(2)
            later = int(second) if len(second) == 4 else (first // 100) * 100 + int(second)
            if later == first + 1 or (later < first and later + 100 == first + 1):
                return first
    return None


def parse_plan_year(text: str) -> dt.date:
    """``"2026/27"``, ``"2026-27"`` or ``"2026"`` → 1 April 2026, the start of that plan year;
    :class:`~workbook_tools.errors.UsageError` for anything else."""
    match = _PLAN_YEAR.fullmatch(text or "")
    if not match:
        raise UsageError(f"'{text}' is not a plan year; write it as 2026/27")
    first = int(match.group(1))
    if match.group(2):
        second = int(match.group(2)) % 100
        if second != (first + 1) % 100:
            raise UsageError(f"'{text}' is not a plan year: the second year must follow the first")
    return dt.date(first, 4, 1)


# --------------------------------------------------------------------------------------------
# Dates written as numbers, and dates shown
# --------------------------------------------------------------------------------------------


def numeric_date(text: str) -> dt.date | None:
    """A date written in figures: day first ("31/03/2010", "31.03.10", "31-03-2010") or ISO
    ("2010-03-31"); ``None`` for anything else and for impossible dates ("31/02/2010")."""
    iso = _ISO.fullmatch(text)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    else:
        dmy = _DAY_FIRST.fullmatch(text)
        if not dmy:
            return None
        day, month = int(dmy[1]), int(dmy[2])
        year = full_year(dmy[3])
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def format_date(day: dt.date) -> str:
    """A date as people read it, whatever the locale: "31 Mar 2008", "1 Sep 2007"."""
    return f"{day.day} {MONTH_ABBREVIATIONS[day.month - 1]} {day.year}"


def format_month(day: dt.date) -> str:
    """A month as people read it: "Mar 2008"."""
    return f"{MONTH_ABBREVIATIONS[day.month - 1]} {day.year}"


def format_month_short(day: dt.date) -> str:
    """A month in a narrow heading: "Mar 08"."""
    return f"{MONTH_ABBREVIATIONS[day.month - 1]} {day.year % 100:02d}"
