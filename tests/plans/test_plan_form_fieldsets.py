"""The plan form's two numbered lists are told apart by fieldsets with legends."""

import re


def fieldsets(page: str) -> dict[str, str]:
    return {
        legend.strip(): body
        for legend, body in re.findall(
            r"<fieldset>\s*<legend>(.*?)</legend>(.*?)</fieldset>", page, re.S
        )
    }


def test_legal_contents_and_kuty_items_are_in_their_own_fieldsets(client, world, plan):
    client.force_login(world.alice)
    page = client.get(
        f"/asiakkuudet/{plan.case_id}/suunnitelmat/{plan.pk}/muokkaa/"
    ).content.decode()
    sets = fieldsets(page)
    contents = sets["Suunnitelman sisältö, kohdat 1–4"]
    kuty = sets["Kuntouttava työtoiminta, kohdat 1–6"]
    assert 'name="earlier_services_effect"' in contents and 'name="days_per_week"' not in contents
    assert 'name="days_per_week"' in kuty and 'name="earlier_services_effect"' not in kuty
    assert page.count('name="plan_type"') == 1
