"""Heading words and the choice of columns, on hand-built grids (no files).

Tables of the heading words of ``docs/headings.md``; ambiguous headings decided by the cells
under them; the header row found anywhere; the tool's computed block told from a user's "Due
Date"; priority levels never taken for actions; a fresh plan with no actions.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbook_tools.core.headings import AMBIGUOUS, SYNONYMS, find_header, header_at, match_heading
from workbook_tools.core.model import Book, Grid
from workbook_tools.core.reading import read_plan

D = dt.date


def plan_of(*grids: Grid, **kwargs):
    """Read a plan from grids, as of 15 Jan 2026."""
    kwargs.setdefault("today", D(2026, 1, 15))
    return read_plan(Book("tracker.xlsx", list(grids)), **kwargs)


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        # the issue's action words
        *[(h, "action") for h in ("Task", "Task Name", "Task Description", "Action Item",
                                  "Plan Description", "Mitigation Plan", "Milestone description",
                                  "Objective", "Key Objective", "Activity", "Deliverable")],
        # deadline words
        *[(h, "deadline") for h in ("Due Date", "Due By", "End Date", "END", "Finish",
                                    "Planned Completion Date", "Target Date", "Target",
                                    "Milestone")],
        # lead words
        *[(h, "lead") for h in ("Owner", "Responsible Person", "Responsible Party",
                                "Assigned to", "Accountable", "Action Owner")],
        # ref words
        *[(h, "ref") for h in ("ID", "#", "S.No", "No.", "Item No", "Vulnerability ID", "WBS")],
        # status words
        ("Progress", "commentary"),  # preferred; the cells decide (see below)
        ("State", "status"),
        ("Start Date", "start"),
        ("Days", "duration"),
        ("Duration (days)", "duration"),
        ("Priority", "priority"),
        ("Project", "action"),
        ("Phase", "action"),
    ],
)  # fmt: skip
def test_heading_words(heading: str, field: str) -> None:
    """Every heading word of the issue names its field."""
    assert match_heading(heading) == field


@given(
    st.sampled_from([h for words in SYNONYMS.values() for h in words if not h.endswith("…")]),
    st.sampled_from(["upper", "lower", "title", "spaced", "punctuated"]),
)
def test_heading_words_ignore_case_and_punctuation(heading: str, form: str) -> None:
    """A heading matches whatever its case, spacing and punctuation."""
    changed = {
        "upper": heading.upper(),
        "lower": heading.lower(),
        "title": heading.title(),
        "spaced": "  " + heading.replace(" ", "   ") + " ",
        "punctuated": heading.replace(" ", "_") + ":",
    }[form]
    assert match_heading(changed) == match_heading(heading)


def test_every_ambiguous_heading_is_known() -> None:
    """Each ambiguous heading names its preferred field."""
    for heading, fields in AMBIGUOUS.items():
        assert match_heading(heading) == fields[0]


def grid_with(column: str, values: list[object]) -> Grid:
    """A small tracker whose fourth column is headed ``column`` and holds ``values``."""
    rows: list[list[object]] = [["Ref", "Task", "Owner", column]]
    for n, value in enumerate(values, 1):
        rows.append([str(n), f"Task {n}", "Jo", value])
    return Grid("T", rows)


@pytest.mark.parametrize(
    ("column", "values", "field"),
    [
        ("Progress", ["NOT STARTED", "COMPLETE", "IN PROGRESS"], "status"),
        ("Progress", ["Drafted the plan and sent it round.", "Waiting for sign-off by HR."],
         "commentary"),
        ("Progress", [0.5, 1, 0.25], "percent"),
        ("Target", [D(2026, 3, 31), "Mar 26", "31/05/2026"], "deadline"),
        ("Target", ["90% of residents satisfied", "Fewer complaints than last year"], "success"),
        ("Milestone", [D(2026, 3, 31), D(2026, 4, 30)], "deadline"),
        ("Milestone", ["Draft agreed by the board", "Consultation closed"], "notes"),
        ("State", ["Red", "Amber", "Green"], "self_rag"),
        ("Item", ["1.1", "1.2", "2.1"], "ref"),
    ],
)  # fmt: skip
def test_ambiguous_heading_decided_by_its_cells(column: str, values: list, field: str) -> None:
    """An ambiguous heading becomes the field its cells fit: status words, sentences,
    percentages, dates, targets, RAG words, refs."""
    grid = grid_with(column, values)
    if column == "Item":  # a tracker whose only ref-like column is "Item"
        grid = Grid("T", [["Item", "Task", "Owner"], *[[v, "Do", "Jo"] for v in values]])
    header = find_header(grid)
    assert header is not None
    col = 0 if column == "Item" else 3
    assert header.columns.get(field) == col, header.columns


def test_header_row_anywhere_and_repeated_under_page_breaks() -> None:
    """A header after row 30 is found; repeated under a page header it stays one table."""
    header = ["ACTION", "WHEN", "RESPONSIBLE OFFICER"]
    rows: list[list[object]] = [[f"Paragraph {n} of the report."] for n in range(40)]
    rows += [header, ["1.1 Review the plan", "Mar 26", "Ann Lee"], [], ["Updated to 30 06 08"],
             ["Appendix 1"], header, ["1.2 Publish it", "Apr 26", "Ann Lee"]]  # fmt: skip
    grid = Grid("Report", rows)
    assert find_header(grid).row == 40
    plan = plan_of(grid)
    assert [a.ref for a in plan.actions] == ["1.1", "1.2"]
    assert len(plan.tables) == 1


def test_computed_block_is_recognised_only_after_its_marker() -> None:
    """ "Due date" and "Flags" are the user's unless they follow "Computed RAG" in one block."""
    user = header_at(Grid("T", [["Ref", "Action", "Due date", "Flags", "Owner"]]), 0)
    assert user.columns == {"ref": 0, "action": 1, "deadline": 2, "lead": 4}
    assert user.extras == {3: "Flags"}
    tool = header_at(
        Grid("T", [["Ref", "Action", "Due Date", "Computed RAG", "RAG reason", "Due date",
                    "Days left", "Flags"]]),
        0,
    )  # fmt: skip
    assert tool.columns == {
        "ref": 0, "action": 1, "deadline": 2, "computed_rag": 3, "rag_reason": 4,
        "due_date": 5, "days_left": 6, "flags": 7,
    }  # fmt: skip


def test_priority_levels_are_never_actions() -> None:
    """A Priority column of High/Medium/Low is a priority; "Project" is the action, and a
    table with no action-like column at all is no table of actions."""
    grid = Grid(
        "T",
        [["Project", "Priority", "Owner", "Due"],
         ["Replace the boiler", "High", "Estates", "Mar 26"],
         ["Paint the hall", "Low", "Estates", "Jun 26"]],
    )  # fmt: skip
    plan = plan_of(grid)
    assert [(a.action, a.priority) for a in plan.actions] == [
        ("Replace the boiler", "High"),
        ("Paint the hall", "Low"),
    ]
    levels_only = Grid("T", [["Priority", "Owner", "Due"], ["High", "Estates", "Mar 26"]])
    assert find_header(levels_only) is None


def test_sections_labels_and_instructions_are_not_actions() -> None:
    """Section rows give the priority; label rows and instruction rows are not actions."""
    grid = Grid(
        "T",
        [["Ref", "Action", "Owner", "Due Date"],
         ["3. Acceptable Use Policy"],
         ["3.1", "Issue the policy", "Jo", "Mar 26"],
         ["Theme", "Digital services"],
         ["4.1", "Move the forms online", "Al", "Apr 26"],
         [None, "To add more data, insert new rows ABOVE this one"]],
    )  # fmt: skip
    plan = plan_of(grid)
    assert [(a.ref, a.priority) for a in plan.actions] == [
        ("3.1", "3. Acceptable Use Policy"),
        ("4.1", "Digital services"),
    ]


def test_start_plus_duration_is_the_deadline() -> None:
    """A task given as start + days (or weeks) is due on the duration's last day."""
    grid = Grid(
        "Gantt",
        [["Task", "Start", "Days", "Lead"],
         ["Agree scope", D(2026, 1, 5), 10, "ME"],
         ["Build", D(2026, 2, 2), "2 weeks", "ME"],
         ["Launch", D(2026, 3, 2), None, "ME"]],
    )  # fmt: skip
    dues = [a.deadline.due for a in plan_of(grid).actions]
    assert dues == [D(2026, 1, 14), D(2026, 2, 15), None]


def test_fresh_plan_with_no_actions_is_a_plan() -> None:
    """A table of actions with no rows yet is a plan of 0 actions, not an error."""
    plan = plan_of(Grid("Actions", [["Ref", "Priority", "Action", "Lead", "Deadline"]]))
    assert plan.actions == [] and len(plan.tables) == 1


@pytest.mark.parametrize(
    "row",
    [
        ["Name", "Date", "Amount"],
        ["Description", "Status"],
        ["Item", "Qty", "Price"],
        ["No.", "Expected Outcome", "Delivery of affordable housing target"],
    ],
)
def test_other_tables_are_not_action_tables(row: list[str]) -> None:
    """Tables of other things (a price list, a register, a label row) are not action tables."""
    grid = Grid("T", [row, ["x", "y", "z"]])
    assert header_at(grid, 0) is None


def test_docs_list_every_heading_word() -> None:
    """docs/headings.md lists every heading word the reader knows."""
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "docs" / "headings.md").read_text("utf-8")
    words = [w for synonyms in SYNONYMS.values() for w in synonyms] + list(AMBIGUOUS)
    missing = [w for w in words if w not in text]
    assert not missing, missing


def test_fresh_plan_from_new_checks_as_zero_actions(tmp_path, capsys) -> None:
    """``new`` then ``check`` reports 0 actions and exits 0."""
    import json

    from workbook_tools.cli import main

    plan = tmp_path / "plan.xlsx"
    assert main(["new", str(plan), "--directorate", "Resources", "--plan-year", "2026/27"]) == 0
    capsys.readouterr()
    assert main(["check", str(plan), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["actions"] == [] and set(data["counts"].values()) == {0}


def test_a_note_between_actions_does_not_end_the_table() -> None:
    """A long note after a blank row pauses the table; the next row with an action, a lead
    and a deadline carries it on, while the note's own lines are never actions."""
    grid = Grid(
        "T",
        [["Ref", "Action", "Owner", "Due Date"],
         ["1", "Publish the plan", "Jo", "Mar 26"],
         [],
         ["Note: the actions below were added after the review meeting held by the board in "
          "March, and are funded from reserves"],
         ["- funding to be confirmed"],
         ["2", "Consult residents", "Al", "Jun 26"]],
    )  # fmt: skip
    assert [a.ref for a in plan_of(grid).actions] == ["1", "2"]


def test_unknown_headings_beside_known_ones_are_read_by_their_words() -> None:
    """Beside known headings, "Action Steps", "Project Owner" and "Target Resolution Date" are
    the action, lead and deadline; "Date Raised" and "Actual End Date" are not deadlines."""
    grid = Grid(
        "Log",
        [["Issue ID", "Date Raised", "Action Steps", "Project Owner", "Actual End Date",
          "Target Resolution Date", "Status"],
         ["1.1", D(2025, 10, 1), "Fix the form", "Sam Hay", None, D(2026, 2, 27), "Open"]],
    )  # fmt: skip
    header = find_header(grid)
    assert header.columns == {"ref": 0, "action": 2, "lead": 3, "deadline": 5, "status": 6}
    (action,) = plan_of(grid).actions
    assert (action.action, action.lead, action.deadline.due) == (
        "Fix the form",
        "Sam Hay",
        D(2026, 2, 27),
    )


def test_words_alone_never_make_a_header() -> None:
    """A row of data whose cells merely contain words like "action" or "progress" is not a
    header row."""
    grid = Grid(
        "T",
        [["Ref", "Action", "Lead", "Deadline"],
         ["1", "Agree the action plan", "Jo", "Mar 26"],
         ["2", "Review progress of the task group", "Al", "Jun 26"]],
    )  # fmt: skip
    assert [a.ref for a in plan_of(grid).actions] == ["1", "2"]


def test_status_of_rag_words_is_the_self_assessment() -> None:
    """A Status column holding Red/Amber/Green (and no RAG column) is the self-assessed RAG;
    one holding status words stays the status."""
    rag = Grid("T", [["Task", "Owner", "Status"], ["Do it", "Jo", "Red"], ["Next", "Al", "Green"]])
    assert find_header(rag).columns == {"action": 0, "lead": 1, "self_rag": 2}
    words = Grid("T", [["Task", "Owner", "Status"], ["Do it", "Jo", "Awaiting sign-off"]])
    assert find_header(words).columns == {"action": 0, "lead": 1, "status": 2}


def test_sheets_of_lists_are_not_plans() -> None:
    """A sheet of drop-down lists is never read as a plan, whatever its headings."""
    lists = Grid("Lists", [["Category", "Owner", "Status"], ["IT", "Jo", "Open"]])
    plan_sheet = Grid("Plan", [["Task", "Owner", "Due"], ["Do it", "Jo", "Mar 26"]])
    assert [a.sheet for a in plan_of(lists, plan_sheet).actions] == ["Plan"]


@pytest.mark.parametrize(
    ("row", "field_col"),
    [
        (["Non-conformity", "Corrective Action", "Owner", "Due Date"], 1),
        (["Issue", "Owner", "Target Date", "Status"], 0),
        (["Recommendation", "Management Response", "Action Owner", "Target Date"], 0),
        (["Weakness Name", "Overall Remediation Plan", "Point of Contact",
          "Scheduled Completion Date"], 1),
    ],
)  # fmt: skip
def test_logs_of_issues_and_findings(row: list[str], field_col: int) -> None:
    """An audit or issue log is a table of actions: the corrective action, the issue or the
    recommendation is the action when nothing else is."""
    grid = Grid("Log", [row, ["x y z", "Jo Bloggs", "Jo Bloggs", "Mar 26"]])
    header = find_header(grid)
    assert header is not None and header.columns["action"] == field_col


def test_bold_group_row_is_a_section_even_among_numbered_actions() -> None:
    """A group row told only by its bold font is a section, not part of the action above."""
    rows = [
        ["ID", "Task", "Owner", "Due"],
        ["1", "Draft the plan", "Jo", "Mar 26"],
        [None, "Communications"],
        ["2", "Write the newsletter", "Al", "Apr 26"],
        [None, "and the web page"],
    ]
    plain = plan_of(Grid("T", rows))
    bold = plan_of(Grid("T", rows, bold=frozenset({(0, 1), (2, 1)})))
    assert [a.priority for a in bold.actions] == [None, "Communications"]
    assert bold.actions[0].action == "Draft the plan"
    assert bold.actions[1].action == "Write the newsletter\nand the web page"
    assert plain.actions[0].action == "Draft the plan\nCommunications"


def test_row_without_ref_under_numbered_actions_is_named_in_checks() -> None:
    """A row with no ref under numbered actions is read as part of the action above, and a
    warning names its cell when it has a lead or deadline of its own."""
    grid = Grid(
        "Plan",
        [["Ref.", "Measures of Success", "Actions Required", "Timescales", "Lead"],
         ["5.3", "Positive Media Coverage.", "Weekly report to CMT", "On-going", "HB"],
         [None, None, "Percentage of positive press articles", "On-going", "HB"],
         ["5.4", "Brand Recognition", "Brand Action Plan", "2008/09", None]],
    )  # fmt: skip
    plan = plan_of(grid)
    assert [a.ref for a in plan.actions] == ["5.3", "5.4"]
    assert plan.actions[0].action.endswith("Percentage of positive press articles")
    (warning,) = [c for c in plan.checks if "no ref" in c.message]
    assert (warning.sheet, warning.cell) == ("Plan", "C3")


@pytest.mark.parametrize(
    ("heading", "fields", "quarter"),
    [
        ("Q1 update", ("commentary",), 1),
        ("Q2 RAG", ("self_rag",), 2),
        ("Qtr 3 comments", ("commentary", "notes"), 3),
        ("Quarter 4 status", ("status",), 4),
        ("Progress update Q2", ("commentary",), 2),
        ("Update (Q4)", ("commentary",), 4),
        ("Q1 2026/27 update", ("commentary",), 1),
        ("Q2", None, None),
        ("Quarterly update", None, None),
        ("Q5 update", None, None),
        ("Q2 target", ("deadline", "success"), 2),
    ],
)
def test_quarter_headings(
    heading: str, fields: tuple[str, ...] | None, quarter: int | None
) -> None:
    """A heading for one reporting quarter names the fields of the heading without the quarter
    (an ambiguous one still decided by its cells), and its quarter; a bare or impossible
    quarter, or words naming no field, name nothing."""
    from workbook_tools.core.heading_words import period_heading

    found = period_heading(heading)
    assert (found is None) if fields is None else (found == (fields, quarter))


def test_a_column_per_quarter_reads_the_latest_one_written() -> None:
    """With an update and a RAG column for each quarter, the latest quarter with anything
    written is the commentary and the self-assessed RAG (Q3 is still empty); the earlier
    quarters are kept as extra columns."""
    grid = Grid("Plan", [
        ["Ref", "Key Actions", "Lead Officer", "Target Date", "Q1 update", "Q1 RAG",
         "Q2 update", "Q2 RAG", "Q3 update", "Q3 RAG"],
        ["1", "Masterplan", "Regen", "Mar-27", "Appointed", "G", "Draft out", "A", None, None],
        ["2", "Grants", "Econ Dev", "Sept 26", "Designed", "G", "Launched", "G", None, None],
    ])  # fmt: skip
    header = header_at(grid, 0)
    assert header is not None
    assert header.columns["commentary"] == 6 and header.columns["self_rag"] == 7
    assert header.extras[4] == "Q1 update" and header.extras[8] == "Q3 update"


def test_short_comments_are_the_commentary_when_there_is_no_other() -> None:
    """A "Comments" column of a few words each is the progress commentary when the table has no
    other commentary column (not notes), so no action is reported as having no commentary."""
    grid = Grid("Plan", [
        ["Ref", "Action", "Lead", "End", "RAG", "Comments"],
        ["1", "Review delegation", "Legal", "Dec 2026", "Amber", "On track"],
        ["2", "Member training", "Democratic Services", "Mar 2027", "Green", "Booked"],
    ])  # fmt: skip
    header = header_at(grid, 0)
    assert header is not None and header.columns["commentary"] == 5
    assert "notes" not in header.columns
    with_update = header_at(
        Grid("Plan", [[*grid.rows[0], "Progress update"],
                      [*grid.rows[1], "Report drafted and sent to the Monitoring Officer"]]),
        0,
    )  # fmt: skip
    assert with_update is not None and with_update.columns["commentary"] == 6


@pytest.mark.parametrize(
    ("left", "action", "priority"),
    [("Objective", 1, 0), ("Deliverable", 1, 0), ("Key objective", 0, None)],
)
def test_two_action_headings(left: str, action: int, priority: int | None) -> None:
    """Beside "Action required", an Objective or Deliverable column is what the actions sit
    under; the specification's own "Key objective" keeps its leftmost rule and stays the
    action."""
    grid = Grid("Plan", [
        [left, "Action required", "Lead", "Deadline"],
        ["Safer streets", "Install CCTV", "J Smith", "Mar 2027"],
        [None, "Review lighting", "K Jones", "Nov 2026"],
    ])  # fmt: skip
    header = header_at(grid, 0)
    assert header is not None and header.columns["action"] == action
    assert header.columns.get("priority") == priority
