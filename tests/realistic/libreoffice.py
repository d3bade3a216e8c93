"""Workbooks LibreOffice itself wrote: run the installed soffice headless.

``saved_by_libreoffice(data)`` opens any workbook and saves it as .xlsx (what an officer gets
after opening a colleague's file in LibreOffice Calc and pressing Save, Keep format);
``libreoffice_native(rows)`` writes the plan as a native LibreOffice document (flat ODF
spreadsheet, with a comment and merged cells) and lets LibreOffice export
it to .xlsx. Both take a few seconds, so results are cached on disk by content hash; tests that
use them are slow tests. None is returned when soffice is not installed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .plans import plan_rows
from .xmltext import esc

CACHE = Path(tempfile.gettempdir()) / "wbt-realistic-libreoffice"


def soffice() -> str | None:
    """The soffice executable, or None when LibreOffice is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(data: bytes, suffix: str, target: str = "xlsx:Calc MS Excel 2007 XML") -> bytes | None:
    """``data`` (a file ending in ``suffix``) converted by LibreOffice to ``target``; cached."""
    exe = soffice()
    if exe is None:
        return None
    key = hashlib.sha256(data + (suffix + target + exe).encode()).hexdigest()[:24]
    CACHE.mkdir(parents=True, exist_ok=True)
    cached = CACHE / f"{key}.{target.split(':')[0]}"
    if cached.exists():
        return cached.read_bytes()
    with tempfile.TemporaryDirectory(prefix="wbt-lo-") as tmp:
        source = Path(tmp) / f"plan{suffix}"
        source.write_bytes(data)
        out = Path(tmp) / "out"
        profile = Path(tmp) / "profile"
        cmd = [
            exe,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(source),
        ]
        subprocess.run(
            cmd, capture_output=True, timeout=180, check=False, env={**os.environ, "HOME": tmp}
        )
        produced = out / f"plan.{target.split(':')[0]}"
        if not produced.exists():
            raise RuntimeError(f"LibreOffice did not convert the {suffix} file to {target}")
        result = produced.read_bytes()
    tmp_file = cached.with_suffix(".part")
    tmp_file.write_bytes(result)
    tmp_file.replace(cached)
    return result


def saved_by_libreoffice(data: bytes) -> bytes | None:
    """``data`` (an .xlsx) opened and saved again as .xlsx by LibreOffice Calc."""
    return convert(data, ".xlsx")


def _cell(value: Any) -> str:
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, bool):
        return (
            f'<table:table-cell office:value-type="boolean" office:boolean-value='
            f'"{str(value).lower()}"><text:p>{value}</text:p></table:table-cell>'
        )
    if isinstance(value, dt.date):
        return (
            f'<table:table-cell table:style-name="date" office:value-type="date" '
            f'office:date-value="{value.isoformat()}"><text:p>{value:%d/%m/%Y}</text:p>'
            "</table:table-cell>"
        )
    if isinstance(value, (int, float)):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value!r}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    lines = "".join(f"<text:p>{esc(line)}</text:p>" for line in str(value).split("\n"))
    return f'<table:table-cell office:value-type="string">{lines}</table:table-cell>'


def fods(rows: Sequence[Sequence[Any]], sheet: str = "Actions") -> bytes:
    """A flat ODF spreadsheet of ``rows`` with a comment on the first action's deadline and the
    first two priority cells merged."""
    body = []
    for r, row in enumerate(rows):
        cells = []
        for c, value in enumerate(row):
            xml = _cell(value)
            if r == 1 and c == 4:
                xml = xml.replace(
                    "><text:p>",
                    "><office:annotation><dc:creator>Jo Bloggs"
                    "</dc:creator><text:p>Agreed at Cabinet.</text:p>"
                    "</office:annotation><text:p>",
                    1,
                )
            if r == 1 and c == 1:
                xml = xml.replace(
                    "<table:table-cell ",
                    "<table:table-cell "
                    'table:number-rows-spanned="2" table:number-columns-spanned="1" ',
                    1,
                )
            if r == 2 and c == 1:
                xml = "<table:covered-table-cell/>"
            cells.append(xml)
        body.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"'
    )
    styles = (
        '<office:automatic-styles><number:date-style style:name="d1"><number:day '
        'number:style="long"/><number:text>/</number:text><number:month number:style="long"/>'
        '<number:text>/</number:text><number:year number:style="long"/></number:date-style>'
        '<style:style style:name="date" style:family="table-cell" style:data-style-name="d1"/>'
        "</office:automatic-styles>"
    )
    doc = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {ns} office:version="1.3" '
        f'office:mimetype="application/vnd.oasis.opendocument.spreadsheet">{styles}'
        f'<office:body><office:spreadsheet><table:table table:name="{esc(sheet)}">'
        + "".join(body)
        + "</table:table></office:spreadsheet></office:body></office:document>"
    )
    return doc.encode("utf-8")


def libreoffice_native(rows: Sequence[Sequence[Any]] | None = None) -> bytes | None:
    """The plan written natively by LibreOffice Calc and exported by it as .xlsx."""
    return convert(fods(rows if rows is not None else plan_rows()), ".fods")
