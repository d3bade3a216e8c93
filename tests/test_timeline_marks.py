"""The Timeline's marks, decided once as plain data for both writers."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from workbook_tools.core.model import Action, Plan, Rag, Rating, Settings, TableLocation
from workbook_tools.tool_sheets.timeline import (
    AS_OF_MARK,
    USER_HEAD,
    TimelineMarks,
    is_old_rag_mark,
    restored_head_fill,
    timeline_marks,
)

D = dt.date
MONTHS = {5: D(2008, 4, 30), 6: D(2008, 5, 31), 7: D(2008, 6, 30)}


def plan_with(refs: list[str | None], locations: list[TableLocation]) -> tuple[Plan, list[Rating]]:
    """A plan whose actions have these refs, rated Red, Green, Amber… in turn."""
    rags = [Rag.RED, Rag.GREEN, Rag.AMBER, Rag.BLUE]
    actions = [Action(ref=ref, priority=None, action=f"a{i}", sheet="Actions", row=i + 2)
               for i, ref in enumerate(refs)]  # fmt: skip
    ratings = [Rating(rags[i % 4], "", rags[i % 4], None, None) for i in range(len(refs))]
    return Plan(path="p.xlsx", settings=Settings(), actions=actions, tables=locations), ratings


def timeline(
    sheet: str = "Timeline", first: int = 2, last: int = 4, months: dict | None = None
) -> TableLocation:
    """A Timeline table: Ref in column 1, Action in 2, months from column 5."""
    return TableLocation(
        sheet=sheet, header_row=1, first_row=first, last_row=last,
        columns={"ref": 1, "action": 2}, last_col=7,
        month_columns=MONTHS if months is None else months,
    )  # fmt: skip


def cells(grid: dict[tuple[int, int], object]):
    """A ``value(sheet, row, col)`` reading ``grid`` (1-based) on any sheet."""
    return lambda _sheet, row, col: grid.get((row, col))


HEADINGS = {(1, 5): "Apr", (1, 6): "May", (1, 7): "Jun"}


@pytest.mark.parametrize(
    ("refs", "ref_cells", "rags", "unrated"),
    [
        pytest.param(["1.1", "1.2"], {2: "1.1", 3: "1.2", 4: None}, {2: "Red", 3: "Green"}, (4,),
                     id="each-ref-its-rag"),
        pytest.param(["1.1", "1.1"], {2: "1.1", 3: "1.1", 4: "1.1"},
                     {2: "Red", 3: "Red", 4: "Red"}, (), id="first-action-of-a-ref-wins"),
        pytest.param(["1.1"], {2: "9.9", 3: "text", 4: 1.1}, {4: "Red"}, (2, 3),
                     id="unknown-ref-unrated-number-ref-read"),
        pytest.param([None, "2"], {2: None, 3: "2."}, {3: "Green"}, (2, 4),
                     id="actions-without-ref-mark-nothing"),
    ],
)  # fmt: skip
def test_each_ref_cell_shows_its_actions_rag(
    refs: list[str | None], ref_cells: dict, rags: dict, unrated: tuple
) -> None:
    """A Ref cell shows its first action's RAG; every other row of the table is listed unrated."""
    plan, ratings = plan_with(refs, [timeline()])
    grid = {**HEADINGS, **{(row, 1): value for row, value in ref_cells.items()}}
    (marks,) = timeline_marks(plan, ratings, D(2008, 6, 15), cells(grid))
    assert marks.rags == rags and marks.unrated == unrated
    assert marks.sheet == "Timeline" and marks.ref_column == 1


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (D(2008, 6, 15), (7,)),
        (D(2008, 4, 1), (5,)),
        (D(2009, 6, 15), ()),  # June of another year is not on the grid
        (D(2008, 8, 1), ()),
    ],
)
def test_the_as_of_month_is_the_month_column_of_the_same_year_and_month(
    as_of: dt.date, expected: tuple
) -> None:
    """Only the month column of the as-of date's year and month is marked."""
    plan, ratings = plan_with(["1.1"], [timeline()])
    (marks,) = timeline_marks(plan, ratings, as_of, cells(HEADINGS))
    assert marks.as_of_columns == expected


def test_month_headings_sit_on_the_header_row_or_the_row_below() -> None:
    """A month whose header-row cell is blank (a two-row header) has its heading one row down."""
    plan, ratings = plan_with(["1.1"], [timeline()])
    grid = {(1, 5): "Apr", (2, 6): "May", (2, 7): "Jun"}
    (marks,) = timeline_marks(plan, ratings, D(2008, 6, 1), cells(grid))
    assert marks.heads == {5: 1, 6: 2, 7: 2}


@pytest.mark.parametrize(
    "location",
    [
        pytest.param(timeline(sheet="Actions"), id="not-the-timeline-sheet"),
        pytest.param(timeline(months={}), id="no-month-grid"),
        pytest.param(
            TableLocation("Timeline", 1, 2, 4, {"action": 2}, 7, MONTHS), id="no-ref-column"
        ),
    ],
)
def test_only_month_grids_with_refs_on_the_timeline_sheet_are_marked(
    location: TableLocation,
) -> None:
    """Tables on other sheets, without a month grid or without a Ref column get no marks."""
    plan, ratings = plan_with(["1.1"], [location])
    assert timeline_marks(plan, ratings, D(2008, 6, 1), cells(HEADINGS)) == []


def test_sheet_name_is_matched_ignoring_case_and_each_table_has_its_marks() -> None:
    """A sheet called "timeline" is the Timeline; two tables on it give two sets of marks."""
    plan, ratings = plan_with(
        ["1.1", "2.1"], [timeline(sheet="timeline", last=2), timeline(first=4, last=4)]
    )
    grid = {**HEADINGS, (2, 1): "1.1", (4, 1): "2.1"}
    found = timeline_marks(plan, ratings, D(2008, 5, 2), cells(grid))
    assert found == [
        TimelineMarks("timeline", 1, {2: "Red"}, (), {5: 1, 6: 1, 7: 1}, (6,)),
        TimelineMarks("Timeline", 1, {4: "Green"}, (), {5: 1, 6: 1, 7: 1}, (6,)),
    ]


@pytest.mark.parametrize(
    ("fill", "old"),
    [
        ("0070C0", True),  # Blue
        ("00B050", True),  # Green
        ("FFC000", True),  # Amber
        ("c00000", True),  # Red, however the writer spells it
        ("BFBFBF", True),  # Grey
        ("FFFF00", False),  # the user's own highlight
        (AS_OF_MARK, False),
        ("", False),  # a theme or indexed colour the file writer cannot name
        (None, False),  # no fill
    ],
)
def test_an_unrated_ref_cell_loses_only_a_rag_fill(fill: object, old: bool) -> None:
    """Only a RAG fill in an unrated row's Ref cell counts as an earlier refresh's mark."""
    assert is_old_rag_mark(fill) is old


@pytest.mark.parametrize(
    ("fill", "restored"),
    [
        (AS_OF_MARK, USER_HEAD),
        (AS_OF_MARK.lower(), USER_HEAD),
        (USER_HEAD, None),
        ("FFFF00", None),
        ("", None),
        (None, None),
    ],
)
def test_a_month_heading_gets_the_template_fill_back_only_from_an_old_as_of_mark(
    fill: object, restored: str | None
) -> None:
    """An old as-of mark on a heading gives way to the template's heading fill; others stay."""
    assert restored_head_fill(fill) == restored


def test_the_decision_needs_no_workbook_library() -> None:
    """Importing the module loads neither openpyxl, xlwings nor matplotlib."""
    code = (
        "import sys, workbook_tools.tool_sheets.timeline; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'openpyxl', 'xlwings', 'matplotlib'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
