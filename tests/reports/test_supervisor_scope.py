"""Issue 28: a supervisor's report covers the sites they supervise, not their provider's
every site (docs/decisions.md "The supervisor's report")."""

from accounts.models import Role
from tests.factories import SiteFactory, api_for, member

from .conftest import DAYS, PERIOD, placed

API = "/api/v1/reports/regional/"


def tables(user) -> dict:
    data = api_for(user).get(API, PERIOD).json()
    return {t["key"]: {r["label"]: r["values"] for r in t["rows"]} for t in data["tables"]}


def test_a_supervisor_sees_only_the_sites_they_supervise(world, region, settings):
    settings.KUTY_REPORT_MIN_CELL = 1
    colleague_site = SiteFactory(
        organization=world.site.organization, municipality=world.seinajoki, name="Kampus"
    )
    for i in range(3):
        placed(world, world.seinajoki, colleague_site, birth=DAYS[0].replace(year=1980),
               individual=903 + 2 * i, source="kela", reasons=["life_management"],
               present=DAYS)  # fmt: skip
    mine = tables(world.pekka)  # supervises Pajuluoma only
    assert set(mine["sites"]) == {"Pajuluoma (Työpajat)", "Yhteensä"}
    assert mine["clients"]["Palvelussa kauden aikana"] == [6]
    colleague = member(Role.SUPERVISOR, world.site.organization, sites=[colleague_site])
    assert tables(colleague)["clients"]["Palvelussa kauden aikana"] == [3]


def test_a_supervisor_of_no_site_has_no_report(client, world):
    nobody = member(Role.SUPERVISOR, world.site.organization)
    client.force_login(nobody)
    assert client.get("/raportit/alue/").status_code == 404
