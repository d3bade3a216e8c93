"""A workbook's shared strings (``xl/sharedStrings.xml``), with the texts refresh writes added.

Excel keeps each distinct text of a workbook once, in this table, and cells point at it by
number. Refresh adds the texts it writes at the end (a text already there as plain text is used
instead), so the numbers the workbook's cells hold keep their meaning and a second refresh adds
nothing; when nothing was added the part is written back byte for byte. Excel drops texts no
cell uses any more the next time it saves the workbook.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree

from workbook_tools.writers.file.xlsx_cells import escape, stored_text

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

    def used_again(self) -> None:
        """Count one more cell referring to a string already indexed (as :meth:`index` does)."""
        self.added += 1

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


#: The most characters Excel keeps in a cell.
_MOST = 32_767
#: What a text may hold that must be left out or escaped before it is written.
_NEEDS_WORK = re.compile("[&<>\"\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]|_x")


class NewStrings:
    """The shared strings of a workbook written from nothing (the corporate report).

    Each distinct text is kept once, numbered in the order first used. It is a plain dictionary,
    so that a writer of hundreds of thousands of cells can look texts up itself (``known``) and
    call :meth:`add` only for a text not seen before; :meth:`index` does both. Texts are stored
    as :func:`~workbook_tools.writers.file.xlsx_cells.stored_text` gives them, at most 32,767
    characters (Excel's limit for a cell).
    """

    def __init__(self) -> None:
        self.known: dict[str, int] = {}

    def add(self, text: str) -> int:
        """Number a text not seen before."""
        number = self.known[text] = len(self.known)
        return number

    def index(self, text: str) -> int:
        """The number of ``text`` in the table (added when missing)."""
        found = self.known.get(text)
        return self.add(text) if found is None else found

    def used_again(self) -> None:
        """Nothing to count: this table records no count of the cells referring to it."""

    def write(self, sink: Callable[[bytes], object]) -> None:
        """Write the shared strings part into ``sink``, a few thousand texts at a time."""
        head = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{NS}"'
        sink(f'{head} uniqueCount="{len(self.known)}">'.encode())
        texts = list(self.known)
        for start in range(0, len(texts), 4096):
            chunk = texts[start : start + 4096]
            if not _all_plain(chunk):  # something to leave out or escape: text by text
                chunk = [_stored(raw) for raw in chunk]
            sink(
                "".join(
                    f'<si><t xml:space="preserve">{t}</t></si>'
                    if t[:1].isspace() or t[-1:].isspace() or "\n" in t
                    else f"<si><t>{t}</t></si>"
                    for t in chunk
                ).encode()
            )
        sink(b"</sst>")


#: The bytes of UTF-8 text that need no escaping: printable ASCII but ``&<>"``, tab, line
#: feed, and every byte of a character beyond ASCII (U+FFFE and U+FFFF are looked for apart).
_PLAIN_BYTES = bytes(range(0x20, 0x80)).translate(None, b'&<>"') + b"\t\n" + bytes(
    range(0x80, 0x100)
)


def _all_plain(texts: list[str]) -> bool:
    """Whether every text goes into the part as it is (the usual case, told for thousands of
    texts at once: a text-by-text search took most of the time of writing the part)."""
    if max(map(len, texts), default=0) > _MOST:
        return False
    joined = "\n".join(texts)
    if "_x" in joined:
        return False
    try:
        data = joined.encode()
    except UnicodeEncodeError:  # a lone surrogate
        return False
    return not data.translate(None, _PLAIN_BYTES) and b"\xef\xbf\xbe" not in data and (
        b"\xef\xbf\xbf" not in data
    )


def _stored(raw: str) -> str:
    """A text as the part holds it: at most 32,767 characters, escaped."""
    if len(raw) > _MOST or _NEEDS_WORK.search(raw):
        return escape(stored_text(raw[:_MOST]))
    return raw


__all__ = ["NewStrings", "SharedStrings"]
