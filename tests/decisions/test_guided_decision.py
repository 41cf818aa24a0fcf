"""A decision is checked before it is made, gets a human number, starts from the plan."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from clients.models import AccessLog
from decisions import services
from decisions.models import Decision
from tests.decisions.conftest import PLAN_END
from tests.decisions.test_decision import stored_pdf
from tests.pages import text, texts, tree
from tests.plans.conftest import TODAY

YEAR = TODAY.year


def url(decision, tail=""):
    return f"/asiakkuudet/{decision.case_id}/paatokset/{decision.pk}/{tail}"


def test_made_decision_has_a_number_per_organiser_and_year(world, made):
    assert made.number == f"KT-{YEAR}-0001"
    assert f"KT-{YEAR}-0001" in stored_pdf(made)


def test_numbers_follow_each_other_within_the_organiser(world, made, ready_case):
    replacing = services.decision_replace(user=world.alice, decision=made)
    again = services.decision_make(user=world.alice, decision=replacing)
    assert again.number == f"KT-{YEAR}-0002"


def test_database_refuses_a_second_decision_with_the_same_number(world, made):
    twin = Decision.objects.create(
        case=made.case,
        authority=made.authority,
        outcome="negative",
        reasons="x",
        contact_person=world.alice,
        created_by=world.alice,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.filter(pk=twin.pk).update(
            status="made",
            decided_on=TODAY,
            decision_maker=world.alice,
            number_year=YEAR,
            number_seq=1,
        )


def test_number_shown_on_the_decision_page(client, world, made):
    client.force_login(world.alice)
    page = tree(client.get(url(made)))
    assert f"KT-{YEAR}-0001" in text(page.xpath("//h1")[0])


def test_make_asks_for_confirmation_with_a_summary_first(client, world, draft):
    client.force_login(world.alice)
    detail = tree(client.get(url(draft)))
    assert "Tarkista ja tee päätös" in texts(detail, "//main//a")
    assert "Tee päätös" not in texts(detail, "//main//button")
    confirm = tree(client.get(url(draft, "vahvista/")))
    summary = text(confirm.xpath("//dl[@class='facts']")[0])
    assert "Pajuluoma" in summary and PLAN_END.strftime("%-d.%-m.%Y") in summary
    assert "ei voi muuttaa" in text(confirm.xpath("//main")[0])
    assert texts(confirm, "//form[contains(@action, '/tee/')]//button") == ["Tee päätös"]


def test_make_without_the_confirmation_makes_nothing_and_says_why(client, world, draft):
    client.force_login(world.alice)
    response = client.post(url(draft, "tee/"), follow=True)
    assert response.redirect_chain[-1][0] == url(draft, "vahvista/")
    assert "vahvista" in text(tree(response).xpath("//ul[@class='messages']")[0])
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.number == ""


def test_confirmed_make_makes_the_decision(client, world, draft):
    client.force_login(world.alice)
    before = AccessLog.objects.count()
    client.post(url(draft, "tee/"), {"vahvistettu": "kylla"})
    draft.refresh_from_db()
    assert draft.status == "made" and draft.number == f"KT-{YEAR}-0001"
    assert AccessLog.objects.count() == before + 1


def test_outsider_gets_404_from_confirmation_and_make(client, world, draft):
    client.force_login(world.olli)
    assert client.get(url(draft, "vahvista/")).status_code == 404
    assert client.post(url(draft, "tee/")).status_code == 404
    assert client.post(url(draft, "vahvista/")).status_code == 405


def test_new_decision_starts_from_the_signed_plan(client, world, ready_case):
    client.force_login(world.alice)
    form = client.get(f"/asiakkuudet/{ready_case.pk}/paatokset/uusi/").context["form"]
    assert form["start_on"].value() == TODAY
    assert form["end_on"].value() == PLAN_END
    assert form["hours_per_day"].value() == 4
    assert len(form["weekdays"].value()) == 3  # the plan's days a week


def ending_post(world, end_on) -> dict:
    return {
        "end_on": end_on.isoformat(),
        "reasons": "Asiakas aloittaa opinnot.",
        "legal_basis": "Laki kuntouttavasta työtoiminnasta (189/2001).",
        "contact_person": world.alice.pk,
    }


def test_ending_outside_the_period_is_refused_when_saved(client, world, made):
    client.force_login(world.alice)
    late = PLAN_END + datetime.timedelta(days=30)
    response = client.post(url(made, "paattaminen/"), ending_post(world, late))
    assert "Viimeisen palvelupäivän on oltava" in text(tree(response).xpath("//main")[0])
    assert not Decision.objects.filter(kind="ending").exists()


def test_ending_draft_can_be_edited(client, world, made):
    client.force_login(world.alice)
    client.post(url(made, "paattaminen/"), ending_post(world, TODAY))
    ending = Decision.objects.get(kind="ending")
    assert url(ending, "paattaminen/muokkaa/") in tree(client.get(url(ending))).xpath("//a/@href")
    later = TODAY + datetime.timedelta(days=7)
    client.post(url(ending, "paattaminen/muokkaa/"), ending_post(world, later))
    ending.refresh_from_db()
    assert ending.end_on == later
    client.force_login(world.olli)
    assert client.get(url(ending, "paattaminen/muokkaa/")).status_code == 404
