"""One cell as worksheet XML: values written exactly, strings always as text.

Strings go into the workbook's shared strings (or, without a table, inline), typed as text, so
text that looks like a formula or a number stays text. Characters a workbook cannot hold are left
out, and text that Excel would read as one of its ``_xHHHH_`` escapes is itself escaped, so it
reads back as typed. Dates become serial numbers in the workbook's own date system.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbook_tools.writers.file.xlsx_strings import SharedStrings

_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_EXCEL_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
_EPOCH = {False: dt.datetime(1899, 12, 30), True: dt.datetime(1904, 1, 1)}


def stored_text(text: str) -> str:
    """``text`` as a workbook stores it: characters it cannot hold left out, and text Excel
    would take for one of its ``_xHHHH_`` escapes escaped itself."""
    if _INVALID.search(text):
        text = _INVALID.sub("", text)
    return _EXCEL_ESCAPE.sub("_x005F_", text) if "_x" in text else text


def escape(text: str) -> str:
    """``text`` ready to go between XML tags or inside a double-quoted attribute value (a
    carriage return is kept as a character reference, which XML would otherwise drop)."""
    text = _INVALID.sub("", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;").replace("\r", "&#13;")


def serial(value: dt.date, date1904: bool = False) -> float | int:
    """A date or date-time as the serial number a workbook stores (whole days for a date)."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    delta = value.replace(tzinfo=None) - _EPOCH[date1904]
    days = delta.days + delta.seconds / 86_400 + delta.microseconds / 86_400_000_000
    return int(days) if float(days).is_integer() else round(days, 10)


def cell_xml(
    ref: str,
    style: int,
    value: object,
    *,
    prefix: bytes = b"",
    date1904: bool = False,
    strings: SharedStrings | None = None,
) -> bytes:
    """The ``<c>`` element for ``value`` at ``ref`` with style index ``style``: ``None`` (or an
    empty string) gives an empty cell carrying only its style; a string goes into ``strings``
    when given."""
    p = prefix.decode()
    head = f'<{p}c r="{ref}"' + (f' s="{style}"' if style else "")
    if isinstance(value, dt.date):
        value = serial(value, date1904)
    if value is None or value == "" or (isinstance(value, float) and not math.isfinite(value)):
        return (head + "/>").encode()
    if isinstance(value, bool):
        return f'{head} t="b"><{p}v>{int(value)}</{p}v></{p}c>'.encode()
    if isinstance(value, int | float):
        number = repr(float(value)) if isinstance(value, float) else str(value)
        if number.endswith(".0"):
            number = number[:-2]
        return f"{head}><{p}v>{number}</{p}v></{p}c>".encode()
    if strings is not None:
        return f'{head} t="s"><{p}v>{strings.index(str(value))}</{p}v></{p}c>'.encode()
    text = escape(stored_text(str(value)))
    return (
        f'{head} t="inlineStr"><{p}is><{p}t xml:space="preserve">{text}</{p}t></{p}is></{p}c>'
    ).encode()


__all__ = ["cell_xml", "escape", "serial", "stored_text"]
