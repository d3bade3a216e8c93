"""The buttons that work with files and folders rather than the open plan: New plan, Import
plan…, Consolidate folder… and Guide.

Files and folders are chosen in Excel's own dialogs where Excel offers them to Python (Windows);
elsewhere the message says which command does the same job. What is made is opened in Excel.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..core import layout
from ..errors import UsageError
from ..usecases import plan as services
from . import run as ribbon_run
from .run import Run, plural

#: Worker processes for Consolidate folder (``None``: chosen for the machine).
CONSOLIDATE_JOBS: int | None = None
CANCELLED = object()
_PLAN_FILES = "Plans (*.xlsx;*.xlsm;*.csv;*.tsv;*.txt),*.xlsx;*.xlsm;*.csv;*.tsv;*.txt"
_FOLDER_PICKER = 4  # Excel's msoFileDialogFolderPicker


def documents_folder() -> Path:
    """Where new plans go: the user's Documents folder, else their home folder."""
    home = Path.home()
    return home / "Documents" if (home / "Documents").is_dir() else home


def unique_path(folder: Path, stem: str, suffix: str = ".xlsx") -> Path:
    """``folder/stem.xlsx``, else ``stem (2).xlsx``, ``stem (3).xlsx`` … whichever is free."""
    path, number = folder / f"{stem}{suffix}", 1
    while path.exists():
        number += 1
        path = folder / f"{stem} ({number}){suffix}"
    return path


def new_plan(run: Run) -> str:
    """New plan: the template as "New plan.xlsx" (or "New plan (2).xlsx" …) in Documents."""
    path = services.new_plan(
        unique_path(documents_folder(), "New plan"), today=ribbon_run.clock_today()
    )
    ribbon_run.open_workbook(path)
    return f"A new plan was saved as {path} and opened; fill in its Settings sheet first."


def ask_open_file(app: object) -> object:
    """A file picked in Excel's own Open dialog (Windows); ``None`` where Excel has no such
    dialog to offer, :data:`CANCELLED` when the user cancelled."""
    try:
        chosen = app.api.GetOpenFilename(_PLAN_FILES, 1, "Import a plan")  # type: ignore[attr-defined]
    except Exception:
        return None
    return CANCELLED if chosen in (False, "False", "", None) else str(chosen)


def ask_folder(app: object) -> object:
    """A folder picked in Excel's own folder dialog (Windows); ``None`` where Excel has no such
    dialog to offer, :data:`CANCELLED` when the user cancelled."""
    try:
        dialog = app.api.FileDialog(_FOLDER_PICKER)  # type: ignore[attr-defined]
        dialog.Title = "Choose the folder of returns"
        if dialog.Show() != -1:
            return CANCELLED
        return str(dialog.SelectedItems(1))
    except Exception:
        return None


def import_plan(run: Run) -> str | None:
    """Import plan…: the chosen legacy plan into "<name> (imported).xlsx" beside it."""
    from ..usecases.importing import import_plan as run_import

    chosen = ask_open_file(run.app)
    if chosen is CANCELLED:
        return None
    if chosen is None:
        return (
            "Excel cannot show its file dialog here; import the plan from the command line "
            "instead: workbook-tools import <legacy file> -o <new plan>.xlsx"
        )
    legacy = Path(str(chosen))
    output = unique_path(legacy.parent, f"{legacy.stem} (imported)")
    run.status(f"importing {legacy.name}")
    result = run_import(legacy, output, today=ribbon_run.clock_today())
    ribbon_run.open_workbook(output)
    return "\n".join(
        [
            f"Imported {plural(result.actions, 'action')} into {output}",
            *result.warnings[:5],
        ]
    )


def consolidate_folder(run: Run) -> str | None:
    """Consolidate folder…: every return in the chosen folder (not earlier corporate reports)
    into "Corporate report <date>.xlsx" there, with progress in the status bar."""
    from ..usecases.consolidate import consolidate, find_returns

    chosen = ask_folder(run.app)
    if chosen is CANCELLED:
        return None
    if chosen is None:
        return (
            "Excel cannot show its folder dialog here; consolidate from the command line "
            "instead: workbook-tools consolidate <folder> -o <report>.xlsx"
        )
    folder = Path(str(chosen))
    output = folder / f"Corporate report {ribbon_run.clock_today():%Y-%m-%d}.xlsx"
    files = [
        p
        for p in find_returns([folder], exclude=[output])
        if not p.name.casefold().startswith("corporate report")
    ]
    if not files:
        raise UsageError(f"no returns (.xlsx or .xlsm files) found in {folder}")

    def progress(done: int, total: int, file: str) -> None:
        run.status(f"read {done} of {total} returns ({os.path.basename(file)})")

    run.status(f"reading {plural(len(files), 'return')}")
    result = consolidate(
        files, output, progress=progress, jobs=CONSOLIDATE_JOBS, today=ribbon_run.clock_today()
    )
    ribbon_run.open_workbook(output)
    counts = ", ".join(f"{word} {n}" for word, n in result.counts.items())
    used = result.used
    text = (
        f"Corporate report {output.name}: {plural(sum(s.actions for s in used), 'action')} "
        f"from {plural(len(used), 'return')} — {counts}"
    )
    if result.errors:
        failed = plural(len(result.errors), "file")
        text += f"; {failed} could not be read (see the Sources sheet)"
    return text + "."


def show_guide(run: Run) -> str | None:
    """Guide: the workbook's Guide sheet, else the user guide where it is installed."""
    from ..writers.live.refresh import sheet_map

    book = run.caller()
    guide = sheet_map(book).get(layout.GUIDE.casefold())
    if guide is not None:
        guide.activate()  # type: ignore[attr-defined]
        return None
    for docs in _documentation():
        if docs.is_file():
            import webbrowser

            webbrowser.open(docs.resolve().as_uri())
            return None
    return (
        "This workbook has no Guide sheet; make a plan with New plan to see the Guide, or read "
        "the Workbook Tools user guide (docs/user-guide.md)"
    )


def _documentation() -> list[Path]:
    """The user guide the package carries (or the clone's ``docs/``), if it is there."""
    from ..bundled import bundled_folder
    from ..errors import WorkbookToolsError

    try:
        return [bundled_folder("docs") / "user-guide.md"]
    except WorkbookToolsError:
        return []


__all__ = [
    "CANCELLED",
    "CONSOLIDATE_JOBS",
    "ask_folder",
    "ask_open_file",
    "consolidate_folder",
    "documents_folder",
    "import_plan",
    "new_plan",
    "show_guide",
    "unique_path",
]
