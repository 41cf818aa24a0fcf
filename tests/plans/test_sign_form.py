"""The signing form offers only the parties the user may sign for; a refusal keeps
what was typed."""

import re

from plans.models import Signature
from tests.plans.conftest import TODAY


def parties(page: str) -> list[str]:
    select = re.search(r'<select name="party"[^>]*>(.*?)</select>', page, re.S).group(1)
    return re.findall(r'<option value="([^"]+)"', select)


def url(plan, tail=""):
    return f"/asiakkuudet/{plan.case_id}/suunnitelmat/{plan.pk}/{tail}"


def test_officer_is_offered_the_employment_authority_and_the_client_not_the_municipality(
    client, world, plan
):
    client.force_login(world.tero)
    offered = parties(client.get(url(plan)).content.decode())
    assert offered == ["employment_authority", "client"]


def test_social_worker_is_not_offered_the_employment_authority(client, world, plan):
    client.force_login(world.alice)
    offered = parties(client.get(url(plan)).content.decode())
    assert "employment_authority" not in offered and "municipality" in offered


def test_a_signed_party_is_no_longer_offered(client, world, plan):
    client.force_login(world.tero)
    client.post(
        url(plan, "allekirjoita/"),
        {"party": "employment_authority", "signer_name": "Tero T", "signed_on": TODAY},
    )
    assert parties(client.get(url(plan)).content.decode()) == ["client"]


def test_a_refused_signature_keeps_the_typed_name_and_says_why(client, world, plan):
    client.force_login(world.tero)
    response = client.post(
        url(plan, "allekirjoita/"),
        {"party": "municipality", "signer_name": "Tero Tarkka", "signed_on": TODAY},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="Tero Tarkka"' in page
    assert "Valitse oikea vaihtoehto" in page  # "Kunta" is not among the choices
    assert not Signature.objects.exists()
