"""Looking into built packages from tests: parts by name, a sheet's part by its name."""

from __future__ import annotations

import functools
import io
import re
import warnings
import zipfile
from pathlib import Path

from .catalogue import catalogue

#: The real workbooks beside the repository (tests skip when the folder is absent).
REALWORLD = Path(__file__).resolve().parents[3] / "shared" / "realworld"


def parts(data: bytes) -> dict[str, bytes]:
    """Every part of a package by name."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def sheet_part(p: dict[str, bytes], name: str = "Actions") -> str:
    """The part name of the first sheet whose name starts with ``name``."""
    workbook = p["xl/workbook.xml"].decode()
    rid = re.search(rf'<sheet [^>]*name="{name}[^"]*"[^>]*r:id="([^"]+)"', workbook)
    rid = rid or re.search(rf'<sheet [^>]*r:id="([^"]+)"[^>]*name="{name}', workbook)
    if not rid:
        raise KeyError(f"no sheet named {name}…")
    rels = p["xl/_rels/workbook.xml.rels"].decode()
    target = re.search(rf'Id="{rid.group(1)}"[^>]*Target="([^"]+)"', rels)
    return "xl/" + target.group(1)


@functools.cache
def corpus() -> dict[str, bytes]:
    """The catalogue by name, built once per process."""
    return dict(catalogue())


def rows_by_calamine(data: bytes) -> list[list]:
    """The rows of the sheet whose name starts "Actions", read by python-calamine."""
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    name = next(n for n in wb.sheet_names if n.startswith("Actions"))
    return wb.get_sheet_by_name(name).to_python()


def rows_by_openpyxl(data: bytes) -> list[list]:
    """The rows of the sheet whose name starts "Actions", read by openpyxl (values)."""
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    ws = next(ws for ws in wb.worksheets if ws.title.startswith("Actions"))
    return [[c.value for c in row] for row in ws.iter_rows()]


def suffix(data: bytes) -> str:
    """ ".xlsm" for a macro-enabled package, else ".xlsx" (readers check the extension)."""
    return ".xlsm" if b"xl/vbaProject.bin" in data else ".xlsx"


def changed_parts(before: bytes, after: bytes, owned: str = r"$^") -> list[str]:
    """The parts of ``before`` that ``after`` lost or changed, leaving out those whose names
    match the regular expression ``owned`` (the parts a writer may rewrite): what a round trip
    that must keep everything else byte for byte got wrong."""
    old, new = parts(before), parts(after)
    mine = re.compile(owned)
    return sorted(n for n, data in old.items() if not mine.match(n) and new.get(n) != data)


def worksheet_children(xml: bytes | str) -> list[tuple[str, str]]:
    """The top-level children of a worksheet part as (local name, exact text), in order, so a
    test can check that a writer kept every element it does not own (extLst, controls, …)."""
    text = xml.decode("utf-8") if isinstance(xml, bytes) else xml
    start = text.index(">", text.index("<worksheet")) + 1
    end = text.rindex("</worksheet>")
    out, i = [], start
    while i < end:
        m = re.compile(r"<([\w:]+)").match(text, i)
        if not m:
            i += 1
            continue
        tag = m.group(1)
        close = text.index(">", i)
        stop = close + 1 if text[close - 1] == "/" else _closing(text, tag, close + 1)
        out.append((tag.split(":")[-1], text[i:stop]))
        i = stop
    return out


def _closing(text: str, tag: str, pos: int) -> int:
    """The end of the element ``tag`` whose content starts at ``pos`` (nesting counted)."""
    depth, pattern = 1, re.compile(rf"<(/?){re.escape(tag)}(?=[\s/>])[^>]*?(/?)>")
    for m in pattern.finditer(text, pos):
        if m.group(1):
            depth -= 1
        elif not m.group(2):
            depth += 1
        if depth == 0:
            return m.end()
    raise ValueError(f"<{tag}> is not closed")
