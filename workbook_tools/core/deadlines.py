"""Reading deadline cells and single dates, as RULES.md §1 describes.

:func:`read_deadline` turns whatever a Deadline cell held into a :class:`Deadline`;
:func:`read_date` reads one date from a Start, Date provided, Done or Milestone Due cell.
Neither ever raises. The text of a cell is scanned for every date form in the table, left to
right, and words around the dates are ignored ("Contract let 31December 2007 …").

Choices made where RULES.md is silent:

- Dates are kept in the order found, repeats included; the due date is the latest.
- Recurring deadlines ("Mar 09 (and quarterly thereafter)", "01 April 2007 and review each year",
  "April 08 with 6 monthly reports thereafter") are kind ``ongoing`` and keep the dates found in
  ``dates``: they are milestones of a commitment with no end, so whoever rates the action must
  look at ``kind`` before treating ``due`` as a deadline.
- A recurrence tied to an end is kind ``date``, like "Throughout 2009-11": "Every quarter
  2007-2010", "quarterly in 2008/09", "quarterly reporting through 2008/09", "ongoing to
  31/03/2009", "On-going 2008/2009". A recurrence followed by "from <date>" stays ongoing.
- A range "May 08 - March 09" gives both dates (the end is due, the start a milestone);
  "May - Nov 06" gives both months in 2006.
- Year spans "2009-11", "2007-2010" (up to ten years) end on 31 March of the later year.
  "2008-03", whose second part is an earlier year, is March 2008 (last day).
- "Q3 2008" (one year) is Q3 of the financial year starting in 2008; "08/09" alone is a
  financial year only when the two years follow on; "03/2009" is the last day of March 2009;
  "March 31, 2008" (four-digit year) is that day; seasons end on 31 May (spring), 31 August
  (summer), 30 November (autumn) and the end of February after winter.
- A month without a year ("July") gives no date: it is unreadable, and the problem says so.
- ``uncertain-date``: a "?" right after a date, or TBC / provisional / approximately / circa /
  estimated written beside a date.
- With no date: TBC words ("TBC", "to be agreed", "As per timetable", "As per meeting schedule",
  "subject to", "pending"), a lone "?" or a named ref ("under 4.10", "See 5.1") give ``tbc``;
  otherwise ongoing words ("On-going", "Monthly", "Continuous", "in place", "as required") give
  ``ongoing``. "n/a", "none", "nil", "not applicable" and cells with no letter or digit ("-",
  "■") are blank: kind ``none`` without a flag.
- ``depends_on`` is recorded whenever "under X.Y" / "See X.Y" names a ref, dates or not.
- Numbers: a whole number 1900–2100 is a year (31 December); 1000 < n < 2958466 is an Excel
  serial (a fraction, the time of day, is dropped); anything else, NaN, infinity, negative
  numbers and True/False are unreadable. Text that is only a number is read the same way.
- Serial 60 is Excel's fictitious 29 February 1900 and gives no date.
- Impossible dates ("31/02/2008", a month-first "03/31/2008") give no date; when nothing else
  is read the problem names them. Only the first 2,000 characters of a cell are read.
- :func:`read_date` returns the first date found in a text (so "May 08 - March 09" gives
  31 May 2008), and also reads "30 06 08" (spaces between day, month and year).
- Placeholder dates — any date in 1900 or before, such as the "1900-01-00", "1899-12-30" or
  "1899-12-31" a spreadsheet shows for an empty or zero date cell — are not deadlines: the cell
  is unreadable (so the Checks sheet names it) rather than "Overdue by 45553 days";
  :func:`read_date` gives no date for them.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from functools import lru_cache

from workbook_tools.core.dates import excel_serial_to_date
from workbook_tools.core.dates import full_year as _year
from workbook_tools.core.deadline_forms import COMPLAIN as _COMPLAIN
from workbook_tools.core.deadline_forms import FLAGS as _FLAGS
from workbook_tools.core.deadline_forms import MONTH_ALONE as _MONTH_ALONE
from workbook_tools.core.deadline_forms import TOKEN as _TOKEN
from workbook_tools.core.deadline_forms import real_date as _date
from workbook_tools.core.deadline_forms import token_dates as _token_dates
from workbook_tools.core.model import Deadline, DeadlineKind
from workbook_tools.core.vocabulary import FLAG_UNCERTAIN_DATE, FLAG_UNREADABLE_DATE

__all__ = ["is_placeholder", "read_date", "read_deadline"]

_MAX_SCAN = 2000  # characters of a cleaned cell that are read
#: The last placeholder date: a date cell left at zero shows 1900-01-00 or 1899-12-30/31.
_PLACEHOLDER_LAST = dt.date(1900, 12, 31)
_PLACEHOLDER_HINT = (
    "it is a placeholder date (what an empty date cell shows), not a deadline; type the "
    "deadline or leave the cell blank"
)
#: A zero date cell read as a time of day by a spreadsheet library ("00:00:00").
_ZERO_TIME = re.compile(r"0?0:00(?::00)?")
_PLACEHOLDER_TEXT = re.compile(r"(?<!\d)(?:1899|1900)(?!\d)|(?<!\d)0?0[/.-]0?1[/.-](?:1900|00)\b")


# --------------------------------------------------------------------------------------------
# Patterns for the words around dates, compiled once (the date forms themselves are
# :mod:`workbook_tools.core.deadline_forms`). Cells are cleaned first: tags stripped, entities
# decoded, dashes made "-", whitespace collapsed to single spaces.
# --------------------------------------------------------------------------------------------

_SPACED = re.compile(r"(\d{1,2})[ ./-]{1,3}(\d{1,2})[ ./-]{1,3}(\d{4}|\d{2})", _FLAGS)
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)")
_QMARK = re.compile(r" ?\)? ?\?")
_TAG = re.compile(r"<[^<>]{0,200}>")
_ONGOING = re.compile(
    r"""(?<![a-z])(?:on[\s-]{0,3}going|continu[a-z]*|thereafter|each\ subsequent(?:\ year)?
    |(?:each|every|per)\ (?:year|month|quarter|week|fortnight|annum)|annual(?:ly)?
    |monthly|weekly|quarterly|fortnightly|yearly|daily|rolling)(?![a-z])""",
    _FLAGS | re.VERBOSE,
)
# What may sit between a recurrence word and the date that ends it ("quarterly reporting
# through 2008/09", "ongoing to 31/03/2009"); "from"/"after" start a recurrence, never end it.
_AFTER_MARKER = re.compile(
    r"""[\s():]{0,3}(?:(?!(?:from|start|commenc|begin|after|thereafter|and|with)[a-z]*\ )
    [a-z]{1,20}\ )?(?:(?:in|during|to|until|till|through(?:out)?|by|up\ to|over|for|within)\ )?
    (?:the\ )?(?:end\ of\ )?""",
    _FLAGS | re.VERBOSE,
)
_WEAK_ONGOING = re.compile(
    r"(?<![a-z])(?:in\ place|as\ (?:and\ when|required|needed|necessary)|when\ required"
    r"|regular(?:ly)?|throughout(?:\ the\ year)?|periodic(?:ally)?)(?![a-z])",
    _FLAGS | re.VERBOSE,
)
_TBC = re.compile(
    r"""(?<![a-z])(?:t\.?b\.?[acd]\.?|to\ be\ (?:confirmed|agreed|determined|decided|arranged
    |advised|set|scheduled|announced|fixed|identified|established)|not\ (?:yet\ )?(?:known|set
    |agreed|confirmed|decided|determined)|unknown|as\ per|as\ agreed|dependent\ (?:on|upon)
    |depends\ on|subject\ to|awaiting|pending)(?![a-z])""",
    _FLAGS | re.VERBOSE,
)
_TENTATIVE = re.compile(
    r"(?<![a-z])(?:t\.?b\.?[acd]|to be confirmed|provisional(?:ly)?|approx(?:imately)?|circa"
    r"|estimated?|tentative(?:ly)?)(?![a-z])",
    _FLAGS,
)
_REF = re.compile(
    r"(?<![a-z])(?:under|see)\ (?:(?:action|ref(?:erence)?|item|section|para(?:graph)?|point"
    r"|no)\.?\ ?)?(?P<ref>\d{1,3}(?:\.\d{1,3}){0,4})(?![\d]|[a-z])",
    _FLAGS | re.VERBOSE,
)
_BLANK_WORDS = re.compile(
    r"(?:n ?/ ?a|na|none|nil|not applicable|no (?:deadline|date|end date))\.?", _FLAGS
)
_QUESTION_ONLY = re.compile(r"\?+")
# Dashes, curly quotes and non-breaking spaces as their plain forms.
_TRANSLATE = str.maketrans(
    "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2018\u2019\xa0", "-------'' "
)


def _clean(text: str) -> str:
    """The cell's text as read: tags gone, entities decoded, dashes and spaces plain."""
    text = text[: _MAX_SCAN * 4]
    for _ in range(2):  # twice, for text pasted from a page that escaped its own markup
        if "<" in text:
            text = _TAG.sub(" ", text)
        if "&" in text:
            text = html.unescape(text)
    return " ".join(text.translate(_TRANSLATE).split())[:_MAX_SCAN]


def _number_date(value: float) -> dt.date | None:
    """A whole number 1900–2100 is a year (31 December); 1000 < n < 2958466 an Excel serial."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if 1900 <= value <= 2100:
        return dt.date(int(value), 12, 31) if value == int(value) else None
    if 1000 < value < 2958466:
        return excel_serial_to_date(value)
    return None


def _safe_str(value: object) -> str:
    try:
        return str(value)
    except Exception:  # a huge integer or an object whose str() fails
        return "(a value that cannot be shown)"


def _unreadable(text: str, shown: str, reason: str | None = None) -> Deadline:
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    hint = reason or "write a date such as 31/03/2009 or Mar 09, or Ongoing or TBC"
    return Deadline(
        text,
        kind=DeadlineKind.NONE,
        flags=(FLAG_UNREADABLE_DATE,),
        problem=f"Could not read the deadline '{shown}': {hint}",
    )


def _is_ended(clean: str, marker: re.Match[str], starts: set[int]) -> bool:
    """True when a recurrence word is followed by the date it runs to."""
    after = _AFTER_MARKER.match(clean, marker.end())
    return after is not None and after.end() in starts


def is_placeholder(day: dt.date) -> bool:
    """Whether ``day`` is a placeholder (in 1900 or before), never a real deadline."""
    return day <= _PLACEHOLDER_LAST


def _read_text(text: str) -> Deadline:
    clean = _clean(text)
    if not clean:
        return Deadline(text)
    if _ZERO_TIME.fullmatch(clean):
        return _unreadable(text, clean, _PLACEHOLDER_HINT)
    if _NUMBER.fullmatch(clean):
        day = _number_date(float(clean))
        if day is None:
            return _unreadable(text, clean, "a number that is not a date or a year")
        if is_placeholder(day):
            return _unreadable(text, clean, _PLACEHOLDER_HINT)
        return Deadline(text, (day,), DeadlineKind.DATE)
    dates: list[dt.date] = []
    spans: list[tuple[int, int]] = []
    impossible: list[str] = []
    uncertain = False
    for m in _TOKEN.finditer(clean):
        got = _token_dates(m)
        if got:
            dates.extend(got)
            spans.append(m.span())
            uncertain = uncertain or _QMARK.match(clean, m.end()) is not None
        elif m.lastgroup in _COMPLAIN:
            impossible.append(m.group())
    depends_on = next(
        (
            r["ref"]
            for r in _REF.finditer(clean)
            if not any(a < r.end() and r.start() < b for a, b in spans)
        ),
        None,
    )
    markers = list(_ONGOING.finditer(clean))
    placeholders = [d for d in dates if is_placeholder(d)]
    if placeholders:
        dates = [d for d in dates if not is_placeholder(d)]
        if not dates:
            return _unreadable(text, clean, _PLACEHOLDER_HINT)
    if dates:
        starts = {a for a, _ in spans}
        endless = any(not _is_ended(clean, mk, starts) for mk in markers)
        kind = DeadlineKind.ONGOING if endless else DeadlineKind.DATE
        flags = (FLAG_UNCERTAIN_DATE,) if uncertain or _TENTATIVE.search(clean) else ()
        return Deadline(text, tuple(dates), kind, flags, depends_on)
    if depends_on or _TBC.search(clean) or _QUESTION_ONLY.fullmatch(clean):
        return Deadline(text, kind=DeadlineKind.TBC, depends_on=depends_on)
    if markers or _WEAK_ONGOING.search(clean):
        return Deadline(text, kind=DeadlineKind.ONGOING)
    if _BLANK_WORDS.fullmatch(clean) or not any(c.isalnum() for c in clean):
        return Deadline(text)
    if impossible and _PLACEHOLDER_TEXT.search(clean):
        return _unreadable(text, clean, _PLACEHOLDER_HINT)
    if impossible:
        what = "it" if impossible[0] == clean else impossible[0]
        return _unreadable(text, clean, f"{what} is not a real date (dates are read day first)")
    if _MONTH_ALONE.search(clean):
        return _unreadable(text, clean, "it names a month but no year (write e.g. Mar 09)")
    return _unreadable(text, clean)


@lru_cache(maxsize=8192)
def _read_short_text(text: str) -> Deadline:
    return _read_text(text)


def _read(value: object) -> Deadline:
    """:func:`read_deadline` without its last guard (tests call it to see real errors)."""
    if value is None:
        return Deadline("")
    if isinstance(value, bool):
        return _unreadable(str(value), str(value), "Yes/No is not a date")
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        if is_placeholder(value):
            return _unreadable(value.isoformat(), value.isoformat(), _PLACEHOLDER_HINT)
        return Deadline(value.isoformat(), (value,), DeadlineKind.DATE)
    if isinstance(value, int | float):
        text = _safe_str(value)
        day = _number_date(value)
        if day is None:
            return _unreadable(text, text, "a number that is not a date or a year")
        if is_placeholder(day):
            return _unreadable(text, text, _PLACEHOLDER_HINT)
        return Deadline(text, (day,), DeadlineKind.DATE)
    text = value if isinstance(value, str) else _safe_str(value)
    return _read_short_text(text) if len(text) <= 200 else _read_text(text)


#: Cell values whose reading is remembered (a plan repeats its deadlines); a :class:`Deadline`
#: is immutable, so actions with the same deadline cell may share one. (Text is remembered by
#: its reader too; remembering it here as well spares the type tests of every row.)
_REMEMBERED = (type(None), dt.datetime, dt.date, int, float, str)
_read_remembered = lru_cache(maxsize=8192, typed=True)(_read)


def read_deadline(value: object) -> Deadline:
    """Read a Deadline cell (None, text, a number, a date or datetime) per RULES.md §1.

    Never raises: anything it cannot make sense of comes back as kind ``none`` with the flag
    ``unreadable-date`` and a ``problem`` sentence for the Checks sheet.
    """
    try:
        if value.__class__ in _REMEMBERED and value != 0:  # 0.0 and -0.0 are equal keys
            return _read_remembered(value)
        return _read(value)
    except Exception:  # a deadline cell must never stop a refresh
        text = _safe_str(value)
        return _unreadable(text, text[:60])


def _read_one_date(value: object) -> dt.date | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float):
        return _number_date(value)
    clean = _clean(value if isinstance(value, str) else _safe_str(value))
    spaced = _SPACED.fullmatch(clean)
    if spaced:
        return _date(_year(spaced[3]), int(spaced[2]), int(spaced[1]))
    if _NUMBER.fullmatch(clean):
        return _number_date(float(clean))
    for m in _TOKEN.finditer(clean):
        got = _token_dates(m)
        if got:
            return got[0]
    return None


@lru_cache(maxsize=8192)
def _read_short_date(text: str) -> dt.date | None:
    return _read_one_date(text)


def read_date(value: object) -> dt.date | None:
    """One date from a single-date cell (Start, Date provided, Done, Milestone Due, Settings).

    Reads real dates, Excel serials and the text forms of RULES.md §1, plus "30 06 08" (day,
    month, year separated by spaces). Returns the first date a text names, ``None`` when there
    is none. Never raises.
    """
    try:
        if isinstance(value, str) and len(value) <= 200:
            day = _read_short_date(value)
        else:
            day = _read_one_date(value)
    except Exception:  # a date cell must never stop a refresh
        return None
    return None if day is None or is_placeholder(day) else day

