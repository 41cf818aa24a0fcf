"""Issue 11 in a real browser: a demo case followed through an evaluation and a
self-assessment, ended early by an ending decision, closed to education, and a new
period opened from it."""

import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from clients.models import Case
from followup.models import CapacityDomain, EvaluationForm
from placements.models import Placement
from tests.browser.test_intake_journey import logged_in, save
from tests.browser.test_login_journeys import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(live_server):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_follow_up_ending_closure_and_a_new_period(browser, live_server, demo):
    placement = Placement.objects.get(case__client__last_name="Peltoniemi")
    case = placement.case
    supervisor = logged_in(browser, live_server, "ohjaaja")
    supervisor.goto(f"{live_server.url}/tyotoiminta/{placement.pk}/")
    supervisor.get_by_role("link", name="Kirjaa arviointi").click()
    supervisor.locator("select[name=kind]").select_option("final")
    for item in EvaluationForm.objects.get(active=True).items.all():
        supervisor.locator(f"input[name=score_{item.pk}][value='4']").check()
    assert serious_violations(supervisor) == []
    save(supervisor)
    assert supervisor.get_by_text("Arviointi tallennettu.").is_visible(), supervisor.locator(
        "main"
    ).inner_text()[:1500]
    supervisor.get_by_role("link", name="Kirjaa toimintakyvyn itsearvio").click()
    supervisor.locator("select[name=phase]").select_option("end")
    for domain in CapacityDomain.objects.filter(active=True):
        supervisor.locator(f"input[name=domain_{domain.pk}]").fill("8")
    save(supervisor)
    assert supervisor.locator("figure.chart").count() == 6
    assert supervisor.locator("figure.chart").first.locator("circle").count() == 3
    assert serious_violations(supervisor) == []

    worker = logged_in(browser, live_server, "sosiaalityo")
    decision = case.decisions.get(status="in_force")
    worker.goto(f"{live_server.url}/asiakkuudet/{case.pk}/paatokset/{decision.pk}/")
    worker.get_by_role("link", name="Päätä palvelu ennen jakson loppua").click()
    worker.locator("textarea[name=reasons]").fill("Asiakas aloittaa opinnot.")
    save(worker)
    # the summary first, then the irreversible make (issue 27, item 6)
    worker.get_by_role("link", name="Tarkista ja tee päätös").click()
    worker.get_by_role("button", name="Tee päätös").click()
    worker.wait_for_load_state()
    pdf = worker.request.get(worker.url + "paatos.pdf").body()
    assert "päättyy" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()

    worker.goto(f"{live_server.url}/asiakkuudet/{case.pk}/paattaminen/")
    worker.locator("select[name=reason]").select_option("studies")
    worker.locator("select[name=next_path]").select_option("education")
    worker.locator("textarea[name=continuation_plan]").fill("Ammattiopisto elokuussa.")
    worker.locator("input[name=contact_person]").fill("Sanna Sosiaalityöntekijä")
    worker.locator("input[name=final_evaluation_done]").check()
    worker.locator("input[name=self_assessment_done]").check()
    save(worker)
    assert Case.objects.get(pk=case.pk).phase == "closed"
    assert worker.get_by_text("Koulutus", exact=False).first.is_visible()
    assert serious_violations(worker) == []
    summary = worker.request.get(
        f"{live_server.url}/paattamiset/{case.closure.pk}/yhteenveto.pdf"
    ).body()
    assert "Koulutus" in PdfReader(io.BytesIO(summary)).pages[0].extract_text()

    supervisor.goto(f"{live_server.url}/")
    assert supervisor.get_by_text("Peltoniemi").count() == 0
    worker.get_by_role("button", name="Aloita uusi jakso").click()
    worker.wait_for_load_state()
    assert worker.get_by_text("Edellinen jakso").is_visible()
    assert Case.objects.filter(previous=case, closed_on__isnull=True).exists()
