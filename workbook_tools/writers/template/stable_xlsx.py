"""The same ``.xlsx`` bytes for the same workbook: how the committed template, imported plans
and refreshed plans are saved, so that two generations of one workbook compare equal.
"""

from __future__ import annotations

import io
import re
import zipfile

from openpyxl.workbook.workbook import Workbook
from openpyxl.writer.excel import ExcelWriter

#: The time every zip entry is stamped with.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def workbook_bytes(wb: Workbook) -> bytes:
    """The ``.xlsx`` bytes of ``wb``, identical for identical workbooks.

    openpyxl stamps the modified time and each zip entry with the clock; here the document keeps
    the times set on ``wb.properties`` and every entry gets a fixed time, in the same order. Text
    cells go into a shared-strings table and font properties are put in the order Excel writes
    them, as strict readers expect.
    """
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    with zipfile.ZipFile(raw) as src:
        parts = {info.filename: src.read(info.filename) for info in src.infolist()}
    _share_strings(parts)
    parts["xl/styles.xml"] = _FONT.sub(_order_font, parts["xl/styles.xml"])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts.items():
            entry = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, data)
    return out.getvalue()


_INLINE = re.compile(rb'<c ([^>]*?)t="inlineStr"([^>]*)><is>(.*?)</is></c>', re.S)
_FONT = re.compile(rb"<font>(.*?)</font>", re.S)
_FONT_CHILD = re.compile(rb"<(\w+)[^>]*/>")
_FONT_ORDER = tuple(
    b"b i strike condense extend outline shadow u vertAlign sz color name family charset scheme"
    .split()
)  # fmt: skip
_MAIN_NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_SST_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_SST_REL = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def _share_strings(parts: dict[str, bytes]) -> None:
    """Move every inline string of every worksheet into one shared-strings part."""
    index: dict[bytes, int] = {}
    uses = 0

    def swap(match: re.Match[bytes]) -> bytes:
        nonlocal uses
        uses += 1
        number = index.setdefault(match.group(3), len(index))
        return b'<c %st="s"%s><v>%d</v></c>' % (match.group(1), match.group(2), number)

    for name in parts:
        if name.startswith("xl/worksheets/sheet"):
            parts[name] = _INLINE.sub(swap, parts[name])
    if not index:
        return
    items = b"".join(b"<si>%s</si>" % text for text in index)
    head = b'<sst xmlns="%s" count="%d" uniqueCount="%d">' % (_MAIN_NS, uses, len(index))
    parts["xl/sharedStrings.xml"] = head + items + b"</sst>"
    override = b'<Override PartName="/xl/sharedStrings.xml" ContentType="%s"/>' % _SST_TYPE
    types = parts["[Content_Types].xml"]
    parts["[Content_Types].xml"] = types.replace(b"</Types>", override + b"</Types>")
    rel = b'<Relationship Type="%s" Target="sharedStrings.xml" Id="rIdStrings"/>' % _SST_REL
    rels = parts["xl/_rels/workbook.xml.rels"]
    end = b"</Relationships>"
    parts["xl/_rels/workbook.xml.rels"] = rels.replace(end, rel + end)


def _order_font(match: re.Match[bytes]) -> bytes:
    children = sorted(
        _FONT_CHILD.finditer(match.group(1)), key=lambda c: _FONT_ORDER.index(c.group(1))
    )
    return b"<font>%s</font>" % b"".join(child.group(0) for child in children)
