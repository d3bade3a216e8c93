"""Solid fills and percent formats for the fast (python-calamine) reader, from the XML.

python-calamine gives values only, but a month on a Timeline is planned when its cell holds a
value *or has a solid fill*, and a fraction in a percent-formatted % Complete cell means a
percentage. This module finds those cells without openpyxl: the cell styles (``cellXfs``) whose
fill is a solid, non-white pattern or whose number format shows a percentage, then every ``<c>``
of a sheet that uses one of them. The colour rules are those of
:func:`workbook_tools.sources.xlsx.is_mark_fill`.
"""

from __future__ import annotations

import re
import zipfile
from types import SimpleNamespace
from typing import Any

#: Excel's default palette entries that are white (indexed colours 1 and 9).
_DEFAULT_WHITE_INDEXES = frozenset({1, 9, 65})
_MAX_XML = 64 * 1024 * 1024
#: A cell's start tag up to its reference (``<c r="B7"``, any prefix, attribute order, quoting).
_CELL_TAG_REF = re.compile(
    rb"""<(?:[A-Za-z_][\w.-]*:)?c\s[^>]*?\br\s*=\s*["']\$?([A-Za-z]{1,3})\$?([0-9]{1,7})["']"""
)
#: The bytes of a word character, which a style attribute's name cannot follow.
_WORD_BYTES = frozenset(
    bytes([b]) for b in b"0123456789_" + bytes(range(65, 91)) + bytes(range(97, 123))
)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _colour(element: Any) -> SimpleNamespace:
    if element is None:
        return SimpleNamespace(type=None)
    attrs = element.attrib
    if "rgb" in attrs:
        return SimpleNamespace(type="rgb", rgb=attrs["rgb"])
    if "indexed" in attrs:
        return SimpleNamespace(type="indexed", indexed=int(attrs["indexed"]))
    if "theme" in attrs:
        return SimpleNamespace(
            type="theme", theme=int(attrs["theme"]), tint=float(attrs.get("tint", 0) or 0)
        )
    return SimpleNamespace(type="auto")


def _white(colour: SimpleNamespace, palette: list[str] | None) -> bool:
    if colour.type == "rgb":
        return colour.rgb[-6:].upper() == "FFFFFF"
    if colour.type == "indexed":
        if palette is not None and 0 <= colour.indexed < len(palette):
            return palette[colour.indexed][-6:].upper() == "FFFFFF"
        return colour.indexed in _DEFAULT_WHITE_INDEXES
    if colour.type == "theme":
        return colour.theme == 0 and colour.tint >= 0
    return False


_BUILTIN_PERCENT = frozenset({9, 10})
_QUOTED = re.compile(r'"[^"]*"|\\.')


def _percent_format(code: str) -> bool:
    return "%" in _QUOTED.sub("", code)


def cell_styles(
    archive: zipfile.ZipFile,
) -> tuple[frozenset[int], frozenset[int], frozenset[int]]:
    """The cell style indexes with a marking fill (solid, not white), with a percent format, and
    with a bold font."""
    from defusedxml import ElementTree

    try:
        info = archive.getinfo("xl/styles.xml")
    except KeyError:
        return frozenset(), frozenset(), frozenset()
    if info.file_size > _MAX_XML:
        return frozenset(), frozenset(), frozenset()
    root = ElementTree.fromstring(archive.read(info))
    palette: list[str] | None = None
    fills: list[Any] = []
    percent_formats = set(_BUILTIN_PERCENT)
    marking_fills: set[int] = set()
    bold_fonts: set[int] = set()
    styles: set[int] = set()
    percent: set[int] = set()
    bold: set[int] = set()
    for child in root:
        tag = _local(child.tag)
        if tag == "colors":
            for group in child:
                if _local(group.tag) == "indexedColors":
                    palette = [c.get("rgb", "") for c in group]
        elif tag == "fills":
            fills = list(child)
        elif tag == "fonts":
            for index, font in enumerate(child):
                weight = next((b for b in font if _local(b.tag) == "b"), None)
                if weight is not None and weight.get("val", "1") not in ("0", "false"):
                    bold_fonts.add(index)
        elif tag == "numFmts":
            for fmt in child:
                code, fmt_id = fmt.get("formatCode", ""), fmt.get("numFmtId", "")
                if fmt_id.isdigit() and _percent_format(code):
                    percent_formats.add(int(fmt_id))
    for child in root:
        tag = _local(child.tag)
        if tag == "fills":
            for index, fill in enumerate(fills):
                pattern = next((p for p in fill if _local(p.tag) == "patternFill"), None)
                if pattern is None or pattern.get("patternType") != "solid":
                    continue
                fg = next((c for c in pattern if _local(c.tag) == "fgColor"), None)
                if not _white(_colour(fg), palette):
                    marking_fills.add(index)
        elif tag == "cellXfs":
            for index, xf in enumerate(child):
                fill_id, fmt_id = xf.get("fillId", ""), xf.get("numFmtId", "")
                if fill_id.isdigit() and int(fill_id) in marking_fills:
                    styles.add(index)
                if fmt_id.isdigit() and int(fmt_id) in percent_formats:
                    percent.add(index)
                font_id = xf.get("fontId", "")
                if font_id.isdigit() and int(font_id) in bold_fonts:
                    bold.add(index)
    return frozenset(styles), frozenset(percent), frozenset(bold)


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + ch - 64
    return number


def styled_cells(
    data: bytes,
    wanted: tuple[frozenset[int], ...],
    max_rows: int,
    max_cols: int,
) -> tuple[set[tuple[int, int]], ...]:
    """For each set of style indexes in ``wanted``, the 0-based ``(row, column)`` of every cell
    of the sheet (its XML ``data``) whose style is in it; one pass over the sheet's XML."""
    found: tuple[set[tuple[int, int]], ...] = tuple(set() for _ in wanted)
    every = frozenset().union(*wanted)
    if not every or len(data) > _MAX_XML:
        return found
    # Search for the wanted style attributes themselves (few cells carry them), then check
    # that each sits in a cell's start tag: one pass of the regular expression engine.
    numbers = b"|".join(str(index).encode() for index in sorted(every))
    wanted_style = re.compile(rb"""s\s*=\s*["'](""" + numbers + rb""")["']""")
    for match in wanted_style.finditer(data):
        at = match.start()
        if at and data[at - 1 : at] in _WORD_BYTES:
            continue  # "s" ends a longer name ("cols=", "ss="): not a style attribute
        start = data.rfind(b"<", 0, at)
        cell = _CELL_TAG_REF.match(data, start) if start >= 0 else None
        if cell is None or cell.end() > data.find(b">", start) > 0:
            continue  # a row's or a column's style, or a cell without a reference
        index = int(match.group(1))
        row, col = int(cell.group(2)) - 1, _column_number(cell.group(1)) - 1
        if row < max_rows and col < max_cols:
            for styles, cells in zip(wanted, found, strict=True):
                if index in styles:
                    cells.add((row, col))
    return found
