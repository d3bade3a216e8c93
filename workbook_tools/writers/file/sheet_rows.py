"""Editing a worksheet part as a stream of rows, changing only the cells refresh owns.

A worksheet part is the sheet's settings, then ``<sheetData>`` (rows of cells, in order), then more
settings. :func:`edit_sheet` copies the part through, row by row: a row with nothing to change is
copied as it is; in a row with changes, each cell to change is handed to its :data:`Change`, which
returns the new cell (or nothing, to remove it), and every other cell is copied byte for byte. Rows
that do not exist yet are added in order. Before the cells, the sheet's recorded size
(``<dimension>``) grows to cover new cells, and new columns get their widths (``<cols>``): see
:mod:`.sheet_head`; every other element before and after the cells is copied unchanged.

The rows and cells are found by the tokenizer of :mod:`.sheet_tokens`, which knows XML's lexical
rules where they matter here; cell values are never looked into. The part must be UTF-8 (a UTF-16
part is converted first, see :func:`~.sheet_tokens.utf8`).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterator, Mapping
from typing import NamedTuple

from lxml import etree

from workbook_tools.core.model import column_letter
from workbook_tools.writers.file.sheet_head import PARSER, SheetHead
from workbook_tools.writers.file.sheet_tokens import (
    ATTRS,
    CUSTOM_FORMAT,
    R_ATTR,
    ROOT,
    ROW,
    S_ATTR,
    SHEETDATA,
    SPANS,
    WHOLE_CELL,
    Cell,
    SheetXmlError,
    cell_column,
    find_start,
    split_cells,
    utf8,
    with_r,
)


class Spot(NamedTuple):
    """Where a change happens: the cell reference, its row and column, the cell there now (if
    any), the style a new cell there would take (row, then column, default), and the namespace
    prefix the part uses for its cells (``b""`` or e.g. ``b"x:"``)."""

    ref: str
    row: int
    column: int
    old: Cell | None
    base: int
    prefix: bytes


#: How many pieces of an edited section are joined before they are written.
_BATCH = 512

#: A :class:`Spot` made from a tuple of its fields without a Python-level constructor call (a
#: refresh makes one for each of tens of thousands of computed cells).
_spot = functools.partial(tuple.__new__, Spot)

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
    return etree.fromstring(document, PARSER)


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
    heads = SheetHead(data[: open_tag.start()], prefix)
    write(heads.edited(changes, widths or {}))
    write(b"<" + prefix + b"sheetData>")
    _Rows(data, body_start, body_end, prefix, heads.base_styles()).copy(changes, write)
    write(b"</" + prefix + b"sheetData>")
    write(data[tail_start:])


@functools.cache
def _row_patterns(prefix: bytes) -> tuple[re.Pattern[bytes], re.Pattern[bytes]]:
    """A row's start tag (its attributes, and "/" when it is empty) and its end tag."""
    name = re.escape(prefix)
    return (
        re.compile(rb"<" + name + rb"row(?=[\s/>])" + ATTRS + rb"(/?)>"),
        re.compile(rb"</" + name + rb"row\s*>"),
    )


@functools.cache
def _usual_refs(prefix: bytes) -> re.Pattern[bytes]:
    """The references of cells written the usual way (``r`` first, in double quotes)."""
    return re.compile(rb"<" + re.escape(prefix) + rb'c r="([A-Z]{1,3})([0-9]{1,7})"')


@functools.lru_cache(maxsize=4096)
def _letters(column: int) -> str:
    return column_letter(column)


class _Rows:
    """The rows of the cells section, copied through with their changes."""

    def __init__(self, data: bytes, start: int, end: int, prefix: bytes, bases: dict[int, int]):
        self.data, self.start, self.end, self.prefix, self.bases = data, start, end, prefix, bases
        self._refs = _usual_refs(prefix).findall
        self._ref_at = _usual_refs(prefix).match
        self._cell_start = b"<" + prefix + b"c"
        self._next_cell = b"><" + prefix + b"c"
        self.plain = False  # whether the section is known to hold no comments, CDATA…

    def copy(self, changes: Mapping[int, Mapping[int, Change]], write: Callable) -> None:
        """Write the section with its ``changes``: rows left as they are (and whatever lies
        between rows) are written as one slice up to the next changed row, and the pieces are
        handed to ``write`` a few hundred at a time."""
        pending = sorted(row for row, cells in changes.items() if cells)
        index, inserted, last_row = 0, False, 0
        copied = position = self.start  # written up to; the end of the row before
        data, out = self.data, []
        for row_start, row_end, tag, number in self._rows():
            number = number or last_row + 1
            if index < len(pending) and pending[index] <= number:
                out.append(data[copied:position])
                while index < len(pending) and pending[index] < number:
                    out.append(self._new_row(pending[index], changes[pending[index]]))
                    index, inserted = index + 1, True
                out.append(data[position:row_start])
                copied = row_start
                if index < len(pending) and pending[index] == number:
                    out.append(self._edited_row(row_start, row_end, tag, number, changes[number]))
                    index, copied = index + 1, row_end
            if inserted and copied <= row_start and not R_ATTR.search(tag):
                out += (data[copied:row_start], with_r(tag, number))
                copied = row_start + len(tag)
            if len(out) >= _BATCH:
                write(b"".join(out))
                out.clear()
            position, last_row = row_end, number
        out.append(data[copied : self.end])
        out += (self._new_row(row, changes[row]) for row in pending[index:])
        write(b"".join(out))

    def _rows(self) -> Iterator[tuple[int, int, bytes, int]]:
        """Each row: where it starts and ends, its start tag, its number (0 when unnumbered)."""
        found = self._plain_rows()
        if found is not None:
            yield from found
            return
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

    def _plain_rows(self) -> list[tuple[int, int, bytes, int]] | None:
        """:meth:`_rows` for the usual cells section: only rows (with the part's prefix), no
        comments, CDATA or processing instructions, where each row's end is found by looking
        for it rather than by trying every tag. ``None`` for any other section."""
        data, end = self.data, self.end
        if data.find(b"<!", self.start, end) >= 0 or data.find(b"<?", self.start, end) >= 0:
            return None
        self.plain = True  # no row holds a comment, CDATA or processing instruction
        opening, closing = _row_patterns(self.prefix)
        close_text = b"</" + self.prefix + b"row"
        rows, position = [], self.start
        while (at := data.find(b"<", position, end)) >= 0:
            tag = opening.match(data, at, end)
            if tag is None:
                return None  # something other than a row: the careful way
            row_end = tag.end()
            if not tag.group(2):
                close = data.find(close_text, row_end, end)
                found = closing.match(data, close, end) if close >= 0 else None
                if found is None:
                    return None
                row_end = found.end()
            number = R_ATTR.search(tag.group(1))
            row = int(number.group(1)) if number and number.group(1).isdigit() else 0
            rows.append((at, row_end, tag.group(0), row))
            position = row_end
        return rows

    @staticmethod
    def _row_style(row_tag: bytes) -> int | None:
        """The style a row with its own format gives its new cells (else their column's)."""
        if CUSTOM_FORMAT.search(row_tag):
            style = S_ATTR.search(row_tag)
            if style and style.group(2).isdigit():
                return int(style.group(2))
        return None

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
        first = min(changes)
        cut = self._kept_cells(body, first)
        if cut and self._only_left(body, cut, first):  # every change lies right of the cells
            cell = WHOLE_CELL.match(body, cut)  # the last cell: kept as it stands, not split
            if cell is not None and WHOLE_CELL.search(body, cell.end()) is None:
                open_tag = SPANS.sub(b"", open_tag)
                if not R_ATTR.search(open_tag):
                    open_tag = with_r(open_tag, number)
                added = self._cells_for(open_tag, number, [], changes)
                kept, rest = body[: cell.end()], body[cell.end() :].strip()
                return b"".join((open_tag, kept, added, rest, close))
        cells, rest = split_cells(body[cut:] if cut else body, number)
        present = {c.column for c in cells}
        if not present.issuperset(changes):
            open_tag = SPANS.sub(b"", open_tag)
        if not R_ATTR.search(open_tag):
            open_tag = with_r(open_tag, number)
        cells_xml = self._cells_for(open_tag, number, cells, changes)
        return b"".join((open_tag, body[:cut], cells_xml, rest, close))

    def _kept_cells(self, body: bytes, first: int) -> int:
        """How much of a row's content is cells left of column ``first`` that can be copied as
        they stand (0 when the row must be split whole).

        A row whose cells all start ``<c r="A1"`` (with the part's prefix), follow one another
        with nothing between them and run left to right is copied up to the last cell before
        column ``first``; only the cells from there on are split and changed. Any other row
        (cells out of order or without references, spaces or comments between them) is split
        whole, and written in the usual way: its cells left to right, each with a reference.
        """
        refs = self._refs(body)
        count = len(refs)
        start = self._cell_start
        if count < 2 or not body.startswith(start) or body.count(start) != count:
            return 0
        if body.count(self._next_cell) != count - 1:
            return 0
        if not self.plain and (b"<!" in body or b"<?" in body):
            return 0
        # rows repeat the same columns: their order is checked once per set of columns
        columns = _ordered_columns(tuple([letters for letters, _ in refs]))
        if columns is None:  # out of order, or a column twice
            return 0
        keep = min(bisect.bisect_left(columns, first), count - 1)
        if keep == 0:
            return 0
        letters, number = refs[keep]
        return body.find(start + b' r="' + letters + number + b'"')

    def _only_left(self, body: bytes, cut: int, first: int) -> bool:
        """Whether the cells from ``cut`` on (in a row :meth:`_kept_cells` cut) are one cell,
        left of column ``first``: every change then adds a cell after the row's last."""
        ref = self._ref_at(body, cut)
        if ref is None or body.find(self._cell_start, cut + 1) >= 0:
            return False
        return _ordered_columns((ref.group(1),))[0] < first

    def _cells_for(
        self, row_tag: bytes, number: int, cells: list[Cell], changes: Mapping[int, Change]
    ) -> bytes:
        out: list[bytes] = []
        existing = {cell.column: cell for cell in cells}
        row_style = self._row_style(row_tag)
        text, prefix, bases = str(number), self.prefix, self.bases
        for column in sorted(existing.keys() | changes.keys()):
            old = existing.get(column)
            change = changes.get(column)
            if change is None:
                out.append(old.raw if old is not None else b"")
                continue
            if old is not None:
                base = old.style
            else:
                base = row_style if row_style is not None else bases.get(column, 0)
            ref = _letters(column) + text
            new = change(_spot((ref, number, column, old, base, prefix)))
            if new:
                out.append(new)
        return b"".join(out)


@functools.lru_cache(maxsize=1024)
def _ordered_columns(letters: tuple[bytes, ...]) -> tuple[int, ...] | None:
    """The columns of cells with these letters, or ``None`` unless strictly left to right."""
    columns = tuple(cell_column(each + b"1") for each in letters)
    return columns if list(columns) == sorted(set(columns)) else None


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
