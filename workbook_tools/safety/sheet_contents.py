"""What one sheet of a package holds, read for comparing two versions of a workbook.

:func:`read_sheet` streams a worksheet part once (never holding its cells as a tree): every cell's
value, formula, type, format index and whether its text is rich, and the sheet's settings that a
user makes (validations, conditional formats, merged cells, tables). :func:`same_outside` is the
quick byte comparison of two versions of a part with the cells some columns hold set aside.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, iterparse

from .package import NS_MAIN, R_ID, Package, local
from .scan import column_index, column_letters

_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]+)$")
_Q = f"{{{NS_MAIN}}}"


@dataclass
class SheetContents:
    """A sheet's user-made settings and its cells by (row, column)."""

    validations: set[tuple[str, str, str]] = field(default_factory=set)
    formats: set[tuple[str, str]] = field(default_factory=set)
    tables: dict[str, str] = field(default_factory=dict)
    merged: set[str] = field(default_factory=set)
    cells: dict[tuple[int, int], tuple] = field(default_factory=dict)


_P = rb"(?:[A-Za-z_][\w.\-]*:)?"  # an optional namespace prefix
_ATTR = rb"\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*')"  # one attribute, either quotes
_DIMENSION = re.compile(rb"<" + _P + rb"dimension(?:" + _ATTR + rb")*\s*/>")
_COLS = re.compile(rb"<" + _P + rb"cols[\s>].*?</" + _P + rb"cols\s*>", re.S)
_STYLE = re.compile(rb"\s+s\s*=\s*(?:\"[0-9]*\"|'[0-9]*')")
@functools.cache
def _patterns(usual: bool) -> tuple[re.Pattern[bytes], re.Pattern[bytes]]:
    """A row's column spans and an empty row: in any form, or (``usual``) without a prefix
    (then the search looks for ``<row`` itself, rather than at every tag)."""
    p = b"" if usual else _P
    return (
        re.compile(rb"(<" + p + rb"row\s[^>]*?)\s+spans\s*=\s*(?:\"[^\"]*\"|'[^']*')"),
        re.compile(rb"<" + p + rb'row r="[0-9]+"></' + p + rb"row>"),
    )


def same_outside(
    before: Package, after: Package, old: str, new: str, owned: set[int], styled: set[int]
) -> bool:
    """Whether the two parts of a sheet are the same byte for byte once the cells of the owned
    columns, the format of cells in styled columns, the sheet's recorded size and column widths
    and the rows' column spans are set aside: the quick proof that a writer changed nothing
    else. When it fails, the cells are compared one by one (and the differences named)."""
    first = before.zip.read(before.members[old.lower()])
    second = after.zip.read(after.members[new.lower()])
    # First with the usual forms only (``<c r="``, rows without a prefix), found many times
    # faster: it sets aside less than every form would, so "the same" is proof enough; only
    # when that fails is every form tried.
    if _outside(first, owned, styled, usual=True) == _outside(second, owned, styled, usual=True):
        return True
    return _outside(first, owned, styled) == _outside(second, owned, styled)


def _cells_in(columns: set[int], usual: bool = False) -> re.Pattern[bytes]:
    """A cell (start tag to end tag) whose reference is in one of ``columns``: in any form, or
    (``usual``) starting ``<c r="``."""
    letters = b"|".join(column_letters(c).encode() for c in sorted(columns))
    end = rb"(?:" + _ATTR + rb")*\s*(?:/>|>.*?</" + _P + rb"c\s*>)"
    if usual:
        return re.compile(rb'<c r="(?:' + letters + rb')[0-9]+"' + end, re.S)
    ref = rb"\s+r\s*=\s*[\"'](?:" + letters + rb")[0-9]+[\"']"
    return re.compile(rb"<" + _P + rb"c(?=(?:" + _ATTR + rb")*?" + ref + rb")" + end, re.S)


def _outside(data: bytes, owned: set[int], styled: set[int], usual: bool = False) -> bytes:
    """The part with what a refresh may change set aside (``usual``: only where it is written
    in the usual form)."""
    spans, empty_row = _patterns(usual)
    data = _COLS.sub(b"", _DIMENSION.sub(b"", data, count=1), count=1)
    data = spans.sub(rb"\1", data)
    if owned:
        data = empty_row.sub(b"", _cells_in(owned, usual).sub(b"", data))
    if styled:
        data = _cells_in(styled, usual).sub(lambda m: _STYLE.sub(b"", m.group(0), count=1), data)
    return data


def read_sheet(package: Package, part: str) -> SheetContents:
    found = SheetContents()
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


def _settings(node: Element, found: SheetContents, package: Package, rels: dict) -> None:
    for item in node.iter():
        tag = local(item.tag)
        if tag == "dataValidation":
            rule = (_sqref(item), item.get("type", "any"), _child_text(item, "formula1"))
            found.validations.add(rule)
        elif tag == "conditionalFormatting":
            kinds = sorted(rule.get("type", "") for rule in item if local(rule.tag) == "cfRule")
            found.formats.add((_sqref(item), " ".join(kinds)))
        elif tag == "mergeCell":
            found.merged.add(norm_ranges(item.get("ref", "")))
        elif tag == "tablePart":
            rel = rels.get(item.get(R_ID, ""))
            if rel is not None and package.has(rel.target):
                table = package.parse(rel.target)
                name = table.get("displayName") or table.get("name") or rel.target
                found.tables[name] = norm_ranges(table.get("ref", ""))


def _child_text(node: Element, name: str) -> str:
    for child in node.iter():
        if local(child.tag) == name:
            return "".join(child.itertext()).strip()
    return ""


def _sqref(node: Element) -> str:
    """The ranges of a validation or format, from its attribute or (Excel 2010 kind) element."""
    return norm_ranges(node.get("sqref") or _child_text(node, "sqref"))


def norm_ranges(text: str) -> str:
    ranges = []
    for token in text.replace("$", "").upper().split():
        first, _, last = token.partition(":")
        ranges.append(first if last in ("", first) else token)
    return " ".join(sorted(ranges))


__all__ = ["SheetContents", "norm_ranges", "read_sheet", "same_outside"]
