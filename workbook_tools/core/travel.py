"""Direction of travel (RULES.md §3): how the share of rated actions on track moved since the
previous period, per group and for the whole — one rule for the plan's Summary (per priority,
against the History sheet) and the corporate report (per directorate, against the previous
report).

Groups are matched with the previous period's by name, ignoring case and spacing
(:func:`~workbook_tools.core.keys.name_key`): "Adult  Social Care" this quarter is "adult social
care" last quarter.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .keys import name_key
from .model import Rag

IMPROVING, WORSENING, STEADY = "▲ improving", "▼ worsening", "► steady"
#: A group with no previous figures to compare with.
NEW = "new"
#: Percentage points the share must move by to count as improving or worsening.
THRESHOLD = 5
#: The rule in the words the sheets show under a direction-of-travel table.
EXPLAINED = (
    "On track: Blue or Green, as a share of the rated actions (Grey is not rated). "
    f"▲ up by more than {THRESHOLD} points, ▼ down by more than {THRESHOLD}, ► steady."
)

#: RAG counts: by ``Rag`` member or RAG word.
Counts = Mapping[Any, int]


@dataclass(frozen=True)
class Direction:
    """The direction of travel of one group (a priority, a directorate, the whole).

    Shares are percentages of rated actions that are Blue or Green (1 dp), ``None`` when nothing
    is rated or there is nothing to compare with; ``direction`` is "▲ improving", "▼ worsening",
    "► steady", "new" (no previous figures) or the caller's word for a group that was there
    before but is not now (the corporate report's "no return").
    """

    group: str
    now: float | None
    before: float | None
    direction: str


def share_on_track(counts: Counts) -> float | None:
    """The percentage (0–100) of rated actions (Blue, Green, Amber, Red) that are Blue or Green;
    None when no action is rated. Keys may be ``Rag`` members or RAG words."""
    good = _count(counts, Rag.BLUE) + _count(counts, Rag.GREEN)
    rated = good + _count(counts, Rag.AMBER) + _count(counts, Rag.RED)
    if rated == 0:
        return None
    return 100.0 * good / rated


def direction_of_travel(
    now: float | None, previous: float | None, threshold: float = THRESHOLD
) -> str:
    """The direction of travel between two shares on track, in points: "▲ improving",
    "▼ worsening", "► steady" or "new" (no previous share).

    With no share now (nothing rated) but one before, the direction is steady.
    """
    if previous is None:
        return NEW
    if now is None:
        return STEADY
    if now - previous > threshold:
        return IMPROVING
    if previous - now > threshold:
        return WORSENING
    return STEADY


def direction(group: str, now: Counts, before: Counts | None) -> Direction:
    """The direction of travel of ``group`` from its counts ``before`` (``None``: not there)."""
    share_now = share_on_track(now)
    share_before = share_on_track(before) if before is not None else None
    travel = direction_of_travel(share_now, share_before)
    return Direction(group, _rounded(share_now), _rounded(share_before), travel)


def directions(
    now: Mapping[str, Counts] | Iterable[tuple[str, Counts]],
    before: Mapping[str, Counts] | None,
    *,
    gone: str | None = None,
) -> list[Direction]:
    """The direction of travel of each group in ``now`` (a mapping, or pairs of group and counts,
    in order), against the group of the same name (:func:`~workbook_tools.core.keys.name_key`) in
    ``before``.

    With ``gone``, a group only in ``before`` follows, with no share now and ``gone`` as its
    direction; without, such groups are left out.
    """
    groups = list(now.items() if isinstance(now, Mapping) else now)
    earlier = {name_key(name): counts for name, counts in (before or {}).items()}
    rows = [direction(group, counts, earlier.get(name_key(group))) for group, counts in groups]
    if gone is not None:
        present = {name_key(group) for group, _ in groups}
        rows += [
            Direction(name, None, _rounded(share_on_track(counts)), gone)
            for name, counts in (before or {}).items()
            if name_key(name) not in present
        ]
    return rows


def _count(counts: Counts, rag: Rag) -> int:
    value = counts.get(rag)
    if value is None:
        value = counts.get(rag.value)
    return int(value or 0)


def _rounded(share: float | None) -> float | None:
    return None if share is None else round(share, 1)


__all__ = [
    "EXPLAINED",
    "IMPROVING",
    "NEW",
    "STEADY",
    "THRESHOLD",
    "WORSENING",
    "Counts",
    "Direction",
    "direction",
    "direction_of_travel",
    "directions",
    "share_on_track",
]
