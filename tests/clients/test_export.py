"""The client's data export (GDPR art. 15, 703/2023) is the whole record: every kind of
the record catalogue, of every registrar the worker belongs to, logged once per client."""

import json

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import Role
from clients.access import gate
from clients.models import (
    AccessLog,
    AgreedAction,
    Attachment,
    CaseGrant,
    NetworkMeeting,
    Referral,
    ResponsibleWorkerChange,
)
from core.access import Right
from core.records import catalogue
from decisions.models import Notification
from followup.models import (
    CapacityAssessment,
    CapacityDomain,
    CapacityScore,
    Closure,
    Evaluation,
    EvaluationForm,
    EvaluationScore,
    Reminder,
    Review,
)
from placements.models import AbsenceNotice, Attendance
from plans.models import Assessment, ClientBenefit, ClientPlan
from tests.clients.test_log_report import pdf_text
from tests.factories import CaseFactory, member
from tests.followup.conftest import placed  # noqa: F401, F811 - the placed case
from tests.workability.journey import every_kind

TODAY = timezone.localdate()


@pytest.fixture
def journey(world, placed):  # noqa: F811
    """Maija's case through every phase: referral to closure, a record of every kind."""
    case, alice = world.case, world.alice
    Referral.objects.create(
        case=case,
        initiated_on=TODAY,
        source="adult_social_work",
        reasons=["life_management"],
        description="Vireille",
        recorded_by=alice,
    )
    ResponsibleWorkerChange.objects.create(
        case=case, worker=alice, changed_on=TODAY, changed_by=alice
    )
    CaseGrant.objects.create(
        case=case, user=world.sami, reason="Loma", starts_on=TODAY, ends_on=TODAY, granted_by=alice
    )
    meeting = NetworkMeeting.objects.create(
        case=case,
        kind="network_meeting",
        held_on=TODAY,
        summary="Verkostopalaveri",
        participants="Alice, Maija",
        recorded_by=alice,
    )
    AgreedAction.objects.create(
        meeting=meeting, description="Soitto Kelaan", responsible_person="Alice", due_on=TODAY
    )
    Attachment.objects.create(
        case=case,
        title="Lääkärinlausunto",
        file=ContentFile(b"%PDF-1.4", name="lausunto.pdf"),
        content_type="application/pdf",
        size=8,
        uploaded_by=alice,
    )
    Assessment.objects.create(
        case=case, started_on=TODAY, summary="Arvio aloitettu", recorded_by=alice
    )
    ClientPlan.objects.create(
        case=case, drawn_up_on=TODAY, goals="Oma tavoite: päivärytmi", recorded_by=alice
    )
    ClientBenefit.objects.create(
        case=case, kind="labour_market_subsidy", start_on=TODAY, recorded_by=alice
    )
    Notification.objects.create(
        decision=placed.decision,
        method="post",
        sent_on=TODAY,
        received_on=TODAY,
        reconsideration_deadline=TODAY,
        recorded_by=alice,
    )
    Attendance.objects.create(
        placement=placed,
        day=TODAY,
        status="present",
        hours=4,
        diary="Hiottiin lautoja",
        recorded_by=world.pekka,
    )
    AbsenceNotice.objects.create(
        placement=placed, period_start=TODAY, period_end=TODAY, sent_on=TODAY, sent_by=world.pekka
    )
    form = EvaluationForm.objects.filter(active=True).first()
    evaluation = Evaluation.objects.create(
        case=case,
        placement=placed,
        form=form,
        evaluated_on=TODAY,
        summary="Hyvä jakso",
        kind="interim",
        author_role="supervisor",
        recorded_by=world.pekka,
    )
    EvaluationScore.objects.create(evaluation=evaluation, item=form.items.first(), score=3)
    capacity = CapacityAssessment.objects.create(
        case=case, assessed_on=TODAY, phase="start", recorded_by=alice
    )
    CapacityScore.objects.create(
        assessment=capacity, domain=CapacityDomain.objects.first(), score=7
    )
    Review.objects.create(
        case=case,
        kind="review",
        held_on=TODAY,
        participants="Alice",
        agreed="Jatketaan",
        recorded_by=alice,
    )
    Closure.objects.create(
        case=case,
        closed_on=TODAY,
        reason="studies",
        next_path="education",
        continuation_plan="Opinnot alkavat",
        contact_person="Alice",
        final_evaluation_done=True,
        self_assessment_done=True,
        recorded_by=alice,
    )
    Reminder.objects.create(kind="plan_assessment_soon", case=case, due_on=TODAY)
    # a read by the employment authority through the consent: a disclosure row
    gate(world.tero, "case", case.pk, right=Right.READ, what="testi")
    every_kind(world)  # the work-ability path (workability): one record of each kind
    return case


def export(client, case, fmt="json", language="fi"):
    client.cookies["kuty_language"] = language
    return client.get(f"/asiakkuudet/{case.pk}/tiedot.{fmt}")


def test_every_kind_of_the_catalogue_is_exported_with_its_records(client, world, journey):
    client.force_login(world.alice)
    data = export(client, journey).json()
    with_records = {s["kind"] for s in data["sections"] if s["records"]}
    missing = {kind.name for kind in catalogue} - with_records
    assert not missing, f"kinds without records in the full journey's export: {missing}"


def test_export_holds_what_each_phase_recorded_in_finnish(client, world, journey):
    client.force_login(world.alice)
    text = json.dumps(export(client, journey).json(), ensure_ascii=False)
    for written in (
        "Oma tavoite: päivärytmi",  # client plan
        "Kuntouttava työtoiminta puutyöpajassa.",  # activation plan
        "Ville Valmentaja",  # the decision's coach
        "Hiottiin lautoja",  # the work diary
        "Soitto Kelaan",  # an agreed action of a network meeting
        "Maija Meikäläinen",  # the client's own signature
        "Hyvä jakso",  # evaluation
        "Jatketaan",  # review
        "Lääkärinlausunto",  # attachment
        "Työllisyysalue",  # the disclosure's recipient
    ):
        assert written in text, written


def test_export_tells_who_processed_the_data_but_not_staff_addresses(client, world, journey):
    client.force_login(world.alice)
    data = export(client, journey).json()
    log = next(s for s in data["sections"] if s["kind"] == "access_log")["records"]
    tero = {world.tero.get_full_name(), world.tero.username}
    assert any(row["fields"]["käyttäjä"] in tero for row in log)  # the authority's read
    assert all("osoite" not in row["fields"] for row in log)
    assert "127.0.0.1" not in json.dumps(data)  # the test client's address, logged


def test_export_is_logged_once_per_client(client, world, journey):
    client.force_login(world.alice)
    before = AccessLog.objects.filter(client=journey.client).count()
    export(client, journey)
    assert AccessLog.objects.filter(client=journey.client).count() == before + 1
    assert AccessLog.objects.filter(client=journey.client, action="export").count() == 1


def test_export_labels_follow_the_language(client, world, journey):
    client.force_login(world.alice)
    swedish = export(client, journey, language="sv").json()
    titles = {s["kind"]: s["title"] for s in swedish["sections"]}
    assert titles["decision"] == "Beslut"
    english = export(client, journey, language="en").json()
    assert {s["kind"]: s["title"] for s in english["sections"]}["decision"] == "Decisions"


def test_export_pdf_reads_every_section(client, world, journey):
    client.force_login(world.alice)
    text = pdf_text(export(client, journey, fmt="pdf"))
    for kind in catalogue:
        assert str(kind.title).split(":")[0][:20] in text, kind.name
    assert "Hiottiin lautoja" in text
    assert journey.client.hetu in text


def test_export_spans_the_registrars_the_worker_belongs_to_only(client, world, journey):
    """The same person in Lapua: a worker of both registrars gets both records; Lapua's
    record is never in Seinäjoki's export."""
    lapua_case = CaseFactory(
        client__hetu=journey.client.hetu,
        client__identifier_kind=journey.client.identifier_kind,
        client__home_municipality=world.lapua,
        municipality=world.lapua,
        responsible_worker=world.olli,
    )
    client.force_login(world.alice)
    data = export(client, journey).json()
    assert data["registrars"] == ["Seinäjoki"]
    cases = next(s for s in data["sections"] if s["kind"] == "case")["records"]
    assert len(cases) == 1
    both = member(Role.SOCIAL_WORKER, world.seinajoki, username="bea")
    both.memberships.create(organization=world.lapua, role=Role.SOCIAL_WORKER)
    client.force_login(both)
    data = export(client, journey).json()
    assert sorted(data["registrars"]) == ["Lapua", "Seinäjoki"]
    assert AccessLog.objects.filter(client=lapua_case.client, user=both).count() == 1


@pytest.mark.parametrize("persona", ["tero", "pekka", "kaisa", "paula", "olli", "otto", "tuula"])
def test_export_is_404_for_every_other_role(client, world, journey, persona):
    client.force_login(getattr(world, persona))
    for fmt in ("json", "pdf"):
        assert export(client, journey, fmt=fmt).status_code == 404


# Models that hold a case's or client's data yet are not kinds of their own: each is
# exported within its parent kind (children) or is not client data.
NOT_KINDS = {
    "clients.AgreedAction": "exported within its network meeting",
    "plans.Signature": "exported within its activation plan",
    "decisions.Coach": "exported within its decision",
    "followup.EvaluationScore": "exported within its evaluation",
    "followup.CapacityScore": "exported within its self-assessment",
    "followup.ReminderRecipient": "who is reminded: staff routing, not the client's data",
}


def _points_to_client_data(model) -> bool:
    targets = {"clients.Client", "clients.Case"} | {kind.model._meta.label for kind in catalogue}
    return any(
        f.many_to_one or f.one_to_one
        for f in model._meta.concrete_fields
        if f.related_model is not None and f.related_model._meta.label in targets
    )


def test_every_model_holding_client_data_is_a_kind_of_the_catalogue():
    kinds = {kind.model for kind in catalogue}
    children = {
        getattr(kind.model, name).rel.related_model for kind in catalogue for name in kind.children
    }
    unexplained = []
    for app in ("clients", "plans", "decisions", "placements", "followup"):
        for model in apps.get_app_config(app).get_models():
            label = model._meta.label
            if model._meta.app_label == "pghistory" or label.endswith("Event"):
                continue
            if model in kinds or model in children or label in NOT_KINDS:
                continue
            if _points_to_client_data(model):
                unexplained.append(label)
    assert not unexplained, f"declare these in a records.py (core.records): {unexplained}"


def test_a_right_the_kind_does_not_declare_reaches_nothing(world, made):
    """Decisions declare only Right.WORK: asked to READ, even their own worker gets 404,
    and nothing is logged."""
    from django.http import Http404

    before = AccessLog.objects.count()
    with pytest.raises(Http404):
        gate(world.alice, "decision", made.pk, right=Right.READ, what="testi")
    assert AccessLog.objects.count() == before
    assert gate(world.alice, "decision", made.pk, right=Right.WORK, what="testi") == made
    assert AccessLog.objects.count() == before + 1


def test_the_gate_answers_404_for_a_record_of_another_case(world, made):
    from django.http import Http404

    with pytest.raises(Http404):
        gate(
            world.alice,
            "decision",
            made.pk,
            right=Right.WORK,
            what="t",
            case_pk=world.other_case.pk,
        )
