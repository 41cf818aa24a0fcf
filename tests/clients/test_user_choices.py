"""Dropdowns name people as the tables do: by full name, not by username."""

import re

from accounts.models import Role
from tests.factories import CaseFactory, member


def options(page: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S).group(1)
    return [label.strip() for label in re.findall(r"<option[^>]*>([^<]*)</option>", select)]


def test_case_filter_lists_social_workers_by_full_name(client, world):
    client.force_login(world.alice)
    page = client.get("/asiakkuudet/").content.decode()
    labels = options(page, "responsible_worker")
    assert world.alice.get_full_name() in labels
    assert "alice" not in labels


def test_new_worker_lists_the_organisers_other_social_workers_by_name(client, world):
    client.force_login(world.alice)
    page = client.get(f"/asiakkuudet/{world.case.pk}/").content.decode()
    labels = options(page, "worker")
    assert world.sami.get_full_name() in labels
    assert world.alice.get_full_name() not in labels  # already the worker
    assert world.olli.get_full_name() not in labels  # another organiser


def test_with_no_colleague_the_page_says_so_instead_of_an_empty_required_choice(client, world):
    lone = member(Role.SOCIAL_WORKER, world.lapua, username="lone")
    world.olli.memberships.all().delete()
    case = CaseFactory(municipality=world.lapua, responsible_worker=lone)
    client.force_login(lone)
    page = client.get(f"/asiakkuudet/{case.pk}/").content.decode()
    assert 'name="worker"' not in page
    assert "Järjestäjällä ei ole muita sosiaalityöntekijöitä" in page
