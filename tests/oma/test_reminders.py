"""Reminders reach the client: an unsigned plan by their message channel, once (issue 24).
E-mail through Django's in-memory backend: nothing leaves the machine."""

import pytest
from django.core import mail

from oma.services import client_account_for, client_reminders_send
from plans.models import PlanType
from plans.services import activation_plan_create
from tests.plans.conftest import COMPLETE

from .conftest import MAIJA

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(world, maija, shared_case):
    maija.email = "maija@example.org"
    maija.save(update_fields=["email"])
    client_account_for(hetu=MAIJA, given_name="Maija", family_name="Meikäläinen")
    return activation_plan_create(
        user=world.alice, case=shared_case, plan_type=PlanType.objects.first(), **COMPLETE
    )


def test_an_unsigned_plan_is_mailed_to_the_client_once(waiting):
    assert client_reminders_send() == 1
    assert client_reminders_send() == 0
    assert [m.to for m in mail.outbox] == [["maija@example.org"]]
    assert mail.outbox[0].subject == "Suunnitelmasi odottaa allekirjoitustasi."
    assert "/oma/" in mail.outbox[0].body


def test_a_client_without_an_address_or_account_gets_nothing(world, maija, shared_case):
    activation_plan_create(
        user=world.alice, case=shared_case, plan_type=PlanType.objects.first(), **COMPLETE
    )
    assert client_reminders_send() == 0  # no account: never signed in
    client_account_for(hetu=MAIJA, given_name="Maija", family_name="Meikäläinen")
    assert client_reminders_send() == 0  # no e-mail address
    assert mail.outbox == []
