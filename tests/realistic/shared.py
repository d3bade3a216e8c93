"""Parts several features share on one sheet: the sheet's single DrawingML drawing (shapes, text
boxes, charts, slicers, control fallbacks) and its single VML drawing (notes, form controls,
ActiveX placeholders), written once when the book is finished, as Excel writes them."""

from __future__ import annotations

from .book import REL, Book, Sheet

XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DRAWING_CT = "application/vnd.openxmlformats-officedocument.drawing+xml"
VML_CT = "application/vnd.openxmlformats-officedocument.vmlDrawing"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'

NOTE_SHAPETYPE = (
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" '
    'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
    '<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
)
CONTROL_SHAPETYPE = (
    '<v:shapetype id="_x0000_t201" coordsize="21600,21600" o:spt="201" '
    'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
    '<v:path shadowok="f" o:extrusionok="f" strokeok="f" fillok="f" o:connecttype="rect"/>'
    '<o:lock v:ext="edit" shapetype="t"/></v:shapetype>'
)


def _key(book: Book, sheet: Sheet, what: str) -> str:
    return f"{what}:{book.sheets.index(sheet)}"


def drawing_part(book: Book, sheet: Sheet) -> str:
    """The name of the sheet's drawing part (created on first use; anchors are added with
    ``add_anchor`` and the part is written when the book is finished)."""
    key = _key(book, sheet, "drawing")
    if key in book.scratch:
        return book.scratch[key]["name"]
    name = book.add_part(book.next_name("xl/drawings/drawing{n}.xml"), b"", DRAWING_CT)
    state = {"name": name, "anchors": []}
    book.scratch[key] = state
    rid = sheet.rel(REL + "drawing", "../" + name.removeprefix("xl/"))
    sheet.add("drawing", f'<drawing r:id="{rid}"/>')

    def write() -> None:
        body = "".join(state["anchors"])
        xml = f'<xdr:wsDr xmlns:xdr="{XDR}" xmlns:a="{A}">{body}</xdr:wsDr>'
        book.add_part(name, DECL + xml, DRAWING_CT)

    book.on_finish(key, write)
    return name


def add_anchor(book: Book, sheet: Sheet, anchor_xml: str) -> int:
    """Add an anchor (<xdr:twoCellAnchor>… or an mc:AlternateContent holding one) to the
    sheet's drawing; returns the next free shape id (cNvPr id) for the caller's use."""
    drawing_part(book, sheet)
    state = book.scratch[_key(book, sheet, "drawing")]
    state["anchors"].append(anchor_xml)
    return len(state["anchors"]) + 1


def next_shape_id(book: Book, sheet: Sheet) -> int:
    """The cNvPr id the next anchor on the sheet's drawing should use (Excel starts at 2)."""
    drawing_part(book, sheet)
    return len(book.scratch[_key(book, sheet, "drawing")]["anchors"]) + 2


def vml_shape(book: Book, sheet: Sheet, shapetype: str, make_shape) -> int:
    """Add a shape to the sheet's VML drawing; ``make_shape(spid)`` gives its XML for the shape
    number Excel would assign (1024 × the drawing's idmap + n). Returns that number."""
    key = _key(book, sheet, "vml")
    if key not in book.scratch:
        name = book.next_name("xl/drawings/vmlDrawing{n}.vml")
        book.add_part(name, b"")
        book.defaults["vml"] = VML_CT
        sheet_no = book.sheets.index(sheet) + 1
        book.scratch[key] = {"name": name, "types": [], "shapes": [], "idmap": sheet_no}
        rid = sheet.rel(REL + "vmlDrawing", "../" + name.removeprefix("xl/"))
        sheet.add("legacyDrawing", f'<legacyDrawing r:id="{rid}"/>')
        book.on_finish(key, lambda: _write_vml(book, key))
    state = book.scratch[key]
    if shapetype not in state["types"]:
        state["types"].append(shapetype)
    spid = 1024 * state["idmap"] + len(state["shapes"]) + 1
    state["shapes"].append(make_shape(spid))
    return spid


def _write_vml(book: Book, key: str) -> None:
    state = book.scratch[key]
    xml = (
        '<xml xmlns:v="urn:schemas-microsoft-com:vml"\n'
        ' xmlns:o="urn:schemas-microsoft-com:office:office"\n'
        ' xmlns:x="urn:schemas-microsoft-com:office:excel">\n'
        f' <o:shapelayout v:ext="edit">\n  <o:idmap v:ext="edit" data="{state["idmap"]}"/>\n'
        " </o:shapelayout>" + "".join(state["types"]) + "".join(state["shapes"]) + "</xml>"
    )
    book.add_part(state["name"], xml)


def two_cell_anchor(
    col: int, row: int, col2: int, row2: int, body: str, edit_as: str | None = None
) -> str:
    """A twoCellAnchor from (col, row) to (col2, row2), 0-based, holding ``body``."""
    edit = f' editAs="{edit_as}"' if edit_as else ""
    return (
        f"<xdr:twoCellAnchor{edit}><xdr:from><xdr:col>{col}</xdr:col><xdr:colOff>0</xdr:colOff>"
        f"<xdr:row>{row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>{col2}"
        f"</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{row2}</xdr:row><xdr:rowOff>0</xdr:rowOff>"
        f"</xdr:to>{body}<xdr:clientData/></xdr:twoCellAnchor>"
    )


def creation_id(book: Book, *seed: object) -> str:
    """The a16:creationId extension Excel 2016+ puts on every drawing object."""
    return (
        '<a:extLst><a:ext uri="{FF2B5EF4-FFF2-40B4-BE49-F238E27FC236}"><a16:creationId '
        'xmlns:a16="http://schemas.microsoft.com/office/drawing/2014/main" '
        f'id="{book.guid(*seed)}"/>'
        "</a:ext></a:extLst>"
    )


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A small solid-colour PNG (deterministic bytes)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height, 9))
        + chunk(b"IEND", b"")
    )


def add_media(book: Book, data: bytes, ext: str = "png") -> str:
    """Add an image under xl/media/; its part name."""
    book.defaults[ext] = {"png": "image/png", "jpeg": "image/jpeg", "emf": "image/x-emf"}[ext]
    return book.add_part(book.next_name("xl/media/image{n}." + ext), data)


METADATA_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml"
TYPE_FLAGS = (
    'minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" '
    'splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" '
    'coerce="1"'
)


def metadata(book: Book, kind: str) -> int:
    """Register one use of xl/metadata.xml: ``kind`` "dynamic" (a dynamic-array formula,
    XLDAPR, as in XlsxWriter's Excel-made dynamic_array01.xlsx) or "rich" (an in-cell picture,
    XLRICHVALUE, as in calamine__picture_richdata.xlsx). Returns the 1-based cm/vm index."""
    state = book.scratch.setdefault("metadata", {"dynamic": 0, "rich": 0})
    if "metadata" not in book.finalizers:
        book.workbook_rel("metadata", REL + "sheetMetadata", "metadata.xml")
        book.on_finish("metadata", lambda: _write_metadata(book, state))
    state[kind] += 1
    return state[kind]


def _write_metadata(book: Book, state: dict) -> None:
    types, future, cells, values = [], [], "", ""
    if state["dynamic"]:
        types.append(f'<metadataType name="XLDAPR" {TYPE_FLAGS} cellMeta="1"/>')
        future.append(
            '<futureMetadata name="XLDAPR" count="1"><bk><extLst><ext '
            'uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}"><xda:dynamicArrayProperties '
            'fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata>'
        )
        cells = f'<cellMetadata count="1"><bk><rc t="{len(types)}" v="0"/></bk></cellMetadata>'
    if state["rich"]:
        types.append(f'<metadataType name="XLRICHVALUE" {TYPE_FLAGS}/>')
        bks = "".join(
            f'<bk><extLst><ext uri="{{3e2802c4-a4d2-4d8b-9148-e3be6c30e623}}">'
            f'<xlrd:rvb i="{i}"/></ext></extLst></bk>'
            for i in range(state["rich"])
        )
        future.append(
            f'<futureMetadata name="XLRICHVALUE" count="{state["rich"]}">{bks}</futureMetadata>'
        )
        rcs = "".join(f'<bk><rc t="{len(types)}" v="{i}"/></bk>' for i in range(state["rich"]))
        values = f'<valueMetadata count="{state["rich"]}">{rcs}</valueMetadata>'
    xml = (
        '<metadata xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:xlrd="http://schemas.microsoft.com/office/spreadsheetml/2017/richdata" '
        'xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray">'
        f'<metadataTypes count="{len(types)}">{"".join(types)}</metadataTypes>'
        + "".join(future)
        + cells
        + values
        + "</metadata>"
    )
    book.add_part("xl/metadata.xml", DECL + xml, METADATA_CT)
