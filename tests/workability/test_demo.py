import lxml.html
from django.core.management import call_command

from clients.models import DisclosureLog


def test_demo_team_coordinator_holds_a_client_on_the_path_alongside_kuty(client, db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    client.post("/kirjaudu/", {"username": "tyokyky", "password": "kuty-demo-2026"})
    home = lxml.html.fromstring(client.get("/").content)
    todo = home.get_element_by_id("workability-todo-heading").getparent().text_content()
    assert "Tiiviimmän integraation kriteerit täyttyvät: Peltoniemi Kari" in todo
    assert "B-lausunto Kelalle" in todo  # an action the team owns
    paths = client.get("/tyokyky/").content.decode()
    assert "Peltoniemi Kari" in paths
    before = DisclosureLog.objects.count()
    client.get("/tyokyky/kriteerit/")
    assert DisclosureLog.objects.count() == before + 1
