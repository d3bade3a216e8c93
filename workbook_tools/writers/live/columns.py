"""The computed columns beside each table of actions, drawn into the workbook open in Excel.

Where they go, which rows get values, headings or nothing, and whether the ``Actions`` table grows
is decided once (:class:`~workbook_tools.tool_sheets.ComputedBlock`), for this writer and the
package writer alike; how each cell looks comes from :mod:`workbook_tools.tool_sheets.looks`.
Values go in one write per table (per block of adjacent computed columns); number formats and
styles one call per attribute per run of action rows, and one per run of rows of one RAG in the
Computed RAG column.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbook_tools.core.palette import BLACK, TOOL_BODY, css
from workbook_tools.core.vocabulary import COMPUTED
from workbook_tools.sources.live import runs
from workbook_tools.sources.names import parse_cell_reference
from workbook_tools.tool_sheets import ComputedBlock, TableRange
from workbook_tools.tool_sheets.looks import computed_look, heading_look
from workbook_tools.writers.live.sheet import apply_look, block, maybe

COMPUTED_FORMATS = {"due_date": "dd mmm yyyy", "days_left": "0"}
_TEXT_FIELDS = ("computed_rag", "rag_reason", "flags")


def bounds(address: str) -> tuple[int, int, int, int] | None:
    """(first row, first col, last row, last col) of an A1 address such as ``$A$1:$U$9``."""
    first, _, last = address.replace("$", "").partition(":")
    one, two = parse_cell_reference(f"S!{first}"), parse_cell_reference(f"S!{last or first}")
    return (one[1], one[2], two[1], two[2]) if one and two else None


def table_ranges(sheet: object) -> list[TableRange]:
    """The Excel tables on an open sheet, as the decision of what to write needs them."""
    found = []
    for table in sheet.tables:  # type: ignore[attr-defined]
        where = bounds(str(table.range.address))
        if where:
            found.append(TableRange(str(table.name), where))
    return found


def write_computed(sheets: dict, blocks: Sequence[ComputedBlock]) -> dict[str, list[int]]:
    """Draw every block of computed columns; return sheet → columns written."""
    owned: dict[str, list[int]] = {}
    for computed in blocks:
        sheet = sheets.get(computed.sheet.casefold())
        if sheet is None:
            continue
        _write_block(sheet, computed)
        if computed.grow is not None:
            _grow_table(sheet, *computed.grow)
        name = str(sheet.name)  # type: ignore[attr-defined]
        owned[name] = sorted(set(owned.get(name, [])) | set(computed.columns.values()))
    return owned


def _grow_table(sheet: object, name: str, rect: tuple[int, int, int, int]) -> None:
    for table in sheet.tables:  # type: ignore[attr-defined]
        if str(table.name).casefold() == name.casefold():
            table.resize(block(sheet, *rect))  # type: ignore[attr-defined]
            return


def _write_block(sheet: object, computed: ComputedBlock) -> None:
    """Headings, values, number formats and styles of the computed columns of one table."""
    cols = computed.columns
    by_col = {col: key for key, col in cols.items()}
    actions = sorted(computed.values)
    body = sorted([*computed.values, *computed.cleared])
    heads: dict[int, list[int]] = {}
    for row, col, _ in computed.headings():
        heads.setdefault(row, []).append(col)
    for row, columns in sorted(heads.items()):
        for c1, c2 in runs(columns):
            rng = block(sheet, row, c1, row, c2)
            rng.value = [[COMPUTED[by_col[c]] for c in range(c1, c2 + 1)]]  # type: ignore[attr-defined]
            apply_look(rng, heading_look(computed.template), reset=True)
    formats = {
        col: COMPUTED_FORMATS.get(key, "@" if key in _TEXT_FIELDS else None)
        for key, col in cols.items()
    }
    for c1, c2 in runs(sorted(by_col)):
        keys = [by_col[c] for c in range(c1, c2 + 1)]
        for r1, r2 in runs(actions):
            for f1, f2 in _split(c1, c2, formats):
                if formats[f1]:
                    block(sheet, r1, f1, r2, f2).number_format = formats[f1]  # type: ignore[attr-defined]
        for r1, r2 in runs(body):
            rows = [
                [computed.values.get(row, {}).get(k) for k in keys] for row in range(r1, r2 + 1)
            ]
            block(sheet, r1, c1, r2, c2).value = rows  # type: ignore[attr-defined]
        for r1, r2 in runs(computed.cleared):
            block(sheet, r1, c1, r2, c2).clear_formats()  # type: ignore[attr-defined]
        for r1, r2 in runs(actions):
            _style_actions(sheet, computed, keys, c1, r1, r2)
    for col, width in computed.widths.items():
        block(sheet, 1, col, 1, col).column_width = width  # type: ignore[attr-defined]


def _split(first: int, last: int, formats: dict[int, str | None]) -> list[tuple[int, int]]:
    """Columns ``first`` … ``last`` in runs of one number format."""
    found: list[list[int]] = []
    for col in range(first, last + 1):
        if found and formats[found[-1][0]] == formats[col]:
            found[-1][1] = col
        else:
            found.append([col, col])
    return [(a, b) for a, b in found]


def _style_actions(
    sheet: object, computed: ComputedBlock, keys: list[str], c1: int, r1: int, r2: int
) -> None:
    """Styles of a run of action rows: the body look on all of it, each column's alignment and
    wrapping, then the RAG colours by run."""
    rng = block(sheet, r1, c1, r2, c1 + len(keys) - 1)
    apply_look(rng, computed_look("rag_reason", None, False), reset=True)
    for key in keys:
        col, look = computed.columns[key], computed_look(key, None, computed.template)
        if look.halign or key == "computed_rag":
            maybe(lambda col=col: setattr(
                block(sheet, r1, col, r2, col), "horizontal_alignment", "center"
            ))  # fmt: skip
        if look.wrap:
            maybe(lambda col=col: setattr(block(sheet, r1, col, r2, col), "wrap_text", True))
    if "computed_rag" not in keys:
        return
    col = computed.columns["computed_rag"]
    block(sheet, r1, col, r2, col).font.bold = True  # type: ignore[attr-defined]
    rags = {row: str(computed.values[row]["computed_rag"]) for row in range(r1, r2 + 1)}
    paint_rags(sheet, col, rags)


def paint_rags(sheet: object, col: int, rags: dict[int, str]) -> None:
    """Fill each run of rows of one RAG in its colour (white text where the RAG wants it)."""
    found: list[list] = []
    for row in sorted(rags):
        if found and found[-1][1] == row - 1 and found[-1][2] == rags[row]:
            found[-1][1] = row
        else:
            found.append([row, row, rags[row]])
    for first, last, rag in found:
        look = computed_look("computed_rag", rag, False)
        rng = block(sheet, first, col, last, col)
        rng.color = css(look.fill or TOOL_BODY)  # type: ignore[attr-defined]
        if look.color and look.color != BLACK:
            rng.font.color = "#" + look.color  # type: ignore[attr-defined]


__all__ = ["bounds", "paint_rags", "table_ranges", "write_computed"]
