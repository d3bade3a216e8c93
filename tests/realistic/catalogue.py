"""The catalogue: (name, bytes) for a matrix of applications × features, plus a "kitchen
sink" per application, fast enough to use in tests (the whole matrix builds in a few seconds).

REALISTIC lists the features each application can itself produce (what an officer's file
saved by it can hold); ``full=True`` crosses every application with every feature, which makes
files no single application writes (an Excel feature inside a Google Sheets package) but is
useful to stress a reader or writer (combinations an application cannot hold at all, such as a
chart sheet in LibreOffice, are left out).
"""

from __future__ import annotations

from collections.abc import Iterator

from .book import Unsupported
from .builder import APPS, build
from .features import FEATURES
from .plans import plan_rows

EXCEL_ONLY = {
    "threaded_comments",
    "x14_validation",
    "x14_conditional",
    "slicer",
    "pivot_table",
    "form_controls",
    "activex_button",
    "in_cell_picture",
    "dynamic_arrays",
    "data_connection",
    "custom_xml",
    "sensitivity_label",
    "vba_macros",
    "sparklines",
    "header_picture",
    "shapes",
    "table_totals",
    "protection",
    "chart_sheet",
    "inline_strings",
}
#: Features each application writes itself (Excel: all of them).
REALISTIC: dict[str, tuple[str, ...]] = {
    "excel-win": tuple(FEATURES),
    "excel-mac": tuple(FEATURES),
    "excel-web": tuple(FEATURES),
    "google": (
        *tuple(f for f in FEATURES if f not in EXCEL_ONLY),
        "x14_validation",
        "chart_sheet",
        "protection",
        "shapes",
    ),
    "libreoffice": (
        *tuple(f for f in FEATURES if f not in EXCEL_ONLY),
        "x14_validation",
        "x14_conditional",
        "table_totals",
        "protection",
        "shapes",
        "sparklines",
        "header_picture",
        "form_controls",
        "pivot_table",
        "inline_strings",
    ),
    "numbers": (
        "floats17",
        "rich_text",
        "merged_cells",
        "hidden_rows_cols",
        "freeze_panes",
        "legacy_notes",
        "classic_validation",
        "classic_conditional",
        "embedded_chart",
    ),
}
#: Kitchen-sink order: features that add columns or sheets first, the table before what
#: hangs on it (slicer), protection and objects after the cells they sit on.
SINK_ORDER: tuple[str, ...] = (
    "floats17",
    "rich_text",
    "inline_strings",
    "legacy_notes",
    "threaded_comments",
    "sparklines",
    "in_cell_picture",
    "table_totals",
    "slicer",
    "x14_validation",
    "classic_validation",
    "x14_conditional",
    "classic_conditional",
    "hidden_rows_cols",
    "freeze_panes",
    "defined_names",
    "protection",
    "shapes",
    "form_controls",
    "activex_button",
    "header_picture",
    "embedded_chart",
    "chart_sheet",
    "pivot_table",
    "data_connection",
    "custom_xml",
    "sensitivity_label",
    "vba_macros",
    "dynamic_arrays",
    "merged_cells",
)


#: Features that need the template's "% Complete" column (charts plot it).
NEEDS_PERCENT = {"embedded_chart", "chart_sheet"}


def kitchen_sink(app: str, legacy: bool = False) -> tuple[str, ...]:
    """Every feature ``app`` writes, in an order that composes (merged cells only without a
    table, as Excel allows); ``legacy`` leaves out those a legacy plan cannot carry."""
    wanted = set(REALISTIC[app]) - (NEEDS_PERCENT if legacy else set())
    order = [f for f in SINK_ORDER if f in wanted]
    if "table_totals" in order and "merged_cells" in order:
        order.remove("merged_cells")
    return tuple(order)


def catalogue(
    apps: tuple[str, ...] = APPS, full: bool = False, sinks: bool = True
) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) for a plain plan per app, each app × feature, and kitchen sinks per app
    (template and legacy headings); names read "excel-win/threaded_comments", "google/plain",
    "numbers/kitchen_sink", "excel-mac/legacy_kitchen_sink"."""
    for app in apps:
        yield f"{app}/plain", build(app)
        yield f"{app}/legacy", build(app, rows=plan_rows("legacy"))
        features = tuple(FEATURES) if full else REALISTIC[app]
        for feature in features:
            try:
                yield f"{app}/{feature}", build(app, [feature])
            except Unsupported:  # e.g. a chart sheet in LibreOffice or Numbers
                continue
        if sinks:
            yield f"{app}/kitchen_sink", build(app, kitchen_sink(app))
            legacy = kitchen_sink(app, legacy=True)
            yield f"{app}/legacy_kitchen_sink", build(app, legacy, rows=plan_rows("legacy"))
