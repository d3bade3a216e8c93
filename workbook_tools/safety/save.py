"""Saving a workbook in place without ever leaving a half-written file behind."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import stat
import sys
from collections.abc import Callable
from pathlib import Path

from ..errors import FileLockedError, UsageError

TEMP_PREFIX = ".~wbt-"
_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def temp_path(target: Path) -> Path:
    """A fresh temporary name beside ``target`` that cannot be mistaken for the user's file."""
    token = secrets.token_hex(4)
    return target.with_name(f"{TEMP_PREFIX}{target.stem}-{token}.tmp{target.suffix}")


def owner_files(target: Path) -> list[Path]:
    """The lock files Excel and LibreOffice keep beside a workbook they have open."""
    name = target.name
    candidates = [f"~${name}", f".~lock.{name}#"]
    if len(name) > 2:
        candidates.append(f"~${name[2:]}")  # older Office shortens long names this way
    return [target.with_name(candidate) for candidate in candidates]


def check_writable(target: Path) -> None:
    """Refuse a target that is open in Excel or LibreOffice, or marked read-only."""
    for owner in owner_files(target):
        if owner.exists():
            program = "LibreOffice" if owner.name.startswith(".~lock.") else "Excel"
            raise FileLockedError(
                f"is open in {program}; close it and try again (if it is not open, delete the "
                f"hidden file {owner.name} beside it)",
                path=target,
            )
    if target.exists():
        if target.is_dir():
            raise UsageError("is a folder, not a workbook; choose a workbook file", path=target)
        mode = target.stat().st_mode
        if not mode & stat.S_IWUSR or not os.access(target, os.W_OK):
            raise FileLockedError(
                "is read-only; clear Read-only in the file's properties, or use --output to "
                "write a copy",
                path=target,
            )
    if not target.parent.is_dir():
        raise UsageError("cannot be saved because its folder does not exist", path=target)


def safe_save(
    target: str | os.PathLike[str],
    write: Callable[[Path], None],
    *,
    backup: Path | None = None,
) -> None:
    """Write a workbook to ``target`` atomically: all of it, or nothing changes.

    ``write(tmp)`` writes the whole workbook to a temporary file in the same folder; it is
    flushed to disk, the original is copied to ``backup`` (times kept) when one is given, the
    original's permission bits are put on the new file, and the new file replaces the original
    in one step. If anything fails, the temporary file is removed and the target is untouched.
    """
    target = Path(target)
    if target.is_symlink():
        target = target.resolve()
    check_writable(target)
    if backup is not None and Path(backup).resolve() == target.resolve():
        raise UsageError("cannot be its own backup; choose another backup name", path=target)
    tmp = temp_path(target)
    _reserve(tmp, target)
    try:
        write(tmp)
        if not tmp.exists() or tmp.stat().st_size == 0:
            raise FileLockedError(
                "could not be saved because nothing was written; nothing was changed",
                path=target,
            )
        _fsync(tmp)
        if backup is not None and target.exists():
            _backup(target, Path(backup))
        if target.exists():
            os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
        _replace(tmp, target)
        _fsync_folder(target.parent)
    except OSError as error:
        _remove(tmp)
        if error.errno in _DISK_FULL:
            raise FileLockedError(
                "could not be saved because the disk is full; free some space and try again "
                "(nothing was changed)",
                path=target,
            ) from None
        raise
    except BaseException:
        _remove(tmp)
        raise


def _backup(target: Path, backup: Path) -> None:
    try:
        shutil.copy2(target, backup)
        _fsync(backup)
    except OSError as error:
        if error.errno in _DISK_FULL:
            raise
        raise FileLockedError(
            f"could not be backed up to {backup} ({error.strerror or error}); nothing was changed",
            path=target,
        ) from None


def _reserve(tmp: Path, target: Path) -> None:
    """Create the temporary file (so its name is ours), with the folder's usual permissions."""
    try:
        os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
    except PermissionError:
        raise FileLockedError(
            "cannot be saved because its folder is read-only for you; use --output to write "
            "a copy elsewhere",
            path=target,
        ) from None
    except OSError as error:
        raise FileLockedError(
            f"cannot be saved in its folder ({error.strerror or error}); nothing was changed",
            path=target,
        ) from None


def _replace(tmp: Path, target: Path) -> None:
    try:
        os.replace(tmp, target)
    except PermissionError:
        # on Windows a file open in another program cannot be replaced
        raise FileLockedError(
            "is open in another program (such as Excel) or locked; close it and try again",
            path=target,
        ) from None


def _fsync(path: Path) -> None:
    with path.open("rb+") as handle:
        handle.flush()
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    if sys.platform.startswith("win"):
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
