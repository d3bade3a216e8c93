"""A workbook's shared strings (``xl/sharedStrings.xml``), with the texts refresh writes added.

Excel keeps each distinct text of a workbook once, in this table, and cells point at it by
number. Refresh adds the texts it writes at the end (a text already there as plain text is used
instead), so the numbers the workbook's cells hold keep their meaning and a second refresh adds
nothing; when nothing was added the part is written back byte for byte. Excel drops texts no
cell uses any more the next time it saves the workbook.
"""

from __future__ import annotations

from lxml import etree

from workbook_tools.writers.file.xlsx_cells import stored_text

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_Q = f"{{{NS}}}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
_EMPTY = f'<sst xmlns="{NS}" count="0" uniqueCount="0"/>'.encode()


class SharedStrings:
    """The shared strings of one workbook; see the module docstring."""

    def __init__(self, data: bytes | None) -> None:
        self.original = data
        self.changed = False
        self.added = 0
        self._root: etree._Element | None = None
        self._index: dict[str, int] = {}
        self._count = 0

    def _load(self) -> etree._Element:
        if self._root is None:
            self._root = etree.fromstring(self.original or _EMPTY, _PARSER)
            items = self._root.findall(_Q + "si")
            self._count = len(items)
            for number, item in enumerate(items):
                children = list(item)
                if len(children) == 1 and children[0].tag == _Q + "t":
                    self._index.setdefault(children[0].text or "", number)
        return self._root

    def index(self, text: str) -> int:
        """The number of ``text`` in the table (added when missing)."""
        root = self._load()
        text = stored_text(text)
        self.added += 1
        found = self._index.get(text)
        if found is None:
            item = etree.SubElement(root, _Q + "si")
            node = etree.SubElement(item, _Q + "t")
            node.text = text
            if text != text.strip() or "\n" in text:
                node.set(_XML_SPACE, "preserve")
            found = self._index[text] = self._count
            self._count += 1
            self.changed = True
        return found

    def to_bytes(self) -> bytes:
        """The shared strings part: the original bytes when nothing was added."""
        if not self.changed and self.original is not None:
            return self.original
        root = self._load()
        root.set("uniqueCount", str(self._count))
        count = root.get("count", "")
        root.set("count", str((int(count) if count.isdigit() else 0) + self.added))
        declaration = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        return declaration + etree.tostring(root, encoding="UTF-8")


__all__ = ["SharedStrings"]
