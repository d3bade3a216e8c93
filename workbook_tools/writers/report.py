"""The corporate report workbook (WORKBOOK.md, "The corporate report"), written with XlsxWriter.

Sheets: ``Summary`` (actions by RAG; directorate × RAG with a native stacked bar chart; direction
of travel per directorate and for the whole organisation; priority × RAG), ``Register`` (every
counted action with its directorate, source file, sheet and row, and the computed columns),
``Exceptions``, ``Checks`` (per source file) and ``Sources`` (one row per file read).

* Every user string is written with ``write_string`` and the workbook is opened with
  ``strings_to_formulas`` off, so text such as ``=HYPERLINK(…)`` stays text.
* RAG words always carry their colour as a cell format (it moves with the cell when the table is
  sorted or filtered); the chart legend names each colour.
* Register, Exceptions, Checks and Sources are Excel tables (filter buttons, banding), with the
  header frozen and repeated on every printed page; every sheet prints landscape on A4, one page
  wide. Tables need XlsxWriter's normal mode (``constant_memory`` does not support them): it
  holds the cells in memory, measured at about 20 MB for 7,500 actions and 300 MB for 75,000,
  far beyond any council's register.

:func:`read_previous` reads what the direction of travel compares with: the previous report's
``Register`` sheet, counting the ``Computed RAG`` column per ``Directorate``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import xlsxwriter

from ..errors import UsageError
from ..layout import RAG_STYLES, WHOLE_ORGANISATION

if TYPE_CHECKING:
    from ..consolidation import ConsolidationResult
    from ..return_jobs import RegisterRow

RAG_WORDS = ("Blue", "Green", "Amber", "Red", "Grey")
REGISTER_COLUMNS: tuple[tuple[str, float], ...] = (
    ("Directorate", 18), ("Source file", 24), ("Source sheet", 10), ("Source row", 8),
    ("Ref", 8), ("Priority", 28), ("Action", 48), ("Lead", 18), ("Due date", 12),
    ("Days left", 8), ("Status", 12), ("Self-assessed RAG", 11), ("Computed RAG", 11),
    ("RAG reason", 36), ("Flags", 16), ("Commentary", 48),
)  # fmt: skip
EXCEPTION_COLUMNS: tuple[tuple[str, float], ...] = (
    ("Directorate", 16), ("Ref", 7), ("Priority", 22), ("Action", 40), ("Lead", 16),
    ("Due date", 12), ("RAG", 9), ("Reason", 30), ("Commentary", 40), ("Corrective action", 28),
)  # fmt: skip
CHECK_COLUMNS: tuple[tuple[str, float], ...] = (
    ("Source file", 28), ("Directorate", 18), ("Severity", 9), ("Sheet", 12), ("Cell", 8),
    ("Message", 80),
)  # fmt: skip
SOURCE_COLUMNS: tuple[tuple[str, float], ...] = (
    ("File", 32), ("Directorate", 18), ("As-of date", 12), ("Latest date provided", 12),
    ("Modified", 16), ("Actions", 8), *((word, 7.0) for word in RAG_WORDS), ("Status", 11),
    ("Reason", 70),
)  # fmt: skip
_WRAP_HEADINGS = frozenset(
    ("Priority", "Action", "Lead", "RAG reason", "Reason", "Commentary", "Corrective action",
     "Message", "Flags", "Source file", "File")
)  # fmt: skip
_STATUS_COLOURS = {"ok": ("C6EFCE", "006100"), "superseded": ("EDEDED", "404040"),
                   "error": ("FFC7CE", "9C0006")}  # fmt: skip
_HEAD = "1F4E78"


class _Styles:
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


def _put(ws: Any, row: int, col: int, value: object, fmt: Any) -> None:
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


def _sheet(wb: Any, name: str, columns: Sequence[tuple[str, float]], st: _Styles) -> Any:
    ws = wb.add_worksheet(name)
    for col, (heading, width) in enumerate(columns):
        ws.set_column(col, col, width, st.wrap if heading in _WRAP_HEADINGS else None)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.set_footer("&L&A&RPage &P of &N")
    return ws


def _table(
    ws: Any, name: str, top: int, columns: Sequence[tuple[str, float]], rows: int, st: _Styles
) -> None:
    """An Excel table (header at ``top``) over ``rows`` data rows (at least one), header frozen
    and repeated on every printed page."""
    heads = [{"header": h, "header_format": st.rag.get(h, st.header)} for h, _ in columns]
    ws.add_table(
        top, 0, top + max(rows, 1), len(columns) - 1,
        {"name": name, "style": "Table Style Light 9", "columns": heads},
    )  # fmt: skip
    ws.set_row(top, _height([h for h, _ in columns], [w for _, w in columns]))
    ws.freeze_panes(top + 1, 0)
    ws.repeat_rows(top)


def _lines(text: str, width: float) -> int:
    per_line = max(1, int(width * 1.15))
    if "\n" not in text:
        return max(1, -(-len(text) // per_line))
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def _height(values: Sequence[object], widths: Sequence[float]) -> float:
    """A row height (points) showing every line of wrapped text (width 0: a column that does
    not wrap); neither Excel nor LibreOffice is relied on to fit heights on opening."""
    lines = 1
    for value, width in zip(values, widths, strict=False):
        if width and isinstance(value, str):
            lines = max(lines, _lines(value, width))
    return min(409.0, 13.0 * lines + 2)


def _write_rows(
    ws: Any,
    first: int,
    columns: Sequence[tuple[str, float]],
    rows: Iterable[tuple[Sequence[object], Sequence[Any]]],
) -> None:
    """Write ``(values, formats)`` rows from row ``first``, each row high enough for its text.

    Empty cells are not written: the column's own format (``_sheet``) covers them. This is the
    report's inner loop (a Register of 45,000 actions is 700,000 cells), so text and numbers
    go straight to XlsxWriter and only other values through :func:`_put`.
    """
    wrapped = [
        (c, width, max(1, int(width * 1.15)))
        for c, (heading, width) in enumerate(columns)
        if heading in _WRAP_HEADINGS
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
                _put(ws, r, c, value, formats[c])


def _rag(st: _Styles, word: str | None, fallback: Any) -> Any:
    return st.rag.get(word or "", fallback)


def write_report(path: str | os.PathLike[str], result: ConsolidationResult) -> None:
    """Write the corporate report for ``result`` to ``path`` (a new file; the caller makes the
    write atomic)."""
    wb = xlsxwriter.Workbook(
        os.fspath(path),
        # in_memory: the sheets' XML is assembled in memory rather than in temporary files
        # (measured 8% faster for a report of 3,000 actions).
        {
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "in_memory": True,
        },
    )
    wb.set_properties(
        {"title": "Corporate report", "comments": "Made by workbook-tools consolidate",
         "created": result.generated}
    )  # fmt: skip
    st = _Styles(wb)
    _summary(wb, result, st)
    register = [(s, row) for s in result.used for row in s.rows]
    _register(wb, register, st)
    _exceptions(wb, register, result.as_of, st)
    _checks(wb, result, st)
    _sources(wb, result, st)
    wb.close()


def _summary(wb: Any, result: ConsolidationResult, st: _Styles) -> None:
    ws = _sheet(wb, "Summary", [("", 46), *(("", 10.5),) * 7], st)
    ws.hide_gridlines(2)
    ws.write_string(0, 0, "Corporate report", st.title)
    row = 1
    if result.organisation:
        ws.write_string(row, 0, result.organisation, st.section)
        row += 1
    used, errors = result.used, result.errors
    superseded = len(result.sources) - len(used) - len(errors)
    facts: list[tuple[str, object, Any]] = [
        ("As of", result.as_of, st.date),
        ("Generated", result.generated, st.stamp),
        ("Returns used", len(used), st.int),
        ("Superseded (older versions)", superseded, st.int),
        ("Could not be read (see Sources)", len(errors), st.error if errors else st.int),
    ]
    for label, value, fmt in facts:
        ws.write_string(row, 0, label, st.label)
        ws.merge_range(row, 1, row, 2, None, fmt)
        _put(ws, row, 1, value, fmt)
        row += 1

    row += 1
    ws.write_string(row, 0, "Actions by RAG", st.section)
    row += 1
    for col, heading in enumerate(("RAG", "Actions", "% of all")):
        ws.write_string(row, col, heading, st.header)
    counts = result.counts
    total = sum(counts.values())
    for word, n in counts.items():
        row += 1
        ws.write_string(row, 0, word, st.rag[word])
        ws.write_number(row, 1, n, st.int)
        ws.write_number(row, 2, round(100 * n / total, 1) if total else 0, st.pct)
    row += 1
    ws.write_string(row, 0, "Total", st.total)
    ws.write_number(row, 1, total, st.total)

    row += 2
    ws.write_string(row, 0, "RAG by directorate", st.section)
    row += 1
    head = row
    ws.set_row(row, 28)
    for col, heading in enumerate(("Directorate", *RAG_WORDS, "Total", "On track (%)")):
        ws.write_string(row, col, heading, st.rag.get(heading, st.header))
    for name, line in result.by_directorate.items():
        row += 1
        _counts_row(ws, row, name, line, st, st.text)
    first, last = head + 1, row
    row += 1
    _counts_row(ws, row, WHOLE_ORGANISATION, counts, st, st.total)
    if last >= first:
        most = max(sum(line.values()) for line in result.by_directorate.values())
        row += 2 + _chart(wb, ws, head, first, last, row + 2, most)

    row += 2
    ws.write_string(row, 0, "Direction of travel", st.section)
    row += 1
    if result.previous is None:
        shown = "No previous report was given (--previous): every row is new."
        ws.write_string(row, 0, shown, st.note)
    else:
        shown = f"Against the previous report {os.path.basename(result.previous)}."
        ws.write_string(row, 0, shown, st.note)
    row += 1
    ws.set_row(row, 28)
    for col, heading in enumerate(("Directorate", "On track now (%)", "On track before (%)",
                                   "Direction")):  # fmt: skip
        ws.write_string(row, col, heading, st.header)
    for direction in result.directions:
        row += 1
        fmt = st.total if direction.group == WHOLE_ORGANISATION else st.text
        _put(ws, row, 0, direction.group, fmt)
        _put(ws, row, 1, direction.now, st.pct)
        _put(ws, row, 2, direction.before, st.pct)
        _put(ws, row, 3, direction.direction, fmt)
    row += 1
    ws.write_string(
        row, 0, "On track = Blue or Green as a share of rated actions (Grey not counted). "
        "▲ up by more than 5 points, ▼ down by more than 5, ► steady.", st.note,
    )  # fmt: skip

    row += 2
    ws.write_string(row, 0, "RAG by priority", st.section)
    row += 1
    for col, heading in enumerate(("Directorate / priority", *RAG_WORDS, "Total")):
        ws.write_string(row, col, heading, st.rag.get(heading, st.header))
    for source in used:
        row += 1
        ws.write_string(row, 0, source.directorate or "", st.label)
        groups: dict[str, dict[str, int]] = {}
        for action in source.rows:
            key = (action.priority or "").strip() or "(none)"
            groups.setdefault(key, dict.fromkeys(RAG_WORDS, 0))[action.rag] += 1
        for priority, line in groups.items():
            row += 1
            ws.set_row(row, _height([priority], [42]))
            ws.write_string(row, 0, "    " + priority, st.wrap)
            for col, word in enumerate(RAG_WORDS, 1):
                ws.write_number(row, col, line[word], st.int)
            ws.write_number(row, 6, sum(line.values()), st.int)


def _counts_row(
    ws: Any, row: int, name: str, counts: dict[str, int], st: _Styles, fmt: Any
) -> None:
    from ..rules import share_on_track

    ws.write_string(row, 0, name, fmt)
    for col, word in enumerate(RAG_WORDS, 1):
        ws.write_number(row, col, counts[word], fmt)
    ws.write_number(row, 6, sum(counts.values()), fmt)
    share = share_on_track(counts)
    _put(ws, row, 7, None if share is None else round(share, 1), st.pct)


def _chart(wb: Any, ws: Any, head: int, first: int, last: int, at: int, most: int) -> int:
    """A native stacked bar chart of the directorate × RAG table, one colour per RAG word;
    returns the number of rows it covers."""
    chart = wb.add_chart({"type": "bar", "subtype": "stacked"})
    for col, word in enumerate(RAG_WORDS, 1):
        chart.add_series(
            {"name": ["Summary", head, col], "categories": ["Summary", first, 0, last, 0],
             "values": ["Summary", first, col, last, col],
             "fill": {"color": "#" + RAG_STYLES[word][0]}, "border": {"color": "#FFFFFF"},
             "gap": 60}
        )  # fmt: skip
    chart.set_title({"name": "Actions by RAG and directorate", "name_font": {"size": 12}})
    # Directorates top to bottom as in the table, the value axis kept at the bottom.
    chart.set_y_axis({"reverse": True, "crossing": "max"})
    step = next(n for n in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 10**9) if n * 8 >= most)
    chart.set_x_axis(
        {"name": "Actions", "min": 0, "major_unit": step, "num_format": "0",
         "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}}
    )  # fmt: skip
    chart.set_legend({"position": "bottom"})
    height = max(240, 90 + (last - first + 1) * 28)
    chart.set_size({"width": 760, "height": height})
    ws.insert_chart(at, 0, chart, {"object_position": 2})
    return -(-height // 20) + 1


def _formats(columns: Sequence[tuple[str, float]], st: _Styles) -> list[Any]:
    """The usual format of each column, by heading."""
    by_heading = {"Due date": st.date, "As-of date": st.date, "Latest date provided": st.date,
                  "Modified": st.stamp, "Source row": st.centre, "Days left": st.centre,
                  "Ref": st.centre, "Actions": st.centre}  # fmt: skip
    return [by_heading.get(h, st.wrap if h in _WRAP_HEADINGS else st.text) for h, _ in columns]


def _register(wb: Any, register: list[tuple[Any, RegisterRow]], st: _Styles) -> None:
    ws = _sheet(wb, "Register", REGISTER_COLUMNS, st)
    ws.set_paper(8)  # A3: sixteen columns
    _table(ws, "Register", 0, REGISTER_COLUMNS, len(register), st)
    usual = _formats(REGISTER_COLUMNS, st)
    rows = []
    for source, a in register:
        values = (
            source.directorate, source.file, a.sheet, a.row, a.ref, a.priority, a.action, a.lead,
            a.due, a.days_left, a.status, a.self_rag, a.rag, a.reason, ", ".join(a.flags),
            a.commentary,
        )  # fmt: skip
        formats = list(usual)
        formats[11] = _rag(st, "Grey" if a.self_rag == "n/a" else a.self_rag, st.text)
        formats[12] = _rag(st, a.rag, st.text)
        rows.append((values, formats))
    _write_rows(ws, 1, REGISTER_COLUMNS, rows)


def _ref_key(ref: str | None) -> tuple:
    parts = re.findall(r"\d+|[^\d\s.]+", ref or "")
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p.casefold()) for p in parts) or (
        (2, 0, ""),
    )


def _exceptions(
    wb: Any, register: list[tuple[Any, RegisterRow]], as_of: dt.date, st: _Styles
) -> None:
    def key(pair: tuple[Any, RegisterRow]) -> tuple:
        source, a = pair
        return (a.due is None, a.due or dt.date.min, (source.directorate or "").casefold(),
                _ref_key(a.ref), a.row)  # fmt: skip

    red = sorted((p for p in register if p[1].rag == "Red"), key=key)
    amber = sorted((p for p in register if p[1].rag == "Amber"), key=key)
    optimistic = sorted(
        (p for p in register if "optimistic" in p[1].flags and p[1].rag not in ("Red", "Amber")),
        key=key,
    )
    ws = _sheet(wb, "Exceptions", EXCEPTION_COLUMNS, st)
    ws.write_string(0, 0, f"Exceptions as of {as_of.day} {as_of:%b %Y}", st.section)
    ws.write_string(
        1, 0, "Red, then Amber, then optimistic self-assessments; each by due date.", st.note
    )
    listed = red + amber + optimistic
    _table(ws, "Exceptions", 3, EXCEPTION_COLUMNS, len(listed), st)
    usual = _formats(EXCEPTION_COLUMNS, st)
    rows = []
    for source, a in listed:
        values = (source.directorate, a.ref, a.priority, a.action, a.lead, a.due, a.rag,
                  a.reason, a.commentary, a.corrective)  # fmt: skip
        formats = list(usual)
        formats[6] = _rag(st, a.rag, st.text)
        rows.append((values, formats))
    _write_rows(ws, 4, EXCEPTION_COLUMNS, rows)


def _checks(wb: Any, result: ConsolidationResult, st: _Styles) -> None:
    listed = [(s, check) for s in sorted(result.used, key=lambda s: s.file) for check in s.checks]
    listed.sort(key=lambda pair: (pair[0].file, pair[1].severity.value != "error"))
    ws = _sheet(wb, "Checks", CHECK_COLUMNS, st)
    _table(ws, "Checks", 0, CHECK_COLUMNS, len(listed), st)
    usual = _formats(CHECK_COLUMNS, st)
    rows = []
    for source, check in listed:
        severity = check.severity.value
        values = (source.file, source.directorate, severity, check.sheet, check.cell,
                  check.message)  # fmt: skip
        formats = list(usual)
        if severity == "error":
            formats[2] = st.error
        rows.append((values, formats))
    _write_rows(ws, 1, CHECK_COLUMNS, rows)


def _sources(wb: Any, result: ConsolidationResult, st: _Styles) -> None:
    ws = _sheet(wb, "Sources", SOURCE_COLUMNS, st)
    _table(ws, "Sources", 0, SOURCE_COLUMNS, len(result.sources), st)
    usual = _formats(SOURCE_COLUMNS, st)
    rows = []
    for source in result.sources:
        modified = dt.datetime.fromtimestamp(source.mtime).replace(microsecond=0)
        counts = source.counts or {}
        values = (
            source.file, source.directorate, source.as_of, source.latest_provided,
            modified if source.mtime else None, source.actions,
            *(counts.get(word) for word in RAG_WORDS), source.status, source.error or source.note,
        )  # fmt: skip
        formats = list(usual)
        formats[-2] = st.status.get(source.status, st.text)
        rows.append((values, formats))
    _write_rows(ws, 1, SOURCE_COLUMNS, rows)


def read_previous(path: str | os.PathLike[str]) -> dict[str, dict[str, int]]:
    """RAG counts per directorate in a previous corporate report, from its Register sheet.

    The Register's header row (within its first 10 rows) must hold ``Directorate`` and
    ``Computed RAG``; each data row adds one to its directorate's count of that RAG word (other
    values are ignored). Raises :class:`UsageError` when the file is not a corporate report.
    """
    from ..services import load

    book = load(path, fast=True)
    grid = book.sheet("Register")
    header = None
    if grid is not None:
        for r, line in enumerate(grid.rows[:10]):
            cells = [str(v).strip().casefold() if v is not None else "" for v in line]
            if "directorate" in cells and "computed rag" in cells:
                header = (r, cells.index("directorate"), cells.index("computed rag"))
                break
    if grid is None or header is None:
        raise UsageError(
            "is not a corporate report made by consolidate (no Register sheet with Directorate "
            "and Computed RAG columns); give last period's report with --previous",
            path=path,
        )
    top, d_col, r_col = header
    words = {word.casefold(): word for word in RAG_WORDS}
    counts: dict[str, dict[str, int]] = {}
    for line in grid.rows[top + 1 :]:
        name = line[d_col] if d_col < len(line) else None
        rag = line[r_col] if r_col < len(line) else None
        word = words.get(str(rag).strip().casefold()) if rag is not None else None
        if name is None or word is None or not str(name).strip():
            continue
        counts.setdefault(str(name).strip(), dict.fromkeys(RAG_WORDS, 0))[word] += 1
    return counts
