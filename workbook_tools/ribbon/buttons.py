"""The Monitoring tab's buttons, declared once.

Each :class:`Button` names the function of :mod:`workbook_tools.excel` the add-in's VBA calls
(``RunPython "import workbook_tools.excel as x; x.refresh()"``), the VBA ``Sub`` that calls it
in ``macros/WorkbookTools.bas``, the group and label it has in ``macros/customUI14.xml``, and the
job that runs when it is pressed. :mod:`workbook_tools.excel` exposes one function per button
from this table, and the add-in build refuses ``macros/`` sources that disagree with it
(:func:`workbook_tools.ribbon.addin_build.wiring_problems`).

Adding a button: declare it here, write its job (in :mod:`.open_plan` when it works on the open
workbook, :mod:`.files` when it works with files and folders), then add its one-line ``Sub`` and
its ``<button>`` to ``macros/`` (see ``macros/README.md``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import files, open_plan
from .run import Run, entry

#: A button's job: gets the button press, returns the message to show (or ``None``).
Job = Callable[[Run], "str | None"]


@dataclass(frozen=True)
class Button:
    """One button of the Monitoring tab.

    ``entry`` is the function of :mod:`workbook_tools.excel` the VBA calls (no arguments),
    ``macro`` the VBA ``Sub`` (``WorkbookTools.<macro>`` in the ribbon's ``onAction``),
    ``group`` and ``label`` what the tab shows, ``job`` what runs.
    """

    entry: str
    macro: str
    group: str
    label: str
    job: Job


#: The buttons in the order of the tab (and of the VBA module).
BUTTONS: tuple[Button, ...] = (
    Button("refresh", "Monitoring_Refresh", "Status", "Refresh", open_plan.refresh),
    Button("check", "Monitoring_Check", "Status", "Check", open_plan.check),
    Button("new_plan", "Monitoring_NewPlan", "Plan", "New plan", files.new_plan),
    Button("import_plan", "Monitoring_ImportPlan", "Plan", "Import plan…", files.import_plan),
    Button(
        "prepare_return",
        "Monitoring_PrepareReturn",
        "Returns",
        "Prepare return",
        open_plan.prepare_return,
    ),
    Button(
        "consolidate_folder",
        "Monitoring_ConsolidateFolder",
        "Returns",
        "Consolidate folder…",
        files.consolidate_folder,
    ),
    Button("show_guide", "Monitoring_ShowGuide", "Help", "Guide", files.show_guide),
)
#: The functions of :mod:`workbook_tools.excel` the ribbon calls, in the order of the tab.
ENTRY_POINTS: tuple[str, ...] = tuple(button.entry for button in BUTTONS)


def button(entry_point: str) -> Button:
    """The button whose VBA calls ``workbook_tools.excel.<entry_point>()`` (KeyError if none)."""
    for candidate in BUTTONS:
        if candidate.entry == entry_point:
            return candidate
    raise KeyError(entry_point)


def entry_function(declared: Button) -> Callable[[], None]:
    """The function with no arguments the VBA calls for ``declared``: it runs the button's job
    (:func:`~workbook_tools.ribbon.run.entry`: errors as one sentence, one message box)."""

    def press() -> None:
        entry(declared.job)

    press.__name__ = press.__qualname__ = declared.entry
    press.__module__ = "workbook_tools.excel"
    press.__doc__ = declared.job.__doc__
    return press


__all__ = ["BUTTONS", "ENTRY_POINTS", "Button", "Job", "button", "entry_function"]
