"""What a percent cell is, as every reader sees it.

A cell is listed in :attr:`Grid.percent <workbook_tools.core.model.Grid.percent>` when it holds a
value and its number format scales the value to a percentage: the core then reads a fraction
there as a percentage (0.4 shown as 40 % is 40 % complete, see
:func:`workbook_tools.core.cells.read_percent`). A number format scales when it has a ``%``
outside quoted text and not escaped: ``0"%"`` and ``0\\%`` only print a per-cent sign after the
number as typed. Of Excel's built-in formats, 9 (``0%``) and 10 (``0.00%``) scale.

Only the top-left cell of a merged range keeps a value, so only it can be a percent cell
(:func:`workbook_tools.sources.grids.apply_merges`); a cell without a value is never one
(:func:`workbook_tools.sources.grids.holding_values`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: Excel's built-in number formats that show a percentage (``0%``, ``0.00%``).
BUILTIN_PERCENT_FORMATS = frozenset({9, 10})
#: Excel's first number format id for a workbook's own formats.
FIRST_CUSTOM_FORMAT = 164

_QUOTED = re.compile(r'"[^"]*"|\\.')


def shows_percent(code: object) -> bool:
    """Whether a number format (its code, e.g. ``0.0%``) scales a value to a percentage."""
    return isinstance(code, str) and "%" in _QUOTED.sub("", code)


def percent_formats(custom: Iterable[tuple[int, str]]) -> frozenset[int]:
    """The number format ids that show a percentage: Excel's built-in ones, and those of the
    workbook's own formats (``custom``: ``(id, code)`` pairs) whose code does."""
    return BUILTIN_PERCENT_FORMATS | {fmt_id for fmt_id, code in custom if shows_percent(code)}


__all__ = ["BUILTIN_PERCENT_FORMATS", "FIRST_CUSTOM_FORMAT", "percent_formats", "shows_percent"]
