"""Issue 27, item 5: the administrator's home page counts every user and site of their
organisations, not only the memberships the "administered by" filter joined."""

from html.parser import HTMLParser

from accounts.models import Role
from tests.factories import MembershipFactory, SiteFactory, member


class Rows(HTMLParser):
    """The admin panel's table as {organisation: [users, sites]}."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, list[str]] = {}
        self.inside = False
        self.cells: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "section" and dict(attrs).get("data-role") == "admin":
            self.inside = True
        if self.inside and tag == "tr":
            self.cells = []
        if self.inside and tag in ("th", "td"):
            self.cells.append("")

    def handle_endtag(self, tag):
        if tag == "section":
            self.inside = False
        if self.inside and tag == "tr" and self.cells:
            self.rows[self.cells[0].strip()] = [cell.strip() for cell in self.cells[1:]]

    def handle_data(self, data):
        if self.inside and self.cells:
            self.cells[-1] += data


def test_the_administrator_sees_each_organisations_users_and_sites(client, world):
    # a second role for one user: still one user
    MembershipFactory(user=world.sami, organization=world.seinajoki, role=Role.PRIVACY_OFFICER)
    # paula administers the workshops too, which have two sites and two people
    MembershipFactory(user=world.paula, organization=world.provider, role=Role.ADMIN)
    SiteFactory(organization=world.provider, municipality=world.seinajoki, name="Kampus")
    member(Role.SUPERVISOR, world.provider, username="pirkko")
    client.force_login(world.paula)
    rows = Rows()
    rows.feed(client.get("/").content.decode())
    # Seinäjoki: paula, alice, tuula, sami; Työpajat: paula, pekka, pirkko
    assert rows.rows["Seinäjoki"] == ["4", "0"]
    assert rows.rows["Työpajat"] == ["3", "2"]
    assert "Lapua" not in rows.rows
