"""The three ways of consolidating a folder of returns that ``bench_consolidate.py`` times.

Each runs in a fresh process (:func:`measure_main`) and handles every workload's files: template
returns (Settings and Actions sheets), legacy returns (one sheet, the header found by its ``Ref``
heading, ``Directorate:`` and ``Updated to`` lines above it when there are any, else the file
name as the directorate) and broken files (skipped).

* **ours**: ``workbook_tools.consolidation.consolidate([folder], report)``;
* **pandas**: what a user would write with pandas: ``pd.read_excel`` per file (default engine),
  ``pd.concat``, keep each directorate's latest return, ``to_excel`` one Register sheet;
* **floor**: python-calamine reading the same cells, keeping each directorate's latest rows, and
  XlsxWriter in ``constant_memory`` mode writing the Register's sixteen columns (the raw cells
  in place of computed ones): no rating, no checks, nothing else.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from benchlib import peak_memory

#: The Register's columns, as the corporate report writes them.
REGISTER_HEADINGS = (
    "Directorate", "Source file", "Source sheet", "Source row", "Ref", "Priority", "Action",
    "Lead", "Due date", "Days left", "Status", "Self-assessed RAG", "Computed RAG",
    "RAG reason", "Flags", "Commentary",
)  # fmt: skip
#: Register column (from Ref on) ← the heading it is read from, in either layout.
_SOURCES: dict[str, tuple[str, ...]] = {
    "Ref": ("Ref",), "Priority": ("Priority", "Our key commitments"),
    "Action": ("Action", "Key actions"), "Lead": ("Lead", "Strategic lead"),
    "Due date": ("Due date", "Completion date"), "Days left": ("Days left",),
    "Status": ("Status",), "Self-assessed RAG": ("Self-assessed RAG", "Red/Amber/ Green?"),
    "Computed RAG": ("Computed RAG",), "RAG reason": ("RAG reason",), "Flags": ("Flags",),
    "Commentary": ("Commentary", "Latest Commentary"),
}  # fmt: skip
#: Legacy headings renamed to the template's, so that pandas' concat lines them up.
_LEGACY_NAMES = {legacy: names[0] for names in _SOURCES.values() for legacy in names[1:]}


def _settings_value(rows: Sequence[Sequence[object]], label_start: str) -> object:
    for row in rows:
        if row and isinstance(row[0], str) and row[0].startswith(label_start):
            return row[1] if len(row) > 1 else None
    return None


def _legacy_heading(above: Sequence[Sequence[object]], stem: str) -> tuple[str, object]:
    """The directorate and as-of date the lines above a legacy header give (else stem, None)."""
    directorate, as_of = stem, None
    for row in above:
        text = row[0] if row and isinstance(row[0], str) else ""
        if text.startswith("Directorate:"):
            directorate = text.split(":", 1)[1].strip()
        elif text.startswith("Updated to"):
            as_of = dt.datetime.strptime(text[len("Updated to") :].strip(), "%d %m %y")
    return directorate, as_of


def _keep_latest(latest: dict, directorate: str, as_of: object, kept: tuple) -> None:
    """Keep ``kept`` as the directorate's return unless a later one is already kept."""
    current = latest.get(directorate)
    if current is None or str(as_of) > str(current[0]):
        latest[directorate] = (as_of, *kept)


# --------------------------------------------------------------------------------------------
# The three ways
# --------------------------------------------------------------------------------------------


def run_ours(folder: Path, output: Path, jobs: int | None) -> int:
    """consolidate() on the folder; the number of Register rows."""
    from workbook_tools.consolidation import consolidate

    result = consolidate([folder], output / "report.xlsx", jobs=jobs)
    return sum(source.actions or 0 for source in result.used)


def _pandas_read(pd: object, path: Path) -> tuple[str, object, object]:
    """One file read the pandas way: its directorate, as-of date and actions frame."""
    book = pd.ExcelFile(path)  # type: ignore[attr-defined]
    if "Settings" in book.sheet_names:
        sheets = pd.read_excel(book, sheet_name=["Settings", "Actions"])  # type: ignore[attr-defined]
        settings = dict(zip(sheets["Settings"].iloc[:, 0], sheets["Settings"].iloc[:, 1],
                            strict=False))  # fmt: skip
        directorate = settings["Directorate (who this return is from)"]
        as_of, actions, first = settings["As-of date (blank = today)"], sheets["Actions"], 2
    else:
        raw = pd.read_excel(book, sheet_name=0, header=None)  # type: ignore[attr-defined]
        top = int(raw.index[raw.iloc[:, 0] == "Ref"][0])
        directorate, as_of = _legacy_heading(raw.iloc[:top].values.tolist(), path.stem)
        actions = raw.iloc[top + 1 :].reset_index(drop=True)
        actions.columns = [_LEGACY_NAMES.get(h, h) for h in raw.iloc[top]]
        first = top + 2
    actions.insert(0, "Directorate", directorate)
    actions.insert(1, "Source file", path.name)
    actions.insert(2, "Source row", actions.index + first)
    return directorate, as_of, actions


def run_pandas(folder: Path, output: Path) -> int:
    """The pandas way: read_excel per file, concat, keep the latest returns, to_excel."""
    import warnings

    import pandas as pd

    frames = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the notice about a future default engine
        for path in sorted(folder.rglob("*.xlsx")):
            try:
                _directorate, as_of, actions = _pandas_read(pd, path)
            except Exception:  # a broken file: a user's script would skip it
                continue
            actions["As-of"] = pd.Timestamp(as_of) if as_of is not None else pd.Timestamp.min
            frames.append(actions)
    register = pd.concat(frames, ignore_index=True)
    latest = register.groupby("Directorate")["As-of"].transform("max")
    register = register[register["As-of"] == latest].drop(columns="As-of")
    register.to_excel(output / "report.xlsx", sheet_name="Register", index=False)
    return len(register)


def _floor_read(path: Path) -> tuple[str, object, str, int, list[str], list[list[object]]]:
    """One file read with python-calamine: directorate, as-of, sheet, first row, header, rows."""
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(path))
    if "Settings" in wb.sheet_names:
        settings = wb.get_sheet_by_name("Settings").to_python()
        actions = wb.get_sheet_by_name("Actions").to_python()
        directorate = str(_settings_value(settings, "Directorate"))
        as_of = _settings_value(settings, "As-of date")
        return directorate, as_of, "Actions", 2, [str(h) for h in actions[0]], actions[1:]
    name = wb.sheet_names[0]
    rows = wb.get_sheet_by_name(name).to_python()
    top = next(r for r, row in enumerate(rows) if row and row[0] == "Ref")
    directorate, as_of = _legacy_heading(rows[:top], path.stem)
    return directorate, as_of, name, top + 2, [str(h) for h in rows[top]], rows[top + 1 :]


def run_floor(folder: Path, output: Path) -> int:
    """The floor: calamine reads the same cells, XlsxWriter (constant memory) writes the rows."""
    import xlsxwriter

    latest: dict[str, tuple] = {}
    for path in sorted(folder.rglob("*.xlsx")):
        try:
            directorate, as_of, *kept = _floor_read(path)
        except Exception:  # broken: skipped
            continue
        _keep_latest(latest, directorate, as_of, (path.name, *kept))
    book = xlsxwriter.Workbook(
        str(output / "report.xlsx"),
        {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
    )
    ws = book.add_worksheet("Register")
    date = book.add_format({"num_format": "d mmm yyyy"})
    for c, heading in enumerate(REGISTER_HEADINGS):
        ws.write_string(0, c, heading)
    r = 1
    for directorate, (_as_of, name, sheet, first, header, rows) in sorted(latest.items()):
        where = {h: i for i, h in enumerate(header)}
        picks = [next((where[h] for h in names if h in where), None) for names in _SOURCES.values()]
        for source_row, row in enumerate(rows, first):
            ws.write_string(r, 0, directorate)
            ws.write_string(r, 1, name)
            ws.write_string(r, 2, sheet)
            ws.write_number(r, 3, source_row)
            for c, index in enumerate(picks, 4):
                value = row[index] if index is not None and index < len(row) else None
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


# --------------------------------------------------------------------------------------------
# One measurement (the child process's entry point)
# --------------------------------------------------------------------------------------------


def measure_main(method: str, folder: str, jobs: int | None = None) -> None:
    """Run one method once on ``folder``; print its time, peak memory and Register rows."""
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
            rows = run_ours(Path(folder), Path(out), jobs)
        elif method == "pandas":
            rows = run_pandas(Path(folder), Path(out))
        else:
            rows = run_floor(Path(folder), Path(out))
        seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "rows": rows, **peak_memory()}))
