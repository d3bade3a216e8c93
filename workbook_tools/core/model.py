"""The plain data the whole product speaks: grids, plans, actions, deadlines, ratings, checks,
and the :class:`PlanResult` everything passes around.

Nothing here imports a spreadsheet library. Adapters turn workbooks, CSV files and live Excel
ranges into :class:`Book` / :class:`Grid`; the reader turns those into a :class:`Plan`; the rules
turn each :class:`Action` into a :class:`Rating`; a :class:`PlanResult` holds a plan with its
ratings and checks at one as-of date, for the sheets' content, the writers and the command line.
The words they hold (RAG, status, flags) are :mod:`workbook_tools.core.vocabulary`'s.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from .vocabulary import RAG_ORDER, Rag, Status, self_rag_word


class DeadlineKind(StrEnum):
    """What a deadline cell turned out to say (RULES.md §1)."""

    DATE = "date"
    ONGOING = "ongoing"
    TBC = "tbc"
    NONE = "none"


class Severity(StrEnum):
    """How serious a data problem is; errors sort before warnings."""

    ERROR = "error"
    WARNING = "warning"


def column_letter(col: int) -> str:
    """Excel column letters for a 1-based column number (1 → A, 27 → AA)."""
    if col < 1:
        raise ValueError(f"column numbers start at 1, not {col}")
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_address(row: int, col: int) -> str:
    """A1-style address for 1-based row and column numbers."""
    return f"{column_letter(col)}{row}"


# --------------------------------------------------------------------------------------------
# Grids: what every source adapter produces.
# --------------------------------------------------------------------------------------------


@dataclass
class Grid:
    """One sheet as plain values.

    ``rows[r][c]`` is the value of the cell at 1-based row ``r + 1``, column ``c + 1``: ``None``,
    ``str``, ``int``, ``float``, ``bool``, ``datetime.date`` or ``datetime.datetime``. Rows may
    have different lengths. ``fills`` holds the 0-based ``(r, c)`` of cells with a solid fill,
    ``percent`` those whose number format shows a percentage, ``bold`` those holding a value in
    a bold font (a group row of a tracker is often told only by that). ``formats`` is False when the
    source could not say (a CSV file, an ``.ods``, ``.xls`` or ``.xlsb`` workbook): then no cell
    is known to be filled or percent-formatted, and the reader judges percentages by their
    values. Rows of a sparse sheet may be empty tuples: ``rows`` only holds what is there.
    """

    name: str
    rows: list[list[object]]
    fills: frozenset[tuple[int, int]] = frozenset()
    percent: frozenset[tuple[int, int]] = frozenset()
    formats: bool = True
    bold: frozenset[tuple[int, int]] = frozenset()

    def value(self, r: int, c: int) -> object:
        """The value at 0-based ``(r, c)``, ``None`` outside the grid."""
        if 0 <= r < len(self.rows):
            row = self.rows[r]
            if 0 <= c < len(row):
                return row[c]
        return None

    @property
    def width(self) -> int:
        """The number of columns of the widest row."""
        return max((len(row) for row in self.rows), default=0)


@dataclass
class Book:
    """A workbook (or a CSV file) as grids plus its defined names.

    ``names`` maps a defined name (as written, e.g. ``AmberWindowDays``) to the value of the cell
    it points at, when the adapter could resolve it.
    """

    path: str
    sheets: list[Grid]
    names: dict[str, object] = field(default_factory=dict)

    def sheet(self, name: str) -> Grid | None:
        """The sheet called ``name`` (case-insensitive), or ``None``."""
        for grid in self.sheets:
            if grid.name.casefold() == name.casefold():
                return grid
        return None


# --------------------------------------------------------------------------------------------
# Plans: what the reader produces.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    """A deadline cell read per RULES.md §1.

    ``dates`` are in the order found; the due date is the latest, the others are milestones.
    ``depends_on`` is the ref named by "under 4.10" / "See 5.1". ``problem`` explains, in words a
    user understands, why nothing could be read (only for ``unreadable-date``).
    """

    text: str
    dates: tuple[dt.date, ...] = ()
    kind: DeadlineKind = DeadlineKind.NONE
    flags: tuple[str, ...] = ()
    depends_on: str | None = None
    problem: str | None = None

    @functools.cached_property
    def due(self) -> dt.date | None:
        """The latest date, or ``None`` when the cell gave no date."""
        return max(self.dates) if self.dates else None

    @functools.cached_property
    def milestones(self) -> tuple[dt.date, ...]:
        """Every date but the due date, earliest first (duplicates of the due date dropped)."""
        due = self.due
        return tuple(sorted({d for d in self.dates if d != due}))


@dataclass
class Settings:
    """The Settings sheet (or its defaults for a legacy workbook). See WORKBOOK.md, Settings."""

    organisation: str | None = None
    directorate: str | None = None
    plan_title: str | None = None
    plan_year_start: dt.date | None = None
    as_of: dt.date | None = None
    amber_window_days: int = 30
    progress_tolerance: float = 25
    stale_after_days: int = 92
    use_blue: bool = True
    return_to: str | None = None


@dataclass
class Milestone:
    """A dated step of an action: from the Milestones table, or from a multi-date deadline.

    ``done`` is True when the Done cell says Yes/Done/Complete; ``done_on`` is the date it holds
    (done only once that date is on or before the as-of date). ``from_deadline`` marks milestones
    read from a multi-date Deadline cell, which count as done only when the action is complete.
    """

    ref: str | None
    title: str
    due: dt.date | None
    done: bool = False
    done_on: dt.date | None = None
    from_deadline: bool = False
    sheet: str | None = None
    row: int | None = None


class RowCells(Mapping[str, str]):
    """The address of each field's cell on one row, ``{"deadline": "F9", …}``, made when asked
    from the table's column letters and the row number: a plan of 20,000 actions would
    otherwise build 400,000 addresses that only the few rows with a problem ever show. It
    reads, compares and prints as the dict it stands for; ``letters`` must not change."""

    __slots__ = ("_letters", "_row")

    def __init__(self, letters: Mapping[str, str], row: int) -> None:
        self._letters = letters
        self._row = row

    def __getitem__(self, key: str) -> str:
        return self._letters[key] + str(self._row)

    def __contains__(self, key: object) -> bool:
        return key in self._letters

    def __iter__(self) -> Iterator[str]:
        return iter(self._letters)

    def __len__(self) -> int:
        return len(self._letters)

    def __repr__(self) -> str:
        return repr(dict(self))


@dataclass(slots=True)
class Action:
    """One action row, as read. ``row`` is the 1-based sheet row; ``cells`` maps a field name
    (``"deadline"``, ``"lead"``, …) to the address of the cell it came from. (Slots: a plan has
    tens of thousands of actions, each read, rated and checked field by field.)"""

    ref: str | None
    priority: str | None
    action: str
    sheet: str
    row: int
    lead: str | None = None
    leads: tuple[str, ...] = ()
    supporting: str | None = None
    start: dt.date | None = None
    start_text: str | None = None
    deadline: Deadline = field(default_factory=lambda: Deadline(""))
    status: Status = Status.IN_PROGRESS
    status_text: str | None = None
    percent: float | None = None
    self_rag: Rag | None = None
    self_rag_text: str | None = None
    commentary: str | None = None
    date_provided: object = None
    corrective: str | None = None
    success: str | None = None
    resources: str | None = None
    risk: str | None = None
    notes: str | None = None
    planned_months: tuple[dt.date, ...] = ()
    milestones: list[Milestone] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    cells: Mapping[str, str] = field(default_factory=dict)
    extra: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Check:
    """One data problem, with the cell it is in (``cell`` may be empty for a whole sheet)."""

    severity: Severity
    sheet: str
    cell: str
    message: str


@dataclass
class TableLocation:
    """Where the reader found a table, so writers can put computed columns next to it.

    ``header_row`` and ``first_row`` are 1-based sheet rows; ``columns`` maps a field name to its
    1-based column; ``last_col`` is the rightmost column holding a heading.
    """

    sheet: str
    header_row: int
    first_row: int
    last_row: int
    columns: dict[str, int]
    last_col: int
    month_columns: dict[int, dt.date] = field(default_factory=dict)


@dataclass
class Plan:
    """Everything read from one workbook."""

    path: str
    settings: Settings
    actions: list[Action]
    milestones: list[Milestone] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    tables: list[TableLocation] = field(default_factory=list)
    is_template: bool = False

    @property
    def directorate(self) -> str | None:
        """Who the return is from."""
        return self.settings.directorate


@dataclass(frozen=True)
class Rating:
    """The result of the RAG rules for one action.

    ``rag`` is the final RAG after self-assessment; ``computed`` the RAG from the rules alone.
    ``days_left`` is due − as-of in days (negative when overdue).
    """

    rag: Rag
    reason: str
    computed: Rag
    due: dt.date | None
    days_left: int | None
    flags: tuple[str, ...] = ()


@dataclass
class PlanResult:
    """A plan read and rated at one as-of date, with every data problem found."""

    path: str
    plan: Plan
    as_of: dt.date
    ratings: list[Rating]
    checks: list[Check] = field(default_factory=list)

    @property
    def counts(self) -> dict[Rag, int]:
        """Actions per RAG, in RAG order, zeros included."""
        counts = dict.fromkeys(RAG_ORDER, 0)
        for rating in self.ratings:
            counts[rating.rag] += 1
        return counts

    @property
    def has_errors(self) -> bool:
        """Whether any check is an error (exit code 1)."""
        return any(c.severity is Severity.ERROR for c in self.checks)

    def to_json(self) -> dict:
        """The ``check --json`` / ``refresh --json`` shape of CLI.md."""
        actions = [
            {
                "ref": action.ref,
                "priority": action.priority,
                "action": action.action,
                "lead": action.lead,
                "due": rating.due.isoformat() if rating.due else None,
                "due_kind": action.deadline.kind.value,
                "status": action.status.value,
                "self_rag": self_rag_word(action.self_rag),
                "rag": rating.rag.value,
                "reason": rating.reason,
                "flags": list(rating.flags),
                "sheet": action.sheet,
                "row": action.row,
            }
            for action, rating in zip(self.plan.actions, self.ratings, strict=True)
        ]
        return {
            "file": self.path,
            "directorate": self.plan.directorate,
            "as_of": self.as_of.isoformat(),
            "actions": actions,
            "counts": {rag.value: n for rag, n in self.counts.items()},
            "checks": [
                {
                    "severity": c.severity.value,
                    "sheet": c.sheet,
                    "cell": c.cell,
                    "message": c.message,
                }
                for c in self.checks
            ],
        }
