"""The committed sample returns (``samples/returns/``), their script, and the benchmark tools."""

from __future__ import annotations

import datetime as dt
import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from openpyxl import load_workbook

from workbook_tools.core import layout
from workbook_tools.usecases import plan as services
from workbook_tools.usecases.consolidate.mail.message import Budget, Envelope, read_message
from workbook_tools.writers.template.stable_xlsx import workbook_bytes

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
RETURNS = SAMPLES / "returns"
BENCHMARKS = REPO / "benchmarks"


def _load(path: Path, name: str) -> ModuleType:
    """Import a script that is not part of the package, by its path."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


make_returns = _load(SAMPLES / "make_returns.py", "samples_make_returns")
generate = _load(BENCHMARKS / "generate.py", "benchmarks_generate")
SPECS = {spec.file: spec for spec in make_returns.RETURNS}


def _contents(path: Path) -> dict[str, object]:
    """Every sheet's cell values, and the Timeline's solid fills, of the workbook at ``path``."""
    wb = load_workbook(path)
    found: dict[str, object] = {"sheets": wb.sheetnames}
    for ws in wb.worksheets:
        found[ws.title] = [list(row) for row in ws.iter_rows(values_only=True)]
    timeline = wb[layout.TIMELINE]
    found["fills"] = sorted(
        cell.coordinate
        for row in timeline.iter_rows()
        for cell in row
        if cell.fill is not None and cell.fill.fill_type == "solid"
    )
    found["tables"] = {
        ws.title: sorted((t.name, t.ref) for t in ws.tables.values()) for ws in wb.worksheets
    }
    return found


def committed(spec: object, folder: Path) -> Path:
    """The committed workbook of a sample return: the file, or the one attached to its email
    (written into ``folder``)."""
    sent = make_returns.EMAILED.get(spec.file)
    if sent is None:
        return RETURNS / spec.file
    message = read_message((RETURNS / sent.file).read_bytes(), Budget((".xlsx",)))
    (attached,) = message.attachments
    assert attached.name == sent.attachment
    path = folder / spec.file
    path.write_bytes(attached.data)
    return path


def test_rerunning_the_script_reproduces_the_committed_returns(tmp_path: Path) -> None:
    """Running make_returns.py again gives the committed files: workbooks cell for cell on
    every sheet, emails byte for byte."""
    written = make_returns.write_returns(tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in RETURNS.iterdir())
    for path in written:
        if path.suffix == ".xlsx":
            assert _contents(path) == _contents(RETURNS / path.name), path.name
        else:
            assert path.read_bytes() == (RETURNS / path.name).read_bytes(), path.name


def test_two_returns_arrive_as_an_eml_and_a_msg(tmp_path: Path) -> None:
    """Two directorates' returns are saved emails, one .eml and one .msg, each with the sender,
    subject and date the script gives and the workbook the script builds attached."""
    emailed = make_returns.EMAILED
    assert sorted(Path(sent.file).suffix for sent in emailed.values()) == [".eml", ".msg"]
    for name, sent in emailed.items():
        message = read_message((RETURNS / sent.file).read_bytes(), Budget((".xlsx",)))
        assert message.envelope == Envelope(sent.sender, sent.subject, sent.sent)
        built = tmp_path / f"built-{name}"
        built.write_bytes(workbook_bytes(make_returns.build_return(SPECS[name])))
        assert _contents(committed(SPECS[name], tmp_path)) == _contents(built)


def test_there_are_six_directorates_and_one_superseded_return() -> None:
    """The samples hold at least six directorates' returns plus one older, superseded return."""
    current = [spec for spec in SPECS.values() if not spec.superseded]
    older = [spec for spec in SPECS.values() if spec.superseded]
    assert len({spec.directorate for spec in current}) == len(current) >= 6
    assert len(older) == 1
    for spec in SPECS.values():
        assert 8 <= len(spec.actions) <= 20, spec.file


@pytest.mark.parametrize("name", sorted(SPECS))
def test_each_committed_return_is_read_with_its_directorate_and_actions(
    name: str, tmp_path: Path
) -> None:
    """check() reads every committed return: its directorate, as-of date and every action."""
    spec = SPECS[name]
    result = services.check(committed(spec, tmp_path))
    assert result.plan.directorate == spec.directorate
    assert result.as_of == spec.as_of
    assert len(result.plan.actions) == len(spec.actions)
    assert [a.ref for a in result.plan.actions] == [act.ref for act in spec.actions]


def test_the_superseded_pair_share_a_directorate_and_differ_in_as_of_date() -> None:
    """The older return and its replacement name the same directorate at different dates."""
    older = next(spec for spec in SPECS.values() if spec.superseded)
    newer = [s for s in SPECS.values() if s.directorate == older.directorate and not s.superseded]
    assert len(newer) == 1
    old_read = services.check(RETURNS / older.file)
    new_read = services.check(RETURNS / newer[0].file)
    assert old_read.plan.directorate == new_read.plan.directorate
    assert old_read.plan.settings.as_of == dt.date(2008, 3, 31)
    assert new_read.plan.settings.as_of == dt.date(2008, 6, 30)


def test_the_timeline_marks_are_read_as_planned_months() -> None:
    """Timeline months marked with a character, a fill or both are planned months."""
    spec = SPECS["regeneration-and-housing-2008-q1.xlsx"]
    result = services.check(RETURNS / spec.file)
    planned = {a.ref: len(a.planned_months) for a in result.plan.actions}
    for ref, pattern, *_ in spec.timeline:
        assert planned[ref] == sum(1 for kind in pattern if kind != "."), ref


def test_the_generator_makes_returns_the_reader_understands(tmp_path: Path) -> None:
    """generate_returns writes template-layout returns that check() reads in full."""
    paths = generate.generate_returns(tmp_path, 3, 20, seed=1)
    assert len(paths) == 3
    for path in paths:
        result = services.check(path)
        directorate, as_of = path.stem.rsplit(" - ", 1)
        assert result.plan.directorate == directorate
        assert result.as_of == dt.date.fromisoformat(as_of)
        assert len(result.plan.actions) == 20
        lengths = [len(a.commentary) for a in result.plan.actions if a.commentary]
        assert lengths and all(100 <= n <= 600 for n in lengths)
        assert any(a.planned_months for a in result.plan.actions)


def test_the_generator_gives_directorates_several_versions(tmp_path: Path) -> None:
    """A larger corpus has 10 to 20 directorates, each with several dated versions."""
    assert generate.directorate_count(300) == 20
    assert generate.directorate_count(30) == 10
    assert generate.directorate_count(3) == 3
    assert generate.directorate_count(40, 0) == 40
    paths = generate.generate_returns(tmp_path, 24, 2, seed=2)
    by_directorate: dict[str, set[str]] = {}
    for path in paths:
        directorate, as_of = path.stem.rsplit(" - ", 1)
        by_directorate.setdefault(directorate, set()).add(as_of)
    assert len(by_directorate) == 10
    assert all(len(dates) >= 2 for dates in by_directorate.values())


@pytest.mark.slow
def test_the_benchmark_command_runs_to_completion(tmp_path: Path) -> None:
    """bench_consolidate.py --quick runs every measurement and prints the targets."""
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "bench_consolidate.py"), "--quick",
         "--cache", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "median seconds" in out and "targets" in out and "peak memory" in out, out
    assert "failed:" not in out and "benchmark stopped" not in out, out
