"""Server-rendered SVG charts of the capacity self-assessments (no script, no CDN).

One small chart per domain: the client's own score 0–10 at each assessment, in order.
The same numbers go to a table for screen readers (and anyone who prefers numbers).

Every coordinate leaves here as a string with a dot. The template engine would write a
float in the reader's format, "24,0" in Finnish and Swedish, which SVG reads as a list
of two numbers: the points fall into a corner and a label's characters scatter. The
chart is drawn at its own size (one unit a CSS pixel), so 12 is 12 px type on a phone
and on a wide screen alike."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH, HEIGHT = 280, 132
LEFT, RIGHT, TOP, BOTTOM = 32, 16, 24, 16  # room for the axis's "10" and a point's score
TOP_SCORE = 10


def at(value: float) -> str:
    """A coordinate as SVG reads it, whatever the reader's language."""
    return f"{value:.1f}"


def height_of(score: float) -> float:
    return HEIGHT - BOTTOM - score * (HEIGHT - TOP - BOTTOM) / TOP_SCORE


@dataclass
class Point:
    x: str
    y: str
    label_y: str
    score: int
    label: str


@dataclass
class Gridline:
    y: str
    label_y: str
    value: int


@dataclass
class DomainChart:
    name: str
    points: list[Point]

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x},{p.y}" for p in self.points)

    @property
    def change(self) -> int | None:
        return self.points[-1].score - self.points[0].score if len(self.points) > 1 else None


def capacity_charts(assessments, domains) -> dict:
    """Charts and table rows for these assessments (with their scores prefetched)."""
    columns = max(len(assessments) - 1, 1)
    step = (WIDTH - LEFT - RIGHT) / columns
    scores = {a.pk: {s.domain_id: s.score for s in a.scores.all()} for a in assessments}
    charts = []
    for domain in domains:
        points = []
        for index, assessment in enumerate(assessments):
            score = scores[assessment.pk].get(domain.pk)
            if score is None:
                continue
            y = height_of(score)
            points.append(
                Point(
                    x=at(LEFT + index * step),
                    y=at(y),
                    label_y=at(y - 9),
                    score=score,
                    label=f"{assessment.assessed_on:%-d.%-m.%Y}",
                )
            )
        charts.append(DomainChart(name=str(domain), points=points))
    rows = [
        {"assessment": a, "scores": [scores[a.pk].get(d.pk, "–") for d in domains]}
        for a in assessments
    ]
    return {
        "charts": charts,
        "rows": rows,
        "domain_names": [str(d) for d in domains],
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "gridlines": [
            Gridline(at(height_of(v)), at(height_of(v) + 4), v) for v in (0, 5, TOP_SCORE)
        ],
    }
