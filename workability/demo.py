"""Demo: Kari Peltoniemi, in kuty at Pajuluoma, is also on the work-ability path of
Seinäjoki's work-ability team (user `tyokyky`), which holds him after the social
worker's hand-over; the shared plan has a part of each registrar, and his many parallel
services flag him for tighter integration. Idempotent: a second run changes nothing."""

from __future__ import annotations

import datetime

from django.utils import timezone

from accounts.models import Organization, User
from clients.models import Case, Consent

from . import flags, services
from .models import SupportPath


def seed() -> None:
    flags.ensure_default_rules()
    case = Case.objects.select_related("client").get(client__last_name="Peltoniemi")
    client = case.client
    if SupportPath.objects.filter(client=client).exists():
        return
    today = timezone.localdate()
    worker = User.objects.get(username="sosiaalityo")
    nurse = User.objects.get(username="tyokyky")
    team = Organization.objects.get(kind=Organization.Kind.WORKABILITY_TEAM)
    consent, _created = Consent.objects.get_or_create(
        client=client,
        organization=team,
        defaults={
            "information": "Työ- ja toimintakykyä koskevat tiedot, suunnitelmat",
            "purpose": "Työkyvyn tuen yhteinen suunnitelma",
            "given_on": today - datetime.timedelta(days=40),
            "recorded_by": worker,
        },
    )
    path = services.path_open(
        actor=worker,
        client=client,
        team=team,
        consent=consent,
        recognised_by="supervisor",
        recognised_on=today - datetime.timedelta(days=35),
        need="Ohjaaja havaitsi toistuvia sairauspoissaoloja ja selkäkipua.",
        referral_kind="referral",
    )
    handover = services.handover_propose(
        actor=worker, path=path, to_worker=nurse, reason="Alkutapaaminen työkykytiimissä"
    )
    services.handover_accept(actor=nurse, handover=handover)
    _plan(path, nurse, team, today)
    flags.flags_evaluate(actor=worker, client=client, today=today)


def _plan(path, nurse, team, today) -> None:
    services.path_update(
        actor=nurse,
        path=path,
        phase="planning",
        initial_meeting_on=today - datetime.timedelta(days=28),
        own_account="Selkä kipeytyy pitkässä seisomisessa, muuten työpaja sujuu.",
        job_seeker_view="Haluaisin kevyempää työtä, esimerkiksi varastoon.",
        health_and_pain="Selkäkipu, uni huonoa.",
        economy="Toimeentulotuki, vuokrarästejä.",
        safety_net="Sisko asuu lähellä.",
        everyday_support="Apua asiointiin.",
        goals="Kipu hallintaan, työkyvyn arvio ja sopiva työ.",
    )
    for kind in ("kuty", "physiotherapy", "mental_health"):
        services.service_add(
            actor=nurse, path=path, kind=kind, starts_on=today - datetime.timedelta(days=20)
        )
    services.contact_add(
        actor=nurse,
        path=path,
        kind="doctor",
        held_on=today - datetime.timedelta(days=14),
        outcome="Lääkäri suosittaa fysioterapiaa ja B-lausuntoa.",
    )
    services.health_document_add(
        actor=nurse,
        path=path,
        kind="care_plan",
        dated_on=today - datetime.timedelta(days=14),
        made_by="Terveyskeskuslääkäri",
        kept_in="Terveydenhuollon potilastietojärjestelmä",
    )
    services.action_add(
        actor=nurse,
        path=path,
        description="B-lausunto Kelalle",
        owner=team,
        due_on=today + datetime.timedelta(days=10),
    )
    services.meeting_record(
        actor=nurse,
        path=path,
        held_on=today - datetime.timedelta(days=7),
        organizations=[team, path.client.registrar],
        participants="Kari Peltoniemi, terveydenhoitaja, sosiaalityöntekijä",
        summary="Sovittiin työkyvyn arvion etenemisestä ja kuty-jakson jatkosta.",
        actions=[
            {
                "description": "Aktivointisuunnitelman tarkistus",
                "owner": path.client.registrar,
                "due_on": today + datetime.timedelta(days=5),
            }
        ],
    )
