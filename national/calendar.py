"""A user's calendar as iCalendar (RFC 5545, the `icalendar` library): the review dates
and plan renewals of the cases the user works on, and the placement days of the clients
the user works with or supervises (a weekly rule to the placement's last day).

The feed is read by calendar programs without a login, so it names no client: an event
says what is due and links to the case or placement page, which asks for the login and
logs the access there."""

from __future__ import annotations

import datetime

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from clients.models import Case
from followup.models import Review
from placements.models import Placement
from plans.models import ActivationPlan, PlanState

BYDAY = {1: "MO", 2: "TU", 3: "WE", 4: "TH", 5: "FR", 6: "SA", 7: "SU"}
HORIZON = datetime.timedelta(days=60)  # events that ended longer ago are left out


def _event(uid: str, day: datetime.date, summary: str, path: str) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"{uid}@kuty")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))
    event.add("summary", summary)
    event.add("url", settings.KUTY_BASE_URL.rstrip("/") + path)
    event.add("transp", "TRANSPARENT")
    return event


def _reviews(cases, since: datetime.date):
    reviews = Review.objects.filter(case__in=cases, next_review_on__gte=since).order_by("pk")
    for review in reviews.only("pk", "case_id", "next_review_on"):
        path = reverse("clients:case_detail", args=[review.case_id])
        summary = _("Tarkistus: asiakkuus %(case)s") % {"case": review.case_id}
        yield _event(f"review-{review.pk}", review.next_review_on, summary, path)


def _renewals(cases, since: datetime.date):
    plans = ActivationPlan.objects.filter(case__in=cases, state=PlanState.IN_FORCE).order_by("pk")
    for plan in plans.only("pk", "case_id", "start_on", "length_months", "assessment_due_on"):
        day = plan.assessment_due_on or plan.end_on
        if day is None or day < since:
            continue
        path = reverse("clients:case_detail", args=[plan.case_id])
        summary = _("Suunnitelman uusiminen: asiakkuus %(case)s") % {"case": plan.case_id}
        yield _event(f"plan-{plan.pk}", day, summary, path)


def _placement_days(user: User, since: datetime.date):
    placements = (
        Placement.objects.visible_to(user)
        .filter(end_on__gte=since)
        .select_related("site")
        .order_by("pk")
    )
    for placement in placements:
        path = reverse("placements:placement_detail", args=[placement.pk])
        summary = _("Työtoimintapäivä: %(site)s (sijoitus %(placement)s)") % {
            "site": placement.site.name,
            "placement": placement.pk,
        }
        event = _event(f"placement-{placement.pk}", placement.start_on, summary, path)
        event.add(
            "rrule",
            {
                "freq": "weekly",
                "byday": [BYDAY[day] for day in sorted(placement.weekdays)],
                "until": placement.end_on,
            },
        )
        yield event


def feed(user: User) -> bytes:
    """The user's calendar: three queries whatever it holds."""
    since = timezone.localdate() - HORIZON
    cases = Case.objects.workable_by(user).values("pk")
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//kuty//kalenteri//FI")
    calendar.add("version", "2.0")
    name = user.get_full_name() or user.username
    calendar.add("x-wr-calname", _("Kuntouttava työtoiminta: %(name)s") % {"name": name})
    for events in (_reviews(cases, since), _renewals(cases, since), _placement_days(user, since)):
        for event in events:
            calendar.add_component(event)
    return calendar.to_ical()
