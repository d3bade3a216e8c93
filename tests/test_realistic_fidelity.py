"""The realistic builders against what they imitate: each application's fingerprint, the
structures copied from the real files (checked in both), and LibreOffice itself: it opens every
catalogue workbook, and the LibreOffice profile writes what soffice writes."""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest
from judges import require
from realistic import APPS, build, kitchen_sink
from realistic.libreoffice import libreoffice_native, saved_by_libreoffice
from realistic.peek import REALWORLD, corpus, parts, rows_by_calamine, suffix
from realistic.plans import LEGACY_ROWS, TEMPLATE_ROWS

FINGERPRINTS = {
    "excel-win": ['<x15ac:absPath url="C:', 'documentId="8_{', "<Application>Microsoft Excel<"],
    "excel-mac": ['<x15ac:absPath url="/Users/', 'documentId="13_ncr:1_{', "Macintosh Excel"],
    "excel-web": ['documentId="8_{', "Microsoft Excel Online"],
    "google": ['uri="GoogleSheetsCustomDataVersion1"', "workbookmetadata"],
    "libreoffice": ['<fileVersion appName="Calc"/>', "LibreOffice/7.4"],
    "numbers": ['name="Export Summary"', "Helvetica Neue"],
}


@pytest.mark.parametrize("app", APPS)
def test_each_application_leaves_its_fingerprint(app: str) -> None:
    """Each package carries the marks of the application it imitates, and not another's."""
    p = parts(build(app, kitchen_sink(app)))
    text = "".join(v.decode("utf-8", "replace") for n, v in p.items() if not n.endswith(".bin"))
    for mark in FINGERPRINTS[app]:
        assert mark in text, mark
    others = {m for a, marks in FINGERPRINTS.items() if a != app for m in marks[:1]}
    assert not [m for m in others if m in text and not m.startswith("documentId")]
    assert ("xl/calcChain.xml" in p) == app.startswith("excel")
    assert ("docProps/app.xml" in p) == (app not in ("google", "numbers"))
    names = list(zipfile.ZipFile(io.BytesIO(build(app))).namelist())
    assert (names[-1] == "[Content_Types].xml") == (app in ("google", "libreoffice"))


#: (real file, part, marker, app, feature, our part): structures the builders copy, checked in
#: the real file and in the built one.
GROUNDING = [
    (
        "poi__64750.xlsx",
        "xl/workbook.xml",
        'uri="GoogleSheetsCustomDataVersion1"',
        "google",
        None,
        "xl/workbook.xml",
    ),
    (
        "poi__64750.xlsx",
        "[Content_Types].xml",
        'ContentType="application/binary" PartName="/xl/metadata"',
        "google",
        None,
        "[Content_Types].xml",
    ),
    (
        "poi__64750.xlsx",
        "xl/workbook.xml",
        'standalone="yes"?>\r<workbook',
        "google",
        None,
        "xl/workbook.xml",
    ),
    (
        "calamine__date.xlsx",
        "xl/workbook.xml",
        '<fileVersion appName="Calc"/>',
        "libreoffice",
        None,
        "xl/workbook.xml",
    ),
    (
        "calamine__date.xlsx",
        "xl/workbook.xml",
        "{7626C862-2A13-11E5-B345-FEFF819CDC9F}",
        "libreoffice",
        None,
        "xl/workbook.xml",
    ),
    (
        "poi__64759.xlsx",
        "xl/workbook.xml",
        '<mc:Choice Requires="x15"><x15ac:absPath url="/Users/',
        "excel-mac",
        None,
        "xl/workbook.xml",
    ),
    (
        "poi__64759.xlsx",
        "xl/workbook.xml",
        'documentId="13_ncr:1_{',
        "excel-mac",
        None,
        "xl/workbook.xml",
    ),
    (
        "poi__right-to-left.xlsx",
        "xl/workbook.xml",
        'standalone="yes"?>\r\n<workbook',
        "excel-web",
        None,
        "xl/workbook.xml",
    ),
    (
        "poi__right-to-left.xlsx",
        "xl/comments1.xml",
        "<author>tc={",
        "excel-web",
        "threaded_comments",
        "xl/comments1.xml",
    ),
    (
        "poi__right-to-left.xlsx",
        "xl/_rels/workbook.xml.rels",
        "2017/10/relationships/person",
        "excel-web",
        "threaded_comments",
        "xl/_rels/workbook.xml.rels",
    ),
    (
        "openxlsx-data__form_control.xlsx",
        "xl/drawings/drawing1.xml",
        "<a14:compatExt spid=",
        "excel-mac",
        "form_controls",
        "xl/drawings/drawing1.xml",
    ),
    (
        "openxlsx-data__form_control.xlsx",
        "xl/worksheets/sheet1.xml",
        '<mc:Choice Requires="x14"><controls>',
        "excel-mac",
        "form_controls",
        "xl/worksheets/sheet1.xml",
    ),
    (
        "openxlsx-data__table_slicer.xlsx",
        "xl/slicerCaches/slicerCache1.xml",
        "<x15:tableSlicerCache tableId=",
        "excel-mac",
        "slicer",
        "xl/slicerCaches/slicerCache1.xml",
    ),
    (
        "openxlsx-data__table_slicer.xlsx",
        "xl/worksheets/sheet1.xml",
        "{3A4CF648-6AED-40f4-86FF-DC5316D8AED3}",
        "excel-mac",
        "slicer",
        "xl/worksheets/sheet1.xml",
    ),
    (
        "poi__56644.xlsx",
        "xl/worksheets/sheet1.xml",
        "<x14:formula1><xm:f>",
        "excel-win",
        "x14_validation",
        "xl/worksheets/sheet1.xml",
    ),
    (
        "poi__NewStyleConditionalFormattings.xlsx",
        "xl/worksheets/sheet1.xml",
        "{B025F937-C7B1-47D3-B67F-A62EFF666E3E}",
        "excel-win",
        "x14_conditional",
        "xl/worksheets/sheet1.xml",
    ),
    (
        "calamine__picture_richdata.xlsx",
        "xl/richData/rdrichvaluestructure.xml",
        '<s t="_localImage">',
        "excel-mac",
        "in_cell_picture",
        "xl/richData/rdrichvaluestructure.xml",
    ),
    (
        "openxlsx-data__connection.xlsx",
        "xl/tables/table1.xml",
        'tableType="queryTable"',
        "excel-mac",
        "data_connection",
        "xl/tables/table1.xml",
    ),
    (
        "poi__ExcelPivotTableSample.xlsx",
        "xl/workbook.xml",
        "<pivotCaches><pivotCache cacheId=",
        "excel-win",
        "pivot_table",
        "xl/workbook.xml",
    ),
]


@pytest.mark.parametrize("row", GROUNDING, ids=lambda r: f"{r[0]}:{r[2][:30]}")
def test_builders_copy_structures_seen_in_real_files(row: tuple) -> None:
    """A structure a builder claims to copy is in the real file and in the built workbook."""
    real, real_part, marker, app, feature, our_part = row
    if not (REALWORLD / real).exists():
        pytest.skip("../shared/realworld is not beside the repository")
    assert marker.encode() in parts((REALWORLD / real).read_bytes())[real_part]
    assert marker.encode() in parts(build(app, [feature] if feature else []))[our_part]


def _soffice_csv(files: list[Path], outdir: Path) -> None:
    """Convert ``files`` to one CSV per sheet with one headless LibreOffice run."""
    exe = require("soffice")
    with tempfile.TemporaryDirectory(prefix="wbt-lo-") as profile:
        subprocess.run(
            [
                exe,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                "--outdir",
                str(outdir),
                *map(str, files),
            ],
            capture_output=True,
            timeout=900,
            check=False,
        )


@pytest.mark.slow
@pytest.mark.libreoffice
def test_libreoffice_opens_every_catalogue_workbook(tmp_path: Path) -> None:
    """LibreOffice opens every workbook and its action sheet's rows arrive in the CSV."""
    sources = []
    for name, data in corpus().items():
        path = tmp_path / "in" / (name.replace("/", "__") + suffix(data))
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        sources.append(path)
    _soffice_csv(sources, tmp_path / "out")
    for path in sources:
        csv = [p for p in (tmp_path / "out").glob(path.stem + "-Actions*.csv")]
        assert len(csv) == 1, f"{path.name} did not open"
        text = csv[0].read_text(encoding="utf-8")
        legacy = path.stem.endswith(("__legacy", "__legacy_kitchen_sink"))
        for row in LEGACY_ROWS if legacy else TEMPLATE_ROWS:
            assert row[2] in text and row[3] in text, f"{row[2]} missing from {path.name}"


@pytest.mark.slow
@pytest.mark.libreoffice
def test_libreoffice_profile_matches_what_soffice_writes() -> None:
    """The LibreOffice builder writes the workbook, sheet and row attributes soffice writes."""
    require("soffice")
    real = parts(saved_by_libreoffice(build("excel-win", ["defined_names"])))
    ours = parts(build("libreoffice", ["defined_names"]))

    def shape(p: dict[str, bytes]) -> dict[str, object]:
        wb, sheet = p["xl/workbook.xml"].decode(), p["xl/worksheets/sheet1.xml"].decode()
        return {
            "workbook children": re.findall(r"<(\w+)[ />]", wb.split("<sheets>")[0])[:5],
            "definedName attributes": sorted(
                set(re.findall(r"<definedName ([^>]*)>", wb)[0].replace('"', " ").split()[::2])
            ),
            "row attributes": re.findall(r'<row r="1"((?: \w+="[^"]*")*)', sheet)[0].split('"')[
                ::2
            ][:-1],
            "sheetView attributes": re.findall(r"<sheetView ((?:\w+=\"[^\"]*\" ?)*)", sheet)[
                0
            ].split('"')[::2][:-1],
            "rels declaration": p["_rels/.rels"][:40],
        }

    def names(attrs: list[str]) -> list[str]:
        return [a.strip().removesuffix("=") for a in attrs]

    real_shape, our_shape = shape(real), shape(ours)
    assert real_shape["workbook children"] == our_shape["workbook children"]
    assert real_shape["definedName attributes"] == our_shape["definedName attributes"]
    assert names(real_shape["row attributes"]) == names(our_shape["row attributes"])
    assert names(real_shape["sheetView attributes"]) == names(our_shape["sheetView attributes"])
    assert real_shape["rels declaration"] == our_shape["rels declaration"]


@pytest.mark.slow
@pytest.mark.libreoffice
def test_a_plan_written_natively_by_libreoffice_is_read() -> None:
    """The plan LibreOffice writes from its own document keeps rows, comment and merge."""
    require("soffice")
    data = libreoffice_native()
    p = parts(data)
    assert "xl/comments1.xml" in p and b'<mergeCell ref="B2:B3"/>' in p["xl/worksheets/sheet1.xml"]
    rows = rows_by_calamine(data)
    assert [str(r[0]) for r in rows[1:]] == [r[0] for r in TEMPLATE_ROWS]
