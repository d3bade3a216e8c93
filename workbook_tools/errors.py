"""The product's exceptions: each carries one sentence a council officer can act on.

Every error names the file (and sheet and cell where it applies) and says what to do. The CLI
prints ``str(error)`` on one line and exits 2; consolidation records it against the source file and
carries on.
"""

from __future__ import annotations

import os


class WorkbookToolsError(Exception):
    """Base class: a problem the user can fix, described in one sentence."""

    def __init__(
        self,
        message: str,
        *,
        path: str | os.PathLike[str] | None = None,
        sheet: str | None = None,
        cell: str | None = None,
    ) -> None:
        self.path = os.fspath(path) if path is not None else None
        self.sheet = sheet
        self.cell = cell
        self.detail = message
        super().__init__(self._sentence(message))

    def _sentence(self, message: str) -> str:
        where = ""
        if self.path:
            where = os.path.basename(self.path)
            if self.sheet:
                where += f", sheet {self.sheet}"
                if self.cell:
                    where += f", cell {self.cell}"
            where += ": "
        return where + message


class UsageError(WorkbookToolsError):
    """The command was given options that do not fit together or a value it cannot read."""


class NotAWorkbookError(WorkbookToolsError):
    """The file is not an Excel workbook (not a zip, HTML, empty, truncated, or missing parts)."""


class EncryptedWorkbookError(WorkbookToolsError):
    """The workbook is protected with a password (an OLE container holding an encrypted package)."""


class LegacyXlsError(WorkbookToolsError):
    """The file is an old binary ``.xls`` workbook, which must be saved as ``.xlsx`` first."""


class WorkbookTooLargeError(WorkbookToolsError):
    """The file is over a safety limit: too many parts, too large unpacked, or a far cell."""


class UnsafeContentError(WorkbookToolsError):
    """An XML part holds a DTD or entity declarations (a possible entity bomb)."""


class NoActionTableError(WorkbookToolsError):
    """No sheet of the workbook has a recognisable table of actions."""


class WouldLoseDataError(WorkbookToolsError):
    """Writing the workbook back would drop something the user made; nothing was written."""


class FileLockedError(WorkbookToolsError):
    """The file is open in Excel, read-only, or otherwise cannot be replaced."""


class MailError(WorkbookToolsError):
    """A saved email (.eml, .msg, .mbox) cannot be read: damaged, over a size limit, or nested
    too deeply."""
