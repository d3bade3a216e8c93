"""The module the Excel add-in's VBA imports: one function per ribbon button, with no arguments.

Each button's ``Sub`` in the add-in hands off to Python in one line,
``RunPython "import workbook_tools.excel as x; x.refresh()"``, so this module's name and the
names below are a contract with every add-in already built and installed: they never change.
The functions are those of the buttons declared in :mod:`workbook_tools.ribbon.buttons`
(:data:`ENTRY_POINTS`): ``refresh``, ``check``, ``new_plan``, ``import_plan``,
``prepare_return``, ``consolidate_folder`` and ``show_guide``. Each runs its button's job on the
workbook open in Excel and ends with at most one message box, never a traceback
(:mod:`workbook_tools.ribbon.run`).

xlwings is imported only inside the jobs, so importing this module works anywhere.
"""

from __future__ import annotations

from collections.abc import Callable

from .ribbon.buttons import ENTRY_POINTS, button, entry_function


def __getattr__(name: str) -> Callable[[], None]:
    """``workbook_tools.excel.<entry point>``: the function the VBA calls for that button."""
    try:
        declared = button(name)
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    return entry_function(declared)


def __dir__() -> list[str]:
    return sorted({*globals(), *ENTRY_POINTS})


__all__ = ["ENTRY_POINTS", *ENTRY_POINTS]
