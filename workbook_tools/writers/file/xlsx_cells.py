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

from workbook_tools.core.dates import excel_serial

if TYPE_CHECKING:
    from workbook_tools.writers.file.xlsx_strings import SharedStrings

_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: Any character :func:`escape` leaves out or replaces.
_NEEDS_ESCAPE = re.compile('[&<>"\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')
_EXCEL_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")


def stored_text(text: str) -> str:
    """``text`` as a workbook stores it: characters it cannot hold left out, and text Excel
    would take for one of its ``_xHHHH_`` escapes escaped itself."""
    if _INVALID.search(text):
        text = _INVALID.sub("", text)
    return _EXCEL_ESCAPE.sub("_x005F_", text) if "_x" in text else text


def escape(text: str) -> str:
    """``text`` ready to go between XML tags or inside a double-quoted attribute value (a
    carriage return is kept as a character reference, which XML would otherwise drop)."""
    if _NEEDS_ESCAPE.search(text) is None:  # most text: one scan instead of six
        return text
    text = _INVALID.sub("", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;").replace("\r", "&#13;")


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
    p = prefix.decode() if prefix else ""
    head = f'<{p}c r="{ref}" s="{style}"' if style else f'<{p}c r="{ref}"'
    if value.__class__ is str and strings is not None:  # the usual cell, told first
        if not value:
            return (head + "/>").encode()
        return f'{head} t="s"><{p}v>{strings.index(value)}</{p}v></{p}c>'.encode()
    if isinstance(value, dt.date):
        value = excel_serial(value, date1904)
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


_REMEMBERED = frozenset({str, int, bool, type(None), dt.date})


class CellRenderer:
    """:func:`cell_xml` for many cells of one part, each distinct (style, value) rendered once.

    A sheet's computed columns and rebuilt sheets repeat a handful of values (RAG words,
    reasons, empty cells) in a handful of formats, thousands of times; a cell's XML after its
    reference depends only on its style and value, so that tail is worked out once and each
    cell is its reference plus the tail: the same bytes :func:`cell_xml` gives. A string's
    index in ``strings`` is taken at its first use, so the table grows in the same order.
    """

    def __init__(
        self, *, prefix: bytes = b"", date1904: bool = False, strings: SharedStrings | None = None
    ) -> None:
        self.prefix, self.date1904, self.strings = prefix, date1904, strings
        self._start = b"<" + prefix + b'c r="'
        self._tails: dict[tuple, bytes] = {}

    def __call__(self, ref: str, style: int, value: object) -> bytes:
        """The ``<c>`` element for ``value`` at ``ref`` with style index ``style``."""
        # the value's class is part of the key (1, 1.0 and True are equal but written apart), a
        # float is known by its digits (0.0 and -0.0 are equal too); other kinds of value (a
        # date with a time zone…) are rendered every time
        cls = value.__class__
        if cls is float:
            key: tuple = (style, cls, repr(value))
        elif cls in _REMEMBERED or (cls is dt.datetime and value.tzinfo is None):
            key = (style, cls, value)
        else:
            return self._render(ref, style, value)
        tail = self._tails.get(key)
        if tail is None:
            whole = self._render("A1", style, value)
            tail = self._tails[key] = whole[len(self._start) + 2 :]
        elif cls is str and value and self.strings is not None:
            self.strings.used_again()  # the table counts every cell referring to it
        return self._start + ref.encode() + tail

    def _render(self, ref: str, style: int, value: object) -> bytes:
        return cell_xml(
            ref, style, value, prefix=self.prefix, date1904=self.date1904, strings=self.strings
        )


__all__ = ["CellRenderer", "cell_xml", "escape", "stored_text"]
