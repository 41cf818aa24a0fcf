from clients.models import AccessLog, Consent
from tests.factories import ConsentFactory, api_for


def test_worker_sees_full_hetu_officer_sees_it_masked(world):
    ConsentFactory(client=world.case.client, organization=world.te_office)
    own = api_for(world.alice).get(f"/api/v1/clients/{world.case.client_id}/").json()
    shared = api_for(world.tero).get(f"/api/v1/clients/{world.case.client_id}/").json()
    assert own["hetu"] == world.case.client.hetu
    assert shared["hetu"] == world.case.client.masked_hetu


def test_api_reads_are_logged(world):
    api_for(world.alice).get(f"/api/v1/cases/{world.case.pk}/")
    assert AccessLog.objects.filter(client=world.case.client, what__startswith="API").exists()


def test_consent_with_expiry_before_given_is_refused_in_finnish(world):
    response = api_for(world.alice).post(
        "/api/v1/consents/",
        {
            "case": world.case.pk,
            "organization": world.te_office.pk,
            "information": "Suunnitelma",
            "purpose": "Allekirjoitus",
            "given_on": "2026-11-10",
            "expires_on": "2026-11-01",
        },
    )
    assert response.status_code == 400
    assert "Voimassaolo ei voi päättyä ennen antamispäivää" in str(response.json())
    assert not Consent.objects.exists()


def test_consent_for_a_case_out_of_scope_is_refused(world):
    response = api_for(world.alice).post(
        "/api/v1/consents/",
        {
            "case": world.other_case.pk,
            "organization": world.te_office.pk,
            "information": "x",
            "purpose": "y",
            "given_on": "2026-11-10",
        },
    )
    assert response.status_code == 400
    assert not Consent.objects.exists()


def test_withdraw_through_the_api_ends_sharing(world):
    api = api_for(world.alice)
    created = api.post(
        "/api/v1/consents/",
        {
            "case": world.case.pk,
            "organization": world.te_office.pk,
            "information": "x",
            "purpose": "y",
            "given_on": "2026-11-10",
        },
    ).json()
    assert api_for(world.tero).get(f"/api/v1/cases/{world.case.pk}/").status_code == 200
    withdrawn = api.post(f"/api/v1/consents/{created['id']}/withdraw/").json()
    assert withdrawn["in_force"] is False
    assert api_for(world.tero).get(f"/api/v1/cases/{world.case.pk}/").status_code == 404


def test_error_page_reveals_nothing(client, world):
    client.force_login(world.olli)
    response = client.get(f"/asiakkuudet/{world.case.pk}/")
    assert response.status_code == 404
    assert "Sivua ei löytynyt" in response.content.decode()
    assert "Meikäläinen" not in response.content.decode()
