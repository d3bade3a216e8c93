"""The monitoring template (:mod:`.build`), its sheets, Guide, styles, drop-downs and print
settings. ``python -m workbook_tools.writers.template`` regenerates the committed template."""
