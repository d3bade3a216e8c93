"""How paths are shown to the user: relative to the current folder when they are under it."""

from __future__ import annotations

import os
from pathlib import Path


def shown(path: str | os.PathLike[str], cwd: str | os.PathLike[str] | None = None) -> str:
    """``path`` as the user should read it: relative to ``cwd`` (default: the current folder)
    when it lies under it, else absolute. A relative path is taken as relative to ``cwd``."""
    base = Path(os.getcwd() if cwd is None else cwd).absolute()
    full = Path(path)
    if not full.is_absolute():
        full = base / full
    full = Path(os.path.normpath(full))
    for inside, folder in ((full, Path(os.path.normpath(base))), (_real(full), _real(base))):
        if inside.is_relative_to(folder):
            return str(inside.relative_to(folder))
    return str(full)


def _real(path: Path) -> Path:
    """``path`` with links followed, as far as it exists (``/tmp`` and ``/private/tmp`` agree)."""
    try:
        return path.resolve()
    except OSError:
        return path


def shown_in(text: str, paths: list[str], cwd: str | os.PathLike[str] | None = None) -> str:
    """``text`` with each of ``paths`` it mentions replaced by its :func:`shown` form."""
    for path in sorted(set(paths), key=len, reverse=True):
        if path and path in text:
            text = text.replace(path, shown(path, cwd))
    return text


__all__ = ["shown", "shown_in"]
