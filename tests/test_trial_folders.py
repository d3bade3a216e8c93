"""Consolidate on folders of returns as a corporate team receives them: older versions, copies,
files that are not returns and returns whose Settings were changed by the sender."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from consolidate_returns import GREEN_ROWS, RED_ROWS, D, template_return

from workbook_tools.usecases.consolidate import consolidate


def _summary_facts(report: Path) -> dict[str, object]:
    ws = openpyxl.load_workbook(report, read_only=True)["Summary"]
    return {row[0]: row[1] for row in ws.iter_rows(max_row=12, values_only=True) if row[0]}


def test_summary_counts_only_older_versions_as_superseded(tmp_path: Path) -> None:
    """Files that are not returns (a PDF, a copy, a zip) are not counted as superseded returns."""
    folder = tmp_path / "Q1 returns"
    folder.mkdir()
    template_return(folder / "Resources Q1.xlsx", "Resources", GREEN_ROWS)
    template_return(folder / "Resources Q4.xlsx", "Resources", RED_ROWS, as_of=D(2008, 3, 31))
    template_return(folder / "Housing Q1 FINAL.xlsx", "Housing", RED_ROWS)
    first = (folder / "Housing Q1 FINAL.xlsx").read_bytes()
    (folder / "Housing Q1 FINAL (2).xlsx").write_bytes(first)
    (folder / "cover note.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (folder / "returns.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    report = tmp_path / "report.xlsx"
    result = consolidate([folder], report, jobs=1, today=D(2008, 7, 15))
    assert [s.status for s in result.sources].count("superseded") == 1
    facts = _summary_facts(report)
    assert facts["Returns used"] == 2
    assert facts["Superseded (older versions)"] == 1
    assert facts["Could not be read (see Sources)"] == 0
    assert facts["Other files not used (see Sources)"] == 3
    assert isinstance(facts["As of"], dt.datetime)
