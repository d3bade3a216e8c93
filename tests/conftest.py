"""Shared fixtures: the seeds and real-world folders beside the repository, and the workbook
the source adapters' tests read (with LibreOffice's copy of it)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from judges import require, soffice_convert
from source_books import build_plan

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture
def realworld_dir() -> Path:
    """The real workbooks saved by Excel, Google Sheets and LibreOffice (skips when absent)."""
    folder = SHARED / "realworld"
    if not folder.is_dir():
        pytest.skip("../shared/realworld is not beside the repository")
    return folder


@pytest.fixture
def plan_xlsx(tmp_path: Path) -> Path:
    """The source adapters' test workbook, written by openpyxl."""
    return build_plan(tmp_path / "plan.xlsx")


@pytest.fixture(scope="session")
def libreoffice_copy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The test workbook (without pattern fills or chart) and LibreOffice's .xlsx copy of it."""
    require("soffice")
    folder = tmp_path_factory.mktemp("lo")
    original = build_plan(folder / "plan.xlsx", patterns=False, chart=False)
    wb = openpyxl.load_workbook(original)
    calc = wb.create_sheet("Formulas")
    calc.append([3, 4, "=A1*B1", "=A1/0", '="Ref "&A1', "=A1>B1", "=DATE(2025,3,31)"])
    calc["G1"].number_format = "dd/mm/yyyy"
    wb.save(original)
    copy = soffice_convert(original, "xlsx", folder / "out")
    return original, copy
