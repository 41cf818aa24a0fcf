"""API tokens (django-rest-knox): hashed, shown once, expiring, revocable (issue 10, item 2)."""

import datetime

from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import ApiToken
from tests.factories import PASSWORD


def login(username: str = "alice", password: str = PASSWORD) -> dict:
    return APIClient().post("/api/v1/auth/token/", {"username": username, "password": password})


def api_with(token: str) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return api


def about(duration: datetime.timedelta, expected: datetime.timedelta) -> bool:
    return abs(duration - expected) < datetime.timedelta(minutes=1)


def test_each_login_gives_a_new_token(world):
    first, second = login().json(), login().json()
    assert first["token"] != second["token"]
    assert api_with(first["token"]).get("/api/v1/me/").status_code == 200
    assert api_with(second["token"]).get("/api/v1/me/").status_code == 200


def test_the_token_is_stored_only_as_a_hash(world):
    token = login().json()["token"]
    row = ApiToken.objects.get(user=world.alice)
    assert token not in (row.digest, row.token_key)
    assert len(row.digest) == 128


def test_a_personal_token_lasts_eight_idle_hours_and_use_moves_it_on(world):
    answer = login().json()
    row = ApiToken.objects.get(user=world.alice)
    assert row.kind == "personal"
    assert about(row.expiry - timezone.now(), datetime.timedelta(hours=8))
    ApiToken.objects.filter(pk=row.pk).update(expiry=timezone.now() + datetime.timedelta(hours=1))
    api_with(answer["token"]).get("/api/v1/me/")
    row.refresh_from_db()
    assert row.expiry - timezone.now() > datetime.timedelta(hours=7)


def test_an_idle_token_is_refused_with_401_and_www_authenticate(world):
    token = login().json()["token"]
    ApiToken.objects.update(expiry=timezone.now() - datetime.timedelta(seconds=1))
    response = api_with(token).get("/api/v1/me/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert "vanhentunut" in response.json()["detail"]


def test_a_system_integration_token_lasts_thirty_days_whatever_its_use(world):
    world.alice.is_system_integration = True
    world.alice.save(update_fields=["is_system_integration"])
    token = login().json()["token"]
    row = ApiToken.objects.get(user=world.alice)
    assert row.kind == "integration"
    expiry = row.expiry
    assert about(expiry - timezone.now(), datetime.timedelta(days=30))
    api_with(token).get("/api/v1/me/")
    row.refresh_from_db()
    assert row.expiry == expiry


def test_a_password_change_ends_every_token(world):
    token = login().json()["token"]
    world.alice.set_password("an-entirely-new-password-42")
    world.alice.save()
    assert api_with(token).get("/api/v1/me/").status_code == 401
    assert not ApiToken.objects.filter(user=world.alice).exists()


def test_a_deactivated_user_s_token_is_refused(world):
    token = login().json()["token"]
    world.alice.is_active = False
    world.alice.save(update_fields=["is_active"])
    assert api_with(token).get("/api/v1/me/").status_code == 401


def test_delete_on_the_token_endpoint_revokes_the_token_in_use(world):
    token = login().json()["token"]
    api = api_with(token)
    assert api.delete("/api/v1/auth/token/").status_code == 204
    assert api.get("/api/v1/me/").status_code == 401


def test_a_made_up_token_is_a_401_in_the_users_language(world):
    response = api_with("0123456789abcdef" * 4).get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_anonymous_call_is_a_401(db):
    response = APIClient().get("/api/v1/sites/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_the_owner_lists_own_tokens_without_the_tokens_themselves(world):
    first = login().json()
    login("olli")
    second = login().json()
    listed = api_with(second["token"]).get("/api/v1/auth/tokens/").json()
    assert {item["id"] for item in listed} == {first["id"], second["id"]}
    assert [item["current"] for item in listed] == [True, False]
    assert first["token"] not in str(listed) and second["token"] not in str(listed)


def test_the_owner_revokes_a_token_and_cannot_touch_another_users(world):
    first, second = login().json(), login().json()
    olli = login("olli").json()
    api = api_with(second["token"])
    assert api.delete(f"/api/v1/auth/tokens/{first['id']}/").status_code == 204
    assert api_with(first["token"]).get("/api/v1/me/").status_code == 401
    assert api.delete(f"/api/v1/auth/tokens/{olli['id']}/").status_code == 404
    assert api_with(olli["token"]).get("/api/v1/me/").status_code == 200


def test_the_organisation_admin_sees_and_revokes_own_users_tokens(client, world):
    alice = login().json()
    olli = login("olli").json()
    client.force_login(world.paula)
    page = client.get("/hallinta/accounts/apitoken/").content.decode()
    assert alice["id"] in page
    assert olli["id"] not in page
    digest = ApiToken.objects.get(user=world.alice).pk
    client.post(f"/hallinta/accounts/apitoken/{digest}/delete/", {"post": "yes"})
    assert api_with(alice["token"]).get("/api/v1/me/").status_code == 401
