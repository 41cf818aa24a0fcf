"""Server-rendered SVG bar charts of the report's tables (no script, no CDN).

A horizontal bar per row keeps every label readable on a 360 px phone: the label sits
above its bar, so the chart is as narrow as the screen. A hidden cell ("<5") or an
empty one draws no bar, only its text. The table under each chart holds the numbers."""

from __future__ import annotations

from dataclasses import dataclass

from .report import Table

WIDTH, BAR, GAP, LABEL = 320, 14, 10, 16


@dataclass
class Bar:
    label: str
    text: str
    y: float
    width: float
    text_x: float


@dataclass
class Chart:
    title: str
    column: str
    bars: list[Bar]
    height: int
    width: int = WIDTH


def bar_chart(table: Table) -> Chart:
    rows = table.chart_rows()
    column = table.chart_column
    numbers = [
        float(row.cells[column].value)
        for row in rows
        if not row.cells[column].hidden and row.cells[column].value is not None
    ]
    scale = max([n for n in numbers if n > 0], default=1)
    usable = WIDTH - 60  # room for the value's text after the longest bar
    bars = []
    y = 0.0
    for row in rows:
        cell = row.cells[column]
        drawn = not cell.hidden and cell.value is not None and float(cell.value) > 0
        width = usable * max(float(cell.value), 0) / scale if drawn else 0
        bars.append(Bar(row.label, cell.text, y, round(width, 1), round(width + 4, 1)))
        y += LABEL + BAR + GAP
    return Chart(table.title, table.columns[column], bars, int(y) or LABEL)
