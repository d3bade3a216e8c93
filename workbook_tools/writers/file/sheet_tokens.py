"""The lexical pieces of a worksheet part that editing it as a stream needs.

Tags are found with their attributes in either kind of quotes (``>`` may appear inside a value)
and any namespace prefix; CDATA sections, comments and processing instructions are matched whole,
so that nothing inside them is taken for a tag. A row's cells are split into :class:`Cell` items
(each with its column, style index and exact bytes); cell values are never looked into.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from lxml import etree

from workbook_tools.core.model import column_letter

_NAME = rb"(?:[A-Za-z_][\w.\-]*:)?"
_ATTRS = rb"((?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*"
#: A start tag's attributes (group), each value in either kind of quotes.
ATTRS = _ATTRS
_SKIP = rb"!\[CDATA\[.*?\]\]>|!--.*?-->|\?.*?\?>"


def _tokens(name: bytes) -> re.Pattern[bytes]:
    """Start and end tags of elements called ``name`` (any prefix), and what to skip whole."""
    return re.compile(
        rb"<(?:" + _SKIP + rb"|(/?)(" + _NAME + rb")" + name + rb"(?=[\s/>])" + _ATTRS + rb"(/?)>)",
        re.S,
    )


SHEETDATA = _tokens(rb"sheetData")
DIMENSION = _tokens(rb"dimension")
COLS = _tokens(rb"cols")
ROW = _tokens(rb"row")
_CELL = _tokens(rb"c")
#: A whole cell, for a row without comments or CDATA (a cell's content holds no other cell).
WHOLE_CELL = _WHOLE_CELL = re.compile(
    rb"<" + _NAME + rb"c(?=[\s/>])" + _ATTRS + rb"(?:/>|>.*?</" + _NAME + rb"c\s*>)", re.S
)
ROOT = re.compile(rb"<(?!\?|!)(" + _NAME + rb"[A-Za-z_][\w.\-]*)")
R_ATTR = re.compile(rb"(?:^|\s)r\s*=\s*[\"']([^\"']*)[\"']")
S_ATTR = re.compile(rb"(\s)s\s*=\s*[\"']([^\"']*)[\"']")
SPANS = re.compile(rb"\s+spans\s*=\s*(?:\"[^\"]*\"|'[^']*')")
CUSTOM_FORMAT = re.compile(rb"(?:^|\s)customFormat\s*=\s*[\"'](?:1|true)[\"']")
CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]+)$")
_LETTERS = re.compile(rb"\s*\$?([A-Za-z]{1,3})\$?[0-9]+\s*$")


class SheetXmlError(ValueError):
    """The part is not a worksheet this tokenizer can edit (no ``<sheetData>``, unbalanced tags)."""


class Cell(NamedTuple):
    """A cell as the part holds it: its column, its style index and its whole element."""

    column: int
    style: int
    raw: bytes

    def restyled(self, style: int) -> bytes:
        """The same cell with the style index ``style``."""
        start = self.raw.find(b"<")
        end = self.raw.find(b">") + 1
        tag = self.raw[start:end]
        value = str(style).encode()
        if S_ATTR.search(tag):
            new = S_ATTR.sub(lambda m: m.group(1) + b's="' + value + b'"', tag, count=1)
        else:
            close = 2 if tag.endswith(b"/>") else 1
            new = tag[:-close].rstrip() + b' s="' + value + b'"' + tag[-close:]
        return self.raw[:start] + new + self.raw[end:]


#: A :class:`Cell` made from a tuple of its fields without a Python-level constructor call.
_cell = functools.partial(tuple.__new__, Cell)


def utf8(data: bytes) -> bytes:
    """The part as UTF-8 (Excel writes UTF-8; a UTF-16 part is converted, with its declaration)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = data.decode("utf-16")
        text = re.sub(r"^(<\?xml[^>]*?encoding\s*=\s*)[\"'][^\"']*[\"']", r'\1"UTF-8"', text)
        return text.encode("utf-8")
    return data.removeprefix(b"\xef\xbb\xbf")


def cell_column(ref: bytes | str) -> int:
    """The 1-based column of a cell reference such as ``Q12``; 0 when it is not one."""
    text = ref.decode("ascii", "replace") if isinstance(ref, bytes) else ref
    match = CELL_REF.match(text.strip())
    if match is None:
        return 0
    number = 0
    for char in match.group(1).upper():
        number = number * 26 + ord(char) - 64
    return number


def find_start(pattern: re.Pattern[bytes], data: bytes, start: int) -> re.Match[bytes] | None:
    """The first start tag ``pattern`` finds from ``start`` (skipping comments and the like)."""
    for match in pattern.finditer(data, start):
        if match.group(2) is not None:
            return match
    return None


def attr_name(node: etree._Element, name: str) -> str:
    if not name.startswith("{"):
        return name
    uri, local = name[1:].split("}", 1)
    prefix = next((p for p, u in node.nsmap.items() if u == uri and p), None)
    return f"{prefix}:{local}" if prefix else local


def escape_attr(value: str) -> str:
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def span(data: bytes, pattern: re.Pattern[bytes]) -> tuple[int, int] | None:
    """Where the first element ``pattern`` names starts and ends in ``data``."""
    start = find_start(pattern, data, 0)
    if start is None or start.group(1):
        return None
    if start.group(4):
        return start.start(), start.end()
    for match in pattern.finditer(data, start.end()):
        if match.group(2) is not None and match.group(1):
            return start.start(), match.end()
    return None


def replace(data: bytes, pattern: re.Pattern[bytes], new: bytes) -> bytes:
    where = span(data, pattern)
    return data if where is None else data[: where[0]] + new + data[where[1] :]


_TAG_NAME = re.compile(rb"<[^\s/>]+")


def with_r(tag: bytes, ref: int | str) -> bytes:
    """A start tag (or element) given the reference ``ref`` (a row number or a cell address)."""
    name = _TAG_NAME.match(tag)
    if name is None:
        raise SheetXmlError("a cell or row is not a start tag")
    name_end = name.end()
    return tag[:name_end] + b' r="' + str(ref).encode() + b'"' + tag[name_end:]


def split_cells(body: bytes, number: int) -> tuple[list[Cell], bytes]:
    """The cells of row ``number``'s content (each given an explicit reference) and what
    follows them (a row's extension list)."""
    if b"<!" in body or b"<?" in body:
        return _split_cells_carefully(body, number)
    cells: list[Cell] = []
    column, rest_at = 0, 0
    for match in _WHOLE_CELL.finditer(body):
        attrs, raw = match.group(1), match.group(0)
        ref = R_ATTR.search(attrs)
        column = _column(ref.group(1)) if ref else column + 1
        if ref is None:  # its place no longer follows from the cells before it once they change
            raw = with_r(raw, f"{column_letter(column)}{number}")
        style = S_ATTR.search(attrs)
        index = int(style.group(2)) if style and style.group(2).isdigit() else 0
        cells.append(_cell((column, index, raw)))
        rest_at = match.end()
    return cells, body[rest_at:].strip() if cells else body.strip()


def _split_cells_carefully(body: bytes, number: int) -> tuple[list[Cell], bytes]:
    """:func:`_split_cells` for a row holding comments, CDATA sections or processing
    instructions, which are skipped whole so that nothing inside them is taken for a cell."""
    cells: list[Cell] = []
    tokens = _CELL.finditer(body)
    column, rest_at = 0, 0
    for match in tokens:
        if match.group(2) is None or match.group(1):
            continue
        start, attrs = match.start(), match.group(3)
        if match.group(4):
            end = match.end()
        else:
            end = next((c.end() for c in tokens if c.group(2) is not None and c.group(1)), -1)
            if end < 0:
                raise SheetXmlError("a cell of the worksheet does not end")
        raw = body[start:end]
        ref = R_ATTR.search(attrs)
        column = _column(ref.group(1)) if ref else column + 1
        if ref is None:
            raw = with_r(raw, f"{column_letter(column)}{number}")
        style = S_ATTR.search(attrs)
        index = int(style.group(2)) if style and style.group(2).isdigit() else 0
        cells.append(_cell((column, index, raw)))
        rest_at = end
    return cells, body[rest_at:].strip() if cells else body.strip()


@functools.lru_cache(maxsize=4096)
def _letters_column(letters: bytes) -> int:
    return cell_column(letters + b"1")


def _column(ref: bytes) -> int:
    """The column of a cell reference such as ``Q12`` (0 when it is not one)."""
    match = _LETTERS.match(ref)
    return _letters_column(match.group(1).upper()) if match else 0


__all__ = [
    "ATTRS",
    "CELL_REF",
    "COLS",
    "CUSTOM_FORMAT",
    "DIMENSION",
    "ROOT",
    "ROW",
    "R_ATTR",
    "SHEETDATA",
    "SPANS",
    "S_ATTR",
    "WHOLE_CELL",
    "Cell",
    "SheetXmlError",
    "attr_name",
    "cell_column",
    "escape_attr",
    "find_start",
    "replace",
    "span",
    "split_cells",
    "utf8",
    "with_r",
]
