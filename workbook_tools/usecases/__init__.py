"""The use cases: each takes paths (or a book), does one job for the user and returns a result.

The command line (:mod:`workbook_tools.cli`) and the ribbon (:mod:`workbook_tools.ribbon`) are
thin layers over these; nothing below them imports them.

* :mod:`.plan`: check a plan, refresh it, make a new one.
* :mod:`.importing`: a legacy plan → a plan in the template.
* :mod:`.consolidate`: a folder of returns (workbooks and saved emails) → the corporate report.
* :mod:`.prepare_return`: a refreshed plan → the copy to send and its email draft.
* :mod:`.demo`: the sample returns consolidated, to see the main job at once.
"""
