"""The corporate report's Summary sheet: facts, actions by RAG, RAG by directorate with a native
stacked bar chart, direction of travel, RAG by priority."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from ...core.layout import RAG_STYLES, WHOLE_ORGANISATION
from ...core.travel import EXPLAINED, share_on_track
from .cells import RAG_WORDS, Styles, new_sheet, put, row_height

if TYPE_CHECKING:
    from ...usecases.consolidate.result import ConsolidationResult

#: Printing: the printable height of a landscape A4 page in points, less room for the footer
#: (the sheet prints at full size: its columns fit the page's width), the default row height, and
#: the tallest chart, which still fits on one page.
PAGE_PT, ROW_PT, CHART_MAX_PX = 470.0, 15.0, 600


def write_summary(wb: Any, result: ConsolidationResult, st: Styles) -> None:
    ws = new_sheet(wb, "Summary", [("", 46), *(("", 10.5),) * 7], st)
    ws.hide_gridlines(2)
    ws.write_string(0, 0, "Corporate report", st.title)
    row = 1
    if result.organisation:
        ws.write_string(row, 0, result.organisation, st.section)
        row += 1
    used, errors = result.used, result.errors
    superseded = len(result.sources) - len(used) - len(errors)
    facts: list[tuple[str, object, Any]] = [
        ("As of", result.as_of, st.date),
        ("Generated", result.generated, st.stamp),
        ("Returns used", len(used), st.int),
        ("Superseded (older versions)", superseded, st.int),
        ("Could not be read (see Sources)", len(errors), st.error if errors else st.int),
    ]
    for label, value, fmt in facts:
        ws.write_string(row, 0, label, st.label)
        ws.merge_range(row, 1, row, 2, None, fmt)
        put(ws, row, 1, value, fmt)
        row += 1

    row += 1
    ws.write_string(row, 0, "Actions by RAG", st.section)
    row += 1
    for col, heading in enumerate(("RAG", "Actions", "% of all")):
        ws.write_string(row, col, heading, st.header)
    counts = result.counts
    total = sum(counts.values())
    for word, n in counts.items():
        row += 1
        ws.write_string(row, 0, word, st.rag[word])
        ws.write_number(row, 1, n, st.int)
        ws.write_number(row, 2, round(100 * n / total, 1) if total else 0, st.pct)
    row += 1
    ws.write_string(row, 0, "Total", st.total)
    ws.write_number(row, 1, total, st.total)

    row += 2
    if result.by_directorate:  # there is a chart
        _keep_chart_on_a_page(ws, row, len(result.by_directorate))
    ws.write_string(row, 0, "RAG by directorate", st.section)
    row += 1
    head = row
    ws.set_row(row, 28)
    for col, heading in enumerate(("Directorate", *RAG_WORDS, "Total", "On track (%)")):
        ws.write_string(row, col, heading, st.rag.get(heading, st.header))
    for name, line in result.by_directorate.items():
        row += 1
        _counts_row(ws, row, name, line, st, st.text)
    first, last = head + 1, row
    row += 1
    _counts_row(ws, row, WHOLE_ORGANISATION, counts, st, st.total)
    if last >= first:
        most = max(sum(line.values()) for line in result.by_directorate.values())
        row += 2 + _chart(wb, ws, head, first, last, row + 2, most)

    row += 2
    ws.write_string(row, 0, "Direction of travel", st.section)
    row += 1
    if result.previous is None:
        shown = "No previous report was given (--previous): every row is new."
        ws.write_string(row, 0, shown, st.note)
    else:
        shown = f"Against the previous report {os.path.basename(result.previous)}."
        ws.write_string(row, 0, shown, st.note)
    row += 1
    ws.set_row(row, 28)
    for col, heading in enumerate(("Directorate", "On track now (%)", "On track before (%)",
                                   "Direction")):  # fmt: skip
        ws.write_string(row, col, heading, st.header)
    for direction in result.directions:
        row += 1
        fmt = st.total if direction.group == WHOLE_ORGANISATION else st.text
        put(ws, row, 0, direction.group, fmt)
        put(ws, row, 1, direction.now, st.pct)
        put(ws, row, 2, direction.before, st.pct)
        put(ws, row, 3, direction.direction, fmt)
    row += 1
    ws.write_string(
        row, 0, EXPLAINED, st.note
    )

    row += 2
    ws.write_string(row, 0, "RAG by priority", st.section)
    row += 1
    for col, heading in enumerate(("Directorate / priority", *RAG_WORDS, "Total")):
        ws.write_string(row, col, heading, st.rag.get(heading, st.header))
    for source in used:
        row += 1
        ws.write_string(row, 0, source.directorate or "", st.label)
        groups: dict[str, dict[str, int]] = {}
        for action in source.rows:
            key = (action.priority or "").strip() or "(none)"
            groups.setdefault(key, dict.fromkeys(RAG_WORDS, 0))[action.rag] += 1
        for priority, line in groups.items():
            row += 1
            ws.set_row(row, row_height([priority], [42]))
            ws.write_string(row, 0, "    " + priority, st.wrap)
            for col, word in enumerate(RAG_WORDS, 1):
                ws.write_number(row, col, line[word], st.int)
            ws.write_number(row, 6, sum(line.values()), st.int)
    ws.print_area(0, 0, row, 7)


def _chart_height(directorates: int) -> int:
    """The chart's height in pixels: a bar's room per directorate, at most a page."""
    return min(max(240, 90 + directorates * 28), CHART_MAX_PX)


def _keep_chart_on_a_page(ws: Any, section: int, directorates: int) -> None:
    """A page break before the directorate table at row ``section`` when the table and its chart
    would not fit on the rest of the first page; before the chart when they fill a page of their
    own, so that the chart always prints whole."""
    used = section * ROW_PT + 6  # the title row is a little taller than the rest
    table = ROW_PT + 28 + (directorates + 1) * ROW_PT
    chart = ROW_PT + _chart_height(directorates) * 0.75
    if used + table + chart <= PAGE_PT:
        return
    if table + chart <= PAGE_PT:
        ws.set_h_pagebreaks([section])
    else:
        # the blank row above the chart starts the page: after the section title, the header,
        # a row per directorate and the whole organisation
        ws.set_h_pagebreaks([section + directorates + 3])


def _counts_row(ws: Any, row: int, name: str, counts: dict[str, int], st: Styles, fmt: Any) -> None:
    ws.write_string(row, 0, name, fmt)
    for col, word in enumerate(RAG_WORDS, 1):
        ws.write_number(row, col, counts[word], fmt)
    ws.write_number(row, 6, sum(counts.values()), fmt)
    share = share_on_track(counts)
    put(ws, row, 7, None if share is None else round(share, 1), st.pct)


def _chart(wb: Any, ws: Any, head: int, first: int, last: int, at: int, most: int) -> int:
    """A native stacked bar chart of the directorate × RAG table, one colour per RAG word;
    returns the number of rows it covers."""
    chart = wb.add_chart({"type": "bar", "subtype": "stacked"})
    for col, word in enumerate(RAG_WORDS, 1):
        chart.add_series(
            {"name": ["Summary", head, col], "categories": ["Summary", first, 0, last, 0],
             "values": ["Summary", first, col, last, col],
             "fill": {"color": "#" + RAG_STYLES[word][0]}, "border": {"color": "#FFFFFF"},
             "gap": 60}
        )  # fmt: skip
    chart.set_title({"name": "Actions by RAG and directorate", "name_font": {"size": 12}})
    # Directorates top to bottom as in the table, the value axis kept at the bottom.
    chart.set_y_axis({"reverse": True, "crossing": "max"})
    step = next(n for n in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 10**9) if n * 8 >= most)
    chart.set_x_axis(
        {"name": "Actions", "min": 0, "major_unit": step, "num_format": "0",
         "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}}
    )  # fmt: skip
    chart.set_legend({"position": "bottom"})
    height = _chart_height(last - first + 1)
    chart.set_size({"width": 760, "height": height})
    ws.insert_chart(at, 0, chart, {"object_position": 2})
    return -(-height // 20) + 1
