"""The text reader (sources/text.py): CSV, TSV and text files in their encodings and delimiters
→ one grid, every value kept as text."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbook_tools.errors import NotAWorkbookError, WorkbookToolsError
from workbook_tools.sources import grids, text
from workbook_tools.sources.grids import SheetTruncatedWarning
from workbook_tools.sources.text import choose_delimiter, load_text


def test_csv_cp1252(tmp_path: Path) -> None:
    """A CSV saved by Excel on an English Windows PC (Windows-1252) keeps £, é and curly quotes."""
    path = tmp_path / "Housing plan.csv"
    path.write_bytes("Ref,Action,Budget\r\n1.1,Café – “review”,£500\r\n".encode("cp1252"))
    book = load_text(path)
    assert book.sheets[0].name == "Housing plan"
    assert book.sheets[0].rows == [["Ref", "Action", "Budget"], ["1.1", "Café – “review”", "£500"]]
    assert book.path == str(path) and book.names == {}


def test_csv_utf8_with_bom(tmp_path: Path) -> None:
    """Excel's "CSV UTF-8": the byte-order mark is not part of the first heading."""
    path = tmp_path / "plan.csv"
    path.write_bytes("Ref,Action\r\n1,Réview 😀\r\n".encode("utf-8-sig"))
    assert load_text(path).sheets[0].rows == [["Ref", "Action"], ["1", "Réview 😀"]]


def test_utf16_unicode_text(tmp_path: Path) -> None:
    """Excel's "Unicode Text" (UTF-16, tab-separated .txt) reads."""
    path = tmp_path / "plan.txt"
    path.write_bytes("Ref\tAction\r\n1\tÉtude, then report\r\n".encode("utf-16"))
    assert load_text(path).sheets[0].rows == [["Ref", "Action"], ["1", "Étude, then report"]]


def test_csv_quoted_commas_and_lines(tmp_path: Path) -> None:
    """Commas inside quotes stay in the cell; multi-line quoted cells keep their line breaks."""
    path = tmp_path / "plan.csv"
    path.write_bytes(
        b'Ref,Action,Lead\r\n1.1,"Deliver, then review","Smith, J"\r\n'
        b'1.2,"Line one\r\nLine two\nLine three","He said ""yes"""\r\n'
    )
    assert load_text(path).sheets[0].rows == [
        ["Ref", "Action", "Lead"],
        ["1.1", "Deliver, then review", "Smith, J"],
        ["1.2", "Line one\r\nLine two\nLine three", 'He said "yes"'],
    ]


def test_values_stay_text_empty_is_none(tmp_path: Path) -> None:
    """Numbers and dates stay text, empty fields are None, spaces are kept, trailing blanks go."""
    path = tmp_path / "plan.csv"
    path.write_text("Ref,Due,Pct,Note\n1,31/03/2008,50%, \n2,,,\n3\n,,,\n\n", encoding="utf-8")
    assert load_text(path).sheets[0].rows == [
        ["Ref", "Due", "Pct", "Note"],
        ["1", "31/03/2008", "50%", " "],
        ["2"],
        ["3"],
    ]


def test_html_fragments_are_left_alone(tmp_path: Path) -> None:
    """HTML pasted from Word tables stays as written (the reader strips the tags)."""
    path = tmp_path / "plan.tsv"
    path.write_text("Ref\tDeadline\n<b>1</b>\t<p>Mar 08</p> <p>Apr 09</p>\n", encoding="utf-8")
    assert load_text(path).sheets[0].rows == [
        ["Ref", "Deadline"],
        ["<b>1</b>", "<p>Mar 08</p> <p>Apr 09</p>"],
    ]


def test_tsv_with_commas_in_cells(tmp_path: Path) -> None:
    """A tab-separated file is split on tabs even when its cells hold commas."""
    path = tmp_path / "plan.tsv"
    path.write_text("Ref\tAction\n1\tPlan, do, review\n2\tAgain, and again\n", encoding="utf-8")
    assert load_text(path).sheets[0].rows == [
        ["Ref", "Action"],
        ["1", "Plan, do, review"],
        ["2", "Again, and again"],
    ]


def test_txt_clearly_comma_separated(tmp_path: Path) -> None:
    """A .txt with no tabs whose lines all split into the same columns on commas is a CSV."""
    path = tmp_path / "plan.txt"
    path.write_text("Ref,Action,Lead\n1,Plan,AB\n2,Review,CD\n", encoding="utf-8")
    assert load_text(path).sheets[0].rows[1] == ["1", "Plan", "AB"]


def test_txt_prose_is_one_column(tmp_path: Path) -> None:
    """A .txt of prose with the odd comma is not split into columns."""
    path = tmp_path / "notes.txt"
    path.write_text("Actions for 2008\nPlan, then review the results\nDone\n", encoding="utf-8")
    assert load_text(path).sheets[0].rows == [
        ["Actions for 2008"],
        ["Plan, then review the results"],
        ["Done"],
    ]


def test_semicolon_csv(tmp_path: Path) -> None:
    """A CSV written with semicolons (European Excel) is split on semicolons."""
    path = tmp_path / "plan.csv"
    path.write_text("Ref;Action;Pct\n1;Plan;0,5\n2;Review, then act;0,75\n", encoding="utf-8")
    assert load_text(path).sheets[0].rows == [
        ["Ref", "Action", "Pct"],
        ["1", "Plan", "0,5"],
        ["2", "Review, then act", "0,75"],
    ]


@pytest.mark.parametrize(
    ("content", "suffix", "expected"),
    [
        ("a,b\n1,2\n", ".csv", ","),
        ("a\tb\n1\t2\n", ".csv", "\t"),
        ("a;b\n1;2\n", ".csv", ";"),
        ("single\ncolumn\n", ".csv", ","),
        ("a\tb,c\n1\t2,3\n", ".txt", "\t"),
        ("a,b\n1,2\n", ".TSV", ","),
        ("just text\n", ".tsv", "\t"),
    ],
)
def test_choose_delimiter(content: str, suffix: str, expected: str) -> None:
    """The separator chosen for small samples of each kind of file."""
    assert choose_delimiter(content, suffix) == expected


def test_workbook_renamed_csv(tmp_path: Path, plan_xlsx: Path) -> None:
    """An Excel workbook saved under a .csv name is refused with a sentence saying so."""
    path = tmp_path / "plan.csv"
    path.write_bytes(plan_xlsx.read_bytes())
    with pytest.raises(NotAWorkbookError, match="this is an Excel workbook, not a text file"):
        load_text(path)


def test_binary_file_is_not_text(tmp_path: Path) -> None:
    """A binary file is refused rather than read as garbage."""
    path = tmp_path / "plan.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(NotAWorkbookError, match="not comma- or tab-separated text"):
        load_text(path)


def test_runaway_quote_is_reported(tmp_path: Path) -> None:
    """A field longer than any spreadsheet cell (an unclosed quote) is reported, with its line."""
    path = tmp_path / "plan.csv"
    path.write_text('Ref,Action\n1,"never closed\n' + "x" * 200_000 + "\n", encoding="utf-8")
    with pytest.raises(NotAWorkbookError, match=r"line \d+"):
        load_text(path)


def test_text_truncated_with_warning(tmp_path: Path, monkeypatch) -> None:
    """Text rows and columns beyond the caps are ignored with a warning."""
    monkeypatch.setattr(grids, "MAX_ROWS", 2)
    monkeypatch.setattr(grids, "MAX_COLS", 2)
    path = tmp_path / "plan.csv"
    path.write_text("a,b,c\n1,2,3\n4,5,6\n", encoding="utf-8")
    with pytest.warns(SheetTruncatedWarning):
        assert load_text(path).sheets[0].rows == [["a", "b"], ["1", "2"]]


def test_missing_text_file(tmp_path: Path) -> None:
    """A text path that does not exist is reported, naming the file."""
    with pytest.raises(NotAWorkbookError, match=r"^gone\.csv: the file cannot be found"):
        load_text(tmp_path / "gone.csv")


def test_text_size_limit(tmp_path: Path, monkeypatch) -> None:
    """A text file over the size limit is refused before it is read."""
    monkeypatch.setattr(text, "MAX_TEXT_BYTES", 10)
    path = tmp_path / "plan.csv"
    path.write_text("Ref,Action\n1,Plan\n", encoding="utf-8")
    with pytest.raises(WorkbookToolsError, match="split it into smaller files"):
        load_text(path)


FIELD = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\x00"),
    max_size=12,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    width=st.integers(min_value=2, max_value=5),
    data=st.data(),
    suffix=st.sampled_from([".csv", ".tsv"]),
)
def test_text_round_trip(tmp_path_factory, width: int, data, suffix: str) -> None:
    """Any rectangular table written by the csv module (as Excel writes it) reads back as
    written: empty fields None, trailing blanks trimmed."""
    rows = data.draw(st.lists(st.lists(FIELD, min_size=width, max_size=width), max_size=8))
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter="," if suffix == ".csv" else "\t").writerows(rows)
    path = tmp_path_factory.mktemp("text") / f"plan{suffix}"
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))
    expected = [[field if field != "" else None for field in row] for row in rows]
    for row in expected:
        while row and row[-1] is None:
            row.pop()
    while expected and not expected[-1]:
        expected.pop()
    assert load_text(path).sheets[0].rows == expected
