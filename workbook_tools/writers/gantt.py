"""The Gantt chart picture: each action from planned start to due date, coloured by RAG.

Drawn with matplotlib's Agg backend (no display needed), imported only when a chart is drawn.
Both the file writer and the live writer place the same picture. Sized by
:func:`workbook_tools.tool_sheets.gantt_size`, so it stays readable for up to about thirty
actions a page; longer plans get one picture per page on a shared date axis.
"""

from __future__ import annotations

import datetime as dt
import io

from workbook_tools.core.dates import format_date, format_month_short
from workbook_tools.core.palette import (
    AS_OF_MARK,
    CHART_TEXT,
    DARK_GREY,
    GRIDLINE,
    RAG_COLOURS,
    TAB_GREY,
    css,
)
from workbook_tools.tool_sheets import GanttSpec

_CM_PER_INCH = 2.54


def gantt_png(spec: GanttSpec, *, dpi: int = 150) -> bytes:
    """A PNG of the Gantt chart: one row per bar (first at the top) from planned start to due,
    coloured by RAG with the RAG word after it, and a dashed line at the as-of date.

    A bar with no planned start shows as a diamond at its due date; a bar reaching beyond the
    chart's window is cut at the edge, with an arrow.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    font = 8.5 if len(spec.bars) <= 20 else 7.5
    size = (spec.width_cm / _CM_PER_INCH, spec.height_cm / _CM_PER_INCH)
    fig, ax = plt.subplots(figsize=size, dpi=dpi)
    try:
        _draw_bars(ax, spec, font)
        _draw_axes(ax, spec, font)
        _draw_legend(fig, spec, font)
        fig.subplots_adjust(**_margins(spec, [b.label for b in spec.bars], font))
        out = io.BytesIO()
        fig.savefig(
            out,
            format="png",
            dpi=dpi,
            metadata={"Software": None},
            pil_kwargs={"compress_level": 1},  # a larger file, written several times faster
        )
    finally:
        plt.close(fig)
    return out.getvalue()


def _pad(spec: GanttSpec) -> dt.timedelta:
    lo, hi = spec.window
    return dt.timedelta(days=max(max((hi - lo).days, 30) // 50, 3))


def _draw_bars(ax: object, spec: GanttSpec, font: float) -> None:
    """The bars (one call for all), the diamonds (one call), the RAG words and the labels."""
    import matplotlib.dates as mdates

    bars, (lo, hi), pad = spec.bars, spec.window, _pad(spec)
    spans = [(y, bar) for y, bar in enumerate(bars) if bar.start is not None]
    if spans:
        starts = [min(max(bar.start, lo), hi) for _, bar in spans]  # type: ignore[type-var]
        ends = [min(max(bar.due, lo), hi) for _, bar in spans]
        ax.barh(  # type: ignore[attr-defined]
            [y for y, _ in spans],
            [max((end - start).days, 2) for start, end in zip(starts, ends, strict=True)],
            left=[mdates.date2num(start) for start in starts],
            height=0.6,
            color=[css(RAG_COLOURS[bar.rag][0]) for _, bar in spans],
            edgecolor=css(DARK_GREY),
            linewidth=0.4,
        )
    points = [(y, bar) for y, bar in enumerate(bars) if bar.start is None]
    if points:
        ax.scatter(  # type: ignore[attr-defined]
            [mdates.date2num(min(max(bar.due, lo), hi)) for _, bar in points],
            [y for y, _ in points],
            marker="D",
            s=5.5**2,
            c=[css(RAG_COLOURS[bar.rag][0]) for _, bar in points],
            edgecolors=css(DARK_GREY),
            linewidths=0.5,
            zorder=3,
        )
    labels = ax.get_yaxis_transform()  # type: ignore[attr-defined]
    for y, bar in enumerate(bars):
        word = bar.rag
        if bar.due < lo:
            word = f"◄ {bar.rag} (due {format_month_short(bar.due)})"
        elif bar.due > hi:
            word = f"{bar.rag} (due {format_month_short(bar.due)}) ►"
        due = min(max(bar.due, lo), hi)
        ax.text(
            mdates.date2num(due + pad / 2),
            y,
            word,
            va="center",
            ha="left",  # type: ignore[attr-defined]
            fontsize=font - 1,
            color=css(CHART_TEXT),
        )
        # the label beside the axis, as a tick label would be (without a tick's cost)
        ax.text(-0.01, y, bar.label, transform=labels, ha="right", va="center", fontsize=font)  # type: ignore[attr-defined]


def _draw_axes(ax: object, spec: GanttSpec, font: float) -> None:
    """The as-of line, the date axis and grid, the title."""
    import matplotlib.dates as mdates
    from matplotlib.ticker import FuncFormatter

    (lo, hi), pad, as_of = spec.window, _pad(spec), spec.as_of
    ax.axvline(mdates.date2num(as_of), color=css(AS_OF_MARK), linestyle="--", linewidth=1.3)  # type: ignore[attr-defined]
    ax.text(
        mdates.date2num(as_of),
        -0.75,
        f" as of {format_date(as_of)}",
        color=css(AS_OF_MARK),
        fontsize=font,
        va="bottom",
        ha="left",
    )
    ax.set_yticks([])  # type: ignore[attr-defined]
    ax.set_ylim(len(spec.bars) - 0.4, -1.1)  # type: ignore[attr-defined]
    ax.set_xlim(mdates.date2num(lo - pad), mdates.date2num(hi + pad * 6))  # type: ignore[attr-defined]
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=4, maxticks=14))  # type: ignore[attr-defined]
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: format_month_short(mdates.num2date(x))))  # type: ignore[attr-defined]
    ax.tick_params(axis="x", labelsize=font)  # type: ignore[attr-defined]
    ax.grid(axis="x", color=css(GRIDLINE), linewidth=0.6)  # type: ignore[attr-defined]
    ax.set_axisbelow(True)  # type: ignore[attr-defined]
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)  # type: ignore[attr-defined]
    if spec.title:
        ax.set_title(spec.title, fontsize=font + 2.5, loc="left", fontweight="bold")  # type: ignore[attr-defined]


def _draw_legend(fig: object, spec: GanttSpec, font: float) -> None:
    """The RAG colours present (and the diamond, when a bar has no planned start), below."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    present = [w for w in RAG_COLOURS if any(b.rag == w for b in spec.bars)]
    handles: list = [
        Patch(facecolor=css(RAG_COLOURS[w][0]), edgecolor=css(DARK_GREY), label=w) for w in present
    ]
    if any(b.start is None for b in spec.bars):
        handles.append(
            Line2D(
                [],
                [],
                marker="D",
                linestyle="",
                color=css(TAB_GREY),
                label="due date (no planned start)",
            )
        )
    fig.legend(
        handles=handles,
        loc="lower center",
        ncol=len(handles),
        fontsize=font,  # type: ignore[attr-defined]
        frameon=False,
    )


def _margins(spec: GanttSpec, labels: list[str], font: float) -> dict[str, float]:
    """Room around the plot, as fractions of the picture: the longest label on the left (an
    average character is about 0.55 of the font size wide; 0.62 leaves room for wide ones), the
    title above, the dates and the legend below. Worked out rather than measured by drawing
    the figure twice, which would double the time it takes."""
    width_pt = spec.width_cm / _CM_PER_INCH * 72
    height_pt = spec.height_cm / _CM_PER_INCH * 72
    longest = max((len(label) for label in labels), default=0)
    left = min(0.5, (longest * 0.62 * font + 14) / width_pt)
    top = 1 - ((font + 2.5) * 1.6 + 8) / height_pt if spec.title else 1 - 10 / height_pt
    bottom = (0.9 / spec.height_cm) + (font * 2.6 + 6) / height_pt
    return {"left": left, "right": 1 - 8 / width_pt, "top": top, "bottom": bottom}


__all__ = ["gantt_png"]
