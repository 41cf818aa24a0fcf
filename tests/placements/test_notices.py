"""The benefit route's notices of a fortnight (issue 26): Kela's TT3 for a client on
labour-market subsidy, the fund's notice for a fund member, a draft report to the
employment authority when absences may lead to interrupting the service."""

import datetime
import io

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from clients.models import AccessLog
from placements.models import AbsenceNotice, Attendance
from placements.notices import fortnight_of, last_complete_fortnight
from plans.models import ClientBenefit
from tests.factories import CaseFactory, api_for
from tests.placements.test_attendance import FRIDAY, MONDAY, WEDNESDAY, place

START, END = fortnight_of(MONDAY)
FUND = "Yleinen työttömyyskassa YTK"


def page_url(world, start=START):
    return f"/tyotoiminta/yksikko/{world.site.pk}/ilmoitukset/?alkaen={start:%Y-%m-%d}"


def pdf_url(world):
    return f"/tyotoiminta/yksikko/{world.site.pk}/ilmoitukset.pdf?alkaen={START:%Y-%m-%d}"


def absent(placement, world, day, reason):
    Attendance.objects.create(
        placement=placement,
        day=day,
        status="absent",
        absence_reason=reason,
        recorded_by=world.pekka,
    )


def client_on(world, kind, **extra):
    case = CaseFactory(municipality=world.seinajoki, responsible_worker=world.alice)
    ClientBenefit.objects.create(
        case=case,
        kind=kind,
        start_on=START - datetime.timedelta(days=90),
        recorded_by=world.alice,
        **extra,
    )
    return place(world, case=case)


@pytest.fixture
def fortnight(world):
    """A site's fortnight: one client on labour-market subsidy, one fund member."""
    kela = client_on(world, "labour_market_subsidy")
    member = client_on(world, "earnings_related", fund=FUND)
    absent(kela, world, MONDAY, "own_sickness")
    absent(member, world, WEDNESDAY, "other")
    return kela, member


def pdf_pages(response) -> list[str]:
    reader = PdfReader(io.BytesIO(response.content))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_fortnights_are_two_weeks_from_a_monday_and_the_same_for_everyone():
    start, end = fortnight_of(WEDNESDAY)
    assert start.weekday() == 0 and (end - start).days == 13 and start <= WEDNESDAY <= end
    assert fortnight_of(end) == (start, end)
    assert fortnight_of(end + datetime.timedelta(days=1))[0] == end + datetime.timedelta(days=1)
    assert last_complete_fortnight(end + datetime.timedelta(days=1)) == (start, end)


def test_each_client_gets_the_notice_of_their_benefit(client, world, fortnight):
    kela, member = fortnight
    client.force_login(world.pekka)
    rows = client.get(page_url(world)).context["notices"]
    assert {(n.placement, n.kind, n.recipient) for n in rows} == {
        (kela, "kela_tt3", "Kela, PL 10, 00056 KELA"),
        (member, "fund", FUND),
    }
    assert all((n.end - n.start).days <= 13 for n in rows)


def test_the_batch_pdf_has_every_field_of_the_form_one_client_a_page(client, world, fortnight):
    kela, member = fortnight
    world.pekka.first_name, world.pekka.last_name = "Pekka", "Ohjaaja"
    world.pekka.save()
    client.force_login(world.pekka)
    pages = pdf_pages(client.get(pdf_url(world)))
    assert len(pages) == 2
    by_client = {
        p.case.client.hetu: text
        for p in (kela, member)
        for text in pages
        if p.case.client.hetu in text
    }
    tt3, fund = by_client[kela.case.client.hetu], by_client[member.case.client.hetu]
    person = kela.case.client
    for field in (
        "Ilmoitus poissaolosta",
        f"Sukunimi ja etunimet {person.last_name} {person.first_names}",
        f"Henkilötunnus {person.hetu}",
        "Etuus Työmarkkinatuki (Kela)",
        "Järjestäjä Seinäjoki",
        "Yhteyshenkilö",
        f"Ilmoitettavat päivät ajalta {START:%-d.%-m.%Y}–{END:%-d.%-m.%Y}",
        f"{MONDAY:%-d.%-m.%Y} Poissa Oma sairaus kyllä",
        "Lähettäjä Nimi Pekka Ohjaaja",
        "Päiväys",
        "Allekirjoitus",
        "Nimenselvennys Pekka Ohjaaja",
        "Kela, PL 10, 00056 KELA",
    ):
        assert field in tt3, field
    assert f"Työttömyyskassa {FUND}" in fund
    assert f"{WEDNESDAY:%-d.%-m.%Y} Poissa Muu tai selvittämätön syy ei" in fund
    assert "Kela, PL 10" not in fund


def test_absences_that_may_interrupt_the_service_draft_a_report_to_the_authority(
    client, world, fortnight
):
    kela, _member = fortnight
    for day in (WEDNESDAY, FRIDAY, MONDAY + datetime.timedelta(days=7)):
        if START <= day <= END:
            absent(kela, world, day, "other")
    client.force_login(world.pekka)
    kinds = [n.kind for n in client.get(page_url(world)).context["notices"] if n.placement == kela]
    unexplained = Attendance.objects.filter(placement=kela, absence_reason="other").count()
    assert ("employment_authority" in kinds) == (unexplained >= 3)


def test_marking_the_fortnight_sent_and_undoing_one(client, world, fortnight):
    client.force_login(world.pekka)
    url = f"/tyotoiminta/yksikko/{world.site.pk}/ilmoitukset/lahetetty/"
    assert client.post(url, {"alkaen": START.isoformat()}).status_code == 302
    assert AbsenceNotice.objects.filter(sent_on__isnull=False).count() == 2
    notice = AbsenceNotice.objects.get(kind="fund")
    assert client.post(f"/tyotoiminta/ilmoitukset/{notice.pk}/peru/").status_code == 302
    notice.refresh_from_db()
    assert notice.status == "draft" and notice.sent_by is None
    page = client.get(page_url(world)).content.decode()
    assert page.count("Lähettämättä") == 1 and page.count("Peru lähetys") == 1


def test_a_notice_longer_than_two_weeks_is_refused_by_the_database(world, fortnight):
    kela, _member = fortnight
    with pytest.raises(IntegrityError), transaction.atomic():
        AbsenceNotice.objects.create(
            placement=kela, period_start=START, period_end=START + datetime.timedelta(days=20)
        )


def test_other_sites_supervisor_gets_404_everywhere(client, world, fortnight):
    client.force_login(world.otto)
    assert client.get(page_url(world)).status_code == 404
    assert client.get(pdf_url(world)).status_code == 404
    url = f"/tyotoiminta/yksikko/{world.site.pk}/ilmoitukset/lahetetty/"
    assert client.post(url, {"alkaen": START.isoformat()}).status_code == 404
    client.force_login(world.pekka)
    client.post(url, {"alkaen": START.isoformat()})
    client.force_login(world.otto)
    notice = AbsenceNotice.objects.first()
    assert client.post(f"/tyotoiminta/ilmoitukset/{notice.pk}/peru/").status_code == 404
    assert AbsenceNotice.objects.filter(sent_on__isnull=True).count() == 0


def test_wrong_methods_are_refused(client, world):
    client.force_login(world.pekka)
    assert (
        client.get(f"/tyotoiminta/yksikko/{world.site.pk}/ilmoitukset/lahetetty/").status_code
        == 405
    )
    assert client.post(page_url(world)).status_code == 405


def test_the_page_logs_each_client_it_shows_once(client, world, fortnight):
    client.force_login(world.pekka)
    before = AccessLog.objects.count()
    client.get(page_url(world))
    logged = [row.client_id for row in AccessLog.objects.order_by("pk")[before:]]
    assert sorted(logged) == sorted(p.case.client_id for p in fortnight)


def test_the_page_reads_a_constant_number_of_queries(client, world):
    client.force_login(world.pekka)
    for _ in range(2):
        placement = client_on(world, "earnings_related", fund=FUND)
        absent(placement, world, MONDAY, "own_sickness")
    client.get(page_url(world))  # warm the session and caches
    with CaptureQueriesContext(connection) as small:
        client.get(page_url(world))
    for _ in range(6):
        placement = client_on(world, "labour_market_subsidy")
        absent(placement, world, MONDAY, "other")
    with CaptureQueriesContext(connection) as large:
        client.get(page_url(world))
    assert len(large) == len(small)


def test_the_api_lists_notices_with_client_kind_period_and_status(client, world, fortnight):
    kela, member = fortnight
    client.force_login(world.pekka)
    client.post(
        f"/tyotoiminta/yksikko/{world.site.pk}/ilmoitukset/lahetetty/",
        {"alkaen": START.isoformat()},
    )
    AbsenceNotice.objects.filter(kind="fund").update(sent_on=None, sent_by=None)
    body = api_for(world.pekka).get("/api/v1/absence-notices/").json()
    rows = {row["client"]: row for row in body["results"]}
    assert rows[kela.case.client_id]["kind"] == "kela_tt3"
    assert rows[kela.case.client_id]["status"] == "sent"
    assert rows[member.case.client_id]["kind"] == "fund"
    assert rows[member.case.client_id]["status"] == "draft"
    assert rows[member.case.client_id]["period_start"] == START.isoformat()
    assert rows[member.case.client_id]["period_end"] == END.isoformat()
    notice = AbsenceNotice.objects.get(kind="fund")
    assert api_for(world.otto).get(f"/api/v1/absence-notices/{notice.pk}/").status_code == 404
    assert api_for(world.otto).get("/api/v1/absence-notices/").json()["results"] == []
