"""Refresh written into a workbook package, touching only the parts refresh owns.

:func:`write_refresh` draws a :class:`~workbook_tools.tool_sheets.Writeback` into a copy of the
package: the sheets holding computed columns or Timeline marks are edited as a stream of rows
(:mod:`.sheet_rows`), only their owned cells changing; the rebuilt sheets are replaced whole with
their drawings, charts and pictures (:mod:`.tool_parts`); the style records those cells need are
appended to the styles part; the workbook part, relationships and content types change where
sheets or parts were added or removed, and a grown ``Actions`` table gets its new range. Every
other part is copied byte for byte. Strings are written inline, so the shared strings are never
touched.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from workbook_tools.core.model import Book, PlanResult, cell_address
from workbook_tools.core.palette import AS_OF_MARK
from workbook_tools.tool_sheets import SheetInfo, TableRange, check_tool_sheets, writeback
from workbook_tools.tool_sheets.looks import (
    UNMARKED,
    Look,
    computed_look,
    heading_look,
    mark_look,
    month_look,
)
from workbook_tools.tool_sheets.timeline import (
    TimelineMarks,
    is_old_rag_mark,
    restored_head_fill,
)
from workbook_tools.tool_sheets.writeback import ComputedBlock, Rect
from workbook_tools.writers.file.package import PackageWriter
from workbook_tools.writers.file.sheet_rows import Change, Spot, edit_sheet, settings, utf8
from workbook_tools.writers.file.tool_parts import (
    clear_old_parts,
    place_tool_sheets,
    write_tool_sheets,
)
from workbook_tools.writers.file.workbook_part import WorkbookPart
from workbook_tools.writers.file.xlsx_cells import CellRenderer, cell_xml
from workbook_tools.writers.file.xlsx_strings import SharedStrings
from workbook_tools.writers.file.xlsx_styles import StyleBook

STYLES_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_SPOOL = 32 * 1024 * 1024
_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?f[\s/>]")
_Changes = dict[int, dict[int, Change]]


@dataclass
class Written:
    """What :func:`write_refresh` changed, for the check after writing.

    ``owned_sheets`` were rebuilt; in ``owned_columns`` (per user sheet) cells may change in any
    way, in ``styled_columns`` only their formats; ``parts`` are the original parts whose
    content changed or that were removed (every other part must be byte-identical).
    """

    owned_sheets: list[str] = field(default_factory=list)
    owned_columns: dict[str, set[int]] = field(default_factory=dict)
    styled_columns: dict[str, set[int]] = field(default_factory=dict)
    parts: set[str] = field(default_factory=set)

    def losses(self, source: Path, target: Path) -> list[str]:
        """The check after writing (:func:`~workbook_tools.safety.verify_saved`) of ``target``
        against ``source``, told what this write changed: what was lost, one line each."""
        from workbook_tools.safety import verify_saved

        owned, styled, sheets = self.owned_columns, self.styled_columns, set(self.owned_sheets)
        return verify_saved(source, target, owned_sheets=sheets, owned_columns=owned,
                            styled_columns=styled, changed_parts=self.parts)  # fmt: skip


def write_refresh(
    source: Path,
    target: Path,
    result: PlanResult,
    book: Book,
    *,
    history: Sequence[Mapping],
    generated_at: dt.datetime,
    formulas: bool,
) -> Written:
    """Write the refresh of ``result`` (the plan read from ``book``, the grids of
    ``source``, rated) into a new package at ``target``. ``formulas``: whether any sheet holds a
    formula (the workbook is then recalculated in full when next opened).

    Raises :class:`~workbook_tools.errors.WouldLoseDataError` before writing anything when a
    sheet refresh rebuilds is the user's own.
    """
    package = PackageWriter(source)
    try:
        return _write(package, target, result, book, history, generated_at, formulas)
    finally:
        package.close()


def _write(package, target, result, book, history, generated_at, formulas) -> Written:
    """The steps of :func:`write_refresh` on an open package."""
    workbook = WorkbookPart(package)
    plan = result.plan
    infos = [SheetInfo(s.name, s.kind, _first(book, s.name)) for s in workbook.sheets]
    check_tool_sheets(infos, plan.is_template)
    parts = {s.name.casefold(): s.part for s in workbook.sheets if s.kind == "worksheet" and s.part}
    sources = {loc.sheet for loc in plan.tables}
    data = {
        name: utf8(package.read(parts[name.casefold()]))
        for name in sources
        if name.casefold() in parts
    }
    tables, merged = _layout(package, parts, data)
    back = writeback(result, book, history, generated_at, tables=tables, merged=merged)
    styles_part = _related(package, workbook, "styles", "xl/styles{}.xml")
    styles = StyleBook(package.read(styles_part) if package.has(styles_part) else None)
    strings_part = _related(package, workbook, "sharedStrings", "xl/sharedStrings{}.xml")
    strings = SharedStrings(package.read(strings_part) if package.has(strings_part) else None)
    written = Written(owned_columns=back.owned_columns())
    edits: dict[str, _Edit] = {}
    for block in back.blocks:
        edits.setdefault(block.sheet, _Edit(styles, strings, workbook.date1904)).add_block(block)
        if block.grow is not None:
            written.parts.add(_grow_table(package, parts[block.sheet.casefold()], *block.grow))
    for marks in back.marks:
        edits.setdefault(marks.sheet, _Edit(styles, strings, workbook.date1904)).add_marks(marks)
        written.styled_columns.setdefault(marks.sheet, set()).update(
            {marks.ref_column, *marks.heads}
        )
    removed_formulas = clear_old_parts(package, workbook, [s.name for s in back.sheets])
    placed = place_tool_sheets(package, workbook, back.sheets)
    for sheet, edit in edits.items():
        part = parts.get(sheet.casefold())
        if part is not None and edit.changes:
            source_data = data.get(sheet) or utf8(package.read(part))
            package.set(part, edit.run(source_data))
            removed_formulas = removed_formulas or edit.removed_formula
    write_tool_sheets(package, workbook, styles, back.sheets, placed, strings)
    written.owned_sheets = [workbook.placed(s.name).name for s in back.sheets]
    if removed_formulas:
        _drop_calc_chain(package, workbook)
    if formulas:
        workbook.recalculate_on_open()
    if styles.changed:
        _put_related(package, workbook, "styles", styles_part, styles.to_bytes(), STYLES_TYPE)
    if strings.changed:
        data = strings.to_bytes()
        _put_related(package, workbook, "sharedStrings", strings_part, data, STRINGS_TYPE)
    if workbook.changed:
        package.set(workbook.part, workbook.to_bytes())
    package.write(target)
    written.parts |= {name for name in package.put if package.had(name)}
    written.parts |= package.removed
    return written


def _first(book: Book, name: str) -> object:
    grid = book.sheet(name)
    return None if grid is None else grid.value(0, 0)


def _related(package: PackageWriter, workbook: WorkbookPart, kind: str, pattern: str) -> str:
    """The workbook's part of ``kind`` (styles, shared strings), or the name for a new one."""
    for rel in package.rels(workbook.part):
        if rel.kind == kind.lower() and not rel.external:
            return rel.target
    plain = pattern.format("")
    return plain if not package.has(plain) else package.free_name(pattern)


def _put_related(
    package: PackageWriter, workbook: WorkbookPart, kind: str, part: str, data: bytes, type_: str
) -> None:
    """Write ``data`` into the workbook's part of ``kind``, relating a new part to it."""
    if not package.has(part):
        package.add_rel(workbook.part, kind, part)
    package.set(part, data)
    package.set_override(part, type_)


def _layout(
    package: PackageWriter, parts: Mapping[str, str], data: Mapping[str, bytes]
) -> tuple[dict[str, list[TableRange]], dict[str, list[Rect]]]:
    """The Excel tables and merged ranges of the sheets holding actions."""
    tables: dict[str, list[TableRange]] = {}
    merged: dict[str, list[Rect]] = {}
    for sheet, xml in data.items():
        part = parts[sheet.casefold()]
        rels = {rel.id: rel for rel in package.rels(part)}
        root = settings(xml)
        ns = root.tag[: root.tag.index("}") + 1] if "}" in root.tag else ""
        for node in root.iterfind(f"{ns}mergeCells/{ns}mergeCell"):
            bounds = _bounds(node.get("ref", ""))
            if bounds:
                merged.setdefault(sheet, []).append(bounds)
        for node in root.iterfind(f"{ns}tableParts/{ns}tablePart"):
            rel = rels.get(
                node.get(
                    "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id", ""
                )
            )
            if rel is None or rel.external or not package.has(rel.target):
                continue
            table = etree.fromstring(package.read(rel.target))
            bounds = _bounds(table.get("ref", ""))
            name = table.get("displayName") or table.get("name") or ""
            if bounds:
                tables.setdefault(sheet, []).append(TableRange(name, bounds))
    return tables, merged


def _bounds(ref: str) -> Rect | None:
    from workbook_tools.writers.file.sheet_rows import cell_column

    first, _, last = ref.partition(":")
    last = last or first
    rows = [re.sub(r"[^0-9]", "", first), re.sub(r"[^0-9]", "", last)]
    cols = [cell_column(first), cell_column(last)]
    if not all(rows) or not all(cols):
        return None
    return int(rows[0]), cols[0], int(rows[1]), cols[1]


def _grow_table(package: PackageWriter, sheet_part: str, name: str, bounds: Rect) -> str:
    """Give the table ``name`` on the sheet ``sheet_part`` (and its filter) the range
    ``bounds``; return the table's part."""
    for rel in package.rels(sheet_part):
        if rel.kind != "table" or rel.external or not package.has(rel.target):
            continue
        table = etree.fromstring(package.read(rel.target))
        if (table.get("displayName") or table.get("name")) != name:
            continue
        ref = f"{cell_address(bounds[0], bounds[1])}:{cell_address(bounds[2], bounds[3])}"
        table.set("ref", ref)
        for node in table:
            if isinstance(node.tag, str) and node.tag.endswith("}autoFilter"):
                node.set("ref", ref)
        declaration = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        package.set(rel.target, declaration + etree.tostring(table, encoding="UTF-8"))
        return rel.target
    return sheet_part


def _drop_calc_chain(package: PackageWriter, workbook: WorkbookPart) -> None:
    """Remove the calculation chain (Excel rebuilds it) when cells it lists are gone."""
    chains = [r for r in package.rels(workbook.part) if r.kind == "calcchain"]
    for rel in chains:
        package.remove(rel.target)
    package.drop_rels(workbook.part, [r.id for r in chains])


class _Edit:
    """The cell changes of one user sheet, and the widths of its new columns."""

    def __init__(self, styles: StyleBook, strings: SharedStrings, date1904: bool) -> None:
        self.styles, self.strings, self.date1904 = styles, strings, date1904
        self.changes: _Changes = {}
        self.widths: dict[int, float] = {}
        self.removed_formula = False
        self._renderers: dict[bytes, CellRenderer] = {}

    def _put(self, row: int, col: int, change: Change) -> None:
        self.changes.setdefault(row, {})[col] = change

    def add_block(self, block: ComputedBlock) -> None:
        heading = heading_look(block.template)
        for row, col, text in block.headings():
            self._put(row, col, self._writer(heading, text))
        computed = self._computed(block)
        keys = {col: key for key, col in block.columns.items()}
        skip = block.skip
        for row in block.values:  # one change for the whole block: the row's values decide
            if row in self.changes or (skip and any((row, col) in skip for col in keys)):
                for col in keys:
                    if (row, col) not in block.skip:
                        self._put(row, col, computed)
            else:
                self.changes[row] = dict.fromkeys(keys, computed)
        for row in block.cleared:
            for col in keys:
                if (row, col) not in block.skip:
                    self._put(row, col, self._note)
        self.widths.update(block.widths)

    def _computed(self, block: ComputedBlock) -> Change:
        """The change writing a computed cell of ``block``: its row's value for its column, in
        the look of its field and the row's RAG."""
        keys = {col: key for key, col in block.columns.items()}
        values, template, derive = block.values, block.template, self.styles.derive
        formats: dict[tuple[int, str, str], int] = {}  # (format there, field, RAG) → format
        renderers = self._renderers

        def change(spot: Spot) -> bytes:
            key, row = keys[spot.column], values[spot.row]
            rag = str(row["computed_rag"])
            style = formats.get((spot.base, key, rag))
            if style is None:
                look = computed_look(key, rag, template)
                style = formats[(spot.base, key, rag)] = derive(spot.base, look)
            if spot.old is not None:
                self._note(spot)
            render = renderers.get(spot.prefix)
            if render is None:  # one for each namespace prefix of the part's cells
                render = renderers[spot.prefix] = CellRenderer(
                    prefix=spot.prefix, date1904=self.date1904, strings=self.strings
                )
            return render(spot.ref, style, row[key])

        return change

    def _writer(self, look: Look, value: object) -> Change:
        def change(spot: Spot) -> bytes:
            return self._cell(spot, look, value)

        return change

    def _cell(self, spot: Spot, look: Look, value: object) -> bytes:
        """The cell at ``spot`` holding ``value`` in ``look`` (on the format it had)."""
        self._note(spot)
        style = self.styles.derive(spot.base, look)
        return cell_xml(
            spot.ref, style, value, prefix=spot.prefix, date1904=self.date1904, strings=self.strings
        )

    def _note(self, spot: Spot) -> None:
        """Notice a formula in a cell about to be replaced or emptied."""
        if spot.old is not None and _FORMULA.search(spot.old.raw):
            self.removed_formula = True

    def add_marks(self, marks: TimelineMarks) -> None:
        styles = self.styles
        for row, rag in marks.rags.items():
            self._put(row, marks.ref_column, _restyle(styles, lambda fill, r=rag: mark_look(r)))
        for row in marks.unrated:
            self._put(
                row,
                marks.ref_column,
                _restyle(styles, lambda fill: UNMARKED if is_old_rag_mark(fill) else None),
            )
        for col, row in marks.heads.items():
            if col in marks.as_of_columns:
                self._put(row, col, _restyle(styles, lambda fill: month_look(AS_OF_MARK)))
            else:
                self._put(row, col, _restyle(styles, _restored, create=False))

    def run(self, data: bytes) -> bytes | Callable[[Callable[[bytes], object]], None]:
        """Edit ``data`` now (so the style records it needs exist before they are written) into
        a spooled buffer; return the edited part: its bytes when it stayed in memory (so that
        the package compresses it while the next parts are made), else the writer that copies
        it into the new package."""
        spool = tempfile.SpooledTemporaryFile(max_size=_SPOOL)  # noqa: SIM115 - closed by copy
        edit_sheet(data, self.changes, spool.write, widths=self.widths)
        if spool.tell() <= _SPOOL:
            with spool:
                spool.seek(0)
                return spool.read()
        spool.seek(0)

        def copy(write: Callable[[bytes], object]) -> None:
            with spool:
                while chunk := spool.read(1 << 20):
                    write(chunk)

        return copy


def _restored(fill: str):
    restored = restored_head_fill(fill)
    return None if restored is None else month_look(restored)


def _restyle(styles: StyleBook, decide, *, create: bool = True) -> Change:
    """A change of a cell's format only: ``decide(fill)`` gives the look for the cell's current
    fill colour, or ``None`` to leave it."""

    def change(spot: Spot) -> bytes | None:
        fill = styles.fill_rgb(spot.old.style if spot.old else spot.base)
        look = decide(fill)
        if look is None:
            return spot.old.raw if spot.old else None
        style = styles.derive(spot.old.style if spot.old else spot.base, look)
        if spot.old is None:
            return cell_xml(spot.ref, style, None, prefix=spot.prefix) if create else None
        return spot.old.restyled(style)

    return change


__all__ = ["Written", "write_refresh"]
