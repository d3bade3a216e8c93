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
from xml.etree.ElementTree import Element, iterparse

from ..errors import WorkbookToolsError
from .opening import DAMAGE_ERRORS, open_package
from .package import NS_MAIN, R_ID, Package, local
from .scan import column_index, column_letters

MAX_CELL_LINES = 10
_RANGE = re.compile(r"^\$?([A-Z]{0,3})\$?([0-9]*)(?::\$?([A-Z]{0,3})\$?([0-9]*))?$")
_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]+)$")
_Q = f"{{{NS_MAIN}}}"
_PRINT_TITLES = "_xlnm.Print_Titles"


@dataclass
class _Sheet:
    validations: set[tuple[str, str, str]] = field(default_factory=set)
    formats: set[tuple[str, str]] = field(default_factory=set)
    tables: dict[str, str] = field(default_factory=dict)
    merged: set[str] = field(default_factory=set)
    cells: dict[tuple[int, int], tuple] = field(default_factory=dict)


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
        if strict and _same_outside(before, after, part, new.parts[name][1], owned, styled):
            continue
        first = _sheet(before, part)
        second = _sheet(after, new.parts[name][1])
        losses += _structure_losses(name, first, second, owned)
        losses += _cell_losses(name, first, second, owned, styled, strict)
    return losses


_P = rb"(?:[A-Za-z_][\w.\-]*:)?"  # an optional namespace prefix
_ATTR = rb"\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*')"  # one attribute, either quotes
_DIMENSION = re.compile(rb"<" + _P + rb"dimension(?:" + _ATTR + rb")*\s*/>")
_COLS = re.compile(rb"<" + _P + rb"cols[\s>].*?</" + _P + rb"cols\s*>", re.S)
_SPANS = re.compile(rb"(<" + _P + rb"row\s[^>]*?)\s+spans\s*=\s*(?:\"[^\"]*\"|'[^']*')")
_EMPTY_ROW = re.compile(rb"<" + _P + rb'row r="[0-9]+"></' + _P + rb"row>")
_STYLE = re.compile(rb"\s+s\s*=\s*(?:\"[0-9]*\"|'[0-9]*')")


def _same_outside(
    before: Package, after: Package, old: str, new: str, owned: set[int], styled: set[int]
) -> bool:
    """Whether the two parts of a sheet are the same byte for byte once the cells of the owned
    columns, the format of cells in styled columns, the sheet's recorded size and column widths
    and the rows' column spans are set aside: the quick proof that a writer changed nothing
    else. When it fails, the cells are compared one by one (and the differences named)."""
    first = before.zip.read(before.members[old.lower()])
    second = after.zip.read(after.members[new.lower()])
    return _outside(first, owned, styled) == _outside(second, owned, styled)


def _cells_in(columns: set[int]) -> re.Pattern[bytes]:
    """A cell (start tag to end tag) whose reference is in one of ``columns``."""
    letters = b"|".join(column_letters(c).encode() for c in sorted(columns))
    ref = rb"\s+r\s*=\s*[\"'](?:" + letters + rb")[0-9]+[\"']"
    return re.compile(
        rb"<" + _P + rb"c(?=(?:" + _ATTR + rb")*?" + ref + rb")(?:" + _ATTR + rb")*\s*"
        rb"(?:/>|>.*?</" + _P + rb"c\s*>)",
        re.S,
    )


def _outside(data: bytes, owned: set[int], styled: set[int]) -> bytes:
    data = _COLS.sub(b"", _DIMENSION.sub(b"", data, count=1), count=1)
    data = _SPANS.sub(rb"\1", data)
    if owned:
        data = _EMPTY_ROW.sub(b"", _cells_in(owned).sub(b"", data))
    if styled:
        data = _cells_in(styled).sub(lambda m: _STYLE.sub(b"", m.group(0), count=1), data)
    return data


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


# -- one sheet, streamed -------------------------------------------------------------------------
def _sheet(package: Package, part: str) -> _Sheet:
    found = _Sheet()
    strings = _Strings(package)
    rels = {rel.id: rel for rel in package.rels(part)}
    row = column = 0
    depth = 0
    with package.zip.open(package.members[part.lower()]) as stream:
        for event, node in iterparse(stream, events=("start", "end")):
            tag = local(node.tag)
            if event == "start":
                depth += 1
                if tag == "row" and depth == 3:
                    row = int(node.get("r") or row + 1)
                    column = 0
                continue
            depth -= 1
            if tag == "c" and depth == 3:
                ref = _CELL_REF.match(node.get("r", ""))
                column = column_index(ref.group(1)) if ref else column + 1
                found.cells[(int(ref.group(2)) if ref else row, column)] = _cell(node, strings)
                node.clear()
            elif tag == "row" and depth == 2:
                node.clear()
            elif depth == 1 and tag != "sheetData":
                _settings(node, found, package, rels)
    return found


def _cell(node: Element, strings: _Strings) -> tuple:
    """What a cell holds, its format index, and whether its text is rich."""
    kind, style = node.get("t", "n"), node.get("s", "0") or "0"
    formula = node.find(_Q + "f")
    value_node = node.find(_Q + "v")
    value = value_node.text if value_node is not None else None
    if formula is not None:
        attrs = tuple(sorted((k, v) for k, v in formula.attrib.items() if k in ("t", "ref")))
        return ("formula", (formula.text or "").strip(), attrs), style, False
    if kind == "s" and value is not None:
        text, rich = strings.get(value)
        return ("text", text), style, rich
    if kind == "inlineStr":
        inline = node.find(_Q + "is")
        if inline is None:
            return None, style, False
        return ("text", _text(inline)), style, inline.find(_Q + "r") is not None
    if value is None:
        return None, style, False
    if kind in ("str", "e", "d"):
        return ("text" if kind != "e" else "error", value), style, False
    if kind == "b":
        return ("bool", value.strip() in ("1", "true")), style, False
    try:
        return ("number", float(value)), style, False
    except ValueError:
        return ("text", value), style, False


def _text(node: Element) -> str:
    """The text of a string item or inline string: its runs joined, phonetic hints left out."""
    parts = []
    for child in node:
        tag = local(child.tag)
        if tag == "t":
            parts.append(child.text or "")
        elif tag == "r":
            run = child.find(_Q + "t")
            parts.append((run.text or "") if run is not None else "")
    return "".join(parts)


class _Strings:
    """The shared strings, read when first needed."""

    def __init__(self, package: Package) -> None:
        self.package = package
        self.items: list[tuple[str, bool]] | None = None

    def get(self, index: str) -> tuple[str, bool]:
        if self.items is None:
            self.items = []
            rels = self.package.rels(self.package.workbook_part)
            found = [r.target for r in rels if r.kind == "sharedstrings"]
            if found and self.package.has(found[0]):
                with self.package.zip.open(self.package.members[found[0].lower()]) as stream:
                    for _, node in iterparse(stream, events=("end",)):
                        if local(node.tag) == "si":
                            rich = node.find(_Q + "r") is not None
                            self.items.append((_text(node), rich))
                            node.clear()
        number = int(index) if index.strip().isdigit() else -1
        return self.items[number] if 0 <= number < len(self.items) else ("", False)


def _settings(node: Element, found: _Sheet, package: Package, rels: dict) -> None:
    for item in node.iter():
        tag = local(item.tag)
        if tag == "dataValidation":
            rule = (_sqref(item), item.get("type", "any"), _child_text(item, "formula1"))
            found.validations.add(rule)
        elif tag == "conditionalFormatting":
            kinds = sorted(rule.get("type", "") for rule in item if local(rule.tag) == "cfRule")
            found.formats.add((_sqref(item), " ".join(kinds)))
        elif tag == "mergeCell":
            found.merged.add(_norm_ranges(item.get("ref", "")))
        elif tag == "tablePart":
            rel = rels.get(item.get(R_ID, ""))
            if rel is not None and package.has(rel.target):
                table = package.parse(rel.target)
                name = table.get("displayName") or table.get("name") or rel.target
                found.tables[name] = _norm_ranges(table.get("ref", ""))


def _child_text(node: Element, name: str) -> str:
    for child in node.iter():
        if local(child.tag) == name:
            return "".join(child.itertext()).strip()
    return ""


def _sqref(node: Element) -> str:
    """The ranges of a validation or format, from its attribute or (Excel 2010 kind) element."""
    return _norm_ranges(node.get("sqref") or _child_text(node, "sqref"))


def _norm_ranges(text: str) -> str:
    ranges = []
    for token in text.replace("$", "").upper().split():
        first, _, last = token.partition(":")
        ranges.append(first if last in ("", first) else token)
    return " ".join(sorted(ranges))


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


def _structure_losses(name: str, before: _Sheet, after: _Sheet, owned: set[int]) -> list[str]:
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
    name: str, before: _Sheet, after: _Sheet, owned: set[int], styled: set[int], strict: bool
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
