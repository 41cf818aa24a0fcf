"""Each role opens on its work (issue 27, item 9): the privacy officer's misuse check, the
TE officer's plans before the reminders, and the reminder panel's count after "Tehty"."""

import lxml.html

from clients.access import access_log
from clients.models import AccessAction, AccessLog
from tests.followup.test_reminders import _open_reminders_for_alice


def tree(response):
    return lxml.html.fromstring(response.content.decode())


def words(element) -> str:
    return " ".join(element.text_content().split())


def test_privacy_officer_opens_on_the_misuse_check(client, world):
    access_log(user=world.sami, clients=[world.case.client], action=AccessAction.VIEW, what="x")
    access_log(user=world.sami, clients=[world.case.client], action=AccessAction.VIEW, what="y")
    access_log(user=world.alice, clients=[world.case.client], action=AccessAction.VIEW, what="z")
    client.force_login(world.tuula)
    before = AccessLog.objects.count()
    page = tree(client.get("/"))
    (panel,) = page.xpath("//section[@data-role='privacy_officer']")
    assert words(panel.xpath(".//h2")[0]) == "Käytön valvonta"
    rows = panel.xpath(".//tbody/tr")
    name = world.sami.get_full_name() or world.sami.username
    cells = [[words(cell) for cell in row.xpath("th|td")] for row in rows]
    assert cells == [[name, "2", f"Tarkista {name}"]]  # alice read her own client
    link = rows[0].xpath(".//a/@href")[0]
    assert link.startswith(f"/tietosuoja/vaarinkaytto/?user={world.sami.pk}&start=")
    assert panel.xpath(".//form[@action='/tietosuoja/vaarinkaytto/']//select[@name='user']")
    assert AccessLog.objects.count() == before  # counts of users, no client shown
    checked = tree(client.get(link))
    assert len(checked.xpath("(//table)[1]/tbody/tr")) == 2  # the link opens the same two


def test_te_officers_plans_come_before_the_reminders(client, world, plan):
    client.force_login(world.tero)
    page = tree(client.get("/"))
    headings = [words(h) for h in page.xpath("//main//h2")]
    plans = headings.index("Allekirjoitusta odottavat suunnitelmat")
    assert plans < headings.index("Tehtävät")  # "no open reminders" never reads above work waiting
    (panel,) = page.xpath("//section[@data-role='employment_officer']")
    assert world.case.client.last_name in words(panel)


def test_the_panels_count_follows_a_reminder_marked_done(client, world):
    _open_reminders_for_alice(world, 2)
    client.force_login(world.alice)
    (total,) = tree(client.get("/")).xpath("//*[@id='todo-total']")
    assert words(total) == "2 avointa muistutusta, myöhässä olevat ensin."
    reminder = world.case.reminders.first()
    response = client.post(f"/muistutukset/{reminder.pk}/tehty/", HTTP_HX_REQUEST="true")
    (total,) = tree(response).xpath("//*[@id='todo-total'][@hx-swap-oob='true']")
    assert words(total) == "1 avoin muistutus, myöhässä olevat ensin."
