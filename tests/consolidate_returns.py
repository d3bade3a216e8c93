"""Returns for the consolidation tests, made the way officers fill them in: the template with
Settings and Actions, and legacy sheets with their own headings and "Updated to" lines."""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from pathlib import Path

import openpyxl

from workbook_tools.core import layout
from workbook_tools.usecases.consolidate import ConsolidationResult
from workbook_tools.writers.template.build import write_template

D = dt.date
AS_OF = D(2008, 6, 30)
HEADINGS = layout.ACTION_HEADINGS
COL = {heading: i for i, heading in enumerate(HEADINGS, 1)}

# (ref, priority, action, lead, deadline, status, self-assessed RAG, commentary, date provided)
Row = tuple[str, str, str, str, object, str, str | None, str, object]
GREEN_ROWS: list[Row] = [
    ("1.1", "Better homes", "Publish the housing strategy", "Ann Lee", D(2008, 12, 31),
     "In progress", None, "Drafting", D(2008, 6, 20)),
    ("1.2", "Better homes", "Let the repairs contract", "Bob Roe", D(2009, 3, 31),
     "In progress", None, "Tender out", D(2008, 6, 21)),
    ("2.1", "Healthy lives", "Open two play areas", "Cy Doe", D(2008, 4, 30),
     "Complete", None, "Both open", D(2008, 5, 1)),
]  # fmt: skip
RED_ROWS: list[Row] = [
    ("1.1", "Better homes", "Publish the housing strategy", "Ann Lee", D(2008, 3, 31),
     "In progress", None, "Late", D(2008, 6, 20)),
    ("1.2", "Better homes", "Let the repairs contract", "Bob Roe", D(2008, 4, 30),
     "In progress", None, "Late", D(2008, 6, 21)),
    ("2.1", "Healthy lives", "Open two play areas", "Cy Doe", D(2008, 5, 31),
     "In progress", "Green", "Nearly", D(2008, 6, 1)),
]  # fmt: skip


def template_return(
    path: Path,
    directorate: str | None,
    rows: list[Row],
    as_of: dt.date | None = AS_OF,
    mtime: float | None = None,
) -> Path:
    """A return in the template layout: Settings (Directorate, AsOfDate) and Actions rows."""
    write_template(path, directorate=directorate, organisation="Exampleshire County Council")
    wb = openpyxl.load_workbook(path)
    settings = wb[layout.SETTINGS]
    as_of_row = 2 + [s.name for s in layout.SETTINGS_ROWS].index("AsOfDate")
    settings.cell(as_of_row, 2).value = as_of
    ws = wb[layout.ACTIONS]
    for r, (
        ref,
        priority,
        action,
        lead,
        deadline,
        status,
        self_rag,
        comment,
        provided,
    ) in enumerate(rows, 2):
        values = {"Ref": ref, "Priority": priority, "Action": action, "Lead": lead,
                  "Deadline": deadline, "Status": status, "Self-assessed RAG": self_rag,
                  "Commentary": comment, "Date provided": provided}  # fmt: skip
        for heading, value in values.items():
            ws.cell(r, COL[heading]).value = value
    table = ws.tables[layout.ACTIONS_TABLE]
    table.ref = re.sub(r"\d+$", str(max(2, len(rows) + 1)), table.ref)
    wb.save(path)
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


def legacy_return(path: Path, rows: list[Row], updated_to: str = "Updated to 30 06 08") -> Path:
    """A legacy sheet: an "Updated to" line and a title above a differently named header row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Plan"
    ws.append([updated_to])
    ws.append(["Community Services action plan 2008/09"])
    ws.append([])
    ws.append(["No.", "Key actions", "Responsible officer", "Completion date", "Progress status",
               "Comments on progress"])  # fmt: skip
    for ref, _priority, action, lead, deadline, status, _self, comment, _provided in rows:
        ws.append([ref, action, lead, deadline, status, comment])
    wb.save(path)
    return path


def headed_legacy_return(path: Path, directorate: str, updated_to: str, rows: list[Row]) -> Path:
    """A legacy sheet with a title, a "Directorate: NAME" line and an "Updated to" line."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Commitments"
    ws.append(["Corporate Plan 2008-11: key commitments monitoring"])
    ws.append([])
    ws.append([f"Directorate: {directorate}"])
    ws.append([updated_to])
    ws.append([])
    ws.append(["Ref", "Our key commitments", "Key actions", "Completion date", "Strategic lead",
               "Status", "Red/Amber/ Green?", "Latest Commentary"])  # fmt: skip
    for ref, priority, action, lead, deadline, status, self_rag, comment, _ in rows:
        ws.append([ref, priority, action, deadline, lead, status, self_rag, comment])
    wb.save(path)
    return path


def damage_sheet(path: Path, sheet: str) -> Path:
    """Replace one sheet's XML with a truncated copy, leaving the rest of the package intact."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    workbook = parts["xl/workbook.xml"].decode()
    rid = re.search(rf'<sheet [^>]*name="{sheet}"[^>]*r:id="(rId\d+)"', workbook).group(1)
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    target = re.search(rf'<Relationship [^>]*Id="{rid}"[^>]*Target="([^"]+)"', rels) or re.search(
        rf'<Relationship [^>]*Target="([^"]+)"[^>]*Id="{rid}"', rels
    )
    part = "xl/" + target.group(1).lstrip("/").removeprefix("xl/")
    parts[part] = parts[part][: len(parts[part]) // 2]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def umask() -> int:
    """The process's file-creation mask."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def sources_by_file(result: ConsolidationResult) -> dict[str, object]:
    """The run's sources by file name."""
    return {Path(s.file).name: s for s in result.sources}


def register_rows(report: Path) -> list[dict[str, object]]:
    """The report's Register rows, by heading."""
    wb = openpyxl.load_workbook(report, read_only=True)
    rows = list(wb["Register"].iter_rows(values_only=True))
    head = list(rows[0])
    return [dict(zip(head, row, strict=True)) for row in rows[1:] if any(row)]


def make_returns(folder: Path) -> Path:
    """``folder`` with two template returns (Resources, Housing) and one legacy return."""
    folder.mkdir()
    template_return(folder / "resources.xlsx", "Resources", GREEN_ROWS)
    template_return(folder / "housing.xlsx", "Housing", RED_ROWS)
    legacy_return(folder / "Community Services.xlsx", GREEN_ROWS[:2])
    return folder
