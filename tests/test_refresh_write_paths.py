"""Refresh's fast ways of writing give exactly what the general ways give: computed cells rendered
once per (format, value) and reused, the cells of an edited row found from the left without
splitting the whole row, and large parts compressed ahead in a second thread."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from workbook_tools.writers.file import package as package_module
from workbook_tools.writers.file import sheet_rows
from workbook_tools.writers.file.package import PackageWriter
from workbook_tools.writers.file.sheet_rows import Spot, edit_sheet
from workbook_tools.writers.file.xlsx_cells import CellRenderer, cell_xml
from workbook_tools.writers.file.xlsx_strings import SharedStrings

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10),
    st.sampled_from([0.0, -0.0, 1.0, 0.5, float("nan"), float("inf"), 1e20, 12.25]),
    st.sampled_from(["", "Red", "Amber", "Green", "Overdue", " padded ", "=SUM(A1)", "_x0041_"]),
    st.text(max_size=12),
    st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)),
    st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2040, 12, 31)),
    st.just(dt.datetime(2008, 6, 30, 9, 0, tzinfo=dt.UTC)),
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 3), VALUES), min_size=1, max_size=40),
    st.sampled_from([b"", b"x:"]),
    st.booleans(),
    st.booleans(),
)
def test_a_remembered_cell_is_the_cell_written_afresh(
    cells: list, prefix: bytes, date1904: bool, shared: bool
) -> None:
    """Every cell the renderer gives, and the shared strings after it, are byte for byte what
    writing each cell afresh gives, whatever values repeat in whatever formats."""
    strings = (SharedStrings(None), SharedStrings(None)) if shared else (None, None)
    render = CellRenderer(prefix=prefix, date1904=date1904, strings=strings[0])
    for number, (style, value) in enumerate(cells, 1):
        ref = f"Q{number}"
        expected = cell_xml(ref, style, value, prefix=prefix, date1904=date1904, strings=strings[1])
        assert render(ref, style, value) == expected
    if shared:
        assert strings[0].to_bytes() == strings[1].to_bytes()


# -- an edited row --------------------------------------------------------------------------------
def _cell(column: int, row: int, form: str) -> bytes:
    """A cell of ``column`` in one of the forms applications write."""
    letters = "ABCDEFGHIJ"[column - 1]
    if form == "no ref":
        return b'<c s="2"><v>1</v></c>'
    if form == "attrs first":
        return f'<c s="3" r="{letters}{row}" t="n"><v>{column}</v></c>'.encode()
    if form == "empty":
        return f'<c r="{letters}{row}" s="4"/>'.encode()
    return f'<c r="{letters}{row}" t="inlineStr"><is><t>{letters} text</t></is></c>'.encode()


FORMS = st.sampled_from(["usual", "usual", "no ref", "attrs first", "empty"])
ROWS = st.lists(
    st.tuples(
        st.one_of(  # the columns of its cells: left to right as usual, or as they come
            st.sets(st.integers(1, 10), max_size=8).map(sorted),
            st.lists(st.integers(1, 10), max_size=8),
        ),
        st.one_of(st.just(["usual"] * 8), st.lists(FORMS, min_size=8, max_size=8)),
        st.sampled_from([b"", b"", b" ", b"<extLst/>"]),  # between cells / after the last
        st.sets(st.integers(1, 10), min_size=1, max_size=4),  # the columns to change
    ),
    min_size=1,
    max_size=6,
)


def _part(rows: list) -> tuple[bytes, dict]:
    """A worksheet part of these rows, and the changes asked of each."""
    body, changes = [], {}
    for number, (columns, forms, extra, changed) in enumerate(rows, 1):
        cells = [_cell(c, number, f) for c, f in zip(columns, forms, strict=False)]
        joined = (extra if extra == b" " else b"").join(cells)
        tail = extra if extra == b"<extLst/>" else b""
        body.append(f'<row r="{number}" spans="1:9">'.encode() + joined + tail + b"</row>")
        changes[number] = dict.fromkeys(changed, _change)
    head = f'<worksheet xmlns="{MAIN}"><dimension ref="A1"/><sheetData>'.encode()
    return head + b"".join(body) + b"</sheetData></worksheet>", changes


def _change(spot: Spot) -> bytes:
    """A new cell in the format the cell there had (or would get)."""
    return f'<c r="{spot.ref}" s="{spot.base}"><v>9</v></c>'.encode()


def _edited(data: bytes, changes: dict) -> bytes:
    """The part after :func:`edit_sheet`."""
    out: list[bytes] = []
    edit_sheet(data, changes, out.append)
    return b"".join(out)


@settings(max_examples=150, deadline=None)
@given(ROWS)
def test_a_row_edited_from_its_kept_cells_is_the_row_split_whole(rows: list) -> None:
    """Copying a row's cells left of the first change as they stand gives the same part as
    splitting every cell of the row, for rows in order or not, with or without references,
    spaces between cells or an extension list after them."""
    data, changes = _part(rows)
    fast = _edited(data, changes)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sheet_rows._Rows, "_kept_cells", lambda self, body, first: 0)
        whole = _edited(data, changes)
    assert fast == whole


# -- compressing ahead ---------------------------------------------------------------------------
def _entries(path: Path) -> list[tuple]:
    """Every entry of a zip: its name, checksum, size, compression and content."""
    with zipfile.ZipFile(path) as archive:
        return [
            (i.filename, i.CRC, i.file_size, i.compress_type, archive.read(i))
            for i in archive.infolist()
        ]


def test_a_part_compressed_ahead_is_written_as_zipfile_writes_it(tmp_path: Path) -> None:
    """A large part put as bytes, compressed in a second thread, is written into the same zip
    entry (content, checksum, size, compressed bytes) as when it is compressed on writing."""
    source = tmp_path / "source.xlsx"
    with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", f'<Types xmlns="{MAIN}"/>')
        archive.writestr("xl/small.xml", b"<a/>")
    rows = range(1, 40000)
    big = b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (i, i, i * 7) for i in rows)
    assert len(big) >= package_module.EARLY

    def write(target: Path) -> None:
        package = PackageWriter(source)
        try:
            package.set("xl/big.xml", big)
            package.set("xl/small.xml", b"<b/>")
            package.write(target)
        finally:
            package.close()

    write(tmp_path / "ahead.xlsx")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(package_module, "EARLY", 1 << 40)
        write(tmp_path / "on-writing.xlsx")
    assert _entries(tmp_path / "ahead.xlsx") == _entries(tmp_path / "on-writing.xlsx")
    assert (tmp_path / "ahead.xlsx").read_bytes() == (tmp_path / "on-writing.xlsx").read_bytes()


def test_rows_after_an_added_row_keep_their_numbers_and_bytes() -> None:
    """A row added before rows that carry no number gives each of them its number; rows that
    carry one, and whatever lies between rows, are copied byte for byte."""
    rows = (
        b'<row r="2"><c r="A2"><v>2</v></c></row>\n <row><c><v>3</v></c></row>'
        b'<row spans="1:2"><c r="B4"><v>4</v></c></row>\n<row r="6"><c r="A6"><v>6</v></c></row>'
    )
    data = f'<worksheet xmlns="{MAIN}"><sheetData>'.encode() + rows + b"</sheetData></worksheet>"
    result = _edited(data, {1: {1: _change}, 6: {2: _change}, 8: {1: _change}})
    assert result == (
        f'<worksheet xmlns="{MAIN}"><sheetData>'.encode()
        + b'<row r="1"><c r="A1" s="0"><v>9</v></c></row>'
        + b'<row r="2"><c r="A2"><v>2</v></c></row>\n <row r="3"><c><v>3</v></c></row>'
        + b'<row r="4" spans="1:2"><c r="B4"><v>4</v></c></row>\n'
        + b'<row r="6"><c r="A6"><v>6</v></c><c r="B6" s="0"><v>9</v></c></row>'
        + b'<row r="8"><c r="A8" s="0"><v>9</v></c></row></sheetData></worksheet>'
    )


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from('ab &<>"\r\n\t\x01\x0b\ud800\ufffe_x')) | st.text())
def test_text_needing_no_escapes_is_written_as_it_is(text: str) -> None:
    """Text is escaped for XML exactly as every replacement applied in turn would escape it,
    whether or not it holds anything to escape."""
    from workbook_tools.writers.file.xlsx_cells import _INVALID, escape

    slow = _INVALID.sub("", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert escape(text) == slow.replace('"', "&quot;").replace("\r", "&#13;")


def _lines_word_by_word(value: str, width: float, *, bold: bool = False) -> int:
    """The lines a text wraps to, worked out a word at a time (the general way)."""
    per_line = max(int(width * (1.0 if bold else 1.22)) - 1, 4)
    total = 0
    for line in value.splitlines() or [""]:
        length, count = 0, 1
        for size in map(len, line.split()):
            if length and length + size + 1 > per_line:
                count += 1 + max(0, -(-size // per_line) - 1)
                length = size
            else:
                length += size + (1 if length else 0)
        total += count
    return total


WORDS = st.sampled_from(["a", "to", "the", "report", "consultation", "x" * 30, " ", "  ", "\t",
                         "\n", "\u00a0"])  # fmt: skip


@settings(max_examples=400, deadline=None)
@example("aaaa b", 5, False).via("a line one longer than fits")
@example("report " + "x" * 30 + " the", 8.43, True).via("a long word after a short one")
@given(
    st.lists(WORDS, max_size=60).map("".join) | st.text(max_size=80),
    st.sampled_from([1, 3, 4, 5, 8.43, 12, 16, 24, 40, 60]),
    st.booleans(),
)
def test_lines_found_a_line_at_a_time_are_the_lines_found_a_word_at_a_time(
    text: str, width: float, bold: bool
) -> None:
    """The height of wrapped text counts the same lines whether the words are taken a line at a
    time or one by one, for words longer than a line, runs of spaces and line breaks."""
    from workbook_tools.tool_sheets.content import wrapped_lines

    assert wrapped_lines(text, width, bold=bold) == _lines_word_by_word(text, width, bold=bold)
