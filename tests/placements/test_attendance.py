"""The supervisor's attendance week: one submit for the whole group, all or nothing."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from decisions.models import Decision
from placements.models import Attendance, Placement
from placements.services import participation_counts
from tests.factories import CaseFactory

TODAY = timezone.localdate()
# a Monday two weeks back, and the Wednesday and Friday after it
MONDAY = TODAY - datetime.timedelta(days=TODAY.weekday() + 14)
WEDNESDAY, FRIDAY = MONDAY + datetime.timedelta(days=2), MONDAY + datetime.timedelta(days=4)


def place(world, case=None, weekdays=(1, 3, 5), site=None, start=None, end=None):
    case = case or CaseFactory(municipality=world.seinajoki, responsible_worker=world.alice)
    decision = Decision.objects.create(
        case=case,
        authority=world.seinajoki,
        status="made",
        decided_on=MONDAY,
        decision_maker=world.alice,
        site=site or world.site,
        weekdays=list(weekdays),
        hours_per_day=4,
        start_on=start or MONDAY - datetime.timedelta(days=60),
        end_on=end or MONDAY + datetime.timedelta(days=120),
        reasons="x",
        contact_person=world.alice,
        created_by=world.alice,
    )
    return Placement.objects.create(
        decision=decision,
        case=case,
        site=site or world.site,
        client_name=f"{case.client.first_names} {case.client.last_name}",
        start_on=decision.start_on,
        end_on=decision.end_on,
        weekdays=list(weekdays),
        hours_per_day=4,
        goals="x",
        contacts="y",
        notice_sent_on=MONDAY,
        notice_sent_by=world.alice,
    )


def week_post(placements, days=(MONDAY, WEDNESDAY, FRIDAY), **override):
    data = {"viikko": MONDAY.isoformat()}
    for placement in placements:
        for day in days:
            key = f"a-{placement.pk}-{day:%Y%m%d}"
            data[f"{key}-status"] = "present"
            data[f"{key}-hours"] = "4"
            data[f"{key}-diary"] = "Hiottiin tuoleja"
    data.update(override)
    return data


def url(world):
    return f"/tyotoiminta/yksikko/{world.site.pk}/viikko/?viikko={MONDAY.isoformat()}"


def test_whole_group_week_in_one_submit_and_again_without_duplicates(client, world):
    group = [place(world), place(world)]
    client.force_login(world.pekka)
    assert client.post(url(world), week_post(group)).status_code == 302
    assert client.post(url(world), week_post(group)).status_code == 302
    assert Attendance.objects.count() == 6
    assert set(Attendance.objects.values_list("diary", flat=True)) == {"Hiottiin tuoleja"}


def test_absence_needs_a_kela_reason(client, world):
    group = [place(world)]
    key = f"a-{group[0].pk}-{MONDAY:%Y%m%d}"
    client.force_login(world.pekka)
    response = client.post(url(world), week_post(group, **{f"{key}-status": "absent"}))
    assert "valitse poissaolon syy" in response.content.decode()
    assert not Attendance.objects.exists()
    client.post(
        url(world), week_post(group, **{f"{key}-status": "absent", f"{key}-reason": "own_sickness"})
    )
    assert Attendance.objects.get(day=MONDAY).absence_reason == "own_sickness"


@pytest.mark.parametrize(
    ("day", "status", "hours", "message"),
    [
        (TODAY + datetime.timedelta(days=7), "present", "4", "tulevaa päivää"),
        (MONDAY + datetime.timedelta(days=1), "present", "4", "ei ole aikataulussa"),
        (MONDAY, "present", "13", "tunnit ovat 0–12"),
        (MONDAY - datetime.timedelta(days=200), "present", "4", "ei ole työtoimintajaksolla"),
    ],
)
def test_bad_marks_are_refused_naming_client_and_day(client, world, day, status, hours, message):
    placement = place(world)
    key = f"a-{placement.pk}-{day:%Y%m%d}"
    client.force_login(world.pekka)
    response = client.post(
        url(world), {**week_post([placement]), f"{key}-status": status, f"{key}-hours": hours}
    )
    page = response.content.decode()
    assert message in page and placement.client_name in page
    assert not Attendance.objects.exists()  # nothing of that submit is saved


def test_a_public_holiday_is_no_service(client, world):
    import holidays

    holiday = next(d for d in sorted(holidays.Finland(years=TODAY.year)) if d < TODAY)
    placement = place(world, weekdays=(1, 2, 3, 4, 5, 6, 7)[:4])
    placement.weekdays = [holiday.isoweekday()]
    placement.start_on = holiday - datetime.timedelta(days=1)
    placement.save()
    key = f"a-{placement.pk}-{holiday:%Y%m%d}"
    client.force_login(world.pekka)
    response = client.post(
        url(world), {"viikko": MONDAY.isoformat(), f"{key}-status": "present", f"{key}-hours": "4"}
    )
    assert "toimintaa ei ollut" in response.content.decode()


def test_a_week_over_the_decisions_days_is_refused(client, world):
    placement = place(world, weekdays=(1, 3, 5))
    placement.weekdays = [1, 2, 3, 5]  # the placement drifted from the decision
    placement.save()
    client.force_login(world.pekka)
    days = (MONDAY, MONDAY + datetime.timedelta(days=1), WEDNESDAY, FRIDAY)
    response = client.post(url(world), week_post([placement], days=days))
    assert "päätös sallii 3 päivää viikossa" in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_day_beyond_the_limit_is_refused_and_counts_show(client, world, settings):
    settings.KUTY_DAY_LIMIT = 2
    placement = place(world)
    client.force_login(world.pekka)
    response = client.post(url(world), week_post([placement]), follow=True)
    assert "ylittäisi 2 osallistumispäivän rajan" in response.content.decode()
    assert sorted(Attendance.objects.values_list("day", flat=True)) == [MONDAY, WEDNESDAY]
    counts = participation_counts(placement)
    assert counts["days_in_12_months"] == 2
    assert counts["limit_reached_on"] is None or counts["limit_reached_on"] > TODAY


def test_projected_date_moves_when_days_are_recorded(client, world, settings):
    settings.KUTY_DAY_LIMIT = 10
    placement = place(world)
    before = participation_counts(placement)["limit_reached_on"]
    client.force_login(world.pekka)
    client.post(url(world), week_post([placement]))
    after = participation_counts(placement)["limit_reached_on"]
    assert after < before


def test_supervisor_of_another_site_gets_404(client, world):
    place(world)
    client.force_login(world.otto)
    assert client.get(url(world)).status_code == 404


def test_week_page_runs_constant_queries(client, world):
    client.force_login(world.pekka)
    for _ in range(3):
        place(world)
    with CaptureQueriesContext(connection) as few:
        client.get(url(world))
    for _ in range(27):
        place(world)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url(world))
    assert len(response.context["rows"]) == 30
    assert len(many) == len(few)


def test_a_declared_closure_day_is_no_service(client, world):
    placement = place(world)
    client.force_login(world.pekka)
    client.post(
        f"/tyotoiminta/yksikko/{world.site.pk}/sulkupaiva/",
        {"day": WEDNESDAY.isoformat(), "reason": "Inventaario"},
    )
    response = client.post(url(world), week_post([placement]))
    assert "toimintaa ei ollut (Inventaario)" in response.content.decode()


def test_supervisor_records_orientation_and_agreement(client, world):
    placement = place(world)
    client.force_login(world.pekka)
    client.post(
        f"/tyotoiminta/{placement.pk}/tiedot/",
        {
            "supervisor": world.pekka.pk,
            "orientation_on": MONDAY.isoformat(),
            "agreement_on": WEDNESDAY.isoformat(),
        },
    )
    placement.refresh_from_db()
    assert (placement.supervisor, placement.orientation_on) == (world.pekka, MONDAY)


def test_social_worker_sees_attendance_and_diary_on_the_case_timeline(client, world):
    placement = place(world, case=world.case)
    client.force_login(world.pekka)
    client.post(url(world), week_post([placement]))
    client.force_login(world.alice)
    page = client.get(f"/asiakkuudet/{world.case.pk}/").content.decode()
    assert "Hiottiin tuoleja" in page
    assert "3 osallistumispäivää 12 kuukaudessa" in page


def test_supervisor_gets_the_placement_details_form_and_the_worker_reads_them(client, world):
    placement = place(world)
    client.force_login(world.pekka)
    page = client.get(f"/tyotoiminta/{placement.pk}/").content.decode()
    assert 'name="orientation_on"' in page and 'name="agreement_on"' in page
    client.force_login(world.alice)
    page = client.get(f"/tyotoiminta/{placement.pk}/").content.decode()
    assert 'name="orientation_on"' not in page and "Tutustumiskäynti" in page


def test_week_page_title_is_plain_text_and_the_closure_form_appears_once(client, world):
    place(world)
    client.force_login(world.pekka)
    page = client.get(f"/tyotoiminta/yksikko/{world.site.pk}/viikko/").content.decode()
    title = page.split("<title>")[1].split("</title>")[0]
    assert "<" not in title and "csrf" not in title and world.site.name in title
    assert page.count("closure-heading") == 2  # the heading's id and the section's label


# Issue 14: the week as a compact grid whose unrecorded days are prefilled as scheduled.


def cell(page: str, placement, day) -> str:
    """The HTML of one client-day cell of the week page (a <details> per editable day)."""
    key = f"a-{placement.pk}-{day:%Y%m%d}"
    start = page.index(f'data-cell="{key}"')
    return page[page.rindex("<", 0, start) : page.index("</details>", start)]


def test_an_unrecorded_past_day_is_shown_and_posted_as_present_with_the_decisions_hours(
    client, world
):
    placement = place(world)
    client.force_login(world.pekka)
    shown = cell(client.get(url(world)).content.decode(), placement, MONDAY)
    assert 'value="present" checked' in shown and 'value="4,0"' in shown
    assert "4,0 h" in shown and "ei tallennettu" in shown  # the chip says what will be saved


def test_a_recorded_day_is_shown_as_recorded_and_cannot_be_unmarked(client, world):
    placement = place(world)
    client.force_login(world.pekka)
    key = f"a-{placement.pk}-{MONDAY:%Y%m%d}"
    client.post(
        url(world),
        week_post([placement], **{f"{key}-status": "absent", f"{key}-reason": "own_sickness"}),
    )
    shown = cell(client.get(url(world)).content.decode(), placement, MONDAY)
    assert 'value="absent" checked' in shown and "Poissa" in shown and "tallennettu" in shown
    assert "ei tallennettu" not in shown and "Jätä merkitsemättä" not in shown


def test_future_days_and_days_without_activity_are_text_not_inputs(client, world):
    placement = place(world, weekdays=(1, 2, 3, 4))
    client.force_login(world.pekka)
    client.post(
        f"/tyotoiminta/yksikko/{world.site.pk}/sulkupaiva/",
        {"day": WEDNESDAY.isoformat(), "reason": "Inventaario"},
    )
    this_monday = TODAY - datetime.timedelta(days=TODAY.weekday())
    page = client.get(url(world)).content.decode()
    assert f'name="a-{placement.pk}-{WEDNESDAY:%Y%m%d}-' not in page
    assert "Inventaario" in page
    page = client.get(f"{url(world).split('?')[0]}?viikko={this_monday}").content.decode()
    week = [this_monday + datetime.timedelta(days=i) for i in range(4)]
    for future in (day for day in week if day > TODAY):
        assert f'name="a-{placement.pk}-{future:%Y%m%d}-' not in page
    assert page.count('data-kind="future"') == sum(day > TODAY for day in week)


def test_an_absence_clears_its_hours_when_the_week_is_shown_again(client, world):
    placement = place(world)
    key = f"a-{placement.pk}-{MONDAY:%Y%m%d}"
    late = f"a-{placement.pk}-{FRIDAY:%Y%m%d}"
    client.force_login(world.pekka)
    absent = {f"{key}-status": "absent", f"{key}-hours": "4,0", f"{key}-reason": "own_sickness"}
    response = client.post(url(world), week_post([placement], **absent, **{f"{late}-hours": "13"}))
    assert "tunnit ovat 0–12" in response.content.decode()
    shown = cell(response.content.decode(), placement, MONDAY)
    assert (
        'value="absent" checked' in shown
        and 'name="' + key + '-hours" value=""' in shown.replace(f'id="{key}-hours" ', "")
    )
    client.post(url(world), week_post([placement], **absent))
    assert Attendance.objects.get(day=MONDAY).hours is None


def test_the_diary_note_is_inside_the_closed_cell_editor(client, world):
    placement = place(world)
    client.force_login(world.pekka)
    shown = cell(client.get(url(world)).content.decode(), placement, MONDAY)
    assert shown.startswith("<details") and " open" not in shown.split(">")[0]
    assert f'name="a-{placement.pk}-{MONDAY:%Y%m%d}-diary"' in shown


def test_opening_and_saving_the_week_log_each_client_once_per_request(client, world):
    from clients.models import AccessLog

    group = [place(world), place(world)]
    client.force_login(world.pekka)
    client.get(url(world))
    logs = AccessLog.objects.filter(user=world.pekka)
    assert sorted(logs.values_list("client", "action")) == sorted(
        (p.case.client_id, "view") for p in group
    )
    client.post(url(world), week_post(group), follow=True)  # the save, then the saved week
    assert logs.filter(action="change").count() == 2
    assert logs.filter(action="view").count() == 4


def test_week_save_runs_the_same_queries_for_3_or_30_clients_and_logs_each_once(client, world):
    from clients.models import AccessAction, AccessLog

    client.force_login(world.pekka)
    few_group = [place(world) for _ in range(3)]
    with CaptureQueriesContext(connection) as few:
        assert client.post(url(world), week_post(few_group)).status_code == 302
    many_group = [place(world) for _ in range(30)]
    with CaptureQueriesContext(connection) as many:
        assert client.post(url(world), week_post(many_group)).status_code == 302
    assert len(many) == len(few)
    assert Attendance.objects.count() == 33 * 3
    changes = AccessLog.objects.filter(user=world.pekka, action=AccessAction.CHANGE)
    assert changes.count() == 33
    assert changes.values("client").distinct().count() == 33
