"""What marks a month on a month grid, as every reader sees it.

A month on a Timeline (or in the month columns of a table) is planned when its cell holds a mark
or is filled. The mark typed in the cell is read by the core from the grid's values
(:func:`workbook_tools.core.timeline.is_mark`: any value but blank text and a note of three
words or more); this module is the other half, the rule every reader applies to a cell's fill
before it lists the cell in :attr:`Grid.fills <workbook_tools.core.model.Grid.fills>`:

* the fill is a **solid** pattern (hatched patterns, and fills from conditional formatting or
  from a whole row's or column's style, are not marks);
* its colour is **not white** and not "no colour" (:func:`workbook_tools.core.palette.is_white`).
  A colour is given as RGB (any alpha), as an index into the workbook's palette (else Excel's
  default palette; 64 is the system text colour, which shows, 65 the system background, white)
  or as a theme colour (theme 0, "Background 1", is white unless darkened by a negative tint).
  An automatic colour, or a solid fill that names none, shows black and is a mark.

The engines hand over what their format gives: openpyxl's fill objects
(:func:`workbook_tools.sources.xlsx.is_mark_fill`), the styles XML of the fast reader
(:mod:`~workbook_tools.sources.fills`), the OpenDocument and Excel 97-2003 style records
(:mod:`~workbook_tools.sources.styles_other`), and the colour Excel reports for an open workbook
(:mod:`~workbook_tools.sources.live`, which cannot tell a solid pattern from a hatched one).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from ..core.palette import is_white, shows_colour

#: The palette index of the system background colour (white), in every workbook.
SYSTEM_BACKGROUND = 65
#: The entries of Excel's default palette that are white.
DEFAULT_WHITE_INDEXES = frozenset({1, 9})


class Colour(NamedTuple):
    """A fill's colour as a workbook describes it.

    ``kind`` is ``"rgb"`` (``value`` the hex text), ``"indexed"`` (``value`` the palette index),
    ``"theme"`` (``value`` the theme colour's number, lightened or darkened by ``tint``),
    ``"auto"``, or ``None`` when the fill names no colour.
    """

    kind: str | None
    value: str | int | None = None
    tint: float = 0.0


def is_white_colour(colour: Colour, palette: Sequence[str] | None = None) -> bool:
    """Whether ``colour`` shows white; ``palette`` is the workbook's own indexed colours, if
    it has them (``RRGGBB`` or ``AARRGGBB``)."""
    kind, value = colour.kind, colour.value
    if kind == "rgb":
        return isinstance(value, str) and is_white(value)
    if kind == "indexed":
        if not isinstance(value, int):
            return False
        if value == SYSTEM_BACKGROUND:
            return True
        if palette and 0 <= value < len(palette):
            return is_white(palette[value])
        return value in DEFAULT_WHITE_INDEXES
    if kind == "theme":
        return value == 0 and colour.tint >= 0
    return False


def is_mark_fill(pattern: object, colour: Colour, palette: Sequence[str] | None = None) -> bool:
    """Whether a fill with pattern ``pattern`` (``"solid"``, ``"gray125"``…) in ``colour``
    marks a month: a solid pattern in any colour but white."""
    return pattern == "solid" and not is_white_colour(colour, palette)


def is_mark_colour(colour: object) -> bool:
    """Whether a fill colour given as text (``RRGGBB``, ``#rrggbb``, ``white``,
    ``transparent``; ``None`` for no fill) marks a month, for an engine that reports a cell's
    colour rather than its pattern."""
    return shows_colour(colour)


__all__ = [
    "DEFAULT_WHITE_INDEXES",
    "SYSTEM_BACKGROUND",
    "Colour",
    "is_mark_colour",
    "is_mark_fill",
    "is_white_colour",
]
