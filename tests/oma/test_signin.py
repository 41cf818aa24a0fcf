"""Strong sign-in through a real OpenID Connect provider process (issue 24)."""

import pytest

from oma.models import ClientAccount, Identification

from .conftest import LEO, MAIJA, identify, page, sign_in, texts

pytestmark = pytest.mark.django_db


def test_client_signs_in_and_sees_their_front_page(client, oidc, maija):
    response = sign_in(client, MAIJA)
    assert response["Location"] == "/oma/"
    front = page(client.get("/oma/"))
    assert texts(front, "//h1") == ["Hei Maija!"]
    assert texts(front, "//main//h2") == ["Seinäjoki"]
    event = Identification.objects.get()
    assert event.account.hetu == MAIJA
    assert event.issuer == oidc.issuer
    assert event.subject


def test_a_person_with_no_client_record_is_not_signed_in(client, oidc, world):
    response = client.get(identify(client, MAIJA))  # no record has her hetu
    assert response["Location"] == "/oma/kirjaudu/?virhe=1"
    assert not ClientAccount.objects.exists()
    alert = texts(page(client.get(response["Location"])), "//*[@role='alert']")
    assert alert[0].startswith("Kirjautuminen ei onnistunut.")


def test_a_callback_with_a_state_not_started_here_is_refused(client, oidc, maija):
    callback = identify(client, MAIJA)
    other_browser = type(client)()  # a session that never started this sign-in
    response = other_browser.get(callback)
    assert response["Location"] == "/oma/kirjaudu/?virhe=1"
    assert not Identification.objects.exists()


def test_a_wrong_nonce_is_refused(client, oidc, maija):
    callback = identify(client, MAIJA)
    session = client.session
    for state in session["oidc_states"].values():
        state["nonce"] = "not-the-nonce-sent"
    session.save()
    response = client.get(callback)
    assert response["Location"] == "/oma/kirjaudu/?virhe=1"
    assert client.get("/oma/").status_code == 302  # still signed out: to the sign-in


def test_the_same_person_signing_in_again_keeps_one_account(client, oidc, maija):
    sign_in(client, MAIJA)
    client.logout()
    sign_in(client, MAIJA)
    assert ClientAccount.objects.count() == 1
    assert Identification.objects.count() == 2


def test_each_person_reaches_only_their_own_account(client, oidc, maija):
    sign_in(client, LEO)
    front = page(client.get("/oma/"))
    assert texts(front, "//h1") == ["Hei Leo!"]
    assert texts(front, "//main//h2") == ["Lapua"]
