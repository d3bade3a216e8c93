"""The package writer refresh uses: a copy of the workbook's package in which only the parts the
tool owns are written, every other part kept byte for byte (:mod:`.package_refresh`)."""
