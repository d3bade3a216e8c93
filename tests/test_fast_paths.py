"""The faster ways of reading and writing give what the plain ways gave, on generated inputs.

Each test keeps the earlier, plainer code as its oracle (a few lines each) and checks that the
fast path agrees with it: heading lookups, cell cleaning, calamine values, the scan of a sheet's
cells, the search for styled cells, row heights, the check after writing and the editing of a
sheet's rows. The realistic corpus and the refresh tests check the same on whole workbooks.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from workbook_tools.core import heading_words
from workbook_tools.core.cells import cell_text, clean_row, clean_text
from workbook_tools.core.deadlines import _read, _read_one_date, read_date, read_deadline
from workbook_tools.safety import reach
from workbook_tools.safety.limits import DEFAULT_LIMITS
from workbook_tools.safety.scan import SheetScanner, column_index, column_letters
from workbook_tools.safety.sheet_contents import _outside
from workbook_tools.sources import fills, values
from workbook_tools.sources.values import plain_value
from workbook_tools.tool_sheets.content import wrapped_lines
from workbook_tools.writers.file import sheet_rows
from workbook_tools.writers.file.sheet_rows import Spot, edit_sheet

# ---------------------------------------------------------------------------------------------
# Heading words
# ---------------------------------------------------------------------------------------------

_NON_ALNUM = re.compile(r"[^0-9a-z%#]+")
HEADINGS = [h for names in heading_words.SYNONYMS.values() for h in names]
heading_like = st.sampled_from(HEADINGS).flatmap(
    lambda h: st.tuples(st.just(h), st.text(max_size=12)).map(lambda p: p[0] + p[1])
)
texts = st.text(max_size=80) | heading_like | st.from_regex(r"\s*[0-9A-Za-z(#%*<&][^\n]{0,40}")


def old_lookup(text: str) -> tuple[tuple[str, ...], bool]:
    """The heading lookup before refs were told from headings by their first character."""
    key = _NON_ALNUM.sub("", text.casefold())
    if not key or len(key) > 120:
        return (), False
    if key in heading_words._EXACT:
        return heading_words._EXACT[key], key in heading_words._STRONG
    for prefix, field_name in heading_words._PREFIXES:
        if key.startswith(prefix):
            return (field_name,), True
    head = text.split("(", 1)[0]
    if head != text and head.strip():
        return old_lookup(head)
    return (), False


def old_candidates(value: object) -> tuple[str, ...]:
    """:func:`candidates` as it was."""
    if not isinstance(value, str) or len(value) > 200:
        return ()
    text = heading_words.heading_text(value)
    return old_lookup(text)[0] if text else ()


@settings(max_examples=600, deadline=None)
@given(texts)
def test_normalise_agrees_with_the_expression(text: str) -> None:
    """Normalising a heading the quick way (ASCII) gives what the expression gave."""
    assert heading_words.normalise(text) == _NON_ALNUM.sub("", text.casefold())


@settings(max_examples=600, deadline=None)
@given(texts)
def test_candidates_agree_with_the_full_lookup(text: str) -> None:
    """Telling refs and other text from headings by their first character changes no answer."""
    assert heading_words.candidates(text) == old_candidates(text)


# ---------------------------------------------------------------------------------------------
# Cells
# ---------------------------------------------------------------------------------------------

cell_values = (
    st.none()
    | st.text(max_size=30)
    | st.from_regex(r"\s*(<p>|&amp;|\*\*|## )?[A-Za-z ]{0,12}(</p>|\*\*)?\s*")
    | st.integers()
    | st.floats(allow_nan=False)
    | st.datetimes()
    | st.dates()
    | st.booleans()
)


@settings(max_examples=400, deadline=None)
@given(st.lists(cell_values, max_size=12))
def test_clean_row_agrees_with_cleaning_each_cell(row: list[object]) -> None:
    """A row cleaned in one pass is the row cleaned cell by cell."""
    assert clean_row(row) == [clean_text(v) if isinstance(v, str) else v for v in row]


def old_cell_text(value: object) -> str | None:
    """:func:`cell_text` as it was."""
    if value is None:
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    text = str(value).strip()
    return text or None


@settings(max_examples=300, deadline=None)
@given(cell_values)
def test_cell_text_agrees(value: object) -> None:
    """Text cells stripped the quick way read as before."""
    assert cell_text(value) == old_cell_text(value)


@settings(max_examples=400, deadline=None)
@given(
    cell_values
    | st.sampled_from(["Mar 09", "31December 08", "Q3 2008/09", "On-going", "TBC", "30 06 08"])
    | st.floats(min_value=1, max_value=80000)
)
def test_remembered_deadlines_and_dates_agree(value: object) -> None:
    """Deadline and date cells read from what was remembered read as they did the first time."""
    for _ in range(2):
        assert read_deadline(value) == _read(value)
        expected = _read_one_date(value)
        expected = None if expected is None or expected <= dt.date(1900, 12, 31) else expected
        assert read_date(value) == expected


def old_calamine_row(row: list[object], max_cols: int) -> list[object]:
    """:func:`values.calamine_row` as it was."""
    values: list[object] = []
    last = -1
    for c, value in enumerate(row[:max_cols]):
        if value == "" or value is None:
            values.append(None)
            continue
        kind = type(value)
        if kind is float:
            if value.is_integer() and -(10**16) < value < 10**16:
                value = int(value)
        elif kind is dt.date:
            value = dt.datetime(value.year, value.month, value.day)
        elif kind is not str:
            value = plain_value(value)
        values.append(value)
        last = c
    del values[last + 1 :]
    return values


calamine_values = (
    st.just("")
    | st.none()
    | st.text(max_size=8)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.integers()
    | st.booleans()
    | st.dates()
    | st.datetimes()
    | st.times()
    | st.timedeltas(max_value=dt.timedelta(days=3))
)


@settings(max_examples=400, deadline=None)
@given(st.lists(calamine_values, max_size=10), st.integers(min_value=1, max_value=12))
def test_calamine_rows_agree(row: list[object], max_cols: int) -> None:
    """python-calamine's values turn into the same grid values as before."""
    got, want = values.calamine_row(row, max_cols), old_calamine_row(row, max_cols)
    assert [(type(v), v) for v in got] == [(type(v), v) for v in want] or (
        len(got) == len(want)
        and all(a == b or (isinstance(a, float) and math.isnan(a) and math.isnan(b))
                for a, b in zip(got, want, strict=True))
    )  # fmt: skip


# ---------------------------------------------------------------------------------------------
# A sheet's XML: generated cells sections
# ---------------------------------------------------------------------------------------------

_LETTERS = ["A", "B", "C", "Q", "Z", "AA", "AB", "XFD", "b"]


@st.composite
def sheet_cells(draw: st.DrawFn) -> bytes:
    """Rows of cells written the usual way, with some written otherwise: out of order, without a
    reference, single quotes, another attribute first, a prefix, styles and formulas."""
    prefix = draw(st.sampled_from([b"", b"", b"", b"x:"]))
    usual = draw(st.booleans())  # cells left to right, r first, one after another
    rows = []
    for number in sorted(draw(st.sets(st.integers(1, 40), min_size=1, max_size=8))):
        cells = []
        letters_drawn = draw(st.lists(st.sampled_from(_LETTERS), max_size=6))
        if usual:
            letters_drawn = sorted(set(letters_drawn) - {"b"}, key=lambda x: (len(x), x))
        for letters in letters_drawn:
            ref_row = number if usual or draw(st.integers(0, 9)) else draw(st.integers(1, 999))
            style = draw(st.sampled_from(["", ' s="3"', ' s="7"', " s='3'", ' s="12"']))
            form = 3 if usual else draw(st.integers(0, 12))
            if form == 0:
                start = b"<" + prefix + b"c" + style.encode()
            elif form == 1:
                start = b"<" + prefix + b"c" + style.encode() + f' r="{letters}{ref_row}"'.encode()
            elif form == 2:
                start = b"<" + prefix + b"c r='" + f"{letters}{ref_row}'".encode() + style.encode()
            else:
                start = b"<" + prefix + b'c r="' + f'{letters}{ref_row}"'.encode() + style.encode()
            body = draw(st.sampled_from([b"/>", b"><v>1</v></c>", b"><f>A1</f><v>2</v></c>"]))
            if body != b"/>":
                body = body.replace(b"<v", b"<" + prefix + b"v").replace(
                    b"</v", b"</" + prefix + b"v"
                )
                body = body.replace(b"<f", b"<" + prefix + b"f").replace(
                    b"</f", b"</" + prefix + b"f"
                )
                body = body.replace(b"</c>", b"</" + prefix + b"c>")
            cells.append(start + body)
        joint = b"" if usual else draw(st.sampled_from([b"", b"", b" ", b"\n"]))
        spans = draw(st.sampled_from([b"", b' spans="1:5"']))
        rows.append(
            b"<" + prefix + b'row r="' + str(number).encode() + b'"' + spans + b">"
            + joint.join(cells) + b"</" + prefix + b"row>"
        )  # fmt: skip
    return b"".join(rows)


def wrap_sheet(cells: bytes) -> bytes:
    """A worksheet part around a cells section (with its prefix when the cells use one)."""
    if b"<x:" in cells:
        ns = b'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
        return b"<x:worksheet " + ns + b"><x:sheetData>" + cells + b"</x:sheetData></x:worksheet>"
    ns = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    return b"<worksheet " + ns + b"><sheetData>" + cells + b"</sheetData></worksheet>"


def old_scan(data: bytes, prefix: bytes) -> tuple:
    """The scan of a cells section as it was: (cells, formulas, max row, max column, far cell)."""
    count = data.count(b"<" + prefix + b"c")
    name = re.escape(prefix)
    refs = re.findall(rb"<" + name + rb'c r="([A-Za-z]{1,10})([0-9]{1,12})"', data)
    rows = re.findall(rb"<" + name + rb'row r="([0-9]{1,12})"', data)
    usual = (
        len(refs) == count
        and data.count(b":c") == (count if prefix else 0)
        and len(rows) == data.count(b"<" + prefix + b"row")
    )
    p = rb"(?:[A-Za-z_][\w.-]*:)?"
    if usual:
        formulas = data.count(b"<" + prefix + b"f")
    else:
        count = len(re.findall(rb"<" + p + rb"c[\s/>]", data))
        refs = re.findall(
            rb"<" + p + rb"c\s[^>]*?\br\s*=\s*[\"']([A-Za-z]{1,10})([0-9]{1,12})[\"']", data
        )
        rows = re.findall(rb"<" + p + rb"row\s[^>]*?\br\s*=\s*[\"']([0-9]{1,12})[\"']", data)
        formulas = len(re.findall(rb"<" + p + rb"f[\s/>]", data))
    max_row = max_col = far_area = 0
    far_cell = None
    if refs:
        columns = {letters: column_index(letters.decode()) for letters, _ in refs}
        numbers = [int(number) for _, number in refs]
        max_row, max_col = max(numbers), max(columns.values())
        for (letters, _), number in zip(refs, numbers, strict=True):
            index = columns[letters]
            if (index == max_col or number == max_row) and number * index > far_area:
                far_area, far_cell = number * index, f"{letters.decode().upper()}{number}"
    if rows:
        max_row = max(max_row, *map(int, rows))
    return count, formulas, max_row, max_col, far_cell


@settings(max_examples=300, deadline=None)
@given(sheet_cells())
def test_sheet_scan_agrees(cells: bytes) -> None:
    """Scanning a sheet's cells with fewer objects finds the same size and furthest cell."""
    scanner = SheetScanner(None, "sheet.xml", DEFAULT_LIMITS)  # type: ignore[arg-type]
    scanner.feed(wrap_sheet(cells))
    scan, _document = scanner.finish()
    prefix = b"x:" if b"<x:" in cells else b""
    got = (scan.cells, scan.formulas, scan.max_row, scan.max_col, scan.far_cell)
    assert got == old_scan(cells, prefix)


@settings(max_examples=300, deadline=None)
@given(sheet_cells(), st.integers(1, 400))
def test_sheet_scan_by_cells_agrees(cells: bytes, cut: int) -> None:
    """Scanning for size only (no furthest cell named), in chunks, finds the same size."""
    scanner = SheetScanner(None, "sheet.xml", DEFAULT_LIMITS, far_cell=False)  # type: ignore[arg-type]
    data = wrap_sheet(cells)
    for start in range(0, len(data), cut):
        scanner.feed(data[start : start + cut])
    scan, _document = scanner.finish()
    prefix = b"x:" if b"<x:" in cells else b""
    got = (scan.cells, scan.formulas, scan.max_row, scan.max_col)
    assert got == old_scan(cells, prefix)[:4]


def test_sheet_scan_by_cells_of_a_diagonal_agrees() -> None:
    """Cells each further right and lower than the last (the guess raised at every cell) are
    measured as by listing them."""
    rows = b"".join(
        b'<row r="%d"><c r="%s%d"><v>1</v></c></row>' % (n, column_letters(n * 7).encode(), n)
        for n in range(1, 200)
    )
    scanner = SheetScanner(None, "sheet.xml", DEFAULT_LIMITS, far_cell=False)  # type: ignore[arg-type]
    scanner.feed(wrap_sheet(rows))
    scan, _document = scanner.finish()
    assert (scan.cells, scan.formulas, scan.max_row, scan.max_col) == old_scan(rows, b"")[:4]


column_words = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZabcxyz", min_size=1, max_size=10)


@settings(max_examples=500, deadline=None)
@given(column_words, st.integers(0, 20000), st.integers(0, 10**12), st.sampled_from([0, 0, 1, 5]))
def test_beyond_patterns_find_every_further_cell(
    letters: str, col: int, number: int, zeros: int
) -> None:
    """The search past a guess finds every cell and row beyond it, and passes over those
    within it written the usual way (others, with leading zeros, are found and checked)."""
    row_guess = number // 3 if zeros else number + col % 3 - 1
    digits = "0" * zeros + str(number)
    usual = len(digits) <= 12
    plain = usual and not digits.startswith("0")
    tag = f'<c r="{letters}{digits}"'.encode()
    found = reach._beyond_pattern(b"c", col, row_guess).match(tag) is not None
    further = column_index(letters) > col or number > row_guess
    if usual and further:
        assert found
    if plain and not further:
        assert not found
    row_tag = f'<row r="{digits}"'.encode()
    found_row = reach._beyond_pattern(b"row", 0, row_guess).match(row_tag) is not None
    if usual and number > row_guess:
        assert found_row
    if plain and number <= row_guess:
        assert not found_row


def old_styled_cells(
    data: bytes, wanted: tuple[frozenset[int], ...], max_rows: int, max_cols: int
) -> tuple[set, ...]:
    """:func:`fills.styled_cells` as it was."""
    found: tuple[set, ...] = tuple(set() for _ in wanted)
    every = frozenset().union(*wanted)
    if not every:
        return found
    numbers = b"|".join(str(index).encode() for index in sorted(every))
    pattern = re.compile(rb"""\bs\s*=\s*["'](""" + numbers + rb""")["']""")
    cell_start = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c\s")
    ref_pattern = re.compile(rb"""\br\s*=\s*["']\$?([A-Za-z]{1,3})\$?([0-9]{1,7})["']""")
    for match in pattern.finditer(data):
        start = data.rfind(b"<", 0, match.start())
        tag = cell_start.match(data, start) if start >= 0 else None
        if tag is None:
            continue
        end = data.find(b">", match.end())
        ref = ref_pattern.search(data, tag.end(), end if end >= 0 else len(data))
        if ref is None:
            continue
        index = int(match.group(1))
        row, col = int(ref.group(2)) - 1, column_index(ref.group(1).decode()) - 1
        if row < max_rows and col < max_cols:
            for styles, cells in zip(wanted, found, strict=True):
                if index in styles:
                    cells.add((row, col))
    return found


@settings(max_examples=300, deadline=None)
@given(sheet_cells(), st.sampled_from([frozenset({3}), frozenset({7, 12}), frozenset()]))
def test_styled_cells_agree(cells: bytes, styles: frozenset[int]) -> None:
    """Cells with a marking fill, a percent format or a bold font are the same cells as before."""
    data = wrap_sheet(cells) + b'<cols><col min="1" max="2" style="3"/></cols><row s="7" r="9"/>'
    wanted = (styles, frozenset({12}))
    expected = old_styled_cells(data, wanted, 10**6, 10**4)
    assert fills.styled_cells(data, wanted, 10**6, 10**4) == expected
    few, fills._FEW = fills._FEW, 0  # as in a sheet with many styled cells
    try:
        assert fills.styled_cells(data, wanted, 10**6, 10**4) == expected
        assert fills.styled_cells(wrap_sheet(cells), wanted, 10**6, 10**4) == old_styled_cells(
            wrap_sheet(cells), wanted, 10**6, 10**4
        )
    finally:
        fills._FEW = few


# ---------------------------------------------------------------------------------------------
# Writing: row heights, the check after writing, editing rows
# ---------------------------------------------------------------------------------------------


def old_wrapped_lines(value: str, width: float, *, bold: bool = False) -> int:
    """:func:`wrapped_lines` as it was."""
    per_line = max(int(width * (1.0 if bold else 1.22)) - 1, 4)
    total = 0
    for line in value.splitlines() or [""]:
        words, length, count = line.split(), 0, 1
        for word in words:
            need = len(word) + (1 if length else 0)
            if length + need > per_line and length:
                count += 1
                length = len(word)
                count += max(0, math.ceil(len(word) / per_line) - 1)
            else:
                length += need
        total += count
    return total


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab cdefgh\n  xyzlongwordz"), max_size=300),
    st.floats(min_value=1, max_value=80),
    st.booleans(),
)
def test_wrapped_lines_agree(value: str, width: float, bold: bool) -> None:
    """Row heights on the rebuilt sheets count the same lines of wrapped text as before."""
    assert wrapped_lines(value, width, bold=bold) == old_wrapped_lines(value, width, bold=bold)


@settings(max_examples=300, deadline=None)
@given(sheet_cells(), sheet_cells(), st.sets(st.sampled_from([1, 3, 17, 26, 28]), max_size=3))
def test_quick_comparison_never_passes_what_the_full_one_fails(
    first: bytes, second: bytes, owned: set[int]
) -> None:
    """The check after writing, looking only at cells in their usual form first, calls two
    sheets the same only when looking at every form does too."""
    a, b = wrap_sheet(first), wrap_sheet(second)
    for x, y in ((a, a), (a, b), (b, b)):
        if _outside(x, owned, set(), usual=True) == _outside(y, owned, set(), usual=True):
            assert _outside(x, owned, set()) == _outside(y, owned, set())


class _WholeRows(sheet_rows._Rows):
    """The rows of a cells section split whole, found by trying every tag (the plain way)."""

    def _kept_cells(self, body: bytes, first: int) -> int:
        return 0

    def _plain_rows(self) -> None:
        return None


def _edit(data: bytes, changes: dict, rows_class: type) -> bytes:
    out: list[bytes] = []
    original = sheet_rows._Rows
    sheet_rows._Rows = rows_class  # type: ignore[misc]
    try:
        edit_sheet(data, changes, out.append)
    finally:
        sheet_rows._Rows = original  # type: ignore[misc]
    return b"".join(out)


@settings(max_examples=300, deadline=None)
@given(
    sheet_cells(),
    st.sets(st.sampled_from([2, 17, 26, 27, 30]), min_size=1, max_size=3),
    st.sets(st.integers(1, 45), min_size=1, max_size=6),
)
def test_editing_rows_agrees_with_splitting_them_whole(
    cells: bytes, columns: set[int], rows: set[int]
) -> None:
    """Copying the unchanged start of a row as it stands writes the very bytes that splitting
    the whole row into cells and writing them back wrote."""

    def change(spot: Spot) -> bytes:
        return f'<c r="{spot.ref}" s="{spot.base}"><v>{spot.row}</v></c>'.encode()

    data = wrap_sheet(cells)
    changes = {row: dict.fromkeys(columns, change) for row in rows}
    assert _edit(data, changes, sheet_rows._Rows) == _edit(data, changes, _WholeRows)


@settings(max_examples=100, deadline=None)
@given(sheet_cells())
def test_generated_sheets_are_xml(cells: bytes) -> None:
    """The generated sections are well-formed worksheets (so the comparisons above are fair)."""
    from lxml import etree

    assert etree.fromstring(wrap_sheet(cells)).tag.endswith("worksheet")
