"""The case page's change history says what was created, not "tiedot luotiin" twice."""

import re


def history(client, world) -> str:
    client.force_login(world.alice)
    page = client.get(f"/asiakkuudet/{world.case.pk}/").content.decode()
    return re.search(r'<ol class="history">(.*?)</ol>', page, re.S).group(1)


def test_creation_of_the_client_and_the_case_are_told_apart(client, world):
    text = " ".join(history(client, world).split())
    assert "Asiakas: tiedot luotiin (etunimet Maija, sukunimi Meikäläinen)" in text
    opened = world.case.opened_on
    assert f"Asiakkuus: tiedot luotiin (avattu {opened.day}.{opened.month}.{opened.year})" in text


def test_a_change_names_the_field_by_its_label(client, world):
    world.case.phase = "assessment"
    world.case.save()
    assert "vaihe: need_recognised → assessment" in history(client, world)
