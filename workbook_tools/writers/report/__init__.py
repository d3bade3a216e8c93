"""The corporate report of a consolidation (XlsxWriter): the workbook (:mod:`.workbook`), its
Summary sheet (:mod:`.summary`) and its cells (:mod:`.cells`)."""
