"""Editing a worksheet part as a stream of rows, changing only the cells refresh owns.

A worksheet part is the sheet's settings, then ``<sheetData>`` (rows of cells, in order), then more
settings. :func:`edit_sheet` copies the part through, row by row: a row with nothing to change is
copied as it is; in a row with changes, each cell to change is handed to its :data:`Change`, which
returns the new cell (or nothing, to remove it), and every other cell is copied byte for byte. Rows
that do not exist yet are added in order. Before the cells, the sheet's recorded size
(``<dimension>``) grows to cover new cells, and new columns get their widths (``<cols>``); those two
are written anew, every other element before and after the cells is copied unchanged.

The rows and cells are found by the tokenizer of :mod:`.sheet_tokens`, which knows XML's lexical
rules where they matter here; cell values are never looked into. The part must be UTF-8 (a UTF-16
part is converted first, see :func:`~.sheet_tokens.utf8`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from lxml import etree

from workbook_tools.core.model import column_letter
from workbook_tools.writers.file.sheet_tokens import (
    CELL_REF,
    COLS,
    CUSTOM_FORMAT,
    DIMENSION,
    R_ATTR,
    ROOT,
    ROW,
    S_ATTR,
    SHEETDATA,
    SPANS,
    Cell,
    SheetXmlError,
    attr_name,
    cell_column,
    escape_attr,
    find_start,
    replace,
    span,
    split_cells,
    utf8,
    with_r,
)

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


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


def settings(data: bytes) -> etree._Element:
    """The worksheet part without its cells: its settings (merged ranges, tables, validations…)
    parsed, with an empty ``<sheetData/>`` in place of the rows."""
    open_tag = find_start(SHEETDATA, data, 0)
    if open_tag is None or open_tag.group(1):
        raise SheetXmlError("the worksheet has no cells section")
    tail = _tail(data, open_tag)
    root = ROOT.search(data)
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
    close = SHEETDATA.match(data, at) if at >= open_tag.end() else None
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
    open_tag = find_start(SHEETDATA, data, 0)
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


class _Heads:
    """What comes before the cells: the sheet's size and column widths, edited when needed."""

    def __init__(self, head: bytes, prefix: bytes) -> None:
        self.head, self.prefix = head, prefix
        root = ROOT.search(head)
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
            head = replace(head, DIMENSION, self._render(self.doc.find(self.ns + "dimension")))
        if widths:
            self._set_widths(widths)
            rendered = self._render(self.doc.find(self.ns + "cols"))
            head = replace(head, COLS, rendered) if span(head, COLS) else head + rendered
        return head

    def _render(self, node: etree._Element) -> bytes:
        """An element of the head written with the part's own prefix for its namespace."""
        tag = self.prefix.decode() + etree.QName(node).localname
        attrs = "".join(
            f' {attr_name(node, name)}="{escape_attr(value)}"'
            for name, value in node.attrib.items()
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


def _row_of(ref: str) -> int:
    match = CELL_REF.match(ref.strip())
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
            elif inserted and not R_ATTR.search(tag):
                write(with_r(tag, number) + self.data[row_start + len(tag) : row_end])
            else:
                write(self.data[row_start:row_end])
            position, last_row = row_end, number
        write(self.data[position : self.end])
        for row in pending[index:]:
            write(self._new_row(row, changes[row]))

    def _rows(self) -> Iterator[tuple[int, int, bytes, int]]:
        """Each row: where it starts and ends, its start tag, its number (0 when unnumbered)."""
        tokens = ROW.finditer(self.data, self.start, self.end)
        for match in tokens:
            if match.group(2) is None or match.group(1):
                continue  # skipped content, or a stray end tag
            tag = match.group(0)
            number = R_ATTR.search(match.group(3))
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
        if CUSTOM_FORMAT.search(row_tag):
            style = S_ATTR.search(row_tag)
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
        cells, rest = split_cells(body, number)
        if any(column not in {c.column for c in cells} for column in changes):
            open_tag = SPANS.sub(b"", open_tag)
        if not R_ATTR.search(open_tag):
            open_tag = with_r(open_tag, number)
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
