"""What the Google Sheets, LibreOffice and Numbers profiles share: namespaces, the core
properties' namespaces, and the <sheets>/<definedNames> lists."""

from __future__ import annotations

from .assemble import Rendered
from .book import Book
from .xmltext import attrs, esc

SS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CORE_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
APP_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
CORE_NS = (
    'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
)


def names(book: Book, libreoffice: bool = False) -> str:
    if not book.defined_names:
        return ""
    out = []
    for d in book.defined_names:
        if libreoffice:  # as LibreOffice 7.4 writes them (checked against soffice's output)
            extra = attrs(
                function="false",
                hidden="true" if d.hidden else "false",
                localSheetId=d.local,
                name=d.name,
                vbProcedure="false",
            )
            out.append(f"<definedName{extra}>{esc(d.value)}</definedName>")
            continue
        extra = attrs(localSheetId=d.local, hidden="1" if d.hidden else None)
        out.append(f'<definedName name="{d.name}"{extra}>{esc(d.value)}</definedName>')
    return "<definedNames>" + "".join(out) + "</definedNames>"


def sheets(state: Rendered, visible: bool = False, state_last: bool = False) -> str:
    items = []
    for i, (s, rid) in enumerate(zip(state.book.sheets, state.sheet_rids, strict=True)):
        st = s.state or ("visible" if visible else None)
        if state_last:
            items.append(
                f'<sheet name="{esc(s.name)}" sheetId="{i + 1}"'
                + (f' state="{st}"' if st else "")
                + f' r:id="{rid}"/>'
            )
        else:
            items.append(
                (f'<sheet state="{st}"' if st else "<sheet")
                + f' name="{esc(s.name)}" sheetId="{i + 1}" r:id="{rid}"/>'
            )
    return "<sheets>" + "".join(items) + "</sheets>"
