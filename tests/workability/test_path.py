"""The work-ability path: the shared plan across registrars, seen only with consent, every
crossing in the disclosure log."""

import datetime

import lxml.html
import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from clients.models import AccessLog, DisclosureLog
from workability import services
from workability.models import SupportPath

TODAY = timezone.localdate()


def page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    return response, lxml.html.fromstring(response.content)


def test_the_team_sees_the_shared_plan_with_each_part_labelled(client, world, path):
    services.action_add(
        actor=world.hanna,
        path=path,
        description="Lääkärin B-lausunto",
        owner=world.team,
        due_on=TODAY,
    )
    response, soup = page(client, world.hanna, f"/tyokyky/{path.pk}/")
    assert response.status_code == 200
    parts = [
        " ".join(h.text_content().split())
        for h in soup.xpath("//section[contains(@class, 'plan-part')]/h3")
    ]
    assert "Työkyvyn tuen suunnitelma Kirjannut: Työkykytiimi" in parts
    assert (
        soup.get_element_by_id("responsible-worker")
        .text_content()
        .strip()
        .startswith(world.alice.get_full_name())
    )


def test_every_crossing_is_one_disclosure_row(client, world, path):
    before = (AccessLog.objects.count(), DisclosureLog.objects.count())
    page(client, world.hanna, f"/tyokyky/{path.pk}/")
    rows = DisclosureLog.objects.order_by("pk")[before[1] :]
    assert AccessLog.objects.count() - before[0] == 1
    assert [(r.recipient, r.consent_id) for r in rows] == [(world.team, path.consent_id)]


def test_the_social_worker_reading_the_teams_part_is_a_disclosure_to_social_work(
    client, world, path
):
    before = DisclosureLog.objects.count()
    page(client, world.alice, f"/tyokyky/{path.pk}/")
    rows = list(DisclosureLog.objects.order_by("pk")[before:])
    assert [r.recipient for r in rows] == [world.seinajoki]


@pytest.mark.parametrize("persona", ["olli", "pekka", "kaisa", "paula", "otto"])
def test_a_party_without_consent_gets_404(client, world, path, persona):
    before = AccessLog.objects.count()
    response, _soup = page(client, getattr(world, persona), f"/tyokyky/{path.pk}/")
    assert response.status_code == 404
    assert AccessLog.objects.count() == before


def test_a_withdrawn_consent_takes_the_path_from_the_team_at_once(client, world, path):
    path.consent.withdrawn_at = timezone.now()
    path.consent.save()
    response, _soup = page(client, world.hanna, f"/tyokyky/{path.pk}/")
    assert response.status_code == 404
    response, soup = page(client, world.alice, f"/tyokyky/{path.pk}/")
    assert "Työkykytiimin osa ei näy" in soup.text_content()


def test_the_handover_keeps_the_current_worker_until_accepted(world, path):
    handover = services.handover_propose(
        actor=world.alice, path=path, to_worker=world.hanna, reason="Tiimi jatkaa"
    )
    path.refresh_from_db()
    assert path.responsible_worker == world.alice
    services.handover_accept(actor=world.hanna, handover=handover)
    path.refresh_from_db()
    assert (path.responsible_worker, path.responsible_organization) == (world.hanna, world.team)


def test_only_the_receiver_accepts(world, path):
    from django.core.exceptions import ValidationError

    handover = services.handover_propose(
        actor=world.alice, path=path, to_worker=world.hanna, reason="Tiimi jatkaa"
    )
    with pytest.raises(ValidationError, match="Vain vastaanottaja"):
        services.handover_accept(actor=world.sami, handover=handover)


def test_an_open_path_is_never_without_a_responsible_worker(world, path):
    with pytest.raises(IntegrityError), transaction.atomic():
        SupportPath.objects.filter(pk=path.pk).update(responsible_worker=None)


def test_the_path_ends_with_a_continuation_plan(client, world, team_path):
    client.force_login(world.hanna)
    response = client.post(
        f"/tyokyky/{team_path.pk}/paata/",
        {"ends_on": TODAY.isoformat(), "continuation": "", "continuation_plan": ""},
    )
    assert "Tämä kenttä vaaditaan" in lxml.html.fromstring(response.content).text_content()
    response = client.post(
        f"/tyokyky/{team_path.pk}/paata/",
        {
            "ends_on": TODAY.isoformat(),
            "continuation": "social_rehabilitation",
            "continuation_plan": "Sosiaalinen kuntoutus alkaa",
        },
    )
    assert response.status_code == 302
    team_path.refresh_from_db()
    assert (team_path.phase, team_path.ends_on) == ("ended", TODAY)


def test_a_handover_waiting_counts_working_days(world, path):
    handover = services.handover_propose(
        actor=world.alice, path=path, to_worker=world.hanna, reason="x"
    )
    monday = datetime.date(2026, 12, 7)
    handover.proposed_on = monday
    assert handover.waiting_days(monday + datetime.timedelta(days=7)) == 5


def test_the_case_timeline_shows_the_paths_milestones_not_the_teams_records(
    client, world, team_path
):
    services.contact_add(
        actor=world.hanna, path=team_path, kind="doctor", held_on=TODAY, outcome="Lausunto X"
    )
    client.force_login(world.alice)
    text = client.get(f"/asiakkuudet/{world.case.pk}/").content.decode()
    assert "Työkyvyn tuen tarve tunnistettu: Työtoiminnan ohjaajan havainnot" in text
    assert f"Vastuutyöntekijä: {world.hanna.get_full_name()}" in text
    assert "Lausunto X" not in text
