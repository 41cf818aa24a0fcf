"""My days and my decisions, as the staff see them, in plain words (issue 24)."""

import datetime
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from clients.models import AccessLog
from placements.models import Attendance, Placement

from .conftest import LEO, MAIJA, page, sign_in, texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def placement(world, maija, made):
    today = timezone.localdate()
    placement = Placement.objects.create(
        decision=made,
        case=made.case,
        site=world.site,
        client_name="Maija Meikäläinen",
        start_on=today - datetime.timedelta(days=30),
        end_on=today + datetime.timedelta(days=60),
        weekdays=[1, 2, 3, 4, 5],
        hours_per_day=4,
        goals="x",
        contacts="y",
        notice_sent_on=today,
        notice_sent_by=world.alice,
    )
    for back, status in ((1, "present"), (2, "present"), (3, "absent")):
        Attendance.objects.create(
            placement=placement,
            day=today - datetime.timedelta(days=back),
            status=status,
            hours=4 if status == "present" else None,
            absence_reason="own_sickness" if status == "absent" else "",
            recorded_by=world.pekka,
        )
    return placement


def test_my_days_show_the_days_used_as_the_staff_count_them(client, oidc, placement):
    from placements.services import participation_counts

    counts = participation_counts(placement)
    sign_in(client, MAIJA)
    before = AccessLog.objects.count()
    shown = page(client.get("/oma/paivat/"))
    assert AccessLog.objects.count() == before + 1
    assert texts(shown, "//main//h2") == ["Pajuluoma (Työpajat)"]
    said = " ".join(texts(shown, "//main//p"))
    assert f"Olet ollut työtoiminnassa {counts['days_in_12_months']} päivää" in said
    assert counts["days_in_12_months"] == 2
    marks = texts(shown, "//ul[@class='oma-log']/li")
    assert [m.split(": ")[1] for m in marks] == ["Läsnä, 4,0 h", "Läsnä, 4,0 h", "Poissa"]


def test_my_decisions_list_the_made_one_and_its_pdf(client, oidc, placement, made):
    sign_in(client, MAIJA)
    shown = page(client.get("/oma/paatokset/"))
    assert texts(shown, "//main//h2") == [f"Seinäjoki: {made.decided_on:%-d.%-m.%Y}"]
    answer = client.get(f"/oma/paatokset/{made.pk}/pdf/")
    assert answer["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(answer.content)).pages)
    assert "Meikäläinen" in text


def test_a_draft_decision_is_not_the_clients_to_see(client, oidc, maija, draft):
    sign_in(client, MAIJA)
    assert texts(page(client.get("/oma/paatokset/")), "//main//h2") == []
    assert client.get(f"/oma/paatokset/{draft.pk}/pdf/").status_code == 404


def test_another_clients_decision_pdf_is_404(client, oidc, maija, made):
    sign_in(client, LEO)
    before = AccessLog.objects.count()
    assert client.get(f"/oma/paatokset/{made.pk}/pdf/").status_code == 404
    assert AccessLog.objects.count() == before
