"""The corporate report of a consolidation (:mod:`.workbook`): its content
(:mod:`workbook_tools.report_sheets`) written by the project's own part writers
(:mod:`workbook_tools.writers.file`)."""
