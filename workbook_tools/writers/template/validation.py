"""Data validation on the monitoring template's cells: input messages, limits and drop-downs.

Every validation shows an input message saying what the cell wants; one with an ``error`` also
stops a wrong entry. Drop-downs take their values from a workbook-level defined name, so the
lists live once, on the hidden Lists sheet.
"""

from __future__ import annotations

from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet


def validate(ws: Worksheet, ref: str, title: str, prompt: str, **kwargs: object) -> None:
    """A validation on ``ref`` with an input message; ``error`` (if given) is a stop message."""
    dv = DataValidation(
        allow_blank=True,
        showInputMessage=True,
        showErrorMessage="error" in kwargs,
        promptTitle=title[:32],
        prompt=prompt[:255],
        errorTitle=title[:32] if "error" in kwargs else None,
        **kwargs,
    )
    dv.add(ref)
    ws.add_data_validation(dv)


def pick(ws: Worksheet, ref: str, list_name: str, title: str, prompt: str) -> None:
    """A drop-down whose values come from the workbook-level defined name ``list_name``."""
    error = "Please choose a value from the drop-down list."
    validate(ws, ref, title, prompt, type="list", formula1=list_name, error=error)
