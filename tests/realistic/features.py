"""FEATURES: every feature by name, each a function ``feature(book, sheet)`` that adds itself
to the action sheet ``sheet`` of ``book``. Compose them freely (order matters only where a
docstring says so: merged_cells refuses a sheet that has a table)."""

from __future__ import annotations

from collections.abc import Callable

from . import features_cells as cells
from . import features_charts as charts
from . import features_data as data
from . import features_notes as notes
from . import features_objects as objects
from . import features_package as package
from . import features_rules as rules
from .book import Book, Sheet

FEATURES: dict[str, Callable[[Book, Sheet], None]] = {
    "threaded_comments": notes.threaded_comments,
    "legacy_notes": notes.legacy_notes,
    "x14_validation": rules.x14_validation,
    "classic_validation": rules.classic_validation,
    "x14_conditional": rules.x14_conditional,
    "classic_conditional": rules.classic_conditional,
    "floats17": cells.floats17,
    "inline_strings": cells.inline_strings,
    "rich_text": cells.rich_text,
    "merged_cells": cells.merged_cells,
    "hidden_rows_cols": cells.hidden_rows_cols,
    "freeze_panes": cells.freeze_panes,
    "table_totals": cells.table_totals,
    "defined_names": cells.defined_names,
    "protection": cells.protection,
    "shapes": objects.shapes,
    "form_controls": objects.form_controls,
    "activex_button": objects.activex_button,
    "header_picture": objects.header_picture,
    "in_cell_picture": objects.in_cell_picture,
    "embedded_chart": charts.embedded_chart,
    "chart_sheet": charts.chart_sheet,
    "sparklines": charts.sparklines,
    "pivot_table": data.pivot_table,
    "slicer": data.slicer,
    "data_connection": data.data_connection,
    "custom_xml": package.custom_xml,
    "dynamic_arrays": data.dynamic_arrays,
    "sensitivity_label": package.sensitivity_label,
    "vba_macros": package.vba_macros,
}
