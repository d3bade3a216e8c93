"""Month-grid timelines (core/timeline.py): a grid headed by month initials, and the rows of a
Timeline sheet joined to their actions in order."""

from __future__ import annotations

import datetime as dt

from grids import plan_of

from workbook_tools.core.model import Grid

D = dt.date


def test_month_initials_fix_the_first_month():
    """Twelve single initials J A S O N D J F M A M J start the grid in July."""
    grid = Grid(
        "Grid",
        [
            ["Ref", "Action", "Lead", *"JASONDJFMAMJ"],
            ["1", "Do it", "PS", None, None, None, None, None, None, None, None, None, "x"],
        ],
    )
    plan = plan_of(grid, as_of=D(2008, 6, 30))
    assert plan.actions[0].planned_months == (D(2009, 4, 1),)


def test_repeated_refs_pair_with_timeline_rows_in_order():
    """With a ref used twice, the n-th Timeline row of that ref merges into the n-th action."""
    actions = Grid(
        "Actions",
        [["Ref", "Action", "Lead", "Deadline"], ["4.1.3", "Report survey", "HB", None],
         ["4.1.3", "Agree new set", "HB", None]],
    )
    months = [D(2007, m, 1) for m in range(7, 13)]
    timeline = Grid(
        "Timeline",
        [["Ref", "Action", "Lead", *months], ["4.1.3", "Report survey", "HB", "x"],
         ["4.1.3", "Agree new set", "HB", None, None, "x"]],
    )
    plan = plan_of(actions, timeline)
    assert [a.planned_months for a in plan.actions] == [(D(2007, 7, 1),), (D(2007, 9, 1),)]
