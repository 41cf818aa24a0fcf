"""DRF's own refusals come in Finnish, Swedish and English (issue 10, item 8)."""

import pytest
from django.utils import translation
from rest_framework.exceptions import Throttled
from rest_framework.test import APIClient

from core.api import exception_handler


@pytest.mark.parametrize(
    ("language", "words"),
    [("fi", "Kirjaudu sisään"), ("sv", "Logga in"), ("en", "Sign in")],
)
def test_an_anonymous_call_is_answered_in_the_users_language(db, language, words):
    api = APIClient()
    api.cookies["kuty_language"] = language
    response = api.get("/api/v1/sites/")
    assert response.status_code == 401
    assert words in response.json()["detail"]


@pytest.mark.parametrize(
    ("language", "words"), [("fi", "turvatarkiste"), ("sv", "säkerhetskontroll"), ("en", "CSRF")]
)
def test_a_csrf_failure_is_explained(world, language, words):
    api = APIClient(enforce_csrf_checks=True)
    api.force_login(world.alice)
    api.cookies["kuty_language"] = language
    response = api.post(f"/api/v1/cases/{world.case.pk}/phase/", {}, format="json")
    assert response.status_code == 403
    detail = response.json()["detail"]
    assert words in detail and "CSRF Failed" not in detail


@pytest.mark.parametrize(
    ("language", "words"), [("fi", "Liian monta"), ("sv", "För många"), ("en", "Too many")]
)
def test_throttling_says_when_to_try_again(rf, language, words):
    with translation.override(language):
        response = exception_handler(Throttled(wait=11.2), {"request": rf.get("/")})
    assert words in response.data["detail"] and "12" in response.data["detail"]


def test_a_wrong_method_is_named(world):
    api = APIClient()
    api.force_authenticate(world.alice)
    response = api.put("/api/v1/me/")
    assert response.status_code == 405
    assert response.json()["detail"] == "Menetelmä PUT ei ole sallittu tässä osoitteessa."
