"""Time ``workbook-tools check`` on a large plan against python-calamine reading the same sheet.

    python benchmarks/bench_check.py [--actions 20000] [--repeat 5]

A plan of ``--actions`` actions in the template layout (``generate.write_return``: Settings,
the Actions table with its computed columns, Milestones, a Timeline with about two actions in
three planned) is generated once into the system's temporary folder. Then, interleaved round by
round, each in a fresh process and timed around the call alone:

* **check**: ``workbook_tools.usecases.plan.check(path)``, what ``workbook-tools check`` runs: the
  input checks, reading every sheet the reader needs, reading the plan, rating every action and
  listing every data problem;
* **calamine**: python-calamine reading the Actions sheet's values
  (``CalamineWorkbook.from_path(path).get_sheet_by_name("Actions").to_python()``), the least any
  tool could spend looking at the plan.

It prints the medians and check / calamine (target: at most 2), then one more run of check in
this process split into its steps (the input checks, loading the sheets beside python-calamine's
own parse of the same sheets, reading the plan, rating and checking), to show where the time
goes. Always exits 0: a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import tempfile
import time
from pathlib import Path

from benchlib import Method, fmt, interleaved, load, machine, median, peak_memory, verdict, versions

HERE = Path(__file__).resolve().parent
TARGET = 2.0


def plan(n_actions: int) -> Path:
    """The cached plan of ``n_actions`` actions, generated on first use."""
    sys.path.insert(0, str(HERE))
    import generate

    path = Path(tempfile.gettempdir()) / "workbook-tools-bench" / f"plan-{n_actions}.xlsx"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        print(f"generating a plan of {n_actions} actions in {path} ...", flush=True)
        part = path.with_suffix(".part.xlsx")
        generate.write_return(part, directorate="Resources", as_of=dt.date(2008, 6, 30),
                              n_actions=n_actions, rng=random.Random("check/0"))  # fmt: skip
        part.rename(path)
    return path


def measure_main(method: str, path: str) -> None:
    """Run one method once on ``path``; print its time and peak memory as JSON."""
    if method == "check":
        from workbook_tools.usecases import plan as services

        started = time.perf_counter()
        actions = len(services.check(path).plan.actions)
    else:
        from python_calamine import CalamineWorkbook

        started = time.perf_counter()
        actions = len(CalamineWorkbook.from_path(path).get_sheet_by_name("Actions").to_python())
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "actions": actions, **peak_memory()}))


def steps(path: Path) -> None:
    """Check once more in this process, step by step."""
    from workbook_tools.core.layout import TOOL_SHEETS
    from workbook_tools.core.reading import read_plan
    from workbook_tools.safety import checked_package
    from workbook_tools.sources.calamine import load_xlsx_fast
    from workbook_tools.usecases import plan as services

    with services.cycles_paused():  # as check itself runs
        started = time.perf_counter()
        with checked_package(path, skip_sheets=TOOL_SHEETS, by_cells=True) as package:
            checked = time.perf_counter()
            book = load_xlsx_fast(path, skip_sheets=TOOL_SHEETS, package=package)
        loaded = time.perf_counter()
        read = read_plan(book, today=dt.date(2008, 6, 30))
        planned = time.perf_counter()
        services.rate_plan(read, read.settings.as_of or dt.date(2008, 6, 30))
        rated = time.perf_counter()
    floor = calamine_floor(path, [grid.name for grid in book.sheets])
    print(
        f"  check, step by step: input checks {checked - started:.2f} s, loading the sheets "
        f"(python-calamine, fills, percent formats, error cells) {loaded - checked:.2f} s "
        f"(python-calamine's own parse of those sheets: {floor:.2f} s), "
        f"reading the plan {planned - loaded:.2f} s, rating and checks {rated - planned:.2f} s"
    )


def calamine_floor(path: Path, sheets: list[str]) -> float:
    """The seconds python-calamine alone takes to open ``path`` and give the values of
    ``sheets`` (what loading cannot go below)."""
    from python_calamine import CalamineWorkbook

    started = time.perf_counter()
    with CalamineWorkbook.from_path(str(path)) as wb:
        for name in sheets:
            wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the results."""
    parser = argparse.ArgumentParser(description="Time check against python-calamine.")
    parser.add_argument("--actions", type=int, default=20000, help="actions in the plan")
    parser.add_argument("--repeat", type=int, default=5, help="rounds")
    args = parser.parse_args(argv)
    try:
        print(f"machine: {machine()}; {load()}")
        print(f"libraries: {versions(('openpyxl', 'python-calamine'))}")
        path = plan(args.actions)
        methods = [Method(name, "bench_check", name, str(path)) for name in ("check", "calamine")]
        results = interleaved(methods, args.repeat)
        medians = {
            m.label: median([float(r["seconds"]) for r in results[m.label]]) for m in methods
        }
        ratio = medians["check"] / medians["calamine"] if all(medians.values()) else None
        print(f"\nfinished; {load()}")
        print(f"plan of {args.actions} actions, medians of {args.repeat} rounds:")
        for label, seconds in medians.items():
            peak = max((float(r["rss_self"]) for r in results[label]), default=None)
            print(f"  {label:<9} {fmt(seconds):>8}   peak {fmt(peak, ' MiB', 0)}")
        ok = None if ratio is None else ratio <= TARGET
        print(f"  check / calamine = {fmt(ratio, '', 1)} (target <= {TARGET})  {verdict(ok)}")
        steps(path)
    except Exception as exc:  # a benchmark reports, it does not fail the caller
        print(f"benchmark stopped: {type(exc).__name__}: {exc}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
