"""One name order for a client everywhere (issue 27, item 10): "Sukunimi Etunimet", as
the case page, the lists and Kela's forms have it (Client.full_name is the one place it
is written); the decision the client receives and the supervisor's week used
"Etunimet Sukunimi"."""

import lxml.html

from placements import services as placement_services
from tests.decisions.test_decision import stored_pdf


def test_the_client_is_named_surname_first_everywhere(client, world, made):
    person = made.case.client
    name = f"{person.last_name} {person.first_names}"
    client.force_login(world.alice)
    page = lxml.html.fromstring(client.get(f"/asiakkuudet/{made.case_id}/").content.decode())
    assert page.xpath("string(//h1)").strip() == name  # the case page
    assert name in stored_pdf(made)  # the decision the client receives
    assert f"{person.first_names} {person.last_name}" not in stored_pdf(made)
    placement = placement_services.placement_notice_send(
        user=world.alice, decision=made, goals="Arjen rytmi", client_info="", contacts="Alice"
    )
    assert placement.client_name == name  # the supervisor's week and TT3 lists
