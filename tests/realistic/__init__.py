"""Workbooks written the way real spreadsheet applications write them, for tests.

``build(app, features, rows)`` gives the bytes of a plan workbook as ``app`` writes it (one of
APPS: excel-win, excel-mac, excel-web, google, libreoffice, numbers) with ``features`` (names in
FEATURES) added; ``catalogue()`` yields (name, bytes) for the app × feature matrix and a kitchen
sink per app. See README.md beside this file.
"""

from __future__ import annotations

from .builder import APPS, build, finish, new_book
from .catalogue import REALISTIC, catalogue, kitchen_sink
from .features import FEATURES
from .plans import LEGACY_HEADINGS, TEMPLATE_HEADINGS, plan_rows

__all__ = [
    "APPS",
    "FEATURES",
    "LEGACY_HEADINGS",
    "REALISTIC",
    "TEMPLATE_HEADINGS",
    "build",
    "catalogue",
    "finish",
    "kitchen_sink",
    "new_book",
    "plan_rows",
]
