"""``workbook-tools demo``: the main job on the bundled sample returns.

Copies the sample returns (six directorates' returns in the template layout, one of them with an
older, superseded version, two of them attached to saved emails) into ``DIR/returns/`` and
consolidates them into ``DIR/corporate-report.xlsx``, so the user can open both the returns and
the report, and run ``consolidate`` on the copies themselves.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .bundled import bundled_folder
from .consolidation import ConsolidationResult, consolidate
from .errors import UsageError
from .inputs import RETURN_SUFFIXES
from .mail import MAIL_SUFFIXES

REPORT_NAME = "corporate-report.xlsx"
RETURNS_FOLDER = "returns"
#: The sample returns: workbooks, and saved emails with a return attached.
DEMO_SUFFIXES = (*RETURN_SUFFIXES, *MAIL_SUFFIXES)


def sample_returns() -> Path:
    """The folder of bundled sample returns (in the package, or ``samples/returns`` in a clone)."""
    return bundled_folder("returns")


def run_demo(
    output_dir: str | os.PathLike[str], *, progress: bool = False, jobs: int | None = None
) -> ConsolidationResult:
    """Copy the sample returns into ``output_dir/returns`` and consolidate them into
    ``output_dir/corporate-report.xlsx``.

    The copies and the report from an earlier demo in that folder are replaced; any other file
    there is left alone and not consolidated.
    """
    folder = Path(output_dir)
    returns = folder / RETURNS_FOLDER
    try:
        returns.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(
            f"cannot make the folder for the demo ({exc.strerror}); choose another with -o",
            path=returns,
        ) from exc
    copies = []
    for sample in sorted(sample_returns().iterdir()):
        if sample.suffix.lower() not in DEMO_SUFFIXES:
            continue
        copy = returns / sample.name
        shutil.copy2(sample, copy)
        copies.append(copy)
    report = folder / REPORT_NAME
    if report.exists():
        report.unlink()
    return consolidate(copies, report, jobs=jobs, progress=progress)
