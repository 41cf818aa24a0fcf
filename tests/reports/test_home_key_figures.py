"""The social-work lead opens on the report (issue 27, item 9): its key figures on the
home page, the same as the report page shows, and the link to it."""

import lxml.html

from accounts.models import Role
from tests.factories import member


def words(element) -> str:
    return " ".join(element.text_content().split())


def test_lead_opens_on_the_reports_key_figures(client, world, region, settings):
    settings.KUTY_REPORT_MIN_CELL = 1  # the figures themselves, not "<5"
    lead = member(Role.SOCIAL_WORK_LEAD, world.seinajoki, username="liisa")
    client.force_login(lead)
    home = lxml.html.fromstring(client.get("/").content.decode())
    (panel,) = home.xpath("//section[@data-role='social_work_lead']")
    shown = [
        (words(dt), words(dd))
        for dt, dd in zip(panel.xpath(".//dt"), panel.xpath(".//dd"), strict=True)
    ]
    report = lxml.html.fromstring(client.get("/raportit/alue/").content.decode())
    totals = [
        (words(table.xpath("caption")[0]), words(total.xpath("td")[0]))
        for table in report.xpath("//table[@data-table]")
        for total in table.xpath("tbody/tr[@class='total']")
    ]
    assert len(shown) == 4 and shown == totals[:4]
    assert panel.xpath(".//a[@href='/raportit/alue/']")[0].text == "Avaa alueraportti"
