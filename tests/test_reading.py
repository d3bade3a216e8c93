"""The reader on hand-built grids: every layout rule of WORKBOOK.md, no workbook files."""

from __future__ import annotations

import datetime as dt

import pytest

from workbook_tools.core.cells import parse_ref, split_leading_ref, split_leads
from workbook_tools.core.headings import match_heading
from workbook_tools.core.model import Book, DeadlineKind, Grid, Rag, Status
from workbook_tools.core.reading import read_plan
from workbook_tools.errors import NoActionTableError

D = dt.date


def plan_of(*grids: Grid, names: dict | None = None, **kwargs):
    """Read a plan from grids (the as-of date fixed so timelines are reproducible)."""
    kwargs.setdefault("today", D(2008, 6, 30))
    return read_plan(Book("plan.xlsx", list(grids), names or {}), **kwargs)


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        ("Ref", "ref"),
        ("No.", "ref"),
        ("Ref.", "ref"),
        ("#", "ref"),
        ("Our key commitments for 2009-11", "priority"),
        ("Annual Plan Commitment", "priority"),
        ("HIGH PRIORITIES", "priority"),
        ("SCC priority", "priority"),
        ("Expected Outcome", "priority"),
        ("What are the key actions we will take to achieve these commitments?", "action"),
        ("Actions Required", "action"),
        ("Key Objective", "action"),
        ("WE WILL ACHIEVE", "action"),
        ("ACTION", "action"),
        ("Strategic lead", "lead"),
        ("Responsible Officer", "lead"),
        ("RESPONSIBLE OFFICER (and others with a major role)", "lead"),
        ("Lead officer", "lead"),
        ("Contact Details", "lead"),
        ("Completion date", "deadline"),
        ("WHEN", "deadline"),
        ("Timescales", "deadline"),
        ("Deadline for completion", "deadline"),
        ("O/S Tasks Completion Date", "deadline"),
        ("Target date", "deadline"),
        ("Progress status", "status"),
        ("% Complete", "percent"),
        ("Percent complete", "percent"),
        ("Red/Amber/ Green?", "self_rag"),
        ("BRAG", "self_rag"),
        ("Self-assessed RAG", "self_rag"),
        ("Latest Commentary", "commentary"),
        ("Comments On Progress", "commentary"),
        ("PROGRESS", "commentary"),
        ("Progress to Date (if 200708)", "commentary"),
        ("Date provided", "date_provided"),
        ("Remedial action", "corrective"),
        ("Corrective Action", "corrective"),
        ("Measures of Success", "success"),
        ("Key measures of success", "success"),
        ("Risk rating", "risk"),
        ("RELEVANT PROGRAMMES/ PROJECTS & OTHER COMMENTS", "notes"),
        ("monitoring arrangements", "notes"),
        ("Computed RAG", "computed_rag"),
        ("EINA Y/N", None),
        ("Anything else", None),
    ],
)
def test_heading_synonyms(heading, field):
    """Every synonym of WORKBOOK.md maps to its field, ignoring case, spaces and punctuation."""
    assert match_heading(heading) == field


@pytest.mark.parametrize(
    ("text", "leads", "supporting"),
    [
        ("AC/ DH", ("AC", "DH"), None),
        (
            "Tony Geeson (Heads of service, Research)",
            ("Tony Geeson",),
            "Heads of service, Research",
        ),
        ("Head of HR&D", ("Head of HR&D",), None),
        ("CF/HB", ("CF", "HB"), None),
        (
            "Chief Executive's Office Management Team & Louise Evans",
            ("Chief Executive's Office Management Team", "Louise Evans"),
            None,
        ),
        ("Sonia Rees, David Powell (Directors)", ("Sonia Rees", "David Powell"), "Directors"),
        ("Jo Boulton and Liz Clark", ("Jo Boulton", "Liz Clark"), None),
        ("", (), None),
    ],
)
def test_split_leads(text, leads, supporting):
    """Leads split on / , & and 'and'; the text in brackets is the supporting cast."""
    assert split_leads(text) == (leads, supporting)


@pytest.mark.parametrize(
    ("value", "ref"),
    [
        ("1.1", "1.1"),
        ("1.1.", "1.1"),
        ("4.1.3", "4.1.3"),
        (3, "3"),
        (1.2, "1.2"),
        ("4.", "4"),
        ("Priority CP1: Town Centre", None),
        ("2.1, 2.2, 2.3,", None),
        (None, None),
        (True, None),
    ],
)
def test_parse_ref(value, ref):
    """Ref cells give hierarchical refs without trailing dots; other text gives none."""
    assert parse_ref(value) == ref


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.1 Joint Strategic Needs Analysis", ("1.1", "Joint Strategic Needs Analysis")),
        ("3.1. Deliver 80 units", ("3.1", "Deliver 80 units")),
        ("2. Engaging and empowering", ("2", "Engaging and empowering")),
        ("7.5% efficiency gain by 2008", (None, "7.5% efficiency gain by 2008")),
        ("2010 Best Value survey", (None, "2010 Best Value survey")),
        ("24 hour service", (None, "24 hour service")),
    ],
)
def test_split_leading_ref(text, expected):
    """A ref at the start of action text is split off; percentages and years are not refs."""
    assert split_leading_ref(text) == expected


def test_header_found_below_title_rows_and_blank_priority_inherits():
    """The header may sit below title rows; a blank priority takes the one above (seed 000)."""
    grid = Grid(
        "Plan",
        [
            ["Corporate Plan 2009-11"],
            [],
            [
                "Our key commitments for 2009-11",
                "What are the key actions…?",
                "Completion date",
                "Strategic lead",
                "Latest Commentary",
                "Date provided",
            ],
            [
                "Rationalise estates",
                "Implement Accommodation Strategy",
                "Mar-11",
                "Director of Resources",
                "Strategy agreed.",
                "February",
            ],
            [None, "Implement changes to constitution", "Mar-09", None, "Adopted.", "February"],
        ],
    )
    plan = plan_of(grid)
    assert [a.action for a in plan.actions] == [
        "Implement Accommodation Strategy",
        "Implement changes to constitution",
    ]
    assert [a.priority for a in plan.actions] == ["Rationalise estates"] * 2
    assert plan.actions[0].deadline.due == D(2011, 3, 31)
    assert plan.actions[0].row == 4
    assert plan.actions[0].cells["deadline"] == "C4"
    assert plan.actions[1].lead is None
    assert plan.tables[0].header_row == 3


def test_no_action_column_uses_priority_text_under_section_headings():
    """With no Action column the priority column is the action; section rows give the priority."""
    grid = Grid(
        "Q2",
        [
            ["MTCS and ANNUAL PLAN COMMITMENTS MONITORING Q2 2007-08 -Resources"],
            [
                "Annual Plan Commitment",
                "Responsible Officer",
                "Red/Amber/ Green?",
                "Comments On Progress",
            ],
            ["Strategic Change Programme"],
            [
                "Customer First will: introduce a customer service centre",
                "Simon Lawrence",
                "Green",
                "On track",
            ],
            ["Continue with the website", "Simon Lawrence", "Amber", "Pages being rewritten"],
        ],
    )
    plan = plan_of(grid)
    assert len(plan.actions) == 2
    assert {a.priority for a in plan.actions} == {"Strategic Change Programme"}
    assert plan.actions[0].action.startswith("Customer First will")
    assert [a.self_rag for a in plan.actions] == [Rag.GREEN, Rag.AMBER]


def test_parent_ref_rows_are_headings_and_give_the_priority():
    """A parent-ref row with no lead, deadline, status or marks heads the rows below it."""
    months = [
        "July",
        "Aug.",
        "Sep.",
        "Oct.",
        "Nov.",
        "Dec.",
        "Jan.",
        "Feb.",
        "Mar.",
        "Apr.",
        "May",
        "June",
    ]
    grid = Grid(
        "Grid",
        [
            ["Appendix 2 - Improvement Plan: 2007/08 Update"],
            ["Ref.", "Action", "Lead", *[None] * 12, "Corrective Action"],
            [None, None, None, *months],
            ["3.1.", "Deliver 80 units of affordable housing a year"],
            ["3.1.1", "Complete RSL Preferred Partner selection", "AC", "x", "x"],
            ["3.1.2", "Develop draft guidance", "AC", None, None, None, None, None, None, "x"],
        ],
        fills=frozenset({(5, 8)}),
    )
    plan = plan_of(grid)
    assert [a.ref for a in plan.actions] == ["3.1.1", "3.1.2"]
    assert {a.priority for a in plan.actions} == {
        "3.1 Deliver 80 units of affordable housing a year"
    }
    assert plan.actions[0].planned_months == (D(2007, 7, 1), D(2007, 8, 1))
    assert plan.actions[1].planned_months == (D(2007, 12, 1), D(2008, 1, 1))
    assert plan.tables[0].month_columns[4] == D(2007, 7, 1)


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


def test_repeated_page_headers_noise_and_embedded_refs():
    """Repeated headers and page lines are skipped; refs come from the action text (seed 002)."""
    header = [
        "ACTION",
        "WHEN",
        "PROGRESS",
        "SUCCESS CRITERIA",
        "RESPONSIBLE OFFICER (and others with a major role)",
    ]
    grid = Grid(
        "CAA",
        [
            ["Updated to 30 06 08"],
            ["Appendix 1"],
            ["1. Understanding the area"],
            header,
            [
                "1.1 Joint Strategic Needs Analysis",
                "Apr 08",
                "Draft produced",
                "Agreed",
                "Director of Public Health, Deputy Chief Executive (Other directors)",
            ],
            ["Scoping what exists/gaps"],
            ["Updated to 30 06 08"],
            ["Appendix 1"],
            header,
            [
                "1.3 Identify changes to data collection",
                "Apr 08 Mar 09",
                "Timetabled",
                "In place",
                "Tony Geeson (Heads of service)",
            ],
        ],
    )
    plan = plan_of(grid)
    assert [a.ref for a in plan.actions] == ["1.1", "1.3"]
    assert plan.actions[0].action == "Joint Strategic Needs Analysis\nScoping what exists/gaps"
    assert plan.actions[0].priority == "1 Understanding the area"
    assert plan.actions[0].leads == ("Director of Public Health", "Deputy Chief Executive")
    assert plan.actions[1].supporting == "Heads of service"
    assert plan.settings.as_of == D(2008, 6, 30)
    assert [m.due for m in plan.actions[1].milestones] == [D(2008, 4, 30)]
    assert plan.actions[1].milestones[0].from_deadline


def test_duplicate_refs_flag_both_rows_and_continuations_fold_in():
    """The same ref twice flags both rows; a row without a ref continues the one above."""
    grid = Grid(
        "Grid",
        [
            ["Ref.", "Action", "Lead", "Timescales"],
            ["4.1.3", "Report survey", "HB", "Mar 08"],
            ["4.1.3", "Agree new set with Cabinet", "HB", "Mar 08"],
            ["4.1.4", "Publish in Council Plan", "HB", "Mar 08"],
            [None, "along with Customer Standards."],
        ],
    )
    plan = plan_of(grid)
    assert [a.ref for a in plan.actions] == ["4.1.3", "4.1.3", "4.1.4"]
    assert [("duplicate-ref" in a.flags) for a in plan.actions] == [True, True, False]
    assert plan.actions[2].action == "Publish in Council Plan\nalong with Customer Standards."


def test_multi_ref_row_is_a_heading():
    """A Ref cell naming several refs ('2.1, 2.2, 2.3,') with no lead is a heading row."""
    grid = Grid(
        "Grid",
        [
            ["Ref.", "Action", "Lead", "Timescales"],
            ["2.1, 2.2, 2.3,", "Creation of Employment Mixed Housing"],
            ["2.1", "Respond to Preferred options document", "PS", "Mar 08"],
        ],
    )
    plan = plan_of(grid)
    assert [a.ref for a in plan.actions] == ["2.1"]
    assert plan.actions[0].priority == "Creation of Employment Mixed Housing"


def test_html_fragments_and_continuation_dates_become_milestones():
    """HTML pasted from Word is stripped; a continuation row's dates become milestones."""
    grid = Grid(
        "Plan",
        [
            [
                "SCC priority",
                "Key Objective",
                "Milestones",
                "Deadline for completion",
                "Lead officer",
            ],
            [
                "Always Improve",
                "<p>Corporate Plan reports</p> <p>highlight concerns</p>",
                "Develop a framework",
                "Quarterly ongoing",
                "Head of PSU",
            ],
            [None, None, "Set new priorities", "01 June 2008", None],
        ],
    )
    plan = plan_of(grid)
    (action,) = plan.actions
    assert action.action == "Corporate Plan reports\nhighlight concerns"
    assert action.deadline.kind is DeadlineKind.ONGOING
    assert [(m.title, m.due) for m in action.milestones] == [("Set new priorities", D(2008, 6, 1))]


def test_directorate_line_above_table_and_override():
    """'Directorate: NAME' above the table names the directorate; --directorate overrides it."""
    grid = Grid(
        "Plan",
        [
            ["Directorate: Resources"],
            ["Ref", "Action", "Lead", "Deadline"],
            ["1", "Do it", "AB", "Mar 09"],
        ],
    )
    assert plan_of(grid).directorate == "Resources"
    assert plan_of(grid, directorate="Finance").directorate == "Finance"
    label_right = Grid("P", [["Directorate", "Adults"], *grid.rows[1:]])
    assert plan_of(label_right).directorate == "Adults"
    assert plan_of(Grid("P", grid.rows[1:])).directorate == "plan"


def test_template_layout_settings_milestones_and_timeline_merge():
    """Template sheets: names give settings, Milestones attach by ref, Timeline rows merge."""
    settings = Grid(
        "Settings",
        [
            ["Setting", "Value"],
            ["Organisation", "Example Council"],
            ["Directorate (who this return is from)", "Resources"],
            ["Amber window (days)", 14],
            ["Show complete as Blue", "No"],
        ],
    )
    actions = Grid(
        "Actions",
        [
            [
                "Ref",
                "Priority",
                "Action",
                "Lead",
                "Start",
                "Deadline",
                "Status",
                "% Complete",
                "Self-assessed RAG",
                "Commentary",
                "Date provided",
                "Computed RAG",
                "RAG reason",
            ],
            [
                "1.1",
                "Town centre",
                "Area action plan",
                "PS",
                D(2007, 9, 1),
                "31 March 08",
                "In progress",
                0.4,
                "G",
                "Going well",
                D(2008, 6, 1),
                "Red",
                "old reason",
            ],
            ["1.2", None, "Consultation", None, None, None, "not started", None, None, None, None],
        ],
        percent=frozenset({(1, 7)}),
    )
    milestones = Grid(
        "Milestones",
        [
            ["Ref", "Milestone", "Due", "Done", "Notes"],
            ["1.1", "Draft plan", "Jan 08", "Yes", None],
            ["1.2", "Survey", D(2008, 3, 1), D(2008, 2, 20), None],
        ],
    )
    grid_months = [D(2008, m, 1) for m in range(4, 13)] + [D(2009, m, 1) for m in (1, 2, 3)]
    timeline = Grid(
        "Timeline",
        [
            ["Ref", "Action", "Lead", *grid_months, "Corrective action"],
            ["1.2", "Consultation", "PM", "x", None, None, *[None] * 9, "Recruit help"],
            ["9.9", "Only in the grid", "ZZ", None, "x"],
        ],
    )
    plan = plan_of(settings, actions, milestones, timeline, names={"AmberWindowDays": 21})
    assert plan.is_template
    assert plan.settings.organisation == "Example Council"
    assert plan.settings.amber_window_days == 21  # the defined name wins over the table
    assert plan.settings.use_blue is False
    assert [a.ref for a in plan.actions] == ["1.1", "1.2", "9.9"]
    first, second, grid_only = plan.actions
    assert first.percent == pytest.approx(40)
    assert first.self_rag is Rag.GREEN
    assert first.start == D(2007, 9, 1)
    assert first.status is Status.IN_PROGRESS
    assert "computed_rag" not in first.extra and "Computed RAG" not in first.extra
    assert [m.title for m in first.milestones] == ["Draft plan"]
    assert first.milestones[0].done
    assert second.status is Status.NOT_STARTED
    assert second.lead == "PM" and second.corrective == "Recruit help"
    assert second.planned_months == (D(2008, 4, 1),)
    assert second.milestones[0].done_on == D(2008, 2, 20)
    assert grid_only.sheet == "Timeline" and grid_only.planned_months == (D(2008, 5, 1),)
    assert "duplicate-ref" not in second.flags


def test_unreadable_setting_becomes_a_warning_and_keeps_the_default():
    """A Settings value that cannot be read keeps its default and is reported."""
    settings = Grid("Settings", [["Setting", "Value"], ["Amber window (days)", "a month"]])
    actions = Grid("Actions", [["Ref", "Action", "Lead", "Deadline"], ["1", "Do", "A", "Mar 09"]])
    plan = plan_of(settings, actions)
    assert plan.settings.amber_window_days == 30
    assert any("Amber window" in c.message and c.cell == "B2" for c in plan.checks)


def test_no_table_raises_a_clear_error():
    """A workbook with no action table raises NoActionTableError naming the file."""
    with pytest.raises(NoActionTableError, match=r"plan\.xlsx: no sheet has a table of actions"):
        plan_of(Grid("Notes", [["Just some notes"], ["and more"]]))


def test_percent_forms():
    """% complete reads numbers, '40%' text and fractions from percent-formatted cells."""
    grid = Grid(
        "P",
        [
            ["Ref", "Action", "Lead", "% Complete"],
            ["1", "a", "x", "40%"],
            ["2", "b", "x", 0.5],
            ["3", "c", "x", 60],
            ["4", "d", "x", "lots"],
        ],
        percent=frozenset({(2, 3)}),
    )
    plan = plan_of(grid)
    assert [a.percent for a in plan.actions] == [40, 50, 60, None]
    assert any(c.cell == "D5" for c in plan.checks)


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
