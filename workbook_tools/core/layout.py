"""The template's layout as data: sheet names, table names, headings, settings and their names.

One place for the facts of WORKBOOK.md that the template generator, the reader and the writers all
rely on. Pure constants: no spreadsheet library here.
"""

from __future__ import annotations

from dataclasses import dataclass

# Sheets, in workbook order. "Tool" sheets are rebuilt whole on every refresh.
GUIDE = "Guide"
SETTINGS = "Settings"
ACTIONS = "Actions"
MILESTONES = "Milestones"
TIMELINE = "Timeline"
SUMMARY = "Summary"
EXCEPTIONS = "Exceptions"
CHECKS = "Checks"
HISTORY = "History"
LISTS = "Lists"

SHEET_ORDER: tuple[str, ...] = (
    GUIDE,
    SETTINGS,
    ACTIONS,
    MILESTONES,
    TIMELINE,
    SUMMARY,
    EXCEPTIONS,
    CHECKS,
    HISTORY,
    LISTS,
)
USER_SHEETS: tuple[str, ...] = (SETTINGS, ACTIONS, MILESTONES, TIMELINE)
TOOL_SHEETS: tuple[str, ...] = (GUIDE, SUMMARY, EXCEPTIONS, CHECKS, HISTORY, LISTS)

# Excel table names.
ACTIONS_TABLE = "Actions"
MILESTONES_TABLE = "Milestones"
SETTINGS_TABLE = "SettingsTable"

# Field keys used by the reader, in the template's column order, with the template heading.
ACTION_FIELDS: tuple[tuple[str, str], ...] = (
    ("ref", "Ref"),
    ("priority", "Priority"),
    ("action", "Action"),
    ("lead", "Lead"),
    ("start", "Start"),
    ("deadline", "Deadline"),
    ("status", "Status"),
    ("percent", "% Complete"),
    ("self_rag", "Self-assessed RAG"),
    ("commentary", "Commentary"),
    ("date_provided", "Date provided"),
    ("corrective", "Corrective action"),
    ("success", "Success criteria"),
    ("resources", "Resources"),
    ("risk", "Risk rating"),
    ("notes", "Notes"),
)
ACTION_HEADINGS: tuple[str, ...] = tuple(h for _, h in ACTION_FIELDS)

# Tool-owned computed columns, to the right of the user's columns.
COMPUTED_HEADINGS: tuple[str, ...] = (
    "Computed RAG",
    "RAG reason",
    "Due date",
    "Days left",
    "Flags",
)

MILESTONE_FIELDS: tuple[tuple[str, str], ...] = (
    ("ref", "Ref"),
    ("milestone", "Milestone"),
    ("due", "Due"),
    ("done", "Done"),
    ("notes", "Notes"),
)
MILESTONE_HEADINGS: tuple[str, ...] = tuple(h for _, h in MILESTONE_FIELDS)

# Timeline: Ref · Action · Lead · twelve month columns · Corrective action.
TIMELINE_LEADING: tuple[str, ...] = ("Ref", "Action", "Lead")
TIMELINE_TRAILING: tuple[str, ...] = ("Corrective action",)
TIMELINE_MONTHS = 12

STATUS_VALUES: tuple[str, ...] = ("Not started", "In progress", "Complete", "Deferred", "Cancelled")
SELF_RAG_VALUES: tuple[str, ...] = ("Blue", "Green", "Amber", "Red", "n/a")
YES_NO: tuple[str, ...] = ("Yes", "No")

# Defined names for the drop-down lists (validations refer to names, never to another sheet).
STATUS_LIST_NAME = "StatusList"
SELF_RAG_LIST_NAME = "SelfRagList"
YES_NO_LIST_NAME = "YesNoList"


@dataclass(frozen=True)
class SettingSpec:
    """One row of the Settings table: its label, defined name, field on ``Settings``, kind."""

    label: str
    name: str
    attr: str
    kind: str  # "text", "date", "int", "number", "yesno", "email"


SETTINGS_ROWS: tuple[SettingSpec, ...] = (
    SettingSpec("Organisation", "Organisation", "organisation", "text"),
    SettingSpec("Directorate (who this return is from)", "Directorate", "directorate", "text"),
    SettingSpec("Plan title", "PlanTitle", "plan_title", "text"),
    SettingSpec("Plan year starts", "PlanYearStart", "plan_year_start", "date"),
    SettingSpec("As-of date (blank = today)", "AsOfDate", "as_of", "date"),
    SettingSpec("Amber window (days)", "AmberWindowDays", "amber_window_days", "int"),
    SettingSpec("Progress tolerance (points)", "ProgressTolerance", "progress_tolerance", "number"),
    SettingSpec("Stale commentary after (days)", "StaleAfterDays", "stale_after_days", "int"),
    SettingSpec("Show complete as Blue", "UseBlue", "use_blue", "yesno"),
    SettingSpec("Send returns to (email)", "ReturnTo", "return_to", "email"),
)
SETTINGS_HEADINGS: tuple[str, str] = ("Setting", "Value")

#: The row of the corporate report that stands for every directorate together.
WHOLE_ORGANISATION = "Whole organisation"

#: RAG word → (fill colour, text colour), as every sheet and report shows them. The word is
#: always shown as well as the colour.
RAG_STYLES: dict[str, tuple[str, str]] = {
    "Blue": ("0070C0", "FFFFFF"),
    "Green": ("00B050", "000000"),
    "Amber": ("FFC000", "000000"),
    "Red": ("C00000", "FFFFFF"),
    "Grey": ("BFBFBF", "000000"),
    "n/a": ("BFBFBF", "000000"),
}
