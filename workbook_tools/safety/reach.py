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
#: After this many finds past the guess (cells in no order), the general scan is cheaper.
_MOST_FINDS = 32


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
        for _ in range(_MOST_FINDS):
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
    """A pattern finding a cell (``tag`` ``c``) or a row (``tag`` ``row``) that is not written
    the usual way within column ``col`` and row ``row``: beyond them, in another form, or with
    a leading zero (the caller checks each find). One negative lookahead per tag is about twice
    as fast as looking for each way of being beyond."""
    within = _letters_upto(column_letters(col)) if tag == b"c" else b""
    within += _number_upto(row)
    return re.compile(b"<" + tag + b'(?! r="' + within + b'")')


def _letters_upto(letters: str) -> bytes:
    """A pattern for column letters (either case) of a column up to ``letters`` (upper case):
    fewer letters, or as many and not later in the alphabet."""
    size = len(letters)
    if not size:
        return b"(?!)"
    options = [b"[A-Za-z]{1,%d}" % (size - 1)] if size > 1 else []
    for i, char in enumerate(letters):
        if char != "A":
            before = chr(ord(char) - 1)
            earlier = b"[A-" + before.encode() + b"a-" + before.lower().encode() + b"]"
            options.append(_same(letters[:i]) + earlier + b"[A-Za-z]{%d}" % (size - i - 1))
    options.append(_same(letters))
    return b"(?:" + b"|".join(options) + b")"


def _same(letters: str) -> bytes:
    """A pattern for ``letters`` in either case."""
    return b"".join(b"[" + c.encode() + c.lower().encode() + b"]" for c in letters)


def _number_upto(number: int) -> bytes:
    """A pattern for a number from 1 up to ``number``, without leading zeros: fewer digits, or
    as many and not larger."""
    if number < 1:
        return b"(?!)"
    text = str(number)
    size = len(text)
    options = [b"[1-9][0-9]{0,%d}" % (size - 2)] if size > 1 else []
    for i, digit in enumerate(text):
        low = 1 if i == 0 else 0
        if int(digit) > low:
            smaller = b"[%d-%d]" % (low, int(digit) - 1)
            options.append(text[:i].encode() + smaller + b"[0-9]{%d}" % (size - i - 1))
    options.append(text.encode())
    return b"(?:" + b"|".join(options) + b")"
