"""The corporate report's table sheets as written: Excel tables with their columns, filter and
style, frozen and printed headers, per-cell RAG colours, real dates, wrapped text, and every
value read back as written (text always as text)."""

from __future__ import annotations

import datetime as dt
import math
import zipfile
from pathlib import Path

import openpyxl
import pytest
from consolidate_returns import make_returns
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbook_tools.core.palette import WORD_COLOURS as RAG_STYLES
from workbook_tools.report_sheets import A3, RAG_LOOKS, REGISTER_COLUMNS, Column, TableSheet
from workbook_tools.tool_sheets.content import DATE, INT, STAMP, WRAP
from workbook_tools.usecases.consolidate import consolidate
from workbook_tools.writers.file.new_book import NewBook
from workbook_tools.writers.report.workbook import add_table_sheet


@pytest.fixture
def report(tmp_path: Path) -> Path:
    """A report of two template returns and one legacy return."""
    path = tmp_path / "report.xlsx"
    consolidate([make_returns(tmp_path / "returns")], path, jobs=0)
    return path


def _write(path: Path, sheet: TableSheet) -> openpyxl.Workbook:
    book = NewBook(title="t", description="d", created=dt.datetime(2008, 6, 30, 9))
    add_table_sheet(book, sheet)
    book.write(path)
    return openpyxl.load_workbook(path)


def test_register_is_an_excel_table_with_its_header_frozen_and_printed(report: Path) -> None:
    """The Register is one Excel table over every row (its columns named by the headings, a
    filter, banded rows), its header frozen and repeated on every page; A3, one page wide."""
    ws = openpyxl.load_workbook(report)["Register"]
    table = ws.tables["Register"]
    assert table.ref == f"A1:P{ws.max_row}" and ws.max_row == 1 + 8
    assert [c.name for c in table.tableColumns] == [c.heading for c in REGISTER_COLUMNS]
    assert table.autoFilter.ref == table.ref
    assert table.tableStyleInfo.name == "TableStyleLight9" and table.tableStyleInfo.showRowStripes
    assert [cell.value for cell in ws[1]] == [c.heading for c in REGISTER_COLUMNS]
    assert ws.freeze_panes == "A2"
    assert ws.print_title_rows == "$1:$1"
    assert (ws.page_setup.orientation, int(ws.page_setup.paperSize)) == ("landscape", A3)
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage


def test_register_cells_carry_rag_colours_dates_and_wrapping(report: Path) -> None:
    """Each RAG cell has its word's fill, due dates are dates shown as dates, text columns wrap
    and a row is tall enough for its longest text."""
    ws = openpyxl.load_workbook(report)["Register"]
    head = {cell.value: cell.column for cell in ws[1]}
    seen = set()
    for row in ws.iter_rows(min_row=2):
        rag = row[head["Computed RAG"] - 1]
        assert rag.fill.fgColor.rgb[-6:] == RAG_STYLES[rag.value][0]
        assert rag.font.b
        seen.add(rag.value)
        due = row[head["Due date"] - 1]
        assert isinstance(due.value, dt.datetime) and "yyyy" in due.number_format
        assert row[head["Commentary"] - 1].alignment.wrap_text
    assert {"Green", "Red"} <= seen


def test_exceptions_and_checks_print_ready(report: Path) -> None:
    """Exceptions: a title and the order above the table, its header repeated on each page;
    Checks: errors in bold red; both landscape on A4, one page wide."""
    wb = openpyxl.load_workbook(report)
    exceptions = wb["Exceptions"]
    assert exceptions["A1"].value.startswith("Exceptions as of")
    assert exceptions.tables["Exceptions"].ref.startswith("A4:")
    assert exceptions.freeze_panes == "A5" and exceptions.print_title_rows == "$4:$4"
    for ws in (exceptions, wb["Checks"]):
        assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
        assert ws.page_setup.fitToWidth == 1
    checks = wb["Checks"]
    for row in checks.iter_rows(min_row=2):
        if row[2].value == "error":
            assert row[2].font.b and row[2].font.color.rgb[-6:] == "C00000"


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
_VALUE = st.one_of(
    st.none(), _TEXT, st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.dates(dt.date(1900, 3, 1), dt.date(2999, 12, 31)),
)  # fmt: skip


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(st.tuples(_TEXT, _VALUE, _VALUE), min_size=1, max_size=6))
def test_every_value_reads_back_as_written(tmp_path: Path, rows: list[tuple]) -> None:
    """Text (formula-like, escape-like, spaces, line breaks) reads back as text with only the
    characters a workbook cannot hold left out; numbers and dates read back equal."""
    columns = [Column("Name", 20, WRAP), Column("A", 10), Column("B", 10)]
    ws = _write(tmp_path / "t.xlsx", TableSheet("Data", "Data", columns, rows))["Data"]
    for written, cells in zip(rows, ws.iter_rows(min_row=2, max_col=3), strict=False):
        for value, cell in zip(written, cells, strict=True):
            _assert_reads_back(value, cell.value)


def _assert_reads_back(value: object, got: object) -> None:
    kept = value
    if isinstance(value, str):
        kept = "".join(ch for ch in value if ch in "\t\n\r" or ord(ch) >= 32)
        kept = "".join(ch for ch in kept if ch not in "\ufffe\uffff")
        if not kept:  # nothing a workbook can hold: an empty text, or no text
            assert got in (None, "")
            return
    if kept is None:
        assert got is None
    elif isinstance(kept, dt.date):
        assert got == dt.datetime(kept.year, kept.month, kept.day)
    elif isinstance(kept, float):
        assert math.isclose(got, kept, rel_tol=1e-15, abs_tol=0)
    else:
        assert got == kept


def test_hostile_values_are_stored_as_typed(tmp_path: Path) -> None:
    """Formula-like text stays text, Excel's own escapes and overlong text are kept as Excel
    would show them, date-times keep their time, and blanks, NaN and booleans are handled."""
    long = "x" * 40_000
    rows = [
        ("=SUM(A1:A9)", "+44 1234", "-1", "@risk", None),
        ("_x000D_ typed", "tab\there", " padded ", "line\nbreak", True),
        (long, "", float("nan"), 3.5, dt.datetime(2008, 6, 30, 9, 30)),
    ]
    columns = [Column(f"C{i}", 12) for i in range(4)] + [Column("When", 16, STAMP)]
    path = tmp_path / "h.xlsx"
    ws = _write(path, TableSheet("Data", "Data", columns, rows))["Data"]
    assert [c.value for c in ws[2]] == ["=SUM(A1:A9)", "+44 1234", "-1", "@risk", None]
    assert all(c.data_type == "s" for c in ws[2][:4])
    assert [c.value for c in ws[3]] == ["_x000D_ typed", "tab\there", " padded ", "line\nbreak",
                                        True]  # fmt: skip
    assert len(ws["A4"].value) == 32_767 and ws["B4"].value is None and ws["C4"].value is None
    assert ws["D4"].value == 3.5 and ws["E4"].value == dt.datetime(2008, 6, 30, 9, 30)
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet and b"<f " not in sheet


def test_looks_by_value_and_heights(tmp_path: Path) -> None:
    """A column's values take their own look (a RAG word its colours, others the column's), a
    table with no rows keeps one empty row, and long wrapped text makes a row taller."""
    columns = [Column("RAG", 9, looks=RAG_LOOKS), Column("Note", 20, WRAP), Column("N", 6, INT),
               Column("Due", 12, DATE)]  # fmt: skip
    rows = [("Amber", "short", 1, dt.date(2008, 6, 30)), ("n/a", "word " * 40, 2, None)]
    ws = _write(tmp_path / "l.xlsx", TableSheet("Data", "Data", columns, rows))["Data"]
    assert ws["A2"].fill.fgColor.rgb[-6:] == RAG_STYLES["Amber"][0]
    assert ws["A3"].fill.fill_type is None
    assert ws.row_dimensions[2].height is None and ws.row_dimensions[3].height > 45
    empty = _write(tmp_path / "e.xlsx", TableSheet("Data", "Data", columns, []))["Data"]
    assert empty.tables["Data"].ref == "A1:D2"
