"""Redraw the pictures of a refreshed plan in docs/images/ through LibreOffice.

Usage (from the repository, with the package installed, LibreOffice's ``soffice`` and
Poppler's ``pdftoppm`` on the PATH)::

    python scripts/screenshots.py

It refreshes a copy of a sample return as of its own as-of date, has LibreOffice print it to a PDF
with each sheet on one page, and turns the Summary and Exceptions pages into
``docs/images/refreshed-summary.png`` and ``refreshed-exceptions.png``. Run it after a change to
what refresh writes, and look at the pictures before committing them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from openpyxl import load_workbook

from workbook_tools.usecases.plan import refresh

HERE = Path(__file__).resolve().parent.parent
SAMPLE = HERE / "samples" / "returns" / "policy-and-performance-2008-q1.xlsx"
IMAGES = HERE / "docs" / "images"
#: Sheet → picture.
PICTURES = {"Summary": "refreshed-summary.png", "Exceptions": "refreshed-exceptions.png"}
#: LibreOffice's PDF export with every sheet on one page (LibreOffice 7.4 and later).
ONE_PAGE_A_SHEET = 'pdf:calc_pdf_Export:{"SinglePageSheets":{"type":"boolean","value":"true"}}'


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        sys.exit(f"{name} is not on the PATH: install LibreOffice (soffice) and Poppler (pdftoppm)")
    return found


def main(argv: list[str] | None = None) -> int:
    """Refresh the sample, print it through LibreOffice and write the pictures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, default=70, help="resolution of the pictures")
    parser.add_argument("--out", type=Path, default=IMAGES, help="folder for the pictures")
    args = parser.parse_args(argv)
    soffice, pdftoppm = _tool("soffice"), _tool("pdftoppm")
    with tempfile.TemporaryDirectory(prefix="screenshots-") as folder:
        work = Path(folder)
        plan = work / "plan.xlsx"
        shutil.copyfile(SAMPLE, plan)
        refresh(plan, generated_at=dt.datetime(2008, 7, 1, 9, 0))
        names = load_workbook(plan, read_only=True).sheetnames
        profile = (work / "profile").as_uri()
        subprocess.run(
            [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
             ONE_PAGE_A_SHEET, "--outdir", str(work), str(plan)],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
        args.out.mkdir(parents=True, exist_ok=True)
        for sheet, picture in PICTURES.items():
            page = str(names.index(sheet) + 1)
            stem = work / sheet
            subprocess.run(
                [pdftoppm, "-f", page, "-l", page, "-r", str(args.dpi), "-png", "-singlefile",
                 str(work / "plan.pdf"), str(stem)],
                check=True, capture_output=True, timeout=120,
            )  # fmt: skip
            shutil.copyfile(stem.with_suffix(".png"), args.out / picture)
            print(f"wrote {args.out / picture}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
