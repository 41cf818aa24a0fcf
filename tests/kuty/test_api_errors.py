"""The API's one error shape, in the caller's language, declared in the schema (issue 16)."""

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from accounts.services import api_token_issue
from tests.factories import api_for

REQUIRED = {"fi": "Tämä kenttä vaaditaan.", "sv": "Det här fältet", "en": "This field is required."}
INVALID = {"fi": "Pyynnön tiedot eivät kelpaa", "sv": "Begäran", "en": "The request"}
NOT_FOUND = {"fi": "Ei löytynyt.", "sv": "Hittades inte.", "en": "Not found."}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_400_names_each_field_in_the_callers_language(world, language):
    api = api_for(world.alice)
    response = api.post(
        f"/api/v1/cases/{world.case.pk}/phase/", {}, format="json", HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"detail", "errors"}
    assert body["detail"].startswith(INVALID[language]) and "phase, reason" in body["detail"]
    assert set(body["errors"]) == {"phase", "reason"}
    assert REQUIRED[language] in body["errors"]["reason"][0]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_404_is_the_same_shape_in_the_users_language(world, language):
    api = api_for(world.olli)  # Lapua's worker: Seinäjoki's case is not there for him
    api.cookies["kuty_language"] = language
    response = api.get(f"/api/v1/cases/{world.case.pk}/")
    assert response.status_code == 404
    assert response.json() == {"detail": NOT_FOUND[language]}


def test_a_service_refusal_is_the_detail_without_fields(world):
    response = api_for(world.alice).post(
        f"/api/v1/cases/{world.case.pk}/phase/", {"phase": "decision", "reason": "x"}
    )
    assert response.status_code == 400
    assert "Työllistymissuunnitelma" in response.json()["errors"]["phase"][0]
    assert response.json()["detail"] == "Pyynnön tiedot eivät kelpaa: phase."


def test_nested_errors_are_flattened_to_dotted_fields(world):
    response = api_for(world.alice).post(
        "/api/v1/evaluations/",
        {"case": world.case.pk, "placement": 1, "kind": "start", "scores": [{"score": 9}]},
        format="json",
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "scores.0.item" in errors and "scores.0.score" in errors


def test_a_token_without_accept_language_hears_the_users_own_language(world):
    world.alice.language = "sv"
    world.alice.save(update_fields=["language"])
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_token_issue(user=world.alice)[1]}")
    response = api.get("/api/v1/cases/999999/")
    assert response.json() == {"detail": "Hittades inte."}
    asked = api.get("/api/v1/cases/999999/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8")
    assert asked.json() == {"detail": "Not found."}


def test_an_unknown_accept_language_is_finnish(db):
    response = APIClient().get("/api/v1/cases/", HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 401
    assert "Kirjaudu sisään" in response.json()["detail"]


def test_the_schema_is_lint_clean(tmp_path):
    """drf-spectacular warns of an untyped field or a view it cannot read: none here."""
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", tmp_path / "s.yaml")


def test_every_operation_declares_its_types_and_its_refusals(client, db):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    assert schema["components"]["schemas"]["Error"]["required"] == ["detail"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            where = f"{method.upper()} {path}"
            ok = [code for code in responses if code.startswith("2")]
            assert ok, where
            assert all(code == "204" or responses[code].get("content") for code in ok), where
            assert responses["401"]["content"] == error, where
            if method != "get":
                assert responses["400"]["content"] == error, where
            if "{id}" in path:
                assert responses["404"]["content"] == error, where


def test_a_username_longer_than_any_users_is_a_400_not_a_500(db):
    """Found by schemathesis: axes could not record the failed attempt (varchar 255)."""
    response = APIClient().post("/api/v1/auth/token/", {"username": "x" * 300, "password": "y"})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["username"]


@pytest.mark.parametrize(("value", "status"), [("true", 200), ("0", 200), ("null", 400)])
def test_a_yes_no_filter_refuses_what_is_neither(world, value, status):
    """Found by schemathesis' negative data: "null" used to be read as no filter."""
    response = api_for(world.alice).get(f"/api/v1/sites/?start_activity={value}")
    assert response.status_code == status
    if status == 400:
        assert response.json()["errors"] == {"start_activity": ["Anna true tai false."]}
