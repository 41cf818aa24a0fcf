import datetime

import pytest
from django.utils import timezone

from tests.factories import ConsentFactory
from workability import services
from workability.flags import ensure_default_rules

TODAY = timezone.localdate()


@pytest.fixture
def team_consent(world):
    """Maija's consent to exchange information with the work-ability team."""
    return ConsentFactory(client=world.case.client, organization=world.team)


@pytest.fixture
def path(world, team_consent):
    """alice recognised Maija's need and referred her to hanna's team, with consent."""
    ensure_default_rules()
    return services.path_open(
        actor=world.alice,
        client=world.case.client,
        team=world.team,
        consent=team_consent,
        recognised_by="supervisor",
        recognised_on=TODAY - datetime.timedelta(days=3),
        need="Paljon sairauspoissaoloja, kipua selässä.",
        referral_kind="referral",
    )


@pytest.fixture
def team_path(world, path):
    """The path after hanna accepted alice's hand-over: hanna holds the client."""
    handover = services.handover_propose(
        actor=world.alice, path=path, to_worker=world.hanna, reason="Alkutapaaminen pidetty"
    )
    services.handover_accept(actor=world.hanna, handover=handover)
    path.refresh_from_db()
    return path
