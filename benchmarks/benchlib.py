"""What the benchmarks share: measuring in a fresh process, medians, and describing the machine.

Each measurement runs in a fresh Python process (``python -c`` importing a measuring module from
this folder and calling its ``measure_main``), which prints one line of JSON: at least
``seconds``, and the peak resident set sizes ``rss_self`` and ``rss_children`` (MiB) read with
``resource.getrusage`` after the work. Methods are run interleaved, one round of every method
and then the next, the first method rotating each round, so that a noisy machine slows them
alike; only timings taken side by side in one run are compared.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: Seconds one measurement may take before it is abandoned.
MEASURE_TIMEOUT = 1800


def peak_memory() -> dict[str, float]:
    """The peak resident set size of this process and of its largest child so far (MiB)."""
    import resource

    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB elsewhere
    mib = 1024 * 1024
    return {
        "rss_self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / mib,
        "rss_children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale / mib,
    }


class Method:
    """One way of doing a job, measured in a fresh process: ``module.measure_main(*args)``."""

    def __init__(self, label: str, module: str, *args: object) -> None:
        self.label, self.module, self.args = label, module, args

    def run(self) -> dict[str, object] | None:
        """Measure once; the measurement's JSON, or None (with the error shown) if it failed."""
        # Started with -c, so that worker processes do not re-import a benchmark's main file.
        call = f"measure_main(*{self.args!r})"
        code = (f"import sys; sys.path.insert(0, {str(HERE)!r}); "
                f"from {self.module} import measure_main; {call}")  # fmt: skip
        try:
            done = subprocess.run(
                [sys.executable, "-c", code],
                capture_output=True,
                text=True,
                timeout=MEASURE_TIMEOUT,
                check=False,
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


def interleaved(
    methods: Sequence[Method],
    rounds: int,
    show: Callable[[Method, dict[str, object]], str] | None = None,
) -> dict[str, list[dict[str, object]]]:
    """Every method once per round, the starting method rotating; measurements by label."""
    results: dict[str, list[dict[str, object]]] = {m.label: [] for m in methods}
    methods = list(methods)
    for round_no in range(rounds):
        shift = round_no % len(methods)
        print(f"  round {round_no + 1}/{rounds}", flush=True)
        for method in methods[shift:] + methods[:shift]:
            got = method.run()
            if got is not None:
                results[method.label].append(got)
                line = show(method, got) if show else f"{float(got['seconds']):7.2f} s"
                print(f"    {method.label:<22} {line}", flush=True)
    return results


def median(values: Sequence[float]) -> float | None:
    """The median, or None for no values."""
    return statistics.median(values) if values else None


def fmt(value: float | None, unit: str = " s", digits: int = 2) -> str:
    """A number for the tables, ``n/a`` when missing."""
    return "n/a" if value is None else f"{value:.{digits}f}{unit}"


def verdict(ok: bool | None) -> str:
    """MET / NOT MET / n/a."""
    return "n/a" if ok is None else ("MET" if ok else "NOT MET")


def machine() -> str:
    """The processor, the number of logical processors, the system and Python."""
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


def load() -> str:
    """The system load averages (1, 5, 15 minutes), to judge how noisy the machine was."""
    try:
        return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except (AttributeError, OSError):
        return "load average unknown"


def versions(names: Sequence[str]) -> str:
    """The installed versions of ``names``."""
    from importlib import metadata

    parts = []
    for name in names:
        try:
            parts.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name} missing")
    return ", ".join(parts)
