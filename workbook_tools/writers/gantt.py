"""The Gantt chart picture: each action from planned start to due date, coloured by RAG.

Drawn with Pillow straight onto a picture the size the Summary gives it
(:func:`workbook_tools.tool_sheets.gantt_size`), in the layout a chart library would give it: the
labels beside the axis, the bars and due-date diamonds, the RAG word after each, a dashed line at
the as-of date, a date axis with monthly (or wider) ticks and grid lines, the title above and the
legend below. The text is DejaVu Sans (the font files matplotlib installs, found without importing
it; Pillow's own font where they are missing). Drawing directly takes a few hundredths of a second
a picture, where a chart library's figure took about a fifth of a second and half a second to
import. Both the file writer and the live writer place the same picture; longer plans get one
picture per page on a shared date axis.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import os
import struct
import zlib
from typing import Any

from workbook_tools.core.palette import (
    AS_OF_MARK,
    CHART_TEXT,
    DARK_GREY,
    GRIDLINE,
    RAG_COLOURS,
    TAB_GREY,
)
from workbook_tools.tool_sheets import GanttSpec

_CM_PER_INCH = 2.54
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_INK = (0, 0, 0)
_WORD_INK = tuple(bytes.fromhex(CHART_TEXT))
_EDGE = tuple(bytes.fromhex(DARK_GREY))
_GRID = tuple(bytes.fromhex(GRIDLINE))
_AS_OF = tuple(bytes.fromhex(AS_OF_MARK))
_NO_START = tuple(bytes.fromhex(TAB_GREY))
#: Month steps of the date axis, then year steps; the first giving at most this many ticks.
_MONTH_STEPS = (1, 2, 3, 4, 6, 12, 24, 60, 120)
_MAX_TICKS = 14


def gantt_png(spec: GanttSpec, *, dpi: int = 150) -> bytes:
    """A PNG of the Gantt chart: one row per bar (first at the top) from planned start to due,
    coloured by RAG with the RAG word after it, and a dashed line at the as-of date.

    A bar with no planned start shows as a diamond at its due date; a bar reaching beyond the
    chart's window is cut at the edge, with an arrow.
    """
    chart = _Chart(spec, dpi)
    chart.draw_grid()
    chart.draw_bars()
    chart.draw_axes()
    chart.draw_words()
    chart.draw_legend()
    return chart.png()


class _Chart:
    """One picture being drawn: its scales (days and rows to pixels) and fonts."""

    def __init__(self, spec: GanttSpec, dpi: int) -> None:
        from PIL import Image, ImageDraw

        self.spec, self.px = spec, dpi / 72  # pixels in a point
        width = int(spec.width_cm / _CM_PER_INCH * dpi)
        height = int(spec.height_cm / _CM_PER_INCH * dpi)
        self.image = Image.new("RGB", (width, height), "white")
        self.draw = ImageDraw.Draw(self.image)
        self.font = 8.5 if len(spec.bars) <= 20 else 7.5
        margins = _margins(spec, [b.label for b in spec.bars], self.font)
        self.left, self.right = margins["left"] * width, margins["right"] * width
        self.top, self.bottom = (1 - margins["top"]) * height, (1 - margins["bottom"]) * height
        lo, hi = spec.window
        pad = _pad(spec)
        self.first, self.last = (lo - pad).toordinal(), (hi + pad * 6).toordinal()
        self.rows = (-1.1, len(spec.bars) - 0.4)  # the rows at the top and bottom edges

    # -- scales ------------------------------------------------------------------------------
    def x(self, day: dt.date) -> float:
        """The pixel column of a date."""
        share = (day.toordinal() - self.first) / (self.last - self.first)
        return self.left + share * (self.right - self.left)

    def y(self, row: float) -> float:
        """The pixel row of a bar's centre (row 0 is the first bar, at the top)."""
        top, bottom = self.rows
        return self.top + (row - top) / (bottom - top) * (self.bottom - self.top)

    def width(self, points: float) -> int:
        """A line width in whole pixels (at least one)."""
        return max(1, round(points * self.px))

    def text(self, xy: tuple[float, float], words: str, size: float, **kw: Any) -> None:
        """Text at ``xy`` (``anchor`` as Pillow's: "rm" is right-middle), ``size`` in points."""
        bold = kw.pop("bold", False)
        self.draw.text(xy, words, font=_font(round(size * self.px * 4) / 4, bold), **kw)

    # -- the parts ---------------------------------------------------------------------------
    def draw_grid(self) -> None:
        """A grid line and a tick at each date of the axis, with its label below."""
        tick, pad = 3.5 * self.px, 3.5 * self.px
        font = _font(round(self.font * self.px * 4) / 4, False)
        # as many labels as fit side by side with a gap of two letters' width between them
        widest = max(font.getlength(f"{month} 08") for month in _MONTHS)
        fit = int((self.right - self.left) // (widest + font.getlength("MM")))
        for day in _ticks(self.first, self.last, most=max(2, min(fit, _MAX_TICKS))):
            x = round(self.x(day))
            self.draw.line([(x, self.top), (x, self.bottom)], fill=_GRID, width=self.width(0.6))
            self.draw.line([(x, self.bottom), (x, self.bottom + tick)], fill=_INK, width=2)
            label = f"{_MONTHS[day.month - 1]} {day:%y}"
            self.text((x, self.bottom + tick + pad), label, self.font, fill=_INK, anchor="ma")

    def draw_bars(self) -> None:
        """The bars (planned start to due, at least two days long) and the diamonds (due date
        only), cut at the edges of the window."""
        (lo, hi), spec = self.spec.window, self.spec
        edge = self.width(0.4)
        for row, bar in enumerate(spec.bars):
            colour = _rgb(RAG_COLOURS[bar.rag][0])
            due = min(max(bar.due, lo), hi)
            if bar.start is None:
                self._diamond(self.x(due), self.y(row), colour)
                continue
            start = min(max(bar.start, lo), hi)
            end = start + dt.timedelta(days=max((due - start).days, 2))
            box = [self.x(start), self.y(row - 0.3), self.x(end), self.y(row + 0.3)]
            self.draw.rectangle([round(v) for v in box], fill=colour, outline=_EDGE, width=edge)

    def _diamond(self, x: float, y: float, colour: tuple[int, int, int]) -> None:
        sprite = _diamond_sprite(colour, _EDGE, round(5.5 * 2**0.5 * self.px))
        self.image.paste(
            sprite, (round(x - sprite.width / 2), round(y - sprite.height / 2)), sprite
        )

    def draw_axes(self) -> None:
        """The left and bottom axis lines, the dashed as-of line with its date, the title."""
        spec, line = self.spec, self.width(0.8)
        self.draw.line([(self.left, self.top), (self.left, self.bottom)], fill=_INK, width=line)
        self.draw.line([(self.left, self.bottom), (self.right, self.bottom)], fill=_INK, width=line)
        x, dash, gap, y = round(self.x(spec.as_of)), 4.81 * self.px, 2.08 * self.px, self.top
        while y < self.bottom:
            end = min(y + dash, self.bottom)
            self.draw.line([(x, round(y)), (x, round(end))], fill=_AS_OF, width=self.width(1.3))
            y = end + gap
        as_of = f" as of {spec.as_of.day} {_MONTHS[spec.as_of.month - 1]} {spec.as_of.year}"
        self.text((x, self.y(-0.75)), as_of, self.font, fill=_AS_OF, anchor="ld")
        if spec.title:
            where = (self.left, self.top - 6 * self.px)
            self.text(where, spec.title, self.font + 2.5, fill=_INK, anchor="ls", bold=True)

    def draw_words(self) -> None:
        """Each bar's label beside the axis, and its RAG word after its due date (with the due
        date and an arrow when the bar is cut at an edge)."""
        (lo, hi), pad = self.spec.window, _pad(self.spec)
        label_x = self.left - 0.01 * (self.right - self.left)
        for row, bar in enumerate(self.spec.bars):
            y = self.y(row)
            word = bar.rag
            when = f"{_MONTHS[bar.due.month - 1]} {bar.due:%y}"
            if bar.due < lo:
                word = f"◄ {bar.rag} (due {when})"
            elif bar.due > hi:
                word = f"{bar.rag} (due {when}) ►"
            due = min(max(bar.due, lo), hi)
            self.text((self.x(due + pad / 2), y), word, self.font - 1, fill=_WORD_INK, anchor="lm")
            self.text((label_x, y), bar.label, self.font, fill=_INK, anchor="rm")

    def draw_legend(self) -> None:
        """The RAG colours present (and the diamond, when a bar has no planned start), in one
        row centred at the bottom."""
        font, px, bars = self.font, self.px, self.spec.bars
        entries: list[tuple[str, tuple[int, int, int] | None]] = [
            (word, _rgb(RAG_COLOURS[word][0]))
            for word in RAG_COLOURS
            if any(b.rag == word for b in bars)
        ]
        if any(b.start is None for b in bars):
            entries.append(("due date (no planned start)", None))
        size = round(font * px * 4) / 4
        handle, gap, spacing = 2.0 * font * px, 0.8 * font * px, 2.0 * font * px
        widths = [_font(size, False).getlength(label) for label, _ in entries]
        total = sum(handle + gap + w for w in widths) + spacing * (len(entries) - 1)
        x = (self.image.width - total) / 2
        y = self.image.height - (0.5 + 0.4) * font * px - 0.35 * font * px - 1.5 * px
        for (label, colour), text_width in zip(entries, widths, strict=True):
            if colour is None:
                self._diamond(x + handle / 2, y, _NO_START)
            else:
                box = [x, y - 0.35 * font * px, x + handle, y + 0.35 * font * px]
                self.draw.rectangle([round(v) for v in box], fill=colour, outline=_EDGE)
            self.text((x + handle + gap, y), label, font, fill=_INK, anchor="lm")
            x += handle + gap + text_width + spacing

    def png(self) -> bytes:
        """The picture as PNG bytes (every colour exact): see :func:`_png`."""
        return _png(self.image.width, self.image.height, self.image.tobytes())


def _png(width: int, height: int, rgb: bytes) -> bytes:
    """An 8-bit RGB picture (``rgb``: its rows of pixels, top first) as a PNG file.

    Written directly: each row unfiltered (a chart is mostly flat colour, which filtering barely
    shrinks) and the whole deflated quickly, in about a third of the time an image library's
    encoder takes trying a filter for every row.
    """
    stride = width * 3
    rows = b"".join(b"\0" + rgb[at : at + stride] for at in range(0, stride * height, stride))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 1))
        + chunk(b"IEND", b"")
    )


def _pad(spec: GanttSpec) -> dt.timedelta:
    lo, hi = spec.window
    return dt.timedelta(days=max(max((hi - lo).days, 30) // 50, 3))


def _ticks(first: int, last: int, most: int = _MAX_TICKS) -> list[dt.date]:
    """The dates of the axis ticks between two day numbers: the first of every month, or of
    every few months (counted from January), or every few years, whichever first gives at most
    ``most``."""
    start, end = dt.date.fromordinal(first), dt.date.fromordinal(last)
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    for step in _MONTH_STEPS:
        if months // step <= most:
            break
    ticks = []
    index = start.year * 12 + start.month - 1
    index += -index % step  # the first month on a step, counted from January
    while True:
        day = dt.date(index // 12, index % 12 + 1, 1)
        if day > end:
            return ticks
        if day >= start:
            ticks.append(day)
        index += step


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    value = int(hex_colour[-6:], 16)
    return (value >> 16, (value >> 8) & 0xFF, value & 0xFF)


@functools.cache
def _font_file(bold: bool) -> str | None:
    """DejaVu Sans (bold) as matplotlib installs it, without importing matplotlib."""
    found = importlib.util.find_spec("matplotlib")
    for folder in (found.submodule_search_locations or []) if found else []:
        name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
        path = os.path.join(folder, "mpl-data", "fonts", "ttf", name)
        if os.path.isfile(path):
            return path
    return None


@functools.cache
def _font(size: float, bold: bool) -> Any:
    """The font at ``size`` pixels (kept: each picture uses a few sizes)."""
    from PIL import ImageFont

    path = _font_file(bold)
    if path is None:
        return ImageFont.load_default(size)
    return ImageFont.truetype(path, size)


@functools.cache
def _diamond_sprite(colour: tuple[int, int, int], edge: tuple[int, int, int], across: int) -> Any:
    """A diamond ``across`` pixels wide with a thin edge, drawn four times larger and reduced so
    its slanted sides are smooth; transparent around it."""
    from PIL import Image, ImageDraw

    big = across * 4
    sprite = Image.new("RGBA", (big + 4, big + 4), (0, 0, 0, 0))
    centre, half = (big + 4) / 2, big / 2
    points = [(centre, centre - half), (centre + half, centre), (centre, centre + half)]
    points.append((centre - half, centre))
    ImageDraw.Draw(sprite).polygon(points, fill=(*colour, 255), outline=(*edge, 255), width=4)
    return sprite.resize(((big + 4) // 4, (big + 4) // 4), Image.Resampling.LANCZOS)


def _margins(spec: GanttSpec, labels: list[str], font: float) -> dict[str, float]:
    """Room around the plot, as fractions of the picture: the longest label on the left (an
    average character is about 0.55 of the font size wide; 0.62 leaves room for wide ones), the
    title above, the dates and the legend below."""
    width_pt = spec.width_cm / _CM_PER_INCH * 72
    height_pt = spec.height_cm / _CM_PER_INCH * 72
    longest = max((len(label) for label in labels), default=0)
    left = min(0.5, (longest * 0.62 * font + 14) / width_pt)
    top = 1 - ((font + 2.5) * 1.6 + 8) / height_pt if spec.title else 1 - 10 / height_pt
    bottom = (0.9 / spec.height_cm) + (font * 2.6 + 6) / height_pt
    return {"left": left, "right": 1 - 8 / width_pt, "top": top, "bottom": bottom}


__all__ = ["gantt_png"]
