"""What a refresh writes, decided as plain data for both writers (tool_sheets.writeback), and the
cell formats it asks for (xlsx_styles): where computed columns go, which rows they fill or empty,
when the Actions table grows, whose a sheet is, where a new one goes; style records only added."""

from __future__ import annotations

import datetime as dt

import pytest

from workbook_tools.core.model import Book, Grid, Plan, Rag, Rating, Settings, TableLocation
from workbook_tools.errors import WouldLoseDataError
from workbook_tools.tool_sheets import (
    COMPUTED_COLUMNS,
    SheetInfo,
    TableRange,
    check_tool_sheets,
    computed_blocks,
    placement,
)
from workbook_tools.tool_sheets import content as ts
from workbook_tools.tool_sheets.looks import computed_look, mark_look, sheet_look
from workbook_tools.writers.file.xlsx_styles import StyleBook

HEAD = ["Ref", "Action", "Lead", "Deadline"]


def rating(rag: Rag = Rag.RED) -> Rating:
    """A rating with a due date."""
    return Rating(rag, "Overdue", rag, dt.date(2008, 3, 31), -91, ("stale",))


def legacy(rows: list[list[object]], *, first: int = 2, last: int | None = None) -> tuple:
    """A legacy table of four columns from row 1, its actions on the rows holding a ref."""
    grid = Grid("Plan", rows)
    last = last or len(rows)
    fields = {"Ref": "ref", "Action": "action", "Lead": "lead", "Deadline": "deadline"}
    fields.update({heading: key for key, heading in COMPUTED_COLUMNS.items()})
    columns = {fields[h]: c for c, h in enumerate(rows[0], 1) if h in fields}
    loc = TableLocation("Plan", 1, first, last, columns, len(rows[0]))
    actions = [
        type("A", (), {"sheet": "Plan", "row": r + 1})()
        for r, row in enumerate(rows)
        if r + 1 >= first and row and row[0] not in (None, "Ref")
    ]
    plan = Plan("p.xlsx", Settings(), actions, tables=[loc])  # type: ignore[arg-type]
    return plan, [rating() for _ in actions], Book("p.xlsx", [grid])


def test_computed_columns_go_in_the_first_free_columns_right_of_the_table() -> None:
    """Columns holding a value in the table's rows, or inside a merged range, are skipped."""
    rows = [HEAD, ["1.1", "Build", "Jo", "Mar 08", None, "note"], ["1.2", "Let", "Ann", "Dec 08"]]
    plan, ratings, book = legacy(rows)
    (block,) = computed_blocks(plan, ratings, book, {}, {"Plan": [(3, 7, 3, 8)]})
    assert list(block.columns.values()) == [9, 10, 11, 12, 13]
    assert block.new == tuple(COMPUTED_COLUMNS) and block.widths[10] == 46
    assert sorted(block.values) == [2, 3] and block.values[2]["computed_rag"] == "Red"


def test_repeated_headers_get_headings_and_other_rows_are_emptied() -> None:
    """A page header repeated inside the table gets the headings; a note row inside the table
    and rows an earlier refresh filled below it have their computed cells emptied."""
    rows = [
        [*HEAD, "Computed RAG"],
        ["1.1", "Build", "Jo", "Mar 08", "Red"],
        HEAD,
        [None, "(continued)"],
        ["1.2", "Let", "Ann", "Dec 08", "Green"],
        [None, None, None, None, "Amber"],
    ]
    plan, ratings, book = legacy(rows, last=5)
    (block,) = computed_blocks(plan, ratings, book, {}, {})
    assert block.columns["computed_rag"] == 5 and "computed_rag" not in block.new
    assert block.repeated == (3,) and block.cleared == (4, 6)
    assert next(h for h in block.headings() if h[0] == 3) == (3, 5, "Computed RAG")


def test_the_actions_table_grows_over_actions_typed_below_unless_a_table_sits_there() -> None:
    """In the template the Actions table grows to the last action; not over another table."""
    grid = Grid("Actions", [[*HEAD], ["1.1"], [], ["2.1"]])
    loc = TableLocation("Actions", 1, 2, 4, {"ref": 1, "action": 2, "lead": 3, "deadline": 4}, 4)
    actions = [type("A", (), {"sheet": "Actions", "row": r})() for r in (2, 4)]
    plan = Plan("p.xlsx", Settings(), actions, tables=[loc], is_template=True)  # type: ignore[arg-type]
    tables = {"Actions": [TableRange("Actions", (1, 1, 2, 9))]}
    (block,) = computed_blocks(plan, [rating(), rating()], Book("p", [grid]), tables, {})
    assert block.grow == ("Actions", (1, 1, 4, 9))
    tables["Actions"].append(TableRange("Budget", (3, 5, 6, 6)))
    (block,) = computed_blocks(plan, [rating(), rating()], Book("p", [grid]), tables, {})
    assert block.grow is None


def test_a_users_sheet_named_like_a_rebuilt_sheet_is_refused() -> None:
    """Refresh's own sheets carry their name in A1; any other Summary, or a chart sheet called
    History, is the user's and refresh refuses; in the template every sheet is the tool's."""
    ours = [SheetInfo("Summary", first="Summary"), SheetInfo("Plan", first="x")]
    check_tool_sheets(ours, template=False)
    with pytest.raises(WouldLoseDataError, match="'summary' was not made by refresh"):
        check_tool_sheets([SheetInfo("summary", first="Board report")], template=False)
    check_tool_sheets([SheetInfo("Summary", first="Board report")], template=True)
    with pytest.raises(WouldLoseDataError, match="chart sheet 'History'"):
        check_tool_sheets([SheetInfo("History", kind="chartsheet")], template=True)


@pytest.mark.parametrize(
    ("names", "name", "at"),
    [
        (["Guide", "Settings", "Actions", "Timeline", "Lists"], "Summary", 4),
        (["Guide", "Actions", "Summary", "Checks", "Lists"], "Exceptions", 3),
        (["Plan 2008", "Chart"], "Summary", 2),
        (["Notes", "Actions", "Other"], "History", 2),
    ],
)
def test_a_missing_rebuilt_sheet_goes_in_template_order(names: list, name: str, at: int) -> None:
    """A new rebuilt sheet goes after the last sheet that comes before it in the template."""
    assert placement(names, name) == at


def test_style_records_are_only_added_and_found_again() -> None:
    """Formats are appended (every existing index keeps its meaning); asking again, even of a
    part written back, finds them; a look that keeps the alignment keeps it."""
    styles = StyleBook(None)
    wanted = [
        (0, computed_look("computed_rag", "Red", True)),
        (0, sheet_look(ts.CellSpec(1.0, ts.PERCENT), boxed=True)),
        (0, mark_look("Green")),
    ]
    first = [styles.derive(base, look) for base, look in wanted]
    assert first == [1, 2, 3] and styles.fill_rgb(1) == "C00000"
    again = StyleBook(styles.to_bytes())
    assert [again.derive(base, look) for base, look in wanted] == first
    assert not again.changed and again.to_bytes() == styles.to_bytes()
    aligned = styles.derive(0, sheet_look(ts.CellSpec("x", ts.WRAP)))
    marked = styles.derive(aligned, mark_look("Red"))
    assert styles.xf(marked).find(f"{{{styles.root.nsmap[None]}}}alignment").get("wrapText") == "1"
