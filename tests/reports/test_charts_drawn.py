"""The report's bar charts as drawn, on the page and in the PDF, in every language: a
bar's length proportional to its count, its label and number the table's (issue 27)."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from pypdf import PdfReader

from accounts.models import Role
from reports import exports
from tests.charts import check_plain_numbers, check_readable, number, placed_texts, svgs, text
from tests.factories import member

from .conftest import PERIOD, page_tables

LANGUAGES = ["fi", "sv", "en"]
TEMPLATES = Path(settings.BASE_DIR) / "templates"


@pytest.fixture
def readers(world) -> dict:
    return {
        "coordinator": world.kaisa,
        "social work lead": member(Role.SOCIAL_WORK_LEAD, world.seinajoki, username="liisa"),
    }


@pytest.fixture
def unsuppressed(settings):
    settings.KUTY_REPORT_MIN_CELL = 1
    settings.KUTY_DAY_LIMIT = 10


def report_page(client, user, language: str):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/raportit/alue/", PERIOD)
    assert response.status_code == 200
    return response


def bars(svg) -> list[tuple[str, float, str]]:
    """(label, bar length, number) for each bar, in the order drawn from the top."""
    drawn = [e for e in svg.iter() if e.tag in ("text", "rect")]
    assert len(drawn) % 3 == 0, [e.tag for e in drawn]
    found, bottom = [], -1.0
    for label, rect, value in zip(drawn[::3], drawn[1::3], drawn[2::3], strict=True):
        assert (label.tag, rect.tag, value.tag) == ("text", "rect", "text")
        top = number(rect.get("y"))
        assert top > bottom and number(rect.get("height")) > 0  # one under the other
        bottom = top + number(rect.get("height"))
        width = number(rect.get("width"))
        assert number(value.get("x")) > width  # the number just after its bar
        found.append((text(label), width, text(value)))
    return found


def check_against_table(svg, table, shown: dict) -> None:
    """Each bar against its row: label and number as the table prints them (`shown`),
    a length of the count times one scale, none for a hidden or empty cell."""
    rows = table.chart_rows()
    drawn = bars(svg)
    assert [label for label, _w, _t in drawn] == [row.label for row in rows]
    counted = []
    for (label, width, number_text), row in zip(drawn, rows, strict=True):
        assert number_text == shown[row.label][table.chart_column], (table.key, label)
        cell = row.cells[table.chart_column]
        if cell.hidden or not cell.value:
            assert width == 0, (table.key, label)
        else:
            counted.append((label, width, float(cell.value)))
    if counted:
        scale = max(w for _l, w, _v in counted) / max(v for _l, _w, v in counted)
        for label, width, value in counted:
            assert width == pytest.approx(value * scale, abs=0.15), (table.key, label)
    assert max((w for _l, w, _t in drawn), default=0) <= number(svg.get("viewBox").split()[2])


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("reader", ["coordinator", "social work lead"])
def test_every_bar_on_the_page_is_its_count_to_scale(
    client, region, readers, unsuppressed, reader, language
):
    response = report_page(client, readers[reader], language)
    html = response.content.decode()
    tables = page_tables(html)
    charts = svgs(html)
    sections = response.context["sections"]
    assert len(charts) == len(sections)
    for svg, section in zip(charts, sections, strict=True):
        table = section["table"]
        check_plain_numbers(svg)
        check_against_table(svg, table, tables[table.key])
        check_readable(svg)


@pytest.mark.parametrize("language", LANGUAGES)
def test_hidden_small_cells_draw_no_bar_only_their_marker(client, world, region, language):
    response = report_page(client, world.kaisa, language)
    html = response.content.decode()
    tables = page_tables(html)
    for svg, section in zip(svgs(html), response.context["sections"], strict=True):
        check_against_table(svg, section["table"], tables[section["table"].key])
    referrals = next(
        svg
        for svg, section in zip(svgs(html), response.context["sections"], strict=True)
        if section["table"].key == "referrals"
    )
    # Kela's 1 and adult social work's 2: their marker, no bar
    assert [width for _label, width, shown in bars(referrals) if shown == "<5"] == [0, 0]


@pytest.fixture
def pdf_html(monkeypatch) -> list[str]:
    """The HTML each report PDF is drawn from (the PDF's SVG, before WeasyPrint)."""
    drawn = []
    real = exports.render_pdf

    def recording(template, context, request=None):
        drawn.append(render_to_string(template, context, request=request))
        return real(template, context, request)

    monkeypatch.setattr(exports, "render_pdf", recording)
    return drawn


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pdfs_bars_are_drawn_to_scale_and_their_numbers_read_whole(
    client, world, region, unsuppressed, pdf_html, language
):
    page = report_page(client, world.kaisa, language)
    tables = page_tables(page.content.decode())
    pdf = client.get("/raportit/alue.pdf", PERIOD).content
    charts = svgs(pdf_html[0])
    assert len(charts) == len(page.context["sections"])
    for svg, section in zip(charts, page.context["sections"], strict=True):
        check_plain_numbers(svg)
        check_against_table(svg, section["table"], tables[section["table"].key])
    printed = pdf_texts(pdf)
    # every label line and every bar's number drawn whole where the chart puts it
    wanted = [placed for svg in charts for placed in placed_texts(svg)]
    assert "78" in [words for words, _x, _y in wanted]  # the days present, by their bar
    assert [placed for placed in wanted if placed not in printed] == []


def pdf_texts(pdf: bytes) -> set[tuple[str, float, float]]:
    """The PDF's text runs, each with the point it is drawn from (in its drawing's units)."""
    runs = set()

    def visit(text, _cm, tm, _font, _size):
        if text.strip():
            runs.add((" ".join(text.split()), round(tm[4], 1), round(tm[5], 1)))

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return runs


def test_every_chart_template_draws_its_numbers_unlocalised():
    """A new chart cannot bring the decimal comma back: every template with an <svg>
    draws it inside {% localize off %}, and the tests above render each of them."""
    drawing = sorted(
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if "<svg" in path.read_text()
    )
    assert drawing == ["followup/_capacity_svg.html", "reports/_bar_chart_svg.html"]
    for name in drawing:
        source = (TEMPLATES / name).read_text()
        assert source.index("{% localize off %}") < source.index("<svg")
        assert source.rstrip().endswith("{% endlocalize %}")
