"""Issue 27, item 5: an organisation's administrator opens the admin on their models."""

from html.parser import HTMLParser


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")


def test_the_administrator_sees_their_models_in_the_admin(client, world):
    client.force_login(world.paula)
    page = client.get("/hallinta/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Sinulla ei ole oikeutta" not in html
    links = Links()
    links.feed(html)
    for model in ("user", "organization", "site", "membership"):
        assert f"/hallinta/accounts/{model}/" in links.hrefs, model
    assert client.get("/hallinta/accounts/").status_code == 200  # the app's own index
