"""The client's pages in Finnish, Swedish and English, in plain words (issue 24)."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from .conftest import MAIJA, page, sign_in, texts

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "greeting", "menu"),
    [
        ("fi", "Hei Maija!", "Kuka on katsonut tietojani"),
        ("sv", "Hej Maija!", "Vem har tittat på mina uppgifter"),
        ("en", "Hello Maija!", "Who has looked at my information"),
    ],
)
def test_front_page_in_the_clients_language(client, oidc, maija, language, greeting, menu):
    sign_in(client, MAIJA)
    client.cookies["kuty_language"] = language
    front = page(client.get("/oma/"))
    assert texts(front, "//h1") == [greeting]
    assert menu in texts(front, "//nav//a")
    assert front.get("lang") == language


def _catalogue(path: Path) -> set[str]:
    with path.open("rb") as po_file:
        return {message.id for message in read_po(po_file) if message.id and message.string}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_string_of_the_client_pages_is_translated(language):
    translated = _catalogue(ROOT / "oma/locale" / language / "LC_MESSAGES/django.po")
    translated |= _catalogue(ROOT / "locale" / language / "LC_MESSAGES/django.po")
    found = set()
    for template in (ROOT / "templates/oma").glob("*.html"):
        text = template.read_text()
        found |= set(re.findall(r'{% translate "([^"]+)"', text))
        found |= set(re.findall(r"{% translate '([^']+)'", text))
        for body in re.findall(r"{% blocktranslate[^%]*%}(.*?){% endblocktranslate", text):
            found.add(re.sub(r"{{ (\w+) }}", r"%(\1)s", body))
    for module in (ROOT / "oma").glob("*.py"):
        found |= set(re.findall(r'_\(\s*"([^"]+)"\s*\)', module.read_text()))
    assert sorted(found - translated) == []
