"""Comma- and tab-separated text (``.csv``, ``.tsv``, ``.txt``) → a one-sheet ``Book``.

A plan saved from Excel as CSV, or pasted from a Word table into a text file, becomes one grid named
after the file (``Housing plan.csv`` → sheet ``Housing plan``). Every value stays the text it was
in the file; an empty field is ``None``. Nothing is stripped or converted: reading dates, numbers
and HTML fragments pasted from Word (``<p>Mar 08</p>``) is the reader's job, as for any other
grid.

Encoding: UTF-8 (with or without the byte-order mark Excel's "CSV UTF-8" writes), UTF-16 with a
byte-order mark (Excel's "Unicode Text"), else Windows-1252 (Excel's plain "CSV" on an English
Windows PC).

Separator: ``.tsv`` and ``.txt`` files are tab-separated unless they hold no tab at all and
clearly split on commas; ``.csv`` files are comma-separated unless the commas do not split them
into columns and another separator (``;`` as written by Excel in many European locales, or a tab)
does.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import warnings
from collections import Counter
from pathlib import Path

from ..core.model import Book, Grid
from ..errors import NotAWorkbookError, WorkbookTooLargeError
from . import grids as caps
from .file_problems import file_problem
from .grids import SheetTruncatedWarning, trim_rows

#: The largest text file read, in bytes.
MAX_TEXT_BYTES = 256 * 1024 * 1024
#: How much of the file is looked at to choose the separator.
_SAMPLE_CHARS = 64 * 1024

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def load_text(path: str | os.PathLike[str]) -> Book:
    """Read a CSV, TSV or tab-separated ``.txt`` file as a one-sheet :class:`Book`.

    Rows beyond :data:`~workbook_tools.sources.grids.MAX_ROWS` and columns beyond
    :data:`~workbook_tools.sources.grids.MAX_COLS` are ignored with a
    :class:`~workbook_tools.sources.grids.SheetTruncatedWarning`. Raises
    :class:`NotAWorkbookError` when the file is not text (e.g. a workbook renamed ``.csv``).
    """
    path = os.fspath(path)
    file = Path(path)
    try:
        size = file.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise WorkbookTooLargeError(
                f"the file is {size / 1024 / 1024:,.0f} MB, more than the "
                f"{MAX_TEXT_BYTES // 1024 // 1024} MB that can be read; "
                "split it into smaller files",
                path=path,
            )
        raw = file.read_bytes()
    except OSError as exc:
        raise file_problem(exc, path) from None

    text = decode(raw, path)
    delimiter = choose_delimiter(text, file.suffix)
    rows, truncated = _parse(text, delimiter, path)
    if truncated:
        warnings.warn(
            f"{file.name}: only the first {caps.MAX_ROWS:,} rows and {caps.MAX_COLS:,} columns "
            "were read; split the file",
            SheetTruncatedWarning,
            stacklevel=2,
        )
    return Book(path=path, sheets=[Grid(name=file.stem, rows=rows, formats=False)])


def decode(raw: bytes, path: str = "") -> str:
    """The text of a file's bytes: UTF-8 (byte-order mark optional), UTF-16 with a byte-order
    mark, else Windows-1252. Raises :class:`NotAWorkbookError` for a binary file."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise NotAWorkbookError(_NOT_TEXT, path=path or None) from None
    if raw.startswith(_ZIP_MAGIC) or raw.startswith(_OLE_MAGIC):
        raise NotAWorkbookError(
            "this is an Excel workbook, not a text file; give it the .xlsx (or .xls) name it "
            "had, or save it from Excel as CSV",
            path=path or None,
        )
    if b"\x00" in raw[:8192]:
        raise NotAWorkbookError(_NOT_TEXT, path=path or None)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        # Five byte values are unassigned in Windows-1252; Latin-1 reads every byte.
        return raw.decode("latin-1")


_NOT_TEXT = (
    "the file is not comma- or tab-separated text; save the plan from Excel as CSV or as .xlsx"
)


def choose_delimiter(text: str, suffix: str) -> str:
    """The field separator for ``text`` read from a file ending in ``suffix`` (see module doc)."""
    sample = text[:_SAMPLE_CHARS]
    suffix = suffix.lower()
    if suffix in (".tsv", ".txt"):
        if "\t" not in sample and _splits_clearly(sample, ","):
            return ","
        return "\t"
    if _splits_clearly(sample, ","):
        return ","
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","
    if sniffed != "," and _splits_clearly(sample, sniffed):
        return sniffed
    return ","


def _splits_clearly(sample: str, delimiter: str) -> bool:
    """Whether most records of ``sample`` split into the same number (two or more) of fields."""
    counts: Counter[int] = Counter()
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
    records = []
    try:
        records = [len(row) for row in reader if any(field.strip() for field in row)]
    except csv.Error:
        return False
    if len(sample) >= _SAMPLE_CHARS and len(records) > 1:
        records.pop()  # the sample may end part-way through a record
    if not records:
        return False
    counts.update(records)
    width, times = counts.most_common(1)[0]
    return width >= 2 and times >= 0.8 * len(records)


def _parse(text: str, delimiter: str, path: str) -> tuple[list[list[object]], bool]:
    max_rows, max_cols = caps.MAX_ROWS, caps.MAX_COLS
    rows: list[list[object]] = []
    truncated = False
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, record in enumerate(reader):
            if number >= max_rows:
                if any(record):
                    truncated = True
                    break
                continue
            if len(record) > max_cols:
                truncated = truncated or any(record[max_cols:])
                record = record[:max_cols]
            rows.append([field if field != "" else None for field in record])
    except csv.Error as exc:
        raise NotAWorkbookError(
            f"the file could not be read as separated text (line {reader.line_num}: {exc}); "
            "save the plan from Excel as CSV or as .xlsx",
            path=path,
        ) from None
    return trim_rows(rows), truncated


__all__ = ["MAX_TEXT_BYTES", "choose_delimiter", "decode", "load_text"]
