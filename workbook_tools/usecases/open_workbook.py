"""The workbook open in Excel, read for the ribbon: its values, then the styles the plan needs.

The adapter (:mod:`workbook_tools.sources.live`) reads the values in bulk; the core says where
the reading depends on a style (:func:`workbook_tools.core.styles_needed.styles_needed`: the
% Complete column and the month grids); the adapter then asks Excel for those blocks only. The
adapter never reads the plan itself.
"""

from __future__ import annotations

import datetime as dt

from ..core.model import Book
from ..core.reading import read_plan
from ..core.styles_needed import styles_needed
from ..errors import NoActionTableError
from ..sources.live import add_styles, load_live


def read_open_workbook(book: object, *, today: dt.date, styles: bool = True) -> Book:
    """The open workbook ``book`` (an xlwings ``Book``) as a :class:`Book`, with the fills and
    percent formats the plan's reading needs (none with ``styles=False``, or when the workbook
    holds no table of actions: the caller reports that when it reads the plan). ``today``
    places a month grid that names no year."""
    grids = load_live(book)
    if not styles:
        return grids
    try:
        plan = read_plan(grids, today=today)
    except NoActionTableError:
        return grids
    add_styles(grids, book, styles_needed(plan, grids))
    return grids


__all__ = ["read_open_workbook"]
