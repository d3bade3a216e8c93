"""Realistic quarterly returns in the template layout, generated quickly, for benchmarks.

``generate_returns(folder, n_returns, n_actions, seed)`` writes ``n_returns`` workbooks with
``n_actions`` actions each, laid out as ``templates/monitoring_template.xlsx`` is once an officer
has filled it in and refreshed it:

* **Settings**: the ``Setting`` / ``Value`` table with a workbook defined name for every value
  (``Directorate``, ``AsOfDate``, ``PlanYearStart`` …);
* **Actions**: an Excel table named ``Actions`` with the template's 16 headings and its 5
  computed columns (filled, as a refreshed return has them); refs 1.1 … 8.12.3, priorities,
  leads written as officers write them ("Head of HR&D (heads of service)", "AC/ DH"), start and
  deadline cells in the forms officers type ("Mar 09", "31December 08", "Apr 08 Mar 09",
  "Q3 2008/09", "On-going", "To be confirmed", "Mar 09?", real dates), statuses, % complete,
  self-assessed RAG, commentary of 100-600 characters, dates provided (dates and month names),
  corrective actions, success criteria, resources, risk ratings;
* **Milestones**: a few dated steps per return;
* **Timeline**: Ref, Action, Lead, twelve month columns headed by real dates, Corrective action;
  about two actions in three have planned months, shown by a character, a solid fill, or both;
* **Guide**, the tool sheets' placeholders and the hidden **Lists** sheet, as in the template.

The returns come from 10-20 directorates (fewer when there are fewer returns), each with several
versions at different as-of dates (quarter ends), named ``<Directorate> - <as-of>.xlsx`` as
``prepare-return`` names them. ``directorates=0`` gives every return a directorate of its own.
The same arguments always give the same cell values.

Run ``python benchmarks/generate.py FOLDER [N_RETURNS] [N_ACTIONS] [SEED]`` to write a corpus.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from collections.abc import Sequence
from pathlib import Path

import xlsxwriter

from workbook_tools.core import layout
from workbook_tools.writers.template import guide_text

#: Bumped whenever the generated content changes, so cached corpora are rebuilt.
GENERATOR_VERSION = 1

DIRECTORATES: tuple[str, ...] = (
    "Adult Social Care", "Children's Services", "Resources", "Environment and Culture",
    "Regeneration", "Housing", "Planning", "Highways and Transport", "Waste Management",
    "Legal and Democratic Services", "Customer Services", "Policy and Performance",
    "Public Health", "Community Safety", "Chief Executive's Office", "Libraries and Heritage",
    "Leisure and Sport", "Finance", "Human Resources", "ICT and Digital",
)  # fmt: skip
_PRIORITIES = (
    "Improve the quality of life for rural communities by facilitating access to services",
    "Reduce the fear of crime and anti-social behaviour",
    "Deliver services for children and young people with special and complex needs",
    "Improve customer satisfaction with the Council",
    "Deliver the agreed efficiency savings in the Medium Term Financial Plan",
    "Promote diversity and equality of opportunity in employment and service delivery",
    "Regenerate the town centre and create employment opportunities",
    "Deliver 80 units of affordable housing a year",
    "Improve the condition and safety of the county's roads",
    "Reduce carbon emissions from the Council's buildings and fleet",
    "Prepare for the Comprehensive Area Assessment",
    "Develop the workforce to meet current and future needs",
)
_VERBS = (
    "Develop", "Implement", "Review", "Agree", "Complete", "Establish", "Deliver", "Consult on",
    "Report on", "Roll out", "Commission", "Monitor", "Publish", "Prepare", "Evaluate",
)  # fmt: skip
_OBJECTS = (
    "the customer access strategy",
    "a joint commissioning plan with the PCT",
    "the data quality action plan",
    "the equality impact assessment programme",
    "the asset management plan",
    "the local development framework core strategy",
    "a Choice Based Lettings scheme",
    "the Local Area Agreement targets",
    "the workforce planning framework",
    "the complaints handling procedure",
    "the risk management strategy",
    "the procurement strategy",
    "the community safety plan",
    "the attendance management policy",
    "the Comprehensive Area Assessment self-assessment",
    "the parish planning guidance",
    "the medium term financial plan",
    "the ICT strategy",
    "the waste minimisation campaign",
    "the town centre action plan",
)
_QUALIFIERS = (
    "", " with partners", " across all directorates", " for the new council",
    " in line with statutory guidance", " and report to Cabinet", " with the voluntary sector",
    " following the scrutiny review",
)  # fmt: skip
_LEADS = (
    "Head of HR&D", "Head of PSU", "Director of Resources", "Deputy Chief Executive",
    "Head of Financial Services", "Tony Geeson", "Jo Boulton", "Simon Lawrence", "Liz Clark",
    "Chris Tambini", "AC", "PS", "HB", "JP", "DH", "Head of Comms", "Diversity Officer",
    "H&S Manager", "Director of Public Health", "Head of Legal & Democratic Services",
)  # fmt: skip
_SUPPORTING = (
    "heads of service",
    "performance improvement managers",
    "PCT and other partner organisations",
    "Research",
    "Other directors, Research",
)
_STATUSES = (
    ("In progress",) * 6
    + ("Not started",) * 2
    + ("Complete",) * 2
    + ("Deferred", "Cancelled", "Ongoing", "")
)
_SELF_RAG = ("Green",) * 6 + ("Amber",) * 3 + ("Red", "Blue", "n/a", "G", "A", "", "")
_SENTENCES = (
    "Initial draft produced and circulated to the project board for comment.",
    "Work is progressing in line with the agreed timetable.",
    "Consultation with partners closed at the end of the month; responses are being analysed.",
    "The report was considered by the Joint Management Team, which agreed the recommendations.",
    "Slippage in some areas should be at least in part compensated for by savings on others.",
    "Recruitment to the vacant post has been delayed, which has held back progress.",
    "A further update will be given to Cabinet next quarter.",
    "Funding has been confirmed through the Regional Improvement and Efficiency Partnership.",
    "The project plan has been revised to take account of the unitary timetable.",
    "Training sessions have been delivered for a number of teams.",
    "There is concern that partner organisations have not yet committed resources.",
    "Key milestones for the quarter have been met.",
    "The consultant has now been appointed and work will commence shortly.",
    "Awaiting final guidance from government before this can be completed.",
    "Performance in the bottom quartile; an action plan has been developed to address this.",
    "Pilot completed in two areas; evaluation under way before wider roll-out.",
)
_CORRECTIVE = (
    "Revised timetable agreed with the portfolio holder.",
    "Additional resources allocated from the transformation budget.",
    "Interim officer appointed to cover the vacancy until recruitment completes.",
    "Report to CMT next month with options for recovery.",
    "Weekly progress meetings with the lead officer until back on track.",
)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_FULL_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_MARKS = ("x", "X", "■", "✓", "*")
_FIRST_QUARTER_END = dt.date(2005, 6, 30)


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))


def directorate_count(n_returns: int, directorates: int | None = None) -> int:
    """How many directorates ``n_returns`` returns come from (see :func:`generate_returns`)."""
    if directorates == 0:
        return n_returns
    if directorates is None:
        directorates = _clamp(n_returns // 15, 10, 20)
    return max(1, min(directorates, n_returns))


def directorate_names(count: int) -> list[str]:
    """``count`` distinct directorate names (numbered areas once the list runs out)."""
    names = list(DIRECTORATES[:count])
    area = 2
    while len(names) < count:
        names.extend(f"{name} (Area {area})" for name in DIRECTORATES[: count - len(names)])
        area += 1
    return names


def _quarter_end(index: int) -> dt.date:
    """The ``index``-th quarter end from 30 June 2005."""
    months = _FIRST_QUARTER_END.month - 1 + 3 * index
    year, month = _FIRST_QUARTER_END.year + months // 12, months % 12 + 1
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _plan_year_start(day: dt.date) -> dt.date:
    return dt.date(day.year if day.month >= 4 else day.year - 1, 4, 1)


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _deadline(rng: random.Random, as_of: dt.date) -> tuple[object, dt.date | None]:
    """A deadline cell as an officer might type it, and the date it means (None if none)."""
    offset = rng.randint(-5, 14)  # months from the as-of month
    months = as_of.year * 12 + as_of.month - 1 + offset
    year, month = months // 12, months % 12 + 1
    end = _month_end(year, month)
    yy = f"{year % 100:02d}"
    fy = year if month >= 4 else year - 1
    kind = rng.randrange(18)
    if kind == 0:
        return dt.datetime(end.year, end.month, end.day), end
    if kind == 1:
        return f"{end.day} {_FULL_MONTHS[month - 1]} {year}", end
    if kind == 2:
        return f"{_MONTHS[month - 1]} {yy}", end
    if kind == 3:
        return f"{_MONTHS[month - 1]}-{yy}", end
    if kind == 4:
        return f"{end.day:02d}/{month:02d}/{year}", end
    if kind == 5:
        return f"{end.day}{_FULL_MONTHS[month - 1]} {yy}", end
    if kind == 6:
        return f"{fy}/{(fy + 1) % 100:02d}", dt.date(fy + 1, 3, 31)
    if kind == 7:
        quarter = (month - 4) % 12 // 3 + 1
        return f"Q{quarter} {fy}/{(fy + 1) % 100:02d}", end
    if kind == 8:
        earlier = months - rng.randint(3, 9)
        e_year, e_month = earlier // 12, earlier % 12 + 1
        return f"{_MONTHS[e_month - 1]} {e_year % 100:02d} {_MONTHS[month - 1]} {yy}", end
    if kind == 9:
        return rng.choice(("Ongoing", "On-going", "On-going (monthly)", "Every quarter")), None
    if kind == 10:
        return rng.choice(("To be confirmed", "TBC", "As per timetable")), None
    if kind == 11:
        return f"{_MONTHS[month - 1]} {yy}?", end
    if kind == 12:
        return f"end of {_FULL_MONTHS[month - 1]} {year}", end
    if kind == 13:
        return f"Throughout {fy}-{(fy + 2) % 100:02d}", dt.date(fy + 2, 3, 31)
    if kind == 14:
        return f"{end.day:02d}.{month:02d}.{yy}", end
    if kind == 15:
        return None, None
    return f"{end.day} {_MONTHS[month - 1]} {year}", end


def _start(rng: random.Random, as_of: dt.date) -> object:
    kind = rng.randrange(4)
    back = rng.randint(1, 12)
    months = as_of.year * 12 + as_of.month - 1 - back
    year, month = months // 12, months % 12 + 1
    if kind == 0:
        return dt.datetime(year, month, 1)
    if kind == 1:
        return f"{_MONTHS[month - 1]} {year % 100:02d}"
    return None


def _commentary(rng: random.Random) -> str:
    """Progress commentary of 100-600 characters."""
    target = rng.randint(100, 600)
    text = rng.choice(_SENTENCES)
    while len(text) < target:
        text += " " + rng.choice(_SENTENCES)
    if len(text) > 600:
        text = text[:600].rsplit(" ", 1)[0].rstrip(",;") + "."
    while len(text) < 100:
        text += " Further detail to follow."
    return text


def _lead(rng: random.Random) -> str:
    kind = rng.randrange(6)
    if kind == 0:
        return f"{rng.choice(_LEADS)} ({rng.choice(_SUPPORTING)})"
    if kind == 1:
        return f"{rng.choice(_LEADS)}/ {rng.choice(_LEADS)}"
    return rng.choice(_LEADS)


def _refs(n_actions: int) -> list[tuple[str, int]]:
    """``n_actions`` refs (1.1, 1.2 … or 1.1.1 …) with their priority number."""
    per_priority = max(1, -(-n_actions // 8))
    refs = []
    for i in range(n_actions):
        priority, index = divmod(i, per_priority)
        if per_priority > 12:
            ref = f"{priority + 1}.{index // 12 + 1}.{index % 12 + 1}"
        else:
            ref = f"{priority + 1}.{index + 1}"
        refs.append((ref, priority))
    return refs


def _action_rows(
    rng: random.Random, n_actions: int, as_of: dt.date
) -> list[tuple[list[object], list[int]]]:
    """The Actions rows (21 cells) and each row's planned month offsets on the Timeline."""
    rows = []
    priorities = rng.sample(_PRIORITIES, k=min(8, len(_PRIORITIES)))
    for ref, p in _refs(n_actions):
        deadline, due = _deadline(rng, as_of)
        status = rng.choice(_STATUSES)
        percent: object = None
        if status == "Complete":
            percent = 100
        elif rng.random() < 0.8:
            percent = rng.choice((0, 10, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90))
            if rng.random() < 0.05:
                percent = f"{percent}%"
        self_rag = rng.choice(_SELF_RAG)
        commentary = _commentary(rng) if rng.random() < 0.9 else None
        if rng.random() < 0.5:
            back = rng.randint(0, 150)
            provided: object = dt.datetime.combine(as_of - dt.timedelta(days=back), dt.time())
        else:
            provided = _FULL_MONTHS[(as_of.month - 1 - rng.randint(0, 4)) % 12]
        corrective = rng.choice(_CORRECTIVE) if self_rag in ("Amber", "Red", "A") else None
        action = f"{rng.choice(_VERBS)} {rng.choice(_OBJECTS)}{rng.choice(_QUALIFIERS)}"
        # The computed columns as a refresh left them.
        rag = rng.choice(("Green", "Green", "Amber", "Red", "Blue", "Grey"))
        days_left = (due - as_of).days if due else None
        reason = (
            f"Overdue by {-days_left} days (due {due:%d %b %Y})"
            if days_left is not None and days_left < 0
            else (f"On track, due in {days_left} days" if days_left is not None else "Ongoing")
        )
        row: list[object] = [
            ref,
            priorities[p % len(priorities)] if rng.random() < 0.85 or ref.endswith(".1") else None,
            action,
            _lead(rng) if rng.random() < 0.95 else None,
            _start(rng, as_of),
            deadline,
            status or None,
            percent,
            self_rag or None,
            commentary,
            provided if commentary else None,
            corrective,
            rng.choice(("Report to Cabinet", "Target met", "Plan agreed and in place", None)),
            rng.choice(("Approved Budget", "Existing staff", None, None)),
            rng.choice((2, 4, 6, 8, 10, 12, None)),
            rng.choice(("Monitoring: CMT Report", "Scrutiny", None, None, None)),
            rag,
            reason,
            dt.datetime.combine(due, dt.time()) if due else None,
            days_left,
            rng.choice(("", "", "", "optimistic", "stale", "uncertain-date")) or None,
        ]
        planned: list[int] = []
        if rng.random() < 0.67:
            first = rng.randint(0, 11)
            planned = list(range(first, min(12, first + rng.randint(1, 8))))
        rows.append((row, planned))
    return rows


def _settings_values(directorate: str, as_of: dt.date, plan_year: dt.date) -> dict[str, object]:
    year = f"{plan_year.year}/{(plan_year.year + 1) % 100:02d}"
    return {
        "Organisation": "Example Council",
        "Directorate": directorate,
        "PlanTitle": f"{directorate} service plan {year}",
        "PlanYearStart": dt.datetime.combine(plan_year, dt.time()),
        "AsOfDate": dt.datetime.combine(as_of, dt.time()),
        "AmberWindowDays": 30,
        "ProgressTolerance": 25,
        "StaleAfterDays": 92,
        "UseBlue": "Yes",
        "ReturnTo": "performance@example.gov.uk",
    }


def write_return(
    path: str | Path,
    *,
    directorate: str,
    as_of: dt.date,
    n_actions: int,
    rng: random.Random,
) -> Path:
    """Write one return to ``path`` (see the module docstring for what it holds)."""
    path = Path(path)
    plan_year = _plan_year_start(as_of)
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    wb.set_properties({"title": f"{directorate} return", "author": directorate,
                       "created": dt.datetime(2008, 1, 1)})  # fmt: skip
    bold = wb.add_format({"bold": True, "font_color": "#FFFFFF", "bg_color": "#1F4E78",
                          "text_wrap": True, "valign": "vcenter"})  # fmt: skip
    date = wb.add_format({"num_format": "d mmm yyyy", "valign": "top"})
    month = wb.add_format({"num_format": "mmm yy", "bold": True, "font_color": "#FFFFFF",
                           "bg_color": "#1F4E78", "align": "center"})  # fmt: skip
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    fill = wb.add_format({"bg_color": "#9BC2E6", "pattern": 1, "align": "center"})
    centre = wb.add_format({"align": "center"})
    sheets = {name: wb.add_worksheet(name) for name in layout.SHEET_ORDER}

    guide = sheets[layout.GUIDE]
    guide.set_column(0, 0, 24)
    guide.set_column(1, 1, 90, wrap)
    guide.write_string(
        0, 0, f"{directorate} service plan", wb.add_format({"bold": True, "font_size": 16})
    )
    guide.write_string(3, 0, guide_text.INTRO)
    r = 5
    for label, text in (*guide_text.STEPS, *guide_text.RAG_DEFINITIONS, *guide_text.FLAGS):
        guide.write_string(r, 0, label)
        guide.write_string(r, 1, text)
        r += 1

    settings = sheets[layout.SETTINGS]
    settings.set_column(0, 0, 38)
    settings.set_column(1, 1, 36)
    values = _settings_values(directorate, as_of, plan_year)
    for i, spec in enumerate(layout.SETTINGS_ROWS, 1):
        settings.write_string(i, 0, spec.label)
        value = values[spec.name]
        if isinstance(value, dt.datetime):
            settings.write_datetime(i, 1, value, date)
        elif isinstance(value, str):
            settings.write_string(i, 1, value)
        else:
            settings.write_number(i, 1, value)
        wb.define_name(spec.name, f"=Settings!$B${i + 1}")
    settings.add_table(0, 0, len(layout.SETTINGS_ROWS), 1, {
        "name": layout.SETTINGS_TABLE, "style": "Table Style Light 1",
        "columns": [{"header": h} for h in layout.SETTINGS_HEADINGS],
    })  # fmt: skip

    actions = sheets[layout.ACTIONS]
    headings = layout.ACTION_HEADINGS + layout.COMPUTED_HEADINGS
    rows = _action_rows(rng, n_actions, as_of)
    actions.add_table(0, 0, max(1, len(rows)), len(headings) - 1, {
        "name": layout.ACTIONS_TABLE, "style": "Table Style Light 1",
        "columns": [{"header": h, "header_format": bold} for h in headings],
    })  # fmt: skip
    actions.set_column(0, 0, 8)
    actions.set_column(1, 3, 30, wrap)
    actions.set_column(9, 9, 44, wrap)
    for r, (row, _planned) in enumerate(rows, 1):
        _write_row(actions, r, row, date)

    milestones = sheets[layout.MILESTONES]
    steps = [
        [row[0], f"Interim report on {row[2].split(' ', 1)[1]}", row[18], "Yes" if i % 2 else None,
         None]
        for i, (row, _planned) in enumerate(rows[: max(1, n_actions // 10)])
    ]  # fmt: skip
    milestones.add_table(0, 0, max(1, len(steps)), len(layout.MILESTONE_HEADINGS) - 1, {
        "name": layout.MILESTONES_TABLE, "style": "Table Style Light 1",
        "columns": [{"header": h} for h in layout.MILESTONE_HEADINGS],
    })  # fmt: skip
    for r, step in enumerate(steps, 1):
        _write_row(milestones, r, step, date)

    timeline = sheets[layout.TIMELINE]
    first = len(layout.TIMELINE_LEADING)
    for c, heading in enumerate(layout.TIMELINE_LEADING):
        timeline.write_string(0, c, heading, bold)
    for offset in range(layout.TIMELINE_MONTHS):
        months = plan_year.month - 1 + offset
        start = dt.datetime(plan_year.year + months // 12, months % 12 + 1, 1)
        timeline.write_datetime(0, first + offset, start, month)
    timeline.write_string(0, first + layout.TIMELINE_MONTHS, "Corrective action", bold)
    timeline.set_column(first, first + layout.TIMELINE_MONTHS - 1, 7)
    r = 1
    for row, planned in rows:
        if not planned:
            continue
        timeline.write_string(r, 0, str(row[0]))
        timeline.write_string(r, 1, str(row[2]))
        if row[3]:
            timeline.write_string(r, 2, str(row[3]))
        style = rng.randrange(3)  # 0 marks, 1 fills, 2 both
        mark = rng.choice(_MARKS)
        for offset in planned:
            if style == 1:
                timeline.write_blank(r, first + offset, None, fill)
            else:
                timeline.write_string(r, first + offset, mark, fill if style == 2 else centre)
        if row[11]:
            timeline.write_string(r, first + layout.TIMELINE_MONTHS, str(row[11]))
        r += 1

    for name in (layout.SUMMARY, layout.EXCEPTIONS, layout.CHECKS, layout.HISTORY):
        ws = sheets[name]
        ws.write_string(0, 0, name)
        ws.write_string(2, 0, guide_text.PLACEHOLDER)
        ws.write_string(3, 0, guide_text.PLACEHOLDERS[name])

    lists = sheets[layout.LISTS]
    for c, (heading, items) in enumerate((("Status", layout.STATUS_VALUES),
                                          ("Self-assessed RAG", layout.SELF_RAG_VALUES),
                                          ("Yes/No", layout.YES_NO))):  # fmt: skip
        lists.write_string(0, c, heading)
        for i, item in enumerate(items, 1):
            lists.write_string(i, c, item)
    lists.hide()
    guide.activate()
    wb.close()
    return path


def _write_row(ws: object, r: int, row: Sequence[object], date: object) -> None:
    for c, value in enumerate(row):
        if value is None:
            continue
        if isinstance(value, dt.datetime):
            ws.write_datetime(r, c, value, date)  # type: ignore[attr-defined]
        elif isinstance(value, str):
            ws.write_string(r, c, value)  # type: ignore[attr-defined]
        else:
            ws.write_number(r, c, value)  # type: ignore[attr-defined]


def generate_returns(
    folder: str | Path,
    n_returns: int,
    n_actions: int,
    seed: int = 0,
    *,
    directorates: int | None = None,
) -> list[Path]:
    """Write ``n_returns`` returns of ``n_actions`` actions each into ``folder``; return paths.

    The returns come from :func:`directorate_count` directorates (10-20 by default; ``0`` means
    one directorate per return), spread evenly, each directorate's versions dated at successive
    quarter ends so the last one written is its latest. Same arguments, same cell values.
    """
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    count = directorate_count(n_returns, directorates)
    names = directorate_names(count)
    versions = -(-n_returns // count)
    first_quarter = max(0, 13 - versions)  # the latest versions are around mid 2008
    paths = []
    for i in range(n_returns):
        version, which = divmod(i, count)
        directorate = names[which]
        as_of = _quarter_end(first_quarter + version)
        rng = random.Random(f"{seed}/{i}")
        path = target / f"{directorate} - {as_of.isoformat()}.xlsx"
        paths.append(
            write_return(path, directorate=directorate, as_of=as_of, n_actions=n_actions, rng=rng)
        )
    return paths


def main(argv: list[str] | None = None) -> int:
    """``generate.py FOLDER [N_RETURNS] [N_ACTIONS] [SEED]``: write a corpus of returns."""
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if args else 2
    numbers = [int(a) for a in args[1:4]]
    n_returns, n_actions, seed = (*numbers, *(30, 50, 0)[len(numbers) :])
    paths = generate_returns(args[0], n_returns, n_actions, seed)
    print(f"{len(paths)} returns of {n_actions} actions written to {args[0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
