"""What a refresh writes into a workbook, decided once as plain data: :func:`writeback`.

Both writers draw the same :class:`Writeback`: the package writer (files, through the command line
and ``prepare-return``) and the live writer (the workbook open in Excel, through the ribbon).

* **Computed columns** (:class:`ComputedBlock`): beside each table of actions, found by their
  headings, or added in the first free columns right of the table's last heading (a column is free
  when no cell of the table's rows holds a value or lies inside a merged range). Rows inside the
  table that repeat its header row (page headers of a pasted document) get the headings too; every
  other row below the heading that is not an action has its computed cells emptied, down to the
  last row an earlier refresh may have written. In the template only the Actions sheet has them,
  and the ``Actions`` table grows over actions typed below it (unless another table sits there).
* **Timeline marks** (:mod:`.timeline`).
* **The rebuilt sheets**: Summary, Exceptions, Checks and History (:func:`tool_sheets`). A sheet
  of one of those names that refresh did not make is the user's own: :func:`check_tool_sheets`
  refuses rather than overwrite it. A missing one goes where :func:`placement` says.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from ..core import layout
from ..core.headings import COMPUTED_FIELDS
from ..core.model import Book, Grid, Plan, Rating, TableLocation
from ..errors import WouldLoseDataError
from .content import SheetContent
from .rebuilt import REBUILT, tool_sheets
from .timeline import TimelineMarks, timeline_marks

#: (first row, first column, last row, last column), 1-based.
Rect = tuple[int, int, int, int]
#: Computed field → heading, in column order.
COMPUTED: dict[str, str] = dict(zip(COMPUTED_FIELDS, layout.COMPUTED_HEADINGS, strict=True))
#: Widths (characters) of computed columns added beside a table.
NEW_WIDTHS: dict[str, float] = {
    "computed_rag": 14,
    "rag_reason": 46,
    "due_date": 12,
    "days_left": 10,
    "flags": 26,
}
#: How many columns right of a table the search for free columns goes before giving up.
FREE_SEARCH = 40


@dataclass(frozen=True)
class TableRange:
    """An Excel table (ListObject) on a sheet: its name and where it is."""

    name: str
    bounds: Rect


@dataclass(frozen=True)
class ComputedBlock:
    """The computed columns beside one table of actions.

    ``columns`` maps each computed field to its 1-based column; ``new`` lists the fields whose
    heading is written on ``header_row`` (the others were there); ``repeated`` are rows inside the
    table that repeat its header (all headings written); ``values`` maps each action's row to its
    computed values; ``cleared`` rows have their computed cells emptied; ``skip`` are cells inside
    merged ranges (not their top-left cell), never written; ``grow`` names the table to extend and
    its new bounds.
    """

    sheet: str
    template: bool
    header_row: int
    columns: dict[str, int]
    new: tuple[str, ...] = ()
    repeated: tuple[int, ...] = ()
    values: dict[int, dict[str, object]] = field(default_factory=dict)
    cleared: tuple[int, ...] = ()
    skip: frozenset[tuple[int, int]] = frozenset()
    grow: tuple[str, Rect] | None = None

    def headings(self) -> Iterator[tuple[int, int, str]]:
        """Every heading cell to write: (row, column, heading)."""
        rows = [(self.header_row, self.new), *((row, tuple(COMPUTED)) for row in self.repeated)]
        for row, fields in rows:
            for key in fields:
                if (row, self.columns[key]) not in self.skip:
                    yield row, self.columns[key], COMPUTED[key]

    @property
    def widths(self) -> dict[int, float]:
        """Column → width of each computed column added by this refresh."""
        return {self.columns[key]: NEW_WIDTHS[key] for key in self.new}


@dataclass
class Writeback:
    """Everything one refresh writes: computed columns, Timeline marks, rebuilt sheets."""

    blocks: list[ComputedBlock]
    marks: list[TimelineMarks]
    sheets: list[SheetContent]

    def owned_columns(self) -> dict[str, set[int]]:
        """Per user sheet, the columns whose cells refresh writes."""
        owned: dict[str, set[int]] = {}
        for block in self.blocks:
            owned.setdefault(block.sheet, set()).update(block.columns.values())
        return owned


def computed_values(rating: Rating) -> dict[str, object]:
    """The computed columns' values for one action: RAG word, reason, due date (a date or
    ``None``), days left (``None`` without a due date) and the flags joined by commas."""
    return {
        "computed_rag": rating.rag.value,
        "rag_reason": rating.reason,
        "due_date": rating.due,
        "days_left": rating.days_left,
        "flags": ", ".join(rating.flags) or None,
    }


def writeback(
    result: object,
    book: Book,
    history: Sequence[Mapping],
    generated_at: dt.datetime,
    *,
    tables: Mapping[str, Sequence[TableRange]] | None = None,
    merged: Mapping[str, Sequence[Rect]] | None = None,
) -> Writeback:
    """What a refresh of ``result`` (a ``PlanResult`` read from ``book``) writes.

    ``tables`` and ``merged`` list, by sheet name, the Excel tables and merged ranges the writer
    sees (a writer that cannot see merged ranges passes none); ``history`` is what
    :func:`~workbook_tools.tool_sheets.read_history` read before this refresh.
    """
    plan, ratings, as_of = result.plan, result.ratings, result.as_of  # type: ignore[attr-defined]

    def value(sheet: str, row: int, col: int) -> object:
        grid = book.sheet(sheet)
        return None if grid is None else grid.value(row - 1, col - 1)

    return Writeback(
        blocks=computed_blocks(plan, ratings, book, tables or {}, merged or {}),
        marks=timeline_marks(plan, ratings, as_of, value),
        sheets=tool_sheets(result, history, generated_at),
    )


def computed_blocks(
    plan: Plan,
    ratings: Sequence[Rating],
    book: Book,
    tables: Mapping[str, Sequence[TableRange]],
    merged: Mapping[str, Sequence[Rect]],
) -> list[ComputedBlock]:
    """The computed columns beside every table of actions of ``plan`` (see the module)."""
    pairs = {(a.sheet, a.row): r for a, r in zip(plan.actions, ratings, strict=True)}
    blocks = []
    for loc in plan.tables:
        grid = book.sheet(loc.sheet)
        if grid is None:
            continue
        if plan.is_template and loc.sheet.casefold() != layout.ACTIONS.casefold():
            continue
        rows = {row for (sheet, row) in pairs if sheet == loc.sheet}
        rows = {row for row in rows if loc.first_row <= row <= loc.last_row}
        if not rows and not plan.is_template:
            continue
        in_tables, in_merged = _named(tables, loc.sheet), _cells_in(_named(merged, loc.sheet))
        blocks.append(_block(loc, grid, rows, pairs, plan.is_template, in_tables, in_merged))
    return blocks


def _block(
    loc: TableLocation,
    grid: Grid,
    rows: set[int],
    pairs: Mapping[tuple[str, int], Rating],
    template: bool,
    tables: Sequence[TableRange],
    merged: frozenset[tuple[int, int]],
) -> ComputedBlock:
    columns, new = _columns(grid, loc, merged)
    repeated = () if template else _repeated_headers(grid, loc, rows)
    name = layout.ACTIONS_TABLE.casefold()
    actions = next((t for t in tables if t.name.casefold() == name), None)
    table_last = (actions.bounds[2] if actions else loc.last_row) if template else None
    last = _last_row(grid, loc, list(columns.values()), table_last)
    values, cleared = {}, []
    for row in range(loc.first_row, last + 1):
        if row in repeated:
            continue
        if row in rows:
            values[row] = computed_values(pairs[(loc.sheet, row)])
        else:
            cleared.append(row)
    skip = frozenset(
        (row, col)
        for col in columns.values()
        for row in (loc.header_row, *range(loc.first_row, last + 1))
        if merged and (row, col) in merged
    )
    grow = _growth(actions, tables, max(rows)) if template and actions and rows else None
    return ComputedBlock(
        loc.sheet, template, loc.header_row, columns, tuple(new), tuple(repeated), values,
        tuple(cleared), skip, grow,
    )  # fmt: skip


def _named(by_sheet: Mapping[str, Sequence], sheet: str) -> Sequence:
    return next((v for k, v in by_sheet.items() if k.casefold() == sheet.casefold()), ())


def _cells_in(ranges: Sequence[Rect]) -> frozenset[tuple[int, int]]:
    """The cells of merged ranges that are not a range's top-left cell."""
    return frozenset(
        (row, col)
        for r1, c1, r2, c2 in ranges
        if (r2 - r1 + 1) * (c2 - c1 + 1) <= 100_000
        for row in range(r1, r2 + 1)
        for col in range(c1, c2 + 1)
        if (row, col) != (r1, c1)
    )


def _columns(
    grid: Grid, loc: TableLocation, merged: frozenset[tuple[int, int]]
) -> tuple[dict[str, int], list[str]]:
    """Where each computed column is, and which of them are new (headings still to write)."""
    found = {f: loc.columns[f] for f in COMPUTED if f in loc.columns}
    missing = [f for f in COMPUTED if f not in found]
    if missing:
        start = max([loc.last_col, *found.values()]) + 1
        for _ in range(FREE_SEARCH):
            if _band_is_free(grid, loc, start, len(missing), merged):
                break
            start += 1
        found.update({f: start + i for i, f in enumerate(missing)})
    return {f: found[f] for f in COMPUTED}, missing


def _band_is_free(
    grid: Grid, loc: TableLocation, start: int, width: int, merged: frozenset[tuple[int, int]]
) -> bool:
    return all(
        grid.value(row - 1, col - 1) is None and (row, col) not in merged
        for col in range(start, start + width)
        for row in range(loc.header_row, loc.last_row + 1)
    )


def _repeated_headers(grid: Grid, loc: TableLocation, actions: set[int]) -> list[int]:
    """Rows inside the table that repeat its header row (page headers of a pasted document)."""
    user = [c for f, c in loc.columns.items() if f not in COMPUTED]
    head = [grid.value(loc.header_row - 1, c - 1) for c in user]
    return [
        row
        for row in range(loc.first_row, loc.last_row + 1)
        if row not in actions
        and all(grid.value(row - 1, c - 1) == h for c, h in zip(user, head, strict=True))
    ]


def _last_row(grid: Grid, loc: TableLocation, cols: list[int], table_last: int | None) -> int:
    """The last row whose computed cells refresh may have written before: in the template,
    anything in the computed columns below the table; beside a legacy table, the rows right
    under it that hold computed values and nothing of the user's."""
    last = max(loc.last_row, table_last or 0)
    if table_last is not None:
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


def _growth(table: TableRange, tables: Sequence[TableRange], last: int) -> tuple[str, Rect] | None:
    """The Actions table extended down to ``last``, unless another table sits below it."""
    r1, c1, r2, c2 = table.bounds
    if last <= r2:
        return None
    for other in tables:
        o1, oc1, _, oc2 = other.bounds
        if other is not table and r2 < o1 <= last and oc1 <= c2 and oc2 >= c1:
            return None
    return table.name, (r1, c1, last, c2)


# --------------------------------------------------------------------------------------------
# The rebuilt sheets: whose they are, and where a new one goes
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetInfo:
    """A sheet as a writer sees it: name, kind (``worksheet``, ``chartsheet``…), value of A1."""

    name: str
    kind: str = "worksheet"
    first: object = None


def check_tool_sheets(
    sheets: Sequence[SheetInfo], template: bool, names: Sequence[str] | None = None
) -> None:
    """Refuse (nothing written) when a sheet named like a rebuilt sheet is the user's own: in a
    workbook that is not the template, refresh's sheets carry their own name in A1; a chart
    sheet (or any sheet that is not a worksheet) of that name is never the tool's."""
    wanted = {name.casefold() for name in (names or REBUILT)}
    for sheet in sheets:
        if sheet.name.casefold() not in wanted:
            continue
        if sheet.kind != "worksheet":
            raise WouldLoseDataError(
                f"the {_kind(sheet.kind)} '{sheet.name}' has the name of a sheet refresh "
                "rebuilds; rename it and refresh again",
                sheet=sheet.name,
            )
        first, title = sheet.first, sheet.name.casefold()
        if template or (isinstance(first, str) and first.strip().casefold() == title):
            continue
        raise WouldLoseDataError(
            f"the sheet '{sheet.name}' was not made by refresh, which rebuilds a sheet of "
            "that name; rename your sheet and refresh again",
            sheet=sheet.name,
        )


def _kind(kind: str) -> str:
    return {"chartsheet": "chart sheet", "dialogsheet": "dialog sheet"}.get(kind, "macro sheet")


def placement(names: Sequence[str], name: str) -> int:
    """Where a missing rebuilt sheet goes among ``names`` (the workbook's sheets in order): after
    the last sheet that comes before it in the template's order, else at the end."""
    order = [n.casefold() for n in layout.SHEET_ORDER]
    before = set(order[: order.index(name.casefold())])
    places = [i for i, sheet in enumerate(names) if sheet.casefold() in before]
    return max(places) + 1 if places else len(names)


__all__ = [
    "COMPUTED",
    "NEW_WIDTHS",
    "ComputedBlock",
    "Rect",
    "SheetInfo",
    "TableRange",
    "Writeback",
    "check_tool_sheets",
    "computed_blocks",
    "computed_values",
    "placement",
    "writeback",
]
