"""The previous corporate report, read for the direction of travel: RAG counts per directorate
from its ``Register`` sheet (the ``Computed RAG`` column counted per ``Directorate``)."""

from __future__ import annotations

import os

from ...errors import UsageError
from ..plan import load
from .result import RAG_WORDS


def read_previous(path: str | os.PathLike[str]) -> dict[str, dict[str, int]]:
    """RAG counts per directorate in a previous corporate report, from its Register sheet.

    The Register's header row (within its first 10 rows) must hold ``Directorate`` and
    ``Computed RAG``; each data row adds one to its directorate's count of that RAG word (other
    values are ignored). Raises :class:`UsageError` when the file is not a corporate report.
    """
    book = load(path, fast=True)
    grid = book.sheet("Register")
    header = None
    if grid is not None:
        for r, line in enumerate(grid.rows[:10]):
            cells = [str(v).strip().casefold() if v is not None else "" for v in line]
            if "directorate" in cells and "computed rag" in cells:
                header = (r, cells.index("directorate"), cells.index("computed rag"))
                break
    if grid is None or header is None:
        raise UsageError(
            "is not a corporate report made by consolidate (no Register sheet with Directorate "
            "and Computed RAG columns); give last period's report with --previous",
            path=path,
        )
    top, d_col, r_col = header
    words = {word.casefold(): word for word in RAG_WORDS}
    counts: dict[str, dict[str, int]] = {}
    for line in grid.rows[top + 1 :]:
        name = line[d_col] if d_col < len(line) else None
        rag = line[r_col] if r_col < len(line) else None
        word = words.get(str(rag).strip().casefold()) if rag is not None else None
        if name is None or word is None or not str(name).strip():
            continue
        counts.setdefault(str(name).strip(), dict.fromkeys(RAG_WORDS, 0))[word] += 1
    return counts
