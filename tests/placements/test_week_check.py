"""The week save's check in SQL (placements.services.WEEK_CHECK_SQL) gives exactly what the
law's rules give counted by hand: the calendar weeks of the save with more present days
than the decision allows, and the first day, from the save's first day on, whose 12-month
window (law.window_start) holds more than the limit. Marks of the case's other placements
count; absences and days off do not. Issue 15 rewrote the statement for speed (a day's
Monday by date arithmetic, windows only for a case over the limit in the whole span)."""

import datetime

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import law
from placements.models import Attendance
from placements.services import _SavedPlacement, week_and_limit_breaches
from tests.placements.test_attendance import place

BASE = datetime.date(2026, 6, 1)  # a Monday
offsets = st.integers(min_value=-420, max_value=400)


def saved(placement, allowed: int) -> _SavedPlacement:
    return _SavedPlacement(
        pk=placement.pk,
        client_name=placement.client_name,
        start_on=placement.start_on,
        end_on=placement.end_on,
        weekdays=placement.weekdays,
        case_id=placement.case_id,
        client_id=placement.case.client_id,
        decision_weekdays=list(range(1, allowed + 1)),
    )


def by_hand(present: set[datetime.date], days: list[datetime.date], allowed: int, limit: int):
    weeks = []
    for monday in sorted({day - datetime.timedelta(days=day.weekday()) for day in days}):
        count = sum(monday <= day <= monday + datetime.timedelta(days=6) for day in present)
        if count > allowed:
            weeks.append((monday, count))
    first, last = min(days), max(days)
    over = None
    for day in sorted(present):
        in_reach = first <= day <= last + datetime.timedelta(days=366)
        if in_reach and sum(law.window_start(day) <= d <= day for d in present) > limit:
            over = day
            break
    return weeks, over


@pytest.fixture
def two_placements(world):
    """One case placed twice (two decisions), and another case with marks of its own."""
    first = place(world)
    # the same client's earlier placement, on a decision that ended before this one's
    earlier = first.decision.start_on - datetime.timedelta(days=1)
    second = place(world, case=first.case, start=earlier - datetime.timedelta(days=90), end=earlier)
    stranger = place(world)
    return first, second, stranger


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.sets(offsets, max_size=220),
    st.sets(offsets, max_size=40),
    st.sets(offsets, max_size=60),
    st.lists(st.integers(min_value=0, max_value=20), min_size=1, max_size=6),
    st.integers(min_value=1, max_value=5),
    st.integers(min_value=1, max_value=200),
)
def test_the_week_check_counts_as_the_law_does_by_hand(
    world, two_placements, present_first, present_second, absent, save, allowed, limit
):
    first, second, stranger = two_placements
    days = sorted({BASE + datetime.timedelta(days=n) for n in save})
    present = {BASE + datetime.timedelta(days=n) for n in present_first} | set(days)
    also = {BASE + datetime.timedelta(days=n) for n in present_second}
    off = {BASE + datetime.timedelta(days=n) for n in absent} - present - also
    marks = [
        *(Attendance(placement=first, day=d, status="present", hours=4) for d in present),
        *(Attendance(placement=second, day=d, status="present", hours=4) for d in also),
        *(Attendance(placement=first, day=d, status="absent", absence_reason="other") for d in off),
        # another client's days never count for this one
        *(Attendance(placement=stranger, day=d, status="present", hours=4) for d in off),
    ]
    with transaction.atomic():
        Attendance.objects.bulk_create(
            [m for m in marks if not setattr(m, "recorded_by", world.pekka)]
        )
        weeks, over = week_and_limit_breaches([saved(first, allowed)], days, limit)
        transaction.set_rollback(True)
    expected_weeks, expected_over = by_hand(present | also, days, allowed, limit)
    assert weeks.get(first.pk, []) == expected_weeks
    assert over.get(first.pk) == expected_over


@pytest.mark.django_db
def test_a_crowded_case_beside_a_light_one(world, two_placements):
    """Two cases in one check, one over the limit in the span and one under it (the
    windows are counted for the first only): the light one is never refused, the crowded
    one is, on its 4th day in a year."""
    first, _second, light = two_placements
    crowded_days = [BASE - datetime.timedelta(days=n) for n in (300, 200, 100)]
    for day in [*crowded_days, BASE]:
        Attendance.objects.create(
            placement=first, day=day, status="present", hours=4, recorded_by=world.pekka
        )
    Attendance.objects.create(
        placement=light, day=BASE, status="present", hours=4, recorded_by=world.pekka
    )
    weeks, over = week_and_limit_breaches([saved(first, 3), saved(light, 3)], [BASE], 3)
    assert weeks == {}
    assert over == {first.pk: BASE}


@pytest.mark.django_db
def test_the_week_saves_locked_read_is_the_placement_gate(world):
    """The week save reads its placements in one plain statement (SAVED_PLACEMENTS_SQL),
    and the site and placement gates filter on the same SQL (SUPERVISED_SITE_IDS_SQL).
    For every user and site all three select exactly what the rule says, written here in
    the ORM as the gates were before that SQL: a supervisor membership's own sites only,
    live decisions only, nothing for the other roles (a social worker's membership naming
    the site included)."""
    from accounts.models import Membership, Role, Site, User
    from decisions.models import LIVE_STATUSES, Decision
    from placements.models import Placement
    from placements.services import saved_placements

    here = [place(world), place(world)]
    there = place(world, site=world.other_site)
    replaced = place(world)
    Decision.objects.filter(pk=replaced.decision_id).update(status="replaced")
    # a social worker's membership naming the site gives no supervisor's access
    Membership.objects.get(user=world.alice).sites.add(world.site)
    ids = [p.pk for p in [*here, there, replaced]]
    compared = {}
    for user in User.objects.all():
        for site in Site.objects.all():
            with transaction.atomic():
                read = set(saved_placements(user, site, ids))
            rule = set(
                Placement.objects.filter(
                    site__memberships__user=user,
                    site__memberships__role=Role.SUPERVISOR,
                    decision__status__in=LIVE_STATUSES,
                    site=site,
                    pk__in=ids,
                ).values_list("pk", flat=True)
            )
            gate = set(
                Placement.objects.supervised_by(user)
                .filter(site=site, pk__in=ids)
                .values_list("pk", flat=True)
            )
            assert read == gate == rule, (user.username, site.name)
            compared[user.username, site.name] = read
        supervised = Site.objects.filter(
            memberships__user=user, memberships__role=Role.SUPERVISOR
        ).distinct()
        assert list(Site.objects.supervised_by(user)) == list(supervised), user.username
    assert compared["pekka", "Pajuluoma"] == {p.pk for p in here}
    assert compared["otto", "Toivo"] == {there.pk}
    assert compared["pekka", "Toivo"] == compared["alice", "Pajuluoma"] == set()
    assert Role.SUPERVISOR == "supervisor"  # the literal in SUPERVISED_SITE_IDS_SQL
