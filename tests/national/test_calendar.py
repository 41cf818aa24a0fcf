"""Calendars: each user's iCalendar (RFC 5545) feed at a secret address, linked from the
user's own page: the review dates and plan renewals of the cases the user works on, the
placement days of the clients worked with or supervised; a new address revokes the old."""

import datetime

import icalendar
import pytest
from django.test import Client
from django.urls import reverse

from followup.models import Review
from national.models import CalendarFeed
from plans.models import ActivationPlan
from tests.factories import CaseFactory
from tests.national.conftest import texts, tree
from tests.plans.conftest import TODAY

pytestmark = pytest.mark.django_db


def address_of(client, user) -> str:
    client.force_login(user)
    client.post(reverse("national:calendar_address_new"))
    page = tree(client.get(reverse("national:my_page")))
    [url] = page.xpath("//input[@id='feed-url']/@value")
    return url.removeprefix("http://testserver")


def events(url: str) -> list:
    response = Client().get(url)  # a calendar program: no session
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")


def review(world, case, on):
    return Review.objects.create(
        case=case,
        kind="review",
        held_on=TODAY,
        participants="x",
        agreed="y",
        next_review_on=on,
        recorded_by=world.alice,
    )


def test_worker_subscribes_to_reviews_renewals_and_placement_days(world, placed, client):
    case = placed.case
    review(world, case, TODAY + datetime.timedelta(days=20))
    plan = ActivationPlan.objects.get(case=case)
    url = address_of(client, world.alice)
    found = {str(event["SUMMARY"]): event for event in events(url)}
    reviewed = found[f"Tarkistus: asiakkuus {case.pk}"].decoded("DTSTART")
    assert reviewed == TODAY + datetime.timedelta(days=20)
    renewal = found[f"Suunnitelman uusiminen: asiakkuus {case.pk}"].decoded("DTSTART")
    assert renewal == (plan.assessment_due_on or plan.end_on)
    day = found[f"Työtoimintapäivä: {placed.site.name} (sijoitus {placed.pk})"]
    assert day.decoded("DTSTART") == placed.start_on
    rule = day["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["MO", "WE", "FR"]
    assert rule["UNTIL"][0] == placed.end_on
    # calendar programs read it without a login: no client is named in it
    content = Client().get(url).content.decode()
    assert case.client.last_name not in content and case.client.hetu not in content


def test_supervisor_sees_the_placement_days_of_own_site_only(world, placed, client):
    pekka = [str(e["SUMMARY"]) for e in events(address_of(client, world.pekka))]
    assert pekka == [f"Työtoimintapäivä: {placed.site.name} (sijoitus {placed.pk})"]
    assert events(address_of(Client(), world.otto)) == []
    assert events(address_of(Client(), world.olli)) == []


def test_a_new_address_revokes_the_old(world, client):
    old = address_of(client, world.alice)
    new = address_of(client, world.alice)
    assert old != new
    assert Client().get(old).status_code == 404
    assert Client().get(new).status_code == 200
    response = client.post(reverse("national:calendar_address_revoke"), follow=True)
    shown = texts(tree(response), "//ul[@class='messages']/li")
    assert "Kalenteriosoite on poistettu käytöstä." in shown
    assert Client().get(new).status_code == 404
    assert not CalendarFeed.objects.filter(user=world.alice).exists()


def test_own_page_is_linked_from_every_page_and_in_swedish(world, client):
    client.force_login(world.alice)
    home = tree(client.get("/"))
    assert home.xpath("//a[@class='who']/@href") == [reverse("national:my_page")]
    client.post(reverse("set_language"), {"language": "sv"})
    page = tree(client.get(reverse("national:my_page")))
    assert texts(page, "//h1") == ["Mina uppgifter"]
    assert "Skapa en kalenderadress" in texts(page, "//button")


def test_wrong_method_and_anonymous(world, client):
    assert client.get(reverse("national:calendar_address_new")).status_code in (302, 405)
    assert client.get(reverse("national:my_page")).status_code == 302  # to log in
    client.force_login(world.alice)
    assert client.get(reverse("national:calendar_address_new")).status_code == 405
    assert client.post(reverse("national:my_page")).status_code == 405
    assert Client().get(reverse("national:calendar_feed", args=["ei-kelpaa"])).status_code == 404


def test_feed_reads_a_constant_number_of_queries(world, placed, client, django_assert_num_queries):
    url = address_of(client, world.alice)
    review(world, placed.case, TODAY + datetime.timedelta(days=1))
    anonymous = Client()
    anonymous.get(url)
    with django_assert_num_queries(5) as small:
        anonymous.get(url)
    for _ in range(3):
        case = CaseFactory(municipality=world.seinajoki, responsible_worker=world.alice)
        review(world, case, TODAY + datetime.timedelta(days=1))
    with django_assert_num_queries(len(small.captured_queries)):
        anonymous.get(url)
