"""Direction of travel (RULES.md §3): the share on track, the direction between two shares, and
groups matched with the previous period's by name the same way for the plan and the report."""

from __future__ import annotations

import pytest

from workbook_tools.core.keys import name_key
from workbook_tools.core.model import Rag
from workbook_tools.core.summary import direction_table
from workbook_tools.core.travel import (
    EXPLAINED,
    THRESHOLD,
    Direction,
    direction,
    direction_of_travel,
    directions,
    share_on_track,
)


@pytest.mark.parametrize(
    ("counts", "share"),
    [
        ({Rag.BLUE: 1, Rag.GREEN: 2, Rag.AMBER: 1, Rag.RED: 0, Rag.GREY: 6}, 75.0),
        ({Rag.GREY: 3}, None),
        ({}, None),
        ({"Blue": 1, "Red": 1}, 50.0),
    ],
)
def test_share_on_track(counts: dict, share: float | None) -> None:
    """The share on track counts Blue and Green among rated actions, ignoring Grey."""
    assert share_on_track(counts) == share


@pytest.mark.parametrize(
    ("now", "previous", "text"),
    [
        (60.0, 50.0, "▲ improving"),
        (55.0, 50.0, "► steady"),
        (55.1, 50.0, "▲ improving"),
        (45.0, 50.0, "► steady"),
        (44.9, 50.0, "▼ worsening"),
        (50.0, None, "new"),
        (None, None, "new"),
        (None, 50.0, "► steady"),
    ],
)
def test_direction_of_travel(now: float | None, previous: float | None, text: str) -> None:
    """Direction of travel moves only on a change of strictly more than 5 points."""
    assert direction_of_travel(now, previous) == text


def test_directions_match_groups_ignoring_case_and_spacing() -> None:
    """A group this period is compared with the previous group whose name differs only in case,
    spaces at either end, doubled spaces, tabs or non-breaking spaces."""
    before = {
        "Adult Social Care": {"Green": 1, "Red": 1},
        "children\u00a0and  families ": {"Green": 2},
        "Housing": {"Green": 1},
    }
    now = {
        "adult  social care": {"Green": 2},
        "Children and Families": {"Red": 2},
        "Places": {"Green": 1},
    }
    rows = {row.group: row for row in directions(now, before)}
    assert rows["adult  social care"] == Direction("adult  social care", 100.0, 50.0, "▲ improving")
    assert rows["Children and Families"].direction == "▼ worsening"
    assert rows["Places"].direction == "new"
    assert "Housing" not in rows  # gone groups are left out unless the caller names them


def test_gone_groups_follow_with_the_callers_word() -> None:
    """With ``gone``, a group in the previous period only follows the current groups, with no
    share now and that word as its direction."""
    rows = directions([("Resources", {"Green": 1})], {"RESOURCES": {}, "Housing": {"Red": 1}},
                      gone="no return")  # fmt: skip
    assert rows == [
        Direction("Resources", 100.0, None, "new"),
        Direction("Housing", None, 0.0, "no return"),
    ]


@pytest.mark.parametrize(
    ("previous_name", "matched"),
    [
        ("Better homes", True),
        ("better HOMES", True),
        ("  Better homes  ", True),
        ("Better\u00a0homes", True),
        ("Better\thomes", True),
        ("Betterhomes", False),
        ("Better home", False),
    ],
)
def test_the_plan_and_the_report_match_names_alike(previous_name: str, matched: bool) -> None:
    """The plan's Summary (by priority) and the corporate report (by directorate) find the same
    previous group for a name: the one rule of workbook_tools.core.keys.name_key."""
    from workbook_tools.core.model import Action, Rating

    action = Action(ref="1", priority="Better  homes", action="x", sheet="Actions", row=2)
    rating = Rating(Rag.GREEN, "why", Rag.GREEN, None, None, ())
    plan = direction_table([action], [rating], {previous_name: {"Red": 1}})
    report = directions([("Better  homes", {"Green": 1})], {previous_name: {"Red": 1}})
    expected = "▲ improving" if matched else "new"
    assert plan.iloc[0]["Direction"] == report[0].direction == expected
    assert (name_key(previous_name) == name_key("Better  homes")) is matched


def test_direction_rounds_shares_but_judges_on_the_exact_figures() -> None:
    """Shares are shown to 1 dp; the direction is worked out before rounding."""
    row = direction("Homes", {"Green": 2, "Red": 1}, {"Green": 1, "Red": 1})
    assert row == Direction("Homes", 66.7, 50.0, "▲ improving")
    assert direction("Homes", {"Green": 1}, None).direction == "new"


def test_the_explanation_states_the_threshold() -> None:
    """The note under the tables gives the same threshold the rule uses."""
    assert f"more than {THRESHOLD} points" in EXPLAINED
    assert direction_of_travel(50.0 + THRESHOLD, 50.0) == "► steady"
