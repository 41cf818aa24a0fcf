"""Reading the charts back as a browser draws them: the SVG parsed, its numbers checked.

A number in an SVG attribute is a plain number with a dot. "24,0" is not a coordinate
but a list of two (a text's x="78,3" puts its first character at 78 and its second at 3),
so a chart localised by the template engine draws, and no test of the data would see it."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

NUMBER = re.compile(r"-?\d+(\.\d+)?")
GEOMETRY = {"x", "y", "cx", "cy", "r", "width", "height", "x1", "x2", "y1", "y2"}
GEOMETRY |= {"dx", "dy", "font-size", "stroke-width"}
# A text of font-size f is about this many f wide per character (DejaVu Sans, Arial):
# wide enough that a label judged to fit does fit.
CHARACTER = 0.62


def svgs(html: str) -> list[ET.Element]:
    """Every <svg> of a page, parsed, without namespaces."""
    found = []
    for source in re.findall(r"<svg\b.*?</svg>", html, re.DOTALL):
        root = ET.fromstring(source)
        for element in root.iter():
            element.tag = element.tag.rsplit("}", 1)[-1]
        found.append(root)
    return found


def number(value: str | None) -> float:
    assert value is not None and NUMBER.fullmatch(value), f"not a plain number: {value!r}"
    return float(value)


def check_plain_numbers(svg: ET.Element) -> None:
    """Every coordinate and size of the drawing is one plain number."""
    box = svg.get("viewBox", "").split(" ")
    assert len(box) == 4, svg.get("viewBox")
    for value in box:
        number(value)
    for element in svg.iter():
        for name, value in element.attrib.items():
            if name in GEOMETRY and element is not svg:  # its size: check_readable
                number(value)
        for pair in (element.get("points") or "").split():
            x, y = pair.split(",")
            number(x), number(y)


def text(element: ET.Element) -> str:
    """What a reader reads: a wrapped label's lines joined by a space."""
    return " ".join(" ".join(element.itertext()).split())


def placed_texts(svg: ET.Element) -> list[tuple[str, float, float]]:
    """Each piece of text with the point it is drawn from: (text, x, y)."""
    placed = []
    for element in svg.iter("text"):
        for line in list(element.iter("tspan")) or [element]:
            words = " ".join("".join(line.itertext()).split())
            x, y = line.get("x", element.get("x")), line.get("y", element.get("y"))
            placed.append((words, number(x), number(y)))
    return placed


def view_box(svg: ET.Element) -> tuple[float, float]:
    _x, _y, width, height = (number(v) for v in svg.get("viewBox").split(" "))
    return width, height


def check_readable(svg: ET.Element) -> None:
    """Drawn at its own size (one unit a CSS pixel, so 12 is 12 px type, never blown up
    to the page's width), its text 12–16 px and inside the drawing, none of it cut."""
    width, height = view_box(svg)
    assert number(svg.get("width")) == width and number(svg.get("height")) == height
    for element in svg.iter("text"):
        size = number(element.get("font-size"))
        assert 12 <= size <= 16, (text(element), size)
        lines = list(element.iter("tspan")) or [element]
        for line in lines:
            words = "".join(line.itertext()).strip()
            x = number(line.get("x", element.get("x")))
            wide = CHARACTER * size * len(words)
            if element.get("text-anchor") == "middle":
                left, right = x - wide / 2, x + wide / 2
            else:
                left, right = x, x + wide
            assert left >= 0 and right <= width, (words, left, right, width)
            y = number(line.get("y", element.get("y")))
            assert size * 0.8 <= y <= height, (words, y, height)
