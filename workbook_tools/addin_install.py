"""Put the built add-in where Excel loads it, or take it away: ``addin install`` / ``uninstall``.

The folders are the ones ``xlwings addin install`` uses, which asks Excel for its start-up folder
(``Application.StartupPath``): Excel opens every workbook and add-in in it each time it starts.

- Windows: ``%APPDATA%\\Microsoft\\Excel\\XLSTART``, one of Excel's default trusted locations.
- macOS (Excel 2016 and later, which run in a sandbox): ``~/Library/Group Containers/
  UBF8T346G9.Office/User Content.localized/Startup.localized/Excel``. On a Mac, Excel can start
  Python only through xlwings' AppleScript in ``~/Library/Application Scripts/
  com.microsoft.Excel``, so installing copies it there too, as ``xlwings addin install`` does.
- Anywhere else Excel does not run, and the user is told how to carry the add-in to a computer
  where it does.

The system, home folder and ``APPDATA`` are parameters, so that every system's folders can be
checked on any computer; the command line passes the real ones.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import importlib.util
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .addin import DEFAULT_OUTPUT, build_addin
from .errors import FileLockedError, UsageError, WorkbookToolsError

WINDOWS, MACOS = "Windows", "Darwin"
#: Excel's start-up folder below ``%APPDATA%`` on Windows.
WINDOWS_STARTUP = ("Microsoft", "Excel", "XLSTART")
#: The Office apps' shared container on a Mac, made when an Office app first starts.
MAC_OFFICE_CONTAINER = ("Library", "Group Containers", "UBF8T346G9.Office")
#: Excel's start-up folder inside that container.
MAC_STARTUP = ("User Content.localized", "Startup.localized", "Excel")
#: Where sandboxed Excel on a Mac may run scripts from (xlwings' ``runpython install``).
MAC_SCRIPTS = ("Library", "Application Scripts", "com.microsoft.Excel")
ADDIN_NAME = DEFAULT_OUTPUT.name


@dataclass(frozen=True)
class ExcelFolders:
    """Where Excel looks, for one user on one system: its start-up folder and, on a Mac, the
    folder of scripts it may run (``None`` on Windows)."""

    startup: Path
    scripts: Path | None = None


@dataclass(frozen=True)
class Installed:
    """What ``install_addin`` did: the add-in's new place, whether it was built for the
    occasion, and the xlwings script copied beside Excel (on a Mac)."""

    addin: Path
    built: bool
    script: Path | None = None


def excel_folders(system: str, *, home: Path, appdata: str | None = None) -> ExcelFolders:
    """Excel's folders on ``system`` (as ``platform.system()`` names it) for the user whose home
    folder is ``home`` and whose ``APPDATA`` setting is ``appdata`` (Windows).

    Raises :class:`UsageError` on a system where Excel does not run, saying what to do instead.
    """
    if system == WINDOWS:
        if not appdata:
            raise UsageError(
                "cannot find Excel's start-up folder because the APPDATA setting is empty; copy "
                f"{ADDIN_NAME} into %APPDATA%\\Microsoft\\Excel\\XLSTART yourself"
            )
        return ExcelFolders(startup=Path(appdata).joinpath(*WINDOWS_STARTUP))
    if system == MACOS:
        container = Path(home).joinpath(*MAC_OFFICE_CONTAINER)
        return ExcelFolders(
            startup=container.joinpath(*MAC_STARTUP), scripts=Path(home).joinpath(*MAC_SCRIPTS)
        )
    raise UsageError(
        f"Excel does not run on {system or 'this system'}, so there is nowhere here to install "
        f"the add-in; build it with 'workbook-tools addin build', copy {ADDIN_NAME} to the "
        "Windows or Mac computer where Excel is, and run 'workbook-tools addin install --file "
        f"{ADDIN_NAME}' there (or follow docs/addin-install.md)"
    )


def install_addin(
    source: Path | None, *, system: str, home: Path, appdata: str | None = None
) -> Installed:
    """Copy the add-in ``source`` (built afresh when ``None``) into Excel's start-up folder.

    An add-in of the same name already there is replaced, all at once. On a Mac, xlwings'
    AppleScript is copied to where Excel may run it. Nothing is written when anything fails.
    """
    folders = excel_folders(system, home=home, appdata=appdata)
    if source is not None:
        source = Path(source)
        if source.suffix.lower() != ".xlam" or not source.is_file():
            raise UsageError(
                "is not a built add-in (.xlam); build one with 'workbook-tools addin build'",
                path=source,
            )
    if system == MACOS:
        container = Path(home).joinpath(*MAC_OFFICE_CONTAINER)
        if not container.is_dir():
            raise UsageError(
                f"Excel for Mac (2016 or later) has not been started on this account yet (there "
                f"is no folder {container}); start Excel once, quit it, and run this again"
            )
    _make_folder(folders.startup)
    target = folders.startup / ADDIN_NAME
    if source is None:
        with tempfile.TemporaryDirectory(prefix="wbt-addin-") as tmp:
            _copy(build_addin(Path(tmp) / ADDIN_NAME), target)
    else:
        _copy(source, target)
    script = None
    if folders.scripts is not None:
        script_source = xlwings_script()
        _make_folder(folders.scripts)
        script = folders.scripts / script_source.name
        _copy(script_source, script)
    return Installed(addin=target, built=source is None, script=script)


def uninstall_addin(*, system: str, home: Path, appdata: str | None = None) -> Path | None:
    """Remove the add-in from Excel's start-up folder; return where it was, or ``None`` when it
    was not there. xlwings' AppleScript stays: other xlwings add-ins use it too."""
    if system not in (WINDOWS, MACOS):
        raise UsageError(
            f"Excel does not run on {system or 'this system'}, so the add-in is never installed "
            "here and there is nothing to remove"
        )
    target = excel_folders(system, home=home, appdata=appdata).startup / ADDIN_NAME
    if not target.is_file():
        return None
    try:
        target.unlink()
    except PermissionError as exc:
        raise FileLockedError(
            f"could not be removed from {target.parent} because Excel has it open (or the folder "
            "is read-only); quit Excel and try again",
            path=target,
        ) from exc
    return target


def xlwings_script() -> Path:
    """xlwings' AppleScript for the installed xlwings version, which Excel on a Mac runs to start
    Python (``xlwings-<version>.applescript`` in the xlwings package)."""
    spec = importlib.util.find_spec("xlwings")
    if spec is None or spec.origin is None:
        raise WorkbookToolsError("installing the add-in needs xlwings: pip install xlwings")
    version = importlib.metadata.version("xlwings")
    script = Path(spec.origin).parent / f"xlwings-{version}.applescript"
    if not script.is_file():
        raise WorkbookToolsError(
            f"xlwings {version} lacks its script {script.name}, which Excel on a Mac needs to "
            "start Python; reinstall xlwings"
        )
    return script


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(
            f"cannot make the folder {folder} ({exc.strerror or exc}); make it yourself, or copy "
            f"{ADDIN_NAME} there by hand"
        ) from exc


def _copy(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` all at once: a temporary copy beside it, then a swap. (Excel
    opens every file in its start-up folder, so the temporary copy never outlives the call.)"""
    tmp: Path | None = None
    try:
        handle, name = tempfile.mkstemp(prefix=".wbt-", suffix=".tmp", dir=target.parent)
        os.close(handle)
        tmp = Path(name)
        shutil.copyfile(source, tmp)
        os.replace(tmp, target)
    except PermissionError as exc:
        raise FileLockedError(
            f"could not be put in {target.parent} because Excel has the old copy open (or the "
            "folder is read-only); quit Excel and try again",
            path=target,
        ) from exc
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()


__all__ = [
    "ADDIN_NAME",
    "ExcelFolders",
    "Installed",
    "excel_folders",
    "install_addin",
    "uninstall_addin",
    "xlwings_script",
]
