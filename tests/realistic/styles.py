"""styles.xml and theme1.xml in each application's manner, with the same named cell styles.

Every dialect's cellXfs lists the styles of STYLE_KEYS in that order, so a feature can ask for
"date" or "unlocked" without knowing the application; dxfs 0–2 are the red, amber and green
fills that conditional formats use.
"""

from __future__ import annotations

from dataclasses import dataclass

STYLE_KEYS: tuple[str, ...] = ("default", "header", "date", "percent", "wrap", "unlocked")
STYLE_INDEX = {key: i for i, key in enumerate(STYLE_KEYS)}
RAG_FILLS = (("FFFFC7CE", "FF9C0006"), ("FFFFEB9C", "FF9C5700"), ("FFC6EFCE", "FF006100"))

X14AC = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"


@dataclass(frozen=True)
class Fonts:
    """The body font of an application's default style."""

    name: str
    size: float
    family: int = 2
    scheme: str | None = "minor"
    theme_color: bool = True


def _font(f: Fonts, bold: bool = False, size_text: str | None = None) -> str:
    b = "<b/>" if bold else ""
    colour = '<color theme="1"/>' if f.theme_color else ""
    scheme = f'<scheme val="{f.scheme}"/>' if f.scheme else ""
    size = size_text or f"{f.size:g}"
    return (
        f'<font>{b}<sz val="{size}"/>{colour}<name val="{f.name}"/><family '
        f'val="{f.family}"/>{scheme}</font>'
    )


def _xfs(date_fmt: int, extra: str = "") -> str:
    cell = (
        f'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"{extra}/>',
        f'<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"{extra}/>',
        f'<xf numFmtId="{date_fmt}" fontId="0" fillId="0" borderId="0" xfId="0" '
        f'applyNumberFormat="1"{extra}/>',
        '<xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" '
        f'applyNumberFormat="1"{extra}/>',
        f'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"{extra}>'
        '<alignment vertical="top" wrapText="1"/></xf>',
        f'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyProtection="1"{extra}>'
        '<protection locked="0"/></xf>',
    )
    return f'<cellXfs count="{len(cell)}">' + "".join(cell) + "</cellXfs>"


def _dxfs() -> str:
    items = "".join(
        f'<dxf><font><color rgb="{font}"/></font><fill><patternFill><bgColor rgb="{fill}"/>'
        "</patternFill></fill></dxf>"
        for fill, font in RAG_FILLS
    )
    return f'<dxfs count="{len(RAG_FILLS)}">{items}</dxfs>'


def excel_styles(declaration: str, fonts: Fonts) -> bytes:
    """styles.xml as Excel 2016–365 writes it (namespaces, knownFonts, slicer and timeline
    style defaults in extLst; compare the Mac and Windows files in the real-world folder)."""
    x14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
    x15 = "http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"
    head = (
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'mc:Ignorable="x14ac x16r2 xr" '
        f'xmlns:x14ac="{X14AC}" '
        'xmlns:x16r2="http://schemas.microsoft.com/office/spreadsheetml/2015/02/main" '
        'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision">'
    )
    body = (
        f'<fonts count="2" x14ac:knownFonts="1">{_font(fonts)}{_font(fonts, bold=True)}</fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        "</cellStyleXfs>"
        + _xfs(14)
        + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        + _dxfs()
        + '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" '
        'defaultPivotStyle="PivotStyleLight16"/>'
        f'<extLst><ext uri="{{EB79DEF2-80B8-43e5-95BD-54CBDDF9020C}}" xmlns:x14="{x14}">'
        '<x14:slicerStyles defaultSlicerStyle="SlicerStyleLight1"/></ext>'
        f'<ext uri="{{9260A510-F301-46a8-8635-F512D64BE5F5}}" xmlns:x15="{x15}">'
        '<x15:timelineStyles defaultTimelineStyle="TimeSlicerStyleLight1"/></ext></extLst>'
    )
    return (declaration + head + body + "</styleSheet>").encode("utf-8")


def google_styles(declaration: str) -> bytes:
    """styles.xml as Google Sheets exports it (fonts with "11.0" sizes, Arial body font,
    lightGray fill, bare <border/>, readingOrder alignments: poi__64750.xlsx)."""
    fonts = Fonts("Arial", 11, scheme=None)
    body = (
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'xmlns:x14ac="{X14AC}" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        f'<fonts count="2">{_font(fonts, size_text="11.0")}{_font(fonts, True, "11.0")}</fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="lightGray"/></fill></fills>'
        '<borders count="1"><border/></borders>'
        '<cellStyleXfs count="1"><xf borderId="0" fillId="0" fontId="0" numFmtId="0" '
        'applyAlignment="1" applyFont="1"/></cellStyleXfs>'
        + _xfs(14)
        + '<cellStyles count="1"><cellStyle xfId="0" name="Normal" builtinId="0"/></cellStyles>'
        + _dxfs()
    )
    return (declaration + body + "</styleSheet>").encode("utf-8")


def libreoffice_styles(declaration: str) -> bytes:
    """styles.xml as LibreOffice Calc writes it: explicit numFmts (164 General, 165 the date),
    Arial 10 with charset, true/false booleans, the default cell styles Comma/Currency/Percent
    (calamine__date.xlsx, LibreOffice 7.4)."""
    fonts = '<font><sz val="10"/><name val="Arial"/><family val="2"/><charset val="1"/></font>'
    bold = '<font><b val="true"/><sz val="10"/><name val="Arial"/><family val="2"/></font>'
    flags = ' applyFont="false" applyBorder="false" applyAlignment="false" applyProtection="false"'
    xfs = _xfs(165, "").replace("/>", flags + "/>", 1)
    body = (
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<numFmts count="2"><numFmt numFmtId="164" formatCode="General"/>'
        '<numFmt numFmtId="165" formatCode="dd/mm/yyyy"/></numFmts>'
        f'<fonts count="2">{fonts}{bold}</fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border diagonalUp="false" diagonalDown="false"><left/><right/><top/>'
        "<bottom/><diagonal/></border></borders>"
        '<cellStyleXfs count="1"><xf numFmtId="164" fontId="0" fillId="0" borderId="0" '
        'applyFont="true" applyBorder="true" applyAlignment="true" applyProtection="true">'
        '<alignment horizontal="general" vertical="bottom" textRotation="0" wrapText="false" '
        'indent="0" shrinkToFit="false"/><protection locked="true" hidden="false"/></xf>'
        "</cellStyleXfs>"
        + xfs
        + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        + _dxfs()
    )
    return (declaration + body + "</styleSheet>").encode("utf-8")


def numbers_styles(declaration: str) -> bytes:
    """styles.xml in the manner of an Apple Numbers export: Helvetica Neue 10 body font and the
    application's own indexedColors palette."""
    fonts = Fonts("Helvetica Neue", 10, family=1, scheme=None, theme_color=False)
    palette = "".join(
        f'<rgbColor rgb="{c}"/>'
        for c in (
            "FF000000",
            "FFFFFFFF",
            "FFFF0000",
            "FF00FF00",
            "FF0000FF",
            "FFFFFF00",
            "FFFF00FF",
            "FF00FFFF",
            "FF000000",
            "FFFFFFFF",
            "FFAAAAAA",
            "FFDBDBDB",
            "FFA5A5A5",
            "FF3F3F3F",
            "FFD6D5D5",
        )
    )
    body = (
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="d/m/yyyy"/></numFmts>'
        f'<fonts count="2">{_font(fonts)}{_font(fonts, bold=True)}</fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" applyNumberFormat="0" '
        'applyFont="1" applyFill="0" applyBorder="0" applyAlignment="1" applyProtection="0">'
        '<alignment vertical="top" wrapText="1"/></xf></cellStyleXfs>'
        + _xfs(164)
        + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        + _dxfs()
        + f"<colors><indexedColors>{palette}</indexedColors></colors>"
    )
    return (declaration + body + "</styleSheet>").encode("utf-8")


def theme_xml(declaration: str, name: str, major: str, minor: str) -> bytes:
    """A complete DrawingML theme (ECMA-376 Part 1 §20.1.6): the Office colour scheme, the font
    scheme named ``major``/``minor``, and the three-level format scheme every theme carries."""
    colours = (
        ("dk1", '<a:sysClr val="windowText" lastClr="000000"/>'),
        ("lt1", '<a:sysClr val="window" lastClr="FFFFFF"/>'),
        ("dk2", '<a:srgbClr val="44546A"/>'),
        ("lt2", '<a:srgbClr val="E7E6E6"/>'),
        ("accent1", '<a:srgbClr val="4472C4"/>'),
        ("accent2", '<a:srgbClr val="ED7D31"/>'),
        ("accent3", '<a:srgbClr val="A5A5A5"/>'),
        ("accent4", '<a:srgbClr val="FFC000"/>'),
        ("accent5", '<a:srgbClr val="5B9BD5"/>'),
        ("accent6", '<a:srgbClr val="70AD47"/>'),
        ("hlink", '<a:srgbClr val="0563C1"/>'),
        ("folHlink", '<a:srgbClr val="954F72"/>'),
    )
    clr = "".join(f"<a:{k}>{v}</a:{k}>" for k, v in colours)
    fonts = (
        f'<a:majorFont><a:latin typeface="{major}"/><a:ea typeface=""/><a:cs typeface=""/>'
        f'</a:majorFont><a:minorFont><a:latin typeface="{minor}"/><a:ea typeface=""/>'
        '<a:cs typeface=""/></a:minorFont>'
    )
    solid = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    lines = "".join(
        f'<a:ln w="{w}" cap="flat" cmpd="sng" algn="ctr">{solid}'
        '<a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>'
        for w in (6350, 12700, 19050)
    )
    effects = "<a:effectStyle><a:effectLst/></a:effectStyle>" * 3
    fmt = (
        f'<a:fmtScheme name="Office"><a:fillStyleLst>{solid * 3}</a:fillStyleLst>'
        f"<a:lnStyleLst>{lines}</a:lnStyleLst><a:effectStyleLst>{effects}</a:effectStyleLst>"
        f"<a:bgFillStyleLst>{solid * 3}</a:bgFillStyleLst></a:fmtScheme>"
    )
    body = (
        '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        f'name="{name}"><a:themeElements><a:clrScheme name="Office">{clr}</a:clrScheme>'
        f'<a:fontScheme name="Office">{fonts}</a:fontScheme>{fmt}</a:themeElements>'
        "<a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"
    )
    return (declaration + body).encode("utf-8")
