from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from clients.case_page import CaseRecords, WorkLink, case_page_provider
from clients.models import Case

from .forms import PhaseForm


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
