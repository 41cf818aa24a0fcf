"""Each role's menu holds what that role uses (templates/base.html)."""

import re

import pytest

from accounts.models import Role
from tests.factories import member


def menu(client, user) -> list[str]:
    client.force_login(user)
    page = client.get("/").content.decode()
    nav = re.search(r'<nav class="container main-nav".*?</ul>', page, re.S).group(0)
    return [re.sub(r"<.*", "", label).strip() for label in re.findall(r"<a [^>]*>(.*?)</a>", nav)]


@pytest.mark.parametrize("persona", ["alice", "tero", "pekka", "kaisa", "tuula"])
def test_no_api_link_for_those_who_do_not_integrate(client, world, persona):
    assert "Rajapinta" not in menu(client, getattr(world, persona))


def test_administrator_and_integration_user_get_the_api_link(client, world):
    assert "Rajapinta" in menu(client, world.paula)
    robot = member(Role.SOCIAL_WORKER, world.seinajoki, is_system_integration=True)
    assert "Rajapinta" in menu(client, robot)


def test_coordinator_gets_no_case_or_decision_list(client, world):
    labels = menu(client, world.kaisa)
    assert "Asiakkuudet" not in labels and "Päätökset" not in labels


def test_social_worker_gets_cases_and_decisions(client, world):
    labels = menu(client, world.alice)
    assert "Asiakkuudet" in labels and "Päätökset" in labels
