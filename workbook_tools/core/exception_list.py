"""Which actions are exceptions, and in what order: one rule for the plan's Exceptions sheet, the
corporate report's Exceptions sheet and the count in a return's email draft.

An action is an exception when its final RAG is Red or Amber, or when the officer's own
assessment is more favourable than the dates support (the ``optimistic`` flag) whatever its RAG.
The list gives Red first, then Amber, then the other optimistic ones; within each, by due date
(none last), then by group (the directorate, in the corporate report), ref in reading order and
place in the workbook.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable
from typing import NamedTuple, TypeVar

from .keys import name_key, ref_key
from .vocabulary import FLAG_OPTIMISTIC, Rag

#: How the list is ordered, in the words the sheets show above it.
ORDER = "Red, then Amber, then optimistic self-assessments; each by due date"

T = TypeVar("T")


class Facts(NamedTuple):
    """What the rule needs to know of one action: its final RAG (a ``Rag`` or the RAG word), its
    flags, due date and ref; ``group`` (the directorate in the corporate report, else blank) and
    ``place`` (sheet and row) break ties."""

    rag: str
    flags: Collection[str]
    due: dt.date | None
    ref: str | None
    group: str | None = None
    place: tuple[str, int] = ("", 0)


def rank(rag: str, flags: Collection[str]) -> int | None:
    """0 for Red, 1 for Amber, 2 for an optimistic self-assessment that is neither; ``None`` when
    the action is not an exception."""
    if rag == Rag.RED:
        return 0
    if rag == Rag.AMBER:
        return 1
    return 2 if FLAG_OPTIMISTIC in flags else None


def is_exception(rag: str, flags: Collection[str]) -> bool:
    """Whether an action with this final RAG and these flags is listed as an exception."""
    return rank(rag, flags) is not None


def exception_list(items: Iterable[T], facts: Callable[[T], Facts]) -> list[T]:
    """The exceptions among ``items``, in the order of the list (see the module's description);
    ``facts`` tells the rule what it needs of each item."""
    keyed = []
    # names and refs repeat (a directorate's name on every one of its rows): keyed once each
    groups: dict[str | None, str] = {}
    refs: dict[str | None, tuple] = {}
    for index, item in enumerate(items):
        known = facts(item)
        place = rank(known.rag, known.flags)
        if place is None:
            continue
        due, group, ref = known.due, known.group, known.ref
        group_key = groups.get(group)
        if group_key is None:
            group_key = groups[group] = name_key(group)
        found = refs.get(ref)
        if found is None:
            found = refs[ref] = ref_key(ref)
        key = (place, due is None, due or dt.date.min, group_key, found, known.place, index)
        keyed.append((key, item))
    keyed.sort(key=lambda pair: pair[0])
    return [item for _, item in keyed]


__all__ = ["ORDER", "Facts", "exception_list", "is_exception", "rank"]
