"""``workbook-tools demo``: the main job on the bundled sample returns.

Copies the sample returns (six directorates' returns in the template layout, one of them with an
older, superseded version, two of them attached to saved emails) into ``DIR/returns/`` and
consolidates them into ``DIR/corporate-report.xlsx``, so the user can open both the returns and
the report, and run ``consolidate`` on the copies themselves.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..bundled import bundled_folder
from ..safety.output import copy_file, output_folder
from .consolidate import ConsolidationResult, consolidate
from .consolidate.inputs import RETURN_SUFFIXES
from .consolidate.mail.message import MAIL_SUFFIXES

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
    there is left alone and not consolidated (a file of the report's name that is not a corporate
    report stops the demo, as it stops consolidate).
    """
    folder = Path(output_dir)
    returns = folder / RETURNS_FOLDER
    output_folder(returns, make=True)
    copies = []
    for sample in sorted(sample_returns().iterdir()):
        if sample.suffix.lower() not in DEMO_SUFFIXES:
            continue
        copy = copy_file(sample, returns / sample.name)
        stat = sample.stat()  # the samples' dates, as the officers' files had them
        os.utime(copy, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        copies.append(copy)
    return consolidate(copies, folder / REPORT_NAME, jobs=jobs, progress=progress)
