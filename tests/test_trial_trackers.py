"""Action trackers in shapes officers make them and the reader had not been shown, read by
``check --json`` (and ``import``) as a performance officer reads them: a SharePoint list export
(Title, "Roe, John; Poe, Mary", month-first dates), headings in two rows under a group heading,
a Google Sheets checkbox column for "Done", plain-English headings ("What we will do", "How are
we doing?"), wrapped headings with two names, status words with explanations, RAG cells given
only by colour, a Totals row, and a sheet per priority."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest

from workbook_tools.cli import main

AS_OF = "2026-10-15"


def csv_file(folder: Path, name: str, text: str) -> Path:
    """A CSV file ``name`` in ``folder`` holding ``text``, as UTF-8 (how the exports are saved)."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def check_json(path: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    """``check PATH --json --as-of AS_OF`` parsed (the run must print JSON)."""
    capsys.readouterr()
    code = main(["check", str(path), "--json", "--as-of", AS_OF])
    out, err = capsys.readouterr()
    assert out.strip(), f"no JSON (exit {code}): {err}"
    return json.loads(out)


def test_sharepoint_list_export_reads_title_as_the_action(tmp_path, capsys):
    """A SharePoint list saved as CSV ("ID, Title, Assigned To, Due Date, Status, Modified")
    reads each item's Title as the action, with its lead, due date and status."""
    path = csv_file(
        tmp_path,
        "Safeguarding actions.csv",
        "\ufeffID,Title,Assigned To,Due Date,Status,Modified\n"
        "1,Update safeguarding policy,Jane Doe,15/09/2026,Completed,20/09/2026 10:12\n"
        "2,Train frontline staff,John Roe,30/11/2026,In Progress,01/10/2026 09:00\n"
        "3,Audit case files,Jane Doe,31/08/2026,Not Started,02/07/2026 14:30\n",
    )
    actions = check_json(path, capsys)["actions"]
    assert [(a["ref"], a["action"], a["lead"], a["due"]) for a in actions] == [
        ("1", "Update safeguarding policy", "Jane Doe", "2026-09-15"),
        ("2", "Train frontline staff", "John Roe", "2026-11-30"),
        ("3", "Audit case files", "Jane Doe", "2026-08-31"),
    ]
    assert [a["rag"] for a in actions] == ["Blue", "Green", "Red"]


def test_title_beside_an_action_column_stays_out_of_the_action(tmp_path, capsys):
    """Where a tracker has both "Title" and "Action", the Action column is the action."""
    path = csv_file(
        tmp_path,
        "Plan.csv",
        "Ref,Title,Action,Lead,Deadline\n"
        "1,Homes,Build 200 affordable homes,Housing Director,31/03/2027\n",
    )
    (action,) = check_json(path, capsys)["actions"]
    assert action["action"].startswith("Build 200 affordable homes")


def _two_row_headings(path: Path) -> Path:
    """ "Timescales" merged over "Start | End", the other headings merged down two rows."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Tracker"
    ws.append(["Ref", "Action", "Lead", "Timescales", None, "Status", "Latest update (Oct)"])
    ws.append([None, None, None, "Start", "End", None, None])
    ws.merge_cells("D1:E1")
    for column in "ABCFG":
        ws.merge_cells(f"{column}1:{column}2")
    rows = [
        ["1", "Recruit two housing officers", "Head of Housing",
         dt.date(2026, 4, 1), dt.date(2026, 11, 30), "In progress", "One appointed"],
        ["2", "Adopt allocations policy", "Cabinet member",
         dt.date(2026, 5, 1), dt.date(2026, 12, 31), "In progress", "Draft out"],
        ["3", "Empty homes review", "Housing Strategy Manager",
         dt.date(2026, 1, 1), dt.date(2026, 6, 30), "Complete", "Report to cabinet"],
    ]  # fmt: skip
    for row in rows:
        ws.append(row)
        ws.cell(ws.max_row, 4).number_format = "dd/mm/yyyy"
        ws.cell(ws.max_row, 5).number_format = "dd/mm/yyyy"
    wb.save(path)
    return path


def test_group_heading_over_start_and_end_reads_end_as_the_deadline(tmp_path, capsys):
    """Headings in two rows ("Timescales" over "Start | End") read End as the deadline and
    Start as the start, never the start date as the deadline."""
    path = _two_row_headings(tmp_path / "Housing tracker.xlsx")
    data = check_json(path, capsys)
    actions = data["actions"]
    assert [(a["ref"], a["due"]) for a in actions] == [
        ("1", "2026-11-30"), ("2", "2026-12-31"), ("3", "2026-06-30"),
    ]  # fmt: skip
    assert [a["rag"] for a in actions] == ["Green", "Green", "Blue"]
    assert not [c for c in data["checks"] if "commentary" in c["message"]]


def _checkbox_tracker(path: Path) -> Path:
    """A Google Sheets to-do list: "Task | Owner | Due date | Done? | Notes", Done? a checkbox."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Task", "Owner", "Due date", "Done?", "Notes"])
    ws.append(["Send survey to residents", "Amy", dt.date(2026, 10, 1), True, "sent"])
    ws.append(["Analyse responses", "Ben", dt.date(2026, 11, 15), False, None])
    ws.append(["Write report", "Amy", dt.date(2026, 9, 30), False, None])
    for r in range(2, 5):
        ws.cell(r, 3).number_format = "dd/mm/yyyy"
    wb.save(path)
    return path


def test_ticked_done_checkbox_is_complete(tmp_path, capsys):
    """A ticked "Done?" checkbox makes the action Complete (Blue); an unticked one leaves the
    rules to the deadline."""
    path = _checkbox_tracker(tmp_path / "To do.xlsx")
    data = check_json(path, capsys)
    assert [(a["status"], a["rag"]) for a in data["actions"]] == [
        ("Complete", "Blue"), ("In progress", "Green"), ("In progress", "Red"),
    ]  # fmt: skip
    assert not [c for c in data["checks"] if "status" in c["message"].casefold()]


def test_checkboxes_exported_as_csv_text_read_the_same(tmp_path, capsys):
    """The same list downloaded from Google Sheets as CSV (TRUE / FALSE as text) reads alike."""
    path = csv_file(
        tmp_path,
        "To do.csv",
        "Task,Owner,Due date,Done?,Notes\n"
        "Send survey to residents,Amy,01/10/2026,TRUE,sent\n"
        "Analyse responses,Ben,15/11/2026,FALSE,\n",
    )
    data = check_json(path, capsys)
    assert [a["rag"] for a in data["actions"]] == ["Blue", "Green"]


def test_completed_column_of_dates_is_not_the_status(tmp_path, capsys):
    """A "Completed" column holding dates is not read as a checkbox status: the Status column
    still gives the status."""
    path = csv_file(
        tmp_path,
        "Log.csv",
        "Action,Lead,Due date,Completed,Status\n"
        "Fix the roof,Estates,30/09/2026,28/09/2026,Complete\n"
        "Paint the hall,Estates,30/11/2026,,In progress\n",
    )
    data = check_json(path, capsys)
    assert [a["rag"] for a in data["actions"]] == ["Blue", "Green"]


def test_plain_english_headings_what_we_will_do(tmp_path, capsys):
    """A plan in plain English ("Ref | What we will do | Who | By when | Comments", a blank
    spacer column after Ref, a title above) reads its actions."""
    path = tmp_path / "Corporate Services.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Action Plan 2026-27 – Corporate Services"])
    ws.append([])
    ws.append(["Ref", None, "What we will do", "Who", "By when", "Comments"])
    ws.append(["CS01", None, "Review HR policies", "HR Manager", dt.date(2026, 12, 31), "Begun"])
    ws.append(["CS02", None, "Agile working rollout", "ICT Lead", dt.date(2026, 7, 31), None])
    wb.save(path)
    actions = check_json(path, capsys)["actions"]
    assert [(a["ref"], a["action"], a["lead"], a["due"]) for a in actions] == [
        ("CS01", "Review HR policies", "HR Manager", "2026-12-31"),
        ("CS02", "Agile working rollout", "ICT Lead", "2026-07-31"),
    ]


@pytest.mark.parametrize(
    ("typed", "rag"),
    [
        ("Complete - see note", "Blue"),
        ("Completed (Sept 26)", "Blue"),
        ("Completed 12/09/26", "Blue"),
        ("Done, awaiting sign-off", "Blue"),
        ("On hold: awaiting budget", "Grey"),
        ("Not complete", "Green"),
        ("Complete by March", "Green"),
    ],
)
def test_status_word_with_an_explanation_after_it(tmp_path, capsys, typed, rag):
    """A Status cell that starts with a status word and explains it ("Completed (Sept 26)")
    means that status; words that do not start with one stay In progress, with a warning."""
    path = csv_file(
        tmp_path,
        "Plan.csv",
        f'Ref,Action,Lead,Deadline,Status\n1,Review grants,A Shah,31/12/2026,"{typed}"\n',
    )
    data = check_json(path, capsys)
    assert [a["rag"] for a in data["actions"]] == [rag]
    warned = [c for c in data["checks"] if "status" in c["message"]]
    assert bool(warned) == (rag == "Green")


def test_rag_given_only_by_cell_colour_is_reported(tmp_path, capsys):
    """RAG cells coloured red/amber/green with no word in them are named in one warning, so
    the officer knows the colours are not read (the computed RAG stands)."""
    from openpyxl.styles import PatternFill

    path = tmp_path / "Digital.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["No.", "Action", "Lead officer", "Deadline", "RAG"])
    for n, colour in enumerate(["FFFF0000", "FF00B050"], 2):
        ws.append([str(n - 1), f"Digital action {n - 1}", "A Khan", dt.date(2027, 3, 31)])
        ws.cell(n, 4).number_format = "dd/mm/yyyy"
        ws.cell(n, 5).fill = PatternFill("solid", fgColor=colour)
    wb.save(path)
    data = check_json(path, capsys)
    warned = [c for c in data["checks"] if "coloured" in c["message"]]
    assert len(warned) == 1 and warned[0]["cell"] == "E2"
    assert "E2, E3" in warned[0]["message"]


def test_people_separated_by_semicolons_are_each_a_lead(tmp_path, capsys):
    """A planner or SharePoint export names several people in one cell with ";": the first is
    the lead, and a comma inside a name ("Roe, John") does not split it."""
    path = csv_file(
        tmp_path,
        "Tasks.csv",
        "Task Name,Assigned To,Due date\n"
        "Press release,Ann Lee;Cal Fox,31/12/2026\n"
        'Train staff,"Roe, John; Poe, Mary",30/11/2026\n',
    )
    actions = check_json(path, capsys)["actions"]
    assert [a["lead"] for a in actions] == ["Ann Lee", "Roe, John"]


def test_how_are_we_doing_column_gives_the_status_or_the_rag(tmp_path, capsys):
    """ "How are we doing?" holding status words is the status ("Completed" is Blue); holding
    Red / Amber / Green it is the self-assessed RAG."""
    path = csv_file(
        tmp_path,
        "Plan.csv",
        "Ref,What we will do,Who,By when,How are we doing?\n"
        "1,Procurement strategy,Head of Procurement,31/03/2027,Completed\n"
        "2,Agile working,ICT Lead,31/12/2026,On track\n",
    )
    assert [a["rag"] for a in check_json(path, capsys)["actions"]] == ["Blue", "Green"]
    path.write_text(
        "Ref,What we will do,Who,By when,How are we doing?\n"
        "1,Procurement strategy,Head of Procurement,31/03/2027,Red\n"
        "2,Agile working,ICT Lead,31/12/2026,Green\n",
        encoding="utf-8",
    )
    actions = check_json(path, capsys)["actions"]
    assert [a["self_rag"] for a in actions] == ["Red", "Green"]


def test_wrapped_headings_with_two_names_for_one_column(tmp_path, capsys):
    """Headings typed with line breaks, brackets and two names for one column ("Action /
    Task\\n(what will be done)", "Owner/Lead") read as a person reads them."""
    path = tmp_path / "Planning.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Action\nRef", "Action / Task\n(what will be done)", "Owner/Lead",
               "Target\nDate", "RAG\nStatus", "Progress update\n(max 100 words)"])  # fmt: skip
    ws.append(["EC1", "Adopt local plan", "Planning Policy Manager", dt.date(2026, 12, 31),
               "Green", "Hearing done"])  # fmt: skip
    wb.save(path)
    (action,) = check_json(path, capsys)["actions"]
    assert (action["ref"], action["action"], action["lead"], action["due"]) == (
        "EC1", "Adopt local plan", "Planning Policy Manager", "2026-12-31",
    )  # fmt: skip
    assert action["self_rag"] == "Green"


def test_import_writes_a_checkbox_as_the_plans_status_word(tmp_path, capsys):
    """``import`` of a checkbox list writes Complete for a ticked box and leaves an unticked
    one blank (never TRUE / FALSE in the plan's Status drop-down), and the plan reads alike."""
    source = _checkbox_tracker(tmp_path / "To do.xlsx")
    plan = tmp_path / "plan.xlsx"
    assert main(["import", str(source), "-o", str(plan)]) == 0
    ws = openpyxl.load_workbook(plan)["Actions"]
    column = [c.value for c in ws[1]].index("Status") + 1
    assert [ws.cell(r, column).value for r in (2, 3, 4)] == ["Complete", None, None]
    assert [a["rag"] for a in check_json(plan, capsys)["actions"]] == ["Blue", "Green", "Red"]


def test_month_first_dates_of_a_us_english_export(tmp_path, capsys):
    """A list exported month first (9/15/2026, 11/30/2026 5:00 PM) reads every date of the
    column month first, so 12/1/2026 is 1 December, not 12 January."""
    path = csv_file(
        tmp_path,
        "Tasks.csv",
        "ID,Title,Assigned To,Due Date,Status\n"
        "1,Update the policy,Jane Doe,9/15/2026,Completed\n"
        "2,Train the staff,Jane Doe,12/1/2026,Not Started\n"
        "3,Audit the files,Jane Doe,11/30/2026 5:00 PM,In Progress\n",
    )
    data = check_json(path, capsys)
    assert [a["due"] for a in data["actions"]] == ["2026-09-15", "2026-12-01", "2026-11-30"]
    assert not [c for c in data["checks"] if c["severity"] == "error"]


def test_day_first_dates_stay_day_first(tmp_path, capsys):
    """A column with one date that can only be day first (15/09/2026) keeps every date day
    first, and a column whose dates fit both ways stays day first."""
    path = csv_file(
        tmp_path,
        "Plan.csv",
        "Ref,Action,Lead,Deadline\n"
        "1,Review grants,A Shah,12/1/2026\n"
        "2,Review fees,A Shah,15/09/2026\n",
    )
    assert [a["due"] for a in check_json(path, capsys)["actions"]] == ["2026-01-12", "2026-09-15"]


def test_totals_row_ends_the_table(tmp_path, capsys):
    """A Totals row under the actions ("Total | 2 actions | … | 30%") and the notes below it
    are neither actions nor part of the last action's text."""
    path = tmp_path / "Estates.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Ref", "Action", "Lead", "Due date", "% complete", "Status"])
    ws.append(["1", "Refresh the asset register", "Estates Manager", dt.date(2026, 12, 31), 0.5,
               "In progress"])  # fmt: skip
    ws.append(["2", "Dispose of surplus depots", "Estates Manager", dt.date(2027, 3, 31), 0.1,
               "In progress"])  # fmt: skip
    ws.append(["Total", "2 actions", None, None, 0.3, None])
    ws.append([None, "Count of actions: 2", None, None, None, None])
    for r in range(2, 5):
        ws.cell(r, 5).number_format = "0%"
    wb.save(path)
    data = check_json(path, capsys)
    assert [a["action"] for a in data["actions"]] == [
        "Refresh the asset register", "Dispose of surplus depots",
    ]  # fmt: skip
    assert not [c for c in data["checks"] if "no ref" in c["message"]]


def test_a_sheet_per_priority_gives_each_action_its_sheets_priority(tmp_path, capsys):
    """A workbook with a sheet per priority ("Priority 1 - Homes", "Priority 2 - Jobs") and a
    Lookups sheet reads every sheet's actions under the sheet's priority, and no lookups."""
    path = tmp_path / "Corporate plan.xlsx"
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, actions in [
        ("Priority 1 - Homes", [["1.1", "Build 200 affordable homes", "Housing Director"]]),
        ("Priority 2 - Jobs", [["2.1", "Apprenticeships", "HR Lead"], ["2.2", "Skills hub", "X"]]),
    ]:
        ws = wb.create_sheet(title)
        ws.append(["Ref", "Action", "Lead", "Deadline", "RAG"])
        for action in actions:
            ws.append([*action, dt.date(2027, 3, 31), "Green"])
    lookups = wb.create_sheet("Lookups")
    lookups.append(["RAG", "Status"])
    lookups.append(["Red", "In progress"])
    wb.save(path)
    actions = check_json(path, capsys)["actions"]
    assert [(a["ref"], a["priority"]) for a in actions] == [
        ("1.1", "Priority 1 - Homes"), ("2.1", "Priority 2 - Jobs"), ("2.2", "Priority 2 - Jobs"),
    ]  # fmt: skip


def test_a_sheet_not_named_as_a_section_gives_no_priority(tmp_path, capsys):
    """Sheets named "Actions" or "2026-27" give their actions no priority from the name."""
    path = tmp_path / "Plan.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "2026-27"
    wb.active.append(["Ref", "Action", "Lead", "Deadline"])
    wb.active.append(["1", "Review grants", "A Shah", dt.date(2027, 3, 31)])
    wb.save(path)
    assert [a["priority"] for a in check_json(path, capsys)["actions"]] == [None]
