"""Printing the Summary sheets: every chart with a legend below it prints whole on one page.

The workbooks are printed to PDF by LibreOffice and read back with poppler's ``pdftotext``: a
chart cut by a page break leaves its title at the foot of one page and its legend at the top of
the next, so each chart's title must have the legend's line (Blue … Grey) below it on the same
page, both in sight on the page's picture.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from html import unescape
from pathlib import Path

import pytest
from judges import require, soffice_convert
from PIL import Image
from plans import make_plan

from workbook_tools.usecases.consolidate import consolidate
from workbook_tools.usecases.plan import refresh

LEGEND = ("Blue", "Green", "Amber", "Red", "Grey")
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<'
)

Line = tuple[float, list[str]]


def _pages(pdf: Path, folder: Path) -> list[list[Line]]:
    """Each page of ``pdf`` as its visible lines (top to bottom): the y of a line and its words.

    LibreOffice writes the part of a chart that a page break cuts off into the page too, clipped
    out of sight, so a word counts only where ``pdftoppm``'s picture of the page shows ink.
    """
    html = subprocess.run(
        [require("pdftotext"), "-bbox", str(pdf), "-"],
        capture_output=True, text=True, check=True, timeout=120,
    ).stdout  # fmt: skip
    subprocess.run(
        [require("pdftoppm"), "-r", "72", "-gray", "-png", str(pdf), str(folder / "page")],
        check=True, timeout=300,
    )  # fmt: skip
    pictures = sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
    pages = []
    for page, picture in zip(html.split("<page ")[1:], pictures, strict=True):
        with Image.open(picture) as image:
            ink = image.convert("L")
            words = sorted(
                (round(float(y0)), float(x0), unescape(word))
                for x0, y0, x1, y1, word in _WORD.findall(page)
                if ink.crop((float(x0), float(y0), float(x1), float(y1))).getextrema()[0] < 128
            )
        lines: list[Line] = []
        for y, _, word in words:
            if lines and abs(lines[-1][0] - y) <= 2:
                lines[-1][1].append(word)
            else:
                lines.append((y, [word]))
        pages.append(lines)
    return pages


def _chart_split(pages: list[list[Line]], title: str) -> list[str]:
    """For every page where the chart ``title`` is the last line of that text, whether the
    legend's line follows it on the page; the problems found, or a note when it never appears."""
    problems, found = [], 0
    for number, lines in enumerate(pages, 1):
        tops = [y for y, words in lines if " ".join(words) == title]
        if not tops:
            continue
        found += 1
        below = [words for y, words in lines if y > tops[-1]]
        if not any(set(LEGEND) <= set(words) for words in below):
            problems.append(f"page {number}: '{title}' has no legend below it on the same page")
    return problems if found else [f"'{title}' is on no page"]


def _returns(folder: Path, directorates: int) -> Path:
    """``directorates`` returns, each with three actions typed into the template."""
    folder.mkdir()
    for n in range(directorates):
        rows = [
            {"Ref": f"{n}.{k}", "Priority": f"Priority {k}", "Action": f"Action {k}",
             "Lead": "AB", "Deadline": deadline, "Status": "In progress"}
            for k, deadline in enumerate(("Mar 08", "Sep 08", "Ongoing"), 1)
        ]  # fmt: skip
        make_plan(
            folder / f"return-{n:02d}.xlsx", rows, directorate=f"Directorate number {n:02d}",
            as_of=dt.date(2008, 6, 30),
        )  # fmt: skip
    return folder


@pytest.mark.slow
@pytest.mark.libreoffice
@pytest.mark.parametrize("directorates", [1, 6, 14, 40])
def test_corporate_report_chart_prints_whole(tmp_path: Path, directorates: int) -> None:
    """The report's directorate chart is never cut by a page break, however many directorates."""
    report = tmp_path / "report.xlsx"
    consolidate([_returns(tmp_path / "returns", directorates)], report, jobs=1)
    pages = _pages(soffice_convert(report, "pdf", tmp_path), tmp_path)
    assert _chart_split(pages, "Actions by RAG and directorate") == []


@pytest.mark.slow
@pytest.mark.libreoffice
@pytest.mark.parametrize("priorities", [3, 12])
def test_refreshed_plan_priority_chart_prints_whole(tmp_path: Path, priorities: int) -> None:
    """A refreshed plan's RAG-by-priority chart is never cut by a page break."""
    rows = [
        {"Ref": f"{k}.1", "Priority": f"Priority number {k}", "Action": f"Action {k}",
         "Lead": "AB", "Deadline": "Sep 08", "Status": "In progress"}
        for k in range(1, priorities + 1)
    ]  # fmt: skip
    plan = make_plan(tmp_path / "plan.xlsx", rows, as_of=dt.date(2008, 6, 30))
    refresh(plan)
    pages = _pages(soffice_convert(plan, "pdf", tmp_path), tmp_path)
    assert _chart_split(pages, "RAG by priority") == []
