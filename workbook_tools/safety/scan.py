"""Streaming a sheet part once: its extent, formulas and settings, in bounded memory.

The cells (``<sheetData>``) are never parsed as XML: they are matched with bounded regular
expressions chunk by chunk, keeping only the highest row and column, the number of cells and of
formulas. What comes before and after the cells (the sheet's settings: validations, formats,
drawings, extensions) is kept, up to ``Limits.parsed_bytes``, and returned as one small document
with an empty ``<sheetData/>`` for ordinary parsing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from xml.etree.ElementTree import Element

from ..errors import NotAWorkbookError, WorkbookTooLargeError
from .limits import MIB, Limits
from .reach import column_index, column_letters, reach

_P = rb"(?:[A-Za-z_][\w.-]*:)?"  # an optional namespace prefix
_SHEETDATA_OPEN = re.compile(rb"<(" + _P + rb")sheetData(?:\s[^>]*?)?(/?)>")
# any cell start tag and its reference, whatever its prefix and attribute order
_ANY_CELL = re.compile(rb"<" + _P + rb"c[\s/>]")
_ANY_CELL_REF = re.compile(
    rb"<" + _P + rb"c\s[^>]*?\br\s*=\s*[\"']([A-Za-z]{1,10})([0-9]{1,12})[\"']"
)
_ANY_ROW_REF = re.compile(rb"<" + _P + rb"row\s[^>]*?\br\s*=\s*[\"']([0-9]{1,12})[\"']")
_ANY_FORMULA = re.compile(rb"<" + _P + rb"f[\s/>]")
_OVERLONG = 16 * MIB


@cache
def _fast(prefix: bytes) -> tuple[re.Pattern[bytes], re.Pattern[bytes], re.Pattern[bytes]]:
    """Patterns for the usual form, where ``r`` is a cell's or row's first attribute: a cell's
    column letters, the same cell's row number, a row's number."""
    name = re.escape(prefix)
    return (
        re.compile(rb"<" + name + rb"c r=\"([A-Za-z]{1,10})[0-9]{1,12}\""),
        re.compile(rb"<" + name + rb"c r=\"[A-Za-z]{1,10}([0-9]{1,12})\""),
        re.compile(rb"<" + name + rb"row r=\"([0-9]{1,12})\""),
    )


@dataclass
class SheetScan:
    """What a streamed read of a sheet part found."""

    max_row: int = 0
    max_col: int = 0
    cells: int = 0
    far_cell: str | None = None  # not looked for when only the cells held count
    far_area: int = 0
    formulas: int = 0
    settings: Element | None = None
    dimension: str | None = None


class SheetScanner:
    """Feed a sheet part's bytes (UTF-8) in chunks; :meth:`finish` returns the scan."""

    def __init__(self, path: Path, part: str, limits: Limits, *, far_cell: bool = True) -> None:
        self.path, self.part, self.limits = path, part, limits
        self.far_cell = far_cell  # whether to name the furthest cell (for a message)
        self.scan = SheetScan()
        self.mode = "head"
        self.prefix = b""
        self.head = bytearray()
        self.tail = bytearray()
        self.carry = b""

    def feed(self, chunk: bytes) -> None:
        """Take the next chunk; only whole tags are scanned, the rest waits for more."""
        buf = self.carry + chunk
        cut = buf.rfind(b"<")
        if cut <= 0:
            if len(buf) > _OVERLONG:
                raise self._damaged("has an overlong element")
            self.carry = buf
            return
        self._segment(buf[:cut])
        self.carry = buf[cut:]

    def finish(self) -> tuple[SheetScan, bytes]:
        """The scan, and the sheet's settings as a document with an empty ``<sheetData/>``."""
        self._segment(self.carry)
        self.carry = b""
        if self.mode == "data":
            raise self._damaged("ends in the middle of its cells")
        document = bytes(self.head)
        if self.mode == "tail":
            document += b"<" + self.prefix + b"sheetData/>" + bytes(self.tail)
        return self.scan, document

    def _damaged(self, what: str) -> NotAWorkbookError:
        return NotAWorkbookError(
            f"is damaged or incomplete ({self.part} {what}); ask the sender for a new copy, "
            "or open it in Excel and save it again",
            path=self.path,
        )

    def _segment(self, seg: bytes) -> None:
        if self.mode == "head":
            found = _SHEETDATA_OPEN.search(seg)
            if found is None:
                self._keep(self.head, seg)
                return
            self._keep(self.head, seg[: found.start()])
            self.prefix = found.group(1)
            self.mode = "tail" if found.group(2) else "data"
            seg = seg[found.end() :]
        if self.mode == "data":
            end = seg.find(b"</" + self.prefix + b"sheetData")
            if end == -1:
                self._cells(seg)
                return
            self._cells(seg[:end])
            self.mode = "tail"
            seg = seg[seg.index(b">", end) + 1 :]
        self._keep(self.tail, seg)

    def _keep(self, buffer: bytearray, data: bytes) -> None:
        buffer += data
        if len(buffer) > self.limits.parsed_bytes:
            raise WorkbookTooLargeError(
                f"has over {self.limits.parsed_bytes // MIB} MB of sheet settings in "
                f"{self.part}; ask IT to check the file",
                path=self.path,
            )

    def _cells(self, data: bytes) -> None:
        if not data:
            return
        scan, prefix = self.scan, self.prefix
        # the usual, unprefixed form, when no cell need be named: no list of the cells
        if not self.far_cell and not prefix and b":c" not in data and reach(scan, data):
            scan.cells += data.count(b"<c")
            scan.formulas += data.count(b"<f")
            return
        letters_pattern, numbers_pattern, row_pattern = _fast(prefix)
        # inside <sheetData> only cells start with "<c" and only formulas with "<f"
        count = data.count(b"<" + prefix + b"c")
        letters = letters_pattern.findall(data)
        rows = row_pattern.findall(data)
        usual = (
            len(letters) == count
            and data.count(b":c") == (count if prefix else 0)
            and len(rows) == data.count(b"<" + prefix + b"row")
        )
        if usual:
            scan.formulas += data.count(b"<" + prefix + b"f")
            scan.cells += count
            if letters:  # the same cells again, for their row numbers
                self._extent(data, letters, numbers_pattern.findall(data))
        else:  # another prefix, attribute order or quoting: match every form
            scan.cells += len(_ANY_CELL.findall(data))
            refs = _ANY_CELL_REF.findall(data)
            rows = _ANY_ROW_REF.findall(data)
            scan.formulas += len(_ANY_FORMULA.findall(data))
            if refs:
                self._extent(data, [ref[0] for ref in refs], [ref[1] for ref in refs], refs)
        if rows:
            scan.max_row = max(scan.max_row, max(map(int, rows)))

    def _extent(
        self,
        data: bytes,
        letters: list[bytes],
        numbers: list[bytes],
        refs: list[tuple[bytes, bytes]] | None = None,
    ) -> None:
        """The furthest row and column of a chunk's cells (``letters`` and ``numbers`` of each
        cell's reference, in order); and the real cell that stretches the sheet furthest (rows x
        columns), among those on the chunk's last row or in its last column, for messages: the
        first of them in the chunk with the largest area. ``refs`` are the references matched in
        any form (else they are found again in the usual one)."""
        scan = self.scan
        columns = {spelling: column_index(spelling.decode()) for spelling in set(letters)}
        values = {spelling: int(spelling) for spelling in set(numbers)}
        row, col = max(values.values()), max(columns.values())
        scan.max_row, scan.max_col = max(row, scan.max_row), max(col, scan.max_col)
        if row * col <= scan.far_area or not self.far_cell:
            return
        if refs is None:  # only the cells in that column or on that row
            in_col = [spelling for spelling, index in columns.items() if index == col]
            on_row = [spelling for spelling, number in values.items() if number == row]
            refs = _far_candidates(self.prefix, in_col, on_row).findall(data)
        for spelling, number in refs:
            index, value = columns[spelling], values[number]
            if (index == col or value == row) and value * index > scan.far_area:
                scan.far_area = value * index
                scan.far_cell = f"{spelling.decode().upper()}{value}"


def _far_candidates(prefix: bytes, in_col: list[bytes], on_row: list[bytes]) -> re.Pattern[bytes]:
    """The usual form of the references of cells in one of the columns ``in_col`` or on one of
    the rows ``on_row`` (as spelled), as ``(letters, number)``."""
    name = re.escape(prefix)
    columns = b"|".join(re.escape(spelling) for spelling in in_col)
    rows = b"|".join(re.escape(spelling) for spelling in on_row)
    return re.compile(
        rb"<"
        + name
        + rb"c r=\"((?:"
        + columns
        + rb")(?=[0-9])|[A-Za-z]{1,10}(?=(?:"
        + rows
        + rb")\"))([0-9]{1,12})\""
    )


__all__ = ["SheetScan", "SheetScanner", "column_index", "column_letters"]
