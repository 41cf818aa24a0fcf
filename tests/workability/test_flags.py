"""The integration criteria: rules as data with the region's thresholds; a flag says
which rules fired and when, reaches the responsible worker's to-do list and the
regional report without revealing small numbers."""

import datetime

import lxml.html
import pytest
from django.utils import timezone

from clients.models import AccessLog, DisclosureLog
from followup.models import CapacityAssessment, CapacityDomain, CapacityScore
from placements.models import Attendance
from tests.followup.conftest import placed  # noqa: F401 - the placed case
from workability.flags import ensure_default_rules
from workability.models import IntegrationFlag, IntegrationRule

TODAY = timezone.localdate()


@pytest.fixture
def struggling(world, placed):  # noqa: F811
    """Maija: three sick days in the last 8 weeks, a self-assessment domain at 2."""
    ensure_default_rules()
    for days_ago in (3, 10, 20):
        Attendance.objects.create(
            placement=placed,
            day=TODAY - datetime.timedelta(days=days_ago),
            status="absent",
            absence_reason="own_sickness",
            recorded_by=world.pekka,
        )
    assessment = CapacityAssessment.objects.create(
        case=world.case, assessed_on=TODAY, phase="start", recorded_by=world.alice
    )
    CapacityScore.objects.create(
        assessment=assessment, domain=CapacityDomain.objects.first(), score=2
    )
    return world.case.client


def evaluate(client, user, patient):
    client.force_login(user)
    return client.post(f"/tyokyky/asiakkaat/{patient.pk}/kriteerit/", follow=True)


def test_a_flag_names_the_rules_that_fired_and_when(client, world, struggling):
    response = evaluate(client, world.alice, struggling)
    items = lxml.html.fromstring(response.content).xpath("//main//li/text()")
    day = f"{TODAY:%-d.%-m.%Y}"
    assert f"Terveysperusteisia poissaoloja viikoissa 3: 3 ({day})" in items
    assert f"Itsearvion osa-alue enintään 3: 2 ({day})" in items
    assert "Lähete tai konsultaatio työkykytiimiin" in response.content.decode()


def test_the_regions_own_threshold_overrides_the_default(client, world, struggling):
    IntegrationRule.objects.create(region=world.region, kind="health_absences", threshold=5)
    evaluate(client, world.alice, struggling)
    fired = {item["rule"] for item in IntegrationFlag.objects.get().fired}
    assert fired == {"capacity_low"}


def test_nothing_fires_for_a_client_without_signs(client, world):
    ensure_default_rules()
    response = evaluate(client, world.alice, world.case.client)
    assert "ei täytä alueen kriteerejä" in response.content.decode()
    assert not IntegrationFlag.objects.exists()


def test_another_municipalitys_worker_cannot_evaluate(client, world, struggling):
    before = AccessLog.objects.count()
    client.force_login(world.olli)
    response = client.post(f"/tyokyky/asiakkaat/{struggling.pk}/kriteerit/")
    assert response.status_code == 404
    assert AccessLog.objects.count() == before
    assert client.get(f"/tyokyky/asiakkaat/{struggling.pk}/kriteerit/").status_code in (404, 405)


def test_the_flagged_client_is_on_the_responsible_workers_todo(client, world, struggling):
    evaluate(client, world.alice, struggling)
    home = lxml.html.fromstring(client.get("/").content)
    todo = home.get_element_by_id("workability-todo-heading").getparent().text_content()
    assert "Tiiviimmän integraation kriteerit täyttyvät: Meikäläinen Maija" in todo
    assert "Ehdotus: Lähete tai konsultaatio työkykytiimiin" in todo


def _report_cells(client, world):
    from reports import rollups

    rollups.refresh_all()  # as on any installation after its first night
    client.force_login(world.kaisa)
    page = lxml.html.fromstring(client.get("/raportit/alue/").content)
    heading = page.get_element_by_id("t-integration_flags")
    assert heading.text_content() == "Tiiviimmän integraation kriteerit täyttäneet asiakkaat"
    section = heading.getparent()
    return {
        " ".join(row.xpath("./th")[0].text_content().split()): row.xpath("./td")[0].text_content()
        for row in section.xpath(".//tbody/tr")
    }


def test_the_regional_report_counts_flags_without_small_numbers(client, world, struggling):
    evaluate(client, world.alice, struggling)
    cells = _report_cells(client, world)
    assert cells["Merkitty kaudella"] == "<5"
    assert cells["Kaudella: Itsearvion osa-alue enintään"] == "<5"


def test_the_social_worker_checks_and_refers_from_the_case_page(client, world, struggling):
    client.force_login(world.alice)
    page = lxml.html.fromstring(client.get(f"/asiakkuudet/{world.case.pk}/").content)
    buttons = page.xpath("//form[contains(@action, '/kriteerit/')]//button/text()")
    assert [b.strip() for b in buttons] == ["Tarkista tiiviimmän integraation kriteerit"]
    links = page.xpath("//a[contains(@href, '/tyokyky/')]/text()")
    assert "Lähete tai konsultaatio työkykytiimiin" in links


def test_the_employment_authority_sees_a_flag_only_as_a_party_of_the_path(
    client, world, shared_case, struggling, path
):
    evaluate(client, world.alice, struggling)
    flag = IntegrationFlag.objects.get()
    client.force_login(world.tero)
    before = DisclosureLog.objects.count()
    assert client.get(f"/tyokyky/kriteerit/{flag.pk}/").status_code == 200
    assert DisclosureLog.objects.count() == before + 1
    shared = world.case.client.consents.get(organization=world.te_office)
    shared.withdrawn_at = timezone.now()
    shared.save()
    assert client.get(f"/tyokyky/kriteerit/{flag.pk}/").status_code == 404
