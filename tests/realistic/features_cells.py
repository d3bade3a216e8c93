"""Cell-level features: 17-digit floats, inline strings, rich text, merged, hidden rows and
columns, frozen panes, a table with a totals row, defined names, sheet and range protection.

Grounding: tables follow xlsxwriter__table01.xlsx and calamine__table-multiple.xlsx (Excel 2007)
plus openxlsx-data__table_slicer.xlsx (Excel for Mac 16, with xr/xr3 uids); the totals row
follows ECMA-376 §18.5.1.2 (totalsRowCount, totalsRowFunction/Label, SUBTOTAL formulas in the
cells, the autoFilter stopping above the totals). Merged cells follow
xlsxwriter__merge_range01.xlsx and calamine__merged_range.xlsx. Sheet protection with SHA-512
and protected ranges follow ECMA-376 §18.3.1.85/§18.3.1.71 (Excel 2013+ hashing, MS-OFFCRYPTO
§2.3.7.1); poi__56644.xlsx shows the element's place after sheetData.
"""

from __future__ import annotations

import base64
import functools
import hashlib

from .book import REL, Book, DefinedName, Formula, Inline, Rich, Sheet, Unsupported
from .plans import column
from .xmltext import col_letter, esc

FLOATS = (0.1 + 0.2, 1 / 3, 2 / 3, 7 / 12, 0.7 + 0.1, 1.1 * 3, 0.57 * 100 / 100, 5 / 9)


def last_data_row(book: Book, sheet: Sheet) -> int:
    """The 1-based row of the last action (above a table's totals row, when there is one)."""
    return len(sheet.rows) - (1 if f"table:{book.sheets.index(sheet)}" in book.scratch else 0)


def floats17(book: Book, sheet: Sheet) -> None:
    """% Complete values that are computed doubles (0.30000000000000004, 0.3333333333333333…),
    which Excel writes with 17 significant digits."""
    headings = sheet.rows[0]
    if "% Complete" not in headings:
        headings.append("% Complete")
        for row in sheet.rows[1:]:
            row.append(None)
        sheet.col_styles[len(headings)] = "percent"
    col = headings.index("% Complete")
    for i, row in enumerate(sheet.rows[1:]):
        row[col] = FLOATS[i % len(FLOATS)]


def inline_strings(book: Book, sheet: Sheet) -> None:
    """Lead and commentary written as inline strings (t="inlineStr"), as some exporters and
    Excel's own streaming writers leave them."""
    headings = sheet.rows[0]
    for name in (("Lead", "Responsible officer"), ("Commentary", "Progress update")):
        col = column(headings, *name) - 1
        for row in sheet.rows[1:]:
            if isinstance(row[col], str) and row[col]:
                row[col] = Inline(row[col])


def rich_text(book: Book, sheet: Sheet) -> None:
    """Commentary with a bold, red "Update:" run before the officer's text."""
    col = column(sheet.rows[0], "Commentary", "Progress update") - 1
    for row in sheet.rows[1::2]:
        text = row[col].text if isinstance(row[col], (Inline, Rich)) else str(row[col] or "")
        row[col] = Rich((("Update: ", (("b", True), ("color", "FFC00000"))), (text or "-", ())))


def merged_cells(book: Book, sheet: Sheet) -> None:
    """Priority cells merged down over the actions of each priority, the value in the first
    (tables cannot hold merged cells, so add this feature to sheets without one)."""
    if f"table:{book.sheets.index(sheet)}" in book.scratch:
        raise Unsupported("Excel does not allow merged cells inside a table")
    col = column(sheet.rows[0], "Priority", "Council priority")
    letter = col_letter(col)
    start = 2
    for r in range(2, len(sheet.rows) + 2):
        value = sheet.rows[r - 1][col - 1] if r <= len(sheet.rows) else object()
        if value != sheet.rows[start - 1][col - 1]:
            if r - 1 > start:
                sheet.merges.append(f"{letter}{start}:{letter}{r - 1}")
                for k in range(start + 1, r):
                    sheet.rows[k - 1][col - 1] = None
            start = r


def hidden_rows_cols(book: Book, sheet: Sheet) -> None:
    """A hidden helper column (Priority) and a hidden row (the first cancelled or deferred
    action, else the second action)."""
    headings = sheet.rows[0]
    sheet.hidden_cols.add(column(headings, "Priority", "Council priority"))
    status = column(headings, "Status", "Progress status") - 1
    rows = [
        r
        for r, row in enumerate(sheet.rows[1:], start=2)
        if row[status] in ("Cancelled", "Deferred")
    ]
    sheet.hidden_rows.add(rows[0] if rows else 3)


def freeze_panes(book: Book, sheet: Sheet) -> None:
    """The heading row and the Ref column frozen."""
    sheet.freeze = (1, 1)


def table_totals(book: Book, sheet: Sheet) -> None:
    """The actions as an Excel table "Table1" with a totals row (count of actions, average
    % complete)."""
    headings = [str(h) for h in sheet.rows[0]]
    n_rows = len(sheet.rows)
    tid = book.count_parts("xl/tables/") + 1
    name = f"Table{tid}"
    last = col_letter(len(headings))
    total_row: list = [None] * len(headings)
    total_row[0] = "Total"
    cols = []
    for i, heading in enumerate(headings):
        uid = book.guid("tablecol", tid, i)
        extra = ' totalsRowLabel="Total"' if i == 0 else ""
        if heading in ("Action", "Key actions"):
            extra = ' totalsRowFunction="count"'
            values = [r[i] for r in sheet.rows[1:] if r[i] not in (None, "")]
            total_row[i] = Formula(f"SUBTOTAL(103,{name}[{heading}])", len(values))
        elif heading == "% Complete":
            extra = ' totalsRowFunction="average"'
            nums = [r[i] for r in sheet.rows[1:] if isinstance(r[i], (int, float))]
            total_row[i] = Formula(f"SUBTOTAL(101,{name}[{heading}])", sum(nums) / len(nums))
        cols.append(f'<tableColumn id="{i + 1}" xr3:uid="{uid}" name="{esc(heading)}"{extra}/>')
    sheet.rows.append(total_row)
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        '<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'mc:Ignorable="xr xr3" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/'
        'revision" xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3" '
        f'id="{tid}" xr:uid="{book.guid("table", tid)}" name="{name}" displayName="{name}" '
        f'ref="A1:{last}{n_rows + 1}" totalsRowCount="1">'
        f'<autoFilter ref="A1:{last}{n_rows}" xr:uid="{book.guid("filter", tid)}"/>'
        f'<tableColumns count="{len(cols)}">{"".join(cols)}</tableColumns>'
        '<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" '
        'showRowStripes="1" showColumnStripes="0"/></table>'
    )
    part = book.add_part(
        f"xl/tables/table{tid}.xml",
        xml,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
    )
    rid = sheet.rel(REL + "table", "../" + part.removeprefix("xl/"))
    sheet.add("tableParts", f'<tablePart r:id="{rid}"/>')
    book.scratch[f"table:{book.sheets.index(sheet)}"] = {"name": name, "id": tid, "part": part}


def _quoted(sheet: Sheet) -> str:
    return f"'{sheet.name}'" if not sheet.name.isidentifier() else sheet.name


def defined_names(book: Book, sheet: Sheet) -> None:
    """Print titles and area, a sheet autofilter with its hidden _FilterDatabase name (when the
    sheet has no table), and user names: a range, a constant, a sheet-local name."""
    i = book.sheets.index(sheet)
    last = col_letter(sheet.width)
    q = _quoted(sheet)
    area = f"{q}!$A$1:${last}${len(sheet.rows)}"
    lead = col_letter(column(sheet.rows[0], "Lead", "Responsible officer"))
    book.defined_names += [
        DefinedName("_xlnm.Print_Titles", f"{q}!$1:$1", local=i),
        DefinedName("_xlnm.Print_Area", area, local=i),
        DefinedName("Leads", f"{q}!${lead}$2:${lead}${len(sheet.rows)}"),
        DefinedName("PlanYear", '"2024/25"'),
        DefinedName("ThisQuarter", '"Q2"', local=i),
    ]
    if f"table:{i}" not in book.scratch:
        sheet.add("autoFilter", f'<autoFilter ref="A1:{last}{len(sheet.rows)}"/>')
        book.defined_names.append(DefinedName("_xlnm._FilterDatabase", area, local=i, hidden=True))


@functools.lru_cache(maxsize=8)
def sha512_hash(password: str, salt: bytes, spin: int = 100000) -> str:
    """The base64 SHA-512 password hash Excel 2013+ writes (MS-OFFCRYPTO §2.3.7.1)."""
    h = hashlib.sha512(salt + password.encode("utf-16-le")).digest()
    for n in range(spin):
        h = hashlib.sha512(h + n.to_bytes(4, "little")).digest()
    return base64.b64encode(h).decode()


def _hash_attrs(prefix: str, password: str, seed: str) -> str:
    salt = hashlib.md5(seed.encode()).digest()
    p = prefix
    name = (p + "AlgorithmName") if p else "algorithmName"
    return (
        f' {name}="SHA-512" {p + "HashValue" if p else "hashValue"}="{sha512_hash(password, salt)}"'
        f' {p + "SaltValue" if p else "saltValue"}="{base64.b64encode(salt).decode()}"'
        f' {p + "SpinCount" if p else "spinCount"}="100000"'
    )


def protection(book: Book, sheet: Sheet) -> None:
    """The sheet protected with a password (officers may edit Status to Commentary, a protected
    range "Officer updates"), and the workbook's structure locked."""
    headings = sheet.rows[0]
    first = column(headings, "Status", "Progress status")
    last = column(headings, "Commentary", "Progress update")
    for c in range(first, last + 1):
        if sheet.col_styles.get(c) in (None, "wrap"):
            sheet.col_styles[c] = "unlocked"
    sqref = f"{col_letter(first)}2:{col_letter(last)}{len(sheet.rows)}"
    sheet.add(
        "sheetProtection",
        "<sheetProtection"
        + _hash_attrs("", "plan2024", sheet.name)
        + ' sheet="1" objects="1" scenarios="1" formatColumns="0" autoFilter="0"/>',
    )
    sheet.add(
        "protectedRanges",
        "<protectedRange"
        + _hash_attrs("", "officer", "range")
        + f' sqref="{sqref}" name="Officer updates"/>',
    )
    book.wb_slots.setdefault("workbookProtection", []).append(
        "<workbookProtection" + _hash_attrs("workbook", "plan2024", "book") + ' lockStructure="1"/>'
    )
