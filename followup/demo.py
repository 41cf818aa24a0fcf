"""Demo follow-up: Peltoniemi followed through evaluations, two self-assessments and a
review; Ojala closed to education; and one closed case for each of the other next paths."""

import datetime

from django.utils import timezone

from accounts.models import Organization, User
from clients.demo import TEST_IDENTITY, demo_hetu
from clients.models import Case, Client, Phase
from placements.models import Placement

from . import services
from .defaults import ensure_defaults
from .models import (
    CapacityDomain,
    Closure,
    EvaluationForm,
    EvaluationItem,
    NextPath,
    Review,
)

FIRST_NAMES = ["Aino", "Eero", "Helmi", "Juho", "Kerttu", "Lauri", "Martta", "Niilo", "Oona"]


def seed() -> None:
    ensure_defaults(EvaluationForm, EvaluationItem, CapacityDomain)
    today = timezone.localdate()
    worker = User.objects.get(username="sosiaalityo")
    supervisor = User.objects.get(username="ohjaaja")
    _follow_up(today, worker, supervisor)
    _closures(today, worker)


def _follow_up(today, worker, supervisor) -> None:
    case = Case.objects.get(client__last_name="Peltoniemi")
    placement = Placement.objects.filter(case=case).first()
    if placement is None or case.evaluations.exists():
        return
    items = list(EvaluationForm.objects.get(active=True).items.all())
    domains = list(CapacityDomain.objects.filter(active=True))
    for days_ago, kind, author, role, base in (
        (40, "start", supervisor, "supervisor", 2),
        (10, "interim", worker, "together", 3),
    ):
        services.evaluation_record(
            user=author,
            case=case,
            placement=placement,
            kind=kind,
            evaluated_on=today - datetime.timedelta(days=days_ago),
            author_role=role,
            summary="Tulee ajallaan, oppii puutöiden perusteet." if base > 2 else "Alku jännitti.",
            scores={item.pk: (min(5, base + i % 2), "") for i, item in enumerate(items)},
        )
    for days_ago, phase, base in ((42, "start", 3), (8, "interim", 5)):
        services.capacity_assessment_record(
            user=supervisor,
            case=case,
            placement=placement,
            assessed_on=today - datetime.timedelta(days=days_ago),
            phase=phase,
            helped_by="Työtoiminnan ohjaaja",
            scores={d.pk: min(10, base + i) for i, d in enumerate(domains)},
        )
    Review.objects.create(
        case=case,
        kind="review",
        held_on=today - datetime.timedelta(days=9),
        participants="Asiakas, omatyöntekijä, työtoiminnan ohjaaja",
        agreed="Päivät pidennetään kuuteen tuntiin; tavoitteena puuseppäkoulutuksen haku.",
        next_review_on=today + datetime.timedelta(days=60),
        recorded_by=worker,
    )


def _closure(case: Case, worker: User, next_path: str, closed_on) -> None:
    closure = Closure.objects.create(
        case=case,
        closed_on=closed_on,
        reason="period_ended",
        next_path=next_path,
        continuation_plan="Jatkosuunnitelma sovittu asiakkaan kanssa.",
        contact_person=worker.get_full_name(),
        contact_details=worker.email,
        final_evaluation_done=True,
        self_assessment_done=True,
        client_plan_updated=True,
        employment_plan_updated=True,
        recorded_by=worker,
    )
    services.store_closure_pdf(closure)


def _closures(today, worker) -> None:
    ojala = Case.objects.filter(client__last_name="Ojala", closed_on__isnull=False).first()
    if ojala is not None and not hasattr(ojala, "closure"):
        _closure(ojala, worker, NextPath.EDUCATION, ojala.closed_on)
    seinajoki = Organization.objects.get(name="Seinäjoki", kind=Organization.Kind.MUNICIPALITY)
    others = [path for path in NextPath.values if path != NextPath.EDUCATION]
    for index, (path, first) in enumerate(zip(others, FIRST_NAMES, strict=True)):
        client, _created = Client.objects.update_or_create(
            registrar=seinajoki,
            hetu=demo_hetu(datetime.date(1970 + index, 3, 15), 920 + index),
            defaults={
                **TEST_IDENTITY,
                "first_names": first,
                "last_name": "Jatkopolku",
                "home_municipality": seinajoki,
            },
        )
        if client.cases.exists():
            continue
        opened = today - datetime.timedelta(days=400 + 10 * index)
        closed = today - datetime.timedelta(days=30 + index)
        case = Case.objects.create(
            client=client,
            municipality=seinajoki,
            responsible_worker=worker,
            opened_on=opened,
            closed_on=closed,
            phase=Phase.CLOSED,
        )
        _closure(case, worker, path, closed)
