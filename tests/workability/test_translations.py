from pathlib import Path

import pytest
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[2] / "workability" / "locale"


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_string_of_the_app_is_translated(language):
    with (LOCALE / language / "LC_MESSAGES" / "django.po").open("rb") as po_file:
        catalog = read_po(po_file)
    untranslated = [
        message.id
        for message in catalog
        if message.id
        and (
            message.fuzzy
            or not all(message.string if isinstance(message.string, tuple) else [message.string])
        )
    ]
    assert len(catalog) > 200
    assert untranslated == []


def test_the_shared_plan_reads_in_swedish(client, world, path):
    client.force_login(world.hanna)
    client.cookies["kuty_language"] = "sv"
    text = client.get(f"/tyokyky/{path.pk}/").content.decode()
    assert "Gemensam plan" in text
    assert "Ansvarig arbetstagare" in text
