"""Time ``consolidate`` against the pandas way and against the floor, on every kind of folder.

    python benchmarks/bench_consolidate.py [--workload NAME] [--returns 300] [--actions 150]
                                           [--repeat 3] [--jobs N] [--quick]

Workloads (all four by default; ``--workload`` picks one, repeatable):

* ``template-versions``: template returns from 20 directorates x 15 quarterly versions; the
  report counts each directorate's latest (3,000 actions) and lists 280 as superseded;
* ``template-all``: template returns, every one its own directorate (45,000 actions counted);
* ``legacy-all``: returns in a council's own layout (a title row and a blank row above ``Ref |
  Our key commitments | Key actions | Completion date | …``, no Settings sheet), every one its
  own directorate (45,000 actions counted);
* ``mixed``: a changeover year's folder: half template returns (10 directorates x 15 versions),
  legacy returns with ``Directorate:`` and ``Updated to`` lines (6 directorates x 10 versions),
  legacy returns without them (each its own directorate) and a few broken files.

For each workload the corpus is generated once (``generate.py``, ``generate_legacy.py``) into a
cache folder under the system's temporary folder and reused. Then, interleaved in the same run
(one round of every method, then the next round, each measurement in a fresh process), the
three ways of ``consolidate_ways.py`` are timed: **ours** (with the default number of workers,
and with each ``--jobs N``), **pandas** and the **floor**. It prints each workload's medians and
the ratios ours / pandas (target: at most 0.5 on every workload, twice as fast) and ours / floor
(target: at most 1.5 on the default workload, ``template-versions``), and the peak memory of each
method on a corpus a third the size (same directorates for ``template-versions``, so the report
is the same size there; the target is that memory stays flat in the number of files: at most
1.25 times for three times the files).

This is a benchmark, not a test: it always exits 0 and prints whether each target is met.
``--quick`` (30 returns of 50 actions, one round) is a smoke run of the command.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchlib import Method, fmt, interleaved, load, machine, median, verdict, versions

HERE = Path(__file__).resolve().parent
WORKLOADS = ("template-versions", "template-all", "legacy-all", "mixed")
#: Targets (ratios of median times, and of peak memory between the two corpus sizes).
TARGET_VS_PANDAS = 0.5
TARGET_VS_FLOOR = 1.5
TARGET_MEMORY_GROWTH = 1.25
#: Bumped whenever a generator's output changes, so cached corpora are rebuilt.
CORPUS_VERSION = 2


def corpus(
    workload: str,
    n_returns: int,
    n_actions: int,
    seed: int,
    cache: Path,
    directorates: int | None = None,
) -> Path:
    """The cached corpus folder of ``workload`` for these parameters, generated on first use."""
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    import generate
    import generate_legacy

    name = f"{workload}-v{CORPUS_VERSION}-r{n_returns}-a{n_actions}-d{directorates}-s{seed}"
    folder = cache / name
    done = folder / ".complete"
    if done.exists():
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    started = time.perf_counter()
    print(
        f"generating {workload}: {n_returns} files x {n_actions} actions in {folder} ...",
        flush=True,
    )
    if workload == "template-versions":
        generate.generate_returns(folder, n_returns, n_actions, seed, directorates=directorates)
    elif workload == "template-all":
        generate.generate_returns(folder, n_returns, n_actions, seed, directorates=0)
    elif workload == "legacy-all":
        generate_legacy.generate_legacy(folder, n_returns, n_actions, seed)
    else:
        generate_legacy.generate_mixed(folder, n_returns, n_actions, seed)
    done.write_text(f"generated in {time.perf_counter() - started:.1f} s\n")
    return folder


def _methods(folder: Path, jobs: list[int]) -> list[Method]:
    ways = [Method("ours", "consolidate_ways", "ours", str(folder), None)]
    ways += [Method(f"ours (jobs {j})", "consolidate_ways", "ours", str(folder), j) for j in jobs]
    ways += [Method(name, "consolidate_ways", name, str(folder)) for name in ("pandas", "floor")]
    return ways


def _show(_method: Method, got: dict[str, object]) -> str:
    return (
        f"{float(got['seconds']):7.2f} s  rows {got['rows']:>6}  peak "
        f"{float(got['rss_self']):5.0f} MiB (largest child {float(got['rss_children']):4.0f})"
    )


def run_workload(workload: str, args: argparse.Namespace, cache: Path) -> dict[str, object]:
    """Time every method on one workload; its medians, ratios and memory, as printed."""
    import generate

    n = args.returns
    dirs = generate.directorate_count(n) if workload == "template-versions" else None
    big = corpus(workload, n, args.actions, args.seed, cache, dirs)
    small_n = max(dirs or 1, n // 3)
    small = corpus(workload, small_n, args.actions, args.seed, cache, dirs) if small_n < n else None
    print(
        f"\n== {workload}: {n} files x {args.actions} actions; {args.repeat} round(s)", flush=True
    )
    methods = _methods(big, args.jobs or [])
    results = interleaved(methods, args.repeat, _show)
    medians = {
        label: median([float(r["seconds"]) for r in runs]) for label, runs in results.items()
    }
    small_runs: dict[str, dict[str, object] | None] = {}
    if small is not None:
        print(f"  memory at {small_n} files", flush=True)
        for method in _methods(small, args.jobs or []):
            small_runs[method.label] = method.run()
    memory = {}
    for label, runs in results.items():
        if not runs:
            continue
        big_peak = (
            max(float(r["rss_self"]) for r in runs),
            max(float(r["rss_children"]) for r in runs),
        )
        got = small_runs.get(label)
        small_peak = (float(got["rss_self"]), float(got["rss_children"])) if got else None
        memory[label] = (small_peak, big_peak)
    rows = {label: sorted({r["rows"] for r in runs}) for label, runs in results.items()}
    return {"medians": medians, "memory": memory, "rows": rows, "small_n": small_n}


def _growth(small: tuple[float, float] | None, big: tuple[float, float]) -> float | None:
    if small is None:
        return None
    return max(big[0] / small[0], big[1] / small[1] if small[1] > 1 else 1.0)


def report(workload: str, found: dict[str, object], n: int) -> dict[str, bool | None]:
    """Print one workload's medians, ratios and memory; which targets it meets."""
    medians: dict[str, float | None] = found["medians"]  # type: ignore[assignment]
    pandas_s, floor_s = medians.get("pandas"), medians.get("floor")
    print(f"\n{workload}: median seconds, ratios")
    for label, seconds in medians.items():
        line = f"  {label:<16} {fmt(seconds):>9}"
        if label.startswith("ours") and seconds is not None:
            line += (
                f"   ours/pandas {fmt(seconds / pandas_s if pandas_s else None, '')}"
                f"   ours/floor {fmt(seconds / floor_s if floor_s else None, '')}"
            )
        print(line)
    print(f"  Register rows: {found['rows']}")
    ours = medians.get("ours")
    met: dict[str, bool | None] = {
        "pandas": None if not (ours and pandas_s) else ours / pandas_s <= TARGET_VS_PANDAS,
        "floor": None,
        "memory": None,
    }
    if workload == "template-versions" and ours and floor_s:
        met["floor"] = ours / floor_s <= TARGET_VS_FLOOR
    print(
        f"  peak memory (MiB, main process / largest worker) at {found['small_n']} and {n} files:"
    )
    for label, (small, big) in found["memory"].items():  # type: ignore[attr-defined]
        growth = _growth(small, big)
        shown = "n/a" if small is None else f"{small[0]:5.0f} / {small[1]:4.0f}"
        print(
            f"  {label:<16} {shown:>13}   {big[0]:5.0f} / {big[1]:4.0f}   growth "
            f"{fmt(growth, '', 2)}"
        )
        if label == "ours" and workload == "template-versions" and growth is not None:
            met["memory"] = growth <= TARGET_MEMORY_GROWTH
    return met


def benchmark(args: argparse.Namespace) -> None:
    """Generate (or reuse) the corpora, run every workload, print the results and targets."""
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    print(f"machine: {machine()}; {load()}")
    print(f"libraries: {versions(('pandas', 'openpyxl', 'XlsxWriter', 'python-calamine'))}")
    print("each measurement in a fresh process; methods interleaved round by round")
    cache = Path(args.cache) if args.cache else Path(tempfile.gettempdir()) / "workbook-tools-bench"
    workloads = args.workload or list(WORKLOADS)
    found = {w: run_workload(w, args, cache) for w in workloads}
    print(f"\nfinished; {load()}")
    verdicts = {w: report(w, found[w], args.returns) for w in workloads}
    print("\ntargets (ours, default number of workers):")
    for w in workloads:
        medians = found[w]["medians"]
        ours, pandas_s = medians.get("ours"), medians.get("pandas")
        ratio = ours / pandas_s if ours and pandas_s else None
        print(
            f"  {w:<18} at least 2x faster than pandas: ours/pandas {fmt(ratio, '')} "
            f"(<= {TARGET_VS_PANDAS})  {verdict(verdicts[w]['pandas'])}"
        )
    if "template-versions" in found:
        medians = found["template-versions"]["medians"]
        ours, floor_s = medians.get("ours"), medians.get("floor")
        ratio = ours / floor_s if ours and floor_s else None
        print(
            f"  template-versions  at most {TARGET_VS_FLOOR}x the floor: ours/floor "
            f"{fmt(ratio, '')}  {verdict(verdicts['template-versions']['floor'])}"
        )
        print(
            f"  template-versions  memory flat in the number of files (growth <= "
            f"x{TARGET_MEMORY_GROWTH}): {verdict(verdicts['template-versions']['memory'])}"
        )


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the benchmark."""
    parser = argparse.ArgumentParser(
        description="Time consolidate against the pandas way and the floor, per workload.",
        epilog="Always exits 0: a benchmark, not a test. Targets are printed as MET / NOT MET.",
    )
    parser.add_argument(
        "--workload",
        action="append",
        choices=WORKLOADS,
        help="workload to run (repeatable; default: all four)",
    )
    parser.add_argument("--returns", type=int, default=300, help="files in each corpus")
    parser.add_argument("--actions", type=int, default=150, help="actions per return")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of every method")
    parser.add_argument(
        "--jobs",
        type=int,
        action="append",
        help="also time consolidate with N workers (repeatable)",
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
