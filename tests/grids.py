"""Plans read from grids built by hand: no workbook file, the as-of date fixed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from workbook_tools.core.model import Book, Grid, Plan
from workbook_tools.core.reading import read_plan


def plan_of(*grids: Grid, names: dict | None = None, **kwargs: Any) -> Plan:
    """Read a plan from grids (the as-of date fixed so timelines are reproducible)."""
    kwargs.setdefault("today", dt.date(2008, 6, 30))
    return read_plan(Book("plan.xlsx", list(grids), names or {}), **kwargs)
