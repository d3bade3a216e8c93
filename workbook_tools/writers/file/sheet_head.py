"""What comes before a worksheet's cells, edited for the package writer: the sheet's recorded size
(``<dimension>``) grown over the cells refresh adds, and the widths (``<cols>``) of the columns it
adds; the styles the columns give new cells. Only those two elements are written anew; every other
element of the head is copied byte for byte. :func:`~.sheet_rows.edit_sheet` uses it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lxml import etree

from workbook_tools.core.model import column_letter
from workbook_tools.writers.file.sheet_tokens import (
    CELL_REF,
    COLS,
    DIMENSION,
    ROOT,
    SheetXmlError,
    attr_name,
    cell_column,
    escape_attr,
    replace,
    span,
)

#: The parser for the parts of a worksheet the writer reads as XML (no entities, no network).
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


class SheetHead:
    """What comes before the cells: the sheet's size and column widths, edited when needed
    (``changes`` are those of :func:`~.sheet_rows.edit_sheet`: row → column → change)."""

    def __init__(self, head: bytes, prefix: bytes) -> None:
        self.head, self.prefix = head, prefix
        root = ROOT.search(head)
        if root is None:
            raise SheetXmlError("the worksheet part has no root element")
        closing = b"</" + root.group(1) + b">"
        self.doc = etree.fromstring(head + b"<" + prefix + b"sheetData/>" + closing, PARSER)
        self.ns = self.doc.tag[: self.doc.tag.index("}") + 1] if "}" in self.doc.tag else ""

    def base_styles(self) -> dict[int, int]:
        """Column → the style its ``<col>`` gives new cells."""
        found: dict[int, int] = {}
        for col in self.doc.iterfind(f"{self.ns}cols/{self.ns}col"):
            style = col.get("style", "")
            low, high = col.get("min", ""), col.get("max", "")
            if style.isdigit() and low.isdigit() and high.isdigit() and int(style):
                for number in range(int(low), min(int(high), 16384) + 1):
                    found[number] = int(style)
        return found

    def edited(
        self, changes: Mapping[int, Mapping[int, Any]], widths: Mapping[int, float]
    ) -> bytes:
        """The head, with its size grown over ``changes`` and the ``widths`` set; only those two
        elements are written anew, everything else is copied as it is."""
        head = self.head
        if self._grow_dimension(changes):
            head = replace(head, DIMENSION, self._render(self.doc.find(self.ns + "dimension")))
        if widths:
            self._set_widths(widths)
            rendered = self._render(self.doc.find(self.ns + "cols"))
            head = replace(head, COLS, rendered) if span(head, COLS) else head + rendered
        return head

    def _render(self, node: etree._Element) -> bytes:
        """An element of the head written with the part's own prefix for its namespace."""
        tag = self.prefix.decode() + etree.QName(node).localname
        attrs = "".join(
            f' {attr_name(node, name)}="{escape_attr(value)}"'
            for name, value in node.attrib.items()
        )
        children = b"".join(self._render(c) for c in node if isinstance(c.tag, str))
        if not children:
            return f"<{tag}{attrs}/>".encode()
        return f"<{tag}{attrs}>".encode() + children + f"</{tag}>".encode()

    def _grow_dimension(self, changes: Mapping[int, Mapping[int, Any]]) -> bool:
        node = self.doc.find(self.ns + "dimension")
        if node is None or not changes:
            return False
        rows = [row for row, cells in changes.items() if cells]
        cols = [col for cells in changes.values() for col in cells]
        if not rows:
            return False
        low, _, high = node.get("ref", "A1").partition(":")
        high = high or low
        r1, c1 = _row_of(low) or min(rows), cell_column(low) or min(cols)
        r2, c2 = _row_of(high) or max(rows), cell_column(high) or max(cols)
        wanted = (min(r1, *rows), min(c1, *cols), max(r2, *rows), max(c2, *cols))
        if wanted == (r1, c1, r2, c2):
            return False
        ref = f"{column_letter(wanted[1])}{wanted[0]}:{column_letter(wanted[3])}{wanted[2]}"
        node.set("ref", ref)
        return True

    def _set_widths(self, widths: Mapping[int, float]) -> None:
        cols = self.doc.find(self.ns + "cols")
        if cols is None:
            cols = etree.Element(self.ns + "cols")
            data = self.doc.find(self.ns + "sheetData")
            data.addprevious(cols)
        for number, width in sorted(widths.items()):
            _set_width(cols, self.ns, number, width)


def _row_of(ref: str) -> int:
    match = CELL_REF.match(ref.strip())
    return int(match.group(2)) if match else 0


def _set_width(cols: etree._Element, ns: str, number: int, width: float) -> None:
    """Give column ``number`` its own ``<col>`` of ``width``, splitting a range that covers it."""
    text = str(int(width)) if float(width).is_integer() else repr(float(width))
    for col in list(cols):
        low, high = int(col.get("min", "0") or 0), int(col.get("max", "0") or 0)
        if not low <= number <= high:
            continue
        for first, last in ((low, number - 1), (number + 1, high)):
            if first <= last:
                piece = etree.fromstring(etree.tostring(col), PARSER)
                piece.set("min", str(first))
                piece.set("max", str(last))
                (col.addprevious if last < number else col.addnext)(piece)
        col.set("min", str(number))
        col.set("max", str(number))
        col.set("width", text)
        col.set("customWidth", "1")
        return
    new = etree.Element(ns + "col", min=str(number), max=str(number), width=text, customWidth="1")
    later = [c for c in cols if int(c.get("min", "0") or 0) > number]
    if later:
        later[0].addprevious(new)
    else:
        cols.append(new)




__all__ = ["PARSER", "SheetHead"]
