from rest_framework.test import APIClient

from tests.factories import PASSWORD


def test_schema_is_openapi_3(client, world):
    client.force_login(world.alice)
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")
    assert "/api/v1/sites/" in response.json()["paths"]


def test_api_docs_load_nothing_from_elsewhere(client, world):
    client.force_login(world.alice)
    page = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in page
    assert "http://" not in page.replace("http://testserver", "")
    assert "https://" not in page


def test_anonymous_api_call_is_refused(db):
    response = APIClient().get("/api/v1/sites/")
    assert response.status_code in (401, 403)


def test_token_login_then_api_call(world):
    api = APIClient()
    token = api.post("/api/v1/auth/token/", {"username": "alice", "password": PASSWORD}).json()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token['token']}")
    me = api.get("/api/v1/me/").json()
    assert me["username"] == "alice"
    assert me["memberships"][0]["role"] == "social_worker"


def test_token_with_wrong_password_is_refused_in_finnish(world):
    response = APIClient().post("/api/v1/auth/token/", {"username": "alice", "password": "x"})
    assert response.status_code == 400
    assert "väärin" in response.json()["detail"]


def test_site_directory_is_readable_by_staff(world):
    api = APIClient()
    api.force_authenticate(world.pekka)
    names = {site["name"] for site in api.get("/api/v1/sites/").json()["results"]}
    assert names == {"Pajuluoma", "Toivo"}


def test_api_answers_json_only_and_lists_no_foreign_clients(client, world):
    client.force_login(world.pekka)
    response = client.get("/api/v1/cases/", HTTP_ACCEPT="text/html")
    assert response["Content-Type"].startswith("application/json")
    assert "Meikäläinen" not in response.content.decode()
