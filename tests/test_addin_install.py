"""addin install / uninstall: Excel's folders on each system, checked with the folders faked."""

from __future__ import annotations

import platform
from pathlib import Path

import pytest

from workbook_tools.addin import build_addin
from workbook_tools.addin_install import (
    excel_folders,
    install_addin,
    uninstall_addin,
    xlwings_script,
)
from workbook_tools.cli import main
from workbook_tools.errors import UsageError

MAC_STARTUP = (
    "Library/Group Containers/UBF8T346G9.Office/User Content.localized/Startup.localized/Excel"
)
MAC_SCRIPTS = "Library/Application Scripts/com.microsoft.Excel"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One add-in built from the repository's macros/."""
    return build_addin(tmp_path_factory.mktemp("built") / "WorkbookTools.xlam")


@pytest.fixture
def mac_home(tmp_path: Path) -> Path:
    """A Mac home folder where Office has been started once (its shared container exists)."""
    home = tmp_path / "Users" / "officer"
    (home / "Library" / "Group Containers" / "UBF8T346G9.Office").mkdir(parents=True)
    return home


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize(
    ("system", "startup", "scripts"),
    [
        ("Windows", "AppData/Roaming/Microsoft/Excel/XLSTART", None),
        ("Darwin", f"home/{MAC_STARTUP}", f"home/{MAC_SCRIPTS}"),
    ],
)
def test_excel_folders_are_the_ones_xlwings_uses(
    tmp_path: Path, system: str, startup: str, scripts: str | None
) -> None:
    """Windows: %APPDATA%\\Microsoft\\Excel\\XLSTART; Mac: the Office start-up folder, scripts."""
    folders = excel_folders(
        system, home=tmp_path / "home", appdata=str(tmp_path / "AppData" / "Roaming")
    )
    assert folders.startup == tmp_path / startup
    assert folders.scripts == (tmp_path / scripts if scripts else None)


@pytest.mark.parametrize("system", ["Linux", "FreeBSD", ""])
def test_other_systems_are_told_what_to_do(tmp_path: Path, system: str) -> None:
    """Where Excel does not run, install says to carry the add-in to Windows or a Mac."""
    with pytest.raises(UsageError, match=r"Excel does not run on .*addin install --file"):
        install_addin(None, system=system, home=tmp_path, appdata=str(tmp_path))
    with pytest.raises(UsageError, match="nothing to remove"):
        uninstall_addin(system=system, home=tmp_path, appdata=str(tmp_path))
    assert list(tmp_path.iterdir()) == []


def test_windows_without_appdata_names_the_folder_to_use(tmp_path: Path) -> None:
    """With APPDATA unset, install names the XLSTART folder to copy into by hand."""
    with pytest.raises(UsageError, match=r"%APPDATA%\\Microsoft\\Excel\\XLSTART"):
        install_addin(None, system="Windows", home=tmp_path, appdata=None)


def test_windows_install_builds_into_a_new_xlstart(tmp_path: Path, built: Path) -> None:
    """With no --file, a fresh add-in (identical to a build) goes into XLSTART, made if missing."""
    appdata = tmp_path / "AppData" / "Roaming"
    done = install_addin(None, system="Windows", home=tmp_path, appdata=str(appdata))
    xlstart = appdata / "Microsoft" / "Excel" / "XLSTART"
    assert done.addin == xlstart / "WorkbookTools.xlam" and done.built and done.script is None
    assert done.addin.read_bytes() == built.read_bytes()
    assert _files(tmp_path) == ["AppData/Roaming/Microsoft/Excel/XLSTART/WorkbookTools.xlam"]


def test_windows_install_replaces_an_older_copy(tmp_path: Path, built: Path) -> None:
    """--file puts that add-in in XLSTART over an older one, leaving the folder's other files."""
    xlstart = tmp_path / "Microsoft" / "Excel" / "XLSTART"
    xlstart.mkdir(parents=True)
    (xlstart / "WorkbookTools.xlam").write_bytes(b"an older add-in")
    (xlstart / "PERSONAL.XLSB").write_bytes(b"the officer's own macros")
    done = install_addin(built, system="Windows", home=tmp_path, appdata=str(tmp_path))
    assert not done.built and done.addin.read_bytes() == built.read_bytes()
    assert (xlstart / "PERSONAL.XLSB").read_bytes() == b"the officer's own macros"
    assert _files(xlstart) == ["PERSONAL.XLSB", "WorkbookTools.xlam"]


def test_mac_install_copies_the_addin_and_xlwings_script(mac_home: Path, built: Path) -> None:
    """On a Mac the add-in goes into Excel's start-up folder and xlwings' AppleScript beside it."""
    done = install_addin(built, system="Darwin", home=mac_home)
    assert done.addin == mac_home / MAC_STARTUP / "WorkbookTools.xlam"
    assert done.addin.read_bytes() == built.read_bytes()
    script = xlwings_script()
    assert script.name.startswith("xlwings-") and script.suffix == ".applescript"
    assert done.script == mac_home / MAC_SCRIPTS / script.name
    assert done.script.read_bytes() == script.read_bytes()


def test_mac_without_office_started_writes_nothing(tmp_path: Path, built: Path) -> None:
    """When Office has never started on the account, install says to start Excel once first."""
    with pytest.raises(UsageError, match="start Excel once"):
        install_addin(built, system="Darwin", home=tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["WorkbookTools.xlsm", "missing.xlam"])
def test_install_refuses_what_is_not_a_built_addin(tmp_path: Path, name: str) -> None:
    """--file must name an existing .xlam; nothing is copied otherwise."""
    source = tmp_path / "source" / name
    source.parent.mkdir()
    if name.endswith(".xlsm"):
        source.write_bytes(b"PK")
    with pytest.raises(UsageError, match="addin build"):
        install_addin(source, system="Windows", home=tmp_path, appdata=str(tmp_path / "ad"))
    assert not (tmp_path / "ad").exists()


@pytest.mark.parametrize("system", ["Windows", "Darwin"])
def test_uninstall_removes_only_the_addin(mac_home: Path, built: Path, system: str) -> None:
    """uninstall deletes the installed add-in, keeps the rest, and says so when it is gone."""
    appdata = str(mac_home / "AppData")
    done = install_addin(built, system=system, home=mac_home, appdata=appdata)
    (done.addin.parent / "Other.xlam").write_bytes(b"another add-in")
    assert uninstall_addin(system=system, home=mac_home, appdata=appdata) == done.addin
    assert sorted(p.name for p in done.addin.parent.iterdir()) == ["Other.xlam"]
    if done.script is not None:  # other xlwings add-ins need the script too
        assert done.script.is_file()
    assert uninstall_addin(system=system, home=mac_home, appdata=appdata) is None


@pytest.mark.skipif(platform.system() != "Linux", reason="checks the message on Linux")
def test_cli_on_linux_says_what_to_do(capsys: pytest.CaptureFixture[str]) -> None:
    """addin install on Linux exits 2 with one line saying where to install instead."""
    code = main(["addin", "install"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Excel does not run on Linux" in err
