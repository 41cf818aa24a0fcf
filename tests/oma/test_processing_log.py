"""Who has processed my data (703/2023): the client reads the access and disclosure
logs of their own records (issue 24)."""

import pytest

from clients.models import AccessLog

from .conftest import MAIJA, page, sign_in, texts

pytestmark = pytest.mark.django_db


def test_client_sees_the_officer_who_read_their_case(client, oidc, world, maija, shared_case):
    officer = type(client)()
    officer.force_login(world.tero)
    officer.get(f"/asiakkuudet/{world.case.pk}/")
    sign_in(client, MAIJA)
    shown = page(client.get("/oma/kasittelyt/"))
    rows = texts(shown, "//ul[@class='oma-log']/li")
    assert any(world.tero.get_full_name() in row for row in rows)
    assert any(row.endswith("(Asiakkaan suostumus)") and "Työllisyysalue" in row for row in rows)


def test_reading_the_log_is_logged_once_as_the_clients_own(client, oidc, maija):
    sign_in(client, MAIJA)
    before = AccessLog.objects.count()
    client.get("/oma/kasittelyt/")
    rows = list(AccessLog.objects.order_by("pk")[before:])
    assert [(r.client_id, r.what, r.purpose) for r in rows] == [
        (maija.pk, "oma käyttöloki", "asiakkaan oma asiointi")
    ]
    shown = page(client.get("/oma/kasittelyt/"))
    assert any(r.startswith(tuple("0123456789")) and "Sinä itse" in r for r in texts(shown, "//li"))


def test_another_persons_log_is_not_shown(client, oidc, world, maija):
    other = type(client)()
    other.force_login(world.olli)
    other.get(f"/asiakkuudet/{world.other_case.pk}/")
    sign_in(client, MAIJA)
    shown = page(client.get("/oma/kasittelyt/"))
    assert not any(world.olli.get_full_name() in row for row in texts(shown, "//li"))


def test_the_log_downloads_as_a_pdf_naming_who_read(client, oidc, world, maija, shared_case):
    import io

    from pypdf import PdfReader

    officer = type(client)()
    officer.force_login(world.tero)
    officer.get(f"/asiakkuudet/{world.case.pk}/")
    sign_in(client, MAIJA)
    before = AccessLog.objects.count()
    answer = client.get("/oma/kasittelyt.pdf")
    assert answer["Content-Type"] == "application/pdf"
    assert AccessLog.objects.count() == before + 1
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(answer.content)).pages)
    assert world.tero.get_full_name() in text
    assert "Tietojen luovutukset" in text
