"""Issue 28: an organisation's administrator cannot take over an account that opens
client data, nor give themselves the social-work lead's role."""

from django.contrib.admin.models import LogEntry
from django.core import mail
from django.utils import timezone

from accounts.models import Membership, Role
from tests.accounts.test_self_grant import REFUSAL, add_membership
from tests.factories import PASSWORD


def test_the_admin_cannot_set_a_social_workers_password(client, world):
    client.force_login(world.paula)
    url = f"/hallinta/accounts/user/{world.alice.pk}/password/"
    answer = client.post(url, {"password1": "Uusi-salasana-99", "password2": "Uusi-salasana-99",
                               "usable_password": "true"}, follow=True)  # fmt: skip
    world.alice.refresh_from_db()
    assert world.alice.check_password(PASSWORD)
    assert "pääkäyttäjä ei aseta hänen salasanaansa" in answer.content.decode()
    refusal = LogEntry.objects.get(object_id=str(world.alice.pk))
    assert refusal.user == world.paula and "Estetty" in refusal.change_message


def test_the_admin_cannot_change_a_social_workers_email(client, world):
    client.force_login(world.paula)
    page = client.get(f"/hallinta/accounts/user/{world.alice.pk}/change/").content.decode()
    assert 'name="email"' not in page  # shown, not editable


def test_the_admin_sends_a_reset_link_to_the_users_own_address(client, world):
    client.force_login(world.paula)
    client.post(
        "/hallinta/accounts/user/",
        {"action": "send_reset_link", "_selected_action": [world.alice.pk]},
    )
    assert [message.to for message in mail.outbox] == [[world.alice.email]]


def test_the_admin_cannot_make_themselves_social_work_lead(client, world):
    client.force_login(world.paula)
    answer = add_membership(client, world.paula, world.seinajoki, Role.SOCIAL_WORK_LEAD)
    assert REFUSAL in answer.content.decode()
    assert not Membership.objects.filter(user=world.paula, role=Role.SOCIAL_WORK_LEAD).exists()


def test_the_refused_password_change_appears_in_the_misuse_check(client, world):
    admin = client.__class__()
    admin.force_login(world.paula)
    admin.post(f"/hallinta/accounts/user/{world.alice.pk}/password/", {"password1": "x"})
    client.force_login(world.tuula)  # the privacy officer
    today = timezone.localdate().isoformat()
    page = client.get(
        f"/tietosuoja/vaarinkaytto/?user={world.alice.pk}&start={today}&end={today}"
    ).content.decode()
    assert "Tilin muutokset hallinnassa" in page
    assert "Estetty: salasanan asettaminen" in page and "(paula)" in page
