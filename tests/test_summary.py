"""Summary figures: counts, cross tables, direction of travel and History rows."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from workbook_tools.core.model import RAG_ORDER, Action, Rag, Rating
from workbook_tools.core.summary import (
    DIRECTION_COLUMNS,
    counts_table,
    cross_table,
    direction_table,
    history_row,
    rag_counts,
)

D = dt.date
AS_OF = D(2008, 6, 30)


def act(
    ref: str | None, priority: str | None = "Homes", lead: str | None = "Jo", **kw: Any
) -> Action:
    """A bare action for grouping."""
    return Action(ref=ref, priority=priority, action="x", sheet="Actions", row=1, lead=lead, **kw)


def rated(rag: Rag, due: dt.date | None = None, flags: tuple[str, ...] = ()) -> Rating:
    """A rating with the given final RAG."""
    return Rating(rag, "why", rag, due, None if due is None else (due - AS_OF).days, flags)


def small_plan() -> tuple[list[Action], list[Rating]]:
    """Five actions in two priorities (plus one with none) and their ratings."""
    actions = [
        act("1.1", "Homes", "Jo"),
        act("1.2", "Homes", "Ann", leads=("Ann", "Bob")),
        act("2.1", "Roads", "Jo"),
        act("2.2", "Roads", None, leads=("Cy",)),
        act("3.1", None, None),
    ]
    ratings = [rated(Rag.GREEN), rated(Rag.RED), rated(Rag.BLUE), rated(Rag.AMBER), rated(Rag.GREY)]
    return actions, ratings


def test_rag_counts_in_order_with_zeros() -> None:
    """Counts list every RAG in the standard order, zeros included."""
    counts = rag_counts([rated(Rag.RED), rated(Rag.RED), rated(Rag.GREEN)])
    assert list(counts) == list(RAG_ORDER)
    assert counts == {Rag.BLUE: 0, Rag.GREEN: 1, Rag.AMBER: 0, Rag.RED: 2, Rag.GREY: 0}


def test_counts_table() -> None:
    """The counts table has a row per RAG word with its count and percentage of all actions."""
    table = counts_table([rated(Rag.RED), rated(Rag.GREEN), rated(Rag.GREEN), rated(Rag.GREY)])
    assert list(table.columns) == ["RAG", "Count", "Percent"]
    assert table["RAG"].tolist() == ["Blue", "Green", "Amber", "Red", "Grey"]
    assert table["Count"].tolist() == [0, 2, 0, 1, 1]
    assert table["Percent"].tolist() == [0.0, 50.0, 0.0, 25.0, 25.0]
    assert counts_table([])["Percent"].tolist() == [0.0] * 5


def test_cross_table_by_priority() -> None:
    """Priority × RAG keeps first-seen order, labels blank "(none)" and totals each row."""
    actions, ratings = small_plan()
    table = cross_table(actions, ratings, "priority")
    assert table.index.name == "Priority"
    assert table.index.tolist() == ["Homes", "Roads", "(none)"]
    assert table.columns.tolist() == ["Blue", "Green", "Amber", "Red", "Grey", "Total"]
    assert table.loc["Homes"].tolist() == [0, 1, 0, 1, 0, 2]
    assert table.loc["Roads"].tolist() == [1, 0, 1, 0, 0, 2]
    assert table.loc["(none)", "Grey"] == 1


def test_cross_table_by_main_lead() -> None:
    """Lead × RAG groups by the main lead (the first of several), blank as "(none)"."""
    actions, ratings = small_plan()
    table = cross_table(actions, ratings, "lead")
    assert table.index.tolist() == ["Jo", "Ann", "Cy", "(none)"]
    assert table.loc["Jo", "Total"] == 2


def test_cross_table_by_callable_and_extra() -> None:
    """Any callable or extra column can group the actions."""
    actions, ratings = small_plan()
    by_first = cross_table(actions, ratings, lambda a: (a.ref or "")[:1])
    assert by_first.index.tolist() == ["1", "2", "3"]
    for action, team in zip(actions, ["A", "A", "B", None, "B"], strict=True):
        action.extra["Team"] = team
    assert cross_table(actions, ratings, "Team").index.tolist() == ["A", "B", "(none)"]


def test_cross_table_needs_one_rating_per_action() -> None:
    """Mismatched actions and ratings are refused, not silently zipped short."""
    with pytest.raises(ValueError, match="ratings"):
        cross_table([act("1")], [], "priority")


def test_direction_table_against_previous() -> None:
    """Direction of travel per priority and for the whole plan, against the previous counts."""
    actions, ratings = small_plan()
    previous = {
        "Homes": {Rag.GREEN: 2},  # 100% before, 50% now: worsening
        "roads ": {"Red": 1},  # 0% before, 50% now (keys matched loosely): improving
        "Whole plan": {Rag.GREEN: 1, Rag.RED: 1},  # 50% before, 50% now: steady
    }
    table = direction_table(actions, ratings, previous)
    assert tuple(table.columns) == DIRECTION_COLUMNS
    rows = {row[0]: tuple(row[1:]) for row in table.itertuples(index=False)}
    assert list(rows) == ["Homes", "Roads", "(none)", "Whole plan"]
    assert rows["Homes"] == (50.0, 100.0, "▼ worsening")
    assert rows["Roads"] == (50.0, 0.0, "▲ improving")
    assert rows["(none)"] == (None, None, "new")
    assert rows["Whole plan"] == (50.0, 50.0, "► steady")


def test_direction_table_without_previous_is_new() -> None:
    """With no previous report every group is "new"."""
    actions, ratings = small_plan()
    table = direction_table(actions, ratings, None)
    assert set(table["Direction"]) == {"new"}
    assert table.iloc[-1]["Group"] == "Whole plan"


def test_history_row() -> None:
    """A History row holds the as-of date, the count per RAG, the total and the share on track."""
    row = history_row(AS_OF, [rated(Rag.BLUE), rated(Rag.RED), rated(Rag.RED), rated(Rag.GREY)])
    assert row == {
        "As of": AS_OF,
        "Blue": 1,
        "Green": 0,
        "Amber": 0,
        "Red": 2,
        "Grey": 1,
        "Total": 4,
        "On track (%)": 33.3,
    }
    assert history_row(AS_OF, [])["On track (%)"] is None
