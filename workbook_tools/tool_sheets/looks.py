"""How every cell refresh writes looks, as plain data: one :class:`Look` per kind of cell.

The package writer turns a look into a cell style record, the live writer (xlwings) into a few
formatting calls; both take it from here, so a refreshed file and a refreshed open workbook look
alike. Colours are ``RRGGBB``.

A look either sets a part of a cell's formatting or, for the parts named in ``keep``, leaves the
cell's own: the Timeline marks change only the fill and the font of a user's cell and keep its
alignment, number format and borders. The font's name and size are the cell's own unless the look
names them (the tool's sheets use Calibri 11 throughout).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TypedDict

from ..core.palette import (
    AS_OF_MARK,
    BLACK,
    DARK_GREY,
    ERROR_TEXT,
    LINK_BLUE,
    NAVY,
    RAG_COLOURS,
    TOOL_BODY,
    TOOL_HEAD,
    WARNING_TEXT,
    WHITE,
)
from . import content as ts

#: The parts of a cell's formatting a look may leave as they are.
ALIGNMENT, NUMBER_FORMAT, BORDER = "alignment", "number_format", "border"
TOOL_FONT = "Calibri"


class _Font(TypedDict, total=False):
    """The font parts of a :class:`Look`."""

    font: str
    size: float
    bold: bool
    italic: bool
    underline: bool
    color: str


_STYLE_FONTS: dict[str, _Font] = {
    ts.TITLE: {"size": 16.0, "bold": True, "color": NAVY},
    ts.SUBTITLE: {"size": 12.0, "italic": True, "color": DARK_GREY},
    ts.SECTION: {"size": 13.0, "bold": True, "color": NAVY},
    ts.NOTE: {"size": 10.0, "italic": True, "color": TOOL_HEAD},
    ts.LABEL: {"bold": True},
    ts.HEADER: {"bold": True, "color": WHITE},
    ts.LINK: {"color": LINK_BLUE, "underline": True},
    ts.ERROR: {"bold": True, "color": ERROR_TEXT},
    ts.WARNING: {"bold": True, "color": WARNING_TEXT},
}
_NUMERIC = frozenset({ts.INT, ts.PERCENT, ts.NUMBER, ts.DATE})
_COMPUTED_FORMATS = {"due_date": ts.NUMBER_FORMATS[ts.DATE], "days_left": "0"}
_KEEP_LAYOUT = frozenset({ALIGNMENT, NUMBER_FORMAT, BORDER})


@dataclass(frozen=True)
class Look:
    """A cell's formatting.

    ``fill`` is a solid fill (``None``: no fill); the font is ``bold``, ``italic``, ``underline``
    (single), ``color`` (``None``: automatic), ``font`` and ``size`` (``None``: the cell's own);
    ``halign`` is ``"left"``, ``"center"``, ``"right"`` or ``None`` (by type), ``valign`` ``"top"``,
    ``"center"`` or ``None`` (bottom); ``number_format`` ``None`` means General; ``border`` a thin
    grey line on every side. ``keep`` names the parts taken from the cell's own formatting.
    """

    fill: str | None = None
    bold: bool = False
    italic: bool = False
    underline: bool = False
    color: str | None = None
    font: str | None = None
    size: float | None = None
    halign: str | None = None
    valign: str | None = "top"
    wrap: bool = False
    number_format: str | None = None
    border: bool = False
    keep: frozenset[str] = frozenset()


def sheet_look(spec: ts.CellSpec, *, boxed: bool = False) -> Look:
    """The look of a cell on a rebuilt sheet (Summary, Exceptions, Checks, History)."""
    return _sheet_look(spec.style, spec.rag, spec.align, boxed)


@functools.lru_cache(maxsize=512)
def _sheet_look(style: str, rag: str | None, align: str | None, boxed: bool) -> Look:
    """:func:`sheet_look`, made once per kind of cell (the same object each time)."""
    font: _Font = {"font": TOOL_FONT, "size": 11.0, **_STYLE_FONTS.get(style, _Font())}
    fill = TOOL_HEAD if style == ts.HEADER else None
    halign: str | None = None
    wrap = style in (ts.WRAP, ts.HEADER)
    if rag is not None:
        fill, colour = RAG_COLOURS.get(rag, (TOOL_HEAD, WHITE))
        font = {"font": TOOL_FONT, "size": 11.0, "bold": True, "color": colour}
        halign, wrap = "center", False
    elif style in _NUMERIC and align is None:
        halign = "right"
    if align == "left":
        halign = "left"
    return Look(
        fill=fill,
        halign=halign,
        wrap=wrap,
        number_format=ts.NUMBER_FORMATS.get(style),
        border=boxed,
        **font,
    )


@functools.lru_cache(maxsize=8)
def heading_look(template: bool) -> Look:
    """A computed column's heading: white bold italic on dark grey (wrapped in the template,
    whose header row is tall; beside a legacy table the text stays on one line)."""
    return Look(fill=TOOL_HEAD, bold=True, italic=True, color=WHITE, valign="center", wrap=template)


@functools.lru_cache(maxsize=128)
def computed_look(field: str, rag: str | None, template: bool) -> Look:
    """A computed cell of an action: the RAG word in its RAG colours, the rest on light grey;
    in the template the reason and flags wrap."""
    if field == "computed_rag" and rag is not None:
        fill, colour = RAG_COLOURS[rag]
        return Look(fill=fill, bold=True, color=colour, halign="center")
    return Look(
        fill=TOOL_BODY,
        color=BLACK,
        halign="center" if field == "days_left" else None,
        wrap=template and field in ("rag_reason", "flags"),
        number_format=_COMPUTED_FORMATS.get(field),
    )


@functools.lru_cache(maxsize=16)
def mark_look(rag: str) -> Look:
    """A Timeline Ref cell showing its action's RAG: only its fill and font change."""
    fill, colour = RAG_COLOURS[rag]
    return Look(fill=fill, bold=True, color=colour, keep=_KEEP_LAYOUT)


#: A Timeline Ref cell whose earlier RAG mark is taken back: no fill, a plain font.
UNMARKED = Look(keep=_KEEP_LAYOUT)


@functools.lru_cache(maxsize=16)
def month_look(fill: str = AS_OF_MARK) -> Look:
    """A Timeline month heading: the as-of mark, or (``NAVY``) the template's heading fill it
    gets back when the mark moves on."""
    return Look(fill=fill, bold=True, color=WHITE, keep=_KEEP_LAYOUT)


__all__ = [
    "ALIGNMENT",
    "BORDER",
    "NUMBER_FORMAT",
    "TOOL_FONT",
    "UNMARKED",
    "Look",
    "computed_look",
    "heading_look",
    "mark_look",
    "month_look",
    "sheet_look",
]
