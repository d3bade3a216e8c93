"""Every file the tool writes, written whole or not at all, after one set of checks on where.

* :func:`write_file` replaces or creates a file atomically through :func:`~.save.safe_save`
  (a temporary file beside it, flushed, then swapped in): a report, a copy to send, an email
  draft, the add-in, the template.
* :func:`write_new_file` does the same for a file that must not exist yet (a new or imported
  plan): the name is taken first, so a file that appears meanwhile is never replaced.
* :func:`copy_file` copies a file that way.
* :func:`check_output`, :func:`check_folder` and :func:`output_folder` are the checks on an
  output path that every use case makes before any work: the file's type, not a folder, an
  existing file refused when it must be new, and its folder there (or made).

Temporary working files (a picture handed to Excel, an attachment unpacked for reading) are not
outputs and are written in the tool's own temporary folders.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from pathlib import Path

from ..errors import FileLockedError, UsageError
from .save import safe_save


def write_file(
    target: str | os.PathLike[str], data: bytes, *, backup: Path | None = None
) -> Path:
    """Write ``data`` to ``target`` all at once, replacing any file there (kept as ``backup``
    when given); nothing changes when anything fails. Returns the path written."""
    target = Path(target)
    _check_folder_writable(target)
    safe_save(target, lambda tmp: tmp.write_bytes(data), backup=backup)
    return target


def write_new_file(target: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``target``, which must not exist (:class:`UsageError` when it does, also
    when another program makes it while this one writes), all at once. Returns the path."""
    target = Path(target)
    _check_folder_writable(target)
    try:
        handle = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)
    except FileExistsError:
        raise UsageError(
            "already exists; choose another name or delete it first", path=target
        ) from None
    except OSError as exc:
        raise FileLockedError(
            f"could not be written ({exc.strerror or exc}); nothing was changed", path=target
        ) from None
    os.close(handle)
    placeholder = os.stat(target)
    try:
        safe_save(target, lambda tmp: tmp.write_bytes(data))
    except BaseException:
        _remove_placeholder(target, placeholder)
        raise
    return target


def copy_file(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> Path:
    """Copy ``source`` to ``target`` all at once, replacing any file there."""
    return write_file(target, Path(source).read_bytes())


def check_output(
    path: str | os.PathLike[str],
    *,
    what: str,
    suffixes: Sequence[str] = (".xlsx",),
    new: bool = False,
    make_folder: bool = False,
    wrong_suffix: str | None = None,
) -> Path:
    """The checks on an output path before any work is done; returns it as a ``Path``.

    ``what`` names the file for the messages ("the corporate report"). Refused with one
    sentence (:class:`UsageError`): a name not ending in one of ``suffixes`` (``wrong_suffix``
    replaces the message), a folder, an existing file when ``new``, a file where its folder
    should be, and a folder that does not exist (made instead when ``make_folder``, see
    :func:`output_folder`).
    """
    path = Path(path)
    if path.suffix.lower() not in {suffix.lower() for suffix in suffixes}:
        allowed = " or ".join(suffixes)
        raise UsageError(wrong_suffix or f"{what} must be saved as {allowed}", path=path)
    if path.is_dir():
        raise UsageError(f"is a folder; give a file name for {what}", path=path)
    if new and path.exists():
        raise UsageError("already exists; choose another name or delete it first", path=path)
    if make_folder:
        output_folder(path.parent, make=True)
    elif not check_folder(path.parent):
        raise UsageError(
            f"cannot be saved because its folder {path.parent} does not exist; create it first",
            path=path,
        )
    return path


def check_folder(folder: str | os.PathLike[str]) -> bool:
    """Whether ``folder`` exists already; refused with one sentence when it, or the nearest of
    its parents that exists, is a file (so it could never be made)."""
    folder = Path(folder)
    if folder.is_dir():
        return True
    if folder.exists():
        raise UsageError("is a file, not a folder; give a folder", path=folder)
    blocker = next((p for p in folder.parents if p.exists()), None)
    if blocker is not None and not blocker.is_dir():
        raise UsageError(
            f"cannot be made because {blocker} is a file; choose another place", path=folder
        )
    return False


def output_folder(folder: str | os.PathLike[str], *, make: bool = True) -> bool:
    """Check that ``folder`` is a folder (:func:`check_folder`), making it and any missing
    parents when ``make``; returns whether it was made."""
    folder = Path(folder)
    if check_folder(folder):
        return False
    if not make:
        raise UsageError("does not exist; create the folder first", path=folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(
            f"cannot be made ({exc.strerror or exc}); choose another place", path=folder
        ) from exc
    return True


def _check_folder_writable(target: Path) -> None:
    """Refuse before writing when the target's folder is read-only for this user."""
    folder = target.parent
    if folder.is_dir() and not os.access(folder, os.W_OK):
        raise FileLockedError(
            f"cannot be saved because its folder {folder} is read-only for you; choose another "
            "folder",
            path=target,
        )


def _remove_placeholder(target: Path, placeholder: os.stat_result) -> None:
    """Remove the empty file :func:`write_new_file` made, if it is still that file."""
    with contextlib.suppress(OSError):
        now = os.stat(target)
        if now.st_size == 0 and (now.st_ino, now.st_dev) == (
            placeholder.st_ino,
            placeholder.st_dev,
        ):
            target.unlink()


__all__ = [
    "check_folder",
    "check_output",
    "copy_file",
    "output_folder",
    "write_file",
    "write_new_file",
]
