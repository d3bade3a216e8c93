"""``python -m workbook_tools.writers.template [PATH]``: regenerate the committed template, or
write it to PATH (:func:`.build.main`)."""

from .build import main

if __name__ == "__main__":
    raise SystemExit(main())
