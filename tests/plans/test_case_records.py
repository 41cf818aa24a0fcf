import datetime

from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from clients.models import Case, Referral
from plans.models import Assessment
from tests.factories import CaseFactory
from tests.plans.conftest import TODAY


def test_referral_is_recorded_with_source_and_reasons(client, world):
    client.force_login(world.alice)
    client.post(
        f"/asiakkuudet/{world.case.pk}/ohjautuminen/",
        {
            "initiated_on": TODAY.isoformat(),
            "source": "te_services",
            "reasons": ["life_management", "working_life_rules"],
            "description": "Ohjattu",
        },
    )
    referral = Referral.objects.get(case=world.case)
    assert referral.reasons == ["life_management", "working_life_rules"]


def test_referral_without_a_reason_is_refused(client, world):
    client.force_login(world.alice)
    response = client.post(
        f"/asiakkuudet/{world.case.pk}/ohjautuminen/",
        {
            "initiated_on": TODAY.isoformat(),
            "source": "kela",
        },
    )
    assert "Tämä kenttä vaaditaan" in response.content.decode()
    assert not Referral.objects.exists()


def test_meeting_with_agreed_actions(client, world):
    client.force_login(world.alice)
    client.post(
        f"/asiakkuudet/{world.case.pk}/tapaamiset/uusi/",
        {
            "kind": "network_meeting",
            "held_on": TODAY.isoformat(),
            "organizations": [world.te_office.pk],
            "participants": "Alice, Tero",
            "summary": "Sovittiin työtoiminnasta.",
            "actions-TOTAL_FORMS": "3",
            "actions-INITIAL_FORMS": "0",
            "actions-0-description": "Tutustumiskäynti",
            "actions-0-responsible_person": "Alice",
            "actions-0-due_on": (TODAY + datetime.timedelta(days=7)).isoformat(),
        },
    )
    meeting = world.case.meetings.get()
    assert [a.description for a in meeting.actions.all()] == ["Tutustumiskäynti"]


def test_late_agreed_action_makes_the_case_overdue(client, world):
    client.force_login(world.alice)
    client.post(
        f"/asiakkuudet/{world.case.pk}/tapaamiset/uusi/",
        {
            "kind": "consultation",
            "held_on": TODAY.isoformat(),
            "participants": "Alice",
            "summary": "x",
            "actions-TOTAL_FORMS": "1",
            "actions-INITIAL_FORMS": "0",
            "actions-0-description": "Lääkärinlausunto",
            "actions-0-responsible_person": "Alice",
            "actions-0-due_on": (TODAY - datetime.timedelta(days=1)).isoformat(),
        },
    )
    CaseFactory(municipality=world.seinajoki)
    cases = list(client.get("/asiakkuudet/?overdue=on").context["page"])
    assert cases == [world.case]


def test_assessment_older_than_three_months_is_overdue(world):
    late = CaseFactory(
        municipality=world.seinajoki,
        phase="assessment",
        opened_on=TODAY - datetime.timedelta(days=100),
    )
    assert list(Case.objects.overdue()) == [late]


def test_assessment_through_the_api(world):
    world.case.opened_on = datetime.date(2026, 10, 1)  # before the dates below
    world.case.save(update_fields=["opened_on"])
    api = APIClient()
    api.force_authenticate(world.alice)
    response = api.post(
        "/api/v1/assessments/",
        {
            "case": world.case.pk,
            "started_on": "2026-11-02",
            "completed_on": "2026-11-01",
            "summary": "x",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "Valmistumispäivä ei voi olla ennen aloituspäivää" in str(response.json())
    assert not Assessment.objects.exists()


def test_case_opened_through_the_api_refuses_bad_hetu_and_second_open_case(world):
    api = APIClient()
    api.force_authenticate(world.alice)
    data = {
        "client": {
            "hetu": "131052-308T",
            "first_names": "Ville",
            "last_name": "Virtanen",
            "home_municipality": world.seinajoki.pk,
        },
        "municipality": world.seinajoki.pk,
        "responsible_worker": world.alice.pk,
    }
    bad = {**data, "client": {**data["client"], "hetu": "131052-308A"}}
    response = api.post("/api/v1/cases/", bad, format="json")
    assert response.status_code == 400
    assert "Henkilötunnus ei ole kelvollinen" in str(response.json())
    assert api.post("/api/v1/cases/", data, format="json").status_code == 201
    second = api.post("/api/v1/cases/", data, format="json")
    assert second.status_code == 400
    assert "jo avoin asiakkuus" in str(second.json())
    assert Case.objects.filter(client__hetu="131052-308T").count() == 1


def test_timeline_shows_every_step_in_order(client, world, plan):
    from tests.plans.conftest import sign_all

    sign_all(world, plan)
    client.force_login(world.alice)
    client.post(
        f"/asiakkuudet/{world.case.pk}/ohjautuminen/",
        {
            "initiated_on": (TODAY - datetime.timedelta(days=3)).isoformat(),
            "source": "te_services",
            "reasons": ["life_management"],
        },
    )
    timeline = client.get(f"/asiakkuudet/{world.case.pk}/").context["timeline"]
    titles = [entry.title for entry in timeline]
    assert titles.index("Vireilletulo: TE-palvelut / työllisyyspalvelut") < titles.index(
        "Asiakkuus avattu"
    )
    assert any("allekirjoitti Asiakas" in title for title in titles)
    assert [entry.day for entry in timeline] == sorted(entry.day for entry in timeline)


def test_case_page_runs_constant_queries(client, world, plan):
    client.force_login(world.alice)
    assess = f"/asiakkuudet/{world.case.pk}/arviointi/uusi/"
    # one change made through a page first: the history then names its maker (one query)
    client.post(assess, {"started_on": TODAY.isoformat(), "summary": "x"})
    client.get(f"/asiakkuudet/{world.case.pk}/")  # shows (and clears) the saved message
    few = page_queries(client, world)
    from tests.plans.conftest import sign_all

    sign_all(world, plan)
    for _ in range(5):
        client.post(assess, {"started_on": TODAY.isoformat(), "summary": "x"})
    client.get(f"/asiakkuudet/{world.case.pk}/")
    assert page_queries(client, world) == few


def page_queries(client, world) -> int:
    """The case page's queries for its data, leaving out the session's own bookkeeping.
    Counted from an empty log and read at once: a request's start empties the log, and
    the context reads it lazily (issue 15: counted later, the first page's count was a
    slice of the second page's log)."""
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        client.get(f"/asiakkuudet/{world.case.pk}/")
    return data_queries(captured)


def data_queries(captured) -> int:
    """The queries a page makes for its data, leaving out the session's own bookkeeping."""
    return sum(
        "SAVEPOINT" not in q["sql"] and "django_session" not in q["sql"]
        for q in captured.captured_queries
    )
