"""Reading single cells of a plan: text pasted from Word, refs, leads and percentages.

Pure functions over plain cell values, used by the reader and by import.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import re

_TAG = re.compile(r"<[^>]{0,200}>")
# Markdown left in text taken from Word or PDF: "## 7. Health & Safety", "**Increased**".
_MD_HEADING = re.compile(r"^#{1,6}\s+(?=\S)")
_MD_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_PARA = re.compile(r"</p>\s*<p>|<br\s*/?>", re.IGNORECASE)
_REF = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3})*)\.?\s*$")
_LEADING_REF = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,3})+\.?|\d{1,2}\.)\s+(\S.*)$", re.DOTALL)
_SPACED_REF = re.compile(r"^\s*(\d{1,3}(?: \d{1,3}){1,3})\s*$")
# An identifier typed in a Ref or ID column: "A.5.1", "T-001", "POAM-0012" (a letter and a digit,
# no spaces).
_ID = re.compile(r"^(?=[^\s]*[A-Za-z])(?=[^\s]*\d)[A-Za-z0-9][A-Za-z0-9._/-]{0,23}$")
_MONTH_START = re.compile(
    r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|q[1-4])", re.IGNORECASE
)
_MULTI_REF = re.compile(r"^\s*\d{1,3}(?:\.\d{1,3})*\s*[,;&/]\s*\d")
_LEAD_SPLIT = re.compile(r"\s*/\s*|\s*,\s*|\s+&\s+|\s+and\s+", re.IGNORECASE)
_PEOPLE_SPLIT = re.compile(r"\s*;\s*")


def clean_text(value: object) -> object:
    """Strip HTML fragments pasted from Word, entities, Markdown heading marks and emphasis left
    by a Word or PDF extraction ("## 7. Plan", "**bold**") and surrounding space; blank →
    ``None``."""
    if not isinstance(value, str):
        return value
    text = value
    if "<" in text and ">" in text:
        text = _PARA.sub("\n", text)
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    text = text.strip()
    if text.startswith("#"):
        text = _MD_HEADING.sub("", text)
    if "**" in text:
        text = _MD_BOLD.sub(r"\1", text).strip()
    return text or None


def clean_row(row: list[object]) -> list[object]:
    """:func:`clean_text` of every cell of a row (the reader cleans each row once).

    One comprehension over the row, shaped for the cells a plan is made of: blank cells and
    numbers are kept as they are, plain text that only needs its surrounding space stripped is
    stripped here, and only text with a tag, an entity or a Markdown mark (or a ``str``
    subclass) costs a call to :func:`clean_text`.
    """
    return [
        value
        if value is None
        else (
            (
                clean_text(value)
                if "<" in value or "&" in value or "*" in value or "#" in value
                else (value.strip() or None)
            )
            if value.__class__ is str
            else (clean_text(value) if isinstance(value, str) else value)
        )
        for value in row
    ]


def parse_ref(value: object) -> str | None:
    """A ref from a Ref cell: hierarchical ("1", "1.1", "4.1.3", without trailing dots; "20 2"
    typed with a space for a dot is 20.2), or an identifier with a letter and a digit and no
    spaces ("A.5.1", "T-001"); ``None`` for anything else."""
    if value.__class__ is not str:  # most refs are text: tested first, by one comparison
        if isinstance(value, bool) or value is None:
            return None
        if isinstance(value, int):
            return str(value) if 0 < value < 1000 else None
        if isinstance(value, float):
            text = repr(value)
            return parse_ref(text[:-2] if text.endswith(".0") else text)
    if isinstance(value, str):
        match = _REF.match(value)
        if match:
            return match.group(1)
        spaced = _SPACED_REF.match(value)
        if spaced:
            return spaced.group(1).replace(" ", ".")
        text = value.strip().rstrip(".")
        if _ID.match(text) and not _MONTH_START.match(text):
            return text
    return None


def split_leading_ref(text: str | None) -> tuple[str | None, str | None]:
    """``"1.1 Joint Strategic Needs Analysis"`` → ``("1.1", "Joint Strategic Needs Analysis")``."""
    if not text:
        return None, text
    match = _LEADING_REF.match(text)
    if not match:
        return None, text
    return match.group(1).rstrip("."), match.group(2).strip()


@functools.lru_cache(maxsize=4096)
def split_leads(text: str | None) -> tuple[tuple[str, ...], str | None]:
    """Leads and supporting text: the main lead is the text before any parenthesis.

    ``"AC/ DH"`` → ``(("AC", "DH"), None)``; ``"Tony Geeson (Heads of service)"`` →
    ``(("Tony Geeson",), "Heads of service")``. An ``&`` inside a word is part of the name.
    """
    if not text:
        return (), None
    main, supporting = text, None
    if "(" in text:
        main, rest = text.split("(", 1)
        supporting = rest.rsplit(")", 1)[0].strip() or None
    # People separated by ";" (a planner's or a SharePoint list's export) are each named in
    # full, and a comma is inside a name ("Roe, John; Poe, Mary").
    split = _PEOPLE_SPLIT.split if ";" in main else _LEAD_SPLIT.split
    leads = tuple(part.strip() for part in split(main) if part.strip())
    return leads, supporting


def is_parent(parent: str, child: str) -> bool:
    """True when ``child`` is below ``parent`` in the ref hierarchy (1.1 → 1.1.2)."""
    return child.startswith(parent + ".")


def read_percent(value: object, percent_format: bool) -> float | None:
    """% complete as 0–100; a fraction from a percent-formatted cell is scaled."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        number = float(value)
        if percent_format and 0 <= number <= 1:
            number *= 100
        return number if number == number else None
    if isinstance(value, str):
        text = value.strip().rstrip("%").strip()
        try:
            return float(text)
        except ValueError:
            return None
    return None


def cell_text(value: object) -> str | None:
    """A cell as stripped text (dates as ISO); blank → ``None``."""
    if value is None:
        return None
    if value.__class__ is str:
        return value.strip() or None
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    text = str(value).strip()
    return text or None


def names_several_refs(text: str) -> bool:
    """Whether a Ref cell lists several refs ("2.1, 2.2, 2.3,")."""
    return bool(_MULTI_REF.match(text))
