"""The self-assessment charts as drawn, in every language: each point at its score's
height on the chart's own axis, its label the exact score (issue 27)."""

import pytest
from django.conf import settings
from django.utils import timezone, translation

from followup import services
from followup.models import CapacityDomain
from tests.charts import check_plain_numbers, check_readable, number, svgs, text

LANGUAGES = ["fi", "sv", "en"]
TODAY = timezone.localdate()


def series(index: int) -> list[int]:
    """Domain index's scores at start, interim and end: 0 and 10 among them."""
    return [index, 10 - index, (3 * index + 4) % 11]


@pytest.fixture
def assessed(world, placed):
    domains = list(CapacityDomain.objects.filter(active=True))
    for when, phase in enumerate(["start", "interim", "end"]):
        services.capacity_assessment_record(
            user=world.pekka,
            case=world.case,
            placement=placed,
            assessed_on=TODAY,
            phase=phase,
            scores={d.pk: series(i)[when] for i, d in enumerate(domains)},
        )
    return domains


def charts_seen(client, user, url: str, language: str) -> list:
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200
    return svgs(response.content.decode())


def pages(world, placed) -> dict:
    return {
        "social worker's case page": (world.alice, f"/asiakkuudet/{world.case.pk}/"),
        "supervisor's placement page": (world.pekka, f"/tyotoiminta/{placed.pk}/"),
    }


def axis(svg) -> dict[int, float]:
    """The gridlines as drawn: {the number printed after the line: the line's y}."""
    lines, line = {}, None
    for element in svg.iter():
        if element.tag == "line":
            line = element
        elif element.tag == "text" and line is not None:
            assert number(line.get("y1")) == number(line.get("y2"))
            lines[int(text(element))] = number(line.get("y1"))
            line = None
    assert set(lines) == {0, 5, 10}
    return lines


def height_of(score: int, lines: dict[int, float]) -> float:
    return lines[0] + (lines[10] - lines[0]) * score / 10


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", ["social worker's case page", "supervisor's placement page"])
def test_each_point_sits_at_its_score_on_the_charts_axis(
    client, world, placed, assessed, page, language
):
    user, url = pages(world, placed)[page]
    charts = charts_seen(client, user, url, language)
    assert len(charts) == len(assessed)
    for index, (svg, domain) in enumerate(zip(charts, assessed, strict=True)):
        check_plain_numbers(svg)
        with translation.override(language):
            assert svg.get("aria-label").startswith(f"{domain}:")
        lines = axis(svg)
        assert lines[10] < lines[5] < lines[0]  # 10 = best, at the top
        circles = list(svg.iter("circle"))
        scores = series(index)
        assert len(circles) == len(scores)
        for circle, score in zip(circles, scores, strict=True):
            assert number(circle.get("cy")) == pytest.approx(height_of(score, lines), abs=0.1)
        xs = [number(c.get("cx")) for c in circles]
        assert xs == sorted(xs) and len(set(xs)) == len(xs)  # in time order, apart
        line = svg.find(".//polyline").get("points").split()
        ys = [number(c.get("cy")) for c in circles]
        drawn = [float(n) for pair in line for n in pair.split(",")]
        assert drawn == pytest.approx([n for pair in zip(xs, ys, strict=True) for n in pair])
        labels = [t for t in svg.iter("text") if t.get("text-anchor") == "middle"]
        assert [text(t) for t in labels] == [str(s) for s in scores]
        for label, x in zip(labels, xs, strict=True):
            assert number(label.get("x")) == x  # each score printed over its own point


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", ["social worker's case page", "supervisor's placement page"])
def test_charts_keep_their_size_with_readable_uncut_text(
    client, world, placed, assessed, page, language
):
    user, url = pages(world, placed)[page]
    for svg in charts_seen(client, user, url, language):
        check_readable(svg)
