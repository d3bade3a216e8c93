"""Time ``refresh`` against an openpyxl load-and-save and against the zip floor, on plans made
from the template.

    python benchmarks/bench_refresh.py [--actions 1000 5000] [--repeat 3] [--quick]

What it does:

1. Makes plans of each size from the template (``workbook-tools new``, then the Actions table
   filled with actions as officers write them: refs, priorities, leads, deadlines in every form
   the rules read, statuses, percentages, commentary of 100-600 characters; a Timeline with a
   few hundred rows), once, into a cache folder under the system's temporary folder.
2. Times, interleaved in the same run (one round of every method and size, then the next, so a
   noisy machine slows every method alike), each in a fresh Python process, on a fresh copy:

   * **ours**: ``workbook_tools.usecases.plan.refresh(plan)`` in place: read, rate, write the
     computed columns, Timeline marks and the rebuilt sheets with their charts and Gantt
     pictures, check the written file against the original, back up and replace;
   * **openpyxl**: ``openpyxl.load_workbook(plan)`` and ``save`` of the same file (what refresh
     used to do before it wrote anything of its own);
   * **floor**: every zip part read and written back into a new zip (the least any writer that
     rewrites the file could spend).

3. Prints the median seconds of each, the ratios ours / openpyxl (target: at most 0.5 at the
   largest size) and ours / floor (target: at most 3), and whether the cost grows no faster than
   the number of actions (the time per action at the largest size at most that of the smallest).

Times are measured inside the measuring process around the call alone (interpreter start-up and
imports excluded). Peak memory is the measuring process's peak resident set size. This is a
benchmark, not a test: it always exits 0 and prints whether each target is met.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET_VS_OPENPYXL = 0.5
TARGET_VS_FLOOR = 3.0
MEASURE_TIMEOUT = 900
AS_OF = dt.date(2008, 6, 30)
#: Bumped whenever the generated plans change, so cached plans are made again.
PLAN_VERSION = 1
_DEADLINES = ("Mar 09", "31December 08", "Q3 2008/09", "Apr 08 Mar 09", "Mar 09?", "On-going",
              "To be confirmed", "Dec 2008", "30/09/2008")  # fmt: skip
_STATUSES = ("In progress",) * 5 + ("Not started", "Complete", "Complete", "Deferred", None)
_WORDS = ("review", "deliver", "the", "strategy", "partners", "report", "Cabinet", "budget",
          "consultation", "milestone", "delayed", "agreed", "funding", "plan")  # fmt: skip
_LEADS = ("Head of HR&D", "Director of Resources", "Jo Boulton", "AC / DH", "Liz Clark")


def make_plan(path: Path, n_actions: int, seed: int = 0) -> Path:
    """A plan from the template with ``n_actions`` actions typed into its Actions table and
    a Timeline of up to 300 of them, dated 30 June 2008."""
    import openpyxl

    from workbook_tools.core import layout
    from workbook_tools.writers.template.build import write_template

    rng = random.Random(seed)
    write_template(path, directorate="Resources", plan_year_start=dt.date(2008, 4, 1))
    wb = openpyxl.load_workbook(path)
    ws = wb[layout.ACTIONS]
    heads = {c.value: c.column for c in ws[1] if c.value}
    per_priority = max(1, n_actions // 8)
    for i in range(n_actions):
        p, k = divmod(i, per_priority)
        ref = f"{p + 1}.{k // 12 + 1}.{k % 12 + 1}"
        words = rng.choices(_WORDS, k=rng.randint(15, 90))
        values = {
            "Ref": ref,
            "Priority": f"Priority {p + 1}",
            "Action": " ".join(rng.choices(_WORDS, k=8)).capitalize(),
            "Lead": rng.choice(_LEADS),
            "Start": dt.datetime(2008, rng.randint(1, 12), 1) if rng.random() < 0.5 else None,
            "Deadline": rng.choice(_DEADLINES),
            "Status": rng.choice(_STATUSES),
            "% Complete": rng.choice((0, 25, 50, 75, 90, None)),
            "Self-assessed RAG": rng.choice(("Green", "Amber", "Red", None)),
            "Commentary": " ".join(words).capitalize() + ".",
            "Date provided": dt.datetime(2008, 6, rng.randint(1, 28)),
        }
        for heading, value in values.items():
            if value is not None:
                ws.cell(i + 2, heads[heading], value)
    table = ws.tables[layout.ACTIONS_TABLE]
    table.ref = table.autoFilter.ref = f"A1:U{n_actions + 1}"
    timeline = wb[layout.TIMELINE]
    for i in range(min(n_actions, 300)):
        timeline.cell(i + 2, 1, ws.cell(i + 2, 1).value)
        timeline.cell(i + 2, 2, ws.cell(i + 2, 3).value)
        timeline.cell(i + 2, 4 + i % 12, "x")
    for row in wb[layout.SETTINGS].iter_rows(min_row=2):
        if str(row[0].value or "").startswith("As-of date"):
            row[1].value = dt.datetime.combine(AS_OF, dt.time())
    wb.save(path)
    return path


def plans(sizes: list[int], cache: Path) -> dict[int, Path]:
    """The plan of each size, made once into ``cache``."""
    cache.mkdir(parents=True, exist_ok=True)
    found = {}
    for n in sizes:
        path = cache / f"plan-v{PLAN_VERSION}-{n}.xlsx"
        if not path.exists():
            print(f"making a plan of {n} actions…", flush=True)
            make_plan(path.with_suffix(".tmp.xlsx"), n).rename(path)
        found[n] = path
    return found


# --------------------------------------------------------------------------------------------
# One measurement, in a fresh process
# --------------------------------------------------------------------------------------------


def measure_main(method: str, plan: str) -> None:
    """Print one measurement as a line of JSON (the child process's entry point)."""
    print(json.dumps(measure(method, Path(plan))))


def measure(method: str, plan: Path) -> dict[str, object]:
    """Run one method once on a fresh copy of ``plan``; its time and peak memory."""
    import resource

    if method == "ours":  # imports before timing: start-up is not what is compared
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot

        import workbook_tools.core.summary  # pandas, for the summary tables
        import workbook_tools.sources.calamine
        import workbook_tools.writers.file.package_refresh  # noqa: F401
        from workbook_tools.usecases import plan as services
    elif method == "openpyxl":
        import openpyxl
    with tempfile.TemporaryDirectory(prefix="bench-refresh-") as folder:
        work = Path(folder) / "plan.xlsx"
        shutil.copyfile(plan, work)
        started = time.perf_counter()
        if method == "ours":
            services.refresh(work, generated_at=dt.datetime(2008, 7, 1, 9, 0))
        elif method == "openpyxl":
            openpyxl.load_workbook(work).save(Path(folder) / "out.xlsx")
        else:
            with (
                zipfile.ZipFile(work) as src,
                zipfile.ZipFile(Path(folder) / "out.xlsx", "w", zipfile.ZIP_DEFLATED) as dst,
            ):
                for info in src.infolist():
                    dst.writestr(info, src.read(info))
        seconds = time.perf_counter() - started
    scale = 1 if sys.platform == "darwin" else 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / (1024 * 1024)
    return {"seconds": seconds, "rss": peak}


def run(method: str, plan: Path) -> dict[str, object] | None:
    """Measure once in a fresh process; None (with the error shown) if it failed."""
    code = f"import sys; sys.path.insert(0, {str(HERE)!r}); from bench_refresh import measure_main"
    command = [sys.executable, "-c", f"{code}; measure_main({method!r}, {str(plan)!r})"]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=MEASURE_TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired:
        print(f"  {method}: gave up after {MEASURE_TIMEOUT} s", flush=True)
        return None
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        tail = (done.stderr.strip().splitlines() or ["(no output)"])[-1]
        print(f"  {method}: failed: {tail}", flush=True)
        return None
    return json.loads(lines[-1])


# --------------------------------------------------------------------------------------------
# The report
# --------------------------------------------------------------------------------------------

METHODS = ("ours", "openpyxl", "floor")


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next(
                (line.split(":", 1)[1].strip() for line in info if line.startswith("model name")),
                cpu,
            )
    except OSError:
        pass
    try:
        load = "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except (AttributeError, OSError):
        load = "load average unknown"
    return f"{cpu}, {os.cpu_count()} logical processors, Python {platform.python_version()}; {load}"


def _verdict(ok: bool) -> str:
    return "MET" if ok else "NOT MET"


def benchmark(args: argparse.Namespace) -> None:
    """Make (or reuse) the plans, run every measurement interleaved, print the results."""
    sizes = sorted(args.actions)
    cache = Path(args.cache) if args.cache else Path(tempfile.gettempdir()) / "workbook-tools-bench"
    found = plans(sizes, cache)
    print(f"machine: {_machine()}")
    print(f"plans: {', '.join(str(n) for n in sizes)} actions; {args.repeat} round(s), interleaved")
    times: dict[tuple[str, int], list[float]] = {}
    memory: dict[tuple[str, int], list[float]] = {}
    for round_number in range(args.repeat):
        order = METHODS[round_number % 3 :] + METHODS[: round_number % 3]
        for n in sizes:
            for method in order:
                result = run(method, found[n])
                if result is not None:
                    times.setdefault((method, n), []).append(float(result["seconds"]))
                    memory.setdefault((method, n), []).append(float(result["rss"]))
        print(f"round {round_number + 1} done", flush=True)
    median = {key: statistics.median(values) for key, values in times.items()}
    print("\nmedian seconds (peak memory, MiB)")
    for n in sizes:
        cells = [
            f"{m} {median[(m, n)]:.3f} s ({max(memory[(m, n)]):.0f})"
            for m in METHODS
            if (m, n) in median
        ]
        print(f"  {n:>6} actions: " + "; ".join(cells))
    for n in sizes:
        if all((m, n) in median for m in METHODS):
            vs_openpyxl = median[("ours", n)] / median[("openpyxl", n)]
            vs_floor = median[("ours", n)] / median[("floor", n)]
            print(
                f"  {n:>6} actions: ours / openpyxl {vs_openpyxl:.2f}, ours / floor {vs_floor:.1f}"
            )
    big, small = sizes[-1], sizes[0]
    if all((m, big) in median for m in METHODS):
        vs_openpyxl = median[("ours", big)] / median[("openpyxl", big)]
        vs_floor = median[("ours", big)] / median[("floor", big)]
        print(f"\ntarget ours / openpyxl <= {TARGET_VS_OPENPYXL} at {big}: "
              f"{vs_openpyxl:.2f} {_verdict(vs_openpyxl <= TARGET_VS_OPENPYXL)}")  # fmt: skip
        print(f"target ours / floor <= {TARGET_VS_FLOOR} at {big}: "
              f"{vs_floor:.1f} {_verdict(vs_floor <= TARGET_VS_FLOOR)}")  # fmt: skip
    if big != small and ("ours", big) in median and ("ours", small) in median:
        per_big = median[("ours", big)] / big * 1000
        per_small = median[("ours", small)] / small * 1000
        print(f"target linear in actions (ms per action at {big} <= at {small}): "
              f"{per_big:.3f} vs {per_small:.3f} {_verdict(per_big <= per_small)}")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    """The command line (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actions", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cache", help="folder for the generated plans")
    parser.add_argument("--quick", action="store_true", help="smoke run: 200 and 1000, 1 round")
    args = parser.parse_args(argv)
    if args.quick:
        args.actions, args.repeat = [200, 1000], 1
    benchmark(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
