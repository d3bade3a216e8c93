"""What refresh refuses to write whatever the writer: the few things no rewrite can keep.

Refresh writes a workbook by copying every part it does not own byte for byte (see
``docs/refresh.md``), so text boxes, slicers, threaded comments, pivot tables, macros, custom XML
and everything else a workbook holds come through unchanged. What is left can not survive any
change to the file, by anyone but Excel:

* a **digital signature** signs the file's exact parts; after any rewrite it no longer matches
  and Excel shows the workbook as tampered with;
* a **shared workbook** (the legacy *Share Workbook* with a change history) records every change
  made in Excel; cells changed outside Excel would be missing from that history, which Excel
  then treats as damaged.

Encrypted workbooks are refused earlier, by the input checks (:func:`~workbook_tools.safety.
check_input`), as the file is not a readable package at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .limits import Limits
from .opening import open_package
from .package import Package

SIGNATURE = "digital signature"
SHARED = "shared workbook"


@dataclass(frozen=True)
class Feature:
    """Something in a workbook that refresh will not rewrite.

    ``sheet`` is the sheet it belongs to (None for the whole workbook), ``name`` a stable short
    name callers can test (``"digital signature"``, ``"shared workbook"``) and ``detail`` the
    sentence for the user: what it is, why refresh leaves the file alone, and what to do.
    """

    sheet: str | None
    name: str
    detail: str


def describe(feature: Feature) -> str:
    """One sentence for a council officer saying why refresh stops and what to do instead."""
    return feature.detail


def describe_all(features: list[Feature]) -> str:
    """One sentence covering several features (for a single error message)."""
    return "; and it ".join(feature.detail for feature in features)


def refusals(package: Package) -> list[Feature]:
    """What in the checked ``package`` refresh must not rewrite (empty: it may be refreshed)."""
    found: list[Feature] = []
    kinds = {rel.kind for rel in package.rels("") if not rel.external}
    if "origin" in kinds or any(p.startswith("_xmlsignatures/") for p in package.members):
        found.append(
            Feature(
                None,
                SIGNATURE,
                "is digitally signed, and a refreshed file would no longer match its signature; "
                "remove the signature in Excel (File > Info > View Signatures), refresh, and "
                "sign the workbook again",
            )
        )
    workbook_kinds = {rel.kind for rel in package.rels(package.workbook_part)}
    if workbook_kinds & {"revisionheaders", "usernames"}:
        found.append(
            Feature(
                None,
                SHARED,
                "is a shared workbook whose change history would not record the refresh; turn "
                "off Share Workbook in Excel (Review > Share Workbook), save, and refresh again",
            )
        )
    return found


def inspect_package(path: str | Path, *, limits: Limits | None = None) -> list[Feature]:
    """Every input check of ``check_input``, then :func:`refusals` of the workbook at ``path``."""
    with open_package(path, limits) as package:
        return refusals(package)


__all__ = [
    "SHARED",
    "SIGNATURE",
    "Feature",
    "describe",
    "describe_all",
    "inspect_package",
    "refusals",
]
