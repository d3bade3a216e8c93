"""The monitoring template: a fresh, empty action-plan workbook built from the layout constants.

``build_template`` makes the workbook (sheets, tables, settings with defined names, drop-downs,
RAG colours, print settings); ``write_template`` saves it so that the same inputs always give the
same bytes. ``python -m workbook_tools.writers.template`` regenerates the committed
``templates/monitoring_template.xlsx``, which leaves Organisation, Directorate, Plan title and
Plan year starts blank: a blank plan year means the current financial year, so that file's
Timeline month headings are month names (Apr … Mar), read in the as-of date's financial year.

This module puts the sheets together; what goes on them is in ``sheets`` (Lists, Settings,
Actions, Milestones, Timeline, placeholders) and ``guide`` (the Guide), drawn with ``style``,
``validation`` and ``print``.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from openpyxl import Workbook

from workbook_tools.core import layout
from workbook_tools.safety.output import write_file
from workbook_tools.writers.template.guide import fill_guide
from workbook_tools.writers.template.print import LANDSCAPE, set_print
from workbook_tools.writers.template.sheets import (
    SETTING_DEFAULTS,
    fill_actions,
    fill_lists,
    fill_milestones,
    fill_placeholder,
    fill_settings,
    fill_timeline,
)
from workbook_tools.writers.template.stable_xlsx import workbook_bytes
from workbook_tools.writers.template.style import USER_HEAD

__all__ = ["FIXED_TIMESTAMP", "TEMPLATE_PATH", "build_template", "main", "write_template"]

#: Where ``main`` writes the committed template.
TEMPLATE_PATH = Path(__file__).resolve().parents[3] / "templates" / "monitoring_template.xlsx"
#: Created/modified time stored in every generated file, so two generations are identical.
FIXED_TIMESTAMP = dt.datetime(2026, 1, 1)


def build_template(
    *,
    directorate: str | None = None,
    organisation: str | None = None,
    plan_year_start: dt.date | None = None,
    plan_title: str | None = None,
) -> Workbook:
    """A new monitoring workbook, blank apart from the settings given.

    ``plan_year_start`` (any day of the plan's first month) also dates the Timeline's twelve
    month headings; without it they are month names from April. Text is always stored as text.
    """
    if isinstance(plan_year_start, dt.datetime):
        plan_year_start = plan_year_start.date()
    wb = Workbook()
    wb.remove(wb.active)
    sheets = {name: wb.create_sheet(name) for name in layout.SHEET_ORDER}
    given = {
        "Organisation": organisation,
        "Directorate": directorate,
        "PlanTitle": plan_title,
        "PlanYearStart": plan_year_start,
    }
    fill_guide(
        sheets[layout.GUIDE],
        organisation=organisation,
        directorate=directorate,
        plan_title=plan_title,
    )
    fill_lists(wb, sheets[layout.LISTS])
    fill_settings(wb, sheets[layout.SETTINGS], {**SETTING_DEFAULTS, **given})
    fill_actions(sheets[layout.ACTIONS])
    fill_milestones(sheets[layout.MILESTONES])
    fill_timeline(sheets[layout.TIMELINE], plan_year_start)
    for name in (layout.SUMMARY, layout.EXCEPTIONS, layout.CHECKS, layout.HISTORY):
        fill_placeholder(sheets[name])
    for name, ws in sheets.items():
        ws.sheet_properties.tabColor = USER_HEAD[0] if name in layout.USER_SHEETS else "808080"
        set_print(ws, landscape=name in LANDSCAPE, title_rows=name in layout.USER_SHEETS)
    wb.active = 0
    sheets[layout.GUIDE].sheet_view.tabSelected = True
    props = wb.properties
    props.title = plan_title or "Action plan monitoring"
    props.subject = "Action plan monitoring return"
    props.creator = props.lastModifiedBy = "workbook-tools"
    props.created = props.modified = FIXED_TIMESTAMP
    return wb


def write_template(
    path: str | Path,
    *,
    directorate: str | None = None,
    organisation: str | None = None,
    plan_year_start: dt.date | None = None,
    plan_title: str | None = None,
) -> Path:
    """Build the template (see :func:`build_template`) and save it to ``path`` all at once
    (replacing any file there); return the path."""
    wb = build_template(
        directorate=directorate,
        organisation=organisation,
        plan_year_start=plan_year_start,
        plan_title=plan_title,
    )
    return write_file(path, workbook_bytes(wb))


def main(argv: list[str] | None = None) -> int:
    """Regenerate the committed template (or write it to the path given as the only argument)."""
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else TEMPLATE_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    print(write_template(target))
    return 0

