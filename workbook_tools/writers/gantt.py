"""The Gantt chart picture: each action from planned start to due date, coloured by RAG.

Drawn with matplotlib's Agg backend (no display needed), imported only when a chart is drawn.
Both the file writer and the live writer place the same picture. Sized by
:func:`workbook_tools.tool_sheets.gantt_size`, so it stays readable for up to about thirty
actions a page; longer plans get one picture per page on a shared date axis.
"""

from __future__ import annotations

import datetime as dt
import io

from workbook_tools.tool_sheets import RAG_COLOURS, GanttSpec

_CM_PER_INCH = 2.54


def gantt_png(spec: GanttSpec, *, dpi: int = 150) -> bytes:
    """A PNG of the Gantt chart: one row per bar (first at the top) from planned start to due,
    coloured by RAG with the RAG word after it, and a dashed line at the as-of date.

    A bar with no planned start shows as a diamond at its due date; a bar reaching beyond the
    chart's window is cut at the edge, with an arrow.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    bars, as_of = spec.bars, spec.as_of
    lo, hi = spec.window
    span = max((hi - lo).days, 30)
    pad = dt.timedelta(days=max(span // 50, 3))
    font = 8.5 if len(bars) <= 20 else 7.5
    size = (spec.width_cm / _CM_PER_INCH, spec.height_cm / _CM_PER_INCH)
    fig, ax = plt.subplots(figsize=size, dpi=dpi)
    try:
        for y, bar in enumerate(bars):
            colour = "#" + RAG_COLOURS[bar.rag][0]
            due = min(max(bar.due, lo), hi)
            if bar.start is not None:
                start = min(max(bar.start, lo), hi)
                days = max((due - start).days, 2)
                ax.barh(
                    y,
                    days,
                    left=mdates.date2num(start),
                    height=0.6,
                    color=colour,
                    edgecolor="#404040",
                    linewidth=0.4,
                )
            else:
                ax.plot(
                    mdates.date2num(due),
                    y,
                    marker="D",
                    markersize=5.5,
                    color=colour,
                    markeredgecolor="#404040",
                    markeredgewidth=0.5,
                )
            word = bar.rag
            if bar.due < lo:
                word = f"◄ {bar.rag} (due {bar.due:%b %y})"
            elif bar.due > hi:
                word = f"{bar.rag} (due {bar.due:%b %y}) ►"
            ax.text(
                mdates.date2num(due + pad / 2),
                y,
                word,
                va="center",
                ha="left",
                fontsize=font - 1,
                color="#262626",
            )
        ax.axvline(mdates.date2num(as_of), color="#7030A0", linestyle="--", linewidth=1.3)
        ax.text(
            mdates.date2num(as_of),
            -0.75,
            f" as of {as_of.day} {as_of:%b %Y}",
            color="#7030A0",
            fontsize=font,
            va="bottom",
            ha="left",
        )
        ax.set_yticks(range(len(bars)))
        ax.set_yticklabels([b.label for b in bars], fontsize=font)
        ax.set_ylim(len(bars) - 0.4, -1.1)
        ax.set_xlim(mdates.date2num(lo - pad), mdates.date2num(hi + pad * 6))
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=4, maxticks=14))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %y"))
        ax.tick_params(axis="x", labelsize=font)
        ax.grid(axis="x", color="#D9D9D9", linewidth=0.6)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        if spec.title:
            ax.set_title(spec.title, fontsize=font + 2.5, loc="left", fontweight="bold")
        present = [w for w in RAG_COLOURS if any(b.rag == w for b in bars)]
        handles: list = [
            Patch(facecolor="#" + RAG_COLOURS[w][0], edgecolor="#404040", label=w) for w in present
        ]
        if any(b.start is None for b in bars):
            handles.append(
                Line2D(
                    [],
                    [],
                    marker="D",
                    linestyle="",
                    color="#808080",
                    label="due date (no planned start)",
                )
            )
        fig.legend(
            handles=handles, loc="lower center", ncol=len(handles), fontsize=font, frameon=False
        )
        fig.tight_layout(rect=(0, 0.9 / spec.height_cm, 1, 1))
        out = io.BytesIO()
        fig.savefig(out, format="png", dpi=dpi, metadata={"Software": None})
    finally:
        plt.close(fig)
    return out.getvalue()


__all__ = ["gantt_png"]
