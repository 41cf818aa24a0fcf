"""Ids in API URLs are numbers: anything else is no such object (404), never a 500."""

import pytest

from tests.factories import api_for

ROUTES = [
    "/api/v1/decisions/AAA/",
    "/api/v1/consents/null/withdraw/",
    "/api/v1/cases/1.5/",
    "/api/v1/clients/%20/",
    "/api/v1/activation-plans/x/renew/",
    "/api/v1/placements/-1/days/",
    "/api/v1/assessments/99999999999999999999999/",
    "/api/v1/sites/99999999999999999999999/",
    "/api/v1/organizations/99999999999999999999999/",
    "/api/v1/decisions/99999999999999999999999/pdf/",
]


@pytest.mark.parametrize("path", ROUTES)
def test_a_non_numeric_id_is_404(world, path):
    api = api_for(world.alice)
    method = api.post if path.endswith(("withdraw/", "renew/")) else api.get
    response = method(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
