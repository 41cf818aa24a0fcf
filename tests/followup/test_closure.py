"""Ending the service early, closing the case with its next path, and a new period."""

import io

from django.utils import timezone
from pypdf import PdfReader

from clients.models import Case, DisclosureLog
from decisions.models import Decision, DecisionStatus
from followup.models import Closure

TODAY = timezone.localdate()


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def closure_post(**changes) -> dict:
    return {
        "closed_on": TODAY.isoformat(),
        "reason": "studies",
        "next_path": "education",
        "continuation_plan": "Aloittaa ammattiopistossa elokuussa.",
        "contact_person": "Alice Ohjaaja",
        "contact_details": "+358 40 000",
        "final_evaluation_done": "on",
        "self_assessment_done": "on",
        **changes,
    }


def end_service(client, world, made) -> Decision:
    client.force_login(world.alice)
    client.post(
        f"/asiakkuudet/{made.case_id}/paatokset/{made.pk}/paattaminen/",
        {
            "end_on": TODAY.isoformat(),
            "reasons": "Asiakas aloittaa opinnot.",
            "legal_basis": "Laki kuntouttavasta työtoiminnasta (189/2001).",
            "contact_person": world.alice.pk,
        },
    )
    ending = Decision.objects.get(kind="ending")
    client.post(f"/asiakkuudet/{made.case_id}/paatokset/{ending.pk}/tee/", {"vahvistettu": "kylla"})
    ending.refresh_from_db()
    return ending


def test_closing_while_the_decision_is_in_force_is_refused(client, world, placed):
    client.force_login(world.alice)
    response = client.post(f"/asiakkuudet/{world.case.pk}/paattaminen/", closure_post())
    assert "päätös palvelun päättämisestä" in " ".join(response.context["form"].errors["closed_on"])
    assert not Closure.objects.exists()
    assert Case.objects.get(pk=world.case.pk).closed_on is None


def test_closure_without_next_path_or_contact_is_refused(client, world):
    client.force_login(world.alice)
    response = client.post(
        f"/asiakkuudet/{world.case.pk}/paattaminen/", closure_post(next_path="", contact_person="")
    )
    errors = response.context["form"].errors
    assert "next_path" in errors and "contact_person" in errors
    assert not Closure.objects.exists()


def test_ending_decision_ends_the_placement_and_tells_the_provider(client, world, placed, made):
    ending = end_service(client, world, made)
    assert ending.status == DecisionStatus.MADE
    placed.refresh_from_db()
    assert placed.end_on == TODAY
    told = DisclosureLog.objects.filter(recipient=world.provider, data__contains="päättyy")
    assert told.count() == 1
    text = pdf_text(
        client.get(f"/asiakkuudet/{made.case_id}/paatokset/{ending.pk}/paatos.pdf").content
    )
    assert "päättyy" in text and "OIKAISUVAATIMUSOHJE" in text


def test_ended_service_is_closed_to_education_with_a_summary_pdf(client, world, placed, made):
    end_service(client, world, made)
    response = client.post(f"/asiakkuudet/{world.case.pk}/paattaminen/", closure_post())
    assert response.status_code == 302
    case = Case.objects.get(pk=world.case.pk)
    assert case.phase == "closed" and case.closed_on == TODAY
    closure = Closure.objects.get()
    text = pdf_text(client.get(f"/paattamiset/{closure.pk}/yhteenveto.pdf").content)
    assert "Koulutus" in text and "Alice Ohjaaja" in text and "ammattiopistossa" in text
    client.force_login(world.pekka)  # the placement is gone from the supervisor
    assert "Meikäläinen" not in client.get("/").content.decode()
    assert client.get(f"/tyotoiminta/{placed.pk}/").status_code == 404


def test_a_new_period_opens_from_the_closed_case(client, world, placed, made):
    end_service(client, world, made)
    client.post(f"/asiakkuudet/{world.case.pk}/paattaminen/", closure_post())
    response = client.post(f"/asiakkuudet/{world.case.pk}/uusi-jakso/")
    new = Case.objects.get(previous=world.case)
    assert response["Location"] == f"/asiakkuudet/{new.pk}/"
    assert new.client_id == world.case.client_id and new.closed_on is None
    page = client.get(f"/asiakkuudet/{new.pk}/").content.decode()
    assert "Edellinen jakso" in page
