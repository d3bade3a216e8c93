"""The monitoring template: layout, names, drop-downs, colours, printing, third-party judges."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from judges import audit_errors_beyond_baseline, soffice_convert
from openpyxl.utils.cell import range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from workbook_tools.core import layout
from workbook_tools.core.layout import RAG_STYLES
from workbook_tools.core.model import Settings, column_letter
from workbook_tools.writers.template.build import (
    FIXED_TIMESTAMP,
    TEMPLATE_PATH,
    main,
    write_template,
)
from workbook_tools.writers.template.sheets import timeline_months

PLAN_YEAR = dt.date(2026, 4, 1)
TOOL_BUILT = (layout.SUMMARY, layout.EXCEPTIONS, layout.CHECKS, layout.HISTORY)
_CORE_DATES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)")


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A freshly generated template with every setting left blank."""
    return write_template(tmp_path_factory.mktemp("template") / "blank.xlsx")


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A freshly generated template with organisation, directorate, title and plan year."""
    return write_template(
        tmp_path_factory.mktemp("template") / "filled.xlsx",
        organisation="Herefordshire Council",
        directorate="Resources",
        plan_year_start=PLAN_YEAR,
        plan_title="Service Plan 2026/27",
    )


@pytest.fixture(scope="module")
def book(blank: Path) -> Workbook:
    """The blank template read back with openpyxl."""
    return openpyxl.load_workbook(blank)


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["docProps/core.xml"] = _CORE_DATES.sub(rb"\1\3", parts["docProps/core.xml"])
    return parts


def _headings(ws: Worksheet, ref: str) -> list[object]:
    min_col, min_row, max_col, _ = range_boundaries(ref)
    return [ws.cell(min_row, col).value for col in range(min_col, max_col + 1)]


def _name_target(wb: Workbook, name: str) -> tuple[str, str]:
    sheet, ref = next(iter(wb.defined_names[name].destinations))
    return sheet, ref.replace("$", "")


def _validations(ws: Worksheet, letter: str) -> list[DataValidation]:
    return [dv for dv in ws.data_validations.dataValidation if f"{letter}2" in dv.sqref]


def test_committed_template_equals_fresh_generation(blank: Path) -> None:
    """The committed template is exactly what the code generates (document dates aside)."""
    assert TEMPLATE_PATH.exists(), "run: python -m workbook_tools.writers.template"
    committed, fresh = _members(TEMPLATE_PATH), _members(blank)
    assert list(committed) == list(fresh)
    for name in fresh:
        assert committed[name] == fresh[name], f"{name} differs: regenerate the template"


def test_two_generations_are_byte_identical(tmp_path: Path) -> None:
    """Saving the same template twice gives the same bytes, zip times and document dates too."""
    first = write_template(tmp_path / "a.xlsx", directorate="Resources", plan_year_start=PLAN_YEAR)
    second = write_template(tmp_path / "b.xlsx", directorate="Resources", plan_year_start=PLAN_YEAR)
    assert first.read_bytes() == second.read_bytes()


def test_sheets_in_order_and_lists_hidden(book: Workbook) -> None:
    """The sheets follow layout.SHEET_ORDER; only Lists is hidden and the Guide opens first."""
    assert book.sheetnames == list(layout.SHEET_ORDER)
    hidden = [ws.title for ws in book.worksheets if ws.sheet_state != "visible"]
    assert hidden == [layout.LISTS]
    assert book.active.title == layout.GUIDE


@pytest.mark.parametrize(
    ("sheet", "table", "headings"),
    [
        (layout.ACTIONS, layout.ACTIONS_TABLE, layout.ACTION_HEADINGS + layout.COMPUTED_HEADINGS),
        (layout.MILESTONES, layout.MILESTONES_TABLE, layout.MILESTONE_HEADINGS),
        (layout.SETTINGS, layout.SETTINGS_TABLE, layout.SETTINGS_HEADINGS),
    ],
)
def test_tables_have_the_layout_headings(
    book: Workbook, sheet: str, table: str, headings: tuple[str, ...]
) -> None:
    """Each Excel table exists on its sheet, its heading cells and column names match the layout."""
    ws = book[sheet]
    assert table in ws.tables
    tbl = ws.tables[table]
    assert tbl.ref.startswith("A1:")
    assert _headings(ws, tbl.ref) == list(headings)
    assert [c.name for c in tbl.tableColumns] == list(headings)


def test_computed_columns_sit_right_of_user_columns_and_look_different(book: Workbook) -> None:
    """The tool's columns follow the user's in the Actions table, with their own heading style."""
    ws = book[layout.ACTIONS]
    first_tool = len(layout.ACTION_HEADINGS) + 1
    user_fill = ws.cell(1, 1).fill.fgColor.rgb
    for col in range(first_tool, first_tool + len(layout.COMPUTED_HEADINGS)):
        assert ws.cell(1, col).fill.fgColor.rgb != user_fill
        assert ws.cell(1, col).font.i


def test_every_setting_has_a_defined_name_on_its_value_with_the_default(book: Workbook) -> None:
    """Each Settings row's value cell carries its defined name and model.Settings' default."""
    defaults = dataclasses.asdict(Settings())
    ws = book[layout.SETTINGS]
    for row, spec in enumerate(layout.SETTINGS_ROWS, 2):
        assert ws.cell(row, 1).value == spec.label
        assert _name_target(book, spec.name) == (layout.SETTINGS, f"B{row}")
        expected = defaults[spec.attr]
        if isinstance(expected, bool):
            expected = "Yes" if expected else "No"
        assert ws.cell(row, 2).value == expected, spec.name
    assert _name_target(book, "AmberWindowDays") == ("Settings", "B7")


def test_settings_values_are_validated(book: Workbook) -> None:
    """Date settings take dates (shown as dates), day counts whole numbers, UseBlue Yes/No."""
    ws = book[layout.SETTINGS]
    for row, spec in enumerate(layout.SETTINGS_ROWS, 2):
        found = [dv for dv in ws.data_validations.dataValidation if f"B{row}" in dv.sqref]
        assert len(found) == 1, spec.name
        kind = found[0].type
        expected = {"date": "date", "int": "whole", "number": "decimal", "yesno": "list"}
        assert kind == expected.get(spec.kind), spec.name
        if spec.kind == "date":
            assert "yy" in ws.cell(row, 2).number_format
        if spec.kind == "yesno":
            assert found[0].formula1 == layout.YES_NO_LIST_NAME


def test_list_names_hold_the_drop_down_values(book: Workbook) -> None:
    """StatusList, SelfRagList and YesNoList point at the Lists sheet cells holding the values."""
    for name, values in (
        (layout.STATUS_LIST_NAME, layout.STATUS_VALUES),
        (layout.SELF_RAG_LIST_NAME, layout.SELF_RAG_VALUES),
        (layout.YES_NO_LIST_NAME, layout.YES_NO),
    ):
        sheet, ref = _name_target(book, name)
        assert sheet == layout.LISTS
        cells = book[sheet][ref]
        assert tuple(row[0].value for row in cells) == values


@pytest.mark.parametrize(
    ("heading", "list_name"),
    [("Status", layout.STATUS_LIST_NAME), ("Self-assessed RAG", layout.SELF_RAG_LIST_NAME)],
)
def test_drop_downs_refer_to_defined_names(book: Workbook, heading: str, list_name: str) -> None:
    """Status and Self-assessed RAG drop-downs use a defined name, never another sheet's cells."""
    ws = book[layout.ACTIONS]
    letter = column_letter(layout.ACTION_HEADINGS.index(heading) + 1)
    (dv,) = _validations(ws, letter)
    assert dv.type == "list"
    assert dv.formula1 == list_name
    assert "!" not in dv.formula1
    assert f"{letter}2:{letter}" in str(dv.sqref)


def test_percent_complete_takes_whole_numbers_0_to_100(book: Workbook) -> None:
    """% Complete rejects anything but a whole number from 0 to 100."""
    ws = book[layout.ACTIONS]
    letter = column_letter(layout.ACTION_HEADINGS.index("% Complete") + 1)
    (dv,) = _validations(ws, letter)
    assert (dv.type, dv.operator, dv.formula1, dv.formula2) == ("whole", "between", "0", "100")
    assert dv.showErrorMessage


@pytest.mark.parametrize(
    ("heading", "words"),
    [
        ("Self-assessed RAG", ("Blue", "Green", "Amber", "Red", "n/a")),
        ("Computed RAG", ("Blue", "Green", "Amber", "Red", "Grey")),
    ],
)
def test_rag_words_get_a_fill_and_readable_text(
    book: Workbook, heading: str, words: tuple[str, ...]
) -> None:
    """Each RAG word in the RAG columns gets its fill and text colour; the word itself stays."""
    ws = book[layout.ACTIONS]
    headings = layout.ACTION_HEADINGS + layout.COMPUTED_HEADINGS
    letter = column_letter(headings.index(heading) + 1)
    rules = {}
    for cf in ws.conditional_formatting:
        if str(cf.sqref).startswith(f"{letter}2:"):
            for rule in cf.rules:
                rules[rule.formula[0].strip('"')] = rule
    assert set(rules) == set(words)
    for word, rule in rules.items():
        fill, text = RAG_STYLES[word]
        assert rule.type == "cellIs" and rule.operator == "equal"
        assert rule.dxf.fill.fgColor.rgb.endswith(fill)
        assert rule.dxf.font.color.rgb.endswith(text)
        assert rule.dxf.numFmt is None  # the word is shown as typed


@pytest.mark.parametrize("sheet", layout.SHEET_ORDER)
def test_every_sheet_prints_sensibly(book: Workbook, sheet: str) -> None:
    """A4, one page wide, orientation, margins, sheet name and page number; headings repeated."""
    ws = book[sheet]
    landscape = sheet in (layout.ACTIONS, layout.TIMELINE, layout.EXCEPTIONS, layout.SUMMARY)
    assert ws.page_setup.orientation == ("landscape" if landscape else "portrait")
    assert str(ws.page_setup.paperSize) == str(ws.PAPERSIZE_A4)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0
    assert ws.page_margins.left == 0.5
    assert "&A" in ws.oddHeader.center.text
    assert "&P" in ws.oddFooter.right.text
    if sheet in layout.USER_SHEETS:
        assert ws.print_title_rows == "$1:$1"
        assert ws.freeze_panes is not None


def test_ref_columns_keep_what_is_typed_as_text(book: Workbook) -> None:
    """The Ref columns are text-formatted, so a Ref typed as 1.10 is not turned into 1.1."""
    for sheet in (layout.ACTIONS, layout.MILESTONES, layout.TIMELINE):
        ws = book[sheet]
        assert ws["A1"].value == "Ref"
        assert ws["A2"].number_format == "@"
        assert ws.column_dimensions["A"].number_format == "@"


def test_timeline_months_are_real_dates_in_order(filled: Path) -> None:
    """With a plan year, the twelve month headings are first-of-month dates shown as mmm yy."""
    ws = openpyxl.load_workbook(filled)[layout.TIMELINE]
    lead = len(layout.TIMELINE_LEADING)
    assert [ws.cell(1, c).value for c in range(1, lead + 1)] == list(layout.TIMELINE_LEADING)
    months = [ws.cell(1, lead + 1 + i) for i in range(layout.TIMELINE_MONTHS)]
    values = [cell.value.date() for cell in months]
    assert values == [dt.date(2026 + (m < 4), m, 1) for m in (*range(4, 13), 1, 2, 3)]
    assert all(cell.number_format == "mmm yy" for cell in months)
    trailing = ws.cell(1, lead + layout.TIMELINE_MONTHS + 1).value
    assert (trailing,) == layout.TIMELINE_TRAILING


def test_timeline_without_a_plan_year_uses_month_names(book: Workbook) -> None:
    """With the plan year left blank the months are named Apr … Mar, read in the as-of year."""
    ws = book[layout.TIMELINE]
    lead = len(layout.TIMELINE_LEADING)
    names = [ws.cell(1, lead + 1 + i).value for i in range(layout.TIMELINE_MONTHS)]
    assert " ".join(names) == "Apr May Jun Jul Aug Sep Oct Nov Dec Jan Feb Mar"


def test_timeline_months_follow_any_first_month() -> None:
    """A plan year starting in July runs July to June, crossing the calendar year."""
    months = timeline_months(dt.date(2007, 7, 15))
    assert months[0] == dt.date(2007, 7, 1)
    assert months[5] == dt.date(2007, 12, 1)
    assert months[6] == dt.date(2008, 1, 1)
    assert months[-1] == dt.date(2008, 6, 1)


def test_build_template_fills_in_the_given_settings(filled: Path) -> None:
    """Organisation, directorate, plan title and plan year start land in their named cells."""
    wb = openpyxl.load_workbook(filled)

    def value(name: str) -> object:
        sheet, ref = _name_target(wb, name)
        return wb[sheet][ref].value

    assert value("Organisation") == "Herefordshire Council"
    assert value("Directorate") == "Resources"
    assert value("PlanTitle") == "Service Plan 2026/27"
    assert value("PlanYearStart") == dt.datetime(2026, 4, 1)
    assert value("AsOfDate") is None
    assert wb[layout.GUIDE]["A1"].value == "Service Plan 2026/27"
    assert "Resources" in wb[layout.GUIDE]["A2"].value
    assert wb.properties.title == "Service Plan 2026/27"


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    """A directorate typed as '=cmd|...' is stored as text, never as a formula."""
    path = write_template(tmp_path / "x.xlsx", directorate='=HYPERLINK("http://x")')
    wb = openpyxl.load_workbook(path)
    cell = wb[layout.SETTINGS]["B3"]
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://x")'
    with zipfile.ZipFile(path) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet2.xml")


def test_guide_explains_the_rag_words_and_the_tool_sheets(book: Workbook) -> None:
    """The Guide defines every RAG word (with its colour) and says Refresh rebuilds tool sheets."""
    ws = book[layout.GUIDE]
    text = {str(c.value) for row in ws.iter_rows() for c in row if c.value is not None}
    assert "On trajectory and within acceptable tolerances." in text
    for word, (fill, _) in RAG_STYLES.items():
        if word == "n/a":
            continue
        cell = next(c for row in ws.iter_rows(max_col=1) for c in row if c.value == word)
        assert cell.fill.fgColor.rgb.endswith(fill)
    joined = " ".join(text)
    for sheet in TOOL_BUILT:
        assert sheet in joined
    assert "rebuilt every time you press Refresh" in joined


@pytest.mark.parametrize("sheet", TOOL_BUILT)
def test_tool_sheets_say_how_to_fill_them(book: Workbook, sheet: str) -> None:
    """Until the first Refresh each tool sheet shows its title and how to fill it."""
    ws = book[sheet]
    assert ws["A1"].value == sheet
    assert "Press Refresh" in ws["A3"].value


def test_document_properties_are_fixed(book: Workbook) -> None:
    """Title, creator and fixed created/modified times are set, so generations do not drift."""
    props = book.properties
    assert props.creator == "workbook-tools"
    assert props.title
    assert props.created == props.modified == FIXED_TIMESTAMP


def test_main_writes_the_template_where_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`python -m workbook_tools.writers.template PATH` writes a template to PATH."""
    target = tmp_path / "out" / "t.xlsx"
    assert main([str(target)]) == 0
    assert target.exists()
    assert str(target) in capsys.readouterr().out
    assert _members(target) == _members(TEMPLATE_PATH)


@pytest.mark.parametrize("which", ["blank", "filled"])
def test_openxml_audit_finds_nothing_beyond_an_empty_workbook(
    which: str, request: pytest.FixtureRequest
) -> None:
    """openxml-audit reports no errors that an empty openpyxl workbook does not also get."""
    path = request.getfixturevalue(which)
    assert audit_errors_beyond_baseline(path) == set()


@pytest.mark.slow
@pytest.mark.libreoffice
@pytest.mark.parametrize("which", ["blank", "filled"])
def test_libreoffice_opens_and_prints_the_template(
    which: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """Headless LibreOffice opens the template and prints it to PDF."""
    pdf = soffice_convert(request.getfixturevalue(which), "pdf", tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF")
