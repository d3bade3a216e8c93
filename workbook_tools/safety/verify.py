"""Checking a written workbook against the original: nothing of the user's may have changed."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from ..errors import WorkbookToolsError
from .opening import open_package
from .package import NS_MAIN, R_ID, Package, local
from .scan import column_index, column_letters

MAX_CELL_LINES = 10
_RANGE = re.compile(r"^\$?([A-Z]{0,3})\$?([0-9]*)(?::\$?([A-Z]{0,3})\$?([0-9]*))?$")


@dataclass
class _Sheet:
    validations: set[tuple[str, str, str]] = field(default_factory=set)
    formats: set[tuple[str, str]] = field(default_factory=set)
    tables: dict[str, str] = field(default_factory=dict)
    merged: set[str] = field(default_factory=set)


@dataclass
class _Book:
    order: list[str] = field(default_factory=list)
    sheets: dict[str, _Sheet] = field(default_factory=dict)
    names: dict[tuple[str, str | None], str] = field(default_factory=dict)


def verify_saved(
    original: Path,
    written: Path,
    *,
    owned_sheets: set[str],
    owned_columns: dict[str, set[int]] | None = None,
) -> list[str]:
    """The user's things the written workbook no longer has, one line each (empty: all kept).

    Compares the sheet list (every sheet not in ``owned_sheets`` still there, in the same order),
    every cell value and formula outside owned sheets and outside ``owned_columns`` (1-based
    column numbers per sheet), tables (name and range), data validations (range and formula,
    including the Excel 2010 kind), conditional formats (ranges and rule types), merged cells and
    defined names. Things on owned sheets, or touching owned columns, may change.
    """
    owned_columns = owned_columns or {}
    original, written = Path(original), Path(written)
    try:
        before, after = _book(original), _book(written)
    except WorkbookToolsError as error:
        return [f"the workbook could not be read back for checking: {error}"]
    losses: list[str] = []
    kept = [name for name in before.order if name not in owned_sheets]
    missing = [name for name in kept if name not in after.sheets]
    losses += [f"sheet {name} was removed" for name in missing]
    present = [name for name in kept if name in after.sheets]
    if [name for name in after.order if name in present] != present:
        losses.append(f"the sheets {', '.join(present)} are no longer in their original order")
    for name in present:
        losses += _structure_losses(
            name, before.sheets[name], after.sheets[name], owned_columns.get(name, set())
        )
    for (name, scope), value in before.names.items():
        if scope in owned_sheets:
            continue
        label = f"defined name {name}" + (f" (sheet {scope})" if scope else "")
        if (name, scope) not in after.names:
            losses.append(f"{label} was removed")
        elif _norm_formula(after.names[(name, scope)]) != _norm_formula(value):
            losses.append(f"{label} changed from {value} to {after.names[(name, scope)]}")
    losses += _cell_losses(original, written, present, owned_columns)
    return losses


# -- structure, read from the XML parts -----------------------------------------------------
def _book(path: Path) -> _Book:
    book = _Book()
    with open_package(path, scan_sheets=False) as package:
        for sheet in package.sheets:
            book.order.append(sheet.name)
            book.sheets[sheet.name] = _Sheet()
            if sheet.kind == "worksheet":
                book.sheets[sheet.name] = _sheet(package, sheet.part)
        for node in package.workbook.iter(f"{{{NS_MAIN}}}definedName"):
            scope_id = node.get("localSheetId")
            scope = None
            if scope_id is not None and scope_id.isdigit() and int(scope_id) < len(book.order):
                scope = book.order[int(scope_id)]
            book.names[(node.get("name", ""), scope)] = node.text or ""
    return book


def _sheet(package: Package, part: str) -> _Sheet:
    settings = package.scan(part).settings
    found = _Sheet()
    if settings is None:
        return found
    rels = {rel.id: rel for rel in package.rels(part)}
    for node in settings.iter():
        tag = local(node.tag)
        if tag == "dataValidation":
            formula = _child_text(node, "formula1")
            found.validations.add((_sqref(node), node.get("type", "any"), formula))
        elif tag == "conditionalFormatting":
            kinds = sorted(rule.get("type", "") for rule in node if local(rule.tag) == "cfRule")
            found.formats.add((_sqref(node), " ".join(kinds)))
        elif tag == "mergeCell":
            found.merged.add(_norm_ranges(node.get("ref", "")))
        elif tag == "tablePart":
            rel = rels.get(node.get(R_ID, ""))
            if rel is not None and package.has(rel.target):
                table = package.parse(rel.target)
                name = table.get("displayName") or table.get("name") or rel.target
                found.tables[name] = _norm_ranges(table.get("ref", ""))
    return found


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
        if match is None:
            return None
        first, last = match.group(1), match.group(3) if match.group(3) is not None else None
        if not first:
            return None
        end = last or first
        covered.update(range(column_index(first), column_index(end) + 1))
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
            new_ref = after.tables[table]
            losses.append(f"sheet {name}: table {table} changed from {ref} to {new_ref}")
    return losses


# -- cell values, read with openpyxl in read-only mode ---------------------------------------
def _cell_losses(
    original: Path, written: Path, sheets: list[str], owned_columns: dict[str, set[int]]
) -> list[str]:
    import openpyxl

    losses: list[str] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            first = openpyxl.load_workbook(original, read_only=True, rich_text=True)
            second = openpyxl.load_workbook(written, read_only=True, rich_text=True)
        except Exception:  # any failure to read back is itself a loss (--debug shows why)
            return ["the workbook could not be read back for checking"]
        try:
            for name in sheets:
                old, new = first[name], second[name]
                if hasattr(old, "iter_rows") and hasattr(new, "iter_rows"):
                    losses += _compare_cells(name, old, new, owned_columns.get(name, set()))
        except Exception:  # a sheet that cannot be read back is a loss too
            losses.append("the cells could not be read back for checking")
        finally:
            first.close()
            second.close()
    return losses


def _cells(sheet: Any, owned: set[int]) -> Iterator[tuple[tuple[int, int], Any]]:
    sheet.reset_dimensions()
    for row in sheet.iter_rows():
        for cell in row:
            value = getattr(cell, "value", None)
            column = getattr(cell, "column", None)
            if value is None or value == "" or column is None or column in owned:
                continue
            yield (cell.row, column), _comparable(value)


def _comparable(value: Any) -> Any:
    if hasattr(value, "ref") and hasattr(value, "text"):  # an array formula
        return ("array formula", value.ref, value.text)
    if type(value).__name__ == "DataTableFormula":
        return ("data table", tuple(sorted(dict(value).items())))
    return value


def _compare_cells(name: str, old: Any, new: Any, owned: set[int]) -> list[str]:
    lines: list[str] = []
    changed = 0
    before, after = _cells(old, owned), _cells(new, owned)
    a, b = next(before, None), next(after, None)
    while a is not None or b is not None:
        if b is None or (a is not None and a[0] < b[0]):
            key, message = a[0], f"{_show(a[1])} was removed"
            a = next(before, None)
        elif a is None or b[0] < a[0]:
            key, message = b[0], f"{_show(b[1])} was added"
            b = next(after, None)
        else:
            key, message = a[0], ""
            if not _same(a[1], b[1]):
                message = f"{_show(a[1])} became {_show(b[1])}"
                if str(a[1]) == str(b[1]):
                    message = f"{_show(a[1])} lost its formatting or type"
            a, b = next(before, None), next(after, None)
        if message:
            changed += 1
            if changed <= MAX_CELL_LINES:
                lines.append(f"sheet {name}, cell {column_letters(key[1])}{key[0]}: {message}")
    if changed > MAX_CELL_LINES:
        lines.append(f"sheet {name}: {changed - MAX_CELL_LINES} more cells changed")
    return lines


def _same(old: Any, new: Any) -> bool:
    numbers = (int, float)
    if isinstance(old, numbers) and isinstance(new, numbers):
        return isinstance(old, bool) == isinstance(new, bool) and old == new
    return type(old) is type(new) and old == new


def _show(value: Any) -> str:
    text = repr(str(value)) if not isinstance(value, (int, float)) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
