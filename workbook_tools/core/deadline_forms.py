"""The date forms of RULES.md §1, one pattern each, and the dates each gives.

:data:`TOKEN` finds every form in a cleaned cell ("31/03/2008", "Q3 2008", "Mar 09",
"May - Nov 06", "2009-11", "Spring 2008" …); :func:`token_dates` turns a match into its dates
(the end of a month, a quarter, a season or a financial year where the form names no day).
:mod:`workbook_tools.core.deadlines` reads a whole cell with them, with the words around the
dates (ongoing, TBC, uncertain); a new date form is a group here and its line in ``_FORMS``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from .dates import MONTHS, month_end
from .dates import full_year as _year

#: How every pattern of a deadline cell matches: any case, ASCII classes.
FLAGS = re.IGNORECASE | re.ASCII
_SEASON_END = {"spring": (0, 5), "summer": (0, 8), "autumn": (0, 11), "fall": (0, 11)}

_MON = "(?:{})".format("|".join(sorted(MONTHS, key=len, reverse=True)))
_M = rf"(?<![a-z]){_MON}(?![a-z])"  # a month name standing alone (no name group)
_Y = r"(?:\d{4}|\d{2})(?!\d)"
_YN = _Y + r"(?!\ ?(?:st|nd|rd|th)(?![a-z]))"  # a year, not the day of a following date


def _g(name: str) -> str:
    """A named month group for the token pattern."""
    return rf"(?<![a-z])(?P<{name}>{_MON})(?![a-z])\.?"


#: Every date form, one named group each (the group's name says which form matched).
TOKEN = re.compile(
    rf"""
    (?P<iso>(?<!\d)(?P<iso_y>\d{{4}})-(?P<iso_m>\d{{1,2}})-(?P<iso_d>\d{{1,2}})(?!\d))
  | (?P<dmy>(?<!\d)(?P<dmy_d>\d{{1,2}})[./-](?P<dmy_m>\d{{1,2}})[./-](?P<dmy_y>{_Y})(?!\.\d))
  | (?P<qtr>(?<![a-z])(?:q|quarter\ ?)(?P<qtr_q>[1-4])(?!\d)[\s,]{{0,2}}(?:of\ )?
        (?P<qtr_y>{_Y})(?:\ ?[/-]\ ?{_Y})?)
  | (?P<us>{_g("us_m")}\ ?(?P<us_d>\d{{1,2}})(?:st|nd|rd|th)?,?\ (?P<us_y>\d{{4}})(?!\d))
  | (?P<rng>{_g("rng_a")}\ ?(?:-|to|until|till)\ ?{_g("rng_b")}[\s,'-]{{0,3}}(?P<rng_y>{_YN}))
  | (?P<dmyn>(?<!\d)(?P<dmyn_d>\d{{1,2}})(?:st|nd|rd|th)?[\s.,-]{{0,3}}{_g("dmyn_m")}
        [\s.,'-]{{0,3}}(?P<dmyn_y>{_YN}))
  | (?P<my>{_g("my_m")}[\s,'-]{{0,3}}(?P<my_y>{_YN}))
  | (?P<season>(?<![a-z])(?P<season_s>spring|summer|autumn|fall|winter)\ (?:of\ )?
        (?P<season_y>{_Y}))
  | (?P<fy>(?<![\d/.-])(?P<fy_a>(?:19|20)\d{{2}})\ ?[/-]\ ?(?P<fy_b>{_Y})(?![/.-]\d))
  | (?P<fy2>(?<![\d/.-])(?P<fy2_a>\d{{2}})\ ?[/-]\ ?(?P<fy2_b>\d{{2}})(?![\d/.-]))
  | (?P<nmy>(?<![\d/.-])(?P<nmy_m>\d{{1,2}})[/.-](?P<nmy_y>\d{{4}})(?![\d/.-]))
  | (?P<year>(?<![\d/.-])(?P<year_y>(?:19|20)\d{{2}})(?!\d|[/.-]\d))
    """,
    FLAGS | re.VERBOSE,
)
#: Forms that only a real date can take: text in them that is no date is reported.
COMPLAIN = frozenset({"iso", "dmy", "us", "dmyn"})
#: A month name standing alone.
MONTH_ALONE = re.compile(_M, FLAGS)


def real_date(year: int, month: int, day: int) -> dt.date | None:
    """The date of ``year``, ``month`` and ``day``, ``None`` when there is no such day."""
    try:
        return dt.date(year, month, day)
    except (ValueError, OverflowError):
        return None


def _month_end(year: int, month: int) -> dt.date | None:
    """The last day of ``month`` in ``year``, ``None`` for an impossible month or year."""
    day = real_date(year, month, 1)
    return None if day is None else month_end(day)


def _span(first: str, second: str) -> dt.date | None:
    """A financial year or span ("2008/09", "2009-11", "2007-2010"), else "2008-03" as a month."""
    start = int(first)
    end = int(second) if len(second) == 4 else start // 100 * 100 + int(second)
    if end < start and len(second) == 2:
        end += 100
    if start < end <= start + 10:
        return real_date(end, 3, 31)
    if len(second) == 2 and 1 <= int(second) <= 12:
        return _month_end(start, int(second))
    return None


def _quarter(m: re.Match[str]) -> list[dt.date | None]:
    start, quarter = _year(m["qtr_y"]), int(m["qtr_q"])
    return [_month_end(start + 1, 3) if quarter == 4 else _month_end(start, 3 + 3 * quarter)]


def _season(m: re.Match[str]) -> list[dt.date | None]:
    year, name = _year(m["season_y"]), m["season_s"].lower()
    plus, month = _SEASON_END.get(name, (1, 2))
    return [_month_end(year + plus, month)]


def _range(m: re.Match[str]) -> list[dt.date | None]:
    first, last, year = MONTHS[m["rng_a"].lower()], MONTHS[m["rng_b"].lower()], _year(m["rng_y"])
    return [_month_end(year if first <= last else year - 1, first), _month_end(year, last)]


def _fy2(m: re.Match[str]) -> list[dt.date | None]:
    first, second = int(m["fy2_a"]), int(m["fy2_b"])
    return [real_date(_year(m["fy2_b"]), 3, 31)] if (first + 1) % 100 == second else []


_FORMS: dict[str, Callable[[re.Match[str]], list[dt.date | None]]] = {
    "iso": lambda m: [real_date(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))],
    "dmy": lambda m: [real_date(_year(m["dmy_y"]), int(m["dmy_m"]), int(m["dmy_d"]))],
    "qtr": _quarter,
    "us": lambda m: [real_date(int(m["us_y"]), MONTHS[m["us_m"].lower()], int(m["us_d"]))],
    "rng": _range,
    "dmyn": lambda m: [
        real_date(_year(m["dmyn_y"]), MONTHS[m["dmyn_m"].lower()], int(m["dmyn_d"]))
    ],
    "my": lambda m: [_month_end(_year(m["my_y"]), MONTHS[m["my_m"].lower()])],
    "season": _season,
    "fy": lambda m: [_span(m["fy_a"], m["fy_b"])],
    "fy2": _fy2,
    "nmy": lambda m: [_month_end(int(m["nmy_y"]), int(m["nmy_m"]))],
    "year": lambda m: [real_date(int(m["year_y"]), 12, 31)],
}


def token_dates(m: re.Match[str]) -> list[dt.date]:
    """The dates one token names (empty when it is not a real date)."""
    found = _FORMS[m.lastgroup or ""](m)
    return [] if None in found else [d for d in found if d is not None]


# --------------------------------------------------------------------------------------------
# Month-first dates (a list exported from a system set to US English: 9/15/2026)
# --------------------------------------------------------------------------------------------

_NUMERIC = re.compile(r"^\s*(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?!\d)")
#: How many rows of a column are looked at to tell its date order.
_ORDER_REACH = 2000


def month_first(rows: list[list[object]], columns: list[int], first_row: int) -> bool:
    """Whether the dates typed as text in these columns (from row ``first_row``) are written
    month first: some can only be read that way (9/15/2026) and none only day first
    (15/9/2026). Real date cells say nothing, and dates that fit both ways stay day first."""
    only_month_first = False
    for row in rows[first_row : first_row + _ORDER_REACH]:
        for c in columns:
            value = row[c] if c < len(row) else None
            found = _NUMERIC.match(value) if isinstance(value, str) else None
            if not found:
                continue
            first, second = int(found[1]), int(found[3])
            if first > 12 >= second:
                return False
            only_month_first = only_month_first or second > 12 >= first
    return only_month_first


def day_first_text(text: str) -> str:
    """A month-first date's text with its day and month swapped ("12/1/2026" → "1/12/2026")."""
    return _NUMERIC.sub(lambda m: f"{m[3]}{m[2]}{m[1]}{m[2]}{m[4]}", text, count=1)
