"""Objects on the sheet: shapes and text boxes, form controls, an ActiveX command button, a
header/footer picture, an in-cell picture.

Grounding (real files unless said): shapes and text boxes, poi__WithTextBox.xlsx (Excel 2010)
and XlsxWriter's Excel-made textbox01/shape01 comparison files, with the a16:creationId Excel
2016+ adds; form controls, openxlsx-data__form_control.xlsx (Excel for Mac 16): a ctrlProp part
per control, a VML shape (ObjectType Checkbox/Drop), a hidden DrawingML twin inside
mc:AlternateContent Requires="a14" carrying a14:compatExt, and a <control> in the sheet's
<controls> inside mc:AlternateContent Requires="x14"; the ActiveX button follows ECMA-376
§15.2.2 / MS-OFORMS (ax:ocx with persistStreamInit and a Forms 2.0 CommandButton stream);
header pictures, XlsxWriter's Excel-made header_image01.xlsx (a second VML drawing related by
legacyDrawingHF, shape id "LH", &G in the header); in-cell pictures,
calamine__picture_richdata.xlsx (Excel for Mac 16): a #VALUE! error cell with vm="1",
metadata.xml XLRICHVALUE and the four richData parts.
"""

from __future__ import annotations

import struct

from .book import MS_REL, REL, Book, ErrorValue, Sheet
from .features_rules import lists_sheet
from .shared import (
    CONTROL_SHAPETYPE,
    DECL,
    add_anchor,
    add_media,
    creation_id,
    metadata,
    next_shape_id,
    png,
    two_cell_anchor,
    vml_shape,
)
from .xmltext import esc

XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
A14 = "http://schemas.microsoft.com/office/drawing/2010/main"


def _right_of(sheet: Sheet) -> int:
    return sheet.width + 1  # 0-based column just right of the data


def _shape(
    book: Book, sheet: Sheet, sid: int, name: str, geom: str, text: str, textbox: bool = False
) -> str:
    nv = '<xdr:cNvSpPr txBox="1"/>' if textbox else "<xdr:cNvSpPr/>"
    fill = (
        (
            '<a:solidFill><a:schemeClr val="lt1"/></a:solidFill><a:ln w="9525" cmpd="sng">'
            '<a:solidFill><a:schemeClr val="lt1"><a:shade val="50000"/></a:schemeClr>'
            "</a:solidFill></a:ln>"
        )
        if textbox
        else ""
    )
    style_colour = "dk1" if textbox else "lt1"
    idx = ("0", "0") if textbox else ("2", "1")
    return (
        f'<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="{sid}" name="{name}">'
        f"{creation_id(book, 'shape', sheet.name, sid)}</xdr:cNvPr>{nv}</xdr:nvSpPr><xdr:spPr>"
        f'<a:xfrm><a:off x="{sid * 600000}" y="190500"/><a:ext cx="2286000" cy="762000"/>'
        f'</a:xfrm><a:prstGeom prst="{geom}"><a:avLst/></a:prstGeom>{fill}</xdr:spPr>'
        f'<xdr:style><a:lnRef idx="{idx[0]}"><a:schemeClr val="accent1"><a:shade val="15000"/>'
        f'</a:schemeClr></a:lnRef><a:fillRef idx="{idx[1]}"><a:schemeClr val="accent1"/>'
        '</a:fillRef><a:effectRef idx="0"><a:schemeClr val="accent1"/></a:effectRef>'
        f'<a:fontRef idx="minor"><a:schemeClr val="{style_colour}"/></a:fontRef></xdr:style>'
        '<xdr:txBody><a:bodyPr vertOverflow="clip" horzOverflow="clip" wrap="square" rtlCol="0" '
        'anchor="t"/><a:lstStyle/><a:p><a:r><a:rPr lang="en-GB" sz="1100"/>'
        f"<a:t>{esc(text)}</a:t></a:r></a:p></xdr:txBody></xdr:sp>"
    )


def shapes(book: Book, sheet: Sheet) -> None:
    """A rounded-rectangle callout and a text box beside the actions."""
    col = _right_of(sheet)
    sid = next_shape_id(book, sheet)
    add_anchor(
        book,
        sheet,
        two_cell_anchor(
            col,
            1,
            col + 3,
            5,
            _shape(
                book,
                sheet,
                sid,
                f"Rectangle: Rounded Corners {sid - 1}",
                "roundRect",
                "Draft: figures to be confirmed at Q2 review",
            ),
        ),
    )
    sid = next_shape_id(book, sheet)
    add_anchor(
        book,
        sheet,
        two_cell_anchor(
            col,
            6,
            col + 3,
            10,
            _shape(
                book,
                sheet,
                sid,
                f"TextBox {sid - 1}",
                "rect",
                "Key: Blue = complete, Red = needs action",
                textbox=True,
            ),
        ),
    )


def _control_anchor(col: int, row: int) -> str:
    def edge(tag: str, c: int, r: int) -> str:
        return (
            f"<{tag}><xdr:col>{c}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{r}</xdr:row>"
            f"<xdr:rowOff>0</xdr:rowOff></{tag}>"
        )

    return edge("from", col, row) + edge("to", col + 2, row + 2)


def _form_control(book: Book, sheet: Sheet, kind: str, name: str, props: str, row: int) -> None:
    col = _right_of(sheet)
    vml_kind = {"CheckBox": "Checkbox", "Drop": "Drop"}[kind]
    part = book.add_part(
        book.next_name("xl/ctrlProps/ctrlProp{n}.xml"),
        DECL + f'<formControlPr xmlns="{X14}" objectType="{kind}" {props}/>',
        "application/vnd.ms-excel.controlproperties+xml",
    )

    def make(spid: int) -> str:
        extra = (
            "<x:Checked>1</x:Checked><x:NoThreeD/>"
            if kind == "CheckBox"
            else (
                "<x:Val>0</x:Val><x:Min>0</x:Min><x:Max>5</x:Max><x:Inc>1</x:Inc><x:Page>1</x:Page>"
                "<x:Dx>16</x:Dx><x:Sel>2</x:Sel><x:NoThreeD2/><x:SelType>Single</x:SelType>"
                "<x:LCT>Normal</x:LCT><x:DropStyle>Combo</x:DropStyle><x:DropLines>8</x:DropLines>"
            )
        )
        return (
            f'<v:shape id="_x0000_s{spid}" type="#_x0000_t201" style=\'position:absolute;'
            f"margin-left:400pt;margin-top:{row * 15}pt;width:120pt;height:30pt;"
            f"z-index:{spid % 1024};"
            'mso-wrap-style:tight\' filled="f" fillcolor="window [65]" stroked="f" '
            'strokecolor="windowText [64]" o:insetmode="auto"><v:path shadowok="t" strokeok="t" '
            'fillok="t"/><o:lock v:ext="edit" rotation="t"/><v:textbox style=\'mso-direction-alt:'
            f"auto' o:singleclick=\"f\"><div style='text-align:left'>{esc(name)}</div></v:textbox>"
            f'<x:ClientData ObjectType="{vml_kind}"><x:SizeWithCells/><x:Anchor>{col}, 0, {row}, '
            "0, "
            f"{col + 2}, 0, {row + 2}, 0</x:Anchor><x:AutoFill>False</x:AutoFill><x:AutoLine>False"
            f"</x:AutoLine><x:TextVAlign>Center</x:TextVAlign>{extra}</x:ClientData>"
            "</v:shape>"
        )

    spid = vml_shape(book, sheet, CONTROL_SHAPETYPE, make)
    rid = sheet.rel(REL + "ctrlProp", "../" + part.removeprefix("xl/"))
    sid = spid
    body = (
        f'<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="{sid}" name="{esc(name)}" '
        f'hidden="1"><a:extLst><a:ext uri="{{63B3BB69-23CF-44E3-9099-C40C66FF867C}}">'
        f'<a14:compatExt spid="_x0000_s{spid}"/></a:ext></a:extLst></xdr:cNvPr><xdr:cNvSpPr/>'
        '</xdr:nvSpPr><xdr:spPr bwMode="auto"><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/>'
        '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/>'
        "</a:ln></xdr:spPr></xdr:sp>"
    )
    add_anchor(
        book,
        sheet,
        f'<mc:AlternateContent xmlns:mc="{MC}"><mc:Choice xmlns:a14="{A14}" '
        f'Requires="a14">{two_cell_anchor(col, row, col + 2, row + 2, body, "oneCell")}'
        "</mc:Choice><mc:Fallback/></mc:AlternateContent>",
    )
    sheet.extra_namespaces.update(xdr=XDR, x14=X14)
    sheet.add(
        "controls",
        f'<mc:AlternateContent xmlns:mc="{MC}"><mc:Choice Requires="x14"><control '
        f'shapeId="{spid}" r:id="{rid}" name="{esc(name)}"><controlPr defaultSize="0" '
        'autoFill="0" autoLine="0" autoPict="0"><anchor moveWithCells="1">'
        f"{_control_anchor(col, row)}</anchor></controlPr></control></mc:Choice>"
        "</mc:AlternateContent>",
    )


def form_controls(book: Book, sheet: Sheet) -> None:
    """A "Reviewed" check box linked to a cell and a quarter drop-down filled from Lists."""
    lists = lists_sheet(book)
    _form_control(
        book,
        sheet,
        "CheckBox",
        "Check Box 1",
        'checked="Checked" fmlaLink="$L$1" lockText="1" noThreeD="1"',
        12,
    )
    _form_control(
        book,
        sheet,
        "Drop",
        "Drop Down 2",
        f'dropStyle="combo" dx="16" fmlaLink="$L$2" fmlaRange="{lists.name}!$A$2:$A$6" '
        'noThreeD="1" sel="2" val="0"',
        15,
    )


def compound_file(stream: bytes, clsid: str, name: str = "contents") -> bytes:
    """A minimal OLE compound file (MS-CFB version 3) holding one stream ``name`` under a root
    storage of class ``clsid``; the stream is padded to 4096 bytes so it lives in ordinary
    sectors rather than the mini stream."""
    import uuid

    data = stream.ljust(max(4096, -(-len(stream) // 512) * 512), b"\x00")
    n_data = len(data) // 512
    end, free, fat_sect, none = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    fat = [fat_sect, end] + [3 + i for i in range(n_data - 1)] + [end]
    fat += [free] * (128 - len(fat))
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", free) * 108
    )

    def entry(label: str, kind: int, child: int, start: int, size: int, cls: bytes) -> bytes:
        raw = label.encode("utf-16-le") + b"\x00\x00" if label else b""
        return (
            raw.ljust(64, b"\x00")
            + struct.pack("<HBB", len(raw), kind, 1 if label else 0)
            + struct.pack("<III", none, none, child)
            + cls
            + b"\x00" * 20
            + struct.pack("<IQ", start, size)
        )

    cls = uuid.UUID(clsid).bytes_le
    directory = (
        entry("Root Entry", 5, 1, end, 0, cls)
        + entry(name, 2, none, 2, len(data), b"\x00" * 16)
        + entry("", 0, none, 0, 0, b"\x00" * 16) * 2
    )
    return header + struct.pack("<128I", *fat) + directory + data


def _command_button_stream(caption: str) -> bytes:
    """A Forms 2.0 CommandButton persisted as a stream (MS-OFORMS §2.2.1): caption and size."""
    text = caption.encode("latin-1")
    padded = text + b"\x00" * (-len(text) % 4)
    body = struct.pack("<I", (1 << 3) | (1 << 5))  # PropMask: fCaption, fSize
    body += struct.pack("<I", len(text) | 0x80000000)  # caption length, compressed
    body += padded + struct.pack("<ii", 3175, 847)  # caption, size in HIMETRIC
    text_props = b"\x00\x02" + struct.pack("<H", 4) + struct.pack("<I", 0)
    return b"\x00\x02" + struct.pack("<H", len(body)) + body + text_props


def activex_button(book: Book, sheet: Sheet) -> None:
    """An ActiveX "Refresh" command button (the kind macro-driven trackers carry)."""
    col = _right_of(sheet)
    n = book.count_parts("xl/activeX/activeX") // 2 + 1
    xml_part = f"xl/activeX/activeX{n}.xml"
    bin_part = f"xl/activeX/activeX{n}.bin"
    classid = "{D7053240-CE69-11CD-A777-00DD01143C57}"
    book.add_part(
        bin_part,
        compound_file(_command_button_stream("Refresh"), classid),
        "application/vnd.ms-office.activeX",
    )
    book.add_part(
        xml_part,
        DECL
        + (
            f'<ax:ocx ax:classid="{classid}" ax:persistence="persistStorage" r:id="rId1" '
            'xmlns:ax="http://schemas.microsoft.com/office/2006/activeX" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<ax:ocxPr ax:name="Caption" ax:value="Refresh"/></ax:ocx>'
        ),
        "application/vnd.ms-office.activeX+xml",
    )
    book.relate(xml_part, MS_REL + "2006/relationships/activeXControlBinary", f"activeX{n}.bin")
    image = add_media(book, png(96, 24, (220, 220, 220)))

    def make(spid: int) -> str:
        return (
            f'<v:shape id="CommandButton{n}" o:spid="_x0000_s{spid}" type="#_x0000_t201" '
            "style='position:absolute;margin-left:400pt;margin-top:300pt;width:72pt;"
            f'height:18pt;z-index:{spid % 1024}\' stroked="f">'
            '<o:lock v:ext="edit" aspectratio="f"/><x:ClientData ObjectType="Pict">'
            f"<x:SizeWithCells/><x:Anchor>{col}, 0, 20, 0, {col + 1}, 0, 21, 0</x:Anchor>"
            "<x:CF>Pict</x:CF><x:AutoPict/></x:ClientData></v:shape>"
        )

    spid = vml_shape(book, sheet, CONTROL_SHAPETYPE, make)
    rid = sheet.rel(REL + "control", "../" + xml_part.removeprefix("xl/"))
    img = sheet.rel(REL + "image", "../" + image.removeprefix("xl/"))
    sheet.extra_namespaces.update(xdr=XDR, x14=X14)
    sheet.add(
        "controls",
        f'<mc:AlternateContent xmlns:mc="{MC}"><mc:Choice Requires="x14"><control '
        f'shapeId="{spid}" r:id="{rid}" name="CommandButton{n}"><controlPr defaultSize="0" '
        f'autoLine="0" r:id="{img}"><anchor moveWithCells="1">{_control_anchor(col, 20)}'
        f'</anchor></controlPr></control></mc:Choice><mc:Fallback><control shapeId="{spid}" '
        f'r:id="{rid}" name="CommandButton{n}"/></mc:Fallback></mc:AlternateContent>',
    )


def header_picture(book: Book, sheet: Sheet) -> None:
    """A council logo in the left header, the plan's name centred, page numbers in the footer."""
    image = add_media(book, png(48, 48, (0, 94, 184)))
    vml = book.next_name("xl/drawings/vmlDrawing{n}.vml")
    book.defaults["vml"] = "application/vnd.openxmlformats-officedocument.vmlDrawing"
    book.add_part(
        vml,
        (
            '<xml xmlns:v="urn:schemas-microsoft-com:vml"\n '
            'xmlns:o="urn:schemas-microsoft-com:office:'
            'office"\n xmlns:x="urn:schemas-microsoft-com:office:excel">\n <o:shapelayout '
            'v:ext="edit">'
            f'\n  <o:idmap v:ext="edit" data="{50 + book.sheets.index(sheet)}"/>\n </o:shapelayout>'
            '<v:shapetype id="_x0000_t75" coordsize="21600,21600" o:spt="75" o:preferrelative="t" '
            'path="m@4@5l@4@11@9@11@9@5xe" filled="f" stroked="f"><v:stroke joinstyle="miter"/>'
            '<v:path o:extrusionok="f" gradientshapeok="t" o:connecttype="rect"/>'
            '<o:lock v:ext="edit" aspectratio="t"/></v:shapetype><v:shape id="LH" '
            f'o:spid="_x0000_s{(50 + book.sheets.index(sheet)) * 1024 + 1}" type="#_x0000_t75" '
            "style='position:absolute;margin-left:0;margin-top:0;width:36pt;height:36pt;z-index:1'>"
            '<v:imagedata o:relid="rId1" o:title="logo"/><o:lock v:ext="edit" rotation="t"/>'
            "</v:shape></xml>"
        ),
    )
    book.relate(vml, REL + "image", "../media/" + image.rsplit("/", 1)[1])
    rid = sheet.rel(REL + "vmlDrawing", "../" + vml.removeprefix("xl/"))
    sheet.add(
        "headerFooter",
        '<headerFooter><oddHeader>&amp;L&amp;G&amp;C&amp;"-,Bold"Resources '
        "action plan 2024/25&amp;R&amp;D</oddHeader><oddFooter>&amp;LOFFICIAL&amp;CPage "
        "&amp;P of &amp;N&amp;R&amp;F</oddFooter></headerFooter>",
    )
    sheet.add("legacyDrawingHF", f'<legacyDrawingHF r:id="{rid}"/>')


def in_cell_picture(book: Book, sheet: Sheet) -> None:
    """A "Photo" column with a picture placed in a cell (Insert › Picture › Place in Cell)."""
    sheet.rows[0].append("Photo")
    for row in sheet.rows[1:]:
        row.extend([None] * (len(sheet.rows[0]) - len(row)))
    index = metadata(book, "rich")
    sheet.rows[1][-1] = ErrorValue("#VALUE!", vm=index)
    image = add_media(book, png(32, 32, (112, 173, 71)))
    if "xl/richData/rdrichvalue.xml" in book.parts:
        return
    rd = "http://schemas.microsoft.com/office/spreadsheetml/2017/richdata"
    parts = {
        "richValueRel.xml": (
            "application/vnd.ms-excel.richvaluerel+xml",
            '<richValueRels xmlns="http://schemas.microsoft.com/office/'
            'spreadsheetml/2022/richvaluerel" xmlns:r="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships">'
            '<rel r:id="rId1"/></richValueRels>',
            "2022/10/relationships/richValueRel",
        ),
        "rdrichvalue.xml": (
            "application/vnd.ms-excel.rdrichvalue+xml",
            f'<rvData xmlns="{rd}" count="1"><rv s="0"><v>0</v><v>5</v></rv></rvData>',
            "2017/06/relationships/rdRichValue",
        ),
        "rdrichvaluestructure.xml": (
            "application/vnd.ms-excel.rdrichvaluestructure+xml",
            f'<rvStructures xmlns="{rd}" count="1"><s t="_localImage">'
            '<k n="_rvRel:LocalImageIdentifier" t="i"/>'
            '<k n="CalcOrigin" t="i"/></s></rvStructures>',
            "2017/06/relationships/rdRichValueStructure",
        ),
        "rdRichValueTypes.xml": (
            "application/vnd.ms-excel.rdrichvaluetypes+xml",
            '<rvTypesInfo xmlns="http://schemas.microsoft.com/office/'
            'spreadsheetml/2017/richdata2"><global><keyFlags><key '
            'name="_Self"><flag name="ExcludeFromFile" value="1"/><flag '
            'name="ExcludeFromCalcComparison" value="1"/></key></keyFlags>'
            "</global></rvTypesInfo>",
            "2017/06/relationships/rdRichValueTypes",
        ),
    }
    for leaf, (ctype, xml, rel) in parts.items():
        book.add_part(f"xl/richData/{leaf}", DECL + xml, ctype)
        book.workbook_rel(f"rich-{leaf}", MS_REL + rel, f"richData/{leaf}")
    book.relate(
        "xl/richData/richValueRel.xml", REL + "image", "../media/" + image.rsplit("/", 1)[1]
    )
