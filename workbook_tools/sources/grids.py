"""How a reader's rows become a :class:`~workbook_tools.core.model.Grid`, the same for every reader.

* **Caps**: every reader stops after :data:`MAX_ROWS` rows holding values and ignores columns
  beyond :data:`MAX_COLS`, and says so with a :class:`SheetTruncatedWarning` when anything but
  empty styled cells was left out. The real input limits are checked before the readers run
  (``safety``); the caps only keep a very large sheet from exhausting memory.
* **Sparse sheets**: a stray value at F1048567 under a 26-row plan is read where it is, and the
  empty rows between cost one shared empty tuple each (:data:`EMPTY_ROW`, :func:`pad_rows`).
* **Merged ranges** keep their value in their top-left cell only; every cell of the range is
  filled exactly when the top-left cell is (:func:`apply_merges`).
* **Trimmed**: no trailing empty cells in a row, no trailing empty rows (:func:`trim_rows`).
* **Percent and bold cells** are cells holding a value (:func:`holding_values`).
"""

from __future__ import annotations

import os
import warnings
from typing import cast

#: Rows holding values read per sheet at most; rows below are ignored (with a warning).
MAX_ROWS = 100_000
#: Columns read per sheet at most; cells to the right are ignored (with a warning).
MAX_COLS = 1_000
#: The last row of a sheet (Excel's limit).
LAST_ROW = 1_048_576
#: What an empty row of a sparse sheet is in a grid (shared, never written to): gaps of more
#: than :data:`_LONG_GAP` rows are filled with it, shorter ones with empty lists.
EMPTY_ROW: tuple[()] = ()
_LONG_GAP = 10_000
#: A filled merged range larger than this is only marked alongside the sheet's data.
_MAX_MERGE_CELLS = 10_000

Rows = list[list[object]]
Cells = set[tuple[int, int]]


class SheetTruncatedWarning(UserWarning):
    """A sheet was larger than :data:`MAX_ROWS` × :data:`MAX_COLS`; only part of it was read."""


def warn_truncated(path: str, sheets: list[str], *, stacklevel: int = 3) -> None:
    """Warn once for each sheet of ``path`` that was larger than the caps."""
    for sheet in sheets:
        warnings.warn(
            f"{os.path.basename(path)}, sheet {sheet}: only the first {MAX_ROWS:,} rows and "
            f"{MAX_COLS:,} columns were read; split the sheet or delete unused rows and columns",
            SheetTruncatedWarning,
            stacklevel=stacklevel,
        )


def place_row(rows: Rows, r: int, values: list[object]) -> None:
    """Put a row's values at 0-based row ``r`` (rows normally arrive in order, each once);
    rows skipped over are :data:`EMPTY_ROW`."""
    if r >= len(rows):
        if not values:
            return
        pad_rows(rows, r)
        rows.append(values)
        return
    existing = rows[r]
    if not isinstance(existing, list):
        existing = rows[r] = list(existing)
    for c, value in enumerate(values):
        if value is not None:
            if c >= len(existing):
                existing.extend([None] * (c + 1 - len(existing)))
            existing[c] = value


def pad_rows(rows: Rows, r: int) -> None:
    """Fill ``rows`` with empty rows up to 0-based row ``r`` (a long gap with :data:`EMPTY_ROW`,
    so a stray far cell costs a pointer per empty row, not a list)."""
    gap = r - len(rows)
    if gap > _LONG_GAP:
        # The shared empty tuple stands for an empty row: nothing writes to a row it has not
        # first made a list (place_row, apply_merges only touch cells within a row's length).
        rows.extend([cast("list[object]", EMPTY_ROW)] * gap)
    elif gap > 0:
        rows.extend([] for _ in range(gap))


def apply_merges(
    rows: Rows, fills: Cells | None, percent: Cells | None, merged: list[tuple[int, int, int, int]]
) -> None:
    """Keep each merged range's value in its top-left cell only; every cell of the range is
    filled exactly when the top-left cell is (Excel shows the range with the top-left's style),
    and only the top-left cell can be a percent cell.

    A range of more than :data:`_MAX_MERGE_CELLS` cells (merged down a whole column, say) is
    only spread over the rows and columns that hold values or fills, so it does not become a
    million marks.
    """
    if not merged:
        return
    last_row = len(rows) - 1
    last_col = max((len(row) for row in rows), default=0) - 1
    if fills:
        last_row = max(last_row, max(r for r, _ in fills))
        last_col = max(last_col, max(c for _, c in fills))
    for r1, c1, r2, c2 in merged:
        r2, c2 = min(r2, LAST_ROW - 1), min(c2, MAX_COLS - 1)
        if (r2 - r1 + 1) * (c2 - c1 + 1) > _MAX_MERGE_CELLS:
            r2, c2 = min(r2, last_row), min(c2, last_col)
        if r1 > r2 or c1 > c2:
            continue
        for r in range(r1, min(r2 + 1, len(rows))):
            row = rows[r]
            for c in range(c1, min(c2 + 1, len(row))):
                if (r, c) != (r1, c1):
                    row[c] = None
        if fills is not None and percent is not None:
            _spread_fill(fills, percent, (r1, c1, r2, c2))


def _spread_fill(fills: Cells, percent: Cells, merge: tuple[int, int, int, int]) -> None:
    r1, c1, r2, c2 = merge
    filled = (r1, c1) in fills
    for r in range(r1, r2 + 1):
        for c in range(c1, c2 + 1):
            if (r, c) == (r1, c1):
                continue
            percent.discard((r, c))
            if filled:
                fills.add((r, c))
            else:
                fills.discard((r, c))


def trim_rows(rows: Rows) -> Rows:
    """Drop trailing empty cells from each row and trailing empty rows."""
    for row in rows:
        while row and row[-1] is None:
            row.pop()
    while rows and not rows[-1]:
        rows.pop()
    return rows


def holding_values(rows: Rows, cells: Cells) -> frozenset[tuple[int, int]]:
    """The cells of ``cells`` that hold a value in ``rows``."""
    return frozenset(
        (r, c) for r, c in cells if r < len(rows) and c < len(rows[r]) and rows[r][c] is not None
    )


__all__ = [
    "EMPTY_ROW",
    "LAST_ROW",
    "MAX_COLS",
    "MAX_ROWS",
    "SheetTruncatedWarning",
    "apply_merges",
    "holding_values",
    "pad_rows",
    "place_row",
    "trim_rows",
    "warn_truncated",
]
