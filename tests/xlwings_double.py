"""A workbook double for the Excel entry points: the parts of the xlwings API that
``workbook_tools.excel``, ``sources.live`` and ``writers.live`` use, over a real openpyxl
workbook, so what is read is real and what is written can be read back and compared.

It behaves as Excel does where that matters to the product:

* reads hand numbers over as floats, dates and times as ``datetime`` (a time of day on
  30 Dec 1899), empty cells as ``None``, errors as ``None`` unless ``err_to_str``; the double
  does not calculate, so a formula reads as blank (as a file never calculated does), except the
  ``HYPERLINK`` links the product writes, which read as the text they show;
* a string written into a cell that is not formatted as text (``@``) is taken as typed: text
  starting with ``=``, ``+``, ``-`` or ``@`` becomes a formula, text that reads as a number or
  TRUE/FALSE becomes that value;
* a range's ``color`` is one colour when every cell shares it, ``None`` when no cell is filled,
  and fails for a mixed range (as xlwings does on Windows); ``number_format`` is ``None`` for a
  mixed range.

Every call that would cross from Python into Excel is counted in ``calls`` (one counter per
workbook, keyed by operation), so tests can prove reads and writes are bulk.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter
from copy import copy
from pathlib import Path
from types import SimpleNamespace

import openpyxl
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, range_boundaries

_TIME_BASE = dt.datetime(1899, 12, 30)
_NUMBER = re.compile(r"^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$")


class App:
    """Excel: message boxes, the status bar, screen updating, its own object model (``api``)."""

    def __init__(self, calls: Counter) -> None:
        self.calls = calls
        self.alerts: list[dict] = []
        self.status: list[object] = []
        self.answer = "ok"
        self.api: object = None
        self.engine = SimpleNamespace(name="excel", type="desktop")
        self._updating = True

    def alert(self, prompt, title="", buttons="ok", mode=None, callback=None):
        self.calls["app.alert"] += 1
        self.alerts.append({"prompt": prompt, "title": title, "buttons": buttons})
        return self.answer if buttons != "ok" else "ok"

    @property
    def status_bar(self) -> object:
        return self.status[-1] if self.status else False

    @status_bar.setter
    def status_bar(self, value: object) -> None:
        self.calls["app.status_bar"] += 1
        self.status.append(value)

    @property
    def screen_updating(self) -> bool:
        return self._updating

    @screen_updating.setter
    def screen_updating(self, value: bool) -> None:
        self.calls["app.screen_updating"] += 1
        self._updating = value


class Book:
    """An open workbook, over an openpyxl workbook loaded from ``path``."""

    def __init__(self, path: str | os.PathLike[str], app: App | None = None) -> None:
        self.calls: Counter = app.calls if app is not None else Counter()
        self.app = app or App(self.calls)
        self.fullname = os.fspath(path)
        self.name = Path(path).name
        self.wb = openpyxl.load_workbook(path)
        self.saved = True
        self.saves = 0

    @property
    def sheets(self) -> Sheets:
        self.calls["book.sheets"] += 1
        return Sheets(self)

    @property
    def names(self) -> list[Name]:
        self.calls["book.names"] += 1
        found = [Name(self, n, d.attr_text) for n, d in self.wb.defined_names.items()]
        for ws in self.wb.worksheets:
            found += [
                Name(self, f"{ws.title}!{n}", d.attr_text) for n, d in ws.defined_names.items()
            ]
            if ws.print_title_rows:
                found.append(Name(self, f"{ws.title}!Print_Titles", ws.print_title_rows))
        return found

    @property
    def api(self) -> SimpleNamespace:
        """Excel's own workbook object: only ``Saved`` is used."""
        self.calls["book.api"] += 1
        return SimpleNamespace(Saved=self.saved)

    def save(self, path: str | None = None) -> None:
        self.calls["book.save"] += 1
        self.wb.save(path or self.fullname)
        self.saved, self.saves = True, self.saves + 1


class Name:
    def __init__(self, book: Book, name: str, refers_to: str) -> None:
        self.book, self._name, self._refers_to = book, name, refers_to

    @property
    def name(self) -> str:
        self.book.calls["name.name"] += 1
        return self._name

    @property
    def refers_to(self) -> str:
        self.book.calls["name.refers_to"] += 1
        return "=" + self._refers_to.lstrip("=")


class Sheets:
    def __init__(self, book: Book) -> None:
        self.book = book

    def __iter__(self):
        for ws in self.book.wb.worksheets:
            self.book.calls["sheets.item"] += 1
            yield Sheet(self.book, ws)

    def __len__(self) -> int:
        return len(self.book.wb.worksheets)

    def __getitem__(self, key: str | int) -> Sheet:
        self.book.calls["sheets.item"] += 1
        if isinstance(key, int):
            return Sheet(self.book, self.book.wb.worksheets[key])
        for ws in self.book.wb.worksheets:
            if ws.title.casefold() == key.casefold():
                return Sheet(self.book, ws)
        raise KeyError(key)

    @property
    def active(self) -> Sheet:
        self.book.calls["sheets.active"] += 1
        return Sheet(self.book, self.book.wb.active)

    def add(self, name=None, before=None, after=None) -> Sheet:
        self.book.calls["sheets.add"] += 1
        sheets = self.book.wb.worksheets
        index = len(sheets)
        if before is not None:
            index = sheets.index(before.ws)
        elif after is not None:
            index = sheets.index(after.ws) + 1
        ws = self.book.wb.create_sheet(name, index)
        self.book.wb.active = ws
        return Sheet(self.book, ws)


class Sheet:
    def __init__(self, book: Book, ws) -> None:
        self.book, self.ws = book, ws
        self.calls = book.calls

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sheet) and other.ws is self.ws

    @property
    def name(self) -> str:
        self.calls["sheet.name"] += 1
        return self.ws.title

    @property
    def index(self) -> int:
        self.calls["sheet.index"] += 1
        return self.book.wb.worksheets.index(self.ws) + 1

    @property
    def used_range(self) -> Range:
        self.calls["sheet.used_range"] += 1
        cells = [at for at, cell in self.ws._cells.items() if _used(cell)]
        if not cells:
            return Range(self, 1, 1, 1, 1)
        rows, cols = [r for r, _ in cells], [c for _, c in cells]
        return Range(self, min(rows), min(cols), max(rows), max(cols))

    def range(self, first, last=None) -> Range:
        self.calls["sheet.range"] += 1
        if isinstance(first, str):
            c1, r1, c2, r2 = range_boundaries(first.replace("$", ""))
            return Range(self, r1, c1, r2, c2)
        r1, c1 = first
        r2, c2 = last if last is not None else first
        return Range(self, min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2))

    def clear(self) -> None:
        """Contents, formats and merged cells go; column widths, drawings and tables stay."""
        self.calls["sheet.clear"] += 1
        self.ws._cells.clear()
        self.ws.merged_cells.ranges = set()

    def activate(self) -> None:
        self.calls["sheet.activate"] += 1
        self.book.wb.active = self.ws

    @property
    def charts(self) -> Drawings:
        self.calls["sheet.charts"] += 1
        return Drawings(self, "charts", Chart)

    @property
    def pictures(self) -> Drawings:
        self.calls["sheet.pictures"] += 1
        return Drawings(self, "pictures", Picture)

    @property
    def tables(self) -> list[Table]:
        self.calls["sheet.tables"] += 1
        return [Table(self, table) for table in self.ws.tables.values()]

    @property
    def freeze_panes(self) -> SimpleNamespace:
        def freeze_at(where) -> None:
            self.calls["freeze_panes.freeze_at"] += 1
            address = where.address if isinstance(where, Range) else where
            self.ws.freeze_panes = address.replace("$", "")

        return SimpleNamespace(freeze_at=freeze_at)

    @property
    def show_gridlines(self) -> bool:
        return bool(self.ws.sheet_view.showGridLines)

    @show_gridlines.setter
    def show_gridlines(self, value: bool) -> None:
        self.calls["sheet.show_gridlines"] += 1
        self.ws.sheet_view.showGridLines = value


def _used(cell) -> bool:
    return cell.value is not None or cell.has_style


def _read(cell, err_to_str: bool) -> object:
    value = getattr(cell, "value", None)
    if isinstance(value, str) and value.startswith("=") and getattr(cell, "data_type", "") == "f":
        link = re.fullmatch(r'=HYPERLINK\("[^"]*","((?:[^"]|"")*)"\)', value)
        return link.group(1).replace('""', '"') if link else None  # not calculated here
    if getattr(cell, "data_type", "") == "e":
        return value if err_to_str else None
    if value == "":
        return None
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, dt.time):
        return _TIME_BASE.replace(hour=value.hour, minute=value.minute, second=value.second)
    return value


def _typed(text: str) -> object:
    """What Excel makes of text entered into a cell not formatted as text."""
    if text[:1] in ("=", "+", "-", "@"):
        return "=" + text.lstrip("=+@") if text[:1] != "-" else "=" + text
    if _NUMBER.match(text):
        number = float(text)
        return int(number) if number.is_integer() else number
    if text.strip().upper() in ("TRUE", "FALSE"):
        return text.strip().upper() == "TRUE"
    return text


class Range:
    def __init__(self, sheet: Sheet, r1: int, c1: int, r2: int, c2: int) -> None:
        self.sheet, self.r1, self.c1, self.r2, self.c2 = sheet, r1, c1, r2, c2
        self.calls = sheet.calls
        self._options: dict = {}

    def _cells(self, create: bool = False):
        ws = self.sheet.ws
        for r in range(self.r1, self.r2 + 1):
            for c in range(self.c1, self.c2 + 1):
                yield (r, c), (ws.cell(r, c) if create else ws._cells.get((r, c)))

    def options(self, **options: object) -> Range:
        new = Range(self.sheet, self.r1, self.c1, self.r2, self.c2)
        new._options = options
        return new

    @property
    def row(self) -> int:
        self.calls["range.row"] += 1
        return self.r1

    @property
    def column(self) -> int:
        self.calls["range.column"] += 1
        return self.c1

    @property
    def shape(self) -> tuple[int, int]:
        return self.r2 - self.r1 + 1, self.c2 - self.c1 + 1

    @property
    def address(self) -> str:
        self.calls["range.address"] += 1
        first = f"${get_column_letter(self.c1)}${self.r1}"
        last = f"${get_column_letter(self.c2)}${self.r2}"
        return first if first == last else f"{first}:{last}"

    # values ------------------------------------------------------------------------------

    @property
    def value(self) -> object:
        self.calls["value.get"] += 1
        err = bool(self._options.get("err_to_str"))
        ws = self.sheet.ws
        rows = [
            [_read(ws._cells.get((r, c)), err) for c in range(self.c1, self.c2 + 1)]
            for r in range(self.r1, self.r2 + 1)
        ]
        if self._options.get("ndim") == 2:
            return rows
        if len(rows) == 1 and len(rows[0]) == 1:
            return rows[0][0]
        if len(rows) == 1:
            return rows[0]
        if all(len(row) == 1 for row in rows):
            return [row[0] for row in rows]
        return rows

    @value.setter
    def value(self, data: object) -> None:
        self.calls["value.set"] += 1
        rows = data if isinstance(data, list) and data and isinstance(data[0], list) else None
        if rows is None:
            rows = [[data] * self.shape[1]] * self.shape[0]
        for i, row in enumerate(rows):
            for j, item in enumerate(row):
                cell = self.sheet.ws.cell(self.r1 + i, self.c1 + j)
                as_text = cell.number_format == "@"
                if item == "":
                    item = None  # Excel keeps no empty text: the cell is empty
                elif isinstance(item, str) and not as_text:
                    item = _typed(item)
                elif isinstance(item, dt.date) and not isinstance(item, dt.datetime):
                    item = dt.datetime(item.year, item.month, item.day)
                cell.value = item
                if isinstance(item, str) and (as_text or not item.startswith("=")):
                    cell.data_type = "s"

    # formats -----------------------------------------------------------------------------

    @property
    def number_format(self) -> str | None:
        self.calls["number_format.get"] += 1
        found = {c.number_format if c is not None else "General" for _, c in self._cells()}
        return found.pop() if len(found) == 1 else None

    @number_format.setter
    def number_format(self, value: str) -> None:
        self.calls["number_format.set"] += 1
        for _, cell in self._cells(create=True):
            cell.number_format = value

    @property
    def color(self) -> tuple[int, int, int] | None:
        self.calls["color.get"] += 1
        found = set()
        for _, cell in self._cells():
            fill = cell.fill if cell is not None else None
            rgb = fill.fgColor.rgb if fill is not None and fill.fill_type else None
            found.add(rgb[-6:].upper() if isinstance(rgb, str) else None)
        if len(found) != 1:
            raise TypeError("mixed range: Excel reports no single colour")
        rgb = found.pop()
        return None if rgb is None else tuple(int(rgb[i : i + 2], 16) for i in (0, 2, 4))

    @color.setter
    def color(self, value: object) -> None:
        self.calls["color.set"] += 1
        for _, cell in self._cells(create=True):
            if value is None:
                cell.fill = PatternFill(fill_type=None)
            else:
                rgb = str(value).lstrip("#").upper()
                cell.fill = PatternFill("solid", start_color=rgb, end_color=rgb)

    @property
    def font(self) -> FontDouble:
        self.calls["range.font"] += 1
        return FontDouble(self)

    def _align(self, **changes: object) -> None:
        for _, cell in self._cells(create=True):
            old = cell.alignment
            cell.alignment = Alignment(
                horizontal=changes.get("horizontal", old.horizontal),
                vertical=changes.get("vertical", old.vertical),
                wrap_text=changes.get("wrap_text", old.wrap_text),
            )

    @property
    def horizontal_alignment(self) -> str | None:
        return None

    @horizontal_alignment.setter
    def horizontal_alignment(self, value: str) -> None:
        self.calls["horizontal_alignment.set"] += 1
        self._align(horizontal=value)

    @property
    def vertical_alignment(self) -> str | None:
        return None

    @vertical_alignment.setter
    def vertical_alignment(self, value: str) -> None:
        self.calls["vertical_alignment.set"] += 1
        self._align(vertical=value)

    @property
    def wrap_text(self) -> bool | None:
        return None

    @wrap_text.setter
    def wrap_text(self, value: bool) -> None:
        self.calls["wrap_text.set"] += 1
        self._align(wrap_text=value)

    @property
    def column_width(self) -> float | None:
        return None

    @column_width.setter
    def column_width(self, value: float) -> None:
        self.calls["column_width.set"] += 1
        for col in range(self.c1, self.c2 + 1):
            self.sheet.ws.column_dimensions[get_column_letter(col)].width = value

    @property
    def row_height(self) -> float | None:
        return None

    @row_height.setter
    def row_height(self, value: float) -> None:
        self.calls["row_height.set"] += 1
        for row in range(self.r1, self.r2 + 1):
            self.sheet.ws.row_dimensions[row].height = value

    @property
    def rows(self) -> SimpleNamespace:
        def autofit() -> None:
            self.calls["rows.autofit"] += 1
            for row in range(self.r1, self.r2 + 1):
                self.sheet.ws.row_dimensions[row].height = None

        return SimpleNamespace(autofit=autofit)

    def merge(self) -> None:
        self.calls["range.merge"] += 1
        self.sheet.ws.merge_cells(
            start_row=self.r1, start_column=self.c1, end_row=self.r2, end_column=self.c2
        )

    @property
    def borders(self) -> SimpleNamespace:
        def set_(which="all", *, line_style=None, weight=None, color=None) -> None:
            self.calls["borders.set"] += 1
            side = Side(style=weight or "thin", color=str(color or "000000").lstrip("#"))
            for _, cell in self._cells(create=True):
                cell.border = Border(left=side, right=side, top=side, bottom=side)

        return SimpleNamespace(set=set_)

    def clear_formats(self) -> None:
        self.calls["range.clear_formats"] += 1
        for _, cell in self._cells():
            if cell is not None:
                cell.style = "Normal"


class FontDouble:
    """A range's font: each attribute set on every cell of the range."""

    def __init__(self, rng: Range) -> None:
        self.__dict__["_rng"] = rng

    def __setattr__(self, name: str, value: object) -> None:
        rng = self._rng
        rng.calls[f"font.{name}"] += 1
        key = {"bold": "b", "italic": "i", "size": "sz", "color": "color"}[name]
        for _, cell in rng._cells(create=True):
            font = copy(cell.font)
            setattr(font, key, str(value).lstrip("#") if name == "color" else value)
            cell.font = Font(
                name=font.name,
                sz=font.sz,
                b=font.b,
                i=font.i,
                color=font.color,
                u=font.u,
            )


class Drawings:
    """A sheet's charts or pictures."""

    def __init__(self, sheet: Sheet, kind: str, cls: type) -> None:
        self.sheet, self.kind, self.cls = sheet, kind, cls
        store = sheet.book.__dict__.setdefault("drawings", {})
        self.items: list = store.setdefault((id(sheet.ws), kind), [])

    def __iter__(self):
        return iter(list(self.items))

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, name: str):
        for item in self.items:
            if item.name == name:
                return item
        raise KeyError(name)

    def add(self, *args: object, **kwargs: object):
        self.sheet.calls[f"{self.kind}.add"] += 1
        if kwargs.pop("update", False) and kwargs.get("name") in [i.name for i in self.items]:
            raise AssertionError("updating a picture is not mirrored")
        item = self.cls(self, *args, **kwargs)
        self.items.append(item)
        return item


class Chart:
    def __init__(
        self,
        owner: Drawings,
        left=0,
        top=0,
        width=355,
        height=211,
        chart_type=None,
        source=None,
        plot_by=None,
        name=None,
        anchor=None,
        style=227,
    ) -> None:
        if anchor is not None and (left or top):
            raise ValueError("You must either provide 'anchor' or 'top'/'left', but not both.")
        self.owner, self.calls = owner, owner.sheet.calls
        self.name = name or f"Chart {len(owner.items) + 1}"
        self.chart_type, self.plot_by, self.width, self.height = chart_type, plot_by, width, height
        self.source = source.address if source is not None else None
        self.anchor = anchor.address if anchor is not None else None
        self.x_values: str | None = None
        self.title: str | None = None
        self.legend = SimpleNamespace(position=None)
        self.series = [SimpleNamespace(fill_color=None, line_color=None) for _ in range(8)]
        self.axis: dict = {}
        self.category_axis = SimpleNamespace(set=lambda **kw: self.axis.update(kw))

    def set_x_axis_values(self, source: Range) -> None:
        self.calls["chart.set_x_axis_values"] += 1
        self.x_values = source.address

    def delete(self) -> None:
        self.calls["chart.delete"] += 1
        self.owner.items.remove(self)


class Picture:
    def __init__(
        self,
        owner: Drawings,
        image,
        name=None,
        anchor=None,
        width=None,
        height=None,
        **kwargs: object,
    ) -> None:
        self.owner = owner
        self.name = name or f"Picture {len(owner.items) + 1}"
        self.data = Path(image).read_bytes()
        self.anchor = anchor.address if anchor is not None else None
        self.width, self.height = width, height

    def delete(self) -> None:
        self.owner.sheet.calls["picture.delete"] += 1
        self.owner.items.remove(self)


class Table:
    def __init__(self, sheet: Sheet, table) -> None:
        self.sheet, self.table = sheet, table

    @property
    def name(self) -> str:
        self.sheet.calls["table.name"] += 1
        return self.table.displayName

    @property
    def range(self) -> Range:
        self.sheet.calls["table.range"] += 1
        return self.sheet.range(self.table.ref)

    def resize(self, rng: Range) -> None:
        self.sheet.calls["table.resize"] += 1
        ref = rng.address.replace("$", "")
        self.table.ref = ref
        if self.table.autoFilter is not None:
            self.table.autoFilter.ref = ref


class Dialogs:
    """Excel's own file and folder dialogs (``app.api`` on Windows), answering as given."""

    def __init__(self, open_file: object = False, folder: str | None = None) -> None:
        self.open_file, self.folder = open_file, folder
        self.asked: list[str] = []

    def GetOpenFilename(self, *args: object) -> object:
        self.asked.append("GetOpenFilename")
        return self.open_file

    def FileDialog(self, kind: int) -> SimpleNamespace:
        self.asked.append(f"FileDialog({kind})")
        chosen = self.folder
        return SimpleNamespace(
            Title="",
            Show=lambda: -1 if chosen else 0,
            SelectedItems=lambda index: chosen,
        )
