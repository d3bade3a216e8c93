"""Package-level features: custom XML items, a sensitivity label, a VBA project.

Custom XML follows the customXml/itemN.xml + itemPropsN.xml pairs of calamine__pivots.xlsx and
openxlsx-data__connection.xlsx (real); the sensitivity label follows [MS-OI29500] §3.4.1.5 and
[MS-OFFCRYPTO] §2.6.4 (no real file had one); the macro-enabled package follows
poi__SimpleMacro.xlsm (Excel 2010, real), its VBA project made by pyOpenVBA.
"""

from __future__ import annotations

import functools

from .book import MS_REL, REL, Book, Sheet
from .shared import DECL


def custom_xml(book: Book, sheet: Sheet) -> None:
    """The custom XML items SharePoint and document-management systems store in a workbook:
    document properties and a retention label."""
    items = (
        (
            '<p:properties xmlns:p="http://schemas.microsoft.com/office/2006/metadata/properties" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><documentManagement>'
            '<Directorate xmlns="8d3f1c2a">Resources</Directorate></documentManagement>'
            "</p:properties>",
            "http://schemas.microsoft.com/office/2006/metadata/properties",
        ),
        (
            '<RetentionLabel xmlns="urn:borough-council:records">OFFICIAL - Plans 7y'
            "</RetentionLabel>",
            "urn:borough-council:records",
        ),
    )
    for text, uri in items:
        n = book.count_parts("customXml/item") // 2 + 1
        item = book.add_part(
            f"customXml/item{n}.xml", '<?xml version="1.0" encoding="UTF-8"?>' + text
        )
        props = book.add_part(
            f"customXml/itemProps{n}.xml",
            (
                '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\r\n<ds:datastoreItem '
                f'ds:itemID="{book.guid("customxml", n)}" xmlns:ds="http://schemas.openxmlformats.org/'
                f'officeDocument/2006/customXml"><ds:schemaRefs><ds:schemaRef ds:uri="{uri}"/>'
                "</ds:schemaRefs></ds:datastoreItem>"
            ),
            "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
        )
        book.relate(item, REL + "customXmlProps", props.rsplit("/", 1)[1])
        book.workbook_rel(f"customxml{n}", REL + "customXml", "../" + item)


VBA_MODULE = (
    'Attribute VB_Name = "PlanTools"\r\n'
    "Sub ClearFilters()\r\n"
    "    If ActiveSheet.FilterMode Then ActiveSheet.ShowAllData\r\n"
    "End Sub\r\n"
)


@functools.lru_cache(maxsize=1)
def vba_project() -> bytes:
    """A VBA project (ThisWorkbook, Sheet1 and a "PlanTools" module) made by pyOpenVBA, the
    library the add-in build uses; its output is deterministic."""
    import tempfile
    import zipfile
    from pathlib import Path

    from pyopenvba import ExcelFile

    with tempfile.TemporaryDirectory(prefix="wbt-vba-") as tmp:
        path = Path(tmp) / "macros.xlsm"
        with ExcelFile.create_new(path) as made:
            made.vba_project().add_module("PlanTools", VBA_MODULE)
            made.save()
        with zipfile.ZipFile(path) as z:
            return z.read("xl/vbaProject.bin")


def vba_macros(book: Book, sheet: Sheet) -> None:
    """A macro-enabled workbook (.xlsm): xl/vbaProject.bin related from the workbook, the
    macro-enabled main content type, code names on the workbook and the action sheet (as in
    poi__SimpleMacro.xlsm, Excel 2010, real)."""
    book.defaults["bin"] = "application/vnd.ms-office.vbaProject"
    book.add_part("xl/vbaProject.bin", vba_project())
    book.workbook_rel("vba", MS_REL + "2006/relationships/vbaProject", "vbaProject.bin")
    book.code_name = "ThisWorkbook"
    sheet.code_name = "Sheet1"


def sensitivity_label(book: Book, sheet: Sheet) -> None:
    """A Microsoft Purview sensitivity label ("OFFICIAL"), as Microsoft 365 apps store it since
    2022: docMetadata/LabelInfo.xml related from the package root ([MS-OI29500] §3.4.1.5,
    schema [MS-OFFCRYPTO] §2.6.4, attributes in the order §2.6.5.4 requires)."""
    label = book.guid("label", braces=True).lower()
    site = book.guid("tenant", braces=True).lower()
    book.add_part(
        "docMetadata/LabelInfo.xml",
        DECL + '<clbl:labelList xmlns:clbl="http://schemas.microsoft.com/office/2020/'
        f'mipLabelMetadata"><clbl:label id="{label}" enabled="1" method="Standard" '
        f'siteId="{site}" contentBits="0" removed="0"/></clbl:labelList>',
        "application/vnd.ms-office.classificationlabels+xml",
    )
    book.package_rels.append(
        (MS_REL + "2020/02/relationships/classificationlabels", "docMetadata/LabelInfo.xml")
    )
