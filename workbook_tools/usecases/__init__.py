"""The use cases: each takes paths (or a book), does one job for the user and returns a result.

The command line (:mod:`workbook_tools.cli`) and the ribbon (:mod:`workbook_tools.ribbon`) are
thin layers over these; nothing below them imports them.

* :mod:`.consolidate`: a folder of returns (workbooks and saved emails) → the corporate report.
* :mod:`.prepare_return`: a refreshed plan → the copy to send and its email draft.
* :mod:`.demo`: the sample returns consolidated, to see the main job at once.

Checking, refreshing and making a plan are still in :mod:`workbook_tools.services`, and
importing a legacy plan in :mod:`workbook_tools.importing` (see ``docs/architecture.md``).
"""
