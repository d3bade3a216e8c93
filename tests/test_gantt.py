"""The Gantt chart picture shows what the Summary promises: each bar from planned start to due
date in its RAG colour, in plan order, a diamond at the due date when no start is planned, the
as-of line, and a legend of the colours used."""

from __future__ import annotations

import datetime as dt
import io

from PIL import Image

from workbook_tools.core.palette import RAG_COLOURS
from workbook_tools.tool_sheets import GanttSpec
from workbook_tools.tool_sheets.content import GanttBar
from workbook_tools.writers.gantt import gantt_png

D = dt.date
AS_OF = D(2008, 6, 30)
PURPLE = (0x70, 0x30, 0xA0)


def colour(word: str) -> tuple[int, int, int]:
    """The RGB of a RAG word's fill."""
    value = int(RAG_COLOURS[word][0][-6:], 16)
    return (value >> 16, (value >> 8) & 0xFF, value & 0xFF)


def spec(bars: list[GanttBar], window: tuple[dt.date, dt.date]) -> GanttSpec:
    """A picture 24 cm wide, as the Summary sizes it."""
    return GanttSpec((1, 1), 24.0, 2.8 + 0.44 * len(bars), tuple(bars), AS_OF, "Actions", window)


def boxes(png: bytes, above: float = 0.85) -> dict[tuple[int, int, int], tuple[int, ...]]:
    """For each exact colour in the top part of the picture (the legend is below), the box
    ``(left, top, right, bottom)`` its pixels span."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    width, height = image.size
    found: dict[tuple[int, int, int], list[int]] = {}
    pixels = image.load()
    for y in range(int(height * above)):
        for x in range(width):
            rgb = pixels[x, y]
            box = found.setdefault(rgb, [x, y, x, y])
            box[0], box[1] = min(box[0], x), min(box[1], y)
            box[2], box[3] = max(box[2], x), max(box[3], y)
    return {rgb: tuple(box) for rgb, box in found.items()}


def test_bars_span_their_dates_in_plan_order_with_the_as_of_line_between() -> None:
    """A Red bar Jan-Mar, a Green bar Sep-Dec and an Amber due date with no start: the bars sit
    one under the other in plan order, left to right by date, as long as their spans (within a
    few pixels), the diamond is small and square, and the as-of line lies between the bars."""
    bars = [
        GanttBar("1.1 Early work", D(2008, 1, 1), D(2008, 3, 31), "Red"),
        GanttBar("1.2 Later work", D(2008, 9, 1), D(2008, 12, 31), "Green"),
        GanttBar("1.3 A due date", None, D(2008, 10, 31), "Amber"),
    ]
    png = gantt_png(spec(bars, (D(2008, 1, 1), D(2008, 12, 31))))
    found = boxes(png)
    red, green, amber = (found[colour(w)] for w in ("Red", "Green", "Amber"))
    line = found[PURPLE]
    assert red[3] < green[1] and green[3] < amber[1]  # one row each, in plan order
    assert red[2] < line[0] <= line[2] < green[0]  # as of 30 Jun: after Mar, before Sep
    red_days, green_days = (
        (D(2008, 3, 31) - D(2008, 1, 1)).days,
        (D(2008, 12, 31) - D(2008, 9, 1)).days,
    )
    per_day = (green[2] - green[0]) / green_days
    assert abs((red[2] - red[0]) - red_days * per_day) <= 4
    diamond = (amber[2] - amber[0], amber[3] - amber[1])
    assert abs(diamond[0] - diamond[1]) <= 2 and diamond[0] < 25
    assert green[0] < (amber[0] + amber[2]) / 2 < green[2]  # due 31 Oct, inside Sep-Dec


def test_picture_is_the_size_it_is_placed_at_and_the_same_every_time() -> None:
    """24 cm by 2.8 + 0.44 cm a bar at 150 dots an inch, and the same bytes for the same
    chart (a second refresh leaves the picture as it was)."""
    bars = [GanttBar(f"{i}. Action {i}", None, D(2008, 7, i), "Green") for i in range(1, 6)]
    chart = spec(bars, (D(2008, 4, 1), D(2009, 3, 31)))
    png = gantt_png(chart)
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG"
        assert image.size == (int(24 / 2.54 * 150), int(chart.height_cm / 2.54 * 150))
    assert gantt_png(chart) == png


def test_legend_shows_only_the_colours_used() -> None:
    """The legend below the plot shows the RAG colours on the chart and no others."""
    bars = [
        GanttBar("1 One", D(2008, 5, 1), D(2008, 8, 31), "Blue"),
        GanttBar("2 Two", D(2008, 6, 1), D(2008, 9, 30), "Amber"),
    ]
    png = gantt_png(spec(bars, (D(2008, 5, 1), D(2008, 9, 30))))
    image = Image.open(io.BytesIO(png)).convert("RGB")
    legend = image.crop((0, int(image.height * 0.85), image.width, image.height))
    present = {rgb for _count, rgb in legend.getcolors(1 << 20)}
    assert colour("Blue") in present and colour("Amber") in present
    assert colour("Red") not in present and colour("Green") not in present


def test_bars_beyond_the_window_are_cut_at_its_edge() -> None:
    """A bar due three years after the window's end stops at the right edge of the plot, not
    beyond the picture."""
    bars = [
        GanttBar("1 Near", D(2008, 5, 1), D(2008, 8, 31), "Green"),
        GanttBar("2 Far", D(2008, 6, 1), D(2012, 3, 31), "Red"),
    ]
    png = gantt_png(spec(bars, (D(2008, 5, 1), D(2009, 3, 31))))
    found = boxes(png)
    image_width = Image.open(io.BytesIO(png)).width
    red = found[colour("Red")]
    assert red[2] < image_width - 20


def _runs(columns: list[int], gap: int) -> int:
    """How many groups ``columns`` (sorted) fall into, a group ending at a gap wider than
    ``gap``."""
    return sum(1 for a, b in zip([-gap - 2, *columns], columns, strict=False) if b - a > gap + 1)


def test_axis_labels_stand_apart_however_narrow_the_picture() -> None:
    """Over two years on a wide and on a narrow picture, each month label under the axis stands
    apart from its neighbours (a clear gap between them): there are as many separate labels as
    ticks, and the narrow picture has fewer ticks, not squashed labels."""
    bars = [GanttBar("1.1 Work", D(2008, 3, 1), D(2010, 2, 28), "Green")]
    ticks = {}
    for width in (24.0, 10.0):
        chart = GanttSpec((1, 1), width, 4.0, tuple(bars), AS_OF, "Actions",
                          (D(2008, 3, 1), D(2010, 5, 31)))  # fmt: skip
        image = Image.open(io.BytesIO(gantt_png(chart))).convert("RGB")
        pixels = image.load()
        black = [sum(pixels[x, y] == (0, 0, 0) for x in range(image.width))
                 for y in range(image.height)]  # fmt: skip
        axis = black.index(max(black))  # the axis line: the longest black row
        marks = [x for x in range(image.width) if pixels[x, axis + 3] == (0, 0, 0)]
        inked = [x for x in range(image.width)
                 if any(sum(pixels[x, y]) < 200 for y in range(axis + 6, axis + 40))]  # fmt: skip
        ticks[width] = _runs(marks, 2)
        assert ticks[width] >= 2
        assert _runs(inked, 12) == ticks[width]
    assert ticks[10.0] < ticks[24.0]
