from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from clients.case_page import CaseRecords, NextAction, WorkLink, case_page_provider
from clients.models import Case, Phase

from .forms import PhaseForm
from .models import PlanState


@case_page_provider
def plans_context(request: HttpRequest, case: Case, works_on: bool, records: CaseRecords) -> dict:
    plans = records["activation_plan"] or []
    context = {"activation_plans": plans, "sections": ["plans/_case_section.html"]}
    if not works_on:
        return context
    assessments = records["assessment"]
    client_plans = records["client_plan"]
    employment_plans = records["employment_plan"]
    context.update(
        next_actions=_next_actions(case, records) if case.is_open() else [],
        phase_form=PhaseForm(initial={"phase": case.phase}),
        work_forms=["plans/_case_phase_form.html"],
        work_links=[
            WorkLink(
                reverse("plans:assessment_create", args=[case.pk]),
                _("Kirjaa palvelutarpeen arviointi"),
                len(assessments),
            ),
            WorkLink(
                reverse("plans:client_plan_create", args=[case.pk]),
                _("Kirjaa asiakassuunnitelma"),
                len(client_plans),
            ),
            WorkLink(
                reverse("plans:employment_plan_create", args=[case.pk]),
                _("Kirjaa työllistymissuunnitelma"),
                len(employment_plans),
            ),
        ],
    )
    return context


def _next_actions(case: Case, records: CaseRecords) -> list[NextAction]:
    """The assessment, then the employment plan, then the activation plan signed."""
    actions = []
    if not any(assessment.completed_on for assessment in records["assessment"]):
        url = reverse("plans:assessment_create", args=[case.pk])
        actions.append(NextAction(Phase.ASSESSMENT, url, _("Kirjaa palvelutarpeen arviointi")))
    if not records["employment_plan"]:
        url = reverse("plans:employment_plan_create", args=[case.pk])
        actions.append(NextAction(Phase.PLANNING, url, _("Kirjaa työllistymissuunnitelma")))
    plans = records["activation_plan"] or []
    if not plans:
        url = reverse("plans:plan_create", args=[case.pk])
        actions.append(NextAction(Phase.PLANNING, url, _("Laadi aktivointisuunnitelma")))
    elif all(plan.state == PlanState.DRAFT for plan in plans):
        url = reverse("plans:plan_detail", args=[case.pk, plans[0].pk])
        label = _("Viimeistele suunnitelma ja kirjaa allekirjoitukset")
        actions.append(NextAction(Phase.PLANNING, url, label))
    return actions
