"""Solid fills and percent formats for the fast (python-calamine) reader, from the XML.

python-calamine gives values only, but a month on a Timeline is planned when its cell holds a
value *or has a solid fill*, and a fraction in a percent-formatted % Complete cell means a
percentage. This module finds those cells without openpyxl: the cell styles (``cellXfs``) whose
fill marks a month (:mod:`~workbook_tools.sources.marks`) or whose number format shows a
percentage (:mod:`~workbook_tools.sources.percent`), then every ``<c>`` of a sheet that uses one
of them.
"""

from __future__ import annotations

import re
import zipfile
from functools import lru_cache
from itertools import compress
from operator import and_
from typing import Any

from .marks import Colour, is_mark_fill
from .names import column_number
from .percent import percent_formats
from .xlsx_package import local_name

_MAX_XML = 64 * 1024 * 1024
#: A cell's start tag up to its reference (``<c r="B7"``, any prefix, attribute order, quoting).
_CELL_TAG_REF = re.compile(
    rb"""<(?:[A-Za-z_][\w.-]*:)?c\s[^>]*?\br\s*=\s*["']\$?([A-Za-z]{1,3})\$?([0-9]{1,7})["']"""
)
#: The bytes of a word character, which a style attribute's name cannot follow.
_WORD_BYTES = frozenset(
    bytes([b]) for b in b"0123456789_" + bytes(range(65, 91)) + bytes(range(97, 123))
)
_EMPTY: frozenset[int] = frozenset()
#: Up to this many wanted styles in a sheet, each is looked at where it is found; beyond, the
#: cells written the usual way are listed in one more pass (a Timeline planned by colour).
_FEW = 256


def cell_styles(
    archive: zipfile.ZipFile,
) -> tuple[frozenset[int], frozenset[int], frozenset[int]]:
    """The cell style indexes with a fill that marks a month, with a percent format, and with a
    bold font."""
    from defusedxml import ElementTree

    try:
        info = archive.getinfo("xl/styles.xml")
    except KeyError:
        return _EMPTY, _EMPTY, _EMPTY
    if info.file_size > _MAX_XML:
        return _EMPTY, _EMPTY, _EMPTY
    root = ElementTree.fromstring(archive.read(info))
    parts = {local_name(child.tag): child for child in root}
    marking = _marking_fills(parts.get("fills"), _palette(parts.get("colors")))
    bold_fonts = _bold_fonts(parts.get("fonts"))
    custom = parts.get("numFmts")
    pairs = [(fmt.get("numFmtId", ""), fmt.get("formatCode", "")) for fmt in custom or ()]
    percent = percent_formats((int(i), code) for i, code in pairs if i.isdigit())
    styles: set[int] = set()
    percents: set[int] = set()
    bold: set[int] = set()
    for index, xf in enumerate(parts.get("cellXfs") or ()):
        if _number(xf, "fillId") in marking:
            styles.add(index)
        if _number(xf, "numFmtId") in percent:
            percents.add(index)
        if _number(xf, "fontId") in bold_fonts:
            bold.add(index)
    return frozenset(styles), frozenset(percents), frozenset(bold)


def _number(element: Any, attribute: str) -> int | None:
    text = element.get(attribute, "")
    return int(text) if text.isdigit() else None


def _palette(colors: Any) -> list[str] | None:
    """The workbook's own indexed colours, if it has them."""
    for group in colors if colors is not None else ():
        if local_name(group.tag) == "indexedColors":
            return [c.get("rgb", "") for c in group]
    return None


def _marking_fills(fills: Any, palette: list[str] | None) -> set[int]:
    """The indexes of the fills that mark a month."""
    marking = set()
    for index, fill in enumerate(fills if fills is not None else ()):
        pattern = next((p for p in fill if local_name(p.tag) == "patternFill"), None)
        if pattern is None:
            continue
        fg = next((c for c in pattern if local_name(c.tag) == "fgColor"), None)
        if is_mark_fill(pattern.get("patternType"), _colour(fg), palette):
            marking.add(index)
    return marking


def _colour(element: Any) -> Colour:
    """An XML colour element as the marks' :class:`~workbook_tools.sources.marks.Colour`."""
    if element is None:
        return Colour(None)
    attrs = element.attrib
    if "rgb" in attrs:
        return Colour("rgb", attrs["rgb"])
    if "indexed" in attrs:
        return Colour("indexed", int(attrs["indexed"]))
    if "theme" in attrs:
        return Colour("theme", int(attrs["theme"]), float(attrs.get("tint", 0) or 0))
    return Colour("auto")


def _bold_fonts(fonts: Any) -> set[int]:
    """The indexes of the bold fonts."""
    bold = set()
    for index, font in enumerate(fonts if fonts is not None else ()):
        weight = next((b for b in font if local_name(b.tag) == "b"), None)
        if weight is not None and weight.get("val", "1") not in ("0", "false"):
            bold.add(index)
    return bold


def styled_cells(
    data: bytes,
    wanted: tuple[frozenset[int], ...],
    max_rows: int,
    max_cols: int,
) -> tuple[set[tuple[int, int]], ...]:
    """For each set of style indexes in ``wanted``, the 0-based ``(row, column)`` of every cell
    of the sheet (its XML ``data``) whose style is in it."""
    found: tuple[set[tuple[int, int]], ...] = tuple(set() for _ in wanted)
    every = frozenset().union(*wanted)
    if not every or len(data) > _MAX_XML:
        return found
    usual, styled = _patterns(every)
    matches = list(styled.finditer(data))
    if len(matches) > _FEW:
        cells = usual.findall(data)
        if len(cells) == len(matches):
            _put_usual(cells, wanted, found, max_rows, max_cols)
            return found
    _put_any(data, matches, wanted, found, max_rows, max_cols)
    return found


@lru_cache(maxsize=32)
def _patterns(every: frozenset[int]) -> tuple[re.Pattern[bytes], re.Pattern[bytes]]:
    """The wanted styles (``every``) on a cell written the usual way (``<c r="B7" s="4"``, as
    ``(letters, number, style)``), and any attribute ending in ``s`` naming one of them,
    anywhere. When both find as many, every wanted style is on a cell written the usual way:
    one list of tuples then gives the cells, without a search around each find."""
    numbers = b"|".join(str(index).encode() for index in sorted(every))
    usual = re.compile(rb'<c r="([A-Za-z]{1,3})([0-9]{1,7})" s="(' + numbers + rb')"')
    styled = re.compile(rb"""s\s*=\s*["'](""" + numbers + rb""")["']""")
    return usual, styled


def _put_usual(
    cells: list[tuple[bytes, bytes, bytes]],
    wanted: tuple[frozenset[int], ...],
    found: tuple[set[tuple[int, int]], ...],
    max_rows: int,
    max_cols: int,
) -> None:
    """Put the cells found written the usual way (``(letters, number, style)``) in ``found``:
    column by column (letters, numbers, styles), each converted once by C-level maps rather
    than cell by cell (a planned Timeline has tens of thousands)."""
    letters, numbers, styles = zip(*cells, strict=True)
    index = {spelling: column_number(spelling) - 1 for spelling in set(letters)}
    rows = [int(number) - 1 for number in numbers]
    places = list(zip(rows, map(index.__getitem__, letters), strict=True))
    inside = [row < max_rows and col < max_cols for row, col in places]
    for wanted_styles, put in zip(wanted, found, strict=True):
        names = {str(style).encode() for style in wanted_styles}
        chosen = map(names.__contains__, styles)
        put.update(compress(places, map(and_, chosen, inside)))


def _put_any(
    data: bytes,
    matches: list[re.Match[bytes]],
    wanted: tuple[frozenset[int], ...],
    found: tuple[set[tuple[int, int]], ...],
    max_rows: int,
    max_cols: int,
) -> None:
    """Put the cells whose style is wanted in ``found``, whatever their form: ``matches`` are
    the wanted style attributes themselves (few cells carry them); check that each sits in a
    cell's start tag."""
    for match in matches:
        at = match.start()
        if at and data[at - 1 : at] in _WORD_BYTES:
            continue  # "s" ends a longer name ("cols=", "ss="): not a style attribute
        start = data.rfind(b"<", 0, at)
        cell = _CELL_TAG_REF.match(data, start) if start >= 0 else None
        if cell is None or cell.end() > data.find(b">", start) > 0:
            continue  # a row's or a column's style, or a cell without a reference
        index = int(match.group(1))
        row, col = int(cell.group(2)) - 1, column_number(cell.group(1)) - 1
        if row < max_rows and col < max_cols:
            for styles, cells in zip(wanted, found, strict=True):
                if index in styles:
                    cells.add((row, col))
