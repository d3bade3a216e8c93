"""The product's words (core/vocabulary.py): each drop-down word reads back as itself, the rule
numbers are the documented ones, flags come in their documented order, and the computed columns
and rebuilt sheets are the ones the reader and the template know."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from workbook_tools.core import layout
from workbook_tools.core.heading_words import computed_key
from workbook_tools.core.rules import normalise_self_rag, normalise_status
from workbook_tools.core.vocabulary import (
    COMPUTED,
    COMPUTED_HEADINGS,
    FLAG_DUPLICATE_REF,
    FLAG_NO_LEAD,
    FLAG_OPTIMISTIC,
    FLAG_STALE,
    RAG_ORDER,
    RAG_WORDS,
    REBUILT,
    SELF_RAG_WORDS,
    SETTLED_RULES,
    STATUS_WORDS,
    Rag,
    Rule,
    Status,
    order_flags,
    self_rag_word,
)

RULES_DOC = Path(__file__).resolve().parents[1] / "docs" / "rules.md"


@pytest.mark.parametrize("word", STATUS_WORDS)
def test_each_status_in_the_drop_down_reads_as_itself(word: str) -> None:
    """A status chosen from the template's drop-down is read as that status."""
    assert normalise_status(word) == Status(word)


@pytest.mark.parametrize("rag", RAG_ORDER)
def test_each_self_assessment_written_reads_back(rag: Rag) -> None:
    """A self-assessment written as the drop-down writes it (Grey as n/a) reads back the same."""
    word = self_rag_word(rag)
    assert word in SELF_RAG_WORDS
    assert normalise_self_rag(word) is rag


def test_the_word_lists_follow_the_rag_order() -> None:
    """RAG words are listed Blue, Green, Amber, Red, Grey; the self-assessment offers n/a last."""
    assert RAG_WORDS == ("Blue", "Green", "Amber", "Red", "Grey")
    assert SELF_RAG_WORDS == ("Blue", "Green", "Amber", "Red", "n/a")
    assert self_rag_word(None) is None


def test_the_rules_are_numbered_as_the_documentation_numbers_them() -> None:
    """Rule numbers are the ten rows of the RAG table in docs/rules.md, and the rules a
    self-assessment cannot change are 1 (complete) and 2 (not rated)."""
    rows = re.findall(r"^\| (\d+) \| .+? \| \*\*(\w+)\*\*", RULES_DOC.read_text("utf-8"), re.M)
    numbers = [int(number) for number, _ in rows]
    assert numbers == [rule.value for rule in Rule] == list(range(1, 11))
    greys = {int(number) for number, rag in rows if rag == "Grey"}
    assert greys == {Rule.NOT_RATED, Rule.NO_DUE_DATE}
    assert {Rule.COMPLETE.value, Rule.NOT_RATED.value} == set(SETTLED_RULES)


def test_flags_come_in_their_documented_order_each_once() -> None:
    """Known flags in the documented order, then any others alphabetically, none repeated."""
    given = ["zz-other", FLAG_DUPLICATE_REF, FLAG_STALE, FLAG_OPTIMISTIC, FLAG_STALE, FLAG_NO_LEAD]
    assert order_flags(given) == (
        FLAG_OPTIMISTIC,
        FLAG_STALE,
        FLAG_NO_LEAD,
        FLAG_DUPLICATE_REF,
        "zz-other",
    )


def test_the_reader_knows_every_computed_heading() -> None:
    """Each computed column's heading is read back as that computed field, in column order."""
    assert tuple(COMPUTED.values()) == COMPUTED_HEADINGS
    assert [computed_key(heading) for heading in COMPUTED_HEADINGS] == list(COMPUTED)


def test_the_rebuilt_sheets_are_tool_sheets_in_workbook_order() -> None:
    """The sheets refresh rebuilds are the tool's own, in the template's order, History last."""
    assert set(REBUILT) <= set(layout.TOOL_SHEETS)
    assert sorted(REBUILT, key=layout.SHEET_ORDER.index) == list(REBUILT)
    assert REBUILT[-1] == layout.HISTORY
