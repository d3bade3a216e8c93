"""Summary figures for writers: RAG counts, cross tables, direction of travel, exceptions, history.

Tables are pandas DataFrames with plain Python values (ints, floats, strings, ``None``), ready to
be written cell by cell; nothing here touches a workbook.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from .model import FLAG_OPTIMISTIC, RAG_ORDER, Action, Rag, Rating
from .rules import direction_of_travel, share_on_track

#: The label for a blank priority, lead or other grouping value.
NONE_LABEL = "(none)"
#: The label of the whole-plan row in the direction-of-travel table.
WHOLE_PLAN = "Whole plan"
#: Column headings of the direction-of-travel table.
DIRECTION_COLUMNS = ("Group", "On track now (%)", "On track before (%)", "Direction")


def rag_counts(ratings: Iterable[Rating]) -> dict[Rag, int]:
    """How many ratings have each final RAG, in ``RAG_ORDER``, zeros included."""
    counts = dict.fromkeys(RAG_ORDER, 0)
    for rating in ratings:
        counts[rating.rag] += 1
    return counts


def counts_table(ratings: Iterable[Rating]) -> pd.DataFrame:
    """One row per RAG (Blue … Grey): RAG word, Count, Percent of all actions (0–100, 1 dp)."""
    counts = rag_counts(ratings)
    total = sum(counts.values())
    rows = [
        {
            "RAG": rag.value,
            "Count": count,
            "Percent": round(100.0 * count / total, 1) if total else 0.0,
        }
        for rag, count in counts.items()
    ]
    return pd.DataFrame(rows, columns=["RAG", "Count", "Percent"])


def _label(value: object) -> str:
    if value is None:
        return NONE_LABEL
    text = str(value).strip()
    return text if text else NONE_LABEL


def _main_lead(action: Action) -> object:
    if action.lead and action.lead.strip():
        return action.lead
    return next((lead for lead in action.leads if lead and lead.strip()), None)


def group_of(action: Action, by: str | Callable[[Action], object]) -> str:
    """The group an action falls in: its priority, main lead, any attribute (or ``extra`` field),
    or what a callable returns; blank is "(none)"."""
    if callable(by):
        return _label(by(action))
    if by == "lead":
        return _label(_main_lead(action))
    if hasattr(action, by):
        return _label(getattr(action, by))
    return _label(action.extra.get(by))


def _pairs(actions: Sequence[Action], ratings: Sequence[Rating]) -> list[tuple[Action, Rating]]:
    if len(actions) != len(ratings):
        raise ValueError(f"{len(actions)} actions but {len(ratings)} ratings")
    return list(zip(actions, ratings, strict=True))


def cross_table(
    actions: Sequence[Action],
    ratings: Sequence[Rating],
    by: str | Callable[[Action], object] = "priority",
) -> pd.DataFrame:
    """Counts of final RAG per group: index = groups in first-seen order (named after ``by``),
    columns Blue, Green, Amber, Red, Grey, Total."""
    table: dict[str, dict[Rag, int]] = {}
    for action, rating in _pairs(actions, ratings):
        row = table.setdefault(group_of(action, by), dict.fromkeys(RAG_ORDER, 0))
        row[rating.rag] += 1
    columns = [rag.value for rag in RAG_ORDER] + ["Total"]
    data = [[*(row[rag] for rag in RAG_ORDER), sum(row.values())] for row in table.values()]
    frame = pd.DataFrame(data, index=list(table), columns=columns, dtype="int64")
    frame.index.name = by.replace("_", " ").capitalize() if isinstance(by, str) else "Group"
    return frame


def _counts_for(previous: Mapping[str, Mapping[Any, int]] | None, group: str) -> Any:
    if not previous:
        return None
    if group in previous:
        return previous[group]
    folded = {key.strip().casefold(): value for key, value in previous.items()}
    return folded.get(group.strip().casefold())


def _share(counts: Mapping[Any, int] | None) -> float | None:
    if counts is None:
        return None
    share = share_on_track(counts)
    return None if share is None else round(share, 1)


def direction_table(
    actions: Sequence[Action],
    ratings: Sequence[Rating],
    previous: Mapping[str, Mapping[Any, int]] | None = None,
    by: str | Callable[[Action], object] = "priority",
) -> pd.DataFrame:
    """Direction of travel per group (priority by default) and for the whole plan.

    ``previous`` maps a group name (and "Whole plan") to its RAG counts in the previous History
    row or report; keys are compared trimmed and case-insensitively. Shares are percentages of
    rated actions on track (1 dp), ``None`` when there is nothing to compare; the last column is
    "▲ improving", "▼ worsening", "► steady" or "new".
    """
    groups: dict[str, dict[Rag, int]] = {}
    pairs = _pairs(actions, ratings)
    for action, rating in pairs:
        groups.setdefault(group_of(action, by), dict.fromkeys(RAG_ORDER, 0))[rating.rag] += 1
    groups[WHOLE_PLAN] = rag_counts(rating for _, rating in pairs)
    rows = []
    for group, counts in groups.items():
        now = share_on_track(counts)
        earlier = _counts_for(previous, group)
        before = share_on_track(earlier) if earlier is not None else None
        rows.append(
            [
                group,
                None if now is None else round(now, 1),
                None if before is None else round(before, 1),
                direction_of_travel(now, before),
            ]
        )
    return pd.DataFrame(rows, columns=list(DIRECTION_COLUMNS), dtype=object)


def ref_key(ref: str | None) -> tuple[tuple[int, int | str], ...]:
    """A sort key that puts refs in reading order: 1.2 before 1.10, blank refs last."""
    parts = re.findall(r"\d+|[^\d\s.]+", ref or "")
    if not parts:
        return ((2, ""),)
    return tuple((0, int(p)) if p.isdigit() else (1, p.casefold()) for p in parts)


def exceptions(actions: Sequence[Action], ratings: Sequence[Rating]) -> list[tuple[Action, Rating]]:
    """The Exceptions list: Red, then Amber, then other optimistic self-assessments; each group
    by due date (none last), then ref."""

    def key(pair: tuple[Action, Rating]) -> tuple[object, ...]:
        action, rating = pair
        due = rating.due
        return (due is None, due or dt.date.min, ref_key(action.ref), action.sheet, action.row)

    pairs = _pairs(actions, ratings)
    red = sorted((p for p in pairs if p[1].rag == Rag.RED), key=key)
    amber = sorted((p for p in pairs if p[1].rag == Rag.AMBER), key=key)
    optimistic = sorted(
        (
            p
            for p in pairs
            if FLAG_OPTIMISTIC in p[1].flags and p[1].rag not in (Rag.RED, Rag.AMBER)
        ),
        key=key,
    )
    return red + amber + optimistic


def history_row(as_of: dt.date, ratings: Iterable[Rating]) -> dict[str, object]:
    """One History row: "As of", a count per RAG word, "Total" and "On track (%)" (1 dp or None)."""
    counts = rag_counts(ratings)
    row: dict[str, object] = {"As of": as_of}
    row.update({rag.value: count for rag, count in counts.items()})
    row["Total"] = sum(counts.values())
    row["On track (%)"] = _share(counts)
    return row
