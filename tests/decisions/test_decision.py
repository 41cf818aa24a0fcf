import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from pypdf import PdfReader

from clients.models import Case
from core import law
from decisions import services
from decisions.models import Decision, DecisionStatus
from plans.models import ActivationPlan
from tests.decisions.conftest import PLAN_END, decision_fields
from tests.factories import api_for
from tests.plans.conftest import TODAY


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def stored_pdf(decision: Decision) -> str:
    decision.refresh_from_db()
    with decision.pdf.open("rb") as stored:
        return text_of(stored.read())


def test_made_decision_pdf_has_every_required_element(world, made):
    text = stored_pdf(made)
    client = made.case.client
    for element in (
        "PÄÄTÖS",
        "Seinäjoki",  # the deciding authority
        made.decided_on.strftime("%-d.%-m.%Y"),  # the date
        client.full_name,
        client.hetu,  # the party
        "189/2001",
        "Pajuluoma",  # legal basis, site
        TODAY.strftime("%-d.%-m.%Y"),
        PLAN_END.strftime("%-d.%-m.%Y"),  # period
        "maanantai, keskiviikko, perjantai",
        "4,0 tuntia",  # schedule
        "kuukausilippu",
        "Kulukorvaus",
        "9,00 €",  # travel, allowance
        "Yksilövalmentaja: Ville Valmentaja",
        "Perustelut",
        "Lisätietoja antaa",
        "OIKAISUVAATIMUSOHJE",
        "30 päivän kuluessa",
        "päätöksentekijä",
    ):
        assert element in text, element


@pytest.mark.parametrize(("method", "days"), [("post", 7), ("e_service", 3), ("handed_over", 0)])
def test_notification_dates_follow_the_method(world, made, method, days):
    sent = datetime.date(2026, 11, 23)
    made.decided_on = sent  # decided the same day (test data only; not saved)
    notification = services.decision_notify(
        user=world.alice,
        decision=made,
        method=method,
        sent_on=TODAY,
        electronic_consent=method == "e_service",
    )
    assert notification.received_on == TODAY + datetime.timedelta(days=days)
    deadline = notification.reconsideration_deadline
    assert deadline >= notification.received_on + datetime.timedelta(days=30)
    assert deadline.strftime("%-d.%-m.%Y") in stored_pdf(made)
    assert "Oikaisuvaatimuksen viimeinen päivä" in stored_pdf(made)


def test_swedish_client_gets_the_decision_in_swedish(world, ready_case):
    ready_case.client.language = "sv"
    ready_case.client.save()
    decision = services.decision_save_draft(
        user=world.alice, case=ready_case, **decision_fields(world)
    )
    text = stored_pdf(services.decision_make(user=world.alice, decision=decision))
    assert "BESLUT" in text
    assert "ANVISNING FÖR BEGÄRAN OM OMPRÖVNING" in text
    assert "OIKAISUVAATIMUSOHJE" not in text


def test_decision_without_a_plan_in_force_is_refused(world, ready_case):
    ActivationPlan.objects.update(state="draft")
    decision = services.decision_save_draft(
        user=world.alice, case=ready_case, **decision_fields(world)
    )
    with pytest.raises(ValidationError, match="aktivointi- tai monialaista"):
        services.decision_make(user=world.alice, decision=decision)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DRAFT


def test_decision_without_employment_plan_is_refused(world, ready_case):
    ready_case.employment_plans.all().delete()
    decision = services.decision_save_draft(
        user=world.alice, case=ready_case, **decision_fields(world)
    )
    with pytest.raises(
        ValidationError, match="Työllistymissuunnitelma on laadittava ennen päätöstä"
    ):
        services.decision_make(user=world.alice, decision=decision)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"weekdays": [1, 2, 3, 4, 5]}, "1–4 päivänä"),
        ({"hours_per_day": 3}, "vähintään 4 tuntia"),
        ({"end_on": TODAY + datetime.timedelta(days=60)}, "3–24 kuukautta"),
        ({"end_on": TODAY - datetime.timedelta(days=1)}, "alkamispäivän jälkeen"),
    ],
)
def test_law_limits_refused_in_page_and_api(client, world, ready_case, changes, message):
    client.force_login(world.alice)
    fields = decision_fields(world, **changes)
    form = {
        **fields,
        "site": world.site.pk,
        "contact_person": world.alice.pk,
        "outcome": "positive",
        "allowance_kind": "kulukorvaus",
        "legal_basis": "Laki 189/2001",
        "coaches-TOTAL_FORMS": "0",
        "coaches-INITIAL_FORMS": "0",
    }
    page = client.post(f"/asiakkuudet/{ready_case.pk}/paatokset/uusi/", form)
    assert message in page.content.decode()
    api = {**form, "case": ready_case.pk, "coaches": []}
    api.pop("coaches-TOTAL_FORMS"), api.pop("coaches-INITIAL_FORMS")
    response = api_for(world.alice).post("/api/v1/decisions/", api, format="json")
    assert response.status_code == 400
    assert message in str(response.json())
    assert not Decision.objects.exists()


def test_law_is_checked_as_the_user_types(client, world, ready_case):
    client.force_login(world.alice)
    response = client.post(
        f"/asiakkuudet/{ready_case.pk}/paatokset/uusi/tarkista/",
        {"weekdays": ["1", "2", "3", "4", "5"], "hours_per_day": "3"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert "1–4 päivänä" in html and "vähintään 4 tuntia" in html
    assert not Decision.objects.exists()


def test_schedule_that_differs_from_the_plan_needs_a_reason(world, ready_case):
    decision = services.decision_save_draft(
        user=world.alice, case=ready_case, **decision_fields(world, weekdays=[1, 2])
    )
    with pytest.raises(ValidationError, match="poikkeaa suunnitelmasta"):
        services.decision_make(user=world.alice, decision=decision)
    decision.schedule_difference_reason = "Asiakkaan toiveesta aluksi kaksi päivää."
    decision.save()
    assert services.decision_make(user=world.alice, decision=decision).status == "made"


def test_full_site_is_refused(world, ready_case):
    world.site.capacity = 1
    world.site.save()
    other = Case.objects.get(pk=world.other_case.pk)
    Decision.objects.create(
        case=other,
        authority=other.municipality,
        status="made",
        decided_on=TODAY,
        decision_maker=world.olli,
        site=world.site,
        start_on=TODAY,
        end_on=PLAN_END,
        weekdays=[1],
        hours_per_day=4,
        reasons="x",
        contact_person=world.olli,
        created_by=world.olli,
    )
    decision = services.decision_save_draft(
        user=world.alice, case=ready_case, **decision_fields(world)
    )
    with pytest.raises(ValidationError, match="ei ole vapaata paikkaa"):
        services.decision_make(user=world.alice, decision=decision)


def test_made_decision_cannot_be_changed_in_place(world, made):
    with pytest.raises(ValidationError, match="Tehtyä päätöstä ei voi muuttaa"):
        services.decision_save_draft(
            user=world.alice, case=made.case, decision=made, hours_per_day=5
        )
    with pytest.raises(DatabaseError), transaction.atomic():
        Decision.objects.filter(pk=made.pk).update(hours_per_day=6)
    response = api_for(world.alice).patch(
        f"/api/v1/decisions/{made.pk}/", {"hours_per_day": 5}, format="json"
    )
    assert response.status_code == 400
    made.refresh_from_db()
    assert made.hours_per_day == 4


def test_a_change_is_a_new_decision_that_replaces_the_old(world, made):
    services.decision_notify(user=world.alice, decision=made, method="post", sent_on=TODAY)
    new = services.decision_replace(user=world.alice, decision=made)
    new.hours_per_day = 5
    new.schedule_difference_reason = "Asiakas jaksaa pidempiä päiviä."
    new.save()
    services.decision_make(user=world.alice, decision=new)
    made.refresh_from_db()
    assert made.status == DecisionStatus.REPLACED
    assert made.hours_per_day == 4 and made.pdf  # the old one stays readable
    assert Decision.objects.get(pk=new.pk).replaces == made


def test_negative_decision_needs_only_reasons(world, ready_case):
    decision = services.decision_save_draft(
        user=world.alice,
        case=ready_case,
        outcome="negative",
        reasons="Ei edellytyksiä.",
        contact_person=world.alice,
    )
    made = services.decision_make(user=world.alice, decision=decision)
    assert "hylätään" in stored_pdf(made)


def test_api_make_notify_and_pdf(world, draft):
    api = api_for(world.alice)
    made = api.post(f"/api/v1/decisions/{draft.pk}/make/").json()
    assert made["status"] == "made"
    notified = api.post(
        f"/api/v1/decisions/{draft.pk}/notify/",
        {"method": "post", "sent_on": TODAY.isoformat()},
        format="json",
    ).json()
    assert (
        notified["notification"]["received_on"] == (TODAY + datetime.timedelta(days=7)).isoformat()
    )
    pdf = api.get(f"/api/v1/decisions/{draft.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    assert "PÄÄTÖS" in text_of(pdf.content)


def test_decision_list_by_status(client, world, made):
    client.force_login(world.alice)
    page = client.get("/paatokset/?tila=made").content.decode()
    assert "Meikäläinen Maija" in page
    assert "Meikäläinen Maija" not in client.get("/paatokset/?tila=notified").content.decode()


def test_sweep_puts_notified_decisions_in_force_and_ends_them(world, made):
    services.decision_notify(user=world.alice, decision=made, method="handed_over", sent_on=TODAY)
    services.decisions_sweep(TODAY)
    assert Decision.objects.get(pk=made.pk).status == DecisionStatus.IN_FORCE
    services.decisions_sweep(PLAN_END + datetime.timedelta(days=1))
    assert Decision.objects.get(pk=made.pk).status == DecisionStatus.ENDED


@pytest.mark.parametrize(
    "change", [{"contact_phone": "+358 1"}, {"reasons": "toinen"}, {"legal_basis": "x"}]
)
def test_database_keeps_every_drafted_field_of_a_made_decision(world, made, change):
    """The contents are listed once (DRAFTED): the phone printed in the PDF included."""
    with pytest.raises(DatabaseError), transaction.atomic():
        Decision.objects.filter(pk=made.pk).update(**change)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"weekdays": [2, 2, 2, 2]}, "kahdesti"),
        ({"end_on": law.period_end(TODAY, 24) + datetime.timedelta(days=30)}, "13 b §"),
    ],
)
def test_decision_schedule_loopholes_are_closed(world, ready_case, changes, message):
    with pytest.raises(ValidationError, match=message):
        services.decision_save_draft(
            user=world.alice, case=ready_case, **decision_fields(world, **changes)
        )


def test_electronic_notification_needs_the_clients_consent(world, made):
    with pytest.raises(ValidationError, match="suostumuksen"):
        services.decision_notify(user=world.alice, decision=made, method="e_service", sent_on=TODAY)
    notification = services.decision_notify(
        user=world.alice,
        decision=made,
        method="e_service",
        sent_on=TODAY,
        electronic_consent=True,
    )
    assert notification.received_on == TODAY + datetime.timedelta(days=3)


def test_made_decision_cannot_go_back_to_draft(world, made):
    with pytest.raises(DatabaseError), transaction.atomic():
        Decision.objects.filter(pk=made.pk).update(status="draft")


def test_nothing_new_on_a_closed_case(world, ready_case):
    Case.objects.filter(pk=ready_case.pk).update(closed_on=TODAY, phase="closed")
    with pytest.raises(ValidationError, match="Asiakkuus on päättynyt"):
        services.decision_save_draft(user=world.alice, case=ready_case, **decision_fields(world))
