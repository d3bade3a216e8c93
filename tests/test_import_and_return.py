"""Importing legacy plans into the template, and preparing a return for email.

The import is proved by round trip: ``check`` on the imported workbook gives the same refs,
priorities, leads, due dates, due kinds and RAGs as ``check`` on the legacy file at the same
as-of date. Returns are proved by reading the copy and the ``.eml`` draft back.
"""

from __future__ import annotations

import csv
import datetime as dt
import email
import re
import zipfile
from email.parser import BytesParser
from email.policy import default
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import PatternFill
from plans import make_plan

from workbook_tools.core import layout
from workbook_tools.errors import UsageError, WouldLoseDataError
from workbook_tools.usecases import plan as services
from workbook_tools.usecases.importing import import_plan
from workbook_tools.usecases.prepare_return import MIME_TYPES, prepare_return, safe_file_name

D = dt.date
AS_OF = D(2008, 1, 31)
SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "legacy"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FILL = PatternFill("solid", start_color="4F81BD", end_color="4F81BD")


# ------------------------------------------------------------------------------------------
# helpers
# ------------------------------------------------------------------------------------------
def facts(result: services.PlanResult) -> list[tuple[object, ...]]:
    """What an import must keep, per action: ref, priority, leads, due date, due kind, RAG."""
    return [
        (a.ref, a.priority, a.leads, r.due, a.deadline.kind.value, r.rag.value)
        for a, r in zip(result.plan.actions, result.ratings, strict=True)
    ]


def round_trip(legacy: Path, tmp_path: Path, as_of: dt.date = AS_OF, **kwargs):
    """Import ``legacy``; return the import result and both checks at ``as_of``."""
    result = import_plan(legacy, tmp_path / "imported.xlsx", as_of=as_of, **kwargs)
    before = services.check(legacy, as_of=as_of, directorate=kwargs.get("directorate"))
    after = services.check(result.path, as_of=as_of)
    return result, before, after


def write_xlsx(path: Path, rows: list[list[object]], fills=(), title: str = "Plan") -> Path:
    """A one-sheet workbook; ``fills`` are 1-based (row, column) cells given a solid fill."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for r, c in fills:
        ws.cell(r, c).fill = FILL
    wb.save(path)
    return path


def write_text(path: Path, rows: list[list[object]], delimiter: str) -> Path:
    """A CSV or tab-separated file of ``rows``."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def actions_rows(path: Path) -> list[dict[str, object]]:
    """The imported Actions table as dicts keyed by heading."""
    ws = openpyxl.load_workbook(path)[layout.ACTIONS]
    headings = [c.value for c in ws[1]]
    return [
        dict(zip(headings, row, strict=False))
        for row in ws.iter_rows(min_row=2, values_only=True)
        if any(v is not None for v in row)
    ]


# ------------------------------------------------------------------------------------------
# legacy layouts, built by hand
# ------------------------------------------------------------------------------------------
SEED000_HEADER = [
    "Our key commitments for 2009-11",
    "What are the key actions we will take to achieve these commitments?",
    "Completion date",
    "Strategic lead",
    "Latest Commentary",
    "Date provided",
    "Budget code",
]
SEED000_ROWS = [
    ["Corporate Plan 2009-11 - key commitments"],
    ["Directorate: Deputy Chief Executive's Office"],
    [],
    SEED000_HEADER,
    ["Deal with complaints", "Complaints result in action", "Throughout 2009-11",
     "Deputy Chief Executive", "All dealt with", "March", "DC01"],
    ["Rationalise estates", "Implement Accommodation Strategy", "Mar-11",
     "Director of Resources & Deputy Chief Executive", "Agreed December", "February", None],
    ["Be prepared for the 2007 Act", "Improved PACT", "Mar-08", "Deputy Chief Executive",
     "Strategy developed", "February", "DC02"],
    ["", "Implement changes to constitution", "Feb-08", "", "", "February", None],
    [],
    SEED000_HEADER,
    ["Improve customer service", "Customer Strategy", "To be confirmed",
     "Head of HR&D (with the Customer team)", "Signed off", "October", "DC03"],
    ["", "Shared Services Review", "Aug-07", "AC/ DH", "Business case done", "October", None],
]  # fmt: skip

SEED003_MONTHS = ["July", "Aug.", "Sept", "Oct.", "Nov.", "Dec.", "Jan.", "Feb.", "Mar.",
                  "Apr.", "May", "June"]  # fmt: skip
# Ref, action, lead, marks July 2007 … June 2008: x = typed "x", # = solid fill only.
SEED003_GRID = [
    ("1.1.", "Public Support for Plans", "", "............"),
    ("1.1.1", "Engage consultants", "PS", "xxx........."),
    ("1.1.2", "Identify development partner", "PS /PM", "...######..."),
    ("1.1.3", "Recruit expertise", "PS", ".xxx........"),
    ("1.2.", "Work Commenced", "", "............"),
    ("1.2.1", "Undertake baseline study.", "PS", "..####......"),
    ("1.2.2", "Consultation with community.", "PS", "............"),
    ("3.1.", "Deliver 80 units of affordable housing a year", "", "............"),
    ("3.1.1", "RSL partner selection", "AC", "xxxxx......."),
    ("3.1.2", "Affordable Housing Guidance", "AC", "......######"),
    ("3.1.3", "Support RSL bids", "AC", "...x..x.x..."),
]


def seed003_like(path: Path) -> Path:
    """A month grid with a plan-period title, parent-ref headings, typed marks and fills."""
    rows: list[list[object]] = [["Appendix 2 - Improvement Plan: 2007/08 Update"], []]
    rows.append(["Ref.", "Action", "Lead", *SEED003_MONTHS, "Corrective Action"])
    fills = []
    for ref, action, lead, marks in SEED003_GRID:
        rows.append([ref, action, lead, *["x" if m == "x" else None for m in marks], None])
        fills += [(len(rows), 4 + i) for i, m in enumerate(marks) if m == "#"]
    return write_xlsx(path, rows, fills, title="Timeline grid")


def planned(ref: str) -> set[dt.date]:
    """The months SEED003_GRID plans for ``ref``."""
    marks = next(m for r, _, _, m in SEED003_GRID if r == ref)
    months = [D(2007 + (7 + i > 12), (6 + i) % 12 + 1, 1) for i in range(12)]
    return {month for month, mark in zip(months, marks, strict=True) if mark != "."}


TABLE_HEADER = [
    "Ref",
    "Action",
    "Lead officer",
    "Start date",
    "Target date",
    "Progress status",
    "% Complete",
    "RAG",
    "Progress update",
    "Remedial action",
    "Ward",
    "Cost centre",
]
TABLE_ROWS = [
    ["1.1", "Library service review", "Jo Boulton", "01/04/2007", "31/03/2008", "In progress",
     "40%", "G", "Consultation finished", "", "All", "L100"],
    ["1.2", "Mobile library replacement", "Jo Boulton and Liz Clark", "", "Q3 2007/08",
     "Not started", "", "Amber", "", "Procurement re-run", "Rural", ""],
    ["1.3", "Archive digitisation", "Liz Clark", "", "On-going (monthly)", "In progress", "",
     "", "Volunteers recruited", "", "", "L220"],
    ["2.1", "Sports centre roof", "Brian Roberts", "", "Marhc 09", "Complete", "100", "Blue",
     "Done", "", "Town", ""],
    ["2.2", "Pool changing rooms", "", "", "As agreed under 2.1", "Deferred", "", "n/a",
     "Waiting for 2.1", "", "Town", "S300"],
]  # fmt: skip


def table_rows(updated_to: str | None = None) -> list[list[object]]:
    """A plain table (as a CSV/TSV export) with an Updated-to line and two extra columns."""
    rows: list[list[object]] = [["Culture and Leisure action plan 2007/08"]]
    if updated_to:
        rows.append([f"Updated to {updated_to}"])
    return [*rows, [], TABLE_HEADER, *TABLE_ROWS]


# ------------------------------------------------------------------------------------------
# import: round trips
# ------------------------------------------------------------------------------------------
def test_import_seed000_like_table_round_trips(tmp_path):
    """A seed-000-like table (page headers, inherited priorities, text dates) checks the same."""
    legacy = write_xlsx(tmp_path / "commitments.xlsx", SEED000_ROWS)
    result, before, after = round_trip(legacy, tmp_path)
    assert facts(after) == facts(before)
    assert len(after.plan.actions) == 6
    assert after.plan.directorate == "Deputy Chief Executive's Office"
    assert result.warnings == []
    rows = actions_rows(result.path)
    assert [r["Priority"] for r in rows][3] == "Be prepared for the 2007 Act"  # made explicit
    assert rows[0]["Deadline"] == "Throughout 2009-11"


def test_import_month_grid_lands_in_the_right_months(tmp_path):
    """Marks and fills of a July–June grid land in the Timeline columns of the same months."""
    legacy = seed003_like(tmp_path / "improvement.xlsx")
    result, before, after = round_trip(legacy, tmp_path)
    assert facts(after) == facts(before)
    assert result.plan_year_start == D(2007, 7, 1)
    ws = openpyxl.load_workbook(result.path)[layout.TIMELINE]
    header = [c.value for c in ws[1]]
    marked = {
        row[0]: {header[c].date() for c in range(3, 15) if row[c] == "x"}
        for row in ws.iter_rows(min_row=2, values_only=True)
    }
    for ref in ("1.1.1", "1.1.2", "1.2.1", "3.1.2", "3.1.3"):
        assert marked[ref] == planned(ref), ref
    assert "1.2.2" not in marked  # nothing planned, so no Timeline row
    by_ref = {a.ref: set(a.planned_months) for a in after.plan.actions}
    assert by_ref["3.1.3"] == planned("3.1.3")


def test_import_csv_round_trips_and_keeps_the_officers_wording(tmp_path):
    """A CSV table checks the same; deadlines, statuses and RAGs are kept exactly as typed."""
    legacy = write_text(tmp_path / "culture.csv", table_rows(), ",")
    result, before, after = round_trip(legacy, tmp_path)
    assert facts(after) == facts(before)
    rows = actions_rows(result.path)
    assert [r["Deadline"] for r in rows] == [r[4] for r in TABLE_ROWS]
    assert [r["Status"] for r in rows] == [r[5] for r in TABLE_ROWS]
    assert [r["Self-assessed RAG"] for r in rows] == [r[7] or None for r in TABLE_ROWS]
    assert rows[0]["% Complete"] == 40
    assert rows[1]["Lead"] == "Jo Boulton and Liz Clark"


def test_import_tsv_round_trips_and_takes_the_updated_to_date(tmp_path):
    """A TSV table checks the same, and its 'Updated to' line becomes the As-of date."""
    legacy = write_text(tmp_path / "culture.tsv", table_rows("31 12 07"), "\t")
    result = import_plan(legacy, tmp_path / "imported.xlsx")
    assert result.as_of == D(2007, 12, 31)
    before = services.check(legacy)
    after = services.check(result.path)
    assert after.as_of == before.as_of == D(2007, 12, 31)
    assert facts(after) == facts(before)


def test_import_continuation_rows_become_milestones(tmp_path):
    """Interim dates on continuation rows go to the Milestones table and rate the same."""
    rows = [
        ["Ref", "Action", "Lead", "Deadline", "Status", "Notes"],
        ["1.1", "Needs analysis", "Tony Geeson (Heads of service)", "Mar 09", "In progress"],
        [None, None, None, "Oct 07", None, "Draft for consultation"],
        ["1.2", "Quarterly reports", "Head of PSU", "Ongoing", "In progress"],
        [None, None, None, "Sep 07", None, "First report"],
        ["1.3", "Scrutiny review", "Alan McLaughlin", "Apr 08 Mar 09", "In progress"],
    ]
    legacy = write_xlsx(tmp_path / "caa.xlsx", rows)
    result, before, after = round_trip(legacy, tmp_path)
    assert facts(after) == facts(before)
    assert [f[-1] for f in facts(after)] == ["Amber", "Green", "Green"]
    ws = openpyxl.load_workbook(result.path)[layout.MILESTONES]
    got = [row[:4] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert [(r, d.date(), done) for r, _, d, done in got] == [
        ("1.1", D(2007, 10, 31), None),
        ("1.2", D(2007, 9, 30), "Yes"),  # a recurring date counts as done once under way
    ]
    assert after.plan.actions[0].supporting == "Heads of service"


@pytest.mark.parametrize(
    "legacy",
    sorted([*SAMPLES.glob("*.xlsx"), *SAMPLES.glob("*.csv")]) if SAMPLES.is_dir() else [],
    ids=lambda p: p.name,
)
def test_import_samples_round_trip(legacy, tmp_path):
    """Each bundled legacy sample checks the same once imported (repeated refs are reported)."""
    as_of = D(2008, 9, 30)
    result, before, after = round_trip(legacy, tmp_path, as_of)
    assert len(after.plan.actions) == len(before.plan.actions)
    reported = {m[1] for w in result.warnings if (m := re.search(r"ref (\S+) is used twice", w))}
    for old, new in zip(facts(before), facts(after), strict=True):
        if old[0] in reported:  # the Timeline can show the months of one row per ref
            continue
        assert new == old
    for old, new in zip(before.plan.actions, after.plan.actions, strict=True):
        if old.ref not in reported:
            assert set(new.planned_months) == set(old.planned_months), old.ref


def test_import_samples_present_or_skipped():
    """The sample round trip above ran on at least one file when samples exist."""
    if not SAMPLES.is_dir():
        pytest.skip("samples/legacy is not there")
    assert list(SAMPLES.glob("*.xlsx"))


# ------------------------------------------------------------------------------------------
# import: nothing lost, nothing unsafe
# ------------------------------------------------------------------------------------------
def test_import_drops_nothing_extra_columns_go_to_notes(tmp_path):
    """Every legacy cell's text is somewhere in the imported row; extra columns are in Notes."""
    legacy = write_text(tmp_path / "culture.csv", table_rows(), ",")
    result = import_plan(legacy, tmp_path / "imported.xlsx", as_of=AS_OF)
    rows = actions_rows(result.path)
    assert rows[0]["Notes"] == "Ward: All\nCost centre: L100"
    assert rows[1]["Notes"] == "Ward: Rural"
    for legacy_row, row in zip(TABLE_ROWS, rows, strict=True):
        texts = [str(v) for v in row.values() if v is not None]
        for value in legacy_row:
            if value:
                wanted = str(value).rstrip("%")
                assert any(wanted in text for text in texts), value


def test_import_months_beyond_twelve_are_kept_in_notes(tmp_path):
    """A grid longer than a year: months beyond the Timeline are listed in Notes and warned."""
    months = ["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar",
              "Apr", "May", "Jun"]  # fmt: skip
    rows = [
        ["Service plan 2008/09"],
        ["Ref", "Action", "Lead", *months],
        ["1", "Short job", "AB", "x", "x", *[None] * 13],
        ["2", "Long job", "CD", *[None] * 10, "x", "x", "x", "x", None],
    ]
    legacy = write_xlsx(tmp_path / "long.xlsx", rows)
    result, before, after = round_trip(legacy, tmp_path, D(2008, 6, 30))
    assert result.plan_year_start == D(2008, 4, 1)
    notes = [r["Notes"] for r in actions_rows(result.path)]
    assert notes == [None, "Planned months not on the Timeline: Apr 2009, May 2009"]
    assert any("outside the Timeline" in w and "ref 2" in w for w in result.warnings)
    assert facts(after)[0] == facts(before)[0]


def test_import_refuses_to_overwrite(tmp_path):
    """An existing output is never overwritten: UsageError, and the file is unchanged."""
    legacy = write_text(tmp_path / "culture.csv", table_rows(), ",")
    output = tmp_path / "plan.xlsx"
    output.write_bytes(b"my own workbook")
    with pytest.raises(UsageError, match="already exists"):
        import_plan(legacy, output)
    assert output.read_bytes() == b"my own workbook"
    with pytest.raises(UsageError, match=r"\.xlsx"):
        import_plan(legacy, tmp_path / "plan.xlsm")


def test_import_formula_like_text_stays_text(tmp_path):
    """Text starting with = + - @ is written as text, never as a formula."""
    risky = ['=HYPERLINK("http://x","click")', "+44 1234 567890", "-5% on last year", "@risk"]
    rows = [["Ref", "Action", "Lead", "Deadline", "Commentary", "Notes"],
            ["1", risky[0], risky[1], "Mar 08", risky[2], risky[3]]]  # fmt: skip
    legacy = write_text(tmp_path / "risky.csv", rows, ",")
    result = import_plan(legacy, tmp_path / "imported.xlsx", as_of=AS_OF)
    ws = openpyxl.load_workbook(result.path)[layout.ACTIONS]
    values = {c.value: c.data_type for c in ws[2] if c.value is not None}
    for text in risky:
        assert values[text] == "s", text
    with zipfile.ZipFile(result.path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any(b"<f>" in archive.read(n) for n in sheets)


def test_imported_workbook_passes_the_ooxml_audit(tmp_path):
    """The imported workbook has no OOXML errors beyond those of an empty workbook."""
    from judges import audit_errors_beyond_baseline

    result = import_plan(seed003_like(tmp_path / "grid.xlsx"), tmp_path / "imported.xlsx")
    assert audit_errors_beyond_baseline(result.path) == set()


# ------------------------------------------------------------------------------------------
# prepare-return
# ------------------------------------------------------------------------------------------
ROWS = [
    {"Ref": "1.1", "Priority": "Town centre", "Action": "Area action plan", "Lead": "PS",
     "Deadline": "31 March 08", "Status": "In progress", "Commentary": "Drafting"},
    {"Ref": "1.2", "Priority": "Town centre", "Action": "Consultation", "Lead": "PS/PM",
     "Deadline": "15 July 2008", "Status": "Not started"},
    {"Ref": "2.1", "Priority": "Housing", "Action": "Lettings", "Lead": "AC",
     "Deadline": "Ongoing", "Status": "Complete"},
]  # fmt: skip


def plan_with(tmp_path: Path, *, return_to=None, organisation=None, directorate="Resources"):
    """A template plan, as of 30 June 2008, with Settings filled in as given."""
    path = make_plan(tmp_path / "plan.xlsx", ROWS, directorate=directorate, as_of=D(2008, 6, 30))
    wb = openpyxl.load_workbook(path)
    ws = wb[layout.SETTINGS]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "Send returns to (email)":
            row[1].value = return_to
        if row[0].value == "Organisation":
            row[1].value = organisation
    wb.save(path)
    return path


def read_eml(path: Path):
    """The draft parsed back with the modern email API."""
    return BytesParser(policy=default).parsebytes(path.read_bytes())


def test_prepare_return_writes_the_copy_and_a_draft(tmp_path):
    """The copy is named '<Directorate> - <as-of>.xlsx'; the draft attaches exactly its bytes."""
    path = plan_with(tmp_path, return_to="performance@council.gov.uk", organisation="Borsetshire")
    result = prepare_return(path, today=D(2008, 7, 2))
    assert result.copy == tmp_path / "Outbox" / "Resources - 2008-06-30.xlsx"
    assert result.eml == tmp_path / "Outbox" / "Resources - 2008-06-30.eml"
    assert result.copy.read_bytes() == path.read_bytes()  # the refreshed workbook
    assert openpyxl.load_workbook(path)[layout.ACTIONS]["Q2"].value == "Red"  # refreshed
    message = read_eml(result.eml)
    assert message["To"] == "performance@council.gov.uk" == result.to
    assert message["Subject"] == "Borsetshire Resources return – as of 30 Jun 2008"
    assert message["X-Unsent"] == "1"
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == XLSX_MIME == "/".join(MIME_TYPES[".xlsx"])
    assert attachment.get_filename() == "Resources - 2008-06-30.xlsx"
    assert attachment.get_content() == result.copy.read_bytes()
    body = message.get_body(("plain",)).get_content()
    assert "Resources action plan return, as of 30 Jun 2008" in body
    assert "Red (off track)" in body and "3 actions" in body
    assert f"{result.exceptions} action" in body and result.exceptions == 2
    assert result.counts[services.Rag.BLUE] == 1
    old = email.message_from_bytes(result.eml.read_bytes())  # the classic parser reads it too
    assert old["X-Unsent"] == "1"


def test_prepare_return_to_overrides_settings(tmp_path):
    """--to wins over Settings, and takes several addresses separated by ';'."""
    path = plan_with(tmp_path, return_to="performance@council.gov.uk")
    outbox = tmp_path / "sent"
    result = prepare_return(
        path, outbox=outbox, to="Corporate Team <corp@council.gov.uk>; me@council.gov.uk"
    )
    assert result.copy.parent == outbox
    message = read_eml(result.eml)
    assert [a.addr_spec for a in message["To"].addresses] == [
        "corp@council.gov.uk",
        "me@council.gov.uk",
    ]


def test_prepare_return_without_an_address_still_writes_the_draft(tmp_path):
    """With no --to and no Settings address the draft has no To line and a warning says so."""
    result = prepare_return(plan_with(tmp_path), today=D(2008, 7, 2))
    assert result.to is None
    assert read_eml(result.eml)["To"] is None
    assert any("No address to send to" in w for w in result.warnings)


def test_prepare_return_rejects_a_bad_address_before_writing(tmp_path):
    """A --to that is not an address is refused before the workbook is touched."""
    path = plan_with(tmp_path)
    before = path.read_bytes()
    with pytest.raises(UsageError, match="not an email address"):
        prepare_return(path, to="performance team")
    assert path.read_bytes() == before
    assert not (tmp_path / "Outbox").exists()


def test_prepare_return_sanitises_the_file_name(tmp_path):
    """Characters Windows refuses in file names are replaced in the copy's name."""
    path = plan_with(tmp_path, directorate='Housing/Regeneration: "North"?')
    result = prepare_return(path)
    assert result.copy.name == "Housing-Regeneration- -North- - 2008-06-30.xlsx"
    assert safe_file_name("CON") == "_CON"
    assert safe_file_name(" Adults. ") == "Adults"
    assert safe_file_name("???") == "-"
    assert safe_file_name("") == "Return"


def test_prepare_return_again_replaces_the_older_copy(tmp_path):
    """Preparing the same return twice leaves one copy and one draft, both up to date."""
    path = plan_with(tmp_path)
    first = prepare_return(path)
    wb = openpyxl.load_workbook(path)
    wb[layout.ACTIONS]["J2"] = "Now agreed by Cabinet"
    wb.save(path)
    second = prepare_return(path)
    assert second.copy == first.copy
    assert sorted(p.name for p in second.copy.parent.iterdir()) == [
        "Resources - 2008-06-30.eml",
        "Resources - 2008-06-30.xlsx",
    ]
    copy = openpyxl.load_workbook(second.copy)[layout.ACTIONS]
    assert copy["J2"].value == "Now agreed by Cabinet"


def test_prepare_return_when_refresh_refuses_writes_nothing(tmp_path):
    """When refresh refuses (a user's own 'Summary' sheet), the error is raised, nothing written."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Plan"
    ws.append(["Ref", "Action", "Lead", "Deadline"])
    ws.append(["1", "Review", "AB", "Mar 09"])
    mine = wb.create_sheet("Summary")
    mine["A1"] = "My own notes for the team"
    path = tmp_path / "legacy.xlsx"
    wb.save(path)
    before = path.read_bytes()
    with pytest.raises(WouldLoseDataError):
        prepare_return(path, to="corp@council.gov.uk")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["legacy.xlsx"]
