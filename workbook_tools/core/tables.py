"""One sheet's tables → actions: header rows, sections, action rows, continuations.

The sheet is read top to bottom. The first header row (anywhere on the sheet) opens a table;
the same header again after a page break continues it, another header opens a new table;
section rows, label rows, instructions and page furniture (:mod:`workbook_tools.core.sections`) are
never actions; the running text of a document between tables pauses the table until its next
header or a row of its own shape; rows split from an action by a page break are folded into it;
a row repeated at the top of a page is read once. Used by :mod:`workbook_tools.core.reading`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from . import sections, timeline
from .cells import (
    clean_row,
    clean_text,
    is_parent,
    names_several_refs,
    parse_ref,
    split_leading_ref,
)
from .dates import plan_period_year
from .deadline_forms import month_first
from .deadlines import read_date
from .headings import Header, find_header, header_at
from .milestones import continuation_milestones
from .model import Action, Book, Check, Grid, Severity, TableLocation, column_letter
from .row_reading import fractions_in, make_action
from .row_tests import fits_table, has_substance, may_be_header

UPDATED_TO = re.compile(r"^\s*updated\s+to\s*:?\s*(.+)$", re.IGNORECASE)
_DIRECTORATE = re.compile(r"^\s*(directorate|service)\s*:\s*(\S.*)$", re.IGNORECASE)
_TEXT_FIELDS = ("action", "commentary", "corrective", "success", "resources", "notes")
#: Blank rows after which a table has ended: a stray cell far below is not one of its rows.
_TABLE_GAP = 100


@dataclass
class _SheetState:
    grid: Grid
    header: Header
    month_dates: dict[int, dt.date]
    priority: str | None = None
    last: Action | None = None
    uses_refs: bool = False
    letters: dict[str, str] = field(default_factory=dict)
    actions: list[Action] = field(default_factory=list)
    fractions: bool = False
    closed: bool = False  # the table ended in the running text of a document
    in_block: bool = False  # just after a dated continuation row of ``last``
    seen: set[tuple[object, ...]] = field(default_factory=set)
    #: The header's text field ("action" when it has none) and its column, asked on every row.
    text_field: str | None = None
    text_key: str = "action"
    text_col: int | None = None
    #: The filled columns of each row (only read when the table has a month grid).
    row_fills: dict[int, set[int]] = field(default_factory=dict)
    #: The Start and Deadline columns' dates are typed month first (9/15/2026).
    month_first: bool = False


class SheetReader:
    """Reads the tables of each sheet of a book, gathering tables, checks and the directorate
    and ``Updated to`` lines it finds."""

    def __init__(
        self,
        book: Book,
        fy_year_hint: int | None,
        fallback_fy: int,
        checks: list[Check],
        template: bool = False,
    ) -> None:
        self.book = book
        self.fy_year_hint = fy_year_hint
        self.fallback_fy = fallback_fy
        self.checks = checks
        self.template = template
        self.tables: list[TableLocation] = []
        self.updated_to: dt.date | None = None
        self.directorate: str | None = None
        #: Whether a text may be a heading (:func:`candidates`), remembered: a plan repeats its
        #: priorities and leads on every row, and every row is tested as a repeated header.
        self.heading_like: dict[str, bool] = {}
        self._row_fills: dict[str, dict[int, set[int]]] = {}

    # -- one sheet ---------------------------------------------------------------------------
    def read_sheet(self, grid: Grid) -> list[Action]:
        """Every action on one sheet (its tables, top to bottom)."""
        header = find_header(grid)
        if header is None:
            return []
        state = self._start_table(grid, header, priority=self._scan_above(grid, header.row))
        actions: list[Action] = []
        rows = grid.rows
        r, blank, gap = header.data_row, False, 0
        while r < len(rows):
            row = rows[r]
            cleaned = clean_row(row) if row else []
            cells = [(c, v) for c, v in enumerate(row) if cleaned[c] is not None]
            if not cells:
                r, blank, gap = r + 1, True, gap + 1
                if gap > _TABLE_GAP:
                    state.closed = True
                continue
            gap = 0
            maybe = may_be_header(state, row, cells, self.heading_like)
            found = header_at(grid, r) if maybe else None
            if found is not None:
                state = self._next_table(state, found)
                r, blank = found.data_row, False
                continue
            action = self._row(state, r, cells, cleaned, blank)
            if action is not None:
                actions.append(action)
                state.actions.append(action)
            r, blank = r + 1, False
        self._finish_table(state)
        return actions

    def _next_table(self, state: _SheetState, found: Header) -> _SheetState:
        """A header row inside a sheet: the same table again after a page break, or a new one.
        A table that carries straight on (no running text in between) keeps the last action
        and whether refs are in use, for rows split across the break; one that follows the
        running text of a document starts afresh."""
        same = found.signature == state.header.signature and found.months == state.header.months
        if same and not state.closed:
            return state
        self._finish_table(state)
        new = self._start_table(state.grid, found, priority=state.priority)
        new.seen = state.seen
        if not state.closed:
            new.last, new.uses_refs = state.last, state.uses_refs
        return new

    def _start_table(self, grid: Grid, header: Header, priority: str | None = None) -> _SheetState:
        fy = self.fy_year_hint
        if fy is None:
            above = [str(v) for row in grid.rows[: header.row] for v in row if isinstance(v, str)]
            fy = plan_period_year(above) or self.fallback_fy
        dates = timeline.month_dates(header.months, fy) if header.months else {}
        state = _SheetState(grid=grid, header=header, month_dates=dates, priority=priority)
        state.letters = {k: _letter(c) for k, c in header.columns.items()}
        state.text_field = header.text_field
        state.text_key = state.text_field or "action"
        state.text_col = header.columns.get(state.text_key)
        if dates:
            if grid.name not in self._row_fills:
                self._row_fills[grid.name] = timeline.fills_by_row(grid.fills)
            state.row_fills = self._row_fills[grid.name]
        if "percent" in header.columns and not grid.formats:
            state.fractions = fractions_in(grid, header.columns["percent"], header.data_row)
        dated = [header.columns[k] for k in ("start", "deadline") if k in header.columns]
        state.month_first = bool(dated) and month_first(grid.rows, dated, header.data_row)
        return state

    def _finish_table(self, state: _SheetState) -> None:
        header = state.header
        last = max((a.row for a in state.actions), default=header.data_row)
        self.tables.append(
            TableLocation(
                sheet=state.grid.name,
                header_row=header.row + 1,
                first_row=header.data_row + 1,
                last_row=last,
                columns={k: c + 1 for k, c in header.columns.items()},
                last_col=header.last_col + 1,
                month_columns={c + 1: d for c, d in state.month_dates.items()},
            )
        )
        self._colour_only_rags(state)

    def _colour_only_rags(self, state: _SheetState) -> None:
        """One warning for a table whose RAG cells are coloured with no word in them: the tool
        reads the words, so an officer who only colours the cells must hear it is ignored."""
        col = state.header.columns.get("self_rag")
        if col is None or not state.grid.formats:
            return
        fills = state.grid.fills
        cells = [
            f"{_letter(col)}{a.row}"
            for a in state.actions
            if a.self_rag_text is None and (a.row - 1, col) in fills
        ]
        if cells:
            shown = ", ".join(cells[:3]) + (f" and {len(cells) - 3} more" if len(cells) > 3 else "")
            self.checks.append(
                Check(
                    Severity.WARNING,
                    state.grid.name,
                    cells[0],
                    f"The self-assessed RAG cells {shown} are coloured but hold no word, and "
                    "the tool reads only the words: type Red, Amber, Green or Blue in them",
                )
            )

    def _scan_above(self, grid: Grid, header_row: int) -> str | None:
        """Note the directorate and ``Updated to`` lines above the first header; return the
        last section heading there ("Priority CP1: Town Centre"), or a short title just above
        the header, else the sheet's name when it names a section ("Priority 2 - Jobs")."""
        heading = None
        for r, row in enumerate(grid.rows[:header_row]):
            texts = [t for t in map(clean_text, row) if isinstance(t, str)]
            if len(texts) == 1 and not sections.is_noise(texts[0]):
                ref, rest = split_leading_ref(texts[0])
                if ref and rest:
                    heading = f"{ref} {rest}"
                elif sections.is_section_heading(texts[0]) or (
                    r == header_row - 1 and _is_table_title(texts[0])
                ):
                    heading = texts[0]
            for c, value in enumerate(row):
                text = clean_text(value)
                if not isinstance(text, str):
                    continue
                self._note_updated_to(text)
                match = _DIRECTORATE.match(text)
                if match and not self.directorate:
                    self.directorate = match.group(2).strip()
                elif text.rstrip(":").strip().casefold() == "directorate" and not self.directorate:
                    right = clean_text(row[c + 1]) if c + 1 < len(row) else None
                    if isinstance(right, str):
                        self.directorate = right
        return heading or (grid.name if sections.is_section_heading(grid.name) else None)

    def _note_updated_to(self, text: str) -> None:
        match = UPDATED_TO.match(text)
        if match and self.updated_to is None:
            self.updated_to = read_date(match.group(1))

    # -- one row -----------------------------------------------------------------------------
    def _row(
        self, state: _SheetState, r: int, cells: list, cleaned: list, blank: bool
    ) -> Action | None:
        """One row below a header → an action, or None for anything else (see module doc)."""
        single = cleaned[cells[0][0]] if len(cells) == 1 else None
        if not sections.has_words(cells):
            return None
        if sections.is_total(cleaned[cells[0][0]]):
            state.closed = True  # a Totals row ends the table
            return None
        if isinstance(single, str) and (
            sections.is_noise(single) or sections.is_instruction(single)
        ):
            self._note_updated_to(single)
            return None
        if state.closed and fits_table(state, cleaned):
            state.closed = False  # an action row of this table again, after a note
        if state.closed or (blank and sections.is_prose(cells[0][1]) and len(cells) == 1):
            state.closed = True
            if isinstance(single, str):
                self._outside_table(state, r, single)
            return None
        label = sections.label_value(cells)
        if label is not None:
            state.priority, state.in_block = label, False
            return None
        return self._table_row(state, r, cells, cleaned, blank)

    def _outside_table(self, state: _SheetState, r: int, text: str) -> None:
        """A line of a document between tables: a numbered heading, or a title just above the
        next table's header, names the section of the actions that follow."""
        ref, rest = split_leading_ref(text)
        if ref and rest:
            state.priority = f"{ref} {rest}"
        elif sections.is_section_heading(text) or (
            _is_table_title(text) and header_at(state.grid, r + 1) is not None
        ):
            state.priority = text

    def _table_row(
        self, state: _SheetState, r: int, cells: list, cleaned: list, blank: bool
    ) -> Action | None:
        grid, header = state.grid, state.header
        width = len(cleaned)
        values = {k: cleaned[c] if c < width else None for k, c in header.columns.items()}
        ref_cell = values.get("ref")
        ref = parse_ref(ref_cell)
        text_key = state.text_key
        text = values.get(text_key)
        text = str(text) if text is not None else None
        if "ref" not in header.columns:
            ref, text = split_leading_ref(text)
        marks = ()
        if state.month_dates:
            filled = state.row_fills.get(r, ())
            marks = timeline.marks_in(grid.rows[r], filled, state.month_dates)
        substance = bool(marks) or has_substance(values)
        single = len(cells) == 1

        if ref_cell not in (None, "") and ref is None and not substance:
            ref_text = str(ref_cell)
            several = names_several_refs(ref_text)
            if several or single:
                state.priority = text if several and text else ref_text
                state.in_block = False
                return None
        if ref and not substance and self._heads_next(state, r, ref):
            state.priority = f"{ref} {text}".strip() if text else ref
            state.in_block = False
            return None
        if not text and not ref:
            group = values.get("priority")
            if single and not substance and isinstance(group, str):
                state.priority, state.in_block = group, False  # a group row: "Phase 1"
            elif state.last is not None:
                self._continue(state, values, cells, r)
            return None
        if single and not substance and not ref:
            return self._lone_text(state, r, values, cells, text, blank)
        if not substance and not ref and state.in_block and state.last is not None:
            self._continue(state, values, cells, r)
            return None
        if ref and not text and not substance:
            return None
        if not ref and state.uses_refs and state.last is not None and not self.template:
            self._continue(state, values, cells, r, warn=substance)
            return None
        if ref:
            state.uses_refs = True
        key = (ref, text, values.get("deadline"), values.get("lead"))
        if ref and key in state.seen:
            return None  # the same row again, repeated at the top of the next page
        state.seen.add(key)
        action = make_action(state, r, values, ref, text or "", marks, self.checks)
        state.last, state.in_block = action, False
        return action

    def _lone_text(
        self, state: _SheetState, r: int, values: dict, cells: list, text: str, blank: bool
    ) -> Action | None:
        """A row holding only text, with no ref: a section (in bold, or a title), part of the
        action above (under numbered actions), or (in a table without refs, not after a blank
        row, and too long for a title) an action."""
        bold = (r, cells[0][0]) in state.grid.bold
        if state.header.text_field == "priority" or (bold and sections.is_title(text)):
            state.priority, state.in_block = text, False  # a section, or a bold group row
            return None
        if not blank and state.uses_refs and state.last is not None:
            self._continue(state, values, cells, r)
            return None
        if blank or sections.is_title(text):
            if sections.is_title(text):
                state.priority, state.in_block = text, False
            return None
        action = make_action(state, r, values, None, text, (), self.checks)
        state.last, state.in_block = action, False
        return action

    def _heads_next(self, state: _SheetState, r: int, ref: str) -> bool:
        """Whether the next ref below row ``r`` in this sheet is a child of ``ref``."""
        grid, columns = state.grid, state.header.columns
        for below in range(r + 1, min(len(grid.rows), r + 60)):
            if "ref" in columns:
                nxt = parse_ref(clean_text(grid.value(below, columns["ref"])))
            else:
                key = state.header.text_field or "action"
                cell = clean_text(grid.value(below, columns.get(key, 0)))
                nxt = split_leading_ref(cell if isinstance(cell, str) else None)[0]
            if nxt:
                return is_parent(ref, nxt)
        return False

    def _continue(
        self, state: _SheetState, values: dict, cells: list, r: int, warn: bool = False
    ) -> None:
        """Fold a continuation row into the action above it; its dates become milestones."""
        last = state.last
        assert last is not None
        for key in _TEXT_FIELDS:
            value = values.get(key)
            if value in (None, ""):
                continue
            current = getattr(last, key)
            setattr(last, key, f"{current}\n{value}" if current else str(value))
        before = len(last.milestones)
        continuation_milestones(last, values, cells, state.grid.name, r)
        state.in_block = len(last.milestones) > before or state.in_block
        if warn:
            self.checks.append(
                Check(
                    Severity.WARNING,
                    state.grid.name,
                    f"{state.letters.get(state.header.text_field or 'action', 'A')}{r + 1}",
                    f"Row {r + 1} has no ref, so it is read as part of action {last.ref} above "
                    "it; give it its own ref if it is an action of its own",
                )
            )


def _letter(col: int) -> str:
    return column_letter(col + 1)


def _is_table_title(text: str) -> bool:
    return sections.is_title(text) and not text.rstrip().endswith(":")
