import lxml.html

from tests.factories import UserFactory
from workability.flags import ensure_default_rules


def test_a_superuser_sets_the_regions_threshold_in_the_admin(client, world):
    ensure_default_rules()
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.post(
        "/hallinta/workability/integrationrule/add/",
        {
            "region": world.region.pk,
            "kind": "health_absences",
            "threshold": 5,
            "weeks": 8,
            "active": "on",
        },
    )
    assert response.status_code == 302
    page = lxml.html.fromstring(
        client.get("/hallinta/workability/integrationrule/").content.decode()
    )
    rows = [
        [cell.text_content().strip() for cell in row.xpath("./th|./td")]
        for row in page.xpath("//table[@id='result_list']/tbody/tr")
    ]
    assert ["Terveysperusteisia poissaoloja viikoissa", "Etelä-Pohjanmaa", "5", "8"] in [
        row[1:5] for row in rows
    ]


def test_the_admin_refuses_a_second_row_of_the_same_kind_for_a_region(client, world):
    ensure_default_rules()
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    data = {"region": world.region.pk, "kind": "health_absences", "threshold": 5, "weeks": 8}
    client.post("/hallinta/workability/integrationrule/add/", data)
    response = client.post("/hallinta/workability/integrationrule/add/", data)
    assert response.status_code == 200
    assert "on jo olemassa" in response.content.decode()
