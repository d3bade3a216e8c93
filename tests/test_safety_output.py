"""Every file the tool writes goes through one atomic writer (workbook_tools.safety.output), after
one set of checks on the output path; the use cases that write new files refuse to replace one."""

from __future__ import annotations

import datetime as dt
import os
import stat
import sys
from pathlib import Path

import pytest
from plans import make_plan

from workbook_tools.errors import FileLockedError, UsageError
from workbook_tools.safety.output import (
    check_folder,
    check_output,
    copy_file,
    output_folder,
    write_file,
    write_new_file,
)

POSIX_USER = os.name == "posix" and hasattr(os, "geteuid") and os.geteuid() != 0


def _leftovers(folder: Path) -> list[str]:
    """Temporary or hidden files left in ``folder``."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith((".", "~")))


def test_write_file_creates_and_replaces_whole(tmp_path: Path) -> None:
    """A new file is written; an existing one is replaced, keeping its permission bits, and no
    temporary file is left beside it."""
    target = tmp_path / "report.xlsx"
    assert write_file(target, b"first") == target
    assert target.read_bytes() == b"first"
    os.chmod(target, 0o640)
    write_file(target, b"second", backup=tmp_path / "report.bak.xlsx")
    assert target.read_bytes() == b"second"
    assert (tmp_path / "report.bak.xlsx").read_bytes() == b"first"
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _leftovers(tmp_path) == []


def test_write_file_refuses_a_file_open_in_excel(tmp_path: Path) -> None:
    """With Excel's owner file beside it, the file is left as it is."""
    target = tmp_path / "Resources - 2008-06-30.xlsx"
    target.write_bytes(b"sent last time")
    (tmp_path / f"~${target.name}").write_bytes(b"owner")
    with pytest.raises(FileLockedError, match="open in Excel"):
        write_file(target, b"new")
    assert target.read_bytes() == b"sent last time"


@pytest.mark.skipif(not POSIX_USER, reason="folder permissions need POSIX and a user without root")
def test_write_file_in_a_read_only_folder_says_so(tmp_path: Path) -> None:
    """A folder the user may not write to is named in the sentence, and nothing is written."""
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(FileLockedError, match="read-only for you"):
            write_file(folder / "report.xlsx", b"data")
    finally:
        folder.chmod(0o700)
    assert list(folder.iterdir()) == []


def test_write_new_file_never_replaces(tmp_path: Path) -> None:
    """An existing file, even one made just before the write, is refused and kept."""
    target = tmp_path / "plan.xlsx"
    write_new_file(target, b"plan")
    assert target.read_bytes() == b"plan"
    with pytest.raises(UsageError, match="already exists"):
        write_new_file(target, b"other")
    assert target.read_bytes() == b"plan"


def test_write_new_file_leaves_nothing_when_the_write_fails(tmp_path: Path) -> None:
    """When nothing can be written, no empty file is left under the name it took."""
    target = tmp_path / "plan.xlsx"
    with pytest.raises(FileLockedError, match="nothing was written"):
        write_new_file(target, b"")
    assert list(tmp_path.iterdir()) == []


def test_copy_file_copies_whole(tmp_path: Path) -> None:
    """A copy has the source's bytes and replaces an older copy."""
    source = tmp_path / "a.xlam"
    source.write_bytes(b"add-in v2")
    target = tmp_path / "XLSTART" / "a.xlam"
    target.parent.mkdir()
    target.write_bytes(b"add-in v1")
    copy_file(source, target)
    assert target.read_bytes() == b"add-in v2"
    assert _leftovers(target.parent) == []


@pytest.mark.parametrize(
    ("name", "options", "message"),
    [
        ("report.csv", {}, r"the report must be saved as \.xlsx"),
        ("report.XLSX", {}, None),
        ("add-in.xlsm", {"suffixes": (".xlam",), "wrong_suffix": "use .xlam"}, "use .xlam"),
        ("folder.xlsx", {}, "is a folder"),
        ("existing.xlsx", {"new": True}, "already exists"),
        ("existing.xlsx", {}, None),
        ("missing/report.xlsx", {}, "does not exist; create it first"),
        ("missing/deeper/report.xlsx", {"make_folder": True}, None),
        ("a-file/report.xlsx", {"make_folder": True}, "is a file, not a folder"),
        ("a-file/deeper/report.xlsx", {"make_folder": True}, "because .*a-file is a file"),
    ],
)
def test_check_output(tmp_path: Path, name: str, options: dict, message: str | None) -> None:
    """Each output-path rule, with its one sentence naming the file."""
    (tmp_path / "folder.xlsx").mkdir()
    (tmp_path / "existing.xlsx").write_bytes(b"x")
    (tmp_path / "a-file").write_bytes(b"x")
    path = tmp_path / name
    if message is None:
        assert check_output(path, what="the report", **options) == path
        assert path.parent.is_dir()
    else:
        with pytest.raises(UsageError, match=message) as caught:
            check_output(path, what="the report", **options)
        assert str(path.name) in str(caught.value) or "a-file" in str(caught.value)


def test_output_folder(tmp_path: Path) -> None:
    """A missing folder is made (and says so); an existing one is left; a file is refused."""
    assert output_folder(tmp_path / "a" / "b") is True
    assert output_folder(tmp_path / "a" / "b") is False
    assert check_folder(tmp_path / "a") is True and check_folder(tmp_path / "c") is False
    (tmp_path / "file").write_bytes(b"x")
    with pytest.raises(UsageError, match="is a file, not a folder"):
        output_folder(tmp_path / "file")
    with pytest.raises(UsageError, match="does not exist"):
        output_folder(tmp_path / "nope", make=False)


def test_the_template_is_written_whole(tmp_path: Path) -> None:
    """A plan made from the template replaces an older file at once, never leaving it half
    written, and refuses a file open in Excel."""
    from workbook_tools.writers.template.build import write_template

    target = tmp_path / "plan.xlsx"
    target.write_bytes(b"older")
    write_template(target, directorate="Resources")
    assert target.read_bytes()[:2] == b"PK" and _leftovers(tmp_path) == []
    (tmp_path / "~$plan.xlsx").write_bytes(b"owner")
    before = target.read_bytes()
    with pytest.raises(FileLockedError):
        write_template(target, directorate="Housing")
    assert target.read_bytes() == before


def test_import_never_replaces_a_file_that_appears(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """import writes its new plan only under a free name: a file made there after the checks
    and before the write is kept, and the import is refused."""
    from workbook_tools.usecases import importing

    row = {"Ref": "1", "Action": "A", "Lead": "Jo", "Deadline": dt.date(2008, 12, 31)}
    legacy = make_plan(tmp_path / "legacy.xlsx", [row])
    output = tmp_path / "imported.xlsx"
    real = importing._Writer.write

    def appears(self: object) -> None:
        real(self)  # the import's own work, then another program saves a file of that name
        output.write_bytes(b"someone else's workbook")

    monkeypatch.setattr(importing._Writer, "write", appears)
    with pytest.raises(UsageError, match="already exists"):
        importing.import_plan(legacy, output, today=dt.date(2008, 6, 30))
    assert output.read_bytes() == b"someone else's workbook"


def test_prepare_return_refuses_an_outbox_that_is_a_file(tmp_path: Path) -> None:
    """An outbox that is a file stops prepare-return before the plan is refreshed."""
    from workbook_tools.usecases.prepare_return import prepare_return

    row = {"Ref": "1", "Action": "A", "Lead": "Jo", "Deadline": dt.date(2008, 12, 31)}
    plan = make_plan(tmp_path / "plan.xlsx", [row])
    before = plan.read_bytes()
    (tmp_path / "Outbox").write_bytes(b"not a folder")
    with pytest.raises(UsageError, match="is a file, not a folder"):
        prepare_return(plan)
    assert plan.read_bytes() == before


def test_demo_keeps_a_file_that_is_not_a_report(tmp_path: Path) -> None:
    """The demo replaces its own report but not another file of that name."""
    from workbook_tools.usecases.demo import REPORT_NAME, run_demo

    (tmp_path / REPORT_NAME).write_bytes(b"an officer's own workbook")
    with pytest.raises(UsageError, match="not a corporate report"):
        run_demo(tmp_path, jobs=0)
    assert (tmp_path / REPORT_NAME).read_bytes() == b"an officer's own workbook"


@pytest.mark.skipif(sys.platform.startswith("win"), reason="Excel's owner files are POSIX-named")
def test_add_in_install_replaces_the_add_in_whole(tmp_path: Path) -> None:
    """Installing over an installed add-in replaces it at once, through the shared writer."""
    from workbook_tools.ribbon.addin_install import install_addin

    built = tmp_path / "WorkbookTools.xlam"
    built.write_bytes(b"PK add-in")
    appdata = tmp_path / "AppData"
    first = install_addin(built, system="Windows", home=tmp_path, appdata=str(appdata))
    built.write_bytes(b"PK add-in, newer")
    again = install_addin(built, system="Windows", home=tmp_path, appdata=str(appdata))
    assert again.addin == first.addin and again.addin.read_bytes() == b"PK add-in, newer"
    assert _leftovers(again.addin.parent) == []
