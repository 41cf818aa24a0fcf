"""The error pages (issue 16, item 5): in the user's language, no data, a link home, one
log record each; the 500 page answers with the database down."""

import logging

import pytest
from django.db import OperationalError, connection
from django.test import Client

pytestmark = pytest.mark.urls("tests.kuty.error_urls")

CASE_ID = 987654  # in the address: never echoed back
HEADINGS = {
    400: {"fi": "Virheellinen pyyntö", "sv": "Felaktig begäran", "en": "Bad request"},
    403: {"fi": "Ei käyttöoikeutta", "sv": "Ingen behörighet", "en": "No permission"},
    404: {"fi": "Sivua ei löytynyt", "sv": "Sidan hittades inte", "en": "Page not found"},
    500: {
        "fi": "Palvelussa tapahtui virhe",
        "sv": "Ett fel inträffade i tjänsten",
        "en": "An error occurred in the service",
    },
}
HOME = {"fi": "Etusivulle", "sv": "Till startsidan", "en": "Go to the home page"}
LEAKS = [str(CASE_ID), "Meikäläinen", "010190", "RuntimeError", "Traceback", "malformed"]
LANGUAGES = ["fi", "sv", "en"]


def errors_logged(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "kuty.errors"]


def in_language(language: str, client: Client | None = None) -> Client:
    client = client or Client(raise_request_exception=False)
    client.cookies["kuty_language"] = language
    return client


def assert_error_page(response, status: int, language: str) -> None:
    assert response.status_code == status
    text = response.content.decode()
    assert f'<html lang="{language}">' in text
    assert HEADINGS[status][language] in text
    assert f'href="/">{HOME[language]}</a>' in text
    assert not [leak for leak in LEAKS if leak in text]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("status", [400, 403, 500])
def test_error_page_in_users_language_shows_no_data_and_is_logged_once(
    world, caplog, status, language
):
    client = in_language(language)
    client.force_login(world.alice)
    response = client.get(f"/virhe/{status}/{CASE_ID}/")
    assert_error_page(response, status, language)
    assert [r.status_code for r in errors_logged(caplog)] == [status]


@pytest.mark.parametrize("language", LANGUAGES)
def test_404_of_a_case_out_of_scope_is_the_same_page_and_logged_once(world, caplog, language):
    client = in_language(language)
    client.force_login(world.olli)  # Lapua's worker: Seinäjoki's case is not there for him
    response = client.get(f"/asiakkuudet/{world.case.pk}/")
    assert response.status_code == 404
    assert_error_page(response, 404, language)
    assert f"/{world.case.pk}/" not in response.content.decode()
    assert [r.status_code for r in errors_logged(caplog)] == [404]


@pytest.mark.parametrize("language", LANGUAGES)
def test_csrf_failure_is_explained_in_users_language_and_logged_once(world, caplog, language):
    client = in_language(language, Client(enforce_csrf_checks=True))
    client.force_login(world.alice)
    response = client.post(f"/asiakkuudet/{world.case.pk}/vaihe/", {"phase": "closed"})
    assert response.status_code == 403
    text = response.content.decode()
    assert {"fi": "turvatarkiste", "sv": "säkerhetskontroll", "en": "security check"}[
        language
    ] in text
    assert f'href="/">{HOME[language]}</a>' in text
    assert "Meikäläinen" not in text and "CSRF" not in text
    assert [(r.status_code, r.error_kind) for r in errors_logged(caplog)] == [(403, "csrf_failure")]


def refuse_every_query(execute, sql, params, many, context):
    raise OperationalError("connection to server failed: the database is down")


@pytest.mark.parametrize("language", LANGUAGES)
def test_500_page_answers_with_the_database_down(world, caplog, language):
    client = in_language(language)
    client.force_login(world.alice)  # the session itself is in the database
    with connection.execute_wrapper(refuse_every_query):
        response = client.get(f"/asiakkuudet/{world.case.pk}/")
    assert_error_page(response, 500, language)
    assert "database is down" not in response.content.decode()
    assert [r.status_code for r in errors_logged(caplog)] == [500]


def test_500_page_makes_no_query(world, django_assert_num_queries, rf):
    from kuty.errors import server_error

    request = rf.get(f"/asiakkuudet/{CASE_ID}/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500


@pytest.mark.parametrize("status", [404, 500])
def test_api_errors_keep_the_json_shape(world, status):
    client = in_language("en")
    client.force_login(world.alice)
    path = "/api/v1/cases/0/" if status == 404 else "/api/v1/cases/"
    if status == 500:
        with connection.execute_wrapper(refuse_every_query):
            response = client.get(path)
    else:
        response = client.get(path)
    assert response.status_code == status
    assert set(response.json()) == {"detail"}


@pytest.mark.parametrize(
    ("language", "detail"), [("fi", "Ei löytynyt."), ("sv", "Hittades inte."), ("en", "Not found.")]
)
def test_api_address_nothing_answers_speaks_the_callers_accept_language(
    world, caplog, language, detail
):
    """An /api/ address no route matches (Django's 404, not DRF's) answers in the API's
    shape and in the language the caller asked for, like the API's own errors."""
    response = Client(HTTP_ACCEPT_LANGUAGE=language).get("/api/v1/cases/not-a-number/")
    assert response.status_code == 404
    assert response.json() == {"detail": detail}
    assert len(errors_logged(caplog)) == 1
