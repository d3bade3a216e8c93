"""``workbook-tools demo``: the main job on the bundled sample returns.

Consolidates ``samples/returns/`` (six directorates' returns in the template layout, one of them
with an older, superseded version) into ``DIR/corporate-report.xlsx``.
"""

from __future__ import annotations

import os
from pathlib import Path

from .consolidation import ConsolidationResult, consolidate
from .errors import UsageError

#: Where the bundled returns live: the repository's ``samples/returns`` folder.
SAMPLE_RETURNS = Path(__file__).resolve().parent.parent / "samples" / "returns"
REPORT_NAME = "corporate-report.xlsx"


def run_demo(
    output_dir: str | os.PathLike[str], *, progress: bool = False, jobs: int | None = None
) -> ConsolidationResult:
    """Consolidate the sample returns into ``output_dir/corporate-report.xlsx``.

    An existing report from an earlier demo in that folder is replaced.
    """
    if not SAMPLE_RETURNS.is_dir():
        raise UsageError(
            "the sample returns are not here; run the demo from a clone of the repository "
            "installed with 'python -m pip install -e .'"
        )
    folder = Path(output_dir)
    folder.mkdir(parents=True, exist_ok=True)
    report = folder / REPORT_NAME
    if report.exists():
        report.unlink()
    return consolidate([SAMPLE_RETURNS], report, jobs=jobs, progress=progress)
