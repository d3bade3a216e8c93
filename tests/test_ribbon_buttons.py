"""The ribbon's buttons pressed (``workbook_tools.excel``) on the open workbook, through a workbook
double that mirrors the parts of xlwings it uses (``xlwings_double.py``), and through xlwings'
own remote engine where the environment has its licence key."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import os
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import PatternFill
from plans import make_plan
from xlwings_double import Book, Dialogs

from workbook_tools import cli, excel
from workbook_tools.core import layout
from workbook_tools.core.vocabulary import COMPUTED_HEADINGS, REBUILT
from workbook_tools.errors import NoActionTableError
from workbook_tools.ribbon import files as ribbon_files
from workbook_tools.ribbon import run as ribbon_run
from workbook_tools.ribbon.run import plural
from workbook_tools.sources.live import colour, read_uniform
from workbook_tools.sources.xlsx import load_xlsx
from workbook_tools.usecases import plan as services
from workbook_tools.usecases.open_workbook import read_open_workbook
from workbook_tools.usecases.prepare_return import prepare_return
from workbook_tools.writers.live.sheet import rectangles

REPO = Path(__file__).resolve().parent.parent
SAMPLES = sorted((REPO / "samples" / "legacy").glob("*.xlsx")) + sorted(
    (REPO / "samples" / "returns").glob("*.xlsx")
)
AS_OF = dt.date(2008, 6, 30)
STAMP = dt.datetime(2008, 7, 1, 9, 0)
TODAY = dt.date(2008, 7, 1)
INJECTIONS = ('=HYPERLINK("http://example.com","click")', "+1", "-x commentary", "@SUM(A1)")
COMPUTED = set(COMPUTED_HEADINGS)


def row(ref: str, deadline: object, **more: object) -> dict[str, object]:
    """One action as an officer types it."""
    return {
        "Ref": ref,
        "Priority": more.pop("Priority", "Homes"),
        "Action": more.pop("Action", f"Action {ref}"),
        "Lead": more.pop("Lead", "Jo Bloggs"),
        "Deadline": deadline,
        "Status": more.pop("Status", "In progress"),
        "Commentary": more.pop("Commentary", "On track"),
        "Date provided": dt.datetime(2008, 6, 1),
        **more,
    }


ROWS = [
    row("1.1", "31 March 2008", **{"Self-assessed RAG": "Green", "% Complete": 60}),
    row("1.2", "Mar 09", Status="Complete"),
    row(
        "1.10",
        "15 July 2008",
        Status="Not started",
        Action=INJECTIONS[0],
        Lead=INJECTIONS[1],
        Commentary=INJECTIONS[2],
        **{"Corrective action": INJECTIONS[3]},
    ),
    row("2.1", "TBC", Priority="Roads"),
    row("2.2", "Marhc 09", Priority="Roads"),
]


def many(n: int, *, alternate: bool = False) -> list[dict[str, object]]:
    """``n`` actions; every other one overdue when ``alternate``."""
    late, fine = dt.datetime(2008, 3, 1), dt.datetime(2009, 3, 1)
    return [
        row(
            f"{i // 10 + 1}.{i % 10 + 1}",
            late if alternate and i % 2 else fine,
            Priority=f"Priority {i // 50}",
        )
        for i in range(n)
    ]


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """A plan made from the template with five actions typed in (formula-like text typed as
    text, as Excel stores it after a leading apostrophe)."""
    path = make_plan(tmp_path / "plan.xlsx", ROWS, as_of=AS_OF)
    wb = openpyxl.load_workbook(path)
    for line in wb[layout.ACTIONS].iter_rows():
        for cell in line:
            if cell.value in INJECTIONS:
                cell.data_type = "s"
    wb.save(path)
    return path


@pytest.fixture
def ribbon(monkeypatch: pytest.MonkeyPatch):
    """Press a ribbon button on a double: ``ribbon(book, "refresh")``; the workbooks the button
    opens are listed in ``ribbon.opened``."""
    opened: list[Path] = []
    state: dict[str, object] = {}
    monkeypatch.setattr(ribbon_run, "caller_book", lambda: state["book"])
    monkeypatch.setattr(ribbon_run, "active_app", lambda: state["book"].app)
    monkeypatch.setattr(ribbon_run, "open_workbook", lambda path: opened.append(Path(path)))
    monkeypatch.setattr(ribbon_run, "clock_now", lambda: STAMP)
    monkeypatch.setattr(ribbon_run, "clock_today", lambda: TODAY)

    def press(book: Book, button: str) -> list[dict]:
        state["book"] = book
        getattr(excel, button)()
        return book.app.alerts

    press.opened = opened  # type: ignore[attr-defined]
    return press


def shown(value: object, formula: bool = True) -> object:
    """A cell value as the user sees it: link formulas by their text, whole floats as ints."""
    link = re.fullmatch(r'=HYPERLINK\("[^"]*","(.*)"\)', value) if isinstance(value, str) else None
    if link and formula:
        return link.group(1).replace('""', '"')
    if isinstance(value, float):
        return int(value) if value.is_integer() else round(value, 9)
    return value


def values(ws) -> dict[str, object]:
    """Every non-empty cell of a worksheet, by address."""
    return {
        cell.coordinate: shown(cell.value, cell.data_type == "f")
        for line in ws.iter_rows()
        for cell in line
        if cell.value is not None
    }


def computed_columns(ws) -> list[int]:
    return [cell.column for cell in ws[1] if cell.value in COMPUTED]


def file_refresh(path: Path, tmp_path: Path) -> openpyxl.Workbook:
    """The command line's refresh of the same workbook, written to a copy."""
    out = tmp_path / f"file-{path.name}"
    services.refresh(path, output=out, generated_at=STAMP, today=TODAY)
    return openpyxl.load_workbook(out, rich_text=True)


# --------------------------------------------------------------------------------------------
# Reading the open workbook
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_live_read_gives_the_file_readers_grids_and_plan(sample: Path) -> None:
    """The open workbook reads as the file's grids, names and rated plan, fills and percents too."""
    live, saved = read_open_workbook(Book(sample), today=TODAY), load_xlsx(sample)
    assert [g.name for g in live.sheets] == [g.name for g in saved.sheets]
    for a, b in zip(live.sheets, saved.sheets, strict=True):
        assert a.rows == b.rows, a.name
    assert live.names == saved.names
    rated = [services.evaluate(b, today=TODAY).to_json() for b in (live, saved)]
    assert rated[0] == rated[1]


def test_live_read_places_a_used_range_away_from_a1(tmp_path: Path) -> None:
    """A used range starting at C4 reads at its sheet positions, with the file's cell addresses."""
    path = tmp_path / "shifted.xlsx"
    wb = openpyxl.load_workbook(SAMPLES[1])
    ws = wb.worksheets[0]
    ws.insert_rows(1, 3)
    ws.insert_cols(1, 2)
    wb.save(path)
    book = Book(path)
    assert book.sheets[0].used_range.row > 1 and book.sheets[0].used_range.column == 3
    live, saved = read_open_workbook(book, today=TODAY), load_xlsx(path)
    assert live.sheets[0].rows == saved.sheets[0].rows
    checks = [services.evaluate(b, today=TODAY).to_json()["checks"] for b in (live, saved)]
    assert checks[0] == checks[1]


@pytest.mark.parametrize("size", [20, 200])
def test_reading_is_one_value_read_per_sheet(tmp_path: Path, size: int) -> None:
    """Reading is one .value read per sheet, and the same calls for 20 actions as for 200."""
    counts = []
    for n in (size, 5):
        book = Book(make_plan(tmp_path / f"p{n}.xlsx", many(n), as_of=AS_OF))
        read_open_workbook(book, today=TODAY)
        assert book.calls["value.get"] == len(book.wb.worksheets) == 10
        counts.append(sum(book.calls.values()))
    assert counts[0] == counts[1] < 120


def test_percent_format_is_read_with_one_call(plan: Path, tmp_path: Path) -> None:
    """A fraction in a %-formatted % Complete cell reads as a percentage, from one format call."""
    wb = openpyxl.load_workbook(plan)
    ws = wb[layout.ACTIONS]
    for r in range(2, 7):
        ws.cell(r, 8).number_format = "0%"
    ws["H2"] = 0.6
    wb.save(plan)
    book = Book(plan)
    result = services.evaluate(read_open_workbook(book, today=TODAY), today=TODAY)
    assert result.plan.actions[0].percent == 60
    assert book.calls["number_format.get"] == 1


def test_month_fills_are_asked_by_halves_only_where_they_differ(plan: Path) -> None:
    """Month fills cost one call when absent and few when present, and rate as the file."""
    wb = openpyxl.load_workbook(plan)
    ws = wb[layout.TIMELINE]
    for r, ref in enumerate(("1.1", "2.1", "2.2"), start=2):
        ws.cell(r, 1, ref)
    wb.save(plan)
    book = Book(plan)
    read_open_workbook(book, today=TODAY)
    assert book.calls["color.get"] == 1
    green = PatternFill("solid", start_color="92D050", end_color="92D050")
    for col in (6, 7, 8):  # Jun–Aug 2008 for 2.1, only filled
        ws.cell(3, col).fill = green
    wb.save(plan)
    book = Book(plan)
    live = read_open_workbook(book, today=TODAY)
    assert {(2, 5), (2, 6), (2, 7)} <= live.sheet(layout.TIMELINE).fills
    assert book.calls["color.get"] <= 16 < 3 * 12
    rated = [services.evaluate(b, today=TODAY).to_json() for b in (live, load_xlsx(plan))]
    assert rated[0] == rated[1]


def test_uniform_answers_split_only_mixed_ranges(plan: Path) -> None:
    """read_uniform covers the range exactly once, each part with one answer."""
    wb = openpyxl.load_workbook(plan)
    ws = wb[layout.ACTIONS]
    ws["B3"].fill = PatternFill("solid", start_color="FF0000", end_color="FF0000")
    wb.save(plan)
    parts = read_uniform(Book(plan).sheets[layout.ACTIONS], (1, 1, 6, 4), colour)
    cells = [
        (r, c)
        for (r1, c1, r2, c2), _ in parts
        for r in range(r1, r2 + 1)
        for c in range(c1, c2 + 1)
    ]
    assert sorted(cells) == [(r, c) for r in range(1, 7) for c in range(1, 5)]
    assert [answer for (r1, c1, _, _), answer in parts if (r1, c1) == (3, 2)] == ["FF0000"]


# --------------------------------------------------------------------------------------------
# Refresh and Check through the double
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("sample", [None, *SAMPLES], ids=lambda p: p.name if p else "plan")
def test_refresh_writes_what_the_file_refresh_writes(
    sample: Path | None, plan: Path, tmp_path: Path, ribbon
) -> None:
    """Refresh writes the file refresh's computed columns, fills, tool sheets and charts."""
    path = plan if sample is None else Path(shutil.copy(sample, tmp_path / sample.name))
    expected = file_refresh(path, tmp_path)
    book = Book(path)
    (alert,) = ribbon(book, "refresh")
    assert alert["prompt"].startswith("Refreshed: ") and alert["title"] == "Monitoring"
    got = book.wb
    assert got.sheetnames == expected.sheetnames
    for name in expected.sheetnames:
        assert values(got[name]) == values(expected[name]), name
    for name in (layout.ACTIONS, layout.TIMELINE):
        if name in got.sheetnames:
            fills = [
                {
                    c.coordinate: c.fill.fgColor.rgb[-6:]  # the colour; Excel ignores alpha
                    for line in ws.iter_rows()
                    for c in line
                    if c.fill.fill_type == "solid"
                }
                for ws in (got[name], expected[name])
            ]
            assert fills[0] == fills[1], name
    for name in REBUILT:  # the same native charts and pictures as the file
        drawn = [book.drawings.get((id(got[name]), kind), []) for kind in ("charts", "pictures")]
        assert [len(d) for d in drawn] == [len(expected[name]._charts), len(expected[name]._images)]
    charts = book.drawings[(id(got[layout.SUMMARY]), "charts")]
    assert [c.chart_type for c in charts] == ["doughnut", "bar_stacked"]


def test_refresh_tells_the_counts_and_checks(plan: Path, ribbon) -> None:
    """The message box gives the counts per RAG and the data problems, as check finds them."""
    (alert,) = ribbon(Book(plan), "refresh")
    result = services.check(plan)
    errors = sum(c.severity.value == "error" for c in result.checks)
    warnings = len(result.checks) - errors
    assert errors and warnings
    assert alert["prompt"] == (
        "Refreshed: 5 actions as of 30 Jun 2008 — "
        + ", ".join(f"{rag.value} {n}" for rag, n in result.counts.items())
        + f"; {plural(errors, 'data error')} and {plural(warnings, 'warning')}"
        + " on the Checks sheet."
    )


@pytest.mark.parametrize("alternate", [False, True])
def test_refresh_writes_in_bulk(tmp_path: Path, ribbon, alternate: bool) -> None:
    """One value write per table or sheet; extra calls for 200 actions grow only with RAG runs."""
    totals = []
    for n in (20, 200):
        book = Book(make_plan(tmp_path / f"p{n}.xlsx", many(n, alternate=alternate), as_of=AS_OF))
        read_open_workbook(book, today=TODAY)
        book.calls.clear()
        ribbon(book, "refresh")
        assert book.calls["value.set"] == 5  # one per table, one per rebuilt sheet
        totals.append(sum(book.calls.values()))
    runs = 200 if alternate else 1
    assert totals[1] - totals[0] <= 4 * runs + 60
    assert totals[0] < 1100


def test_refresh_leaves_user_cells_alone(plan: Path, ribbon) -> None:
    """User cells keep value and style; only computed columns and Timeline marks change."""
    wb = openpyxl.load_workbook(plan)
    for address, value in (("A2", "1.1"), ("B2", "Action 1.1"), ("F2", "x")):
        wb[layout.TIMELINE][address] = value
    wb.save(plan)

    def user_cells(workbook: openpyxl.Workbook) -> dict:
        found = {}
        for name in layout.USER_SHEETS:
            ws = workbook[name]
            skip = set(computed_columns(ws)) if name == layout.ACTIONS else set()
            for line in ws.iter_rows():
                for c in line:
                    if c.column in skip:
                        continue
                    style = (
                        c.number_format,
                        c.font.b,
                        c.font.color,
                        c.fill.fgColor.rgb,
                        c.alignment.horizontal,
                        c.border.left.style,
                    )
                    if name == layout.TIMELINE and (c.column == 1 or c.row == 1):
                        style = ()  # the RAG fill of Ref cells and the as-of month mark
                    found[(name, c.coordinate)] = (c.value, style)
        return found

    before = user_cells(openpyxl.load_workbook(plan))
    book = Book(plan)
    ribbon(book, "refresh")
    assert user_cells(book.wb) == before
    assert book.wb[layout.TIMELINE]["A2"].fill.fgColor.rgb.endswith("C00000")  # 1.1 is Red


def test_text_that_looks_like_a_formula_or_number_arrives_as_text(plan: Path, ribbon) -> None:
    """Text starting with = + - @, or like 1.10, arrives as text on the tool sheets."""
    book = Book(plan)
    ribbon(book, "refresh")
    ws = book.wb[layout.EXCEPTIONS]
    cells = {c.value: c for line in ws.iter_rows() for c in line if isinstance(c.value, str)}
    for text in (*INJECTIONS, "1.10"):
        assert text in cells and cells[text].data_type == "s", text
        assert cells[text].number_format == "@"


def test_refresh_twice_changes_nothing_but_draws_again(plan: Path, ribbon) -> None:
    """A second refresh keeps the values and one History row, and redraws charts once."""
    book = Book(plan)
    ribbon(book, "refresh")
    first = {name: values(book.wb[name]) for name in book.wb.sheetnames}
    ribbon(book, "refresh")
    assert {name: values(book.wb[name]) for name in book.wb.sheetnames} == first
    summary = id(book.wb[layout.SUMMARY])
    assert len(book.drawings[(summary, "charts")]) == 2
    assert len(book.drawings[(summary, "pictures")]) == 1
    assert book.wb[layout.HISTORY]["A6"].value is None


def test_refresh_extends_the_actions_table_over_rows_typed_below(plan: Path, ribbon) -> None:
    """An action typed below the Actions table is rated and the table grows over it."""
    wb = openpyxl.load_workbook(plan)
    ws = wb[layout.ACTIONS]
    for col, value in enumerate(["3.1", "Care", "New action", "Al", None, "1 May 2008"], 1):
        ws.cell(8, col, value)
    wb.save(plan)
    book = Book(plan)
    ribbon(book, "refresh")
    ws = book.wb[layout.ACTIONS]
    assert ws.tables[layout.ACTIONS_TABLE].ref.endswith("8")
    assert ws.cell(8, computed_columns(ws)[0]).value == "Red"


def test_a_missing_rebuilt_sheet_is_added_where_the_file_refresh_puts_it(
    plan: Path, tmp_path: Path, ribbon
) -> None:
    """A template plan whose Exceptions sheet was deleted gets it back after Summary, in the
    ribbon as on the command line."""
    wb = openpyxl.load_workbook(plan)
    del wb[layout.EXCEPTIONS]
    wb.save(plan)
    expected = file_refresh(plan, tmp_path)
    book = Book(plan)
    ribbon(book, "refresh")
    assert book.wb.sheetnames == expected.sheetnames == list(layout.SHEET_ORDER)


def test_check_writes_only_the_checks_sheet(plan: Path, ribbon) -> None:
    """Check rebuilds only the Checks sheet and tells the counts."""
    book = Book(plan)
    before = {name: values(book.wb[name]) for name in book.wb.sheetnames}
    (alert,) = ribbon(book, "check")
    assert alert["prompt"].startswith("Checked: 5 actions as of 30 Jun 2008 — ")
    for name in book.wb.sheetnames:
        if name != layout.CHECKS:
            assert values(book.wb[name]) == before[name], name
    messages = [c.value for c in book.wb[layout.CHECKS]["D"]]
    assert any("Marhc 09" in str(m) for m in messages)


def test_status_bar_shows_progress_and_is_given_back(plan: Path, ribbon) -> None:
    """The status bar shows progress and is given back; screen updating is off only to write."""
    book = Book(plan)
    ribbon(book, "refresh")
    texts = book.app.status
    assert texts[0] == "Monitoring: reading the workbook…"
    assert "Monitoring: writing Summary…" in texts and texts[-1] is False
    assert book.app.screen_updating is True and book.calls["app.screen_updating"] == 2


# --------------------------------------------------------------------------------------------
# Errors: one message box, the command line's sentence
# --------------------------------------------------------------------------------------------


def test_a_workbook_without_actions_gives_the_clis_sentence(
    tmp_path: Path, ribbon, capsys: pytest.CaptureFixture
) -> None:
    """No table of actions: one message box with the CLI's sentence, and nothing written."""
    path = tmp_path / "blank.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Shopping list"
    wb.save(path)
    book = Book(path)
    assert cli.main(["refresh", str(path)]) == 2
    printed = capsys.readouterr().err.strip().removeprefix("workbook-tools: ")
    alerts = ribbon(book, "refresh")
    assert [a["prompt"] for a in alerts] == [printed]
    assert "no sheet has a table of actions" in printed
    assert book.calls["value.set"] == 0 and book.wb.sheetnames == ["Sheet"]


def test_a_users_own_summary_sheet_is_refused(tmp_path: Path, ribbon) -> None:
    """A user's own sheet called Summary is refused in one sentence before anything is written."""
    path = Path(shutil.copy(SAMPLES[1], tmp_path / "legacy.xlsx"))
    wb = openpyxl.load_workbook(path)
    wb.create_sheet("Summary")["A1"] = "My own notes"
    wb.save(path)
    book = Book(path)
    (alert,) = ribbon(book, "refresh")
    assert "was not made by refresh" in alert["prompt"]
    assert book.calls["value.set"] == 0


def test_an_unexpected_error_is_one_sentence(plan: Path, ribbon, monkeypatch) -> None:
    """An unforeseen error is one sentence in one message box, never a traceback."""

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(services, "evaluate", broken)
    (alert,) = ribbon(Book(plan), "refresh")
    assert alert["prompt"].startswith("Unexpected error (RuntimeError: disk on fire); ")
    assert "\n" not in alert["prompt"] and "Traceback" not in alert["prompt"]


def test_refresh_refuses_a_text_file_open_in_excel(tmp_path: Path, ribbon) -> None:
    """A CSV open in Excel is not refreshed in place: the message says to import it."""
    book = Book(make_plan(tmp_path / "plan.xlsx", ROWS, as_of=AS_OF))
    book.fullname = str(tmp_path / "plan.csv")
    (alert,) = ribbon(book, "refresh")
    assert alert["prompt"].startswith("plan.csv: refresh writes Excel workbooks")


# --------------------------------------------------------------------------------------------
# Prepare return, New plan, Import plan, Consolidate folder, Guide
# --------------------------------------------------------------------------------------------


def test_prepare_return_saves_copies_and_drafts_like_the_cli(plan: Path, tmp_path, ribbon) -> None:
    """Prepare return refreshes, saves, and writes the CLI's copy and email draft."""
    (tmp_path / "twin").mkdir()
    twin = Path(shutil.copy(plan, tmp_path / "twin" / "plan.xlsx"))
    book = Book(plan)
    (alert,) = ribbon(book, "prepare_return")
    assert alert["prompt"].startswith("Refreshed and saved plan.xlsx: 5 actions")
    assert book.saves == 1
    copy = plan.parent / "Outbox" / "Resources - 2008-06-30.xlsx"
    eml = copy.with_suffix(".eml")
    assert f"Copy to send: {copy}" in alert["prompt"]
    assert copy.read_bytes() == plan.read_bytes()
    cli_result = prepare_return(twin, today=TODAY)
    ours, theirs = (
        email.message_from_bytes(p.read_bytes(), policy=email.policy.SMTP)
        for p in (eml, cli_result.eml)
    )
    assert ours["Subject"] == theirs["Subject"]
    assert ours.get_body().get_content() == theirs.get_body().get_content()
    assert [p.get_filename() for p in ours.iter_attachments()] == [copy.name]


def test_prepare_return_asks_before_saving_unsaved_changes(plan: Path, ribbon) -> None:
    """With unsaved changes the user is asked first, and Cancel changes nothing."""
    book = Book(plan)
    book.saved, book.app.answer = False, "cancel"
    (question,) = ribbon(book, "prepare_return")
    assert question["buttons"] == "ok_cancel" and "not saved" in question["prompt"]
    assert book.saves == 0 and not (plan.parent / "Outbox").exists()
    assert book.calls["value.set"] == 0


def test_prepare_return_needs_a_saved_workbook(plan: Path, ribbon) -> None:
    """A never-saved workbook cannot be copied: the message says to save it first."""
    book = Book(plan)
    book.fullname = "Book1"
    (alert,) = ribbon(book, "prepare_return")
    assert alert["prompt"].startswith("Book1: save the workbook first")


def test_new_plan_goes_to_documents_under_a_free_name(
    tmp_path: Path, plan: Path, ribbon, monkeypatch
) -> None:
    """New plan writes New plan.xlsx, then New plan (2).xlsx, in Documents and opens it."""
    monkeypatch.setattr(ribbon_files, "documents_folder", lambda: tmp_path)
    ribbon(Book(plan), "new_plan")
    ribbon(Book(plan), "new_plan")
    assert ribbon.opened == [tmp_path / "New plan.xlsx", tmp_path / "New plan (2).xlsx"]
    assert openpyxl.load_workbook(ribbon.opened[1]).sheetnames[:3] == list(layout.SHEET_ORDER[:3])


def test_import_plan_picks_a_file_and_opens_the_new_workbook(
    plan: Path, tmp_path: Path, ribbon
) -> None:
    """Import plan imports the chosen file beside it and opens it; Cancel is silent."""
    legacy = Path(shutil.copy(REPO / "samples" / "legacy" / "seed001_resources_q2.csv", tmp_path))
    book = Book(plan)
    book.app.api = Dialogs(open_file=False)
    assert ribbon(book, "import_plan") == [] and ribbon.opened == []
    book.app.api = Dialogs(open_file=str(legacy))
    (alert,) = ribbon(book, "import_plan")
    made = tmp_path / "seed001_resources_q2 (imported).xlsx"
    assert ribbon.opened == [made] and made.is_file()
    assert re.match(r"Imported \d+ actions into .*\(imported\)\.xlsx", alert["prompt"])
    book.app.api = None
    assert "workbook-tools import" in ribbon(book, "import_plan")[-1]["prompt"]


def test_consolidate_folder_builds_and_opens_the_report(
    plan: Path, tmp_path: Path, ribbon, monkeypatch
) -> None:
    """Consolidate folder builds and opens the report with progress, skipping old reports."""
    folder = Path(shutil.copytree(REPO / "samples" / "returns", tmp_path / "returns"))
    shutil.copy(folder / "resources-2008-q1.xlsx", folder / "Corporate report 2008-04-01.xlsx")
    monkeypatch.setattr(ribbon_files, "CONSOLIDATE_JOBS", 0)
    book = Book(plan)
    book.app.api = Dialogs(folder=str(folder))
    (alert,) = ribbon(book, "consolidate_folder")
    report = folder / "Corporate report 2008-07-01.xlsx"
    assert ribbon.opened == [report] and report.is_file()
    assert alert["prompt"].startswith(f"Corporate report {report.name}: ")
    assert "from 6 returns" in alert["prompt"]
    assert any(str(s).startswith("Monitoring: read 7 of 7 returns") for s in book.app.status)
    book.app.api = Dialogs(folder=None)
    assert len(ribbon(book, "consolidate_folder")) == 1  # cancelled: no new message


def test_guide_shows_the_guide_sheet(plan: Path, ribbon, monkeypatch) -> None:
    """Guide activates the Guide sheet, else opens the documentation."""
    book = Book(plan)
    book.wb.active = 2
    assert ribbon(book, "show_guide") == []
    assert book.wb.active.title == layout.GUIDE
    del book.wb[layout.GUIDE]
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", opened.append)
    assert ribbon(book, "show_guide") == []
    assert opened and opened[0].startswith("file://")


# --------------------------------------------------------------------------------------------
# Pieces
# --------------------------------------------------------------------------------------------


def test_style_runs_are_rectangles_of_equal_cells() -> None:
    """Cells of one style group into rectangles: side by side, then identical rows below."""
    keys = {(r, c): ("a" if c < 3 else "b") for r in range(1, 4) for c in range(1, 5)}
    keys[(2, 4)] = None
    found = sorted(rectangles(keys), key=lambda item: item[1])
    assert found == [
        ("a", (1, 1, 3, 2)),
        ("b", (1, 3, 1, 4)),
        ("b", (2, 3, 2, 3)),
        ("b", (3, 3, 3, 4)),
    ]


def test_unique_names_do_not_overwrite(tmp_path: Path) -> None:
    """A taken file name gets the next free number."""
    (tmp_path / "New plan.xlsx").touch()
    (tmp_path / "New plan (2).xlsx").touch()
    assert ribbon_files.unique_path(tmp_path, "New plan").name == "New plan (3).xlsx"


def test_no_action_table_error_is_the_services_sentence(tmp_path: Path) -> None:
    """A book without actions fails with the services' own error, not the live reader's."""
    path = tmp_path / "blank.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(NoActionTableError):
        services.evaluate(read_open_workbook(Book(path), today=TODAY), today=TODAY)


# --------------------------------------------------------------------------------------------
# xlwings' own remote engine
# --------------------------------------------------------------------------------------------


def _remote_value(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(value, dt.date):
        return f"{value:%Y-%m-%d}T00:00:00.000Z"
    return value


def remote_json(path: Path) -> dict:
    """The book as an xlwings client sends it: every sheet's values from A1, tables, names."""
    import xlwings as xw

    wb = openpyxl.load_workbook(path)
    sheets = []
    for ws in wb.worksheets:
        rows = ws.iter_rows(min_row=1, min_col=1, max_row=ws.max_row, max_col=ws.max_column)
        sheets.append(
            {
                "name": ws.title,
                "values": [[_remote_value(c.value) for c in line] for line in rows],
                "tables": [
                    {"name": t.displayName, "range_address": t.ref} for t in ws.tables.values()
                ],
                "pictures": [],
                "shapes": [],
                "charts": [],
                "notes": [],
                "print_area": None,
                "show_gridlines": True,
                "pivot_tables": [],
                "visibility": "Visible",
            }
        )
    names = []
    for name, item in wb.defined_names.items():
        sheet, _, address = item.attr_text.partition("!")
        names.append(
            {
                "name": name,
                "refers_to": "=" + item.attr_text,
                "book_scope": True,
                "sheet_index": wb.sheetnames.index(sheet),
                "address": address.replace("$", ""),
                "scope_sheet_name": None,
                "scope_sheet_index": None,
            }
        )
    return {
        "client": "Office.js",
        "version": xw.__version__,
        "names": names,
        "sheets": sheets,
        "book": {"name": path.name, "active_sheet_index": 2, "selection": "A1"},
    }


def replay(start: dict, actions: list[dict]) -> dict[str, dict[tuple[int, int], object]]:
    """What the client would show after the actions: values by sheet, as the user sees them."""
    names = [s["name"] for s in start["sheets"]]
    cells = {
        s["name"]: {
            (r, c): v
            for r, line in enumerate(s["values"], 1)
            for c, v in enumerate(line, 1)
            if v not in ("", None)
        }
        for s in start["sheets"]
    }
    for action in actions:
        sheet = names[action["sheet_position"]] if action["sheet_position"] is not None else None
        if action["func"] == "sheetClear":
            cells[sheet] = {}
        elif action["func"] == "setValues":
            for i, line in enumerate(action["values"]):
                for j, value in enumerate(line):
                    at = (action["start_row"] + 1 + i, action["start_column"] + 1 + j)
                    if value in ("", None):
                        cells[sheet].pop(at, None)
                    else:
                        cells[sheet][at] = value
    return cells


def _comparable(value: object) -> object:
    """Dates and times as the remote engine sends them: ``2008-06-30``, ``2008-07-01 09:00:00``."""
    if isinstance(value, dt.datetime) and value.time() != dt.time():
        return f"{value:%Y-%m-%d %H:%M:%S}"
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00(\.0+)?Z", value):
        return value[:10]
    return shown(value)


@pytest.mark.skipif(
    os.environ.get("XLWINGS_LICENSE_KEY") != "noncommercial",
    reason="xlwings' remote engine needs XLWINGS_LICENSE_KEY=noncommercial in the environment",
)
def test_refresh_through_xlwings_remote_engine(plan: Path, tmp_path: Path, monkeypatch) -> None:
    """On xlwings' remote engine, Refresh's replayed actions give the file refresh's values."""
    import xlwings as xw

    monkeypatch.setattr(ribbon_run, "clock_now", lambda: STAMP)
    monkeypatch.setattr(ribbon_run, "clock_today", lambda: TODAY)
    start = remote_json(plan)
    book = xw.Book(json=remote_json(plan))
    book.set_mock_caller()
    try:
        excel.refresh()
    finally:
        del xw.Book._mock_caller
    actions = book.json()["actions"]
    alerts = [a["args"][0] for a in actions if a["func"] == "alert"]
    assert len(alerts) == 1 and alerts[0].startswith("Refreshed: 5 actions as of 30 Jun 2008")
    shown_now = replay(start, actions)
    expected = file_refresh(plan, tmp_path)
    for name in (*REBUILT, layout.ACTIONS):
        ws = expected[name]
        want = {
            (c.row, c.column): _comparable(c.value)
            for line in ws.iter_rows()
            for c in line
            if c.value is not None
        }
        got = {at: _comparable(v) for at, v in shown_now[name].items()}
        assert got == want, name
    position = [s["name"] for s in start["sheets"]].index(layout.EXCEPTIONS)
    text_formats = [
        a
        for a in actions
        if a["func"] == "setNumberFormat" and a["sheet_position"] == position and a["args"] == ["@"]
    ]
    first_write = next(
        i
        for i, a in enumerate(actions)
        if a["func"] == "setValues" and a["sheet_position"] == position
    )
    assert text_formats and actions.index(text_formats[0]) < first_write
    assert len([a for a in actions if a["func"] == "setValues"]) == 5
