"""The files the package carries beside its code: the add-in's sources, the template, the sample
returns for ``demo`` and the documentation.

In the repository they live in top-level folders (``macros/``, ``templates/``, ``samples/returns/``,
``docs/``). Building the package (``setup.py``) copies them into the package as
``workbook_tools/_bundled/<name>``, so an installed wheel has them; an editable install from a
clone reads the repository's own folders, so an edit there counts at once.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from .errors import WorkbookToolsError

#: Each bundled folder by name, with where it is in the repository.
FOLDERS: dict[str, str] = {
    "macros": "macros",
    "templates": "templates",
    "returns": "samples/returns",
    "docs": "docs",
}
#: The folder inside the installed package that holds them.
PACKAGE_FOLDER = "_bundled"

_PACKAGE = "workbook_tools"
#: A file only a clone of the repository has beside the package.
_CHECKOUT_MARK = "pyproject.toml"


def bundled_folder(name: str) -> Path:
    """The folder ``name`` (a key of :data:`FOLDERS`) as installed, else in the repository.

    Raises :class:`~workbook_tools.errors.WorkbookToolsError` when neither is there, which means
    the installation is incomplete.
    """
    installed = files(_PACKAGE) / PACKAGE_FOLDER / name
    if isinstance(installed, Path) and installed.is_dir():
        return installed
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / _CHECKOUT_MARK).is_file() and (checkout / FOLDERS[name]).is_dir():
        return checkout / FOLDERS[name]
    raise WorkbookToolsError(
        f"this installation of workbook-tools lacks its {FOLDERS[name]} folder; reinstall it "
        "with: python -m pip install --force-reinstall workbook-tools"
    )


__all__ = ["FOLDERS", "PACKAGE_FOLDER", "bundled_folder"]
