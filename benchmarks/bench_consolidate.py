"""Time ``consolidate`` against the pandas way and against the floor, on generated returns.

    python benchmarks/bench_consolidate.py [--returns 300] [--actions 150] [--repeat 3]
                                           [--jobs N] [--directorates D] [--quick]

What it does:

1. Generates a corpus of realistic returns (``benchmarks/generate.py``) once, into a cache
   folder under the system's temporary folder keyed by the parameters, and reuses it afterwards.
2. Times, interleaved in the same run (one round of every method, then the next round, so a
   noisy machine slows every method alike), each in a fresh Python process:

   * **ours**: ``workbook_tools.consolidation.consolidate(folder, report)`` with 1 and 2 worker
     processes and with the default number (one per processor);
   * **pandas**: what a user would write with pandas: ``pd.read_excel`` of each file's Settings
     and Actions sheets (default engine), ``pd.concat``, keep each directorate's latest return,
     ``to_excel`` the register to one sheet;
   * **floor**: python-calamine reading the same cells (Settings and Actions of every file) and
     XlsxWriter in ``constant_memory`` mode writing the same Register rows (sixteen columns, the
     latest return of each directorate), with no rating and nothing else: the least any tool
     could spend on the job.

3. Prints the median seconds of each method, the ratios ours / pandas (target: at most 0.5, at
   least twice as fast) and ours / floor (target: at most 1.3), and the peak memory of each
   method at two corpus sizes (a third of the returns, and all of them, with the same
   directorates, so the report is the same size) to show whether memory stays flat as the number
   of files grows (target: the larger corpus peaks at most 1.25 times the smaller).

Peak memory is the peak resident set size of the measuring process (``RUSAGE_SELF``) and of its
largest worker process (``RUSAGE_CHILDREN``), read in a fresh process per measurement. Times are
measured inside that process around the call alone (interpreter start-up and imports excluded;
starting consolidation's workers included).

This is a benchmark, not a test: it always exits 0 and prints whether each target is met.
``--quick`` (30 returns of 50 actions, one round) is a smoke run of the command.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent

#: Targets (ratios of median times, and of peak memory between the two corpus sizes).
TARGET_VS_PANDAS = 0.5
TARGET_VS_FLOOR = 1.3
TARGET_MEMORY_GROWTH = 1.25
#: Seconds one measurement may take before it is abandoned.
MEASURE_TIMEOUT = 1800
#: The Register's columns, as the corporate report writes them.
REGISTER_HEADINGS = (
    "Directorate", "Source file", "Source sheet", "Source row", "Ref", "Priority", "Action",
    "Lead", "Due date", "Days left", "Status", "Self-assessed RAG", "Computed RAG",
    "RAG reason", "Flags", "Commentary",
)  # fmt: skip
_ACTION_COLUMNS = {heading: i for i, heading in enumerate(
    ("Ref", "Priority", "Action", "Lead", "Start", "Deadline", "Status", "% Complete",
     "Self-assessed RAG", "Commentary", "Date provided", "Corrective action", "Success criteria",
     "Resources", "Risk rating", "Notes", "Computed RAG", "RAG reason", "Due date", "Days left",
     "Flags"))}  # fmt: skip


# --------------------------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------------------------


def _generator() -> ModuleType:
    """``benchmarks/generate.py`` (imported only where needed, not in measuring processes)."""
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    import generate

    return generate


def corpus(n_returns: int, n_actions: int, directorates: int, seed: int, cache: Path) -> Path:
    """The cached corpus folder for these parameters, generated on first use."""
    generate = _generator()
    name = f"v{generate.GENERATOR_VERSION}-r{n_returns}-a{n_actions}-d{directorates}-s{seed}"
    folder = cache / name
    done = folder / ".complete"
    if done.exists():
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    started = time.perf_counter()
    print(f"generating {n_returns} returns x {n_actions} actions in {folder} ...", flush=True)
    generate.generate_returns(folder, n_returns, n_actions, seed, directorates=directorates)
    done.write_text(f"generated in {time.perf_counter() - started:.1f} s\n")
    return folder


# --------------------------------------------------------------------------------------------
# The three ways, each run in its own process (``measure_main``)
# --------------------------------------------------------------------------------------------


def run_ours(folder: Path, output: Path, jobs: int | None) -> int:
    """consolidate() on the folder; the number of Register rows."""
    from workbook_tools.consolidation import consolidate

    result = consolidate([folder], output / "report.xlsx", jobs=jobs)
    return sum(source.actions for source in result.used)


def _settings_value(rows: Sequence[Sequence[object]], label_start: str) -> object:
    for row in rows:
        if row and isinstance(row[0], str) and row[0].startswith(label_start):
            return row[1] if len(row) > 1 else None
    return None


def run_pandas(folder: Path, output: Path) -> int:
    """The pandas way: read_excel per file, concat, keep the latest returns, to_excel."""
    import warnings

    import pandas as pd

    frames = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the notice about a future default engine
        for path in sorted(folder.glob("*.xlsx")):
            sheets = pd.read_excel(path, sheet_name=["Settings", "Actions"])
            settings = dict(zip(sheets["Settings"].iloc[:, 0], sheets["Settings"].iloc[:, 1],
                                strict=False))  # fmt: skip
            actions = sheets["Actions"]
            actions.insert(0, "Directorate", settings["Directorate (who this return is from)"])
            actions.insert(1, "Source file", path.name)
            actions.insert(2, "Source row", actions.index + 2)
            actions["As-of"] = settings["As-of date (blank = today)"]
            frames.append(actions)
    register = pd.concat(frames, ignore_index=True)
    latest = register.groupby("Directorate")["As-of"].transform("max")
    register = register[register["As-of"] == latest].drop(columns="As-of")
    register.to_excel(output / "report.xlsx", sheet_name="Register", index=False)
    return len(register)


def run_floor(folder: Path, output: Path) -> int:
    """The floor: calamine reads the same cells, XlsxWriter (constant memory) writes the rows."""
    import xlsxwriter
    from python_calamine import CalamineWorkbook

    latest: dict[str, tuple[object, str, list[list[object]]]] = {}
    for path in sorted(folder.glob("*.xlsx")):
        wb = CalamineWorkbook.from_path(str(path))
        settings = wb.get_sheet_by_name("Settings").to_python()
        actions = wb.get_sheet_by_name("Actions").to_python()
        directorate = str(_settings_value(settings, "Directorate"))
        as_of = _settings_value(settings, "As-of date")
        kept = latest.get(directorate)
        if kept is None or str(as_of) > str(kept[0]):
            latest[directorate] = (as_of, path.name, actions[1:])
    book = xlsxwriter.Workbook(
        str(output / "report.xlsx"),
        {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
    )
    ws = book.add_worksheet("Register")
    date = book.add_format({"num_format": "d mmm yyyy"})
    for c, heading in enumerate(REGISTER_HEADINGS):
        ws.write_string(0, c, heading)
    col = _ACTION_COLUMNS
    picks = (col["Ref"], col["Priority"], col["Action"], col["Lead"], col["Due date"],
             col["Days left"], col["Status"], col["Self-assessed RAG"], col["Computed RAG"],
             col["RAG reason"], col["Flags"], col["Commentary"])  # fmt: skip
    r = 1
    for directorate, (_as_of, name, rows) in sorted(latest.items()):
        for source_row, row in enumerate(rows, 2):
            ws.write_string(r, 0, directorate)
            ws.write_string(r, 1, name)
            ws.write_string(r, 2, "Actions")
            ws.write_number(r, 3, source_row)
            for c, index in enumerate(picks, 4):
                value = row[index] if index < len(row) else None
                if value is None or value == "":
                    continue
                if isinstance(value, dt.date):
                    ws.write_datetime(r, c, value, date)
                elif isinstance(value, int | float) and not isinstance(value, bool):
                    ws.write_number(r, c, value)
                else:
                    ws.write_string(r, c, str(value))
            r += 1
    book.close()
    return r - 1


def measure_main(method: str, folder: str, jobs: int | None) -> None:
    """Print one measurement as a line of JSON (the child process's entry point)."""
    print(json.dumps(measure(method, Path(folder), jobs)))


def measure(method: str, folder: Path, jobs: int | None) -> dict[str, object]:
    """Run one method once in this process; its time, peak memory and Register rows."""
    import resource

    # Import before timing: start-up costs are not what is compared.
    if method == "ours":
        import workbook_tools.consolidation  # noqa: F401
    elif method == "pandas":
        import pandas  # noqa: F401
    else:
        import python_calamine  # noqa: F401
        import xlsxwriter  # noqa: F401
    with tempfile.TemporaryDirectory(prefix="bench-out-") as out:
        started = time.perf_counter()
        if method == "ours":
            rows = run_ours(folder, Path(out), jobs)
        elif method == "pandas":
            rows = run_pandas(folder, Path(out))
        else:
            rows = run_floor(folder, Path(out))
        seconds = time.perf_counter() - started
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB elsewhere
    mib = 1024 * 1024
    return {
        "seconds": seconds,
        "rows": rows,
        "rss_self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / mib,
        "rss_children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale / mib,
    }


# --------------------------------------------------------------------------------------------
# The parent: schedule, collect, report
# --------------------------------------------------------------------------------------------


class Method:
    """One way of doing the job: a label, the method name and (for ours) the worker count."""

    def __init__(self, label: str, method: str, jobs: int | None = None) -> None:
        self.label, self.method, self.jobs = label, method, jobs

    def run(self, folder: Path) -> dict[str, object] | None:
        """Measure once in a fresh process; None (with the error shown) if it failed."""
        # Started with -c, so that consolidation's worker processes do not re-import this file.
        call = f"measure_main({self.method!r}, {str(folder)!r}, {self.jobs!r})"
        code = f"import sys; sys.path.insert(0, {str(HERE)!r}); from bench_consolidate import "
        command = [sys.executable, "-c", code + f"measure_main; {call}"]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=MEASURE_TIMEOUT, check=False
            )
        except subprocess.TimeoutExpired:
            print(f"  {self.label}: gave up after {MEASURE_TIMEOUT} s", flush=True)
            return None
        lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
        if done.returncode != 0 or not lines:
            tail = (done.stderr.strip().splitlines() or ["(no output)"])[-1]
            print(f"  {self.label}: failed: {tail}", flush=True)
            return None
        return json.loads(lines[-1])


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def _fmt(value: float | None, unit: str = " s", digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}{unit}"


def _verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("MET" if ok else "NOT MET")


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} logical processors, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}"
    )


def _load() -> str:
    """The system load averages (1, 5, 15 minutes), to judge how noisy the machine was."""
    try:
        return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except (AttributeError, OSError):
        return "load average unknown"


def _versions() -> str:
    from importlib import metadata

    parts = []
    for name in ("pandas", "openpyxl", "XlsxWriter", "python-calamine"):
        try:
            parts.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name} missing")
    return ", ".join(parts)


def benchmark(args: argparse.Namespace) -> None:
    """Generate (or reuse) the corpora, run every measurement, print the results."""
    generate = _generator()
    n_dirs = generate.directorate_count(args.returns, args.directorates)
    print(f"machine: {_machine()}; {_load()}")
    print(f"libraries: {_versions()}")
    print(
        f"corpus: {args.returns} returns x {args.actions} actions, {n_dirs} directorates; "
        f"{args.repeat} round(s), interleaved; one fresh process per measurement"
    )
    cache = Path(args.cache) if args.cache else Path(tempfile.gettempdir()) / "workbook-tools-bench"
    big = corpus(args.returns, args.actions, n_dirs, args.seed, cache)
    # The smaller corpus: a third of the files from the same directorates (so the report is the
    # same size), or with one directorate per return, a third of both.
    if args.directorates == 0:
        small_n = small_dirs = max(1, args.returns // 3)
    else:
        small_n, small_dirs = max(n_dirs, args.returns // 3), n_dirs
    small = None
    if small_n < args.returns:
        small = corpus(small_n, args.actions, small_dirs, args.seed, cache)

    jobs = args.jobs or [1, 2]
    methods = [Method(f"ours (jobs {j})", "ours", j) for j in jobs]
    methods.append(Method("ours (default jobs)", "ours", None))
    methods += [Method("pandas", "pandas"), Method("floor", "floor")]
    results: dict[str, list[dict[str, object]]] = {m.label: [] for m in methods}
    for round_no in range(args.repeat):
        order = methods[round_no % len(methods) :] + methods[: round_no % len(methods)]
        print(f"round {round_no + 1}/{args.repeat}", flush=True)
        for method in order:
            got = method.run(big)
            if got is not None:
                results[method.label].append(got)
                print(f"  {method.label:<22} {got['seconds']:7.2f} s  "
                      f"rows {got['rows']:>6}  peak {got['rss_self']:6.0f} MiB "
                      f"(largest child {got['rss_children']:5.0f} MiB)", flush=True)  # fmt: skip
    small_results: dict[str, dict[str, object] | None] = {}
    if small is not None:
        print(f"memory at {small_n} returns, {small_dirs} directorates", flush=True)
        for method in methods:
            small_results[method.label] = method.run(small)

    print(f"finished; {_load()}")
    medians = {
        label: _median([float(r["seconds"]) for r in runs]) for label, runs in results.items()
    }
    rows = {label: {r["rows"] for r in runs} for label, runs in results.items()}
    print()
    print(f"median seconds over {args.repeat} round(s), {args.returns} returns x {args.actions} "
          f"actions:")  # fmt: skip
    pandas_s, floor_s = medians["pandas"], medians["floor"]
    for label, seconds in medians.items():
        line = f"  {label:<22} {_fmt(seconds):>9}"
        if label.startswith("ours") and seconds is not None:
            vs_pandas = seconds / pandas_s if pandas_s else None
            vs_floor = seconds / floor_s if floor_s else None
            line += (f"   ours/pandas {_fmt(vs_pandas, '', 2)}   "
                     f"ours/floor {_fmt(vs_floor, '', 2)}")  # fmt: skip
        print(line)
    if len({n for found in rows.values() for n in found}) > 1:
        print(f"  note: the methods wrote different numbers of Register rows: {rows}")

    headline = medians.get("ours (default jobs)")
    vs_pandas = headline / pandas_s if headline and pandas_s else None
    vs_floor = headline / floor_s if headline and floor_s else None
    print()
    print("targets (ours with the default number of workers):")
    print(f"  at least 2x faster than pandas: ours/pandas = {_fmt(vs_pandas, '', 2)} "
          f"(<= {TARGET_VS_PANDAS})  {_verdict(None if vs_pandas is None else vs_pandas <= TARGET_VS_PANDAS)}")  # noqa: E501  # fmt: skip
    print(f"  at most 1.3x the floor:         ours/floor  = {_fmt(vs_floor, '', 2)} "
          f"(<= {TARGET_VS_FLOOR})  {_verdict(None if vs_floor is None else vs_floor <= TARGET_VS_FLOOR)}")  # noqa: E501  # fmt: skip

    print()
    print(f"peak memory (MiB): main process / largest worker, at {small_n} and {args.returns} "
          f"returns:")  # fmt: skip
    flat: bool | None = None
    for label, runs in results.items():
        if not runs:
            continue
        big_self = max(float(r["rss_self"]) for r in runs)
        big_child = max(float(r["rss_children"]) for r in runs)
        small_run = small_results.get(label)
        if small_run is None:
            print(f"  {label:<22} {'n/a':>13}   {big_self:5.0f} / {big_child:4.0f}")
            continue
        s_self, s_child = float(small_run["rss_self"]), float(small_run["rss_children"])
        growth = max(big_self / s_self, big_child / s_child if s_child > 1 else 1.0)
        print(f"  {label:<22} {s_self:5.0f} / {s_child:4.0f}   {big_self:5.0f} / "
              f"{big_child:4.0f}   growth x{growth:.2f}")  # fmt: skip
        if label == "ours (default jobs)":
            flat = growth <= TARGET_MEMORY_GROWTH
    if args.directorates == 0:
        print(
            "  (one directorate per return: the report itself grows with the files, so memory "
            "is not expected to stay flat; run without --directorates 0 to judge the target)"
        )
        flat = None
    print(f"  flat in the number of files (ours, default jobs, growth <= "
          f"x{TARGET_MEMORY_GROWTH} for {args.returns / small_n:.1f}x the files): "
          f"{_verdict(flat)}")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the benchmark (or one measurement)."""
    parser = argparse.ArgumentParser(
        description="Time consolidate against the pandas way and the floor.",
        epilog="Always exits 0: a benchmark, not a test. Targets are printed as MET / NOT MET.",
    )
    parser.add_argument("--returns", type=int, default=300, help="returns (files) in the corpus")
    parser.add_argument("--actions", type=int, default=150, help="actions per return")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of every method")
    parser.add_argument("--jobs", type=int, action="append",
                        help="time consolidate with N workers (repeatable; default 1 and 2; "
                             "the default number is always timed too)")  # fmt: skip
    parser.add_argument(
        "--directorates",
        type=int,
        default=None,
        help="directorates in the corpus (default 10-20; 0 = one per return)",
    )
    parser.add_argument("--seed", type=int, default=0, help="generator seed")
    parser.add_argument("--cache", help="folder for generated corpora (default: system temp)")
    parser.add_argument(
        "--quick", action="store_true", help="smoke run: 30 returns x 50 actions, one round"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.returns, args.actions, args.repeat = 30, 50, 1
    try:
        benchmark(args)
    except Exception as exc:  # a benchmark reports, it does not fail the caller
        print(f"benchmark stopped: {type(exc).__name__}: {exc}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
