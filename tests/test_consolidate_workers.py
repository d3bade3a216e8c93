"""Worker processes: each file read under a memory and a time limit, a hostile file an error
row, progress heard as files finish."""

from __future__ import annotations

import os
import string
import sys
import zipfile
from pathlib import Path

import pytest
from consolidate_returns import (
    make_returns,
    sources_by_file,
)

from workbook_tools.usecases.consolidate import consolidate, workers


@pytest.fixture
def returns(tmp_path: Path) -> Path:
    """A folder with two template returns (Resources, Housing) and one legacy return."""
    return make_returns(tmp_path / "returns")


def hostile_job(kind: str) -> str:
    """A job for the worker pool: behave well, or like a hostile file."""
    if kind == "memory":
        return str(len(bytearray(4 * 1024**3)))
    if kind == "hang":
        import time

        time.sleep(60)
    if kind == "die":
        os._exit(3)
    return kind.upper()

def test_workers_survive_memory_time_and_crash_failures() -> None:
    """A job over the memory limit, one over the time limit and one whose worker dies each
    fail on their own; the other jobs finish and results keep their order."""
    seen: list[int] = []
    results = workers.run(
        hostile_job,
        ["a", "memory", "b", "hang", "c", "die", "d"],
        workers=2,
        memory_limit=512 * 1024**2 if os.name == "posix" else 0,
        time_limit=3,
        on_result=lambda index, _value: seen.append(index),
    )
    assert results[0::2] == ["A", "B", "C", "D"]
    assert isinstance(results[3], workers.Failure) and results[3].kind == workers.TIME
    assert isinstance(results[5], workers.Failure) and results[5].kind == workers.CRASH
    if os.name == "posix":
        assert results[1] == workers.Failure(workers.MEMORY, "MemoryError")
    assert sorted(seen) == list(range(7))

def test_workers_are_forked_only_where_it_is_safe() -> None:
    """Workers start by fork only on Linux from a process with one thread; with another thread
    running (a progress bar's) they start by spawn, and jobs give the same results either way."""
    import threading

    assert workers._context().get_start_method() == (
        "fork" if sys.platform.startswith("linux") and threading.active_count() == 1 else "spawn"
    )
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        assert workers._context().get_start_method() == "spawn"
        assert workers.run(hostile_job, ["a", "b"], workers=1) == ["A", "B"]
    finally:
        stop.set()
        other.join()
    assert workers.run(hostile_job, ["c"], workers=1) == ["C"]

def _huge_sheet(path: Path, rows: int) -> Path:
    """A well-formed .xlsx of ``rows`` × 10 numbers: within the input limits, but more cells
    than a worker can hold under a small memory limit."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006"
    sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<Types xmlns="{pkg}/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{sheet_type}.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            f'ContentType="{sheet_type}.worksheet+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{pkg}/relationships"><Relationship Id="rId1" '
            f'Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
            '<sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{pkg}/relationships"><Relationship Id="rId1" '
            f'Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(f'<worksheet xmlns="{main}"><sheetData>'.encode())
            row = "".join(f'<c r="{c}%(r)d"><v>%(r)d</v></c>' for c in string.ascii_uppercase)
            template = f'<row r="%(r)d">{row}</row>'
            for start in range(1, rows + 1, 1000):
                chunk = "".join(template % {"r": r} for r in range(start, start + 1000))
                part.write(chunk.encode())
            part.write(b"</sheetData></worksheet>")
    return path

def test_hostile_file_is_an_error_row_not_a_crash(
    returns: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file within the input limits (60,000 rows of 26 numbers) but too big for the worker's
    memory limit is listed as an error (its worker is replaced) and the rest are consolidated."""
    from workbook_tools.safety import check_input

    monkeypatch.setattr(workers, "MEMORY_LIMIT", 32 * 1024**2)
    huge = _huge_sheet(returns / "huge.xlsx", 60_000)
    check_input(huge)  # the input checks let it through: the worker's limit must catch it
    result = consolidate([returns], tmp_path / "report.xlsx", jobs=1)
    error = sources_by_file(result)["huge.xlsx"].error
    assert error == (
        "huge.xlsx: could not be read within the memory limit; the file is too large or "
        "damaged: open it in Excel, remove what is not needed and save it again"
    )
    assert len(result.used) == 3 and result.exit_code == 1

def test_memory_error_while_reading_becomes_the_memory_reason(
    returns: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A MemoryError while reading one return (here in this process, jobs=0) gives that file
    the memory-limit reason; the run continues."""
    from workbook_tools.usecases import plan as services

    real = services.load

    def load(path: object, **options: object) -> object:
        if str(path).endswith("housing.xlsx"):
            raise MemoryError
        return real(path, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(services, "load", load)
    result = consolidate([returns], tmp_path / "report.xlsx", jobs=0)
    housing = sources_by_file(result)["housing.xlsx"]
    assert housing.status == "error"
    assert housing.error == (
        "housing.xlsx: could not be read within the memory limit; the file is too large or "
        "damaged: open it in Excel, remove what is not needed and save it again"
    )
    assert len(result.used) == 2 and result.exit_code == 1

def test_progress_callback_and_quiet_without_a_terminal(
    returns: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A progress callable hears of every file as it is first looked at (a legacy return that
    cannot be placed is read there and then), then of every placed return as it is read;
    progress=True prints nothing when stderr is not a terminal."""
    calls: list[tuple[int, int, str]] = []
    consolidate([returns], tmp_path / "a.xlsx", jobs=2, progress=lambda *a: calls.append(a))
    looked, read = calls[:3], calls[3:]
    assert sorted(c[0] for c in looked) == [1, 2, 3] and {c[1] for c in looked} == {3}
    assert {Path(c[2]).name for c in looked} == {
        "resources.xlsx", "housing.xlsx", "Community Services.xlsx"
    }  # fmt: skip
    assert sorted(c[0] for c in read) == [1, 2] and {c[1] for c in read} == {2}
    assert {Path(c[2]).name for c in read} == {"resources.xlsx", "housing.xlsx"}
    consolidate([returns], tmp_path / "b.xlsx", jobs=1, progress=True)
    assert capsys.readouterr().err == ""
