"""How a cell's value becomes a grid value, the same for every reader.

Values in a grid are ``None``, ``str``, ``int``, ``float``, ``bool`` or ``datetime.datetime``:

* an empty string is read as ``None`` (the cell looks empty);
* a whole number is an ``int`` below :data:`INT_LIMIT` (writers put whole numbers below 10**16 as
  plain digits, which openpyxl reads as ``int``; engines that hand every number over as a float,
  python-calamine and Excel itself, are brought into line);
* dates are always ``datetime.datetime`` (midnight for a date alone); a time of day or a
  duration (a cell formatted ``hh:mm`` or ``[h]:mm``) is read as its text, e.g. ``"09:30:00"``;
* text keeps every space and line break; Excel's ``_x000D_``-style escapes are decoded;
* an error gives its text, e.g. ``"#REF!"``; a formula gives the value last calculated and saved.

Each engine hands its values to one function here: :func:`plain_value` (openpyxl, and any value
of a type the fast paths do not expect), :func:`calamine_row` (python-calamine's rows, the fast
path of ``check`` and ``refresh``) and :func:`excel_value` (Excel's, for the open workbook).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..core.dates import EXCEL_EPOCH

#: Whole numbers below this size are ``int`` (see the module docstring).
INT_LIMIT = 10**16

_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def plain_value(value: object) -> object:
    """A cell value as one of the grid's types (see the module docstring)."""
    if isinstance(value, str):
        return unescape(value) if "_x" in value else value
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, dt.time | dt.timedelta):
        return str(value)
    if isinstance(value, bool | int | float):
        return value
    return str(value)


def unescape(text: str) -> str:
    """Decode Excel's ``_xHHHH_`` escapes in cell text (``a_x000D_`` → ``a\\r``; a literal
    ``_x0041_`` typed by a user is stored as ``_x005F_x0041_`` and comes back as typed)."""
    decoded = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    if any("\ud800" <= ch <= "\udfff" for ch in decoded):
        decoded = decoded.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return decoded


def calamine_row(row: list[Any], max_cols: int) -> list[object]:
    """One python-calamine row as grid values (as openpyxl gives them), at most ``max_cols``
    wide, without trailing empty cells. Strings are taken as they come: python-calamine decodes
    an ``.xlsx`` file's escapes itself (see :func:`unescaped` for the other formats)."""
    values: list[object] = []
    append = values.append
    for value in row if len(row) <= max_cols else row[:max_cols]:
        kind = value.__class__
        if kind is str:
            if not value:
                value = None
        elif kind is float:
            if value.is_integer() and -INT_LIMIT < value < INT_LIMIT:
                value = int(value)
        elif value is None:
            pass
        elif kind is dt.date:
            value = dt.datetime(value.year, value.month, value.day)
        elif kind is not dt.datetime and (kind is not int or isinstance(value, bool)):
            value = plain_value(value)
        append(value)
    while values and values[-1] is None:
        values.pop()
    return values


def unescaped(values: list[object]) -> list[object]:
    """``values`` with Excel's ``_xHHHH_`` escapes decoded in their text (in place)."""
    for c, value in enumerate(values):
        if isinstance(value, str) and "_x" in value:
            values[c] = unescape(value)
    return values


def excel_value(value: object) -> object:
    """A value as Excel hands it over for the open workbook → the value a file reader gives for
    the same cell (Excel gives every number as a float, and a time of day as a date-time on its
    first day; errors come as their text when asked so)."""
    if isinstance(value, str):
        return value if value != "" else None
    if isinstance(value, float) and value.is_integer() and abs(value) < INT_LIMIT:
        return int(value)
    if isinstance(value, dt.datetime) and value.date() == EXCEL_EPOCH:
        return value.strftime("%H:%M:%S")
    return value


__all__ = ["INT_LIMIT", "calamine_row", "excel_value", "plain_value", "unescape", "unescaped"]
