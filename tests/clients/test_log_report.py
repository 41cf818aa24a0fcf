"""The client's log report (703/2023): page and PDF for the responsible worker to hand over."""

import io

from django.utils import timezone
from pypdf import PdfReader

from tests.factories import ConsentFactory


def pdf_text(response) -> str:
    reader = PdfReader(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    # table cells wrap, so compare text with whitespace collapsed
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_report_lists_every_access_and_disclosure(client, world):
    ConsentFactory(client=world.case.client, organization=world.te_office)
    officer = client.__class__()
    officer.force_login(world.tero)
    officer.get(f"/asiakkuudet/{world.case.pk}/")
    client.force_login(world.alice)
    client.get(f"/asiakkuudet/{world.case.pk}/")
    page = client.get(f"/asiakkuudet/{world.case.pk}/lokiraportti/").content.decode()
    assert world.tero.get_full_name() in page
    assert world.alice.get_full_name() in page
    assert "Työllisyysalue" in page  # the recipient of the disclosure


def test_report_pdf_is_a_real_pdf_with_the_accesses(client, world):
    client.force_login(world.alice)
    client.get(f"/asiakkuudet/{world.case.pk}/")
    today = timezone.localdate().isoformat()
    response = client.get(
        f"/asiakkuudet/{world.case.pk}/lokiraportti.pdf?start={today}&end={today}"
    )
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response)
    assert "Asiakkaan lokiraportti" in text
    assert "Meikäläinen Maija" in text
    assert world.alice.get_full_name() in text


def test_report_period_excludes_other_days(client, world):
    client.force_login(world.alice)
    client.get(f"/asiakkuudet/{world.case.pk}/")
    response = client.get(
        f"/asiakkuudet/{world.case.pk}/lokiraportti/?start=2020-01-01&end=2020-01-31"
    )
    assert list(response.context["accesses"]) == []


def test_report_refuses_end_before_start_in_finnish(client, world):
    client.force_login(world.alice)
    response = client.get(
        f"/asiakkuudet/{world.case.pk}/lokiraportti/?start=2026-02-01&end=2026-01-01"
    )
    assert "Loppupäivä ei voi olla ennen alkupäivää" in response.content.decode()


def test_export_json_has_all_of_the_clients_data_and_is_logged(client, world):
    ConsentFactory(client=world.case.client, organization=world.te_office)
    client.force_login(world.alice)
    data = client.get(f"/asiakkuudet/{world.case.pk}/tiedot.json").json()
    sections = {s["kind"]: s["records"] for s in data["sections"]}
    person = sections["client"][0]["fields"]
    assert person["henkilötunnus tai väliaikainen tunniste"] == world.case.client.hetu
    assert person["tunnisteen laji"] == "testitunniste"
    assert sections["case"][0]["fields"]["järjestävä kunta"] == "Seinäjoki"
    consent = sections["consent"][0]["fields"]
    assert consent["organisaatio, jonka kanssa tietoja vaihdetaan"] == "Työllisyysalue"
    assert world.case.client.access_log.filter(action="export").count() == 1


def test_export_pdf_is_readable(client, world):
    client.force_login(world.alice)
    text = pdf_text(client.get(f"/asiakkuudet/{world.case.pk}/tiedot.pdf"))
    assert "Asiakkaan tiedot" in text
    assert world.case.client.hetu in text


def test_misuse_check_shows_accesses_outside_own_cases(client, world):
    snooper = client.__class__()
    snooper.force_login(world.sami)  # alice's colleague, not on this case
    snooper.get(f"/asiakkuudet/{world.case.pk}/")
    client.force_login(world.tuula)
    today = timezone.localdate().isoformat()
    page = client.get(
        f"/tietosuoja/vaarinkaytto/?user={world.sami.pk}&start={today}&end={today}"
    ).content.decode()
    assert "Meikäläinen Maija" in page


def test_misuse_check_does_not_flag_own_cases(client, world):
    worker = client.__class__()
    worker.force_login(world.alice)
    worker.get(f"/asiakkuudet/{world.case.pk}/")
    client.force_login(world.tuula)
    today = timezone.localdate().isoformat()
    response = client.get(
        f"/tietosuoja/vaarinkaytto/?user={world.alice.pk}&start={today}&end={today}"
    )
    assert list(response.context["rows"]) == []


def test_misuse_check_is_for_privacy_officers_only(client, world):
    client.force_login(world.alice)
    assert client.get("/tietosuoja/vaarinkaytto/").status_code == 404
