"""The case page's timeline iterates the record catalogue: every kind that draws one is
on it, each read through its own scope, so an actor sees only what its gates show."""

from clients.models import AccessLog
from core.access import Right
from core.records import catalogue
from tests.clients.test_export import journey  # noqa: F401 - the case through every phase
from tests.followup.conftest import placed  # noqa: F401 - journey's placement


def test_every_kind_that_draws_a_timeline_is_on_the_workers_case_page(client, world, journey):  # noqa: F811
    drawn = [kind for kind in catalogue if kind.timeline]
    for kind in drawn:
        records = kind.on_case(world.alice, (Right.WORK, Right.READ), journey)
        assert kind.timeline_of(records), kind.name
    client.force_login(world.alice)
    page = client.get(f"/asiakkuudet/{journey.pk}/").content.decode()
    for shown in (
        "Vireilletulo: Aikuissosiaalityö",  # referral
        "Hiottiin lautoja",  # the work diary of an attendance mark
        "Jatkopolku: Koulutus",  # closure
        "annettu tiedoksi",  # the decision's notification
        "Itsearvio: Alku",  # capacity self-assessment
        "allekirjoitti",  # the activation plan's signatures
    ):
        assert shown in page, shown


def test_the_authority_sees_only_the_plans_on_the_shared_case(client, world, journey):  # noqa: F811
    client.force_login(world.tero)
    before = AccessLog.objects.filter(client=journey.client).count()
    page = client.get(f"/asiakkuudet/{journey.pk}/").content.decode()
    assert "allekirjoitti" in page
    for hidden in ("Vireilletulo", "Hiottiin lautoja", "Jatkopolku", "Päätös", "Itsearvio"):
        assert hidden not in page, hidden
    assert AccessLog.objects.filter(client=journey.client).count() == before + 1
