"""The Monitoring ribbon in Excel: its buttons, how one runs, and the add-in that carries them.

* :mod:`.buttons` declares every button once: the function of :mod:`workbook_tools.excel` the
  add-in's VBA calls, the VBA ``Sub``, the label and group on the tab, and the job that runs.
* :mod:`.run` runs one button press: the calling workbook, Excel's status bar, one message box.
* :mod:`.open_plan` holds the jobs of the buttons that work on the plan open in Excel (Refresh,
  Check, Prepare return); :mod:`.files` those that work with files and folders (New plan, Import
  plan…, Consolidate folder…, Guide).
* :mod:`.addin_build` builds ``WorkbookTools.xlam`` from ``macros/``; :mod:`.addin_install`
  puts it where Excel loads it.

The ribbon is a thin layer over the use cases, like the command line; nothing below it imports
it. xlwings is imported only inside the functions that talk to Excel.
"""
