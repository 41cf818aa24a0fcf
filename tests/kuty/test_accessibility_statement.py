"""The accessibility statement (Act 306/2019, 15 §; issue 16, item 4): public, in Finnish,
Swedish and English, with what the act asks of it, and linked from every page's footer."""

import pytest
from django.test import Client

from accounts.models import Role
from tests.factories import member

CONTENT = {
    "fi": [
        "Saavutettavuusseloste",
        "täyttää osittain WCAG 2.1",
        "Ei-saavutettava sisältö",
        "PDF-asiakirjat",
        "itsearviointina",
        "axe",
        "Seloste on laadittu 2.12.2026 ja tarkistettu viimeksi 2.12.2026.",
        "Liikenne- ja viestintävirasto Traficom",
    ],
    "sv": [
        "Tillgänglighetsutlåtande",
        "uppfyller delvis tillgänglighetskraven",
        "Innehåll som inte är tillgängligt",
        "självbedömning",
        "Utlåtandet har utarbetats 2.12.2026",
        "Transport- och kommunikationsverket Traficom",
    ],
    "en": [
        "Accessibility statement",
        "partially conforms to WCAG 2.1",
        "Non-accessible content",
        "self-assessment",
        "prepared on 2.12.2026 and last reviewed on 2.12.2026",
        "Finnish Transport and Communications Agency Traficom",
    ],
}
# the supervising authority since 1.1.2025 (HE 71/2024: moved from the Regional State
# Administrative Agency for Southern Finland to Traficom)
AUTHORITY = ["saavutettavuusvaatimukset.fi", "saavutettavuus@traficom.fi", "029 534 5000"]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_statement_is_public_and_in_each_language(db, language):
    client = Client()
    client.cookies["kuty_language"] = language
    response = client.get("/saavutettavuus/")
    assert response.status_code == 200
    text = response.content.decode()
    assert f'<html lang="{language}">' in text
    assert [words for words in CONTENT[language] + AUTHORITY if words not in text] == []


def test_feedback_address_is_a_setting(db, settings):
    settings.KUTY_ACCESSIBILITY_FEEDBACK_EMAIL = "palaute@seinajoki.example"
    response = Client().get("/saavutettavuus/")
    assert 'href="mailto:palaute@seinajoki.example"' in response.content.decode()


FOOTER_LINK = '<a href="/saavutettavuus/">'


@pytest.mark.parametrize(
    "role",
    [
        Role.SOCIAL_WORKER,
        Role.TE_OFFICER,
        Role.SUPERVISOR,
        Role.COORDINATOR,
        Role.SOCIAL_WORK_LEAD,
        Role.ADMIN,
        Role.PRIVACY_OFFICER,
    ],
)
def test_every_roles_home_page_links_the_statement_in_its_footer(world, client, role):
    client.force_login(member(role, world.seinajoki, username=f"u-{role}"))
    text = client.get("/").content.decode()
    footer = text.split('<footer class="site-footer">', 1)[1]
    assert FOOTER_LINK in footer


@pytest.mark.parametrize("path", ["/kirjaudu/", "/ei-ole-olemassa/"])
def test_login_and_error_pages_link_the_statement(db, path):
    text = Client().get(path).content.decode()
    assert FOOTER_LINK in text.split("<footer", 1)[1]


def test_the_admin_links_the_statement_in_its_footer(world, client):
    client.force_login(world.paula)
    text = client.get("/hallinta/").content.decode()
    assert FOOTER_LINK in text.split('<footer id="footer">', 1)[1]
