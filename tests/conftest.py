"""Shared fixtures: the seeds and real-world folders beside the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture
def realworld_dir() -> Path:
    """The real workbooks saved by Excel, Google Sheets and LibreOffice (skips when absent)."""
    folder = SHARED / "realworld"
    if not folder.is_dir():
        pytest.skip("../shared/realworld is not beside the repository")
    return folder
