"""Returns in a council's own (legacy) layout, and mixed folders, generated for benchmarks.

A legacy return is what a directorate kept before the template: one sheet, no Settings sheet, a
title row and a blank row above the header

    Ref | Our key commitments | Key actions | Completion date | Strategic lead | Status |
    % complete | Red/Amber/ Green? | Latest Commentary | Date provided

then one row per action (the same content as :mod:`generate` makes for the template: refs,
priorities, deadlines as typed, leads, commentary of 100-600 characters). With ``headed=True`` two
lines sit between the title and the header, ``Directorate: NAME`` and ``Updated to 30 06 08``,
which give the return its directorate and own as-of date (WORKBOOK.md); without them the
directorate is the file name and the return has no as-of date of its own.

* :func:`generate_legacy` writes ``n`` legacy returns, each its own directorate (every action is
  counted);
* :func:`generate_mixed` writes a folder as it arrives from a council in a changeover year:
  template returns with several versions per directorate, legacy returns with ``Directorate`` and
  ``Updated to`` lines (several versions of each), legacy returns without them (each its own
  directorate), and a few broken files (cut short, not a workbook, empty, no table of actions).

Same arguments, same cell values. ``python benchmarks/generate_legacy.py legacy|mixed FOLDER
[N_RETURNS] [N_ACTIONS] [SEED]`` writes a corpus to look at.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import zipfile
from pathlib import Path

import generate
import xlsxwriter

LEGACY_HEADINGS = (
    "Ref", "Our key commitments", "Key actions", "Completion date", "Strategic lead", "Status",
    "% complete", "Red/Amber/ Green?", "Latest Commentary", "Date provided",
)  # fmt: skip
#: Where each legacy column's value comes from in :func:`generate._action_rows`' rows.
_FROM_TEMPLATE_ROW = (0, 1, 2, 5, 3, 6, 7, 8, 9, 10)
_TITLES = (
    "Corporate Plan 2008-11 - key commitments: quarterly monitoring",
    "Annual plan commitments monitoring",
    "Service plan action plan - progress report",
    "Improvement plan: progress against actions",
)


def write_legacy_return(
    path: str | Path,
    *,
    directorate: str,
    as_of: dt.date,
    n_actions: int,
    rng: random.Random,
    headed: bool = False,
) -> Path:
    """Write one legacy return to ``path`` (see the module docstring for its layout)."""
    path = Path(path)
    rows = generate._action_rows(rng, n_actions, as_of)
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    wb.set_properties({"title": f"{directorate} monitoring", "author": directorate,
                       "created": dt.datetime(2008, 1, 1)})  # fmt: skip
    title = wb.add_format({"bold": True, "font_size": 14})
    head = wb.add_format({"bold": True, "text_wrap": True, "valign": "top", "border": 1,
                          "bg_color": "#D9D9D9"})  # fmt: skip
    wrap = wb.add_format({"text_wrap": True, "valign": "top", "border": 1})
    date = wb.add_format({"num_format": "dd/mm/yyyy", "valign": "top", "border": 1})
    ws = wb.add_worksheet(f"{directorate[:24]} Q{(as_of.month - 4) % 12 // 3 + 1}")
    ws.write_string(0, 0, rng.choice(_TITLES), title)
    top = 2
    if headed:
        ws.write_string(2, 0, f"Directorate: {directorate}")
        ws.write_string(3, 0, f"Updated to {as_of:%d %m %y}")
        top = 5
    for c, heading in enumerate(LEGACY_HEADINGS):
        ws.write_string(top, c, heading, head)
    ws.set_column(0, 0, 7)
    ws.set_column(1, 2, 36)
    ws.set_column(3, 7, 12)
    ws.set_column(8, 8, 50)
    ws.set_column(9, 9, 12)
    ws.freeze_panes(top + 1, 0)
    ws.repeat_rows(top)
    for r, (row, _planned) in enumerate(rows, top + 1):
        for c, source in enumerate(_FROM_TEMPLATE_ROW):
            value = row[source]
            if value is None:
                ws.write_blank(r, c, None, wrap)
            elif isinstance(value, dt.datetime):
                ws.write_datetime(r, c, value, date)
            elif isinstance(value, str):
                ws.write_string(r, c, value, wrap)
            else:
                ws.write_number(r, c, value, wrap)
    wb.close()
    return path


def generate_legacy(
    folder: str | Path, n_returns: int, n_actions: int, seed: int = 0
) -> list[Path]:
    """``n_returns`` legacy returns (no directorate line: each file its own directorate)."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    names = generate.directorate_names(n_returns)
    paths = []
    for i, name in enumerate(names):
        rng = random.Random(f"legacy/{seed}/{i}")
        as_of = generate._quarter_end(12)
        path = target / f"{name} key commitments.xlsx"
        paths.append(
            write_legacy_return(path, directorate=name, as_of=as_of, n_actions=n_actions, rng=rng)
        )
    return paths


def mixed_plan(n_returns: int) -> dict[str, int]:
    """How :func:`generate_mixed` divides ``n_returns`` files: template files and directorates,
    headed legacy files and directorates, unheaded legacy files, broken files."""
    broken = max(2, n_returns // 50)
    template = n_returns // 2
    template_dirs = max(1, min(10, template // 5))
    headed = n_returns // 5
    headed_dirs = max(1, min(6, headed // 5))
    plain = n_returns - template - headed - broken
    return {"template": template, "template_dirs": template_dirs, "headed": headed,
            "headed_dirs": headed_dirs, "plain": max(0, plain), "broken": broken}  # fmt: skip


def register_rows(n_returns: int, n_actions: int) -> int:
    """The number of actions the mixed folder's report counts (one return per directorate)."""
    plan = mixed_plan(n_returns)
    return n_actions * (plan["template_dirs"] + plan["headed_dirs"] + plan["plain"])


def generate_mixed(folder: str | Path, n_returns: int, n_actions: int, seed: int = 0) -> list[Path]:
    """A mixed folder of ``n_returns`` files (see the module docstring and :func:`mixed_plan`)."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    plan = mixed_plan(n_returns)
    paths = generate.generate_returns(
        target / "template", plan["template"], n_actions, seed, directorates=plan["template_dirs"]
    )
    # Legacy directorates named apart from the template ones, so that none is counted twice.
    names = generate.directorate_names(plan["template_dirs"] + plan["headed_dirs"] + plan["plain"])
    headed_names = names[plan["template_dirs"] : plan["template_dirs"] + plan["headed_dirs"]]
    plain_names = names[plan["template_dirs"] + plan["headed_dirs"] :]
    versions = -(-plan["headed"] // plan["headed_dirs"])
    legacy = target / "legacy"
    legacy.mkdir(exist_ok=True)
    for i in range(plan["headed"]):
        version, which = divmod(i, plan["headed_dirs"])
        name = headed_names[which]
        as_of = generate._quarter_end(max(0, 13 - versions) + version)
        rng = random.Random(f"mixed-headed/{seed}/{i}")
        path = legacy / f"{name} monitoring {as_of:%Y-%m}.xlsx"
        paths.append(write_legacy_return(path, directorate=name, as_of=as_of,
                                         n_actions=n_actions, rng=rng, headed=True))  # fmt: skip
    for i, name in enumerate(plain_names):
        rng = random.Random(f"mixed-plain/{seed}/{i}")
        path = legacy / f"{name} key commitments.xlsx"
        paths.append(write_legacy_return(path, directorate=name, as_of=generate._quarter_end(12),
                                         n_actions=n_actions, rng=rng))  # fmt: skip
    paths += _broken_files(target / "broken", plan["broken"], paths[0])
    return paths


def _broken_files(folder: Path, count: int, good: Path) -> list[Path]:
    """``count`` files that are not readable returns, cycling through four kinds."""
    folder.mkdir(exist_ok=True)
    data = good.read_bytes()
    paths = []
    for i in range(count):
        kind = i % 4
        path = folder / f"broken {i + 1}.xlsx"
        if kind == 0:  # cut short in transit
            path.write_bytes(data[: len(data) // 2])
        elif kind == 1:  # a web page saved with the wrong name
            path.write_text("<html><body>Session expired, please log in again</body></html>")
        elif kind == 2:  # a workbook with no table of actions
            wb = xlsxwriter.Workbook(str(path))
            wb.add_worksheet("Sheet1").write_string(0, 0, "Please find our return attached.")
            wb.close()
        else:  # a zip that is not a workbook
            with zipfile.ZipFile(path, "w") as archive:
                archive.writestr("readme.txt", "not a workbook")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    """``generate_legacy.py legacy|mixed FOLDER [N_RETURNS] [N_ACTIONS] [SEED]``."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 2 or args[0] not in ("legacy", "mixed"):
        print(__doc__)
        return 2
    numbers = [int(a) for a in args[2:5]]
    n_returns, n_actions, seed = (*numbers, *(30, 50, 0)[len(numbers) :])
    make = generate_legacy if args[0] == "legacy" else generate_mixed
    paths = make(args[1], n_returns, n_actions, seed)
    print(f"{len(paths)} files written to {args[1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
