"""Pre-flight safety for workbooks: input limits, what a save would lose, and safe saving.

* :func:`check_input` refuses hostile or unreadable files before any spreadsheet library sees them.
* :func:`refusals` (and :func:`inspect_package`) list what refresh will not rewrite whatever the
  writer (a digital signature, a shared workbook's change history), each a :class:`Feature`
  whose sentence :func:`describe` gives.
* :func:`safe_save` replaces a workbook atomically, with an optional backup.
* :func:`verify_saved` compares a written workbook with the original and lists any loss.

See ``docs/safety.md`` for the guarantees and limits in plain words.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Collection, Iterator

from .features import Feature, describe, describe_all, inspect_package, refusals
from .limits import (
    DEFAULT_LIMITS,
    MAX_CELLS,
    MAX_FILE_BYTES,
    MAX_MEMBERS,
    MAX_PARSED_BYTES,
    MAX_PART_BYTES,
    MAX_PROLOG_BYTES,
    MAX_UNPACKED_BYTES,
    Limits,
)
from .opening import check_other_package, finish_checks, open_package
from .package import Package
from .save import safe_save
from .verify import verify_saved


def check_input(
    path: str | os.PathLike[str],
    *,
    limits: Limits | None = None,
    sheets: Collection[str] | None = None,
    skip_sheets: Collection[str] = (),
    xml_prologs: bool = True,
    by_cells: bool = False,
) -> None:
    """Refuse, with one sentence naming the file, anything unsafe or unreadable as a workbook.

    Checked before any spreadsheet library reads the file, streaming and with bounded memory:
    missing, empty, a folder, an encrypted workbook, an old .xls, HTML or text with a workbook's
    name, not a zip or a truncated one, no ``[Content_Types].xml`` or workbook part, too many
    parts, too large unpacked, a part unpacking beyond ``MAX_PART_BYTES`` (a zip bomb), any DTD or
    entity declaration in an XML part, and a sheet whose far cell or recorded size implies more
    than ``MAX_CELLS`` cells. That last check covers only the sheets named in ``sheets`` (all
    when None) and not in ``skip_sheets`` (names compared case-insensitively), for a caller
    that reads no others. ``xml_prologs=False`` leaves out the search for DTDs and entity
    declarations, for a caller whose XML parsers refuse or ignore them (defusedxml,
    python-calamine). ``by_cells=True`` is for the readers, which read a sparse sheet by its
    cells: a sheet is then limited by the cells it holds, not by how far they reach or the size
    it records (a stray cell at F1048567 does not refuse a 26-row plan). Raises a
    :class:`~workbook_tools.errors.WorkbookToolsError` subclass; returns None when the file may
    be read.
    """
    with checked_package(
        path,
        limits=limits,
        sheets=sheets,
        skip_sheets=skip_sheets,
        xml_prologs=xml_prologs,
        by_cells=by_cells,
    ):
        pass


@contextlib.contextmanager
def checked_package(
    path: str | os.PathLike[str],
    *,
    limits: Limits | None = None,
    sheets: Collection[str] | None = None,
    skip_sheets: Collection[str] = (),
    xml_prologs: bool = True,
    by_cells: bool = False,
) -> Iterator[Package]:
    """:func:`check_input`, then the checked package, open, for a reader that would otherwise
    open and parse the same parts again (its zip, workbook part and sheet list)."""
    scan = _wanted_sheets(sheets, skip_sheets)
    with open_package(
        os.fspath(path), limits, scan_sheets=scan, xml_prologs=xml_prologs, by_cells=by_cells
    ) as package:
        yield package


def finish_checked_package(
    package: Package, *, skip_sheets: Collection[str] = (), by_cells: bool = False
) -> None:
    """Complete, on a package that :func:`checked_package` opened for a quick look at one
    sheet without the DTD search (``sheets=(name,)``, ``xml_prologs=False``) and that holds no
    such sheet, the checks ``checked_package(path, skip_sheets=skip_sheets,
    by_cells=by_cells)`` runs; call it inside the quick look's ``with``. Raises as
    :func:`check_input`."""
    finish_checks(package, scan_sheets=_wanted_sheets(None, skip_sheets), by_cells=by_cells)


def _wanted_sheets(
    sheets: Collection[str] | None, skip_sheets: Collection[str]
) -> bool | Callable[[str], bool]:
    """Which sheets' sizes are scanned: True for all, else a test of a sheet's name."""
    only = None if sheets is None else {name.casefold() for name in sheets}
    skip = {name.casefold() for name in skip_sheets}
    if only is None and not skip:
        return True

    def wanted(name: str) -> bool:
        folded = name.casefold()
        return (only is None or folded in only) and folded not in skip

    return wanted


__all__ = [
    "DEFAULT_LIMITS",
    "MAX_CELLS",
    "MAX_FILE_BYTES",
    "MAX_MEMBERS",
    "MAX_PARSED_BYTES",
    "MAX_PART_BYTES",
    "MAX_PROLOG_BYTES",
    "MAX_UNPACKED_BYTES",
    "Feature",
    "Limits",
    "Package",
    "check_input",
    "check_other_package",
    "checked_package",
    "describe",
    "describe_all",
    "finish_checked_package",
    "inspect_package",
    "refusals",
    "safe_save",
    "verify_saved",
]
