"""/favicon.ico answers with kuty's own icon, not 404."""

from django.contrib.staticfiles import finders


def test_favicon_redirects_to_our_own_svg(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("kuty/favicon.svg")
    assert finders.find("kuty/favicon.svg")


def test_favicon_wrong_method(client):
    assert client.post("/favicon.ico").status_code == 405


def test_pages_name_the_icon(client):
    assert "kuty/favicon.svg" in client.get("/kirjaudu/").content.decode()
