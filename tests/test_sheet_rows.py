"""Editing a worksheet part as a stream of rows: only the cells asked for change, every other byte
of the part is kept, whatever namespace prefixes, quoting, comments or CDATA the part holds."""

from __future__ import annotations

import re
from xml.etree.ElementTree import fromstring

from hypothesis import given, settings
from hypothesis import strategies as st

from workbook_tools.writers.file.sheet_rows import Spot, cell_column, edit_sheet
from workbook_tools.writers.file.sheet_rows import settings as sheet_settings

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
Q = f"{{{MAIN}}}"


def run(data: bytes, changes: dict, widths: dict | None = None) -> bytes:
    """The part after :func:`edit_sheet`."""
    out: list[bytes] = []
    edit_sheet(data, changes, out.append, widths=widths)
    return b"".join(out)


def put(value: str):
    """A change writing an inline string (with the part's prefix) in the style it would get."""

    def change(spot: Spot) -> bytes:
        p = spot.prefix.decode()
        return (
            f'<{p}c r="{spot.ref}" s="{spot.base}" t="inlineStr"><{p}is><{p}t>{value}</{p}t>'
            f"</{p}is></{p}c>"
        ).encode()

    return change


def cells(data: bytes) -> dict[tuple[int, int], str]:
    """Every cell's text (its value or inline string) by (row, column), read by ElementTree."""
    found = {}
    root = fromstring(data)
    for row in root.iter(Q + "row"):
        number = int(row.get("r"))
        for cell in row.iter(Q + "c"):
            ref = cell.get("r")
            assert ref is not None, "every cell of an edited row has a reference"
            assert int(re.sub(r"[A-Z]", "", ref)) == number
            found[(number, cell_column(ref))] = "".join(cell.itertext())
    return found


TRICKY = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    b'<x:worksheet xmlns:x="' + MAIN.encode() + b'" xmlns:mc="http://schemas.openxmlformats.org/'
    b'markup-compatibility/2006" mc:Ignorable="x14ac" xmlns:x14ac="http://schemas.microsoft.com/'
    b"office/spreadsheetml/2009/9/ac\"><x:dimension ref='A1:C4'/><x:sheetFormatPr "
    b'defaultRowHeight="15"></x:sheetFormatPr><x:sheetData>'
    b"<x:row r='1' spans=\"1:3\" x14ac:dyDescent=\"0.25\"><x:c r='A1' t=\"inlineStr\"><x:is>"
    b"<x:t><![CDATA[</x:row><x:c r=\"Z9\">]]></x:t></x:is></x:c><x:c r=\"B1\" s='3'>"
    b'<x:v>1.2345678901234567</x:v></x:c></x:row><!-- a comment with <x:row r="7"> in it -->'
    b'<x:row r="2" ht="20" customHeight="1" note="a&gt;b>c"><x:c t="s"><x:v>0</x:v></x:c>'
    b"<x:c><x:f>A1&amp;\"&gt;\"</x:f><x:v>x</x:v></x:c><x:c r=\"D2\"/></x:row>"
    b'<x:row r="4" s="7" customFormat="1"/></x:sheetData><x:mergeCells count="1">'
    b'<x:mergeCell ref="A4:B4"/></x:mergeCells><x:extLst><x:ext uri="{X}"><x14:any '
    b'xmlns:x14="urn:x14">&lt;keep&gt;</x14:any></x:ext></x:extLst></x:worksheet>'
)


def test_tricky_markup_keeps_every_byte_but_the_changed_cells() -> None:
    """Prefixes, either quote, '>' in values, CDATA and comments holding tags, cells and rows
    without numbers: only the changed cells change, and the result is well-formed."""
    result = run(TRICKY, {1: {3: put("new")}, 2: {2: put("owned")}, 3: {1: put("added")}})
    got = cells(result)
    assert got[(1, 3)] == "new" and got[(2, 2)] == "owned" and got[(3, 1)] == "added"
    assert got[(1, 1)] == '</x:row><x:c r="Z9">' and got[(1, 2)] == "1.2345678901234567"
    assert got[(2, 1)] == "0" and got[(2, 4)] == ""
    for kept in (
        b"<x:t><![CDATA[</x:row><x:c r=\"Z9\">]]></x:t>",
        b"<!-- a comment with <x:row r=\"7\"> in it -->",
        b'<x:row r="4" s="7" customFormat="1"/>',
        b"<x:v>1.2345678901234567</x:v>",
        b"<x:sheetFormatPr defaultRowHeight=\"15\"></x:sheetFormatPr>",
        TRICKY[TRICKY.index(b"<x:mergeCells") :],
    ):
        assert kept in result
    assert b'note="a&gt;b>c"' in result  # a row's own attributes stay as they were written
    assert b"spans=" not in result.split(b"<x:row r='1'")[1].split(b">")[0]


def test_new_cells_take_the_row_or_column_style() -> None:
    """A cell added where none was takes its row's format (when the row has one), else its
    column's."""
    cols = b'<x:cols><x:col min="5" max="6" width="9" style="5"/></x:cols>'
    data = TRICKY.replace(b"<x:sheetData>", cols + b"<x:sheetData>")
    bases = {}

    def note(spot: Spot) -> bytes:
        bases[spot.ref] = spot.base
        return put("x")(spot)

    run(data, {4: {1: note}, 3: {5: note}, 2: {6: note}})
    assert bases == {"A4": 7, "E3": 5, "F2": 5}


def test_new_columns_get_their_widths_and_the_size_grows() -> None:
    """Widths of new columns split the column ranges they fall in; the recorded size grows over
    the new cells; nothing else before the cells changes."""
    cols = b'<x:cols><x:col min="1" max="9" width="9" style="2"/></x:cols>'
    data = TRICKY.replace(b"<x:sheetData>", cols + b"<x:sheetData>")
    result = run(data, {6: {8: put("far")}}, widths={4: 14})
    doc = sheet_settings(result)
    spans = [(c.get("min"), c.get("max"), c.get("width")) for c in doc.iter(Q + "col")]
    assert spans == [("1", "3", "9"), ("4", "4", "14"), ("5", "9", "9")]
    assert doc.find(Q + "dimension").get("ref") == "A1:H6"
    assert b'<x:sheetFormatPr defaultRowHeight="15"></x:sheetFormatPr>' in result


def test_a_change_can_remove_a_cell_or_restyle_it() -> None:
    """A change returning nothing removes the cell; a restyled cell keeps its content."""
    result = run(TRICKY, {1: {2: lambda spot: spot.old.restyled(9)}, 2: {4: lambda spot: None}})
    assert b'<x:c r="B1" s="9"><x:v>1.2345678901234567</x:v></x:c>' in result
    assert (2, 4) not in cells(result)


row_cells = st.dictionaries(
    st.integers(1, 30),
    st.one_of(st.integers(-10**6, 10**6).map(str), st.text("ab<&\"'> ", max_size=6)),
    max_size=8,
)


def _sheet(rows: dict[int, dict[int, str]]) -> bytes:
    from xml.sax.saxutils import escape

    body = "".join(
        f'<row r="{r}">'
        + "".join(
            f'<c r="{_letter(c)}{r}" t="inlineStr"><is><t>{escape(v)}</t></is></c>'
            for c, v in sorted(cells_.items())
        )
        + "</row>"
        for r, cells_ in sorted(rows.items())
    )
    return f'<worksheet xmlns="{MAIN}"><sheetData>{body}</sheetData></worksheet>'.encode()


def _letter(column: int) -> str:
    from workbook_tools.core.model import column_letter

    return column_letter(column)


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(st.integers(1, 40), row_cells, max_size=12),
    st.dictionaries(
        st.integers(1, 45),
        st.dictionaries(st.integers(1, 32), st.one_of(st.none(), st.text("xyz", max_size=4))),
        max_size=10,
    ),
)
def test_any_edit_changes_exactly_the_cells_asked_for(rows: dict, asked: dict) -> None:
    """Whatever the sheet and the changes: the cells asked for take their new value (or are
    gone), every other cell keeps its value and its exact bytes, and the result parses."""
    from xml.sax.saxutils import escape

    data = _sheet(rows)
    changes = {
        r: {c: (put(escape(v)) if v is not None else (lambda spot: None)) for c, v in cols.items()}
        for r, cols in asked.items()
    }
    result = run(data, changes)
    expected = {(r, c): v for r, cs in rows.items() for c, v in cs.items()}
    for r, cols in asked.items():
        for c, v in cols.items():
            if v is None:
                expected.pop((r, c), None)
            else:
                expected[(r, c)] = v
    assert cells(result) == expected
    for r, cs in rows.items():
        for c, v in cs.items():
            if c not in asked.get(r, {}):
                raw = f'<c r="{_letter(c)}{r}" t="inlineStr"><is><t>{escape(v)}</t></is></c>'
                assert raw.encode() in result
