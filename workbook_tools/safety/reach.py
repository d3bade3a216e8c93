"""How far a sheet's cells reach, found without listing them.

A sheet's scan (:mod:`~workbook_tools.safety.scan`) needs the highest row and column its cells
use. Listing every cell's reference costs a Python object per cell (a 20,000-action plan holds
over 300,000 cells); :func:`reach` instead guesses the furthest row and column from the last
cell and the last row of the XML (cells are written row by row, left to right), then asks the
regular expression engine, in one pass that creates nothing, for any cell or row beyond the
guess or written in another form. A find raises the guess and the search goes on from there; a
cell in another form hands the XML back to the general scan. Cells of a plan are rarely wider
than its first rows, so the pass almost never stops.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Protocol

#: A cell's start tag in the usual form, with its reference's letters and row number.
_USUAL_CELL = re.compile(rb'<c r="([A-Za-z]{1,10})([0-9]{1,12})"')
#: A row's start tag in the usual form, with its number.
_USUAL_ROW = re.compile(rb'<row r="([0-9]{1,12})"')
#: After this many finds beyond the guess (cells in no order), the general scan is cheaper.
_MOST_RAISES = 32


class Extent(Protocol):
    """What :func:`reach` updates: the highest row and column found so far."""

    max_row: int
    max_col: int


def column_index(letters: str) -> int:
    """The 1-based index of a column given as letters (A = 1, XFD = 16384)."""
    index = 0
    for char in letters.upper():
        index = index * 26 + (ord(char) - 64)
    return index


def column_letters(index: int) -> str:
    """The letters of a 1-based column index."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def reach(extent: Extent, data: bytes) -> bool:
    """Raise ``extent``'s highest row and column to those of the cells and rows in ``data`` (a
    stretch of an unprefixed ``<sheetData>``, whole tags only) and return True, when every cell
    and row there is written in the usual form (``<c r="B7"``, ``<row r="7"``); else change
    nothing and return False, for the general scan. The result is the same as taking the
    maximum over every reference."""
    col, row = extent.max_col, extent.max_row
    cell = _last(_USUAL_CELL, data, b'<c r="')
    if cell is not None:
        col = max(col, column_index(cell.group(1).decode()))
        row = max(row, int(cell.group(2)))
    last_row = _last(_USUAL_ROW, data, b'<row r="')
    if last_row is not None:
        row = max(row, int(last_row.group(1)))
    found = _beyond(data, col, row)
    if found is None:
        return False
    extent.max_col, extent.max_row = found
    return True


def _last(pattern: re.Pattern[bytes], data: bytes, start: bytes) -> re.Match[bytes] | None:
    """The last tag in ``data`` beginning with ``start``, if it is in the usual form."""
    at = data.rfind(start)
    return pattern.match(data, at) if at >= 0 else None


def _beyond(data: bytes, col: int, row: int) -> tuple[int, int] | None:
    """The highest ``(column, row)`` of ``data``'s cells and rows, starting from the guess
    ``col``, ``row``; None when a cell or row is not in the usual form or the guess had to be
    raised too often."""
    for tag, usual in ((b"c", _USUAL_CELL), (b"row", _USUAL_ROW)):
        at = 0
        for _ in range(_MOST_RAISES):
            found = _beyond_pattern(tag, col, row).search(data, at)
            if found is None:
                break
            ref = usual.match(data, found.start())
            if ref is None:
                return None  # another form: the general scan
            if tag == b"c":
                col = max(col, column_index(ref.group(1).decode()))
                row = max(row, int(ref.group(2)))
            else:
                row = max(row, int(ref.group(1)))
            at = found.start() + 1
        else:
            return None
    return col, row


@lru_cache(maxsize=64)
def _beyond_pattern(tag: bytes, col: int, row: int) -> re.Pattern[bytes]:
    """A pattern finding a cell (``tag`` ``c``) beyond column ``col`` or row ``row``, or a row
    (``tag`` ``row``) beyond row ``row``, or such a tag not in the usual form. It may also find
    some that are not beyond (the caller checks each find), never miss one that is."""
    if tag == b"c":
        beyond = b"(?:" + _letters_after(column_letters(col)) + b"[0-9]|[A-Za-z]{1,10}"
        beyond += _number_after(row) + b")"
        usual = rb"[A-Za-z]{1,10}[0-9]{1,12}\""
    else:
        beyond, usual = _number_after(row), rb"[0-9]{1,12}\""
    return re.compile(b"<" + tag + b'(?: r="' + beyond + b'|(?! r="' + usual + b"))")


def _letters_after(letters: str) -> bytes:
    """A pattern for column letters (either case) of a column after ``letters`` (upper case,
    empty for none): more letters, or as many and later in the alphabet."""
    size = len(letters)
    options = [b"[A-Za-z]{%d,10}" % (size + 1)] if size < 10 else []
    for i, char in enumerate(letters):
        if char == "Z":
            continue
        same = b"".join(b"[" + c.encode() + c.lower().encode() + b"]" for c in letters[:i])
        after = chr(ord(char) + 1)
        later = b"[" + after.encode() + b"-Z" + after.lower().encode() + b"-z]"
        options.append(same + later + b"[A-Za-z]{%d}" % (size - i - 1))
    return b"(?:" + b"|".join(options) + b")" if options else b"(?!)"


def _number_after(number: int) -> bytes:
    """A pattern for the start of a run of digits (maybe with leading zeros) whose value is
    above ``number``: more digits, or as many and larger."""
    text = str(number)
    options = [b"[1-9][0-9]{%d,}" % len(text)]
    for i, digit in enumerate(text):
        if digit != "9":
            larger = b"[%d-9]" % (int(digit) + 1)
            options.append(text[:i].encode() + larger + b"[0-9]{%d}" % (len(text) - i - 1))
    return b"0*(?:" + b"|".join(options) + b")"
