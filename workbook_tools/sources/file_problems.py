"""The sentences for a file a reader cannot open or read, the same for every reader."""

from __future__ import annotations

import os

from ..errors import NotAWorkbookError

NOT_A_WORKBOOK = (
    "the file is not an Excel workbook (.xlsx) or is damaged; open it in Excel and save it as .xlsx"
)


def file_problem(exc: OSError, path: str) -> NotAWorkbookError:
    """The sentence for a file that could not even be opened."""
    if isinstance(exc, FileNotFoundError):
        message = "the file cannot be found; check its name and folder"
    elif isinstance(exc, IsADirectoryError):
        message = "this is a folder, not a file"
    elif isinstance(exc, PermissionError):
        message = "the file cannot be opened (no permission to read it); check who can open it"
    else:
        reason = exc.strerror or exc.__class__.__name__
        message = f"the file cannot be opened ({reason}); check the drive or folder it is on"
    return NotAWorkbookError(message, path=path)


def check_readable(path: str | os.PathLike[str]) -> str:
    """``path`` as text, once it is known to open for reading; raises the sentence of
    :func:`file_problem` when it does not."""
    path = os.fspath(path)
    try:
        with open(path, "rb"):
            pass
    except OSError as exc:
        raise file_problem(exc, path) from None
    return path


__all__ = ["NOT_A_WORKBOOK", "check_readable", "file_problem"]
