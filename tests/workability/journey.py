"""A work-ability path with a record of every kind of the app (the export's journey,
the permission matrix's objects)."""

from django.utils import timezone

from tests.factories import ConsentFactory
from workability import services
from workability.flags import ensure_default_rules
from workability.models import IntegrationFlag

TODAY = timezone.localdate()


def every_kind(world, *, accept: bool = True) -> dict[str, int]:
    """Maija's path to hanna's team, with a record of each kind; hanna holds the client
    once she accepts alice's hand-over (`accept`)."""
    ensure_default_rules()
    consent = ConsentFactory(client=world.case.client, organization=world.team)
    path = services.path_open(
        actor=world.alice,
        client=world.case.client,
        team=world.team,
        consent=consent,
        recognised_by="social_work",
        recognised_on=TODAY,
        need="Kipua ja poissaoloja",
        referral_kind="referral",
    )
    handover = services.handover_propose(
        actor=world.alice, path=path, to_worker=world.hanna, reason="Tiimi jatkaa"
    )
    if accept:
        services.handover_accept(actor=world.hanna, handover=handover)
    action = services.action_add(
        actor=world.hanna, path=path, description="B-lausunto", owner=world.team, due_on=TODAY
    )
    services.service_add(actor=world.hanna, path=path, kind="physiotherapy", starts_on=TODAY)
    services.contact_add(actor=world.hanna, path=path, kind="doctor", held_on=TODAY, outcome="x")
    services.health_document_add(
        actor=world.hanna,
        path=path,
        kind="care_plan",
        dated_on=TODAY,
        made_by="Lääkäri",
        kept_in="Potilastietojärjestelmä",
    )
    services.meeting_record(
        actor=world.hanna,
        path=path,
        held_on=TODAY,
        organizations=[world.team, world.seinajoki],
        participants="Hanna, Alice, Maija",
        summary="Verkostotapaaminen",
        actions=[],
    )
    flag = IntegrationFlag.objects.create(
        client=world.case.client,
        fired=[{"rule": "repeated_period", "value": 2, "threshold": 2, "on": TODAY.isoformat()}],
        suggested="network_meeting",
        raised_by=world.alice,
    )
    return {
        "path": path.pk,
        "handover": handover.pk,
        "action": action.pk,
        "flag": flag.pk,
        "team_consent": consent.pk,
    }
