"""Demo decisions in every status (Finnish and Swedish) and the notices they sent."""

from accounts.models import Site
from clients.models import Case
from decisions import services as decisions
from decisions.models import AllowanceRate, Decision, DecisionStatus
from decisions.rates import ensure_allowance_rates
from plans.models import PlanState

from . import services

# client's last name: the status the demo decision ends in
STATUSES = {
    "Hautala": DecisionStatus.DRAFT,
    "Sjöberg": DecisionStatus.MADE,
    "Rintala": DecisionStatus.NOTIFIED,
    "Peltoniemi": DecisionStatus.IN_FORCE,
    "Ojala": DecisionStatus.ENDED,
}


def seed() -> None:
    ensure_allowance_rates(AllowanceRate)
    site = Site.objects.get(name="Puutyöpaja Pajuluoma")
    for name, status in STATUSES.items():
        case = Case.objects.select_related("client", "responsible_worker").get(
            client__last_name=name
        )
        if case.decisions.exists():
            continue
        worker = case.responsible_worker
        plan = case.activation_plans.order_by("-version").first()
        closed_on = case.closed_on
        if closed_on:  # decided while the case was open
            Case.objects.filter(pk=case.pk).update(closed_on=None, phase="in_service")
        fields = {
            "site": site,
            "weekdays": [1, 3, 5],
            "hours_per_day": plan.hours_per_day,
            "start_on": plan.start_on,
            "end_on": plan.end_on,
            "travel_compensation": "Julkisen liikenteen kuukausilippu (Seinäjoen seutulippu)",
            "reasons": (
                "Asiakkaan kanssa laaditussa aktivointisuunnitelmassa on sovittu "
                "kuntouttavasta työtoiminnasta. Työkykytiimi suosittaa kolmea päivää "
                "viikossa. Laki kuntouttavasta työtoiminnasta 2, 3 ja 13 b §."
            ),
            "contact_person": worker,
            "contact_phone": "+358 6 416 0000",
        }
        coaches = [{"kind": "individual_coach", "name": "Ville Valmentaja", "hours": 20}]
        decision = decisions.decision_save_draft(user=worker, case=case, coaches=coaches, **fields)
        if status == DecisionStatus.DRAFT:
            continue
        original_state = plan.state
        if original_state == PlanState.ENDED:  # decided while the plan was in force
            type(plan).objects.filter(pk=plan.pk).update(state=PlanState.IN_FORCE)
        decision = decisions.decision_make(user=worker, decision=decision)
        type(plan).objects.filter(pk=plan.pk).update(state=original_state)
        if status == DecisionStatus.MADE:
            continue
        sent = decision.decided_on  # demo: notified the day it was made
        decisions.decision_notify(user=worker, decision=decision, method="post", sent_on=sent)
        services.placement_notice_send(
            user=worker,
            decision=decision,
            goals=plan.kuty_goal,
            client_info="Asiointikieli suomi. Ei raskaita nostoja (sovittu asiakkaan kanssa).",
            contacts=services.default_contacts(decision),
            sent_on=sent,
        )
        if status != DecisionStatus.NOTIFIED:
            Decision.objects.filter(pk=decision.pk).update(status=status)
        if closed_on:
            Case.objects.filter(pk=case.pk).update(closed_on=closed_on, phase="closed")


def seed_attendance() -> None:
    """Three weeks of marks for every demo placement, with absences of several kinds."""
    import datetime

    from django.utils import timezone

    from accounts.models import User

    from .models import Attendance, Placement

    supervisor = User.objects.get(username="ohjaaja")
    today = timezone.localdate()
    reasons = ["own_sickness", "employment", "agreed_leave", "other"]
    for placement in Placement.objects.visible_to(supervisor).select_related("site"):
        if Attendance.objects.filter(placement=placement).exists():
            continue
        start = max(placement.start_on, today - datetime.timedelta(days=21))
        closed = services.no_service_days(placement.site, start, today)
        entries, day, n = [], start, 0
        while day < today:
            if day.isoweekday() in placement.weekdays:
                n += 1
                if day in closed:
                    entries.append({"placement": placement.pk, "day": day, "status": "no_service"})
                elif n % 4 == 0:
                    entries.append(
                        {
                            "placement": placement.pk,
                            "day": day,
                            "status": "absent",
                            "absence_reason": reasons[(n // 4) % len(reasons)],
                        }
                    )
                else:
                    entries.append(
                        {
                            "placement": placement.pk,
                            "day": day,
                            "status": "present",
                            "hours": placement.hours_per_day,
                            "diary": "Puutöitä ohjatusti; keskittyminen hyvää.",
                        }
                    )
            day += datetime.timedelta(days=1)
        services.attendance_record_week(user=supervisor, site=placement.site, entries=entries)
