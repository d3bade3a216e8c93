"""The words on the template's Guide sheet and on the sheets Refresh fills in.

Kept apart from the layout code so the wording can be reviewed (and changed) by the people who
use the workbook without reading any spreadsheet code. Plain data only.
"""

from __future__ import annotations

INTRO = (
    "Use this workbook to keep your action plan up to date and send it to the corporate "
    "performance team each quarter. You type your actions, dates, progress and commentary; the "
    "Refresh button on the Monitoring tab works out a RAG status for every action, with a reason "
    "in plain English, and builds the Summary, Exceptions, Checks and History sheets for you."
)

#: (step label, what to do), in the order an officer works through them.
STEPS: tuple[tuple[str, str], ...] = (
    (
        "1. Settings",
        "On the Settings sheet type your organisation, your directorate or service (who this "
        "return is from), the plan title and the address returns are sent to. Leave 'Plan year "
        "starts' blank to use the current financial year (1 April), or type the 1 April your plan "
        "year starts. Leave 'As-of date' blank to rate actions as at today, or type the date the "
        "return is made up to (for example the last day of the quarter). The thresholds are set "
        "corporately: only change them if the performance team asks you to.",
    ),
    (
        "2. Actions",
        "One row per action. Give each a Ref (1, 1.1, 1.1.1: the Ref column is text, so 1.10 "
        "stays 1.10), the Priority or commitment it serves, the Action, and the Lead officer (main "
        "lead first; several leads separated by '/', supporting officers in brackets). To add "
        "rows, type in the row under the table, or press Tab in the last cell: the table grows and "
        "keeps its drop-downs.",
    ),
    (
        "3. Dates",
        "Type the Deadline as a date (31/03/2027) or as you normally would: 'Mar 27', 'end of "
        "June 2026', 'Q3 2026/27', '2026/27', 'Ongoing', 'To be confirmed'. Several dates "
        "('Sep 26 Mar 27') are read as milestones with the last one as the deadline. Anything "
        "that cannot be read is listed on the Checks sheet with its cell, so you can correct it.",
    ),
    (
        "4. Progress",
        "Choose the Status and your Self-assessed RAG from the drop-downs, give % Complete as a "
        "whole number (0 to 100), write the latest Commentary and the Date provided, and say what "
        "is being done to recover in Corrective action for anything Amber or Red.",
    ),
    (
        "5. Milestones, Timeline",
        "Optional. On Milestones list dated steps of an action under its Ref; put the date it was "
        "done (or Yes) in Done. On Timeline copy the Ref, Action and Lead and mark the months the "
        "action is planned to be worked on with an x or a fill colour.",
    ),
    (
        "6. Refresh",
        "Press Refresh on the Monitoring tab (or run: workbook-tools refresh YOUR-FILE.xlsx). The "
        "grey columns at the right of Actions are filled in, and the Summary, Exceptions, Checks "
        "and History sheets are rebuilt. Refresh never changes anything you typed.",
    ),
    (
        "7. Review",
        "Read the Checks sheet and correct the problems it lists. Look at the Exceptions sheet: "
        "every Red and Amber action, and every self-assessment more optimistic than the rules, "
        "should have commentary and a corrective action. Refresh again after any change.",
    ),
    (
        "8. Send the return",
        "Press Prepare return on the Monitoring tab (or run: workbook-tools prepare-return "
        "YOUR-FILE.xlsx). It refreshes the workbook, saves a copy named '<Directorate> - "
        "<as-of date>.xlsx' and opens an email to the address in Settings with the copy attached. "
        "Send the workbook itself, not a PDF or a copy pasted into Word.",
    ),
)

#: (RAG word, what it means). The wording follows the councils' own monitoring reports.
RAG_DEFINITIONS: tuple[tuple[str, str], ...] = (
    ("Blue", "Complete."),
    ("Green", "On trajectory and within acceptable tolerances."),
    (
        "Amber",
        "Off trajectory and outside acceptable tolerances, but with prospects for recovery with "
        "remedial action.",
    ),
    (
        "Red",
        "Off trajectory and so far from acceptable tolerances that there is little prospect "
        "remedial activity will get it back on target.",
    ),
    ("Grey", "Not rated: cancelled, deferred, or no due date yet."),
)

#: How the Computed RAG is worked out, in the order the rules are applied.
RATING_RULES: tuple[str, ...] = (
    "Blue when the Status is Complete or % Complete is 100 (Green instead if 'Show complete as "
    "Blue' is No in Settings).",
    "Grey when the action is Deferred or Cancelled, or self-assessed n/a.",
    "Red when the deadline has passed.",
    "Amber when a milestone date has passed and it is not done; when the planned start has passed "
    "and the action is still Not started; when % Complete is more than the progress tolerance "
    "behind where it should be by now; or when the deadline is within the Amber window and the "
    "action is under 50% complete.",
    "Green when the action is ongoing, or on track; Grey when there is no due date yet.",
    "Your Self-assessed RAG counts when it is worse than the computed one. When it is better, the "
    "computed RAG stands and the action is flagged 'optimistic'.",
)

#: (flag, what it means), as shown in the Flags column.
FLAGS: tuple[tuple[str, str], ...] = (
    ("optimistic", "your self-assessment is better than the rules give"),
    ("stale", "the commentary is out of date, or missing for an action due soon or overdue"),
    ("no-lead", "no lead officer is named"),
    ("uncertain-date", "the deadline has a question mark ('Mar 27?')"),
    ("unreadable-date", "the deadline could not be read as a date: see Checks"),
    ("duplicate-ref", "the same Ref is used on more than one row"),
)

#: (sheet, what it holds and who fills it in), in workbook order.
SHEETS: tuple[tuple[str, str], ...] = (
    ("Guide", "This page. Rebuilt by Refresh."),
    ("Settings", "Yours: who the return is from, the plan year, the as-of date and thresholds."),
    (
        "Actions",
        "Yours: one row per action. The grey columns at the right (Computed RAG, RAG reason, Due "
        "date, Days left, Flags) are filled in by Refresh: do not type in them.",
    ),
    ("Milestones", "Yours: dated steps of an action, listed under the action's Ref."),
    ("Timeline", "Yours: a month-by-month grid of when each action is worked on."),
    (
        "Summary",
        "Filled in by Refresh: key figures, RAG by priority and by lead, direction of travel and "
        "charts.",
    ),
    (
        "Exceptions",
        "Filled in by Refresh: Red and Amber actions and optimistic self-assessments, ready to "
        "print or paste into a committee report.",
    ),
    ("Checks", "Filled in by Refresh: data problems to put right, with the sheet and cell."),
    ("History", "Filled in by Refresh: one row per as-of date with the RAG counts, for the trend."),
    ("Lists", "Hidden: the values offered by the drop-downs. Please leave it alone."),
)

TOOL_SHEETS_NOTE = (
    "The Summary, Exceptions, Checks and History sheets, this Guide, and the grey columns on "
    "Actions are rebuilt every time you press Refresh, so anything typed there is lost. Do not "
    "rename sheets or column headings, or delete the tables' heading rows: the Refresh and the "
    "corporate consolidation find your data by them. You may add your own columns at the right "
    "of the Actions table: they are kept and ignored."
)

#: A filled-in Actions row, shown on the Guide as an example: (heading, value).
EXAMPLE: tuple[tuple[str, str], ...] = (
    ("Ref", "2.1"),
    ("Priority", "Improve customer service"),
    ("Action", "Open the customer service centre for Highways and Waste"),
    ("Lead", "Head of Customer Services / ICT Manager"),
    ("Start", "Apr 26"),
    ("Deadline", "Nov 26"),
    ("Status", "In progress"),
    ("% Complete", "60"),
    ("Self-assessed RAG", "Green"),
    (
        "Commentary",
        "New processes agreed with the service; the system is in testing and recruitment is "
        "complete. Staff training under way.",
    ),
    ("Date provided", "30/09/2026"),
    ("Corrective action", ""),
)

PLACEHOLDER = "Press Refresh (Monitoring tab) to fill this sheet."
PLACEHOLDER_CLI = "Without the add-in: workbook-tools refresh YOUR-FILE.xlsx"

#: What each sheet filled in by Refresh will hold, shown until the first Refresh.
PLACEHOLDERS: dict[str, str] = {
    "Summary": "Key figures, RAG by priority and by lead, direction of travel and charts.",
    "Exceptions": "Red and Amber actions, and optimistic self-assessments, by due date.",
    "Checks": "Data problems found in this workbook, errors first, with the sheet and cell.",
    "History": "One row per as-of date with the number of actions at each RAG.",
}

DEADLINE_HELP = (
    "A date (31/03/2027) or as you would write it: Mar 27, Q3 2026/27, Ongoing, To be confirmed."
)
DONE_HELP = "The date it was done, or Yes. Leave blank while it is not done."
COMPUTED_HELP = "Refresh writes this column; anything typed here is replaced."

#: Help shown when a cell of the Settings table is selected: defined name → message.
SETTING_HELP: dict[str, str] = {
    "Organisation": "Your council's name.",
    "Directorate": "Who this return is from: your directorate or service.",
    "PlanTitle": "The plan's title, for example 'Service Plan 2026/27'.",
    "PlanYearStart": "1 April of the plan's first year. Blank = the current financial year.",
    "AsOfDate": "The date the return is made up to. Blank = today.",
    "AmberWindowDays": "An action due within this many days and under 50% complete is Amber.",
    "ProgressTolerance": "Amber when % Complete is more than this many points behind schedule.",
    "StaleAfterDays": "Commentary older than this many days is flagged stale.",
    "UseBlue": "Yes: complete actions show Blue. No: they show Green.",
    "ReturnTo": "The email address Prepare return sends the return to.",
}
