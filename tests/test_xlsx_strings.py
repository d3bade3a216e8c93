"""The shared strings part of a new workbook (the corporate report): every text reads back as
stored, whether it goes into the part as it is or needs escaping."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from workbook_tools.writers.file.xlsx_cells import stored_text
from workbook_tools.writers.file.xlsx_strings import NS, NewStrings

_Q = f"{{{NS}}}"
_TRICKY = ["a & b", "<p>", 'say "hi"', "line\r\nbreak", "\x01bell", "_x0041_", " lead",
           "trail ", "two\nlines", "£ and – dashes", "\ufffe", "x" * 40_000, "\ud800"]  # fmt: skip


def _read_back(strings: NewStrings) -> list[str]:
    parts: list[bytes] = []
    strings.write(parts.append)
    root = etree.fromstring(b"".join(parts))
    return ["".join(si.itertext()) for si in root.iter(_Q + "si")]


def _expected(text: str) -> str:
    return stored_text(text[:32_767])


@settings(max_examples=60, deadline=None)
@given(
    plain=st.lists(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x2FFF))),
    tricky=st.lists(st.sampled_from(_TRICKY), max_size=3),
)
def test_every_text_reads_back_as_stored(plain: list[str], tricky: list[str]) -> None:
    """Plain texts and texts needing escaping, mixed in one chunk, all read back as stored."""
    strings = NewStrings()
    texts = list(dict.fromkeys([*plain, *tricky]))
    for text in texts:
        strings.index(text)
    assert _read_back(strings) == [_expected(t) for t in texts]


def test_thousands_of_plain_texts_read_back_in_order() -> None:
    """Over several chunks of 4,096 texts, each text keeps its number and its spacing."""
    strings = NewStrings()
    texts = [f"  commentary {i}\nsecond line" if i % 7 == 0 else f"action {i}" for i in range(9000)]
    numbers = [strings.index(text) for text in texts]
    assert numbers == list(range(9000))
    assert _read_back(strings) == texts
