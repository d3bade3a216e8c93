"""The fast reader (sources/calamine.py): the same values, fills and percent cells as the openpyxl
reader, on built, random, LibreOffice-saved and real workbooks, and faster."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.styles import PatternFill
from source_books import (
    assert_same_books,
    assert_same_rows,
    build_plan,
    realworld_workbooks,
    solid,
)

from workbook_tools.sources.calamine import load_xlsx_fast
from workbook_tools.sources.xlsx import load_xlsx


def build_numbers_and_dates(path: Path) -> Path:
    """A workbook of awkward numbers and dates, on two sheets, with a 1904 date system."""
    wb = openpyxl.Workbook()
    wb.epoch = openpyxl.utils.datetime.MAC_EPOCH
    ws = wb.active
    ws.title = "Numbers"
    ws.append([0, -0.0, 1, 3.0, 2.5, -1e-9, 123456789012, 999999999999999, 1e20, 0.1 + 0.2])
    ws.append([True, False, 1e-300, -42, 10**14, 7.000000001])
    dates = wb.create_sheet("Dates")
    dates.append(
        [
            dt.date(1904, 1, 2),
            dt.datetime(2008, 3, 31),
            dt.datetime(2008, 3, 31, 23, 59, 59),
            dt.datetime(2024, 2, 29, 12, 0, 0, 500000),
            dt.date(2099, 12, 31),
        ]
    )
    dates.append([dt.time(0, 0), dt.time(23, 59, 59), dt.timedelta(days=3, hours=1)])
    dates["A3"] = 40000
    dates["A3"].number_format = "mmm yy"
    dates["B3"] = 40000.5
    dates["B3"].number_format = "dd/mm/yyyy hh:mm"
    wb.save(path)
    return path


def build_sparse(path: Path) -> Path:
    """A workbook whose data starts far from A1, with gaps and a blank first sheet."""
    wb = openpyxl.Workbook()
    wb.active.title = "Blank"
    ws = wb.create_sheet("Sparse")
    ws["D7"] = "first"
    ws["K7"] = 11
    ws["B30"] = "later"
    ws["AZ31"] = "far right"
    wb.save(path)
    return path


@pytest.mark.parametrize("build", [build_plan, build_numbers_and_dates, build_sparse])
def test_fast_reader_gives_the_same_values(tmp_path: Path, build) -> None:
    """calamine and openpyxl give identical rows (types included) and names for a workbook."""
    path = build(tmp_path / "book.xlsx")
    assert_same_books(load_xlsx(path), load_xlsx_fast(path), styles=False)


def test_fast_reader_has_the_same_styles(plan_xlsx: Path) -> None:
    """The fast reader reports the same fills (merged ranges too) and percent cells."""
    slow, fast = load_xlsx(plan_xlsx), load_xlsx_fast(plan_xlsx)
    assert [(g.fills, g.percent) for g in fast.sheets] == [
        (g.fills, g.percent) for g in slow.sheets
    ]


def test_1904_dates(tmp_path: Path) -> None:
    """Dates in a workbook using the 1904 date system are the dates Excel shows."""
    book = load_xlsx(build_numbers_and_dates(tmp_path / "mac.xlsx"))
    assert book.sheet("Dates").rows[0][:2] == [dt.datetime(1904, 1, 2), dt.datetime(2008, 3, 31)]


CELL_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(
            codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp"), exclude_characters="_"
        ),
        st.sampled_from("\n\t "),
    ),
    max_size=20,
).filter(lambda s: not s.startswith("="))


CELL_VALUE = st.one_of(
    st.none(),
    CELL_TEXT,
    st.integers(min_value=-(2**53), max_value=2**53),  # what a double holds exactly
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e17, max_value=1e17),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(9999, 12, 31)).map(
        lambda d: d.replace(microsecond=d.microsecond // 1000 * 1000)
    ),
    st.dates(min_value=dt.date(1900, 3, 1)),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.lists(CELL_VALUE, max_size=6), max_size=6))
def test_fast_reader_agrees_on_random_values(tmp_path_factory, rows) -> None:
    """For any grid of plain values, calamine and openpyxl read back identical rows."""
    path = tmp_path_factory.mktemp("random") / "random.xlsx"
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    slow, fast = load_xlsx(path), load_xlsx_fast(path)
    assert_same_rows(slow.sheets[0].rows, fast.sheets[0].rows)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            got = slow.sheets[0].value(r, c)
            if value is None or value == "":
                assert got is None
            elif isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                assert got == dt.datetime(value.year, value.month, value.day)
            elif isinstance(value, float):  # openpyxl writes 16 significant digits
                assert got == pytest.approx(value, rel=1e-15, abs=0)
            else:
                assert got == value


@pytest.mark.slow
def test_fast_reader_is_faster_on_5000_rows(tmp_path: Path) -> None:
    """On a 5,000-row plan, calamine reads the values faster than openpyxl."""
    import time

    wb = openpyxl.Workbook()
    ws = wb.active
    for i in range(5000):
        ws.append(
            [f"{i // 10}.{i % 10}", "Deliver the thing", "A. Officer", dt.datetime(2024, 4, 1)]
            + ["In progress", i / 5000, "Green", "Some commentary"]
            + [None] * 12
        )
        if i % 3 == 0:
            ws.cell(i + 1, 10 + i % 12).fill = solid("FF00B050")
    wb.save(tmp_path / "big.xlsx")

    def best(loader) -> float:
        times = []
        for _ in range(2):
            start = time.perf_counter()
            loader(tmp_path / "big.xlsx")
            times.append(time.perf_counter() - start)
        return min(times)

    assert best(load_xlsx_fast) < best(load_xlsx)


@pytest.mark.libreoffice
@pytest.mark.slow
def test_libreoffice_copy_fast_reader_agrees(libreoffice_copy: tuple[Path, Path]) -> None:
    """On LibreOffice's copy (shared strings, cached formulas) calamine agrees with openpyxl."""
    _, copy = libreoffice_copy
    assert_same_books(load_xlsx(copy), load_xlsx_fast(copy), styles=False)


#: Cells where the two readers legitimately differ, with the reason.
REALWORLD_EXCEPTIONS = {
    ("calamine__issue_174.xlsx", "Sheet1", 0, 4): (
        "gnumeric wrote 'City ' as an inline string without xml:space='preserve'; calamine "
        "drops the trailing space, openpyxl keeps it"
    ),
}


@pytest.mark.slow
def test_realworld_fast_reader_agrees(realworld_dir: Path) -> None:
    """On every real workbook calamine and openpyxl agree on every value and name, except the
    documented cells."""
    differences = []
    for path in realworld_workbooks(realworld_dir):
        slow, fast = load_xlsx(path), load_xlsx_fast(path)
        if slow.names != fast.names:
            differences.append(f"{path.name}: names {slow.names} against {fast.names}")
        for a, b in zip(slow.sheets, fast.sheets, strict=True):
            height = max(len(a.rows), len(b.rows))
            for r in range(height):
                width = max(
                    len(a.rows[r]) if r < len(a.rows) else 0,
                    len(b.rows[r]) if r < len(b.rows) else 0,
                )
                for c in range(width):
                    x, y = a.value(r, c), b.value(r, c)
                    if type(x) is type(y) and x == y:
                        continue
                    if (path.name, a.name, r, c) in REALWORLD_EXCEPTIONS:
                        continue
                    differences.append(f"{path.name} {a.name} ({r}, {c}): {x!r} against {y!r}")
    assert not differences, differences[:20]


@pytest.mark.slow
def test_realworld_exceptions_still_happen(realworld_dir: Path) -> None:
    """Each documented difference is still real (so the list does not hide anything stale)."""
    for (name, sheet, r, c), _reason in REALWORLD_EXCEPTIONS.items():
        path = realworld_dir / name
        if not path.exists():
            continue
        slow = load_xlsx(path).sheet(sheet).value(r, c)
        fast = load_xlsx_fast(path).sheet(sheet).value(r, c)
        assert slow != fast


def _styled_files() -> list[Path]:
    samples = Path(__file__).resolve().parent.parent / "samples"
    return sorted(samples.glob("returns/*.xlsx")) + sorted(samples.glob("legacy/*.xlsx"))


@pytest.mark.parametrize("path", _styled_files(), ids=lambda p: p.name)
def test_fast_reader_finds_the_same_fills_and_percent_cells(path: Path) -> None:
    """The calamine reader finds the same solid fills and percent cells as the openpyxl one."""
    slow, fast = load_xlsx(path), load_xlsx_fast(path)
    assert [g.name for g in fast.sheets] == [g.name for g in slow.sheets]
    for a, b in zip(slow.sheets, fast.sheets, strict=True):
        assert (a.name, a.fills, a.percent) == (b.name, b.fills, b.percent)


def test_fast_reader_reads_fill_only_timeline_marks(tmp_path: Path) -> None:
    """A month planned by a fill alone is found by the fast reader (consolidation's route)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Ref", "Action", "Lead", "Apr", "May", "Jun"])
    ws.append(["1", "Do it", "AB", None, None, None])
    ws["E2"].fill = PatternFill("solid", fgColor="FF00B050")
    ws["F2"].fill = PatternFill("solid", fgColor="FFFFFFFF")
    ws.append(["2", "Measure", "AB", 0.5])
    ws["D3"].number_format = "0%"
    path = tmp_path / "grid.xlsx"
    wb.save(path)
    grid = load_xlsx_fast(path).sheets[0]
    assert grid.fills == frozenset({(1, 4)})
    assert grid.percent == frozenset({(2, 3)})
