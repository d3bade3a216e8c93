"""Worksheet XML and the shared-string table, parameterised by an application's dialect.

The cell, row and sheet-level attributes each application writes were read from the real files
in the shared real-world folder: Excel (Windows, Mac, Online) writes ``spans`` and
``x14ac:dyDescent`` on rows and omits t for numbers; LibreOffice writes every row attribute
(customFormat, ht, hidden, customHeight, outlineLevel, collapsed) and t="n"; Google Sheets writes
bare rows and pads the grid with empty rows of fixed height to row 1000.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .book import SHEET_EXT_ORDER, SLOTS, ErrorValue, Formula, Inline, Rich, Sheet, Styled
from .package import text_node
from .xmltext import attrs, col_letter, esc, excel_number, ref, serial

WRAPPED = {"dataValidations", "tableParts", "hyperlinks", "protectedRanges", "mergeCells"}
COUNTED = {"dataValidations", "tableParts", "mergeCells"}
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


@dataclass(frozen=True)
class SheetDialect:
    """What differs between applications in a worksheet part."""

    root_open: str  # the <worksheet …> start tag, with {uid} for the sheet's xr:uid
    sheet_format: str
    number_t: str = ""  # ' t="n"' for LibreOffice
    row_attrs: Callable[[int, int, bool], str] = lambda r, width, hidden: ""
    view: Callable[[Sheet, bool], str] | None = None
    col: Callable[[int, int, float | None, bool, str | None], str] | None = None
    page: str = ""
    pad_rows_to: int = 0
    pad_row: str = ""
    dimension: bool = True
    sheet_pr: str = ""
    bool_t: str = "b"
    rich_inline: bool = False
    styles: dict[str, int] = field(default_factory=dict)


class Strings:
    """The shared-string table as the cells use it."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self.index: dict[str, int] = {}
        self.count = 0

    def add(self, xml: str) -> int:
        """The index of the <si> content ``xml`` (added when new)."""
        self.count += 1
        if xml not in self.index:
            self.index[xml] = len(self.items)
            self.items.append(xml)
        return self.index[xml]

    def render(self, declaration: str) -> bytes:
        """The sharedStrings part."""
        body = "".join(f"<si>{item}</si>" for item in self.items)
        return (
            declaration
            + '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
            + f' count="{self.count}" uniqueCount="{len(self.items)}">{body}</sst>'
        ).encode("utf-8")


def rich_runs(rich: Rich, font: str = "Calibri", size: float = 11) -> str:
    """The <r> runs of rich text, with run properties as Excel writes them."""
    out = []
    for text, props in rich.runs:
        p = dict(props)
        rpr = "<b/>" if p.get("b") else ""
        rpr += "<i/>" if p.get("i") else ""
        rpr += f'<sz val="{p.get("sz", size):g}"/>'
        rpr += f'<color rgb="{p["color"]}"/>' if "color" in p else '<color theme="1"/>'
        rpr += f'<rFont val="{p.get("font", font)}"/><family val="2"/>'
        out.append(f"<r><rPr>{rpr}</rPr>{text_node(text)}</r>")
    return "".join(out)


def cell_xml(
    value: Any, r: int, c: int, style: int | None, strings: Strings, d: SheetDialect
) -> tuple[str, bool]:
    """One <c> element and whether it holds a formula (for the calculation chain)."""
    where = ref(r, c)
    s = f' s="{style}"' if style else ""
    if isinstance(value, Formula):
        body = f"<f>{esc(value.text)}</f>"
        extra = ""
        if value.dynamic:
            body = f'<f t="array" ref="{value.spill or where}">{esc(value.text)}</f>'
            extra = ' cm="1"'
        t, v = _typed(value.value, d)
        v_xml = "" if v is None else f"<v>{esc(v)}</v>"
        t_attr = f' t="{t}"' if t and t != "n" else d.number_t if t == "n" else ""
        if t == "s":  # a formula's text result is written t="str", never as a shared string
            t_attr = ' t="str"'
        return f'<c r="{where}"{s}{t_attr}{extra}>{body}{v_xml}</c>', True
    if isinstance(value, Inline):
        return f'<c r="{where}"{s} t="inlineStr"><is>{text_node(value.text)}</is></c>', False
    if isinstance(value, Rich):
        if d.rich_inline:
            return f'<c r="{where}"{s} t="inlineStr"><is>{rich_runs(value)}</is></c>', False
        return f'<c r="{where}"{s} t="s"><v>{strings.add(rich_runs(value))}</v></c>', False
    if isinstance(value, ErrorValue):
        vm = f' vm="{value.vm}"' if value.vm is not None else ""
        return f'<c r="{where}"{s} t="e"{vm}><v>{esc(value.text)}</v></c>', False
    if isinstance(value, str):
        return f'<c r="{where}"{s} t="s"><v>{strings.add(text_node(value))}</v></c>', False
    t, v = _typed(value, d)
    t_attr = f' t="{t}"' if t != "n" else d.number_t
    return f'<c r="{where}"{s}{t_attr}><v>{v}</v></c>', False


def _typed(value: Any, d: SheetDialect) -> tuple[str, str | None]:
    if value is None:
        return "", None
    if isinstance(value, bool):
        return d.bool_t, "1" if value else "0"
    if isinstance(value, (dt.date, dt.datetime)):
        return "n", excel_number(serial(value))
    if isinstance(value, (int, float)):
        return "n", excel_number(value)
    if isinstance(value, ErrorValue):
        return "e", value.text
    return "s", str(value)


def sheet_data(sheet: Sheet, strings: Strings, d: SheetDialect) -> tuple[str, list[str]]:
    """<sheetData> and the references of its formula cells."""
    rows, formulas = [], []
    width = sheet.width
    for r, values in enumerate(sheet.rows, start=1):
        cells = []
        for c, value in enumerate(values, start=1):
            style_key = sheet.col_styles.get(c) if r > 1 or sheet.header_style is None else None
            if r == 1 and sheet.header_style:
                style_key = sheet.header_style
            if isinstance(value, Styled):
                style_key, value = value.style, value.value
            if value is None or value == "":
                continue
            if isinstance(value, (dt.date, dt.datetime)) and style_key is None:
                style_key = "date"
            style = d.styles.get(style_key or "default", 0)
            xml, is_formula = cell_xml(value, r, c, style, strings, d)
            cells.append(xml)
            if is_formula:
                formulas.append(ref(r, c))
        hidden = r in sheet.hidden_rows
        rows.append(f'<row r="{r}"{d.row_attrs(r, width, hidden)}>{"".join(cells)}</row>')
    for r in range(len(sheet.rows) + 1, d.pad_rows_to + 1):
        rows.append(f'<row r="{r}"{d.pad_row}/>')
    return "<sheetData>" + "".join(rows) + "</sheetData>", formulas


def cols_xml(sheet: Sheet, d: SheetDialect) -> str:
    """<cols> for the widths, hidden columns and column styles the sheet has."""
    if d.col is None:
        return ""
    keys = sorted(set(sheet.col_widths) | sheet.hidden_cols)
    if not keys:
        return ""
    items = [
        d.col(c, c, sheet.col_widths.get(c), c in sheet.hidden_cols, sheet.col_styles.get(c))
        for c in keys
    ]
    return "<cols>" + "".join(items) + "</cols>"


def slot_xml(sheet: Sheet) -> dict[str, str]:
    """The rendered fragments of each slot (wrapped where the schema has a container)."""
    out: dict[str, str] = {}
    if sheet.merges:
        sheet.slots["mergeCells"] = [f'<mergeCell ref="{m}"/>' for m in sheet.merges]
    for slot in SLOTS:
        items = sheet.slots.get(slot)
        if not items:
            continue
        body = "".join(items)
        if slot == "controls":
            body = (
                f'<mc:AlternateContent xmlns:mc="{MC_NS}"><mc:Choice Requires="x14">'
                f"<controls>{body}</controls></mc:Choice></mc:AlternateContent>"
            )
        elif slot in WRAPPED:
            count = f' count="{len(items)}"' if slot in COUNTED else ""
            body = f"<{slot}{count}>{body}</{slot}>"
        out[slot] = body
    return out


def ext_xml(sheet: Sheet) -> str:
    """The worksheet extLst, blocks in Excel's order."""
    if not sheet.ext:
        return ""
    known = {u: i for i, u in enumerate(SHEET_EXT_ORDER)}
    blocks = sorted(sheet.ext, key=lambda item: known.get(item[0], len(known)))
    return "<extLst>" + "".join(_ext(uri, inner) for uri, inner in blocks) + "</extLst>"


def _ext(uri: str, inner: str) -> str:
    ns = {
        "{3A4CF648-6AED-40f4-86FF-DC5316D8AED3}": 'xmlns:x15="http://schemas.microsoft.com/'
        'office/spreadsheetml/2010/11/main"',
    }.get(uri, 'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"')
    return f'<ext uri="{uri}" {ns}>{inner}</ext>'


def worksheet_xml(
    sheet: Sheet, strings: Strings, d: SheetDialect, selected: bool, uid: str, declaration: str
) -> tuple[bytes, list[str]]:
    """The worksheet part and its formula cells."""
    data, formulas = sheet_data(sheet, strings, d)
    last = ref(max(len(sheet.rows), 1), max(sheet.width, 1))
    slots = slot_xml(sheet)
    head = d.root_open.format(
        uid=uid,
        extra="".join(
            f' xmlns:{p}="{u}"'
            for p, u in sheet.extra_namespaces.items()
            if f" xmlns:{p}=" not in d.root_open
        ),
    )
    sheet_pr = d.sheet_pr
    if sheet.code_name:
        code = f'<sheetPr codeName="{sheet.code_name}"'
        sheet_pr = sheet_pr.replace("<sheetPr", code, 1) if sheet_pr else code + "/>"
    parts = [declaration, head, sheet_pr]
    if d.dimension:
        parts.append(f'<dimension ref="{"A1" if last == "A1" else "A1:" + last}"/>')
    parts.append(d.view(sheet, selected) if d.view else "")
    parts.append(d.sheet_format)
    parts.append(cols_xml(sheet, d))
    parts.append(data)
    for slot in SLOTS[: SLOTS.index("printOptions")]:
        parts.append(slots.get(slot, ""))
    if "headerFooter" in slots and "pageSetup" not in slots:
        page = d.page.split("<headerFooter")[0]
    else:
        page = d.page
    parts.append(page)
    for slot in SLOTS[SLOTS.index("headerFooter") :]:
        parts.append(slots.get(slot, ""))
    parts.append(ext_xml(sheet))
    parts.append("</worksheet>")
    return "".join(parts).encode("utf-8"), formulas


def freeze_pane(sheet: Sheet) -> str:
    """The <pane> and <selection> of a sheet with frozen rows/columns (Excel's form)."""
    if not sheet.freeze:
        return ""
    rows, cols = sheet.freeze
    top_left = ref(rows + 1, cols + 1)
    pane = "bottomRight" if rows and cols else "bottomLeft" if rows else "topRight"
    split = attrs(xSplit=cols or None, ySplit=rows or None)
    return (
        f'<pane{split} topLeftCell="{top_left}" activePane="{pane}" state="frozen"/>'
        f'<selection pane="{pane}" activeCell="{top_left}" sqref="{top_left}"/>'
    )


def last_col(sheet: Sheet) -> str:
    """The letters of the sheet's last column."""
    return col_letter(max(sheet.width, 1))
