"""The reader's and the rules' faster ways give what the plain ways gave, on generated inputs.

Each test keeps the earlier, plainer code as its oracle (a few lines each) and checks that the
fast path agrees with it: an action's fields read from a row (blank cells take their defaults
without a call), the cell addresses made when asked, month marks looked up by row, the repeated
header test that remembers texts, the test for a row of words, refs, and Date provided text
remembered per as-of date, status and RAG words remembered.
"""

from __future__ import annotations

import datetime as dt
import pickle
import re
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbook_tools.core.cells import cell_text, clean_row, parse_ref, read_percent, split_leads
from workbook_tools.core.deadlines import read_date, read_deadline
from workbook_tools.core.headings import candidates
from workbook_tools.core.model import Book, Grid, RowCells, column_letter
from workbook_tools.core.reading import read_plan
from workbook_tools.core.row_tests import may_be_header
from workbook_tools.core.rules import (
    date_provided_on,
    is_known_status,
    normalise_self_rag,
    normalise_status,
)
from workbook_tools.core.sections import has_words
from workbook_tools.core.timeline import is_mark, marks_in
from workbook_tools.core.vocabulary import SELF_RAG_MEANINGS, STATUS_MEANINGS, Status

# ---------------------------------------------------------------------------------------------
# An action's fields
# ---------------------------------------------------------------------------------------------

HEADINGS = ["Ref", "Action", "Lead", "Start", "Deadline", "Status", "% Complete",
            "Self-assessed RAG", "Commentary", "Date provided", "Notes"]  # fmt: skip
FIELDS = ["ref", "action", "lead", "start", "deadline", "status", "percent", "self_rag",
          "commentary", "date_provided", "notes"]  # fmt: skip

cell_values = (
    st.none()
    | st.sampled_from(["", "  ", "Complete", "not started", "Amber", "n/a", "Mar 09", "TBC",
                       "AC/ DH (Heads of service)", "50%", " 31/03/2009 ", "June", "x", "-"])
    | st.text(max_size=20)
    | st.integers(min_value=-5, max_value=50000)
    | st.floats(allow_nan=False, allow_infinity=False, min_value=-2, max_value=200)
    | st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31))
)  # fmt: skip


def old_fields(values: dict[str, object]) -> dict[str, object]:
    """An action's fields as the reader made them before, from the row's cleaned cells."""
    leads, supporting = split_leads(cell_text(values.get("lead")))
    start = read_date(values.get("start"))
    return {
        "lead": leads[0] if leads else None,
        "leads": leads,
        "supporting": supporting,
        "start": start,
        "start_text": cell_text(values.get("start")) if start is None else None,
        "deadline": read_deadline(values.get("deadline")),
        "status": normalise_status(values.get("status")),
        "status_text": cell_text(values.get("status")),
        "percent": read_percent(values.get("percent"), False),
        "self_rag": normalise_self_rag(values.get("self_rag")),
        "self_rag_text": cell_text(values.get("self_rag")),
        "commentary": cell_text(values.get("commentary")),
        "date_provided": values.get("date_provided"),
        "notes": cell_text(values.get("notes")),
    }


@settings(max_examples=300, deadline=None)
@given(st.lists(cell_values, min_size=len(FIELDS) - 2, max_size=len(FIELDS) - 2))
def test_action_fields_agree_with_reading_every_cell(cells: list[object]) -> None:
    """An action read from a row, blank cells included, has the fields the plain reading gave."""
    row = ["1.1", "Agree the strategy", *cells]
    book = Book("plan.xlsx", [Grid("Actions", [HEADINGS, row])])
    plan = read_plan(book, today=dt.date(2008, 6, 30))
    assert len(plan.actions) == 1
    action = plan.actions[0]
    values = dict(zip(FIELDS, clean_row(row), strict=True))
    for name, expected in old_fields(values).items():
        assert getattr(action, name) == expected, name
    assert dict(action.cells) == {k: f"{column_letter(i + 1)}2" for i, k in enumerate(FIELDS)}


# ---------------------------------------------------------------------------------------------
# Cell addresses
# ---------------------------------------------------------------------------------------------


@given(
    st.dictionaries(st.sampled_from(FIELDS), st.sampled_from(["A", "F", "AB"])),
    st.integers(min_value=1, max_value=1_048_576),
    st.sampled_from([*FIELDS, "nope"]),
)
def test_row_cells_read_as_the_dict_they_stand_for(
    letters: dict[str, str], row: int, key: str
) -> None:
    """Cell addresses made when asked read, compare, print and pickle as the plain dict."""
    cells = RowCells(letters, row)
    plain = {k: letter + str(row) for k, letter in letters.items()}
    assert cells == plain and plain == cells
    assert dict(cells) == plain and list(cells) == list(plain) and len(cells) == len(plain)
    assert repr(cells) == repr(plain)
    assert cells.get(key) == plain.get(key) and cells.get(key, "x") == plain.get(key, "x")
    assert (key in cells) == (key in plain)
    if key in plain:
        assert cells[key] == plain[key]
    else:
        with pytest.raises(KeyError):
            cells[key]
    assert pickle.loads(pickle.dumps(cells)) == plain


# ---------------------------------------------------------------------------------------------
# Month marks, repeated headers, rows of words, refs
# ---------------------------------------------------------------------------------------------


def old_planned_months(
    row: list[object], r: int, fills: frozenset[tuple[int, int]], columns: dict[int, dt.date]
) -> tuple[dt.date, ...]:
    """The months planned in a row, as the reader found them before."""
    planned = []
    for col, first in columns.items():
        value = row[col] if 0 <= col < len(row) else None
        if (value is not None and is_mark(value)) or (r, col) in fills:
            planned.append(first)
    return tuple(sorted(planned))


month_cells = st.none() | st.sampled_from(["x", " ", "", "done", "a b c", "Mar"]) | st.integers()


@given(
    st.lists(month_cells, max_size=16),
    st.frozensets(st.tuples(st.integers(0, 2), st.integers(0, 16)), max_size=20),
    st.dictionaries(st.integers(0, 16), st.dates(), max_size=12),
)
def test_month_marks_agree(
    row: list[object], fills: frozenset[tuple[int, int]], columns: dict[int, dt.date]
) -> None:
    """Months read with the row's fills looked up once are the months read cell by cell."""
    filled = {c for r, c in fills if r == 1}
    assert marks_in(row, filled, columns) == old_planned_months(row, 1, fills, columns)


probe_values = (
    st.none()
    | st.sampled_from(["Ref", "Action", "Lead officer", "Deadline", "1.1", "Agree it", "Status"])
    | st.text(max_size=12)
    | st.integers()
)


@given(st.lists(probe_values, max_size=8), st.none() | st.integers(0, 8))
def test_the_repeated_header_test_agrees(row: list[object], text_col: int | None) -> None:
    """The first test of a row for a header, remembering texts, answers as testing every cell."""
    cells = [(c, v) for c, v in enumerate(row) if v not in (None, "")]
    state = SimpleNamespace(text_col=text_col)
    expected = False
    if len(cells) >= 2:
        probes = [cells[0][1], cells[1][1]]
        if text_col is not None and text_col < len(row):
            probes.append(row[text_col])
        expected = any(candidates(value) for value in probes)
    known: dict[str, bool] = {}
    assert may_be_header(state, row, cells, known) == expected
    assert may_be_header(state, row, cells, known) == expected  # from what it remembered


@given(st.lists(st.tuples(st.integers(0, 9), st.text(max_size=6) | st.integers() | st.none())))
def test_a_row_of_words_agrees(cells: list[tuple[int, object]]) -> None:
    """A row is told to hold words as the character-by-character test told it."""
    expected = any(
        not isinstance(value, str) or any(ch.isalnum() for ch in value) for _c, value in cells
    )
    assert has_words(cells) == expected


def old_parse_ref(value: object) -> str | None:
    """:func:`parse_ref` with its type tests in their first order."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return str(value) if 0 < value < 1000 else None
    if isinstance(value, float):
        text = repr(value)
        return old_parse_ref(text[:-2] if text.endswith(".0") else text)
    return parse_ref(value) if isinstance(value, str) else None


@given(cell_values | st.booleans() | st.sampled_from(["4.1.3", "20 2", "T-001", "Mar-09"]))
def test_refs_agree(value: object) -> None:
    """Refs read with text tested first read as before."""
    assert parse_ref(value) == old_parse_ref(value)


# ---------------------------------------------------------------------------------------------
# Date provided
# ---------------------------------------------------------------------------------------------


def old_date_provided_on(text: str, as_of: dt.date) -> dt.date | None:
    """:func:`date_provided_on` of a text, read afresh each time (no remembering)."""
    from workbook_tools.core.dates import month_end, month_number, numeric_date

    text = text.strip()
    if not text:
        return None
    month = month_number(text)
    if month is not None:
        year = as_of.year if month <= as_of.month else as_of.year - 1
        return min(month_end(dt.date(year, month, 1)), as_of)
    found = numeric_date(text)
    if found is None:
        found = read_date(text)
    return found


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["June", "Sept.", "31/03/2009", "2008-05-01", "Mar 09", "soon", " May "])
    | st.text(max_size=12),
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)),
)
def test_remembered_dates_provided_agree(text: str, as_of: dt.date) -> None:
    """A Date provided text read again at an as-of date reads as it did the first time."""
    for _ in range(2):
        assert date_provided_on(text, as_of, read_date) == old_date_provided_on(text, as_of)


def test_a_date_reader_that_cannot_be_remembered_is_still_used() -> None:
    """Date provided text is read by a date reader the rules cannot remember (unhashable)."""

    class Reader(list):  # a list is unhashable
        def __call__(self, text: object) -> dt.date:
            self.append(text)
            return dt.date(2008, 5, 1)

    reader = Reader()
    assert date_provided_on("early May", dt.date(2008, 6, 30), reader) == dt.date(2008, 5, 1)
    assert reader == ["early May"]


# ---------------------------------------------------------------------------------------------
# Status and self-assessed RAG words
# ---------------------------------------------------------------------------------------------


def old_key(text: object) -> str:
    """Lower-case letters and digits only, as status and RAG words were compared."""
    return re.sub(r"[^a-z0-9]", "", str(text).casefold())


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["Complete", " not started ", "On-going", "Amber", "n/a", "G", "", "  "])
    | st.text(max_size=12)
)
def test_remembered_status_and_rag_words_agree(text: str) -> None:
    """Status and RAG words read again read as the plain lookups read them."""
    blank = not text.strip()
    for _ in range(2):
        assert normalise_status(text) == (
            Status.IN_PROGRESS if blank else STATUS_MEANINGS.get(old_key(text), Status.IN_PROGRESS)
        )
        assert is_known_status(text) == (blank or old_key(text) in STATUS_MEANINGS)
        assert normalise_self_rag(text) == (None if blank else SELF_RAG_MEANINGS.get(old_key(text)))
