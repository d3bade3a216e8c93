"""Native Excel charts for refreshed workbooks (openpyxl), and the Gantt chart picture.

Native charts draw on cells of the sheet they sit on, so they update when Excel recalculates and
render in Excel, Excel on the web and LibreOffice. RAG colours follow the template, and every
chart also names the RAG in words (legend, category labels or data labels). The Gantt chart is
a PNG drawn with matplotlib (:mod:`workbook_tools.writers.gantt`, re-exported here).
"""

from __future__ import annotations

from openpyxl.chart import BarChart, DoughnutChart, LineChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.layout import Layout, ManualLayout
from openpyxl.chart.legend import Legend
from openpyxl.chart.marker import DataPoint
from openpyxl.chart.series import SeriesLabel
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.chart.text import RichText, Text
from openpyxl.chart.title import Title
from openpyxl.drawing.text import (
    CharacterProperties,
    Paragraph,
    ParagraphProperties,
    RegularTextRun,
)
from openpyxl.worksheet.worksheet import Worksheet

from workbook_tools.model import cell_address
from workbook_tools.tool_sheets import ChartSpec
from workbook_tools.writers.gantt import gantt_png


def _fill(colour: str) -> GraphicalProperties:
    props = GraphicalProperties(solidFill=colour)
    props.line.solidFill = "FFFFFF"
    return props


def _text(size: float, *, bold: bool = False) -> RichText:
    """Text properties for axis and legend labels (``size`` in points)."""
    chars = CharacterProperties(sz=int(size * 100), b=bold)
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=chars), endParaRPr=chars)])


def _title(text: str, size: float = 12) -> Title:
    """A chart title in ``size`` points, bold, not covering the plot."""
    chars = CharacterProperties(sz=int(size * 100), b=True)
    run = RegularTextRun(rPr=chars, t=text)
    paragraph = Paragraph(pPr=ParagraphProperties(defRPr=chars), r=[run])
    return Title(tx=Text(rich=RichText(p=[paragraph])), overlay=False)


def _series_title(ws: Worksheet, row: int, col: int) -> SeriesLabel:
    from openpyxl.chart.data_source import StrRef

    return SeriesLabel(strRef=StrRef(f"{_sheet_ref(ws)}!${_col(col)}${row}"))


def _col(col: int) -> str:
    return "".join(ch for ch in cell_address(1, col) if ch.isalpha())


def _sheet_ref(ws: Worksheet) -> str:
    return "'" + ws.title.replace("'", "''") + "'"


def add_chart(ws: Worksheet, spec: ChartSpec) -> None:
    """Put the native chart described by ``spec`` on ``ws`` (its data are cells of ``ws``)."""
    col, first, last = spec.categories
    categories = Reference(ws, min_col=col, min_row=first, max_row=last)
    if spec.kind == "doughnut":
        chart = _doughnut(ws, spec, categories)
    elif spec.kind == "stacked-bar":
        chart = _bars(ws, spec, categories)
    elif spec.kind == "line":
        chart = _lines(ws, spec, categories)
    else:  # pragma: no cover - the sheet builders use the three kinds above
        raise ValueError(f"unknown chart kind {spec.kind!r}")
    chart.title = _title(spec.title)
    chart.width = spec.width_cm
    chart.height = spec.height_cm
    row, column = spec.anchor
    ws.add_chart(chart, cell_address(row, column))


def _doughnut(ws: Worksheet, spec: ChartSpec, categories: Reference) -> DoughnutChart:
    chart = DoughnutChart(holeSize=55)
    (series_spec,) = spec.series
    col, first, last = series_spec.values
    chart.add_data(Reference(ws, min_col=col, min_row=first, max_row=last), titles_from_data=False)
    chart.set_categories(categories)
    series = chart.series[0]
    series.tx = _series_title(ws, *series_spec.name)
    series.dPt = [
        DataPoint(idx=i, spPr=_fill(colour)) for i, colour in enumerate(spec.point_colours)
    ]
    series.dLbls = DataLabelList(
        showVal=True, showCatName=False, showSerName=False, showPercent=False, showLegendKey=False
    )
    series.dLbls.txPr = _text(10, bold=True)
    chart.legend = Legend(legendPos="r")
    chart.legend.txPr = _text(10)
    chart.firstSliceAng = 0
    return chart


def _bars(ws: Worksheet, spec: ChartSpec, categories: Reference) -> BarChart:
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.gapWidth = 60
    for item in spec.series:
        col, first, last = item.values
        chart.add_data(Reference(ws, min_col=col, min_row=first, max_row=last))
        series = chart.series[-1]
        series.tx = _series_title(ws, *item.name)
        series.graphicalProperties = _fill(item.colour)
    chart.set_categories(categories)
    chart.y_axis.title = "Actions"
    chart.y_axis.majorGridlines = None
    chart.y_axis.number_format = "0"
    chart.y_axis.txPr = _text(9)
    chart.x_axis.txPr = _text(9)
    chart.x_axis.scaling.orientation = "maxMin"  # first priority at the top, as in the table
    chart.y_axis.crosses = "max"
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.legend = Legend(legendPos="b")
    chart.legend.txPr = _text(10)
    return chart


def _lines(ws: Worksheet, spec: ChartSpec, categories: Reference) -> LineChart:
    chart = LineChart()
    for item in spec.series:
        col, first, last = item.values
        chart.add_data(Reference(ws, min_col=col, min_row=first, max_row=last))
        series = chart.series[-1]
        series.tx = _series_title(ws, *item.name)
        series.graphicalProperties.line.solidFill = item.colour
        series.graphicalProperties.line.width = 28575  # 2.25 pt
        series.marker.symbol = "circle"
        series.marker.size = 6
        series.marker.graphicalProperties = GraphicalProperties(solidFill=item.colour)
        series.smooth = False
    chart.set_categories(categories)
    chart.x_axis.number_format = "mmm yy"
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.y_axis.title = "Actions"
    chart.legend = Legend(legendPos="b")
    chart.layout = Layout(manualLayout=ManualLayout(x=0.05, y=0.05, h=0.7, w=0.9))
    return chart


# --------------------------------------------------------------------------------------------
# The Gantt chart image
# --------------------------------------------------------------------------------------------


__all__ = ["add_chart", "gantt_png"]
