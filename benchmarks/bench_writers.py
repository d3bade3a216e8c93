"""Candidates for writing the corporate report's large sheets, side by side: speed and fidelity.

    python benchmarks/bench_writers.py [--rows 45000] [--repeat 3] [--fidelity-rows 300]
                                       [--candidate NAME ...]

Each candidate writes the same three sheets as the report of a folder where every action counts
(``--rows`` actions): **Register** (16 columns: text, numbers, dates, the two RAG columns coloured
per cell), **Exceptions** (10 columns, as many rows) and **Checks** (6 columns, 1.2 rows per
action, as legacy returns rated at today give), with a wrapping format on the text columns, a
date format, the header row frozen and, where the library can, each sheet as an Excel table and
rows high enough for their text. The data is made once from ``generate.py``'s action content.

Candidates (a candidate whose library is not installed is left out, with a note):

=========================  ======================================================================
``xlsxwriter``             XlsxWriter, normal mode: what the report used (tables, per-cell formats)
``xlsxwriter-constant``    XlsxWriter ``constant_memory``: rows flushed as written; no tables
                           (an autofilter instead)
``rvgsrust-xlsxwriter``    a binding of the Rust ``rust_xlsxwriter``: tables, per-cell formats
``rustpy-xlsxwriter``      a binding of ``rust_xlsxwriter`` with a records API: one block per
                           sheet, column formats, autofilter; no tables, no per-cell formats
``pyexcelerate``           PyExcelerate: values and styles; no tables
``part-writer``            the project's own part writer of refresh's rebuilt sheets, every cell
                           a ``CellSpec`` in a ``SheetContent``; no tables
``xlsxwriter+rows``        XlsxWriter's Summary and chart, then the large sheets added by the
                           project's fast row writer through refresh's package writer
``part+rows``              what the report uses: the part writer's Summary and chart, the large
                           sheets by the fast row writer, a new package at zlib level 3
``part+rows-z1``, ``-z6``  the same at zlib levels 1 and 6
=========================  ======================================================================

The project's own candidates are in ``own_writers.py``.

Speed: each candidate writes the ``--rows`` workbook in a fresh process, interleaved round by
round; the medians and the ratio to ``xlsxwriter`` are printed. Fidelity: each candidate also
writes a ``--fidelity-rows`` workbook, which is checked for Excel tables, per-cell RAG fills and
frozen headers (read back with openpyxl), for a native chart on a small Summary sheet, for
LibreOffice opening it (``soffice --convert-to pdf``, when installed) and for openxml-audit's
findings beyond an empty workbook's (when installed). Always exits 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchlib import Method, fmt, interleaved, load, machine, median, versions
from own_writers import OWN, write_own

HERE = Path(__file__).resolve().parent
CANDIDATES = ("xlsxwriter", "xlsxwriter-constant", "rvgsrust-xlsxwriter", "rustpy-xlsxwriter",
              "pyexcelerate", *OWN)  # fmt: skip
_MODULES = {"xlsxwriter": "xlsxwriter", "xlsxwriter-constant": "xlsxwriter",
            "rvgsrust-xlsxwriter": "rvgsrust_xlsxwriter",
            "rustpy-xlsxwriter": "rustpy_xlsxwriter", "pyexcelerate": "pyexcelerate",
            **dict.fromkeys(OWN, "workbook_tools.writers.report.workbook"),
            "xlsxwriter+rows": "xlsxwriter"}  # fmt: skip
RAG_FILLS = {"Blue": "#0070C0", "Green": "#00B050", "Amber": "#FFC000", "Red": "#C00000",
             "Grey": "#BFBFBF"}  # fmt: skip
WRAP_WIDTH = 40

# --------------------------------------------------------------------------------------------
# The data: (name, headings, rows, rag columns, date columns, wrapped columns)
# --------------------------------------------------------------------------------------------


def sheets(n: int) -> list[tuple[str, list[str], list[tuple], set[int], set[int], set[int]]]:
    """The three sheets' content for ``n`` actions (same ``n``, same values)."""
    sys.path.insert(0, str(HERE))
    import generate

    register, exceptions, checks = [], [], []
    i = 0
    while len(register) < n:
        rng = random.Random(f"writers/{i}")
        directorate, file = f"Directorate {i + 1}", f"returns/Directorate {i + 1}.xlsx"
        for row, _ in generate._action_rows(rng, 150, dt.date(2008, 6, 30)):
            due = row[18].date() if row[18] else None
            register.append((directorate, file, "Actions", len(register) % 150 + 2, row[0],
                             row[1], row[2], row[3], due, row[19], row[6] or "Not started",
                             row[8], row[16], row[17], row[20] or "", row[9]))  # fmt: skip
            exceptions.append((directorate, row[0], row[1], row[2], row[3], due, row[16],
                               row[17], row[9], row[11]))  # fmt: skip
            stale = f"The commentary for action {row[0]} has not been updated recently"
            checks.append((file, directorate, "warning", "Actions", f"J{len(checks) + 2}", stale))
            if rng.random() < 0.2:
                bad = f"Could not read the deadline '{row[5]}' for action {row[0]}"
                checks.append((file, directorate, "error", "Actions", f"F{len(checks) + 2}", bad))
        i += 1
    n_checks = int(n * 1.2)
    return [
        ("Register", ["Directorate", "Source file", "Source sheet", "Source row", "Ref",
                      "Priority", "Action", "Lead", "Due date", "Days left", "Status",
                      "Self-assessed RAG", "Computed RAG", "RAG reason", "Flags", "Commentary"],
         register[:n], {11, 12}, {8}, {1, 5, 6, 7, 13, 14, 15}),
        ("Exceptions", ["Directorate", "Ref", "Priority", "Action", "Lead", "Due date", "RAG",
                        "Reason", "Commentary", "Corrective action"],
         exceptions[:n], {6}, {5}, {2, 3, 4, 7, 8, 9}),
        ("Checks", ["Source file", "Directorate", "Severity", "Sheet", "Cell", "Message"],
         (checks * 2)[:n_checks], set(), set(), {0, 5}),
    ]  # fmt: skip


def _height(row: tuple, wrapped: set[int]) -> float | None:
    lines = max((len(row[c]) // WRAP_WIDTH + 1 for c in wrapped if isinstance(row[c], str)),
                default=1)  # fmt: skip
    return 13.0 * lines + 2 if lines > 1 else None


# --------------------------------------------------------------------------------------------
# The candidates
# --------------------------------------------------------------------------------------------


def write_xlsxwriter(path: str, data: list, constant: bool, chart: bool) -> None:
    """XlsxWriter, normal mode (tables) or ``constant_memory`` (autofilter)."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(path, {"constant_memory": constant, "in_memory": not constant,
                                    "strings_to_formulas": False, "strings_to_urls": False,
                                    "strings_to_numbers": False})  # fmt: skip
    head = wb.add_format({"bold": True, "font_color": "#FFFFFF", "bg_color": "#1F4E78"})
    text = wb.add_format({"valign": "top", "font_size": 10})
    wrap = wb.add_format({"valign": "top", "font_size": 10, "text_wrap": True})
    date = wb.add_format({"valign": "top", "font_size": 10, "num_format": "d mmm yyyy"})
    rag = {w: wb.add_format({"bold": True, "bg_color": c, "font_color": "#FFFFFF"})
           for w, c in RAG_FILLS.items()}  # fmt: skip
    if chart:
        _xlsxwriter_summary(wb, head)
    for name, headings, rows, rags, dates, wrapped in data:
        ws = wb.add_worksheet(name)
        usual = [
            date if c in dates else wrap if c in wrapped else text for c in range(len(headings))
        ]
        if constant:
            ws.write_row(0, 0, headings, head)
            ws.autofilter(0, 0, len(rows), len(headings) - 1)
        else:
            ws.add_table(0, 0, max(1, len(rows)), len(headings) - 1, {
                "name": name, "style": "Table Style Light 9",
                "columns": [{"header": h, "header_format": head} for h in headings]})  # fmt: skip
        ws.freeze_panes(1, 0)
        for r, row in enumerate(rows, 1):
            height = _height(row, wrapped)
            if height:
                ws.set_row(r, height)
            for c, value in enumerate(row):
                if value is None or value == "":
                    continue
                f = rag.get(value, usual[c]) if c in rags else usual[c]
                if isinstance(value, str):
                    ws.write_string(r, c, value, f)
                elif isinstance(value, dt.date):
                    ws.write_datetime(r, c, value, f)
                else:
                    ws.write_number(r, c, value, f)
    wb.close()


def _xlsxwriter_summary(wb: object, head: object) -> None:
    ws = wb.add_worksheet("Summary")  # type: ignore[attr-defined]
    ws.write_row(0, 0, ["Directorate", *RAG_FILLS], head)
    for r in range(1, 6):
        ws.write_row(r, 0, [f"Directorate {r}", *(r * k for k in range(1, 6))])
    chart = wb.add_chart({"type": "bar", "subtype": "stacked"})  # type: ignore[attr-defined]
    for c, colour in enumerate(RAG_FILLS.values(), 1):
        chart.add_series(
            {
                "name": ["Summary", 0, c],
                "categories": ["Summary", 1, 0, 5, 0],
                "values": ["Summary", 1, c, 5, c],
                "fill": {"color": colour},
            }
        )
    ws.insert_chart(7, 0, chart)


def write_rvgsrust(path: str, data: list, chart: bool) -> None:
    """rvgsrust-xlsxwriter (rust_xlsxwriter): tables, per-cell formats."""
    import rvgsrust_xlsxwriter as rx

    wb = rx.Workbook(path)
    head = wb.add_format().set_bold().set_font_color("#FFFFFF").set_background_color("#1F4E78")
    text = wb.add_format().set_vertical_align("top").set_font_size(10)
    wrap = wb.add_format().set_vertical_align("top").set_font_size(10).set_text_wrap()
    date = wb.add_format().set_vertical_align("top").set_font_size(10).set_num_format("d mmm yyyy")
    rag = {w: wb.add_format().set_bold().set_background_color(c).set_font_color("#FFFFFF")
           for w, c in RAG_FILLS.items()}  # fmt: skip
    if chart:
        ws = wb.add_worksheet("Summary")
        ws.write_row(0, 0, ["Directorate", *RAG_FILLS], head)
        for r in range(1, 6):
            ws.write_row(r, 0, [f"Directorate {r}", *(r * k for k in range(1, 6))])
        bar = rx.Chart("bar_stacked")
        for c, word in enumerate(RAG_FILLS, 1):
            col = "ABCDEF"[c]
            series = rx.ChartSeries()  # its setters return None: one call each
            series.set_name(word)
            series.set_categories("Summary!$A$2:$A$6")
            series.set_values(f"Summary!${col}$2:${col}$6")
            bar.push_series(series)
        ws.insert_chart(7, 0, bar)
    for name, headings, rows, rags, dates, wrapped in data:
        ws = wb.add_worksheet(name)
        usual = [
            date if c in dates else wrap if c in wrapped else text for c in range(len(headings))
        ]
        table = (
            rx.Table()
            .set_name(name)
            .set_style("light9")
            .set_columns([rx.TableColumn().set_header(h).set_header_format(head) for h in headings])
        )
        ws.add_table(0, 0, max(1, len(rows)), len(headings) - 1, table)
        ws.freeze_panes(1, 0)
        write, write_date = ws.write, ws.write_date_py
        for r, row in enumerate(rows, 1):
            height = _height(row, wrapped)
            if height:
                ws.set_row_height(r, height)
            for c, value in enumerate(row):
                if value is None or value == "":
                    continue
                f = rag.get(value, usual[c]) if c in rags else usual[c]
                if isinstance(value, dt.date):
                    write_date(r, c, value, f)
                else:
                    write(r, c, value, f)
    wb.close()


def write_rustpy(path: str, data: list, chart: bool) -> None:
    """rustpy-xlsxwriter (rust_xlsxwriter, records API): one block per sheet, column formats."""
    import rustpy_xlsxwriter as rp

    entries, formats, freeze, filters = [], {}, {}, {}
    for name, headings, rows, _rags, dates, wrapped in data:
        entries.append((name, [dict(zip(headings, row, strict=True)) for row in rows]))
        formats[name] = {h: rp.Format().set_text_wrap() for c, h in enumerate(headings)
                         if c in wrapped}  # fmt: skip
        for c in dates:
            formats[name][headings[c]] = rp.Format().set_num_format("d mmm yyyy")
        freeze[name] = {"row": 1, "col": 0}
        filters[name] = True
    kwargs: dict = {"freeze_panes": freeze, "column_formats": formats, "autofilter": filters,
                    "bold_headers": True}  # fmt: skip
    if chart:
        entries.insert(0, ("Summary", [{"Directorate": f"Directorate {r}",
                                        **{w: r * k for k, w in enumerate(RAG_FILLS, 1)}}
                                       for r in range(1, 6)]))  # fmt: skip
        kwargs["charts"] = {"Summary": [{"type": "bar_stacked", "series": list(RAG_FILLS),
                                         "categories": "Directorate"}]}  # fmt: skip
    rp.write_worksheets(entries, path, **kwargs)


def write_pyexcelerate(path: str, data: list, chart: bool) -> None:
    """PyExcelerate: values, per-cell styles on the RAG cells; no tables, no charts."""
    from pyexcelerate import Color, Fill, Style, Workbook

    wb = Workbook()
    rag = {w: Style(fill=Fill(background=Color(*bytes.fromhex(c[1:])))) for w, c in
           RAG_FILLS.items()}  # fmt: skip
    for name, headings, rows, rags, _dates, _wrapped in data:
        ws = wb.new_sheet(name, data=[headings, *rows])
        for r, row in enumerate(rows, 2):
            for c in rags:
                style = rag.get(row[c])
                if style is not None:
                    ws.set_cell_style(r, c + 1, style)
        ws.panes = __import__("pyexcelerate").Panes(0, 1)
    wb.save(path)


def write(candidate: str, path: str, rows: int, chart: bool = False) -> None:
    """Write the three sheets of ``rows`` actions with ``candidate``."""
    data = sheets(rows)
    if candidate in OWN:
        write_own(candidate, path, data, chart)
    elif candidate.startswith("xlsxwriter"):
        write_xlsxwriter(path, data, candidate == "xlsxwriter-constant", chart)
    elif candidate == "rvgsrust-xlsxwriter":
        write_rvgsrust(path, data, chart)
    elif candidate == "rustpy-xlsxwriter":
        write_rustpy(path, data, chart)
    else:
        write_pyexcelerate(path, data, chart)


def measure_main(candidate: str, rows: int) -> None:
    """Time one candidate writing ``rows`` actions' sheets (data made before timing)."""
    from benchlib import peak_memory

    data = sheets(rows)
    __import__(_MODULES[candidate])
    with tempfile.TemporaryDirectory(prefix="bench-writer-") as out:
        path = str(Path(out) / "report.xlsx")
        started = time.perf_counter()
        if candidate in OWN:
            write_own(candidate, path, data, False)
        elif candidate.startswith("xlsxwriter"):
            write_xlsxwriter(path, data, candidate == "xlsxwriter-constant", False)
        elif candidate == "rvgsrust-xlsxwriter":
            write_rvgsrust(path, data, False)
        elif candidate == "rustpy-xlsxwriter":
            write_rustpy(path, data, False)
        else:
            write_pyexcelerate(path, data, False)
        seconds = time.perf_counter() - started
        size = Path(path).stat().st_size
    print(json.dumps({"seconds": seconds, "bytes": size, **peak_memory()}))


# --------------------------------------------------------------------------------------------
# Fidelity
# --------------------------------------------------------------------------------------------


def fidelity(candidate: str, rows: int, folder: Path) -> dict[str, object]:
    """Write a small workbook with ``candidate`` and judge it (see the module docstring)."""
    import zipfile

    import openpyxl

    path = folder / f"{candidate}.xlsx"
    write(candidate, str(path), rows, chart=True)
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
    book = openpyxl.load_workbook(path)
    register = book["Register"]
    red = next((cell for row in register.iter_rows(min_row=2) for cell in row[12:13]
                if cell.value == "Red"), None)  # fmt: skip
    fill = red.fill.fgColor.rgb if red is not None and red.fill is not None else None
    return {
        "tables": sum(n.startswith("xl/tables/") for n in names),
        "chart": any(n.startswith("xl/charts/chart") for n in names),
        "rag fill": bool(fill) and str(fill)[-6:] not in ("000000", "FFFFFF"),
        "frozen": register.freeze_panes == "A2",
        "libreoffice": _libreoffice_opens(path, folder),
        "audit": _audit(path, folder),
    }


def _libreoffice_opens(path: Path, folder: Path) -> str:
    soffice = shutil.which("soffice")
    if soffice is None:
        return "not installed"
    out = folder / "pdf"
    with tempfile.TemporaryDirectory(prefix="bench-lo-") as profile:
        subprocess.run([soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(out), str(path)],
                       capture_output=True, timeout=300, check=False)  # fmt: skip
    target = out / (path.stem + ".pdf")
    return "opens" if target.exists() and target.stat().st_size > 0 else "FAILS"


def _audit(path: Path, folder: Path) -> str:
    try:
        from openxml_audit import OpenXmlValidator
    except ImportError:
        return "not installed"
    import openpyxl

    def findings(p: Path) -> set[tuple[str, str]]:
        return {
            (e.part_uri or "", e.description) for e in OpenXmlValidator().validate(str(p)).errors
        }

    empty = folder / "empty.xlsx"
    if not empty.exists():
        openpyxl.Workbook().save(empty)
    extra = findings(path) - findings(empty)
    return "clean" if not extra else f"{len(extra)} finding(s): {sorted(extra)[0][1][:80]}"


# --------------------------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Time and judge the candidates; print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=45000, help="actions (Register rows)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds")
    parser.add_argument("--fidelity-rows", type=int, default=300, help="rows for the judges")
    parser.add_argument("--candidate", action="append", choices=CANDIDATES)
    args = parser.parse_args(argv)
    print(f"machine: {machine()}; {load()}")
    names = ("XlsxWriter", "rvgsrust-xlsxwriter", "rustpy-xlsxwriter", "PyExcelerate")
    print(f"libraries: {versions(names)}")
    chosen = []
    for name in args.candidate or CANDIDATES:
        try:
            __import__(_MODULES[name])
            chosen.append(name)
        except ImportError:
            print(f"  {name}: not installed, left out")
    methods = [Method(name, "bench_writers", name, args.rows) for name in chosen]
    print(f"writing Register, Exceptions and Checks for {args.rows} actions; {args.repeat} rounds")
    results = interleaved(methods, args.repeat)
    judged = {}
    with tempfile.TemporaryDirectory(prefix="bench-fidelity-") as tmp:
        for name in chosen:
            try:
                judged[name] = fidelity(name, args.fidelity_rows, Path(tmp))
            except Exception as exc:  # a candidate that cannot write or be read back
                judged[name] = {"error": f"{type(exc).__name__}: {exc}"[:100]}
    base = median([float(r["seconds"]) for r in results.get("xlsxwriter", [])])
    print(f"\nfinished; {load()}")
    print(f"\n{'candidate':<22} {'median':>8} {'vs xlsxwriter':>13} {'MiB':>5} {'MB':>6}  fidelity")
    for name in chosen:
        runs = results[name]
        seconds = median([float(r["seconds"]) for r in runs])
        ratio = seconds / base if seconds and base else None
        peak = max((float(r["rss_self"]) for r in runs), default=None)
        size = max((float(r["bytes"]) / 1e6 for r in runs), default=None)
        print(f"{name:<22} {fmt(seconds):>8} {fmt(ratio, 'x'):>13} {fmt(peak, '', 0):>5} "
              f"{fmt(size, '', 1):>6}  {judged[name]}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
