"""RULES.md §2 and §3 as tables: the RAG rules, self-assessment, flags and direction of travel."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbook_tools.core.model import (
    FLAG_DUPLICATE_REF,
    FLAG_NO_LEAD,
    FLAG_OPTIMISTIC,
    FLAG_STALE,
    FLAG_UNCERTAIN_DATE,
    FLAG_UNREADABLE_DATE,
    Action,
    Deadline,
    DeadlineKind,
    Milestone,
    Rag,
    Rating,
    Settings,
    Status,
)
from workbook_tools.core.rules import (
    date_provided_on,
    due_date,
    format_date,
    is_known_status,
    milestone_done,
    normalise_self_rag,
    normalise_status,
    planned_start,
    rate,
)

D = dt.date
AS_OF = D(2008, 6, 30)
DATE, ONGOING, TBC, NONE = (
    DeadlineKind.DATE,
    DeadlineKind.ONGOING,
    DeadlineKind.TBC,
    DeadlineKind.NONE,
)


def dl(*dates: dt.date, kind: DeadlineKind = DATE, text: str = "", flags: tuple = ()) -> Deadline:
    """A deadline as the reader would hand it over."""
    if not dates and kind == DATE:
        kind = NONE
    return Deadline(text or " ".join(d.isoformat() for d in dates), dates, kind, flags)


def make(**fields: Any) -> Action:
    """An action with a lead and commentary (so no flags), changed by ``fields``."""
    base: dict[str, Any] = {
        "ref": "1.1",
        "priority": "Better services",
        "action": "Do the thing",
        "sheet": "Actions",
        "row": 5,
        "lead": "Tony Geeson",
        "commentary": "Going well",
    }
    base.update(fields)
    return Action(**base)


def in_days(n: int) -> dt.date:
    """The date ``n`` days after the as-of date."""
    return AS_OF + dt.timedelta(days=n)


# ------------------------------------------------------------------------------------------------
# Rules 1–10
# ------------------------------------------------------------------------------------------------

RULE_CASES = [
    # rule 1
    ("1 status complete", {"status": Status.COMPLETE, "deadline": dl(in_days(-10))}, Rag.BLUE,
     "Complete"),
    ("1 percent 100", {"percent": 100.0, "deadline": dl(in_days(-10))}, Rag.BLUE, "Complete"),
    ("1 self-assessed blue", {"self_rag": Rag.BLUE, "deadline": dl(in_days(-10))}, Rag.BLUE,
     "Complete"),
    # rule 2
    ("2 deferred", {"status": Status.DEFERRED, "deadline": dl(in_days(-10))}, Rag.GREY,
     "Deferred"),
    ("2 cancelled", {"status": Status.CANCELLED}, Rag.GREY, "Cancelled"),
    ("2 self n/a", {"self_rag": Rag.GREY, "deadline": dl(in_days(-10))}, Rag.GREY,
     "Not applicable (self-assessed n/a)"),
    # rule 3
    ("3 cli example", {"deadline": dl(D(2008, 4, 30))}, Rag.RED,
     "Overdue by 61 days (due 30 Apr 2008)"),
    ("3 one day", {"deadline": dl(in_days(-1))}, Rag.RED, "Overdue by 1 day (due 29 Jun 2008)"),
    ("3 beats milestones", {"deadline": dl(D(2008, 1, 31), D(2008, 5, 31))}, Rag.RED,
     "Overdue by 30 days (due 31 May 2008)"),
    # rule 4
    ("4 table milestone",
     {"deadline": dl(D(2009, 3, 31)),
      "milestones": [Milestone("1.1", "Action plan in place", D(2008, 3, 31))]},
     Rag.AMBER, 'Milestone missed: "Action plan in place" due 31 Mar 2008'),
    ("4 deadline milestone", {"deadline": dl(D(2008, 4, 30), D(2009, 3, 31))}, Rag.AMBER,
     "Milestone missed: due 30 Apr 2008"),
    ("4 earliest missed named",
     {"deadline": dl(D(2009, 3, 31)),
      "milestones": [Milestone("1.1", "Second", D(2008, 5, 31)),
                     Milestone("1.1", "First", D(2008, 2, 29))]},
     Rag.AMBER, 'Milestone missed: "First" due 29 Feb 2008'),
    ("4 done yes", {"deadline": dl(D(2009, 3, 31)),
                    "milestones": [Milestone("1.1", "Plan", D(2008, 3, 31), done=True)]},
     Rag.GREEN, "On track, due in 274 days"),
    ("4 done on a date before", {"deadline": dl(D(2009, 3, 31)),
                                 "milestones": [Milestone("1.1", "Plan", D(2008, 3, 31),
                                                          done_on=D(2008, 4, 2))]},
     Rag.GREEN, "On track, due in 274 days"),
    ("4 done date after as-of", {"deadline": dl(D(2009, 3, 31)),
                                 "milestones": [Milestone("1.1", "Plan", D(2008, 3, 31),
                                                          done_on=D(2008, 7, 2))]},
     Rag.AMBER, 'Milestone missed: "Plan" due 31 Mar 2008'),
    ("4 milestone due today is not missed",
     {"deadline": dl(D(2009, 3, 31)), "milestones": [Milestone("1.1", "Plan", AS_OF)]},
     Rag.GREEN, "On track, due in 274 days"),
    # rule 5
    ("5 example", {"status": Status.NOT_STARTED, "start": D(2007, 9, 1),
                   "deadline": dl(D(2009, 3, 31))},
     Rag.AMBER, "Not started; planned start 1 Sep 2007"),
    ("5 start today", {"status": Status.NOT_STARTED, "start": AS_OF,
                       "deadline": dl(D(2009, 3, 31))},
     Rag.AMBER, "Not started; planned start 30 Jun 2008"),
    ("5 start tomorrow", {"status": Status.NOT_STARTED, "start": in_days(1),
                          "deadline": dl(D(2009, 3, 31))},
     Rag.GREEN, "On track, due in 274 days"),
    ("5 start from timeline", {"status": Status.NOT_STARTED, "deadline": dl(D(2009, 3, 31)),
                               "planned_months": (D(2008, 5, 1), D(2008, 6, 1))},
     Rag.AMBER, "Not started; planned start 1 May 2008"),
    ("5 blank status is in progress", {"start": D(2007, 9, 1), "deadline": dl(D(2009, 3, 31))},
     Rag.GREEN, "On track, due in 274 days"),
    # rule 6
    ("6 example", {"start": in_days(-300), "deadline": dl(in_days(100)), "percent": 40.0},
     Rag.AMBER, "40% complete, 75% expected by now"),
    ("6 exactly at tolerance", {"start": in_days(-300), "deadline": dl(in_days(100)),
                                "percent": 50.0},
     Rag.GREEN, "On track, due in 100 days"),
    ("6 future start clips to 0", {"start": in_days(10), "deadline": dl(in_days(100)),
                                   "percent": 0.0},
     Rag.GREEN, "On track, due in 100 days"),
    ("6 no percent", {"start": in_days(-300), "deadline": dl(in_days(100))}, Rag.GREEN,
     "On track, due in 100 days"),
    ("6 due today clips to 100", {"start": in_days(-100), "deadline": dl(AS_OF),
                                  "percent": 70.0},
     Rag.AMBER, "70% complete, 100% expected by now"),
    ("6 start after due skipped", {"start": in_days(200), "deadline": dl(in_days(100)),
                                   "percent": 0.0},
     Rag.GREEN, "On track, due in 100 days"),
    # rule 7
    ("7 example", {"deadline": dl(in_days(12)), "percent": 20.0}, Rag.AMBER,
     "Due in 12 days, 20% complete"),
    ("7 not started", {"deadline": dl(in_days(12)), "status": Status.NOT_STARTED}, Rag.AMBER,
     "Due in 12 days, not started"),
    ("7 one day", {"deadline": dl(in_days(1)), "status": Status.NOT_STARTED}, Rag.AMBER,
     "Due in 1 day, not started"),
    ("7 due today is not overdue", {"deadline": dl(AS_OF), "percent": 10.0}, Rag.AMBER,
     "Due today, 10% complete"),
    ("7 window edge", {"deadline": dl(in_days(30)), "percent": 20.0}, Rag.AMBER,
     "Due in 30 days, 20% complete"),
    ("7 past window", {"deadline": dl(in_days(31)), "percent": 20.0}, Rag.GREEN,
     "On track, due in 31 days"),
    ("7 half done", {"deadline": dl(in_days(12)), "percent": 50.0}, Rag.GREEN,
     "On track, due in 12 days"),
    ("7 no percent in progress", {"deadline": dl(in_days(12))}, Rag.GREEN,
     "On track, due in 12 days"),
    ("7 fraction shown", {"deadline": dl(in_days(12)), "percent": 12.5}, Rag.AMBER,
     "Due in 12 days, 12.5% complete"),
    # rule 8
    ("8 ongoing", {"deadline": dl(kind=ONGOING, text="On-going")}, Rag.GREEN, "Ongoing"),
    ("8 recurring after first date",
     {"deadline": dl(D(2008, 3, 31), kind=ONGOING, text="31 March 2008 and each subsequent year")},
     Rag.GREEN, "Ongoing"),
    ("8 recurring not started misses its first date",
     {"status": Status.NOT_STARTED,
      "deadline": dl(D(2008, 3, 31), kind=ONGOING, text="Mar 08 (and quarterly thereafter)")},
     Rag.AMBER, "Milestone missed: due 31 Mar 2008"),
    ("8 ongoing ignores timeline",
     {"deadline": dl(kind=ONGOING, text="Ongoing"), "planned_months": (D(2008, 4, 1),)},
     Rag.GREEN, "Ongoing"),
    # rule 9
    ("9 tbc", {"deadline": dl(kind=TBC, text="To be confirmed")}, Rag.GREY,
     "No due date (to be confirmed)"),
    ("9 blank", {"deadline": dl()}, Rag.GREY, "No due date"),
    ("9 unreadable", {"deadline": dl(text="Marhc 09", flags=(FLAG_UNREADABLE_DATE,))}, Rag.GREY,
     "No due date"),
    # rule 10
    ("10 on track", {"deadline": dl(in_days(120))}, Rag.GREEN, "On track, due in 120 days"),
    ("10 complete enough", {"deadline": dl(in_days(10)), "percent": 90.0}, Rag.GREEN,
     "On track, due in 10 days"),
    # due-date fall-backs (RULES §1, last paragraph)
    ("timeline gives due", {"deadline": dl(), "planned_months": (D(2008, 4, 1), D(2008, 5, 1))},
     Rag.RED, "Overdue by 30 days (due 31 May 2008)"),
    ("tbc with timeline", {"deadline": dl(kind=TBC, text="TBC"),
                           "planned_months": (D(2008, 7, 1), D(2008, 12, 1))},
     Rag.GREEN, "On track, due in 184 days"),
    ("milestone table gives due",
     {"deadline": dl(), "milestones": [Milestone("1.1", "A", D(2008, 9, 30), done=True),
                                       Milestone("1.1", "B", D(2008, 12, 31))]},
     Rag.GREEN, "On track, due in 184 days"),
]


@pytest.mark.parametrize(
    ("fields", "rag", "reason"),
    [pytest.param(f, r, why, id=name) for name, f, r, why in RULE_CASES],
)
def test_rules_table(fields: dict, rag: Rag, reason: str) -> None:
    """Each row of the RULES §2 table gives the documented RAG and reason."""
    rating = rate(make(**fields), AS_OF, Settings())
    assert (rating.computed, rating.rag, rating.reason) == (rag, rag, reason)


def test_rules_example_overdue_45_days() -> None:
    """The RULES table's own example: 45 days after 31 Mar 2008 reads as in the table."""
    rating = rate(make(deadline=dl(D(2008, 3, 31))), D(2008, 5, 15), Settings())
    assert rating.reason == "Overdue by 45 days (due 31 Mar 2008)"
    assert (rating.due, rating.days_left) == (D(2008, 3, 31), -45)


def test_use_blue_no_shows_complete_as_green() -> None:
    """With UseBlue set to No a complete action is Green, still with the reason Complete."""
    rating = rate(make(status=Status.COMPLETE), AS_OF, Settings(use_blue=False))
    assert (rating.rag, rating.computed, rating.reason) == (Rag.GREEN, Rag.GREEN, "Complete")


def test_use_blue_no_complete_ignores_self_assessed_red() -> None:
    """A complete action shown Green (UseBlue No) is not dragged to Red by a self-assessment."""
    action = make(status=Status.COMPLETE, self_rag=Rag.RED)
    assert rate(action, AS_OF, Settings(use_blue=False)).rag == Rag.GREEN


@pytest.mark.parametrize(
    ("window", "tolerance", "rag"),
    [(30, 25, Rag.AMBER), (11, 25, Rag.GREEN), (12, 25, Rag.AMBER)],
)
def test_settings_change_the_amber_window(window: int, tolerance: float, rag: Rag) -> None:
    """The amber window W comes from Settings: due − D == W is inside it, W + 1 is not."""
    rating = rate(
        make(deadline=dl(in_days(12)), percent=20.0),
        AS_OF,
        Settings(amber_window_days=window, progress_tolerance=tolerance),
    )
    assert rating.rag == rag


def test_progress_tolerance_from_settings() -> None:
    """Rule 6 uses the progress tolerance T from Settings."""
    action = make(start=in_days(-300), deadline=dl(in_days(100)), percent=60.0)
    assert rate(action, AS_OF, Settings()).rag == Rag.GREEN
    assert rate(action, AS_OF, Settings(progress_tolerance=10)).reason == (
        "60% complete, 75% expected by now"
    )


def test_rating_fields() -> None:
    """Rating carries the due date and days left (due − as-of), None with no due date."""
    rating = rate(make(deadline=dl(in_days(120))), AS_OF, Settings())
    assert (rating.due, rating.days_left) == (in_days(120), 120)
    rating = rate(make(deadline=dl(kind=TBC)), AS_OF, Settings())
    assert (rating.due, rating.days_left) == (None, None)


def test_reader_milestones_are_not_doubled() -> None:
    """When the reader already added a deadline's interim dates, the rules use its titles."""
    deadline = dl(D(2008, 4, 30), D(2009, 3, 31), text="Apr 08 Mar 09")
    reader_made = Milestone("1.1", "Interim date in 'Apr 08 Mar 09'", D(2008, 4, 30),
                            from_deadline=True)
    rating = rate(make(deadline=deadline, milestones=[reader_made]), AS_OF, Settings())
    assert rating.reason == "Milestone missed: \"Interim date in 'Apr 08 Mar 09'\" due 30 Apr 2008"


# ------------------------------------------------------------------------------------------------
# Self-assessment
# ------------------------------------------------------------------------------------------------

ON_TRACK = {"deadline": dl(in_days(120))}
OVERDUE = {"deadline": dl(D(2008, 4, 30))}
DUE_SOON = {"deadline": dl(in_days(12)), "percent": 20.0}

SELF_CASES = [
    ("red over green", Rag.RED, ON_TRACK, Rag.GREEN, Rag.RED,
     "Self-assessed Red: On track, due in 120 days", False),
    ("amber over green", Rag.AMBER, ON_TRACK, Rag.GREEN, Rag.AMBER,
     "Self-assessed Amber: On track, due in 120 days", False),
    ("red over amber", Rag.RED, DUE_SOON, Rag.AMBER, Rag.RED,
     "Self-assessed Red: Due in 12 days, 20% complete", False),
    ("green but red", Rag.GREEN, OVERDUE, Rag.RED, Rag.RED,
     "Overdue by 61 days (due 30 Apr 2008)", True),
    ("green but amber", Rag.GREEN, DUE_SOON, Rag.AMBER, Rag.AMBER,
     "Due in 12 days, 20% complete", True),
    ("amber but red", Rag.AMBER, OVERDUE, Rag.RED, Rag.RED,
     "Overdue by 61 days (due 30 Apr 2008)", True),
    ("same red", Rag.RED, OVERDUE, Rag.RED, Rag.RED, "Overdue by 61 days (due 30 Apr 2008)", False),
    ("same green", Rag.GREEN, ON_TRACK, Rag.GREEN, Rag.GREEN, "On track, due in 120 days", False),
    ("tbc takes self", Rag.AMBER, {"deadline": dl(kind=TBC)}, Rag.GREY, Rag.AMBER,
     "Self-assessed; no due date", False),
    ("blank takes self", Rag.GREEN, {"deadline": dl()}, Rag.GREY, Rag.GREEN,
     "Self-assessed; no due date", False),
    ("red over ongoing", Rag.RED, {"deadline": dl(kind=ONGOING)}, Rag.GREEN, Rag.RED,
     "Self-assessed Red: Ongoing", False),
    ("complete beats red", Rag.RED, {"status": Status.COMPLETE}, Rag.BLUE, Rag.BLUE, "Complete",
     False),
    ("deferred beats red", Rag.RED, {"status": Status.DEFERRED}, Rag.GREY, Rag.GREY, "Deferred",
     False),
    ("blue self", Rag.BLUE, OVERDUE, Rag.BLUE, Rag.BLUE, "Complete", False),
    ("n/a self", Rag.GREY, OVERDUE, Rag.GREY, Rag.GREY, "Not applicable (self-assessed n/a)",
     False),
    ("none", None, OVERDUE, Rag.RED, Rag.RED, "Overdue by 61 days (due 30 Apr 2008)", False),
]


@pytest.mark.parametrize(
    ("self_rag", "fields", "computed", "final", "reason", "optimistic"),
    [pytest.param(*case[1:], id=case[0]) for case in SELF_CASES],
)
def test_self_assessment(
    self_rag: Rag | None,
    fields: dict,
    computed: Rag,
    final: Rag,
    reason: str,
    optimistic: bool,
) -> None:
    """The self-assessment merges with the computed RAG as RULES §2 says, flagging optimism."""
    rating = rate(make(self_rag=self_rag, **fields), AS_OF, Settings())
    assert (rating.computed, rating.rag, rating.reason) == (computed, final, reason)
    assert (FLAG_OPTIMISTIC in rating.flags) is optimistic


def test_self_assessment_text_used_when_not_normalised() -> None:
    """A self-assessment left only as text ("R") is still applied."""
    rating = rate(make(self_rag_text="R", **ON_TRACK), AS_OF, Settings())
    assert rating.rag == Rag.RED


# ------------------------------------------------------------------------------------------------
# Flags
# ------------------------------------------------------------------------------------------------

FLAG_CASES = [
    ("stale date provided", {"date_provided": D(2008, 3, 1), **ON_TRACK}, {FLAG_STALE}),
    ("92 days is not stale", {"date_provided": in_days(-92), **ON_TRACK}, set()),
    ("93 days is stale", {"date_provided": in_days(-93), **ON_TRACK}, {FLAG_STALE}),
    ("month alone before as-of", {"date_provided": "February", **ON_TRACK}, {FLAG_STALE}),
    ("month alone is this month", {"date_provided": "June", **ON_TRACK}, set()),
    ("month alone last year", {"date_provided": "July", **ON_TRACK}, {FLAG_STALE}),
    ("excel serial", {"date_provided": 39500, **ON_TRACK}, {FLAG_STALE}),
    ("datetime", {"date_provided": dt.datetime(2008, 6, 1, 9, 30), **ON_TRACK}, set()),
    ("stale but complete", {"date_provided": D(2007, 1, 1), "status": Status.COMPLETE}, set()),
    ("stale and not started", {"date_provided": D(2007, 1, 1), "status": Status.NOT_STARTED,
                               **ON_TRACK}, {FLAG_STALE}),
    ("blank commentary due soon", {"commentary": None, "deadline": dl(in_days(10))},
     {FLAG_STALE}),
    ("blank commentary overdue", {"commentary": "  ", **OVERDUE}, {FLAG_STALE}),
    ("blank commentary far off", {"commentary": None, **ON_TRACK}, set()),
    ("blank commentary no due date", {"commentary": None, "deadline": dl(kind=TBC)}, set()),
    ("blank commentary deferred", {"commentary": None, "status": Status.DEFERRED, **OVERDUE},
     set()),
    ("no lead", {"lead": None}, {FLAG_NO_LEAD}),
    ("blank lead", {"lead": "  "}, {FLAG_NO_LEAD}),
    ("leads without main", {"lead": None, "leads": ("AC", "DH")}, set()),
    ("uncertain", {"deadline": dl(D(2009, 3, 31), text="Mar 09?", flags=(FLAG_UNCERTAIN_DATE,))},
     {FLAG_UNCERTAIN_DATE}),
    ("unreadable", {"deadline": dl(text="Marhc 09", flags=(FLAG_UNREADABLE_DATE,))},
     {FLAG_UNREADABLE_DATE}),
    ("duplicate", {"flags": [FLAG_DUPLICATE_REF], **ON_TRACK}, {FLAG_DUPLICATE_REF}),
    ("optimistic", {"self_rag": Rag.GREEN, **OVERDUE}, {FLAG_OPTIMISTIC}),
]


@pytest.mark.parametrize(
    ("fields", "flags"), [pytest.param(f, fl, id=name) for name, f, fl in FLAG_CASES]
)
def test_flags(fields: dict, flags: set[str]) -> None:
    """Each flag of RULES §2 is raised exactly when its condition holds."""
    assert set(rate(make(**fields), AS_OF, Settings()).flags) == flags


def test_flags_in_documented_order() -> None:
    """Several flags come out in the documented order, each once."""
    action = make(
        lead=None,
        commentary=None,
        self_rag=Rag.GREEN,
        flags=[FLAG_DUPLICATE_REF, FLAG_DUPLICATE_REF],
        deadline=dl(D(2008, 3, 31), text="Mar 08?", flags=(FLAG_UNCERTAIN_DATE,)),
    )
    assert rate(action, AS_OF, Settings()).flags == (
        FLAG_OPTIMISTIC,
        FLAG_STALE,
        FLAG_NO_LEAD,
        FLAG_UNCERTAIN_DATE,
        FLAG_DUPLICATE_REF,
    )


def test_stale_after_days_from_settings() -> None:
    """StaleAfterDays comes from Settings."""
    action = make(date_provided=in_days(-40), **ON_TRACK)
    assert FLAG_STALE not in rate(action, AS_OF, Settings()).flags
    assert FLAG_STALE in rate(action, AS_OF, Settings(stale_after_days=30)).flags


# ------------------------------------------------------------------------------------------------
# Words, dates and helpers
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Complete", Status.COMPLETE),
        ("completed", Status.COMPLETE),
        (" ACHIEVED ", Status.COMPLETE),
        ("Done.", Status.COMPLETE),
        ("Deferred", Status.DEFERRED),
        ("suspended", Status.DEFERRED),
        ("Re-programmed", Status.DEFERRED),
        ("Re programmed", Status.DEFERRED),
        ("Cancelled", Status.CANCELLED),
        ("Deleted", Status.CANCELLED),
        ("withdrawn", Status.CANCELLED),
        ("Not started", Status.NOT_STARTED),
        ("not-started", Status.NOT_STARTED),
        ("In progress", Status.IN_PROGRESS),
        ("Slipping badly", Status.IN_PROGRESS),
        ("", Status.IN_PROGRESS),
        (None, Status.IN_PROGRESS),
        (Status.DEFERRED, Status.DEFERRED),
    ],
)
def test_normalise_status(text: object, status: Status) -> None:
    """Status words map as RULES §2 lists, ignoring case, spaces and punctuation."""
    assert normalise_status(text) == status


def test_known_status_words() -> None:
    """Unknown status words are told apart from known ones (for the Checks sheet)."""
    assert is_known_status("On-going") and is_known_status("Completed") and is_known_status(None)
    assert not is_known_status("Slipping badly")


@pytest.mark.parametrize(
    ("text", "rag"),
    [
        ("Blue", Rag.BLUE),
        ("b", Rag.BLUE),
        ("Complete", Rag.BLUE),
        ("GREEN", Rag.GREEN),
        ("g", Rag.GREEN),
        ("Amber ", Rag.AMBER),
        ("A", Rag.AMBER),
        ("red", Rag.RED),
        ("R.", Rag.RED),
        ("n/a", Rag.GREY),
        ("N/A", Rag.GREY),
        ("na", Rag.GREY),
        ("", None),
        (None, None),
        ("Purple", None),
        ("Amber/Green", None),
    ],
)
def test_normalise_self_rag(text: object, rag: Rag | None) -> None:
    """Self-assessed RAG words map to a RAG, n/a to Grey, blank and unknown to None."""
    assert normalise_self_rag(text) == rag


@pytest.mark.parametrize(
    ("value", "as_of", "expected"),
    [
        ("February", D(2008, 6, 30), D(2008, 2, 29)),
        ("Feb", D(2009, 2, 10), D(2009, 2, 10)),
        ("Sept.", D(2008, 6, 30), D(2007, 9, 30)),
        ("june", D(2008, 6, 30), D(2008, 6, 30)),
        ("December", D(2009, 1, 5), D(2008, 12, 31)),
        ("31/03/2010", AS_OF, D(2010, 3, 31)),
        ("31.03.08", AS_OF, D(2008, 3, 31)),
        ("2010-03-31", AS_OF, D(2010, 3, 31)),
        (dt.datetime(2008, 5, 1, 12, 0), AS_OF, D(2008, 5, 1)),
        (D(2008, 5, 1), AS_OF, D(2008, 5, 1)),
        (39538, AS_OF, D(2008, 3, 31)),
        (39538.75, AS_OF, D(2008, 3, 31)),
        ("soon", AS_OF, None),
        ("31/02/2010", AS_OF, None),
        (None, AS_OF, None),
        ("", AS_OF, None),
        (True, AS_OF, None),
        (-3, AS_OF, None),
    ],
)
def test_date_provided_on(value: object, as_of: dt.date, expected: dt.date | None) -> None:
    """Date provided reads dates, serials, numeric text and a month name alone (capped at D)."""
    assert date_provided_on(value, as_of) == expected


def test_date_provided_uses_read_date_for_other_text() -> None:
    """Text the rules cannot read themselves goes to the read_date callable when given."""
    seen: list[object] = []

    def reader(value: object) -> dt.date | None:
        seen.append(value)
        return D(2008, 3, 31) if value == "March 2008" else None

    assert date_provided_on("March 2008", AS_OF, reader) == D(2008, 3, 31)
    assert date_provided_on("February", AS_OF, reader) == D(2008, 2, 29)
    assert seen == ["March 2008"]


def test_due_date_and_planned_start() -> None:
    """Due and start fall back to the Timeline, then (due only) to the milestones."""
    action = make(deadline=dl(D(2009, 3, 31)), planned_months=(D(2008, 9, 1), D(2008, 4, 1)))
    assert due_date(action) == D(2009, 3, 31)
    assert planned_start(action) == D(2008, 4, 1)
    action = make(deadline=dl(kind=TBC), planned_months=(D(2008, 9, 1), D(2009, 2, 1)))
    assert due_date(action) == D(2009, 2, 28)
    action = make(start=D(2008, 1, 15), milestones=[Milestone("1.1", "x", D(2008, 8, 1))])
    assert (due_date(action), planned_start(action)) == (D(2008, 8, 1), D(2008, 1, 15))
    assert (due_date(make()), planned_start(make())) == (None, None)
    assert due_date(make(deadline=dl(D(2009, 3, 31), kind=ONGOING))) is None


@pytest.mark.parametrize(
    ("milestone", "status", "kind", "done"),
    [
        (Milestone("1", "m", D(2008, 1, 1), done=True), Status.IN_PROGRESS, DATE, True),
        (Milestone("1", "m", D(2008, 1, 1)), Status.IN_PROGRESS, DATE, False),
        (Milestone("1", "m", D(2008, 1, 1), done_on=AS_OF), Status.IN_PROGRESS, DATE, True),
        (Milestone("1", "m", D(2008, 1, 1), done_on=in_days(1)), Status.IN_PROGRESS, DATE, False),
        (Milestone("1", "m", D(2008, 1, 1), from_deadline=True), Status.IN_PROGRESS, DATE, False),
        (Milestone("1", "m", D(2008, 1, 1), from_deadline=True), Status.COMPLETE, DATE, True),
        (Milestone("1", "m", D(2008, 1, 1), from_deadline=True), Status.IN_PROGRESS, ONGOING,
         True),
        (Milestone("1", "m", D(2008, 1, 1), from_deadline=True), Status.NOT_STARTED, ONGOING,
         False),
    ],
)
def test_milestone_done(
    milestone: Milestone, status: Status, kind: DeadlineKind, done: bool
) -> None:
    """A milestone is done by its Done cell; a deadline's dates by the action's progress."""
    action = make(status=status, deadline=dl(D(2009, 3, 31), kind=kind))
    assert milestone_done(milestone, action, AS_OF) is done


def test_format_date_has_no_leading_zero() -> None:
    """Dates in reasons read "1 Sep 2007"."""
    assert format_date(D(2007, 9, 1)) == "1 Sep 2007"


# ------------------------------------------------------------------------------------------------
# Properties
# ------------------------------------------------------------------------------------------------

_DAYS = st.dates(min_value=D(2005, 1, 1), max_value=D(2012, 12, 31))
_WORSE = {Rag.GREEN: 0, Rag.AMBER: 1, Rag.RED: 2}


@st.composite
def actions(draw: st.DrawFn, statuses: tuple[Status, ...] = tuple(Status)) -> Action:
    """Arbitrary actions: any status, progress, self-assessment, dates and milestones."""
    kind = draw(st.sampled_from(list(DeadlineKind)))
    dates = tuple(draw(st.lists(_DAYS, max_size=3))) if kind in (DATE, ONGOING) else ()
    if kind == DATE and not dates:
        kind = NONE
    flags = tuple(draw(st.sets(st.sampled_from([FLAG_UNCERTAIN_DATE, FLAG_UNREADABLE_DATE]))))
    milestone = st.builds(
        Milestone,
        ref=st.just("1.1"),
        title=st.text(max_size=5),
        due=st.none() | _DAYS,
        done=st.booleans(),
        done_on=st.none() | _DAYS,
        from_deadline=st.booleans(),
    )
    return make(
        status=draw(st.sampled_from(statuses)),
        percent=draw(st.none() | st.floats(allow_nan=True, allow_infinity=True)),
        self_rag=draw(st.none() | st.sampled_from(list(Rag))),
        self_rag_text=draw(st.none() | st.text(max_size=4)),
        deadline=Deadline("x", dates, kind, flags),
        start=draw(st.none() | _DAYS),
        planned_months=tuple(d.replace(day=1) for d in draw(st.lists(_DAYS, max_size=3))),
        milestones=draw(st.lists(milestone, max_size=3)),
        lead=draw(st.none() | st.text(max_size=3)),
        commentary=draw(st.none() | st.text(max_size=3)),
        date_provided=draw(
            st.none()
            | _DAYS
            | st.integers(-10, 3_000_000)
            | st.floats(allow_nan=True)
            | st.sampled_from(["February", "sept.", "31/03/2008", "soon", "", "31/13/08"])
            | st.text(max_size=6)
        ),
    )


_SETTINGS = st.builds(
    Settings,
    amber_window_days=st.integers(0, 365),
    progress_tolerance=st.floats(0, 100),
    stale_after_days=st.integers(0, 400),
    use_blue=st.booleans(),
)


@given(actions(), _DAYS, _SETTINGS)
@settings(max_examples=300)
def test_rate_never_raises(action: Action, as_of: dt.date, config: Settings) -> None:
    """Any mix of status, progress, self-assessment and dates gives a well-formed rating."""
    rating = rate(action, as_of, config)
    assert isinstance(rating, Rating)
    assert rating.rag in Rag and rating.computed in Rag and rating.reason
    if rating.due is None:
        assert rating.days_left is None
    else:
        assert rating.days_left == (rating.due - as_of).days


@given(actions(), _DAYS, st.integers(1, 2000), _SETTINGS)
def test_later_as_of_never_rescues_red(
    action: Action, as_of: dt.date, later: int, config: Settings
) -> None:
    """A Red action stays Red at any later as-of date (only completion can change it)."""
    if rate(action, as_of, config).rag == Rag.RED:
        assert rate(action, as_of + dt.timedelta(days=later), config).rag == Rag.RED


@given(
    actions(statuses=(Status.NOT_STARTED, Status.IN_PROGRESS)),
    st.sampled_from([Rag.GREEN, Rag.AMBER, Rag.RED]),
    _DAYS,
    _SETTINGS,
)
def test_final_never_better_than_self_assessment(
    action: Action, self_rag: Rag, as_of: dt.date, config: Settings
) -> None:
    """With a Green/Amber/Red self-assessment an open action never ends up better than it."""
    action.self_rag = self_rag
    if action.percent is not None and action.percent >= 100:
        action.percent = None
    rating = rate(action, as_of, config)
    assert rating.rag in _WORSE
    assert _WORSE[rating.rag] >= _WORSE[self_rag]
