"""Native charts and the drawing that places them (and the Gantt picture) on a rebuilt sheet.

Each :class:`~workbook_tools.tool_sheets.ChartSpec` becomes a chart part drawing on the sheet's own
cells: a doughnut of the overall RAG, stacked bars of RAG by priority, lines of RAG counts over
time. Every series carries the values it was drawn from (the chart's cache), so a viewer that does
not calculate shows the chart as Excel does. RAG colours are the template's, and every chart also
names each RAG in words (legend, category labels or data labels).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from workbook_tools.core.model import column_letter
from workbook_tools.tool_sheets import content as ts
from workbook_tools.writers.file.xlsx_cells import escape, serial

NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_EMU_PER_CM = 360_000
_EMU_PER_PX = 9_525
_PX_PER_CM = 96 / 2.54
_CAT, _VAL = 10, 100

Cells = Mapping[tuple[int, int], ts.CellSpec]


@dataclass(frozen=True)
class Placed:
    """One thing on a sheet's drawing: a chart or a picture, its anchor cell (1-based row and
    column), its size in EMU, the relationship id of its part, its name and description."""

    kind: str  # "chart" or "picture"
    anchor: tuple[int, int]
    size: tuple[int, int]
    rel_id: str
    name: str
    description: str = ""


def chart_size(spec: ts.ChartSpec) -> tuple[int, int]:
    """A chart's width and height in EMU."""
    return round(spec.width_cm * _EMU_PER_CM), round(spec.height_cm * _EMU_PER_CM)


def picture_size(spec: ts.GanttSpec) -> tuple[int, int]:
    """The Gantt picture's width and height in EMU (whole pixels at 96 dpi, as Excel shows it)."""
    width, height = round(spec.width_cm * _PX_PER_CM), round(spec.height_cm * _PX_PER_CM)
    return width * _EMU_PER_PX, height * _EMU_PER_PX


def drawing_xml(items: Sequence[Placed]) -> bytes:
    """The drawing part placing ``items``."""
    out = [
        _DECLARATION,
        f'<xdr:wsDr xmlns:xdr="{NS_XDR}" xmlns:a="{NS_A}" xmlns:r="{NS_R}" xmlns:c="{NS_C}">',
    ]
    for number, item in enumerate(items, 2):
        row, col = item.anchor
        cx, cy = item.size
        out.append(
            f"<xdr:oneCellAnchor><xdr:from><xdr:col>{col - 1}</xdr:col><xdr:colOff>0</xdr:colOff>"
            f"<xdr:row>{row - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>"
            f'<xdr:ext cx="{cx}" cy="{cy}"/>'
        )
        names = f'id="{number}" name="{escape(item.name)}" descr="{escape(item.description)}"'
        if item.kind == "chart":
            out.append(
                f'<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr {names}/>'
                "<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm>"
                '<a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic>'
                f'<a:graphicData uri="{NS_C}"><c:chart r:id="{item.rel_id}"/></a:graphicData>'
                "</a:graphic></xdr:graphicFrame>"
            )
        else:
            out.append(
                f"<xdr:pic><xdr:nvPicPr><xdr:cNvPr {names}/><xdr:cNvPicPr>"
                '<a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr><xdr:blipFill>'
                f'<a:blip r:embed="{item.rel_id}"/><a:stretch><a:fillRect/></a:stretch>'
                '</xdr:blipFill><xdr:spPr><a:xfrm><a:off x="0" y="0"/>'
                f'<a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
                "</a:prstGeom></xdr:spPr></xdr:pic>"
            )
        out.append("<xdr:clientData/></xdr:oneCellAnchor>")
    out.append("</xdr:wsDr>")
    return "".join(out).encode("utf-8")


def chart_xml(spec: ts.ChartSpec, sheet: str, cells: Cells, *, date1904: bool = False) -> bytes:
    """The chart part drawing ``spec`` from the cells of ``sheet`` (whose values are ``cells``)."""
    data = _Data(sheet, cells, date1904)
    if spec.kind == "doughnut":
        plot = _doughnut(spec, data)
        legend = "r"
    elif spec.kind == "stacked-bar":
        plot = _bars(spec, data)
        legend = "b"
    elif spec.kind == "line":
        plot = _lines(spec, data)
        legend = "b"
    else:  # pragma: no cover - the sheet builders use the three kinds above
        raise ValueError(f"unknown chart kind {spec.kind!r}")
    return (
        f'{_DECLARATION}<c:chartSpace xmlns:c="{NS_C}" xmlns:a="{NS_A}" xmlns:r="{NS_R}">'
        '<c:roundedCorners val="0"/><c:chart>'
        f'<c:title>{_rich(spec.title, 12, bold=True)}<c:overlay val="0"/></c:title>'
        f'<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>{plot}</c:plotArea>'
        f'<c:legend><c:legendPos val="{legend}"/><c:overlay val="0"/>{_text(10)}</c:legend>'
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>'
    ).encode()


class _Data:
    """References to the sheet's cells, with their values as the chart's cache."""

    def __init__(self, sheet: str, cells: Cells, date1904: bool) -> None:
        self.sheet = "'" + sheet.replace("'", "''") + "'"
        self.cells, self.date1904 = cells, date1904

    def _ref(self, col: int, first: int, last: int) -> str:
        letter = column_letter(col)
        end = "" if first == last else f":${letter}${last}"
        return f"{self.sheet}!${letter}${first}{end}"

    def _value(self, row: int, col: int) -> object:
        spec = self.cells.get((row, col))
        return None if spec is None else spec.value

    def text(self, col: int, first: int, last: int) -> str:
        points = [self._value(row, col) for row in range(first, last + 1)]
        cache = "".join(
            f'<c:pt idx="{i}"><c:v>{escape(str(v))}</c:v></c:pt>'
            for i, v in enumerate(points)
            if v is not None
        )
        return (
            f"<c:strRef><c:f>{escape(self._ref(col, first, last))}</c:f><c:strCache>"
            f'<c:ptCount val="{len(points)}"/>{cache}</c:strCache></c:strRef>'
        )

    def numbers(self, col: int, first: int, last: int, fmt: str = "General") -> str:
        points = [self._value(row, col) for row in range(first, last + 1)]
        cache = "".join(
            f'<c:pt idx="{i}"><c:v>{_plain(v, self.date1904)}</c:v></c:pt>'
            for i, v in enumerate(points)
            if _plain(v, self.date1904) is not None
        )
        return (
            f"<c:numRef><c:f>{escape(self._ref(col, first, last))}</c:f><c:numCache>"
            f'<c:formatCode>{escape(fmt)}</c:formatCode><c:ptCount val="{len(points)}"/>'
            f"{cache}</c:numCache></c:numRef>"
        )

    def name(self, series: ts.Series) -> str:
        row, col = series.name
        return f"<c:tx>{self.text(col, row, row)}</c:tx>"


def _plain(value: object, date1904: bool) -> object:
    if isinstance(value, dt.date):
        return serial(value, date1904)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value


def _fill(colour: str, line: str | None = "FFFFFF") -> str:
    edge = f'<a:ln><a:solidFill><a:srgbClr val="{line}"/></a:solidFill></a:ln>' if line else ""
    return f'<c:spPr><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>{edge}</c:spPr>'


def _text(size: float, *, bold: bool = False) -> str:
    """Text properties of labels (``size`` in points)."""
    return (
        '<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="'
        f'{int(size * 100)}" b="{int(bold)}"/></a:pPr><a:endParaRPr lang="en-GB"/></a:p></c:txPr>'
    )


def _rich(text: str, size: float, *, bold: bool = False) -> str:
    run = f'sz="{int(size * 100)}" b="{int(bold)}"'
    return (
        f"<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr {run}/></a:pPr>"
        f'<a:r><a:rPr lang="en-GB" {run}/><a:t>{escape(text)}</a:t></a:r></a:p></c:rich></c:tx>'
    )


def _doughnut(spec: ts.ChartSpec, data: _Data) -> str:
    (series,) = spec.series
    col, first, last = series.values
    cat_col, cat_first, cat_last = spec.categories
    points = "".join(
        f'<c:dPt><c:idx val="{i}"/><c:bubble3D val="0"/>{_fill(colour)}</c:dPt>'
        for i, colour in enumerate(spec.point_colours)
    )
    labels = (
        f'<c:dLbls>{_text(10, bold=True)}<c:showLegendKey val="0"/><c:showVal val="1"/>'
        '<c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/>'
        '<c:showBubbleSize val="0"/><c:showLeaderLines val="1"/></c:dLbls>'
    )
    return (
        '<c:doughnutChart><c:varyColors val="1"/><c:ser><c:idx val="0"/><c:order val="0"/>'
        f"{data.name(series)}{points}{labels}<c:cat>{data.text(cat_col, cat_first, cat_last)}"
        f"</c:cat><c:val>{data.numbers(col, first, last)}</c:val></c:ser>"
        '<c:firstSliceAng val="0"/><c:holeSize val="55"/></c:doughnutChart>'
    )


def _bars(spec: ts.ChartSpec, data: _Data) -> str:
    cat_col, cat_first, cat_last = spec.categories
    series = "".join(
        f'<c:ser><c:idx val="{i}"/><c:order val="{i}"/>{data.name(item)}{_fill(item.colour)}'
        f'<c:invertIfNegative val="0"/><c:cat>{data.text(cat_col, cat_first, cat_last)}</c:cat>'
        f"<c:val>{data.numbers(*item.values)}</c:val></c:ser>"
        for i, item in enumerate(spec.series)
    )
    return (
        '<c:barChart><c:barDir val="bar"/><c:grouping val="stacked"/><c:varyColors val="0"/>'
        f'{series}<c:gapWidth val="60"/><c:overlap val="100"/><c:axId val="{_CAT}"/>'
        f'<c:axId val="{_VAL}"/></c:barChart>'
        # the first priority at the top, as in the table; the counts along the bottom
        f'<c:catAx><c:axId val="{_CAT}"/><c:scaling><c:orientation val="maxMin"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="1"/>'
        '<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'{_text(9)}<c:crossAx val="{_VAL}"/><c:crosses val="autoZero"/><c:auto val="1"/>'
        '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
        f'<c:valAx><c:axId val="{_VAL}"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        f'<c:delete val="0"/><c:axPos val="b"/><c:title>{_rich("Actions", 10)}'
        '<c:overlay val="0"/></c:title><c:numFmt formatCode="0" sourceLinked="0"/>'
        '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'{_text(9)}<c:crossAx val="{_CAT}"/><c:crosses val="max"/>'
        '<c:crossBetween val="between"/></c:valAx>'
    )


def _lines(spec: ts.ChartSpec, data: _Data) -> str:
    cat_col, cat_first, cat_last = spec.categories
    categories = data.numbers(cat_col, cat_first, cat_last, ts.NUMBER_FORMATS[ts.DATE])
    series = "".join(
        f'<c:ser><c:idx val="{i}"/><c:order val="{i}"/>{data.name(item)}<c:spPr>'
        f'<a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="{item.colour}"/></a:solidFill>'
        '<a:round/></a:ln></c:spPr><c:marker><c:symbol val="circle"/><c:size val="6"/>'
        f"{_fill(item.colour, None)}</c:marker><c:cat>{categories}</c:cat>"
        f'<c:val>{data.numbers(*item.values)}</c:val><c:smooth val="0"/></c:ser>'
        for i, item in enumerate(spec.series)
    )
    return (
        f'<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>{series}'
        f'<c:marker val="1"/><c:axId val="{_CAT}"/><c:axId val="{_VAL}"/></c:lineChart>'
        f'<c:catAx><c:axId val="{_CAT}"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="mmm yy" sourceLinked="0"/>'
        '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'{_text(9)}<c:crossAx val="{_VAL}"/><c:crosses val="autoZero"/><c:auto val="1"/>'
        '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="1"/></c:catAx>'
        f'<c:valAx><c:axId val="{_VAL}"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/>'
        f'<c:title>{_rich("Actions", 10)}<c:overlay val="0"/></c:title>'
        '<c:numFmt formatCode="0" sourceLinked="0"/><c:majorTickMark val="out"/>'
        f'<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>{_text(9)}'
        f'<c:crossAx val="{_CAT}"/><c:crosses val="autoZero"/><c:crossBetween val="between"/>'
        "</c:valAx>"
    )


__all__ = ["Placed", "chart_size", "chart_xml", "drawing_xml", "picture_size"]
