"""Every URL pattern, generated from the URL configuration, against every role.

A pattern that carries client data needs an entry in MATRIX; any other pattern must be
named in NOT_CLIENT_DATA. A new URL in neither fails `test_every_url_is_classified`.
Objects out of scope answer 404, never 403.
"""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from guardian.shortcuts import assign_perm

from clients.models import AccessLog, Attachment, CaseGrant, DisclosureLog
from decisions.models import Decision
from followup.models import (
    CapacityAssessment,
    Closure,
    Evaluation,
    EvaluationForm,
    Reminder,
    ReminderRecipient,
    Review,
)
from placements.models import AbsenceNotice, Placement, SiteClosure
from plans.models import ActivationPlan, Assessment, PlanType
from tests.factories import ConsentFactory
from tests.workability.journey import every_kind

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PERSONAS = ["alice", "olli", "tero", "pekka", "otto", "kaisa", "paula", "tuula", "hanna"]
# The client (oma, issue 24): a persona answered only under /oma/, 404 everywhere else.
CLIENTS = {"maija"}

NOT_CLIENT_DATA = {
    "healthz",
    "favicon",
    "accessibility",
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "set_language",
    "schema",
    "swagger-ui",
    "redoc",
    "api-me",
    "api-token",
    "api-token-own-list",
    "api-token-own-detail",
    "api-root",
    "organization-list",
    "organization-detail",
    "site-list",
    "site-detail",
    "rule-set-list",  # the law as dated data: public, no client in it
    "rule-set-detail",
    "placements:directory",
    "placements:site_detail",  # a directory entry: every role reads it
    # the user's own page and calendar feed: names no client (national/calendar.py); the
    # feed's only key is its secret address (tests/national/test_calendar.py)
    "national:my_page",
    "national:calendar_address_new",
    "national:calendar_address_revoke",
    "national:calendar_feed",
    "national:site_ptv",  # a directory entry's PTV comparison: every role reads it
    "national:site_ptv_export",
    # the client's sign-in and sign-out (oma): nothing of a client before it
    "oma:signin",
    "oma:signin_start",
    "oma:signin_callback",
    "oma:signout",
    "oma:signed_out",
}
NOT_CLIENT_DATA_NAMESPACES = {"admin"}  # no client model is registered in the admin

TODAY = timezone.localdate().isoformat()
# name: (method, path template, personas answered 2xx/3xx; everyone else gets 404)
# A "*" means everyone gets the page, and its content is checked for scope instead.
MATRIX = {
    "home": ("get", "/", "*"),
    "clients:case_list": ("get", "/asiakkuudet/", "*"),
    "clients:case_search": ("post", "/asiakkuudet/haku/", "*"),
    "clients:case_open": ("get", "/asiakkuudet/uusi/", {"alice", "olli"}),
    "clients:case_detail": ("get", "/asiakkuudet/{case}/", {"alice", "tero"}),
    "clients:case_opened_on": ("get", "/asiakkuudet/{case}/avattu/", {"alice"}),
    "clients:consent_create": ("get", "/asiakkuudet/{case}/suostumukset/uusi/", {"alice"}),
    "clients:consent_withdraw": (
        "post",
        "/asiakkuudet/{case}/suostumukset/{consent}/peru/",
        {"alice"},
    ),
    "clients:grants": ("get", "/asiakkuudet/{case}/oikeudet/", {"alice"}),
    "clients:grant_revoke": ("post", "/asiakkuudet/{case}/oikeudet/{grant}/peru/", {"alice"}),
    "clients:grant_renew": ("post", "/asiakkuudet/{case}/oikeudet/{grant}/jatka/", {"alice"}),
    "clients:log_report": ("get", "/asiakkuudet/{case}/lokiraportti/", {"alice"}),
    "clients:log_report_pdf": (
        "get",
        f"/asiakkuudet/{{case}}/lokiraportti.pdf?start={TODAY}&end={TODAY}",
        {"alice"},
    ),
    "clients:export_json": ("get", "/asiakkuudet/{case}/tiedot.json", {"alice"}),
    "clients:export_pdf": ("get", "/asiakkuudet/{case}/tiedot.pdf", {"alice"}),
    "clients:attachment_add": ("get", "/asiakkuudet/{case}/liitteet/uusi/", {"alice"}),
    "clients:attachment_download": ("get", "/asiakkuudet/{case}/liitteet/{attachment}/", {"alice"}),
    "clients:referral_create": ("get", "/asiakkuudet/{case}/ohjautuminen/", {"alice"}),
    "clients:meeting_create": ("get", "/asiakkuudet/{case}/tapaamiset/uusi/", {"alice"}),
    "clients:change_worker": ("post", "/asiakkuudet/{case}/omatyontekija/", {"alice"}),
    "plans:assessment_create": ("get", "/asiakkuudet/{case}/arviointi/uusi/", {"alice"}),
    "plans:client_plan_create": ("get", "/asiakkuudet/{case}/asiakassuunnitelma/uusi/", {"alice"}),
    "plans:employment_plan_create": (
        "get",
        "/asiakkuudet/{case}/tyollistymissuunnitelma/uusi/",
        {"alice"},
    ),
    "plans:case_phase": ("post", "/asiakkuudet/{case}/vaihe/", {"alice"}),
    "plans:plan_create": ("get", "/asiakkuudet/{case}/suunnitelmat/uusi/", {"alice"}),
    "plans:plan_detail": ("get", "/asiakkuudet/{case}/suunnitelmat/{plan}/", {"alice", "tero"}),
    "plans:plan_edit": (
        "get",
        "/asiakkuudet/{case}/suunnitelmat/{plan}/muokkaa/",
        {"alice", "tero"},
    ),
    "plans:plan_sign": (
        "post",
        "/asiakkuudet/{case}/suunnitelmat/{plan}/allekirjoita/",
        {"alice", "tero"},
    ),
    "plans:plan_renew": ("post", "/asiakkuudet/{case}/suunnitelmat/{plan}/uusi-versio/", {"alice"}),
    "plans:plan_interrupt": (
        "post",
        "/asiakkuudet/{case}/suunnitelmat/{plan}/keskeytys/",
        {"alice"},
    ),
    "plans:plans_to_sign": ("get", "/suunnitelmat/allekirjoitettavat/", {"tero"}),
    "plans:benefit_create": ("get", "/asiakkuudet/{case}/etuudet/uusi/", {"alice"}),
    "decisions:decision_list": ("get", "/paatokset/", "*"),
    "decisions:decision_create": ("get", "/asiakkuudet/{case}/paatokset/uusi/", {"alice"}),
    "decisions:decision_check_new": (
        "post",
        "/asiakkuudet/{case}/paatokset/uusi/tarkista/",
        {"alice"},
    ),
    "decisions:decision_detail": ("get", "/asiakkuudet/{case}/paatokset/{decision}/", {"alice"}),
    "decisions:decision_edit": (
        "get",
        "/asiakkuudet/{case}/paatokset/{decision}/muokkaa/",
        {"alice"},
    ),
    "decisions:decision_check": (
        "post",
        "/asiakkuudet/{case}/paatokset/{decision}/muokkaa/tarkista/",
        {"alice"},
    ),
    "decisions:decision_make": ("post", "/asiakkuudet/{case}/paatokset/{decision}/tee/", {"alice"}),
    "decisions:decision_confirm": (
        "get",
        "/asiakkuudet/{case}/paatokset/{decision}/vahvista/",
        {"alice"},
    ),
    "decisions:ending_edit": (
        "get",
        "/asiakkuudet/{case}/paatokset/{ending}/paattaminen/muokkaa/",
        {"alice"},
    ),
    "decisions:decision_notify": (
        "post",
        "/asiakkuudet/{case}/paatokset/{decision}/tiedoksianto/",
        {"alice"},
    ),
    "decisions:decision_replace": (
        "post",
        "/asiakkuudet/{case}/paatokset/{decision}/korvaa/",
        {"alice"},
    ),
    "decisions:decision_pdf": (
        "get",
        "/asiakkuudet/{case}/paatokset/{decision}/paatos.pdf",
        {"alice"},
    ),
    "placements:notice_send": (
        "get",
        "/asiakkuudet/{case}/paatokset/{decision}/ilmoitus/",
        {"alice"},
    ),
    "placements:placement_detail": ("get", "/tyotoiminta/{placement}/", {"alice", "pekka"}),
    "placements:notice_pdf": ("get", "/tyotoiminta/{placement}/ilmoitus.pdf", {"alice", "pekka"}),
    "placements:attendance_week": ("get", "/tyotoiminta/yksikko/{site}/viikko/", {"pekka"}),
    "placement-list": ("get", "/api/v1/placements/", "*"),
    "placements:closure_add": ("post", "/tyotoiminta/yksikko/{site}/sulkupaiva/", {"pekka"}),
    "placements:placement_update": ("post", "/tyotoiminta/{placement}/tiedot/", {"pekka"}),
    "placements:tt3_list": ("get", "/tyotoiminta/yksikko/{site}/tt3/", {"pekka"}),
    # the fortnight's notices of a site: the supervisor produces and sends them
    "placements:notices": ("get", "/tyotoiminta/yksikko/{site}/ilmoitukset/", {"pekka"}),
    "placements:notices_pdf": ("get", "/tyotoiminta/yksikko/{site}/ilmoitukset.pdf", {"pekka"}),
    "placements:notices_mark_sent": (
        "post",
        "/tyotoiminta/yksikko/{site}/ilmoitukset/lahetetty/",
        {"pekka"},
    ),
    "placements:notice_undo": ("post", "/tyotoiminta/ilmoitukset/{notice}/peru/", {"pekka"}),
    "absence-notice-list": ("get", "/api/v1/absence-notices/", "*"),
    "absence-notice-detail": ("get", "/api/v1/absence-notices/{notice}/", {"alice", "pekka"}),
    # the site's directory entry: pekka was granted the right to edit it (guardian); its
    # provider's administrator hands the rights out, and no persona is one
    "placements:site_entry_edit": ("get", "/palveluhakemisto/{site}/muokkaa/", {"pekka"}),
    "placements:site_closure_add": ("post", "/palveluhakemisto/{site}/sulkupaivat/", {"pekka"}),
    "placements:site_closure_remove": (
        "post",
        "/palveluhakemisto/{site}/sulkupaivat/{site_closure}/poista/",
        {"pekka"},
    ),
    "placements:site_right_grant": ("post", "/palveluhakemisto/{site}/oikeudet/", set()),
    "placements:site_right_revoke": (
        "post",
        "/palveluhakemisto/{site}/oikeudet/{pekka}/peru/",
        set(),
    ),
    "placements:monthly": ("get", "/tyotoiminta/yksikko/{site}/kuukausi/", {"pekka"}),
    "placements:tt3_pdf": (
        "get",
        "/tyotoiminta/{placement}/tt3.pdf?start=2026-01-01&end=2026-01-14",
        {"alice", "pekka"},
    ),
    "placements:tt3_csv": (
        "get",
        "/tyotoiminta/{placement}/tt3.csv?start=2026-01-01&end=2026-01-14",
        {"alice", "pekka"},
    ),
    # marking the notice sent to Kela is the supervisor's act
    "placements:tt3_mark_sent": ("post", "/tyotoiminta/{placement}/tt3/lahetetty/", {"pekka"}),
    "placement-detail": ("get", "/api/v1/placements/{placement}/", {"alice", "pekka"}),
    "placement-days": ("get", "/api/v1/placements/{placement}/days/", {"alice", "pekka"}),
    # the site is in the body: a bare POST is refused (400) for all; scope is tested in
    # tests/placements/test_attendance_api.py
    "attendance": ("post", "/api/v1/attendance/", set(PERSONAS)),
    "decision-list": ("get", "/api/v1/decisions/", "*"),
    "decision-detail": ("get", "/api/v1/decisions/{decision}/", {"alice"}),
    "decision-make": ("post", "/api/v1/decisions/{decision}/make/", {"alice"}),
    "decision-notify": ("post", "/api/v1/decisions/{decision}/notify/", {"alice"}),
    "decision-replace": ("post", "/api/v1/decisions/{decision}/replace/", {"alice"}),
    "decision-pdf": ("get", "/api/v1/decisions/{decision}/pdf/", {"alice"}),
    "clients:misuse_check": ("get", "/tietosuoja/vaarinkaytto/", {"tuula"}),
    "client-list": ("get", "/api/v1/clients/", "*"),
    "client-detail": ("get", "/api/v1/clients/{client}/", {"alice", "tero"}),
    "case-list": ("get", "/api/v1/cases/", "*"),
    "case-detail": ("get", "/api/v1/cases/{case}/", {"alice", "tero"}),
    "consent-list": ("get", "/api/v1/consents/", "*"),
    "consent-detail": ("get", "/api/v1/consents/{consent}/", {"alice"}),
    "case-phase": ("post", "/api/v1/cases/{case}/phase/", {"alice"}),
    "assessment-list": ("get", "/api/v1/assessments/", "*"),
    "assessment-detail": ("get", "/api/v1/assessments/{assessment}/", {"alice"}),
    "activation-plan-list": ("get", "/api/v1/activation-plans/", "*"),
    "activation-plan-detail": ("get", "/api/v1/activation-plans/{plan}/", {"alice", "tero"}),
    "activation-plan-sign": ("post", "/api/v1/activation-plans/{plan}/sign/", {"alice", "tero"}),
    # renewing and interrupting are the organiser's work, as on the pages (not the TE's)
    "activation-plan-renew": ("post", "/api/v1/activation-plans/{plan}/renew/", {"alice"}),
    "activation-plan-interrupt": ("post", "/api/v1/activation-plans/{plan}/interrupt/", {"alice"}),
    "consent-withdraw": ("post", "/api/v1/consents/{consent}/withdraw/", {"alice"}),
    "clients:case_next_period": ("post", "/asiakkuudet/{case}/uusi-jakso/", {"alice"}),
    "decisions:ending_create": (
        "get",
        "/asiakkuudet/{case}/paatokset/{decision}/paattaminen/",
        {"alice"},
    ),
    "followup:evaluation_create": ("get", "/asiakkuudet/{case}/arvioinnit/uusi/", {"alice"}),
    "followup:placement_evaluation_create": (
        "get",
        "/tyotoiminta/{placement}/arvioinnit/uusi/",
        {"pekka"},
    ),
    "followup:evaluation_detail": ("get", "/arvioinnit/{evaluation}/", {"alice", "pekka"}),
    "followup:capacity_create": ("get", "/asiakkuudet/{case}/itsearviot/uusi/", {"alice"}),
    "followup:placement_capacity_create": (
        "get",
        "/tyotoiminta/{placement}/itsearviot/uusi/",
        {"pekka"},
    ),
    "followup:review_create": ("get", "/asiakkuudet/{case}/tarkistukset/uusi/", {"alice"}),
    "followup:closure_create": ("get", "/asiakkuudet/{case}/paattaminen/", {"alice"}),
    "followup:closure_pdf": ("get", "/paattamiset/{closure}/yhteenveto.pdf", {"alice"}),
    "evaluation-list": ("get", "/api/v1/evaluations/", "*"),
    "evaluation-detail": ("get", "/api/v1/evaluations/{evaluation}/", {"alice", "pekka"}),
    "capacity-assessment-list": ("get", "/api/v1/capacity-assessments/", "*"),
    "capacity-assessment-detail": (
        "get",
        "/api/v1/capacity-assessments/{capacity}/",
        {"alice", "pekka"},
    ),
    "review-list": ("get", "/api/v1/reviews/", "*"),
    "review-detail": ("get", "/api/v1/reviews/{review}/", {"alice"}),
    "closure-list": ("get", "/api/v1/closures/", "*"),
    "closure-detail": ("get", "/api/v1/closures/{closure}/", {"alice"}),
    # a reminder is its recipient's own: nobody else reaches it, not even a colleague
    "followup:reminder_done": ("post", "/muistutukset/{reminder}/tehty/", {"alice"}),
    "followup:reminder_dismiss": ("post", "/muistutukset/{reminder}/ohita/", {"alice"}),
    "reminder-list": ("get", "/api/v1/reminders/", "*"),
    "reminder-detail": ("get", "/api/v1/reminders/{reminder}/", {"alice"}),
    "reminder-done": ("post", "/api/v1/reminders/{reminder}/done/", {"alice"}),
    "reminder-dismiss": ("post", "/api/v1/reminders/{reminder}/dismiss/", {"alice"}),
    # the regional report: aggregates only, to the coordinator and the providers' staff
    "reports:regional": ("get", "/raportit/alue/", {"kaisa", "pekka", "otto"}),
    "reports:regional_csv": ("get", "/raportit/alue.csv", {"kaisa", "pekka", "otto"}),
    "reports:regional_xlsx": ("get", "/raportit/alue.xlsx", {"kaisa", "pekka", "otto"}),
    "reports:regional_pdf": ("get", "/raportit/alue.pdf", {"kaisa", "pekka", "otto"}),
    "regional-report": ("get", "/api/v1/reports/regional/", {"kaisa", "pekka", "otto"}),
    # the work-ability path (workability): the registrar's social work and, by the client's
    # consent, the path's team act on it; the employment authority reads it by consent
    "workability:path_list": ("get", "/tyokyky/", "*"),
    "workability:path_open": ("get", "/tyokyky/asiakkaat/{client}/uusi/", {"alice"}),
    "workability:flag_evaluate": ("post", "/tyokyky/asiakkaat/{client}/kriteerit/", {"alice"}),
    "workability:path_detail": ("get", "/tyokyky/{path}/", {"alice", "tero", "hanna"}),
    "workability:part_add": ("get", "/tyokyky/{path}/lisaa/toimenpide/", {"alice", "hanna"}),
    "workability:handover_propose": ("get", "/tyokyky/{path}/vaihto/", {"alice", "hanna"}),
    "workability:path_end": ("get", "/tyokyky/{path}/paata/", {"alice", "hanna"}),
    "workability:meeting_add": ("get", "/tyokyky/{path}/verkostotapaaminen/", {"alice", "hanna"}),
    "workability:action_done": (
        "post",
        "/tyokyky/toimenpiteet/{action}/tehty/",
        {"alice", "hanna"},
    ),
    "workability:handover_accept": (
        "post",
        "/tyokyky/vaihdot/{handover}/hyvaksy/",
        {"alice", "hanna"},
    ),
    "workability:flag_list": ("get", "/tyokyky/kriteerit/", "*"),
    "workability:flag_detail": ("get", "/tyokyky/kriteerit/{flag}/", {"alice", "tero", "hanna"}),
    "support-plan-list": ("get", "/api/v1/support-plans/", "*"),
    "support-plan-detail": ("get", "/api/v1/support-plans/{path}/", {"alice", "tero", "hanna"}),
    "integration-flag-list": ("get", "/api/v1/integration-flags/", "*"),
    "integration-flag-detail": (
        "get",
        "/api/v1/integration-flags/{flag}/",
        {"alice", "tero", "hanna"},
    ),
    "handover-list": ("get", "/api/v1/handovers/", "*"),
    "handover-detail": ("get", "/api/v1/handovers/{handover}/", {"alice", "tero", "hanna"}),
    "handover-accept": ("post", "/api/v1/handovers/{handover}/accept/", {"alice", "hanna"}),
    # the client's own pages (oma): the client alone, their own records
    "oma:home": ("get", "/oma/", CLIENTS),
    "oma:plan_detail": ("get", "/oma/suunnitelmat/{plan}/", CLIENTS),
    "oma:plan_sign": ("post", "/oma/suunnitelmat/{plan}/allekirjoita/", CLIENTS),
    "oma:consent_list": ("get", "/oma/suostumukset/", CLIENTS),
    "oma:consent_withdraw": ("post", "/oma/suostumukset/{consent}/peru/", CLIENTS),
    "oma:processing_log": ("get", "/oma/kasittelyt/", CLIENTS),
    "oma:processing_log_pdf": ("get", "/oma/kasittelyt.pdf", CLIENTS),
    "oma:days": ("get", "/oma/paivat/", CLIENTS),
    "oma:self_assessment": ("get", "/oma/itsearvio/{case}/", CLIENTS),
    "oma:decision_list": ("get", "/oma/paatokset/", CLIENTS),
    "oma:decision_pdf": ("get", "/oma/paatokset/{decision}/pdf/", CLIENTS),
    "oma-plan-detail": ("get", "/api/v1/oma/plans/{plan}/", CLIENTS),
    "oma-plan-sign": ("post", "/api/v1/oma/plans/{plan}/sign/", CLIENTS),
    "oma-consent-list": ("get", "/api/v1/oma/consents/", CLIENTS),
    "oma-consent-withdraw": ("post", "/api/v1/oma/consents/{consent}/withdraw/", CLIENTS),
    "oma-access-log": ("get", "/api/v1/oma/access-log/", CLIENTS),
}
# For the "*" pages: who sees the client's name in the answer.
SEES_CLIENT_IN_LISTS = {"alice", "tero"}
# The placement notice shares the client's name with the supervisor of the site.
# The work-ability team sees the client of its path (by consent): lists and its to-do.
TEAM_SEES_CLIENT = {
    name: {"hanna"}
    for name in (
        "home",
        "workability:path_list",
        "workability:flag_list",
        "support-plan-list",
        "integration-flag-list",
        "handover-list",
    )
}
SUPERVISOR_SEES_PLACED_CLIENT = {
    "home": {"pekka"},
    "placement-list": {"pekka"},
    "absence-notice-list": {"pekka"},
    "evaluation-list": {"pekka"},
    "capacity-assessment-list": {"pekka"},
}
LISTS_WITHOUT_OFFICER = {
    "reminder-list",
    "evaluation-list",
    "capacity-assessment-list",
    "review-list",
    "closure-list",
    "placement-list",
    "absence-notice-list",
    "decision-list",
    "decisions:decision_list",
    "assessment-list",
    "clients:case_list",
    "clients:case_search",
    "consent-list",
}


def url_names(patterns=None, namespace=""):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace])) or ""
            yield from url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            yield namespace, pattern.name or str(pattern.pattern)


def test_every_url_is_classified():
    unclassified = {
        f"{ns}:{name}" if ns else name
        for ns, name in url_names()
        if ns.split(":")[0] not in NOT_CLIENT_DATA_NAMESPACES
        and (f"{ns}:{name}" if ns else name) not in MATRIX
        and (f"{ns}:{name}" if ns else name) not in NOT_CLIENT_DATA
    }
    assert unclassified == set(), "add these URLs to MATRIX or NOT_CLIENT_DATA"


@pytest.fixture
def objects(world) -> dict[str, int]:
    """alice's case, shared with tero's office by consent, with a substitute grant."""
    consent = ConsentFactory(client=world.case.client, organization=world.te_office)
    today = timezone.localdate()
    grant = CaseGrant.objects.create(
        case=world.case,
        user=world.sami,
        reason="Loma",
        starts_on=today,
        ends_on=today + datetime.timedelta(days=7),
        granted_by=world.alice,
    )
    attachment = Attachment.objects.create(
        case=world.case,
        title="Tulos",
        file=ContentFile(PNG, name="x"),
        content_type="image/png",
        size=len(PNG),
        uploaded_by=world.alice,
    )
    plan = ActivationPlan.objects.create(
        case=world.case, plan_type=PlanType.objects.first(), created_by=world.alice
    )
    assessment = Assessment.objects.create(
        case=world.case, started_on=timezone.localdate(), summary="Arvio", recorded_by=world.alice
    )
    decision = Decision.objects.create(
        case=world.case,
        status="made",
        decided_on=today,
        decision_maker=world.alice,
        authority=world.seinajoki,
        reasons="x",
        contact_person=world.alice,
        created_by=world.alice,
    )
    ending = Decision.objects.create(  # a draft that ends the service of `decision`
        case=world.case,
        kind="ending",
        ends=decision,
        outcome="negative",
        end_on=today,
        authority=world.seinajoki,
        reasons="x",
        contact_person=world.alice,
        created_by=world.alice,
    )
    placement = Placement.objects.create(
        decision=decision,
        case=world.case,
        site=world.site,
        client_name="Maija Meikäläinen",
        start_on=today,
        end_on=today,
        weekdays=[1],
        hours_per_day=4,
        goals="x",
        contacts="y",
        notice_sent_on=today,
        notice_sent_by=world.alice,
        notice_pdf=ContentFile(b"%PDF-1.4 test", name="n.pdf"),
    )
    evaluation = Evaluation.objects.create(
        case=world.case,
        placement=placement,
        form=EvaluationForm.objects.get(active=True),
        kind="start",
        author_role="supervisor",
        recorded_by=world.pekka,
    )
    closure = Closure.objects.create(  # a row only: the case itself stays open
        case=world.case,
        reason="studies",
        next_path="education",
        continuation_plan="x",
        contact_person="Alice",
        final_evaluation_done=True,
        self_assessment_done=True,
        recorded_by=world.alice,
        pdf=ContentFile(b"%PDF-1.4 test", name="c.pdf"),
    )
    capacity = CapacityAssessment.objects.create(
        case=world.case, placement=placement, phase="start", recorded_by=world.pekka
    )
    review = Review.objects.create(
        case=world.case, kind="review", participants="x", agreed="y", recorded_by=world.alice
    )
    # a provider's colleague granted the right to edit the site's directory entry
    assign_perm("accounts.change_site_entry", world.pekka, world.site)
    site_closure = SiteClosure.objects.create(
        site=world.site, day=today + datetime.timedelta(days=30), reason="Remontti"
    )
    from oma.services import client_account_for

    world.maija = client_account_for(  # Maija herself, signed in strongly (oma)
        hetu=world.case.client.hetu, given_name="Maija", family_name="Meikäläinen"
    ).user
    reminder = Reminder.objects.create(kind="case_idle", case=world.case, due_on=today)
    notice = AbsenceNotice.objects.create(
        placement=placement,
        period_start=today,
        period_end=today,
        sent_on=today,
        sent_by=world.pekka,
    )
    ReminderRecipient.objects.create(reminder=reminder, user=world.alice, role="worker")
    from reports import rollups

    rollups.refresh_all()  # built, as after the first night (else: "being prepared", 503)
    return {
        "notice": notice.pk,
        "site_closure": site_closure.pk,
        "pekka": world.pekka.pk,
        "reminder": reminder.pk,
        "capacity": capacity.pk,
        "review": review.pk,
        "evaluation": evaluation.pk,
        "closure": closure.pk,
        "site": world.site.pk,
        "decision": decision.pk,
        "ending": ending.pk,
        "placement": placement.pk,
        "assessment": assessment.pk,
        "plan": plan.pk,
        "attachment": attachment.pk,
        "case": world.case.pk,
        "client": world.case.client_id,
        "consent": consent.pk,
        "grant": grant.pk,
        **every_kind(world),  # Maija's work-ability path; hanna holds her
    }


# The same action on a page and in the API asks for the same right: the same personas.
PAGE_AND_API = [
    ("clients:case_detail", "case-detail"),
    ("clients:consent_withdraw", "consent-withdraw"),
    ("plans:case_phase", "case-phase"),
    ("plans:plan_detail", "activation-plan-detail"),
    ("plans:plan_sign", "activation-plan-sign"),
    ("plans:plan_renew", "activation-plan-renew"),
    ("plans:plan_interrupt", "activation-plan-interrupt"),
    ("decisions:decision_detail", "decision-detail"),
    ("decisions:decision_make", "decision-make"),
    ("decisions:decision_notify", "decision-notify"),
    ("decisions:decision_replace", "decision-replace"),
    ("decisions:decision_pdf", "decision-pdf"),
    ("placements:placement_detail", "placement-detail"),
    ("reports:regional", "regional-report"),
    ("oma:plan_detail", "oma-plan-detail"),
    ("oma:plan_sign", "oma-plan-sign"),
    ("oma:consent_list", "oma-consent-list"),
    ("oma:consent_withdraw", "oma-consent-withdraw"),
    ("oma:processing_log", "oma-access-log"),
    ("workability:path_detail", "support-plan-detail"),
    ("workability:flag_detail", "integration-flag-detail"),
    ("workability:handover_accept", "handover-accept"),
]
SURNAMES = {"Meikäläinen", "Lapualainen"}
# In scope, yet no client is shown as requested here (an empty form, a site, a month or a
# misuse check with nothing recorded, a bare POST naming no site): nothing is logged.
SHOWS_NO_CLIENT = {
    "clients:case_open",
    "clients:misuse_check",
    "placements:closure_add",
    "placements:site_entry_edit",  # the directory entry is no client's data
    "placements:site_closure_add",
    "placements:site_closure_remove",
    "placements:monthly",
    "placements:tt3_list",  # the placement starts today: nothing to report to Kela yet
    "placements:notices",  # the last complete fortnight: the placement starts today
    "placements:notices_pdf",
    "placements:notices_mark_sent",
    "attendance",
    "reports:regional",
    "reports:regional_csv",
    "reports:regional_xlsx",
    "reports:regional_pdf",
    "regional-report",
}  # the clients of the world (case, other_case)


@pytest.mark.parametrize(("page", "api"), PAGE_AND_API)
def test_page_and_api_ask_for_the_same_right(page, api):
    assert MATRIX[page][2] == MATRIX[api][2]


def shown_clients(response) -> int:
    """How many of the world's clients an HTML or JSON answer names."""
    if response.get("Content-Type", "").startswith(("text/html", "application/json")):
        text = response.content.decode()
        return sum(surname in text for surname in SURNAMES)
    return 1  # a PDF, CSV or file of one client


@pytest.mark.parametrize("persona", [*PERSONAS, *sorted(CLIENTS)])
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_matrix(client, world, objects, persona, name):
    method, template, allowed = MATRIX[name]
    client.force_login(getattr(world, persona))
    before = AccessLog.objects.count()
    response = getattr(client, method)(template.format(**objects))
    written = AccessLog.objects.order_by("pk")[before:]
    if allowed == "*" and persona not in CLIENTS:
        assert response.status_code in (200, 302)
        sees = SEES_CLIENT_IN_LISTS - ({"tero"} if name in LISTS_WITHOUT_OFFICER else set())
        sees |= SUPERVISOR_SEES_PLACED_CLIENT.get(name, set())
        sees |= TEAM_SEES_CLIENT.get(name, set())
        if response.status_code == 200:
            assert ("Meikäläinen" in response.content.decode()) == (persona in sees)
            # one request, one row per client it shows: never twice, never none
            assert len(written) == shown_clients(response)
    elif persona in allowed:  # in scope: answered (a bare POST may be refused as invalid)
        assert response.status_code in (200, 201, 302, 400)
        expected = [] if name in SHOWS_NO_CLIENT else [objects["client"]]
        assert [row.client_id for row in written] == expected
    else:
        assert response.status_code == 404
        assert len(written) == 0


@pytest.mark.parametrize("name", sorted(n for n in MATRIX if MATRIX[n][0] == "get"))
def test_a_read_by_consent_is_one_disclosure(client, world, objects, name):
    """The TE officer reads by consent: each access row has its disclosure row."""
    client.force_login(world.tero)
    before = (AccessLog.objects.count(), DisclosureLog.objects.count())
    response = client.get(MATRIX[name][1].format(**objects))
    accesses = AccessLog.objects.count() - before[0]
    disclosures = DisclosureLog.objects.count() - before[1]
    if response.status_code == 200:
        assert disclosures == accesses
    else:
        assert (accesses, disclosures) == (0, 0)
