"""build(): a plan workbook as one application writes it, with features added.

Each feature is a function ``feature(book, sheet)`` that adds to the book (see features_*.py);
FEATURES maps their names to them. APPS maps application names to their profiles and to what
the application adds before rendering (Google Sheets' metadata part, Numbers' summary sheet).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from . import apps_excel, apps_google, apps_libreoffice, apps_numbers
from .assemble import AppProfile, render
from .book import Book, Sheet
from .plans import plan_rows

Feature = Callable[[Book, Sheet], None]


def _apps() -> dict[str, tuple[Callable[[], AppProfile], Callable[[Book], None] | None]]:
    return {
        "excel-win": (lambda: apps_excel.profile("win"), None),
        "excel-mac": (lambda: apps_excel.profile("mac"), None),
        "excel-web": (lambda: apps_excel.profile("web"), None),
        "google": (apps_google.google, apps_google.prepare_google),
        "libreoffice": (apps_libreoffice.libreoffice, None),
        "numbers": (apps_numbers.numbers, apps_numbers.prepare_numbers),
    }


APPS: tuple[str, ...] = tuple(_apps())
ACTIONS = "Actions"

#: Default column looks of the template headings: widths and named styles.
WIDTHS = {
    "Ref": 6.0,
    "Priority": 18.0,
    "Action": 40.0,
    "Lead": 14.0,
    "Deadline": 12.0,
    "Status": 12.0,
    "% Complete": 11.0,
    "Self-assessed RAG": 10.0,
    "Commentary": 50.0,
}
STYLES = {
    "Deadline": "date",
    "% Complete": "percent",
    "Commentary": "wrap",
    "Action": "wrap",
    "Target date": "date",
    "Progress update": "wrap",
    "Key actions": "wrap",
}


def action_sheet(rows: Sequence[Sequence[Any]], name: str = ACTIONS) -> Sheet:
    """The action sheet: ``rows`` (headings first) with the widths and styles officers give."""
    sheet = Sheet(name, [list(r) for r in rows])
    for c, heading in enumerate(sheet.rows[0], start=1):
        if heading in WIDTHS:
            sheet.col_widths[c] = WIDTHS[heading]
        if heading in STYLES:
            sheet.col_styles[c] = STYLES[heading]
    return sheet


def new_book(app: str, rows: Sequence[Sequence[Any]] | None = None) -> Book:
    """A book for ``app`` holding the action sheet (the template plan when ``rows`` is None)."""
    if app not in APPS:
        raise KeyError(f"unknown application {app!r}; one of {', '.join(APPS)}")
    book = Book(app)
    name = "Actions - Table 1" if app == "numbers" else ACTIONS
    book.sheets.append(action_sheet(rows if rows is not None else plan_rows(), name))
    return book


def finish(book: Book) -> bytes:
    """Render ``book`` as its application writes it."""
    make_profile, prepare = _apps()[book.app]
    done: set[str] = set()
    while set(book.finalizers) - done:
        key = next(k for k in book.finalizers if k not in done)
        done.add(key)
        book.finalizers[key]()
    if prepare:
        prepare(book)
    return render(book, make_profile())


def build(
    app: str,
    features: Iterable[str | Feature] = (),
    rows: Sequence[Sequence[Any]] | None = None,
) -> bytes:
    """The bytes of a plan workbook as ``app`` writes it, with ``features`` (names from
    FEATURES or functions) added to its action sheet."""
    from .features import FEATURES

    book = new_book(app, rows)
    sheet = book.sheets[0]
    for feature in features:
        func = FEATURES[feature] if isinstance(feature, str) else feature
        func(book, sheet)
        book.features.append(feature if isinstance(feature, str) else feature.__name__)
    return finish(book)
