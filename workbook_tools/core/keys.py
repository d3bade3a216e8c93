"""Keys for comparing what officers type: refs in reading order, group names as the same name.

Pure: used wherever the tool sorts actions by ref or matches a directorate or priority by name,
so that the plan's sheets, the corporate report and consolidation agree.
"""

from __future__ import annotations

import re

_REF_PARTS = re.compile(r"\d+|[^\d\s.]+")


def ref_key(ref: str | None) -> tuple[tuple[int, int | str], ...]:
    """A sort key that puts refs in reading order: ``1.2`` before ``1.10`` before ``2``,
    ``1.2`` before ``1.2a``; letters compared ignoring case; blank refs last."""
    parts = _REF_PARTS.findall(ref or "")
    if not parts:
        return ((2, ""),)
    return tuple((0, int(p)) if p.isdecimal() else (1, p.casefold()) for p in parts)


#: Typographic marks that autocorrect puts in for the plain ones typed (’ for ', – for -).
_TYPOGRAPHY = str.maketrans(
    dict.fromkeys("\u2018\u2019\u201b\u2032", "'")
    | dict.fromkeys("\u201c\u201d", '"')
    | dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-")
)


def name_key(name: str | None) -> str:
    """A directorate's, priority's or other group's name as compared: case ignored, spaces
    trimmed and any run of spacing (non-breaking spaces, tabs, line breaks) as one space, and
    curly quotes and dashes as the plain ones ("Adults’ Social Care" is "Adults' Social Care")."""
    return " ".join((name or "").translate(_TYPOGRAPHY).split()).casefold()


__all__ = ["name_key", "ref_key"]
