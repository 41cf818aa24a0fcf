"""Issue 28: odd input is a clean 400 in the user's language, never a 500; a locked-out
token login says so (429), not "wrong password"."""

import json

from django.core.cache import cache
from rest_framework.test import APIClient

from tests.factories import PASSWORD

TOKEN = "/api/v1/auth/token/"


def post_raw(body: str, api=None):
    api = api or APIClient()
    return api.post(
        TOKEN, data=body.encode("utf-8", "surrogatepass"), content_type="application/json"
    )


def test_a_body_nested_50_000_levels_deep_is_a_400_on_the_anonymous_token_login(db):
    cache.clear()  # the anonymous throttle
    answer = post_raw("[" * 50_000 + "]" * 50_000)
    assert answer.status_code == 400
    assert answer.json()["detail"].startswith("Pyynnön")  # the one error shape, in Finnish


def test_a_lone_surrogate_is_a_clean_400(db):
    cache.clear()
    answer = post_raw('{"username": "\\ud800", "password": "x"}')
    assert answer.status_code == 400
    assert json.loads(answer.content)["detail"].startswith("Pyynnön")


def test_the_token_login_answers_429_while_locked_out(world, settings):
    cache.clear()
    api = APIClient()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        api.post(TOKEN, {"username": "alice", "password": "wrong"})
    answer = api.post(TOKEN, {"username": "alice", "password": PASSWORD})
    assert answer.status_code == 429
    assert "Liian monta epäonnistunutta kirjautumista" in answer.json()["detail"]
