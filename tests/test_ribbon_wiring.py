"""The ribbon's wiring: the buttons declared in workbook_tools.ribbon.buttons, the functions
workbook_tools.excel exposes to the VBA, the Subs of macros/WorkbookTools.bas and the buttons of
macros/customUI14.xml agree, and the add-in build refuses sources that do not."""

from __future__ import annotations

import inspect
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ribbon_sources import CALLBACK, bas, ribbon_groups

from workbook_tools import excel
from workbook_tools.errors import WorkbookToolsError
from workbook_tools.ribbon import addin_build
from workbook_tools.ribbon.addin_build import build_addin, wiring_problems
from workbook_tools.ribbon.buttons import BUTTONS, ENTRY_POINTS

# The Monitoring tab as the specification (ADDIN.md) lays it out.
SPEC_RIBBON = {
    "Status": ["Refresh", "Check"],
    "Plan": ["New plan", "Import plan…"],
    "Returns": ["Prepare return", "Consolidate folder…"],
    "Help": ["Guide"],
}


@pytest.fixture
def sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of macros/ that the build reads instead of the real one, for breaking on purpose."""
    folder = tmp_path / "macros"
    shutil.copytree(addin_build.macros_dir(), folder)
    monkeypatch.setattr(addin_build, "macros_dir", lambda: folder)
    return folder


def _problems(folder: Path) -> list[str]:
    module = (folder / "WorkbookTools.bas").read_text(encoding="utf-8")
    return wiring_problems(module, (folder / "customUI14.xml").read_bytes())


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_declared_buttons_are_the_specified_tab() -> None:
    """The declared buttons are the specification's groups and labels, in its order."""
    declared: dict[str, list[str]] = {}
    for button in BUTTONS:
        declared.setdefault(button.group, []).append(button.label)
    assert declared == SPEC_RIBBON
    assert len(set(ENTRY_POINTS)) == len(ENTRY_POINTS) == len({b.macro for b in BUTTONS})


def test_excel_exposes_each_entry_point_with_no_arguments() -> None:
    """workbook_tools.excel has one function per declared button, taking no arguments, and
    nothing else by those names; an unknown name is an AttributeError."""
    assert excel.ENTRY_POINTS == ENTRY_POINTS
    for button in BUTTONS:
        function = getattr(excel, button.entry)
        assert callable(function) and not inspect.signature(function).parameters
        assert function.__name__ == button.entry and function.__doc__ == button.job.__doc__
        assert button.entry in dir(excel)
    with pytest.raises(AttributeError):
        excel.refresh_all  # noqa: B018 - the attribute access is the test


def test_each_callback_is_one_line_naming_its_entry_point() -> None:
    """Every Sub in the .bas is a one-line hand-off to its declared button's entry point."""
    source = bas()
    assert source.startswith('Attribute VB_Name = "WorkbookTools"\n')
    subs = re.findall(r"^(?:Public |Private )?Sub ", source, flags=re.MULTILINE)
    callbacks = CALLBACK.findall(source)
    assert len(callbacks) == len(subs) == len(BUTTONS)
    assert callbacks == [(b.macro, b.entry) for b in BUTTONS]
    lines = re.findall(r"^\s+RunPython\b.*$", source, re.MULTILINE)
    assert len(lines) == len(BUTTONS)


def test_ribbon_buttons_call_their_declared_subs() -> None:
    """Each ribbon button has the declared label and group, an icon and tips, and an onAction
    naming its declared Sub in the WorkbookTools module."""
    groups = ribbon_groups()
    found = [
        (group, b.get("label"), b.get("onAction"))
        for group, buttons in groups.items()
        for b in buttons
    ]
    assert found == [(b.group, b.label, f"{addin_build.MODULE_NAME}.{b.macro}") for b in BUTTONS]
    for button in (b for buttons in groups.values() for b in buttons):
        assert button.get("imageMso") and button.get("screentip") and button.get("supertip")


def test_the_repository_sources_are_wired() -> None:
    """The build's own check finds nothing wrong with macros/ as committed."""
    assert _problems(addin_build.macros_dir()) == []


@pytest.mark.parametrize(
    ("file", "old", "new", "problem"),
    [
        ("WorkbookTools.bas", "x.check()", "x.checks()", "calls x.checks() instead of x.check()"),
        ("WorkbookTools.bas", "Sub Monitoring_Check(", "Sub Monitoring_Checks(", "no Sub"),
        (
            "WorkbookTools.bas",
            '    RunPython "import workbook_tools.excel as x; x.refresh()"\n',
            '    Application.StatusBar = "Refreshing"\n'
            '    RunPython "import workbook_tools.excel as x; x.refresh()"\n',
            "not a one-line RunPython hand-off",
        ),
        (
            "customUI14.xml",
            'onAction="WorkbookTools.Monitoring_ShowGuide"',
            'onAction="WorkbookTools.Monitoring_Guide"',
            "not a declared button",
        ),
        ("customUI14.xml", 'label="Check"', 'label="Check plan"', "'Check plan' in 'Status'"),
        ("customUI14.xml", 'label="Status"', 'label="State"', "in 'State'"),
        ("customUI14.xml", "</customUI>", "</customUi>", "not well-formed"),
    ],
    ids=[
        "wrong-entry-point",
        "renamed-sub",
        "two-line-sub",
        "unknown-on-action",
        "other-label",
        "other-group",
        "broken-xml",
    ],
)
def test_disagreeing_sources_are_refused(
    sources: Path, tmp_path: Path, file: str, old: str, new: str, problem: str
) -> None:
    """A Sub, entry point, onAction, label or group that disagrees with the declared buttons is
    found, and the build refuses it in one sentence, writing nothing."""
    _edit(sources / file, old, new)
    assert any(problem in found for found in _problems(sources)), _problems(sources)
    output = tmp_path / "out" / "WorkbookTools.xlam"
    with pytest.raises(WorkbookToolsError, match="do not match the ribbon's buttons"):
        build_addin(output)
    assert not output.exists()


def test_a_sub_with_no_button_is_refused(sources: Path) -> None:
    """An extra one-line Sub, with no button declared for it, is a problem."""
    module = sources / "WorkbookTools.bas"
    module.write_text(
        module.read_text(encoding="utf-8")
        + "\nPublic Sub Monitoring_Extra(control As IRibbonControl)\n"
        '    RunPython "import workbook_tools.excel as x; x.extra()"\nEnd Sub\n',
        encoding="utf-8",
    )
    assert _problems(sources) == ["Sub Monitoring_Extra is not a declared button"]


def test_buttons_in_another_order_are_refused(sources: Path) -> None:
    """The tab shows the buttons in the declared order."""
    ribbon = sources / "customUI14.xml"
    text = ribbon.read_text(encoding="utf-8")
    refresh = re.search(r"<button id=\"wbtRefresh\".*?/>\s*", text, re.DOTALL)
    check = re.search(r"<button id=\"wbtCheck\".*?/>\s*", text, re.DOTALL)
    assert refresh and check
    swapped = text[: refresh.start()] + check.group() + refresh.group() + text[check.end() :]
    ribbon.write_text(swapped, encoding="utf-8")
    assert _problems(sources) == ["customUI14.xml has the buttons in another order than declared"]


def test_importing_the_entry_points_does_not_import_xlwings() -> None:
    """Importing workbook_tools.excel does not import xlwings (a button run does)."""
    code = "import sys, workbook_tools.excel; print('xlwings' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
