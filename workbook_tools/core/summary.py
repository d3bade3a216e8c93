"""Summary figures for writers: RAG counts, cross tables, direction of travel, History rows.

Each table comes as plain rows of Python values (ints, floats, strings, ``None``), ready to be
written cell by cell (``*_rows``, what refresh uses: no pandas to import for a few dozen
numbers), and as a pandas DataFrame of the same values (``*_table``); nothing here touches a
workbook.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .model import Action, Rating
from .travel import directions, share_on_track
from .vocabulary import RAG_ORDER, Rag

if TYPE_CHECKING:  # pandas is imported when a table is made: consolidation never needs it
    import pandas as pd

#: The label for a blank priority, lead or other grouping value.
NONE_LABEL = "(none)"
#: The label of the whole-plan row in the direction-of-travel table.
WHOLE_PLAN = "Whole plan"
#: Column headings of the direction-of-travel table.
DIRECTION_COLUMNS = ("Group", "On track now (%)", "On track before (%)", "Direction")
#: Column headings of a group x RAG table (after the group's name).
CROSS_COLUMNS = (*(rag.value for rag in RAG_ORDER), "Total")

if TYPE_CHECKING:
    import pandas as pd


def rag_counts(ratings: Iterable[Rating]) -> dict[Rag, int]:
    """How many ratings have each final RAG, in ``RAG_ORDER``, zeros included."""
    counts = dict.fromkeys(RAG_ORDER, 0)
    for rating in ratings:
        counts[rating.rag] += 1
    return counts


def counts_rows(ratings: Iterable[Rating]) -> list[tuple[str, int, float]]:
    """One row per RAG (Blue … Grey): RAG word, count, percent of all actions (0–100, 1 dp)."""
    counts = rag_counts(ratings)
    total = sum(counts.values())
    return [
        (rag.value, count, round(100.0 * count / total, 1) if total else 0.0)
        for rag, count in counts.items()
    ]


def counts_table(ratings: Iterable[Rating]) -> pd.DataFrame:
    """:func:`counts_rows` as a DataFrame with columns RAG, Count and Percent."""
    import pandas as pd

    return pd.DataFrame(counts_rows(ratings), columns=["RAG", "Count", "Percent"])


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


def cross_rows(
    actions: Sequence[Action],
    ratings: Sequence[Rating],
    by: str | Callable[[Action], object] = "priority",
) -> list[tuple[str, list[int]]]:
    """Counts of final RAG per group, groups in first-seen order: ``(group, [Blue, Green, Amber,
    Red, Grey, Total])`` (the columns of :data:`CROSS_COLUMNS`)."""
    table: dict[str, dict[Rag, int]] = {}
    for action, rating in _pairs(actions, ratings):
        row = table.setdefault(group_of(action, by), dict.fromkeys(RAG_ORDER, 0))
        row[rating.rag] += 1
    return [
        (name, [*(row[rag] for rag in RAG_ORDER), sum(row.values())])
        for name, row in table.items()
    ]


def cross_table(
    actions: Sequence[Action],
    ratings: Sequence[Rating],
    by: str | Callable[[Action], object] = "priority",
) -> pd.DataFrame:
    """:func:`cross_rows` as a DataFrame: index = groups in first-seen order (named after
    ``by``), columns Blue, Green, Amber, Red, Grey, Total."""
    import pandas as pd

    rows = cross_rows(actions, ratings, by)
    frame = pd.DataFrame(
        [values for _, values in rows],
        index=[name for name, _ in rows],
        columns=list(CROSS_COLUMNS),
        dtype="int64",
    )
    frame.index.name = by.replace("_", " ").capitalize() if isinstance(by, str) else "Group"
    return frame


def _share(counts: Mapping[Any, int] | None) -> float | None:
    if counts is None:
        return None
    share = share_on_track(counts)
    return None if share is None else round(share, 1)


def direction_rows(
    actions: Sequence[Action],
    ratings: Sequence[Rating],
    previous: Mapping[str, Mapping[Any, int]] | None = None,
    by: str | Callable[[Action], object] = "priority",
) -> list[tuple[str, float | None, float | None, str]]:
    """Direction of travel per group (priority by default) and for the whole plan, last.

    ``previous`` maps a group name (and "Whole plan") to its RAG counts in the previous History
    row or report; names are matched ignoring case and spacing (:mod:`workbook_tools.core.travel`).
    Each row is the group, the share of its rated actions on track now and before (percent, 1
    dp; ``None`` when there is nothing to compare) and "▲ improving", "▼ worsening", "► steady"
    or "new" (the columns of :data:`DIRECTION_COLUMNS`).
    """
    groups: dict[str, dict[Rag, int]] = {}
    pairs = _pairs(actions, ratings)
    for action, rating in pairs:
        groups.setdefault(group_of(action, by), dict.fromkeys(RAG_ORDER, 0))[rating.rag] += 1
    groups[WHOLE_PLAN] = rag_counts(rating for _, rating in pairs)
    return [(d.group, d.now, d.before, d.direction) for d in directions(groups, previous or None)]


def direction_table(
    actions: Sequence[Action],
    ratings: Sequence[Rating],
    previous: Mapping[str, Mapping[Any, int]] | None = None,
    by: str | Callable[[Action], object] = "priority",
) -> pd.DataFrame:
    """:func:`direction_rows` as a DataFrame with the columns of :data:`DIRECTION_COLUMNS`."""
    import pandas as pd

    rows = [list(row) for row in direction_rows(actions, ratings, previous, by)]
    return pd.DataFrame(rows, columns=list(DIRECTION_COLUMNS), dtype=object)


def history_row(as_of: dt.date, ratings: Iterable[Rating]) -> dict[str, object]:
    """One History row: "As of", a count per RAG word, "Total" and "On track (%)" (1 dp or None)."""
    counts = rag_counts(ratings)
    row: dict[str, object] = {"As of": as_of}
    row.update({rag.value: count for rag, count in counts.items()})
    row["Total"] = sum(counts.values())
    row["On track (%)"] = _share(counts)
    return row
