"""The closure's refusal names the real constraint: the earliest day the case can close."""

from django.utils import timezone

from followup.models import Closure, Reminder, ReminderRecipient
from tests.decisions.conftest import PLAN_END
from tests.followup.test_closure import closure_post
from tests.pages import texts, tree


def test_closing_during_the_service_names_the_earliest_closing_day(client, world, placed):
    client.force_login(world.alice)
    response = client.post(f"/asiakkuudet/{world.case.pk}/paattaminen/", closure_post())
    day = PLAN_END.strftime("%-d.%-m.%Y")
    errors = texts(tree(response), "//ul[@class='errorlist']/li")
    assert any(f"Asiakkuuden voi päättää aikaisintaan {day}" in error for error in errors), errors
    assert not Closure.objects.exists()


def test_dismissing_a_reminder_without_a_reason_answers_with_the_marked_field(world, client):
    reminder = Reminder.objects.create(
        kind="case_idle", case=world.case, due_on=timezone.localdate()
    )
    ReminderRecipient.objects.create(reminder=reminder, user=world.alice, role="worker")
    client.force_login(world.alice)
    refused = client.post(
        f"/muistutukset/{reminder.pk}/ohita/", {"reason": " "}, HTTP_HX_REQUEST="true"
    )
    page = tree(refused)
    (field,) = page.xpath("//input[@name='reason']")
    assert field.get("aria-invalid") == "true"
    (message,) = page.xpath(f"//*[@id='{field.get('aria-describedby')}']")
    assert "Kerro, miksi muistutus ohitetaan" in message.text_content()
    assert page.xpath("//details[@open]")
