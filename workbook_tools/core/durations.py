"""Durations: a Days / Duration cell ("10", "10 days", "2 weeks", "3 months") as days, for a
deadline given as start + duration (a Gantt chart's start and days)."""

from __future__ import annotations

import math
import re

_DURATION = re.compile(
    r"^\s*(\d+(?:\.\d+)?)\s*(d|days?|w|wks?|weeks?|m|mths?|months?)?\.?\s*$", re.IGNORECASE
)
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30}
#: The longest duration read, in days (ten years).
_MAX_DURATION = 3653


def read_duration(value: object, unit_days: int = 1) -> int | None:
    """A Days / Duration cell as a whole number of days, ``None`` when it is not one.

    A number counts ``unit_days`` days each (1, or 7 under a "Weeks" heading); text may name
    its unit: "10 days", "2 weeks", "3 months" (30 days), "10d", "2w". Fractions round up.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        number, unit = float(value), unit_days
    elif isinstance(value, str):
        match = _DURATION.match(value)
        if not match:
            return None
        number = float(match.group(1))
        unit = _UNIT_DAYS[match.group(2)[0].lower()] if match.group(2) else unit_days
    else:
        return None
    if not math.isfinite(number) or number <= 0:
        return None
    days = math.ceil(number * unit)
    return days if days <= _MAX_DURATION else None


__all__ = ["read_duration"]
