"""Reminders: each rule fires exactly once, on the right date, to the right person, and
closes when the matter is resolved. The clock is moved with time-machine."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext

from clients import services as client_services
from clients.models import AccessLog, CaseGrant, Consent
from core import law
from decisions import services as decision_services
from followup import reminders
from followup import services as followup_services
from followup.models import Reminder, ReminderDigest
from placements import services as placement_services
from placements.models import Attendance
from placements.notices import fortnight_of
from plans import services as plan_services
from plans.models import ActivationPlan, PlanState
from tests.decisions.conftest import PLAN_END
from tests.factories import CaseFactory, ConsentFactory, api_for
from tests.plans.conftest import COMPLETE, TODAY

HELSINKI = ZoneInfo("Europe/Helsinki")


def on(day: datetime.date):
    """The clock at 6 o'clock on that day (the sweep runs in the early morning)."""
    return time_machine.travel(
        datetime.datetime.combine(day, datetime.time(6), HELSINKI), tick=False
    )


def sweep_on(day: datetime.date):
    with on(day):
        return reminders.sweep()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def open_reminders(kind: str) -> list[Reminder]:
    return list(Reminder.objects.filter(kind=kind, status="open"))


def recipients(kind: str) -> set[str]:
    return {
        username
        for reminder in Reminder.objects.filter(kind=kind, status="open")
        for username in reminder.users.values_list("username", flat=True)
    }


def mark(placement, day, status="present", reason="", user=None):
    return Attendance.objects.create(
        placement=placement,
        day=day,
        status=status,
        hours=4 if status == "present" else None,
        absence_reason=reason,
        recorded_by=user or placement.notice_sent_by,
    )


def scheduled_days(placement, start, count):
    found, day = [], start
    while len(found) < count:
        if day.isoweekday() in placement.weekdays and law.is_working_day(day):
            found.append(day)
        day += datetime.timedelta(days=1)
    return found


# --- 1. the activation plan's assessment date (item 6) ---------------------------------


def test_plan_assessment_date_reminds_14_days_before_exactly_once(world, ready_case):
    due = COMPLETE["assessment_due_on"]
    sweep_on(due - datetime.timedelta(days=15))
    assert open_reminders("plan_assessment_soon") == []
    sweep_on(due - datetime.timedelta(days=14))
    sweep_on(due - datetime.timedelta(days=14))  # the same sweep again: nothing new
    [reminder] = open_reminders("plan_assessment_soon")
    assert reminder.due_on == due
    # the worker, and the TE officer who signed for the office (the case is shared)
    assert recipients("plan_assessment_soon") == {"alice", "tero"}


def test_plan_assessment_overdue_replaces_the_early_reminder(world, ready_case):
    due = COMPLETE["assessment_due_on"]
    sweep_on(due - datetime.timedelta(days=3))
    sweep_on(due + datetime.timedelta(days=1))
    assert Reminder.objects.get(kind="plan_assessment_soon").status == "resolved"
    assert [r.due_on for r in open_reminders("plan_assessment_overdue")] == [due]


def test_renewing_the_plan_closes_its_reminder_at_once(world, ready_case):
    due = COMPLETE["assessment_due_on"]
    sweep_on(due - datetime.timedelta(days=10))
    plan = ActivationPlan.objects.get(case=ready_case, state=PlanState.IN_FORCE)
    plan_services.activation_plan_renew(user=world.alice, plan=plan)
    assert Reminder.objects.get(kind="plan_assessment_soon").status == "resolved"


def test_a_review_of_the_plan_closes_the_assessment_reminder(world, ready_case):
    due = COMPLETE["assessment_due_on"]
    sweep_on(due - datetime.timedelta(days=10))
    with on(due - datetime.timedelta(days=9)):
        followup_services.review_record(
            user=world.alice,
            case=ready_case,
            kind="review",
            held_on=due - datetime.timedelta(days=9),
            participants="Asiakas, omatyöntekijä",
            agreed="Jatketaan",
        )
    assert Reminder.objects.get(kind="plan_assessment_soon").status == "resolved"


# --- 2. the decision period ending (renew the plan, 13 b §) ------------------------------


def test_period_ending_reminds_30_days_before_the_decision_ends(world, made):
    sweep_on(PLAN_END - datetime.timedelta(days=31))
    assert open_reminders("period_ending") == []
    sweep_on(PLAN_END - datetime.timedelta(days=30))
    [reminder] = open_reminders("period_ending")
    assert reminder.due_on == PLAN_END
    assert recipients("period_ending") == {"alice", "tero"}


def test_renewing_the_plan_resolves_the_period_ending(world, made):
    sweep_on(PLAN_END - datetime.timedelta(days=20))
    with on(PLAN_END - datetime.timedelta(days=19)):
        plan_services.activation_plan_renew(user=world.alice, plan=made.plan)
    assert Reminder.objects.get(kind="period_ending").status == "resolved"


# --- 3. the day limit ------------------------------------------------------------------


def test_a_client_at_the_near_limit_reminds_worker_and_supervisor(world, placed, settings):
    settings.KUTY_REMINDERS = {**settings.KUTY_REMINDERS, "day_limit_near": 3}
    worked = scheduled_days(placed, TODAY, 3)
    for day in worked[:2]:
        mark(placed, day)
    sweep_on(worked[2])
    assert open_reminders("day_limit_near") == []
    mark(placed, worked[2])
    sweep_on(worked[2] + datetime.timedelta(days=1))
    [reminder] = open_reminders("day_limit_near")
    assert reminder.detail == {"days": 3}
    assert recipients("day_limit_near") == {"alice", "pekka"}


def test_projected_limit_before_the_period_ends(world, placed, settings):
    settings.KUTY_DAY_LIMIT = 20
    sweep_on(TODAY)
    [reminder] = open_reminders("day_limit_projected")
    expected = law.limit_reached_on([], placement_services.planned_days(placed, TODAY), 20)
    assert reminder.detail == {"on": expected.isoformat()}
    assert reminder.due_on == placed.end_on
    assert recipients("day_limit_projected") == {"alice", "pekka"}


def test_no_projection_when_the_schedule_stays_under_the_limit(world, placed):
    sweep_on(TODAY)  # 3 days a week for six months is far below 178
    assert open_reminders("day_limit_projected") == []


# --- 4. plan review dates ----------------------------------------------------------------


def test_review_date_soon_then_overdue_then_closed_by_the_review(world):
    followup_services.review_record(
        user=world.alice,
        case=world.case,
        kind="review",
        held_on=TODAY,
        participants="x",
        agreed="y",
        next_review_on=days(20),
    )
    sweep_on(days(12))
    assert open_reminders("review_soon") == []
    sweep_on(days(13))
    assert [r.due_on for r in open_reminders("review_soon")] == [days(20)]
    sweep_on(days(21))
    assert [r.due_on for r in open_reminders("review_overdue")] == [days(20)]
    assert recipients("review_overdue") == {"alice"}
    with on(days(22)):
        followup_services.review_record(
            user=world.alice,
            case=world.case,
            kind="review",
            held_on=days(22),
            participants="x",
            agreed="z",
        )
    assert open_reminders("review_overdue") == []


# --- 5. unrecorded attendance ---------------------------------------------------------------


def test_unrecorded_days_remind_the_supervisor_after_three_working_days(world, placed):
    first = scheduled_days(placed, TODAY, 1)[0]
    sweep_on(first)
    assert open_reminders("attendance_unrecorded") == []
    three_later = first
    for _ in range(3):
        three_later = law.next_working_day(three_later + datetime.timedelta(days=1))
    sweep_on(three_later - datetime.timedelta(days=1))
    assert open_reminders("attendance_unrecorded") == []
    sweep_on(three_later)
    [reminder] = open_reminders("attendance_unrecorded")
    assert reminder.due_on == first
    assert recipients("attendance_unrecorded") == {"pekka"}  # not the social worker


def test_recording_the_day_closes_the_unrecorded_reminder(world, placed):
    first = scheduled_days(placed, TODAY, 1)[0]
    later = first + datetime.timedelta(days=7)
    sweep_on(later)
    assert open_reminders("attendance_unrecorded")
    with on(later):
        entries = [
            {"placement": placed.pk, "day": day, "status": "present", "hours": 4}
            for day in scheduled_days(placed, first, 10)
            if day <= later
        ]
        placement_services.attendance_record_week(
            user=world.pekka, site=world.site, entries=entries
        )
    assert open_reminders("attendance_unrecorded") == []


def test_a_week_saved_absent_closes_the_near_limit_reminder_after_the_commit(
    world, placed, settings, django_capture_on_commit_callbacks
):
    """The week save refreshes the social worker's rules after its commit, in the Celery
    worker (issue 15: in the request they were most of the save's time), through the one
    message core.hooks publishes for every later listener."""
    from core import hooks

    settings.KUTY_REMINDERS = {**settings.KUTY_REMINDERS, "day_limit_near": 3}
    worked = scheduled_days(placed, TODAY, 3)
    for day in worked:
        mark(placed, day)
    after = worked[2] + datetime.timedelta(days=1)
    sweep_on(after)
    assert open_reminders("day_limit_near")
    with on(after), django_capture_on_commit_callbacks() as callbacks:
        placement_services.attendance_record_week(
            user=world.pekka,
            site=world.site,
            entries=[
                {
                    "placement": placed.pk,
                    "day": worked[0],
                    "status": "absent",
                    "absence_reason": "own_sickness",
                }
            ],
        )
    # one callback for the report rollups and the reminders alike, not run in the request
    assert [c.__module__ for c in callbacks] == ["core.hooks"]
    assert open_reminders("day_limit_near")
    with on(after):
        hooks.matter_changed_later.apply(args=[[placed.case_id], "attendance"])
    assert open_reminders("day_limit_near") == []


def test_a_refresh_with_no_open_reminder_of_its_rules_is_one_query(
    world, placed, django_assert_num_queries
):
    """Most saves find nothing open to close: one look at the open reminders, not the
    clock, the rule's SQL and the close (issue 15: ~1.3 ms of each week save)."""
    for day in scheduled_days(placed, TODAY, 2):
        mark(placed, day)
    Reminder.objects.create(  # open, but of a rule the attendance topic does not read
        kind="consent_expiring", case=placed.case, due_on=TODAY, status="open"
    )
    with django_assert_num_queries(1):
        assert reminders.refresh([placed.case_id], "attendance") == 0
    with django_assert_num_queries(1):
        assert reminders.refresh_later([placed.case_id], "attendance") == 0


# --- 6. unexplained absences and Kela's absence notice -------------------------------------


def test_three_unexplained_absences_in_a_row_remind_the_worker(world, placed):
    worked = scheduled_days(placed, TODAY, 4)
    mark(placed, worked[0], "absent", "other")
    mark(placed, worked[1], "absent", "other")
    mark(placed, worked[2], "absent", "own_sickness")  # explained: breaks the row
    mark(placed, worked[3], "absent", "other")
    sweep_on(worked[3])
    assert open_reminders("absences_in_row") == []
    more = scheduled_days(placed, worked[3] + datetime.timedelta(days=1), 2)
    for day in more:
        mark(placed, day, "absent", "other")
    sweep_on(more[-1])
    [reminder] = open_reminders("absences_in_row")
    assert reminder.due_on == more[-1]
    assert recipients("absences_in_row") == {"alice"}


def test_absence_notice_due_when_its_fortnight_ends_and_closed_when_sent(world, placed):
    _start, end = fortnight_of(TODAY)  # the same fortnight for every client of the site
    sweep_on(end)
    assert open_reminders("tt3_due") == []
    sweep_on(end + datetime.timedelta(days=1))
    [reminder] = open_reminders("tt3_due")
    assert reminder.due_on == end
    assert recipients("tt3_due") == {"pekka"}
    with on(end + datetime.timedelta(days=1)):
        placement_services.tt3_mark_sent(user=world.pekka, placement=placed, start=TODAY, end=end)
    assert open_reminders("tt3_due") == []


# --- 7. decisions, consents and grants ---------------------------------------------------


def test_a_made_decision_not_notified_in_seven_days(world, made):
    sweep_on(days(6))
    assert open_reminders("decision_not_notified") == []
    sweep_on(days(7))
    assert recipients("decision_not_notified") == {"alice"}
    with on(days(7)):
        decision_services.decision_notify(
            user=world.alice, decision=made, method="handed_over", sent_on=days(7)
        )
    assert open_reminders("decision_not_notified") == []


def test_a_consent_expiring_within_30_days(world):
    ConsentFactory(client=world.case.client, organization=world.te_office, expires_on=days(40))
    sweep_on(days(9))
    assert open_reminders("consent_expiring") == []
    sweep_on(days(10))
    assert [r.due_on for r in open_reminders("consent_expiring")] == [days(40)]
    assert recipients("consent_expiring") == {"alice"}
    consent = Consent.objects.get(client=world.case.client)
    with on(days(11)):
        client_services.consent_withdraw(user=world.alice, consent=consent)
    assert open_reminders("consent_expiring") == []


def test_a_substitute_grant_ending_within_7_days_reminds_both(world):
    CaseGrant.objects.create(
        case=world.case,
        user=world.sami,
        reason="Loma",
        starts_on=TODAY,
        ends_on=days(20),
        granted_by=world.alice,
    )
    sweep_on(days(12))
    assert open_reminders("grant_ending") == []
    sweep_on(days(13))
    assert recipients("grant_ending") == {"alice", "sami"}


# --- 8. the case itself ----------------------------------------------------------------------


def test_assessment_late_after_three_months_closed_by_completing_it(world):
    deadline = law.assessment_deadline(world.case.opened_on)
    sweep_on(deadline)
    assert world.case.pk not in [r.case_id for r in open_reminders("assessment_late")]
    sweep_on(deadline + datetime.timedelta(days=1))
    [reminder] = [r for r in open_reminders("assessment_late") if r.case_id == world.case.pk]
    assert reminder.due_on == deadline
    assert set(reminder.users.values_list("username", flat=True)) == {"alice"}
    with on(deadline + datetime.timedelta(days=2)):
        plan_services.assessment_record(
            user=world.alice,
            case=world.case,
            started_on=TODAY,
            completed_on=deadline + datetime.timedelta(days=2),
            summary="Valmis",
        )
    assert world.case.pk not in [r.case_id for r in open_reminders("assessment_late")]


def test_a_case_whose_worker_left_goes_to_the_organisers_social_workers(world):
    world.alice.is_active = False
    world.alice.save(update_fields=["is_active"])
    sweep_on(TODAY)
    assert recipients("no_responsible_worker") == {"sami"}  # not olli of Lapua
    client_services.case_change_worker(user=world.sami, case=world.case, worker=world.sami)
    assert open_reminders("no_responsible_worker") == []


def test_an_open_case_with_nothing_recorded_for_60_days(world):
    sweep_on(days(59))
    assert world.case.pk not in [r.case_id for r in open_reminders("case_idle")]
    sweep_on(days(60))
    mine = [r for r in open_reminders("case_idle") if r.case_id == world.case.pk]
    assert [r.due_on for r in mine] == [days(60)]
    with on(days(61)):
        client_services.meeting_record(
            user=world.alice,
            case=world.case,
            kind="network_meeting",
            held_on=days(61),
            participants="Asiakas",
            summary="x",
        )
    assert world.case.pk not in [r.case_id for r in open_reminders("case_idle")]


def test_a_closed_case_leaves_no_open_reminder(world):
    sweep_on(days(60))
    assert Reminder.objects.filter(case=world.case, status="open").exists()
    world.case.closed_on = TODAY
    world.case.phase = "closed"
    world.case.save(update_fields=["closed_on", "phase"])
    sweep_on(days(61))
    assert not Reminder.objects.filter(case=world.case, status="open").exists()


# --- recipients by the access rules -----------------------------------------------------


def test_withdrawn_consent_removes_the_officer_from_the_reminder(world, ready_case):
    due = COMPLETE["assessment_due_on"]
    sweep_on(due - datetime.timedelta(days=14))
    assert recipients("plan_assessment_soon") == {"alice", "tero"}
    consent = Consent.objects.get(client=ready_case.client, organization=world.te_office)
    client_services.consent_withdraw(user=world.alice, consent=consent)
    assert Reminder.objects.for_user(world.tero).count() == 0  # at once, by the scope
    sweep_on(due - datetime.timedelta(days=13))
    assert recipients("plan_assessment_soon") == {"alice"}


def test_outsiders_are_never_reminded_and_get_404(world, client):
    sweep_on(days(60))
    reminder = Reminder.objects.get(case=world.case, kind="case_idle")
    for outsider in (world.olli, world.otto, world.tero, world.kaisa, world.sami):
        assert not reminder.users.filter(pk=outsider.pk).exists()
        api = api_for(outsider)
        assert api.get(f"/api/v1/reminders/{reminder.pk}/").status_code == 404
        assert api.post(f"/api/v1/reminders/{reminder.pk}/done/").status_code == 404
        client.force_login(outsider)
        assert client.post(f"/muistutukset/{reminder.pk}/tehty/").status_code == 404
    reminder.refresh_from_db()
    assert reminder.status == "open"


# --- the sweep is set-based ----------------------------------------------------------------


def test_the_sweep_runs_the_same_number_of_queries_for_more_cases(world):
    def queries_of_sweep():
        with on(days(90)), CaptureQueriesContext(connection) as captured:
            reminders.sweep()
        return len(captured)

    few = queries_of_sweep()
    for _ in range(10):
        CaseFactory(municipality=world.seinajoki, responsible_worker=world.alice)
    assert queries_of_sweep() == few


# --- the to-do list, the header and one-click done / dismiss -------------------------------


def test_home_opens_on_the_to_do_list_overdue_first(world, client):
    followup_services.review_record(
        user=world.alice,
        case=world.case,
        kind="review",
        held_on=TODAY,
        participants="x",
        agreed="y",
        next_review_on=days(3),
    )
    with on(days(61)):
        reminders.sweep()
        client.force_login(world.alice)
        page = client.get("/").content.decode()
    todo = page[page.index('id="todo-heading"') :]
    assert todo.index("Suunnitelman tarkistus on myöhässä") < todo.index("pitkään aikaan")
    assert "Meikäläinen Maija" in todo
    # the review overdue and the case idle since the review; 36 § is not due yet
    assert 'id="reminder-count" class="count">2<' in page


def _open_reminders_for_alice(world, count: int, first: int = 0, case=None) -> None:
    from followup.models import ReminderRecipient

    for n in range(first, first + count):
        reminder = Reminder.objects.create(
            kind="case_idle", case=case or world.case, due_on=days(n)
        )
        ReminderRecipient.objects.create(reminder=reminder, user=world.alice, role="worker")


def test_home_asks_the_same_queries_for_a_short_or_a_long_to_do_list(world, client):
    from followup.todo import TODO_LIMIT

    client.force_login(world.alice)
    _open_reminders_for_alice(world, 2)
    reset_queries()  # a request's start empties the log: count from an empty one
    with CaptureQueriesContext(connection) as captured:
        client.get("/")
    few = len(captured)  # now: the context reads the log lazily
    _open_reminders_for_alice(world, TODO_LIMIT + 3, first=2)
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        page = client.get("/").content.decode()
    assert len(captured) == few
    assert page.count('class="todo-item') == TODO_LIMIT
    assert f"{TODO_LIMIT + 5} avointa muistutusta" in page
    assert f'id="reminder-count" class="count">{TODO_LIMIT + 5}<' in page


def test_to_do_list_leaves_out_reminders_of_cases_no_longer_in_scope(world, client):
    _open_reminders_for_alice(world, 1, case=world.other_case)  # Lapua's: not alice's
    client.force_login(world.alice)
    page = client.get("/").content.decode()
    assert "Ei avoimia muistutuksia." in page
    assert 'id="reminder-count" class="count" hidden>0<' in page


def test_done_in_one_click_with_htmx_updates_the_count(world, client):
    sweep_on(days(60))
    reminder = Reminder.objects.get(case=world.case, kind="case_idle")
    client.force_login(world.alice)
    before = AccessLog.objects.count()
    response = client.post(f"/muistutukset/{reminder.pk}/tehty/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Merkitty tehdyksi" in response.content.decode()
    assert 'hx-swap-oob="true" hidden' in response.content.decode()  # no open ones left
    reminder.refresh_from_db()
    assert (reminder.status, reminder.closed_by) == ("done", world.alice)
    assert AccessLog.objects.count() - before == 1


def test_dismiss_needs_a_reason(world, client):
    sweep_on(days(60))
    reminder = Reminder.objects.get(case=world.case, kind="case_idle")
    client.force_login(world.alice)
    refused = client.post(
        f"/muistutukset/{reminder.pk}/ohita/", {"reason": " "}, HTTP_HX_REQUEST="true"
    )
    assert refused.status_code == 400
    assert "Kerro, miksi muistutus ohitetaan" in refused.content.decode()
    client.post(f"/muistutukset/{reminder.pk}/ohita/", {"reason": "Asiakas sairaalassa"})
    reminder.refresh_from_db()
    assert (reminder.status, reminder.dismiss_reason) == ("dismissed", "Asiakas sairaalassa")


def test_a_dismissed_reminder_is_not_created_again(world):
    sweep_on(days(60))
    reminder = Reminder.objects.get(case=world.case, kind="case_idle")
    reminders.reminder_dismiss(user=world.alice, reminder=reminder, reason="Tiedossa")
    sweep_on(days(61))
    assert Reminder.objects.filter(case=world.case, kind="case_idle").count() == 1
    assert Reminder.objects.get(case=world.case, kind="case_idle").status == "dismissed"


def test_supervisor_home_shows_the_weeks_unrecorded_days(world, placed, client):
    first = scheduled_days(placed, TODAY + datetime.timedelta(days=7), 1)[0]
    with on(first):
        client.force_login(world.pekka)
        page = client.get("/").content.decode()
    assert "päivä kirjaamatta" in page or "päivää kirjaamatta" in page


# --- API ---------------------------------------------------------------------------------------


def test_api_lists_own_reminders_and_closes_them(world):
    sweep_on(days(60))
    api = api_for(world.alice)
    listed = api.get("/api/v1/reminders/").json()["results"]
    mine = [r for r in listed if r["case"] == world.case.pk and r["kind"] == "case_idle"]
    assert mine[0]["client_name"] == "Meikäläinen Maija"
    assert mine[0]["url"] == f"/asiakkuudet/{world.case.pk}/"
    refused = api.post(f"/api/v1/reminders/{mine[0]['id']}/dismiss/", {"reason": ""})
    assert refused.status_code == 400
    done = api.post(f"/api/v1/reminders/{mine[0]['id']}/done/")
    assert done.json()["status"] == "done"
    again = api.post(f"/api/v1/reminders/{mine[0]['id']}/done/")
    assert again.status_code == 400
    closed = api.get("/api/v1/reminders/?status=done").json()["results"]
    assert [r["id"] for r in closed] == [mine[0]["id"]]


# --- the digest ----------------------------------------------------------------------------------


def test_digest_once_a_day_in_the_users_language_without_client_data(world):
    world.alice.language = "sv"
    world.alice.save(update_fields=["language"])
    with on(days(60)):
        reminders.sweep()
        assert reminders.send_digests() >= 1
        reminders.sweep()
        assert reminders.send_digests() == 0
    [message] = [m for m in mail.outbox if m.to == [world.alice.email]]
    assert "påminnelse" in message.subject
    assert "Meikäläinen" not in message.body
    assert world.case.client.hetu not in message.body
    assert ReminderDigest.objects.filter(user=world.alice).count() == 1


def test_send_reminders_command(world, capsys):
    call_command("send_reminders", "--date", days(60).isoformat(), "--no-mail")
    assert "case_idle" in capsys.readouterr().out
    assert Reminder.objects.filter(case=world.case, kind="case_idle").count() == 1


@pytest.mark.parametrize("persona", ["kaisa", "paula"])
def test_roles_without_reminders_see_no_to_do_panel(world, client, persona):
    client.force_login(getattr(world, persona))
    assert 'id="todo-heading"' not in client.get("/").content.decode()
