"""manage.py seed_scale: national-shaped data that the models' rules and the app accept."""

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import F
from stdnum.fi import hetu

from accounts.models import Organization, Site, User
from clients.models import AccessLog, Case, Client, Phase
from decisions.models import Decision
from followup.models import Closure, Evaluation
from placements.models import Attendance, Placement
from plans.models import ActivationPlan

CLIENTS = 400


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Seeded once for the module (issue 30: 400 clients per test took minutes each on a
    busy machine), in a transaction rolled back after its last test; each test runs in a
    savepoint inside it (as Django's setUpTestData)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_scale", clients=CLIENTS, stdout=open("/dev/null", "w"))  # noqa: SIM115
        yield
        transaction.set_rollback(True)


@pytest.fixture
def scale(seeded, db):
    """The seeded data, for one test (its writes undone after it)."""


def test_every_phase_across_20_organisers_in_3_regions_and_300_sites(scale):
    assert Client.objects.count() == CLIENTS
    assert set(Case.objects.values_list("phase", flat=True)) == set(Phase.values)
    assert Organization.objects.filter(kind="region").count() == 3
    assert Case.objects.values("municipality").distinct().count() == 20
    assert Site.objects.count() == 300
    assert User.objects.count() >= 1_900


def test_the_data_keeps_the_apps_invariants(scale):
    assert all(hetu.is_valid(h) for h in Client.objects.values_list("hetu", flat=True))
    assert not Case.objects.exclude(municipality=F("client__registrar")).exists()
    open_per_client = Case.objects.open().values("client").distinct().count()
    assert open_per_client == Case.objects.open().count()
    assert Case.objects.filter(previous__isnull=False).count() == CLIENTS // 7
    for placement in Placement.objects.select_related("decision")[:50]:
        days = placement.attendances.values_list("day", flat=True)
        assert all(placement.start_on <= day <= placement.end_on for day in days)
        assert all(day.isoweekday() in placement.decision.weekdays for day in days)


def test_follow_up_report_and_log_data_are_there(scale):
    closed = Case.objects.filter(phase=Phase.CLOSED)
    assert Closure.objects.count() == closed.count()
    assert Closure.objects.values("next_path").distinct().count() >= 5
    assert Evaluation.objects.filter(kind="final").exists()
    assert Case.objects.filter(referral__isnull=True).count() == 0
    assert AccessLog.objects.count() == CLIENTS * 10
    assert Attendance.objects.count() > CLIENTS * 30
    assert (
        Decision.objects.filter(status="in_force").count()
        == Placement.objects.filter(decision__status="in_force").count()
    )
    assert ActivationPlan.objects.filter(state="draft").exists()


def test_the_demo_users_can_work_on_the_data(scale, client):
    client.force_login(User.objects.get(username="te"))
    assert client.get("/suunnitelmat/allekirjoitettavat/").context["plans"]
    client.force_login(User.objects.get(username="sosiaalityo"))
    assert client.get("/asiakkuudet/").context["page"].paginator.count > 0


def test_it_refuses_a_database_with_clients(scale):
    with pytest.raises(CommandError, match="empty"):
        call_command("seed_scale", clients=CLIENTS)


def test_the_national_size_keeps_its_spread_and_small_sizes_give_the_demo_users_more():
    from kuty.scale import demo_share

    towns = list(range(20))
    national = demo_share(100_000, towns, towns[1], 15)
    assert national == {
        "seinajoki_every": 0,
        "seinajoki_t": 1,
        "worker_every": 22,
        "site_every": 15,
    }
    small = demo_share(1_000, towns, towns[1], 15)
    assert small["seinajoki_every"] >= 2  # other towns keep their clients


def test_the_demo_users_hold_a_share_at_a_small_size(scale):
    from django.utils import timezone

    today = timezone.localdate()
    own = Case.objects.open().filter(responsible_worker__username="sosiaalityo").count()
    placed = Placement.objects.filter(
        site__name="Puutyöpaja Pajuluoma", start_on__lte=today, end_on__gte=today
    ).count()
    assert own >= 30
    assert placed >= 10
