"""The Settings sheet and its defined names → :class:`Settings` (WORKBOOK.md, Settings).

A defined name wins over the label in the Settings table, so an officer who rewords a label does
not lose the setting. Values that cannot be read keep their default and become a Checks warning.
"""

from __future__ import annotations

import datetime as dt

from . import layout
from .deadlines import read_date
from .headings import normalise
from .model import Book, Check, Settings, Severity


def _label_index() -> dict[str, layout.SettingSpec]:
    index: dict[str, layout.SettingSpec] = {}
    for spec in layout.SETTINGS_ROWS:
        index[normalise(spec.label)] = spec
        index[normalise(spec.name)] = spec
        index[normalise(spec.label.split("(")[0])] = spec
    return index


_LABELS = _label_index()
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}


def _convert(spec: layout.SettingSpec, value: object) -> tuple[object, bool]:
    """The setting's value and whether it could be read."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, True
    if spec.kind in ("text", "email"):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip(), True
    if spec.kind == "date":
        day = read_date(value)
        return day, day is not None
    if spec.kind in ("int", "number"):
        if isinstance(value, bool):
            return None, False
        try:
            number = float(str(value).strip()) if isinstance(value, str) else float(value)
        except (TypeError, ValueError):
            return None, False
        if number != number or number < 0 or number > 100_000:
            return None, False
        return (int(number) if spec.kind == "int" else number), True
    if spec.kind == "yesno":
        if isinstance(value, bool):
            return value, True
        text = str(value).strip().casefold()
        if text in _YES:
            return True, True
        if text in _NO:
            return False, True
        return None, False
    return None, False  # pragma: no cover - every kind is listed above


def read_settings(book: Book, checks: list[Check]) -> tuple[Settings, bool]:
    """The workbook's settings and whether it is laid out as the template.

    Unreadable values are reported in ``checks`` and keep their defaults.
    """
    settings = Settings()
    raw: dict[str, tuple[object, str, str]] = {}  # attr → (value, sheet, cell)
    grid = book.sheet(layout.SETTINGS)
    if grid is not None:
        for r, row in enumerate(grid.rows[:200]):
            if len(row) < 2:
                continue
            spec = _LABELS.get(normalise(row[0])) if isinstance(row[0], str) else None
            if spec is not None:
                raw[spec.attr] = (row[1], grid.name, f"B{r + 1}")
    names_lower = {name.casefold(): value for name, value in book.names.items()}
    for spec in layout.SETTINGS_ROWS:
        if spec.name.casefold() in names_lower:
            sheet, cell = raw.get(spec.attr, (None, layout.SETTINGS, ""))[1:]
            raw[spec.attr] = (names_lower[spec.name.casefold()], sheet, cell)
    for spec in layout.SETTINGS_ROWS:
        if spec.attr not in raw:
            continue
        value, sheet, cell = raw[spec.attr]
        converted, ok = _convert(spec, value)
        if not ok:
            checks.append(
                Check(
                    Severity.WARNING,
                    sheet,
                    cell,
                    f"Could not read the setting '{spec.label}' ({value!r}); using the default",
                )
            )
            continue
        if converted is not None:
            setattr(settings, spec.attr, converted)
    if isinstance(settings.as_of, dt.datetime):
        settings.as_of = settings.as_of.date()
    is_template = grid is not None and book.sheet(layout.ACTIONS) is not None
    return settings, is_template
