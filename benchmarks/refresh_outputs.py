"""Refresh a fixed set of workbooks with whatever code is on the path, and compare two such runs
part by part: the check that a change meant to make refresh faster changed nothing it writes.

    python benchmarks/refresh_outputs.py write OUT [--quick]
    PYTHONPATH=/path/to/other/checkout python benchmarks/refresh_outputs.py write OTHER
    python benchmarks/refresh_outputs.py compare OUT OTHER

``write`` refreshes copies of the benchmark plans (made by ``bench_refresh.py`` into the system's
temporary folder), the samples, the workbooks of every ``--also FOLDER`` (e.g. a folder of real
workbooks saved by Excel, Google Sheets and LibreOffice) and, unless ``--quick``, every workbook
of the test corpus (``tests/realistic``), each at as-of 30 June 2008 with a fixed generated time,
then once more into a second file (a refresh of a refreshed plan). A workbook refresh refuses
gets a ``.txt`` holding the error instead.
``compare`` lists every part whose content, name, order or zip entry settings differ, and
every refusal that differs; it prints the number of differences (0: the runs agree).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
AS_OF = dt.date(2008, 6, 30)
FIRST, SECOND = dt.datetime(2008, 7, 1, 9, 0), dt.datetime(2008, 7, 2, 9, 0)


def inputs(quick: bool, also: list[Path]) -> dict[str, bytes]:
    """The workbooks to refresh, by the name their output takes."""
    found: dict[str, bytes] = {}
    bench = Path(tempfile.gettempdir()) / "workbook-tools-bench"
    for plan in sorted(bench.glob("plan-v1-*.xlsx")):
        found[f"bench-{plan.name}"] = plan.read_bytes()
    for sample in sorted((ROOT / "samples").rglob("*.xls[xm]")):
        found[f"samples-{sample.name}"] = sample.read_bytes()
    for folder in also:
        for other in sorted(folder.glob("*.xls[xm]")):
            found[f"{folder.name}-{other.name}"] = other.read_bytes()
    if not quick:
        sys.path.insert(0, str(ROOT / "tests"))
        from realistic.peek import corpus, suffix

        for name, data in sorted(corpus().items()):
            found[f"corpus-{name.replace('/', '-')}{suffix(data)}"] = data
    return found


def write(out: Path, quick: bool, also: list[Path]) -> None:
    """Refresh every input into ``out``."""
    import workbook_tools
    from workbook_tools.usecases import plan as services

    print(f"refreshing with {Path(workbook_tools.__file__).parent}")
    out.mkdir(parents=True, exist_ok=True)
    for name, data in inputs(quick, also).items():
        path = out / name
        path.write_bytes(data)
        try:
            services.refresh(path, as_of=AS_OF, generated_at=FIRST)
            again = out / f"again-{name}"
            services.refresh(path, as_of=AS_OF, generated_at=SECOND, output=again)
        except Exception as error:  # a refusal is an output too
            path.with_name(name + ".txt").write_text(f"{type(error).__name__}: {error}")
        path.with_name(f"{path.stem}.bak{path.suffix}").unlink(missing_ok=True)
    print(f"refreshed {len(list(out.iterdir()))} files into {out}")


def _zip_differences(name: str, first: Path, second: Path) -> list[str]:
    with zipfile.ZipFile(first) as one, zipfile.ZipFile(second) as two:
        a, b = one.infolist(), two.infolist()
        if [i.filename for i in a] != [i.filename for i in b]:
            return [f"{name}: the parts or their order differ"]
        lines = []
        for x, y in zip(a, b, strict=True):
            if one.read(x) != two.read(y):
                lines.append(f"{name}: {x.filename} differs")
            elif (x.date_time, x.external_attr, x.compress_type) != (
                y.date_time,
                y.external_attr,
                y.compress_type,
            ):
                lines.append(f"{name}: {x.filename}'s zip entry differs")
        return lines


def compare(first: Path, second: Path) -> int:
    """Print every difference between two runs; return how many."""
    names = sorted(p.name for p in first.iterdir())
    others = {p.name for p in second.iterdir()}
    lines = [f"only in one run: {name}" for name in sorted(set(names) ^ others)]
    for name in names:
        a, b = first / name, second / name
        if not b.exists() or a.read_bytes() == b.read_bytes():
            continue
        if name.endswith(".txt") or not zipfile.is_zipfile(a):
            lines.append(f"{name} differs")
        else:
            lines += _zip_differences(name, a, b)
    print("\n".join(lines))
    print(f"compared {len(names)} files: {len(lines)} differences")
    return len(lines)


def main(argv: list[str] | None = None) -> int:
    """The command line (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("write")
    run.add_argument("out", type=Path)
    run.add_argument("--quick", action="store_true", help="leave out the test corpus")
    run.add_argument("--also", type=Path, action="append", default=[], help="a folder of workbooks")
    check = commands.add_parser("compare")
    check.add_argument("first", type=Path)
    check.add_argument("second", type=Path)
    args = parser.parse_args(argv)
    if args.command == "write":
        write(args.out, args.quick, args.also)
        return 0
    return 1 if compare(args.first, args.second) else 0


if __name__ == "__main__":
    sys.exit(main())
