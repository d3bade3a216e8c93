"""Hostile and broken files through the real commands: check, refresh and consolidate.

Each must end in a few seconds with one line naming the file, the right exit code, no traceback,
and the file byte-identical; consolidation carries on past it and lists it in Sources.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import hostile
import pytest
from plans import make_plan

from workbook_tools.cli import main

BOUND = 30  # seconds: a guard against hangs, not a performance target

#: What the one-line message must say for each kind of file, so the officer knows what to do.
WORDING = {
    "empty": "is empty",
    "truncated": "damaged or incomplete",
    "html": "web page",
    "text": "text file",
    "legacy-xls": "old .xls workbook",
    "encrypted": "password",
    "entity-bomb": "unsafe XML",
    "external-entity": "unsafe XML",
    "zip-bomb": "zip bomb",
    "lying-zip": "damaged or incomplete",
    "many-members": "safety limit",
    "far-cell": "XFD1048576",
    "far-cell-hidden": "XFD1048576",
    "far-dimension": "5,000,000 cells",
    "no-content-types": "not an Excel workbook",
    "no-workbook-part": "not an Excel workbook",
    "plain-zip": "not an Excel workbook",
}


#: Files the readers take, reading a sparse sheet by its cells (they hold no plan, so check and
#: refresh still stop, saying so): refresh, too, copies a sparse sheet row by row.
READ_BY_CELLS = {"far-cell", "far-cell-hidden", "far-dimension"}


def _run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str, float]:
    started = time.monotonic()
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err, time.monotonic() - started


def _listing(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


@pytest.mark.parametrize("case", sorted(hostile.CASES))
def test_check_and_refresh_refuse_with_one_line(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """check and refresh (in place and --output) exit 2 with one line; the file is untouched."""
    make, _ = hostile.CASES[case]
    folder = tmp_path / "in"
    folder.mkdir()
    path = make(folder)
    before, names = path.read_bytes(), _listing(folder)
    for argv in (
        ("check", path),
        ("check", path, "--json"),
        ("refresh", path),
        ("refresh", path, "--output", tmp_path / "copy.xlsx"),
    ):
        code, out, err, seconds = _run(capsys, *argv)
        assert code == 2, (argv, err)
        assert err.count("\n") == 1 and err.startswith("workbook-tools: "), err
        assert path.name in err and "Traceback" not in err
        if case in READ_BY_CELLS:
            assert "no sheet has a table of actions" in err
        else:
            assert WORDING[case] in err
        assert out == ""
        assert seconds < BOUND
    assert path.read_bytes() == before
    assert _listing(folder) == names
    assert not (tmp_path / "copy.xlsx").exists()


@pytest.mark.parametrize("case", sorted(hostile.CASES))
def test_consolidate_lists_the_bad_file_and_carries_on(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """consolidate reports the bad file as an error in Sources, uses the good ones, exits 1."""
    make, _ = hostile.CASES[case]
    folder = tmp_path / "returns"
    folder.mkdir()
    row = {"Ref": "1", "Action": "Do it", "Lead": "AB", "Deadline": "Mar 09"}
    make_plan(folder / "resources.xlsx", [row], directorate="Resources")
    make_plan(folder / "adults.xlsx", [row], directorate="Adults")
    made = tmp_path / "made"
    made.mkdir()
    bad = folder / make(made).name
    bad.write_bytes((made / bad.name).read_bytes())
    report = tmp_path / "report.xlsx"
    code, out, _, seconds = _run(capsys, "consolidate", folder, "-o", report, "--json")
    assert code == 1 and seconds < BOUND and report.stat().st_size > 0
    data = json.loads(out)
    status = {Path(s["file"]).name: (s["status"], s["error"]) for s in data["sources"]}
    assert status["resources.xlsx"] == ("ok", None)
    assert status["adults.xlsx"] == ("ok", None)
    state, error = status[bad.name]
    assert state == "error" and error and "\n" not in error and bad.name in error
    assert set(data["by_directorate"]) == {"Resources", "Adults"}
