"""The corporate report workbook: Register rows pointing at their sources, text kept as text,
opened by LibreOffice and passing the validator."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from consolidate_returns import (
    COL,
    GREEN_ROWS,
    make_returns,
    register_rows,
    template_return,
)
from judges import audit_errors_beyond_baseline, soffice_convert

from workbook_tools.core import layout
from workbook_tools.usecases.consolidate import consolidate
from workbook_tools.usecases.consolidate.result import RAG_WORDS


@pytest.fixture
def returns(tmp_path: Path) -> Path:
    """A folder with two template returns (Resources, Housing) and one legacy return."""
    return make_returns(tmp_path / "returns")


def test_register_rows_point_at_their_source_rows(returns: Path, tmp_path: Path) -> None:
    """Each Register row's Source file, sheet and row hold that action's text in the return."""
    report = tmp_path / "report.xlsx"
    consolidate([returns], report, jobs=2)
    rows = register_rows(report)
    assert len(rows) == 3 + 3 + 2
    books: dict[str, openpyxl.Workbook] = {}
    for row in rows:
        file = str(row["Source file"])
        book = books.setdefault(file, openpyxl.load_workbook(file, read_only=True))
        sheet = book[str(row["Source sheet"])]
        line = next(sheet.iter_rows(min_row=row["Source row"], max_row=row["Source row"]))
        assert row["Action"] in [cell.value for cell in line]
        assert row["Computed RAG"] in RAG_WORDS
        assert isinstance(row["Due date"], dt.datetime)  # a real date, not text

def test_user_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    """Text beginning with =, +, - or @ is written as text: the report has no formulas."""
    nasty = [
        ('=HYPERLINK("http://example.invalid","x")', "+44 1234", "-1 priority", "@SUM(A1)"),
    ]
    path = template_return(tmp_path / "nasty.xlsx", "Resources", GREEN_ROWS[:1])
    wb = openpyxl.load_workbook(path)
    ws = wb[layout.ACTIONS]
    for heading, text in zip(("Action", "Lead", "Priority", "Commentary"), nasty[0], strict=True):
        cell = ws.cell(2, COL[heading])
        cell.value = text
        cell.data_type = "s"
    wb.save(path)
    report = tmp_path / "report.xlsx"
    consolidate([path], report, jobs=0)
    with zipfile.ZipFile(report) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n)
                                  for n in sheets)  # fmt: skip
    row = register_rows(report)[0]
    assert (row["Action"], row["Lead"], row["Priority"], row["Commentary"]) == nasty[0]

@pytest.mark.slow
@pytest.mark.libreoffice
def test_report_opens_in_libreoffice_and_passes_the_validator(
    returns: Path, tmp_path: Path
) -> None:
    """The report converts to PDF in LibreOffice and openxml-audit finds nothing beyond an
    empty workbook's baseline."""
    (returns / "notes.xlsx").write_text("not a workbook")
    report = tmp_path / "report.xlsx"
    first = consolidate([returns], tmp_path / "first.xlsx", jobs=0)
    assert first.exit_code == 1
    consolidate([returns], report, previous=tmp_path / "first.xlsx", jobs=0)
    assert soffice_convert(report, "pdf", tmp_path / "pdf").stat().st_size > 0
    assert audit_errors_beyond_baseline(report) == set()
    with zipfile.ZipFile(report) as archive:
        assert any(n.startswith("xl/charts/chart") for n in archive.namelist())
        assert sum(n.startswith("xl/tables/table") for n in archive.namelist()) == 4
