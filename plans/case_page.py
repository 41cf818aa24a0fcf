from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from clients.case_page import WorkLink, case_page_provider
from clients.models import Case

from .forms import PhaseForm


@case_page_provider
def plans_context(request: HttpRequest, case: Case, works_on: bool) -> dict:
    plans = list(case.activation_plans.select_related("plan_type").prefetch_related("signatures"))
    context = {"activation_plans": plans, "sections": ["plans/_case_section.html"]}
    if not works_on:
        return context
    assessments = list(case.assessments.all())
    client_plans = list(case.client_plans.all())
    employment_plans = list(case.employment_plans.select_related("employment_authority"))
    context.update(
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
