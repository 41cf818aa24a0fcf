from django.core.management import call_command

from accounts.models import Membership, Organization, Role, Site, User


def test_seed_demo_is_idempotent_and_has_every_role(db, capsys):
    call_command("seed_demo")
    counts = (Organization.objects.count(), Site.objects.count(), User.objects.count())
    call_command("seed_demo")
    assert (Organization.objects.count(), Site.objects.count(), User.objects.count()) == counts
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    assert Organization.objects.filter(kind="provider").count() >= 3
    assert Organization.objects.filter(name="Seinäjoki", municipality_code="743").exists()
    assert "sosiaalityo" in capsys.readouterr().out


def test_demo_login_works(client, db):
    call_command("seed_demo")
    response = client.post("/kirjaudu/", {"username": "ohjaaja", "password": "kuty-demo-2026"})
    assert response.status_code == 302


def test_demo_has_decisions_in_every_status_in_finnish_and_swedish(db):
    from decisions.models import Decision, DecisionStatus

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    statuses = set(Decision.objects.values_list("status", flat=True))
    assert statuses >= set(DecisionStatus.values) - {DecisionStatus.REPLACED}
    assert set(Decision.objects.values_list("language", flat=True)) == {"fi", "sv"}


def test_demo_supervisor_sees_placed_clients(client, db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    client.post("/kirjaudu/", {"username": "ohjaaja", "password": "kuty-demo-2026"})
    page = client.get("/").content.decode()
    assert "Peltoniemi Kari" in page  # surname first (issue 27, item 10)


def test_demo_has_follow_up_and_a_closed_case_for_every_next_path(db):
    from followup.models import CapacityAssessment, Closure, Evaluation, NextPath

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert set(Closure.objects.values_list("next_path", flat=True)) == set(NextPath.values)
    assert Evaluation.objects.filter(case__client__last_name="Peltoniemi").count() == 2
    assert CapacityAssessment.objects.filter(case__client__last_name="Peltoniemi").count() == 2


def test_demo_supervisor_keeps_pajuluomas_entry_not_kampus(client, db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    client.post("/kirjaudu/", {"username": "ohjaaja", "password": "kuty-demo-2026"})
    pajuluoma = Site.objects.get(name="Puutyöpaja Pajuluoma")
    kampus = Site.objects.get(name="Keittiö- ja kahvilapaja Kampus")
    assert client.get(f"/palveluhakemisto/{pajuluoma.pk}/muokkaa/").status_code == 200
    assert client.get(f"/palveluhakemisto/{kampus.pk}/muokkaa/").status_code == 404
    directory = client.get("/palveluhakemisto/").content.decode()
    assert "Tiedot päivitetty yli 6 kk sitten" in directory  # Ilmajoen puutarha
