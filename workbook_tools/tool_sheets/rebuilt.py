"""The sheets refresh rebuilds whole (Summary, Exceptions, Checks, History) and their content for
one refresh."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from ..core import layout
from .content import SheetContent
from .history import history_sheet, new_history
from .lists import checks_sheet, exceptions_sheet
from .summary import summary_sheet

#: The sheets refresh rebuilds whole, in workbook order.
REBUILT: tuple[str, ...] = (layout.SUMMARY, layout.EXCEPTIONS, layout.CHECKS, layout.HISTORY)


def tool_sheets(
    result: object, history: Sequence[Mapping], generated_at: dt.datetime
) -> list[SheetContent]:
    """The four rebuilt sheets (Summary, Exceptions, Checks, History) for one refresh of
    ``result`` (a ``PlanResult``); ``history`` is what :func:`read_history` read from the
    workbook before the refresh."""
    return [
        summary_sheet(result, history, generated_at),
        exceptions_sheet(result),
        checks_sheet(result),
        history_sheet(new_history(history, result)),
    ]
