"""Consolidate: many directorates' returns, as workbooks and saved emails, → one corporate report.

``from workbook_tools.usecases.consolidate import consolidate`` is the entry point
(:func:`.run.consolidate`). The modules, in the order a run uses them:

* :mod:`.run`: the run from start to end: the output checked, the inputs found, the returns
  read in workers, the latest of each directorate kept, the direction of travel, the report
  written.
* :mod:`.inputs`: the command's files and folders → the list of candidate returns, with every
  input that is not used and why.
* :mod:`.mail`: saved emails (``.eml``, ``.msg``, ``.mbox``) → the workbooks attached to them.
* :mod:`.workers`: worker processes, each file under a memory and a time limit.
* :mod:`.jobs`: what a worker does with one return: a quick look, or the full read.
* :mod:`.versions`: which version of each directorate's return counts.

What the run produces is plain data in :mod:`workbook_tools.core.consolidation` (sources,
register rows, directions, the result), below the report writer that shows it.

The names below are imported on first use, so that a worker process, which imports only
:mod:`.jobs` or :mod:`.mail.unpack`, does not also load the report writer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ...core.consolidation import ConsolidationResult
    from .run import consolidate, find_returns

__all__ = ["ConsolidationResult", "consolidate", "find_returns"]


def __getattr__(name: str) -> Any:
    if name in ("consolidate", "find_returns"):
        from . import run

        return getattr(run, name)
    if name == "ConsolidationResult":
        from ...core.consolidation import ConsolidationResult

        return ConsolidationResult
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
