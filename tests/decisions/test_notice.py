from clients.models import DisclosureLog
from decisions import services as decision_services
from placements import services
from placements.models import Placement


def send(world, made):
    return services.placement_notice_send(
        user=world.alice,
        decision=made,
        goals="Päivärytmi ja työelämätaidot.",
        client_info="Puhuu suomea; ei nostoja yli 10 kg.",
        contacts="Alice, 040 123",
    )


def test_notice_creates_the_placement_and_logs_the_disclosure(world, made):
    placement = send(world, made)
    assert placement.site == world.site
    assert placement.weekdays == [1, 3, 5]
    disclosure = DisclosureLog.objects.get(client=made.case.client)
    assert disclosure.recipient == world.provider


def test_supervisor_of_the_site_sees_the_notice_and_nothing_else(client, world, made):
    placement = send(world, made)
    client.force_login(world.pekka)
    page = client.get(f"/tyotoiminta/{placement.pk}/").content.decode()
    # one name order for clients: surname first (issue 27, item 10)
    assert "Meikäläinen Maija" in page and "ei nostoja yli 10 kg" in page
    assert made.case.client.hetu not in page
    assert "Aktivointisuunnitelma" not in page
    assert client.get(f"/asiakkuudet/{made.case_id}/").status_code == 404
    assert client.get(f"/asiakkuudet/{made.case_id}/paatokset/{made.pk}/").status_code == 404
    pdf = client.get(f"/tyotoiminta/{placement.pk}/ilmoitus.pdf")
    assert pdf["Content-Type"] == "application/pdf"


def test_supervisor_of_another_site_gets_404(client, world, made):
    placement = send(world, made)
    client.force_login(world.otto)
    assert client.get(f"/tyotoiminta/{placement.pk}/").status_code == 404
    assert client.get(f"/tyotoiminta/{placement.pk}/ilmoitus.pdf").status_code == 404


def test_notice_is_sent_once(client, world, made):
    send(world, made)
    client.force_login(world.alice)
    response = client.post(
        f"/asiakkuudet/{made.case_id}/paatokset/{made.pk}/ilmoitus/",
        {"goals": "x", "contacts": "y"},
    )
    assert "Ilmoitus on jo lähetetty" in response.content.decode()
    assert Placement.objects.count() == 1


def test_replaced_decisions_placement_leaves_the_supervisor(client, world, made):
    placement = services.placement_notice_send(
        user=world.alice, decision=made, goals="x", client_info="", contacts="y"
    )
    replacement = decision_services.decision_replace(user=world.alice, decision=made)
    replacement.schedule_difference_reason = "Muutos"
    replacement.hours_per_day = 5
    replacement.save()
    decision_services.decision_make(user=world.alice, decision=replacement)
    client.force_login(world.pekka)
    assert client.get(f"/tyotoiminta/{placement.pk}/").status_code == 404
