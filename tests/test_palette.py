"""The colours every writer uses (core/palette.py): each RAG word and each heading stays legible
on its fill, and every word shown in RAG colours has them."""

from __future__ import annotations

import pytest

from workbook_tools.core import palette
from workbook_tools.core.vocabulary import RAG_WORDS, SELF_RAG_WORDS


def _luminance(colour: str) -> float:
    """Relative luminance of an ``RRGGBB`` colour (WCAG 2)."""

    def channel(hex_pair: str) -> float:
        value = int(hex_pair, 16) / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(one: str, two: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize(
    ("fill", "text"),
    [
        *palette.RAG_COLOURS.values(),
        (palette.NAVY, palette.WHITE),
        (palette.TOOL_HEAD, palette.WHITE),
        (palette.AS_OF_MARK, palette.WHITE),
        (palette.TOOL_BODY, palette.BLACK),
        palette.GOOD,
        palette.QUIET,
        palette.BAD,
    ],
)
def test_text_is_legible_on_its_fill(fill: str, text: str) -> None:
    """Text on each fill the writers use meets WCAG AA contrast (4.5:1) for normal text."""
    assert _contrast(fill, text) >= 4.5


def test_every_word_shown_in_rag_colours_has_them() -> None:
    """Every RAG word and every self-assessment word has a fill and a text colour, as RRGGBB;
    n/a looks like Grey."""
    for word in (*RAG_WORDS, *SELF_RAG_WORDS):
        fill, text = palette.WORD_COLOURS[word]
        assert len(fill) == len(text) == 6 and int(fill, 16) >= 0 and int(text, 16) >= 0
    assert palette.WORD_COLOURS["n/a"] == palette.RAG_COLOURS["Grey"]
    assert {fill for fill, _ in palette.RAG_COLOURS.values()} == palette.RAG_FILLS
    assert palette.css(palette.NAVY) == "#1F4E78"
