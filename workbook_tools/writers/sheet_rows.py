"""Editing a worksheet part as a stream of rows, changing only the cells refresh owns.

A worksheet part is the sheet's settings, then ``<sheetData>`` (rows of cells, in order), then more
settings. :func:`edit_sheet` copies the part through, row by row: a row with nothing to change is
copied as it is; in a row with changes, each cell to change is handed to its :data:`Change`, which
returns the new cell (or nothing, to remove it), and every other cell is copied byte for byte. Rows
that do not exist yet are added in order. Before the cells, the sheet's recorded size
(``<dimension>``) grows to cover new cells, and new columns get their widths (``<cols>``); those two
are written anew, every other element before and after the cells is copied unchanged.

The rows and cells are found by a tokenizer that knows XML's lexical rules where they matter here:
tags with attributes in either kind of quotes (``>`` may appear inside a value), namespace
prefixes, self-closing elements, and CDATA sections, comments and processing instructions, which
are skipped whole so that nothing inside them is taken for a tag. Cell values are never looked
into. The part must be UTF-8 (a UTF-16 part is converted first, see :func:`utf8`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from lxml import etree

from workbook_tools.model import column_letter

_NAME = rb"(?:[A-Za-z_][\w.\-]*:)?"
_ATTRS = rb"((?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*"
_SKIP = rb"!\[CDATA\[.*?\]\]>|!--.*?-->|\?.*?\?>"


def _tokens(name: bytes) -> re.Pattern[bytes]:
    """Start and end tags of elements called ``name`` (any prefix), and what to skip whole."""
    return re.compile(
        rb"<(?:" + _SKIP + rb"|(/?)(" + _NAME + rb")" + name + rb"(?=[\s/>])" + _ATTRS + rb"(/?)>)",
        re.S,
    )


_SHEETDATA = _tokens(rb"sheetData")
_DIMENSION = _tokens(rb"dimension")
_COLS = _tokens(rb"cols")
_ROW = _tokens(rb"row")
_CELL = _tokens(rb"c")
#: A whole cell, for a row without comments or CDATA (a cell's content holds no other cell).
_WHOLE_CELL = re.compile(
    rb"<" + _NAME + rb"c(?=[\s/>])" + _ATTRS + rb"(?:/>|>.*?</" + _NAME + rb"c\s*>)", re.S
)
_ROOT = re.compile(rb"<(?!\?|!)(" + _NAME + rb"[A-Za-z_][\w.\-]*)")
_R_ATTR = re.compile(rb"(?:^|\s)r\s*=\s*[\"']([^\"']*)[\"']")
_S_ATTR = re.compile(rb"(\s)s\s*=\s*[\"']([^\"']*)[\"']")
_SPANS = re.compile(rb"\s+spans\s*=\s*(?:\"[^\"]*\"|'[^']*')")
_CUSTOM_FORMAT = re.compile(rb"(?:^|\s)customFormat\s*=\s*[\"'](?:1|true)[\"']")
_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]+)$")
_LETTERS = re.compile(rb"\s*\$?([A-Za-z]{1,3})\$?[0-9]+\s*$")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


class SheetXmlError(ValueError):
    """The part is not a worksheet this tokenizer can edit (no ``<sheetData>``, unbalanced tags)."""


@dataclass(frozen=True)
class Cell:
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
        if _S_ATTR.search(tag):
            new = _S_ATTR.sub(lambda m: m.group(1) + b's="' + value + b'"', tag, count=1)
        else:
            close = 2 if tag.endswith(b"/>") else 1
            new = tag[:-close].rstrip() + b' s="' + value + b'"' + tag[-close:]
        return self.raw[:start] + new + self.raw[end:]


@dataclass(frozen=True)
class Spot:
    """Where a change happens: the cell reference, its row and column, the cell there now (if
    any), the style a new cell there would take (row, then column, default), and the namespace
    prefix the part uses for its cells (``b""`` or e.g. ``b"x:"``)."""

    ref: str
    row: int
    column: int
    old: Cell | None
    base: int
    prefix: bytes


#: A change to one cell: the new cell's XML, or ``None`` to leave no cell there.
Change = Callable[[Spot], bytes | None]


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
    match = _CELL_REF.match(text.strip())
    if match is None:
        return 0
    number = 0
    for char in match.group(1).upper():
        number = number * 26 + ord(char) - 64
    return number


def settings(data: bytes) -> etree._Element:
    """The worksheet part without its cells: its settings (merged ranges, tables, validations…)
    parsed, with an empty ``<sheetData/>`` in place of the rows."""
    open_tag = _find(_SHEETDATA, data, 0)
    if open_tag is None or open_tag.group(1):
        raise SheetXmlError("the worksheet has no cells section")
    tail = _tail(data, open_tag)
    root = _ROOT.search(data)
    empty = b"<" + open_tag.group(2) + b"sheetData/>"
    document = data[: open_tag.start()] + empty + data[tail:]
    if root is None:
        raise SheetXmlError("the worksheet part has no root element")
    return etree.fromstring(document, _PARSER)


def _tail(data: bytes, open_tag: re.Match[bytes]) -> int:
    """Where the part goes on after its cells section."""
    if open_tag.group(4):
        return open_tag.end()
    closing = b"</" + open_tag.group(2) + b"sheetData"
    at = data.rfind(closing)
    close = _SHEETDATA.match(data, at) if at >= open_tag.end() else None
    if close is None:
        raise SheetXmlError("the worksheet's cells section does not end")
    return close.end()


def edit_sheet(
    data: bytes,
    changes: Mapping[int, Mapping[int, Change]],
    write: Callable[[bytes], object],
    *,
    widths: Mapping[int, float] | None = None,
) -> None:
    """Copy the worksheet part ``data`` to ``write``, applying ``changes`` (row → column →
    :data:`Change`) and setting the ``widths`` (column → characters) of new columns."""
    open_tag = _find(_SHEETDATA, data, 0)
    if open_tag is None or open_tag.group(1):
        raise SheetXmlError("the worksheet has no cells section")
    prefix = open_tag.group(2)
    tail_start = _tail(data, open_tag)
    body_start = open_tag.end()
    body_end = body_start if open_tag.group(4) else data.rfind(b"</", body_start, tail_start)
    heads = _Heads(data[: open_tag.start()], prefix)
    write(heads.edited(changes, widths or {}))
    write(b"<" + prefix + b"sheetData>")
    _Rows(data, body_start, body_end, prefix, heads.base_styles()).copy(changes, write)
    write(b"</" + prefix + b"sheetData>")
    write(data[tail_start:])


def _find(pattern: re.Pattern[bytes], data: bytes, start: int) -> re.Match[bytes] | None:
    """The first start tag ``pattern`` finds from ``start`` (skipping comments and the like)."""
    for match in pattern.finditer(data, start):
        if match.group(2) is not None:
            return match
    return None


class _Heads:
    """What comes before the cells: the sheet's size and column widths, edited when needed."""

    def __init__(self, head: bytes, prefix: bytes) -> None:
        self.head, self.prefix = head, prefix
        root = _ROOT.search(head)
        if root is None:
            raise SheetXmlError("the worksheet part has no root element")
        closing = b"</" + root.group(1) + b">"
        self.doc = etree.fromstring(head + b"<" + prefix + b"sheetData/>" + closing, _PARSER)
        self.ns = self.doc.tag[: self.doc.tag.index("}") + 1] if "}" in self.doc.tag else ""

    def base_styles(self) -> dict[int, int]:
        """Column → the style its ``<col>`` gives new cells."""
        found: dict[int, int] = {}
        for col in self.doc.iterfind(f"{self.ns}cols/{self.ns}col"):
            style = col.get("style", "")
            low, high = col.get("min", ""), col.get("max", "")
            if style.isdigit() and low.isdigit() and high.isdigit() and int(style):
                for number in range(int(low), min(int(high), 16384) + 1):
                    found[number] = int(style)
        return found

    def edited(
        self, changes: Mapping[int, Mapping[int, Change]], widths: Mapping[int, float]
    ) -> bytes:
        """The head, with its size grown over ``changes`` and the ``widths`` set; only those two
        elements are written anew, everything else is copied as it is."""
        head = self.head
        if self._grow_dimension(changes):
            head = _replace(head, _DIMENSION, self._render(self.doc.find(self.ns + "dimension")))
        if widths:
            self._set_widths(widths)
            rendered = self._render(self.doc.find(self.ns + "cols"))
            head = _replace(head, _COLS, rendered) if _span(head, _COLS) else head + rendered
        return head

    def _render(self, node: etree._Element) -> bytes:
        """An element of the head written with the part's own prefix for its namespace."""
        tag = self.prefix.decode() + etree.QName(node).localname
        attrs = "".join(
            f' {_attr_name(node, name)}="{_escape(value)}"' for name, value in node.attrib.items()
        )
        children = b"".join(self._render(c) for c in node if isinstance(c.tag, str))
        if not children:
            return f"<{tag}{attrs}/>".encode()
        return f"<{tag}{attrs}>".encode() + children + f"</{tag}>".encode()

    def _grow_dimension(self, changes: Mapping[int, Mapping[int, Change]]) -> bool:
        node = self.doc.find(self.ns + "dimension")
        if node is None or not changes:
            return False
        rows = [row for row, cells in changes.items() if cells]
        cols = [col for cells in changes.values() for col in cells]
        if not rows:
            return False
        low, _, high = node.get("ref", "A1").partition(":")
        high = high or low
        r1, c1 = _row_of(low) or min(rows), cell_column(low) or min(cols)
        r2, c2 = _row_of(high) or max(rows), cell_column(high) or max(cols)
        wanted = (min(r1, *rows), min(c1, *cols), max(r2, *rows), max(c2, *cols))
        if wanted == (r1, c1, r2, c2):
            return False
        ref = f"{column_letter(wanted[1])}{wanted[0]}:{column_letter(wanted[3])}{wanted[2]}"
        node.set("ref", ref)
        return True

    def _set_widths(self, widths: Mapping[int, float]) -> None:
        cols = self.doc.find(self.ns + "cols")
        if cols is None:
            cols = etree.Element(self.ns + "cols")
            data = self.doc.find(self.ns + "sheetData")
            data.addprevious(cols)
        for number, width in sorted(widths.items()):
            _set_width(cols, self.ns, number, width)


def _attr_name(node: etree._Element, name: str) -> str:
    if not name.startswith("{"):
        return name
    uri, local = name[1:].split("}", 1)
    prefix = next((p for p, u in node.nsmap.items() if u == uri and p), None)
    return f"{prefix}:{local}" if prefix else local


def _escape(value: str) -> str:
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _span(data: bytes, pattern: re.Pattern[bytes]) -> tuple[int, int] | None:
    """Where the first element ``pattern`` names starts and ends in ``data``."""
    start = _find(pattern, data, 0)
    if start is None or start.group(1):
        return None
    if start.group(4):
        return start.start(), start.end()
    for match in pattern.finditer(data, start.end()):
        if match.group(2) is not None and match.group(1):
            return start.start(), match.end()
    return None


def _replace(data: bytes, pattern: re.Pattern[bytes], new: bytes) -> bytes:
    span = _span(data, pattern)
    return data if span is None else data[: span[0]] + new + data[span[1] :]


def _row_of(ref: str) -> int:
    match = _CELL_REF.match(ref.strip())
    return int(match.group(2)) if match else 0


def _set_width(cols: etree._Element, ns: str, number: int, width: float) -> None:
    """Give column ``number`` its own ``<col>`` of ``width``, splitting a range that covers it."""
    text = str(int(width)) if float(width).is_integer() else repr(float(width))
    for col in list(cols):
        low, high = int(col.get("min", "0") or 0), int(col.get("max", "0") or 0)
        if not low <= number <= high:
            continue
        for first, last in ((low, number - 1), (number + 1, high)):
            if first <= last:
                piece = etree.fromstring(etree.tostring(col), _PARSER)
                piece.set("min", str(first))
                piece.set("max", str(last))
                (col.addprevious if last < number else col.addnext)(piece)
        col.set("min", str(number))
        col.set("max", str(number))
        col.set("width", text)
        col.set("customWidth", "1")
        return
    new = etree.Element(ns + "col", min=str(number), max=str(number), width=text, customWidth="1")
    later = [c for c in cols if int(c.get("min", "0") or 0) > number]
    if later:
        later[0].addprevious(new)
    else:
        cols.append(new)


class _Rows:
    """The rows of the cells section, copied through with their changes."""

    def __init__(self, data: bytes, start: int, end: int, prefix: bytes, bases: dict[int, int]):
        self.data, self.start, self.end, self.prefix, self.bases = data, start, end, prefix, bases

    def copy(self, changes: Mapping[int, Mapping[int, Change]], write: Callable) -> None:
        pending = sorted(row for row, cells in changes.items() if cells)
        index, inserted, last_row, position = 0, False, 0, self.start
        for row_start, row_end, tag, number in self._rows():
            number = number or last_row + 1
            while index < len(pending) and pending[index] < number:
                write(self._new_row(pending[index], changes[pending[index]]))
                index, inserted = index + 1, True
            write(self.data[position:row_start])
            if index < len(pending) and pending[index] == number:
                write(self._edited_row(row_start, row_end, tag, number, changes[number]))
                index += 1
            elif inserted and not _R_ATTR.search(tag):
                write(_with_r(tag, number) + self.data[row_start + len(tag) : row_end])
            else:
                write(self.data[row_start:row_end])
            position, last_row = row_end, number
        write(self.data[position : self.end])
        for row in pending[index:]:
            write(self._new_row(row, changes[row]))

    def _rows(self) -> Iterator[tuple[int, int, bytes, int]]:
        """Each row: where it starts and ends, its start tag, its number (0 when unnumbered)."""
        tokens = _ROW.finditer(self.data, self.start, self.end)
        for match in tokens:
            if match.group(2) is None or match.group(1):
                continue  # skipped content, or a stray end tag
            tag = match.group(0)
            number = _R_ATTR.search(match.group(3))
            row = int(number.group(1)) if number and number.group(1).isdigit() else 0
            if match.group(4):
                yield match.start(), match.end(), tag, row
                continue
            for close in tokens:
                if close.group(2) is not None and close.group(1):
                    yield match.start(), close.end(), tag, row
                    break
            else:
                raise SheetXmlError("a row of the worksheet does not end")

    def _base(self, row_tag: bytes, column: int) -> int:
        if _CUSTOM_FORMAT.search(row_tag):
            style = _S_ATTR.search(row_tag)
            if style and style.group(2).isdigit():
                return int(style.group(2))
        return self.bases.get(column, 0)

    def _new_row(self, number: int, changes: Mapping[int, Change]) -> bytes:
        tag = b"<" + self.prefix + b'row r="' + str(number).encode() + b'">'
        cells = self._cells_for(tag, number, [], changes)
        if not cells:
            return b""
        return tag + cells + b"</" + self.prefix + b"row>"

    def _edited_row(
        self, start: int, end: int, tag: bytes, number: int, changes: Mapping[int, Change]
    ) -> bytes:
        if tag.endswith(b"/>"):
            open_tag = tag[:-2].rstrip() + b">"
            body, close = b"", b"</" + self.prefix + b"row>"
        else:
            open_tag = tag
            close_at = self.data.rindex(b"</", start, end)
            body, close = self.data[start + len(tag) : close_at], self.data[close_at:end]
        cells, rest = _split_cells(body, number)
        if any(column not in {c.column for c in cells} for column in changes):
            open_tag = _SPANS.sub(b"", open_tag)
        if not _R_ATTR.search(open_tag):
            open_tag = _with_r(open_tag, number)
        return open_tag + self._cells_for(open_tag, number, cells, changes) + rest + close

    def _cells_for(
        self, row_tag: bytes, number: int, cells: list[Cell], changes: Mapping[int, Change]
    ) -> bytes:
        out: list[bytes] = []
        existing = {cell.column: cell for cell in cells}
        for column in sorted({*existing, *changes}):
            old = existing.get(column)
            change = changes.get(column)
            if change is None:
                out.append(old.raw if old is not None else b"")
                continue
            ref = f"{column_letter(column)}{number}"
            base = old.style if old is not None else self._base(row_tag, column)
            new = change(Spot(ref, number, column, old, base, self.prefix))
            if new:
                out.append(new)
        return b"".join(out)


def _with_r(tag: bytes, ref: int | str) -> bytes:
    """A start tag (or element) given the reference ``ref`` (a row number or a cell address)."""
    name_end = re.match(rb"<[^\s/>]+", tag).end()  # type: ignore[union-attr]
    return tag[:name_end] + b' r="' + str(ref).encode() + b'"' + tag[name_end:]


def _split_cells(body: bytes, number: int) -> tuple[list[Cell], bytes]:
    """The cells of row ``number``'s content (each given an explicit reference) and what
    follows them (a row's extension list)."""
    if b"<!" in body or b"<?" in body:
        return _split_cells_carefully(body, number)
    cells: list[Cell] = []
    column, rest_at = 0, 0
    for match in _WHOLE_CELL.finditer(body):
        attrs, raw = match.group(1), match.group(0)
        ref = _R_ATTR.search(attrs)
        column = _column(ref.group(1)) if ref else column + 1
        if ref is None:  # its place no longer follows from the cells before it once they change
            raw = _with_r(raw, f"{column_letter(column)}{number}")
        style = _S_ATTR.search(attrs)
        index = int(style.group(2)) if style and style.group(2).isdigit() else 0
        cells.append(Cell(column, index, raw))
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
        ref = _R_ATTR.search(attrs)
        column = _column(ref.group(1)) if ref else column + 1
        if ref is None:
            raw = _with_r(raw, f"{column_letter(column)}{number}")
        style = _S_ATTR.search(attrs)
        index = int(style.group(2)) if style and style.group(2).isdigit() else 0
        cells.append(Cell(column, index, raw))
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
    "Cell",
    "Change",
    "SheetXmlError",
    "Spot",
    "cell_column",
    "edit_sheet",
    "settings",
    "utf8",
]
