"""The Checks sheet's contents: every data problem, with its cell, errors before warnings."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from workbook_tools.core.checks import plan_checks, sort_checks
from workbook_tools.core.model import (
    FLAG_DUPLICATE_REF,
    FLAG_UNCERTAIN_DATE,
    FLAG_UNREADABLE_DATE,
    Action,
    Check,
    Deadline,
    DeadlineKind,
    Milestone,
    Rag,
    Settings,
    Severity,
)
from workbook_tools.core.rules import rate

AS_OF = dt.date(2008, 6, 30)
ERROR, WARNING = Severity.ERROR, Severity.WARNING
CELLS = {
    "ref": "A{r}",
    "lead": "D{r}",
    "start": "E{r}",
    "deadline": "F{r}",
    "status": "G{r}",
    "percent": "H{r}",
    "self_rag": "I{r}",
    "commentary": "J{r}",
    "date_provided": "K{r}",
}


def make(ref: str = "1.1", row: int = 5, **fields: Any) -> Action:
    """A clean action on the Actions sheet (no problems), with template-like cell addresses."""
    base: dict[str, Any] = {
        "ref": ref,
        "priority": "P",
        "action": "Do it",
        "sheet": "Actions",
        "row": row,
        "lead": "Jo Boulton",
        "commentary": "Fine",
        "date_provided": dt.date(2008, 6, 1),
        "deadline": Deadline("31 March 2009", (dt.date(2009, 3, 31),), DeadlineKind.DATE),
        "cells": {k: v.format(r=row) for k, v in CELLS.items()},
    }
    base.update(fields)
    return Action(**base)


def run(actions: list[Action], milestones: list[Milestone] | None = None, **kw: Any) -> list:
    """Rate the actions at AS_OF and check the plan."""
    ratings = [rate(a, AS_OF, Settings()) for a in actions]
    return plan_checks(actions, ratings, milestones, **kw)


def test_clean_plan_has_no_checks() -> None:
    """A plan with nothing wrong gives an empty Checks list."""
    assert run([make("1.1", 5), make("1.2", 6)]) == []


def test_unreadable_deadline_is_an_error_naming_the_cell() -> None:
    """An unreadable deadline is an error at its cell, worded as in CLI.md."""
    action = make(row=9, deadline=Deadline("Marhc 09", flags=(FLAG_UNREADABLE_DATE,)))
    assert run([action]) == [
        Check(ERROR, "Actions", "F9", "Could not read the deadline 'Marhc 09'"),
    ]


@pytest.mark.parametrize(
    ("fields", "severity", "cell", "words"),
    [
        pytest.param({"percent": 150.0}, ERROR, "H5", ["150", "outside 0 to 100"], id="pct-high"),
        pytest.param({"percent": -5.0}, ERROR, "H5", ["-5", "outside 0 to 100"], id="pct-low"),
        pytest.param({"start_text": "Spring-ish"}, ERROR, "E5", ["start date 'Spring-ish'"],
                     id="start"),
        pytest.param({"date_provided": "whenever"}, ERROR, "K5", ["date provided 'whenever'"],
                     id="date-provided"),
        pytest.param({"lead": None}, WARNING, "D5", ["No lead", "action 1.1"], id="no-lead"),
        pytest.param({"self_rag": Rag.GREEN,
                      "deadline": Deadline("Apr 08", (dt.date(2008, 4, 30),), DeadlineKind.DATE)},
                     WARNING, "I5", ["self-assessed Green", "rules give Red", "Overdue by 61"],
                     id="optimistic"),
        pytest.param({"date_provided": dt.date(2008, 1, 1)}, WARNING, "K5",
                     ["commentary", "not been updated"], id="stale"),
        pytest.param({"commentary": None,
                      "deadline": Deadline("Jul 08", (dt.date(2008, 7, 5),), DeadlineKind.DATE)},
                     WARNING, "J5", ["no commentary"], id="stale-blank"),
        pytest.param({"deadline": Deadline("Mar 09?", (dt.date(2009, 3, 31),), DeadlineKind.DATE,
                                           flags=(FLAG_UNCERTAIN_DATE,))},
                     WARNING, "F5", ["'Mar 09?'", "uncertain"], id="uncertain"),
        pytest.param({"deadline": Deadline("See 9.9", kind=DeadlineKind.TBC, depends_on="9.9")},
                     WARNING, "F5", ["depends on 9.9", "not in the plan"], id="dependency"),
        pytest.param({"status_text": "Slipping"}, WARNING, "G5", ["'Slipping'", "In progress"],
                     id="status"),
        pytest.param({"self_rag_text": "Purple"}, WARNING, "I5", ["'Purple'"], id="self-rag"),
    ],
)
def test_one_problem(fields: dict, severity: Severity, cell: str, words: list[str]) -> None:
    """Each kind of problem gives one check of the right severity at the field's cell."""
    (check,) = run([make(**fields)])
    assert (check.severity, check.sheet, check.cell) == (severity, "Actions", cell)
    for word in words:
        assert word in check.message
    assert "\n" not in check.message


@pytest.mark.parametrize(
    "fields",
    [
        {"percent": 0.0},
        {"percent": 100.0},
        {"date_provided": "June"},
        {"date_provided": 39538},
        {"date_provided": None},
        {"status_text": "On-going"},
        {"status_text": "Completed"},
        {"self_rag_text": "n/a"},
        {"lead": None, "leads": ("AC", "DH")},
        {"start": dt.date(2008, 4, 1), "start_text": None},
        {"deadline": Deadline("Ongoing", kind=DeadlineKind.ONGOING)},
    ],
)
def test_acceptable_values_raise_nothing(fields: dict) -> None:
    """Values the tool reads without trouble give no check."""
    assert run([make(**fields)]) == []


def test_dependency_on_an_existing_ref_is_fine() -> None:
    """A dependency naming a ref in the plan (even with a trailing dot) is not reported."""
    deadline = Deadline("To be determined under 4.10.", kind=DeadlineKind.TBC, depends_on="4.10.")
    assert run([make("1.1", 5, deadline=deadline), make("4.10", 6)]) == []


def test_duplicate_ref_names_both_rows() -> None:
    """A ref on two rows gives one warning naming both rows."""
    first = make("2.1", 5, flags=[FLAG_DUPLICATE_REF])
    second = make("2.1", 9, flags=[FLAG_DUPLICATE_REF])
    (check,) = run([first, make("2.2", 7), second])
    assert (check.severity, check.cell) == (WARNING, "A9")
    assert "Ref 2.1" in check.message and "rows 5 and 9" in check.message


def test_duplicate_ref_across_sheets_names_the_sheets() -> None:
    """Duplicates on different sheets name each sheet and row."""
    first = make("3", 4)
    second = make("3", 6, sheet="Timeline")
    (check,) = run([first, second])
    assert "Actions row 4 and Timeline row 6" in check.message


def test_milestones_that_belong_to_no_action() -> None:
    """A Milestones row for a ref that is not an action, or with no ref, is a warning."""
    milestones = [
        Milestone("1.1", "Fine", dt.date(2008, 9, 1), sheet="Milestones", row=2),
        Milestone("7.7", "Lost", dt.date(2008, 9, 1), sheet="Milestones", row=3),
        Milestone(None, "Orphan", dt.date(2008, 9, 1), sheet="Milestones", row=4),
    ]
    checks = run([make()], milestones)
    assert [(c.sheet, c.cell) for c in checks] == [("Milestones", "row 3"), ("Milestones", "row 4")]
    assert "'Lost'" in checks[0].message and "7.7" in checks[0].message
    assert "no ref" in checks[1].message


def test_cell_falls_back_to_the_row() -> None:
    """Without a recorded cell address the check names the row."""
    action = make(row=12, lead=None, cells={})
    (check,) = run([action])
    assert check.cell == "row 12"


def test_sorted_errors_first_then_sheet_and_row() -> None:
    """Errors come before warnings; within each, by sheet then row (10 after 9), then column."""
    bad = Deadline("Marhc 09", flags=(FLAG_UNREADABLE_DATE,))
    actions = [
        make("1.1", 10, lead=None),
        make("1.2", 9, lead=None, deadline=bad),
        make("1.3", 11, percent=120.0),
    ]
    reading = [
        Check(WARNING, "Timeline", "B2", "Something on the Timeline"),
        Check(ERROR, "Actions", "H3", "Could not read the % complete 'lots'"),
    ]
    checks = run(actions, reading_checks=reading)
    assert [(c.severity, c.sheet, c.cell) for c in checks] == [
        (ERROR, "Actions", "H3"),
        (ERROR, "Actions", "F9"),
        (ERROR, "Actions", "H11"),
        (WARNING, "Actions", "D9"),
        (WARNING, "Actions", "D10"),
        (WARNING, "Timeline", "B2"),
    ]


def test_sort_checks_drops_exact_duplicates_and_handles_odd_cells() -> None:
    """sort_checks keeps one copy of a repeated check and sorts whole-sheet checks first."""
    a = Check(WARNING, "Actions", "row 3", "x")
    b = Check(WARNING, "Actions", "", "whole sheet")
    c = Check(WARNING, "Actions", "AA2", "y")
    d = Check(WARNING, "Actions", "B2", "z")
    assert sort_checks([a, c, a, b, d]) == [b, d, c, a]


def test_missing_ratings_do_not_break_checks() -> None:
    """Checks run on actions without ratings, skipping the rating-based ones."""
    checks = plan_checks([make(lead=None)], [])
    assert [c.cell for c in checks] == ["D5"]


def test_read_date_callable_makes_text_readable() -> None:
    """A read_date callable lets other text forms of Date provided pass the check."""
    action = make(date_provided="June 2008")
    ratings = [rate(action, AS_OF, Settings())]
    assert plan_checks([action], ratings)[0].severity == ERROR
    reader = lambda value: dt.date(2008, 6, 30) if value == "June 2008" else None  # noqa: E731
    assert plan_checks([action], ratings, read_date=reader) == []


def test_missing_commentary_column_points_at_the_actions_ref_cell() -> None:
    """With no Commentary column, a stale-commentary warning names the action's Ref cell."""
    action = make(
        row=9,
        commentary=None,
        deadline=Deadline("Mar 08", (dt.date(2008, 3, 31),), DeadlineKind.DATE),
        cells={"ref": "A9", "action": "B9", "lead": "C9"},
    )
    cells = {c.cell for c in run([action]) if "commentary" in c.message}
    assert cells == {"A9"}
