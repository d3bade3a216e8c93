"""The xlwings writer for the ribbon: refresh and check written into the workbook open in Excel
(:mod:`.refresh`), with its computed columns (:mod:`.columns`) and rebuilt sheets
(:mod:`.sheet`)."""
