"""Network meetings across organisations: only parties with the client's consent; the
agreed actions land on the owner organisation's to-do lists."""

import datetime

import lxml.html
from django.utils import timezone

from workability.models import PathMeeting

TODAY = timezone.localdate()


def meeting(client, user, path, organizations, owner):
    client.force_login(user)
    return client.post(
        f"/tyokyky/{path.pk}/verkostotapaaminen/",
        {
            "held_on": TODAY.isoformat(),
            "organizations": [o.pk for o in organizations],
            "participants": "Hanna, Alice, Maija",
            "summary": "Sovittiin jatkosta",
            "action": "Aktivointisuunnitelman tarkistus",
            "action_owner": owner.pk,
            "action_due_on": (TODAY + datetime.timedelta(days=3)).isoformat(),
        },
    )


def test_an_organisation_without_consent_cannot_be_invited(client, world, team_path):
    response = meeting(client, world.hanna, team_path, [world.te_office], world.team)
    text = lxml.html.fromstring(response.content).text_content()
    assert "Asiakas ei ole antanut suostumusta tietojen vaihtoon: Työllisyysalue" in text
    assert "laki 703/2023" in text
    assert not PathMeeting.objects.exists()


def test_the_agreed_action_is_on_the_owners_todo(client, world, shared_case, team_path):
    response = meeting(
        client, world.hanna, team_path, [world.te_office, world.seinajoki], world.seinajoki
    )
    assert response.status_code == 302
    client.force_login(world.sami)  # a colleague of the owner organisation
    home = lxml.html.fromstring(client.get("/").content)
    todo = home.get_element_by_id("workability-todo-heading").getparent().text_content()
    assert "Sovittu toimenpide: Meikäläinen Maija" in todo
    assert "Aktivointisuunnitelman tarkistus" in todo


def test_a_handover_not_accepted_in_time_reminds_both(client, world, path):
    from workability import services

    handover = services.handover_propose(
        actor=world.alice, path=path, to_worker=world.hanna, reason="Tiimi jatkaa"
    )
    handover.proposed_on = TODAY - datetime.timedelta(days=14)
    handover.save(update_fields=["proposed_on"])
    for user in (world.alice, world.hanna):
        client.force_login(user)
        home = lxml.html.fromstring(client.get("/").content)
        todo = home.get_element_by_id("workability-todo-heading").getparent().text_content()
        assert "Myöhässä" in todo
        assert "Meikäläinen Maija" in todo
