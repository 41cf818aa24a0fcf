"""Server-rendered SVG bar charts of the report's tables (no script, no CDN).

A horizontal bar per row keeps every label readable on a 360 px phone: the label sits
above its bar, wrapped to the chart's width, so the chart is as narrow as the screen
and no label is cut. A hidden cell ("<5") or an empty one draws no bar, only its text.
The table under each chart holds the numbers.

Every coordinate leaves here as a string with a dot: the template engine would write a
float in the reader's format, "74,3" in Finnish and Swedish, which SVG reads as a list
of two numbers (the bar is dropped, and a value's x="78,3" sets its "1" at 78 and its
"8" at 3). The chart is drawn at its own size, one unit a CSS pixel."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from .report import Table

WIDTH, BAR, GAP, LINE, FONT = 320, 14, 12, 16, 12
VALUE_ROOM = 60  # after the longest bar, for its number ("100,0 %")
# characters of 12 px type on one line of WIDTH (DejaVu Sans averages about 0.6 em)
LINE_CHARACTERS = 40


def at(value: float) -> str:
    """A coordinate as SVG reads it, whatever the reader's language."""
    return f"{value:.1f}"


@dataclass
class Bar:
    label: str
    lines: list[tuple[str, str]]  # (baseline y, text): the label wrapped
    text: str
    y: str
    width: str
    text_x: str
    text_y: str


@dataclass
class Chart:
    title: str
    column: str
    bars: list[Bar]
    height: int
    width: int = WIDTH
    bar: int = BAR
    font: int = FONT


def bar_chart(table: Table) -> Chart:
    rows = table.chart_rows()
    column = table.chart_column
    numbers = [
        float(row.cells[column].value)
        for row in rows
        if not row.cells[column].hidden and row.cells[column].value is not None
    ]
    scale = max([n for n in numbers if n > 0], default=1)
    usable = WIDTH - VALUE_ROOM
    bars = []
    y = 0.0
    for row in rows:
        cell = row.cells[column]
        drawn = not cell.hidden and cell.value is not None and float(cell.value) > 0
        width = round(usable * float(cell.value) / scale, 1) if drawn else 0.0
        wrapped = textwrap.wrap(row.label, LINE_CHARACTERS, break_on_hyphens=False) or [""]
        lines = [(at(y + FONT + i * LINE), text) for i, text in enumerate(wrapped)]
        top = y + len(wrapped) * LINE + 4
        bars.append(
            Bar(
                label=row.label,
                lines=lines,
                text=cell.text,
                y=at(top),
                width=at(width),
                text_x=at(width + 4),
                text_y=at(top + BAR - 3),
            )
        )
        y = top + BAR + GAP
    return Chart(table.title, table.columns[column], bars, round(y) or LINE)
