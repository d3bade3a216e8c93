"""Refresh in place keeps everything it does not own, on workbooks written the way Excel (Windows,
Mac, web), Google Sheets, LibreOffice and Numbers write them, each carrying the features officers'
files carry (threaded comments, Excel 2010 validations and formats, slicers, sparklines, shapes,
form controls, chart sheets, pivots, custom XML, dynamic arrays, in-cell pictures, 17-digit
floats, macros…): every part refresh does not own is byte-identical afterwards, the sheets holding
actions keep every element but their cells, every value is kept, the file opens in LibreOffice
and openxml-audit finds nothing new."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pytest
from judges import audit_errors_beyond_baseline, soffice_convert_all
from realistic import APPS, build
from realistic.peek import corpus, parts, sheet_part, suffix, worksheet_children

from workbook_tools.core import layout
from workbook_tools.usecases import plan as services

AS_OF = dt.date(2026, 6, 30)
FIRST = dt.datetime(2026, 7, 1, 9, 0)
SECOND = dt.datetime(2026, 7, 2, 17, 45)
#: The parts of a workbook refresh owns besides the sheets holding actions or the Timeline.
OWNED = re.compile(
    r"^(\[Content_Types\]\.xml|xl/_rels/workbook\.xml\.rels|xl/workbook\.xml|xl/styles\.xml|"
    r"xl/sharedStrings\.xml|xl/calcChain\.xml|xl/tables/table[0-9]+\.xml)$"
)
#: What refresh may change in a sheet holding actions: its cells, its size and column widths.
SHEET_OWNED = {"sheetData", "dimension", "cols"}
SINKS = [f"{app}/{sink}" for app in APPS for sink in ("kitchen_sink", "legacy_kitchen_sink")]


def refreshed(name: str, folder: Path, data: bytes | None = None) -> tuple[Path, bytes]:
    """The catalogue workbook ``name`` refreshed in place in ``folder``; returns the workbook
    and the bytes it had before."""
    data = corpus()[name] if data is None else data
    path = folder / (name.replace("/", "-") + suffix(data))
    path.write_bytes(data)
    services.refresh(path, as_of=AS_OF, generated_at=FIRST)
    return path, data


def user_sheet_parts(before: dict[str, bytes]) -> set[str]:
    """The parts of the sheets refresh writes into: those holding actions and the Timeline."""
    found = set()
    for name in ("Actions", layout.TIMELINE):
        try:
            found.add(sheet_part(before, name))
        except KeyError:
            continue
    return found


def check_kept(before_data: bytes, after_data: bytes) -> None:
    """Every part refresh does not own is byte-identical, and every element but the cells of the
    sheets it writes into is kept exactly."""
    before, after = parts(before_data), parts(after_data)
    sheets = user_sheet_parts(before)
    owned = {p for p in before if OWNED.match(p)} | sheets
    assert set(before) <= set(after), f"parts lost: {sorted(set(before) - set(after))}"
    changed = sorted(p for p in before if p not in owned and before[p] != after[p])
    assert not changed, f"parts changed: {changed}"
    for part in sheets:
        old = [c for c in worksheet_children(before[part]) if c[0] not in SHEET_OWNED]
        new = [c for c in worksheet_children(after[part]) if c[0] not in SHEET_OWNED]
        assert new == old, part


def values(data: bytes) -> dict[str, list[tuple]]:
    """Every sheet's values, read by python-calamine."""
    import io

    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return {
        name: [tuple(row) for row in wb.get_sheet_by_name(name).to_python()]
        for name in wb.sheet_names
        if name not in ("Summary", "Exceptions", "Checks", "History")
    }


def check_values(before_data: bytes, after_data: bytes) -> None:
    """Every value outside the computed columns is the same (computed columns are the last
    five of the Actions table in these plans, or added to the right of a legacy one)."""
    old, new = values(before_data), values(after_data)
    assert list(new)[: len(old)] == list(old)
    for sheet, rows in old.items():
        width = max((len(r) for r in rows), default=0)
        if sheet.startswith("Actions"):
            width = min(width, len(layout.ACTION_HEADINGS))
        assert [r[:width] for r in new[sheet][: len(rows)]] == [r[:width] for r in rows], sheet


@pytest.mark.parametrize("name", SINKS)
def test_kitchen_sinks_keep_every_part_refresh_does_not_own(name: str, tmp_path: Path) -> None:
    """Each application's workbook carrying every feature it writes refreshes in place with
    every other part byte-identical and every value kept."""
    path, before = refreshed(name, tmp_path)
    after = path.read_bytes()
    check_kept(before, after)
    check_values(before, after)
    assert path.with_name(path.stem + ".bak" + path.suffix).read_bytes() == before


@pytest.mark.parametrize("app", APPS)
def test_a_second_refresh_changes_only_the_generated_time(app: str, tmp_path: Path) -> None:
    """Refreshing twice at the same as-of date changes one part: the Summary, whose generated
    time moved on."""
    path, _ = refreshed(f"{app}/kitchen_sink", tmp_path)
    first = parts(path.read_bytes())
    services.refresh(path, as_of=AS_OF, generated_at=SECOND)
    second = parts(path.read_bytes())
    differ = sorted(p for p in set(first) | set(second) if first.get(p) != second.get(p))
    assert differ == [sheet_part(first, layout.SUMMARY)]


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(corpus()))
def test_every_catalogue_workbook_keeps_what_refresh_does_not_own(
    name: str, tmp_path: Path
) -> None:
    """Every application × feature workbook (and plain and legacy plans) refreshes in place,
    keeping every part it does not own and every value."""
    path, before = refreshed(name, tmp_path)
    check_kept(before, path.read_bytes())
    check_values(before, path.read_bytes())


def test_seventeen_digit_floats_come_through_exactly(tmp_path: Path) -> None:
    """Numbers stored with 17 significant digits keep every digit (the cells are not rewritten)."""
    path, before = refreshed("excel-win/floats17", tmp_path)
    sheet = sheet_part(parts(before), "Actions")
    old = re.findall(rb"<v>([0-9.]{17,})</v>", parts(before)[sheet])
    assert old and all(v in parts(path.read_bytes())[sheet] for v in old)


def test_a_chart_sheet_and_its_chart_are_kept(tmp_path: Path) -> None:
    """A chart sheet (which openpyxl would save with its chart shrunk to nothing) is kept."""
    path, before = refreshed("excel-win/chart_sheet", tmp_path)
    old, new = parts(before), parts(path.read_bytes())
    kept = [p for p in old if p.startswith(("xl/chartsheets/", "xl/charts/", "xl/drawings/"))]
    assert kept and all(new[p] == old[p] for p in kept)


def test_macros_in_a_macro_enabled_workbook_are_kept(tmp_path: Path) -> None:
    """A macro-enabled workbook keeps its VBA project and stays macro-enabled."""
    path, before = refreshed("excel-win/vba_macros", tmp_path)
    assert path.suffix == ".xlsm"
    new = parts(path.read_bytes())
    assert new["xl/vbaProject.bin"] == parts(before)["xl/vbaProject.bin"]
    assert b"macroEnabled" in new["[Content_Types].xml"]


def test_theme_pictures_are_kept(tmp_path: Path) -> None:
    """A theme with pictures of its own (as Excel for Mac saves some) keeps them."""
    data = build("excel-mac")
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as archive:
        theme = next(n for n in archive.namelist() if n.startswith("xl/theme/"))
    rels = "".join(
        f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/'
        f'2006/relationships/image" Target="../media/image{n}.jpeg"/>'
        for n in (1, 2)
    )
    import io

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            new.writestr(info, old.read(info))
        folder, base = theme.rsplit("/", 1)
        new.writestr(
            f"{folder}/_rels/{base}.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns='
            f'"http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>',
        )
        for n in (1, 2):
            new.writestr(f"xl/media/image{n}.jpeg", b"\xff\xd8\xff\xe0 picture %d" % n)
    path, before = refreshed("excel-mac/theme_pictures", tmp_path, out.getvalue())
    check_kept(before, path.read_bytes())
    assert "xl/media/image2.jpeg" in parts(path.read_bytes())


@pytest.mark.slow
@pytest.mark.libreoffice
def test_refreshed_catalogue_workbooks_open_in_libreoffice_and_pass_the_validator(
    tmp_path: Path,
) -> None:
    """Every refreshed kitchen sink and single-feature workbook opens in LibreOffice, and
    openxml-audit finds nothing in it that it did not find in the original."""

    def kinds(path: Path) -> set[tuple[str, str]]:
        found = audit_errors_beyond_baseline(path)
        return {(part, re.sub(r"[0-9]+", "N", text)) for part, text in found}

    books = []
    for name in sorted(corpus()):
        path, _ = refreshed(name, tmp_path)
        original = path.with_name(path.stem + ".bak" + path.suffix)
        assert kinds(path) - kinds(original) == set(), name
        books.append(path)
    for pdf in soffice_convert_all(books, "pdf", tmp_path / "pdf"):
        assert pdf.stat().st_size > 1000, pdf.name
