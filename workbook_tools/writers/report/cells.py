"""Cell formats and row writing shared by the corporate report's sheets (XlsxWriter).

* Every user string is written with ``write_string`` (the workbook is opened with
  ``strings_to_formulas`` off), so text such as ``=HYPERLINK(…)`` stays text.
* RAG words always carry their colour as a cell format (it moves with the cell when a table is
  sorted or filtered).
* Rows are made high enough for their wrapped text: neither Excel nor LibreOffice is relied on to
  fit heights on opening.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from ...core.layout import RAG_STYLES

RAG_WORDS = ("Blue", "Green", "Amber", "Red", "Grey")
WRAP_HEADINGS = frozenset(
    ("Priority", "Action", "Lead", "RAG reason", "Reason", "Commentary", "Corrective action",
     "Message", "Flags", "Source file", "File")
)  # fmt: skip
_STATUS_COLOURS = {"ok": ("C6EFCE", "006100"), "superseded": ("EDEDED", "404040"),
                   "error": ("FFC7CE", "9C0006"), "unused": ("EDEDED", "404040")}  # fmt: skip
_HEAD = "1F4E78"


class Styles:
    """The workbook's cell formats, made once."""

    def __init__(self, wb: Any) -> None:
        base = {"valign": "top", "font_size": 10}
        self.title = wb.add_format({"bold": True, "font_size": 16, "font_color": _HEAD})
        self.section = wb.add_format({"bold": True, "font_size": 12, "font_color": _HEAD})
        self.note = wb.add_format({"italic": True, "font_color": "595959", "font_size": 10})
        self.label = wb.add_format({**base, "bold": True})
        self.header = wb.add_format(
            {**base, "bold": True, "font_color": "FFFFFF", "bg_color": _HEAD, "text_wrap": True,
             "border": 1}
        )  # fmt: skip
        self.text = wb.add_format(base)
        self.wrap = wb.add_format({**base, "text_wrap": True})
        self.date = wb.add_format({**base, "num_format": "d mmm yyyy", "align": "left"})
        self.stamp = wb.add_format({**base, "num_format": "d mmm yyyy hh:mm", "align": "left"})
        self.int = wb.add_format({**base, "num_format": "0"})
        self.centre = wb.add_format({**base, "num_format": "0", "align": "center"})
        self.pct = wb.add_format({**base, "num_format": "0.0"})
        self.total = wb.add_format({**base, "bold": True, "top": 1})
        self.rag = {
            word: wb.add_format(
                {
                    **base,
                    "bold": True,
                    "align": "center",
                    "bg_color": fill,
                    "font_color": ink,
                    "border": 1,
                    "border_color": "FFFFFF",
                }
            )
            for word, (fill, ink) in RAG_STYLES.items()
        }
        self.status = {
            word: wb.add_format({**base, "bold": True, "bg_color": fill, "font_color": ink})
            for word, (fill, ink) in _STATUS_COLOURS.items()
        }
        self.error = wb.add_format({**base, "bold": True, "font_color": "9C0006"})


def put(ws: Any, row: int, col: int, value: object, fmt: Any) -> None:
    """Write one value by type: text always as a string, dates as real dates."""
    if value is None or value == "":
        ws.write_blank(row, col, None, fmt)
    elif isinstance(value, str):
        ws.write_string(row, col, value, fmt)
    elif isinstance(value, bool):
        ws.write_string(row, col, "Yes" if value else "No", fmt)
    elif isinstance(value, dt.date):
        ws.write_datetime(row, col, value, fmt)
    elif isinstance(value, int | float):
        ws.write_number(row, col, value, fmt)
    else:
        ws.write_string(row, col, str(value), fmt)


def new_sheet(wb: Any, name: str, columns: Sequence[tuple[str, float]], st: Styles) -> Any:
    ws = wb.add_worksheet(name)
    for col, (heading, width) in enumerate(columns):
        ws.set_column(col, col, width, st.wrap if heading in WRAP_HEADINGS else None)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.set_footer("&L&A&RPage &P of &N")
    return ws


def add_table(
    ws: Any, name: str, top: int, columns: Sequence[tuple[str, float]], rows: int, st: Styles
) -> None:
    """An Excel table (header at ``top``) over ``rows`` data rows (at least one), header frozen
    and repeated on every printed page."""
    heads = [{"header": h, "header_format": st.rag.get(h, st.header)} for h, _ in columns]
    ws.add_table(
        top, 0, top + max(rows, 1), len(columns) - 1,
        {"name": name, "style": "Table Style Light 9", "columns": heads},
    )  # fmt: skip
    ws.set_row(top, row_height([h for h, _ in columns], [w for _, w in columns]))
    ws.freeze_panes(top + 1, 0)
    ws.repeat_rows(top)


def _lines(text: str, width: float) -> int:
    per_line = max(1, int(width * 1.15))
    if "\n" not in text:
        return max(1, -(-len(text) // per_line))
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def row_height(values: Sequence[object], widths: Sequence[float]) -> float:
    """A row height (points) showing every line of wrapped text (width 0: a column that does
    not wrap); neither Excel nor LibreOffice is relied on to fit heights on opening."""
    lines = 1
    for value, width in zip(values, widths, strict=False):
        if width and isinstance(value, str):
            lines = max(lines, _lines(value, width))
    return min(409.0, 13.0 * lines + 2)


def write_rows(
    ws: Any,
    first: int,
    columns: Sequence[tuple[str, float]],
    rows: Iterable[tuple[Sequence[object], Sequence[Any]]],
) -> None:
    """Write ``(values, formats)`` rows from row ``first``, each row high enough for its text.

    Empty cells are not written: the column's own format (``new_sheet``) covers them. This is the
    report's inner loop (a Register of 45,000 actions is 700,000 cells), so text and numbers
    go straight to XlsxWriter and only other values through :func:`put`.
    """
    wrapped = [
        (c, width, max(1, int(width * 1.15)))
        for c, (heading, width) in enumerate(columns)
        if heading in WRAP_HEADINGS
    ]
    write_string, write_number, set_row = ws.write_string, ws.write_number, ws.set_row
    for r, (values, formats) in enumerate(rows, first):
        lines = 1
        for c, width, per_line in wrapped:
            text = values[c]
            if type(text) is str and (len(text) > per_line or "\n" in text):
                lines = max(lines, _lines(text, width))
        if lines > 1:
            set_row(r, min(409.0, 13.0 * lines + 2))
        for c, value in enumerate(values):
            kind = type(value)
            if kind is str:
                if value:
                    write_string(r, c, value, formats[c])
            elif kind is int or kind is float:
                write_number(r, c, value, formats[c])
            elif value is not None:
                put(ws, r, c, value, formats[c])


def rag_format(st: Styles, word: str | None, fallback: Any) -> Any:
    return st.rag.get(word or "", fallback)


def column_formats(columns: Sequence[tuple[str, float]], st: Styles) -> list[Any]:
    """The usual format of each column, by heading."""
    by_heading = {"Due date": st.date, "As-of date": st.date, "Latest date provided": st.date,
                  "Modified": st.stamp, "Sent": st.stamp, "Source row": st.centre,
                  "Days left": st.centre, "Ref": st.centre, "Actions": st.centre}  # fmt: skip
    return [by_heading.get(h, st.wrap if h in WRAP_HEADINGS else st.text) for h, _ in columns]
