"""Trackers of the kinds people already keep, built for the reader's tests, with what a person
reads in each: an ISO 27001 corrective action plan, a FedRAMP-style plan of action and
milestones, a university project plan, a team tracker, a planner export with hundreds of tasks,
a Gantt template with start + days, a refreshed tracker with its own "Due Date", a sheet of
several small tables under section titles.

Each :class:`Tracker` holds its rows (sheet by sheet) and the actions a person reads in it
(:class:`Expected`), written by hand from the rows, not from the reader's output. The writers
put a tracker in a file the way a spreadsheet program would: ``write_xlsx`` (openpyxl, with date
and percent formats, bold headings and group rows), ``write_csv`` (what Excel's "CSV UTF-8"
writes: dates and percentages as shown) and ``tests/xlsb_book.py`` for ``.xlsb``; LibreOffice
makes the ``.ods``, ``.xls`` and its own ``.xlsx`` from the openpyxl file.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

D = dt.date
AS_OF = "2026-01-15"


@dataclass(frozen=True)
class Expected:
    """One action as a person reads it: the start of its text, and the facts checked."""

    action: str
    ref: str | None = None
    lead: str | None = None
    due: str | None = None
    status: str = "In progress"
    priority: str | None = None


@dataclass
class Tracker:
    """A tracker's sheets (name → rows), the actions in it, and the cells formatted as percent."""

    name: str
    sheets: dict[str, list[list[object]]]
    expected: list[Expected]
    percent_columns: set[int] = field(default_factory=set)
    bold_rows: set[int] = field(default_factory=set)  # 0-based rows of the first sheet

    @property
    def single_sheet(self) -> bool:
        """Whether the tracker fits in one CSV file."""
        return len(self.sheets) == 1


# ---------------------------------------------------------------------------------------------
# The trackers
# ---------------------------------------------------------------------------------------------


def iso27001() -> Tracker:
    """An ISO 27001 corrective action plan: title rows, "ID" refs like A.5.1, section rows
    ("3. Acceptable Use Policy" alone on its row), "Action Item", "Action Owner", "Due Date",
    a "Progress" column holding NOT STARTED / COMPLETE, and an instruction row at the end."""
    rows: list[list[object]] = [
        ["Information Security Management System"],
        ["ISO/IEC 27001:2022 corrective action plan"],
        ["Prepared by: ISMS Manager", None, None, "Version 3"],
        [],
        ["ID", "Finding", "Action Item", "Action Owner", "Due Date", "Progress", "Evidence"],
        ["3. Acceptable Use Policy"],
        ["A.5.10", "AUP not signed by contractors", "Issue the AUP to every contractor",
         "Priya Shah", D(2026, 2, 27), "IN PROGRESS", "Signed forms"],
        ["A.5.11", "Returned assets not logged", "Log returned laptops in the asset register",
         "Tom Reilly", D(2025, 11, 28), "NOT STARTED", None],
        ["4. Access Control"],
        ["A.5.15", "Leavers keep access for a week", "Remove access on the leaving day",
         "Priya Shah", D(2025, 12, 19), "COMPLETE", "HR feed"],
        ["A.8.2", "Too many administrators", "Review privileged accounts quarterly",
         "Sam Okafor", D(2026, 3, 31), "IN PROGRESS", None],
        [],
        ["To add more data, insert new rows ABOVE this one"],
    ]  # fmt: skip
    return Tracker(
        "iso27001",
        {"Action Plan": rows},
        [
            Expected(
                "Issue the AUP",
                "A.5.10",
                "Priya Shah",
                "2026-02-27",
                priority="3. Acceptable Use Policy",
            ),
            Expected(
                "Log returned laptops",
                "A.5.11",
                "Tom Reilly",
                "2025-11-28",
                "Not started",
                "3. Acceptable Use Policy",
            ),
            Expected(
                "Remove access on the leaving day",
                "A.5.15",
                "Priya Shah",
                "2025-12-19",
                "Complete",
                "4. Access Control",
            ),
            Expected(
                "Review privileged accounts",
                "A.8.2",
                "Sam Okafor",
                "2026-03-31",
                priority="4. Access Control",
            ),
        ],
        bold_rows={4, 5, 8},
    )


def fedramp_poam() -> Tracker:
    """A FedRAMP-style plan of action and milestones: several title rows, "POA&M ID",
    "Weakness Name", "Point of Contact", "Overall Remediation Plan", "Scheduled Completion
    Date", "Planned Milestones" (text), Open/Closed status, and a placeholder date (a date cell
    left at zero, which shows as 00/01/1900)."""
    rows: list[list[object]] = [
        ["Plan of Action and Milestones (POA&M)"],
        ["Cloud Service Provider:", "Example Council Hosting"],
        ["System Name:", "Case Management"],
        ["Impact Level:", "Moderate"],
        ["POA&M Date:", D(2026, 1, 5)],
        [],
        ["POA&M ID", "Controls", "Weakness Name", "Point of Contact", "Resources Required",
         "Overall Remediation Plan", "Original Detection Date", "Scheduled Completion Date",
         "Planned Milestones", "Status", "Comments"],
        ["V-0001", "AC-2", "Stale accounts", "Lee Morgan", "None",
         "Disable accounts unused for 90 days", D(2025, 9, 1), D(2025, 12, 31),
         "Script written 30/11/2025", "Open", "Script in test"],
        ["V-0002", "SI-2", "Missing patches", "Dana Hill", "2 days",
         "Patch web servers monthly", D(2025, 10, 3), D(2026, 4, 30),
         "First cycle in February", "Ongoing", None],
        ["V-0003", "AU-6", "Logs not reviewed", "Lee Morgan", "SIEM licence",
         "Review audit logs weekly", D(2025, 6, 12), D(1899, 12, 30),
         None, "Open", "Completion date to be agreed"],
        ["V-0004", "CM-6", "Baseline drift", "Dana Hill", "None",
         "Reapply the hardened baseline", D(2025, 5, 2), D(2025, 8, 29),
         "Done", "Closed", None],
    ]  # fmt: skip
    return Tracker(
        "fedramp_poam",
        {"POA&M Items": rows},
        [
            Expected("Disable accounts unused", "V-0001", "Lee Morgan", "2025-12-31"),
            Expected("Patch web servers monthly", "V-0002", "Dana Hill", "2026-04-30"),
            Expected("Review audit logs weekly", "V-0003", "Lee Morgan", None),
            Expected(
                "Reapply the hardened baseline", "V-0004", "Dana Hill", "2025-08-29", "Complete"
            ),
        ],
    )


def university_project() -> Tracker:
    """A university project plan: "Phase" group rows (bold, alone on their row), "Task",
    "Responsible Person", "Start Date", "End Date", "Status", "% Complete" as percentages."""
    rows: list[list[object]] = [
        ["Research Data Service – Project Plan"],
        ["Project sponsor: Pro-Vice-Chancellor (Research)"],
        [],
        ["Phase", "Task", "Responsible Person", "Start Date", "End Date", "Status",
         "% Complete"],
        ["Phase 1: Discovery"],
        [None, "Interview research groups", "A. Patel", D(2025, 9, 1), D(2025, 10, 31),
         "Completed", 1],
        [None, "Write requirements", "A. Patel", D(2025, 11, 1), D(2025, 12, 19),
         "In Progress", 0.6],
        ["Phase 2: Build"],
        [None, "Procure storage", "J. Brown", D(2026, 1, 5), D(2026, 3, 27), "Not Started", 0],
        [None, "Configure backups", "IT Services", D(2026, 2, 2), D(2026, 4, 30),
         "Not Started", 0],
    ]  # fmt: skip
    return Tracker(
        "university_project",
        {"Plan": rows},
        [
            Expected(
                "Interview research groups",
                None,
                "A. Patel",
                "2025-10-31",
                "Complete",
                "Phase 1: Discovery",
            ),
            Expected(
                "Write requirements", None, "A. Patel", "2025-12-19", priority="Phase 1: Discovery"
            ),
            Expected(
                "Procure storage", None, "J. Brown", "2026-03-27", "Not started", "Phase 2: Build"
            ),
            Expected(
                "Configure backups",
                None,
                "IT Services",
                "2026-04-30",
                "Not started",
                "Phase 2: Build",
            ),
        ],
        percent_columns={6},
        bold_rows={3, 4, 7},
    )


def team_tracker() -> Tracker:
    """A team tracker: "#", "Project" as the action column, "Priority" holding
    High/Medium/Low (a priority, never an action), "Assigned to", "State", "Due By"."""
    rows: list[list[object]] = [
        ["#", "Project", "Priority", "Assigned to", "State", "Due By", "Notes"],
        [1, "Refresh the intranet home page", "High", "Kim Lee", "Open", D(2026, 1, 30), None],
        [2, "Move team files to SharePoint", "Medium", "Raj Singh", "Closed", D(2025, 12, 12),
         "Moved 10 Dec"],
        [3, "Book the away day", "Low", "Kim Lee", "Open", D(2026, 3, 13), None],
        [4, "Renew the survey licence", "High", "Ola Ade", "Not started", D(2026, 1, 9), None],
    ]  # fmt: skip
    return Tracker(
        "team_tracker",
        {"Tracker": rows},
        [
            Expected("Refresh the intranet", "1", "Kim Lee", "2026-01-30", priority="High"),
            Expected("Move team files", "2", "Raj Singh", "2025-12-12", "Complete", "Medium"),
            Expected("Book the away day", "3", "Kim Lee", "2026-03-13", priority="Low"),
            Expected(
                "Renew the survey licence", "4", "Ola Ade", "2026-01-09", "Not started", "High"
            ),
        ],
    )


_BUCKETS = ("Backlog", "Design", "Delivery", "Comms")
_PEOPLE = ("Alex Green", "Bea Khan", "Chris Wood", "Dee Patel", "Eli Stone")
_PROGRESS = ("Not started", "In progress", "Completed")


def planner_export(tasks: int = 640) -> Tracker:
    """A planner export with hundreds of tasks: "Task ID" (not refs), "Task Name", "Bucket
    Name", "Progress" (Not started / In progress / Completed), "Priority" (Important, Medium,
    Low, Urgent), "Assigned To", dates, "Late", "Labels", "Description"."""
    header = ["Task ID", "Task Name", "Bucket Name", "Progress", "Priority", "Assigned To",
              "Created By", "Created Date", "Start Date", "Due Date", "Is Recurring", "Late",
              "Completed Date", "Labels", "Description"]  # fmt: skip
    rows: list[list[object]] = [header]
    expected = []
    for n in range(tasks):
        progress = _PROGRESS[n % 3]
        due = D(2025, 10, 1) + dt.timedelta(days=(n * 7) % 240)
        start = due - dt.timedelta(days=14)
        person = _PEOPLE[n % 5]
        rows.append([
            f"hX{n:04d}kQ", f"Task {n + 1}: update record set {n % 17}", _BUCKETS[n % 4],
            progress, ("Important", "Medium", "Low", "Urgent")[n % 4], person, "Alex Green",
            start - dt.timedelta(days=3), start, due, "false", "false",
            due if progress == "Completed" else None, "", f"Details of task {n + 1}",
        ])  # fmt: skip
        status = {"Completed": "Complete", "Not started": "Not started"}.get(progress)
        expected.append(
            Expected(
                f"Task {n + 1}: update", f"hX{n:04d}kQ", person, due.isoformat(),
                status or "In progress", _BUCKETS[n % 4],
            )
        )  # fmt: skip
    return Tracker("planner_export", {"Tasks": rows}, expected)


def gantt_start_days() -> Tracker:
    """A Gantt template: a project title and start, WBS refs with phase rows, "Start" and
    "Days" (no end column), so each task is due on its start + days − 1."""
    rows: list[list[object]] = [
        ["Website Relaunch Gantt Chart"],
        ["Project Start:", D(2026, 1, 5)],
        ["Project Lead:", "M. Evans"],
        [],
        ["WBS", "Task", "Lead", "Start", "Days", "% Done"],
        ["1", "Plan"],
        ["1.1", "Agree scope", "M. Evans", D(2026, 1, 5), 10, 1],
        ["1.2", "Approve budget", "Finance", D(2026, 1, 19), 5, 0.25],
        ["2", "Build"],
        ["2.1", "Design pages", "Web team", D(2026, 2, 2), 20, 0],
        ["2.2", "Migrate content", "Web team", D(2026, 2, 23), "3 weeks", 0],
    ]  # fmt: skip
    return Tracker(
        "gantt_start_days",
        {"GanttChart": rows},
        [
            Expected("Agree scope", "1.1", "M. Evans", "2026-01-14", "In progress", "1 Plan"),
            Expected("Approve budget", "1.2", "Finance", "2026-01-23", priority="1 Plan"),
            Expected("Design pages", "2.1", "Web team", "2026-02-21", priority="2 Build"),
            Expected("Migrate content", "2.2", "Web team", "2026-03-15", priority="2 Build"),
        ],
        percent_columns={5},
    )


def refreshed_due_date() -> Tracker:
    """A tracker with the user's own "Due Date" column that has been refreshed before: the
    tool's computed block (Computed RAG, RAG reason, Due date, Days left, Flags) sits to the
    right, after a user column called "Flags" of its own."""
    rows: list[list[object]] = [
        ["Ref", "Action", "Owner", "Due Date", "Status", "Flags", "Computed RAG", "RAG reason",
         "Due date", "Days left", "Flags"],
        ["1", "Publish the equality report", "Nia Jones", D(2026, 3, 31), "In progress", "Legal",
         "Green", "On track", D(2026, 3, 31), 75, None],
        ["2", "Consult on the budget", "Ian Ross", D(2025, 12, 31), "In progress", None,
         "Green", "old reason", D(2030, 1, 1), 1000, "stale"],
    ]  # fmt: skip
    return Tracker(
        "refreshed_due_date",
        {"Actions log": rows},
        [
            Expected("Publish the equality report", "1", "Nia Jones", "2026-03-31"),
            Expected("Consult on the budget", "2", "Ian Ross", "2025-12-31"),
        ],
    )


def sections_of_small_tables() -> Tracker:
    """One sheet holding several small tables under section titles, the first header after
    row 30, each table's header repeated, and a page line between them."""
    intro: list[list[object]] = [[f"Background paragraph {n}."] for n in range(1, 33)]
    header = ["Ref", "Objective", "Lead Officer", "Target Date", "RAG"]
    rows: list[list[object]] = [
        ["Community Safety Partnership – Delivery Plan 2025/26"],
        *intro,
        ["Priority 1: Reduce anti-social behaviour"],
        header,
        ["1.1", "Run a youth diversion scheme", "Youth Service", "Mar 26", "Green"],
        ["1.2", "Install two CCTV cameras", "Community Safety", "Dec-25", "Amber"],
        [],
        ["Page 2 of 3"],
        ["Priority 2: Protect vulnerable people"],
        header,
        ["2.1", "Train staff on exploitation", "Safeguarding", "31/01/2026", "Green"],
        ["2.2", "Set up a hoarding panel", "Housing", "TBC", "Red"],
    ]
    return Tracker(
        "sections_of_small_tables",
        {"Delivery plan": rows},
        [
            Expected(
                "Run a youth diversion scheme",
                "1.1",
                "Youth Service",
                "2026-03-31",
                priority="Priority 1: Reduce anti-social behaviour",
            ),
            Expected(
                "Install two CCTV cameras",
                "1.2",
                "Community Safety",
                "2025-12-31",
                priority="Priority 1: Reduce anti-social behaviour",
            ),
            Expected(
                "Train staff on exploitation",
                "2.1",
                "Safeguarding",
                "2026-01-31",
                priority="Priority 2: Protect vulnerable people",
            ),
            Expected(
                "Set up a hoarding panel",
                "2.2",
                "Housing",
                None,
                priority="Priority 2: Protect vulnerable people",
            ),
        ],
    )


def objectives_and_actions() -> Tracker:
    """A council delivery plan under a title: "Objective | Action | Responsible Officer |
    Timescale | Progress update | Status (R/A/G)", each objective written once above its
    actions (both headings name an action; the one saying "action" is it, the objective is what
    the actions sit under), timescales as people type them."""
    rows: list[list[object]] = [
        ["Council Plan 2025/26: delivery tracker", None, None, None, None, None],
        [None, None, None, None, None, None],
        ["Objective", "Action", "Responsible Officer", "Timescale", "Progress update",
         "Status (R/A/G)"],
        ["1. Safer streets", "Install CCTV in the town centre", "J Smith", "31/03/2026",
         "Procurement started", "G"],
        [None, "Review street lighting", "K Jones", "Autumn 2025", "Survey done", "A"],
        ["2. Clean places", "Let the new recycling contract", "P Brown", "Dec 2025", None, "R"],
        [None, "Deep-clean the market square", "P Brown", "end of March 2026",
         "Booked for March", "G"],
    ]  # fmt: skip
    safer, clean = "1. Safer streets", "2. Clean places"
    return Tracker(
        "objectives_and_actions",
        {"Delivery plan": rows},
        [
            Expected("Install CCTV", None, "J Smith", "2026-03-31", priority=safer),
            Expected("Review street lighting", None, "K Jones", "2025-11-30", priority=safer),
            Expected("Let the new recycling", None, "P Brown", "2025-12-31", priority=clean),
            Expected("Deep-clean the market", None, "P Brown", "2026-03-31", priority=clean),
        ],
    )


ALL = (
    iso27001,
    fedramp_poam,
    university_project,
    team_tracker,
    planner_export,
    gantt_start_days,
    refreshed_due_date,
    sections_of_small_tables,
    objectives_and_actions,
)


# ---------------------------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------------------------


def write_xlsx(tracker: Tracker, path: Path) -> Path:
    """The tracker as openpyxl writes it: dates formatted as dates, percentages as percent,
    bold heading and group rows."""
    import openpyxl
    from openpyxl.styles import Font

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for index, (name, rows) in enumerate(tracker.sheets.items()):
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, 1):
            for c, value in enumerate(row, 1):
                if value is None:
                    continue
                cell = ws.cell(r, c, value)
                if isinstance(value, dt.date):
                    cell.number_format = "dd/mm/yyyy"
                elif isinstance(value, float | int) and c - 1 in tracker.percent_columns:
                    cell.number_format = "0%"
                if index == 0 and r - 1 in tracker.bold_rows:
                    cell.font = Font(bold=True)
    wb.save(path)
    return path


def _shown(value: object, percent: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if percent and isinstance(value, int | float) and not isinstance(value, bool):
        return f"{round(value * 100)}%"
    return str(value)


def write_csv(tracker: Tracker, path: Path) -> Path:
    """The tracker's one sheet as Excel saves "CSV UTF-8": values as shown, a byte-order mark."""
    (rows,) = tracker.sheets.values()
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        for row in rows:
            writer.writerow([_shown(v, c in tracker.percent_columns) for c, v in enumerate(row)])
    return path


def write_xlsb(tracker: Tracker, path: Path) -> Path:
    """The tracker as an Excel binary workbook (see ``tests/xlsb_book.py``)."""
    from xlsb_book import write_xlsb as write

    return write(path, tracker.sheets)
