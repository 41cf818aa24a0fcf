"""Server-rendered SVG charts of the capacity self-assessments (no script, no CDN).

One small chart per domain: the client's own score 0–10 at each assessment, in order.
The same numbers go to a table for screen readers (and anyone who prefers numbers)."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH, HEIGHT, PAD = 300, 120, 24


@dataclass
class Point:
    x: float
    y: float
    score: int
    label: str


@dataclass
class DomainChart:
    name: str
    points: list[Point]

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

    @property
    def change(self) -> int | None:
        return self.points[-1].score - self.points[0].score if len(self.points) > 1 else None


def capacity_charts(assessments, domains) -> dict:
    """Charts and table rows for these assessments (with their scores prefetched)."""
    columns = max(len(assessments) - 1, 1)
    scores = {a.pk: {s.domain_id: s.score for s in a.scores.all()} for a in assessments}
    charts = []
    for domain in domains:
        points = []
        for index, assessment in enumerate(assessments):
            score = scores[assessment.pk].get(domain.pk)
            if score is None:
                continue
            points.append(
                Point(
                    x=PAD + index * (WIDTH - 2 * PAD) / columns,
                    y=HEIGHT - PAD - score * (HEIGHT - 2 * PAD) / 10,
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
        "pad": PAD,
        "gridlines": [(HEIGHT - PAD - v * (HEIGHT - 2 * PAD) / 10, v) for v in (0, 5, 10)],
    }
