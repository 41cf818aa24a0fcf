from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from clients.case_page import TimelineEntry, WorkLink, case_page_provider
from clients.models import Case

from .forms import PhaseForm
from .models import PlanState


@case_page_provider
def plans_context(request: HttpRequest, case: Case, works_on: bool) -> dict:
    plans = list(case.activation_plans.select_related("plan_type").prefetch_related("signatures"))
    timeline = []
    for plan in plans:
        url = reverse("plans:plan_detail", args=[case.pk, plan.pk])
        timeline.append(
            TimelineEntry(
                plan.created_at.date(), title=_("%(plan)s laadittu") % {"plan": plan}, url=url
            )
        )
        timeline += [
            TimelineEntry(
                s.signed_on,
                title=_("%(plan)s: allekirjoitti %(party)s (%(name)s)")
                % {"plan": plan, "party": s.get_party_display(), "name": s.signer_name},
                url=url,
            )
            for s in plan.signatures.all()
        ]
        if plan.state == PlanState.INTERRUPTED:
            timeline.append(
                TimelineEntry(
                    plan.interrupted_on, title=_("%(plan)s keskeytyi") % {"plan": plan}, url=url
                )
            )
    context = {
        "activation_plans": plans,
        "timeline": timeline,
        "sections": ["plans/_case_section.html"],
    }
    if not works_on:
        return context
    assessments = list(case.assessments.all())
    client_plans = list(case.client_plans.all())
    employment_plans = list(case.employment_plans.select_related("employment_authority"))
    for a in assessments:
        timeline.append(
            TimelineEntry(a.started_on, title=_("Palvelutarpeen arviointi alkoi"), detail=a.summary)
        )
        if a.completed_on:
            timeline.append(
                TimelineEntry(
                    a.completed_on,
                    title=_("Palvelutarpeen arviointi valmistui"),
                    detail=a.conclusion,
                )
            )
    timeline += [
        TimelineEntry(p.drawn_up_on, title=_("Asiakassuunnitelma"), detail=p.goals)
        for p in client_plans
    ]
    timeline += [
        TimelineEntry(
            p.drawn_up_on,
            title=_("Työllistymissuunnitelma"),
            detail=f"{p.employment_authority.name}, {p.authority_contact}",
        )
        for p in employment_plans
    ]
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
