"""Cell references and the workbook-level defined names every reader resolves.

A defined name that points at one cell on one sheet (``AsOfDate`` → ``Settings!$B$6``) is a
setting: every reader gives it as that cell's value (``None`` if empty). Names pointing at
ranges, formulas, constants, other workbooks or missing sheets, a sheet's own names and Excel's
own (``_xlnm.Print_Area``…) are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..core.model import Grid


def column_number(letters: str | bytes) -> int:
    """1-based column number of Excel column letters (``A`` → 1, ``AA`` → 27)."""
    if isinstance(letters, bytes):
        letters = letters.decode("ascii")
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


_REF = re.compile(
    r"""^(?:'(?P<quoted>(?:[^']|'')+)'|(?P<plain>[^'!\[\]:*?/\\=+\-(),;"\s][^'!\[\]:*?/\\(),;"\s]*))
        !\$?(?P<col>[A-Za-z]{1,3})\$?(?P<row>[0-9]{1,7})
        (?::\$?(?P<col2>[A-Za-z]{1,3})\$?(?P<row2>[0-9]{1,7}))?$""",
    re.VERBOSE,
)


def parse_cell_reference(text: str) -> tuple[str, int, int] | None:
    """``(sheet, row, col)`` (1-based) of a defined name's text when it is one cell on one sheet
    (``Settings!$B$6``, ``'Plan 2008'!B6``, ``Settings!$B$6:$B$6``), else ``None``."""
    match = _REF.match(text.strip().lstrip("="))
    if not match:
        return None
    if match["col2"] is not None and (
        match["col2"].upper() != match["col"].upper() or int(match["row2"]) != int(match["row"])
    ):
        return None
    sheet = match["quoted"].replace("''", "'") if match["quoted"] is not None else match["plain"]
    column = column_number(match["col"])
    row = int(match["row"])
    if not (1 <= row <= 1_048_576 and 1 <= column <= 16_384):
        return None
    return sheet, row, column


def resolve_names(defined: Iterable[tuple[str, object]], grids: list[Grid]) -> dict[str, object]:
    """Each workbook-level name pointing at one cell (``defined``: ``(name, text)`` pairs) →
    that cell's value (see the module docstring)."""
    by_name = {grid.name.casefold(): grid for grid in grids}
    names: dict[str, object] = {}
    for name, text in defined:
        if not name or name.startswith("_xlnm.") or "!" in name or not isinstance(text, str):
            continue
        target = parse_cell_reference(text)
        if target is None:
            continue
        sheet, row, column = target
        grid = by_name.get(sheet.casefold())
        if grid is None:
            continue
        names[name] = grid.value(row - 1, column - 1)
    return names


__all__ = ["column_number", "parse_cell_reference", "resolve_names"]
