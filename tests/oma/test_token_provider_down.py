"""The client's API when the identification service does not answer: the token cannot be
verified, so the request is refused as unauthenticated (never a 500)."""

import pytest


@pytest.mark.django_db
def test_a_token_is_refused_plainly_when_the_identification_service_is_down(client, settings):
    settings.OIDC_OP_USER_ENDPOINT = "http://127.0.0.1:9/o/userinfo/"  # nothing listens
    response = client.get("/api/v1/oma/consents/", HTTP_AUTHORIZATION="Bearer kelvoton")
    assert response.status_code in (401, 403)
    assert "Tunnistaudu uudelleen" in response.json()["detail"]
