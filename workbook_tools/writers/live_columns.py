"""The computed columns beside each table of actions, written into the workbook open in Excel.

The same cells as the package writer (:mod:`workbook_tools.writers.package_refresh`): in
the template the Actions table's last five columns; in a legacy layout the first five free
columns right of the table, found again by their headings next time. Rows that are not actions
are cleared. Values go in one write per table (per block of adjacent computed columns); number
formats and styles one call per attribute per run of action rows, and one per run of rows of one
RAG in the Computed RAG column. The grids read from the workbook stand in for the cells, so
finding free columns and repeated header rows costs no calls.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbook_tools import layout
from workbook_tools import tool_sheets as ts
from workbook_tools.model import Book, Grid, Rating, TableLocation
from workbook_tools.sources.live import runs
from workbook_tools.sources.xlsx import parse_cell_reference
from workbook_tools.writers.live_sheet import apply_look, block, maybe

COMPUTED: dict[str, str] = ts.COMPUTED_COLUMNS
_TOOL_HEAD, _TOOL_BODY = "595959", "F2F2F2"
_FORMATS = {"due_date": "dd mmm yyyy", "days_left": "0"}
_FREE_SEARCH = 40
_NEW_WIDTHS = {"Computed RAG": 14, "RAG reason": 46, "Due date": 12, "Days left": 10, "Flags": 26}
_TEXT_KEYS = ("computed_rag", "rag_reason", "flags")
_HEAD_LOOK = {"fill": _TOOL_HEAD, "bold": True, "italic": True, "color": "FFFFFF"}
_WHITE_TEXT = frozenset(rag for rag, (_, text) in ts.RAG_COLOURS.items() if text == "FFFFFF")


def _free(grid: Grid, loc: TableLocation, start: int, width: int) -> bool:
    return all(
        grid.value(row - 1, col - 1) is None
        for col in range(start, start + width)
        for row in range(loc.header_row, loc.last_row + 1)
    )


def _columns(grid: Grid, loc: TableLocation) -> tuple[dict[str, int], list[str]]:
    """Where each computed column is, and which of them are new (headings still to write)."""
    found = {f: loc.columns[f] for f in COMPUTED if f in loc.columns}
    missing = [f for f in COMPUTED if f not in found]
    if missing:
        start = max([loc.last_col, *found.values()]) + 1
        for _ in range(_FREE_SEARCH):
            if _free(grid, loc, start, len(missing)):
                break
            start += 1
        found.update({f: start + i for i, f in enumerate(missing)})
    return found, missing


def _repeated_headers(grid: Grid, loc: TableLocation, actions: set[int]) -> list[int]:
    user = [c for f, c in loc.columns.items() if f not in COMPUTED]
    head = [grid.value(loc.header_row - 1, c - 1) for c in user]
    return [
        row
        for row in range(loc.first_row, loc.last_row + 1)
        if row not in actions
        and all(grid.value(row - 1, c - 1) == h for c, h in zip(user, head, strict=True))
    ]


def _last_row(grid: Grid, loc: TableLocation, cols: list[int], table_last: int | None) -> int:
    """The last row whose computed cells refresh may have written before."""
    last = max(loc.last_row, table_last or 0)
    if table_last is not None:  # the template: anything in the computed columns below
        for row in range(last + 1, len(grid.rows) + 1):
            if any(grid.value(row - 1, c - 1) is not None for c in cols):
                last = row
        return last
    user = [c for f, c in loc.columns.items() if f not in COMPUTED]
    row = last + 1
    while any(grid.value(row - 1, c - 1) is not None for c in cols) and not any(
        grid.value(row - 1, c - 1) is not None for c in user
    ):
        last, row = row, row + 1
    return last


def _bounds(address: str) -> tuple[int, int, int, int] | None:
    """(first row, first col, last row, last col) of an A1 address such as ``$A$1:$U$9``."""
    first, _, last = address.replace("$", "").partition(":")
    one, two = parse_cell_reference(f"S!{first}"), parse_cell_reference(f"S!{last or first}")
    return (one[1], one[2], two[1], two[2]) if one and two else None


def _actions_table(sheet: object) -> tuple[object | None, tuple | None, list[tuple]]:
    """The Actions table, its bounds, and the bounds of the sheet's other tables."""
    found, bounds, others = None, None, []
    for table in sheet.tables:  # type: ignore[attr-defined]
        where = _bounds(str(table.range.address))
        if str(table.name).casefold() == layout.ACTIONS_TABLE.casefold():
            found, bounds = table, where
        elif where:
            others.append(where)
    return found, bounds, others


def _grow_table(sheet: object, table: object, bounds: tuple, others: list, last: int) -> None:
    """Extend the Actions table down to ``last`` when actions were typed below it (unless
    another table sits below)."""
    r1, c1, r2, c2 = bounds
    if last <= r2 or any(o[0] > r2 and o[0] <= last and o[1] <= c2 and o[3] >= c1 for o in others):
        return
    table.resize(block(sheet, r1, c1, last, c2))  # type: ignore[attr-defined]


def write_computed(
    sheets: dict, book: Book, plan: object, ratings: Sequence[Rating]
) -> dict[str, list[int]]:
    """The computed columns beside every table of actions, one value write per table (per
    block of adjacent columns); return sheet → columns."""
    pairs = {(a.sheet, a.row): r for a, r in zip(plan.actions, ratings, strict=True)}  # type: ignore[attr-defined]
    template: bool = plan.is_template  # type: ignore[attr-defined]
    owned: dict[str, list[int]] = {}
    for loc in plan.tables:  # type: ignore[attr-defined]
        sheet, grid = sheets.get(loc.sheet.casefold()), book.sheet(loc.sheet)
        if sheet is None or grid is None:
            continue
        if template and loc.sheet.casefold() != layout.ACTIONS.casefold():
            continue
        rows = {row for (name, row) in pairs if name == loc.sheet}
        rows = {row for row in rows if loc.first_row <= row <= loc.last_row}
        if not rows and not template:
            continue
        cols, missing = _columns(grid, loc)
        heads = [] if template else _repeated_headers(grid, loc, rows)
        table, bounds, others = _actions_table(sheet) if template else (None, None, [])
        table_last = (bounds[2] if bounds else loc.last_row) if template else None
        last = _last_row(grid, loc, list(cols.values()), table_last)
        _write_block(sheet, loc, cols, missing, heads, last, pairs, template)
        if table is not None and bounds and rows:
            _grow_table(sheet, table, bounds, others, max(rows))
        owned[str(sheet.name)] = sorted(set(owned.get(str(sheet.name), [])) | set(cols.values()))  # type: ignore[attr-defined]
    return owned


def _write_block(sheet, loc, cols, missing, heads, last, pairs, template) -> None:
    """Headings, values, number formats and styles of the computed columns of one table."""
    by_col = {col: key for key, col in cols.items()}
    header = {row: set(cols) for row in heads}
    if missing:
        header[loc.header_row] = set(missing)
    actions = [row for row in range(loc.first_row, last + 1) if (loc.sheet, row) in pairs]
    body = [row for row in range(loc.first_row, last + 1) if row not in header]
    plain = [row for row in body if row not in actions]
    formats = {
        col: _FORMATS.get(key, "@" if key in _TEXT_KEYS else None) for key, col in cols.items()
    }
    for row, keys in sorted(header.items()):
        for c1, c2 in runs(sorted(cols[k] for k in keys)):
            rng = block(sheet, row, c1, row, c2)
            rng.value = [[COMPUTED[by_col[c]] for c in range(c1, c2 + 1)]]  # type: ignore[attr-defined]
            apply_look(rng, {**_HEAD_LOOK, "wrap": template})
    for c1, c2 in runs(sorted(by_col)):
        keys = [by_col[c] for c in range(c1, c2 + 1)]
        for r1, r2 in runs(actions):
            for f1, f2 in runs(sorted(c for c in range(c1, c2 + 1) if formats[c])):
                for g1, g2 in _split(f1, f2, formats):
                    block(sheet, r1, g1, r2, g2).number_format = formats[g1]  # type: ignore[attr-defined]
        for r1, r2 in runs(body):
            rows = []
            for row in range(r1, r2 + 1):
                rating = pairs.get((loc.sheet, row))
                values = ts.computed_values(rating) if rating is not None else {}
                rows.append([values.get(k) for k in keys])
            block(sheet, r1, c1, r2, c2).value = rows  # type: ignore[attr-defined]
        for r1, r2 in runs(plain):
            block(sheet, r1, c1, r2, c2).clear_formats()  # type: ignore[attr-defined]
        for r1, r2 in runs(actions):
            _style_actions(sheet, loc, cols, keys, c1, r1, r2, pairs, template)
    for key in missing:
        width = _NEW_WIDTHS.get(COMPUTED[key], 14)
        block(sheet, 1, cols[key], 1, cols[key]).column_width = width  # type: ignore[attr-defined]


def _split(first: int, last: int, formats: dict[int, str | None]) -> list[tuple[int, int]]:
    """Columns ``first`` … ``last`` in runs of one number format."""
    found: list[list[int]] = []
    for col in range(first, last + 1):
        if found and formats[found[-1][0]] == formats[col]:
            found[-1][1] = col
        else:
            found.append([col, col])
    return [(a, b) for a, b in found]


def _style_actions(sheet, loc, cols, keys, c1, r1, r2, pairs, template) -> None:
    """Styles of a run of action rows: body fill and font, then the RAG colours by run."""
    rng = block(sheet, r1, c1, r2, c1 + len(keys) - 1)
    apply_look(rng, {"fill": _TOOL_BODY, "bold": False, "color": "000000"})
    maybe(lambda: setattr(rng, "vertical_alignment", "top"))
    for key in keys:
        col = cols[key]
        if key in ("computed_rag", "days_left"):
            maybe(
                lambda col=col: setattr(
                    block(sheet, r1, col, r2, col), "horizontal_alignment", "center"
                )
            )
        if template and key in ("rag_reason", "flags"):
            maybe(lambda col=col: setattr(block(sheet, r1, col, r2, col), "wrap_text", True))
    if "computed_rag" not in keys:
        return
    col = cols["computed_rag"]
    block(sheet, r1, col, r2, col).font.bold = True
    rags = {row: pairs[(loc.sheet, row)].rag.value for row in range(r1, r2 + 1)}
    paint_rags(sheet, col, rags)


def paint_rags(sheet: object, col: int, rags: dict[int, str]) -> None:
    """Fill each run of rows of one RAG in its colour (white text on Blue and Red)."""
    found: list[list] = []
    for row in sorted(rags):
        if found and found[-1][1] == row - 1 and found[-1][2] == rags[row]:
            found[-1][1] = row
        else:
            found.append([row, row, rags[row]])
    for first, last, rag in found:
        rng = block(sheet, first, col, last, col)
        rng.color = "#" + ts.RAG_COLOURS[rag][0]  # type: ignore[attr-defined]
        if rag in _WHITE_TEXT:
            rng.font.color = "#FFFFFF"  # type: ignore[attr-defined]


__all__ = ["COMPUTED", "paint_rags", "write_computed"]
