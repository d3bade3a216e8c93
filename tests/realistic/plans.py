"""The action rows the builders put in their sheets: a template-style plan and a legacy one,
with the messy deadlines, statuses and commentary council officers type."""

from __future__ import annotations

import datetime as dt
from typing import Any

TEMPLATE_HEADINGS: tuple[str, ...] = (
    "Ref",
    "Priority",
    "Action",
    "Lead",
    "Deadline",
    "Status",
    "% Complete",
    "Self-assessed RAG",
    "Commentary",
)
LEGACY_HEADINGS: tuple[str, ...] = (
    "No.",
    "Council priority",
    "Key actions",
    "Responsible officer",
    "Target date",
    "Progress status",
    "RAG",
    "Progress update",
)

#: Template rows: Ref, Priority, Action, Lead, Deadline, Status, % Complete, RAG, Commentary.
TEMPLATE_ROWS: tuple[tuple[Any, ...], ...] = (
    (
        "1.1",
        "Clean streets",
        "Publish the street cleansing plan",
        "A. Patel",
        dt.date(2024, 3, 31),
        "Complete",
        1,
        "Green",
        "Published on the website in March.",
    ),
    (
        "1.2",
        "Clean streets",
        "Consult residents on bin collection days",
        "B. Okafor",
        "Sept 24",
        "In progress",
        0.5,
        "Amber",
        "Survey closes on 30 August; 1,204 replies so far.",
    ),
    (
        "1.3",
        "Clean streets",
        "Review fly-tipping enforcement",
        "C. Nowak",
        "Q3 2024/25",
        "Not started",
        0,
        "Red",
        "Awaiting the new enforcement officer.",
    ),
    (
        "2.1",
        "Good homes",
        "Adopt the housing allocations policy",
        "D. Hughes",
        dt.date(2024, 12, 31),
        "In progress",
        0.3,
        "Green",
        "Draft to Cabinet in October.",
    ),
    (
        "2.2",
        "Good homes",
        "Bring 40 empty homes back into use",
        "E. Wright",
        "Ongoing",
        "In progress",
        0.65,
        "Amber",
        "26 of 40 so far.\nTwo owners refused.",
    ),
    (
        "3.1",
        "Healthy lives",
        "Open the new leisure centre",
        "F. Murphy",
        dt.date(2025, 6, 30),
        "Deferred",
        0.1,
        "Red",
        "Contractor went into administration.",
    ),
    (
        "3.2",
        "Healthy lives",
        "Launch the 'Active Lives' programme",
        "G. Evans",
        "end of March 2025",
        "In progress",
        0.4,
        "Green",
        "",
    ),
    (
        "3.3",
        "Healthy lives",
        "Replace the pool's changing rooms",
        "H. Singh",
        "TBC",
        "Cancelled",
        0,
        "n/a",
        "Cancelled: budget moved to 3.1.",
    ),
)

LEGACY_ROWS: tuple[tuple[Any, ...], ...] = (
    (
        1,
        "Safer communities",
        "Reduce anti-social behaviour in the town centre",
        "PC Jones",
        "Mar-09",
        "On track",
        "G",
        "Two dispersal orders in place",
    ),
    (
        2,
        "Safer communities",
        "Install 12 new CCTV cameras",
        "Head of Community Safety",
        dt.date(2008, 12, 31),
        "Delayed",
        "A",
        "Planning permission for 3 sites outstanding",
    ),
    (
        3,
        "Economy",
        "Run two jobs fairs",
        "Economic Development Manager",
        "Summer 2008",
        "Complete",
        "G",
        "Both held; 450 attended",
    ),
    (
        4,
        "Economy",
        "Attract a tenant for the old market hall",
        "Estates Manager",
        "2008/09",
        "Not started",
        "R",
        "",
    ),
)


def plan_rows(kind: str = "template", count: int | None = None) -> list[list[Any]]:
    """Headings and rows of a ``kind`` ("template" or "legacy") plan; ``count`` repeats the
    rows (with new refs) to that many actions."""
    headings, rows = (
        (TEMPLATE_HEADINGS, TEMPLATE_ROWS) if kind == "template" else (LEGACY_HEADINGS, LEGACY_ROWS)
    )
    out = [list(r) for r in rows]
    n = count if count is not None else len(rows)
    while len(out) < n:
        base = list(rows[len(out) % len(rows)])
        base[0] = (
            f"{4 + len(out) // len(rows)}.{len(out) % len(rows) + 1}"
            if kind == "template"
            else len(out) + 1
        )
        out.append(base)
    return [list(headings), *out[:n]]


def column(headings: list[str], *names: str) -> int:
    """The 1-based column of the first heading in ``names`` (by heading, never by letter)."""
    for name in names:
        if name in headings:
            return headings.index(name) + 1
    raise KeyError(names)
