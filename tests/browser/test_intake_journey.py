"""Issue 4 as a new user would do it: from a new client to a signed activation plan."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.demo import DEMO_PASSWORD
from plans.models import ActivationPlan
from tests.browser.test_login_journeys import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TODAY = timezone.localdate().isoformat()


def logged_in(browser, live_server, username: str):
    page = browser.new_context(viewport={"width": 1000, "height": 900}).new_page()
    page.goto(f"{live_server.url}/kirjaudu/")
    page.get_by_label("Käyttäjätunnus").fill(username)
    page.get_by_label("Salasana").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Kirjaudu", exact=True).click()
    page.wait_for_load_state()
    return page


def save(page, name: str = "Tallenna") -> None:
    page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state()


def test_from_referral_to_a_signed_plan_and_the_decision_phase(browser, live_server):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    worker = logged_in(browser, live_server, "sosiaalityo")
    worker.get_by_role("link", name="Uusi asiakkuus").first.click()
    worker.get_by_label("Henkilötunnus tai väliaikainen tunniste").fill("131052-308T")
    worker.get_by_label("Etunimet").fill("Ville")
    worker.get_by_label("Sukunimi").fill("Virtanen")
    worker.get_by_label("Kotikunta").select_option(label="Seinäjoki")
    assert serious_violations(worker) == []
    save(worker, "Avaa asiakkuus")
    assert worker.get_by_role("heading", name="Virtanen Ville").is_visible()
    case_url = worker.url

    # the case's next step (issue 27, item 6) is the first of the same links
    worker.get_by_role("link", name="Kirjaa ohjautuminen ja vireilletulo").first.click()
    worker.get_by_role("combobox", name="Ohjaava taho").select_option("te_services")
    worker.get_by_label("Arjen ja elämänhallinnan vahvistaminen").check()
    save(worker)
    worker.get_by_role("link", name="Kirjaa palvelutarpeen arviointi").first.click()
    worker.get_by_label("Aloitettu").fill(TODAY)
    worker.get_by_label("Yhteenveto").fill("Arvioitu verkostossa.")
    save(worker)
    worker.get_by_role("link", name="Kirjaa työllistymissuunnitelma").first.click()
    worker.get_by_label("Laadittu").fill(TODAY)
    worker.get_by_label("Työvoimaviranomainen").select_option(
        label="Seinäjoen seudun työllisyysalue"
    )
    worker.get_by_label("Yhteyshenkilö").fill("Tero Työllisyysasiantuntija")
    save(worker)
    worker.get_by_role("link", name="Kirjaa suostumus").first.click()
    worker.get_by_label("Organisaatio, jonka kanssa tietoja vaihdetaan").select_option(
        label="Seinäjoen seudun työllisyysalue"
    )
    worker.get_by_label("Mitä tietoja").fill("Aktivointisuunnitelma")
    worker.get_by_label("Käyttötarkoitus").fill("Suunnitelman laatiminen")
    save(worker)

    worker.get_by_role("link", name="Laadi aktivointisuunnitelma").first.click()
    fields = {
        "1. Koulutus- ja työhistoria": "Peruskoulu, varastotyöt.",
        "2. Arvio aiempien julkisten työvoimapalvelujen vaikuttavuudesta": "Vähäinen.",
        "3. Arvio aiempien suunnitelmien toteutumisesta": "Osittain.",
        "4. Toimenpiteet": "Kuntouttava työtoiminta.",
        "1. Työtoiminnan tavoite, kuvaus ja paikka": "Päivärytmi, Pajuluoma.",
        "4. Tuki ja ohjaus": "Omaohjaaja.",
        "5. Muut sosiaali-, terveys-, kuntoutus- ja koulutuspalvelut": "Terveystarkastus.",
    }
    for label, value in fields.items():
        worker.get_by_label(label, exact=True).fill(value)
    worker.get_by_label("2. Päiviä viikossa").fill("5")
    worker.get_by_label("2. Tunteja päivässä").fill("4")
    worker.get_by_label("3. Alkamispäivä").fill(TODAY)
    worker.get_by_label("3. Jakson pituus (kk)").fill("6")
    worker.get_by_label("6. Vaikutukset arvioidaan ja jatkosta päätetään viimeistään").fill(TODAY)
    save(worker, "Tallenna luonnos")
    # said in the error summary and at the field (issue 27, item 8)
    assert worker.get_by_text("1–4 päivänä kalenteriviikossa").first.is_visible()
    assert not ActivationPlan.objects.filter(case__client__last_name="Virtanen").exists()
    worker.get_by_label("2. Päiviä viikossa").fill("3")
    save(worker, "Tallenna luonnos")
    plan_url = worker.url

    officer = logged_in(browser, live_server, "te")
    officer.get_by_role("link", name="Virtanen Ville").first.click()
    assert officer.url == plan_url
    officer.get_by_label("Allekirjoittajan nimi").fill("Tero Työllisyysasiantuntija")
    save(officer, "Kirjaa allekirjoitus")
    assert officer.get_by_text("Allekirjoitus kirjattu").is_visible()

    for party, name in (("municipality", "Sari Sosiaalityöntekijä"), ("client", "Ville Virtanen")):
        worker.goto(plan_url)
        worker.get_by_label("Osapuoli").select_option(party)
        worker.get_by_label("Allekirjoittajan nimi").fill(name)
        save(worker, "Kirjaa allekirjoitus")
    assert worker.get_by_text("Voimassa", exact=True).is_visible()

    worker.goto(case_url)  # the signed plan moved the case to the decision phase itself
    assert worker.get_by_text("Päätös", exact=True).first.is_visible()
    worker.get_by_label("Siirrä vaiheeseen").select_option("planning")
    worker.get_by_label("Syy").fill("Suunnitelmaa täydennetään")
    save(worker, "Siirrä")
    assert worker.get_by_text("Vaihe muutettu").is_visible()
    timeline = worker.locator(".timeline").inner_text()
    for step in (
        "Asiakkuus avattu",
        "Vireilletulo",
        "Palvelutarpeen arviointi alkoi",
        "Työllistymissuunnitelma",
        "Suostumus",
        "laadittu",
        "allekirjoitti Työvoimaviranomainen",
        "allekirjoitti Asiakas",
    ):
        assert step in timeline, step
    assert serious_violations(worker) == []
