"""Fills and percent formats of ``.ods`` and ``.xls`` workbooks, which python-calamine does not
give: the month-grid marks made by colouring a cell, and the % complete cells formatted as
percentages.

* ``.ods``: the sheet's XML (``content.xml``) is streamed with defusedxml; each cell's style is
  resolved through the automatic styles there and the named styles of ``styles.xml`` (a style
  may inherit another's background and number format).
* ``.xls``: xlrd reads each cell's format record (its fill pattern and colour, its number
  format).

A fill counts as a mark by the rules of :mod:`~workbook_tools.sources.marks` (for ``.ods``, any
background but white and ``transparent``: OpenDocument has no hatched cell backgrounds), a
format shows percentages by those of :mod:`~workbook_tools.sources.percent`; styles repeated over
more than :data:`~workbook_tools.sources.grids.MAX_COLS` columns or rows (a whole row or column
coloured) are not marks. ``.xlsb`` files give neither.
"""

from __future__ import annotations

import zipfile
from typing import Any

from . import grids as caps
from .marks import Colour, is_mark_colour, is_mark_fill
from .percent import shows_percent

#: Per sheet name: the cells with a mark fill, with a percent format, with a bold font.
Marks = dict[str, tuple[set[tuple[int, int]], set[tuple[int, int]], set[tuple[int, int]]]]

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
_NUMBER = "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#: The largest styles part read whole.
_MAX_STYLES = 32 * 1024 * 1024


def style_marks(path: str, suffix: str) -> Marks | None:
    """Per sheet name: the cells with a mark fill, those formatted as percentages and those in a
    bold font; ``None`` when the format gives none (``.xlsb``) or they cannot be read."""
    try:
        if suffix == ".ods":
            return _ods_marks(path)
        if suffix == ".xls":
            return _xls_marks(path)
    except Exception:  # the values are read already; without styles, marks are typed only
        return None
    return None


# --------------------------------------------------------------------------------------------
# OpenDocument
# --------------------------------------------------------------------------------------------


def _q(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


def _ods_styles(archive: zipfile.ZipFile) -> tuple[set[str], set[str], set[str]]:
    """The names of the cell styles with a mark fill, showing percentages, in bold."""
    from defusedxml import ElementTree

    styles: dict[str, tuple[str | None, str | None, str | None, str | None]] = {}
    percent_formats: set[str] = set()
    for part in ("styles.xml", "content.xml"):
        if part not in archive.namelist():
            continue
        if part == "content.xml":
            root = _automatic_styles(archive)
        else:
            info = archive.getinfo(part)
            if info.file_size > _MAX_STYLES:
                continue
            root = ElementTree.fromstring(archive.read(info))
        if root is None:
            continue
        for node in root.iter(_q(_NUMBER, "percentage-style")):
            percent_formats.add(node.get(_q(_STYLE, "name"), ""))
        for node in root.iter(_q(_STYLE, "style")):
            if node.get(_q(_STYLE, "family")) != "table-cell":
                continue
            props = node.find(_q(_STYLE, "table-cell-properties"))
            colour = props.get(_q(_FO, "background-color")) if props is not None else None
            text = node.find(_q(_STYLE, "text-properties"))
            weight = text.get(_q(_FO, "font-weight")) if text is not None else None
            styles[node.get(_q(_STYLE, "name"), "")] = (
                node.get(_q(_STYLE, "parent-style-name")),
                colour,
                node.get(_q(_STYLE, "data-style-name")),
                weight,
            )
    fills, percents, bold = set(), set(), set()
    for name in styles:
        colour, data, weight = _inherited(styles, name)
        if is_mark_colour(colour):
            fills.add(name)
        if data in percent_formats:
            percents.add(name)
        if weight in ("bold", "700", "800", "900"):
            bold.add(name)
    return fills, percents, bold


def _inherited(styles: dict, name: str) -> tuple[str | None, str | None, str | None]:
    """A style's background colour, number format and font weight, from its parents when
    unset."""
    colour = data = weight = None
    for _ in range(10):
        if name not in styles:
            break
        parent, own_colour, own_data, own_weight = styles[name]
        colour, data, weight = colour or own_colour, data or own_data, weight or own_weight
        if parent is None:
            break
        name = parent
    return colour, data, weight


def _automatic_styles(archive: zipfile.ZipFile) -> Any:
    """The ``office:automatic-styles`` element of ``content.xml`` (streamed up to the body)."""
    from defusedxml.ElementTree import iterparse

    with archive.open("content.xml") as stream:
        for _event, node in iterparse(stream, events=("end",)):
            if node.tag == _q(_OFFICE, "automatic-styles"):
                return node
    return None


def _ods_marks(path: str) -> Marks:
    from defusedxml.ElementTree import iterparse

    limit = caps.MAX_COLS
    marks: Marks = {}
    with zipfile.ZipFile(path) as archive:
        wanted = _ods_styles(archive)
        if not any(wanted):
            return marks
        sheet: tuple[set, set, set] = (set(), set(), set())
        r = c = 0
        with archive.open("content.xml") as stream:
            for event, node in iterparse(stream, events=("start", "end")):
                tag = node.tag
                if event == "start":
                    if tag == _q(_TABLE, "table"):
                        name = node.get(_q(_TABLE, "name"), "")
                        sheet = marks.setdefault(name, (set(), set(), set()))
                        r = 0
                    elif tag == _q(_TABLE, "table-row"):
                        c = 0
                    continue
                if tag in (_q(_TABLE, "table-cell"), _q(_TABLE, "covered-table-cell")):
                    repeat = int(node.get(_q(_TABLE, "number-columns-repeated"), "1"))
                    style = node.get(_q(_TABLE, "style-name"))
                    if style and repeat <= limit and c < limit:
                        for styles, cells in zip(wanted, sheet, strict=True):
                            if style in styles:
                                cells.update((r, cc) for cc in range(c, min(c + repeat, limit)))
                    c += repeat
                    node.clear()
                elif tag == _q(_TABLE, "table-row"):
                    rows = int(node.get(_q(_TABLE, "number-rows-repeated"), "1"))
                    if rows > 1 and rows <= limit:
                        _repeat_row(sheet, r, rows)
                    r += rows
                    node.clear()
    return marks


def _repeat_row(sheet: tuple[set, set, set], r: int, rows: int) -> None:
    """Copy row ``r``'s marks onto the ``rows - 1`` rows that repeat it."""
    for found in sheet:
        cols = [c for rr, c in found if rr == r]
        for extra in range(1, rows):
            found.update((r + extra, c) for c in cols)


# --------------------------------------------------------------------------------------------
# Excel 97-2003
# --------------------------------------------------------------------------------------------


def _xls_marks(path: str) -> Marks:
    import xlrd

    marks: Marks = {}
    book = xlrd.open_workbook(path, formatting_info=True, on_demand=True)
    try:
        fill_xfs, percent_xfs, bold_xfs = _xls_formats(book)
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            fills, percents, bold = marks.setdefault(sheet.name, (set(), set(), set()))
            for r in range(min(sheet.nrows, caps.LAST_ROW)):
                for c in range(min(sheet.row_len(r), caps.MAX_COLS)):
                    xf = sheet.cell_xf_index(r, c)
                    if xf in fill_xfs:
                        fills.add((r, c))
                    if xf in percent_xfs and sheet.cell_type(r, c) == xlrd.XL_CELL_NUMBER:
                        percents.add((r, c))
                    if xf in bold_xfs:
                        bold.add((r, c))
            book.unload_sheet(index)
    finally:
        book.release_resources()
    return marks


def _xls_formats(book: Any) -> tuple[set[int], set[int], set[int]]:
    """The format records with a solid non-white fill, showing percentages, in a bold font."""
    fills, percents, bold = set(), set(), set()
    fonts = book.font_list
    palette = _xls_palette(book.colour_map)
    for index, xf in enumerate(book.xf_list):
        background = xf.background
        pattern = "solid" if background.fill_pattern == 1 else None
        colour = Colour("indexed", background.pattern_colour_index)
        if is_mark_fill(pattern, colour, palette):
            fills.add(index)
        number_format = book.format_map.get(xf.format_key)
        if number_format is not None and shows_percent(number_format.format_str):
            percents.add(index)
        font = fonts[xf.font_index] if 0 <= xf.font_index < len(fonts) else None
        if font is not None and (font.bold or getattr(font, "weight", 400) >= 700):
            bold.add(index)
    return fills, percents, bold


def _xls_palette(colour_map: dict[int, Any]) -> list[str]:
    """The workbook's palette (``colour_map``: index → RGB tuple, ``None`` for a system colour)
    as ``RRGGBB`` text; an index without a colour is left empty (the system text colour, 64,
    shows black and marks)."""
    size = max((i for i in colour_map if isinstance(i, int) and i < 64), default=-1) + 1
    palette = [""] * size
    for index in range(size):
        rgb = colour_map.get(index)
        if rgb is not None:
            palette[index] = "{:02X}{:02X}{:02X}".format(*rgb)
    return palette


__all__ = ["style_marks"]
