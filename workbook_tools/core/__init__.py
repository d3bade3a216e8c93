"""The pure core: the plan's data and rules as plain dataclasses and functions.

No spreadsheet or drawing library is imported here, and nothing above this layer is
(``docs/architecture.md``); the modules are imported by name, e.g.
``from workbook_tools.core.rules import rate``.
"""
