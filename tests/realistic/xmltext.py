"""Small text helpers shared by the builders: escaping, cell references, numbers as the
applications write them, Excel serial dates and deterministic GUIDs."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from xml.sax.saxutils import escape, quoteattr

__all__ = [
    "attrs",
    "col_letter",
    "esc",
    "excel_number",
    "guid",
    "quoteattr",
    "ref",
    "serial",
    "sheet_ref",
]

EPOCH = dt.datetime(1899, 12, 30)


def esc(text: str) -> str:
    """``text`` escaped for an XML text node (``&``, ``<``, ``>``)."""
    return escape(text)


def attrs(**values: object) -> str:
    """`` a="1" b="x"`` for the values that are not None, in the order given (``_`` → ``:``)."""
    out = []
    for key, value in values.items():
        if value is None:
            continue
        name = key.replace("__", ":")
        out.append(f" {name}={quoteattr(str(value))}")
    return "".join(out)


def col_letter(col: int) -> str:
    """The column letters of 1-based ``col`` (1 → A, 27 → AA)."""
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def ref(row: int, col: int, absolute: bool = False) -> str:
    """The A1 reference of 1-based ``row`` and ``col`` (``$A$1`` when ``absolute``)."""
    if absolute:
        return f"${col_letter(col)}${row}"
    return f"{col_letter(col)}{row}"


def serial(value: dt.date | dt.datetime) -> float | int:
    """The Excel 1900-system serial number of a date or date-time."""
    if not isinstance(value, dt.datetime):
        return (value - EPOCH.date()).days
    delta = value - EPOCH
    return delta.days + delta.seconds / 86400


def excel_number(value: float | int) -> str:
    """A number as Excel writes it: integers plain; a double that 15 significant digits cannot
    give back exactly is written with 17 (``0.30000000000000004``, as real Excel files show,
    e.g. ``2.3199999999999998`` in a Mac Excel 16 workbook); others as the shortest text."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return str(int(value))
    if float(f"{value:.15g}") != value:
        return f"{value:.17g}"
    return repr(value)


def guid(*seed: object, braces: bool = True, upper: bool = True) -> str:
    """A GUID made from ``seed`` (the same seed always gives the same GUID)."""
    digest = hashlib.sha1("\x1f".join(map(str, seed)).encode()).digest()
    text = str(uuid.UUID(bytes=digest[:16], version=4))
    text = text.upper() if upper else text
    return "{" + text + "}" if braces else text


def sheet_ref(name: str) -> str:
    """The sheet name as a formula writes it: quoted when it is not a plain word."""
    if name.replace("_", "").isalnum() and not name[0].isdigit():
        return name
    return "'" + name.replace("'", "''") + "'"
