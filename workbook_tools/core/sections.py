"""Rows that are not actions: page furniture, instructions, section titles, label rows, prose.

Pure functions over one row's cells, used by the reader (:mod:`workbook_tools.core.reading`) to tell
a table's section rows ("3. Acceptable Use Policy" alone on its row, "Phase 2", "Priority CP1: Town
Centre"), label rows ("2 | Expected Outcome | Creation of employment…"), instructions ("To add
more data, insert new rows ABOVE this one") and the running text of a document around its tables
from the rows that are actions.
"""

from __future__ import annotations

import re

from .cells import clean_text
from .headings import candidates

#: Page furniture repeated by a document: never actions, never sections.
_NOISE = re.compile(
    r"^(updated to\b|appendix\b|page \d|progress updates?\s*$|\(?continued\)?\s*$"
    r"|(?:red|amber|green|blue)\s*[–—-]\s)",
    re.IGNORECASE,
)
#: Instructions left in a template for whoever fills it in.
_INSTRUCTION = re.compile(
    r"\b(?:insert\s+(?:new\s+|more\s+)?rows?|add\s+(?:more\s+|new\s+)?(?:rows?|data|lines|actions"
    r"|tasks|items)|(?:above|below)\s+this\s+(?:line|row|one)|do\s+not\s+(?:delete|remove|edit"
    r"|change|type|overwrite)|delete\s+(?:this|these)\s+rows?|(?:start|begin)\s+typing)\b",
    re.IGNORECASE,
)
_SECTION_WORD = re.compile(
    r"^(?:priority|phase|stage|section|part|theme|workstream|objective|goal|outcome|area|"
    r"milestone|step|group|category)\b|^[A-Z]{1,5}\s?\d{1,2}\s*[:.–-]",
    re.IGNORECASE,
)
_NUMBERED = re.compile(r"^\s*(?:[A-Z]\.)?\d{1,2}(?:\.\d{1,2})*\.?\s+\S")
_BULLET = re.compile(r"^\s*(?:[-–•·*▪◦]|[a-z]\.|\([a-z0-9]\))\s+\S")
#: Longest text read as a section title.
_TITLE_WORDS = 12
#: Shortest text read as running prose (a paragraph of a document).
_PROSE_WORDS = 15


def is_noise(text: str) -> bool:
    """Page furniture: "Updated to 30 06 08", "Appendix 1", "Page 3", "(continued)", "Progress
    Update", a RAG legend line ("Green – on trajectory…")."""
    return bool(_NOISE.match(text))


_TOTAL = re.compile(r"^\s*(?:grand\s+|sub-?\s*)?totals?\s*:?\s*$", re.IGNORECASE)


def is_total(value: object) -> bool:
    """The first cell of a Totals row ("Total", "Totals", "Grand total", "Sub-total:")."""
    return isinstance(value, str) and bool(_TOTAL.match(value))


def is_instruction(text: str) -> bool:
    """An instruction to whoever fills the sheet in ("To add more data, insert new rows ABOVE
    this one", "Do not delete this row")."""
    return len(text) <= 200 and bool(_INSTRUCTION.search(text))


def is_prose(raw: object) -> bool:
    """Running text of a document, as opposed to a table's row: a heading of the document
    written with Markdown marks ("## 8. Equalities Action Plan"), a bullet point, or a
    paragraph (fifteen words or more) that is not a numbered heading."""
    if not isinstance(raw, str):
        return False
    if raw.lstrip().startswith("#") and raw.lstrip().lstrip("#").startswith(" "):
        return True
    text = clean_text(raw)
    if not isinstance(text, str) or _NUMBERED.match(text):
        return False
    return bool(_BULLET.match(text)) or len(text.split()) >= _PROSE_WORDS


def is_title(text: str) -> bool:
    """Short enough to be a section's title (twelve words at most, not a sentence)."""
    words = text.split()
    return 0 < len(words) <= _TITLE_WORDS and not text.rstrip().endswith((".", ";", ","))


def is_section_heading(text: str) -> bool:
    """A numbered or named section heading: "3. Acceptable Use Policy", "Priority CP1: Town
    Centre", "CP5: Reputation", "Phase 2 – Build"."""
    return is_title(text) and bool(_NUMBERED.match(text) or _SECTION_WORD.match(text))


def label_value(cells: list[tuple[int, object]]) -> str | None:
    """The value of a label row such as "2 | Expected Outcome | Creation of employment…" or
    "Theme: | Customer service": a priority heading word followed by its text, on a row of at
    most three cells. ``None`` for any other row."""
    if not 2 <= len(cells) <= 3:
        return None
    for index, (_c, value) in enumerate(cells[:-1]):
        if not isinstance(value, str) or "priority" not in candidates(value.rstrip(": ")):
            continue
        after = clean_text(cells[index + 1][1])
        if isinstance(after, str) and any(ch.isalpha() for ch in after):
            return after
    return None


def has_words(cells: list[tuple[int, object]]) -> bool:
    """Whether any cell holds a letter or a digit (a row of "------" rules holds none)."""
    for _c, value in cells:  # noqa: SIM110 - a loop, not a generator per row of the plan
        if not isinstance(value, str) or _ALNUM.search(value):
            return True
    return False


#: A letter or a digit: ``\w`` is what ``str.isalnum`` accepts, and the underscore.
_ALNUM = re.compile(r"[^\W_]")


__all__ = [
    "has_words",
    "is_instruction",
    "is_noise",
    "is_prose",
    "is_section_heading",
    "is_title",
    "is_total",
    "label_value",
]
