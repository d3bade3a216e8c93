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
def _fast(prefix: bytes) -> tuple[re.Pattern[bytes], re.Pattern[bytes]]:
    """Patterns for the usual form, where ``r`` is a cell's or row's first attribute."""
    name = re.escape(prefix)
    return (
        re.compile(rb"<" + name + rb"c r=\"([A-Za-z]{1,10})([0-9]{1,12})\""),
        re.compile(rb"<" + name + rb"row r=\"([0-9]{1,12})\""),
    )


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


@dataclass
class SheetScan:
    """What a streamed read of a sheet part found."""

    max_row: int = 0
    max_col: int = 0
    cells: int = 0
    far_cell: str | None = None
    far_area: int = 0
    formulas: int = 0
    dynamic_arrays: bool = False
    rich_values: bool = False
    settings: Element | None = None
    dimension: str | None = None


class SheetScanner:
    """Feed a sheet part's bytes (UTF-8) in chunks; :meth:`finish` returns the scan."""

    def __init__(self, path: Path, part: str, limits: Limits) -> None:
        self.path, self.part, self.limits = path, part, limits
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
        cell_pattern, row_pattern = _fast(prefix)
        # inside <sheetData> only cells start with "<c" and only formulas with "<f"
        count = data.count(b"<" + prefix + b"c")
        refs = cell_pattern.findall(data)
        rows = row_pattern.findall(data)
        usual = (
            len(refs) == count
            and data.count(b":c") == (count if prefix else 0)
            and len(rows) == data.count(b"<" + prefix + b"row")
        )
        if usual:
            scan.formulas += data.count(b"<" + prefix + b"f")
        else:  # another prefix, attribute order or quoting: match every form
            count = len(_ANY_CELL.findall(data))
            refs = _ANY_CELL_REF.findall(data)
            rows = _ANY_ROW_REF.findall(data)
            scan.formulas += len(_ANY_FORMULA.findall(data))
        scan.cells += count
        if refs:
            # each distinct column and row number converted once (a chunk repeats them)
            columns = {letters: column_index(letters.decode()) for letters in {r[0] for r in refs}}
            numbers = {text: int(text) for text in {r[1] for r in refs}}
            row, col = max(numbers.values()), max(columns.values())
            scan.max_row, scan.max_col = max(row, scan.max_row), max(col, scan.max_col)
            if row * col > scan.far_area:
                # The real cell that stretches the sheet furthest (rows x columns), among those
                # on the chunk's last row or in its last column, for messages.
                for letters, text in refs:
                    index, number = columns[letters], numbers[text]
                    if (index == col or number == row) and number * index > scan.far_area:
                        scan.far_area = number * index
                        scan.far_cell = f"{letters.decode().upper()}{number}"
        if rows:
            scan.max_row = max(scan.max_row, max(map(int, rows)))
        scan.dynamic_arrays = scan.dynamic_arrays or b" cm=" in data
        scan.rich_values = scan.rich_values or b" vm=" in data
