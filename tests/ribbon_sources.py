"""The add-in's sources in macros/ as the tests read them, independently of the build's own
parsing: the VBA module's one-line callbacks and the ribbon's groups and buttons."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from workbook_tools.ribbon import addin_build

NS = {"ui": addin_build.RIBBON_NAMESPACE}
# One ribbon callback: the signature Excel calls, and one line handing off to workbook_tools.excel.
CALLBACK = re.compile(
    r"^Public Sub (Monitoring_\w+)\(control As IRibbonControl\)\n"
    r'    RunPython "import workbook_tools\.excel as x; x\.(\w+)\(\)"\n'
    r"End Sub$",
    re.MULTILINE,
)


def text(source: str) -> str:
    """VBA source with the line ends Python reads."""
    return source.replace("\r\n", "\n")


def bas(folder: Path | None = None) -> str:
    """The VBA module ``WorkbookTools.bas`` (from ``folder``, default the add-in's macros/)."""
    folder = folder or addin_build.macros_dir()
    return text((folder / f"{addin_build.MODULE_NAME}.bas").read_text(encoding="utf-8"))


def ribbon_groups(folder: Path | None = None) -> dict[str, list[ET.Element]]:
    """The Monitoring tab's groups, by label, each with its ``<button>`` elements in order."""
    root = ET.parse((folder or addin_build.macros_dir()) / "customUI14.xml").getroot()
    tabs = root.findall("ui:ribbon/ui:tabs/ui:tab", NS)
    assert [tab.get("label") for tab in tabs] == ["Monitoring"]
    return {
        group.get("label"): group.findall("ui:button", NS)
        for group in tabs[0].findall("ui:group", NS)
    }
