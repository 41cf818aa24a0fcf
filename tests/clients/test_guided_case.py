"""The case page leads: the phase as a stepper and the one next step at the top; a
closed case is read-only; facts carry no future dates and the opened day can be fixed."""

import datetime

from django.utils import timezone

from clients.lifecycle import case_close, case_move
from clients.models import AccessLog, Case
from tests.clients.test_cases import open_case
from tests.pages import text, texts, tree

TODAY = timezone.localdate()
TOMORROW = TODAY + datetime.timedelta(days=1)


def case_page(client, world, case):
    client.force_login(world.alice)
    return tree(client.get(f"/asiakkuudet/{case.pk}/"))


def next_step(page) -> str:
    (box,) = page.xpath("//section[@class='next-action']")
    (action,) = box.xpath(".//a[@class='button'] | .//button[@class='button']")
    return text(action)


def test_stepper_shows_every_phase_and_marks_the_current_one(client, world):
    page = case_page(client, world, world.case)
    steps = page.xpath("//nav[@class='stepper']//li")
    assert [text(step)[2:].strip() for step in steps][:3] == [
        "Tarve tunnistettu",
        "Palvelutarpeen arviointi",
        "Suunnittelu",
    ]
    (current,) = page.xpath("//nav[@class='stepper']//li[@aria-current='step']")
    assert "Tarve tunnistettu" in text(current)


def test_next_step_of_a_new_case_is_the_referral_above_everything(client, world):
    page = case_page(client, world, world.case)
    assert next_step(page) == "Kirjaa ohjautuminen ja vireilletulo"
    headings = texts(page, "//main//h2")
    assert headings[0] == "Seuraava askel"


def test_next_step_follows_the_decision(client, world, ready_case, draft):
    assert next_step(case_page(client, world, ready_case)) == "Tarkista ja tee päätös"


def test_next_step_after_making_is_the_notification(client, world, made):
    assert next_step(case_page(client, world, made.case)) == "Kirjaa päätöksen tiedoksianto"


def test_next_step_with_a_signed_plan_is_the_decision(client, world, ready_case):
    assert next_step(case_page(client, world, ready_case)) == "Valmistele päätös"


def test_closed_case_is_read_only_with_a_new_period_as_its_action(client, world):
    case_close(user=world.alice, case=world.case, closed_on=TODAY, reason="Muutti")
    page = case_page(client, world, world.case)
    assert next_step(page) == "Aloita uusi jakso"
    assert page.xpath("//section[@class='next-action']//form[contains(@action, 'uusi-jakso')]")
    assert not page.xpath("//h2[@id='work-heading']")
    links = " ".join(texts(page, "//main//a"))
    for action in ("Valmistele päätös", "Laadi aktivointisuunnitelma", "Kirjaa suostumus"):
        assert action not in links


def test_case_does_not_move_to_follow_up_before_the_service_starts(world, made):
    case = Case.objects.get(pk=made.case_id)
    try:
        case_move(user=world.alice, case=case, phase="follow_up", reason="Arvioitu")
    except Exception as error:  # noqa: BLE001 - the message is what the user reads
        message = " ".join(error.messages)
    assert "Seurantaan siirrytään vasta, kun päätöksen mukainen palvelu on alkanut" in message
    assert Case.objects.get(pk=case.pk).phase != "follow_up"


def test_phase_move_without_a_reason_says_so(client, world):
    client.force_login(world.alice)
    response = client.post(
        f"/asiakkuudet/{world.case.pk}/vaihe/", {"phase": "assessment", "reason": ""}, follow=True
    )
    messages = texts(tree(response), "//ul[@class='messages']/li")
    assert any("Syy" in message for message in messages), messages
    assert Case.objects.get(pk=world.case.pk).phase == "need_recognised"


def test_case_opened_in_the_future_is_refused_naming_the_field(client, world):
    client.force_login(world.alice)
    response = open_case(client, world, **{"case-opened_on": TOMORROW.isoformat()})
    page = tree(response)
    summary = texts(page, "//div[@data-error-summary]//a")
    assert any("Vireille tullut ei voi olla tulevaisuudessa" in link for link in summary), summary
    assert not Case.objects.filter(client__hetu="131052-308T").exists()


def test_assessment_completed_in_the_future_is_refused(client, world):
    client.force_login(world.alice)
    response = client.post(
        f"/asiakkuudet/{world.case.pk}/arviointi/uusi/",
        {
            "started_on": TODAY.isoformat(),
            "completed_on": TOMORROW.isoformat(),
            "summary": "Arvioitu",
        },
    )
    errors = texts(tree(response), "//ul[@class='errorlist']/li")
    assert any("ei voi olla tulevaisuudessa" in error for error in errors), errors
    assert not world.case.assessments.exists()


def test_opened_day_is_corrected_with_a_reason_kept_in_the_history(client, world):
    client.force_login(world.alice)
    url = f"/asiakkuudet/{world.case.pk}/avattu/"
    day = TODAY - datetime.timedelta(days=3)
    before = AccessLog.objects.count()
    client.post(url, {"opened_on": day.isoformat(), "reason": "Väärä päivä kirjattu"})
    assert AccessLog.objects.count() == before + 1
    assert Case.objects.get(pk=world.case.pk).opened_on == day
    history = text(case_page(client, world, world.case).xpath("//ol[@class='history']")[0])
    assert f"{day.day}.{day.month}.{day.year}" in history
    assert "syy: Väärä päivä kirjattu" in history


def test_opened_day_correction_needs_a_reason_and_no_future(client, world):
    client.force_login(world.alice)
    url = f"/asiakkuudet/{world.case.pk}/avattu/"
    page = tree(client.post(url, {"opened_on": TOMORROW.isoformat(), "reason": ""}))
    invalid = page.xpath("//input[@aria-invalid='true']/@name")
    assert sorted(invalid) == ["opened_on", "reason"]
    assert Case.objects.get(pk=world.case.pk).opened_on == world.case.opened_on


def test_opened_day_correction_is_404_to_others_and_refuses_put(client, world):
    client.force_login(world.olli)
    assert client.get(f"/asiakkuudet/{world.case.pk}/avattu/").status_code == 404
    client.force_login(world.alice)
    assert client.put(f"/asiakkuudet/{world.case.pk}/avattu/").status_code == 405
