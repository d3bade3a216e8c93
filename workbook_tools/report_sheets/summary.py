"""The corporate report's Summary sheet as plain data: facts, actions by RAG, RAG by directorate
with a native stacked bar chart, direction of travel, RAG by priority.

It prints landscape on A4, one page wide; a page break keeps the directorate table and its chart
on one page, and the chart is never taller than a page.
"""

from __future__ import annotations

import os
from collections import Counter
from typing import TYPE_CHECKING

from ..core.consolidation import SUPERSEDED, UNUSED
from ..core.layout import WHOLE_ORGANISATION
from ..core.palette import RAG_COLOURS
from ..core.travel import EXPLAINED, share_on_track
from ..core.vocabulary import RAG_WORDS
from ..tool_sheets.content import (
    DATE,
    ERROR,
    INT,
    LABEL,
    NOTE,
    NUMBER,
    PAGE_PT,
    RAG_CELL,
    SECTION,
    STAMP,
    TITLE,
    WRAP,
    ChartSpec,
    Series,
    SheetContent,
)

if TYPE_CHECKING:
    from ..core.consolidation import ConsolidationResult

SUMMARY = "Summary"
#: The Summary's columns: names, then counts.
WIDTHS = {1: 46.0, **{col: 10.5 for col in range(2, 9)}}
#: The tallest chart (pixels at 96 dpi: it still fits on a page), and a default row's pixels.
CHART_MAX_PX, ROW_PX = 600, 20
_CHART_WIDTH_PX = 760
_CM_PER_PX = 2.54 / 96


def summary_sheet(result: ConsolidationResult) -> SheetContent:
    """The Summary of the corporate report for ``result``."""
    sheet = SheetContent(SUMMARY)
    sheet.widths = dict(WIDTHS)
    sheet.put(1, 1, "Corporate report", TITLE)
    row = 2
    if result.organisation:
        sheet.put(row, 1, result.organisation, SECTION)
        row += 1
    row = _facts(sheet, row, result) + 1
    row = _by_rag(sheet, row, result.counts) + 1
    row = _by_directorate(sheet, row, result) + 1
    row = _travel(sheet, row, result) + 1
    _by_priority(sheet, row, result)
    sheet.fit_heights()
    return sheet


def _facts(sheet: SheetContent, row: int, result: ConsolidationResult) -> int:
    used, errors = result.used, result.errors
    statuses = [source.status for source in result.sources]
    facts = [
        ("As of", result.as_of, DATE),
        ("Generated", result.generated, STAMP),
        ("Returns used", len(used), INT),
        ("Superseded (older versions)", statuses.count(SUPERSEDED), INT),
        ("Could not be read (see Sources)", len(errors), ERROR if errors else INT),
        ("Other files not used (see Sources)", statuses.count(UNUSED), INT),
    ]
    for label, value, style in facts:
        sheet.put(row, 1, label, LABEL)
        sheet.put(row, 2, value, style, align="left")
        sheet.merges.append((row, 2, row, 3))
        row += 1
    return row


def _by_rag(sheet: SheetContent, row: int, counts: dict[str, int]) -> int:
    sheet.put(row, 1, "Actions by RAG", SECTION)
    sheet.heading_row(row + 1, 1, ("RAG", "Actions", "% of all"))
    total = sum(counts.values())
    row += 2
    first = row
    for word, n in counts.items():
        sheet.put(row, 1, word, RAG_CELL, rag=word)
        sheet.put(row, 2, n, INT)
        sheet.put(row, 3, round(100 * n / total, 1) if total else 0, NUMBER)
        row += 1
    sheet.put(row, 1, "Total", LABEL)
    sheet.put(row, 2, total, INT)
    sheet.boxes.append((first - 1, 1, row, 3))
    return row + 1


def _by_directorate(sheet: SheetContent, row: int, result: ConsolidationResult) -> int:
    """The directorate × RAG table, the whole organisation's line and the chart below them."""
    by_directorate = result.by_directorate
    if by_directorate:
        _keep_chart_on_a_page(sheet, row, len(by_directorate))
    sheet.put(row, 1, "RAG by directorate", SECTION)
    head = row + 1
    sheet.heading_row(head, 1, ("Directorate", *RAG_WORDS, "Total", "On track (%)"))
    row = head + 1
    for name, counts in by_directorate.items():
        _counts_row(sheet, row, name, counts, WRAP)
        row += 1
    _counts_row(sheet, row, WHOLE_ORGANISATION, result.counts, LABEL)
    sheet.boxes.append((head, 1, row, 8))
    if not by_directorate:
        return row + 1
    height = chart_height(len(by_directorate))
    sheet.charts.append(
        ChartSpec(
            "stacked-bar",
            "Actions by RAG and directorate",
            anchor=(row + 2, 1),
            width_cm=_CHART_WIDTH_PX * _CM_PER_PX,
            height_cm=height * _CM_PER_PX,
            categories=(1, head + 1, row - 1),
            series=tuple(
                Series((head, col), (col, head + 1, row - 1), RAG_COLOURS[word][0])
                for col, word in enumerate(RAG_WORDS, 2)
            ),
        )
    )
    covered = -(-height // ROW_PX) + 1
    return row + 2 + covered + 1


def _counts_row(
    sheet: SheetContent, row: int, name: str, counts: dict[str, int], style: str
) -> None:
    sheet.put(row, 1, name, style)
    for col, word in enumerate(RAG_WORDS, 2):
        sheet.put(row, col, counts.get(word, 0), INT)
    sheet.put(row, 7, sum(counts.values()), INT)
    share = share_on_track(counts)
    sheet.put(row, 8, None if share is None else round(share, 1), NUMBER)


def chart_height(directorates: int) -> int:
    """The directorate chart's height in pixels: a bar's room per directorate, at most a page."""
    return min(max(240, 90 + directorates * 28), CHART_MAX_PX)


def _keep_chart_on_a_page(sheet: SheetContent, section: int, directorates: int) -> None:
    """A page break before the directorate table at row ``section`` when the table and its chart
    would not fit on the rest of the first page; before the chart when they fill a page of their
    own, so that the chart always prints whole."""
    used = sheet.height_of(1, section - 1)
    table = 15.0 + 30.0 + (directorates + 1) * 15.0
    chart = 15.0 + chart_height(directorates) * 0.75
    if used + table + chart <= PAGE_PT:
        return
    if table + chart <= PAGE_PT:
        sheet.breaks.append(section)
    else:
        # the blank row above the chart starts the page: after the section title, the header,
        # a row per directorate and the whole organisation
        sheet.breaks.append(section + directorates + 3)


def _travel(sheet: SheetContent, row: int, result: ConsolidationResult) -> int:
    sheet.put(row, 1, "Direction of travel", SECTION)
    if result.previous is None:
        shown = "No previous report was given (--previous): every row is new."
    else:
        shown = f"Against the previous report {os.path.basename(result.previous)}."
    sheet.put(row + 1, 1, shown, NOTE)
    head = row + 2
    sheet.heading_row(
        head, 1, ("Directorate", "On track now (%)", "On track before (%)", "Direction")
    )
    row = head + 1
    for direction in result.directions:
        whole = direction.group == WHOLE_ORGANISATION
        sheet.put(row, 1, direction.group, LABEL if whole else WRAP)
        sheet.put(row, 2, direction.now, NUMBER)
        sheet.put(row, 3, direction.before, NUMBER)
        sheet.put(row, 4, direction.direction, LABEL if whole else WRAP)
        row += 1
    sheet.boxes.append((head, 1, row - 1, 4))
    sheet.put(row, 1, EXPLAINED, NOTE)
    return row + 1


def _by_priority(sheet: SheetContent, row: int, result: ConsolidationResult) -> int:
    sheet.put(row, 1, "RAG by priority", SECTION)
    head = row + 1
    sheet.heading_row(head, 1, ("Directorate / priority", *RAG_WORDS, "Total"))
    row = head + 1
    for source in result.used:
        sheet.put(row, 1, source.directorate or "", LABEL)
        row += 1
        groups: dict[str, dict[str, int]] = {}
        # counted by (priority, RAG) first: tens of thousands of rows, a few dozen pairs
        pairs = Counter((row.priority, row.rag) for row in source.rows)
        for (priority, rag), n in pairs.items():  # in the order each priority first appears
            key = (priority or "").strip() or "(none)"
            groups.setdefault(key, dict.fromkeys(RAG_WORDS, 0))[rag] += n
        for priority, counts in groups.items():
            sheet.put(row, 1, "    " + priority, WRAP)
            for col, word in enumerate(RAG_WORDS, 2):
                sheet.put(row, col, counts[word], INT)
            sheet.put(row, 7, sum(counts.values()), INT)
            row += 1
    sheet.boxes.append((head, 1, row - 1, 7))
    return row


__all__ = ["SUMMARY", "WIDTHS", "chart_height", "summary_sheet"]
