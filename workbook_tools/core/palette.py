"""The colours every writer uses, each defined once, as ``RRGGBB`` hex (no ``#``).

The RAG colours are the template's: every sheet, chart and report shows a RAG word in them, and
always shows the word as well as the colour. The house colours are those of the template's
headings, the tool's own columns and sheets, notes, links, marks and charts.
"""

from __future__ import annotations

from .vocabulary import NOT_APPLICABLE, Rag

#: RAG word → (fill, text colour).
RAG_COLOURS: dict[str, tuple[str, str]] = {
    Rag.BLUE: ("0070C0", "FFFFFF"),
    Rag.GREEN: ("00B050", "000000"),
    Rag.AMBER: ("FFC000", "000000"),
    Rag.RED: ("C00000", "FFFFFF"),
    Rag.GREY: ("BFBFBF", "000000"),
}
#: Every word shown in RAG colours: the RAG words and a self-assessment's n/a (as Grey).
WORD_COLOURS: dict[str, tuple[str, str]] = {**RAG_COLOURS, NOT_APPLICABLE: RAG_COLOURS[Rag.GREY]}
#: The fills a cell takes from its RAG.
RAG_FILLS: frozenset[str] = frozenset(fill for fill, _ in RAG_COLOURS.values())

BLACK = "000000"
WHITE = "FFFFFF"
#: The template's headings (filled, white text); titles and section headings on the tool's sheets.
NAVY = "1F4E78"
#: The headings of the tool's own columns and sheets (filled, white text); notes.
TOOL_HEAD = "595959"
#: The tool's computed cells.
TOOL_BODY = "F2F2F2"
#: Subtitles, the outlines of the Gantt chart's bars, quiet text.
DARK_GREY = "404040"
#: Text on the Gantt chart.
CHART_TEXT = "262626"
#: The tab of a sheet the tool owns; faint text on a chart.
TAB_GREY = "808080"
#: Chart gridlines.
GRIDLINE = "D9D9D9"
#: The thin borders of a table.
BOX_GREY = "A6A6A6"
#: A link.
LINK_BLUE = "0563C1"
#: The as-of month on the Timeline and the as-of line on the Gantt chart.
AS_OF_MARK = "7030A0"
#: The text of an error and of a warning on the Checks sheet.
ERROR_TEXT = RAG_COLOURS[Rag.RED][0]
WARNING_TEXT = "9C5700"
#: (fill, text) of a status cell in the corporate report's Sources: Excel's Good, Neutral-grey and
#: Bad cell styles.
GOOD = ("C6EFCE", "006100")
QUIET = ("EDEDED", DARK_GREY)
BAD = ("FFC7CE", "9C0006")


#: Colour words that show no colour at all (OpenDocument's ``transparent``).
NO_COLOUR_WORDS = frozenset({"", "none", "transparent"})


def is_white(colour: str) -> bool:
    """Whether a colour read from a workbook is white: ``RRGGBB`` or ``AARRGGBB`` (any alpha),
    with or without ``#`` and in either case, or the word ``white``."""
    text = colour.strip().lstrip("#").upper()
    return text == "WHITE" or (len(text) in (6, 8) and text[-6:] == WHITE)


def shows_colour(colour: object) -> bool:
    """Whether a fill in ``colour`` (text, as a workbook or Excel reports it; ``None`` for no
    fill) is seen on a white sheet: any colour but white and "no colour"."""
    if not isinstance(colour, str):
        return False
    return colour.strip().lower() not in NO_COLOUR_WORDS and not is_white(colour)


def css(colour: str) -> str:
    """A colour as ``#RRGGBB``, the way matplotlib, XlsxWriter and xlwings take it."""
    return "#" + colour
