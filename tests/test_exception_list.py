"""The exceptions: one selection and order for the plan's Exceptions sheet, the corporate
report's and the count in a return's email draft."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from plans import make_plan

from workbook_tools.core import layout
from workbook_tools.core.exception_list import ORDER, Facts, exception_list, is_exception, rank
from workbook_tools.core.model import FLAG_OPTIMISTIC, FLAG_STALE, Action, Rag, Rating
from workbook_tools.usecases.consolidate import consolidate
from workbook_tools.usecases.prepare_return import prepare_return

D = dt.date
AS_OF = D(2008, 6, 30)


def act(ref: str | None) -> Action:
    """A bare action."""
    return Action(ref=ref, priority="Homes", action="x", sheet="Actions", row=1)


def rated(rag: Rag, due: dt.date | None = None, flags: tuple[str, ...] = ()) -> Rating:
    """A rating with the given final RAG."""
    return Rating(rag, "why", rag, due, None if due is None else (due - AS_OF).days, flags)


def plan_facts(pair: tuple[Action, Rating]) -> Facts:
    """The rule's facts of a rated action, as the plan's Exceptions sheet gives them."""
    action, rating = pair
    return Facts(rating.rag, rating.flags, rating.due, action.ref, place=(action.sheet, action.row))


@pytest.mark.parametrize(
    ("rag", "flags", "expected"),
    [
        (Rag.RED, (), 0),
        ("Red", (FLAG_OPTIMISTIC,), 0),
        (Rag.AMBER, (), 1),
        ("Amber", (FLAG_STALE,), 1),
        (Rag.GREEN, (FLAG_OPTIMISTIC,), 2),
        ("Blue", (FLAG_OPTIMISTIC,), 2),
        (Rag.GREEN, (FLAG_STALE,), None),
        (Rag.BLUE, (), None),
        ("Grey", (), None),
    ],
)
def test_rank(rag: str, flags: tuple[str, ...], expected: int | None) -> None:
    """Red, Amber, then an optimistic self-assessment of any other RAG; nothing else."""
    assert rank(rag, flags) == expected
    assert is_exception(rag, flags) is (expected is not None)


def test_exceptions_order() -> None:
    """Red, then Amber, then optimistic others; each by due date (none last), then ref."""
    pairs = [
        (act("1.10"), rated(Rag.RED, D(2008, 3, 31))),
        (act("1.9"), rated(Rag.RED, D(2008, 3, 31))),
        (act("2.1"), rated(Rag.RED, None)),
        (act("0.5"), rated(Rag.RED, D(2008, 5, 1))),
        (act("3.1"), rated(Rag.AMBER, D(2008, 7, 1))),
        (act("3.2"), rated(Rag.AMBER, D(2008, 6, 30))),
        (act("4.1"), rated(Rag.GREEN, D(2008, 9, 1), (FLAG_OPTIMISTIC,))),
        (act("4.2"), rated(Rag.GREEN, D(2008, 9, 1))),
        (act("5.1"), rated(Rag.BLUE)),
        (act("6.1"), rated(Rag.AMBER, None, (FLAG_OPTIMISTIC,))),
    ]
    refs = [a.ref for a, _ in exception_list(pairs, plan_facts)]
    assert refs == ["1.9", "1.10", "0.5", "2.1", "3.2", "3.1", "6.1", "4.1"]


def test_groups_break_ties_before_refs() -> None:
    """On the same due date, the corporate report lists by directorate (case and spacing
    ignored), then by ref, then by place; the input order decides nothing."""
    due = D(2008, 3, 31)
    facts = [
        Facts("Red", (), due, "1.2", "resources", ("Actions", 3)),
        Facts("Red", (), due, "1.1", "Resources", ("Actions", 2)),
        Facts("Red", (), due, "1.1", "Housing", ("Actions", 9)),
        Facts("Red", (), due, "1.1", " housing", ("Actions", 4)),
    ]
    for items in (facts, facts[::-1]):
        listed = exception_list(items, lambda f: f)
        assert [(f.group, f.ref, f.place[1]) for f in listed] == [
            (" housing", "1.1", 4),
            ("Housing", "1.1", 9),
            ("Resources", "1.1", 2),
            ("resources", "1.2", 3),
        ]


def _column(ws: openpyxl.worksheet.worksheet.Worksheet, column: int, first: int) -> list:
    values = [row[column - 1] for row in ws.iter_rows(min_row=first, values_only=True)]
    return [v for v in values if v not in (None, "")]


def test_plan_report_and_email_list_the_same_exceptions(tmp_path: Path) -> None:
    """One return: the plan's Exceptions sheet after prepare-return, the count in its email
    draft and the corporate report's Exceptions sheet name the same actions in the same order,
    under the same description of the order."""
    rows = [
        {"Ref": "1.10", "Action": "A", "Lead": "Jo", "Deadline": D(2008, 3, 31),
         "Status": "In progress"},
        {"Ref": "1.9", "Action": "B", "Lead": "Jo", "Deadline": D(2008, 3, 31),
         "Status": "In progress"},
        {"Ref": "2.1", "Action": "C", "Lead": "Jo", "Deadline": D(2008, 12, 31),
         "Status": "Not started", "Start": D(2008, 4, 1)},
        {"Ref": "3.1", "Action": "D", "Lead": "Jo", "Deadline": D(2008, 5, 31),
         "Status": "In progress", "Self-assessed RAG": "Green"},
        {"Ref": "4.1", "Action": "E", "Lead": "Jo", "Deadline": D(2009, 3, 31),
         "Status": "In progress"},
        {"Ref": "5.1", "Action": "F", "Lead": "Jo", "Deadline": "TBC", "Status": "In progress",
         "Self-assessed RAG": "Green"},
    ]  # fmt: skip
    plan = make_plan(tmp_path / "plan.xlsx", rows, as_of=AS_OF)
    done = prepare_return(plan, outbox=tmp_path / "out")
    wb = openpyxl.load_workbook(plan)
    sheet = wb[layout.EXCEPTIONS]
    plan_refs = _column(sheet, 1, 5)
    assert ORDER in sheet["A2"].value
    report = tmp_path / "report.xlsx"
    consolidate([done.copy], report, jobs=0)
    listed = openpyxl.load_workbook(report)["Exceptions"]
    assert listed["A2"].value == f"{ORDER}."
    report_refs = _column(listed, 2, 5)
    assert len(plan_refs) >= 4 and "4.1" not in plan_refs
    assert plan_refs == report_refs
    assert done.exceptions == len(plan_refs)
