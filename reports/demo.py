"""Demo data for the regional report: this year's earlier clients of the demo region.

The process demo (clients/demo.py …) has one client per phase, so every count of the
report would be "<5". These 60 earlier clients of Seinäjoki, Lapua and Kurikka (test
identities, individual numbers 900–999, recorded as such) were referred, assessed,
decided, placed and attended this year; half have closed. Idempotent: a client already
there is left as it is. Also a social-work lead of Seinäjoki (`johtaja`), who reads
Seinäjoki's report."""

from __future__ import annotations

import datetime

from django.utils import timezone

from accounts.demo import DEMO_PASSWORD
from accounts.models import Membership, Organization, Role, Site, User
from clients.demo import demo_hetu
from clients.models import Case, Client, IdentifierKind, Referral
from decisions.models import Decision, DecisionStatus
from followup.models import Closure
from placements.models import Attendance, Placement
from plans.models import Assessment

COUNT = 60
SOURCES = ["te_services", "adult_social_work", "typ", "kela", "te_services", "ohjaamo"]
REASONS = [
    ["life_management"],
    ["life_management", "capacity_assessment"],
    ["capacity_support"],
    ["working_life_rules", "life_management"],
]
CLOSURES = [
    ("period_ended", "education"),
    ("employment", "open_labour_market"),
    ("period_ended", "pay_subsidised_work"),
    ("health", "rehabilitation"),
    ("period_ended", "new_kuty_period"),
]
ABSENCES = ["own_sickness", "own_sickness", "agreed_leave", "child_sickness", "other"]


def seed() -> tuple[str, str]:
    today = timezone.localdate()
    lead, _created = User.objects.update_or_create(
        username="johtaja",
        defaults={
            "first_name": "Johanna",
            "last_name": "Johtaja",
            "email": "johtaja@demo.kuty.invalid",
        },
    )
    lead.set_password(DEMO_PASSWORD)
    lead.save(update_fields=["password"])
    seinajoki = Organization.objects.get(name="Seinäjoki", kind="municipality")
    Membership.objects.get_or_create(user=lead, organization=seinajoki, role=Role.SOCIAL_WORK_LEAD)
    towns = [
        (seinajoki, User.objects.get(username="sosiaalityo")),
        (
            Organization.objects.get(name="Lapua", kind="municipality"),
            User.objects.get(username="sosiaalityo.lapua"),
        ),
    ]
    sites = list(Site.objects.filter(active=True).order_by("pk"))
    year_start = today.replace(month=1, day=1)
    for i in range(COUNT):
        municipality, worker = towns[0] if i % 3 else towns[1]
        _client(i, municipality, worker, sites[i % len(sites)], year_start, today)
    return ("johtaja", f"{Role.SOCIAL_WORK_LEAD.label} / {seinajoki}")


def _client(i, municipality, worker, site, year_start, today) -> None:
    birth = datetime.date(1965 + i % 35, 1 + i % 12, 1 + i % 28)
    hetu = demo_hetu(birth, 950 + i % 50 if i % 2 else 900 + i % 50)
    if Client.objects.filter(registrar=municipality, hetu=hetu).exists():
        return
    client = Client.objects.create(
        registrar=municipality,
        hetu=hetu,
        identifier_kind=IdentifierKind.TEST,
        identifier_reason="Demoaineisto (raportit)",
        first_names="Tilasto",
        last_name=f"Asiakas {i + 1}",
        home_municipality=municipality,
        language="sv" if i % 9 == 0 else "fi",
    )
    days_in = max((today - year_start).days - 150, 1)
    opened = year_start + datetime.timedelta(days=i * 3 % days_in)
    closed = i % 2 == 0
    case = Case.objects.create(
        client=client,
        municipality=municipality,
        responsible_worker=worker,
        opened_on=opened,
        phase="in_service",
    )
    Referral.objects.create(
        case=case,
        initiated_on=opened,
        source=SOURCES[i % len(SOURCES)],
        reasons=REASONS[i % len(REASONS)],
        recorded_by=worker,
    )
    assessed = opened + datetime.timedelta(days=14 + i % 40)
    Assessment.objects.create(
        case=case,
        started_on=opened,
        completed_on=assessed,
        summary="Palvelutarve arvioitu.",
        recorded_by=worker,
    )
    decided = assessed + datetime.timedelta(days=10 + i % 20)
    start = decided + datetime.timedelta(days=7 + i % 10)
    end = start + datetime.timedelta(days=182)
    decision = Decision.objects.create(
        case=case,
        authority=municipality,
        status=DecisionStatus.ENDED if closed else DecisionStatus.IN_FORCE,
        decided_on=decided,
        decision_maker=worker,
        site=site,
        weekdays=[1, 3, 5] if i % 4 else [2, 4],
        hours_per_day=4,
        start_on=start,
        end_on=end,
        reasons="Aktivointisuunnitelmassa sovittu kuntouttavasta työtoiminnasta.",
        contact_person=worker,
        created_by=worker,
    )
    placement = Placement.objects.create(
        decision=decision,
        case=case,
        site=site,
        client_name=client.full_name,
        start_on=start,
        end_on=end,
        weekdays=decision.weekdays,
        hours_per_day=4,
        goals="Arjen rytmi ja työelämän taidot",
        contacts="Omatyöntekijä",
        notice_sent_on=decided,
        notice_sent_by=worker,
    )
    last = min(today - datetime.timedelta(days=1), end, start + datetime.timedelta(days=90))
    marks, day, n = [], start, 0
    while day <= last:
        if day.isoweekday() in decision.weekdays:
            n += 1
            if n % 9 == i % 9:
                marks.append(
                    Attendance(
                        placement=placement,
                        day=day,
                        status="absent",
                        absence_reason=ABSENCES[(i + n) % len(ABSENCES)],
                        recorded_by=worker,
                    )
                )
            else:
                marks.append(
                    Attendance(
                        placement=placement, day=day, status="present", hours=4, recorded_by=worker
                    )
                )
        day += datetime.timedelta(days=1)
    Attendance.objects.bulk_create(marks)
    if closed and last >= start:
        closed_on = last
        reason, path = CLOSURES[i % len(CLOSURES)]
        Case.objects.filter(pk=case.pk).update(closed_on=closed_on, phase="closed")
        Closure.objects.create(
            case=case,
            closed_on=closed_on,
            reason=reason,
            next_path=path,
            continuation_plan="Jatkosuunnitelma sovittu asiakkaan kanssa.",
            contact_person=worker.get_full_name() or worker.username,
            final_evaluation_done=True,
            self_assessment_done=True,
            recorded_by=worker,
        )
