"""Checking a written workbook against the original: nothing of the user's may have changed.

:func:`verify_saved` reads both files' XML itself (it shares nothing with the writer): the parts,
the sheet list and defined names, and for every sheet whose part differs, its settings
(validations, conditional formats, merged cells, tables) and every cell, streamed. Cells compare by
what they hold (text, number, formula, type) and, when the written workbook kept the original's
cell formats in place, by their format too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from ..errors import WorkbookToolsError
from .opening import DAMAGE_ERRORS, open_package
from .package import NS_MAIN, Package, local
from .scan import column_index, column_letters
from .sheet_contents import SheetContents, read_sheet, same_outside

MAX_CELL_LINES = 10
_RANGE = re.compile(r"^\$?([A-Z]{0,3})\$?([0-9]*)(?::\$?([A-Z]{0,3})\$?([0-9]*))?$")
_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]+)$")
_Q = f"{{{NS_MAIN}}}"
_PRINT_TITLES = "_xlnm.Print_Titles"


@dataclass
class _Book:
    order: list[str] = field(default_factory=list)
    parts: dict[str, tuple[str, str, int, int]] = field(
        default_factory=dict
    )  # kind, part, crc, size
    names: dict[tuple[str, str | None], str] = field(default_factory=dict)


def verify_saved(
    original: Path,
    written: Path,
    *,
    owned_sheets: set[str],
    owned_columns: dict[str, set[int]] | None = None,
    styled_columns: dict[str, set[int]] | None = None,
    changed_parts: set[str] | None = None,
) -> list[str]:
    """The user's things the written workbook no longer has, one line each (empty: all kept).

    Every sheet not in ``owned_sheets`` must still be there, in the same order, with the same
    cells outside ``owned_columns`` (1-based column numbers per sheet; in ``styled_columns`` only
    a cell's format may change), tables, data validations (including the Excel 2010 kind),
    conditional formats and merged cells; defined names must be kept. With ``changed_parts``,
    every part of the original not named there must be in the written file byte for byte.
    """
    owned_columns = owned_columns or {}
    try:
        with (
            open_package(Path(original), scan_sheets=False) as before,
            open_package(Path(written), scan_sheets=False) as after,
        ):
            return _losses(
                before, after, owned_sheets, owned_columns, styled_columns or {}, changed_parts
            )
    except WorkbookToolsError as error:
        return [f"the workbook could not be read back for checking: {error}"]
    except DAMAGE_ERRORS:
        return ["the workbook could not be read back for checking"]


def _losses(
    before: Package,
    after: Package,
    owned_sheets: set[str],
    owned_columns: dict[str, set[int]],
    styled_columns: dict[str, set[int]],
    changed_parts: set[str] | None,
) -> list[str]:
    losses = [] if changed_parts is None else _part_losses(before, after, changed_parts)
    old, new = _book(before), _book(after)
    kept = [name for name in old.order if name not in owned_sheets]
    losses += [f"sheet {name} was removed" for name in kept if name not in new.parts]
    present = [name for name in kept if name in new.parts]
    if [name for name in new.order if name in present] != present:
        losses.append(f"the sheets {', '.join(present)} are no longer in their original order")
    losses += _name_losses(old, new, owned_sheets)
    strict = _same_formats(before, after)
    for name in present:
        kind, part, crc, size = old.parts[name]
        if kind != "worksheet" or new.parts[name] == (kind, part, crc, size):
            continue
        owned, styled = owned_columns.get(name, set()), styled_columns.get(name, set())
        if strict and same_outside(before, after, part, new.parts[name][1], owned, styled):
            continue
        first = read_sheet(before, part)
        second = read_sheet(after, new.parts[name][1])
        losses += _structure_losses(name, first, second, owned)
        losses += _cell_losses(name, first, second, owned, styled, strict)
    return losses


def _part_losses(before: Package, after: Package, changed: set[str]) -> list[str]:
    allowed = {part.casefold() for part in changed}
    losses = []
    for info in before.zip.infolist():
        if info.is_dir() or info.filename.casefold() in allowed:
            continue
        other = after.members.get(info.filename.lower())
        if other is None:
            losses.append(f"the part {info.filename} was removed")
        elif (other.CRC, other.file_size) != (info.CRC, info.file_size):
            losses.append(f"the part {info.filename} changed")
    return losses


# -- the workbook ------------------------------------------------------------------------------
def _book(package: Package) -> _Book:
    book = _Book()
    for sheet in package.sheets:
        book.order.append(sheet.name)
        info = package.members.get(sheet.part.lower())
        crc, size = (info.CRC, info.file_size) if info else (0, 0)
        book.parts[sheet.name] = (sheet.kind, sheet.part, crc, size)
    for node in package.workbook.iter(f"{_Q}definedName"):
        scope_id = node.get("localSheetId")
        scope = None
        if scope_id is not None and scope_id.isdigit() and int(scope_id) < len(book.order):
            scope = book.order[int(scope_id)]
        book.names[(node.get("name", ""), scope)] = node.text or ""
    return book


def _name_losses(old: _Book, new: _Book, owned_sheets: set[str]) -> list[str]:
    losses = []
    for (name, scope), value in old.names.items():
        if scope in owned_sheets or (name == _PRINT_TITLES and scope is None):
            continue
        label = f"defined name {name}" + (f" (sheet {scope})" if scope else "")
        if (name, scope) not in new.names:
            losses.append(f"{label} was removed")
        elif _norm_formula(new.names[(name, scope)]) != _norm_formula(value):
            losses.append(f"{label} changed from {value} to {new.names[(name, scope)]}")
    return losses


def _same_formats(before: Package, after: Package) -> bool:
    """Whether the written workbook keeps every cell format of the original at its index (so a
    cell's format index means the same in both)."""
    first, second = _formats(before), _formats(after)
    return first is not None and second is not None and second[: len(first)] == first


def _formats(package: Package) -> list[Any] | None:
    styles = [r for r in package.rels(package.workbook_part) if r.kind == "styles"]
    if not styles or not package.has(styles[0].target):
        return None
    root = package.parse(styles[0].target)
    lists = {local(node.tag): node for node in root}
    keys: list[Any] = []
    for xf in lists.get("cellXfs", Element("x")):
        parts = [_canonical(xf)]
        for name, attr in (("fonts", "fontId"), ("fills", "fillId"), ("borders", "borderId")):
            items = list(lists.get(name, Element("x")))
            index = xf.get(attr, "0")
            item = items[int(index)] if index.isdigit() and int(index) < len(items) else None
            parts.append(_canonical(item))
        keys.append(tuple(parts))
    return keys


def _canonical(node: Element | None) -> tuple:
    if node is None:
        return ()
    return (local(node.tag), tuple(sorted(node.attrib.items())), tuple(map(_canonical, node)))


def _norm_formula(text: str) -> str:
    return re.sub(r"\s+|'", "", text).lstrip("=").upper()


def _columns(ranges: str) -> set[int] | None:
    """The columns a set of ranges covers (None when a range covers whole rows)."""
    covered: set[int] = set()
    for token in ranges.split():
        match = _RANGE.match(token)
        if match is None or not match.group(1):
            return None
        end = match.group(3) or match.group(1)
        covered.update(range(column_index(match.group(1)), column_index(end) + 1))
    return covered


def _touches(ranges: str, owned: set[int]) -> bool:
    if not owned:
        return False
    covered = _columns(ranges)
    return covered is None or bool(covered & owned)


def _structure_losses(
    name: str, before: SheetContents, after: SheetContents, owned: set[int]
) -> list[str]:
    losses = []
    for ranges, kind, formula in sorted(before.validations - after.validations):
        if not _touches(ranges, owned):
            rule = f" ({formula})" if formula else ""
            losses.append(f"sheet {name}: the {kind} data validation on {ranges}{rule} was lost")
    for ranges, kinds in sorted(before.formats - after.formats):
        if not _touches(ranges, owned):
            losses.append(f"sheet {name}: the conditional format ({kinds}) on {ranges} was lost")
    for ranges in sorted(before.merged - after.merged):
        if not _touches(ranges, owned):
            losses.append(f"sheet {name}: the merged cells {ranges} were unmerged")
    for table, ref in before.tables.items():
        if table not in after.tables:
            losses.append(f"sheet {name}: table {table} was removed")
        elif after.tables[table] != ref and not _touches(ref, owned):
            moved = after.tables[table]
            losses.append(f"sheet {name}: table {table} changed from {ref} to {moved}")
    return losses


# -- cells ---------------------------------------------------------------------------------------
def _cell_losses(
    name: str,
    before: SheetContents,
    after: SheetContents,
    owned: set[int],
    styled: set[int],
    strict: bool,
) -> list[str]:
    lines: list[str] = []
    changed = 0
    for key in sorted(set(before.cells) | set(after.cells)):
        if key[1] in owned:
            continue
        old, new = _kept(before.cells.get(key), strict), _kept(after.cells.get(key), strict)
        if old == new or (key[1] in styled and _no_style(old) == _no_style(new)):
            continue
        message = _change(old, new)
        if message:
            changed += 1
            if changed <= MAX_CELL_LINES:
                lines.append(f"sheet {name}, cell {column_letters(key[1])}{key[0]}: {message}")
    if changed > MAX_CELL_LINES:
        lines.append(f"sheet {name}: {changed - MAX_CELL_LINES} more cells changed")
    return lines


def _kept(cell: tuple | None, strict: bool) -> tuple | None:
    """A cell as compared: its value, rich text, and (``strict``) its format index; an empty
    cell counts only when its format is compared."""
    if cell is None:
        return None
    value, style, rich = cell
    if value is None and (not strict or style == "0"):
        return None
    return (value, rich, style if strict else "")


def _no_style(cell: tuple | None) -> tuple | None:
    return None if cell is None or cell[0] is None else cell[:2]


def _change(old: tuple | None, new: tuple | None) -> str:
    if old is None:
        return f"{_show(new)} was added" if new and new[0] is not None else ""
    if new is None:
        return f"{_show(old)} was removed" if old[0] is not None else "its formatting was removed"
    if old[0] == new[0]:
        return f"{_show(old)} lost its formatting or type"
    return f"{_show(old)} became {_show(new)}"


def _show(cell: tuple | None) -> str:
    value = None if cell is None or cell[0] is None else cell[0][1]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = repr(value) if isinstance(value, int | float) else repr(str(value))
    return text if len(text) <= 60 else text[:57] + "..."


__all__ = ["verify_saved"]
