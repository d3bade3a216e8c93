"""A workbook's cell styles (``xl/styles.xml``), with the records refresh needs added to it.

:class:`StyleBook` gives the index of the cell format for a :class:`~workbook_tools.tool_sheets.
looks.Look` applied over a cell's own format (its font name and size, borders, protection and cell
style stay; the look's parts replace the rest, or keep them when the look says so). Records are
only ever appended, and an existing record equal to the one needed is used instead, so every index
the workbook's cells hold keeps its meaning and a second refresh adds nothing. When nothing was
added, the part is written back byte for byte.
"""

from __future__ import annotations

from lxml import etree

from workbook_tools.tool_sheets.looks import ALIGNMENT, BOX_GREY, NUMBER_FORMAT, Look

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_Q = f"{{{NS}}}"
#: Number formats every spreadsheet program knows by number.
BUILTIN_FORMATS = {"General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10}
_FONT_ORDER = ("b", "i", "strike", "condense", "extend", "outline", "shadow", "u", "vertAlign",
               "sz", "color", "name", "family", "charset", "scheme")  # fmt: skip
_LOOK_FONT = {"b", "i", "strike", "u", "vertAlign", "color", "outline", "shadow", "condense",
              "extend"}  # fmt: skip
_SHEET_ORDER = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles",
                "dxfs", "tableStyles", "colors", "extLst")  # fmt: skip
DEFAULT_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<styleSheet xmlns="{NS}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/>'
    '<family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/>'
    '</fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border>'
    '<left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf '
    'numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf '
    'numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1">'
    '<cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
).encode()
_TAGS = {"fonts": "font", "fills": "fill", "borders": "border", "cellXfs": "xf"}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


def _key(element: etree._Element | None) -> tuple:
    """What a record says, whatever the prefixes and attribute order it was written with."""
    if element is None:
        return ()
    children = tuple(_key(child) for child in element if isinstance(child.tag, str))
    return (_local(element.tag), tuple(sorted(element.attrib.items())), children)


class StyleBook:
    """The cell formats of one workbook; see the module docstring."""

    def __init__(self, data: bytes | None) -> None:
        self.original = data
        self.root = etree.fromstring(data or DEFAULT_STYLES, _PARSER)
        self.changed = data is None
        self._lists = {name: self._list(name) for name in _TAGS}
        self._elements = {name: self._lists[name].findall(_Q + tag) for name, tag in _TAGS.items()}
        self._index = {
            name: {_key(el): i for i, el in reversed(list(enumerate(items)))}
            for name, items in self._elements.items()
        }
        self._formats = self._number_formats()
        self._cache: dict[tuple[int, int], tuple[Look, int]] = {}

    # -- reading --------------------------------------------------------------------------------
    def _list(self, name: str) -> etree._Element:
        found = self.root.find(_Q + name)
        if found is None:
            found = etree.Element(_Q + name, count="0")
            _insert(self.root, found, _SHEET_ORDER)
        return found

    def _number_formats(self) -> dict[str, int]:
        found = dict(BUILTIN_FORMATS)
        for fmt in self.root.iterfind(f"{_Q}numFmts/{_Q}numFmt"):
            code, number = fmt.get("formatCode"), fmt.get("numFmtId", "")
            if code is not None and number.isdigit():
                found.setdefault(code, int(number))
        return found

    def xf(self, index: int) -> etree._Element:
        """The cell format record at ``index`` (the first one when there is no such record)."""
        items = self._elements["cellXfs"]
        if not items:
            return etree.Element(_Q + "xf", numFmtId="0", fontId="0", fillId="0", borderId="0")
        return items[index] if 0 <= index < len(items) else items[0]

    def _part(self, name: str, xf: etree._Element, attr: str) -> etree._Element | None:
        items = self._elements[name]
        number = xf.get(attr, "0")
        position = int(number) if number.isdigit() else 0
        return items[position] if position < len(items) else (items[0] if items else None)

    def fill_rgb(self, index: int) -> str:
        """The ``RRGGBB`` colour of the fill of the format at ``index``; "" when it has none or
        the colour is a theme or palette colour."""
        fill = self._part("fills", self.xf(index), "fillId")
        colour = None if fill is None else fill.find(f"{_Q}patternFill/{_Q}fgColor")
        rgb = None if colour is None else colour.get("rgb")
        return rgb[-6:].upper() if rgb else ""

    # -- adding ----------------------------------------------------------------------------------
    def derive(self, base: int, look: Look) -> int:
        """The index of the format ``look`` gives a cell whose own format is at ``base``."""
        known = self._cache.get((base, id(look)))
        if known is not None and known[0] is look:  # the looks are made once each, so by id
            return known[1]
        xf = self.xf(base)
        record = etree.Element(_Q + "xf")
        record.set("numFmtId", str(self._number_format(xf, look)))
        record.set("fontId", str(self._add("fonts", self._font(xf, look))))
        record.set("fillId", str(self._add("fills", _fill(look.fill))))
        border = _box() if look.border else self._part("borders", xf, "borderId")
        record.set("borderId", str(self._add("borders", border)) if border is not None else "0")
        record.set("xfId", xf.get("xfId", "0"))
        for part in ("NumberFormat", "Font", "Fill", "Border", "Alignment", "Protection"):
            if xf.get("apply" + part) is not None or part != "Protection":
                record.set("apply" + part, "1")
        alignment = xf.find(_Q + "alignment") if ALIGNMENT in look.keep else _alignment(look)
        if alignment is not None and len(alignment.attrib):
            record.append(_copy(alignment))
        protection = xf.find(_Q + "protection")
        if protection is not None:
            record.append(_copy(protection))
        found = self._add("cellXfs", record)
        self._cache[(base, id(look))] = (look, found)
        return found

    def _number_format(self, xf: etree._Element, look: Look) -> int:
        if NUMBER_FORMAT in look.keep:
            number = xf.get("numFmtId", "0")
            return int(number) if number.isdigit() else 0
        code = look.number_format or "General"
        if code not in self._formats:
            formats = self.root.find(_Q + "numFmts")
            if formats is None:
                formats = etree.Element(_Q + "numFmts", count="0")
                _insert(self.root, formats, _SHEET_ORDER)
            number = max([163, *self._formats.values()]) + 1
            etree.SubElement(formats, _Q + "numFmt", numFmtId=str(number), formatCode=code)
            formats.set("count", str(len(formats)))
            self._formats[code] = number
            self.changed = True
        return self._formats[code]

    def _font(self, xf: etree._Element, look: Look) -> etree._Element:
        base = self._part("fonts", xf, "fontId")
        kept = {_local(c.tag): c for c in (base if base is not None else ())}
        kept = {tag: child for tag, child in kept.items() if tag not in _LOOK_FONT}
        if look.font is not None:
            kept.pop("scheme", None)  # a theme font would override the name
            kept["name"] = etree.Element(_Q + "name", val=look.font)
        if look.size is not None:
            kept["sz"] = etree.Element(_Q + "sz", val=_number(look.size))
        if "sz" not in kept:
            kept["sz"] = etree.Element(_Q + "sz", val="11")
        wanted = {"b": look.bold, "i": look.italic, "u": look.underline}
        for tag, on in wanted.items():
            if on:
                kept[tag] = etree.Element(_Q + tag)
        if look.color is not None:
            kept["color"] = etree.Element(_Q + "color", rgb="FF" + look.color.upper())
        font = etree.Element(_Q + "font")
        for tag in _FONT_ORDER:
            if tag in kept:
                font.append(_copy(kept[tag]))
        return font

    def _add(self, name: str, element: etree._Element) -> int:
        key = _key(element)
        index = self._index[name].get(key)
        if index is None:
            container, items = self._lists[name], self._elements[name]
            index = len(items)
            container.append(element)
            items.append(element)
            container.set("count", str(index + 1))
            self._index[name][key] = index
            self.changed = True
        return index

    def to_bytes(self) -> bytes:
        """The styles part: the original bytes when nothing was added."""
        if not self.changed and self.original is not None:
            return self.original
        return etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _copy(element: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(element), _PARSER)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _fill(colour: str | None) -> etree._Element:
    fill = etree.Element(_Q + "fill")
    if colour is None:
        etree.SubElement(fill, _Q + "patternFill", patternType="none")
        return fill
    pattern = etree.SubElement(fill, _Q + "patternFill", patternType="solid")
    etree.SubElement(pattern, _Q + "fgColor", rgb="FF" + colour.upper())
    etree.SubElement(pattern, _Q + "bgColor", indexed="64")
    return fill


def _box() -> etree._Element:
    border = etree.Element(_Q + "border")
    for side in ("left", "right", "top", "bottom"):
        line = etree.SubElement(border, _Q + side, style="thin")
        etree.SubElement(line, _Q + "color", rgb="FF" + BOX_GREY)
    etree.SubElement(border, _Q + "diagonal")
    return border


def _alignment(look: Look) -> etree._Element:
    alignment = etree.Element(_Q + "alignment")
    if look.halign:
        alignment.set("horizontal", look.halign)
    if look.valign:
        alignment.set("vertical", look.valign)
    if look.wrap:
        alignment.set("wrapText", "1")
    return alignment


def _insert(parent: etree._Element, child: etree._Element, order: tuple[str, ...]) -> None:
    """Put ``child`` among ``parent``'s children where the schema's ``order`` wants it."""
    rank = order.index(_local(child.tag))
    for position, sibling in enumerate(parent):
        name = _local(sibling.tag)
        if name in order and order.index(name) > rank:
            parent.insert(position, child)
            return
    parent.append(child)


__all__ = ["BUILTIN_FORMATS", "StyleBook"]
